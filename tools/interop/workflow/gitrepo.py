"""The guideline repository as git knows it (GitPython).

Reviews and diffs work on revisions, not on the working tree: a revision's
tree is exported into a temporary folder, where it is an ordinary
repository for the rest of the tools (the loader, the checker, the
compiler) to read.
"""
from __future__ import annotations

import contextlib
import io
import os
import tarfile
import tempfile
from collections.abc import Iterator

import git

from interop.errors import UsageError

#: git's id of the empty tree, the parent of a first commit
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def open_repo(path: str = ".") -> git.Repo:
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"{os.path.abspath(path)} is not in a git "
                         "repository") from None


def resolve(repo: git.Repo, rev: str) -> str:
    """The full commit id of a revision (``HEAD``, ``HEAD~1``, a sha)."""
    try:
        return repo.commit(rev).hexsha
    except (git.BadName, ValueError, git.GitCommandError):
        raise UsageError(f"unknown revision {rev!r}") from None


def parent(repo: git.Repo, rev: str) -> str:
    """The first parent of a commit, or the empty tree for a first one."""
    commit = repo.commit(rev)
    return commit.parents[0].hexsha if commit.parents else EMPTY_TREE


def read_at(repo: git.Repo, rev: str, path: str) -> str | None:
    """A file's text at a revision, or None where it does not exist."""
    if rev == EMPTY_TREE:
        return None
    try:
        blob = repo.commit(rev).tree / path
    except KeyError:
        return None
    return blob.data_stream.read().decode("utf-8", errors="replace")


def changed(repo: git.Repo, old: str, new: str) -> list[str]:
    """Paths that differ between two revisions (old or new names)."""
    out = repo.git.diff("--name-only", "--no-renames", old, new)
    return sorted(p for p in out.splitlines() if p)


def dirty(repo: git.Repo) -> list[str]:
    """Uncommitted changes and untracked files (git status, short)."""
    return [line for line in repo.git.status("--porcelain").splitlines()
            if line.strip()]


@contextlib.contextmanager
def exported(repo: git.Repo, rev: str) -> Iterator[str]:
    """A temporary folder holding a revision's tree."""
    with tempfile.TemporaryDirectory(prefix="interop-") as folder:
        if rev != EMPTY_TREE:
            data = repo.git.archive(rev, stdout_as_string=False)
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                tar.extractall(folder, filter="data")
        yield folder


@contextlib.contextmanager
def committed(paths: list[str], rev: str = "HEAD"
              ) -> Iterator[tuple[list[str], str | None]]:
    """The committed versions of files, for checking against: (the paths
    of those ``rev`` holds, inside an export of its tree; the export's
    root, or None).  Files outside a git repository, or not committed,
    have none; nothing is said about them."""
    folders = {os.path.dirname(os.path.abspath(p)) for p in paths}
    try:
        repo = open_repo(sorted(folders)[0]) if folders else None
    except UsageError:
        repo = None
    if repo is None or repo.working_tree_dir is None or \
            not repo.head.is_valid():
        yield [], None
        return
    top = os.path.realpath(repo.working_tree_dir)
    wanted = []
    for path in paths:
        rel = os.path.relpath(os.path.realpath(path), top)
        if not rel.startswith(".."):
            wanted.append(rel)
    if not wanted:
        yield [], None
        return
    with exported(repo, resolve(repo, rev)) as folder:
        yield [os.path.join(folder, rel) for rel in wanted
               if os.path.isfile(os.path.join(folder, rel))], folder
