"""No traceback on bad tags, over-long names or a full disk (issue 23,
item 9): each is a located finding or an E code with exit 2, nothing
written."""
import errno
import os

import pytest

from interop import cli
from interop.errors import LoadError
from interop.load.source import load_yaml
from interop.tests.workflow.test_review import commit, edit, make_repo
from interop.workflow.review import gerrit, review

TAGS = ['!!bool maybe', '!!int ""', '!!int "-"', '!!float ""', '!!int "_"',
        '!!float "_"', '!!bool ""']


@pytest.mark.parametrize("tagged", TAGS)
def test_a_tag_on_text_it_cannot_hold_is_located(tagged):
    with pytest.raises(LoadError) as caught:
        load_yaml(f"metadata:\n  id: next\n  x: {tagged}\n", "g.yaml")
    f = caught.value.finding
    assert (f.code, f.line, f.col) == ("E180", 3, 6)
    assert tagged.split()[0] in f.message


@pytest.mark.parametrize("tagged", TAGS[:3])
def test_check_compile_and_review_report_a_bad_tag(tmp_path, capsys,
                                                   tagged):
    repo = make_repo(tmp_path)
    root = repo.working_tree_dir
    published = open(os.path.join(root, "guidelines", "next.json")).read()
    edit(repo, "guidelines/next.yaml", "    admin: false\n",
         f"    admin: {tagged}\n")
    repo.git.add("-A")
    repo.index.commit("A bad tag")
    assert cli.main(["check", "--repo", root]) == 1
    assert "E180" in capsys.readouterr().out
    assert cli.main(["compile", "--repo", root]) in (1, 2)
    assert "E180" in "".join(capsys.readouterr())
    assert open(os.path.join(root, "guidelines",
                             "next.json")).read() == published
    rv = review(root)
    assert "E180" in {f.code for i in rv.items for f in i.findings}
    assert gerrit(rv)["labels"]["Verified"] == -1


def test_a_committed_name_over_255_bytes_is_a_finding(tmp_path):
    repo = make_repo(tmp_path)
    root = repo.working_tree_dir
    long_name = "x" * 250 + ".yaml"
    # git holds any name; no checkout can: the index is written directly
    blob = repo.git.hash_object("-w", "--stdin", istream=open(os.path.join(
        root, "guidelines", "next.yaml"), "rb"))
    repo.git.update_index("--add", "--cacheinfo",
                          f"100644,{blob},guidelines/a{long_name}{'y' * 10}")
    repo.index.update()
    tree = repo.git.write_tree()
    sha = repo.git.commit_tree(tree, "-p", "HEAD", "-m", "Long name")
    rv = review(root, sha)
    found = [(i.path, f.code) for i in rv.items for f in i.findings]
    assert [c for _, c in found] == ["E181"], found
    assert gerrit(rv)["labels"]["Verified"] == -1


def test_a_full_temporary_folder_is_exit_2_with_one_line(
        tmp_path, capsys, monkeypatch):
    repo = make_repo(tmp_path)
    root = repo.working_tree_dir
    edit(repo, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    commit(repo, "Clarify")
    import interop.files as files
    real = files.trial_folder

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device",
                      str(tmp_path / "tmp"))
    monkeypatch.setattr(files, "trial_folder", full)
    import interop.workflow.gitrepo as gitrepo
    monkeypatch.setattr(gitrepo, "trial_folder", full)
    assert cli.main(["review", "--repo", root]) == 2
    err = capsys.readouterr().err
    assert "E182" in err and "No space left" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert real  # the real one is left for the other tests


def test_a_full_temporary_folder_refuses_a_trial_copy(tmp_path, capsys,
                                                      monkeypatch):
    import shutil

    from interop.tests.workflow.test_governance import make_repo as gov
    from interop.tests.workflow.test_governance import tree_hash
    from interop.workflow import plan
    monkeypatch.setenv("INTEROP_TODAY", "2028-01-20")
    root = str(tmp_path / "repo")
    gov(root)
    before = tree_hash(root)

    def full(src, dst, **kwargs):
        raise shutil.Error([(src, dst, "[Errno 28] No space left on "
                             "device")])
    monkeypatch.setattr(plan.shutil, "copytree", full)
    assert cli.main(["approve", "next", "--by", "working-group", "--date",
                     "2027-11-20", "--reference", "https://example.org/wg",
                     "--repo", root]) == 2
    err = capsys.readouterr().err
    assert "E182" in err and "No space left" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert tree_hash(root) == before
