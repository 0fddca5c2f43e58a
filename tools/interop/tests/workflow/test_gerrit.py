"""``interop review --format gerrit`` against the fields of Gerrit's REST
API (Documentation/rest-api-changes.txt): ReviewInput, CommentInput and
RobotCommentInput, with their types."""
import json

import pytest

from interop import cli
from interop.tests.workflow.test_review import commit, edit, repo  # noqa
from interop.workflow.review import file_comments, gerrit, review

#: field -> type, as the REST documentation lists them
REVIEW_INPUT = {
    "message": str, "tag": str, "labels": dict, "comments": dict,
    "robot_comments": dict, "drafts": str, "draft_ids_to_publish": list,
    "notify": str, "notify_details": dict, "omit_duplicate_comments": bool,
    "on_behalf_of": str, "reviewers": list, "ready": bool,
    "work_in_progress": bool, "add_to_attention_set": list,
    "remove_from_attention_set": list,
    "ignore_automatic_attention_set_rules": bool,
}
COMMENT_INPUT = {
    "id": str, "path": str, "side": str, "parent": int, "line": int,
    "range": dict, "in_reply_to": str, "updated": str, "message": str,
    "tag": str, "unresolved": bool, "fix_suggestions": list,
}
ROBOT_COMMENT_INPUT = dict(COMMENT_INPUT, robot_id=str, robot_run_id=str,
                           url=str, properties=dict)
ROBOT_REQUIRED = {"robot_id", "robot_run_id"}


def assert_fields(value, fields):
    assert isinstance(value, dict)
    for key, item in value.items():
        assert key in fields, f"{key} is not a field"
        assert isinstance(item, fields[key]), (key, item)


def assert_review_input(payload, kind, fields):
    assert_fields(payload, REVIEW_INPUT)
    assert all(isinstance(v, int) for v in payload["labels"].values())
    for path, comments in payload[kind].items():
        assert isinstance(path, str) and isinstance(comments, list)
        for comment in comments:
            assert_fields(comment, fields)
            assert comment["line"] >= 1


@pytest.fixture
def sheet_repo(repo):  # noqa: F811
    """The repository with the draft's achievements on a scoring sheet."""
    edit(repo, "guidelines/next.yaml", """\
    achievements: [atomic, clients, complete, deployed, discover, doc, future,
                   stable, sticky]
""", "")
    root = repo.working_tree_dir
    marks = {k: 1 for k in ("atomic", "clients", "complete", "deployed",
                            "discover", "doc", "future", "stable", "sticky")}
    marks.update(foundation=0, proximity=0, tools=0)
    import os
    os.makedirs(os.path.join(root, "criteria", "scoring", "powered"))
    with open(os.path.join(root, "criteria", "scoring", "powered",
                           "next.yaml"), "w") as handle:
        handle.write("program: powered\nguideline: next\ncriteria: core\n"
                     "capabilities:\n  compute-servers-create:\n"
                     "    admin: false\n    marks: "
                     + json.dumps(marks) + "\n")
    commit(repo, "Scores on a sheet")
    return repo


def test_a_sheet_only_change_comments_on_the_sheet_only(sheet_repo):
    # the bug: G004 on guidelines/next.yaml, a file the change does not
    # touch, was a comment there, and Gerrit refuses the whole review
    edit(sheet_repo, "criteria/scoring/powered/next.yaml", '"tools": 0',
         '"tools": 1')
    sheet_repo.git.add("-A")
    sheet_repo.index.commit("Rescore, without compiling")
    rv = review(sheet_repo.working_tree_dir)
    assert ("guidelines/next.yaml", "G004") in [
        (f.path, f.code) for i in rv.items for f in i.findings]
    for payload, kind, fields in (
            (gerrit(rv), "comments", COMMENT_INPUT),
            (gerrit(rv, robot=True), "robot_comments",
             ROBOT_COMMENT_INPUT)):
        assert_review_input(payload, kind, fields)
        assert set(payload[kind]) <= set(rv.touched)
        assert "guidelines/next.yaml" not in payload[kind]
        # the finding is not lost: the message names it, with file:line
        assert "guidelines/next.yaml:1:1: G004" in payload["message"]
    assert file_comments(rv) == {}
    # and the sheet's change is said in scores
    said = [c.message for i in rv.items for c in i.changes]
    assert "score of compute-servers-create moved 77 → 83 (tools 0 → 1)" \
        in said


def test_plain_comments_by_default_robot_comments_when_asked(
        repo, capsys, monkeypatch):  # noqa: F811
    edit(repo, "guidelines/next.yaml",
         "      required: [compute-servers-create]",
         "      required: [compute-servers-create, compute-images-old]")
    commit(repo, "Require what is not defined")
    monkeypatch.chdir(repo.working_tree_dir)
    assert cli.main(["review", "--format", "gerrit"]) == 1
    plain = json.loads(capsys.readouterr().out)
    assert "robot_comments" not in plain
    assert_review_input(plain, "comments", COMMENT_INPUT)
    # (review runs check's whole catalogue: each error is one comment)
    comments = plain["comments"]["guidelines/next.yaml"]
    assert comments and all(c["unresolved"] is True and "robot_id" not in c
                            for c in comments)

    assert cli.main(["review", "--format", "gerrit",
                     "--robot-comments"]) == 1
    robot = json.loads(capsys.readouterr().out)
    assert "comments" not in robot
    assert_review_input(robot, "robot_comments", ROBOT_COMMENT_INPUT)
    for comment in robot["robot_comments"]["guidelines/next.yaml"]:
        assert ROBOT_REQUIRED <= set(comment)

    assert cli.main(["review", "--robot-comments"]) == 2
    assert "--format gerrit" in capsys.readouterr().err


def test_review_output_to_a_file(repo, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "review.json"
    assert cli.main(["review", "--repo", repo.working_tree_dir,
                     "--format", "json", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text())["file_comments"] == {}
    assert cli.main(["review", "--repo", repo.working_tree_dir,
                     "--output", str(tmp_path)]) == 2
    assert "cannot write" in capsys.readouterr().err
