"""Every example of the README's "Working on guidelines", run as written
in a fresh copy of the repository, in order."""
import glob
import os
import re
import shlex
import shutil

import git
import pytest

from interop import cli
from interop.tests.conftest import ROOT


def examples():
    with open(os.path.join(ROOT, "README.rst"), encoding="utf-8") as handle:
        text = handle.read()
    part = text[text.index("Working on guidelines"):
                text.index("Exit codes:")]
    found, lines = [], iter(part.splitlines())
    for line in lines:
        if not re.match(r"    interop \w", line):
            continue
        while line.endswith("\\"):  # a shell's continuation line
            line = line[:-1] + next(lines).strip()
        found.append(line.strip().split("  #")[0].strip())
    return found


def test_the_readme_shows_examples():
    assert len(examples()) >= 12


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """The repository's files (as they are, committed or not) in a fresh
    git repository with one commit."""
    root = tmp_path_factory.mktemp("readme") / "interop"
    shutil.copytree(ROOT, root, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".tox", ".venv", "build", "generated", "__pycache__",
        ".interop-cache", ".hypothesis", "*.egg-info"))
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.org")
    repo.git.add("-A")
    repo.index.commit("Start")
    return root


def test_every_readme_example_runs_as_written(clone, monkeypatch, capsys,
                                             tmp_path):
    monkeypatch.chdir(clone)
    # the examples approve and release next in its cycle: today is the
    # Board's vote they record (approve refuses a date in the future)
    monkeypatch.setenv("INTEROP_TODAY", "2027-06-10")
    for line in examples():
        words = shlex.split(line)[1:]
        # these read the installed suite
        if words[:2] in (["tests", "verify"], ["tests", "lock"]) or \
                words[0] == "export" or "--profile" in words or \
                "load-list" in words:
            pytest.importorskip("tempest", reason="Tempest not installed")
        # a shell would expand the globs and write /tmp/imported
        args = []
        for word in words:
            if word.startswith("/tmp/"):
                word = str(tmp_path / word[len("/tmp/"):])
            args += sorted(glob.glob(word)) if "*" in word else [word]
        code = cli.main(args)
        out, err = capsys.readouterr()
        # 1 is a verdict (the tiny example run fails most tests), never a
        # command that could not run
        allowed = (0, 1) if words[0] == "comply" else (0,)
        assert code in allowed, (line, code, out[-500:], err[-500:])
        assert "Traceback" not in err
        if words[0] == "comply" and "--guideline" in words:
            assert "judged against next" in err
        elif words[0] == "comply":  # SCS's line: the tiny run is no pass
            assert out == "scs-0128-tempest-non-admin: ABORT\n"
        if words[0] in ("approve", "status"):  # committed, as it says
            git.Repo(clone).git.commit("-am", f"interop {words[0]}")
