"""Commands of the Board's workflow: release, next, new, approve,
status, schedule."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from interop.cli.base import EXIT_OK, add_repo, repo_of
from interop.workflow.writing import writing


def _report(outcome: Any) -> int:
    from interop.workflow.told import outcome_text
    out, err = outcome_text(outcome)
    sys.stdout.write(out)
    sys.stderr.write(err)
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    from interop.workflow.governance import release
    repo = repo_of(args)
    with writing(repo.root):
        done = release(repo, args.program, args.version, commit=args.commit,
                       board_date=args.board_date, reference=args.reference,
                       note=args.note)
    return _report(done)


def cmd_approve(args: argparse.Namespace) -> int:
    from interop.errors import UsageError
    from interop.workflow.approving import approve
    from interop.workflow.moving import withdraw
    repo = repo_of(args)
    if args.withdraw:
        if args.date or args.reference or args.team or args.note:
            raise UsageError("--withdraw takes --by and --reason only")
        with writing(repo.root):
            done = withdraw(repo, args.guideline, args.by, args.reason)
        return _report(done)
    if args.reason:
        raise UsageError("--reason goes with --withdraw")
    if not args.date or not args.reference:
        raise UsageError("approve needs --date and --reference")
    with writing(repo.root):
        done = approve(repo, args.guideline, args.by, args.date,
                       args.reference, args.team, args.note)
    return _report(done)


def cmd_status(args: argparse.Namespace) -> int:
    from interop.workflow.moving import set_status
    repo = repo_of(args)
    with writing(repo.root):
        done = set_status(repo, args.guideline, args.status)
    return _report(done)


def cmd_next(args: argparse.Namespace) -> int:
    from interop.workflow.nextdraft import start_next
    repo = repo_of(args)
    with writing(repo.root):
        done = start_next(repo, args.program, args.target)
    return _report(done)


def cmd_new(args: argparse.Namespace) -> int:
    from interop.workflow.scaffold import scaffold
    repo = repo_of(args)
    with writing(repo.root):
        done = scaffold(repo, args.kind, args.name, args.team, args.group)
    return _report(done)


def cmd_schedule(args: argparse.Namespace) -> int:
    from interop.dates import today
    from interop.workflow.approving import timelines
    from interop.workflow.told import schedule_text
    sys.stdout.write(schedule_text(timelines(repo_of(args), args.guideline),
                                   today()))
    return EXIT_OK


def _register_release(sub: Any) -> None:
    p = sub.add_parser(
        "release", help="release a program's approved draft as YYYY.MM",
        description="The Board approved the program's draft: create the "
        "dated guideline and its scoring sheet with the Board's decision "
        "in its approval chain, mark guidelines older than the two most "
        "recent approved superseded, and regenerate the published JSON.  "
        "Needs a clean git working tree; refused, with nothing written, "
        "when the Board's date is missing, in the future or outside the "
        "month of --as, when the draft lacks the Working Group's approval "
        "(or an add-on its project team's proposal), or when interop check "
        "reports errors before or after.")
    p.add_argument("draft", choices=("next",),
                   help="the draft to release (always next)")
    p.add_argument("--as", dest="version", required=True,
                   metavar="YYYY.MM", help="the approved guideline's name")
    p.add_argument("--board-date", metavar="YYYY-MM-DD",
                   help="the day of the Board's vote (required; in the "
                   "month of --as, not after today)")
    p.add_argument("--reference", metavar="URL",
                   help="where the Board's decision is recorded (required)")
    p.add_argument("--note", help="a note kept with the Board's record")
    p.add_argument("--program", default="powered",
                   help="powered (default), or an add-on or vertical name")
    p.add_argument("--commit", action="store_true",
                   help="commit the result (one git commit)")
    add_repo(p)
    p.set_defaults(run=cmd_release)


def _register_approve(sub: Any) -> None:
    p = sub.add_parser(
        "approve", help="record the Working Group's approval or a project "
        "team's proposal of a guideline",
        description="Append one record to the guideline's "
        "metadata.approvals, keeping every comment and line of the file; "
        "tried and checked in a copy first, refused with nothing written.  "
        "The Board's decision is recorded by 'interop release'.")
    p.add_argument("guideline", metavar="GUIDELINE",
                   help="a source path (add-ons/dns/next.yaml) or a "
                   "guideline id (dns.next)")
    p.add_argument("--by", required=True,
                   choices=("working-group", "project-team"))
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the day of the decision (not after today)")
    p.add_argument("--reference", metavar="URL",
                   help="where it is recorded: minutes, a review (URL or "
                   "text)")
    p.add_argument("--team", help="the project team (default: the "
                   "program's team in criteria/process/programs.yaml)")
    p.add_argument("--note", help="a note kept with the record")
    p.add_argument("--withdraw", action="store_true",
                   help="remove the --by records instead (with --reason); "
                   "withdrawing the Working Group's approval of a "
                   "guideline in review makes it a draft again")
    p.add_argument("--reason", help="with --withdraw: why, one line")
    add_repo(p)
    p.set_defaults(run=cmd_approve)


def _register_status(sub: Any) -> None:
    p = sub.add_parser(
        "status", help="move a draft to review, or back to draft",
        description="Set a guideline's status to review (the Working "
        "Group sends it to the Board: its approval, and an add-on's "
        "proposal, must be recorded) or back to draft; tried and checked "
        "in a copy first, refused with nothing written.  Approved and "
        "superseded are written by 'interop release'.")
    p.add_argument("guideline", metavar="GUIDELINE",
                   help="a source path or a guideline id (dns.next)")
    p.add_argument("status", choices=("draft", "review"))
    add_repo(p)
    p.set_defaults(run=cmd_status)


def _register_schedule(sub: Any) -> None:
    p = sub.add_parser(
        "schedule", help="the dated milestones of the drafts' cycle",
        description="Date the process's milestones "
        "(criteria/process/schedule.yaml) from each draft's "
        "target_approval, mark which are past, and say whether the draft "
        "is behind (as rule B009 does).  Today is INTEROP_TODAY when set.")
    p.add_argument("guideline", metavar="GUIDELINE", nargs="?",
                   help="a source path or guideline id (default: every "
                   "draft and guideline in review)")
    add_repo(p)
    p.set_defaults(run=cmd_schedule)


def _register_next(sub: Any) -> None:
    p = sub.add_parser(
        "next", help="start a program's next draft from its latest "
        "approved guideline",
        description="Write the program's next source (and scoring sheet) "
        "from its most recent approved guideline: status draft, no flags, "
        "sticky marked for the capabilities it required.  An existing "
        "draft is replaced, which is why a clean git working tree is "
        "needed.")
    p.add_argument("program", help="powered, or an add-on or vertical name")
    p.add_argument("--target", metavar="YYYY.MM",
                   help="target_approval of the new draft (default: six "
                   "months after the approved guideline)")
    add_repo(p)
    p.set_defaults(run=cmd_next)


def _register_new(sub: Any) -> None:
    p = sub.add_parser(
        "new", help="scaffold a new add-on or vertical program",
        description="Create a draft guideline with no capabilities yet, "
        "its scoring sheet, its published JSON and a proposal page under "
        "doc/source/, all passing interop check.")
    p.add_argument("kind", choices=("add-on", "vertical"))
    p.add_argument("name", help="lower-case letters, digits and hyphens "
                   "(key-manager)")
    p.add_argument("--team", help="an add-on's project team (manila); "
                   "registered as its owner in "
                   "criteria/process/programs.yaml (required for an "
                   "add-on)")
    p.add_argument("--group", help="the team's Gerrit group "
                   "(manila-core; required for an add-on)")
    add_repo(p)
    p.set_defaults(run=cmd_new)


def register(sub: Any) -> None:
    _register_release(sub)
    _register_approve(sub)
    _register_status(sub)
    _register_schedule(sub)
    _register_next(sub)
    _register_new(sub)
