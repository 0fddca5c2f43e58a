"""Which Python packages an installed test repository provides.

A guideline names its test repositories by distribution
(``manila-tempest-plugin``); its tests name modules
(``manila_tempest_tests.api...``).  The installed distributions say how
one maps to the other: the module of each ``tempest.test_plugins`` entry
point (how Tempest itself finds plugins), and the distribution's
``top_level.txt`` or, without one, the top-level packages of its
``RECORD``.  Rule R004 reads this; it lives here, below the checks,
because the rules may not import :mod:`interop.tempest`.
"""
from __future__ import annotations

import functools
import os
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importing importlib.metadata costs a check's start
    import importlib.metadata as md

ENTRY_POINTS = "tempest.test_plugins"


def canonical(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.lru_cache(maxsize=1)
def plugin_modules() -> dict[str, frozenset[str]]:
    """Canonical distribution name -> the top-level modules it provides,
    for every installed distribution with a Tempest plugin entry point
    (and Tempest itself)."""
    found: dict[str, set[str]] = {}
    for ep in entry_points():
        dist = getattr(ep, "dist", None)
        if dist is None:
            continue
        mods = found.setdefault(canonical(dist.metadata["Name"]), set())
        mods.add(ep.value.split(":", 1)[0].split(".", 1)[0])
        mods.update(_top_level(dist))
    return {k: frozenset(v) for k, v in found.items()}


#: (what the import path looked like, the entry points found there)
_FOUND: list[tuple[Any, tuple[md.EntryPoint, ...]]] = []


def entry_points() -> tuple[md.EntryPoint, ...]:
    """The installed ``tempest.test_plugins`` entry points, read once
    while the import path and its folders stay as they were (reading
    them reads every installed distribution's metadata; an install
    changes a folder's time)."""
    key: list[tuple[str, int | None]] = []
    for folder in sys.path:
        try:
            key.append((folder, os.stat(folder or ".").st_mtime_ns))
        except OSError:
            key.append((folder, None))
    if not _FOUND or _FOUND[0][0] != key:
        from importlib import metadata
        _FOUND[:] = [(key, tuple(metadata.entry_points(
            group=ENTRY_POINTS)))]
    return _FOUND[0][1]


def _top_level(dist: md.Distribution) -> set[str]:
    text = dist.read_text("top_level.txt")
    if text:
        return {line.strip() for line in text.splitlines() if line.strip()}
    out = set()
    for path in dist.files or []:
        parts = str(path).split("/")
        if len(parts) > 1 and parts[1] == "__init__.py":
            out.add(parts[0])
    return out


def modules_of(name: str) -> frozenset[str]:
    """The modules an installed test repository provides, by its
    distribution name (empty when it is not installed)."""
    return plugin_modules().get(canonical(name), frozenset())
