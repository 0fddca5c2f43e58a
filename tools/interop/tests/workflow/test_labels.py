"""Certification labels in ``interop review --format gerrit``."""
import json

import pytest

from interop import cli
from interop.tests.refstack.certifying import OTHER, submit
from interop.tests.workflow.test_review import commit, make_repo
from interop.workflow.labels import with_labels

REVIEW = {"message": "interop review of abc\n", "labels": {"Verified": 1},
          "comments": {}}
GOOD = {"submission": "powered/2026.06/acme-cloud",
        "labels": ["tests-verified-2026.06"], "missing": [], "waived": [],
        "reason": ""}
BAD = dict(GOOD, labels=["required-tests-missing"], missing=["a.B.test_c"])


def test_a_verified_submission_keeps_the_vote_and_says_its_label():
    out = with_labels(REVIEW, [GOOD])
    assert out["labels"] == {"Verified": 1}
    assert "powered/2026.06/acme-cloud: tests-verified-2026.06" in \
        out["message"]
    assert REVIEW["message"] == "interop review of abc\n"  # not changed


def test_a_failing_submission_votes_minus_one_and_lists_what_is_missing():
    out = with_labels(REVIEW, [BAD])
    assert out["labels"] == {"Verified": -1}
    assert "required-tests-missing" in out["message"]
    assert "missing: a.B.test_c" in out["message"]


def test_a_finding_votes_minus_one():
    out = with_labels(REVIEW, [GOOD], ["x:1:1: N003 two submissions"])
    assert out["labels"] == {"Verified": -1}
    assert "! x:1:1: N003" in out["message"]


def test_no_submission_changes_nothing():
    assert with_labels(REVIEW, []) == REVIEW


@pytest.fixture
def change(tmp_path, monkeypatch):
    monkeypatch.setenv("INTEROP_TODAY", "2026-08-01")
    return make_repo(tmp_path)


def _review(capsys, repo):
    code = cli.main(["review", "--format", "gerrit", "--repo",
                     repo.working_tree_dir])
    return code, json.loads(capsys.readouterr().out)


def test_review_of_a_change_adding_a_verified_submission(change, capsys):
    submit(change.working_tree_dir)
    commit(change, "Submit Acme Cloud")
    code, out = _review(capsys, change)
    assert code == 0
    assert out["labels"] == {"Verified": 1}
    assert "acme-cloud: tests-verified-2026.06" in out["message"]


def test_review_of_a_change_adding_a_failing_submission(change, capsys):
    submit(change.working_tree_dir, passed=[OTHER])
    commit(change, "Submit Acme Cloud")
    code, out = _review(capsys, change)
    # the vote says it; the exit code stays the guideline review's
    assert code == 0
    assert out["labels"] == {"Verified": -1}
    assert "required-tests-missing" in out["message"]
