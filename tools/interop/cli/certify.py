"""``interop certify``: submissions judged, labelled and listed."""
from __future__ import annotations

import argparse
import json

from interop.cli.base import EXIT_FINDINGS, EXIT_OK, put, repo_of

# CODES: the Sphinx extension documents the certification labels by it
from interop.refstack.changes import CODES, changed_submissions


def cmd_certify(args: argparse.Namespace) -> int:
    from interop.refstack import certify, listing
    from interop.refstack.submitted import certify_report, named_submissions
    repo = repo_of(args)
    if args.report:
        rows = listing.report(repo)
        put(json.dumps(rows, indent=2) + "\n" if args.format == "json"
            else listing.report_text(rows), args.output)
        return EXIT_OK
    if args.changed:
        from interop.workflow.gitrepo import files_of_commit
        folders, findings = changed_submissions(
            repo, files_of_commit(repo.root, args.changed))
    elif args.paths:
        folders, findings = named_submissions(repo, args.paths)
    else:
        from interop.load.products import submissions
        folders, findings = submissions(repo.root), []
    verdicts = [certify.certify(repo, folder) for folder in folders]
    put(certify_report(verdicts, findings, args.format), args.output)
    if findings or not all(v.verified for v in verdicts):
        return EXIT_FINDINGS
    return EXIT_OK


__all__ = ["CODES", "changed_submissions"]
