"""Commands on scoring sheets: score, import-scores."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from interop.cli.base import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    add_repo,
    existing_folder,
    writing,
)
from interop.errors import UsageError
from interop.text import terminal


def _guideline(path: str):  # -> model.Guideline
    """A guideline from a published JSON file or a YAML source."""
    from interop.load.anyform import read_any_guideline
    from interop.repository import named_file
    return read_any_guideline(named_file(path))


def cmd_score(args: argparse.Namespace) -> int:
    from interop.files import confined_if_within
    from interop.repository import Repository, find_root
    from interop.scoring import sheets as scoring
    from interop.scoring import tabulate
    sheets = args.sheets
    repo = Repository(find_root(sheets[0]) if sheets else
                      (args.repo or "."))
    if not sheets:
        sheets = repo.sheet_paths()
        if not sheets:
            raise UsageError("no scoring sheets under criteria/scoring/")
    reports = []
    for path in sheets:
        sheet = scoring.load_sheet(confined_if_within(path, repo.root),
                                   repo.criteria_sets)
        source = args.criteria and _guideline(args.criteria)
        if source and source.metadata and source.metadata.scoring:
            named = source.metadata.scoring
            if named.criteria_set is not None:
                named = repo.criteria_set(named.criteria_set) or named
            sheet.criteria = named.criteria or sheet.criteria
            sheet.cutoff = named.cutoff_score
        target = args.guideline or args.criteria
        compared = _guideline(target) if target else \
            repo.scored_by(sheet)
        reports.append((path, tabulate.report(sheet, compared)))
    if args.format == "json" and len(reports) > 1:
        print(json.dumps([r.as_dict() for _, r in reports], indent=2))
        return EXIT_OK
    for number, (path, rep) in enumerate(reports):
        if len(reports) > 1 and args.format != "json":
            print(("" if number == 0 else "\n")
                  + terminal(f"== {repo.rel(path)}"))
        sys.stdout.write(tabulate.FORMATS[args.format](rep))
    return EXIT_OK


def cmd_import_scores(args: argparse.Namespace) -> int:
    from interop.files import (
        confined_if_within,
        read_regular,
        regular_file,
        write_all,
    )
    from interop.publish.writer import dump
    from interop.repository import Repository, find_root
    from interop.scoring.sheets import sheet_tree
    from interop.scoring.worksheet import read_worksheet
    g = _guideline(args.criteria)
    scoring = g.metadata.scoring if g.metadata else None
    if scoring is not None and scoring.criteria_set is not None:
        scoring = Repository(find_root(args.criteria)).criteria_set(
            scoring.criteria_set)
    if scoring is None or not scoring.criteria:
        raise UsageError(f"{args.criteria} has no criteria to score with")
    result = read_worksheet(args.worksheet, scoring, g.program.name,
                            args.guideline, g.program.kind == "powered")
    for finding in result.findings:
        print(terminal(finding.format()), file=sys.stderr)
    if result.errors:
        print(terminal(f"{args.out}: not written: {len(result.errors)} "
                       "lines cannot be read"), file=sys.stderr)
        return EXIT_ERROR
    text = dump(sheet_tree(result.sheet),
                f"Imported from {os.path.basename(args.worksheet)} by "
                "'interop import-scores'.")
    # a sheet in a repository stays in it, whatever links its folders are
    root = find_root(args.out)
    confined_if_within(args.out, root)
    data = text.encode("utf-8")
    with writing(existing_folder(os.path.dirname(os.path.abspath(
            args.out)))):
        if os.path.lexists(args.out) and not os.path.islink(args.out):
            regular_file(args.out)  # a FIFO or a folder is refused
        if os.path.lexists(args.out) and not args.force and (
                os.path.islink(args.out) or
                read_regular(args.out, len(data)) != data):
            raise UsageError(f"{args.out} exists and differs: not "
                             "overwritten (use --force)")
        write_all([(args.out, text)])
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
