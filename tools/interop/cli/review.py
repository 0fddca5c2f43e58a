"""Commands on changes: diff, review."""
from __future__ import annotations

import argparse
from typing import Any

from interop.cli.base import EXIT_FINDINGS, EXIT_OK, put, repo_of, told, warn
from interop.errors import UsageError


def cmd_diff(args: argparse.Namespace) -> int:
    from interop.workflow.compared import compared
    return told(compared(args.old, args.new, args.format, warn))


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
