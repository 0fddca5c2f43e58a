"""The packet's decision summary: its numbers are `interop testlist`'s,
per target, counted as distinct tests, and it says so."""
import io
import re
from contextlib import redirect_stdout

import pytest
from docutils import nodes

from interop.cli import main
from interop.docs.decision import packet_page
from interop.repository import Repository


def _cost_table(root, path):
    parts, _ = packet_page(Repository(root), path,
                           make_chart=lambda *a: nodes.paragraph())
    section = next(p for p in parts if isinstance(p, nodes.section)
                   and p[0].astext() == "What the vote costs vendors")
    rows = {}
    table = next(t for t in section.findall(nodes.table)
                 if "interop-credentials" not in t["classes"])
    for row in table.findall(nodes.row):
        cells = [e.astext() for e in row.children]
        found = re.fullmatch(r"(\d+) \u2192 (\d+)", cells[1])
        if found:
            rows[cells[0].split()[0].lower()] = tuple(map(int,
                                                          found.groups()))
    return rows, section.astext()


def _testlist(*args):
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["testlist", *args, "--type", "required", "--flag",
                     "false", "--alias", "false"]) == 0
    return out.getvalue().split()


@pytest.mark.parametrize("target", ["platform", "compute", "object"])
def test_packet_counts_are_testlists(root, monkeypatch, target):
    monkeypatch.chdir(root)
    rows, text = _cost_table(root, "guidelines/next.yaml")
    before = _testlist("guidelines/baseline/2020.06.yaml", "--target",
                       target)
    after = _testlist("guidelines/next.yaml", "--target", target)
    assert rows[target] == (len(set(before)), len(set(after)))
    assert "distinct tests" in text


def test_two_tests_of_2020_06_stand_in_two_capabilities(root, monkeypatch):
    """Why the page must say what it counts: lines and distinct tests
    differ for 2020.06's platform."""
    monkeypatch.chdir(root)
    lines = _testlist("guidelines/baseline/2020.06.yaml", "--target",
                      "platform")
    assert len(lines) - len(set(lines)) == 2


def test_the_add_on_packet_counts_its_target(root, monkeypatch):
    monkeypatch.chdir(root)
    rows, _ = _cost_table(root, "add-ons/dns/next.yaml")
    after = _testlist("add-ons/dns/next.yaml", "--target", "dns")
    assert rows["dns"][1] == len(set(after))


def test_approvals_read_as_words_with_the_minutes_linked(tmp_path):
    """"Working Group, 2026-11-20 (minutes)", never a Python repr of the
    record."""
    from interop.tests.docs.sample import make_sample
    sample = make_sample(tmp_path)
    source = sample / "guidelines" / "next.yaml"
    source.write_text(re.sub(
        r"(    releases: \[.*\]\n)", lambda found: found[1] + (
            "  approvals:\n    - by: working-group\n"
            "      date: \"2026-11-20\"\n"
            "      reference: https://example.org/minutes/1\n"),
        source.read_text(), count=1))
    parts, _ = packet_page(Repository(str(sample)), "guidelines/next.yaml",
                           make_chart=lambda *a: nodes.paragraph())
    box = next(p for p in parts if "interop-summary" in p["classes"])
    text = box.astext()
    assert "Working Group, 2026-11-20 (minutes)" in text
    assert "{" not in text and "Location" not in text
    links = [r["refuri"] for r in box.findall(nodes.reference)]
    assert "https://example.org/minutes/1" in links


def test_the_packet_says_which_guidelines_vendors_may_use_today(
        monkeypatch):
    """The summary names what vendors may use on the day, from the same
    listing as 'interop guidelines' and the index (issue 24, item 4)."""
    from interop.tests.conftest import ROOT
    from interop.workflow.listing import listing
    monkeypatch.setenv("INTEROP_TODAY", "2026-12-07")
    repo = Repository(ROOT)
    parts, _ = packet_page(repo, "guidelines/next.yaml",
                           make_chart=lambda *a: nodes.paragraph())
    said = next(p.astext() for p in parts
                if p.astext().startswith("Vendors may use today"))
    [powered] = [rows for rows in listing(repo)
                 if rows[0].program == "powered"]
    usable = [r.id for r in powered if r.usable_now]
    assert len(usable) == 2
    for ident in usable:
        assert ident in said
    assert [r.id for r in powered if not r.usable_now][0] not in said


def _needs_table(root, path):
    parts, depends = packet_page(Repository(root), path,
                                 make_chart=lambda *a: nodes.paragraph())
    section = next(p for p in parts if isinstance(p, nodes.section)
                   and p[0].astext() == "What the vote costs vendors")
    table = next(t for t in section.findall(nodes.table)
                 if "interop-credentials" in t["classes"])
    rows = {}
    for row in list(table.findall(nodes.row))[1:]:
        cells = [e.astext() for e in row.children]
        pairs = [tuple(map(int, re.fullmatch(r"(\d+) \u2192 (\d+)",
                                             c).groups())) for c in cells[1:3]]
        rows[cells[0].split()[0].lower()] = (*pairs, int(cells[3]))
    return rows, parts, depends


def _from_lock(root, program, listed):
    """(second user, admin, not locked) of listed tests, straight from
    the lock's JSON: a test is found by name, else by idempotent id."""
    import json
    with open(f"{root}/criteria/locks/{program}.json") as handle:
        tests = json.load(handle)["tests"]
    by_id = {v["id"]: k for k, v in tests.items() if v["id"]}
    second, admin, missing = set(), set(), 0
    for line in set(listed):
        name, _, rest = line.partition("[")
        uuid = re.search(r"[0-9a-f]{8}-[0-9a-f-]{27}", rest)
        key = name if name in tests else by_id.get(uuid and uuid[0])
        if key is None:
            missing += 1
            continue
        creds = tests[key]["credentials"]
        if any(c.split("[")[0] == "alt" or "_alt" in c.split("[")[0]
               for c in creds):
            second.add(key)
        if any(c == "admin" or c.split("[")[0].endswith("_admin")
               for c in creds):
            admin.add(key)
    return second, admin, missing


@pytest.mark.parametrize("path,before_path,program,target", [
    ("guidelines/next.yaml", "guidelines/baseline/2020.06.yaml",
     "powered", "platform"),
    ("guidelines/next.yaml", "guidelines/baseline/2020.06.yaml",
     "powered", "object"),
    ("add-ons/dns/next.yaml", "add-ons/dns/baseline/2020.06.yaml",
     "dns", "dns")])
def test_credential_needs_are_what_the_lock_says(root, monkeypatch, path,
                                                 before_path, program,
                                                 target):
    """Per target, the required tests that need a second user (and
    admin), before -> after, equal what the committed lock records for
    'interop testlist''s tests; the lock is one the page depends on."""
    monkeypatch.chdir(root)
    rows, _, depends = _needs_table(root, path)
    before = _testlist(before_path, "--target", target)
    after = _testlist(path, "--target", target)
    s0, a0, m0 = _from_lock(root, program, before)
    s1, a1, m1 = _from_lock(root, program, after)
    missing = len({t for t in set(before) | set(after)
                   if _from_lock(root, program, [t])[2]})
    assert rows[target] == ((len(s0), len(s1)), (len(a0), len(a1)),
                            missing)
    assert f"{root}/criteria/locks/{program}.json" in depends


def test_a_second_user_newly_needed_is_named_in_the_appendix(root,
                                                             monkeypatch):
    """The draft of Powered makes vendors provide a second user for more
    required tests than 2020.06 did: the summary says how many and the
    appendix names each, one a line."""
    monkeypatch.chdir(root)
    rows, parts, _ = _needs_table(root, "guidelines/next.yaml")
    second_before, second_after = rows["platform"][0]
    assert second_after > second_before
    appendix = next(p for p in parts if isinstance(p, nodes.section)
                    and p[0].astext().startswith("Appendix"))
    heads = [p.astext() for p in appendix.findall(nodes.paragraph)
             if "newly need a second user, Platform" in p.astext()]
    [head] = heads
    count = int(re.search(r"\((\d+)\):$", head)[1])
    summary = next(p for p in parts if isinstance(p, nodes.section)
                   and p[0].astext() == "What the vote costs vendors")
    assert (f"{count} required tests newly need a second user (Platform"
            in summary.astext())
    s0, _, _ = _from_lock(root, "powered", _testlist(
        "guidelines/baseline/2020.06.yaml", "--target", "platform"))
    s1, _, _ = _from_lock(root, "powered", _testlist(
        "guidelines/next.yaml", "--target", "platform"))
    assert count == len(s1 - s0) > 0


def test_the_docs_stage_reads_locks_without_tempest():
    """The cost table's credentials come from the committed lock, read
    by the one pure-JSON reader: nothing of Tempest is imported."""
    import subprocess
    import sys
    code = ("import sys; from interop.docs import cost; "
            "from interop.load import lock; "
            "print(sorted(m for m in sys.modules if m == 'tempest' or "
            "m.startswith(('tempest.', 'interop.tempest'))))")
    out = subprocess.run([sys.executable, "-c", code], check=True,
                         capture_output=True, text=True).stdout
    assert out.strip() == "[]"


def test_a_damaged_lock_is_said_with_its_place(tmp_path):
    """A lock that cannot be read leaves the credentials out and says
    why, with the located error (never a traceback)."""
    from interop.tests.docs.sample import make_sample
    sample = make_sample(tmp_path)
    locks = sample / "criteria" / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    (locks / "powered.json").write_text('{"program": "powered",\n'
                                        ' "tests": [}\n')
    parts, _ = packet_page(Repository(str(sample)), "guidelines/next.yaml",
                           make_chart=lambda *a: nodes.paragraph())
    section = next(p for p in parts if isinstance(p, nodes.section)
                   and p[0].astext() == "What the vote costs vendors")
    assert not [t for t in section.findall(nodes.table)
                if "interop-credentials" in t["classes"]]
    said = section.astext()
    assert "the test lock cannot be read (criteria/locks/powered.json:2:" \
        in said and "E172" in said
