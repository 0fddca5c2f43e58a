"""``interop review`` and ``interop diff`` on throwaway git repositories
with real commits."""
import json
import os

import git
import pytest

from interop import cli
from interop.publish.outputs import compile_sources
from interop.repository import Repository
from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.tests.conftest import copy_criteria
from interop.workflow.review import gerrit, review


FLAVORS = "tempest.api.compute.flavors.FlavorsTest"


def commit(repo, message):
    compile_sources(Repository(repo.working_tree_dir))
    repo.git.add("-A")
    repo.index.commit(message)


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path)


def make_repo(tmp_path):
    """A repository with two guidelines, committed."""
    copy_criteria(tmp_path)
    (tmp_path / "guidelines").mkdir()
    # R004: a Powered test comes from the Tempest it names (review runs
    # check's whole catalogue, so the start must pass it)
    (tmp_path / "guidelines" / "2026.06.yaml").write_text(PREVIOUS.replace(
        "a.FlavorsTest", FLAVORS))
    (tmp_path / "guidelines" / "next.yaml").write_text(BASE)
    r = git.Repo.init(tmp_path)
    with r.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.org")
    commit(r, "Start")
    return r


def edit(repo, path, old, new):
    full = os.path.join(repo.working_tree_dir, path)
    with open(full) as handle:
        text = handle.read()
    assert old in text
    with open(full, "w") as handle:
        handle.write(text.replace(old, new))


def codes(rv):
    return sorted({(i.path, f.code) for i in rv.items for f in i.findings
                   if f.severity == "error"})


def test_a_clean_change(repo):
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    commit(repo, "Clarify")
    rv = review(repo.working_tree_dir)
    assert codes(rv) == []
    assert [c.kind for i in rv.items for c in i.changes] == [
        "capability-changed"]
    payload = gerrit(rv)
    assert payload["labels"] == {"Verified": 1}
    assert payload["comments"] == {}


def test_a_capability_that_skips_advisory(repo):
    edit(repo, "guidelines/next.yaml",
         "      required: [compute-servers-create]",
         "      required: [compute-servers-create, compute-images-old]")
    edit(repo, "guidelines/next.yaml", "designated_sections:\n  nova:", """\
  compute-images-old:
    project: nova
    admin: false
    description: An old image call.
    achievements: [atomic, clients, complete, deployed, discover, doc,
                   foundation, future, stable]
    tests: {}
designated_sections:
  nova:""")
    commit(repo, "Require an old capability")
    rv = review(repo.working_tree_dir)
    assert codes(rv) == [("guidelines/next.yaml", "L001")]
    payload = gerrit(rv)
    assert payload["labels"] == {"Verified": -1}
    comments = payload["comments"]["guidelines/next.yaml"]
    # the error, and the warning that the change gives no reason (L014)
    [comment] = [c for c in comments if "L001" in c["message"]]
    assert comment["unresolved"] is True and comment["line"] > 1
    assert [c["unresolved"] for c in comments if "L014" in c["message"]] \
        == [False]


def test_a_test_removed_from_an_approved_guideline(repo):
    edit(repo, "guidelines/2026.06.yaml",
         f"      {FLAVORS}.test_list_flavors: id-e36c0eaa-dff5-4082-ad1f-"
         "3f9a80aa3f59\n", f"      {FLAVORS}.test_other: id-0e36c0ea-"
         "dff5-4082-ad1f-3f9a80aa3f59\n")
    commit(repo, "Swap a test")
    rv = review(repo.working_tree_dir)
    assert ("guidelines/2026.06.yaml", "G001") in codes(rv)
    messages = [f.message for i in rv.items for f in i.findings
                if f.code == "G001"]
    assert any("test_other added" in m for m in messages)
    assert any("test_list_flavors removed" in m for m in messages)


def test_a_flag_added_to_an_approved_guideline_is_allowed(repo):
    edit(repo, "guidelines/2026.06.yaml",
         f"      {FLAVORS}.test_list_flavors: id-e36c0eaa-dff5-4082-ad1f-"
         "3f9a80aa3f59\n", f"""\
      {FLAVORS}.test_list_flavors:
        idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59
        flagged:
          reason: D401 The test needs two flavors.
          action: Flagged until the test is fixed.
          date: "2026-08-01"
""")
    commit(repo, "Flag a test")
    rv = review(repo.working_tree_dir)
    assert codes(rv) == []
    assert [c.kind for i in rv.items for c in i.changes] == ["test-flagged"]


def test_a_weight_changed_after_draft(repo):
    edit(repo, "criteria/core.yaml", "    weight: 6\n", "    weight: 7\n")
    commit(repo, "Reweigh")
    rv = review(repo.working_tree_dir)
    found = codes(rv)
    assert ("guidelines/2026.06.yaml", "G003") in found
    assert ("guidelines/next.yaml", "G003") not in found  # a draft may


def test_published_json_not_regenerated(repo):
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    repo.git.add("-A")
    repo.index.commit("Forgot to compile")
    rv = review(repo.working_tree_dir)
    assert codes(rv) == [("guidelines/next.yaml", "G004")]


def test_status_moving_backwards(repo):
    edit(repo, "guidelines/2026.06.yaml", "status: approved",
         "status: draft")
    commit(repo, "Oops")
    assert ("guidelines/2026.06.yaml", "G002") in codes(
        review(repo.working_tree_dir))


def test_cli_review_and_diff_at_revisions(repo, capsys, monkeypatch):
    edit(repo, "guidelines/next.yaml",
         "      required: [compute-servers-create]",
         "      required: [compute-servers-create, compute-images-old]")
    commit(repo, "Skip advisory")
    monkeypatch.chdir(repo.working_tree_dir)
    assert cli.main(["review", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["guidelines"][0]["path"] == "guidelines/next.yaml"
    assert cli.main(["diff", "HEAD~1:guidelines/next.yaml",
                     "guidelines/next.yaml", "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert {"kind": "capability-added", "subject": "compute-images-old",
            "message": "capability compute-images-old added as required"} \
        in changes
    assert cli.main(["review", "--format", "gerrit"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["labels"] == {"Verified": -1}


def test_the_review_names_the_two_revisions_it_compares(repo, capsys,
                                                         monkeypatch):
    """The parent and the commit, as text and JSON say them (the errors
    already there before the change once took the parent's place)."""
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    commit(repo, "Clarify")
    head = repo.head.commit
    parent = head.parents[0].hexsha
    rv = review(repo.working_tree_dir)
    assert (rv.old, rv.new) == (parent, head.hexsha)
    monkeypatch.chdir(repo.working_tree_dir)
    assert cli.main(["review", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["old"], data["new"]) == (parent, head.hexsha)
    cli.main(["review"])
    assert f"(against {parent[:12]})" in capsys.readouterr().out


def test_review_outside_a_repository(tmp_path, capsys):
    assert cli.main(["review", "--repo", str(tmp_path)]) == 2
    assert "not in a git repository" in capsys.readouterr().err


def test_the_review_names_tests_added_to_a_required_capability(repo):
    """Issue 25: a test added to a capability the replaced guideline
    required is required at once; the review names it (W020), warns about
    the growth of required tests (W019) and asks why (L014)."""
    listed = ("      tempest.api.compute.servers.test_create_server."
              "ServersTestJSON.test_list_servers: "
              "id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f\n")
    edit(repo, "guidelines/next.yaml", listed,
         listed + "      tempest.api.compute.servers.test_b.B.test_b: "
         "id-22222222-2222-4222-8222-222222222222\n")
    commit(repo, "Add a test")
    rv = review(repo.working_tree_dir)
    found = {f.code: f.message for i in rv.items for f in i.findings}
    assert "test_b.B.test_b" in found["W020"]
    assert "W019" in found and "L014" in found
def test_review_lists_suspect_tests_a_pin_change_brings(repo):
    from interop.load.lock import Lock, LockedTest, write_lock
    from interop.tempest.locking import review_suspects, site_sources
    if site_sources() is None:
        pytest.skip("Tempest is not installed (pip install -e "
                    "'.[tempest]')")
    name = ("tempest.api.compute.servers.test_create_server."
            "ServersTestJSON.test_list_servers")
    root = repo.working_tree_dir
    # the lock says the test's code was other than what is installed
    write_lock(root, Lock("powered", {"tempest": "46.0.0"}, {
        name: LockedTest(None, None, None, (), "sha256:" + "0" * 64)}))
    with open(os.path.join(root, "setup.cfg"), "w") as handle:
        handle.write("[metadata]\nname = pins\n")
    commit(repo, "Bump the pinned Tempest")
    rv = review(root, extra=review_suspects)
    assert ("guidelines/next.yaml", "V010") in codes(rv)
    # without the hook, nothing about locks is said
    assert ("guidelines/next.yaml", "V010") not in codes(review(root))
