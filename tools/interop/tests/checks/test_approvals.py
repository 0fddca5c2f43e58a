"""B rules: the approval chain and the schedule, firing and staying quiet."""
import pytest

from interop.tests.checks.helpers import PREVIOUS, codes, findings

WG = '    - {by: working-group, date: "2026-05-20", reference: minutes}\n'
BOARD = '    - {by: board, date: "2026-06-10", reference: minutes}\n'
TEAM = ('    - {by: project-team, team: designate, date: "2026-05-01", '
        'reference: https://example.org/designate}\n')
DNS = ("program: {kind: add-on, name: dns}\nmetadata:\n  id: dns.next\n"
       "  os_trademark_approval: {status: %s}\n  approvals:\n")


def fired(text, code, **kwargs):
    return [f for f in findings(text, [code], **kwargs) if f.code == code]


def test_the_approved_baseline_with_its_chain_is_clean():
    assert [f for f in findings(PREVIOUS, ["B"], base=False,
                                path="guidelines/2026.06.yaml")] == []


def test_approved_without_board_is_b001_at_the_status():
    text = "metadata:\n  approvals:\n" + WG
    found = fired(text, "B001", over=PREVIOUS,
                  path="guidelines/2026.06.yaml")
    assert [(f.line, f.message.split(" but ")[0]) for f in found] == [
        (7, "2026.06 is approved")]


def test_superseded_needs_the_board_too():
    text = ("metadata:\n  os_trademark_approval: {status: superseded}\n"
            "  approvals:\n" + WG)
    assert fired(text, "B001", over=PREVIOUS,
                 path="guidelines/2026.06.yaml")


def test_a_draft_needs_no_board():
    assert fired("metadata:\n  id: next\n", "B001") == []


@pytest.mark.parametrize("date, bad", [("2026-06-01", False),
                                       ("2026-06-30", False),
                                       ("2026-05-31", True),
                                       ("2027-06-10", True)])
def test_board_date_in_the_named_month(date, bad):
    text = ("metadata:\n  approvals:\n" + WG +
            f'    - {{by: board, date: "{date}", reference: minutes}}\n')
    assert bool(fired(text, "B002", over=PREVIOUS,
                      path="guidelines/2026.06.yaml")) == bad


def test_future_is_after_the_frozen_today(monkeypatch):
    text = ("metadata:\n  approvals:\n"
            '    - {by: working-group, date: "2026-12-02", reference: m}\n')
    assert fired(text, "B003")
    monkeypatch.setenv("INTEROP_TODAY", "2026-12-02")
    assert fired(text, "B003") == []


def test_addon_in_review_needs_its_team_and_the_working_group():
    path = "add-ons/dns/next.yaml"
    assert fired(DNS % "review" + WG, "B004", path=path)
    assert fired(DNS % "review" + TEAM + WG, "B004", path=path) == []
    assert fired(DNS % "draft" + WG, "B004", path=path) == []
    assert fired(DNS % "review" + TEAM, "B005", path=path)
    assert fired(DNS % "review" + TEAM + WG, "B005", path=path) == []


def test_powered_needs_no_team():
    text = ("metadata:\n  os_trademark_approval: {status: review}\n"
            "  approvals:\n" + WG)
    assert fired(text, "B004") == []


def test_order_of_the_chain():
    late_team = TEAM.replace("2026-05-01", "2026-05-25")
    path = "add-ons/dns/next.yaml"
    found = fired(DNS % "review" + late_team + WG, "B006", path=path)
    assert [f.message for f in found] == [
        "working-group approval dated 2026-05-20, before the project-team "
        "decision of 2026-05-25"]
    assert fired(DNS % "review" + TEAM + WG, "B006", path=path) == []
    early_board = BOARD.replace("2026-06-10", "2026-05-19")
    assert fired("metadata:\n  approvals:\n" + WG + early_board, "B006")


def test_dates_are_real_and_references_present():
    text = ("metadata:\n  approvals:\n"
            '    - {by: working-group, date: "2026-02-29", reference: m}\n'
            '    - {by: working-group, date: "2026-03-01"}\n'
            '    - {by: working-group, date: "2026-03-02", reference: " "}\n')
    assert [(f.line, f.code) for f in findings(text, ["B007", "B008"])] == [
        (3, "B007"), (4, "B008"), (5, "B008")]


def test_a_published_file_is_not_judged():
    from interop.checks import Document, run
    from interop.tests.checks.helpers import guideline
    g = guideline(PREVIOUS.replace("  approvals:", "  other:"),
                  "guidelines/2026.06.yaml")
    g.metadata.approvals = None
    doc = Document("2026.06.json", {}, g, published=True)
    assert run(doc, ["B"]) == []
    g.imported = {"file": "2026.06.json"}
    assert run(Document("guidelines/2026.06.yaml", {}, g), ["B"]) == []


@pytest.mark.parametrize("today, target, status, code", [
    ("2026-12-01", "2027.06", "draft", None),      # S-3: draft is right
    ("2027-03-01", "2027.06", "draft", "status"),  # S: should be in review
    ("2027-03-01", "2027.06", "review", None),
    ("2027-06-30", "2027.06", "review", None),     # the Board's month
    ("2027-07-01", "2027.06", "review", "passed"),
    ("2026-12-01", "2026.11", "draft", "passed"),
])
def test_schedule(monkeypatch, today, target, status, code):
    monkeypatch.setenv("INTEROP_TODAY", today)
    text = (f'metadata:\n  os_trademark_approval: {{status: {status}, '
            f'target_approval: "{target}"}}\n  approvals:\n' + WG)
    found = fired(text, "B009")
    if code is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].severity == "warning"
        assert (code == "passed") == ("has passed" in found[0].message)
        # at the target (passed) or at the status (behind)
        line = text.splitlines()[1]
        at = line.index(f'"{target}"' if code == "passed" else status)
        assert (found[0].line, found[0].col) == (2, at + 1)


def test_no_schedule_no_warning(monkeypatch):
    from interop.tests.checks import helpers
    monkeypatch.setattr(helpers.ExampleRepository, "schedule", None)
    monkeypatch.setenv("INTEROP_TODAY", "2030-01-01")
    assert codes('metadata:\n  os_trademark_approval: '
                 '{target_approval: "2026.06"}\n', ["B009"]) == []


def test_a_broken_process_table_is_reported_once(tmp_path):
    """B009 and B010 report an unreadable criteria/process file where it
    is, once however many guidelines read it."""
    import os
    import shutil

    from interop.checks import check_files
    from interop.repository import Repository
    from interop.tests.conftest import copy_criteria
    copy_criteria(tmp_path)
    with open(tmp_path / "criteria" / "process" / "programs.yaml",
              "w") as handle:
        handle.write("approvers: {}\nprograms:\n  dns: {owner: vendors}\n")
    for name in ("dns", "orchestration"):
        folder = tmp_path / "add-ons" / name
        os.makedirs(folder)
        text = (DNS % "draft" + TEAM).replace("dns", name)
        (folder / "next.yaml").write_text(text)
    shutil.rmtree(tmp_path / "criteria" / "scoring", ignore_errors=True)
    repo = Repository(str(tmp_path))
    found = [f for f in check_files(
        [str(tmp_path / p) for p in repo.sources()], repo, ["B010"])]
    assert [(f.path, f.line, f.code) for f in found] == [
        ("criteria/process/programs.yaml", 3, "B010")]
    assert "owner must be project-team" in found[0].message
