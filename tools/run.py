#!/usr/bin/env python3
"""Set up and run the project's two jobs on a machine with Python and git.

    python3 tools/run.py build   compile, check and render the repository
    python3 tools/run.py test    run the whole test suite (and the checks)

Each creates .venv/ with tox the first time; tox installs everything else
from the project's own files (setup.cfg, tox.ini).
"""
import os
import shutil
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv")
JOBS = {"build": ["-e", "build"], "test": ["-e", "py3,check,pep8"]}


def browser() -> None:
    """The browser test needs Chromium: install Debian's package when this
    runs as root on a machine with apt (CI does); elsewhere the test says
    it skipped."""
    if shutil.which("chromium") or not shutil.which("apt-get") or \
            os.geteuid() != 0:
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update", "-q"],
                 ["apt-get", "install", "-y", "-q", "chromium"]):
        if subprocess.call(step, env=env, stdout=subprocess.DEVNULL) != 0:
            print("could not install chromium: the browser test will skip",
                  file=sys.stderr)
            return


def main(argv: list) -> int:
    if not argv or argv[0] not in JOBS:
        print(__doc__, file=sys.stderr)
        return 2
    tox = os.path.join(VENV, "bin", "tox")
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.create(VENV, with_pip=True)
    if argv[0] == "test":
        browser()
    if not os.path.exists(tox):
        subprocess.run([python, "-m", "pip", "install", "--quiet",
                        "tox>=4"], check=True)
    return subprocess.call([tox] + JOBS[argv[0]] + argv[1:], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
