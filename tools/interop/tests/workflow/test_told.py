"""``workflow.told``: what the workflow commands print, without the CLI."""
import datetime
from types import SimpleNamespace

from interop.workflow.plan import Outcome
from interop.workflow.told import outcome_text, schedule_text


def test_an_outcome_names_its_files_and_notes_apart():
    out, err = outcome_text(Outcome(["guidelines/2026.11.json"],
                                    commit="0123456789abcdef",
                                    notes=["a\x1bnote"]))
    assert out == "guidelines/2026.11.json\n"
    assert err == "note: a\\x1bnote\ncommitted 0123456789ab\n"


def test_an_outcome_that_wrote_nothing_says_so():
    assert outcome_text(Outcome([])) == (
        "", "nothing to write: the files already hold the result\n")


def test_a_schedule_dates_each_milestone_and_says_if_behind():
    step = SimpleNamespace(name="M1", activity="freeze", lead="the WG")
    late = SimpleNamespace(path="guidelines/next.yaml", guideline="next",
                           status="draft", target="2027.01",
                           process="2025A", behind="M1",
                           milestones=[("2026.11", step, "past")])
    text = schedule_text([late], datetime.date(2026, 12, 7))
    assert text.splitlines() == [
        "today: 2026-12-07", "",
        "guidelines/next.yaml: next (draft), for the Board in 2027.01 "
        "(process 2025A)",
        "  2026.11  M1   past    freeze (the WG)",
        "  behind schedule: M1"]
    assert schedule_text([], datetime.date(2026, 12, 7)).endswith(
        "no draft and no guideline in review\n")


def test_the_guidelines_listing_is_text_or_one_json_list(monkeypatch):
    from interop.workflow import listing
    from interop.workflow.told import guidelines_text
    row = SimpleNamespace(as_dict=lambda: {"id": "next"})
    monkeypatch.setattr(listing, "text", lambda rows: "a\x1bb\nc")
    assert guidelines_text([[row], [row]], "text") == "a\\x1bb\nc\n"
    assert guidelines_text([[row], [row]], "json").count('"next"') == 2
