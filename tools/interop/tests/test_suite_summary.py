"""The suite says how many tests ran and skipped, and fails when a test
skipped for want of the reference corpus while the corpus is there
(issue 30: CI must not pass by skipping its strongest tests)."""
import os
import subprocess
import sys

import pytest

from interop.tests.conftest import ROOT

SAMPLE = '''\
import pytest


def test_runs():
    pass


def test_needs_the_corpus():
    pytest.skip("reference corpus not found at somewhere")


def test_needs_something_else():
    pytest.skip("no browser")
'''


def _run(tmp_path, corpus):
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    env = dict(os.environ, INTEROP_CORPUS=str(corpus),
               PYTHONPATH=os.path.join(ROOT, "tools") + os.pathsep
               + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "interop.tests.conftest",
         "-p", "no:cacheprovider", "-q", "-rs", str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    return run.returncode, run.stdout


@pytest.mark.parametrize("present", [False, True])
def test_the_summary_counts_and_a_present_corpus_fails_a_skip(tmp_path,
                                                              present):
    corpus = tmp_path / "corpus"
    if present:
        (corpus / "openstack-interop-2019.06").mkdir(parents=True)
    code, out = _run(tmp_path, corpus)
    assert f"interop tests: 1 ran, 2 skipped (1 for want of the reference " \
        f"corpus at {corpus})" in out, out
    assert code == (1 if present else 0), out
    assert ("yet 1 of its tests skipped" in out) == present
