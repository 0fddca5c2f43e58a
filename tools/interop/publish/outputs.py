"""Compiling sources to their published files, and the drift check."""
from __future__ import annotations

import dataclasses
import os

from interop.errors import LoadError
from interop.files import read_regular, write_all
from interop.load.jsonsource import load_json
from interop.load.source import read_text
from interop.publish.compiler import CompileError, compile_guideline, dumps
from interop.repository import Repository, load_source
from interop.series import original_url


@dataclasses.dataclass(frozen=True)
class Outcome:
    source: str      # root-relative
    published: str   # root-relative (a baseline: its original's URL)
    state: str       # written, unchanged, differs, missing, baseline


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
    from their sources or are missing.  Every source is compiled, and
    every published file it replaces judged, before anything is written;
    then all are written or none (:func:`interop.files.write_all`), so a
    source that cannot be read leaves the tree as it was.
    """
    sources = paths if paths is not None else [
        os.path.join(repo.root, p) for p in repo.sources()]
    planned, skipped = [], []
    for path in sources:
        if repo.inside(path) and repo.rel(path) in repo.baselines():
            # the published original is the Foundation's document
            g = repo.load(repo.rel(path)).guideline
            skipped.append(Outcome(repo.rel(path), original_url(g) or "",
                                   "baseline"))
            continue
        # a linked folder (verticals/ -> elsewhere) must not carry the
        # published file out of the repository: refused before any write
        target = repo.confine(repo.published_path(path))
        planned.append((path, target, compile_text(path, repo)))
    if check:
        return [Outcome(repo.rel(path), repo.rel(target),
                        _compare(target, text, repo.rel(target)))
                for path, target, text in planned] + skipped
    # one source given twice is compiled once; two sources to one
    # published file are refused by write_all, before anything is written
    unique = list({(os.path.realpath(p), t): (p, t, x)
                   for p, t, x in planned}.values())
    for _, target, _ in unique:  # every target judged before any write
        _understood(target, repo.rel(target))
    written = set(write_all((target, text) for _, target, text in unique))
    return [Outcome(repo.rel(path), repo.rel(target),
                    "written" if target in written else "unchanged")
            for path, target, _ in unique] + skipped


def _compare(target: str, text: str, shown: str) -> str:
    if not os.path.lexists(target):
        return "missing"
    data = text.encode("utf-8")
    return "unchanged" if read_regular(target, len(data), shown) == data \
        else "differs"


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
