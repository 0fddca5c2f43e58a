"""Reading revisions: links, submodules, large blobs, every revision form
and names git quotes (issue 14).  Each of these failed before: a
traceback, or a silent pass."""
import os

import pytest

from interop import cli
from interop.errors import LoadError, UsageError
from interop.tests.workflow.test_review import commit, edit, make_repo
from interop.workflow import gitrepo
from interop.workflow.review import gerrit, review

BROKEN = "metadata: [this is not a guideline\n"


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path)


def errors(rv):
    return sorted({(i.path, f.code) for i in rv.items for f in i.findings
                   if f.severity == "error"})


def test_a_commit_holding_links_is_reviewed_without_following_them(repo):
    root = repo.working_tree_dir
    os.symlink("/etc/passwd", os.path.join(root, "guidelines", "abs"))
    os.symlink("../../../../outside", os.path.join(root, "criteria", "out"))
    os.symlink("/etc", os.path.join(root, "verticals"))
    os.symlink("/etc/passwd", os.path.join(root, "README.rst"))
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    commit(repo, "Links")
    rv = review(root)
    assert errors(rv) == [("criteria/out", "E101"), ("guidelines/abs", "E101"),
                          ("verticals", "E101")]
    assert [c.kind for i in rv.items for c in i.changes] == [
        "capability-changed"]
    assert gerrit(rv)["labels"] == {"Verified": -1}


def test_a_source_committed_as_a_link_is_an_error(repo):
    root = repo.working_tree_dir
    os.symlink("/etc/hostname", os.path.join(root, "guidelines",
                                             "2027.01.yaml"))
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "A linked source")
    rv = review(root)
    assert errors(rv) == [("guidelines/2027.01.yaml", "E101")]
    assert gerrit(rv)["labels"] == {"Verified": -1}


@pytest.mark.parametrize("name", ["é.yaml", "tab\there.yaml",
                                  os.fsdecode(b"caf\xe9.yaml")])
def test_names_git_quotes_are_reviewed(repo, name):
    root = repo.working_tree_dir
    with open(os.path.join(root, "guidelines", name), "w") as handle:
        handle.write(BROKEN)
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "A broken guideline under an unusual name")
    rv = review(root)
    assert [i.path for i in rv.items] == [f"guidelines/{name}"]
    assert gerrit(rv)["labels"] == {"Verified": -1}


def test_a_name_that_is_not_utf8_is_shown_escaped(repo, capsys,
                                                  monkeypatch):
    root = repo.working_tree_dir
    with open(os.path.join(os.fsencode(root), b"guidelines",
                           b"caf\xe9.yaml"), "w") as handle:
        handle.write(BROKEN)
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "Not UTF-8")
    monkeypatch.chdir(root)
    assert cli.main(["review"]) == 1
    assert "guidelines/caf\\udce9.yaml" in capsys.readouterr().out


@pytest.mark.parametrize("rev", ["0" * 40, "HEAD@{99}", "@{-1}", "HEAD~9",
                                 "HEAD^{tree}", "", "no such"])
def test_every_revision_form_is_resolved_or_refused(repo, capsys,
                                                    monkeypatch, rev):
    monkeypatch.chdir(repo.working_tree_dir)
    assert cli.main(["review", rev]) == 2
    assert "unknown revision" in capsys.readouterr().err
    assert cli.main(["review", "--base", rev]) == 2
    assert "unknown revision" in capsys.readouterr().err
    assert cli.main(["diff", f"{rev}:guidelines/next.yaml",
                     "guidelines/next.yaml"]) == 2
    assert "unknown revision" in capsys.readouterr().err


def test_an_option_is_not_a_revision(repo):
    with pytest.raises(UsageError, match="unknown revision"):
        gitrepo.resolve(repo, "--all")
    with pytest.raises(UsageError, match="unknown revision"):
        gitrepo.resolve(repo, "-x")


def test_forms_gitpython_cannot_parse_resolve(repo):
    head = repo.head.commit.hexsha
    assert gitrepo.resolve(repo, "HEAD@{0}") == head
    assert gitrepo.resolve(repo, "HEAD@{1 minute ago}") == head
    assert gitrepo.resolve(repo, head[:7]) == head


def test_a_submodule_path_in_diff_is_refused(repo, capsys, monkeypatch):
    root = repo.working_tree_dir
    head = repo.head.commit.hexsha
    # a gitlink entry, as 'git submodule add' leaves in the index
    repo.git.update_index("--add", "--cacheinfo", f"160000,{head},sub")
    repo.git.commit("-q", "-m", "A submodule")
    monkeypatch.chdir(root)
    assert cli.main(["diff", "HEAD:sub", "guidelines/next.yaml"]) == 2
    assert "is a submodule, not a file" in capsys.readouterr().err
    assert cli.main(["diff", "HEAD:guidelines", "guidelines/next.yaml"]) == 2
    assert "is a folder, not a file" in capsys.readouterr().err
    assert errors(review(root)) == []


def test_a_blob_over_the_limit_is_refused_before_it_is_read(repo,
                                                            monkeypatch):
    root = repo.working_tree_dir
    path = os.path.join(root, "guidelines", "2027.01.yaml")
    with open(path, "wb") as handle:
        handle.write(b"# " + b"x" * (16 * 1024 * 1024) + b"\n")
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "A huge guideline")
    head = gitrepo.resolve(repo, "HEAD")
    huge = bytes.fromhex(repo.git.rev_parse("HEAD:guidelines/2027.01.yaml"))
    stream = type(repo.odb).stream

    def no_reading(odb, binsha):
        assert binsha != huge, "a blob over the limit was read"
        return stream(odb, binsha)
    monkeypatch.setattr(type(repo.odb), "stream", no_reading)
    with pytest.raises(LoadError) as caught:
        gitrepo.read_at(repo, head, "guidelines/2027.01.yaml")
    assert caught.value.finding.code == "E103"
    assert errors(review(root)) == [("guidelines/2027.01.yaml", "E103")]


def test_read_at_refuses_a_link(repo):
    os.symlink("/etc/passwd", os.path.join(repo.working_tree_dir, "l.yaml"))
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "A link")
    with pytest.raises(UsageError, match="symbolic link"):
        gitrepo.read_at(repo, gitrepo.resolve(repo, "HEAD"), "l.yaml")


def test_a_revision_too_large_to_review_is_refused(repo, monkeypatch,
                                                   capsys):
    monkeypatch.setattr(gitrepo, "MAX_EXPORT_FILES", 3)
    monkeypatch.chdir(repo.working_tree_dir)
    assert cli.main(["review"]) == 2
    assert "over the limits of 3 files" in capsys.readouterr().err
