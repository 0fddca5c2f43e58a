"""Commands on tests: tests index/verify, testlist, comply."""
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
    UNREADABLE,
    repo_of,
    repository_sources,
)
from interop.cli.checking import FORMATTERS
from interop.errors import LoadError, UsageError
from interop.text import terminal


def _cache(repo) -> str:
    return os.path.join(repo.root, ".interop-cache")


def cmd_tests(args: argparse.Namespace) -> int:
    import time

    from interop.tempest import index as tempest
    repo = repo_of(args)
    started = time.perf_counter()
    index = tempest.load(_cache(repo), refresh=getattr(args, "refresh",
                                                        False),
                         root=repo.root)
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
            print(terminal(f"{p.name:<28} {p.distribution} "
                           f"{p.version:<10} {state}"))
        print(f"{len(index.tests)} tests, {len(index.by_id)} ids, in "
              f"{took:.2f} s", file=sys.stderr)
        return EXIT_OK
    from interop.tempest.verify import verify_files
    # the sources only: a baseline's tests are history, not a test list
    paths = args.paths or repository_sources(repo, "verify")
    findings = verify_files(paths, index, repo)
    sys.stdout.write(FORMATTERS[args.format](findings, True))
    if args.format == "text":
        print(terminal(f"{len(paths)} guidelines verified against "
                       + ", ".join(f"{p.distribution} {p.version}"
                                   for p in index.packages.values())
                       + f": {len(findings)} findings"), file=sys.stderr)
    if any(f.code in UNREADABLE for f in findings):
        return EXIT_ERROR  # a guideline that cannot be read at all
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) \
        else EXIT_OK


def _bool(text: str) -> bool:
    if text.lower() in ("true", "yes", "1"):
        return True
    if text.lower() in ("false", "no", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")


def _published_root(path: str) -> str:
    """The folder that holds a published file's Powered guidelines:
    ``X.json``, ``add-ons/X.json``, ``guidelines/X.json`` or
    ``add-ons/guidelines/X.json`` all lead to the repository's top."""
    folder = os.path.dirname(path)
    if os.path.basename(folder) == "guidelines":
        folder = os.path.dirname(folder)
    if os.path.basename(folder) in ("add-ons", "verticals"):
        folder = os.path.dirname(folder)
    return folder


def published_document(path: str) -> tuple[dict, dict[str, dict]]:
    """A guideline's published form (a source is compiled), and the
    published files beside it, by name, for components it takes from
    another guideline."""
    import glob

    from interop.files import confined
    from interop.load.jsonsource import load_json, load_json_file
    from interop.publish.outputs import compile_text
    from interop.repository import Repository, find_root, named_file
    if path.endswith(".json"):
        doc = load_json_file(named_file(path))
        root = _published_root(os.path.abspath(path))
    else:
        repo = Repository(find_root(path))
        doc = load_json(compile_text(path, repo), path)
        root = repo.root
    if not isinstance(doc, dict):
        raise UsageError(f"{path}: not a guideline")
    others = {}
    # Powered guidelines: at the top in the published layout up to 2020.06
    # (the corpus), in guidelines/ where RefStack 2.1.0 reads them
    for other in glob.glob(os.path.join(root, "*.json")) + glob.glob(
            os.path.join(root, "guidelines", "*.json")):
        try:
            others[os.path.basename(other)] = load_json_file(
                confined(other, root))
        except LoadError:
            continue
    return doc, others


def cmd_testlist(args: argparse.Namespace) -> int:
    from interop.refstack.testlist import TYPES, test_list
    # RefStack: no type, or an empty one, lists every status
    types = [t.strip() for t in (args.type or "").split(",") if t.strip()]
    unknown = [t for t in types if t not in TYPES]
    if unknown:
        raise UsageError(f"unknown type {', '.join(unknown)}: use "
                         f"{', '.join(TYPES)}")
    doc, others = published_document(args.guideline)
    if args.format == "refstack" and args.credentials == "any":
        lines = test_list(doc, args.target, types, args.alias, args.flag,
                          others)
    else:
        from interop.cli.consumers import runtime_lines
        from interop.refstack.runlist import render
        found = runtime_lines(doc, others, args.target, types, args.flag,
                              args.credentials, args.guideline)
        if args.format == "refstack":  # RefStack's form, fewer tests
            lines = [t for t in test_list(doc, args.target, types,
                                          args.alias, args.flag, others)
                     if _named(t, found)]
        else:
            lines = render(found.values(), args.format)
    for line in lines:
        print(terminal(line))
    return EXIT_OK


def _named(line: str, kept: dict[str, str]) -> bool:
    """Whether a RefStack list line is a kept test, or an alias (same
    idempotent id) of one."""
    from interop.refstack.results import split_name
    name, test_id = split_name(line)
    return name in kept or (test_id is not None and test_id in {
        split_name(v)[1] for v in kept.values()})


def cmd_comply(args: argparse.Namespace) -> int:
    from interop.refstack import comply
    from interop.refstack.results import load
    if args.profile or args.format == "scs":
        if not (args.profile and args.format == "scs"):
            raise UsageError("--profile and --format scs go together")
        from interop.cli.consumers import comply_scs
        return comply_scs(args)
    doc, others = published_document(args.guideline)
    found = load(args.results, args.results_format)
    verdicts = comply.verdict(doc, found, args.target, others,
                              args.match_ids)
    if args.format == "json":
        print(json.dumps(comply.report(doc, found, verdicts), indent=2))
    else:
        sys.stdout.write("".join(v.text() for v in verdicts))
        print(terminal(f"{args.results} ({found.format}: {found.tests} "
                       f"tests, {len(found.names)} passed) judged against "
                       f"{comply.guideline_id(doc) or args.guideline}"),
              file=sys.stderr)
    return EXIT_OK if all(v.passed for v in verdicts) else EXIT_FINDINGS


def register(sub: Any) -> None:
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
    p.set_defaults(run=cmd_tests)

    p = sub.add_parser("testlist", help="the test list RefStack gives for "
                       "a guideline and target")
    p.add_argument("guideline", metavar="GUIDELINE",
                   help="a source or a published JSON file (1.2 to 2.0)")
    p.add_argument("--target", default="platform",
                   help="platform, compute, object, or an add-on's target "
                   "(dns, orchestration, key_manager, ...); default "
                   "platform, as RefStack's")
    p.add_argument("--type", default=None,
                   help="statuses, comma-separated: required, advisory, "
                   "deprecated, removed (default: every status, as "
                   "RefStack's)")
    p.add_argument("--alias", type=_bool, default=True, metavar="BOOL",
                   help="list aliases too (default true)")
    p.add_argument("--flag", type=_bool, default=True, metavar="BOOL",
                   help="list flagged tests too (default true)")
    p.add_argument("--format", default="refstack",
                   choices=("refstack", "load-list", "regex"),
                   help="refstack: name[id] as RefStack lists them "
                   "(default); load-list: the installed suite's runtime "
                   "ids, for tempest run --load-list; regex: anchored "
                   "patterns, for --include-list")
    p.add_argument("--credentials", default="any",
                   choices=("any", "non-admin"),
                   help="non-admin: only tests that need no admin role, "
                   "as the test index knows them (default any)")
    p.set_defaults(run=cmd_testlist)

    p = sub.add_parser("comply", help="judge a test run against a "
                       "guideline, as RefStack does")
    p.add_argument("results", metavar="RESULTS",
                   help="a subunit v2 or v1 stream, a .stestr repository, "
                   "RefStack's results JSON, JUnit XML, or a list of "
                   "passed tests")
    judged = p.add_mutually_exclusive_group(required=True)
    judged.add_argument("--guideline", metavar="GUIDELINE",
                        help="a source or a published JSON file (1.2 to "
                        "2.0)")
    judged.add_argument("--profile", metavar="PROFILE",
                        help="a consumer profile (consumers/NAME.yaml), "
                        "with --format scs")
    p.add_argument("--target", help="platform, compute, object, or an "
                   "add-on's target (default: every target it offers)")
    p.add_argument("--match-ids", action="store_true",
                   help="also count a required test passed under another "
                   "name with the same idempotent id (RefStack does not)")
    p.add_argument("--format", choices=("text", "json", "scs"),
                   default="text", help="scs: '<testcase>: PASS|FAIL|"
                   "ABORT' for a profile, counts on stderr")
    p.add_argument("--results-format", default="auto",
                   choices=("auto", "subunit", "subunit-v1", "stestr",
                            "json", "junit", "list"),
                   help="the format of RESULTS (default: told from its "
                   "content)")
    p.set_defaults(run=cmd_comply)
