"""Commands of the Board's workflow: release, next, new, approve,
status, schedule."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from interop.cli.base import EXIT_OK, repo_of
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
    from interop.workflow.governance import start_next
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














