"""Faults: ``interop compile`` killed while it works, and run several
times at once on one tree.

Published files are written through temporary files and renames, every
temporary file of a run before the first rename, so a reader (RefStack, a
later compile, git) sees each file either as it was or as it becomes,
never half written, and a run killed while writing has replaced none.  A
killed run may leave its hidden temporary files
(``.NAME.interop-PID-*.tmp``) behind; nothing takes them for sources or
published files, and the next run that writes removes them.  Runs at once
on one tree are serialised by a lock: the second is refused, naming the
first.
"""
import copy
import glob
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

import pytest
import yaml

from interop.load.source import load_yaml_file
from interop.repository import Repository
from interop.tests.conftest import ROOT, copy_criteria

#: the project's own sources, compiled in a scratch repository
SOURCES = ("guidelines/next.yaml", "add-ons/dns/next.yaml",
           "add-ons/key-manager/next.yaml", "add-ons/orchestration/next.yaml",
           "verticals/nfv/next.yaml")
#: what a consumer (RefStack, ``interop testlist``) takes for published
PUBLISHED_GLOBS = ("guidelines/*.json", "add-ons/guidelines/*.json",
                   "verticals/guidelines/*.json")
#: times the guideline grows, so that compiling takes a while
GROWTH = 4
TEMPORARY = re.compile(r"^\..+\.tmp$")
RUN = "import sys; from interop.cli import main; sys.exit(main(sys.argv[1:]))"
#: the same command with every fsync slowed down, so that a kill can land
#: between the write of a temporary file and its rename
SLOW = ("import os, time; _fsync = os.fsync; "
        "os.fsync = lambda fd: (time.sleep(0.1), _fsync(fd))[1]; " + RUN)


def grown(path, times):
    """A guideline source with ``times`` as many capabilities and tests
    (copies with a suffix, listed in the same components), without the
    flags it mirrors from a baseline the scratch repository lacks."""
    tree = json.loads(json.dumps(load_yaml_file(path)))
    caps = tree["capabilities"]
    for body in caps.values():  # the scratch has no baseline whose
        for test in (body.get("tests") or {}).values():  # flags they
            if isinstance(test, dict):  # mirror (F003), so none here
                test.pop("flagged", None)
    tree["capabilities"] = {}
    for i in range(times):
        suffix = f"-x{i}" if i else ""
        for name, body in caps.items():
            body = copy.deepcopy(body)
            if i:
                body["tests"] = {
                    f"{test}_x{i}": "id-" + str(uuid.uuid5(
                        uuid.NAMESPACE_URL, test + suffix))
                    for test in body.get("tests") or {}}
            tree["capabilities"][name + suffix] = body
    for comp in tree["components"].values():
        for status, names in comp["capabilities"].items():
            comp["capabilities"][status] = [
                n + (f"-x{i}" if i else "") for i in range(times)
                for n in names]
    return yaml.safe_dump(tree, sort_keys=False, width=1 << 20)


def compile_(root, code=RUN, *args):
    return [sys.executable, "-c", code, "compile", "--repo", str(root),
            *args]


def published(root):
    """Root-relative path -> bytes of every file a consumer would read."""
    out = {}
    for pattern in PUBLISHED_GLOBS:
        for path in glob.glob(os.path.join(root, pattern)):
            with open(path, "rb") as handle:
                out[os.path.relpath(path, root)] = handle.read()
    return out


def leftovers(root):
    found = []
    for base, _, files in os.walk(root):
        found += [os.path.relpath(os.path.join(base, f), root)
                  for f in files if f.endswith(".tmp")]
    return sorted(found)


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """A scratch repository whose published files are ``old`` and whose
    sources compile to ``new`` (computed by a complete run in a copy)."""
    base = tmp_path_factory.mktemp("faults")
    root = base / "repo"
    copy_criteria(root)
    texts = {rel: pathlib.Path(ROOT, rel).read_text(encoding="utf-8")
             for rel in SOURCES}
    texts["guidelines/next.yaml"] = grown(
        os.path.join(ROOT, "guidelines", "next.yaml"), GROWTH)
    for rel, text in texts.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    subprocess.run(compile_(root), check=True, capture_output=True)
    old = published(root)
    for rel, text in texts.items():  # every published file will change
        (root / rel).write_text(re.sub(
            r"target_approval: \W?2027\.06\W?", 'target_approval: "2027.12"',
            text), encoding="utf-8")
    copy_ = base / "complete"
    shutil.copytree(root, copy_)
    start = time.perf_counter()
    subprocess.run(compile_(copy_), check=True, capture_output=True)
    took = time.perf_counter() - start
    new = published(copy_)
    assert sorted(old) == sorted(new) == sorted(
        Repository(str(root)).published_path(s) for s in SOURCES)
    assert all(old[rel] != new[rel] for rel in old)
    return root, old, new, took


def restore(root, old):
    """Published files back to the old bytes, leftovers kept."""
    for rel, data in old.items():
        with open(os.path.join(root, rel), "wb") as handle:
            handle.write(data)


def assert_whole(root, old, new):
    """Each published file is exactly the old or the new bytes; the
    leftovers are hidden temporary files that nothing reads."""
    now = published(root)
    assert sorted(now) == sorted(old), "a published file appeared or went"
    for rel, data in now.items():
        assert data in (old[rel], new[rel]), f"{rel} is partly written"
    for rel in leftovers(root):
        assert TEMPORARY.match(os.path.basename(rel)), rel
    repo = Repository(str(root))
    assert repo.sources() == sorted(SOURCES, key=lambda s: (
        0 if s.startswith("guidelines") else
        1 if s.startswith("add-ons") else 2, s))
    return sum(now[rel] == new[rel] for rel in now)


def kill_after(cmd, delay):
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    return process.wait()


FRACTIONS = (0.05, 0.25, 0.5, 0.7, 0.85, 0.95, 1.05)


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_a_killed_compile_leaves_each_file_old_or_new(states, fraction):
    root, old, new, took = states
    restore(root, old)
    kill_after(compile_(root), took * fraction)
    assert_whole(root, old, new)


def kill_at_temporary(cmd, root, count, timeout=120):
    """Run ``cmd`` and kill it as soon as it has created ``count``
    temporary files (that is, while the last is not yet renamed)."""
    seen = set(leftovers(root))
    before = set(seen)
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        seen.update(leftovers(root))
        if len(seen - before) >= count:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    process.kill()
    process.wait()
    return len(seen - before)


def test_a_compile_killed_while_writing_leaves_each_file_old_or_new(
        states):
    """With writes slowed down, kill the run at each temporary file it
    writes: between its write and its rename."""
    root, old, new, _ = states
    for count in range(1, len(old) + 1):
        restore(root, old)
        kept = set(leftovers(root))
        assert kill_at_temporary(compile_(root, SLOW), root, count) == count
        # nothing is renamed before every temporary file is written
        assert assert_whole(root, old, new) == 0
        assert len(set(leftovers(root)) - kept) == count
    done = subprocess.run(compile_(root), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert published(root) == new
    assert not [t for t in leftovers(root) if ".interop-" in t]


def test_leftover_temporary_files_are_not_sources_or_published(states):
    root, old, new, _ = states
    for rel in ("guidelines/next.json", "add-ons/guidelines/dns.next.json",
                "guidelines/next.yaml"):
        folder, name = os.path.split(os.path.join(root, rel))
        with open(os.path.join(folder, f".{name}.k1ll3d.tmp"), "wb") as h:
            h.write(b'{"metadata": {"id": "half')
    assert_whole(root, old, new)
    done = subprocess.run(compile_(root), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert published(root) == new
    done = subprocess.run(compile_(root, RUN, "--check"),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run([sys.executable, "-c", RUN, "check", "--repo",
                           str(root)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    assert ".tmp" not in done.stdout + done.stderr


@pytest.mark.parametrize("start", ["old", "new"])
def test_concurrent_compiles_leave_consistent_output(states, start):
    root, old, new, _ = states
    restore(root, old if start == "old" else new)
    before = set(leftovers(root))
    processes = [subprocess.Popen(compile_(root), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for _ in range(6)]
    codes = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        codes.append(process.returncode)
        assert process.returncode == 0 or process.returncode == 2 and \
            "another interop command (pid " in err, err
    assert 0 in codes
    if 2 in codes:  # a refused run wrote nothing; run it again
        done = subprocess.run(compile_(root), capture_output=True)
        assert done.returncode == 0
    assert published(root) == new
    assert set(leftovers(root)) == before  # finished runs leave none
    done = subprocess.run(compile_(root, RUN, "--check"),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_the_check_sees_a_file_written_in_place(states):
    """The harness itself: a writer that writes in place, killed halfway,
    leaves a torn file, and the check says so."""
    root, old, new, _ = states
    restore(root, old)
    torn = ("import time, interop.publish.outputs as p\n"
            "def write(planned):\n"
            "    for path, text in planned:\n"
            "        with open(path, 'w') as handle:\n"
            "            handle.write(text[:len(text) // 2])\n"
            "            handle.flush(); time.sleep(30)\n"
            "    return []\n"
            "p.write_all = write\n" + RUN)
    process = subprocess.Popen(compile_(root, torn),
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        now = published(root)
        if any(now[rel] not in (old[rel], new[rel]) for rel in now):
            break
        time.sleep(0.005)
    process.kill()
    process.wait()
    with pytest.raises(AssertionError, match="partly written"):
        assert_whole(root, old, new)
    restore(root, old)


# -- release -----------------------------------------------------------------

def release_(root, code=RUN):
    """The release, on a day after the Board's vote it records (set in
    the command: the module's fixture runs before the per-test freeze)."""
    frozen = 'import os; os.environ["INTEROP_TODAY"] = "2028-01-20"; '
    return [sys.executable, "-c", frozen + code, "release", "next", "--as",
            "2027.06", "--board-date", "2027-06-10", "--reference",
            "https://example.org/board", "--repo", str(root)]


def tree_files(root):
    """Root-relative path -> bytes of every file, .git and temporaries
    left out."""
    out = {}
    for base, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in files:
            if not TEMPORARY.match(name):
                path = os.path.join(base, name)
                with open(path, "rb") as handle:
                    out[os.path.relpath(path, root)] = handle.read()
    return out


@pytest.fixture(scope="module")
def release_states(tmp_path_factory):
    """A committed repository with a draft to release, its files before
    (``old``) and after a complete release (``new``)."""
    from interop.tests.workflow.test_governance import make_repo
    base = tmp_path_factory.mktemp("release-faults")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INTEROP_TODAY", "2028-01-20")
        root = make_repo(str(base / "repo"))
    complete = base / "complete"
    shutil.copytree(root, complete)
    subprocess.run(release_(complete), check=True, capture_output=True)
    old, new = tree_files(root), tree_files(complete)
    assert len(set(new) - set(old)) >= 3  # dated source, sheet, JSON
    return root, old, new


def reset(root):
    """The last commit back, leftovers and all removed."""
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=root,
                   check=True)
    subprocess.run(["git", "clean", "-qfdx"], cwd=root, check=True)


def assert_old_or_new(root, old, new):
    """Every file is whole: the old bytes, the new bytes, or absent where
    one of the two states lacks it.  Returns how many are new."""
    now = tree_files(root)
    for rel in set(old) | set(new) | set(now):
        assert rel in old or rel in new, f"{rel} appeared from nowhere"
        if rel in now:
            assert now[rel] in (old.get(rel), new.get(rel)), \
                f"{rel} is partly written"
    for rel in leftovers(root):
        assert TEMPORARY.match(os.path.basename(rel)), rel
    return sum(rel in new and now.get(rel) == new[rel] != old.get(rel)
               for rel in now)


def test_a_release_killed_while_writing_leaves_each_file_old_or_new(
        release_states):
    """Kill ``interop release`` at each temporary file it writes into the
    repository: each file is old or new, and git gives the old tree back."""
    root, old, new = release_states
    changed = sum(old.get(rel) != data for rel, data in new.items())
    for count in range(1, changed + 1):
        reset(root)
        assert kill_at_temporary(release_(root, SLOW), root, count) == count
        assert assert_old_or_new(root, old, new) == 0  # none renamed yet
        reset(root)
        assert tree_files(root) == old


def stalled(marker, go=None):
    """The command, stopped in its trial (the repository copied to a
    temporary folder, nothing written into the repository yet, the lock
    held): it creates ``marker``, then waits for ``go`` to exist (for
    ever without one).  A test acts at that point, not after a delay
    that may land before the package is even imported."""
    return ("import os, time\n"
            "from interop.workflow import plan\n"
            "_copy = plan._copy_repository\n"
            "def _stall(root, to):\n"
            "    _copy(root, to)\n"
            f"    open({str(marker)!r}, 'w').close()\n"
            f"    while not ({bool(go)!r} and os.path.exists({str(go)!r})):\n"
            "        time.sleep(0.01)\n"
            "plan._copy_repository = _stall\n" + RUN)


def wait_for(path, process, timeout=120):
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        assert process.poll() is None, "the command ended before its trial"
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.005)


def test_a_release_killed_while_trying_writes_nothing(release_states,
                                                      tmp_path):
    """Killed before its first write (the trial in a temporary copy), a
    release leaves the repository as it was."""
    root, old, _ = release_states
    reset(root)
    marker = tmp_path / "trying"
    process = subprocess.Popen(release_(root, stalled(marker)),
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait_for(marker, process)
    process.kill()
    process.wait()
    assert tree_files(root) == old
    assert leftovers(root) == []


def test_a_release_racing_a_compile_leaves_nothing_stale(release_states,
                                                         monkeypatch,
                                                         tmp_path):
    """A compile started while a release works is refused (the lock) and
    writes nothing, so the published files match the sources after both
    (without the lock, 2 runs in 41 left next.json stale, both exit 0)."""
    root, old, new = release_states
    # the compiles run on the release's day, after the WG record's date
    monkeypatch.setenv("INTEROP_TODAY", "2028-01-20")
    reset(root)
    marker, go = tmp_path / "trying", tmp_path / "go"
    release = subprocess.Popen(release_(root, stalled(marker, go)),
                               stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    wait_for(marker, release)  # the release holds the lock, mid-way
    done = subprocess.run(compile_(root), capture_output=True, text=True)
    go.touch()
    out, err = release.communicate(timeout=300)
    assert release.returncode == 0, err
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"another interop command (pid {release.pid})" in done.stderr
    check = subprocess.run(compile_(root, RUN, "--check"),
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert tree_files(root) == new
    reset(root)
