"""Commands that check guidelines: check, rules."""
from __future__ import annotations

import argparse
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

_RANK = {"info": 0, "warning": 1, "error": 2}


def _maybe_in_git(paths: list[str]) -> bool:
    """Whether the files may have committed versions: the folder that
    ``committed`` opens (the first) is inside a git work tree, or git is
    told where one is.  Files outside git need no GitPython (a third of
    the start of a check of published files)."""
    if not paths or os.environ.get("GIT_DIR"):
        return bool(paths)
    folder = sorted(os.path.dirname(os.path.abspath(p)) for p in paths)[0]
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent


def cmd_check(args: argparse.Namespace) -> int:
    from interop.checks import check_files, load_config, repository_files
    from interop.refstack.consumers import check_profiles, is_profile
    from interop.repository import Repository
    repo = repo_of(args)
    config = load_config(repo.root, args.config)
    # no sources at all is exit 2 (a repository's files: its sources,
    # baselines and published files, otherwise); profiles aside
    profiles = [p for p in args.paths or () if is_profile(p)]
    paths = [p for p in args.paths or () if not is_profile(p)] if \
        args.paths else (repository_sources(repo, "check") and
                         repository_files(repo))
    if args.baseline or not _maybe_in_git(paths):
        findings = check_files(paths, repo, args.select, args.baseline or (),
                               jobs=args.jobs, config=config)
    else:  # the committed versions are the baselines
        from interop.workflow.gitrepo import committed
        with committed(paths) as (baselines, root):
            findings = check_files(
                paths, repo, args.select, baselines, jobs=args.jobs,
                baseline_repo=Repository(root) if root else None,
                config=config)
    from interop.tempest.lock import LOCKS
    # the fingerprinting (and the YAML reader it needs) is imported only
    # where a source of a locked repository is checked: a check of
    # published files stays at the floor
    if os.path.isdir(os.path.join(repo.root, LOCKS)) and \
            any(p.endswith(".yaml") for p in paths):
        from interop.tempest.locking import lock_findings
        findings = sorted(findings + lock_findings(paths, repo, args.select),
                          key=lambda f: f.sort_key())
    if profiles or not args.paths:  # consumer profiles (all by default)
        from interop.refstack.consumers import profile_paths
        profiles = profiles or profile_paths(repo.root)
        findings = sorted(findings + check_profiles(
            repo.root, profiles, args.select), key=lambda f: f.sort_key())
        paths = paths + profiles
    from interop.checks.formatters import report
    report(findings, args.format, len(paths),
           show_suppressed=args.show_suppressed, show_info=args.show_info,
           fail_on=args.fail_on, output_file=args.output_file)
    live = [f for f in findings if f.suppressed is None]
    failing = [f for f in live if _RANK[f.severity] >= _RANK[args.fail_on]]
    if any(f.code in UNREADABLE for f in findings):
        return EXIT_ERROR  # a file that cannot be read is not a finding
    return EXIT_FINDINGS if failing else EXIT_OK


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of "
                                         "processes (1 or more)")
    return int(text)


def cmd_rules(args: argparse.Namespace) -> int:
    from interop.checks import RULES
    from interop.checks.catalogue import listing
    from interop.refstack.profiles import RULES as PROFILES
    # consumer profiles' rules too
    sys.stdout.write(listing({**RULES, **PROFILES}, args.format))
    return EXIT_OK


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="run the rule catalogue")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="YAML sources or published JSON files (default: "
                   "every source in the repository)")
    p.add_argument("--format", choices=FormatNames(), default="text")
    p.add_argument("--output-file", metavar="FILE",
                   help="write the report to FILE (whole, or not at all) "
                   "instead of standard output")
    p.add_argument("--fail-on", choices=("error", "warning", "info"),
                   default="error",
                   help="lowest severity that makes the exit code 1")
    p.add_argument("--select", action="append", metavar="CODE",
                   help="only rules whose code starts with this")
    p.add_argument("--show-suppressed", action="store_true",
                   help="show silenced findings in text output")
    p.add_argument("--show-info", action="store_true",
                   help="show info findings in text output (by default "
                   "only counted)")
    p.add_argument("--baseline", action="append", metavar="FILE",
                   help="an earlier version of a checked guideline: an "
                   "approved guideline's tests must not have changed since "
                   "(repeatable; default: the versions committed in git)")
    p.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="processes to run the rules in (default: one per "
                   "core, at most 4; 1 for none); the findings are the "
                   "same")
    p.add_argument("--config", metavar="FILE",
                   help="the checker's configuration (default: the "
                   "repository's .interop.yaml, else [tool.interop] in "
                   "its pyproject.toml)")
    add_repo(p)
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("rules", help="list the rule catalogue")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_rules)
