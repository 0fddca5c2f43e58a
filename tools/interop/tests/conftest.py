"""Shared fixtures: the project root and the reference corpus."""
import glob
import os
import shutil

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
#: the reference corpus: the published guidelines of openstack/interop as
#: two folders, openstack-interop-2019.06/ and openstack-interop-2020.06/
#: (see ../shared/corpus/README.md).  It sits beside the project here; a
#: CI job points INTEROP_CORPUS at the folder it lays out from a checkout
#: of openstack/interop (zuul.d/jobs.yaml, interop-tox-corpus).
CORPUS_HOME = os.environ.get("INTEROP_CORPUS") or os.path.join(
    os.path.dirname(ROOT), "shared", "corpus")
CORPUS = os.path.join(CORPUS_HOME, "openstack-interop-2019.06")
#: why a test that needs the corpus skipped (the suite's summary counts
#: these, and fails when the corpus is there after all)
CORPUS_REASON = (f"reference corpus not found at {CORPUS_HOME} (set "
                 "INTEROP_CORPUS to a folder holding openstack-interop-"
                 "2019.06/ and openstack-interop-2020.06/, the published "
                 "guidelines of openstack/interop; a fresh checkout has "
                 "none)")
#: the last approved guidelines (2019.11, 2020.06), which the drafts follow
CORPUS_2020 = os.path.join(os.path.dirname(CORPUS),
                           "openstack-interop-2020.06")


#: why a test of the documentation skipped
DOCS_EXTRA = ("Sphinx and docutils are not installed (the docs extra: "
              "pip install -e '.[docs]')")


def copy_criteria(root) -> None:
    """The project's criteria sets (not its scoring sheets, nor its test
    locks, which hold the project's own tests) into ``root/criteria``, for
    a scratch repository."""
    shutil.copytree(os.path.join(ROOT, "criteria"),
                    os.path.join(root, "criteria"),
                    ignore=shutil.ignore_patterns("scoring", "locks"))


def corpus_files(pattern: str = "**/*.json") -> list:
    """Published guidelines of the corpus (schemas excluded)."""
    found = glob.glob(os.path.join(CORPUS, pattern), recursive=True)
    return sorted(p for p in found if os.sep + "doc" + os.sep not in p)


def _present(folder: str) -> str:
    if not os.path.isdir(folder):
        pytest.skip(CORPUS_REASON)
    return folder


@pytest.fixture
def corpus() -> str:
    return _present(CORPUS)


@pytest.fixture
def corpus2020() -> str:
    return _present(CORPUS_2020)


@pytest.fixture
def root() -> str:
    return ROOT


#: the day every test runs on, unless it says otherwise: rules and commands
#: that read "today" (interop.load.process.today) give the same answers
#: whenever the suite runs
TODAY = "2026-12-01"


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch) -> str:
    monkeypatch.setenv("INTEROP_TODAY", TODAY)
    return TODAY


# -- what the suite ran and skipped, and a corpus that was there after all

def _corpus_skip(report) -> bool:
    return report.skipped and "corpus" in str(report.longrepr).lower()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """One line the CI log can be read by: how many tests ran, how many
    skipped, and how many of those for want of the corpus."""
    stats = terminalreporter.stats
    ran = sum(len(stats.get(k, ())) for k in ("passed", "failed",
                                               "xfailed", "xpassed"))
    skipped = stats.get("skipped", ())
    corpus = sum(1 for r in skipped if _corpus_skip(r))
    terminalreporter.write_line(
        f"interop tests: {ran} ran, {len(skipped)} skipped ({corpus} for "
        f"want of the reference corpus at {CORPUS_HOME})")
    if corpus and os.path.isdir(CORPUS):
        terminalreporter.write_line(
            f"the corpus is at {CORPUS_HOME}, yet {corpus} of its tests "
            "skipped: that fails the run", red=True)


def pytest_sessionfinish(session, exitstatus) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or not os.path.isdir(CORPUS):
        return
    if any(_corpus_skip(r) for r in reporter.stats.get("skipped", ())) \
            and session.exitstatus == 0:
        session.exitstatus = 1
