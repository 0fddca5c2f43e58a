"""The one model: a guideline of any program, as every feature reads it.

The reader (YAML sources, published 2.0 JSON) and the importer (1.x JSON)
produce it; the compiler, checks, renderers and diffs read it.  Fields hold
what was written: ``None`` means absent, which the published form keeps
distinct from empty.  Keys the model does not know are kept in ``extra`` in
their original order, so nothing is lost and the checker can report them.
"""
from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterator
from typing import Any, Literal, TypeAlias

from interop.errors import DocPath, Location

#: capability and designated-section statuses, in lifecycle order
STATUSES = ("required", "advisory", "deprecated", "removed")
#: designated sections may also be informational
SECTION_STATUSES = STATUSES + ("informational",)
#: guideline statuses of the source format (the published 2.0 schema also
#: allows "advisory", which the importer keeps as written)
class GuidelineStatus(enum.StrEnum):
    """Where a guideline is in its life.  The model keeps a status as
    written (the checker reports one that is none of these); compare it
    with these members, which equal their text."""

    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    SUPERSEDED = "superseded"


GUIDELINE_STATUSES = tuple(s.value for s in GuidelineStatus)
#: a program's kind
ProgramKind = Literal["powered", "add-on", "vertical"]
KINDS: tuple[ProgramKind, ...] = ("powered", "add-on", "vertical")
#: the key under which ``extra`` keeps a value that is not a mapping where
#: one belongs (kept whole, compiled back as written).  Keys read from YAML
#: or JSON are always text, so None never collides with a real key.
RAW = None
#: a value kept as the file wrote it: JSON (text, a number, a boolean,
#: null, a list or a mapping) of whatever type the file gave, since the
#: reader never refuses a wrong shape (the structure rules report it).
#: Check its type before use.  It stands for ``str | int | float | bool |
#: list[Any] | dict[str, Any] | None``, and is spelt ``Any`` until every
#: reader of the model checks the type first (with the union, the type
#: checker finds the places in the stages that do not yet).
Written: TypeAlias = Any
FLAG_CODES = ("D400", "D401", "D402", "D403", "D404", "D405", "D406")


@dataclasses.dataclass
class Node:
    """Where a model object came from, and what it carried unknown to us."""

    path: DocPath = ()
    loc: Location = Location()
    locs: dict[str, Location] = dataclasses.field(default_factory=dict)
    extra: dict[str | None, Written] = dataclasses.field(
        default_factory=dict)

    def loc_of(self, key: str) -> Location:
        """Location of one of this object's keys (or of the object)."""
        return self.locs.get(key, self.loc)


@dataclasses.dataclass
class Flag(Node):
    reason: Written = None
    action: Written = None
    date: Written = None


@dataclasses.dataclass
class Test(Node):
    name: str = ""
    idempotent_id: Written = None
    aliases: Written = None
    flagged: Flag | None = None
    short: bool = False  # written as ``name: id`` in the source


@dataclasses.dataclass
class Capability(Node):
    name: str = ""
    achievements: Written = None
    admin: Written = None
    description: Written = None
    project: Written = None
    required_since: Written = None
    tests: dict[str, Test] | None = None
    #: source only: why this guideline changes the capability (new,
    #: promoted, deprecated, removed, tests added); never published
    why: Written = None
    #: source only: what kind of capability (None: ``api``, an API call;
    #: ``template-resource``: Heat template resource types)
    kind: Written = None
    #: source only: the resource types a template-resource capability
    #: names (OS::Nova::Server, ...)
    resource_types: Written = None

    def iter_tests(self) -> Iterator[Test]:
        return iter((self.tests or {}).values())


@dataclasses.dataclass
class ComponentRef(Node):
    name: Written = None
    source: Written = None
    short: bool = False  # written as a bare name in the source


@dataclasses.dataclass
class Platform(Node):
    """A platform of Powered or a vertical, or an add-on's definition."""

    name: str = ""
    description: Written = None
    components: list[ComponentRef] | None = None
    required_platform_components: list[ComponentRef] | None = None
    optional_platform_components: list[ComponentRef] | None = None


@dataclasses.dataclass
class Component(Node):
    name: str = ""
    #: status -> capability names, only the statuses written
    capabilities: dict[str, list[Written]] | None = None
    #: status -> project names whose designated sections apply
    designated_sections: dict[str, list[Written]] | None = None


@dataclasses.dataclass
class Section(Node):
    name: str = ""
    description: Written = None
    designated: Written = None
    comment: Written = None


@dataclasses.dataclass
class DesignatedSections(Node):
    """The designated sections of one project at one status."""

    project: str = ""
    status: str = ""
    guidance: Written = None
    comment: Written = None
    sections: dict[str, Section] | None = None


@dataclasses.dataclass
class TestRepository(Node):
    name: str = ""
    repository: Written = None
    reference: Written = None
    description: Written = None
    #: source only: ``tempest-plugin`` (None, the default) or ``xtesting``
    kind: Written = None
    #: source only: for xtesting, the testcases.yaml the repository holds
    #: (a path relative to the repository's root)
    testcases: Written = None


@dataclasses.dataclass
class Criterion(Node):
    key: str = ""
    name: Written = None
    description: Written = None
    weight: Written = None


@dataclasses.dataclass
class Scoring(Node):
    #: the criteria set named in the source (criteria/<set>.yaml)
    criteria_set: str | None = None
    cutoff_score: Written = None
    criteria: dict[str, Criterion] | None = None


@dataclasses.dataclass
class Approval(Node):
    """``os_trademark_approval``: where the guideline is in its approval."""

    target_approval: Written = None
    replaces: Written = None
    releases: Written = None
    status: Written = None


#: who takes part in the approval chain, in the order they decide
APPROVERS = ("project-team", "working-group", "board")


@dataclasses.dataclass
class ApprovalRecord(Node):
    """One decision of the approval chain (``metadata.approvals``, source
    only): a project team's proposal, the Working Group's approval, the
    Board's vote."""

    by: Written = None
    #: the project team, for ``by: project-team``
    team: Written = None
    date: Written = None
    reference: Written = None
    note: Written = None


@dataclasses.dataclass
class Metadata(Node):
    id: Written = None
    schema: Written = None
    reference: Written = None
    source: Written = None
    scoring: Scoring | None = None
    approval: Approval | None = None
    #: the approval chain as recorded (source only, never published)
    approvals: list[ApprovalRecord] | None = None

    def approvals_by(self, by: str) -> list[ApprovalRecord]:
        """The records of one approver, in the order written."""
        return [r for r in self.approvals or [] if r.by == by]


@dataclasses.dataclass
class Program(Node):
    """Which program a guideline belongs to (source only, not published)."""

    kind: ProgramKind = "powered"
    name: str = "powered"
    #: the Powered guideline a vertical or add-on builds on
    builds_on: Written = None
    #: who proposes the guideline (a project team, the Working Group)
    proposed_by: Written = None


@dataclasses.dataclass
class Guideline(Node):
    file: str = ""
    program: Program = dataclasses.field(default_factory=Program)
    #: whether the compiler fills facts the source leaves out
    derive: bool = True
    #: provenance of an imported guideline and the 1.x facts 2.0 cannot hold
    imported: Written = None
    metadata: Metadata | None = None
    platforms: dict[str, Platform] | None = None
    add_ons: dict[str, Platform] | None = None
    components: dict[str, Component] | None = None
    capabilities: dict[str, Capability] | None = None
    #: project -> status -> sections (a project's value that is not a
    #: mapping is kept whole under the RAW status)
    designated_sections: (
        dict[str, dict[str | None, DesignatedSections]] | None) = None
    test_repositories: dict[str, TestRepository] | None = None
    #: capability_statuses() worked out once, with the components it
    #: read (no part of what the guideline says: not compared, not shown)
    _statuses: tuple[object, dict[str, list[tuple[str, str]]]] | None = (
        dataclasses.field(default=None, init=False, repr=False,
                          compare=False))

    @property
    def id(self) -> Written:
        return self.metadata.id if self.metadata else None

    @property
    def status(self) -> Written:
        meta = self.metadata
        return meta.approval.status if meta and meta.approval else None

    def iter_capabilities(self) -> Iterator[Capability]:
        return iter((self.capabilities or {}).values())

    def iter_component_refs(self) -> Iterator[ComponentRef]:
        """Every component reference of the platforms and add-ons."""
        for items in (self.platforms, self.add_ons):
            for p in (items or {}).values():
                yield from (p.components or [])
                yield from (p.required_platform_components or [])
                yield from (p.optional_platform_components or [])

    def iter_sections(self) -> Iterator[DesignatedSections]:
        for by_status in (self.designated_sections or {}).values():
            yield from (d for s, d in by_status.items() if s is not RAW)

    def capability_statuses(self) -> dict[str, list[tuple[str, str]]]:
        """Capability name -> [(component, status)] where it is listed.

        Worked out once: the model is read, not changed, after the reader
        builds it (the result is shared; do not change it either).
        """
        cached = self._statuses
        if cached is not None and cached[0] is self.components:
            return cached[1]
        out: dict[str, list[tuple[str, str]]] = {}
        for comp in (self.components or {}).values():
            for status, names in (comp.capabilities or {}).items():
                for name in names:
                    if isinstance(name, str):
                        out.setdefault(name, []).append((comp.name, status))
        self._statuses = (self.components, out)
        return out

    def status_of(self, capability: str) -> str | None:
        """The capability's status (the first listing wins)."""
        listed = self.capability_statuses().get(capability)
        return listed[0][1] if listed else None


_UUID = re.compile(r"^(?:id-)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\Z")


def normal_id(value: object) -> str | None:
    """The bare, lower-case UUID of an id written either way, or None."""
    found = _UUID.match(value) if isinstance(value, str) else None
    return found[1].lower() if found else None
