"""``workflow.compared``: ``interop diff``'s text without the CLI."""
import json

import pytest

from interop.errors import UsageError
from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.workflow.compared import compared


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "old.yaml").write_text(PREVIOUS)
    (tmp_path / "new.yaml").write_text(BASE)
    return str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")


def test_the_changes_in_each_format(pair):
    warned = []
    text = compared(*pair, "text", warned.append)
    assert text.endswith("\n") and text != "No changes.\n"
    assert warned == []  # one program
    markdown = compared(*pair, "markdown", warned.append)
    assert markdown.startswith("### 2026\\.06 → next\n\n- ")
    assert len(json.loads(compared(*pair, "json", warned.append))) == \
        text.count("\n")


def test_a_guideline_compared_with_itself_has_no_changes(pair):
    assert compared(pair[1], pair[1], "text", print) == "No changes.\n"


def test_a_revision_without_the_file_is_refused(pair, monkeypatch):
    from interop.workflow import gitrepo
    monkeypatch.setattr(gitrepo, "open_repo", lambda path: type(
        "R", (), {"working_tree_dir": "/"})())
    monkeypatch.setattr(gitrepo, "resolve", lambda repo, rev: rev)
    monkeypatch.setattr(gitrepo, "read_at", lambda repo, rev, rel: None)
    with pytest.raises(UsageError, match="does not exist at HEAD~1"):
        compared("HEAD~1:guidelines/gone.yaml", pair[1], "text", print)
