"""``interop score``: each scoring sheet's totals against the guideline
it scores, or against one named, and the reports in one text.

The repository and the guidelines' reader are handed in: this stage sits
below :mod:`interop.repository`."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from interop import model as m
from interop.scoring.tabulate import Report


def scored(repo: Any, sheets: Sequence[str], criteria: str | None,
           guideline: str | None, read: Callable[[str], m.Guideline]
           ) -> list[tuple[str, Report]]:
    """(path, report) of each sheet; the criteria and cutoff are the
    ``criteria`` guideline's when named, and the sheet is compared with
    ``guideline`` (else ``criteria``, else the guideline it scores)."""
    from interop.files import confined_if_within
    from interop.scoring import sheets as scoring
    from interop.scoring import tabulate
    reports = []
    for path in sheets:
        sheet = scoring.load_sheet(confined_if_within(path, repo.root),
                                   repo.criteria_sets)
        source = criteria and read(criteria)
        if source and source.metadata and source.metadata.scoring:
            named = source.metadata.scoring
            if named.criteria_set is not None:
                named = repo.criteria_set(named.criteria_set) or named
            sheet.criteria = named.criteria or sheet.criteria
            sheet.cutoff = named.cutoff_score
        target = guideline or criteria
        compared = read(target) if target else repo.scored_by(sheet)
        reports.append((path, tabulate.report(sheet, compared)))
    return reports


def reports_text(reports: Sequence[tuple[str, Report]], format: str,
                 rel: Callable[[str], str]) -> str:
    """The reports in ``format``; several are headed by their sheets'
    paths (``rel``), or one JSON list."""
    from interop.scoring.tabulate import FORMATS
    from interop.text import terminal
    if format == "json" and len(reports) > 1:
        return json.dumps([r.as_dict() for _, r in reports], indent=2) + "\n"
    parts = []
    for number, (path, rep) in enumerate(reports):
        if len(reports) > 1 and format != "json":
            parts.append(("" if number == 0 else "\n")
                         + terminal(f"== {rel(path)}") + "\n")
        parts.append(FORMATS[format](rep))
    return "".join(parts)
