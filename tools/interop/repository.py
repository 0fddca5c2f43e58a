"""The repository: where sources, published files and criteria live.

Layout (``doc/source/format.rst``)::

    guidelines/<ver>.yaml          -> guidelines/<ver>.json
    add-ons/<name>/<ver>.yaml      -> add-ons/guidelines/<name>.<ver>.json
    verticals/<name>/<ver>.yaml    -> verticals/guidelines/<name>.<ver>.json
    criteria/<set>.yaml            criteria sets
    criteria/process/*.yaml        program owners, the cycle's milestones
    guidelines/baseline/<ver>.yaml, add-ons/<name>/baseline/<ver>.yaml,
    verticals/<name>/baseline/<ver>.yaml
                                   facts-only baselines of approved
                                   guidelines (history: read, never
                                   compiled)
    criteria/releases.yaml         the OpenStack releases and their dates

The published files stand where RefStack 2.1.0 reads them: its
``get_guideline_contents`` fetches ``<raw>/guidelines/<file>`` and, for an
add-on, ``<raw>/add-ons/guidelines/<file>``.

Length: one class is every reader's one view of a repository (what it
reads once: sources, sheets, series, compiled documents, the outlines a
series needs), and its caches must stay together to stay consistent.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import glob
import os
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from interop import model as m
from interop.errors import LoadError, UsageError
from interop.files import (
    confined,
    confined_if_within,
    is_confined,
    is_within,
    read_regular,
)
from interop.load.anyform import source_tree
from interop.load.reader import read_guideline
from interop.load.models import ModelCache
from interop.load.outlines import OutlineCache
from interop.load.source import MAX_BYTES, decode, read_text
from interop.scoring.criteria import CriteriaSet, load_set, resolve_sets
from interop.scoring.sheets import SHEET_DIR, Sheet, load_sheet, sheet_path

if TYPE_CHECKING:  # the process tables are read only when asked for
    from interop.load.process import Ownership, Release, Schedule
from interop.series import (
    BASELINE_FOLDER,
    Outline,
    Runs,
    Series,
    outline_of,
    program_of,
    safe_name,
    version_of,
)

SOURCE_GLOBS = ("guidelines/*.yaml", "add-ons/*/*.yaml", "verticals/*/*.yaml")
BASELINE_GLOBS = tuple(
    os.path.join(os.path.dirname(p), BASELINE_FOLDER, "*.yaml")
    for p in SOURCE_GLOBS)
#: the folder of published files beside the programs' folders, so no
#: program may take its name
PUBLISHED_DIR = "guidelines"


@dataclasses.dataclass
class Source:
    """A guideline source as read: the tree (with places) and the model."""

    path: str
    tree: Any
    guideline: m.Guideline


def load_source(path: str, text: str | None = None) -> Source:
    """Read one YAML source into its tree and model, or raise LoadError;
    ``text``: the file's text when the caller has read it."""
    tree = source_tree(read_text(path) if text is None else text, path)
    return Source(path, tree, read_guideline(tree, path))


def _read_once(full: str, path: str) -> tuple[bytes | None, str | None]:
    """A source's bytes and their digest with its root-relative place
    (what the outlines', the models' and the shared reads' caches are
    keyed by); (None, None) when it cannot be read whole (the reader
    then says why)."""
    import hashlib
    try:
        data = read_regular(full, MAX_BYTES)
    except (LoadError, OSError):
        return None, None
    if len(data) > MAX_BYTES:
        return None, None
    return data, hashlib.sha256(path.encode("utf-8", "surrogateescape")
                                + b"\0" + data).hexdigest()


class Repository:
    """A guideline repository rooted at a folder."""

    def __init__(self, root: str = ".", lean: bool = False, *,
                 schedule_from: Repository | None = None) -> None:
        self.root = os.path.abspath(root)
        # lean: keep no location tree (Source.tree, Sheet.tree) of a
        # superseded guideline or its sheet, for a reader that reports no
        # place in them (the docs build: 25 years of history)
        self.lean = lean
        #: where the cycle's milestones are read, when not here: a change
        #: under review is held to its target branch's schedule
        self.schedule_from = schedule_from
        self._loaded: dict[str, Source] = {}
        self._sheets: dict[str, Sheet | None] = {}
        #: program -> (the sources, their outlines, their runs, and the
        #: runs and outline of each guideline compiled)
        self._series: dict[int, tuple[m.Guideline, Runs, Outline]] = {}
        self._runs: dict[tuple[str, str], tuple[
            tuple[str, ...], list[tuple[str, Outline]], Runs,
            dict[int, tuple[m.Guideline, Runs, Outline]]]] = {}
        self._compiled: dict[str, tuple[tuple[str, ...], Any]] = {}
        self._programs: dict[tuple[str, str],
                             tuple[tuple[str, ...], list[m.Guideline],
                                   Series]] = {}

    def rel(self, path: str) -> str:
        """A path as shown in findings: relative to the root when inside."""
        full = os.path.abspath(path)
        if full == self.root or full.startswith(self.root + os.sep):
            return os.path.relpath(full, self.root)
        return path

    def sources(self) -> list[str]:
        """Every guideline source in the repository, in a stable order."""
        return self._glob(SOURCE_GLOBS)

    def baselines(self) -> list[str]:
        """Every baseline (the facts of an approved guideline authored
        elsewhere, written by ``interop import --baseline``)."""
        return self._glob(BASELINE_GLOBS)

    def _glob(self, patterns: tuple[str, ...]) -> list[str]:
        found: list[str] = []
        for pattern in patterns:
            found.extend(sorted(glob.glob(os.path.join(self.root, pattern))))
        # what glob joined to the root is cut off it (as rel(), without
        # its abspath and relpath: a compile asks for every capability)
        inside = os.path.join(self.root, "")
        return [p[len(inside):] if p.startswith(inside) else self.rel(p)
                for p in found]

    def inside(self, path: str) -> bool:
        """Whether ``path`` is named in the repository or (links resolved)
        lies in it; such a path is read as the repository's, which refuses
        it when links lead it out (:meth:`confine`)."""
        return is_within(path, self.root) or is_confined(path, self.root)

    def confine(self, path: str) -> str:
        """``path`` (absolute, or relative to the root), refusing it (E160)
        when links at any depth lead it out of the repository."""
        full = os.path.join(self.root, path)
        return confined(full, self.root, self.rel(full))

    def published_path(self, source: str) -> str:
        """The published JSON file a source compiles to (root-relative)."""
        return published_rel(self.rel(source))

    @functools.cached_property
    def criteria_sets(self) -> dict[str, CriteriaSet]:
        """The criteria sets, overlays (``extends:``) read over their
        bases."""
        return resolve_sets(self.raw_criteria_sets)

    @functools.cached_property
    def raw_criteria_sets(self) -> dict[str, CriteriaSet]:
        """The criteria sets as written."""
        from interop.load.process import RELEASES
        sets = {}
        for path in sorted(glob.glob(os.path.join(self.root, "criteria",
                                                  "*.yaml"))):
            if path == os.path.join(self.root, RELEASES):
                continue
            found = load_set(self.confine(path))
            sets[found.id or os.path.splitext(os.path.basename(path))[0]] = \
                found
        return sets

    @functools.cached_property
    def ownership(self) -> Ownership:
        """Who owns each program (``criteria/process/programs.yaml``)."""
        from interop.load.process import load_ownership
        return load_ownership(self.root)

    @functools.cached_property
    def schedule(self) -> Schedule | None:
        """The cycle's milestones (``criteria/process/schedule.yaml``, of
        ``schedule_from`` when given and readable)."""
        if self.schedule_from is not None:
            try:
                return self.schedule_from.schedule
            except LoadError:
                pass  # that table is broken: this one's is read
        from interop.load.process import load_schedule
        return load_schedule(self.root)

    @functools.cached_property
    def releases(self) -> list[Release] | None:
        """The table of releases (``criteria/releases.yaml``), or None
        when the repository has none."""
        from interop.load.process import RELEASES, load_releases
        path = os.path.join(self.root, RELEASES)
        return load_releases(path) if os.path.isfile(path) else None

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
        sheet = self.sheet_at(sheet_path(self.root, guideline.program.name,
                                         version))
        if sheet is not None and self.lean and \
                guideline.status == "superseded":
            sheet.tree = None
            for score in sheet.scores.values():
                score.tree = None
        return sheet

    def sheet_paths(self) -> list[str]:
        """Every scoring sheet of the repository
        (``criteria/scoring/PROGRAM/VERSION.yaml``), in a stable order."""
        return sorted(glob.glob(os.path.join(self.root, SHEET_DIR, "*",
                                             "*.yaml")))

    def scored_by(self, sheet: Sheet) -> m.Guideline | None:
        """The repository's guideline a sheet scores, when there is one."""
        for path in self.sources():
            g = self.load(path).guideline
            if g.program.name == sheet.program and \
                    version_of(g) == str(sheet.guideline):
                return g
        return None

    def sheet_at(self, path: str) -> Sheet | None:
        """The scoring sheet at ``path`` (None when there is none), read
        once for every reader of this repository (the compiler, the rules,
        the review's sheet changes); LoadError when it cannot be read."""
        if path not in self._sheets:
            self.confine(path)
            self._sheets[path] = load_sheet(path, self.criteria_sets) \
                if os.path.exists(path) else None
        return self._sheets[path]

    def required_since(self, guideline: m.Guideline,
                       capability: m.Capability) -> str | None:
        # one series per guideline compiled, not one per capability
        hit = self._series.get(id(guideline))
        if hit is None or hit[0] is not guideline:
            hit = self._series[id(guideline)] = (
                guideline, *self._required_runs(guideline))
        return hit[1].required_since(hit[2], capability.name)[0]

    def _required_runs(self, guideline: m.Guideline
                       ) -> tuple[Runs, Outline]:
        """The runs of ``guideline``'s program as :meth:`series` orders it,
        from outlines: a source this repository has not read is outlined
        from the user's cache when its bytes were outlined before, so that
        compiling one guideline of a long series (a review, a release)
        reads the series' other files, not parses them."""
        key = program_of(guideline)
        sources = tuple(self.sources()) + tuple(self.baselines())
        cached = self._runs.get(key)
        if cached is None or cached[0] != sources:
            found = [(p, self._outline_at(p)) for p in sources]
            listed = [(p, o) for p, o in found
                      if o is not None and o.program == key]
            cached = self._runs[key] = (
                sources, listed, Runs(o for _, o in listed), {})
            _OUTLINES.save()
        _, listed, runs, each = cached
        hit = each.get(id(guideline))
        if hit is None or hit[0] is not guideline:
            outline = outline_of(guideline)
            if not self._kept(guideline, listed):  # as series() adds it
                runs = Runs([outline] + [o for _, o in listed])
            hit = each[id(guideline)] = (guideline, runs, outline)
        return hit[1], hit[2]

    def _kept(self, guideline: m.Guideline,
              listed: list[tuple[str, Outline]]) -> bool:
        """Whether ``guideline`` is this repository's own read of one of
        ``listed`` that stands for its version in the series (the first
        of that version)."""
        path = self.rel(guideline.file) if guideline.file else ""
        own = self._loaded.get(path)
        if own is None or own.guideline is not guideline:
            return False
        first: dict[str, str] = {}
        for p, o in listed:
            first.setdefault(o.key, p)
        return any(p == path and first[o.key] == path for p, o in listed)

    def _outline_at(self, path: str) -> Outline | None:
        """The outline of a source (root-relative; None when it cannot be
        read): from its model when read already, else from the cache of
        outlines by the source's bytes and place, else read."""
        if path in self._loaded or not _OUTLINES.usable(self.root):
            return self._outline_read(path)
        try:
            full = self.confine(path)
        except (LoadError, UsageError):
            return self._outline_read(path)
        data, digest = _read_once(full, path)
        if digest is None:
            return self._outline_read(path)
        known = _OUTLINES.get(digest)
        if known is not None:
            return None if known is False else Outline.from_list(known, full)
        outline = self._outline_read(path, (data, digest))
        _OUTLINES.put(digest, outline.as_list() if outline else False)
        return outline

    def _outline_read(self, path: str,
                      read: tuple[bytes | None, str | None] | None = None
                      ) -> Outline | None:
        try:
            return outline_of(self.load(path, read).guideline)
        except LoadError:
            return None

    def series(self, guideline: m.Guideline) -> Series:
        """The guideline's program in this repository, with ``guideline``
        standing for its own version.

        The program's series is built once and shared by every guideline
        of the repository's own that is in it (compiling a series of n
        guidelines builds one series, not n)."""
        key = program_of(guideline)
        # the sources and the baselines (history) the series is made of
        sources = tuple(self.sources()) + tuple(self.baselines())
        cached = self._programs.get(key)
        if cached is None or cached[0] != sources:
            others = [g for g in self.guidelines(history=True)
                      if program_of(g) == key]
            cached = self._programs[key] = (sources, others, Series(others))
        _, others, series = cached
        if any(g is guideline for g in series.items):
            return series
        return Series([guideline] + others)

    def remember(self, guideline: m.Guideline, compute: Callable[[], Any]
                 ) -> Any:
        """The compiled document of one of this repository's own sources,
        compiled once (``compute``) while the sources stay the same; any
        other guideline is compiled each time (nothing keeps it alive)."""
        path = self.rel(guideline.file) if guideline.file else ""
        own = self._loaded.get(path)
        if own is None or own.guideline is not guideline:
            return compute()
        sources = tuple(self.sources())
        hit = self._compiled.get(path)
        if hit is None or hit[0] != sources:
            if hit is not None:  # a source came or went: series change too
                self._series.clear()
                self._runs.clear()
            hit = self._compiled[path] = (sources, compute())
        return hit[1]

    def forget_compiled(self) -> None:
        """Let go of the compiled documents :meth:`remember` keeps, for a
        reader done with most of them (the docs build, before its PDFs)."""
        self._compiled.clear()

    def guidelines(self, history: bool = False) -> list[m.Guideline]:
        """The guidelines of every source that can be read (the others are
        reported where they are read on their own); with ``history``, the
        baselines' after them (a source of the same version wins in a
        series)."""
        out = []
        for path in self.sources() + (self.baselines() if history else []):
            try:
                out.append(self.load(path).guideline)
            except LoadError:
                continue
        return out

    def adopt(self, other: Repository, skip: set[str]) -> None:
        """Take the sources ``other`` has read for the files not in
        ``skip`` (root-relative), which must hold the same bytes here (a
        trial copy of ``other``): reading a long series once per command,
        not once per copy.  Their places name ``other``'s files."""
        for path, source in other._loaded.items():
            if path not in skip and path not in self._loaded:
                self._loaded[path] = source

    def load(self, path: str,
             read: tuple[bytes | None, str | None] | None = None) -> Source:
        """A source of this repository (root-relative path), read once;
        ``read``: its bytes and digest when the caller has read them.

        A source of the same place and bytes that another repository of
        this process has read (the parent revision a review exports
        beside the change) is taken from it, its model's file named here:
        a review of a long series parses each unchanged file once."""
        if path not in self._loaded:
            full = self.confine(path)
            data, digest = read if read is not None else \
                _read_once(full, path)
            known = _READ.get(digest) if digest else None
            kept = self._kept_model(digest)
            if kept is not None:
                source = Source(full, None, kept)
                kept.file = full
            elif known is not None and _OUTLINES.usable(self.root):
                source = Source(full, known.tree,
                                copy.copy(known.guideline))
                source.guideline.file = full
            else:
                # the bytes read above, not the file again
                source = load_source(full, None if data is None
                                     else decode(full, data))
                if digest:
                    _READ[digest] = source
                if digest and self.lean and \
                        source.guideline.status == "superseded" and \
                        _OUTLINES.usable(self.root):
                    _MODELS.put(digest, source.guideline)
            if self.lean and source.guideline.status == "superseded":
                # a new Source: one another repository shares is not
                # changed
                source = Source(source.path, None, source.guideline)
            self._loaded[path] = source
        return self._loaded[path]

    def _kept_model(self, digest: str | None) -> m.Guideline | None:
        """A lean repository's superseded guideline of these bytes and
        place, from the user's cache: the docs build rereads 25 years of
        unchanged history on every rebuild."""
        if not (self.lean and digest and _OUTLINES.usable(self.root)):
            return None
        kept = _MODELS.get(digest)
        if kept is None or kept.status != "superseded":
            return None
        return kept


_OUTLINES = OutlineCache()
_MODELS = ModelCache()
#: the sources read in this process, by place and bytes, while a
#: repository holds them (a shared source is read, never changed)
_READ: weakref.WeakValueDictionary[str, Source] = \
    weakref.WeakValueDictionary()


def find_root(start: str) -> str:
    """The repository holding ``start``: the nearest folder with the layout.

    Falls back to the current directory.
    """
    here = os.path.abspath(start if os.path.isdir(start)
                           else os.path.dirname(start) or ".")
    while True:
        if _has_layout(here):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return os.getcwd()
        here = parent


def _has_layout(folder: str) -> bool:
    return os.path.isdir(os.path.join(folder, "criteria")) and any(
        os.path.isdir(os.path.join(folder, d))
        for d in ("guidelines", "add-ons", "verticals"))


def named_file(path: str) -> str:
    """A file named on the command line, refused (E160) when it is named
    inside a repository but links lead it out; returned as given."""
    root = find_root(path)
    if _has_layout(root):
        confined_if_within(path, root)
    return path


def published_rel(rel: str) -> str:
    """The published JSON file of the source at root-relative ``rel``
    (``add-ons/dns/next.yaml`` -> ``add-ons/guidelines/dns.next.json``);
    a path outside the layout is a UsageError."""
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
