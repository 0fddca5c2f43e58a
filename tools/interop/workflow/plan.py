"""Carrying out a plan of file changes, all or nothing.

A plan maps paths to new texts.  It is tried in a temporary copy of the
repository (the sources, the criteria and the published files), where
every source is compiled and the rule catalogue runs; only then are the
files that change written, each atomically.  A refused plan raises
:class:`Refused` (a :class:`~interop.errors.UsageError`: the command exits
2) before anything is written, so the tree stays byte for byte as it was.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import shutil
from typing import TYPE_CHECKING

from interop.errors import Finding, LoadError, UsageError
from interop.files import (
    confined,
    read_regular,
    regular_file,
    trial_folder,
    write_all,
)
from interop.load.source import MAX_BYTES
from interop.repository import Repository

if TYPE_CHECKING:  # imported where used: most commands never need git
    from git import Repo as GitRepo

#: a dated guideline's version, YYYY.MM
VERSION = re.compile(r"^\d{4}\.(0[1-9]|1[0-2])\Z")
#: a program's name, which names its folder
NAME = re.compile(r"^[a-z][a-z0-9-]*\Z")
#: program kind -> its folder
KINDS = {"add-on": "add-ons", "vertical": "verticals"}
#: what the trial copy of a repository holds
_COPIED = ("criteria", "guidelines", "add-ons", "verticals")
_SHOWN_FINDINGS = 10



class Refused(UsageError):
    """An operation that was refused; nothing was written."""


@dataclasses.dataclass
class Outcome:
    """What an operation did."""

    #: files written, relative to the repository root, sorted
    written: list[str]
    #: the commit made (``release --commit``), else None
    commit: str | None = None
    #: things the editor should know (one sentence each)
    notes: list[str] = dataclasses.field(default_factory=list)


# -- carrying out a plan -----------------------------------------------------

def carry_out(repo: Repository, plan: dict[str, str],
              regenerate: set[str] | None = None,
              new_files: dict[str, str] | None = None,
              verified: GitRepo | None = None, dry: bool = False
              ) -> list[str]:
    """Try the planned texts in a copy of the repository, compile, check,
    then write what changes; returns the files written (root-relative).
    With ``dry``, only try: refused as it would be, nothing written
    (returns what would be).

    ``regenerate`` limits which sources' published files are written
    (default: all).  Without ``new_files``, any error finding after the
    change refuses it; with them, only errors in those files (and in
    their published files) do, since a new program cannot fix the rest.

    ``verified`` is the git repository of a tree :func:`clean_check` found
    free of errors.  Then only the sources the change can affect are
    compiled and checked (:func:`interop.checks.workspace.affected`: the
    others' findings and published files cannot change, and had no
    errors), the sources already read are not read again, and the result
    is recorded as checked: a release costs what it changes, not the
    series' length.
    """
    try:
        # a linked folder must not carry a write out of the repository:
        # neither the real one nor, through its copy, the trial's
        for rel in plan:
            repo.confine(rel)
    except LoadError as exc:
        raise Refused(f"{exc.finding.format()}; nothing written") from None
    with trial_folder() as tmp:  # removed on any exit; a kill's, next run
        trial_root = os.path.join(tmp, "repo")
        _write_trial(repo.root, trial_root, plan)
        published = _tried(repo, trial_root, plan, regenerate, new_files,
                           verified)
        changed = _changed(repo, trial_root, set(plan) | published)
        after = state_digest(trial_root) if verified is not None and \
            new_files is None else None
    if dry:
        return sorted(changed)
    write_all((os.path.join(repo.root, rel), data.decode("utf-8"))
              for rel, data in changed.items())  # all, or none
    if after is not None and verified is not None:
        _record_checked(verified, after)
    return sorted(changed)


def _write_trial(root: str, trial_root: str, plan: dict[str, str]) -> None:
    """The repository at ``root`` copied to ``trial_root``, with the
    planned texts written over it."""
    _copy_repository(root, trial_root)
    for rel, text in plan.items():
        target = os.path.join(trial_root, rel)
        try:
            confined(target, trial_root, rel)
        except LoadError as exc:
            raise Refused(f"{exc.finding.format()}; nothing written") \
                from None
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def _tried(repo: Repository, trial_root: str, plan: dict[str, str],
           regenerate: set[str] | None, new_files: dict[str, str] | None,
           verified: GitRepo | None) -> set[str]:
    """Compile and check the trial as :func:`carry_out` documents; the
    published files it wrote, or Refused on the errors that count."""
    from interop.checks import check_files, repository_files
    from interop.checks.workspace import affected
    from interop.publish.outputs import compile_sources

    trial = Repository(trial_root)
    scope = None
    if verified is not None:
        trial.adopt(repo, set(plan))
        scope = affected(trial, set(plan))
    if regenerate is None and scope is not None:
        regenerate = set(scope)
    try:
        if regenerate is None:
            outcomes = compile_sources(trial)
        else:
            outcomes = compile_sources(trial, [
                os.path.join(trial_root, p) for p in sorted(regenerate)])
    except LoadError as exc:
        raise Refused(f"the change would not compile: "
                      f"{exc.finding.format()}; nothing written") \
            from None
    # a baseline is not compiled: its outcome names the original
    published = {o.published for o in outcomes if o.state != "baseline"}
    findings = check_files(
        repository_files(trial) if scope is None else
        [os.path.join(trial_root, p) for p in scope], trial)
    errors = _errors(findings)
    if new_files is not None:
        mine = set(new_files) | published
        errors = [f for f in errors if f.path in mine]
    if errors:
        raise Refused("interop check would report errors after the "
                      "change; nothing written:\n"
                      + _listed(errors))
    return published


def _changed(repo: Repository, trial_root: str, files: set[str]
             ) -> dict[str, bytes]:
    """The trial's bytes of each of ``files`` that differ from the
    repository's (a link in the repository is always replaced)."""
    changed: dict[str, bytes] = {}
    for rel in sorted(files):
        data = read_regular(os.path.join(trial_root, rel), MAX_BYTES)
        if len(data) > MAX_BYTES:
            raise Refused(f"{rel} would be over {MAX_BYTES} bytes; "
                          "nothing written")
        here = repo.confine(rel)
        if os.path.lexists(here) and not os.path.islink(here) and \
                read_regular(here, len(data), rel) == data:
            continue
        changed[rel] = data
    return changed


def _copy_repository(root: str, to: str) -> None:
    """The parts of the repository that compiling and checking read.

    Links are copied as links, so a link that leaves the repository would
    lead the trial out of its copy too (and a write through it, even of a
    refused change, would land outside): such a link refuses the
    operation before anything is copied."""
    published = [entry for entry in os.listdir(root)
                 if entry.endswith(".json")]
    for name in _COPIED + tuple(published):
        _copyable(root, name)
    os.makedirs(to)
    for folder in _COPIED:
        here = os.path.join(root, folder)
        if os.path.isdir(here):
            try:
                shutil.copytree(here, os.path.join(to, folder),
                                symlinks=True)
            except shutil.Error as exc:
                # copytree gathers its errors: the first says why (a full
                # temporary folder is ENOSPC, exit 2 with one line)
                _, _, why = exc.args[0][0]
                raise OSError(_errno_of(why), why, to) from None
    for entry in published:
        if os.path.isfile(os.path.join(root, entry)):
            shutil.copy2(os.path.join(root, entry), os.path.join(to, entry),
                         follow_symlinks=False)


def _errno_of(why: str) -> int:
    import errno
    return errno.ENOSPC if "No space" in why else errno.EIO


def _copyable(root: str, name: str) -> None:
    """Refuse a link out of the repository, or a FIFO or device (which
    copying would wait on or choke on), in what the trial copy takes."""
    here = os.path.join(root, name)
    links = [here] if os.path.islink(here) else []
    others = [here] if os.path.lexists(here) and not links and \
        not os.path.isdir(here) else []
    for base, dirs, files in os.walk(here):
        for entry in dirs + files:
            path = os.path.join(base, entry)
            if os.path.islink(path):
                links.append(path)
            elif entry in files:
                others.append(path)
    try:
        for path in links:
            confined(path, root, os.path.relpath(path, root))
        for path in others:  # every file that is not a link
            regular_file(path, os.path.relpath(path, root))
    except LoadError as exc:
        raise Refused(f"{exc.finding.format()}; nothing written") from None


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"
            and f.suppressed is None]


def _listed(findings: list[Finding]) -> str:
    lines = [f"  {f.format()}" for f in findings[:_SHOWN_FINDINGS]]
    if len(findings) > _SHOWN_FINDINGS:
        lines.append(f"  ... and {len(findings) - _SHOWN_FINDINGS} more")
    return "\n".join(lines)


def clean_check(repo: Repository, git: GitRepo | None = None) -> None:
    """Refuse unless ``interop check`` reports no errors on the tree.

    With ``git`` (the repository's, from :func:`clean_git`), a tree whose
    every checked file is byte for byte one this code already found clean
    (recorded in the git folder after a full check, or after a change it
    carried out) is not checked again: the findings are a function of
    those bytes and the code."""
    from interop.checks import check_files, repository_files
    state = state_digest(repo.root) if git is not None else None
    if state is not None and git is not None and _recorded(git) == state:
        return
    # on every core, as 'interop check' runs: the findings are the same
    errors = _errors(check_files(repository_files(repo), repo, jobs=None))
    if errors:
        raise Refused("interop check reports errors before the change; fix "
                      "them first (nothing written):\n" + _listed(errors))
    if state is not None and git is not None:
        _record_checked(git, state)


def known_clean(repo: Repository) -> GitRepo | None:
    """The git repository holding ``repo`` when the tree, as it is, is
    the one last found free of errors (see :func:`clean_check`), so that
    a change to it need check only what it affects; else None."""
    import git
    try:
        found = git.Repo(repo.root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    if found.bare or _recorded(found) != state_digest(repo.root):
        return None
    return found


#: in the git folder: the digest of the last tree found free of errors
_CHECKED = "interop-checked"


def state_digest(root: str) -> str:
    """A digest of everything checking a tree reads (the folders of the
    trial copy and the published files at the top), and of the code that
    checks it."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(_code_digest().encode())
    names = [e for e in os.listdir(root) if e.endswith(".json")]
    for folder in _COPIED:
        for base, dirs, files in os.walk(os.path.join(root, folder)):
            dirs.sort()
            names.extend(os.path.relpath(os.path.join(base, d), root)
                         for d in dirs if os.path.islink(os.path.join(base,
                                                                      d)))
            names.extend(os.path.relpath(os.path.join(base, f), root)
                         for f in files)
    for name in sorted(names):
        path = os.path.join(root, name)
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        if os.path.islink(path) or not os.path.isfile(path):
            digest.update(b"L" + os.readlink(path).encode(
                "utf-8", "surrogateescape") if os.path.islink(path)
                else b"?")
            continue
        with open(path, "rb") as handle:
            digest.update(handle.read())
        digest.update(b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """The package's own files (a changed rule may judge a tree anew)."""
    import interop
    top = os.path.dirname(os.path.abspath(interop.__file__))
    digest = hashlib.blake2b(digest_size=20)
    for base, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in ("tests",
                                                      "__pycache__"))
        for name in sorted(files):
            if name.endswith((".py", ".json")):
                digest.update(name.encode() + b"\0")
                with open(os.path.join(base, name), "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()


def _recorded(git: GitRepo) -> str | None:
    try:
        with open(os.path.join(git.git_dir, _CHECKED),
                  encoding="ascii") as handle:
            return handle.read().strip()
    except (OSError, UnicodeDecodeError):
        return None


def _record_checked(git: GitRepo, state: str) -> None:
    """Remember a tree found clean; a record that cannot be written only
    means the next command checks the whole tree again.  (Written in
    place: a torn record matches no tree, so it costs one full check.)"""
    try:
        with open(os.path.join(git.git_dir, _CHECKED), "w",
                  encoding="ascii") as handle:
            handle.write(state + "\n")
    except OSError:
        pass


# -- git ---------------------------------------------------------------------

def clean_git(repo: Repository, commit: bool) -> GitRepo:
    """The git repository holding ``repo``, refusing when its working tree
    is not clean (or, for a commit, when git knows no committer)."""
    import git
    try:
        found = git.Repo(repo.root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise Refused(f"{repo.root} is not in a git working tree: the "
                      "operation needs git to keep what it replaces") \
            from None
    if found.bare:  # pragma: no cover - a bare repository has no tree
        raise Refused(f"{repo.root}: the git repository is bare")
    status = found.git.status("--porcelain", "--untracked-files=all")
    dirty = [line for line in status.splitlines() if line.strip()]
    if dirty:
        shown = "\n".join(f"  {line}" for line in dirty[:_SHOWN_FINDINGS])
        more = f"\n  ... and {len(dirty) - _SHOWN_FINDINGS} more" \
            if len(dirty) > _SHOWN_FINDINGS else ""
        raise Refused("the git working tree has uncommitted changes or "
                      "untracked files; commit or stash them first "
                      f"(nothing written):\n{shown}{more}")
    if commit:
        try:
            found.git.var("GIT_COMMITTER_IDENT")
            found.git.var("GIT_AUTHOR_IDENT")
        except git.GitCommandError:
            raise Refused("git does not know who commits (set user.name "
                          "and user.email); nothing written") from None
    return found


def commit_files(found: GitRepo, repo: Repository, written: list[str],
            message: str) -> str:
    import git
    paths = [os.path.join(repo.root, rel) for rel in written]
    try:
        found.git.add("--", *paths)
        found.git.commit("-q", "-m", message)
    except git.GitCommandError as exc:
        raise UsageError(f"the files were written but not committed: "
                         f"{exc.stderr.strip() or exc}") from None
    return str(found.head.commit.hexsha)


