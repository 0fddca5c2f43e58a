"""Totals of a scoring sheet, compared with its guideline.

What ``interop score`` prints: each capability's marks and weighted total,
whether it meets the cutoff, and where the sheet and the guideline part:
required or advisory capabilities below the cutoff, candidates the
guideline does not list yet, listed capabilities with no scores, and
achievements that disagree with the sheet.  As a text table, CSV (the
Working Group's tabulated columns, so their spreadsheets keep working),
Markdown or JSON.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

from interop import model as m
from interop.scoring.sheets import Sheet, Total
from interop.scoring.worksheet import ORDER
from interop.text import cell, markdown, terminal

#: the tabulated CSV's header names for the criteria, in its column order
CSV_NAMES = {
    "deployed": "Widely Deployed", "tools": "Used by Tools",
    "clients": "Used by Clients", "future": "Future Direction",
    "complete": "Complete", "stable": "Stable", "discover": "Discoverable",
    "doc": "Documented", "sticky": "Core in Last Release",
    "foundation": "Foundation", "atomic": "Atomic", "proximity": "Proximity",
}


@dataclasses.dataclass
class Row:
    name: str
    marks: dict[str, Any]
    admin: m.Written
    total: Total
    meets: bool | None
    status: str | None  # in the guideline, or None


@dataclasses.dataclass
class Report:
    sheet: Sheet
    rows: list[Row]
    cutoff: m.Written
    guideline: m.Guideline | None
    below_cutoff: list[str]      # required/advisory, below the cutoff
    candidates: list[str]        # at or above it, not in the guideline
    unscored: list[str]          # listed in the guideline, not scored
    disagreeing: list[str]       # written achievements differ

    def as_dict(self) -> dict[str, Any]:
        return {
            "program": self.sheet.program, "guideline": self.sheet.guideline,
            "cutoff": self.cutoff,
            "capabilities": [{
                "name": r.name, "marks": r.marks, "admin": r.admin,
                "total": r.total.points, "pending": r.total.pending,
                "provisional": r.total.provisional, "meets_cutoff": r.meets,
                "status": r.status} for r in self.rows],
            "compared_with": self.guideline.id if self.guideline else None,
            "below_cutoff": self.below_cutoff, "candidates": self.candidates,
            "unscored": self.unscored,
            "achievements_disagree": self.disagreeing,
        }


def report(sheet: Sheet, guideline: m.Guideline | None = None) -> Report:
    """Score every row, and compare with the guideline when given."""
    kind = guideline.program.kind if guideline else (
        "powered" if sheet.program == "powered" else None)
    powered = kind == "powered"
    cutoff = sheet.cutoff
    statuses = {name: where[0][1] for name, where in
                guideline.capability_statuses().items()} if guideline else {}
    rows = []
    for name, score in sheet.scores.items():
        total = sheet.total(score, powered)
        meets = total.meets(cutoff) if isinstance(cutoff, int) else None
        rows.append(Row(name, score.marks, score.admin, total, meets,
                        statuses.get(name)))
    out = Report(sheet, rows, cutoff, guideline, [], [], [], [])
    if guideline is None:
        return out
    for row in rows:
        if row.status in ("required", "advisory") and row.meets is False:
            out.below_cutoff.append(row.name)
        if row.status is None and row.meets:
            out.candidates.append(row.name)
    for cap in guideline.iter_capabilities():
        status = statuses.get(cap.name)
        if status == "removed":
            continue
        written = written_achievements(guideline, cap)
        if cap.name not in sheet.scores:
            out.unscored.append(cap.name)
        elif written is not None and set(written) != set(
                sheet.achievements(cap.name) or []):
            out.disagreeing.append(cap.name)
    return out


def written_achievements(g: m.Guideline, cap: m.Capability
                         ) -> list[Any] | None:
    """The achievements a guideline states for a capability: None where
    the compiler derives them from the sheet; none at all ([]) where the
    guideline is compiled as written and leaves them out (or misspells
    the key)."""
    if isinstance(cap.achievements, list):  # names only: others are S004
        return [a for a in cap.achievements if isinstance(a, str)]
    return None if g.derive else []


def columns(keys: Any) -> list[str]:
    """Criteria keys in the columns' order: the worksheet's order, then
    any others as given.  The Board pages' marks use the same order."""
    keys = list(keys)
    return [k for k in ORDER if k in keys] + [k for k in keys
                                              if k not in ORDER]


def _columns(sheet: Sheet) -> list[str]:
    return columns(sheet.criteria)


def abbreviation(key: str) -> str:
    """A criterion's column heading in the text table (and the Board
    pages' legend): its key's first four letters."""
    return key[:4]


def legend(sheet: Sheet) -> str:
    """What each short column heading stands for, in column order."""
    return "columns: " + ", ".join(
        f"{abbreviation(k)} {sheet.criteria[k].name or k}"
        for k in _columns(sheet))


def _mark(value: Any) -> str:
    return "" if value is None else str(value)


def _total(row: Row) -> str:
    return str(row.total) + ("*" if row.meets else "")


def to_csv(rep: Report) -> str:
    """The Working Group's tabulated columns: capability first, the
    criteria, Non-Admin, total last (``*`` when it meets the cutoff)."""
    columns = [k for k in ORDER]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Capability"] + [CSV_NAMES[k] for k in columns]
                    + ["Non-Admin", "Total"])
    for row in rep.rows:
        # a name from data cannot become a formula in the reader's sheet
        writer.writerow([cell(row.name)] + [cell(_mark(row.marks.get(k)))
                                            for k in columns]
                        + [0 if row.admin is True else 1, _total(row)])
    return buffer.getvalue()


def _summary(rep: Report) -> list[tuple[str, list[str]]]:
    if rep.guideline is None:
        return []
    return [
        ("Required or advisory, below the cutoff", rep.below_cutoff),
        ("Candidates (at or above the cutoff, not in the guideline)",
         rep.candidates),
        ("In the guideline, not scored", rep.unscored),
        ("Achievements that disagree with the sheet", rep.disagreeing)]


def to_text(rep: Report) -> str:
    """The table for a terminal: names from the sheet with their control
    characters shown as escapes."""
    columns = _columns(rep.sheet)
    width = max([len(terminal(r.name)) for r in rep.rows] + [10])
    head = f"{'capability':<{width}}  " + " ".join(
        f"{terminal(abbreviation(k)):>4}" for k in columns) + \
        "  admin  total  status"
    lines = [head, "-" * len(head)]
    for r in rep.rows:
        lines.append(f"{terminal(r.name):<{width}}  " + " ".join(
            f"{terminal(_mark(r.marks.get(k))):>4}" for k in columns)
            + f"  {'yes' if r.admin is True else 'no':>5}"
            + f"  {_total(r):>5}  {terminal(r.status or '-')}")
    lines.append("")
    lines.append(legend(rep.sheet))
    lines.append(f"cutoff {rep.cutoff}; * meets it; a..b? is provisional "
                 "(the ? marks decide)")
    for title, names in _summary(rep):
        lines.append(f"{title}: " + (", ".join(map(terminal, names))
                                     if names else "none"))
    return "\n".join(lines) + "\n"


def to_markdown(rep: Report) -> str:
    """The table as markdown; every name from the sheet is literal text
    (no markup, no HTML, no link)."""
    columns = _columns(rep.sheet)
    lines = ["| Capability | " + " | ".join(
        markdown(rep.sheet.criteria[k].name or k) for k in columns)
        + " | Admin | Total | Status |",
        "|" + "---|" * (len(columns) + 4)]
    for r in rep.rows:
        lines.append(f"| {markdown(r.name)} | " + " | ".join(
            markdown(_mark(r.marks.get(k))) for k in columns)
            + f" | {'yes' if r.admin is True else 'no'} | "
            f"{markdown(_total(r))} | {markdown(r.status or '')} |")
    for title, names in _summary(rep):
        lines += ["", f"**{title}:** "
                  + (", ".join(markdown(n) for n in names) or "none")]
    return "\n".join(lines) + "\n"


def to_json(rep: Report) -> str:
    return json.dumps(rep.as_dict(), indent=2) + "\n"


FORMATS = {"text": to_text, "csv": to_csv, "markdown": to_markdown,
           "json": to_json}
