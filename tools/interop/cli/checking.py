"""Commands that check guidelines: check, rules."""
from __future__ import annotations

import argparse

from interop.cli.base import exit_of, repo_of, repository_sources, told


def cmd_check(args: argparse.Namespace) -> int:
    from interop.checks import load_config, repository_files
    from interop.checks.formatters import failing, report, shows_info
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
    # info findings only counted need no place (placing is what costs)
    findings = check_with_baselines(
        paths, repo, args.select, args.baseline, args.jobs, config,
        shows_info(args.format, args.show_info, args.fail_on))
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
    return exit_of(findings, failing(findings, args.fail_on))


def cmd_rules(args: argparse.Namespace) -> int:
    from interop.checks import RULES
    from interop.checks.catalogue import listing
    from interop.refstack.profilerules import RULES as PROFILES
    # consumer profiles' rules too
    return told(listing({**RULES, **PROFILES}, args.format))
