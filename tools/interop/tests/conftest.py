"""Shared fixtures: the project root and the reference corpus."""
import glob
import os
import shutil

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus",
                      "openstack-interop-2019.06")
#: the last approved guidelines (2019.11, 2020.06), which the drafts follow
CORPUS_2020 = os.path.join(os.path.dirname(CORPUS),
                           "openstack-interop-2020.06")


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
        pytest.skip("reference corpus not found at ../shared/corpus "
                    "(it sits beside the project in CI, not in a checkout)")
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
