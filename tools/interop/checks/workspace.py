"""What cross-guideline rules see: the other guidelines of a run, and of
the repository, grouped into series by program."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.series import Series, program_of, split_id, version_of


class Workspace:
    """The guidelines a check can compare with: those given to the run
    first, then the repository's sources (read once, when first needed)."""

    def __init__(self, guidelines: list[m.Guideline], repo: Any = None,
                 baselines: list[m.Guideline] | None = None,
                 baseline_repo: Any = None) -> None:
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


def powered_for(doc: Any, version: str | None = None) -> m.Guideline | None:
    """The Powered guideline of ``version`` (by default the one the
    document builds on), if the run or the repository has it."""
    version = version or builds_on(doc.guideline)
    if doc.workspace is None or version is None:
        return None
    return doc.memo(f"powered {version}",
                    lambda: doc.workspace.powered(version))


def shown(g: m.Guideline) -> str:
    """How findings name a Powered guideline."""
    return f"Powered {g.id}" if isinstance(g.id, str) else "Powered"


def unknown_components(doc: Any, refs: list[m.ComponentRef]
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
