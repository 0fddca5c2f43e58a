"""The Zuul certification job's playbook, run by ansible-core over a
throwaway repository whose last commit adds a submission, with the
stand-ins ``test_zuul`` uses for what only a Zuul executor has (a
``zuul_return`` plugin, and a ``tox`` that prints tox's own lines around
the command and runs it in this Python)."""
import datetime
import json
import os
import subprocess
import sys

import pytest

from interop.tests.conftest import ROOT
from interop.tests.refstack.certifying import OTHER, submit
from interop.tests.test_zuul import ZUUL_RETURN
from interop.tests.workflow.test_review import commit, make_repo

PLAYBOOK = os.path.join(ROOT, "playbooks", "interop-certify", "run.yaml")

TOX = '''\
#!{python}
import subprocess
import sys

print(".pkg: _optional_hooks> python /usr/lib/python3/backend.py")
args = sys.argv[sys.argv.index("--") + 1:]
print("certify: commands[0]> interop certify " + " ".join(args))
code = subprocess.call([sys.executable, "-c",
                        "import sys; from interop.cli import main; "
                        "sys.exit(main())", "certify"] + args)
print(f"certify: exit {{code}} (0.52 seconds) pid=4242")
sys.exit(code)
'''


def run_playbook(tmp_path, repo):
    pytest.importorskip("ansible", reason="ansible-core is not installed "
                        "(pip install -e .[test])")
    job = tmp_path / "job"
    (job / "work").mkdir(parents=True, exist_ok=True)
    plugins = job / "action_plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "zuul_return.py").write_text(ZUUL_RETURN)
    tox = job / "tox"
    tox.write_text(TOX.format(python=sys.executable))
    tox.chmod(0o755)
    report = job / "logs" / "interop-certify.json"
    extra = {"zuul": {"project": {"src_dir": repo.working_tree_dir}},
             "tox_executable": str(tox),
             "interop_certify_output": str(report),
             "ansible_python_interpreter": sys.executable}
    env = dict(os.environ, ZUUL_JOBDIR=str(job),
               ANSIBLE_ACTION_PLUGINS=str(plugins),
               ANSIBLE_LOCAL_TEMP=str(job / "tmp"),
               ANSIBLE_HOME=str(job / "ansible"),
               ANSIBLE_NOCOLOR="1", LC_ALL="C.UTF-8",
               INTEROP_TODAY="2026-08-01")
    done = subprocess.run(
        [sys.executable, "-m", "ansible", "playbook", "-i", "localhost,",
         "-c", "local", "-e", json.dumps(extra), PLAYBOOK],
        env=env, capture_output=True, text=True, check=False)
    verdict = json.loads(report.read_text()) if report.exists() else None
    return done, verdict


@pytest.fixture
def change(tmp_path):
    root = tmp_path / "src" / "interop"
    root.mkdir(parents=True)
    return make_repo(root)


def test_a_change_adding_a_verified_submission_passes(tmp_path, change):
    submit(change.working_tree_dir)
    commit(change, "Submit Acme Cloud")
    done, verdict = run_playbook(tmp_path, change)
    assert done.returncode == 0, done.stdout + done.stderr
    [cert] = verdict["certifications"]
    assert cert["labels"] == ["tests-verified-2026.06"]
    assert "powered/2026.06/acme-cloud: tests-verified-2026.06" in \
        done.stdout


def test_a_change_adding_a_failing_submission_fails(tmp_path, change):
    submit(change.working_tree_dir, passed=[OTHER], day=datetime.datetime(
        2026, 7, 1, tzinfo=datetime.UTC))
    commit(change, "Submit Acme Cloud")
    done, verdict = run_playbook(tmp_path, change)
    assert done.returncode != 0
    assert "The submission is not verified" in done.stdout
    [cert] = verdict["certifications"]
    assert cert["labels"] == ["required-tests-missing"]
