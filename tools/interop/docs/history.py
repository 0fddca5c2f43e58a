"""Why things changed, from git: the subjects of the commits that touched
each capability since the last approved guideline (GitPython).

A commit touched a capability when the capability's entry (its body in
the guideline source or its row of the scoring sheet, or the status lists
naming it) differs between the commit and its parent.  The files are
compared as the loader reads them, so a reworded comment or a moved line
touches nothing.  Outside a git checkout (a release tarball, a copied
folder) there is no history: ``subjects`` returns None and the packet
says so.
"""
from __future__ import annotations

import json
import os
from typing import Any

from interop.errors import LoadError
from interop.load.source import load_yaml

#: at most this many subjects per capability, newest first
LIMIT = 3
#: at most this many commits read back (a long-lived draft's history)
COMMITS = 200


def _repo(root: str) -> Any:
    try:
        import git
        return git.Repo(root, search_parent_directories=False)
    except Exception:  # not a checkout, or git missing: no history
        return None


def _blob(commit: Any, path: str) -> str | None:
    try:
        blob = commit.tree / path
    except KeyError:
        return None
    if blob.size > 16 * 1024 * 1024:  # the loader's limit: never read
        return None
    text: str = blob.data_stream.read().decode("utf-8", errors="replace")
    return text


def entries(text: str | None) -> dict[str, str]:
    """Capability -> a canonical form of everything a file says of it."""
    if text is None:
        return {}
    try:
        tree = load_yaml(text)
    except LoadError:
        return {}
    if not isinstance(tree, dict):
        return {}
    out: dict[str, list[Any]] = {}
    caps = tree.get("capabilities")
    for name, body in (caps.items() if isinstance(caps, dict) else ()):
        out.setdefault(str(name), []).append(body)
    comps = tree.get("components")
    for comp, body in (comps.items() if isinstance(comps, dict) else ()):
        lists = body.get("capabilities") if isinstance(body, dict) else None
        for status, names in (lists.items() if isinstance(lists, dict)
                              else ()):
            for name in names if isinstance(names, list) else ():
                out.setdefault(str(name), []).append([comp, status])
    return {k: json.dumps(v, sort_keys=True, default=str)
            for k, v in out.items()}


def subjects(root: str, files: list[str], since_file: str | None,
             names: list[str]) -> dict[str, list[str]] | None:
    """Capability name -> subjects of the commits touching it, newest
    first; None when ``root`` is not a git checkout."""
    repo = _repo(root)
    if repo is None:
        return None
    top = repo.working_tree_dir or root
    rel = [os.path.relpath(os.path.realpath(f), os.path.realpath(top))
           for f in files if f and os.path.exists(f)]
    wanted = set(names)
    found: dict[str, list[str]] = {}
    try:
        since = repo.git.log("-1", "--format=%H", "--", os.path.relpath(
            os.path.realpath(since_file), os.path.realpath(top))) \
            if since_file else ""
        commits = list(repo.iter_commits(
            f"{since}..HEAD" if since else "HEAD", paths=rel,
            max_count=COMMITS))
    except Exception:  # no commits yet, or a shallow clone's edge
        return {}
    for commit in commits:
        parent = commit.parents[0] if commit.parents else None
        touched: set[str] = set()
        for path in rel:
            now = entries(_blob(commit, path))
            was = entries(_blob(parent, path)) if parent else {}
            touched.update(k for k in set(now) | set(was)
                           if now.get(k) != was.get(k) and k in wanted)
        subject = commit.summary if isinstance(commit.summary, str) else \
            str(commit.summary)
        for name in touched:
            seen = found.setdefault(name, [])
            if len(seen) < LIMIT and subject not in seen:
                seen.append(subject)
    return found
