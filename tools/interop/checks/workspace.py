"""What cross-guideline rules see: the other guidelines of a run, and of
the repository, grouped into series by program."""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from interop import model as m
from interop.errors import LoadError
from interop.repository import Repository
from interop.scoring.sheets import sheet_path
from interop.series import Series, order_key, program_of, split_id, version_of

if TYPE_CHECKING:  # the engine's Document holds a Workspace
    from interop.checks.engine import Document


class Workspace:
    """The guidelines a check can compare with: those given to the run
    first, then the repository's sources (read once, when first needed)."""

    def __init__(self, guidelines: list[m.Guideline],
                 repo: Repository | None = None,
                 baselines: list[m.Guideline] | None = None,
                 baseline_repo: Repository | None = None) -> None:
        self.given = guidelines
        self.repo = repo
        #: earlier versions of the same guidelines (``--baseline``)
        self.baselines = baselines or []
        #: the repository the baselines come from (their criteria sets)
        self.baseline_repo = baseline_repo
        self._repo_guidelines: list[m.Guideline] | None = None
        self._series: dict[tuple[str, str], Series] = {}

    def _from_repo(self) -> list[m.Guideline]:
        if self._repo_guidelines is None:
            self._repo_guidelines = []
            if self.repo is not None:
                # sources, then baselines: the history a series reads
                self._repo_guidelines = self.repo.guidelines(history=True)
        return self._repo_guidelines

    def all(self) -> list[m.Guideline]:
        return self.given + self._from_repo()

    def series(self, g: m.Guideline) -> Series:
        key = program_of(g)
        if key not in self._series:
            self._series[key] = Series(
                x for x in self.all() if program_of(x) == key)
        return self._series[key]

    def baseline(self, g: m.Guideline) -> m.Guideline | None:
        """The earlier version of this same guideline, when given."""
        for b in self.baselines:
            if program_of(b) == program_of(g) and \
                    version_of(b) == version_of(g):
                return b
        return None

    def powered(self, version: str | None) -> m.Guideline | None:
        """The Powered guideline of that version, if the run or the
        repository has it."""
        if version is None:
            return None
        for g in self.all():
            if g.program.kind == "powered" and version_of(g) == version:
                return g
        return None


def source_version(ref: m.ComponentRef) -> str | None:
    """The guideline version a component reference's ``source`` names
    (``.../2019.06.json`` names 2019.06)."""
    if isinstance(ref.source, str) and ref.source.endswith(".json"):
        return split_id(ref.source.rsplit("/", 1)[-1][:-5])[1]
    return None


def builds_on(g: m.Guideline) -> str | None:
    """The version of the Powered guideline a vertical or add-on names:
    ``program.builds_on``, else the file named by a component's source."""
    if isinstance(g.program.builds_on, str):
        return split_id(g.program.builds_on)[1]
    for ref in g.iter_component_refs():
        version = source_version(ref)
        if version:
            return version
    return None


def powered_for(doc: Document, version: str | None = None
                ) -> m.Guideline | None:
    """The Powered guideline of ``version`` (by default the one the
    document builds on), if the run or the repository has it."""
    version = version or builds_on(doc.guideline)
    workspace = doc.workspace
    if workspace is None or version is None:
        return None
    return doc.memo(f"powered {version}",
                    lambda: workspace.powered(version))


def shown(g: m.Guideline) -> str:
    """How findings name a Powered guideline."""
    return f"Powered {g.id}" if isinstance(g.id, str) else "Powered"


def unknown_components(doc: Document, refs: list[m.ComponentRef]
                       ) -> Iterator[tuple[m.ComponentRef, m.Guideline]]:
    """References to Powered components that the Powered guideline they
    name (their ``source``, else the one the document builds on) does not
    define; references to the document's own components are skipped."""
    own = set(doc.guideline.components or {})
    for ref in refs:
        if not isinstance(ref.name, str) or (ref.source is None
                                             and ref.name in own):
            continue
        powered = powered_for(doc, source_version(ref))
        if powered is not None and ref.name not in (powered.components
                                                    or {}):
            yield ref, powered


def _own_files(repo: Repository, by_path: dict[str, Any]) -> dict[str, str]:
    """Each file of a guideline's own (its source, its published file,
    its scoring sheet), root-relative -> its source."""
    own = {}
    for path, g in by_path.items():
        own[path] = path
        own[repo.published_path(path)] = path
        version = version_of(g)
        if version and isinstance(g.program.name, str):
            own[os.path.relpath(sheet_path(repo.root, g.program.name,
                                           version), repo.root)] = path
    return own


def affected(repo: Repository, changed: set[str]) -> list[str] | None:
    """The sources (root-relative) whose error findings a change of the
    files ``changed`` (root-relative) can alter, or None for all of them.

    What a rule reads beyond its own guideline, its scoring sheet and its
    published file: the guidelines of its program before it (the
    previous one, the required runs), the one its ``replaces`` names
    (wherever it stands), the newer ones while it is still ``approved``
    (M005), and for an add-on or vertical the Powered guidelines it
    names.  So, after a change, a guideline can gain or lose an error
    only when one of its own files changed, when a guideline of its
    program at or before it (or the one it replaces) changed, when it is
    ``approved`` and its program changed, or when it names a Powered
    version that changed.  A changed criteria set, or any file this does
    not know, may change everything: None.  A change that keeps a
    program's older guidelines as they were (a release, a new draft) thus
    checks a few guidelines, whatever the series' length.
    """
    sources = repo.sources()
    by_path = {}
    for path in sources:
        try:
            by_path[path] = repo.load(path).guideline
        except LoadError:
            return None  # an unreadable source: let every rule see it
    own = _own_files(repo, by_path)
    if any(os.path.normpath(c) not in own for c in changed):
        return None
    hit = {own[os.path.normpath(c)] for c in changed}
    earliest: dict[tuple[str, str], tuple[int, str]] = {}
    for path in hit:
        g = by_path[path]
        key = order_key(version_of(g))
        if program_of(g) not in earliest or key < earliest[program_of(g)]:
            earliest[program_of(g)] = key
    powered = {version_of(by_path[p]) for p in hit
               if by_path[p].program.kind == "powered"}
    versions = {(program_of(by_path[p]), version_of(by_path[p]))
                for p in hit}
    out = []
    for path, g in by_path.items():
        first = earliest.get(program_of(g))
        names = {builds_on(g)} | {source_version(ref)
                                  for ref in g.iter_component_refs()}
        approval = g.metadata.approval if g.metadata else None
        replaces = split_id(approval.replaces)[1] if approval else None
        if path in hit or (first is not None and (
                g.status == "approved"
                or order_key(version_of(g)) >= first
                # 'replaces' may name any guideline as the previous one
                or (program_of(g), replaces) in versions)) \
                or (g.program.kind != "powered" and names & powered):
            out.append(path)
    return out
