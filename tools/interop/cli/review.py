"""Commands on changes: diff, review."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from interop.cli.base import EXIT_FINDINGS, EXIT_OK, add_repo, put
from interop.errors import UsageError
from interop.text import markdown, terminal


def _guideline_at(spec: str) -> tuple[Any, Any]:
    """(guideline, repository) for ``path`` or ``REV:path``."""
    from interop.load.anyform import guideline_from_text
    from interop.load.source import read_text
    from interop.repository import Repository, find_root, named_file
    from interop.workflow import gitrepo
    at_rev = ":" in spec and not os.path.exists(spec)
    rev, _, path = spec.rpartition(":") if at_rev else ("", "", spec)
    if at_rev:
        repo = gitrepo.open_repo(".")
        rel = os.path.relpath(os.path.abspath(path), repo.working_tree_dir)
        text = gitrepo.read_at(repo, gitrepo.resolve(repo, rev), rel)
        if text is None:
            raise UsageError(f"{path} does not exist at {rev}")
    else:
        text = read_text(named_file(path))
    shown = f"{rev}:{path}" if at_rev else path
    return guideline_from_text(text, path, shown), \
        Repository(find_root(path))


def _program(g: Any) -> str:
    kind, name = g.program.kind, g.program.name
    return "OpenStack Powered" if kind == "powered" else f"the {kind} {name}"


def cmd_diff(args: argparse.Namespace) -> int:
    from interop.workflow.diff import diff
    old, _ = _guideline_at(args.old)
    new, repo = _guideline_at(args.new)
    from interop.series import program_of
    if program_of(old) != program_of(new):
        shown = markdown if args.format == "markdown" else terminal
        print(shown(f"warning: {args.old} is a guideline of "
                    f"{_program(old)} and {args.new} of {_program(new)}: "
                    "the changes below compare two different programs"),
              file=sys.stderr)
    changes = diff(old, new, ctx=repo)
    if args.format == "json":
        print(json.dumps([c.as_dict() for c in changes], indent=2))
    elif args.format == "markdown":  # ids and names are literal text
        print(f"### {markdown(old.id)} → {markdown(new.id)}\n")
        print("\n".join(f"- {markdown(c.message)}" for c in changes)
              or "No changes.")
    else:
        print("\n".join(terminal(c.message) for c in changes)
              or "No changes.")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from interop.workflow.review import FORMATS, gerrit, review
    if args.robot_comments and args.format != "gerrit":
        raise UsageError("--robot-comments goes with --format gerrit")
    from interop.tempest.locking import review_suspects
    rv = review(args.repo or ".", args.rev, args.base, review_suspects)
    text = json.dumps(gerrit(rv, robot=True), indent=2) + "\n" if \
        args.robot_comments else FORMATS[args.format](rv)
    if args.format == "gerrit":
        # the submissions the change touches, labelled as certify labels
        # them: the vote says it; the exit code stays the guidelines'
        # (the interop-certify job fails on a submission of its own)
        from interop.workflow.labels import with_labels
        certs, findings = _certifications(args)
        text = json.dumps(with_labels(json.loads(text), certs, findings),
                          indent=2) + "\n"
    # a file name that is not UTF-8 keeps its bytes as surrogates
    # (os.fsdecode); shown as \udcXX escapes, not a UnicodeEncodeError
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    put(text, args.output)
    return EXIT_FINDINGS if rv.errors else EXIT_OK


def _certifications(args: argparse.Namespace
                    ) -> tuple[list[dict[str, Any]], list[str]]:
    """The certifications of the submissions the change touches, and its
    N003 finding, as plain data."""
    from interop.cli.base import repo_of
    from interop.refstack.certify import certify
    from interop.refstack.changes import changed_submissions
    from interop.workflow.gitrepo import files_of_commit
    repo = repo_of(args)
    folders, findings = changed_submissions(
        repo, files_of_commit(repo.root, args.rev, args.base))
    return ([certify(repo, f).as_dict() for f in folders],
            [f.format() for f in findings])


def register(sub: Any) -> None:
    p = sub.add_parser("diff", help="what changed between two guidelines, "
                       "in the domain's words")
    p.add_argument("old", metavar="OLD",
                   help="a source or published file, or REV:path")
    p.add_argument("new", metavar="NEW",
                   help="a source or published file, or REV:path")
    p.add_argument("--format", choices=("text", "markdown", "json"),
                   default="text")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser("review", help="review a change (a commit, a Gerrit "
                       "patch set): what it does to each guideline, and "
                       "its process findings")
    p.add_argument("rev", nargs="?", default="HEAD", metavar="REV",
                   help="the change's commit (default HEAD)")
    p.add_argument("--base", metavar="REV",
                   help="compare with this revision (default: REV's "
                   "parent)")
    p.add_argument("--format", default="text",
                   choices=("text", "markdown", "json", "gerrit"),
                   help="gerrit: a ReviewInput for 'ssh gerrit review "
                   "--json' or the REST API")
    p.add_argument("--robot-comments", action="store_true",
                   help="with --format gerrit: robot_comments instead of "
                   "comments, for Gerrit older than 3.13")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write the report to FILE instead of standard "
                   "output")
    add_repo(p)
    p.set_defaults(run=cmd_review)
