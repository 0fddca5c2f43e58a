"""R004 and T006 read what the installed distributions provide (the
metadata of every one of them) only for a test whose package the
guideline's repository names do not give: a check of guidelines whose
tests are Tempest's and its named plugins' reads none.  Counted."""
import importlib.metadata

import pytest

from interop.load import plugins
from interop.tests.checks.helpers import codes
from interop.tests.checks.test_references import (
    MANILA_ADD_ON,
    MANILA_REPO,
    MANILA_TEST,
    PLUGIN_REPO,
    PLUGIN_TEST,
)


@pytest.fixture
def reads(monkeypatch):
    """How often the entry points are read, from a process's start."""
    calls = []
    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda **kw: calls.append(kw) or real(**kw))
    monkeypatch.setattr(plugins, "_FOUND", [])
    plugins.plugin_modules.cache_clear()
    yield calls
    plugins.plugin_modules.cache_clear()


def test_named_packages_read_no_metadata(reads):
    # the plugin's package is its repository's name: T006 fires, R004
    # stays quiet, and nothing installed is asked
    found = codes(PLUGIN_TEST + PLUGIN_REPO, ["T006", "R004"])
    assert [c for *_, c in found] == ["T006"]
    assert reads == []


def test_a_package_the_names_miss_reads_them(reads):
    # manila-tempest-plugin provides manila_tempest_tests: only the
    # installed distribution says so
    path = "add-ons/shared-file-systems/next.yaml"
    assert codes(MANILA_ADD_ON + MANILA_TEST + MANILA_REPO, ["R004"],
                 path=path) == []
    assert len(reads) == 1
