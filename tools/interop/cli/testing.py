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
    add_repo,
    repo_of,
    FormatNames,
    repository_sources,
)
from interop.errors import UsageError
from interop.text import terminal


def __getattr__(name: str) -> Any:
    """``published_document`` lived here and moved to
    :mod:`interop.publish.layout`; the old name still imports, lazily, so
    that the CLI does not import the compiler to print its help."""
    if name == "published_document":
        from interop.publish.layout import published_document
        return published_document
    raise AttributeError(name)


def _cache(repo) -> str:
    """The index cache: the user's, outside the checkout; one found in
    the checkout is ignored, with a warning (a change can commit it)."""
    from interop.tempest.index import IN_TREE_CACHE, cache_folder
    if os.path.lexists(os.path.join(repo.root, IN_TREE_CACHE)):
        print(f"interop tests: warning: {IN_TREE_CACHE} in the checkout is "
              "ignored: the index is built from the installed Tempest and "
              f"cached in {terminal(cache_folder())}", file=sys.stderr)
    return cache_folder()


def cmd_lock(args: argparse.Namespace) -> int:
    """``interop tests lock``: write, refresh or accept in the locks."""
    from interop.files import locked
    from interop.tempest import index as tempest
    from interop.tempest import locking
    from interop.tempest.lock import read_lock, write_lock
    repo = repo_of(args)
    sources = locking.site_sources()
    if sources is None:
        raise UsageError("Tempest is not installed: pip install -e "
                         "'.[tempest]' (the pinned Tempest and plugins)")
    guidelines = repo.guidelines()
    programs = args.programs or sorted({g.program.name for g in guidelines})
    if args.accept and len(programs) != 1:
        programs = [g.program.name for g in guidelines if any(
            args.accept in (c.tests or {}) for c in g.iter_capabilities())
                    ][:1] or programs
    index = None if args.accept else tempest.load(_cache(repo))
    with locked(repo.root):
        for program in programs:
            old = read_lock(repo.root, program)
            cases = locking.listed_cases(guidelines, repo.root, program)
            if args.accept:
                if old is None:
                    raise UsageError(f"{program} has no lock: run interop "
                                     "tests lock first")
                lock = locking.accept(old, args.accept, sources,
                                      args.reason or "", args.by, cases)
            else:
                tests = locking.listed(guidelines, program)
                lock = locking.make_lock(program, tests, sources, index,
                                         old, args.refresh, cases)
            changed = write_lock(repo.root, lock)
            print(terminal(f"{program}: {len(lock.tests)} tests locked, "
                           f"{len(lock.accepted)} accepted"
                           + ("" if changed else " (unchanged)")))
    return EXIT_OK


def cmd_tests(args: argparse.Namespace) -> int:
    import time

    from interop.tempest import index as tempest
    repo = repo_of(args)
    started = time.perf_counter()
    index = tempest.load(_cache(repo), refresh=getattr(args, "refresh",
                                                        False))
    took = time.perf_counter() - started
    if not index.packages and args.action != "verify":
        raise UsageError("Tempest is not installed: pip install tempest "
                         "(and the plugins of the add-ons you verify)")
    if not index.packages:
        return _not_run(args, repo)
    if args.action == "index":
        from interop.tempest.locking import site_sources
        from interop.tempest.templates import resource_types
        sources = site_sources()
        types = resource_types(sources, list(index.tests)) if sources \
            else {}
        if args.format == "json":
            print(json.dumps(dict(index.as_dict(), resource_types=types),
                             indent=2))
            return EXIT_OK
        for p in index.packages.values():
            count = sum(1 for t in index.tests.values()
                        if t.package == p.name)
            state = f"error: {p.error}" if p.error else f"{count} tests"
            print(terminal(f"{p.name:<28} {p.distribution} "
                           f"{p.version:<10} {state}"))
        print(f"{len(index.tests)} tests, {len(index.by_id)} ids, in "
              f"{took:.2f} s; {len(types)} exercise Heat resource types "
              "(template-resource capabilities)", file=sys.stderr)
        return EXIT_OK
    from interop.checks.formatters import FORMATTERS
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


def _not_run(args: argparse.Namespace, repo: Any) -> int:
    """Verify without Tempest: every guideline says its V rules were not
    run (V005, info, shown), and the command could not run (exit 2):
    never a pass, nor a failure, in silence."""
    from interop.checks.formatters import FORMATTERS
    from interop.tempest.verify import not_run
    findings = not_run(args.paths or repository_sources(repo, "verify"),
                       repo)
    sys.stdout.write(FORMATTERS[args.format](findings, True))
    print("interop tests verify: not run: Tempest is not installed",
          file=sys.stderr)
    return EXIT_ERROR


def _bool(text: str) -> bool:
    if text.lower() in ("true", "yes", "1"):
        return True
    if text.lower() in ("false", "no", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")


def cmd_testlist(args: argparse.Namespace) -> int:
    from interop.publish.layout import published_document
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
        from interop.cli.consumers import warn
        from interop.refstack.runlist import render
        from interop.refstack.runtime import runtime_lines
        from interop.tempest.suite import InstalledSuite
        found = runtime_lines(doc, others, args.target, types, args.flag,
                              args.credentials, args.guideline,
                              InstalledSuite(), warn=warn)
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
    from interop.publish.layout import published_document
    from interop.refstack import comply
    from interop.refstack.results import load, merged
    if args.profile or args.format == "scs":
        if not (args.profile and args.format == "scs"):
            raise UsageError("--profile and --format scs go together")
        from interop.cli.consumers import comply_scs
        return comply_scs(args)
    doc, others = published_document(args.guideline)
    found = merged([load(path, args.results_format)
                    for path in args.results])
    standing_of = comply.standings(args.guideline, others)
    verdicts = comply.assess(doc, found, args.target, others,
                             args.match_ids, standing_of(doc), standing_of)
    if args.format == "json":
        report = comply.report(doc, found, [])
        report["passed"] = all(v.passed for v in verdicts)
        report["targets"] = [v.as_dict() for v in verdicts]
        print(json.dumps(report, indent=2))
    else:
        sys.stdout.write(comply.render_text(verdicts))
        print(terminal(f"{', '.join(args.results)} ({found.format}: "
                       f"{found.tests} "
                       f"tests, {len(found.names)} passed) judged against "
                       f"{comply.guideline_id(doc) or args.guideline}"),
              file=sys.stderr)
    return EXIT_OK if all(v.passed for v in verdicts) else EXIT_FINDINGS


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
