"""Commands that bring guidelines in and out: import, compile."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from interop.cli.base import (
    EXIT_FINDINGS,
    EXIT_OK,
    existing_folder,
    repo_of,
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
                            baseline=args.baseline, warn=warn)
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
    if args.check:
        outcomes = compile_sources(repo, args.paths or None, check=True)
    else:
        with writing(repo.root):
            outcomes = compile_sources(repo, args.paths or None)
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
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("compile", help="YAML sources to published JSON 2.0")
    p.add_argument("paths", nargs="*", metavar="FILE.yaml",
                   help="sources (default: every source in the repository)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if a published file differs")
    p.add_argument("--stdout", action="store_true",
                   help="print the published JSON of one source")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")
    p.set_defaults(run=cmd_compile)
