"""Commands that bring guidelines in and out: import, compile."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from interop.cli.base import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_repo,
    existing_folder,
    repo_of,
    repository_sources,
    writing,
)
from interop.errors import Finding, UsageError
from interop.text import terminal


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
    repo = repo_of(args)
    if args.stdout:
        if len(args.paths) != 1:
            raise UsageError("--stdout takes exactly one source file")
        sys.stdout.write(compile_text(args.paths[0], repo))
        return EXIT_OK
    paths = args.paths or repository_sources(repo, "compile")
    if not args.check and not args.force:
        # what compile itself refuses (unreadable, outside the layout)
        # comes first, as exit 2; then the catalogue's errors, as exit 1
        compile_sources(repo, paths, check=True)
        errors = _errors(paths, repo)
        if errors:
            for f in errors:
                print(terminal(f.format()), file=sys.stderr)
            print(f"interop compile: nothing written: {len(errors)} error "
                  "findings (see 'interop check'); --force publishes "
                  "anyway", file=sys.stderr)
            return EXIT_FINDINGS
    if args.check:
        outcomes = compile_sources(repo, paths, check=True)
    else:
        with writing(repo.root):
            outcomes = compile_sources(repo, paths)
    status = EXIT_OK
    for o in outcomes:
        if o.state == "baseline":
            print(f"{o.source}: a baseline, not compiled (the published "
                  f"original: {terminal(o.published)})")
        elif args.check and o.state != "unchanged":
            status = EXIT_FINDINGS
            print(terminal(f"{o.published}: {o.state}: does not match "
                           f"{o.source}; run 'interop compile' and commit "
                           "the result"))
        elif not args.check and (o.state == "written" or args.verbose):
            print(terminal(f"{o.published}: {o.state}"))
    if args.check and status == EXIT_OK:
        compiled = [o for o in outcomes if o.state != "baseline"]
        print(f"{len(compiled)} published files match their sources")
    return status


def _errors(paths: list[str], repo: Any) -> list[Any]:
    """The live error findings of the sources to publish: a source that
    breaks the catalogue must not reach the files consumers read."""
    from interop.checks import check_files
    return [f for f in check_files(paths, repo)
            if f.severity == "error" and f.suppressed is None]


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
