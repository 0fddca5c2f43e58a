"""Commands that write documents outside Sphinx: packet (a PDF per draft),
guidelines (the listing the docs index shows)."""
from __future__ import annotations

import argparse
import os
from typing import Any

from interop.cli.base import EXIT_OK, add_repo, repo_of
from interop.errors import UsageError
from interop.files import confined_if_within
from interop.text import terminal

#: guidelines awaiting the Board's decision, which have packets
AWAITING = ("draft", "review")


def cmd_packet(args: argparse.Namespace) -> int:
    from interop.docs.board import Links, page_name
    from interop.docs.packet import write_pdf
    repo = repo_of(args)
    # an --out inside the repository stays in it, whatever links its
    # folders are (doc/build as a link out would carry the PDFs away)
    confined_if_within(os.path.abspath(args.out), repo.root, args.out)
    # sources named on the command line are relative to here; the
    # repository's own list is relative to its root
    paths = [repo.rel(os.path.abspath(p)) for p in args.paths] or [
        p for p in repo.sources()
        if repo.load(p).guideline.status in AWAITING]
    if not paths:
        raise UsageError("no draft or review guideline to make a packet "
                         "of")
    links = Links(change=args.change_url or os.environ.get(
        "INTEROP_CHANGE_URL") or None)
    for rel in paths:
        # named as the HTML packet is (powered-next-packet.pdf)
        out = os.path.join(args.out, page_name(repo.load(rel).guideline)
                           + "-packet.pdf")
        write_pdf(repo, rel, out, links)
        print(terminal(out))
    return EXIT_OK


def cmd_guidelines(args: argparse.Namespace) -> int:
    import json

    from interop.dates import parse_date
    from interop.workflow.listing import listing, text
    day = None
    if args.day:
        day = parse_date(args.day)
        if day is None:
            raise UsageError(f"--day {args.day!r}: expected YYYY-MM-DD")
    rows = listing(repo_of(args), day)
    if args.format == "json":
        print(json.dumps([r.as_dict() for program in rows
                          for r in program], indent=2))
    else:
        for line in text(rows).splitlines():
            print(terminal(line))
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
