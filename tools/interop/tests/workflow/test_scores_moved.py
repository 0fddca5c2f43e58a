"""'Scores that moved' holds only totals that moved, counted by the one
score function (admin-only is 0 in Powered)."""
import re

from interop.repository import Repository
from interop.tests.conftest import ROOT
from interop.workflow.diff import diff


def _changes():
    repo = Repository(ROOT)
    old = repo.load("guidelines/baseline/2020.06.yaml").guideline
    new = repo.load("guidelines/next.yaml").guideline
    return diff(old, new, ctx=repo), new


def test_every_score_that_moved_moved():
    changes, _ = _changes()
    moved = [c for c in changes if c.kind == "score-changed"]
    assert moved
    for c in moved:
        now, was = re.search(r"scores (\d+) \(was (\d+)\)",
                             c.message).groups()
        assert now != was, c.message


def test_admin_only_capability_scores_zero_in_powered():
    changes, new = _changes()
    admin = [c.name for c in new.iter_capabilities() if c.admin is True]
    assert admin  # swift's account quotas
    for c in changes:
        if c.kind == "score-changed" and c.subject in admin:
            assert c.message.startswith(f"{c.subject}: scores 0 ")


def test_an_add_ons_target_approval_is_the_month_it_names():
    """orchestration.2020.06 published its own id as its target approval;
    the Board reads "2027.06 (was 2020.06)"."""
    repo = Repository(ROOT)
    old = repo.load("add-ons/orchestration/baseline/2020.06.yaml").guideline
    new = repo.load("add-ons/orchestration/next.yaml").guideline
    said = [c.message for c in diff(old, new, ctx=repo)
            if c.subject == "target_approval"]
    assert said == ["target approval: 2027.06 (was 2020.06)"]
