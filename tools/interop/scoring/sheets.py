"""Scoring sheets: each capability's marks against the criteria, and totals.

A sheet lives in ``criteria/scoring/<program>/<version>.yaml`` (``powered``
for OpenStack Powered, else the add-on or vertical's name)::

    program: powered
    guideline: next
    criteria: core            # a criteria set of criteria/ (or written out)
    capabilities:
      compute-servers-create:
        section: Compute      # optional grouping, as in the old worksheets
        admin: false          # needs admin credentials?
        marks: {deployed: 1, tools: 1, clients: "?", ...}
        comments: {clients: Waiting for the SDK release.}
        note: Discussed at the PTG.

A mark is 1 (meets the criterion), 0 (does not) or ``"?"`` (not scored
yet).  A ``?`` makes the total provisional: it is shown as such and never
counted as 0.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Any

from interop import model as m
from interop.errors import LoadError, Location
from interop.load.reader import read_criterion
from interop.load.source import YMap, load_yaml_file, loc_of
from interop.scoring.score import Total, total

__all__ = ["Score", "Sheet", "Total", "load_sheet", "sheet_path",
           "sheet_tree"]

MARKS = (0, 1, "?")
SHEET_DIR = os.path.join("criteria", "scoring")


@dataclasses.dataclass
class Score:
    """One capability's row of a sheet."""

    name: str
    marks: dict[str, Any]
    admin: m.Written = False
    section: m.Written = None
    comments: dict[str, Any] = dataclasses.field(default_factory=dict)
    note: m.Written = None
    loc: Location = Location()
    tree: Any = None


@dataclasses.dataclass
class Sheet:
    program: m.Written
    guideline: m.Written
    criteria_set: str | None
    criteria: dict[str, m.Criterion]
    cutoff: m.Written
    scores: dict[str, Score]
    file: str = ""
    tree: Any = None
    notes: m.Written = None

    def weights(self) -> dict[str, int]:
        return {k: c.weight for k, c in self.criteria.items()
                if isinstance(c.weight, int)}

    def total(self, score: Score, powered: bool) -> Total:
        """A row's total (:func:`interop.scoring.score.total`)."""
        return total(score.marks, self.weights(), score.admin, powered)

    def achievements(self, name: str) -> list[str] | None:
        """The criteria a capability meets, in the criteria's order."""
        score = self.scores.get(name)
        if score is None:
            return None
        return [k for k in self.criteria if score.marks.get(k) == 1]


def sheet_path(root: str, program: str, version: str) -> str:
    return os.path.join(root, SHEET_DIR, program, f"{version}.yaml")


def load_sheet(path: str, criteria_sets: dict[str, Any] | None = None
               ) -> Sheet:
    """Read a scoring sheet; its criteria come from the set it names."""
    tree = load_yaml_file(path)
    if not isinstance(tree, dict):
        raise LoadError(path, 1, 1, "E112", "a scoring sheet must be a "
                        "mapping")
    named = tree.get("criteria")
    criteria: dict[str, m.Criterion] = {}
    cutoff = tree.get("cutoff")
    criteria_set = None
    if isinstance(named, str):
        criteria_set = named
        found = (criteria_sets or {}).get(named)
        if found is None:
            where = tree.value_loc("criteria") if isinstance(tree, YMap) \
                else Location(1, 1)
            raise LoadError(path, where.line, where.col, "E130",
                            f"criteria set '{named}' is not defined in "
                            "criteria/")
        criteria = found.criteria
        cutoff = found.cutoff if cutoff is None else cutoff
    elif isinstance(named, dict):
        criteria = {k: read_criterion(k, v, ("criteria", k))
                    for k, v in named.items()}
    scores = {}
    for name, body in (tree.get("capabilities") or {}).items():
        body = body if isinstance(body, dict) else {}
        written = body.get("marks")
        marks = written if isinstance(written, dict) else {}
        scores[name] = Score(
            name=name, marks=dict(marks), admin=body.get("admin", False),
            section=body.get("section"),
            comments=dict(body.get("comments") or {}),
            note=body.get("note"),
            loc=loc_of(tree.get("capabilities"), name), tree=body)
    return Sheet(program=tree.get("program"), guideline=tree.get("guideline"),
                 criteria_set=criteria_set, criteria=criteria, cutoff=cutoff,
                 scores=scores, file=path, tree=tree, notes=tree.get("notes"))


def sheet_tree(sheet: Sheet) -> dict[str, Any]:
    """The YAML document of a sheet (for writing one out)."""
    out: dict[str, Any] = {"program": sheet.program,
                           "guideline": sheet.guideline}
    if sheet.criteria_set is not None:
        out["criteria"] = sheet.criteria_set
    else:
        out["criteria"] = {
            k: {key: value for key, value in (("name", c.name),
                                              ("weight", c.weight))
                if value is not None}
            for k, c in sheet.criteria.items()}
        out["cutoff"] = sheet.cutoff
    caps: dict[str, Any] = {}
    for name, score in sheet.scores.items():
        row: dict[str, Any] = {}
        if score.section is not None:
            row["section"] = score.section
        row["admin"] = score.admin
        row["marks"] = score.marks
        if score.comments:
            row["comments"] = score.comments
        if score.note is not None:
            row["note"] = score.note
        caps[name] = row
    out["capabilities"] = caps
    if sheet.notes:
        out["notes"] = sheet.notes
    return out
