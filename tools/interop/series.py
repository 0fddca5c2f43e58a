"""A program's guidelines in order, and what follows from the order.

Guidelines are named ``YYYY.MM`` (approved) or ``next`` (the draft), with
the program as prefix outside Powered (``dns.2019.06``).  A series is the
program's guidelines sorted by that name; ``next`` comes last.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from interop import model as m
from interop.dates import parse_date, today

_VERSION = re.compile(r"^(?:(?P<program>[a-z][a-z0-9_-]*)\.)?"
                      r"(?P<version>\d{4}\.\d{2}|next)\Z")


_NAME = re.compile(r"^[a-z][a-z0-9_-]*\Z")

#: the folder, beside a program's sources, of the facts-only baselines of
#: approved guidelines this repository did not author
BASELINE_FOLDER = "baseline"


def is_baseline(g: m.Guideline) -> bool:
    """Whether ``g`` was read from a baseline (``guidelines/baseline/``,
    ``add-ons/<name>/baseline/``): history, never compiled or checked."""
    return os.path.basename(os.path.dirname(g.file)) == BASELINE_FOLDER


def original_url(g: m.Guideline) -> str | None:
    """Where a baseline's published original lives."""
    record = g.extra.get("baseline") if is_baseline(g) else None
    url = record.get("url") if isinstance(record, dict) else None
    return url if isinstance(url, str) else None


def board_date(g: m.Guideline) -> datetime.date | None:
    """The day the Board approved ``g``, or None.

    The Board's record (``metadata.approvals``, the latest board entry) is
    the date; a baseline records the Board date of the guideline it
    stands for (``baseline.board_date``, written by ``interop import
    --baseline --board-date``); an imported guideline whose history
    recorded none, and a baseline that records no day, are dated by their
    name (the month of the vote, 2017A D4).
    """
    votes = [parse_date(r.date) for r in (
        g.metadata.approvals if g.metadata else None) or []
        if r.by == "board"]
    days = [v for v in votes if v is not None]
    record = g.extra.get("baseline") if is_baseline(g) else None
    if not days and isinstance(record, dict):
        day = parse_date(record.get("board_date"))
        if day is not None:
            days.append(day)
    version = version_of(g)
    # an imported guideline or a baseline with no recorded day: dated by
    # its name, the month of the Board's vote (2017A D4)
    if not days and (g.imported is not None or is_baseline(g)) and \
            version and \
            version[:4].isdigit():
        days = [datetime.date(int(version[:4]), int(version[5:7]), 1)]
    return max(days) if days else None


def usable_now(guidelines: Iterable[m.Guideline],
               day: datetime.date | None = None) -> list[m.Guideline]:
    """The guidelines of one program a vendor may use on ``day`` (default
    :func:`interop.dates.today`): the two most recent approved (or
    superseded) ones whose Board date has passed, newest first."""
    day = day or today()
    dated: list[m.Guideline] = []
    for g in guidelines:
        if g.status not in ("approved", "superseded"):
            continue
        approved = board_date(g)
        if approved is not None and approved <= day:
            dated.append(g)
    dated.sort(key=lambda g: order_key(version_of(g)), reverse=True)
    return dated[:2]


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


def program_title(g: m.Guideline, start: bool = False) -> str:
    """The program as a sentence names it: "OpenStack Powered", "the dns
    add-on" ("The dns add-on" at the ``start`` of one).  One place for the
    release's commit message and the released and draft headers."""
    if g.program.kind == "powered":
        return "OpenStack Powered"
    return f"{'The' if start else 'the'} {g.program.name} {g.program.kind}"


class Series:
    """One program's guidelines, oldest first.

    What follows from the order is worked out once per series and kept:
    compiling or checking every guideline of a long series asks for the
    same versions and runs again and again, and must stay linear in it.
    """

    def __init__(self, guidelines: Iterable[m.Guideline]) -> None:
        unique: dict[str, m.Guideline] = {}
        for g in guidelines:
            unique.setdefault(version_of(g) or g.file, g)
        keyed = sorted(((order_key(version_of(g)), g)
                        for g in unique.values()), key=lambda kg: kg[0])
        self.items = [g for _, g in keyed]
        self._keys = [k for k, _ in keyed]
        self._versions = [version_of(g) for g in self.items]
        self._statuses: dict[int, dict[str, str]] = {}
        self._required: Runs | None = None
        self._outlines: dict[int, tuple[m.Guideline, Outline]] = {}

    def status(self, g: m.Guideline, capability: str) -> str | None:
        """The capability's status in ``g`` (looked up once per guideline)."""
        return self._status_map(g).get(capability)

    def _status_map(self, g: m.Guideline) -> dict[str, str]:
        if id(g) not in self._statuses:
            self._statuses[id(g)] = {
                name: listed[0][1]
                for name, listed in g.capability_statuses().items()}
        return self._statuses[id(g)]

    def __iter__(self) -> Iterator[m.Guideline]:
        return iter(self.items)

    def by_version(self, version: str) -> m.Guideline | None:
        for g, v in zip(self.items, self._versions, strict=True):
            if v == version:
                return g
        return None

    def _before(self, g: m.Guideline) -> int:
        """How many of the items come before ``g`` in the order."""
        return bisect.bisect_left(self._keys, order_key(version_of(g)))

    def previous(self, g: m.Guideline) -> m.Guideline | None:
        """The guideline ``g`` replaces, or else the one before it."""
        replaces = g.metadata.approval.replaces if g.metadata and \
            g.metadata.approval else None
        found = self.by_version(split_id(replaces)[1] or "") \
            if replaces else None
        if found is not None and found is not g:
            return found
        earlier = self._before(g)
        return self.items[earlier - 1] if earlier else None

    def approved_before(self, g: m.Guideline) -> list[m.Guideline]:
        return [x for x in self.items[:self._before(g)]
                if x.status in ("approved", "superseded")]

    def required_since(self, g: m.Guideline, capability: str
                       ) -> tuple[str | None, bool]:
        """Version from which the capability has been required without a
        break, up to ``g``; and whether that is certain (False when it is
        already required in the oldest guideline known).  Worked out by
        :class:`Runs` from the items' outlines, as the compiler's."""
        if self._required is None:
            self._required = Runs(outline_of(x) for x in self.items)
        return self._required.required_since(self._outline(g), capability)

    def _outline(self, g: m.Guideline) -> Outline:
        found = self._outlines.get(id(g))
        if found is None or found[0] is not g:
            found = self._outlines[id(g)] = (g, outline_of(g))
        return found[1]


@dataclasses.dataclass(frozen=True)
class Outline:
    """What the required runs of a series read of one guideline: a few
    values that a whole source's model is large to hold, so that a long
    series can be outlined once and kept (:mod:`interop.repository` keeps
    them in the user's cache, by the source's content)."""

    #: the guideline's version (None when neither name nor id gives it)
    version: str | None
    #: what makes it one of a series: the version, else its file
    key: str
    program: tuple[str, str]
    #: capability -> its status (the first listing wins)
    statuses: dict[str, str]
    #: capability -> the required_since the source records (non-empty)
    written: dict[str, str]
    #: the version its approval targets (what "required from the draft
    #: on" means)
    target: str | None

    def as_list(self) -> list[Any]:
        """The outline as JSON values (its file's place left out)."""
        return [self.version, list(self.program), self.statuses,
                self.written, self.target]

    @classmethod
    def from_list(cls, row: list[Any], file: str) -> Outline:
        version, program, statuses, written, target = row
        return cls(version, version or file, (program[0], program[1]),
                   dict(statuses), dict(written), target)


def outline_of(g: m.Guideline) -> Outline:
    """The outline of a guideline read in full."""
    version = version_of(g)
    target = g.metadata.approval.target_approval if g.metadata and \
        g.metadata.approval else None
    written = {}
    for name, cap in (g.capabilities or {}).items():
        since = cap.required_since if cap is not None else None
        if isinstance(since, str) and since:
            written[name] = since
    return Outline(
        version, version or g.file, program_of(g),
        {name: listed[0][1]
         for name, listed in g.capability_statuses().items()},
        written, split_id(target)[1] if isinstance(target, str) else None)


class Runs:
    """The unbroken runs in which a program has required each capability,
    from its guidelines' outlines, oldest first (as :class:`Series` orders
    and dedupes them): each run worked out once from the one before, so
    a long series stays linear."""

    def __init__(self, outlines: Iterable[Outline]) -> None:
        unique: dict[str, Outline] = {}
        for o in outlines:
            unique.setdefault(o.key, o)
        keyed = sorted(((order_key(o.version), o) for o in unique.values()),
                       key=lambda ko: ko[0])
        self.items = [o for _, o in keyed]
        self._keys = [k for k, _ in keyed]
        #: _runs[i]: capability -> the version from which it has been
        #: required without a break, up to items[i - 1]
        self._runs: list[dict[str, str | None]] = [{}]

    def _run_upto(self, count: int) -> dict[str, str | None]:
        while len(self._runs) <= count:
            i = len(self._runs) - 1
            last, item = self._runs[i], self.items[i]
            self._runs.append({
                name: last[name] if name in last else item.version
                for name, status in item.statuses.items()
                if status == "required"})
        return self._runs[count]

    def required_since(self, o: Outline, capability: str
                       ) -> tuple[str | None, bool]:
        """As :meth:`Series.required_since`, for the guideline outlined by
        ``o``."""
        earlier = bisect.bisect_left(self._keys, order_key(o.version))
        since = None
        if o.statuses.get(capability) == "required":
            runs = self._run_upto(earlier)
            since = runs[capability] if capability in runs else o.version
        first = self.items[0] if earlier else o
        certain = since != first.version
        written = first.written.get(capability)
        if not certain and earlier and written and \
                written < (since or "9"):
            # the run reaches back past the oldest guideline known (a
            # baseline, say), which records when it began
            since, certain = written, True
        if since == "next":  # required from the draft on: its approval
            since = o.target
        return since, certain
