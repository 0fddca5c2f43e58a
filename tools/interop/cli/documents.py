"""Commands that write documents outside Sphinx: packet (a PDF per draft),
guidelines (the listing the docs index shows)."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from interop.cli.base import EXIT_OK, add_repo, repo_of
from interop.errors import UsageError
from interop.text import terminal

def cmd_packet(args: argparse.Namespace) -> int:
    from interop.docs.packets import write_packets
    for path in write_packets(repo_of(args), args.paths, args.out,
                              args.change_url):
        print(terminal(path))
    return EXIT_OK


def cmd_guidelines(args: argparse.Namespace) -> int:
    from interop.dates import parse_date
    from interop.workflow.listing import listing
    from interop.workflow.told import guidelines_text
    day = None
    if args.day:
        day = parse_date(args.day)
        if day is None:
            raise UsageError(f"--day {args.day!r}: expected YYYY-MM-DD")
    sys.stdout.write(guidelines_text(listing(repo_of(args), day),
                                     args.format))
    return EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser("guidelines", help="every program's guidelines "
                       "with status, Board date and whether a vendor may "
                       "use each now")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--day", metavar="YYYY-MM-DD", help="judge 'now' on "
                   "this day (default: today, or $INTEROP_TODAY)")
    add_repo(p)
    p.set_defaults(run=cmd_guidelines)

    p = sub.add_parser("packet", help="the Board packet of draft and "
                       "review guidelines as PDF (needs rst2pdf, in the "
                       "docs extra)")
    p.add_argument("paths", nargs="*", metavar="SOURCE",
                   help="guideline sources (default: every draft and "
                   "review guideline)")
    p.add_argument("--change-url", metavar="URL",
                   help="the change under review (a Gerrit change URL), "
                   "linked from the packet; default $INTEROP_CHANGE_URL")
    p.add_argument("--out", default=os.path.join("build", "packets"),
                   metavar="DIR", help="where to write (default "
                   "build/packets)")
    add_repo(p)
    p.set_defaults(run=cmd_packet)
