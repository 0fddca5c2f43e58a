#!/usr/bin/env python3
"""Set up and run the project's two jobs on a machine with Python and git.

    python3 tools/run.py build   compile, check and render the repository
    python3 tools/run.py test    run the whole test suite (and the checks)

Each creates .venv/ with tox the first time; tox installs everything else
from the project's own files (setup.cfg, tox.ini).  The environments are
set up first with pip's progress shown, each once: the build installs
what compiling, checking and rendering need (not Tempest, which none of
them reads); the test job runs the suite and the checks in one
environment (tox -e test, with Tempest and its plugins), the lint in a
light one (pep8) and the type checker in its own (types).
"""
import os
import re
import shutil
import subprocess
import sys
import venv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv")
JOBS = {"build": "build", "test": "test,pep8,types"}

#: what is worth showing of ``tox -vv --notest``: pip's own progress and
#: tox's steps, not tox's debug log
_PIP = re.compile(r"^\s*(Collecting|Downloading|Using cached|Building wheel|"
                  r"Installing collected packages|Successfully installed|"
                  r"ERROR)\b")
_STEP = re.compile(r"^(?P<env>[\w.-]+): \d+ [WE] (?P<step>\S+)> ")


def progress(line: str) -> str | None:
    """The part of a line of ``tox -vv`` output to show, or None."""
    if _PIP.match(line):
        return "  " + line.strip()
    step = _STEP.match(line)
    if step and not step["env"].startswith("."):
        # tox's own packaging environment (.pkg: _optional_hooks, ...)
        # is its business: the user's environments' steps are shown
        return f"{step['env']}: {step['step'].strip('_').replace('_', ' ')}"
    return None


def prepare(tox: str, envs: str) -> int:
    """Create (or update) the environments, showing the installs as they
    go; an environment that is up to date is left as it is."""
    with subprocess.Popen([tox, "run", "-vv", "--notest", "-e", envs],
                          cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True,
                          errors="replace") as proc:
        tail = []
        for line in proc.stdout:
            tail = (tail + [line])[-40:]
            shown = progress(line)
            if shown:
                print(shown, flush=True)
        code = proc.wait()
    if code:
        sys.stdout.write("".join(tail))  # what went wrong, in full
    return code


#: Debian's packages the browser tests drive (Selenium talks to the
#: browser through chromium-driver; nothing is downloaded at test time)
BROWSER = {"chromium": "chromium", "chromedriver": "chromium-driver"}


def browser() -> None:
    """The browser tests need Chromium and its driver: install Debian's
    packages when this runs as root on a machine with apt (CI does);
    elsewhere the tests say they skipped."""
    missing = [pkg for cmd, pkg in BROWSER.items() if not shutil.which(cmd)]
    if not missing or not shutil.which("apt-get") or os.geteuid() != 0:
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update", "-q"],
                 ["apt-get", "install", "-y", "-q", *missing]):
        if subprocess.call(step, env=env, stdout=subprocess.DEVNULL) != 0:
            print(f"could not install {' '.join(missing)}: the browser "
                  "tests will skip", file=sys.stderr)
            return


def quiet_caches(env: str) -> None:
    """Build matplotlib's font cache now, quietly: the first import
    otherwise says so in the middle of the docs build's output (the
    charts of the pages use matplotlib)."""
    python = os.path.join(ROOT, ".tox", env, "bin", "python")
    if os.path.exists(python):
        subprocess.call([python, "-c", "import matplotlib.font_manager"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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
    envs = JOBS[argv[0]]
    code = prepare(tox, envs)
    if code:
        return code
    for env in envs.split(","):
        quiet_caches(env)
    # the package was installed by prepare(): building it again would
    # only print tox's packaging steps
    return subprocess.call([tox, "run", "--skip-pkg-install", "-e", envs]
                           + argv[1:], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
