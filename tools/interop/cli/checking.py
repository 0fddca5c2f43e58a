"""Commands that check guidelines (check, rules), and the formats findings
are printed in."""
from __future__ import annotations

import argparse
import json
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
)
from interop.errors import Finding
from interop.text import terminal

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
        # the severity in words: an info line must not read as a warning
        line = (f"{f.path}:{f.line}:{f.col}: {f.code} {f.severity}: "
                f"{f.message}") + (f" [{where}]" if where else "")
        if f.suppressed is not None:
            line += f" (silenced: {f.suppressed})"
        lines.append(terminal(line))
    return "".join(line + "\n" for line in lines)


@formatter("json")
def _json(findings: list[Finding], show_suppressed: bool) -> str:
    return json.dumps([f.as_dict() for f in findings], indent=2) + "\n"


def _gh_data(text: object) -> str:
    """A workflow command's message, escaped as @actions/core escapes it
    (toolkit/packages/core/src/command.ts, escapeData); other control
    characters are shown as escapes, since the log is a terminal."""
    return terminal(str(text).replace("%", "%25").replace("\r", "%0D")
                    .replace("\n", "%0A"))


def _gh_property(text: object) -> str:
    """A workflow command's property value (escapeProperty): ``:`` and
    ``,`` would end the value."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


@formatter("github")
def _github(findings: list[Finding], show_suppressed: bool) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in findings:
        if f.suppressed is not None:
            continue
        props = {"file": f.path, "line": str(f.line or 1),
                 "col": str(f.col or 1), "title": f.code}
        joined = ",".join(f"{k}={_gh_property(v)}" for k, v in props.items())
        out.append(f"::{level[f.severity]} {joined}::"
                   f"{_gh_data(f.message)}\n")
    return "".join(out)


_RANK = {"info": 0, "warning": 1, "error": 2}


def cmd_check(args: argparse.Namespace) -> int:
    from interop.checks import check_files, load_config, repository_files
    from interop.repository import Repository
    from interop.workflow.gitrepo import committed
    repo = repo_of(args)
    config = load_config(repo.root, args.config)
    # no sources at all is exit 2 (a repository's files: its sources,
    # baselines and published files, otherwise)
    paths = args.paths or (repository_sources(repo, "check") and
                           repository_files(repo))
    if args.baseline:
        findings = check_files(paths, repo, args.select, args.baseline,
                               jobs=args.jobs, config=config)
    else:  # the committed versions are the baselines
        with committed(paths) as (baselines, root):
            findings = check_files(
                paths, repo, args.select, baselines, jobs=args.jobs,
                baseline_repo=Repository(root) if root else None,
                config=config)
    # info findings are counted, not listed, unless asked for: eleven
    # candidates on a sheet should not bury the one warning of a change
    hide = args.format == "text" and not args.show_info and \
        args.fail_on != "info"
    shown = [f for f in findings if f.severity != "info"] if hide \
        else findings
    hidden = [f for f in findings if f.severity == "info"] if hide else []
    sys.stdout.write(FORMATTERS[args.format](shown, args.show_suppressed))
    live = [f for f in findings if f.suppressed is None]
    failing = [f for f in live if _RANK[f.severity] >= _RANK[args.fail_on]]
    if args.format == "text":
        quiet = sum(1 for f in hidden if f.suppressed is None)
        summed = [f for f in live if f.omitted]
        more = f", {sum(f.omitted for f in summed):,} more summed up in " \
            f"{len(summed)}" if summed else ""
        print(f"{len(paths)} files checked: {len(live)} findings "
              f"({len(findings) - len(live)} silenced{more}"
              + (f", {quiet} info not shown: --show-info" if quiet else "")
              + ")", file=sys.stderr)
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
    if args.format == "json":
        print(json.dumps([{"code": r.code, "severity": r.severity,
                           "name": r.name, "doc": r.doc}
                          for r in RULES.values()], indent=2))
        return EXIT_OK
    for code in sorted(RULES):
        r = RULES[code]
        print(f"{code}  {r.severity:<7}  {r.name:<24}  {r.summary}")
    return EXIT_OK


def register(sub: Any) -> None:
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
    p.add_argument("--repo", metavar="DIR", help="repository (default .)")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("rules", help="list the rule catalogue")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_rules)
