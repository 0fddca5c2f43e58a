"""Commands that write documents outside Sphinx: packet (a PDF per draft),
guidelines (the listing the docs index shows)."""
from __future__ import annotations

import argparse

from interop.cli.base import EXIT_OK, repo_of, told
from interop.errors import UsageError
from interop.text import terminal


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
