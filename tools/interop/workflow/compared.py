"""``interop diff``: two guidelines read from files or from git
(``REV:path``), and what changed between them as text, markdown or
JSON."""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from interop.errors import UsageError
from interop.text import markdown, terminal


def guideline_at(spec: str) -> tuple[Any, Any]:
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


def compared(old_spec: str, new_spec: str, format: str,
             warn: Callable[[str], None]) -> str:
    """The changes from ``old_spec`` to ``new_spec``; ``warn`` is told
    first when they are guidelines of two programs."""
    from interop.series import program_of
    from interop.workflow.diff import diff
    old, _ = guideline_at(old_spec)
    new, repo = guideline_at(new_spec)
    if program_of(old) != program_of(new):
        shown = markdown if format == "markdown" else terminal
        warn(shown(f"warning: {old_spec} is a guideline of "
                   f"{_program(old)} and {new_spec} of {_program(new)}: "
                   "the changes below compare two different programs"))
    changes = diff(old, new, ctx=repo)
    if format == "json":
        text = json.dumps([c.as_dict() for c in changes], indent=2)
    elif format == "markdown":  # ids and names are literal text
        text = f"### {markdown(old.id)} → {markdown(new.id)}\n\n" + (
            "\n".join(f"- {markdown(c.message)}" for c in changes)
            or "No changes.")
    else:
        text = "\n".join(terminal(c.message) for c in changes) or \
            "No changes."
    return text + "\n"
