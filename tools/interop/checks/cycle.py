"""B: the approval chain against the cycle: the schedule (B009), the team
that proposes (B010), what comes first (B011) and a Board decision on a
draft (B012).  The chain's records themselves are
:mod:`interop.checks.approvals`'; both are the B family, which ``interop
release`` runs on its trial.
"""
from __future__ import annotations

from collections.abc import Iterator

from interop.checks.approvals import (
    STATUS_PATH,
    approval_records,
    judged,
    record_key,
)
from interop.checks.engine import Document, Problem, rule
from interop.dates import parse_date, today
from interop.errors import LoadError, Location
from interop.series import version_of


@rule("B009", "warning", "behind-schedule")
def behind_schedule(doc: Document) -> Iterator[Problem]:
    """A draft's target approval has passed, or the draft is behind the
    status the process expects by now (``criteria/process/schedule.yaml``:
    in review from the summit, three months before the Board meeting).

    Fails::

        metadata:
          os_trademark_approval: {target_approval: "2026.06"}

    Passes::

        metadata:
          os_trademark_approval: {target_approval: "2027.06"}
    """
    g = doc.guideline
    a = g.metadata.approval if g.metadata else None
    if not judged(doc) or a is None or g.status not in ("draft", "review") \
            or not isinstance(a.target_approval, str) or \
            version_of(g) != "next" or doc.repo is None:
        return
    try:
        schedule = doc.repo.schedule
    except LoadError as exc:
        f = exc.finding
        yield Problem(f.message, loc=Location(f.line, f.col),
                      file=doc.repo.rel(f.path))
        return
    target = a.target_approval
    if schedule is None or len(target) != 7 or not target[:4].isdigit():
        return
    now = today()
    late = schedule.behind(g.status, target, now)
    if late is None:
        return
    kind, why = late
    if kind == "target":
        yield Problem(f"{why} (today is {now.isoformat()}): set the Board "
                      "meeting it now goes to", ("metadata",
                                                 "os_trademark_approval",
                                                 "target_approval"),
                      key=False)
    else:
        yield Problem(why, STATUS_PATH, key=False)


@rule("B010", "warning", "proposal-by-another-team")
def proposal_by_another_team(doc: Document) -> Iterator[Problem]:
    """A project team's proposal names another team than the one
    ``criteria/process/programs.yaml`` names as the program's owner, or
    that file cannot be read.

    Fails::

        # file: add-ons/dns/next.yaml
        program: {kind: add-on, name: dns}
        metadata:
          id: dns.next
          approvals:
            - {by: project-team, team: heat, date: "2026-05-01",
               reference: minutes}

    Passes::

        # file: add-ons/dns/next.yaml
        program: {kind: add-on, name: dns}
        metadata:
          id: dns.next
          approvals:
            - {by: project-team, team: designate, date: "2026-05-01",
               reference: minutes}
    """
    records = [r for r in approval_records(doc) if r.by == "project-team"]
    if not judged(doc) or doc.repo is None or not records:
        return
    try:
        owner = doc.repo.ownership.team_of(doc.guideline.program.name)
    except LoadError as exc:
        f = exc.finding
        yield Problem(f.message, loc=Location(f.line, f.col),
                      file=doc.repo.rel(f.path))
        return
    for r in records:
        if owner is not None and r.team != owner:
            yield Problem(f"proposal by team {r.team!r}, but "
                          "criteria/process/programs.yaml names "
                          f"{owner!r} as the team of "
                          f"{doc.guideline.program.name}",
                          record_key(r, "team") if r.team is not None
                          else tuple(r.path), key=False)


@rule("B011", "error", "working-group-before-proposal")
def working_group_before_proposal(doc: Document) -> Iterator[Problem]:
    """The Working Group's approval of an add-on is recorded with no
    proposal of its project team on or before it: the team selects the
    add-on's capabilities and tests first, then the Working Group
    approves (ExtensionPrograms 3b, 3c).

    Fails::

        # file: add-ons/dns/next.yaml
        program: {kind: add-on, name: dns}
        metadata:
          id: dns.next
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}

    Passes::

        # file: add-ons/dns/next.yaml
        program: {kind: add-on, name: dns}
        metadata:
          id: dns.next
          approvals:
            - {by: project-team, team: designate, date: "2026-05-01",
               reference: minutes}
            - {by: working-group, date: "2026-05-20", reference: minutes}
    """
    g = doc.guideline
    if not judged(doc) or g.program.kind != "add-on":
        return
    proposed = [parse_date(r.date) for r in approval_records(doc)
                if r.by == "project-team"]
    first = min((d for d in proposed if d is not None), default=None)
    for r in approval_records(doc):
        day = parse_date(r.date)
        if r.by != "working-group" or day is None:
            continue
        if first is None or first > day:
            yield Problem(f"the Working Group's approval of {r.date} comes "
                          "before any proposal by the project team: record "
                          f"the team's proposal first ('interop approve "
                          f"{g.id} --by project-team ...')",
                          record_key(r, "by"), key=False)


@rule("B012", "error", "board-decision-on-a-draft")
def board_decision_on_a_draft(doc: Document) -> Iterator[Problem]:
    """A guideline still in draft records the Board's decision: the Board
    decides on a guideline the Working Group sent it, in review (2017A
    C6.3).  ``interop release`` checks the draft with the Board's record
    added before it writes anything, so this is how it refuses a draft
    that never went to review (B009 stays the schedule's warning).

    Fails::

        metadata:
          os_trademark_approval: {status: draft}
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}
            - {by: board, date: "2026-06-10", reference: minutes}

    Passes::

        metadata:
          os_trademark_approval: {status: review}
          approvals:
            - {by: working-group, date: "2026-05-20", reference: minutes}
            - {by: board, date: "2026-06-10", reference: minutes}
    """
    g = doc.guideline
    if not judged(doc) or g.status != "draft":
        return
    for r in approval_records(doc):
        if r.by == "board":
            yield Problem(f"{g.id} is a draft, but records the Board's "
                          f"decision of {r.date}: the Board decides on a "
                          "guideline in review ('interop status "
                          f"{g.id} review' once the Working Group "
                          "approved it)", STATUS_PATH, key=False)
            return
