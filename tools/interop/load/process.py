"""The process's own tables: who owns each program, and the cycle's timeline.

Both are data the Working Group keeps beside the criteria (the Working
Group, with the Board's approval, is responsible for "criteria, schemas,
general process, cadences"): ``criteria/process/programs.yaml`` names each
program's owner and the Gerrit group that stands for each approver;
``criteria/process/schedule.yaml`` holds the milestones of the process
(2017A's "Expected Time line") as months around the summit.  Code reads
them; it does not know them.

"Today" is :func:`interop.dates.today` (re-exported here).
"""
from __future__ import annotations

import dataclasses
import datetime
import os
import re
from typing import Any, Literal, overload

from interop.dates import parse_date, today  # noqa: F401 (re-exported)
from interop.errors import LoadError
from interop.model import GUIDELINE_STATUSES
from interop.load.source import load_yaml_file, loc_of

PROGRAMS = os.path.join("criteria", "process", "programs.yaml")
SCHEDULE = os.path.join("criteria", "process", "schedule.yaml")
_LABEL = re.compile(r"^S([+-]\d+)?\Z")


def month_index(version: str) -> int:
    """``YYYY.MM`` as a count of months (for month arithmetic)."""
    return int(version[:4]) * 12 + int(version[5:7]) - 1


def month_name(index: int) -> str:
    return f"{index // 12:04d}.{index % 12 + 1:02d}"


def month_of(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


# -- ownership ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Approver:
    """Someone whose approval a change needs."""

    role: str                 # project-team, working-group, board
    name: str                 # as people say it
    gerrit_group: str | None  # the group that votes for it in Gerrit
    team: str | None = None   # a project team's name (designate)

    def shown(self) -> str:
        group = f" (Gerrit group {self.gerrit_group})" \
            if self.gerrit_group else ""
        return self.name + group


@dataclasses.dataclass(frozen=True)
class Ownership:
    approvers: dict[str, Approver]     # working-group, board
    #: program -> its owner (the Working Group, or a project team)
    owners: dict[str, Approver]
    #: program -> the criteria set it scores with (``criteria:``)
    criteria: dict[str, str] = dataclasses.field(default_factory=dict)

    def owner(self, program: str) -> Approver | None:
        return self.owners.get(program)

    def team_of(self, program: str) -> str | None:
        owner = self.owners.get(program)
        return owner.team if owner is not None else None


def _bad(path: str, tree: Any, key: Any, message: str) -> LoadError:
    loc = loc_of(tree, key) if key is not None else None
    line, col = (loc.line, loc.col) if loc and loc.line else (1, 1)
    return LoadError(path, line, col, "E170", message)


def _mapping(path: str, tree: Any, key: str) -> dict[str, Any]:
    value = tree.get(key) if isinstance(tree, dict) else None
    if not isinstance(value, dict):
        raise _bad(path, tree, key if isinstance(tree, dict) and key in tree
                   else None, f"'{key}' must be a mapping")
    return value


@overload
def _text(path: str, tree: dict[str, Any], key: str,
          required: Literal[True] = ...) -> str: ...
@overload
def _text(path: str, tree: dict[str, Any], key: str, required: bool
          ) -> str | None: ...
def _text(path: str, tree: dict[str, Any], key: str, required: bool = True
          ) -> str | None:
    value = tree.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _bad(path, tree, key if key in tree else None,
                   f"'{key}' must be text")
    return value


def load_ownership(root: str) -> Ownership:
    """``criteria/process/programs.yaml`` of the repository at ``root``;
    an absent file owns nothing (every program falls to the Working
    Group, see :func:`owner_or_group`)."""
    path = os.path.join(root, PROGRAMS)
    if not os.path.exists(path):
        return Ownership({}, {})
    tree = load_yaml_file(path)
    approvers: dict[str, Approver] = {}
    for role, body in _mapping(path, tree, "approvers").items():
        if role not in ("working-group", "board") or not isinstance(
                body, dict):
            raise _bad(path, tree["approvers"], role, f"approver {role!r}: "
                       "working-group or board, each a mapping")
        approvers[role] = Approver(role, _text(path, body, "name"),
                                   _text(path, body, "gerrit_group", False))
    owners: dict[str, Approver] = {}
    sets: dict[str, str] = {}
    for program, body in _mapping(path, tree, "programs").items():
        owner = body.get("owner") if isinstance(body, dict) else None
        if isinstance(body, dict) and "criteria" in body:
            sets[program] = _text(path, body, "criteria")
        if owner == "project-team":
            team = _text(path, body, "team")
            owners[program] = Approver(
                "project-team", f"the {team} project team",
                _text(path, body, "gerrit_group", False), team)
        elif owner in approvers:
            owners[program] = approvers[owner]
        else:
            raise _bad(path, tree["programs"], program,
                       f"program {program!r}: owner must be project-team "
                       f"(with its team) or one of {sorted(approvers)}")
    return Ownership(approvers, owners, sets)


def owner_or_group(own: Ownership, program: str) -> Approver:
    """The program's owner; an unlisted program is the Working Group's."""
    return own.owner(program) or working_group(own)


def working_group(own: Ownership) -> Approver:
    return own.approvers.get("working-group") or Approver(
        "working-group", "Interop Working Group", None)


def board(own: Ownership) -> Approver:
    return own.approvers.get("board") or Approver(
        "board", "Board of Directors", None)


# -- the timeline ------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Milestone:
    name: str            # S-3 ... S+3
    offset: int          # months after the summit
    activity: str
    lead: str
    #: the guideline status the process expects from this milestone on
    status: str | None = None


@dataclasses.dataclass(frozen=True)
class Schedule:
    process: str
    #: the milestone at which the Board approves (target_approval's month)
    board: str
    milestones: tuple[Milestone, ...]

    def dated(self, target: str) -> list[tuple[str, Milestone]]:
        """(month YYYY.MM, milestone) for a Board meeting in ``target``."""
        anchor = next(m.offset for m in self.milestones
                      if m.name == self.board)
        base = month_index(target) - anchor
        return [(month_name(base + m.offset), m) for m in self.milestones]

    def expected_status(self, target: str, day: datetime.date
                        ) -> tuple[str, str] | None:
        """(status, milestone) the process expects on ``day`` of a draft
        for ``target``: that of the latest milestone reached that names
        one, or None before the first."""
        found = None
        for month, m in self.dated(target):
            if m.status and month_index(month) <= month_of(day):
                found = (m.status, m.name)
        return found

    def behind(self, status: str, target: str, day: datetime.date
               ) -> tuple[str, str] | None:
        """("target", why) when a draft's target approval has passed,
        ("status", why) when it is behind the status expected on ``day``,
        else None.  (A draft is still in review in the Board's month.)"""
        if month_index(target) < month_of(day):
            return "target", f"target approval {target} has passed"
        expected = self.expected_status(target, day)
        order = GUIDELINE_STATUSES
        if expected and status in order and \
                order.index(status) < order.index(expected[0]):
            return "status", (f"still {status} at {expected[1]} of the "
                              f"schedule for {target}: the process expects "
                              f"{expected[0]} by now")
        return None


def load_schedule(root: str) -> Schedule | None:
    """``criteria/process/schedule.yaml``, or None when there is none."""
    path = os.path.join(root, SCHEDULE)
    if not os.path.exists(path):
        return None
    tree = load_yaml_file(path)
    if not isinstance(tree, dict):
        raise _bad(path, None, None, "the schedule must be a mapping")
    items = tree.get("milestones")
    if not isinstance(items, list) or not items:
        raise _bad(path, tree, "milestones" if "milestones" in tree
                   else None, "'milestones' must be a list")
    out = []
    for index, body in enumerate(items):
        if not isinstance(body, dict):
            raise _bad(path, items, index, "a milestone is a mapping")
        name = _text(path, body, "name")
        found = _LABEL.match(name)
        if not found:
            raise _bad(path, body, "name", f"milestone {name!r}: S, S-N "
                       "or S+N (months around the summit)")
        status = _text(path, body, "status", False)
        if status is not None and status not in GUIDELINE_STATUSES:
            raise _bad(path, body, "status", f"status {status!r} is not a "
                       "guideline status")
        out.append(Milestone(name, int(found[1] or 0),
                             _text(path, body, "activity"),
                             _text(path, body, "lead"), status))
    board_at = _text(path, tree, "board")
    if board_at not in {m.name for m in out}:
        raise _bad(path, tree, "board", f"board {board_at!r} names no "
                   "milestone")
    return Schedule(_text(path, tree, "process"), board_at, tuple(out))


#: the table of releases, beside the criteria sets but not one of them
RELEASES = os.path.join("criteria", "releases.yaml")


@dataclasses.dataclass(frozen=True)
class Release:
    """One OpenStack release: its name, other names, and release day."""

    name: str
    date: str                     # YYYY-MM-DD
    also: tuple[str, ...] = ()


def load_releases(path: str) -> list[Release]:
    """The table of releases, oldest first; rows that are not a name and
    a date are left out (yamllint and review see the file)."""
    tree = load_yaml_file(path)
    rows = tree.get("releases") if isinstance(tree, dict) else None
    out = []
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict):
            continue
        name, date, also = row.get("name"), row.get("date"), row.get("also")
        if isinstance(name, str) and isinstance(date, str):
            out.append(Release(name, date, tuple(
                a for a in (also if isinstance(also, list) else [])
                if isinstance(a, str))))
    return sorted(out, key=lambda r: r.date)
