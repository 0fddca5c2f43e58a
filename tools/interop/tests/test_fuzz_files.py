"""Fuzzing what is shown and where files are: the profiles of
:mod:`interop.tests.test_fuzz` over hostile names and hostile trees.

- Control characters, markdown and HTML in every name a guideline holds
  (its id, platform, component, capability, test and section names, its
  descriptions) reach no terminal raw and no markdown as markup, through
  every command that prints them.
- Links out of the tree, links inside it, FIFOs and folders where files
  belong, at every depth of the repository: each command refuses with a
  located error or works, never writes outside, and never waits.
"""
import contextlib
import io
import json
import os
import re
import shutil
import signal
import tempfile

from hypothesis import given, note, settings
from hypothesis import strategies as st

from interop import cli
from interop.tests.checks.helpers import BASE
from interop.tests.conftest import ROOT
from interop.tests.test_fuzz import PROFILE

#: a quarter of the profile's examples: each runs several commands
FEW = settings(PROFILE, max_examples=max(PROFILE.max_examples // 4, 10))

#: control characters a terminal acts on (the newline between lines
#: aside) and the Unicode ones that reorder or break what is shown
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                 "\u2066-\u2069]")
MARKUP = re.compile(r"!\[|\]\(|<[a-z/!]|javascript:", re.I)

TEST = ("tempest.api.compute.servers.test_create_server.ServersTestJSON"
        ".test_list_servers")
#: where a name stands in BASE, as (text in BASE, text with {} the name)
PLACES = {
    "id": ("  id: next\n", "  id: {}\n"),
    "platform": ("  OpenStack Powered Compute:\n", "  {}:\n"),
    "component": ("      required: [compute-servers-create]\n",
                  "      required: [compute-servers-create, {}]\n"),
    "capability": ("  compute-servers-create:\n    project: nova\n",
                   "  {}:\n    project: nova\n"),
    "test": (f"      {TEST}: id-", "      {}: id-"),
    "description": ("    description: Create a server.\n",
                    "    description: {}\n"),
    "section": ("      required: [nova]\n", "      required: [nova, {}]\n"),
    "project": ("    project: nova\n", "    project: {}\n"),
}
_HOSTILE = st.sampled_from([
    "\x1b]0;pwned\x07", "\rPASS 999/999", "\x1b[2K\x1b[1A", "\x9b31m",
    "\x7f", "\x00", "\u202e", "\u2028", "\n", "\t", "![x](https://e.x/i)",
    "<img src=x onerror=alert(1)>", "[y](javascript:alert(1))",
    "<script>x</script>", "**b**", "`c`", "|", "&lt;", "\\"])
NAMES = st.lists(st.one_of(_HOSTILE, st.text(max_size=4)), min_size=1,
                 max_size=4).map("".join)
COMMANDS = [("check",), ("check", "--format", "github"),
            ("testlist", "{source}", "--target", "compute"),
            ("comply", "{passed}", "--guideline", "{source}"),
            ("diff", "{base}", "{source}"),
            ("diff", "{base}", "{source}", "--format", "markdown")]


def _run(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(args)
    return code, out.getvalue() + err.getvalue()


@FEW
@given(places=st.lists(st.sampled_from(sorted(PLACES)), min_size=1,
                       max_size=3, unique=True),
       names=st.lists(NAMES, min_size=3, max_size=3))
def test_hostile_names_are_shown_as_text(places, names):
    text = BASE
    for place, name in zip(places, names, strict=False):
        before, after = PLACES[place]
        # a JSON string is a YAML double-quoted scalar: every character
        # of the name arrives in the guideline as it is
        text = text.replace(before, after.format(json.dumps(name)), 1)
    note(text)
    root = tempfile.mkdtemp(prefix="interop-fuzz-")
    try:
        shutil.copytree(os.path.join(ROOT, "criteria"),
                        os.path.join(root, "criteria"))
        os.makedirs(os.path.join(root, "guidelines"))
        files = {"source": os.path.join(root, "guidelines", "next.yaml"),
                 "base": os.path.join(root, "base.yaml"),
                 "passed": os.path.join(root, "passed.txt")}
        for key, body in (("source", text), ("base", BASE),
                          ("passed", "tempest.api.x.Y.test_z\n")):
            with open(files[key], "w", encoding="utf-8") as handle:
                handle.write(body)
        for command in COMMANDS:
            args = [a.format(**files) for a in command]
            if command[0] == "check":
                args += ["--repo", root]
            code, out = _run(args)
            assert code in (0, 1, 2), (command, out)
            assert RAW.findall(out) == [], (command, out)
            if "markdown" in command:
                assert MARKUP.findall(out) == [], (command, out)
    finally:
        shutil.rmtree(root)


# ------------------------------------------------------------ hostile trees

#: folders and files of a small repository, shallow to deep
DEPTHS = ["guidelines", "guidelines/next.yaml", "guidelines/2026.06.yaml",
          "criteria", "criteria/core.yaml", "criteria/scoring",
          "criteria/scoring/powered", "criteria/scoring/powered/next.yaml",
          "verticals", "verticals/nfv", "verticals/nfv/next.yaml",
          "add-ons", "add-ons/dns", "next.json", "verticals/nfv.next.json"]
KINDS = ["link out", "link inside", "fifo", "folder", "dangling link"]


class Hang(Exception):
    """A command waited: the guard's alarm, not a timing assertion."""


@contextlib.contextmanager
def _no_hang(seconds=120):
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - not POSIX
        yield
        return

    def stop(*_):
        raise Hang("a command waited on a file")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _listing(folder):
    out = {}
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(base, name)
            out[os.path.relpath(path, folder)] = \
                os.path.getsize(path) if os.path.isfile(path) and \
                not os.path.islink(path) else None
    return out


def _plantable(root, rel):
    """Whether every folder above ``rel`` is a real folder or absent."""
    parts = rel.split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        path = os.path.join(root, *parts[:depth])
        if os.path.lexists(path) and (os.path.islink(path) or
                                      not os.path.isdir(path)):
            return False
    return True


def _plant(root, outside, rel, kind):
    """Put a hostile entry at ``rel`` (whatever stood there moves out)."""
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    moved = os.path.join(outside, "moved")
    if os.path.lexists(path):
        shutil.move(path, moved)
    elif rel.endswith((".yaml", ".json")):
        with open(moved, "w", encoding="utf-8") as handle:
            handle.write(BASE)
    else:
        os.makedirs(moved)
    if kind == "link out":
        os.symlink(moved, path)
    elif kind == "link inside":
        inside = os.path.join(tempfile.mkdtemp(dir=root), "elsewhere")
        shutil.move(moved, inside)
        os.symlink(inside, path)
    elif kind == "dangling link":
        os.symlink(os.path.join(outside, "nothing", "here"), path)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        os.makedirs(path)


@FEW
@given(planted=st.lists(st.tuples(st.sampled_from(DEPTHS),
                                  st.sampled_from(KINDS)),
                        min_size=1, max_size=2, unique_by=lambda p: p[0]))
def test_hostile_trees_are_refused_or_handled(planted):
    if not hasattr(os, "mkfifo"):  # pragma: no cover - not POSIX
        return
    note(repr(planted))
    root = tempfile.mkdtemp(prefix="interop-fuzz-")
    outside = tempfile.mkdtemp(prefix="interop-fuzz-outside-")
    try:
        shutil.copytree(os.path.join(ROOT, "criteria"),
                        os.path.join(root, "criteria"))
        for rel in ("guidelines/next.yaml", "verticals/nfv/next.yaml"):
            os.makedirs(os.path.dirname(os.path.join(root, rel)),
                        exist_ok=True)
            with open(os.path.join(root, rel), "w") as handle:
                handle.write(BASE)
        for rel, kind in planted:
            if _plantable(root, rel):  # else an earlier entry took its folder
                _plant(root, tempfile.mkdtemp(dir=outside), rel, kind)
        seen = _listing(outside)
        with _no_hang():
            for args in (["compile"], ["compile", "--check"], ["check"],
                         ["score"]):
                code, out = _run([*args, "--repo", root])
                assert code in (0, 1, 2), (args, out)
                if code == 2:  # refused: said where, in a located line
                    assert re.search(r":\d+:\d+: E\d{3} |^interop ", out,
                                     re.M), (args, out)
                assert _listing(outside) == seen, args  # nothing outside
    finally:
        shutil.rmtree(root)
        shutil.rmtree(outside)
