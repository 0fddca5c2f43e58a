"""``interop check`` over files with their baselines: the versions named,
else the versions committed in git (an approved guideline's tests must
not have changed since)."""
from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from interop.errors import Finding


def maybe_in_git(paths: Sequence[str]) -> bool:
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


def check_with_baselines(paths: list[str], repo: Any,
                         select: list[str] | None,
                         baseline: list[str] | None, jobs: int | None,
                         config: Any, place_info: bool = True
                         ) -> list[Finding]:
    """The catalogue's findings on ``paths``, against ``baseline`` when
    given, else against the versions committed in git (``place_info``:
    see :func:`interop.checks.check_files`)."""
    # looked up when called: a test may stand in for check_files
    from interop import checks
    if baseline or not maybe_in_git(paths):
        return checks.check_files(paths, repo, select, baseline or (),
                                  jobs=jobs, config=config,
                                  place_info=place_info)
    from interop.repository import Repository
    from interop.workflow.gitrepo import committed
    with committed(paths) as (baselines, root):
        return checks.check_files(
            paths, repo, select, baselines, jobs=jobs,
            baseline_repo=Repository(root) if root else None,
            config=config, place_info=place_info)
