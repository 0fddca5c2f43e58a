"""Linear at scale: the work of compiling, checking and rendering grows
with the size of what is read, never with its square.

Counted, not timed (the suite runs on machines of any speed): each test
does the same thing at a size n and at 10n and compares how often the
expensive step ran.  A quadratic path runs about 100 times as often at
10n; a linear one about 10 times.
"""
import os
import uuid

import pytest

from interop import model as m
from interop import series as series_module
from interop.checks import check_files, repository_files
from interop.publish import compiler
from interop.publish.outputs import compile_sources
from interop.repository import Repository
from interop.tests.conftest import DOCS_EXTRA, copy_criteria

CRITERIA = ("atomic", "clients", "complete", "deployed", "discover", "doc",
            "foundation", "future", "proximity", "stable", "sticky",
            "tools")

#: at 10 times the size, at most this many times the calls (linear: 10)
LINEAR = 15


def guideline(version, caps, previous=None, status="approved"):
    names = [f"compute-cap-{i}" for i in range(caps)]
    approval = (f'    status: {status}\n    target_approval: "{version}"\n'
                if version != "next" else
                '    status: draft\n    target_approval: "2099.06"\n')
    approval += '    releases: ["2026.1"]\n'
    if previous:
        approval += f'    replaces: "{previous}"\n'
    if version != "next":  # the approvals the Board's vote followed
        year, month = version.split(".")
        approval += (
            "  approvals:\n    - by: working-group\n"
            f'      date: "{year}-{int(month) - 1:02d}-20"\n'
            "      reference: https://example.org/wg\n    - by: board\n"
            f'      date: "{year}-{month}-10"\n'
            "      reference: https://example.org/board\n")
    text = (f'metadata:\n  id: "{version}"\n'
            "  reference: https://example.org/guideline-2.0.json\n"
            f"  source: https://example.org/{version}.json\n"
            "  scoring: core\n  os_trademark_approval:\n" + approval
            + "platforms:\n  OpenStack Powered Compute:\n"
            "    description: Compute.\n"
            "    components: [os_powered_compute]\n"
            "components:\n  os_powered_compute:\n    capabilities:\n"
            f"      required: [{', '.join(names)}]\n"
            "      advisory: []\n      deprecated: []\n      removed: []\n"
            "    designated_sections:\n      required: [nova]\n"
            "capabilities:\n")
    for i, name in enumerate(names):
        test = f"tempest.api.compute.test_scale.ScaleTest.test_{i}"
        text += (f"  {name}:\n    project: nova\n    admin: false\n"
                 f"    description: Capability {i}.\n    tests:\n"
                 f"      {test}: id-{uuid.uuid5(uuid.NAMESPACE_URL, test)}\n")
    return text + (
        "designated_sections:\n  nova:\n    required:\n"
        "      guidance: The API is designated.\n      sections:\n"
        "        api:\n          description: The compute API.\n"
        "          designated: true\n"
        "test_repositories:\n  tempest:\n"
        "    repository: https://opendev.org/openstack/tempest/\n"
        '    reference: "47.0.0"\n')


def sheet(version, caps):
    marks = ", ".join(f"{k}: 1" for k in CRITERIA)
    return (f"program: powered\nguideline: \"{version}\"\ncriteria: core\n"
            "capabilities:\n" + "".join(
                f"  compute-cap-{i}:\n    admin: false\n"
                f"    marks: {{{marks}}}\n" for i in range(caps)))


def scratch(root, count, caps):
    """A repository of ``count`` approved Powered guidelines (the oldest
    superseded) and the draft, ``caps`` capabilities each, all scored."""
    copy_criteria(root)
    os.makedirs(os.path.join(root, "guidelines"))
    os.makedirs(os.path.join(root, "criteria", "scoring", "powered"))
    versions = [f"{2001 + i // 2}.{'06' if i % 2 == 0 else '12'}"
                for i in range(count)] + ["next"]
    previous = None
    for i, version in enumerate(versions):
        status = "approved" if i >= count - 2 else "superseded"
        with open(os.path.join(root, "guidelines", f"{version}.yaml"), "w",
                  encoding="utf-8") as handle:
            handle.write(guideline(version, caps, previous, status))
        with open(os.path.join(root, "criteria", "scoring", "powered",
                               f"{version}.yaml"), "w",
                  encoding="utf-8") as handle:
            handle.write(sheet(version, caps))
        previous = version
    compile_sources(Repository(str(root)))
    return Repository(str(root))


def counting(monkeypatch, module, name):
    calls = [0]
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)
    monkeypatch.setattr(module, name, counted)
    return calls


def counting_in_files(monkeypatch, module, name, log):
    """Like :func:`counting`, for calls in forked children too: each call
    appends its process id to the file ``log``; returns a function that
    reads the ids back."""
    original = getattr(module, name)

    def counted(*args, **kwargs):
        with open(log, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(*args, **kwargs)
    monkeypatch.setattr(module, name, counted)
    return lambda: log.read_text().split() if log.exists() else []


def grows(small, large):
    return large / max(small, 1)


def test_scoring_rules_are_linear_in_capabilities(tmp_path, monkeypatch):
    """W005 and W006 work out the listed capabilities once per document,
    not once per capability (10k capabilities took 11 s, 40k 225 s)."""
    calls = counting(monkeypatch, m.Guideline, "capability_statuses")
    counts = []
    for caps in (20, 200):
        repo = scratch(tmp_path / str(caps), 0, caps)
        calls[0] = 0
        findings = check_files(repository_files(repo), repo,
                               select=["W005", "W006"])
        assert [f for f in findings if f.severity == "error"] == []
        counts.append(calls[0])
    assert counts[1] == counts[0]  # per document, whatever its size


def test_required_since_is_linear_in_the_series(tmp_path, monkeypatch):
    """Compiling a whole series looks each guideline's version up a few
    times, not once per capability and earlier guideline (1.07 million
    calls for 50 guidelines)."""
    calls = counting(monkeypatch, series_module, "version_of")
    counts = []
    for count in (4, 40):
        repo = scratch(tmp_path / str(count), count, 5)
        calls[0] = 0
        outcomes = compile_sources(repo, check=True)
        assert {o.state for o in outcomes} == {"unchanged"}
        counts.append(calls[0])
    assert grows(*counts) <= LINEAR, counts


def test_required_since_follows_the_series(tmp_path):
    """The linear walk says what the quadratic one said: required from
    the oldest guideline of the unbroken run."""
    repo = scratch(tmp_path, 3, 2)
    g = repo.load(os.path.join("guidelines", "next.yaml")).guideline
    series = repo.series(g)
    cap = "compute-cap-0"
    assert series.required_since(g, cap) == ("2001.06", False)
    oldest = series.items[0]
    assert series.required_since(oldest, cap) == ("2001.06", False)
    assert series.required_since(series.items[1], cap) == ("2001.06", False)
    assert series.required_since(g, "no-such") == (None, True)


@pytest.mark.parametrize("pages", ["guideline", "packet"])
def test_docs_compile_each_guideline_once(tmp_path, monkeypatch, pages):
    """Every page of a docs build shares one compiled document per
    guideline (a 50-guideline build compiled 162 times)."""
    pytest.importorskip("docutils", reason=DOCS_EXTRA)
    from interop.docs import board, decision
    calls = counting(monkeypatch, compiler, "_compile")
    counts = []
    for count in (3, 30):
        repo = scratch(tmp_path / str(count), count, 2)
        calls[0] = 0
        for path in repo.sources():
            board.guideline_page(repo, path)
            if pages == "packet":
                decision.packet_page(repo, path)
        counts.append(calls[0])
        assert calls[0] == len(repo.sources())


def test_sheets_are_read_once_per_run(tmp_path, monkeypatch):
    """A run reads each scoring sheet once, through the repository, before
    the rules (and forked children) ask for it; a repository that has
    compiled already reads none again."""
    from interop import repository
    from interop.checks import jobs
    repo = scratch(tmp_path / "repo", 6, 3)
    sheets = counting_in_files(monkeypatch, repository, "load_sheet",
                               tmp_path / "sheets")
    rules = counting_in_files(monkeypatch, jobs, "run", tmp_path / "rules")
    check_files(repository_files(repo), repo, jobs=2)
    # the rules ran in two processes, and no child read a sheet again
    assert len(set(rules())) == 2 and os.getpid() in map(int, rules())
    assert len(sheets()) == len(repo.sources())
    assert set(sheets()) == {str(os.getpid())}
    compile_sources(repo, check=True)
    check_files(repository_files(repo), repo)
    assert len(sheets()) == len(repo.sources())


def committed(root, count, caps):
    import git
    repo = scratch(root, count, caps)
    found = git.Repo.init(root)
    with found.config_writer() as config:
        config.set_value("user", "name", "Test Editor")
        config.set_value("user", "email", "editor@example.org")
        config.set_value("commit", "gpgsign", "false")
    found.git.add("-A")
    found.git.commit("-q", "-m", "Start")
    return repo, found


def wg_approves(root, found, date):
    """The Working Group's approval of the draft, and the draft moved to
    review, which a release needs (B005, B012), committed."""
    from interop import cli
    assert cli.main(["approve", "next", "--by", "working-group", "--date",
                     date, "--reference", "https://example.org/wg",
                     "--repo", str(root)]) == 0
    assert cli.main(["status", "next", "review", "--repo", str(root)]) == 0
    found.git.commit("-qam", "WG approval")


def test_release_costs_what_it_changes(tmp_path, monkeypatch):
    """Once a tree has been found clean, a release and the next draft
    compile and check the guidelines they can change, not the series
    (at the 50th guideline, release + next took 17.5 s, 2 s at the 2nd)."""
    from interop.checks import jobs
    from interop.workflow.governance import release
    from interop.workflow.nextdraft import start_next
    compiled = counting(monkeypatch, compiler, "_compile")
    checked = counting(monkeypatch, jobs, "run")
    counts = []
    for count in (4, 40):
        root = tmp_path / str(count)
        repo, found = committed(root, count, 3)
        year = 2001 + count // 2
        wg_approves(root, found, f"{year}-05-20")
        release(repo, "powered", f"{year}.06", commit=True,  # checks all
                board_date=f"{year}-06-10",
                reference="https://example.org/board")
        start_next(Repository(str(root)), "powered")
        found.git.commit("-qam", "next")
        wg_approves(root, found, f"{year}-11-20")
        compiled[0] = checked[0] = 0
        release(Repository(str(root)), "powered", f"{year}.12",
                commit=True, board_date=f"{year}-12-10",
                reference="https://example.org/board")
        start_next(Repository(str(root)), "powered")
        counts.append((compiled[0], checked[0]))
        found.git.commit("-qam", "next")
        assert Repository(str(root)).sources()[-3:] == [
            f"guidelines/{year}.06.yaml", f"guidelines/{year}.12.yaml",
            "guidelines/next.yaml"]
        everything = Repository(str(root))
        assert [f for f in check_files(repository_files(everything),
                                       everything)
                if f.severity == "error"] == []
        assert {o.state for o in compile_sources(everything, check=True)} \
            == {"unchanged"}
    assert counts[0] == counts[1]
    assert counts[0][1] > 0


def naive_required_since(series, g, capability):
    """The walk back the series used to make, once per capability."""
    since = None
    mine = series_module.order_key(series_module.version_of(g))
    chain = [x for x in series.items
             if series_module.order_key(series_module.version_of(x)) < mine]
    chain.append(g)
    for x in reversed(chain):
        if series.status(x, capability) != "required":
            break
        since = series_module.version_of(x)
    return since, since != series_module.version_of(chain[0])


def test_required_since_agrees_with_the_walk_back():
    """On random series (statuses, gaps, a draft, a stranger standing for
    a version), the linear runs say what the walk back said."""
    import random
    chance = random.Random(14)
    statuses = ["required", "advisory", "deprecated", "removed", None]
    for _ in range(200):
        versions = sorted(chance.sample(range(2001, 2040),
                                        chance.randint(1, 8)))
        names = [f"{y}.06" for y in versions] + (
            ["next"] if chance.random() < 0.5 else [])
        made = []
        for version in names:
            listed = {}
            for cap in ("a", "b", "c"):
                status = chance.choice(statuses)
                if status:
                    listed.setdefault(status, []).append(cap)
            made.append(m.Guideline(
                file=f"guidelines/{version}.yaml",
                metadata=m.Metadata(id=version),
                components={"x": m.Component(name="x",
                                             capabilities=listed)}))
        series = series_module.Series(made)
        stranger = m.Guideline(
            file=f"guidelines/{names[-1]}.yaml",
            components={"x": m.Component(name="x", capabilities={
                "required": ["a", "b"]})})
        for g in made + [stranger]:
            for cap in ("a", "b", "c"):
                want = naive_required_since(series, g, cap)
                if want[0] == "next":
                    want = (None, want[1])  # no target_approval to name
                assert series.required_since(g, cap) == want
