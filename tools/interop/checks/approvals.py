"""B: the approval chain (``metadata.approvals``) and the cycle's timeline.

A project team proposes an add-on's guideline, the Working Group approves
it and sends it to the Board, and the Board approves it by vote; only then
is it named for its month (2017A D4, ExtensionPrograms 3c).  These rules
read the chain as the source records it.  They judge sources the
repository authors: a published file has no place for the chain, and an
imported source comes from a history that never recorded it.

"Today" (for dates in the future, and the schedule) is
:func:`interop.load.process.today`, which ``INTEROP_TODAY`` freezes.

The chain's rules against the cycle (the schedule, who proposes, what
comes first: B009-B012) are :mod:`interop.checks.cycle`'s; ``interop
release`` runs all twelve on its trial.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.dates import parse_date, today
from interop.series import version_of

_APPROVALS = ("metadata", "approvals")
#: where a guideline's status stands, for findings about it
STATUS_PATH = ("metadata", "os_trademark_approval", "status")
#: how far each status is along the chain
_ORDER = {"draft": 0, "review": 1, "approved": 2, "superseded": 3}


def judged(doc: Document) -> bool:
    """Whether the B rules judge this guideline: a source the repository
    authors (not a published file, not an import)."""
    g = doc.guideline
    return not doc.published and g.imported is None and \
        g.metadata is not None


def approval_records(doc: Document) -> list[m.ApprovalRecord]:
    """The approval records that are mappings, as the source lists them."""
    meta = doc.guideline.metadata
    return [r for r in (meta.approvals or []) if m.RAW not in r.extra] \
        if meta else []


def record_key(record: m.ApprovalRecord, key: str) -> tuple[Any, ...]:
    """The path of one key of an approval record."""
    return tuple(record.path) + (key,)


def _beyond(doc: Document, status: str) -> bool:
    found = doc.guideline.status  # any shape an editor typed (S002 says)
    return isinstance(found, str) and _ORDER.get(found, -1) >= _ORDER[status]


@rule("B001", "error", "board-approval-missing")
def board_approval_missing(doc: Document) -> Iterator[Problem]:
    """An approved or superseded guideline records no Board approval
    (``by: board`` in ``metadata.approvals``): only the Board's vote makes
    a guideline approved.

    Fails::

        # over: PREVIOUS
        metadata:
          approvals: []

    Passes::

        # over: PREVIOUS
        metadata:
          id: "2026.06"
    """
    if judged(doc) and _beyond(doc, "approved") and not any(
            r.by == "board" for r in approval_records(doc)):
        yield Problem(f"{doc.guideline.id} is {doc.guideline.status} but "
                      "records no Board approval (metadata.approvals, by: "
                      "board)", STATUS_PATH, key=False)


@rule("B002", "error", "board-approval-outside-month")
def board_approval_outside_month(doc: Document) -> Iterator[Problem]:
    """The Board's approval is not dated in the month the guideline is
    named for: a guideline is named for the month of the Board's vote
    (2017A D4).

    Fails::

        # over: PREVIOUS
        metadata:
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}
            - {by: board, date: "2026-07-01", reference: minutes}

    Passes::

        # over: PREVIOUS
        metadata:
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}
            - {by: board, date: "2026-06-10", reference: minutes}
    """
    version = version_of(doc.guideline)
    if not judged(doc) or version is None or version == "next":
        return
    # the process tables' module, only where there are records to judge
    from interop.load.process import month_index, month_of
    for r in approval_records(doc):
        day = parse_date(r.date)
        if r.by == "board" and day is not None and \
                month_of(day) != month_index(version):
            yield Problem(f"the Board's approval is dated {r.date}, not in "
                          f"{version}, the month {doc.guideline.id} is "
                          "named for", record_key(r, "date"), key=False)


@rule("B003", "error", "approval-in-future")
def approval_in_future(doc: Document) -> Iterator[Problem]:
    """A decision of the approval chain is dated after today.

    Fails::

        metadata:
          approvals:
            - {by: working-group, date: "2099-01-01", reference: minutes}

    Passes::

        metadata:
          approvals:
            - {by: working-group, date: "2026-01-01", reference: minutes}
    """
    if not judged(doc):
        return
    now = today()
    for r in approval_records(doc):
        day = parse_date(r.date)
        if day is not None and day > now:
            yield Problem(f"{r.by} approval dated {r.date}, after today "
                          f"({now.isoformat()})", record_key(r, "date"),
                          key=False)


@rule("B004", "error", "project-team-proposal-missing")
def project_team_proposal_missing(doc: Document) -> Iterator[Problem]:
    """An add-on guideline beyond draft records no proposal by its project
    team (``by: project-team``): project teams select an add-on's
    capabilities, tests and designated sections (ExtensionPrograms 3b).

    Fails::

        # file: add-ons/dns/next.yaml
        program: {kind: add-on, name: dns}
        metadata:
          id: dns.next
          os_trademark_approval: {status: review}
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}

    Passes::

        # file: add-ons/dns/next.yaml
        program: {kind: add-on, name: dns}
        metadata:
          id: dns.next
          os_trademark_approval: {status: review}
          approvals:
            - {by: project-team, team: designate, date: "2026-05-01",
               reference: https://example.org/designate}
            - {by: working-group, date: "2026-05-20", reference: minutes}
    """
    g = doc.guideline
    if judged(doc) and g.program.kind == "add-on" and \
            _beyond(doc, "review") and not any(
                r.by == "project-team" for r in approval_records(doc)):
        yield Problem(f"{g.id} is {g.status} but records no proposal by "
                      f"its project team (metadata.approvals, by: "
                      "project-team)", STATUS_PATH, key=False)


@rule("B005", "error", "working-group-approval-missing")
def working_group_approval_missing(doc: Document) -> Iterator[Problem]:
    """A guideline in review (or approved, or superseded) records no
    Working Group approval (``by: working-group``): the Working Group
    sends a guideline to the Board.

    Fails::

        metadata:
          os_trademark_approval: {status: review}

    Passes::

        metadata:
          os_trademark_approval: {status: review}
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}
    """
    g = doc.guideline
    if judged(doc) and _beyond(doc, "review") and not any(
            r.by == "working-group" for r in approval_records(doc)):
        yield Problem(f"{g.id} is {g.status} but records no Working Group "
                      "approval (metadata.approvals, by: working-group)",
                      STATUS_PATH, key=False)


@rule("B006", "error", "approvals-out-of-order")
def approvals_out_of_order(doc: Document) -> Iterator[Problem]:
    """A decision is dated before the first decision of an earlier step of
    the chain: the project team proposes, then the Working Group approves,
    then the Board.

    Fails::

        metadata:
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}
            - {by: board, date: "2026-05-10", reference: minutes}

    Passes::

        metadata:
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}
            - {by: board, date: "2026-06-10", reference: minutes}
    """
    if not judged(doc):
        return
    first: dict[str, tuple[datetime.date, str]] = {}
    for r in approval_records(doc):
        day = parse_date(r.date)
        if day is not None and r.by in m.APPROVERS:
            first[r.by] = min(first.get(r.by, (day, r.date)), (day, r.date))
    for r in approval_records(doc):
        day = parse_date(r.date)
        if day is None or r.by not in m.APPROVERS:
            continue
        for earlier in m.APPROVERS[:m.APPROVERS.index(r.by)]:
            if earlier in first and day < first[earlier][0]:
                yield Problem(f"{r.by} approval dated {r.date}, before the "
                              f"{earlier} decision of {first[earlier][1]}",
                              record_key(r, "date"), key=False)
                break


@rule("B007", "error", "approval-date-not-real")
def approval_date_not_real(doc: Document) -> Iterator[Problem]:
    """A decision's date is written ``YYYY-MM-DD`` but is no day of the
    calendar (the schema checks the form, this rule the day).

    Fails::

        metadata:
          approvals:
            - {by: working-group, date: "2026-02-30", reference: minutes}

    Passes::

        metadata:
          approvals:
            - {by: working-group, date: "2026-02-28", reference: minutes}
    """
    if not judged(doc):
        return
    for r in approval_records(doc):
        if isinstance(r.date, str) and len(r.date) == 10 and \
                r.date[4:5] == r.date[7:8] == "-" and \
                r.date.replace("-", "").isdigit() and \
                parse_date(r.date) is None:
            yield Problem(f"{r.date} is not a day of the calendar",
                          record_key(r, "date"), key=False)


@rule("B008", "error", "approval-reference-missing")
def approval_reference_missing(doc: Document) -> Iterator[Problem]:
    """A decision gives no reference: where it is recorded (minutes, a
    review, the Board's resolution), as a URL or text.

    Fails::

        metadata:
          approvals:
            - {by: working-group, date: "2026-05-20"}

    Passes::

        metadata:
          approvals:
            - {by: working-group, date: "2026-05-20",
               reference: https://example.org/minutes}
    """
    if not judged(doc):
        return
    for r in approval_records(doc):
        if not isinstance(r.reference, str) or not r.reference.strip():
            yield Problem(f"the {r.by} decision of {r.date} gives no "
                          "reference (where it is recorded)",
                          tuple(r.path), key=False)
