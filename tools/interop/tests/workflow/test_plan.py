"""The record of a tree found clean: a release does not check the whole
tree again when nothing it reads has changed since, and checks it again
whenever anything has."""
import os

import git
import pytest

from interop.repository import Repository
from interop.tests.workflow.test_governance import (
    BOARD_DEC,
    BOARD_KW,
    OLDEST,
    make_repo,
    refused,
    write,
)
from interop.workflow import plan
from interop.workflow.governance import release


@pytest.fixture(autouse=True)
def after_the_votes(monkeypatch):
    """Today is after the Working Group and Board dates the fixture
    drafts record (as in test_governance)."""
    monkeypatch.setenv("INTEROP_TODAY", "2028-01-20")


def test_a_tree_found_clean_is_not_checked_again(tmp_path, monkeypatch):
    root = make_repo(str(tmp_path / "repo"))
    release(Repository(root), "powered", "2027.06", commit=True,
            **BOARD_KW)
    found = git.Repo(root)
    assert os.path.exists(os.path.join(found.git_dir, "interop-checked"))

    def no_check(*args, **kwargs):
        raise AssertionError("checked again")
    monkeypatch.setattr("interop.checks.check_files", no_check)
    plan.clean_check(Repository(root), found)  # the release's result


def test_a_tree_changed_since_is_checked_again(tmp_path, capsys):
    root = make_repo(str(tmp_path / "repo"))
    release(Repository(root), "powered", "2027.06", commit=True,
            **BOARD_KW)
    # an error in the oldest guideline, which a release does not touch
    write(root, "guidelines/2025.12.yaml", OLDEST.replace(
        "status: approved", "status: superseded").replace(
        "metadata:\n", "metadata:\n  colour: blue\n"))
    git.Repo(root).git.commit("-qam", "a stray key")
    err = refused(root, capsys, "release", "next", "--as", "2027.12",
                  "--board-date", BOARD_DEC["board_date"],
                  "--reference", BOARD_DEC["reference"])
    assert "errors before the change" in err and "S001" in err


def test_changed_code_checks_again(tmp_path, monkeypatch):
    root = make_repo(str(tmp_path / "repo"))
    found = git.Repo(root)
    plan.clean_check(Repository(root), found)
    state = plan.state_digest(root)
    monkeypatch.setattr(plan, "_code_digest", lambda: "other rules")
    assert plan.state_digest(root) != state
