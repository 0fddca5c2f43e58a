"""What cross-guideline rules see: the other guidelines of a run, and of
the repository, grouped into series by program."""
from __future__ import annotations

from typing import Any

from interop import model as m
from interop.errors import LoadError
from interop.series import Series, program_of, split_id, version_of


class Workspace:
    """The guidelines a check can compare with: those given to the run
    first, then the repository's sources (read once, when first needed)."""

    def __init__(self, guidelines: list[m.Guideline], repo: Any = None,
                 baselines: list[m.Guideline] | None = None) -> None:
        self.given = guidelines
        self.repo = repo
        #: earlier versions of the same guidelines (``--baseline``)
        self.baselines = baselines or []
        self._repo_guidelines: list[m.Guideline] | None = None
        self._series: dict[tuple[str, str], Series] = {}

    def _from_repo(self) -> list[m.Guideline]:
        if self._repo_guidelines is None:
            self._repo_guidelines = []
            if self.repo is not None:
                for path in self.repo.sources():
                    try:
                        source = self.repo.load(path)
                    except LoadError:  # reported when that file is checked
                        continue
                    self._repo_guidelines.append(source.guideline)
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


def builds_on(g: m.Guideline) -> str | None:
    """The version of the Powered guideline a vertical or add-on names:
    ``program.builds_on``, else the file named by a component's source."""
    if isinstance(g.program.builds_on, str):
        return split_id(g.program.builds_on)[1]
    for items in (g.platforms, g.add_ons):
        for p in (items or {}).values():
            for ref in (p.components or []) + \
                    (p.required_platform_components or []) + \
                    (p.optional_platform_components or []):
                if isinstance(ref.source, str) and \
                        ref.source.endswith(".json"):
                    stem = ref.source.rsplit("/", 1)[-1][:-5]
                    version = split_id(stem)[1]
                    if version:
                        return version
    return None
