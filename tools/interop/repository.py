"""The repository: where sources, published files and criteria live.

Layout (``doc/source/format.rst``)::

    guidelines/<ver>.yaml          -> guidelines/<ver>.json
    add-ons/<name>/<ver>.yaml      -> add-ons/guidelines/<name>.<ver>.json
    verticals/<name>/<ver>.yaml    -> verticals/guidelines/<name>.<ver>.json
    criteria/<set>.yaml            criteria sets

The published files stand where RefStack 2.1.0 reads them: its
``get_guideline_contents`` fetches ``<raw>/guidelines/<file>`` and, for an
add-on, ``<raw>/add-ons/guidelines/<file>``.
"""
from __future__ import annotations

import dataclasses
import functools
import glob
import os
from typing import Any

from interop import model as m
from interop.errors import LoadError, UsageError
from interop.load.reader import read_guideline
from interop.load.source import load_yaml_file
from interop.scoring.criteria import CriteriaSet, load_set
from interop.scoring.sheets import Sheet, load_sheet, sheet_path
from interop.series import Series, program_of, safe_name, version_of

SOURCE_GLOBS = ("guidelines/*.yaml", "add-ons/*/*.yaml", "verticals/*/*.yaml")
#: the folder of published files beside the programs' folders, so no
#: program may take its name
PUBLISHED_DIR = "guidelines"


@dataclasses.dataclass
class Source:
    """A guideline source as read: the tree (with places) and the model."""

    path: str
    tree: Any
    guideline: m.Guideline


def load_source(path: str) -> Source:
    """Read one YAML source into its tree and model, or raise LoadError."""
    tree = load_yaml_file(path)
    if not isinstance(tree, dict):
        raise LoadError(path, 1, 1, "E112",
                        "a guideline must be a mapping of keys to values")
    return Source(path, tree, read_guideline(tree, path))


class Repository:
    """A guideline repository rooted at a folder."""

    def __init__(self, root: str = ".") -> None:
        self.root = os.path.abspath(root)
        self._loaded: dict[str, Source] = {}
        self._sheets: dict[str, Sheet | None] = {}
        self._series: dict[int, tuple[m.Guideline, Series]] = {}

    def rel(self, path: str) -> str:
        """A path as shown in findings: relative to the root when inside."""
        full = os.path.abspath(path)
        if full == self.root or full.startswith(self.root + os.sep):
            return os.path.relpath(full, self.root)
        return path

    def sources(self) -> list[str]:
        """Every guideline source in the repository, in a stable order."""
        found: list[str] = []
        for pattern in SOURCE_GLOBS:
            found.extend(sorted(glob.glob(os.path.join(self.root, pattern))))
        return [self.rel(p) for p in found]

    def inside(self, path: str) -> bool:
        """Whether ``path`` (links resolved) lies in the repository."""
        full, root = os.path.realpath(path), os.path.realpath(self.root)
        return full == root or full.startswith(root + os.sep)

    def published_path(self, source: str) -> str:
        """The published JSON file a source compiles to (root-relative)."""
        rel = self.rel(source)
        parts = rel.split(os.sep)
        stem = os.path.splitext(parts[-1])[0]
        if len(parts) == 2 and parts[0] == "guidelines":
            return os.path.join(PUBLISHED_DIR, stem + ".json")
        if len(parts) == 3 and parts[0] in ("add-ons", "verticals") and \
                parts[1] != PUBLISHED_DIR:
            return os.path.join(parts[0], PUBLISHED_DIR,
                                f"{parts[1]}.{stem}.json")
        raise UsageError(f"{rel}: not in the repository layout "
                         "(guidelines/, add-ons/<name>/, verticals/<name>/, "
                         f"where no program is named {PUBLISHED_DIR!r}); "
                         "use --stdout to compile a file elsewhere")

    @functools.cached_property
    def criteria_sets(self) -> dict[str, CriteriaSet]:
        sets = {}
        for path in sorted(glob.glob(os.path.join(self.root, "criteria",
                                                  "*.yaml"))):
            found = load_set(path)
            sets[found.id or os.path.splitext(os.path.basename(path))[0]] = \
                found
        return sets

    # The compiler's Context
    def criteria_set(self, name: str) -> m.Scoring | None:
        found = self.criteria_sets.get(name)
        return found.scoring() if found else None

    def achievements(self, guideline: m.Guideline,
                     capability: m.Capability) -> list[str] | None:
        sheet = self.sheet_for(guideline)
        return sheet.achievements(capability.name) if sheet else None

    def sheet_for(self, guideline: m.Guideline) -> Sheet | None:
        """The guideline's scoring sheet, if the repository has one.

        A sheet that cannot be read raises LoadError: compiling must not
        quietly drop the achievements it holds."""
        version = version_of(guideline)
        if version is None or not safe_name(guideline.program.name):
            return None
        path = sheet_path(self.root, guideline.program.name, version)
        if path not in self._sheets:
            self._sheets[path] = load_sheet(path, self.criteria_sets) \
                if os.path.exists(path) else None
        return self._sheets[path]

    def required_since(self, guideline: m.Guideline,
                       capability: m.Capability) -> str | None:
        # one series per guideline compiled, not one per capability
        key = id(guideline)
        cached = self._series.get(key)
        if cached is None or cached[0] is not guideline:
            cached = self._series[key] = (guideline, self.series(guideline))
        return cached[1].required_since(guideline, capability.name)[0]

    def series(self, guideline: m.Guideline) -> Series:
        """The guideline's program in this repository, with ``guideline``
        standing for its own version."""
        key = program_of(guideline)
        others = []
        for path in self.sources():
            try:
                g = self.load(path).guideline
            except LoadError:
                continue
            if program_of(g) == key:
                others.append(g)
        return Series([guideline] + others)

    def guidelines(self) -> list[m.Guideline]:
        """The guidelines of every source that can be read (the others are
        reported where they are read on their own)."""
        out = []
        for path in self.sources():
            try:
                out.append(self.load(path).guideline)
            except LoadError:
                continue
        return out

    def load(self, path: str) -> Source:
        """A source of this repository (root-relative path), read once."""
        if path not in self._loaded:
            self._loaded[path] = load_source(os.path.join(self.root, path))
        return self._loaded[path]


def find_root(start: str) -> str:
    """The repository holding ``start``: the nearest folder with the layout.

    Falls back to the current directory.
    """
    here = os.path.abspath(start if os.path.isdir(start)
                           else os.path.dirname(start) or ".")
    while True:
        if os.path.isdir(os.path.join(here, "criteria")) and any(
                os.path.isdir(os.path.join(here, d))
                for d in ("guidelines", "add-ons", "verticals")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return os.getcwd()
        here = parent
