"""The models of superseded guidelines kept in the user's cache, for a
lean repository (the docs build): a rebuild reads 25 years of unchanged
history from the cache instead of parsing it.

Counted, not timed: how many sources are parsed."""
import os
import weakref

import pytest

from interop import repository
from interop.load.models import ModelCache
from interop.load.outlines import OutlineCache
from interop.repository import Repository
from interop.tests.test_scale import counting, scratch


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "cache"))
    _new_process(monkeypatch)


def _new_process(monkeypatch):
    monkeypatch.setattr(repository, "_OUTLINES", OutlineCache())
    monkeypatch.setattr(repository, "_READ", weakref.WeakValueDictionary())


def _read_all(root, lean=True):
    repo = Repository(root, lean=lean)
    return repo, {p: repo.load(p).guideline for p in repo.sources()}


@pytest.fixture
def series(tmp_path):
    root = tmp_path / "r"
    scratch(root, 8, 3)      # 6 superseded, 2 approved and the draft
    return str(root)


def test_a_lean_repository_reads_superseded_models_from_the_cache(
        series, monkeypatch):
    _, first = _read_all(series)          # parses all, keeps 6
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    repo, again = _read_all(series)
    assert parsed[0] == 3                 # 2 approved and the draft
    assert again == first
    for path, g in again.items():
        assert g.file == os.path.join(series, path)
        if g.status == "superseded":
            assert repo.load(path).tree is None


def test_without_the_cache_every_source_is_parsed(series, monkeypatch,
                                                  tmp_path):
    """The guard above can fail: another cache folder, all parsed."""
    _read_all(series)
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "other"))
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    _read_all(series)
    assert parsed[0] == 9


def test_a_full_repository_parses_every_source(series, monkeypatch):
    """A repository that reports places (check, compile) keeps the
    location trees, which the cache does not hold."""
    _read_all(series)
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    repo, _ = _read_all(series, lean=False)
    assert parsed[0] == 9
    assert all(repo.load(p).tree is not None for p in repo.sources())


def test_an_edited_source_is_parsed_again(series, monkeypatch):
    _read_all(series)
    path = os.path.join(series, "guidelines", "2001.06.yaml")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("description: ", "description: Edited ",
                                  1))
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    _, again = _read_all(series)
    assert parsed[0] == 4
    assert "Edited" in repr(again["guidelines/2001.06.yaml"])


@pytest.mark.parametrize("damage", ["truncated", "stale", "garbage"])
def test_a_damaged_or_stale_cache_is_not_believed(series, monkeypatch,
                                                  damage):
    _, first = _read_all(series)
    folder = ModelCache.folder()
    for name in os.listdir(folder):
        full = os.path.join(folder, name)
        with open(full, "rb") as handle:
            data = handle.read()
        head, _, body = data.partition(b"\n")
        with open(full, "wb") as handle:
            handle.write({"truncated": data[:len(data) // 2],
                          "stale": b"0" * len(head) + b"\n" + body,
                          "garbage": head + b"\n" + b"\x80\x04junk"}[damage])
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    _, again = _read_all(series)
    assert parsed[0] == 9
    assert again == first
