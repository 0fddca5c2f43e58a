"""Review's verdict is check's verdict on what the change touches.

The review runs the whole catalogue (:func:`interop.checks.check_files`,
the engine ``interop check`` runs, not a second implementation) on every
source and published file the change touches, in the tree after the
change, and treats a published file that no longer matches its source as
an error.  Errors in a file the change touches are voted on; an error in
a file it does not touch (a source read again because its scoring sheet
changed) is voted on only when the parent did not have it: errors that
were already there are listed, not held against the change.  So is an
error in a guideline the change does not touch but can alter
(:func:`interop.checks.workspace.affected`: an add-on naming a changed
Powered guideline, the next of a series), which
:func:`interop.workflow.review.review` checks too.  The work is in
proportion to the files touched and what they can alter.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Iterable

from interop.checks import check_files
from interop.errors import Finding, LoadError, Severity, UsageError
from interop.files import read_regular
from interop.publish.compiler import CompileError, compile_guideline, dumps
from interop.repository import PUBLISHED_DIR, Repository

#: where published files live (the layout RefStack 2.1.0 reads)
PUBLISHED_GLOBS = (f"{PUBLISHED_DIR}/*.json",
                   f"add-ons/{PUBLISHED_DIR}/*.json",
                   f"verticals/{PUBLISHED_DIR}/*.json")


def is_published(path: str) -> bool:
    """Whether a repository path is a published guideline file."""
    return any(fnmatch.fnmatch(path, g) and path.count("/") == g.count("/")
               for g in PUBLISHED_GLOBS)


def checked(repo: Repository, path: str,
            baseline: Repository | None = None,
            every: Iterable[str] = ()) -> list[Finding]:
    """Check's errors on one file of ``repo`` (root-relative ``path``),
    the whole catalogue, with the same file of ``baseline`` (the parent)
    as the earlier version the approval rules compare with; the rules
    named in ``every`` give their warnings and information too (the
    review's process rules), the others their errors only: the verdict
    is about errors, and a comment on every warning of a touched file
    would bury them."""
    every = set(every)
    full = os.path.join(repo.root, path)
    earlier = []
    if baseline is not None and os.path.isfile(os.path.join(baseline.root,
                                                            path)):
        earlier = [os.path.join(baseline.root, path)]
    return [dataclasses.replace(f, path=path) for f in check_files(
        [full], repo, None, earlier, baseline_repo=baseline)
        if f.severity == "error" or f.code in every]


def published_findings(old: Repository, new: Repository, path: str,
                       said: dict[str, list[Finding]] | None = None
                       ) -> tuple[str, list[Finding]]:
    """(guideline id, findings) of a published file the change touches:
    check's errors on it, and an error when it is not what its source
    compiles to (a hand edit, or a source published with --force).  An
    error its source's review already says (``said``: findings by source
    path) is said once, on the source."""
    source = _source_of(new, path)
    found: list[Finding] = []
    ident = "?"
    if os.path.lexists(os.path.join(new.root, path)):
        known = {(f.code, f.message) for f in (
            (said or {}).get(source, []) if source is not None else [])}
        found = [f for f in checked(new, path, old)
                 if (f.code, f.message) not in known]
    if source is None:
        return ident, found
    try:
        g = new.load(source).guideline
        ident = str(g.id)
        text = dumps(compile_guideline(g, new))
    except (CompileError, LoadError, UsageError):
        found.append(Finding(path, 1, 1, "G004", Severity.ERROR,
                             f"{source}, its "
                             "source, does not compile: a published file "
                             "is written by 'interop compile' only"))
        return ident, found
    try:
        current = read_regular(new.confine(os.path.join(new.root, path)),
                               len(text.encode("utf-8")))
    except LoadError:
        current = None
    if current != text.encode("utf-8"):
        found.append(Finding(path, 1, 1, "G004", Severity.ERROR,
                             "this file is "
                             f"not what {source} compiles to: a published "
                             "file is written by 'interop compile' from "
                             "its source, never by hand"))
    return ident, sorted(found, key=Finding.sort_key)


def _source_of(repo: Repository, published: str) -> str | None:
    for source in repo.sources():
        try:
            if repo.published_path(source) == published:
                return repo.rel(source)
        except UsageError:
            continue
    return None


def standing(old: Repository, path: str, findings: Iterable[Finding]
             ) -> tuple[list[Finding], list[Finding]]:
    """(new, already there) of the errors of a file the change does not
    touch: those the parent's check of the same file reported too are
    listed, not voted on."""
    before = set()
    if os.path.isfile(os.path.join(old.root, path)):
        before = {(f.code, f.message) for f in checked(old, path)
                  if f.severity == "error"}
    fresh: list[Finding] = []
    old_ones: list[Finding] = []
    for f in findings:
        (old_ones if f.severity == "error" and (f.code, f.message) in before
         else fresh).append(f)
    return fresh, old_ones
