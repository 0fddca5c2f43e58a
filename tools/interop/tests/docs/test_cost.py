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
    for row in section.findall(nodes.row):
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
