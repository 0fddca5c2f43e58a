"""Commands of the Board's workflow: release, next, new."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from interop.cli.base import EXIT_OK, repo_of
from interop.text import terminal


def _report(outcome: Any) -> int:
    for rel in outcome.written:
        print(terminal(rel))
    for note in outcome.notes:
        print(terminal(f"note: {note}"), file=sys.stderr)
    if outcome.commit:
        print(f"committed {outcome.commit[:12]}", file=sys.stderr)
    if not outcome.written:
        print("nothing to write: the files already hold the result",
              file=sys.stderr)
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    from interop.workflow.governance import release
    return _report(release(repo_of(args), args.program, args.version,
                           commit=args.commit))


def cmd_next(args: argparse.Namespace) -> int:
    from interop.workflow.governance import start_next
    return _report(start_next(repo_of(args), args.program, args.target))


def cmd_new(args: argparse.Namespace) -> int:
    from interop.workflow.scaffold import scaffold
    return _report(scaffold(repo_of(args), args.kind, args.name))


def register(sub: Any) -> None:
    p = sub.add_parser(
        "release", help="release a program's approved draft as YYYY.MM",
        description="The Board approved the program's draft: create the "
        "dated guideline and its scoring sheet, mark guidelines older than "
        "the two most recent approved superseded, and regenerate the "
        "published JSON.  Needs a clean git working tree; refused, with "
        "nothing written, when interop check reports errors before or "
        "after.")
    p.add_argument("draft", choices=("next",),
                   help="the draft to release (always next)")
    p.add_argument("--as", dest="version", required=True,
                   metavar="YYYY.MM", help="the approved guideline's name")
    p.add_argument("--program", default="powered",
                   help="powered (default), or an add-on or vertical name")
    p.add_argument("--commit", action="store_true",
                   help="commit the result (one git commit)")
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")
    p.set_defaults(run=cmd_release)

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
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")
    p.set_defaults(run=cmd_next)

    p = sub.add_parser(
        "new", help="scaffold a new add-on or vertical program",
        description="Create a draft guideline with no capabilities yet, "
        "its scoring sheet, its published JSON and a proposal page under "
        "doc/source/, all passing interop check.")
    p.add_argument("kind", choices=("add-on", "vertical"))
    p.add_argument("name", help="lower-case letters, digits and hyphens "
                   "(key-manager)")
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")
    p.set_defaults(run=cmd_new)
