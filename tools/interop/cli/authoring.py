"""Commands that bring guidelines and scores in and out: import,
compile, score, import-scores."""
from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from interop.cli.base import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    repo_of,
    repository_sources,
    told,
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
    return told("".join(terminal(path if written else f"{path} (unchanged)")
                        + "\n" for path, written in done))


def cmd_compile(args: argparse.Namespace) -> int:
    from interop.publish.outputs import compile_text
    from interop.workflow.compiling import compiled
    repo = repo_of(args)
    if args.stdout:
        if len(args.paths) != 1:
            raise UsageError("--stdout takes exactly one source file")
        return told(compile_text(args.paths[0], repo))
    out, err, matches = compiled(
        repo, args.paths or repository_sources(repo, "compile"), args.check,
        args.force, args.verbose)
    return told(out, err, EXIT_OK if matches else EXIT_FINDINGS)


if TYPE_CHECKING:
    from interop.model import Guideline


def _guideline(path: str) -> Guideline:
    """A guideline from a published JSON file or a YAML source."""
    from interop.load.anyform import read_any_guideline
    from interop.repository import named_file
    return read_any_guideline(named_file(path))


def cmd_score(args: argparse.Namespace) -> int:
    from interop.repository import Repository, find_root
    from interop.scoring.reports import reports_text, scored
    sheets = args.sheets
    repo = Repository(find_root(sheets[0]) if sheets else
                      (args.repo or "."))
    if not sheets:
        sheets = repo.sheet_paths()
        if not sheets:
            raise UsageError("no scoring sheets under criteria/scoring/")
    reports = scored(repo, sheets, args.criteria, args.guideline,
                     _guideline)
    return told(reports_text(reports, args.format, repo.rel))


def cmd_import_scores(args: argparse.Namespace) -> int:
    from interop.publish.sheetfile import read_scores, sheet_text, write_sheet
    result = read_scores(args.worksheet, args.criteria,
                         _guideline(args.criteria), args.guideline)
    # the findings first: the write below may refuse
    told("", "".join(terminal(f.format()) + "\n" for f in result.findings))
    if result.errors:
        return told("", terminal(
            f"{args.out}: not written: {len(result.errors)} lines cannot "
            "be read") + "\n", EXIT_ERROR)
    folder = existing_folder(os.path.dirname(os.path.abspath(args.out)))
    write_sheet(args.out, sheet_text(result, args.worksheet), args.force,
                lambda: writing(folder))
    return told(terminal(f"{args.out}: {len(result.sheet.scores)} "
                         "capabilities") + "\n", "",
                EXIT_FINDINGS if result.findings else EXIT_OK)
