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
    reports = []
    for path in sheets:
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
        reports.append((path, tabulate.report(sheet, compared)))
    if args.format == "json" and len(reports) > 1:
        print(json.dumps([r.as_dict() for _, r in reports], indent=2))
        return EXIT_OK
    for number, (path, rep) in enumerate(reports):
        if len(reports) > 1 and args.format != "json":
            print(("" if number == 0 else "\n") + f"== {repo.rel(path)}")
        sys.stdout.write(tabulate.FORMATS[args.format](rep))
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


def _cache(repo) -> str:
    return os.path.join(repo.root, ".interop-cache")


@command("tests")
def cmd_tests(args: argparse.Namespace) -> int:
    import time

    from interop import tempest
    repo = _repo(args)
    started = time.perf_counter()
    index = tempest.load(_cache(repo), refresh=getattr(args, "refresh",
                                                        False))
    took = time.perf_counter() - started
    if not index.packages:
        raise UsageError("Tempest is not installed: pip install tempest "
                         "(and the plugins of the add-ons you verify)")
    if args.action == "index":
        if args.format == "json":
            print(json.dumps(index.as_dict(), indent=2))
            return EXIT_OK
        for p in index.packages.values():
            count = sum(1 for t in index.tests.values()
                        if t.package == p.name)
            state = f"error: {p.error}" if p.error else f"{count} tests"
            print(f"{p.name:<28} {p.distribution} {p.version:<10} {state}")
        print(f"{len(index.tests)} tests, {len(index.by_id)} ids, in "
              f"{took:.2f} s", file=sys.stderr)
        return EXIT_OK
    from interop.checks import repository_files
    from interop.verify import verify_files
    paths = args.paths or repository_files(repo)
    findings = verify_files(paths, index, repo)
    sys.stdout.write(FORMATTERS[args.format](findings, True))
    if args.format == "text":
        print(f"{len(paths)} guidelines verified against "
              + ", ".join(f"{p.distribution} {p.version}"
                          for p in index.packages.values())
              + f": {len(findings)} findings", file=sys.stderr)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) \
        else EXIT_OK


def _bool(text: str) -> bool:
    if text.lower() in ("true", "yes", "1"):
        return True
    if text.lower() in ("false", "no", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")


def published_document(path: str) -> tuple[dict, dict[str, dict]]:
    """A guideline's published form (a source is compiled), and the
    published files beside it, by name, for components it takes from
    another guideline."""
    import glob

    from interop.publish import compile_text
    from interop.repository import Repository, find_root
    from interop.source import load_json, load_json_file
    if path.endswith(".json"):
        doc = load_json_file(path)
        root = os.path.dirname(os.path.dirname(os.path.abspath(path))) \
            if os.path.basename(os.path.dirname(path)) in (
                "add-ons", "verticals") else os.path.dirname(
                    os.path.abspath(path))
    else:
        repo = Repository(find_root(path))
        doc = load_json(compile_text(path, repo), path)
        root = repo.root
    if not isinstance(doc, dict):
        raise UsageError(f"{path}: not a guideline")
    others = {}
    for other in glob.glob(os.path.join(root, "*.json")):
        try:
            others[os.path.basename(other)] = load_json_file(other)
        except LoadError:
            continue
    return doc, others


@command("testlist")
def cmd_testlist(args: argparse.Namespace) -> int:
    from interop.refstack import TYPES, test_list
    types = [t.strip() for t in args.type.split(",") if t.strip()]
    unknown = [t for t in types if t not in TYPES]
    if unknown:
        raise UsageError(f"unknown type {', '.join(unknown)}: use "
                         f"{', '.join(TYPES)}")
    doc, others = published_document(args.guideline)
    for line in test_list(doc, args.target, types, args.alias, args.flag,
                          others):
        print(line)
    return EXIT_OK


@command("comply")
def cmd_comply(args: argparse.Namespace) -> int:
    from interop import comply
    from interop.results import load
    doc, others = published_document(args.guideline)
    found = load(args.results, args.results_format)
    verdicts = comply.verdict(doc, found, args.target, others)
    if args.format == "json":
        print(json.dumps(comply.report(doc, found, verdicts), indent=2))
    else:
        sys.stdout.write("".join(v.text() for v in verdicts))
        print(f"{args.results} ({found.format}: {found.tests} tests, "
              f"{len(found.names)} passed) judged against "
              f"{comply.guideline_id(doc) or args.guideline}",
              file=sys.stderr)
    return EXIT_OK if all(v.passed for v in verdicts) else EXIT_FINDINGS


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

    p = sub.add_parser("tests", help="the installed Tempest tests: index "
                       "them, verify guidelines against them")
    tests = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = tests.add_parser("index", help="index installed Tempest and plugins "
                         "(cached until they change)")
    q.add_argument("--refresh", action="store_true",
                   help="rebuild the index even if the cache is current")
    q.add_argument("--format", choices=("text", "json"), default="text")
    q.add_argument("--repo", metavar="DIR", help="repository (default .)")
    q = tests.add_parser("verify", help="look up every test of guidelines "
                         "in the index")
    q.add_argument("paths", nargs="*", metavar="GUIDELINE",
                   help="sources or published JSON (default: every source "
                   "in the repository)")
    q.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    q.add_argument("--repo", metavar="DIR", help="repository (default .)")

    p = sub.add_parser("testlist", help="the test list RefStack gives for "
                       "a guideline and target")
    p.add_argument("guideline", metavar="GUIDELINE",
                   help="a source or a published JSON file (1.2 to 2.0)")
    p.add_argument("--target", default="platform",
                   help="platform, compute, object, or an add-on's name "
                   "(default platform)")
    p.add_argument("--type", default="required",
                   help="statuses, comma-separated (default required)")
    p.add_argument("--alias", type=_bool, default=True, metavar="BOOL",
                   help="list aliases too (default true)")
    p.add_argument("--flag", type=_bool, default=True, metavar="BOOL",
                   help="list flagged tests too (default true)")

    p = sub.add_parser("comply", help="judge a test run against a "
                       "guideline, as RefStack does")
    p.add_argument("results", metavar="RESULTS",
                   help="a subunit v2 stream, RefStack's results JSON, "
                   "JUnit XML, or a list of passed tests")
    p.add_argument("--guideline", required=True, metavar="GUIDELINE",
                   help="a source or a published JSON file (1.2 to 2.0)")
    p.add_argument("--target", help="platform, compute, object, or an "
                   "add-on's name (default: every target it offers)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--results-format", default="auto",
                   choices=("auto", "subunit", "json", "junit", "list"),
                   help="the format of RESULTS (default: told from its "
                   "content)")

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
