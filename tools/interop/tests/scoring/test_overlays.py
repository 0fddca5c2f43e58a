"""Criteria overlays: a set that extends another inherits what it does not
say, reads criteria for its audience, and is shown so on pages and
packets; the repository's add-on and NFV sets are overlays of core."""
import os

from interop.docs.board import guideline_page
from interop.docs.decision import packet_page
from interop.load.process import load_ownership
from interop.repository import Repository
from interop.scoring.criteria import load_set, resolve_sets
from interop.tests.conftest import ROOT
from interop.workflow.owners import need_of

CORE = os.path.join(ROOT, "criteria", "core.yaml")


def _sets(tmp_path, **texts):
    out = {"core": load_set(CORE)}
    for name, text in texts.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text)
        out[name] = load_set(str(path))
    return resolve_sets(out)


def test_an_overlay_inherits_and_reads(tmp_path):
    sets = _sets(tmp_path, nfv="id: nfv\nextends: core\naudience: NFV\n"
                 "criteria:\n  deployed: {read_as: Among NFV products.}\n"
                 "  atomic: {weight: 7}\n")
    nfv, core = sets["nfv"], sets["core"]
    assert (nfv.total, nfv.cutoff) == (core.total, core.cutoff)
    assert nfv.criteria["deployed"] == core.criteria["deployed"]
    assert nfv.criteria["atomic"].weight == 7
    assert nfv.read_as == {"deployed": "Among NFV products."}
    assert nfv.problems == []
    # the published scoring block holds no reading
    assert "read_as" not in str(nfv.scoring())


def test_without_leaves_out_and_totals_what_remains(tmp_path):
    sets = _sets(tmp_path, small="id: small\nextends: core\n"
                 "without: [deployed, foundation, proximity]\n")
    assert set(sets["small"].criteria) == set(sets["core"].criteria) - {
        "deployed", "foundation", "proximity"}
    assert sets["small"].total == 75


def test_a_loop_and_strays_are_problems(tmp_path):
    sets = _sets(tmp_path, a="id: a\nextends: b\n", b="id: b\nextends: a\n",
                 c="id: c\nextends: core\nwithout: [deploy]\ncriteria:\n"
                 "  atomik: {read_as: x}\n")
    assert any("a loop" in m for _, m in sets["a"].problems + sets[
        "b"].problems)
    assert [p for p, _ in sets["c"].problems] == [
        ("without",), ("criteria", "atomik")]


def test_the_repositorys_sets_are_overlays():
    repo = Repository(ROOT)
    addon, nfv = repo.criteria_sets["add-on"], repo.criteria_sets["nfv"]
    assert addon.extends == nfv.extends == "core"
    assert (addon.total, addon.cutoff, len(addon.criteria)) == (75, 60, 9)
    assert (nfv.total, nfv.cutoff) == (100, 74)
    assert nfv.audience == "NFV products" and "deployed" in nfv.read_as
    assert load_ownership(ROOT).criteria["nfv"] == "nfv"


def _text(nodes):
    return " ".join(n.astext() for n in nodes)


def test_pages_and_packets_show_the_reading():
    repo = Repository(ROOT)
    reading = repo.criteria_sets["nfv"].read_as["deployed"].split()[0]
    page, depends = guideline_page(repo, "verticals/nfv/next.yaml")
    assert "Criteria as read for NFV products" in _text(page)
    assert reading in _text(page)
    assert repo.criteria_sets["nfv"].file in depends
    packet, _ = packet_page(repo, "verticals/nfv/next.yaml",
                            make_chart=lambda *a: __import__(
                                "docutils.nodes").nodes.paragraph())
    assert "Criteria as read for NFV products" in _text(packet)
    powered, _ = guideline_page(repo, "guidelines/next.yaml")
    assert "Criteria as read for" not in _text(powered)


def test_review_asks_the_board_for_an_overlay_and_the_policy():
    own = load_ownership(ROOT)
    for path in ("criteria/nfv.yaml", "criteria/process/programs.yaml"):
        roles = [a.role for a in need_of(path, own, None, None).approvers]
        assert roles == ["working-group", "board"], path


def test_an_overlay_of_the_add_on_criteria_is_the_add_on_criteria(
        tmp_path):
    from interop.checks import check_files
    repo = Repository(ROOT)
    dns = repo.criteria_sets["dns"]
    assert (dns.extends, dns.audience) == ("add-on", "clouds that offer DNS")
    # inherited through two overlays: the add-on set's nine criteria
    assert dns.criteria == repo.criteria_sets["add-on"].criteria
    found = check_files([os.path.join(ROOT, "add-ons", "dns", "next.yaml")],
                        repo, ["A003", "W021", "W022", "W023", "W024"])
    assert found == []
