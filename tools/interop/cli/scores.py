"""Commands on scoring sheets: score, import-scores."""
from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from interop.cli.base import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    add_repo,
)
from interop.errors import UsageError
from interop.text import terminal
from interop.workflow.writing import existing_folder, writing

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
    sys.stdout.write(reports_text(reports, args.format, repo.rel))
    return EXIT_OK


def cmd_import_scores(args: argparse.Namespace) -> int:
    from interop.publish.sheetfile import read_scores, sheet_text, write_sheet
    result = read_scores(args.worksheet, args.criteria,
                         _guideline(args.criteria), args.guideline)
    for finding in result.findings:
        print(terminal(finding.format()), file=sys.stderr)
    if result.errors:
        print(terminal(f"{args.out}: not written: {len(result.errors)} "
                       "lines cannot be read"), file=sys.stderr)
        return EXIT_ERROR
    folder = existing_folder(os.path.dirname(os.path.abspath(args.out)))
    write_sheet(args.out, sheet_text(result, args.worksheet), args.force,
                lambda: writing(folder))
    print(terminal(f"{args.out}: {len(result.sheet.scores)} capabilities"))
    return EXIT_FINDINGS if result.findings else EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser("score", help="totals of scoring sheets, and how "
                       "they compare with their guidelines")
    p.add_argument("sheets", nargs="*", metavar="SHEET.yaml",
                   help="sheets (default: every sheet of the repository)")
    p.add_argument("--criteria", metavar="GUIDELINE",
                   help="take the criteria and cutoff from this guideline "
                   "(published JSON of any schema, or a source), and "
                   "compare with it")
    p.add_argument("--guideline", metavar="GUIDELINE",
                   help="compare with this guideline (default: the one "
                   "the sheet scores, in the repository)")
    p.add_argument("--format", choices=("text", "csv", "markdown", "json"),
                   default="text")
    add_repo(p)
    p.set_defaults(run=cmd_score)

    p = sub.add_parser("import-scores", help="a legacy text worksheet to a "
                       "scoring sheet")
    p.add_argument("worksheet", metavar="WORKSHEET.txt")
    p.add_argument("--criteria", required=True, metavar="GUIDELINE",
                   help="the guideline whose criteria and cutoff score it")
    p.add_argument("--out", required=True, metavar="SHEET.yaml")
    p.add_argument("--guideline", default="next", metavar="VERSION",
                   help="the guideline the sheet scores (default next)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing sheet that differs")
    p.set_defaults(run=cmd_import_scores)
