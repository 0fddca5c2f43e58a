"""``interop certify``: submissions judged, labelled and listed."""
from __future__ import annotations

import argparse
import json
import os
from typing import Any

from interop.cli.base import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    add_repo,
    put,
    repo_of,
)
from interop.errors import Finding, UsageError
from interop.refstack.changes import CODES, changed_submissions
from interop.text import terminal


def files_of_change(repo: Any, rev: str, base: str | None = None
                    ) -> list[str]:
    """The files the commit ``rev`` changed (against ``base``, by
    default its parent), relative to the repository."""
    from interop.workflow.gitrepo import files_of_commit
    return files_of_commit(repo.root, rev, base)

def _folders(repo: Any, args: argparse.Namespace
             ) -> tuple[list[str], list[Finding]]:
    if args.changed:
        return changed_submissions(repo, files_of_change(repo, args.changed))
    if args.paths:
        rels = []
        for path in args.paths:
            full = os.path.abspath(path)
            if not repo.inside(full):
                raise UsageError(f"{path} is not inside the repository "
                                 f"{repo.root}")
            rel = repo.rel(full)
            if os.path.isdir(full) and os.path.isfile(
                    os.path.join(full, "product.yaml")):
                rel = os.path.join(rel, "product.yaml")
            rels.append(rel)
        found, findings = changed_submissions(repo, rels)
        if not found and not findings:
            raise UsageError("no submission among the paths: a submission "
                             "is products/<program>/<guideline>/"
                             "<vendor>-<product>/")
        return found, findings
    from interop.load.products import submissions
    return submissions(repo.root), []


def cmd_certify(args: argparse.Namespace) -> int:
    from interop.refstack import certify, listing
    repo = repo_of(args)
    if args.report:
        rows = listing.report(repo)
        put(json.dumps(rows, indent=2) + "\n" if args.format == "json"
            else listing.report_text(rows), args.output)
        return EXIT_OK
    folders, findings = _folders(repo, args)
    verdicts = [certify.certify(repo, folder) for folder in folders]
    if args.format == "json":
        text = json.dumps({"certifications": [v.as_dict() for v in verdicts],
                           "findings": [f.as_dict() for f in findings]},
                          indent=2) + "\n"
    else:
        text = "".join(terminal(f"{f.path}:{f.line}:{f.col}: {f.code} "
                                f"{f.severity}: {f.message}") + "\n"
                       for f in findings)
        text += "".join(certify.text(v) for v in verdicts) or \
            "no submission to certify\n"
    put(text, args.output)
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


__all__ = ["CODES", "EXIT_ERROR", "changed_submissions",
           "files_of_change", "register"]
