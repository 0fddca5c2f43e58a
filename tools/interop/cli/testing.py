"""Commands on tests: tests index/verify/lock, testlist, comply, and
``export scs`` for the programs that use a guideline their own way
(the library: :mod:`interop.refstack.runtime`)."""
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
from interop.workflow.writing import writing


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
        return comply_scs(args)
    from interop.refstack.lists import judged
    passed, text, said = judged(args.guideline, args.results,
                                args.results_format, args.target,
                                args.match_ids, args.format)
    return told(text, note(said), EXIT_OK if passed else EXIT_FINDINGS)


def cmd_export(args: argparse.Namespace) -> int:
    from interop.refstack import runtime
    from interop.tempest.suite import InstalledSuite
    profile, root, out, files = runtime.export_plan(
        args.profile, args.out, InstalledSuite(), warn)
    if args.check:
        stale = runtime.stale_files(out, files)
        return told("", "".join(f"{path}: out of date: interop export scs "
                                f"{args.profile}\n" for path in stale),
                    EXIT_FINDINGS if stale else EXIT_OK)
    with writing(root):
        runtime.write_export(out, files)
    return told("", f"{out}: {len(files)} files ({profile.id})\n")


def comply_scs(args: argparse.Namespace) -> int:
    """``comply RESULTS --profile P --format scs``: SCS's line on stdout,
    the counts on stderr; ABORT (exit 1) for a run that cannot be read."""
    from interop.refstack.runtime import scs_judgement
    from interop.tempest.suite import InstalledSuite
    line, said = scs_judgement(args.profile, args.results,
                               args.results_format, InstalledSuite(), warn)
    return told(f"{line}\n", f"{said}\n",
                EXIT_OK if line.endswith("PASS") else EXIT_FINDINGS)
