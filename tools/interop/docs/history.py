"""Why things changed, from git: the subjects of the commits that touched
each capability since the last approved guideline (GitPython).

A commit touched a capability when a line its patch adds or removes in
the guideline's source or scoring sheet names the capability.  Outside a
git checkout (a release tarball, a copied folder) there is no history:
``subjects`` returns None and the packet says so.
"""
from __future__ import annotations

import os
import re
from typing import Any

#: at most this many subjects per capability, newest first
LIMIT = 3
_COMMIT = "\x1e"   # record separator between commits in the log


def _repo(root: str) -> Any:
    try:
        import git
        return git.Repo(root, search_parent_directories=False)
    except Exception:  # not a checkout, or git missing: no history
        return None


def subjects(root: str, files: list[str], since_file: str | None,
             names: list[str]) -> dict[str, list[str]] | None:
    """Capability name -> subjects of the commits touching it, newest
    first; None when ``root`` is not a git checkout."""
    repo = _repo(root)
    if repo is None:
        return None
    rel = [os.path.relpath(f, root) for f in files
           if f and os.path.exists(f)]
    if not rel:
        return {}
    since = None
    try:
        if since_file:
            since = repo.git.log("-1", "--format=%H", "--",
                                 os.path.relpath(since_file, root)) or None
        log = repo.git.log(*([f"{since}..HEAD"] if since else []),
                           f"--format={_COMMIT}%s", "-p", "-U0",
                           "--no-color", "--no-ext-diff", "--", *rel)
    except Exception:  # no commits yet, or a shallow clone's edge
        return {}
    wanted = set(names)
    word = re.compile(r"[A-Za-z0-9][\w.-]*")
    found: dict[str, list[str]] = {}
    for record in log.split(_COMMIT)[1:]:
        subject, _, patch = record.partition("\n")
        touched = set()
        for line in patch.splitlines():
            if line[:1] in "+-" and not line.startswith(("+++", "---")):
                touched.update(w for w in word.findall(line) if w in wanted)
        for name in touched:
            seen = found.setdefault(name, [])
            if len(seen) < LIMIT and subject not in seen:
                seen.append(subject)
    return found
