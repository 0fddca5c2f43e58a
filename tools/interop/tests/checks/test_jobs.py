"""Rules run in several processes give exactly the findings of one."""
import os

import pytest

from interop.checks import check_files, jobs
from interop.repository import Repository
from interop.tests.conftest import ROOT, corpus_files

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"),
                                reason="forking needs a POSIX system")


def test_jobs_give_the_same_findings_on_the_corpus(corpus):
    paths = corpus_files()
    one = check_files(paths, jobs=1)
    assert len(one) > 100
    assert check_files(paths, jobs=2) == one
    assert check_files(paths, jobs=3) == one


def test_jobs_give_the_same_findings_on_the_repository(monkeypatch):
    monkeypatch.setattr(jobs, "MIN_PER_JOB", 1)  # five sources, two jobs
    repo = Repository(ROOT)
    paths = [os.path.join(ROOT, p) for p in repo.sources()]
    assert check_files(paths, repo, jobs=2) == check_files(paths, repo,
                                                           jobs=1)


def test_a_failing_child_has_its_share_run_again(monkeypatch):
    """A child whose rules raise (or that dies) is not trusted: its
    documents are checked again in the parent."""
    monkeypatch.setattr(jobs, "MIN_PER_JOB", 1)
    parent = os.getpid()
    real = jobs.run
    children = []

    def run_in_parent_only(doc, select, *unplaced):
        if os.getpid() != parent:
            raise RuntimeError("a child fails")
        children.append(doc.path)
        return real(doc, select, *unplaced)

    repo = Repository(ROOT)
    paths = [os.path.join(ROOT, p) for p in repo.sources()]
    expected = check_files(paths, repo, jobs=1)
    monkeypatch.setattr(jobs, "run", run_in_parent_only)
    assert check_files(paths, repo, jobs=2) == expected
    assert sorted(children) == sorted(repo.sources())  # all, in the end


@pytest.mark.parametrize("requested, documents, expected", [
    (None, 1, 1), (None, 2, 1), (1, 100, 1), (2, 100, 2), (8, 6, 2),
    (4, 12, 4)])
def test_jobs_for(requested, documents, expected):
    assert jobs.jobs_for(requested, documents) == expected


def test_the_default_is_a_process_per_core_at_most_four():
    assert jobs.jobs_for(None, 1000) == min(os.cpu_count() or 1, 4)


@pytest.mark.parametrize("requested, work, expected", [
    (None, 996, 1), (None, 2 * jobs.MIN_WORK_PER_JOB, 2), (2, 996, 2)])
def test_by_default_small_work_is_not_forked(requested, work, expected):
    """A few thousand capabilities take the rules less time than a fork;
    a number of processes asked for is kept."""
    cores = min(os.cpu_count() or 1, 4)
    assert jobs.jobs_for(requested, 100, work) == min(expected, max(
        cores, requested or 1))
