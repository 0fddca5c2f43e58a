"""Exit codes that cannot lie (issue 23, item 5): a closed standard output
or a signal never turns a verdict into another exit code."""
import os
import subprocess
import sys

import pytest

from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.tests.conftest import ROOT, copy_criteria

RUN = "import sys; from interop.cli import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture
def broken(tmp_path):
    """A repository whose check reports an error (an unknown key)."""
    copy_criteria(tmp_path)
    (tmp_path / "guidelines").mkdir()
    (tmp_path / "guidelines" / "2026.06.yaml").write_text(PREVIOUS.replace(
        "a.FlavorsTest", "tempest.api.compute.flavors.FlavorsTest"))
    (tmp_path / "guidelines" / "next.yaml").write_text(
        BASE.replace("  scoring: core\n", "  scoring: core\n  colour: red\n"))
    return tmp_path


def _env():
    return dict(os.environ, PYTHONPATH=os.path.join(ROOT, "tools"),
                INTEROP_TODAY="2026-12-01")


def _closed_stdout(argv, prelude=""):
    """Run ``interop ARGV`` with its standard output a pipe nobody reads."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written
    try:
        proc = subprocess.run([sys.executable, "-c", prelude + RUN, *argv],
                              stdout=write, stderr=subprocess.PIPE,
                              env=_env(), timeout=300)
    finally:
        os.close(write)
    return proc


def test_a_closed_stdout_keeps_the_findings_exit_code(broken):
    proc = _closed_stdout(["check", "--repo", str(broken)])
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr


def test_a_closed_stdout_keeps_a_pass_a_pass(broken):
    (broken / "guidelines" / "next.yaml").write_text(BASE)
    proc = _closed_stdout(["rules"])
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr


def test_sigint_is_130_with_one_line(broken):
    # the command is interrupted in the middle of its work
    prelude = ("import os, signal, interop.checks as c; _r = c.check_files\n"
               "def check_files(*a, **k):\n"
               "    os.kill(os.getpid(), signal.SIGINT)\n"
               "    return _r(*a, **k)\n"
               "c.check_files = check_files\n"
               "import interop.cli.checking as k; k.check_files = "
               "check_files\n")
    proc = subprocess.run([sys.executable, "-c", prelude + RUN, "check",
                           "--repo", str(broken)], capture_output=True,
                          env=_env(), timeout=300)
    assert proc.returncode == 130
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.decode().strip().count("\n") == 0, proc.stderr


def test_sigterm_after_the_verdict_keeps_the_verdict(broken):
    # SIGTERM arrives while the last output is flushed
    prelude = ("import os, signal, interop.cli as c; _s = c._flush_quietly\n"
               "def late():\n"
               "    os.kill(os.getpid(), signal.SIGTERM)\n"
               "    _s()\n"
               "c._flush_quietly = late\n")
    proc = subprocess.run([sys.executable, "-c", prelude + RUN, "check",
                           "--repo", str(broken)], capture_output=True,
                          env=_env(), timeout=300)
    assert proc.returncode == 1, proc.stderr


def test_sigterm_after_the_writes_keeps_the_commands_result(broken):
    (broken / "guidelines" / "next.yaml").write_text(BASE)
    # SIGTERM arrives just after compile's writes are all in place
    prelude = ("import os, signal, interop.files as f; _w = f.write_all\n"
               "def write_all(planned):\n"
               "    done = _w(planned)\n"
               "    os.kill(os.getpid(), signal.SIGTERM)\n"
               "    return done\n"
               "f.write_all = write_all\n"
               "import interop.publish.outputs as o\n"
               "o.write_all = write_all\n")
    proc = subprocess.run([sys.executable, "-c", prelude + RUN, "compile",
                           "--repo", str(broken)], capture_output=True,
                          env=_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (broken / "guidelines" / "next.json").exists()
