"""``interop import-scores``: a legacy text worksheet read against a
guideline's criteria and written as a scoring sheet."""
from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from interop.errors import UsageError

if TYPE_CHECKING:
    from interop import model as m
    from interop.scoring.worksheet import Imported


def read_scores(worksheet: str, criteria: str, g: m.Guideline,
                guideline: str) -> Imported:
    """The worksheet read with the criteria of ``g`` (the guideline at
    ``criteria``, whose criteria set is looked up in its repository)."""
    from interop.repository import Repository, find_root
    from interop.scoring.worksheet import read_worksheet
    scoring = g.metadata.scoring if g.metadata else None
    if scoring is not None and scoring.criteria_set is not None:
        scoring = Repository(find_root(criteria)).criteria_set(
            scoring.criteria_set)
    if scoring is None or not scoring.criteria:
        raise UsageError(f"{criteria} has no criteria to score with")
    return read_worksheet(worksheet, scoring, g.program.name, guideline,
                          g.program.kind == "powered")


def sheet_text(result: Imported, worksheet: str) -> str:
    """The scoring sheet's YAML source, saying where it came from."""
    from interop.publish.writer import dump
    from interop.scoring.sheets import sheet_tree
    return dump(sheet_tree(result.sheet),
                f"Imported from {os.path.basename(worksheet)} by "
                "'interop import-scores'.")


def write_sheet(out: str, text: str, force: bool,
                guard: Callable[[], AbstractContextManager[object]]) -> None:
    """Write the sheet to ``out`` inside ``guard()`` (the command's lock);
    a sheet in a repository stays in it, whatever links its folders are,
    and one that exists and differs is replaced only with ``force``."""
    from interop.files import (
        confined_if_within,
        read_regular,
        regular_file,
        write_all,
    )
    from interop.repository import find_root
    confined_if_within(out, find_root(out))
    data = text.encode("utf-8")
    with guard():
        if os.path.lexists(out) and not os.path.islink(out):
            regular_file(out)  # a FIFO or a folder is refused
        if os.path.lexists(out) and not force and (
                os.path.islink(out) or read_regular(out, len(data)) != data):
            raise UsageError(f"{out} exists and differs: not overwritten "
                             "(use --force)")
        write_all([(out, text)])
