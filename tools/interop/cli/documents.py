"""Commands that write documents outside Sphinx: packet (a PDF per draft)."""
from __future__ import annotations

import argparse
import os
from typing import Any

from interop.cli.base import EXIT_OK, repo_of
from interop.errors import UsageError
from interop.text import terminal


def cmd_packet(args: argparse.Namespace) -> int:
    from interop.docs.packet import write_pdf
    repo = repo_of(args)
    paths = args.paths or [p for p in repo.sources()
                           if repo.load(p).guideline.status == "draft"]
    if not paths:
        raise UsageError("no draft guideline to make a packet of")
    for path in paths:
        rel = repo.rel(os.path.abspath(path)) if os.path.exists(path) \
            else path
        out = os.path.join(args.out, os.path.splitext(rel)[0].replace(
            os.sep, "-") + "-packet.pdf")
        write_pdf(repo, rel, out)
        print(terminal(out))
    return EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser("packet", help="the Board packet of draft "
                       "guidelines as PDF (needs rst2pdf, in the docs "
                       "extra)")
    p.add_argument("paths", nargs="*", metavar="SOURCE",
                   help="guideline sources (default: every draft)")
    p.add_argument("--out", default=os.path.join("build", "packets"),
                   metavar="DIR", help="where to write (default "
                   "build/packets)")
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")
    p.set_defaults(run=cmd_packet)
