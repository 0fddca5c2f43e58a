"""The one score function: every total (checks, sheets, worksheet
reader, pages) comes from interop.scoring.score.total."""
from interop.checks import scoring as checks_scoring
from interop.scoring import score, sheets, worksheet

WEIGHTS = {"a": 8, "b": 6, "c": 10}


def test_weights_times_marks():
    assert score.total({"a": 1, "b": 0, "c": 1}, WEIGHTS).points == 18


def test_question_mark_is_pending_not_zero():
    t = score.total({"a": 1, "b": "?", "c": 0}, WEIGHTS)
    assert (t.points, t.pending, str(t)) == (8, 6, "8..14?")
    assert t.meets(14) is None and t.meets(15) is False


def test_admin_scores_zero_in_powered_only():
    marks = {"a": 1, "b": 1, "c": 1}
    assert score.total(marks, WEIGHTS, admin=True, powered=True).points == 0
    assert score.total(marks, WEIGHTS, admin=True,
                       powered=False).points == 24


def test_achievements_as_marks():
    assert score.total(score.achieved(["a", "c", 3]), WEIGHTS).points == 18


def test_every_stage_calls_the_one_function():
    """Sheets, the worksheet reader and the checks name the function, so
    a second formula cannot creep back in."""
    assert sheets.total is score.total
    assert worksheet.total is score.total
    assert checks_scoring.score_total is score.total
