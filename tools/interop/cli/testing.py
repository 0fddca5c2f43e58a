"""Commands on tests: tests index/verify/lock, testlist, comply."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from interop.cli.base import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    exit_of,
    note,
    repo_of,
    repository_sources,
    told,
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
        print(line)  # as each program is written
    return EXIT_OK


def cmd_tests(args: argparse.Namespace) -> int:
    import time

    from interop.tempest import index as tempest
    from interop.tempest.report import index_text, verify_report
    repo = repo_of(args)
    started = time.perf_counter()
    index = tempest.load(_cache(repo)(), refresh=getattr(args, "refresh",
                                                          False))
    took = time.perf_counter() - started
    if not index.packages and args.action != "verify":
        raise UsageError("Tempest is not installed: pip install tempest "
                         "(and the plugins of the add-ons you verify)")
    if args.action == "index":
        text, said = index_text(index, args.format, took)
        return told(text, note(said))
    # the sources only: a baseline's tests are history, not a test list
    paths = args.paths or repository_sources(repo, "verify")
    out, err, findings = verify_report(paths, index, repo, args.format)
    if not index.packages:  # the command could not run
        return told(out, err, EXIT_ERROR)
    return told(out, err, exit_of(findings, [
        f for f in findings if f.severity == "error"]))


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
    passed, text, said = judged(args.guideline, args.results,
                                args.results_format, args.target,
                                args.match_ids, args.format)
    return told(text, note(said), EXIT_OK if passed else EXIT_FINDINGS)
