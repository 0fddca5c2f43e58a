"""W019 (required tests grow past the share criteria/process/growth.yaml
allows), W020 (tests added to a capability already required), and L013
and L014 (a lifecycle change without its reason: one helper, one
finding)."""
from interop.checks import growth
from interop.load.reader import read_guideline
from interop.load.source import load_yaml
from interop.tests.checks.helpers import BASE, findings, merge

EXTRA = ("              tempest.api.compute.servers.test_a.A.test_a: "
         "id-11111111-1111-4111-8111-111111111111\n")
GAINS = """\
capabilities:
  compute-servers-create:
    tests:
      tempest.api.compute.servers.test_create_server.ServersTestJSON\
.test_list_servers: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
      tempest.api.compute.servers.test_a.A.test_a: \
id-11111111-1111-4111-8111-111111111111
"""


def codes(text, wanted):
    return [(f.code, f.message) for f in findings(text, wanted)]


def test_growth_counts_distinct_required_tests_per_target():
    found = codes(GAINS, ["W019"])
    assert len(found) == 1
    assert "2 distinct required tests, 1 under 2026.06 (up 100%" in \
        found[0][1]


def test_threshold_read_from_the_process_folder(tmp_path):
    folder = tmp_path / "criteria" / "process"
    folder.mkdir(parents=True)
    (folder / "growth.yaml").write_text("required_tests_growth: 1.5\n")
    assert growth.threshold(str(tmp_path)) == 1.5
    (folder / "growth.yaml").write_text("required_tests_growth: lots\n")
    assert growth.threshold(str(tmp_path)) is None
    assert growth.threshold(str(tmp_path / "none")) == growth.DEFAULT_GROWTH


def test_project_threshold_is_a_share():
    from interop.tests.conftest import ROOT
    assert 0 < growth.threshold(ROOT) < 1


def test_tests_added_to_required_are_named():
    found = codes(GAINS, ["W020"])
    assert len(found) == 1 and "test_a.A.test_a" in found[0][1]


def test_no_growth_is_quiet():
    assert codes("metadata:\n  id: next\n", ["W019", "W020", "L014"]) == []


def test_change_without_reason_then_with_one():
    gained = GAINS
    assert [c for c, _ in codes(gained, ["L014"])] == ["L014"]
    said = gained.replace("  compute-servers-create:\n",
                          "  compute-servers-create:\n    why: Tempest "
                          "split the listing test.\n")
    assert codes(said, ["L014"]) == []


DEPRECATES = """\
components:
  os_powered_compute:
    capabilities:
      required: []
      deprecated: [compute-servers-create]
"""


def _sheet_notes(monkeypatch, **notes):
    """The draft's scoring sheet, holding ``notes`` (capability -> note)."""
    from types import SimpleNamespace

    from interop.checks import reasons
    sheet = SimpleNamespace(scores={
        name.replace("_", "-"): SimpleNamespace(note=note)
        for name, note in notes.items()})
    monkeypatch.setattr(reasons, "sheet_of", lambda doc: sheet)


def test_a_deprecation_without_a_reason_is_one_finding_l013():
    """L013 (the error) reports it; L014 leaves deprecations to it."""
    found = codes(DEPRECATES, ["L013", "L014"])
    assert [c for c, _ in found] == ["L013"]
    assert "compute-servers-create" in found[0][1]


def test_a_sheet_note_is_no_reason_for_a_deprecation(monkeypatch):
    """The note is carried from draft to draft: a deprecation needs the
    capability's own 'why' (and the message says so)."""
    _sheet_notes(monkeypatch, compute_servers_create="Scored afresh.")
    found = codes(DEPRECATES, ["L013", "L014"])
    assert [c for c, _ in found] == ["L013"]
    assert "note does not count" in found[0][1]
    said = DEPRECATES + ("capabilities:\n  compute-servers-create:\n"
                         "    why: The v3 call replaces it.\n")
    assert codes(said, ["L013", "L014"]) == []


def test_a_sheet_note_is_the_reason_for_other_changes(monkeypatch):
    """Tests added to a required capability: its 'why' or the sheet's
    note says why (L014), and the one helper decides both rules."""
    from interop.checks import reasons
    assert [c for c, _ in codes(GAINS, ["L013", "L014"])] == ["L014"]
    _sheet_notes(monkeypatch, compute_servers_create="Tempest split it.")
    assert codes(GAINS, ["L013", "L014"]) == []
    doc = type("D", (), {})()
    doc.guideline = guideline_of(GAINS)
    assert reasons.has_reason(doc, "compute-servers-create",
                              deprecation=False)
    assert not reasons.has_reason(doc, "compute-servers-create",
                                  deprecation=True)



def guideline_of(text):
    """``text`` laid over BASE, read as the draft."""
    path = "guidelines/next.yaml"
    return read_guideline(merge(load_yaml(BASE, path),
                                load_yaml(text, path)), path)
