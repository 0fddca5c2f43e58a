"""Whose approval a change needs: per touched file, in the review's text
and in the Gerrit message."""
import json
import os

import pytest

from interop.load.process import load_ownership
from interop.tests.conftest import ROOT
from interop.tests.workflow.test_review import commit, edit, make_repo
from interop.workflow.owners import need_of
from interop.workflow.review import FORMATS, gerrit, review

OWN = load_ownership(ROOT)


def roles(need):
    return [(a.role, a.gerrit_group) for a in need.approvers]


@pytest.mark.parametrize("path, expected", [
    ("add-ons/dns/next.yaml", [("project-team", "designate-core"),
                               ("working-group", "interop-core")]),
    ("criteria/scoring/orchestration/next.yaml",
     [("project-team", "heat-core"), ("working-group", "interop-core")]),
    ("guidelines/next.yaml", [("working-group", "interop-core")]),
    ("verticals/nfv/next.yaml", [("working-group", "interop-core")]),
    ("criteria/core.yaml", [("working-group", "interop-core"),
                            ("board", None)]),
    ("criteria/process/schedule.yaml", [("working-group", "interop-core")]),
    ("schemas/guideline-source.json", [("working-group", "interop-core")]),
    ("doc/source/lifecycle.rst", [("working-group", "interop-core")]),
    # published where RefStack reads them (Repository.published_path)
    ("guidelines/next.json", []),
    ("add-ons/guidelines/dns.next.json", []),
    ("verticals/guidelines/nfv.next.json", []),
])
def test_the_repository_owners(path, expected):
    assert roles(need_of(path, OWN)) == expected


def test_code_is_outside_the_process():
    assert need_of("tools/interop/cli/__init__.py", OWN) is None
    assert need_of("doc/source/generated/powered-next.rst", OWN) is None


def test_an_unlisted_program_is_the_working_groups():
    need = need_of("add-ons/shares/next.yaml", OWN)
    assert roles(need) == [("working-group", "interop-core")]


@pytest.fixture
def repo(tmp_path):
    # copy_criteria brings criteria/process/programs.yaml along
    return make_repo(tmp_path)


def test_review_says_whose_approval_each_file_needs(repo):
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    edit(repo, "criteria/core.yaml", "cutoff", "cutoff")  # touch nothing
    with open(os.path.join(repo.working_tree_dir, "criteria", "core.yaml"),
              "a") as handle:
        handle.write("# a comment\n")
    commit(repo, "Clarify")
    rv = review(repo.working_tree_dir)
    shown = [n.shown() for n in rv.needs]
    assert shown == [
        "criteria/core.yaml: the Interop Working Group (Gerrit group "
        "interop-core), then the Board of Directors (the Core Criteria: "
        "the Board approves changes to the scoring criteria)",
        "guidelines/next.json: generated from its source: the source's "
        "approval covers it",
        "guidelines/next.yaml: the Interop Working Group (Gerrit group "
        "interop-core) (the powered program's guidelines are the Working "
        "Group's)"]
    text = FORMATS["text"](rv)
    assert "Approvals this change needs:\n  - criteria/core.yaml" in text
    message = gerrit(rv)["message"]
    assert "Approvals this change needs:" in message
    assert "interop-core" in message
    assert json.loads(FORMATS["json"](rv))["approvals_needed"][0][
        "approvers"][1]["role"] == "board"
    assert "#### Approvals this change needs" in FORMATS["markdown"](rv)
    # who acts next, and how (issue 24)
    assert message.endswith("\nNext step: the Interop Working Group "
                            "reviews the change (interop-core: Code-Review "
                            "+2).\n")
    assert "Next step\\: the Interop Working Group" in \
        FORMATS["markdown"](rv)


def test_a_status_becoming_approved_needs_the_board_record(repo):
    edit(repo, "guidelines/next.yaml", "status: draft", "status: approved")
    commit(repo, "Approve by hand")
    rv = review(repo.working_tree_dir)
    need = [n for n in rv.needs if n.path == "guidelines/next.yaml"][0]
    assert roles(need) == [("board", None)]
    assert "not recorded yet" in need.why


def test_the_next_step_after_an_error_is_the_authors():
    from interop.errors import Finding
    from interop.workflow.review import Item, Review, next_step
    error = Finding("guidelines/next.yaml", 1, 1, "G002", "error", "back")
    rv = Review("a" * 40, "b" * 40, [Item("guidelines/next.yaml", "next",
                                          [], [error])])
    assert next_step(rv).endswith("uploads a new patch set.")
    assert next_step(Review("a" * 40, "b" * 40, [])) == \
        "Next step: any core reviewer may approve the change."
