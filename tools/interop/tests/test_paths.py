"""Paths: links that lead out of the repository (or out of ``--out``) and
files that are not regular files, for every command that reads or writes.

Each attack is refused with a located, coded error (exit 2) and nothing is
written, inside the tree or out of it.  FIFO cases run the command in a
subprocess, so that a reader that waits on the FIFO fails the test (on
the guard's timeout) instead of hanging the suite.
"""
import os
import re
import subprocess
import sys

import pytest

from interop import cli
from interop.errors import LoadError
from interop.files import (
    confined,
    is_confined,
    read_regular,
    regular_file,
    write_atomic,
)
from interop.load.source import read_text
from interop.publish.outputs import compile_sources
from interop.repository import Repository
from interop.tests.checks.helpers import BASE
from interop.tests.conftest import copy_criteria
from interop.workflow.scaffold import scaffold
from interop.tests.workflow.test_governance import (
    BOARD,
    git_repo,
    make_repo,
    tree_hash,
)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"),
                                reason="no FIFOs here")



@pytest.fixture(autouse=True)
def after_the_votes(monkeypatch):
    """The governance fixture's drafts carry approvals dated in 2027."""
    monkeypatch.setenv("INTEROP_TODAY", "2028-01-20")

def listing(folder):
    """Every entry under a folder (links not followed), for "nothing
    written" checks on a folder outside the tree."""
    out = []
    for base, dirs, files in os.walk(folder):
        out += [os.path.relpath(os.path.join(base, n), folder)
                for n in dirs + files]
    return sorted(out)


@pytest.fixture
def outside(tmp_path_factory):
    return tmp_path_factory.mktemp("outside")


@pytest.fixture
def small(tmp_path):
    """A repository with one Powered draft, not committed."""
    root = tmp_path / "repo"
    root.mkdir()
    copy_criteria(root)
    (root / "guidelines").mkdir()
    (root / "guidelines" / "next.yaml").write_text(BASE)
    return root


def run_cli(*args):
    """The CLI in a subprocess: (exit code, what it printed)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    code = "import sys; from interop.cli import main; " \
        "sys.exit(main(sys.argv[1:]))"
    # the timeout only keeps a hanging reader from hanging the suite
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)],
                          capture_output=True, text=True, env=env,
                          timeout=300)
    return done.returncode, done.stdout + done.stderr


# -- the shared pieces -------------------------------------------------------

def test_confined_resolves_links_at_any_depth(tmp_path, outside):
    (tmp_path / "a" / "b").mkdir(parents=True)
    os.symlink(outside, tmp_path / "a" / "b" / "c")
    deep = tmp_path / "a" / "b" / "c" / "d" / "e.json"  # need not exist
    assert not is_confined(deep, tmp_path)
    with pytest.raises(LoadError) as info:
        confined(str(deep), str(tmp_path), "a/b/c/d/e.json")
    assert info.value.finding.format().startswith("a/b/c/d/e.json:1:1: E160")
    # a link that stays inside is followed
    os.symlink(tmp_path / "a", tmp_path / "same")
    assert confined(str(tmp_path / "same" / "x"), str(tmp_path))


def test_write_atomic_refuses_a_path_that_leaves_its_root(tmp_path, outside):
    os.symlink(outside, tmp_path / "linked")
    with pytest.raises(LoadError) as info:
        write_atomic(str(tmp_path / "linked" / "sub" / "f.json"), "{}",
                     str(tmp_path))
    assert info.value.finding.code == "E160"
    assert listing(outside) == []  # not even the folder


@pytest.mark.skipif(os.name != "posix", reason="a POSIX device is needed")
def test_a_device_is_refused_before_it_is_read():
    for check in (lambda: read_text(os.devnull),
                  lambda: regular_file(os.devnull),
                  lambda: read_regular(os.devnull, 10)):
        with pytest.raises(LoadError) as info:
            check()
        assert info.value.finding.code == "E161"
        assert "a device" in info.value.finding.message


@needs_fifo
def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "next.yaml"
    os.mkfifo(fifo)
    # in a subprocess: a reader that waits would wait forever
    code = ("import sys; from interop.errors import LoadError\n"
            "from interop.load.source import read_text\n"
            "try:\n    read_text(sys.argv[1])\n"
            "except LoadError as exc:\n    print(exc.finding.format())\n")
    done = subprocess.run([sys.executable, "-c", code, str(fifo)],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ,
                                   PYTHONPATH=os.pathsep.join(sys.path)))
    assert f"{fifo}:1:1: E161 a FIFO" in done.stdout


# -- compile, check: sources, criteria and sheets ----------------------------

def test_compile_does_not_write_through_a_linked_program_folder(
        small, outside, capsys):
    (outside / "nfv").mkdir()
    (outside / "nfv" / "next.yaml").write_text(BASE)
    os.symlink(outside, small / "verticals")
    before = listing(outside)
    assert cli.main(["compile", "--repo", str(small)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("verticals/guidelines/nfv.next.json:1:1: E160")
    assert listing(outside) == before
    # nothing written inside
    assert not (small / "guidelines" / "next.json").exists()


def test_compile_refuses_a_published_path_that_leaves(small, outside,
                                                      capsys):
    # the source is inside; the published file's folder is a link out
    (small / "verticals" / "nfv").mkdir(parents=True)
    (small / "verticals" / "nfv" / "next.yaml").write_text(BASE)
    os.rename(small / "verticals", small / "sources")
    os.symlink(outside, small / "verticals")
    os.symlink(small / "sources" / "nfv", outside / "nfv")
    assert cli.main(["compile", "--repo", str(small)]) == 2
    assert "E160" in capsys.readouterr().err
    assert listing(outside) == ["nfv"]


#: a sheet that scores BASE's one capability (compile refuses a capability
#: without a row, W006), with the achievements BASE lists
SHEET = ("program: powered\nguideline: next\ncriteria: core\n"
         "capabilities:\n  compute-servers-create:\n    admin: false\n"
         "    marks: {atomic: 1, clients: 1, complete: 1, deployed: 1,\n"
         "            discover: 1, doc: 1, foundation: 0, future: 1,\n"
         "            proximity: 0, stable: 1, sticky: 1, tools: 0}\n")


@pytest.mark.parametrize("linked", ["criteria", "criteria/scoring/powered"])
def test_criteria_and_sheets_read_through_a_link_out_are_refused(
        small, outside, capsys, linked):
    sheets = small / "criteria" / "scoring" / "powered"
    sheets.mkdir(parents=True)
    (sheets / "next.yaml").write_text(SHEET)
    # achievements left to the sheet, so that compiling reads it
    (small / "guidelines" / "next.yaml").write_text(
        re.sub(r"    achievements: \[[^]]*\]\n", "", BASE))
    os.symlink(small / "criteria", small / "same")  # inside: followed
    assert cli.main(["compile", "--repo", str(small)]) == 0
    os.unlink(small / "guidelines" / "next.json")
    # the same folder, moved out of the tree and linked back in
    os.rename(small / linked, outside / "moved")
    os.symlink(outside / "moved", small / linked)
    assert cli.main(["compile", "--repo", str(small)]) == 2
    assert "E160" in capsys.readouterr().err
    assert not (small / "guidelines" / "next.json").exists()
    # check reports it too: the sets (E160), or the sheet (W018, placed
    # at the sheet) that no W rule could then judge
    assert cli.main(["check", "--repo", str(small)]) in (1, 2)
    printed = capsys.readouterr()
    assert "E160" in printed.out + printed.err
    if linked != "criteria":
        assert "criteria/scoring/powered/next.yaml:1:1: W018 error: E160" \
            in printed.out


@needs_fifo
@pytest.mark.parametrize("command", ["compile", "check"])
def test_a_fifo_source_does_not_block(small, command):
    os.mkfifo(small / "guidelines" / "2026.06.yaml")
    code, printed = run_cli(command, "--repo", small)
    assert code == 2  # input that cannot be read, check included
    assert "guidelines/2026.06.yaml:1:1: E161" in printed
    assert not (small / "guidelines" / "next.json").exists()


@needs_fifo
def test_a_fifo_published_file_is_refused(small):
    os.mkfifo(small / "guidelines" / "next.json")
    code, printed = run_cli("compile", "--repo", small)
    assert code == 2 and "guidelines/next.json:1:1: E161" in printed
    code, printed = run_cli("compile", "--check", "--repo", small)
    assert code == 2 and "guidelines/next.json:1:1: E161" in printed


# -- import, import-scores ---------------------------------------------------

@pytest.fixture
def published(small):
    assert cli.main(["compile", "--repo", str(small)]) == 0
    return small / "guidelines" / "next.json"


def test_import_does_not_write_through_a_link_in_out(published, tmp_path,
                                                     outside, capsys):
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "guidelines")
    assert cli.main(["import", str(published), "--out", str(out)]) == 2
    assert "E160" in capsys.readouterr().err
    assert listing(outside) == []


@needs_fifo
def test_import_refuses_a_fifo(published, tmp_path):
    fifo = tmp_path / "2026.06.json"
    os.mkfifo(fifo)
    code, err = run_cli("import", fifo, "--out", tmp_path / "out")
    assert code == 2 and "E161" in err
    assert not (tmp_path / "out").exists()
    # and a FIFO where the source would go is refused, not waited on
    (tmp_path / "out2" / "guidelines").mkdir(parents=True)
    os.mkfifo(tmp_path / "out2" / "guidelines" / "next.yaml")
    code, err = run_cli("import", published, "--out", tmp_path / "out2")
    assert code == 2 and "E161" in err


WORKSHEET = "compute-servers-create 1 1 1 1 1 1 1 1 1 1 1 1\n"


def test_import_scores_does_not_write_through_a_linked_folder(
        published, small, outside, tmp_path, capsys):
    (small / "criteria" / "scoring").mkdir(exist_ok=True)
    os.symlink(outside, small / "criteria" / "scoring" / "powered")
    worksheet = tmp_path / "sheet.txt"
    worksheet.write_text(WORKSHEET)
    out = small / "criteria" / "scoring" / "powered" / "next.yaml"
    code = cli.main(["import-scores", str(worksheet), "--criteria",
                     str(published), "--out", str(out)])
    assert code == 2
    assert "E160" in capsys.readouterr().err
    assert listing(outside) == []


# -- release, next, new: the real tree and the trial copy --------------------

@pytest.fixture
def committed(tmp_path):
    return make_repo(str(tmp_path / "repo"))


def relink(root, rel, outside):
    """Move a folder of the repository out of it and link it back in;
    committed, so that the working tree is clean."""
    import shutil
    shutil.move(os.path.join(root, rel), os.path.join(outside, "moved"))
    os.symlink(os.path.join(outside, "moved"), os.path.join(root, rel))
    git_repo(root)
    return os.path.join(outside, "moved")


@pytest.mark.parametrize("args", [("release", "next", "--as", "2027.06",
                                   *BOARD), ("next", "powered")])
def test_release_and_next_do_not_write_through_a_linked_sheet_folder(
        committed, outside, capsys, args):
    if args[0] == "next":
        assert cli.main(["release", "next", "--as", "2027.06", *BOARD,
                         "--commit", "--repo", committed]) == 0
        os.unlink(os.path.join(committed, "guidelines", "next.yaml"))
        git_repo(committed)
    moved = relink(committed, "criteria/scoring/powered", outside)
    before, seen = tree_hash(committed), listing(moved)
    assert cli.main([*args, "--repo", committed]) == 2
    err = capsys.readouterr().err
    assert "criteria/scoring/powered" in err and "E160" in err
    assert listing(moved) == seen  # no dated sheet written out there
    assert tree_hash(committed) == before


def test_a_link_out_refuses_the_trial_copy_even_of_a_refused_change(
        committed, outside, capsys):
    # a release that its trial refuses (an add-on requires a component
    # 2027.06 will not define, as in test_governance), whose trial copy
    # used to write the dated sheet through the copied link all the same
    scaffold(Repository(committed), "add-on", "dns", "dns-team", "dns-core")
    source = os.path.join(committed, "add-ons", "dns", "next.yaml")
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    with open(source, "w", encoding="utf-8") as handle:
        handle.write(text.replace(
            "  builds_on: next\n", '  builds_on: "2027.06"\n').replace(
            "      - name: os_powered_compute\n"
            "        source: https://example.org/next.json\n",
            "      - os_powered_storage\n"))
    compile_sources(Repository(committed))
    moved = relink(committed, "criteria/scoring/powered", outside)
    seen = listing(moved)
    assert cli.main(["release", "next", "--as", "2027.06", *BOARD,
                     "--repo", committed]) == 2
    assert listing(moved) == seen
    assert "E160" in capsys.readouterr().err


def test_new_add_on_does_not_write_through_a_linked_doc_folder(
        committed, outside, capsys):
    os.makedirs(os.path.join(committed, "doc", "source"))
    with open(os.path.join(committed, "doc", "source", "index.rst"),
              "w") as handle:
        handle.write("Index\n=====\n")
    moved = relink(committed, "doc/source", outside)
    before, seen = tree_hash(committed), listing(moved)
    assert cli.main(["new", "add-on", "key-manager", "--team", "barbican",
                     "--group", "barbican-core",
                     "--repo", committed]) == 2
    err = capsys.readouterr().err
    assert "doc/source/proposal-key-manager.rst:1:1: E160" in err
    assert listing(moved) == seen
    assert tree_hash(committed) == before


@needs_fifo
def test_a_fifo_in_the_tree_refuses_release_before_copying(committed):
    os.mkfifo(os.path.join(committed, "criteria", "scoring", "pipe.yaml"))
    code, err = run_cli("release", "next", "--as", "2027.06", *BOARD,
                        "--repo", committed)
    # git does not see a FIFO (the tree is clean to it), so the trial
    # copy is what refuses it, before copying would choke on it
    assert code == 2
    assert "criteria/scoring/pipe.yaml:1:1: E161 a FIFO" in err


def test_check_does_not_read_published_files_through_a_link_out(
        published, small, outside, capsys):
    (outside / "dns.next.json").write_text(published.read_text())
    os.symlink(outside, small / "add-ons")
    code = cli.main(["check", "--repo", str(small),
                     str(small / "add-ons" / "dns.next.json")])
    assert code == 2  # not read: exit 2, as for E101
    assert "add-ons/dns.next.json:1:1: E160" in capsys.readouterr().out


def test_the_test_index_cache_is_not_written_through_a_link(small, outside,
                                                            capsys,
                                                            tmp_path,
                                                            monkeypatch):
    # the cache lives outside the checkout: a link there is never used
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "user-cache"))
    os.symlink(outside, small / ".interop-cache")
    assert cli.main(["tests", "index", "--repo", str(small)]) == 0
    assert listing(outside) == []
    assert os.listdir(tmp_path / "user-cache")


@needs_fifo
def test_a_fifo_source_does_not_block_the_docs_build(tmp_path):
    pytest.importorskip("sphinx")
    from interop.tests.docs.sample import make_sample
    root = make_sample(tmp_path)
    os.mkfifo(root / "guidelines" / "2025.12.yaml")
    src = root / "doc" / "source"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run(  # the timeout only keeps a hang from the suite
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(src),
         str(tmp_path / "html")], capture_output=True, text=True, env=env,
        timeout=600)
    assert done.returncode != 0
    assert "guidelines/2025.12.yaml:1:1: E161" in done.stdout + done.stderr


@pytest.mark.parametrize("command", ["testlist", "diff", "score"])
def test_a_guideline_named_through_a_link_out_is_refused(
        published, small, outside, capsys, command):
    (outside / "next.json").write_text(published.read_text())
    os.symlink(outside, small / "verticals")
    named = str(small / "verticals" / "next.json")
    args = {"testlist": ["testlist", named, "--target", "compute"],
            "diff": ["diff", str(published), named],
            "score": ["score", "--criteria", named, "--repo", str(small)]}
    if command == "score":
        sheets = small / "criteria" / "scoring" / "powered"
        sheets.mkdir(parents=True)
        (sheets / "next.yaml").write_text(
            "program: powered\nguideline: next\ncriteria: core\n"
            "capabilities: {}\n")
    assert cli.main(args[command]) == 2
    assert "verticals/next.json:1:1: E160" in capsys.readouterr().err


@needs_fifo
def test_a_fifo_published_file_stops_every_write(small):
    (small / "guidelines" / "2026.06.yaml").write_text(
        BASE.replace("  id: next\n", '  id: "2026.06"\n'))
    # compiled second: 2026.06.json first
    os.mkfifo(small / "guidelines" / "next.json")
    code, printed = run_cli("compile", "--repo", small)
    assert code == 2 and "guidelines/next.json:1:1: E161" in printed
    assert not (small / "guidelines" / "2026.06.json").exists()


def test_an_unwritable_out_is_a_located_error(published, tmp_path, capsys):
    if os.geteuid() == 0:  # root writes anywhere: a file in the way
        out = tmp_path / "out"
        out.write_text("")  # --out is a file: no folder can be made in it
    else:
        out = tmp_path / "out"
        out.mkdir(mode=0o500)
    assert cli.main(["import", str(published), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert re.search(r"next\.yaml:1:1: E162 cannot write", err), err
