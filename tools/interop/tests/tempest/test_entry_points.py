"""The installed plugins' entry points are read once per process while
the import path stays as it was (reading them reads the metadata of
every installed distribution): counted, not timed."""
import importlib.metadata

from interop.load import plugins
from interop.tempest import index


def test_entry_points_are_read_once_while_the_path_stays(
        tmp_path, monkeypatch):
    calls = []
    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points",
                        lambda **kw: calls.append(kw) or real(**kw))
    monkeypatch.setattr(plugins, "_FOUND", [])
    first = index.installed()
    assert index.installed() == first
    assert index.installed() == first
    assert calls == [{"group": "tempest.test_plugins"}]
    # a folder added to the path (or an install into one) reads again
    monkeypatch.syspath_prepend(str(tmp_path))
    assert index.installed() == first
    assert len(calls) == 2
    (tmp_path / "fake-1.0.dist-info").mkdir()
    index.installed()
    assert len(calls) == 3
