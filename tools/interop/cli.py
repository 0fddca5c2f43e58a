"""The ``interop`` command: a thin layer over the library.

Exit codes: 0 all well; 1 findings (or drift, or a failed verdict);
2 the command could not run (usage, or input that cannot be read).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence

from interop import __version__
from interop.errors import Finding, LoadError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable[[Callable], Callable]:
    def register(func: Callable) -> Callable:
        COMMANDS[name] = func
        return func
    return register


def _repo(args: argparse.Namespace):  # -> Repository
    from interop.repository import Repository
    return Repository(getattr(args, "repo", None) or ".")


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    from interop.importer import import_files
    for path, written in import_files(args.files, args.out, args.force):
        print(path if written else f"{path} (unchanged)")
    return EXIT_OK


@command("compile")
def cmd_compile(args: argparse.Namespace) -> int:
    from interop.publish import compile_sources, compile_text
    repo = _repo(args)
    if args.stdout:
        if len(args.paths) != 1:
            raise UsageError("--stdout takes exactly one source file")
        sys.stdout.write(compile_text(args.paths[0], repo))
        return EXIT_OK
    outcomes = compile_sources(repo, args.paths or None, check=args.check)
    status = EXIT_OK
    for o in outcomes:
        if args.check and o.state != "unchanged":
            status = EXIT_FINDINGS
            print(f"{o.published}: {o.state}: does not match {o.source}; "
                  "run 'interop compile' and commit the result")
        elif not args.check and (o.state == "written" or args.verbose):
            print(f"{o.published}: {o.state}")
    if args.check and status == EXIT_OK:
        print(f"{len(outcomes)} published files match their sources")
    return status


FORMATTERS: dict[str, Callable[[list[Finding], bool], str]] = {}


def formatter(name: str) -> Callable[[Callable], Callable]:
    def register(func: Callable) -> Callable:
        FORMATTERS[name] = func
        return func
    return register


@formatter("text")
def _text(findings: list[Finding], show_suppressed: bool) -> str:
    lines = []
    for f in findings:
        if f.suppressed is not None and not show_suppressed:
            continue
        where = f.pointer if not f.line and f.doc_path else ""
        line = f.format() + (f" [{where}]" if where else "")
        if f.suppressed is not None:
            line += f" (silenced: {f.suppressed})"
        lines.append(line)
    return "".join(line + "\n" for line in lines)


@formatter("json")
def _json(findings: list[Finding], show_suppressed: bool) -> str:
    return json.dumps([f.as_dict() for f in findings], indent=2) + "\n"


@formatter("github")
def _github(findings: list[Finding], show_suppressed: bool) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    return "".join(
        f"::{level[f.severity]} file={f.path},line={f.line or 1},"
        f"col={f.col or 1},title={f.code}::{f.message}\n"
        for f in findings if f.suppressed is None)


_RANK = {"info": 0, "warning": 1, "error": 2}


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from interop.checks import check_files, repository_files
    repo = _repo(args)
    paths = args.paths or repository_files(repo)
    findings = check_files(paths, repo, args.select, args.baseline or ())
    sys.stdout.write(FORMATTERS[args.format](findings, args.show_suppressed))
    live = [f for f in findings if f.suppressed is None]
    failing = [f for f in live if _RANK[f.severity] >= _RANK[args.fail_on]]
    if args.format == "text":
        print(f"{len(paths)} files checked: {len(live)} findings "
              f"({len(findings) - len(live)} silenced)", file=sys.stderr)
    return EXIT_FINDINGS if failing else EXIT_OK


def _guideline(path: str):  # -> model.Guideline
    """A guideline from a published JSON file or a YAML source."""
    from interop.importer import read_published
    from interop.repository import load_source
    if path.endswith(".json"):
        return read_published(path)
    return load_source(path).guideline


@command("score")
def cmd_score(args: argparse.Namespace) -> int:
    from interop import scoring, tabulate
    from interop.repository import Repository, find_root
    sheets = args.sheets
    repo = Repository(find_root(sheets[0]) if sheets else
                      (args.repo or "."))
    if not sheets:
        import glob
        sheets = sorted(glob.glob(os.path.join(
            repo.root, scoring.SHEET_DIR, "*", "*.yaml")))
        if not sheets:
            raise UsageError("no scoring sheets under criteria/scoring/")
    for number, path in enumerate(sheets):
        sheet = scoring.load_sheet(path, repo.criteria_sets)
        source = args.criteria and _guideline(args.criteria)
        if source and source.metadata and source.metadata.scoring:
            named = source.metadata.scoring
            if named.criteria_set is not None:
                named = repo.criteria_set(named.criteria_set) or named
            sheet.criteria = named.criteria or sheet.criteria
            sheet.cutoff = named.cutoff_score
        target = args.guideline or args.criteria
        compared = _guideline(target) if target else \
            _repo_guideline(repo, sheet)
        if len(sheets) > 1 and args.format in ("text", "markdown"):
            print(("" if number == 0 else "\n") + f"== {repo.rel(path)}")
        sys.stdout.write(tabulate.FORMATS[args.format](
            tabulate.report(sheet, compared)))
    return EXIT_OK


def _repo_guideline(repo, sheet):  # -> model.Guideline | None
    """The repository's guideline a sheet scores, when there is one."""
    from interop.series import version_of
    for path in repo.sources():
        g = repo.load(path).guideline
        if g.program.name == sheet.program and \
                version_of(g) == str(sheet.guideline):
            return g
    return None


@command("import-scores")
def cmd_import_scores(args: argparse.Namespace) -> int:
    from interop.compiler import write_atomic
    from interop.repository import Repository, find_root
    from interop.scoring import sheet_tree
    from interop.worksheet import read_worksheet
    from interop.writer import dump
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
        print(finding.format(), file=sys.stderr)
    if result.errors:
        print(f"{args.out}: not written: {len(result.errors)} lines "
              "cannot be read", file=sys.stderr)
        return EXIT_ERROR
    text = dump(sheet_tree(result.sheet),
                f"Imported from {os.path.basename(args.worksheet)} by "
                "'interop import-scores'.")
    if os.path.lexists(args.out) and not args.force:
        with open(args.out, encoding="utf-8", errors="replace") as handle:
            if handle.read() != text:
                raise UsageError(f"{args.out} exists and differs: not "
                                 "overwritten (use --force)")
    write_atomic(args.out, text)
    print(f"{args.out}: {len(result.sheet.scores)} capabilities")
    return EXIT_FINDINGS if result.findings else EXIT_OK


@command("rules")
def cmd_rules(args: argparse.Namespace) -> int:
    from interop.checks import RULES
    if args.format == "json":
        print(json.dumps([{"code": r.code, "severity": r.severity,
                           "name": r.name, "doc": r.doc}
                          for r in RULES.values()], indent=2))
        return EXIT_OK
    for code in sorted(RULES):
        r = RULES[code]
        print(f"{code}  {r.severity:<7}  {r.name:<24}  {r.summary}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="interop",
        description="Author, check, compile and render interoperability "
                    "guidelines.",
        epilog="Exit codes: 0 all well, 1 findings or drift, 2 usage or "
               "input error.")
    top.add_argument("--version", action="version",
                     version=f"interop {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="published JSON (1.2-2.0) to YAML "
                       "sources")
    p.add_argument("files", nargs="+", metavar="FILE.json")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="repository folder to write the sources into")
    p.add_argument("--force", action="store_true",
                   help="replace existing sources that differ")

    p = sub.add_parser("compile", help="YAML sources to published JSON 2.0")
    p.add_argument("paths", nargs="*", metavar="FILE.yaml",
                   help="sources (default: every source in the repository)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if a published file differs")
    p.add_argument("--stdout", action="store_true",
                   help="print the published JSON of one source")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")

    p = sub.add_parser("check", help="run the rule catalogue")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="YAML sources or published JSON files (default: "
                   "every source in the repository)")
    p.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    p.add_argument("--fail-on", choices=("error", "warning", "info"),
                   default="error",
                   help="lowest severity that makes the exit code 1")
    p.add_argument("--select", action="append", metavar="CODE",
                   help="only rules whose code starts with this")
    p.add_argument("--show-suppressed", action="store_true",
                   help="show silenced findings in text output")
    p.add_argument("--baseline", action="append", metavar="FILE",
                   help="an earlier version of a checked guideline: an "
                   "approved guideline's tests must not have changed since "
                   "(repeatable)")
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")

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
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")

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

    p = sub.add_parser("rules", help="list the rule catalogue")
    p.add_argument("--format", choices=("text", "json"), default="text")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return EXIT_ERROR
    try:
        return COMMANDS[args.command](args)
    except LoadError as exc:
        print(exc.finding.format(), file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"interop {args.command}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into head and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
