"""The gate trusts nothing the change can write (issue 23, item 3): the
index cache lives outside the checkout and is keyed by what is installed."""
import json
import os

import pytest

from interop import cli
from interop.tempest import index as tempest
from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.tests.conftest import copy_criteria

pytest.importorskip("tempest", reason="Tempest (test extra) not installed")

FRESH = "0d1e5a7c-3b7e-4f55-9c1a-5f0e2b6c9a11"
MISSING = "tempest.api.compute.servers.test_nothing.NoTest.test_not_there"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "user-cache"))
    copy_criteria(tmp_path / "repo")
    root = tmp_path / "repo"
    (root / "guidelines").mkdir()
    (root / "guidelines" / "2026.06.yaml").write_text(PREVIOUS)
    (root / "guidelines" / "next.yaml").write_text(BASE.replace(
        "tempest.api.compute.servers.test_create_server.ServersTestJSON"
        ".test_list_servers", MISSING).replace(
        "9a438d88-10c6-4bcd-8b5b-5b6e25e1346f", FRESH))
    return root


def _forge(root):
    """What a change could commit: an index that holds a test Tempest
    does not, under the fingerprint anyone can compute."""
    packages = tempest.installed()
    forged = tempest.TestIndex(packages, [tempest.IndexedTest(
        MISSING, FRESH, "tempest")])
    folder = root / ".interop-cache"
    folder.mkdir()
    (folder / "test-index.json").write_text(json.dumps({
        "fingerprint": tempest.fingerprint(packages),
        "index": forged.as_dict()}))


def test_a_committed_index_cannot_make_a_missing_test_verify(repo, capsys):
    _forge(repo)
    assert cli.main(["tests", "verify", "--repo", str(repo)]) == 1
    out, err = capsys.readouterr()
    assert "V001" in out and "test_not_there" in out
    assert ".interop-cache/test-index.json in the checkout is ignored" \
        in err


def test_the_cache_is_keyed_by_what_is_installed(monkeypatch):
    real = tempest.installed()
    key = tempest.fingerprint(real)
    # the same version strings with other installed files: another key
    monkeypatch.setattr(tempest, "_installed_digest", lambda p: "patched")
    assert tempest.fingerprint(real) != key
    assert "#" in key and "tempest==47.0.0#" in key


def test_the_cache_folder_is_the_users(monkeypatch, tmp_path):
    monkeypatch.delenv("INTEROP_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert tempest.cache_folder() == str(tmp_path / "interop")
    assert not tempest.cache_folder().startswith(os.getcwd() + os.sep) or \
        str(tmp_path).startswith(os.getcwd())


def test_verify_without_tempest_says_not_run(repo, capsys, monkeypatch):
    monkeypatch.setattr(tempest, "installed", lambda: {})
    monkeypatch.setattr(tempest, "build", lambda packages=None:
                        tempest.TestIndex({}, []))
    assert cli.main(["tests", "verify", "--repo", str(repo)]) == 2
    out, err = capsys.readouterr()
    assert out.count("V005 info: not run") == 2  # each guideline
    assert "not run: Tempest is not installed" in err
