"""Recording the approval chain: ``interop approve`` and the Board's
decision that ``interop release`` writes.

A record goes into ``metadata.approvals`` through the same in-place edit
the release uses (every comment and line of the file kept) and the same
plan (tried in a copy, checked, then written atomically; refused with the
tree byte for byte as it was).  The Board's own record is written only by
the release, which names the guideline for the month of the vote.
"""
from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable
from typing import Any

from interop import model as m
from interop.dates import parse_date, today
from interop.errors import LoadError
from interop.load.process import (
    SCHEDULE,
    Milestone,
    month_index,
    month_of,
)
from interop.load.source import read_text
from interop.repository import Repository
from interop.series import expected_id, program_title, version_of
from interop.text import HIDDEN, has_scheme, is_safe_url
from interop.workflow.edit import EditError, Path, edit
from interop.workflow.plan import (
    NAME,
    VERSION,
    Outcome,
    Refused,
    carry_out,
    known_clean,
)

APPROVALS = ("metadata", "approvals")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def decision(by: str, date: Any, reference: Any, team: Any = None,
             note: Any = None) -> dict[str, str]:
    """One record of the chain, as the source writes it; refused when the
    date is missing, not a day, or after today, or the reference is
    missing or not one line."""
    if by not in m.APPROVERS:
        raise Refused(f"--by {by!r}: one of {', '.join(m.APPROVERS)}")
    who = "the Board's" if by == "board" else f"the {by}'s"
    if date is None:
        raise Refused(f"{who} decision needs its date (YYYY-MM-DD); "
                      "nothing written")
    day = parse_date(date)
    if day is None:
        raise Refused(f"date {date!r} is not a day of the calendar "
                      "(YYYY-MM-DD); nothing written")
    now = today()
    if day > now:
        raise Refused(f"date {date} is in the future (today is "
                      f"{now.isoformat()}): record a decision once it is "
                      "taken; nothing written")
    if not isinstance(reference, str) or not reference.strip():
        raise Refused(f"{who} decision needs a reference (--reference: "
                      "the minutes, the review or the resolution); nothing "
                      "written")
    # anything with a scheme is a URL and must be a safe one: a quote or
    # an angle bracket would end the markup the Board's PDF writes it into
    if _CONTROL.search(reference) or HIDDEN.search(reference) or (
            has_scheme(reference.strip()) and
            not is_safe_url(reference.strip())):
        raise Refused(f"reference {reference!r}: one line of text, or an "
                      "http(s) URL; nothing written")
    out = {"by": by}
    if by == "project-team":
        if not isinstance(team, str) or not NAME.match(team):
            raise Refused(f"a project team's proposal names the team "
                          f"(--team, lower-case: designate), not {team!r}")
        out["team"] = team
    out.update(date=day.isoformat(), reference=reference.strip())
    if note is not None:
        if not isinstance(note, str) or _CONTROL.search(note) or \
                not note.strip():
            raise Refused("--note: one line of text")
        out["note"] = note.strip()
    return out


def board_decision(date: Any, reference: Any,
                   note: Any = None) -> dict[str, str]:
    """The Board's record a release appends.  Only the record's own form
    is judged here (a date, not in the future, a reference); whether the
    chain before it allows it (the Working Group's approval, an add-on's
    proposal, the order, review status, the month) is the B rules' to
    say, which the release runs on its trial (one rule, one place)."""
    if date is None or reference is None:
        raise Refused("the release records the Board's decision: give "
                      "--board-date YYYY-MM-DD and --reference (the "
                      "Board's minutes or resolution); nothing written")
    return decision("board", date, reference, note=note)


def with_record(text: str, record: dict[str, str], name: str,
                sets: Iterable[tuple[Path, Any]] = (),
                deletes: Iterable[Path] = ()) -> str:
    """``text`` with ``record`` appended to ``metadata.approvals``."""
    try:
        return edit(text, sets=sets, deletes=deletes, name=name,
                    appends=[(APPROVALS, record)])
    except EditError as exc:
        raise Refused(f"{exc}; nothing written") from None


# -- the released file's header ----------------------------------------------

def released_header(g: m.Guideline, new_id: str, board_date: str,
                    draft: str) -> str:
    """The comment a released source starts with: facts only (the draft's
    own prose spoke of a draft, and stays in git history)."""
    title = program_title(g, start=True)
    return (f"# {title} {new_id}: approved by the Board of Directors on "
            f"{board_date}.\n"
            "#\n"
            f"# Released from {draft} by 'interop release'; the approval "
            "chain is\n"
            "# metadata.approvals.  Its tests do not change any more; "
            "flags may be added.\n\n")


def replace_header(text: str, header: str) -> str:
    """``text`` with its leading comment block (up to its last blank line,
    so that a comment attached to the first key stays) replaced."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom):].splitlines(keepends=True)
    end = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        if not stripped:
            end = index + 1
    newline = "\r\n" if "\r\n" in text else "\n"
    return bom + header.replace("\n", newline) + "".join(lines[end:])


# -- interop approve ---------------------------------------------------------

def find_source(repo: Repository, guideline: str) -> str:
    """A source (root-relative) named by its path or by its id."""
    for candidate in (guideline, os.path.join(repo.root, guideline)):
        if candidate.endswith(".yaml") and os.path.isfile(candidate) and \
                repo.inside(candidate):
            rel = repo.rel(os.path.abspath(candidate))
            if rel in repo.sources():
                return rel
    for path in repo.sources():
        try:
            g = repo.load(path).guideline
        except LoadError:
            continue
        if g.id == guideline:
            return path
    raise Refused(f"no guideline source {guideline!r} in {repo.root} (give "
                  "its path, add-ons/dns/next.yaml, or its id, dns.next)")


def approve(repo: Repository, guideline: str, by: str, date: Any,
            reference: Any, team: Any = None, note: Any = None) -> Outcome:
    """Add one record of the Working Group or a project team to a
    guideline's ``metadata.approvals``.

    A project team's record names the team (by default the one
    ``criteria/process/programs.yaml`` names for the program, which it
    must match).  Refused, with nothing written, for the Board (its
    decision is written by ``interop release``), for an approved or
    superseded guideline, for a project team of a program that is not an
    add-on, and when ``interop check`` would report errors in the file
    after the change.
    """
    if by == "board":
        raise Refused("the Board's decision is recorded by 'interop "
                      "release next --as YYYY.MM --board-date ... "
                      "--reference ...', which names the guideline for it")
    rel = find_source(repo, guideline)
    try:
        g = repo.load(rel).guideline
    except LoadError as exc:
        raise Refused(f"cannot read {exc.finding.format()}") from None
    if g.status in ("approved", "superseded"):
        raise Refused(f"{g.id} is {g.status}: the chain before the Board's "
                      "vote is recorded on the draft")
    if by == "project-team":
        if g.program.kind != "add-on":
            raise Refused(f"{g.id} is not an add-on: its program is the "
                          "Working Group's, no project team proposes it")
        owner = repo.ownership.team_of(g.program.name)
        team = team or owner
        if owner and team != owner:
            raise Refused(f"{rel}: criteria/process/programs.yaml names "
                          f"{owner}, not {team}, as the team of "
                          f"{g.program.name}")
    record = decision(by, date, reference, team, note)
    text = with_record(read_text(os.path.join(repo.root, rel)), record,
                       rel)
    # a tree found clean stays known clean: the release after an
    # approval checks what it changes, not the whole series again
    verified = known_clean(repo)
    written = carry_out(repo, {rel: text}, regenerate={rel},
                        new_files=None if verified else {rel: text},
                        verified=verified)
    gid = expected_id(g, version_of(g) or "next")
    follow = (f"next step: the Working Group approves ('interop approve "
              f"{gid} --by working-group --date YYYY-MM-DD --reference "
              "URL')" if by == "project-team" else
              f"next step: 'interop status {gid} review' sends it to the "
              "Board")
    return Outcome(written, notes=[
        f"{rel}: {by} {record['date']} recorded for {gid}", follow])


# -- interop schedule --------------------------------------------------------

@dataclasses.dataclass
class Timeline:
    """A draft's milestones, dated from its target approval."""

    path: str
    guideline: str
    status: str
    target: str
    process: str
    #: (month YYYY.MM, milestone, "past" / "now" / "")
    milestones: list[tuple[str, Milestone, str]]
    #: what the process expects by today and the draft is not, or None
    behind: str | None


def timelines(repo: Repository, guideline: str | None = None
              ) -> list[Timeline]:
    """The timeline of one guideline, or of every draft and guideline in
    review, from ``criteria/process/schedule.yaml``; refused when the
    repository has no schedule or the guideline no target approval."""
    try:
        schedule = repo.schedule
    except LoadError as exc:
        raise Refused(f"cannot read {exc.finding.format()}") from None
    if schedule is None:
        raise Refused(f"{repo.root} has no {SCHEDULE}: the milestones are "
                      "data kept there")
    paths = [find_source(repo, guideline)] if guideline else [
        p for p in repo.sources() if (loaded := _loads(repo, p)) is not None
        and loaded.status in ("draft", "review")]
    now = today()
    out = []
    for path in paths:
        g = _loads(repo, path)
        if g is None:
            raise Refused(f"{path} cannot be read: run 'interop check'")
        a = g.metadata.approval if g.metadata else None
        target = a.target_approval if a else None
        if not isinstance(target, str) or not VERSION.match(target):
            raise Refused(f"{path}: no target_approval (YYYY.MM) to date "
                          "the milestones from")
        dated = []
        for month, milestone in schedule.dated(target):
            index = month_index(month)
            when = "past" if index < month_of(now) else \
                "now" if index == month_of(now) else ""
            dated.append((month, milestone, when))
        late = schedule.behind(g.status, target, now) \
            if g.status in ("draft", "review") else None
        behind = late[1] if late else None
        out.append(Timeline(path, str(g.id), str(g.status), target,
                            schedule.process, dated, behind))
    return out


def _loads(repo: Repository, path: str) -> m.Guideline | None:
    try:
        return repo.load(path).guideline
    except LoadError:
        return None
