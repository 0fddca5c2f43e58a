"""The Zuul certification job's playbook, run by ansible-core over a
throwaway repository whose last commit adds a submission, with the
stand-ins ``test_zuul`` uses for what only a Zuul executor has (a
``zuul_return`` plugin, and a ``tox`` that prints tox's own lines around
the command and runs it in this Python)."""
import datetime
import json
import os

import pytest

from interop.tests.conftest import ROOT
from interop.tests.refstack.certifying import OTHER, submit
from interop.tests.test_zuul import run_job
from interop.tests.workflow.test_review import commit, make_repo

PLAYBOOK = os.path.join(ROOT, "playbooks", "interop-certify", "run.yaml")

def run_playbook(tmp_path, repo):
    """The certification job; (ansible's run, the labels it wrote)."""
    done, job = run_job(tmp_path, repo, "certify", PLAYBOOK,
                        INTEROP_TODAY="2026-08-01")
    report = job / "logs" / "interop-certify.json"
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
