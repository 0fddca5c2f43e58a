"""Counts for hand-written pages: the ``:interop-count:`` role's values,
and the counts a page states that the data contradicts.

A hand-written page (``doc/source/draft-powered.rst``, ...) states a
count only through the role, which the extension fills from the data::

    :interop-count:`guidelines/next.yaml required`
    :interop-count:`guidelines/next.yaml tests nova`

:func:`claims` finds the counts a page writes out instead, in digits or
in words, next to a lifecycle word ("Five are deprecated", "twelve newly
advisory"), and :func:`contradictions` says which of them no count of
the data matches.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from interop import model as m
from interop.errors import UsageError
from interop.repository import Repository

#: what the role counts: capabilities by status, their tests, flags
WHAT = ("required", "advisory", "deprecated", "removed", "capabilities",
        "tests", "required-tests", "flagged", "new-advisory")
STATUSES = ("required", "advisory", "deprecated", "removed")

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven",
          "eight", "nine", "ten", "eleven", "twelve", "thirteen",
          "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen", "twenty"]
NUMBERS = {w: n for n, w in enumerate(_WORDS)} | {
    "thirty": 30, "forty": 40, "fifty": 50}
_NUMBER = r"(?P<n>\d+|" + "|".join(sorted(NUMBERS, key=len,
                                           reverse=True)) + ")"
#: a number, up to four words (no full stop, digit or another number in
#: between), then a lifecycle word: "Five are deprecated", "twelve newly
#: advisory", "the other 70 stay required"
_CLAIM = re.compile(r"(?<![\w.:])" + _NUMBER + r"(?![\w.])"
                    r"(?P<gap>(?:\s+[A-Za-z'()]+){0,4}?)\s+"
                    r"(?P<status>required|advisory|deprecated|removed)\b",
                    re.I)


@dataclasses.dataclass(frozen=True)
class Claim:
    line: int
    number: int
    status: str
    text: str


#: "one guideline before they are required" counts time, not
#: capabilities
_SPANS = {"guideline", "guidelines", "cycle", "cycles", "release",
          "releases", "year", "years", "month", "months", "step", "steps"}


def prose(text: str) -> str:
    """The page's text with its literal blocks (after ``::``, indented:
    examples of output) blanked, line numbers kept."""
    lines = text.split("\n")
    inside = False
    for n, line in enumerate(lines):
        if inside and line.strip() and not line[:1].isspace():
            inside = False
        if inside:
            lines[n] = ""
        elif line.rstrip().endswith("::"):
            inside = True
    return "\n".join(lines)


def claims(text: str) -> list[Claim]:
    """The counts a page writes out next to a lifecycle word."""
    out = []
    text = prose(text)
    start = 0
    while (found := _CLAIM.search(text, start)) is not None:
        start = found.start() + 1  # a later number may be the claim
        gap = found["gap"].lower().split()
        if any(w in NUMBERS for w in gap) or gap[:1] and gap[0] in _SPANS:
            continue  # the nearer number is the claim; or a time span
        raw = found["n"].lower()
        number = int(raw) if raw.isdigit() else NUMBERS[raw]
        line = text.count("\n", 0, found.start()) + 1
        out.append(Claim(line, number, found["status"].lower(),
                         " ".join(found[0].split())))
    return out


def _status(g: m.Guideline) -> dict[str, str]:
    return {n: w[0][1] for n, w in g.capability_statuses().items()}


def count(g: m.Guideline, what: str, project: str | None = None,
          previous: m.Guideline | None = None) -> int:
    """One count of a guideline (of one project's capabilities when
    ``project`` is given)."""
    if what not in WHAT:
        raise UsageError(f"cannot count '{what}': use one of "
                         + ", ".join(WHAT))
    statuses = _status(g)
    caps = [c for c in g.iter_capabilities()
            if project is None or c.project == project]
    if what in STATUSES:
        return sum(1 for c in caps if statuses.get(c.name) == what)
    if what == "capabilities":
        return len(caps)
    if what == "tests":
        return sum(len(c.tests or {}) for c in caps)
    if what == "required-tests":
        return sum(len(c.tests or {}) for c in caps
                   if statuses.get(c.name) == "required")
    if what == "flagged":
        return sum(1 for c in caps for t in c.iter_tests()
                   if t.flagged is not None)
    before = _status(previous) if previous is not None else {}
    return sum(1 for c in caps if statuses.get(c.name) == "advisory"
               and c.name not in before)


def facts(g: m.Guideline, previous: m.Guideline | None
          ) -> dict[str, set[int]]:
    """Status -> every count of that status the data can mean: now, per
    project, and what changed against ``previous``."""
    out: dict[str, set[int]] = {s: set() for s in STATUSES}
    statuses = _status(g)
    before = _status(previous) if previous is not None else {}
    projects = {c.project for c in g.iter_capabilities()}
    for status in STATUSES:
        out[status].add(count(g, status))
        out[status] |= {count(g, status, p) for p in projects}
        # the tests of capabilities of that status, and its sections
        out[status] |= {sum(len(c.tests or {}) for c in g.iter_capabilities()
                            if statuses.get(c.name) == status
                            and (p is None or c.project == p))
                        for p in [None, *projects]}
        out[status] |= {len(ds.sections or {}) for by in (
            g.designated_sections or {}).values() for st, ds in by.items()
            if st == status and hasattr(ds, "sections")}
        if previous is not None:
            out[status].add(sum(1 for n, s in statuses.items()
                                if s == status and before.get(n) != s))
            out[status].add(sum(1 for n, s in before.items()
                                if s == status))
            # those that stay: required before and still required
            out[status].add(sum(1 for n, s in statuses.items()
                                if s == status and before.get(n) == s))
    return out


def contradictions(text: str, guidelines: list[tuple[m.Guideline, Any]]
                   ) -> list[Claim]:
    """The claims of a page that no count of its guidelines (each with
    the approved guideline it replaces, or None) matches."""
    known: dict[str, set[int]] = {s: set() for s in STATUSES}
    for g, previous in guidelines:
        for status, numbers in facts(g, previous).items():
            known[status] |= numbers
    return [c for c in claims(text) if c.number not in known[c.status]]


def role_value(repo: Repository, text: str) -> tuple[int, list[str]]:
    """The ``:interop-count:`` role's number for ``PATH WHAT [PROJECT]``
    (PATH a guideline source, relative to the repository), and the files
    it was read from."""
    from interop.docs.board import approved_before
    words = text.split()
    if len(words) not in (2, 3):
        raise UsageError(f"':interop-count:`{text}`': write 'PATH WHAT' "
                         "or 'PATH WHAT PROJECT', WHAT one of "
                         + ", ".join(WHAT))
    source = repo.load(words[0])
    previous = approved_before(repo, source) if words[1] == \
        "new-advisory" else None
    files = [source.guideline.file] + (
        [previous.file] if previous is not None else [])
    return count(source.guideline, words[1],
                 words[2] if len(words) == 3 else None, previous), files


def page_guidelines(repo: Repository, page: str
                    ) -> list[tuple[m.Guideline, m.Guideline | None]]:
    """The drafts a hand-written page is about, each with the approved
    guideline it replaces: the Powered draft for ``draft-powered``, the
    add-ons' for ``draft-add-ons``, the verticals' for ``draft-nfv``,
    every draft for any other page."""
    from interop.docs.board import approved_before
    kind = "powered" if "powered" in page else "add-on" if "add-on" in \
        page else "vertical" if ("nfv" in page or "vertical" in page) \
        else None
    out = []
    for path in repo.sources():
        source = repo.load(path)
        g = source.guideline
        if g.status in ("draft", "review") and kind in (None,
                                                        g.program.kind):
            out.append((g, approved_before(repo, source)))
    return out
