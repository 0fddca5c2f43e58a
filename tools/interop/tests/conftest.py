"""Shared fixtures: the project root and the reference corpus."""
import glob
import os
import shutil

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus",
                      "openstack-interop-2019.06")


def copy_criteria(root) -> None:
    """The project's criteria sets (not its scoring sheets) into
    ``root/criteria``, for a scratch repository."""
    shutil.copytree(os.path.join(ROOT, "criteria"),
                    os.path.join(root, "criteria"),
                    ignore=shutil.ignore_patterns("scoring"))


def corpus_files(pattern: str = "**/*.json") -> list:
    """Published guidelines of the corpus (schemas excluded)."""
    found = glob.glob(os.path.join(CORPUS, pattern), recursive=True)
    return sorted(p for p in found if os.sep + "doc" + os.sep not in p)


@pytest.fixture
def corpus() -> str:
    if not os.path.isdir(CORPUS):
        pytest.skip("reference corpus not found at ../shared/corpus "
                    "(it sits beside the project in CI, not in a checkout)")
    return CORPUS


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
