"""``interop certify``: submissions judged, labelled and listed."""
from __future__ import annotations

import argparse
import json
from typing import Any

from interop.cli.base import EXIT_FINDINGS, EXIT_OK, add_repo, put, repo_of

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


def register(sub: Any) -> None:
    p = sub.add_parser("certify", help="judge product submissions "
                       "(products/) and label them; list them with "
                       "--report")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="submission folders or files in them (default: "
                   "every submission; a pre-commit hook passes the "
                   "changed files)")
    p.add_argument("--changed", metavar="REV", nargs="?", const="HEAD",
                   help="the submissions the change REV (default HEAD) "
                   "touches: one at most")
    p.add_argument("--report", action="store_true",
                   help="list every product: guideline, verdict, when its "
                   "certification lapses")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write the verdicts to FILE instead of standard "
                   "output")
    add_repo(p)
    p.set_defaults(run=cmd_certify)


__all__ = ["CODES", "changed_submissions", "register"]
