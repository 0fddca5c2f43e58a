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










