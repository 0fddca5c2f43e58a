"""Compiling sources to their published files, and the drift check."""
from __future__ import annotations

import dataclasses
import os

from interop.errors import LoadError
from interop.files import write_atomic
from interop.load.jsonsource import load_json
from interop.load.source import read_text
from interop.publish.compiler import CompileError, compile_guideline, dumps
from interop.repository import Repository, load_source


@dataclasses.dataclass(frozen=True)
class Outcome:
    source: str      # root-relative
    published: str   # root-relative
    state: str       # written, unchanged, differs, missing


def compile_text(path: str, repo: Repository) -> str:
    """The published JSON text of one source file."""
    # a repository source is read once, and seen by the series it is in
    source = repo.load(repo.rel(path)) if repo.inside(path) \
        else load_source(path)
    try:
        return dumps(compile_guideline(source.guideline, repo))
    except CompileError as exc:
        f = exc.finding
        raise LoadError(repo.rel(path), f.line, f.col, f.code,
                        f.message) from None


def compile_sources(repo: Repository, paths: list[str] | None = None,
                    check: bool = False) -> list[Outcome]:
    """Compile sources (all by default) to their published files.

    With ``check``, write nothing and say which published files differ
    from their sources or are missing.  Every source is compiled before
    anything is written, so a source that cannot be read leaves the tree as
    it was.
    """
    sources = paths if paths is not None else [
        os.path.join(repo.root, p) for p in repo.sources()]
    planned = []
    for path in sources:
        target = os.path.join(repo.root, repo.published_path(path))
        planned.append((path, target, compile_text(path, repo)))
    outcomes = []
    for path, target, text in planned:
        rel_source, rel_target = repo.rel(path), repo.rel(target)
        if check:
            state = _compare(target, text)
        else:
            _understood(target, rel_target)
            state = "written" if write_atomic(target, text) else "unchanged"
        outcomes.append(Outcome(rel_source, rel_target, state))
    return outcomes


def _compare(target: str, text: str) -> str:
    if not os.path.exists(target):
        return "missing"
    with open(target, encoding="utf-8", errors="replace") as handle:
        return "unchanged" if handle.read() == text else "differs"


def _understood(target: str, shown: str) -> None:
    """Refuse to replace a file that is not a published guideline."""
    if not os.path.lexists(target):
        return
    if os.path.islink(target):
        raise LoadError(shown, 1, 1, "E101", "the published file is a "
                        "symbolic link: not replaced")
    doc = load_json(read_text(target), shown)
    if not isinstance(doc, dict) or "metadata" not in doc:
        raise LoadError(shown, 1, 1, "E131", "exists and is not a published "
                        "2.0 guideline: not replaced")
