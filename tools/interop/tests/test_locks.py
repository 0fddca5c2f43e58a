"""Locks never follow a path the tree does not own (issue 23, item 2)."""
import os
import stat
import tempfile

import pytest

from interop import files
from interop.errors import UsageError


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A temporary folder of the test's own, as TMPDIR."""
    top = tmp_path / "tmp"
    top.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(top))
    return top


def test_a_planted_git_link_above_out_truncates_nothing(tmp_path,
                                                        private_tmp):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    planted = tmp_path / "shared" / ".git"
    planted.mkdir(parents=True)
    os.symlink(victim, planted / files.LOCK_NAME)
    out = tmp_path / "shared" / "imported"
    out.mkdir()
    # the .git above is the user's own here; a link in it is still refused
    with pytest.raises(UsageError):
        with files.locked(str(out)):
            pass
    assert victim.read_text() == "precious\n"


def test_a_git_folder_that_is_a_link_is_not_used(tmp_path, private_tmp):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shared = tmp_path / "shared"
    shared.mkdir()
    os.symlink(elsewhere, shared / ".git")
    (shared / "out").mkdir()
    path = files.lock_path(str(shared / "out"))
    assert not path.startswith(str(shared))
    assert os.path.dirname(path) == files.private_folder()


def test_outside_git_the_lock_is_in_a_private_folder(tmp_path,
                                                     private_tmp):
    with files.locked(str(tmp_path / "tmp")) as path:
        folder = os.path.dirname(path)
        info = os.lstat(folder)
        assert stat.S_IMODE(info.st_mode) == 0o700
        assert info.st_uid == os.getuid()
        assert folder.startswith(str(private_tmp))


def test_a_private_folder_open_to_others_is_refused(private_tmp):
    folder = private_tmp / f"{files.TMP_PREFIX}{os.getuid()}"
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    with pytest.raises(UsageError, match="not a private folder"):
        files.private_folder()


def test_a_private_folder_that_is_a_link_is_refused(tmp_path, private_tmp):
    (tmp_path / "target").mkdir(mode=0o700)
    os.symlink(tmp_path / "target",
               private_tmp / f"{files.TMP_PREFIX}{os.getuid()}")
    with pytest.raises(UsageError, match="not a private folder"):
        files.private_folder()


def test_the_repositorys_own_git_folder_holds_its_lock(tmp_path):
    (tmp_path / ".git").mkdir()
    assert files.lock_path(str(tmp_path)) == str(tmp_path / ".git" /
                                                 files.LOCK_NAME)
