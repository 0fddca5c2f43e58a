"""Commands on tests: tests index/verify, testlist, comply."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from interop.cli.base import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    UNREADABLE,
    FormatNames,
    add_repo,
    repo_of,
    repository_sources,
    warn,
)
from interop.errors import UsageError
from interop.text import terminal


def _cache(repo: Any) -> Callable[[], str]:
    """The index cache, asked for when needed (a warning on standard
    error for one in the checkout)."""
    from interop.tempest.report import index_cache
    return lambda: index_cache(repo.root, warn)


def cmd_lock(args: argparse.Namespace) -> int:
    """``interop tests lock``: write, refresh or accept in the locks."""
    from interop.tempest.relock import lock_programs
    repo = repo_of(args)
    for line in lock_programs(repo, args.programs, args.accept,
                              args.reason or "", args.by, args.refresh,
                              _cache(repo)):
        print(line)
    return EXIT_OK


def cmd_tests(args: argparse.Namespace) -> int:
    import time

    from interop.tempest import index as tempest
    repo = repo_of(args)
    started = time.perf_counter()
    index = tempest.load(_cache(repo)(), refresh=getattr(args, "refresh",
                                                          False))
    took = time.perf_counter() - started
    if not index.packages and args.action != "verify":
        raise UsageError("Tempest is not installed: pip install tempest "
                         "(and the plugins of the add-ons you verify)")
    if args.action == "index":
        from interop.tempest.report import index_text
        text, note = index_text(index, args.format, took)
        sys.stdout.write(text)
        if note:
            print(note, file=sys.stderr)
        return EXIT_OK
    from interop.checks.formatters import FORMATTERS
    from interop.tempest.report import verify_summary
    from interop.tempest.verify import not_run, verify_files
    # the sources only: a baseline's tests are history, not a test list
    paths = args.paths or repository_sources(repo, "verify")
    # without Tempest, every guideline says its V rules were not run
    # (V005, info, shown), and the command could not run (exit 2): never
    # a pass, nor a failure, in silence
    findings = verify_files(paths, index, repo) if index.packages else \
        not_run(paths, repo)
    sys.stdout.write(FORMATTERS[args.format](findings, True))
    if not index.packages:
        print("interop tests verify: not run: Tempest is not installed",
              file=sys.stderr)
        return EXIT_ERROR
    if args.format == "text":
        print(verify_summary(paths, index.packages.values(), len(findings)),
              file=sys.stderr)
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


def cmd_testlist(args: argparse.Namespace) -> int:
    from interop.refstack.lists import testlist_lines
    from interop.tempest.suite import InstalledSuite
    for line in testlist_lines(args.guideline, args.target, args.type,
                               args.alias, args.flag, args.format,
                               args.credentials, InstalledSuite(), warn):
        print(terminal(line))
    return EXIT_OK


def cmd_comply(args: argparse.Namespace) -> int:
    if args.profile or args.format == "scs":
        if not (args.profile and args.format == "scs"):
            raise UsageError("--profile and --format scs go together")
        from interop.cli.consumers import comply_scs
        return comply_scs(args)
    from interop.refstack.lists import judged
    passed, text, note = judged(args.guideline, args.results,
                                args.results_format, args.target,
                                args.match_ids, args.format)
    sys.stdout.write(text)
    if note:
        print(note, file=sys.stderr)
    return EXIT_OK if passed else EXIT_FINDINGS


def _register_lock(tests: Any) -> None:
    q = tests.add_parser("lock", help="write each program's test lock "
                         "(criteria/locks/PROGRAM.json), or accept a "
                         "reviewed change of a suspect test")
    q.add_argument("programs", nargs="*", metavar="PROGRAM",
                   help="programs to lock (default: every program)")
    q.add_argument("--refresh", action="store_true",
                   help="fingerprint every test anew (a new pinned set)")
    q.add_argument("--accept", metavar="TEST",
                   help="accept the installed code of a suspect test")
    q.add_argument("--reason", help="what the review of --accept found")
    q.add_argument("--by", default="the Interop Working Group",
                   help="who reviewed it (default: the Working Group)")
    add_repo(q)
    q.set_defaults(run=cmd_lock)


def _register_tests(sub: Any) -> None:
    p = sub.add_parser("tests", help="the installed Tempest tests: index "
                       "them, verify guidelines against them")
    tests = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = tests.add_parser("index", help="index installed Tempest and plugins "
                         "(cached until they change)")
    q.add_argument("--refresh", action="store_true",
                   help="rebuild the index even if the cache is current")
    q.add_argument("--format", choices=("text", "json"), default="text")
    add_repo(q)
    q = tests.add_parser("verify", help="look up every test of guidelines "
                         "in the index")
    q.add_argument("paths", nargs="*", metavar="GUIDELINE",
                   help="sources or published JSON (default: every source "
                   "in the repository)")
    q.add_argument("--format", choices=FormatNames(), default="text")
    add_repo(q)
    _register_lock(tests)
    p.set_defaults(run=cmd_tests)


def _register_testlist(sub: Any) -> None:
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


def _register_comply(sub: Any) -> None:
    p = sub.add_parser("comply", help="judge a test run against a "
                       "guideline, as RefStack does")
    p.add_argument("results", metavar="RESULTS", nargs="+",
                   help="a subunit v2 or v1 stream, a .stestr repository, "
                   "RefStack's results JSON, JUnit XML, Xtesting's results "
                   "(JSON lines), or a list of passed tests; several are "
                   "judged as one run (a vertical's Tempest and Xtesting "
                   "runs)")
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
                            "json", "junit", "list", "xtesting"),
                   help="the format of RESULTS (default: told from its "
                   "content)")
    p.set_defaults(run=cmd_comply)


def register(sub: Any) -> None:
    _register_tests(sub)
    _register_testlist(sub)
    _register_comply(sub)
