"""Commands that check guidelines: check, rules."""
from __future__ import annotations

import argparse
import sys
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
)

def cmd_check(args: argparse.Namespace) -> int:
    from interop.checks import load_config, repository_files
    from interop.checks.formatters import failing, report
    from interop.refstack.consumers import (
        check_profiles,
        is_profile,
        profile_paths,
    )
    from interop.tempest.relock import lock_check
    from interop.workflow.baselines import check_with_baselines
    repo = repo_of(args)
    config = load_config(repo.root, args.config)
    # no sources at all is exit 2 (a repository's files: its sources,
    # baselines and published files, otherwise); profiles aside
    profiles = [p for p in args.paths or () if is_profile(p)]
    paths = [p for p in args.paths or () if not is_profile(p)] if \
        args.paths else (repository_sources(repo, "check") and
                         repository_files(repo))
    findings = check_with_baselines(paths, repo, args.select, args.baseline,
                                    args.jobs, config)
    more = lock_check(paths, repo, args.select)
    if profiles or not args.paths:  # consumer profiles (all by default)
        profiles = profiles or profile_paths(repo.root)
        more += check_profiles(repo.root, profiles, args.select)
        paths = paths + profiles
    if more:
        findings = sorted(findings + more, key=lambda f: f.sort_key())
    report(findings, args.format, len(paths),
           show_suppressed=args.show_suppressed, show_info=args.show_info,
           fail_on=args.fail_on, output_file=args.output_file)
    if any(f.code in UNREADABLE for f in findings):
        return EXIT_ERROR  # a file that cannot be read is not a finding
    return EXIT_FINDINGS if failing(findings, args.fail_on) else EXIT_OK


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
