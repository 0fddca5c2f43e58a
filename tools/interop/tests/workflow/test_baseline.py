"""``interop import --baseline``: facts-only baselines of approved
guidelines, read by the program's series as its history."""
import hashlib
import os

import yaml

from interop import cli
from interop.publish.outputs import compile_sources
from interop.repository import Repository
from interop.tests.conftest import copy_criteria

#: keys that hold prose in a published guideline: none is in a baseline
PROSE = {"description", "guidance", "comment", "action"}


def _keys(tree):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield key, value
            yield from _keys(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _keys(value)


def _import(corpus2020, out, *names):
    files = [os.path.join(corpus2020, n) for n in names]
    assert cli.main(["import", "--baseline", *files, "--out", str(out)]) == 0
    return files


def test_baseline_holds_facts_and_where_the_original_is(corpus2020,
                                                        tmp_path):
    [published] = _import(corpus2020, tmp_path, "2020.06.json")
    path = tmp_path / "guidelines" / "baseline" / "2020.06.yaml"
    tree = yaml.safe_load(path.read_text())
    with open(published, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    assert tree["baseline"] == {
        "url": "https://opendev.org/openstack/interop/raw/branch/master/"
               "2020.06.json", "sha256": digest, "file": "2020.06.json"}
    assert not PROSE & {key for key, _ in _keys(tree)}
    flags = [v["flagged"] for k, v in _keys(tree["capabilities"])
             if isinstance(v, dict) and "flagged" in v]
    assert {f.get("reason") for f in flags} == {"D400", "D401", "D406",
                                                None}
    assert tree["metadata"]["scoring"]["criteria"]["sticky"] == {
        "name": "Core in Last Release", "weight": 9}
    cap = tree["capabilities"]["compute-servers-create"]
    assert cap["required_since"] and cap["project"] == "nova"
    assert tree["components"]["os_powered_compute"]["capabilities"][
        "required"]


def test_add_on_baselines_go_beside_the_program(corpus2020, tmp_path):
    _import(corpus2020, tmp_path, "add-ons/dns.2020.06.json",
            "add-ons/orchestration.2019.11.json")
    assert (tmp_path / "add-ons" / "dns" / "baseline" / "2020.06.yaml"
            ).exists()
    tree = yaml.safe_load((tmp_path / "add-ons" / "orchestration" /
                           "baseline" / "2019.11.yaml").read_text())
    assert tree["baseline"]["url"].endswith("/add-ons/"
                                            "orchestration.2019.11.json")


def _draft(root, drop):
    """A draft after 2020.06 that lists 2020.06's capabilities as they
    were, less ``drop``."""
    base = yaml.safe_load((root / "guidelines" / "baseline" /
                           "2020.06.yaml").read_text())
    comps = base["components"]
    for comp in comps.values():
        for names in comp["capabilities"].values():
            if drop in names:
                names.remove(drop)
        comp.pop("designated_sections", None)
    caps = {name: {"project": c["project"], "admin": c["admin"],
                   "description": "Kept from 2020.06.", "tests": {
                       t: (v if isinstance(v, str) else v["idempotent_id"])
                       for t, v in c["tests"].items()}}
            for name, c in base["capabilities"].items() if name != drop}
    draft = {"metadata": {"id": "next", "scoring": "core",
                          "os_trademark_approval": {
                              "status": "draft", "replaces": "2020.06",
                              "target_approval": "2027.06"}},
             "components": comps, "capabilities": caps}
    (root / "guidelines" / "next.yaml").write_text(yaml.safe_dump(draft))


def test_a_draft_that_drops_a_required_capability_of_2020_06(corpus2020,
                                                             tmp_path,
                                                             capsys):
    copy_criteria(tmp_path)
    _import(corpus2020, tmp_path, "2020.06.json")
    capsys.readouterr()
    _draft(tmp_path, "images-v2-index")
    args = ["check", "--select", "L00", "--repo", str(tmp_path)]
    assert cli.main(args) == 1
    out = capsys.readouterr().out
    assert ("guidelines/next.yaml" in out and "L002 error: capability "
            "'images-v2-index', required in 2020.06, is dropped" in out)
    # the baseline itself is history: not checked, not compiled
    assert "baseline" not in out
    _draft(tmp_path, "no-such-capability")
    assert cli.main(args) == 0


def test_series_reads_the_baseline_as_the_previous_guideline(corpus2020,
                                                              tmp_path):
    copy_criteria(tmp_path)
    _import(corpus2020, tmp_path, "2019.11.json", "2020.06.json")
    _draft(tmp_path, "images-v2-index")
    repo = Repository(str(tmp_path))
    draft = repo.load(os.path.join("guidelines", "next.yaml")).guideline
    series = repo.series(draft)
    assert [g.id for g in series] == ["2019.11", "2020.06", "next"]
    assert series.previous(draft).id == "2020.06"
    assert repo.sources() == [os.path.join("guidelines", "next.yaml")]


def test_compile_skips_baselines_and_names_the_original(corpus2020,
                                                        tmp_path, capsys):
    copy_criteria(tmp_path)
    _import(corpus2020, tmp_path, "2020.06.json")
    path = tmp_path / "guidelines" / "baseline" / "2020.06.yaml"
    [outcome] = compile_sources(Repository(str(tmp_path)), [str(path)])
    assert outcome.state == "baseline"
    assert outcome.published.endswith("/master/2020.06.json")
    assert not (tmp_path / "guidelines" / "2020.06.json").exists()


def test_check_reads_a_baseline_as_data_only(corpus2020, tmp_path, capsys):
    copy_criteria(tmp_path)
    _import(corpus2020, tmp_path, "add-ons/dns.2020.06.json")
    path = tmp_path / "add-ons" / "dns" / "baseline" / "2020.06.yaml"
    # a baseline is no source: a repository of baselines only has nothing
    # to check (exit 2), so the baseline is named
    args = ["check", "--repo", str(tmp_path), str(path)]
    assert cli.main(args) == 0
    text = path.read_text().replace(
        "    project: designate\n",
        "    project: designate\n    description: Zones.\n", 1)
    path.write_text(text)
    capsys.readouterr()
    assert cli.main(args) == 1
    out = capsys.readouterr().out.splitlines()
    line = text[:text.index("description: Zones.")].count("\n") + 1
    assert out == [f"add-ons/dns/baseline/2020.06.yaml:{line}:5: S006 "
                   "error: a baseline holds facts only: /capabilities/"
                   "dns-record-crud/description is not one (import the "
                   "baseline again)"]


def test_only_an_approved_guideline_has_a_baseline(corpus, tmp_path, capsys):
    draft = os.path.join(corpus, "verticals", "nfv.next.json")
    assert cli.main(["import", "--baseline", draft, "--out",
                     str(tmp_path)]) == 2
    assert "status draft: a baseline holds an approved guideline" in \
        capsys.readouterr().err
    assert not (tmp_path / "verticals").exists()


def test_required_since_reaches_back_through_the_baseline(corpus2020,
                                                          tmp_path):
    copy_criteria(tmp_path)
    _import(corpus2020, tmp_path, "2019.11.json", "2020.06.json")
    _draft(tmp_path, "images-v2-index")
    repo = Repository(str(tmp_path))
    draft = repo.load(os.path.join("guidelines", "next.yaml")).guideline
    series = repo.series(draft)
    # 2019.11, the oldest known, records when the run began
    assert series.required_since(draft, "compute-servers-create") == (
        "2014.07", True)
    assert series.required_since(draft, "compute-limits-get")[0] is None


def test_review_reads_the_baseline_as_the_previous_guideline(corpus2020,
                                                             tmp_path):
    import git

    from interop.workflow.review import review
    copy_criteria(tmp_path)
    _import(corpus2020, tmp_path, "2020.06.json")
    _draft(tmp_path, "no-such-capability")
    r = git.Repo.init(tmp_path)
    with r.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.org")
    r.git.add("-A")
    r.index.commit("Start from 2020.06")
    _draft(tmp_path, "images-v2-index")
    r.git.add("-A")
    r.index.commit("Drop images-v2-index")
    rv = review(str(tmp_path))
    [item] = rv.items
    assert item.path == "guidelines/next.yaml"
    assert [f.message for f in item.findings if f.code == "L002"] == [
        "capability 'images-v2-index', required in 2020.06, is dropped: "
        "it must be deprecated for one guideline first"]
    assert [c.message for c in item.changes
            if c.kind == "capability-dropped"] == [
        "capability images-v2-index (required) no longer listed"]


def test_the_repository_follows_its_baselines():
    """The drafts replace the approved guidelines the baselines hold, and
    pass every rule measured against them (information aside)."""
    from interop.checks import check_files, repository_files
    from interop.tests.conftest import ROOT
    repo = Repository(ROOT)
    previous = {}
    for path in repo.sources():
        g = repo.load(path).guideline
        found = repo.series(g).previous(g)
        previous[path] = found.file if found is not None else None
    base = os.path.join(ROOT, "{}", "baseline", "2020.06.yaml")
    assert previous == {
        os.path.join("guidelines", "next.yaml"):
            base.format("guidelines"),
        os.path.join("add-ons", "dns", "next.yaml"):
            base.format(os.path.join("add-ons", "dns")),
        os.path.join("add-ons", "orchestration", "next.yaml"):
            base.format(os.path.join("add-ons", "orchestration")),
        os.path.join("add-ons", "key-manager", "next.yaml"): None,
        os.path.join("verticals", "nfv", "next.yaml"): None}
    found = check_files(repository_files(repo), repo)
    assert [f.format() for f in found if f.severity != "info"
            and f.suppressed is None] == []
    # the drafts' growth of required tests is silenced with its reason,
    # and nothing else is
    assert {f.code for f in found if f.suppressed is not None} <= {"W019"}


def test_import_records_the_board_date_of_a_baseline(corpus2020, tmp_path,
                                                     capsys):
    """'interop import --baseline --board-date DATE --reference URL'
    writes baseline.board_date, which the series counts 'may be used now'
    from; without a day the header says none was given, and the series
    dates it by its name's month (issue 24)."""
    from interop import cli
    from interop.load.source import load_yaml_file
    from interop.repository import Repository
    from interop.series import board_date
    source = os.path.join(corpus2020, "2020.06.json")
    out = tmp_path / "repo"
    assert cli.main(["import", "--baseline", source, "--out", str(out),
                     "--board-date", "2020-06-16", "--reference",
                     "https://example.org/board/2020-06"]) == 0
    path = out / "guidelines" / "baseline" / "2020.06.yaml"
    tree = load_yaml_file(str(path))
    assert tree["baseline"]["board_date"] == "2020-06-16"
    assert tree["baseline"]["reference"] == \
        "https://example.org/board/2020-06"
    assert "no source read gave the day" not in path.read_text()
    [g] = Repository(str(out)).guidelines(history=True)
    assert board_date(g).isoformat() == "2020-06-16"
    assert cli.main(["import", "--baseline", source, "--out", str(out),
                     "--force"]) == 0
    assert "no source read gave the day" in path.read_text()
    [g] = Repository(str(out)).guidelines(history=True)
    assert board_date(g).isoformat() == "2020-06-01"
    capsys.readouterr()
    for bad in (["--board-date", "2020-06-31"], ["--reference", "x y"]):
        assert cli.main(["import", "--baseline", source, "--out",
                         str(out), "--force", *bad]) == 2
    assert cli.main(["import", source, "--out", str(out / "x"),
                     "--board-date", "2020-06-16"]) == 2
    assert "need --baseline" in capsys.readouterr().err
