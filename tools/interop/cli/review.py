"""Commands on changes: diff, review."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from interop.cli.base import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_repo,
    put,
    repo_of,
    warn,
)
from interop.errors import UsageError


def cmd_diff(args: argparse.Namespace) -> int:
    from interop.workflow.compared import compared
    sys.stdout.write(compared(args.old, args.new, args.format, warn))
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from interop.tempest.locking import review_suspects
    from interop.workflow.review import review
    from interop.workflow.told import review_text
    if args.robot_comments and args.format != "gerrit":
        raise UsageError("--robot-comments goes with --format gerrit")
    rv = review(args.repo or ".", args.rev, args.base, review_suspects)
    # the submissions the change touches, labelled as certify labels
    # them: the vote says it; the exit code stays the guidelines' (the
    # interop-certify job fails on a submission of its own)
    labels = _certifications(args) if args.format == "gerrit" else None
    put(review_text(rv, args.format, args.robot_comments, labels),
        args.output)
    return EXIT_FINDINGS if rv.errors else EXIT_OK


def _certifications(args: argparse.Namespace
                    ) -> tuple[list[dict[str, Any]], list[str]]:
    """The certifications of the submissions the change touches, and its
    N003 finding, as plain data."""
    from interop.refstack.certify import certify
    from interop.refstack.changes import changed_submissions
    from interop.workflow.gitrepo import files_of_commit
    repo = repo_of(args)
    folders, findings = changed_submissions(
        repo, files_of_commit(repo.root, args.rev, args.base))
    return ([certify(repo, f).as_dict() for f in folders],
            [f.format() for f in findings])


def register(sub: Any) -> None:
    p = sub.add_parser("diff", help="what changed between two guidelines, "
                       "in the domain's words")
    p.add_argument("old", metavar="OLD",
                   help="a source or published file, or REV:path")
    p.add_argument("new", metavar="NEW",
                   help="a source or published file, or REV:path")
    p.add_argument("--format", choices=("text", "markdown", "json"),
                   default="text")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("review", help="review a change (a commit, a Gerrit "
                       "patch set): what it does to each guideline, and "
                       "its process findings")
    p.add_argument("rev", nargs="?", default="HEAD", metavar="REV",
                   help="the change's commit (default HEAD)")
    p.add_argument("--base", metavar="REV",
                   help="compare with this revision (default: REV's "
                   "parent)")
    p.add_argument("--format", default="text",
                   choices=("text", "markdown", "json", "gerrit"),
                   help="gerrit: a ReviewInput for 'ssh gerrit review "
                   "--json' or the REST API")
    p.add_argument("--robot-comments", action="store_true",
                   help="with --format gerrit: robot_comments instead of "
                   "comments, for Gerrit older than 3.13")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write the report to FILE instead of standard "
                   "output")
    add_repo(p)
    p.set_defaults(run=cmd_review)
