"""A program's files as the Board's workflow finds and edits them: its
sources by version, paths relative to the repository, the versions that
come next.

Shared by :mod:`interop.workflow.governance` (release, next) and
:mod:`interop.workflow.scaffold` (a new program).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from interop import model as m
from interop.errors import LoadError
from interop.repository import Repository
from interop.series import order_key, version_of
from interop.workflow.edit import EditError, Path
from interop.workflow.edit import edit as _edit_text
from interop.workflow.plan import NAME, Refused


def edit(text: str, sets: Iterable[tuple[Path, Any]] = (),
         deletes: Iterable[Path] = (), name: str = "") -> str:
    """:func:`interop.workflow.edit.edit`, refusing the operation when an edit
    cannot be made in place."""
    try:
        return _edit_text(text, sets=sets, deletes=deletes, name=name)
    except EditError as exc:
        raise Refused(f"{exc}; nothing written") from None


def program_sources(repo: Repository, program: str
                     ) -> list[tuple[str, m.Guideline]]:
    """The program's sources (root-relative) with their guidelines, oldest
    first; a source that cannot be read is refused."""
    out = []
    names = set()
    for path in repo.sources():
        try:
            g = repo.load(path).guideline
        except LoadError as exc:
            raise Refused(f"cannot read {exc.finding.format()}") from None
        names.add("powered" if g.program.kind == "powered"
                  else str(g.program.name))
        if g.program.name == program and (
                (g.program.kind == "powered") == (program == "powered")):
            out.append((path, g))
    out.sort(key=lambda item: order_key(version_of(item[1])))
    if not out:
        known = ", ".join(sorted(names)) or "none"
        what = "no program" if isinstance(program, str) and (
            program == "powered" or NAME.match(program)) else \
            "not a program name:"
        raise Refused(f"{what} {program!r} in {repo.root} (its programs: "
                      f"{known})")
    return out


def by_version(items: list[tuple[str, m.Guideline]], version: str
                ) -> tuple[str, m.Guideline] | None:
    for path, g in items:
        if version_of(g) == version and os.path.basename(path) == \
                f"{version}.yaml":
            return path, g
    return None


def shown_paths(items: list[tuple[str, m.Guideline]]) -> str:
    """The paths of ``items``, for a message ("nothing" for none)."""
    return ", ".join(p for p, _ in items) or "nothing"


def repo_rel(repo: Repository, path: str) -> str:
    return os.path.relpath(path, repo.root)


def renamed_url(repo: Repository, url: str, source: str) -> str:
    """``url`` with its file name replaced by ``source``'s published
    file name (the same base)."""
    return url.rsplit("/", 1)[0] + "/" + os.path.basename(
        repo.published_path(source))


def months_later(version: str, months: int) -> str:
    year, month = int(version[:4]), int(version[5:7])
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}.{index % 12 + 1:02d}"


def today_version() -> str:
    """This month as a version, on :func:`interop.dates.today`."""
    from interop.dates import today
    day = today()
    return f"{day.year:04d}.{day.month:02d}"

