"""Review's verdict is check's verdict on what the change touches (issue
23, item 4): a test holds the two equal over a set of broken changes."""
import json
import os

import pytest

from interop import cli
from interop.checks import check_files
from interop.repository import Repository
from interop.tests.workflow.test_review import commit, edit, make_repo
from interop.workflow.review import gerrit, review


def _drop_required_from_published(repo):
    """(a) a hand edit of a published file that drops a required
    capability: no source changed."""
    path = os.path.join(repo.working_tree_dir, "guidelines", "next.json")
    doc = json.load(open(path))
    listed = doc["components"]["os_powered_compute"]["capabilities"]
    listed["required"] = []
    with open(path, "w") as handle:
        handle.write(json.dumps(doc, indent=2) + "\n")


def _force_invalid_source(repo):
    """(b) a schema-invalid source published with compile --force."""
    edit(repo, "guidelines/next.yaml", "    admin: false\n",
         "    admin: sometimes\n")
    root = repo.working_tree_dir
    cli.main(["compile", "--force", "--repo", root])


def _undefined_capability(repo):
    edit(repo, "guidelines/next.yaml",
         "      required: [compute-servers-create]",
         "      required: [compute-servers-create, compute-nothing]")
    cli.main(["compile", "--force", "--repo", repo.working_tree_dir])


def _unknown_key(repo):
    edit(repo, "guidelines/next.yaml", "  scoring: core\n",
         "  scoring: core\n  colour: red\n")
    cli.main(["compile", "--force", "--repo", repo.working_tree_dir])


def _hidden_character(repo):
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         'description: "Create a server.\u202e"')
    cli.main(["compile", "--force", "--repo", repo.working_tree_dir])


BROKEN = [_drop_required_from_published, _force_invalid_source,
          _undefined_capability, _unknown_key, _hidden_character]


def _commit_as_is(repo, message):
    repo.git.add("-A")
    repo.index.commit(message)


@pytest.mark.parametrize("change", BROKEN, ids=lambda f: f.__name__[1:])
def test_review_votes_as_check_judges(tmp_path, change):
    repo = make_repo(tmp_path)
    root = repo.working_tree_dir
    change(repo)
    touched = [p for p in repo.git.diff("--name-only", "HEAD").splitlines()
               if p.endswith((".yaml", ".json"))]
    assert touched
    # check of the tree after the change, before it is committed (the
    # committed versions, the parent's, are its baselines)
    checked = check_files([os.path.join(root, p) for p in touched],
                          Repository(root),
                          baselines=[os.path.join(root, p) for p in touched
                                     if p.endswith(".yaml")])
    check_errors = {(f.path, f.code) for f in checked
                    if f.severity == "error" and f.suppressed is None}
    _commit_as_is(repo, "Broken")
    rv = review(root)
    review_errors = {(f.path, f.code) for f in rv.errors}
    assert gerrit(rv)["labels"]["Verified"] == -1
    # every error check reports on a touched file, review reports too,
    # an error of a published file said once, on its source when the
    # change touches both (review adds its own G codes: the change
    # against its parent)
    assert {c for _, c in review_errors if not c.startswith("G")} == \
        {c for _, c in check_errors}
    for path, code in check_errors:
        assert (path, code) in review_errors or (
            path.replace(".json", ".yaml"), code) in review_errors


def test_a_clean_change_is_verified(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    commit(repo, "Clarify")
    assert gerrit(review(repo.working_tree_dir))["labels"]["Verified"] == 1


def test_a_hand_edited_published_file_is_an_error(tmp_path):
    repo = make_repo(tmp_path)
    _drop_required_from_published(repo)
    _commit_as_is(repo, "Hand edit")
    rv = review(repo.working_tree_dir)
    assert ("guidelines/next.json", "G004") in {(f.path, f.code)
                                                 for f in rv.errors}
    assert "No guideline changed" not in gerrit(rv)["message"]


def test_owners_are_read_from_the_target_branch(tmp_path):
    """A change that renames the Working Group's Gerrit group is reviewed
    by the group as it stood, and its table change is the group's."""
    repo = make_repo(tmp_path)
    table = os.path.join(repo.working_tree_dir, "criteria", "process",
                         "programs.yaml")
    text = open(table).read()
    assert "gerrit_group: interop-core" in text
    with open(table, "w") as handle:
        handle.write(text.replace("gerrit_group: interop-core",
                                  "gerrit_group: my-friends"))
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    commit(repo, "Clarify, and approve it myself")
    rv = review(repo.working_tree_dir)
    shown = "\n".join(n.shown() for n in rv.needs)
    assert "my-friends" not in shown
    assert "criteria/process/programs.yaml: the Interop Working Group " \
        "(Gerrit group interop-core)" in shown
    assert "guidelines/next.yaml: the Interop Working Group (Gerrit " \
        "group interop-core)" in shown


def test_a_new_program_names_its_proposed_owner(tmp_path):
    repo = make_repo(tmp_path)
    table = os.path.join(repo.working_tree_dir, "criteria", "process",
                         "programs.yaml")
    with open(table, "a") as handle:
        handle.write("  shares:\n    owner: project-team\n    team: manila\n"
                     "    gerrit_group: manila-core\n")
    folder = os.path.join(repo.working_tree_dir, "add-ons", "shares")
    os.makedirs(folder)
    with open(os.path.join(folder, "notes.txt"), "w") as handle:
        handle.write("a file of the program\n")
    commit(repo, "Propose the shares add-on")
    rv = review(repo.working_tree_dir)
    [need] = [n for n in rv.needs if n.path == "add-ons/shares/notes.txt"]
    assert "manila-core" in need.shown() and "interop-core" in need.shown()


def test_an_error_the_change_causes_in_a_file_it_does_not_touch(tmp_path):
    """Renaming a Powered component in the draft breaks every add-on that
    requires it (A001), in files the change does not touch: review votes
    -1 on those errors, as check of the tree after the change reports
    them, and not on errors the parent already had (issue 23, item 4)."""
    import shutil

    import git

    from interop.tests.conftest import ROOT
    root = tmp_path / "interop"
    shutil.copytree(ROOT, root, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".tox", ".venv", "build", "generated", "__pycache__",
        ".interop-cache", ".hypothesis", "*.egg-info", "doc", "tools"))
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.org")
    _commit_as_is(repo, "Start")
    assert gerrit(review(str(root)))["labels"]["Verified"] == 1
    source = root / "guidelines" / "next.yaml"
    source.write_text(source.read_text().replace(
        "os_powered_compute:", "os_powered_compute_x:").replace(
        "- os_powered_compute\n", "- os_powered_compute_x\n"))
    cli.main(["compile", "--force", "--repo", str(root)])
    _commit_as_is(repo, "Rename the compute component")
    rv = review(str(root))
    found = {(f.path, f.code) for f in rv.errors}
    assert ("add-ons/dns/next.yaml", "A001") in found
    assert gerrit(rv)["labels"]["Verified"] == -1
    checked = check_files([str(root / "add-ons" / "dns" / "next.yaml")],
                          Repository(str(root)))
    assert "A001" in {f.code for f in checked if f.severity == "error"}
