"""What every command shares: exit codes and the repository it works on."""
from __future__ import annotations

import argparse
from typing import Any

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: the load error of a file that cannot be read at all (missing, a
#: directory, no permission): exit 2 wherever it is met
UNREADABLE = "E101"


def repo_of(args: argparse.Namespace) -> Any:
    """The repository a command works on (``--repo``, else ``.``)."""
    from interop.repository import Repository
    return Repository(getattr(args, "repo", None) or ".")


def repository_sources(repo: Any, command: str) -> list[str]:
    """Every source of ``repo``, or a UsageError when there is none: a
    command run outside a repository must not pass by checking nothing."""
    import os

    from interop.errors import UsageError
    paths = [os.path.join(repo.root, p) for p in repo.sources()]
    if not paths:
        raise UsageError(
            f"no guideline sources in {repo.root} (guidelines/*.yaml, "
            "add-ons/*/*.yaml, verticals/*/*.yaml): run it in a guideline "
            f"repository, give --repo DIR, or name the files to {command}")
    return paths
