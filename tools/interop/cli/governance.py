"""Commands of the Board's workflow: release, next, new, approve,
status, schedule; and the documents it reads outside Sphinx: packet
(a PDF per draft), guidelines (the listing the docs index shows)."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from interop.cli.base import EXIT_OK, repo_of, told
from interop.errors import UsageError
from interop.text import terminal
from interop.workflow.writing import writing


def _written(args: argparse.Namespace, act: Callable[..., Any],
             *given: Any, **named: Any) -> int:
    """Run a writing ``act`` on the repository, one writer at a time, and
    tell the files it wrote and its notes."""
    from interop.workflow.told import outcome_text
    repo = repo_of(args)
    with writing(repo.root):
        done = act(repo, *given, **named)
    return told(*outcome_text(done))


def cmd_release(args: argparse.Namespace) -> int:
    from interop.workflow.governance import release
    return _written(args, release, args.program, args.version,
                    commit=args.commit, board_date=args.board_date,
                    reference=args.reference, note=args.note)


def cmd_approve(args: argparse.Namespace) -> int:
    from interop.workflow.approving import approve
    from interop.workflow.moving import withdraw
    if args.withdraw:
        if args.date or args.reference or args.team or args.note:
            raise UsageError("--withdraw takes --by and --reason only")
        return _written(args, withdraw, args.guideline, args.by, args.reason)
    if args.reason:
        raise UsageError("--reason goes with --withdraw")
    if not args.date or not args.reference:
        raise UsageError("approve needs --date and --reference")
    return _written(args, approve, args.guideline, args.by, args.date,
                    args.reference, args.team, args.note)


def cmd_status(args: argparse.Namespace) -> int:
    from interop.workflow.moving import set_status
    return _written(args, set_status, args.guideline, args.status)


def cmd_next(args: argparse.Namespace) -> int:
    from interop.workflow.nextdraft import start_next
    return _written(args, start_next, args.program, args.target)


def cmd_new(args: argparse.Namespace) -> int:
    from interop.workflow.scaffold import scaffold
    return _written(args, scaffold, args.kind, args.name, args.team,
                    args.group)


def cmd_schedule(args: argparse.Namespace) -> int:
    from interop.dates import today
    from interop.workflow.approving import timelines
    from interop.workflow.told import schedule_text
    return told(schedule_text(timelines(repo_of(args), args.guideline),
                              today()))


def cmd_packet(args: argparse.Namespace) -> int:
    from interop.docs.packets import write_packets
    for path in write_packets(repo_of(args), args.paths, args.out,
                              args.change_url):
        print(terminal(path))  # as each is written
    return EXIT_OK


def cmd_guidelines(args: argparse.Namespace) -> int:
    from interop.dates import parse_date
    from interop.workflow.listing import listing
    from interop.workflow.told import guidelines_text
    day = parse_date(args.day) if args.day else None
    if args.day and day is None:
        raise UsageError(f"--day {args.day!r}: expected YYYY-MM-DD")
    return told(guidelines_text(listing(repo_of(args), day), args.format))
