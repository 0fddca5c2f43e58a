"""``interop certify``: submissions judged, labelled and listed."""
from __future__ import annotations

import argparse

from interop.cli.base import EXIT_FINDINGS, EXIT_OK, put, repo_of

# CODES: the Sphinx extension documents the certification labels by it
from interop.refstack.changes import CODES, changed_submissions


def cmd_certify(args: argparse.Namespace) -> int:
    from interop.refstack.submitted import certified, listed
    repo = repo_of(args)
    if args.report:
        put(listed(repo, args.format), args.output)
        return EXIT_OK
    changed = None
    if args.changed:
        from interop.workflow.gitrepo import files_of_commit
        changed = files_of_commit(repo.root, args.changed)
    text, verified = certified(repo, args.paths, changed, args.format)
    put(text, args.output)
    return EXIT_OK if verified else EXIT_FINDINGS


__all__ = ["CODES", "changed_submissions"]
