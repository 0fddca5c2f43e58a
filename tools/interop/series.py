"""A program's guidelines in order, and what follows from the order.

Guidelines are named ``YYYY.MM`` (approved) or ``next`` (the draft), with
the program as prefix outside Powered (``dns.2019.06``).  A series is the
program's guidelines sorted by that name; ``next`` comes last.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable

from interop import model as m

_VERSION = re.compile(r"^(?:(?P<program>[a-z][a-z0-9_-]*)\.)?"
                      r"(?P<version>\d{4}\.\d{2}|next)$")


_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


#: folder names a program cannot take: ``add-ons/guidelines/`` holds the
#: add-ons' published files (see :mod:`interop.repository`)
RESERVED = frozenset({"guidelines"})


def safe_name(name: object) -> bool:
    """Whether a program name can name files and folders (no ``..``,
    no ``/``, not a folder the layout reserves): a guideline's text never
    chooses a path outside the repository."""
    return isinstance(name, str) and bool(_NAME.match(name)) and \
        name not in RESERVED


def split_id(gid: object) -> tuple[str | None, str | None]:
    """(program prefix, version) of a guideline id, or (None, None)."""
    if not isinstance(gid, str):
        return None, None
    found = _VERSION.match(gid)
    if not found:
        return None, None
    return found["program"], found["version"]


def version_of(g: m.Guideline) -> str | None:
    """The guideline's version (``2019.06``, ``next``): from its file name,
    which is how consumers find it, else from its id (a hand copy often
    leaves the id stale, and M001 reports that)."""
    if g.file:
        stem = os.path.basename(g.file).rsplit(".", 1)[0]
        version = split_id(stem)[1]
        if version is not None:
            return version
    return split_id(g.id)[1]


def order_key(version: str | None) -> tuple[int, str]:
    if version == "next":
        return (2, "")
    return (1, version) if version else (0, "")


def program_of(g: m.Guideline) -> tuple[str, str]:
    return g.program.kind, g.program.name


def expected_id(g: m.Guideline, version: str) -> str:
    """The id a guideline of this program and version should carry."""
    if g.program.kind == "powered":
        return version
    return f"{g.program.name}.{version}"


class Series:
    """One program's guidelines, oldest first."""

    def __init__(self, guidelines: Iterable[m.Guideline]) -> None:
        unique: dict[str, m.Guideline] = {}
        for g in guidelines:
            unique.setdefault(version_of(g) or g.file, g)
        self.items = sorted(unique.values(),
                            key=lambda g: order_key(version_of(g)))
        self._statuses: dict[int, dict[str, str]] = {}

    def status(self, g: m.Guideline, capability: str) -> str | None:
        """The capability's status in ``g`` (looked up once per guideline)."""
        if id(g) not in self._statuses:
            self._statuses[id(g)] = {
                name: listed[0][1]
                for name, listed in g.capability_statuses().items()}
        return self._statuses[id(g)].get(capability)

    def __iter__(self):
        return iter(self.items)

    def by_version(self, version: str) -> m.Guideline | None:
        for g in self.items:
            if version_of(g) == version:
                return g
        return None

    def previous(self, g: m.Guideline) -> m.Guideline | None:
        """The guideline ``g`` replaces, or else the one before it."""
        replaces = g.metadata.approval.replaces if g.metadata and \
            g.metadata.approval else None
        found = self.by_version(split_id(replaces)[1] or "") \
            if replaces else None
        if found is not None and found is not g:
            return found
        mine = order_key(version_of(g))
        earlier = [x for x in self.items
                   if order_key(version_of(x)) < mine]
        return earlier[-1] if earlier else None

    def approved_before(self, g: m.Guideline) -> list[m.Guideline]:
        mine = order_key(version_of(g))
        return [x for x in self.items if order_key(version_of(x)) < mine
                and x.status in ("approved", "superseded")]

    def required_since(self, g: m.Guideline, capability: str
                       ) -> tuple[str | None, bool]:
        """Version from which the capability has been required without a
        break, up to ``g``; and whether that is certain (False when it is
        already required in the oldest guideline known)."""
        since = None
        mine = order_key(version_of(g))
        chain = [x for x in self.items if order_key(version_of(x)) < mine]
        chain.append(g)
        for x in reversed(chain):
            if self.status(x, capability) != "required":
                break
            since = version_of(x)
        certain = bool(chain) and since != version_of(chain[0])
        if since == "next":  # required from the draft on: its approval
            target = g.metadata.approval.target_approval if g.metadata \
                and g.metadata.approval else None
            since = split_id(target)[1] if isinstance(target, str) else None
        return since, certain
