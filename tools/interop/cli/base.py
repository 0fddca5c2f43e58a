"""What every command shares: exit codes and the repository it works on."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from interop.errors import Finding

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: the load errors of a file that cannot be read at all (missing, no
#: permission, a link out of the tree, a folder or a FIFO): exit 2
#: wherever one is met
UNREADABLE = frozenset({"E101", "E160", "E161"})


def repo_of(args: argparse.Namespace) -> Any:
    """The repository a command works on (``--repo``, else ``.``)."""
    from interop.repository import Repository
    return Repository(getattr(args, "repo", None) or ".")


def repository_sources(repo: Any, command: str) -> list[str]:
    """Every source of ``repo``, or a UsageError when there is none: a
    command run outside a repository must not pass by checking nothing."""

    from interop.errors import UsageError
    paths = [os.path.join(repo.root, p) for p in repo.sources()]
    if not paths:
        raise UsageError(
            f"no guideline sources in {repo.root} (guidelines/*.yaml, "
            "add-ons/*/*.yaml, verticals/*/*.yaml): run it in a guideline "
            f"repository, give --repo DIR, or name the files to {command}")
    return paths


def warn(text: str) -> None:
    """A note for the person running the command, on standard error."""
    print(text, file=sys.stderr)


def put(text: str, output: str | None) -> None:
    """A report to the file ``output`` (``--output``), else to standard
    output.  A file of its own, so that a job reads the report and
    nothing that tox or a shell printed around it; written whole, or not
    at all (E162, exit 2, when it cannot be written)."""
    if output:
        from interop.files import write_atomic
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def told(out: str, err: str = "", code: int = EXIT_OK) -> int:
    """Write a command's report to standard output and its notes to
    standard error; its exit code."""
    sys.stdout.write(out)
    sys.stderr.write(err)
    return code


def note(text: str | None) -> str:
    """A note as ``told`` writes it: a line, or nothing."""
    return f"{text}\n" if text else ""


def exit_of(findings: Iterable[Finding], failed: Sequence[Finding]) -> int:
    """The exit code of a run that found ``findings``, ``failed`` of them
    failing it: a file that cannot be read is not a finding (exit 2)."""
    if any(f.code in UNREADABLE for f in findings):
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK
