"""The vendor's verdict on a target, as data every output renders.

:func:`interop.refstack.comply.verdict` builds it; ``comply``'s text and
JSON, ``certify`` and ``comply --format scs`` render it and never judge
again.  Field names are stable: other commands read them.

A required test has one outcome: ``passed``, ``failed`` (with the first
line of its failure: the exception's line), ``skipped`` (with the skip
reason), or ``not run`` (the run never reported it, or the format keeps
passes only, as RefStack's JSON and a plain list do, so a test missing
from it is ``not run``).  Flagged tests are listed apart, with their
flag's reason: RefStack leaves them out of the count.

``standing`` says what the guideline is (its status, its Board date) and
whether a vendor may use it now (:func:`interop.series.usable_now`: the
two most recent Board-approved guidelines of the program).  ``requires``
holds the Powered component an add-on requires
(``required_platform_components``), judged on the same run: the target
passes only when it does too.
"""
from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from interop.model import Guideline
from interop.refstack.outcomes import Outcome

PASSED, FAILED, SKIPPED, NOT_RUN = (Outcome.PASSED, Outcome.FAILED,
                                    Outcome.SKIPPED, Outcome.NOT_RUN)
OUTCOMES = tuple(Outcome)


@dataclasses.dataclass(frozen=True)
class TestOutcome:
    """One required (or flagged) test of a target, and what the run did
    with it."""

    name: str
    id: str | None              # bare lower-case UUID, or None
    capability: str
    outcome: Outcome
    #: failed: the failure's first line; skipped: the reason; flagged:
    #: the flag's reason; else None
    detail: str | None = None
    flagged: bool = False

    @property
    def listed(self) -> str:
        """The test-list form: ``name[id-<uuid>]``, or the bare name."""
        return f"{self.name}[id-{self.id}]" if self.id else self.name

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "id": self.id,
                "capability": self.capability, "outcome": self.outcome,
                "detail": self.detail, "flagged": self.flagged}


@dataclasses.dataclass(frozen=True)
class Standing:
    """What the judged guideline is, and whether a vendor may use it."""

    guideline: str | None       # its id (2020.06, dns.next)
    status: str | None          # draft, review, approved, superseded
    board_date: str | None      # ISO date of the Board's approval
    #: True/False; None when the guideline's series is unknown (a
    #: published file outside a repository)
    usable_now: bool | None
    #: the ids a vendor of the program may use on ``day``, newest first
    usable: tuple[str, ...] = ()
    day: str | None = None      # the "today" judged against (ISO)

    def text(self) -> str:
        """``2020.06: approved, Board date 2020-06-01; a vendor may use
        it now (2026-12-07)``."""
        dated = f", Board date {self.board_date}" if self.board_date \
            else ""
        if self.usable_now is None:
            use = "may be used now: unknown (not in a repository)"
        elif self.usable_now:
            use = f"a vendor may use it now ({self.day})"
        else:
            use = (f"a vendor may NOT use it now ({self.day}); usable: "
                   f"{', '.join(self.usable) or 'none'}")
        return (f"{self.guideline or '?'}: "
                f"{self.status or 'status unknown'}{dated}; {use}")

    def as_dict(self) -> dict[str, Any]:
        return {"guideline": self.guideline, "status": self.status,
                "board_date": self.board_date,
                "usable_now": self.usable_now, "usable": list(self.usable),
                "day": self.day}


@dataclasses.dataclass
class Requirement:
    """A Powered component an add-on requires, judged on the same run."""

    component: str              # os_powered_compute
    target: str                 # compute
    source: str | None          # the Powered guideline's URL
    guideline: str | None       # the Powered guideline judged, if found
    #: the verdict on it, or None when it could not be judged
    verdict: Verdict | None = None
    reason: str | None = None   # why it could not be judged

    @property
    def passed(self) -> bool:
        return self.verdict is not None and self.verdict.passed

    def as_dict(self) -> dict[str, Any]:
        return {"component": self.component, "target": self.target,
                "source": self.source, "guideline": self.guideline,
                "passed": self.passed, "reason": self.reason,
                "verdict": self.verdict.as_dict() if self.verdict else None}


@dataclasses.dataclass
class Verdict:
    """The verdict on one target of a guideline."""

    target: str
    standing: Standing
    #: every required, non-flagged test once, sorted by name
    tests: list[TestOutcome] = dataclasses.field(default_factory=list)
    #: required tests left out as flagged, sorted by name
    flagged: list[TestOutcome] = dataclasses.field(default_factory=list)
    #: RefStack's counts (a test in two capabilities counts in each)
    required: int = 0
    passed_tests: int = 0
    requires: list[Requirement] = dataclasses.field(default_factory=list)
    #: (test, names it passed under) for tests passed under another name
    #: with the same id (not counted unless --match-ids)
    passed_elsewhere: list[tuple[TestOutcome, tuple[str, ...]]] = \
        dataclasses.field(default_factory=list)
    #: whether the run's format records failures and skips at all
    outcomes_known: bool = True

    def of(self, outcome: Outcome) -> list[TestOutcome]:
        return [t for t in self.tests if t.outcome == outcome]

    @property
    def failed(self) -> list[TestOutcome]:
        return self.of(FAILED)

    @property
    def skipped(self) -> list[TestOutcome]:
        return self.of(SKIPPED)

    @property
    def not_run(self) -> list[TestOutcome]:
        return self.of(NOT_RUN)

    @property
    def tests_passed(self) -> bool:
        return all(t.outcome == PASSED for t in self.tests)

    @property
    def passed(self) -> bool:
        """Every required test passed, and every required component."""
        return self.tests_passed and all(r.passed for r in self.requires)

    @property
    def percent(self) -> float | None:
        """Passed required tests in percent, one decimal rounded half up
        as RefStack's page rounds it (None: no required test)."""
        if not self.required:
            return None
        tenths = (2000 * self.passed_tests + self.required) \
            // (2 * self.required)
        return tenths / 10

    @property
    def headline(self) -> str:
        """``dns: FAIL: 3 of 444 required tests passed (0.7%)``."""
        shown = "" if self.percent is None else f" ({self.percent:.1f}%)"
        line = (f"{self.target}: {'PASS' if self.passed else 'FAIL'}: "
                f"{self.passed_tests} of {self.required} required tests "
                f"passed{shown}")
        missing = [r.target for r in self.requires if not r.passed]
        if missing:
            line += f"; requires {', '.join(missing)}, not passed"
        return line

    def as_dict(self) -> dict[str, Any]:
        return {"target": self.target, "passed": self.passed,
                "headline": self.headline,
                "standing": self.standing.as_dict(),
                "required": self.required,
                "passed_tests": self.passed_tests,
                "percent": self.percent,
                "outcomes_known": self.outcomes_known,
                "failed": [t.as_dict() for t in self.failed],
                "skipped": [t.as_dict() for t in self.skipped],
                "not_run": [t.as_dict() for t in self.not_run],
                "flagged": [t.as_dict() for t in self.flagged],
                "requires": [r.as_dict() for r in self.requires],
                "passed_elsewhere": [dict(t.as_dict(), passed_as=list(n))
                                     for t, n in self.passed_elsewhere]}


def standing(g: Guideline, series: Iterable[Guideline],
             day: datetime.date | None = None) -> Standing:
    """The standing of guideline ``g`` (a model guideline) among its
    program's ``series`` on ``day`` (default: :func:`interop.dates.today`),
    by :func:`interop.series.usable_now` and :func:`board_date`."""
    from interop import series as s
    from interop.dates import today

    day = day or today()
    usable = s.usable_now(series, day)
    approved = s.board_date(g)
    return Standing(g.id, g.status,
                    approved.isoformat() if approved else None,
                    any(u is g for u in usable),
                    tuple(u.id for u in usable), day.isoformat())


def published_standing(doc: dict[str, Any],
                       others: Mapping[str, dict[str, Any]],
                       day: datetime.date | None = None) -> Standing:
    """The standing of a published guideline outside a repository, from
    the published files beside it (``others``, by file name): its status
    as it says, a Board date by its name's month (2017A D4), and the two
    most recent approved or superseded ones of its program that a vendor
    may use on ``day``."""
    from interop import series as s
    from interop.dates import today

    day = day or today()

    def facts(d: dict[str, Any]) -> tuple[str | None, str | None]:
        meta = d.get("metadata") if isinstance(d.get("metadata"),
                                               dict) else d
        gid = meta.get("id") if isinstance(meta, dict) else None
        gid = gid if isinstance(gid, str) else d.get("id")
        approval = meta.get("os_trademark_approval") \
            if isinstance(meta, dict) else None
        status = approval.get("status") if isinstance(approval, dict) \
            else d.get("status")
        return (gid if isinstance(gid, str) else None,
                status if isinstance(status, str) else None)

    def dated(gid: str | None) -> datetime.date | None:
        version = s.split_id(gid)[1]
        if not version or not version[:4].isdigit():
            return None
        return datetime.date(int(version[:4]), int(version[5:7]), 1)

    gid, status = facts(doc)
    program = s.split_id(gid)[0]
    found: dict[str, datetime.date] = {}
    for other in [doc, *others.values()]:
        oid, ostatus = facts(other)
        when = dated(oid)
        if oid and s.split_id(oid)[0] == program and when and \
                when <= day and ostatus in ("approved", "superseded"):
            found[oid] = when
    usable = sorted(found, key=lambda i: s.order_key(s.split_id(i)[1]),
                    reverse=True)[:2]
    when = dated(gid) if status in ("approved", "superseded") else None
    if not gid or status is None:  # nothing to judge it by
        return Standing(gid, status, None, None)
    return Standing(gid, status, when.isoformat() if when else None,
                    gid in usable, tuple(usable), day.isoformat())
