"""The Working Group's legacy text worksheets (``scoring*.txt``) into
scoring sheets.

A score line reads::

    name:  [deployed,tools,clients] [future,complete,stable]
           [discover,doc,sticky] [foundation,atomic,proximity]
           [non-admin] [total]

with marks 0, 1, ``?`` (not scored yet) or ``*`` (not considered, in the
add-on worksheets, which also leave out the spaces between groups).  A
hand-written total is compared with the weights and reported when it
disagrees, never trusted.  A line that looks like a score line but cannot
be read is an error with its line number: no line is dropped.  Section
headings become each capability's ``section``; other prose is kept as the
sheet's ``notes``.
"""
from __future__ import annotations

import dataclasses
import re

from interop import model as m
from interop.errors import Finding, Severity
from interop.load.source import MAX_INT, read_text, shown_number
from interop.scoring.score import total
from interop.scoring.sheets import Score, Sheet

#: the criteria in the worksheet's column order
ORDER = ("deployed", "tools", "clients", "future", "complete", "stable",
         "discover", "doc", "sticky", "foundation", "atomic", "proximity")
# Every repetition is possessive (``*+``): each is followed by something it
# cannot match, so no match is lost, and the engine never tries the ways of
# splitting a run of spaces between two of them (which made a 5 KB line
# take minutes).  MAX_LINE bounds the rest.
_MARK = r"\s*+([01?*])\s*+"
_GROUP = r"\[" + ",".join([_MARK] * 3) + r"\]"
_LINE = re.compile(r"^(?P<name>[A-Za-z0-9][\w.-]*+)\s*+:\s*+"
                   + r"\s*+".join([_GROUP] * 4)
                   + r"\s*+\[" + _MARK + r"\]\s*+\[\s*+(?P<total>\d*+)\s*+\]"
                   r"\s*+(?P<star>\*?+)\s*+\Z")
_LOOKS_LIKE = re.compile(r"\[\s*+[01?*]\s*+,")
#: the longest line a worksheet may hold (a score line is under 100)
MAX_LINE = 4096
_UNDERLINE = re.compile(r"^\s*+([-=~])\1{2,}+\s*+\Z")


@dataclasses.dataclass
class Imported:
    sheet: Sheet
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _mark(text: str) -> int | str | None:
    marks: dict[str, int | str] = {"0": 0, "1": 1, "?": "?"}
    return marks.get(text)  # "*": not considered


def _scored(path: str, number: int, line: str, found: re.Match[str],
            weights: dict[str, int], powered: bool, section: str | None,
            findings: list[Finding]) -> Score:
    """The score of one score line (``found``), its findings (criteria
    marked not considered, a total too large or that the weights do not
    give) appended to ``findings``."""
    name = found["name"]
    marks_text = found.groups()[1:13]
    marks = {key: _mark(t) for key, t in zip(ORDER, marks_text,
                                             strict=True)
             if t != "*"}
    for key, text in zip(ORDER, marks_text, strict=True):
        if text == "*" and key in weights:
            findings.append(Finding(
                path, number, 1, "W142", Severity.WARNING,
                f"'{name}': {key} is marked not considered (*), but "
                "the guideline's criteria include it"))
    admin = found.groups()[13] == "0"
    score = Score(name=name, marks=marks, admin=admin, section=section)
    hand = found["total"]
    if len(hand) > len(str(MAX_INT)) or hand and int(hand) > MAX_INT:
        # refused before int() can: Python will not convert over
        # 4,300 digits, and no total means anything that large
        findings.append(Finding(
            path, number, found.start("total") + 1 + (
                len(line) - len(line.lstrip())), "E140", Severity.ERROR,
            f"'{name}': the total {shown_number(hand)} is beyond "
            f"{MAX_INT:,}, more than a score can be"))
        return score
    if hand:
        counted = total(marks, weights, admin, powered)
        points = counted.points
        if int(hand) != points and not counted.pending:
            findings.append(Finding(
                path, number, 1, "W143", Severity.WARNING,
                f"'{name}': the hand-written total {hand} disagrees "
                f"with the weights, which give {points}"))
    return score


def read_worksheet(path: str, scoring: m.Scoring, program: str,
                   guideline: str = "next", powered: bool = True
                   ) -> Imported:
    """Read a legacy worksheet against a guideline's criteria."""
    lines = read_text(path).splitlines()
    criteria = scoring.criteria or {}
    weights = {k: c.weight for k, c in criteria.items()
               if isinstance(c.weight, int)}
    findings: list[Finding] = []
    scores: dict[str, Score] = {}
    notes: dict[str, list[str]] = {}
    section = None
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            findings.append(Finding(
                path, number, 1, "E140", Severity.ERROR,
                f"a line of {len(line)} characters, over the limit of "
                f"{MAX_LINE}: no worksheet line is that long"))
            continue
        following = lines[number] if number < len(lines) else ""
        following = following if len(following) <= MAX_LINE else ""
        if line.strip() and _UNDERLINE.match(following) and \
                not _LOOKS_LIKE.search(line):
            section = line.strip()
            continue
        if _UNDERLINE.match(line):
            continue
        found = _LINE.match(line.strip())
        if found is None:
            if _LOOKS_LIKE.search(line):
                findings.append(Finding(
                    path, number, 1, "E140", Severity.ERROR,
                    "cannot read this score line: expected 'name: [a,b,c] "
                    "[d,e,f] [g,h,i] [j,k,l] [non-admin] [total]' with "
                    "marks 0, 1, ? or *"))
            elif line.strip():
                notes.setdefault(section or "", []).append(line.rstrip())
            continue
        name = found["name"]
        if name in scores:
            findings.append(Finding(path, number, 1, "E141", Severity.ERROR,
                                    f"'{name}' is scored twice"))
            continue
        scores[name] = _scored(path, number, line, found, weights,
                               powered, section, findings)
    sheet = Sheet(program=program, guideline=guideline, criteria_set=None,
                  criteria=criteria, cutoff=scoring.cutoff_score,
                  scores=scores, file=path,
                  notes={k or "(before the first section)": "\n".join(v)
                         for k, v in notes.items()} or None)
    return Imported(sheet, findings)
