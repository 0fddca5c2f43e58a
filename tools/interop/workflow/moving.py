"""Moving a draft along the chain: ``interop status`` (draft to review
and back) and ``interop approve --withdraw``.

Both edit the source in place (every comment kept) and go through the
same plan as every write: tried in a copy, checked, refused with nothing
written when ``interop check`` would report errors.  What is allowed is
the rules' to say, not this module's: a guideline in review needs the
Working Group's approval (B005) and an add-on its team's proposal
(B004, B011); a guideline that records the Board's decision is no draft
(B012).  Going back to draft is the withdrawal of the Working Group's approval
(``approve --withdraw --by working-group`` moves the guideline back in
the same edit; the review's G002 accepts that move).
"""
from __future__ import annotations

import os

from interop import model as m
from interop.errors import LoadError
from interop.load.source import read_text
from interop.repository import Repository
from interop.workflow.approving import APPROVALS, find_source
from interop.workflow.edit import EditError, edit
from interop.workflow.plan import Outcome, Refused, carry_out, known_clean

#: the statuses an editor moves a guideline between; approved and
#: superseded are the release's to write
MOVABLE = ("draft", "review")
STATUS = ("metadata", "os_trademark_approval", "status")


def _load(repo: Repository, guideline: str) -> tuple[str, m.Guideline]:
    rel = find_source(repo, guideline)
    try:
        return rel, repo.load(rel).guideline
    except LoadError as exc:
        raise Refused(f"cannot read {exc.finding.format()}") from None


def _write(repo: Repository, rel: str, text: str) -> list[str]:
    verified = known_clean(repo)
    return carry_out(repo, {rel: text}, regenerate={rel},
                     new_files=None if verified else {rel: text},
                     verified=verified)


def set_status(repo: Repository, guideline: str, status: str) -> Outcome:
    """Move a draft to ``review`` or a guideline in review back to
    ``draft``; refused for approved and superseded guidelines, and when
    the rules would report errors after the move."""
    if status not in MOVABLE:
        raise Refused(f"status {status!r}: 'interop status' moves a "
                      "guideline to draft or review; the Board's approval "
                      "is written by 'interop release'")
    rel, g = _load(repo, guideline)
    if g.status not in MOVABLE:
        raise Refused(f"{g.id} is {g.status}: only a draft or a guideline "
                      "in review moves")
    if g.status == status:
        return Outcome([], notes=[f"{rel}: already {status}"])
    if status == "draft" and any(r.by == "working-group" for r in (
            g.metadata.approvals or [] if g.metadata else [])):
        raise Refused(f"{g.id} records the Working Group's approval: "
                      "withdraw it first ('interop approve "
                      f"{g.id} --withdraw --by working-group --reason "
                      "TEXT'), then move it back to draft")
    try:
        text = edit(read_text(os.path.join(repo.root, rel)),
                    sets=[(STATUS, status)], name=rel)
    except EditError as exc:
        raise Refused(f"{exc}; nothing written") from None
    try:
        written = _write(repo, rel, text)
    except Refused as exc:
        raise Refused(f"{g.id} cannot move to {status}: {exc}") from None
    follow = ("next step: the Board votes; then 'interop release next "
              "--as YYYY.MM --board-date YYYY-MM-DD --reference URL"
              + (f" --program {g.program.name}"
                 if g.program.kind != "powered" else "") + "'"
              if status == "review" else
              "next step: the editors revise the draft; the Working Group "
              f"approves it again ('interop approve {g.id} --by "
              "working-group ...') before it goes back to review")
    return Outcome(written, notes=[f"{rel}: {g.id} is now {status}",
                                   follow])


def withdraw(repo: Repository, guideline: str, by: str,
             reason: str) -> Outcome:
    """Remove the records of ``by`` (working-group or project-team) from
    a draft's or review's chain, with a reason (kept in the note printed
    and so in the commit that carries the change)."""
    if by not in ("working-group", "project-team"):
        raise Refused(f"--by {by!r}: a Working Group approval or a project "
                      "team's proposal can be withdrawn; the Board's "
                      "decision cannot")
    if not isinstance(reason, str) or not reason.strip() or \
            "\n" in reason:
        raise Refused("--withdraw needs --reason: one line saying why")
    rel, g = _load(repo, guideline)
    if g.status not in MOVABLE:
        raise Refused(f"{g.id} is {g.status}: its chain is the record of "
                      "a decision taken")
    records = list(g.metadata.approvals or []) if g.metadata else []
    kept = [r for r in records if r.by != by]
    if len(kept) == len(records):
        raise Refused(f"{g.id} records no {by} decision to withdraw")
    # a guideline in review without the Working Group's approval is a
    # draft again (B005): the withdrawal moves it back in the same edit
    back = by == "working-group" and g.status == "review"
    try:
        text = edit(read_text(os.path.join(repo.root, rel)),
                    sets=[(STATUS, "draft")] if back else [],
                    deletes=[APPROVALS], name=rel)
        for r in kept:
            item = {k: v for k, v in (("by", r.by), ("team", r.team),
                                      ("date", r.date),
                                      ("reference", r.reference),
                                      ("note", r.note)) if v is not None}
            text = edit(text, name=rel, appends=[(APPROVALS, item)])
    except EditError as exc:
        raise Refused(f"{exc}; nothing written") from None
    written = _write(repo, rel, text)
    return Outcome(written, notes=[
        f"{rel}: the {by} decision withdrawn from {g.id}: "
        f"{reason.strip()}" + ("; it is a draft again" if back else ""),
        "next step: commit with the reason in the message; record the "
        f"decision again when it is taken ('interop approve {g.id} --by "
        f"{by} ...')"])
