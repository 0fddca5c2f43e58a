"""Every program's guidelines, with status, Board date and whether a
vendor may use each now: one listing for ``interop guidelines``, the
docs' index, the Board's packets and certifications.

"May be used now" is :func:`interop.series.usable_now`: the two most
recent Board-approved guidelines of a program whose Board date has
passed, baselines included (a baseline records its Board date,
``baseline.board_date``).  A source and a baseline of the same version:
the source stands.
"""
from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from interop import model as m
from interop.dates import parse_date, today
from interop.repository import Repository
from interop.series import (board_date, is_baseline, order_key, program_of,
                            usable_now, version_of)


@dataclasses.dataclass(frozen=True)
class Listed:
    """One guideline of the listing."""

    id: str
    kind: str                   # powered, add-on, vertical
    program: str
    version: str | None
    status: str | None
    board_date: str | None      # ISO, or None
    #: False when no record gives the day: dated by its name's month
    board_date_exact: bool
    target_approval: str | None
    usable_now: bool
    baseline: bool
    file: str                   # root-relative
    guideline: m.Guideline = dataclasses.field(compare=False, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items()
                if k != "guideline"}


def listing(repo: Repository, day: datetime.date | None = None
            ) -> list[list[Listed]]:
    """The guidelines by program (Powered first, then by kind and name),
    newest first within a program."""
    day = day or today()
    programs: dict[tuple[str, str], dict[str | None, m.Guideline]] = {}
    for g in repo.guidelines(history=True):
        versions = programs.setdefault(program_of(g), {})
        versions.setdefault(version_of(g), g)  # sources come first
    out = []
    for key in sorted(programs, key=lambda k: (k[0] != "powered", k)):
        found = list(programs[key].values())
        usable = usable_now(found, day)
        rows = []
        for g in sorted(found, key=lambda g: order_key(version_of(g)),
                        reverse=True):
            approved = board_date(g)
            approval = g.metadata.approval if g.metadata else None
            rows.append(Listed(
                str(g.id), key[0], key[1], version_of(g), g.status,
                approved.isoformat() if approved else None,
                approved is not None and _recorded(g),
                approval.target_approval if approval else None,
                any(u is g for u in usable), is_baseline(g),
                repo.rel(g.file) if g.file else "", g))
        out.append(rows)
    return out


def _recorded(g: m.Guideline) -> bool:
    """Whether a record gives the Board's day (the chain, or a baseline's
    ``board_date``), rather than the guideline's name."""
    votes = [r for r in (g.metadata.approvals if g.metadata else None)
             or [] if r.by == "board" and parse_date(r.date)]
    record = g.extra.get("baseline") if is_baseline(g) else None
    return bool(votes) or (isinstance(record, dict) and
                           parse_date(record.get("board_date")) is not None)


def text(rows: list[list[Listed]]) -> str:
    """The listing as aligned text, one program after another."""
    lines = []
    for program in rows:
        if not program:
            continue
        lines.append(f"{program[0].kind} {program[0].program}:")
        for r in program:
            day = r.board_date or "-"
            if r.board_date and not r.board_date_exact:
                day = r.board_date[:7] + " (month)"
            lines.append(f"  {r.id:<24} {r.status or '?':<11} "
                         f"board {day:<18}  may be used "
                         f"now: {'yes' if r.usable_now else 'no'}"
                         + ("  (baseline)" if r.baseline else ""))
    return "".join(line + "\n" for line in lines)
