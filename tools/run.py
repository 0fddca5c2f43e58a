#!/usr/bin/env python3
"""Set up and run the project's two jobs on a machine with Python and git.

    python3 tools/run.py build   compile, check and render the repository
    python3 tools/run.py test    run the whole test suite (and the checks)

Each creates .venv/ with tox the first time; tox installs everything else
from the project's own files (setup.cfg, tox.ini).
"""
import os
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv")
JOBS = {"build": ["-e", "build"], "test": ["-e", "py3,check,pep8"]}


def main(argv: list) -> int:
    if not argv or argv[0] not in JOBS:
        print(__doc__, file=sys.stderr)
        return 2
    tox = os.path.join(VENV, "bin", "tox")
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.create(VENV, with_pip=True)
    if not os.path.exists(tox):
        subprocess.run([python, "-m", "pip", "install", "--quiet",
                        "tox>=4"], check=True)
    return subprocess.call([tox] + JOBS[argv[0]] + argv[1:], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
