"""Commands that bring guidelines in and out: import, compile."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from interop.cli.base import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_repo,
    repo_of,
    repository_sources,
)
from interop.errors import Finding, UsageError
from interop.text import terminal
from interop.workflow.writing import existing_folder, writing


def cmd_import(args: argparse.Namespace) -> int:
    from interop.workflow.importing import import_files
    def warn(f: Finding) -> None:
        print(terminal(f"{f.path}:{f.line}:{f.col}: {f.code} "
                       f"({f.severity}) {f.message}"), file=sys.stderr)
    # an --out that does not exist yet is locked from where it will be
    with writing(existing_folder(args.out)):
        done = import_files(args.files, args.out, args.force,
                            baseline=args.baseline, warn=warn,
                            board_date=args.board_date,
                            reference=args.reference)
    for path, written in done:
        print(terminal(path if written else f"{path} (unchanged)"))
    return EXIT_OK


def cmd_compile(args: argparse.Namespace) -> int:
    from interop.publish.outputs import compile_sources, compile_text
    from interop.publish.report import compile_report, refused_text
    repo = repo_of(args)
    if args.stdout:
        if len(args.paths) != 1:
            raise UsageError("--stdout takes exactly one source file")
        sys.stdout.write(compile_text(args.paths[0], repo))
        return EXIT_OK
    paths = args.paths or repository_sources(repo, "compile")
    if not args.check and not args.force:
        from interop.checks import check_files
        from interop.checks.formatters import failing
        # what compile itself refuses (unreadable, outside the layout)
        # comes first, as exit 2; then the catalogue's errors, as exit 1:
        # a source that breaks the catalogue must not reach consumers
        compile_sources(repo, paths, check=True)
        errors = failing(check_files(paths, repo))
        if errors:
            sys.stderr.write(refused_text(errors))
            return EXIT_FINDINGS
    if args.check:
        outcomes = compile_sources(repo, paths, check=True)
    else:
        with writing(repo.root):
            outcomes = compile_sources(repo, paths)
    text, matches = compile_report(outcomes, args.check, args.verbose)
    sys.stdout.write(text)
    return EXIT_OK if matches else EXIT_FINDINGS


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="published JSON (1.2-2.0) to YAML "
                       "sources")
    p.add_argument("files", nargs="+", metavar="FILE.json")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="repository folder to write the sources into")
    p.add_argument("--force", action="store_true",
                   help="replace existing sources that differ")
    p.add_argument("--baseline", action="store_true",
                   help="write facts-only baselines of approved guidelines "
                   "(<program folder>/baseline/<version>.yaml) instead of "
                   "sources: no prose, the original's URL and SHA-256")
    p.add_argument("--board-date", metavar="YYYY-MM-DD",
                   help="with --baseline: the day the Board approved the "
                   "guideline (what 'may be used now' counts from)")
    p.add_argument("--reference", metavar="URL",
                   help="with --baseline: where the Board's decision is "
                   "recorded")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("compile", help="YAML sources to published JSON 2.0")
    p.add_argument("paths", nargs="*", metavar="FILE.yaml",
                   help="sources (default: every source in the repository)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if a published file differs")
    p.add_argument("--stdout", action="store_true",
                   help="print the published JSON of one source")
    p.add_argument("--force", action="store_true",
                   help="publish even sources with error findings")
    p.add_argument("-v", "--verbose", action="store_true")
    add_repo(p)
    p.set_defaults(run=cmd_compile)
