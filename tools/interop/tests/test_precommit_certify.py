"""The ``interop-certify`` pre-commit hook, run by pre-commit itself:
``pre-commit try-repo`` installs this repository's hook the way another
repository of guidelines gets it, into a throwaway consumer repository
that adds a submission (needs PyPI for the hook's environment, as
``test_precommit`` does)."""
import os

import pytest

from interop.tests.refstack.certifying import OTHER, submit
from interop.tests.test_precommit import consumer, home, pre_commit  # noqa: F401
from interop.tests.conftest import ROOT

pytest.importorskip("pre_commit", reason="pre-commit is not installed "
                    "(pip install -e .[test])")


def _files(root, folder):
    return [os.path.relpath(os.path.join(folder, n), root)
            for n in sorted(os.listdir(folder))]


def test_try_repo_certifies_the_submission_a_commit_adds(
        tmp_path, home, monkeypatch):  # noqa: F811
    monkeypatch.setenv("INTEROP_TODAY", "2026-08-01")
    root = str(tmp_path / "consumer")
    consumer(root)
    good = submit(root)
    done = pre_commit(root, home, "try-repo", ROOT, "interop-certify",
                      "--verbose", "--files", *_files(root, good))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "tests-verified-2026.06" in done.stdout
    bad = submit(root, name="acme-two", passed=[OTHER])
    done = pre_commit(root, home, "try-repo", ROOT, "interop-certify",
                      "--files", *_files(root, bad))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "required-tests-missing" in done.stdout
    # two submissions in one commit: N003
    done = pre_commit(root, home, "try-repo", ROOT, "interop-certify",
                      "--files", *_files(root, good), *_files(root, bad))
    assert done.returncode == 1
    assert "N003" in done.stdout
