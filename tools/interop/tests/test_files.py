"""Writing all or nothing, one writer at a time, and what a kill leaves
(issue 14).  Each reproducer here failed before: a file rewritten before
the command exited 2, a traceback after one file was written, the second
of two same-named outputs silently winning, trial copies and temporary
files left for good."""
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

from interop import cli, files
from interop.errors import LoadError, UsageError
from interop.files import locked, trial_folder, write_all
from interop.tests.conftest import corpus_files
from interop.tests.workflow.test_governance import make_repo, tree_hash

RUN = "import sys; from interop.cli import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture(autouse=True)
def after_the_votes(monkeypatch):
    """The governance fixture's drafts carry approvals dated in 2027."""
    monkeypatch.setenv("INTEROP_TODAY", "2028-01-20")


def dead_pid():
    """The id of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; "
                           "print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


def temporaries(root):
    return sorted(os.path.relpath(os.path.join(base, name), root)
                  for base, _, names in os.walk(root) for name in names
                  if name.endswith(".tmp"))


# -- write_all ---------------------------------------------------------------

def test_nothing_is_written_when_one_file_cannot_be(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b" / "c.json"
    first.write_text("old")
    (tmp_path / "b").write_text("a file where a folder must be")
    with pytest.raises(LoadError, match="E162 cannot write: .*nothing "
                       "written"):
        write_all([(str(first), "new"), (str(second), "new")])
    assert first.read_text() == "old"
    assert temporaries(tmp_path) == []


def test_a_folder_as_a_target_is_refused_before_writing(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    second.mkdir()
    with pytest.raises(LoadError, match="E161 cannot write: it is a folder"):
        write_all([(str(first), "new"), (str(second), "new")])
    assert not first.exists()


def test_two_outputs_to_one_path_are_refused(tmp_path):
    target = tmp_path / "x.yaml"
    with pytest.raises(UsageError, match="same file"):
        write_all([(str(target), "one"), (str(tmp_path / "." / "x.yaml"),
                                          "two")])
    assert not target.exists()


def test_a_failed_rename_puts_back_what_was_replaced(tmp_path, monkeypatch):
    paths = [tmp_path / name for name in ("a", "b", "new/c")]
    paths[0].write_text("old a")
    replace, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(dst))
        return replace(src, dst)
    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(LoadError, match="E162 cannot write: No space left"):
        write_all([(str(p), "new") for p in paths])
    monkeypatch.setattr(files.os, "replace", replace)
    assert paths[0].read_text() == "old a"
    assert not paths[1].exists() and not paths[2].exists()
    assert temporaries(tmp_path) == []
    assert not (tmp_path / "new").exists()  # the folder it made, too


def test_unchanged_files_are_not_touched(tmp_path):
    same = tmp_path / "same"
    same.write_text("text")
    before = os.stat(same).st_mtime_ns
    assert write_all([(str(same), "text"), (str(tmp_path / "n"), "x")]) \
        == [str(tmp_path / "n")]
    assert os.stat(same).st_mtime_ns == before


# -- commands ----------------------------------------------------------------

def test_compile_writes_nothing_when_one_target_is_refused(tmp_path,
                                                           capsys):
    root = make_repo(str(tmp_path / "repo"))
    for name in ("next.yaml", "2026.06.yaml"):
        path = os.path.join(root, "guidelines", name)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.replace("description: Create a server.",
                                      "description: Create servers."))
    # a later target that is not a published guideline (E131)
    with open(os.path.join(root, "guidelines", "next.json"), "w") as handle:
        handle.write("[]")
    before = tree_hash(root)
    assert cli.main(["compile", "--repo", root]) == 2
    assert "E131" in capsys.readouterr().err
    assert tree_hash(root) == before


def test_import_of_two_files_of_one_name_writes_nothing(corpus, tmp_path,
                                                        capsys):
    source = [p for p in corpus_files() if p.endswith("/2019.06.json")][0]
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        shutil.copy(source, tmp_path / folder / "2019.06.json")
    out = tmp_path / "out"
    assert cli.main(["import", str(tmp_path / "one" / "2019.06.json"),
                     str(tmp_path / "two" / "2019.06.json"), "--out",
                     str(out)]) == 2
    assert "same file" in capsys.readouterr().err
    assert not out.exists()


def test_import_that_cannot_write_its_second_file_writes_none(
        corpus, tmp_path, capsys):
    wanted = corpus_files("2019.06.json") + corpus_files("add-ons/dns.*.json")
    out = tmp_path / "out"
    out.mkdir()
    (out / "add-ons").write_text("a file where a folder must be")
    assert cli.main(["import", *wanted, "--out", str(out)]) == 2
    assert "nothing written" in capsys.readouterr().err
    assert sorted(os.listdir(out)) == ["add-ons"]


def test_import_scores_into_a_folder_is_refused(corpus, tmp_path, capsys):
    sheet = tmp_path / "w.txt"
    sheet.write_text("compute-a: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] "
                     "[100]\n")
    (tmp_path / "out.yaml").mkdir()
    assert cli.main(["import-scores", str(sheet), "--criteria",
                     corpus_files("2019.06.json")[0], "--out",
                     str(tmp_path / "out.yaml")]) == 2
    assert "E161 a folder" in capsys.readouterr().err


# -- one writer at a time ----------------------------------------------------

def test_a_second_writer_is_refused_naming_the_first(tmp_path, capsys):
    root = make_repo(str(tmp_path / "repo"))
    assert files.lock_path(root) == os.path.join(root, ".git",
                                                 "interop.lock")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from interop.files import"
         " locked\nwith locked(sys.argv[1]):\n print('held', flush=True);"
         " time.sleep(60)", root], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        before = tree_hash(root)
        for argv in (["compile"], ["release", "next", "--as", "2027.06"],
                     ["next", "powered"], ["new", "add-on", "dns"]):
            assert cli.main([*argv, "--repo", root]) == 2
            err = capsys.readouterr().err
            assert f"another interop command (pid {holder.pid})" in err, err
        assert tree_hash(root) == before
    finally:
        holder.kill()
        holder.wait()
    assert cli.main(["compile", "--repo", root]) == 0  # the lock is free


def test_a_tree_without_git_is_locked_outside_it(tmp_path):
    with locked(str(tmp_path)) as path:
        assert not path.startswith(str(tmp_path))
        with pytest.raises(UsageError, match=f"pid {os.getpid()}"):
            with locked(str(tmp_path)):
                pass
        assert os.path.exists(path)
    assert os.listdir(tmp_path) == []
    assert not os.path.exists(path)  # nothing left in TMPDIR either
    with locked(str(tmp_path)):  # and taken again
        pass


# -- what a kill leaves ------------------------------------------------------

def test_the_next_run_removes_temporary_files_a_kill_left(tmp_path):
    root = make_repo(str(tmp_path / "repo"))
    dead, alive = dead_pid(), os.getpid()
    stale = os.path.join(root, f".next.json.interop-{dead}-k1ll3d.tmp")
    sheet = os.path.join(root, "criteria", "scoring", "powered",
                         f".next.yaml.interop-{dead}-x.tmp")
    running = os.path.join(root, f".next.json.interop-{alive}-live.tmp")
    other = os.path.join(root, ".next.json.someone.tmp")
    for path in (stale, sheet, running, other):
        with open(path, "w") as handle:
            handle.write("half")
    assert cli.main(["compile", "--repo", root]) == 0
    assert not os.path.exists(stale) and not os.path.exists(sheet)
    assert os.path.exists(running) and os.path.exists(other)


@pytest.fixture
def tmpdir_of_ours(tmp_path, monkeypatch):
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_trial_folders_a_kill_left_are_removed(tmpdir_of_ours):
    dead = dead_pid()
    stale = tmpdir_of_ours / f"interop-trial-{dead}-abcd"
    (stale / "repo" / "guidelines").mkdir(parents=True)
    live = tmpdir_of_ours / f"interop-trial-{os.getpid()}-efgh"
    live.mkdir()
    other = tmpdir_of_ours / "interop-something-else"
    other.mkdir()
    with trial_folder() as folder:
        assert os.path.basename(folder).startswith(
            f"interop-trial-{os.getpid()}-")
        assert not stale.exists() and live.exists() and other.exists()
    assert not os.path.exists(folder)


def test_a_terminated_release_removes_its_trial_copy(tmp_path):
    root = make_repo(str(tmp_path / "repo"))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    # SIGTERM arrives while the release tries the change in its copy
    code = ("import os, signal, interop.publish.outputs as o\n"
            "real = o.compile_sources\n"
            "def stop(*a, **k):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    return real(*a, **k)\n"
            "o.compile_sources = stop\n" + RUN)
    env = dict(os.environ, TMPDIR=str(tmp))
    done = subprocess.run([sys.executable, "-c", code, "release", "next",
                           "--as", "2027.06", "--board-date", "2027-06-10",
                           "--reference", "https://example.org/board",
                           "--repo", root], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 128 + 15, done.stderr
    assert os.listdir(tmp) == []
    assert temporaries(root) == []


def test_import_into_an_out_that_is_a_file_is_refused(corpus, tmp_path,
                                                      capsys):
    out = tmp_path / "out"
    out.write_text("not a folder")
    assert cli.main(["import", *corpus_files("2019.06.json"), "--out",
                     str(out)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert out.read_text() == "not a folder"
