"""The guideline repository as git knows it (GitPython).

Reviews and diffs work on revisions, not on the working tree.  What a
revision holds is read from git's object store, never by unpacking an
archive: a revision's guideline parts (the sources, the criteria and the
published files) are written into a temporary folder, where they are an
ordinary repository for the rest of the tools to read.  Only regular files
are written, each after git has said its size: a symbolic link or a
submodule in a commit is never followed nor recreated, and a file over the
reader's limit is never read (it is stood for by an empty file of the same
size, which the reader refuses as it would in a working tree).
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import git

from interop.errors import LoadError, UsageError
from interop.files import trial_folder
from interop.load.source import MAX_BYTES, decode

#: git's id of the empty tree, the parent of a first commit
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
#: the folders of a revision that reviews read (top-level JSON files too)
PARTS = ("guidelines/", "add-ons/", "verticals/", "criteria/")
#: what one revision's guideline parts may hold, in all: a 25-year
#: history of four programs is about 100 MiB in a few thousand files
MAX_EXPORT_BYTES = 32 * MAX_BYTES
MAX_EXPORT_FILES = 100_000
#: the longest name of a file or folder most file systems hold (bytes)
NAME_MAX = 255
#: git's modes -> what they are
KINDS = {"100644": "file", "100755": "file", "120000": "symbolic link",
         "160000": "submodule", "040000": "folder"}


def open_repo(path: str = ".") -> git.Repo:
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"{os.path.abspath(path)} is not in a git "
                         "repository") from None


def resolve(repo: git.Repo, rev: str) -> str:
    """The full commit id of a revision, in any form git knows (``HEAD~1``,
    ``HEAD@{2}``, ``@{-1}``, a tag, a short sha), or UsageError."""
    if not rev or "\0" in rev:
        raise UsageError(f"unknown revision {rev!r}")
    try:
        # git's own parser: GitPython's misses forms (HEAD@{yesterday})
        # and raises IndexError or NotImplementedError on others
        return str(repo.git.rev_parse("--verify", "--quiet",
                                      "--end-of-options", rev + "^{commit}"))
    except (git.GitCommandError, ValueError):
        raise UsageError(f"unknown revision {rev!r}: git cannot resolve "
                         "it to a commit") from None


def parent(repo: git.Repo, rev: str) -> str:
    """The first parent of a commit, or the empty tree for a first one."""
    commit = repo.commit(rev)
    return commit.parents[0].hexsha if commit.parents else EMPTY_TREE


def read_at(repo: git.Repo, rev: str, path: str,
            max_bytes: int = MAX_BYTES) -> str | None:
    """A file's text at a revision, or None where it does not exist.

    The size comes first (``git cat-file -s``): a file over ``max_bytes``
    is refused (E103) without being read.  A path that is not a regular
    file at that revision (a folder, a symbolic link, a submodule) is a
    UsageError."""
    if rev == EMPTY_TREE:
        return None
    shown = f"{rev[:12]}:{path}"
    try:
        entry = repo.commit(rev).tree / path
    except KeyError:
        return None
    kind = KINDS.get(f"{entry.mode:06o}", "special entry")
    if kind != "file":
        raise UsageError(f"{shown} is a {kind}, not a file: only regular "
                         "files are read from a revision")
    size = entry.size  # git cat-file --batch-check: the blob is not read
    if size > max_bytes:
        raise LoadError(shown, 1, 1, "E103", f"file is {size} bytes, over "
                        f"the limit of {max_bytes}")
    return decode(shown, entry.data_stream.read())


def changed(repo: git.Repo, old: str, new: str) -> list[str]:
    """Paths that differ between two revisions (old or new names).

    NUL-separated (``-z``): without it git quotes names that are not
    plain ASCII (``"guidelines/\\303\\251.yaml"``), which would then match
    no source pattern.  A name that is not UTF-8 keeps its bytes
    (``os.fsdecode``), as the exported tree's names do."""
    out = repo.git.diff("--name-only", "-z", "--no-renames",
                        "--no-relative", "--no-ext-diff", old, new, "--",
                        stdout_as_string=False)
    return sorted(os.fsdecode(p) for p in out.split(b"\0") if p)


def dirty(repo: git.Repo) -> list[str]:
    """Uncommitted changes and untracked files (git status, short)."""
    return [line for line in repo.git.status("--porcelain").splitlines()
            if line.strip()]


def entries(repo: git.Repo, rev: str) -> dict[str, tuple[str, str, int]]:
    """path -> (kind, blob id, size) of every entry of a revision's tree
    under :data:`PARTS` and at its top level (``git ls-tree -r --long``:
    sizes without reading a blob)."""
    if rev == EMPTY_TREE:
        return {}
    out = repo.git.ls_tree("-r", "-z", "--long", "--full-tree", rev,
                           stdout_as_string=False)
    found = {}
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, _, sha, size = meta.split()
        path = os.fsdecode(name)
        if any(len(part) > NAME_MAX for part in name.split(b"/")):
            # no folder can hold it: reported (an over-long name), not
            # written into the export
            found[path] = ("name over 255 bytes", sha.decode(), 0)
            continue
        if "/" in path and not path.startswith(PARTS) or \
                any(p in ("", ".", "..") for p in path.split("/")):
            continue  # not read, or a name git itself would not check out
        found[path] = (KINDS.get(mode.decode(), "special entry"),
                       sha.decode(), int(size) if size.isdigit() else 0)
    return found


@contextlib.contextmanager
def exported(repo: git.Repo, rev: str,
             found: dict[str, tuple[str, str, int]] | None = None
             ) -> Iterator[str]:
    """A temporary folder holding a revision's guideline parts: its
    regular files under :data:`PARTS` and its top-level JSON files
    (``found``: the revision's :func:`entries`, when already listed)."""
    if found is None:
        found = entries(repo, rev)
    files = [(size if size <= MAX_BYTES else 0) for kind, _, size in
             found.values() if kind == "file"]
    if len(files) > MAX_EXPORT_FILES or sum(files) > MAX_EXPORT_BYTES:
        raise UsageError(f"{rev[:12]}: its guideline folders hold "
                         f"{len(files):,} files of {sum(files):,} bytes, "
                         f"over the limits of {MAX_EXPORT_FILES:,} files "
                         f"and {MAX_EXPORT_BYTES:,} bytes a review reads")
    with trial_folder() as folder:
        for path, (kind, sha, size) in found.items():
            if kind != "file" or "/" not in path and \
                    not path.endswith(".json"):
                continue
            target = os.path.join(folder, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                if size > MAX_BYTES:
                    handle.truncate(size)  # sparse: nothing is read
                else:
                    handle.write(repo.odb.stream(bytes.fromhex(sha)).read())
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


def files_of_commit(root: str, rev: str, base: str | None = None
                    ) -> list[str]:
    """The files the commit ``rev`` of the repository at ``root`` changed
    (against ``base``, by default its parent), relative to its top."""
    repo = open_repo(root)
    new = resolve(repo, rev)
    old = resolve(repo, base) if base else parent(repo, new)
    return changed(repo, old, new)
