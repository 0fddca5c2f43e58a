"""What every command shares: exit codes and the repository it works on."""
from __future__ import annotations

import argparse
from typing import Any

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def repo_of(args: argparse.Namespace) -> Any:
    """The repository a command works on (``--repo``, else ``.``)."""
    from interop.repository import Repository
    return Repository(getattr(args, "repo", None) or ".")
