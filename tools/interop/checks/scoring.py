"""W: scoring, the weighted Core Criteria behind what is required.

A capability earns the weight of each criterion it achieves; a required
capability's total must reach the cutoff.  In the Powered program a
capability that needs admin credentials totals 0.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.compiler import CompileError
from interop.compiler import scoring as compile_scoring
from interop.errors import LoadError, UsageError
from interop.source import load_json_file
from interop.scoring import Sheet
from interop.tabulate import written_achievements

CORE_TOTAL = 100  # the core set's weights sum to this


def sheet_of(doc: Document) -> Sheet | None:
    """The guideline's scoring sheet in the repository, if any."""
    repo = _repo(doc)
    if repo is None or doc.published:
        return None
    try:
        return doc.memo("sheet", lambda: repo.sheet_for(doc.guideline))
    except LoadError:
        return None  # W010 reports it


def _repo(doc: Document) -> Any:
    if doc.repo is not None:
        return doc.repo
    return doc.workspace.repo if doc.workspace is not None else None


def criteria(doc: Document) -> tuple[dict[str, Any] | None, Any, Any]:
    """(criterion key -> weight, cutoff, named set or None) of a guideline;
    weights None when the criteria cannot be known."""
    meta = doc.guideline.metadata
    scoring = meta.scoring if meta else None
    if scoring is None:
        return None, None, None
    if scoring.criteria_set is not None:
        repo = _repo(doc)
        found = repo.criteria_sets.get(scoring.criteria_set) if repo else None
        if found is None:
            return None, None, None
        return ({k: c.weight for k, c in found.criteria.items()},
                found.cutoff, found)
    if scoring.criteria is None:
        return None, scoring.cutoff_score, None
    return ({k: c.weight for k, c in scoring.criteria.items()},
            scoring.cutoff_score, None)


def total(doc: Document, cap: m.Capability, weights: dict[str, Any]) -> int:
    """A capability's weighted score; 0 for admin-only ones in Powered."""
    if cap.admin is True and doc.guideline.program.kind == "powered":
        return 0
    achieved = cap.achievements if isinstance(cap.achievements, list) else []
    return sum(weights.get(a, 0) for a in set(achieved)
               if isinstance(weights.get(a, 0), int))


@rule("W001", "error", "weights-total")
def weights_total(doc: Document) -> Iterator[Problem]:
    """The criteria's weights do not sum to their total: the total a named
    set declares in ``criteria/``; for criteria written out, the total of
    the set with the same criteria (100 for all twelve core criteria).

    Fails::

        metadata:
          scoring:
            cutoff_score: 60
            criteria:
              atomic: {name: Atomic, description: x, weight: 6}
              clients: {name: Used by Clients, description: x, weight: 10}
              complete: {name: Complete, description: x, weight: 8}
              discover: {name: Discoverable, description: x, weight: 8}
              doc: {name: Documented, description: x, weight: 8}
              future: {name: Future Direction, description: x, weight: 11}
              stable: {name: Stable, description: x, weight: 9}
              sticky: {name: Core in Last Release, description: x,
                       weight: 9}
              tools: {name: Used by Tools, description: x, weight: 7}

    Passes::

        metadata:
          scoring:
            cutoff_score: 60
            criteria:
              atomic: {name: Atomic, description: x, weight: 6}
              clients: {name: Used by Clients, description: x, weight: 10}
              complete: {name: Complete, description: x, weight: 8}
              discover: {name: Discoverable, description: x, weight: 8}
              doc: {name: Documented, description: x, weight: 8}
              future: {name: Future Direction, description: x, weight: 11}
              stable: {name: Stable, description: x, weight: 9}
              sticky: {name: Core in Last Release, description: x,
                       weight: 9}
              tools: {name: Used by Tools, description: x, weight: 6}
    """
    weights, _, named = criteria(doc)
    if weights is None:
        return
    where = ("metadata", "scoring")
    numbers = [w for w in weights.values() if isinstance(w, int)]
    if named is not None:
        if sum(numbers) != named.total:
            yield Problem(f"the weights of criteria set '{named.id}' sum to "
                          f"{sum(numbers)}, not its total {named.total} "
                          f"({named.file})", where, key=False)
        return
    expected = _expected_total(doc, set(weights))
    if expected is not None and sum(numbers) != expected:
        yield Problem(f"the criteria's weights sum to {sum(numbers)}, not "
                      f"{expected}", where + ("criteria",))


def _expected_total(doc: Document, keys: set[str]) -> int | None:
    repo = _repo(doc)
    for found in (repo.criteria_sets.values() if repo else []):
        if set(found.criteria) == keys:
            return found.total
    if len(keys) == 12 or repo is None and len(keys) > 9:
        return CORE_TOTAL
    return None


@rule("W002", "error", "cutoff-missing")
def cutoff_missing(doc: Document) -> Iterator[Problem]:
    """The guideline has no cutoff score, so nothing says what total a
    required capability needs.

    Fails::

        metadata:
          scoring:
            criteria:
              atomic: {name: Atomic, description: One unit., weight: 6}

    Passes::

        metadata:
          scoring: core
    """
    meta = doc.guideline.metadata
    if meta is None:
        return
    weights, cutoff, _ = criteria(doc)
    if meta.scoring is None:
        yield Problem("no scoring: name a criteria set (scoring: core)",
                      ("metadata",))
    elif cutoff is None and (weights is not None or
                             meta.scoring.criteria_set is None):
        yield Problem("the scoring has no cutoff_score", ("metadata",
                                                          "scoring"))


@rule("W003", "error", "unknown-achievement")
def unknown_achievement(doc: Document) -> Iterator[Problem]:
    """An achievement names no criterion of the guideline's criteria.

    Fails::

        capabilities:
          compute-servers-create:
            achievements: [atomic, reliable]

    Passes::

        capabilities:
          compute-servers-create:
            achievements: [atomic, stable]
    """
    weights, _, _ = criteria(doc)
    if weights is None:
        return
    for cap in doc.guideline.iter_capabilities():
        if not isinstance(cap.achievements, list):
            continue
        for index, name in enumerate(cap.achievements):
            if isinstance(name, str) and name and name not in weights:
                yield Problem(f"capability '{cap.name}' achieves '{name}', "
                              "which is not a criterion of this guideline",
                              cap.path + ("achievements", index), key=False)


@rule("W004", "error", "required-below-cutoff")
def required_below_cutoff(doc: Document) -> Iterator[Problem]:
    """A required capability's weighted total is below the cutoff (in the
    Powered program an admin-only capability totals 0).  The total comes
    from the scoring sheet when the capability has a row there (a total
    the sheet's ``?`` marks could still lift is not reported), else from
    the capability's achievements.

    Fails::

        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create, compute-flavors-list]
        capabilities:
          compute-flavors-list:
            project: nova
            admin: false
            description: List flavors.
            achievements: [atomic, clients]
            tests: {}

    Passes::

        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create, compute-flavors-list]
        capabilities:
          compute-flavors-list:
            project: nova
            admin: false
            description: List flavors.
            achievements: [atomic, clients, complete, deployed, discover,
                           doc, future, stable, sticky]
            tests: {}
    """
    weights, cutoff, _ = criteria(doc)
    g = doc.guideline
    if weights is None or not isinstance(cutoff, int):
        return
    required = {name for name, listed in g.capability_statuses().items()
                if any(status == "required" for _, status in listed)}
    sheet = sheet_of(doc)
    for cap in g.iter_capabilities():
        if cap.name not in required:
            continue
        row = sheet.scores.get(cap.name) if sheet else None
        if row is not None:
            known = sheet.total(row, g.program.kind == "powered")
            if known.meets(cutoff) is False:
                yield Problem(f"required capability '{cap.name}' scores "
                              f"{known} on its scoring sheet, below the "
                              f"cutoff {cutoff}", cap.path)
            continue
        if cap.achievements is None:
            continue
        score = total(doc, cap, weights)
        if score < cutoff:
            why = " (admin-only: 0 in Powered)" if cap.admin is True and \
                g.program.kind == "powered" else ""
            yield Problem(f"required capability '{cap.name}' scores "
                          f"{score}{why}, below the cutoff {cutoff}",
                          cap.path)


def _listed(doc: Document) -> dict[str, str]:
    """Capability -> status, for those listed with a live status."""
    return {name: where[0][1] for name, where in
            doc.guideline.capability_statuses().items()
            if where[0][1] != "removed"}


@rule("W005", "error", "achievements-disagree")
def achievements_disagree(doc: Document) -> Iterator[Problem]:
    """A capability's written ``achievements`` disagree with its row on
    the scoring sheet.  The sheet is the one place the scores live: leave
    ``achievements`` out and the compiler writes them from the sheet.
    (Removed capabilities keep the achievements they had.)

    Fails::

        capabilities:
          compute-servers-create:
            achievements: [atomic]

    Passes::

        capabilities:
          compute-servers-create:
            achievements: [atomic, clients, complete, deployed, discover,
                           doc, future, stable, sticky]
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    live = _listed(doc)
    for cap in doc.guideline.iter_capabilities():
        wanted = sheet.achievements(cap.name)
        written = written_achievements(doc.guideline, cap)
        if wanted is None or cap.name not in live or written is None:
            continue
        if set(written) != set(wanted):
            more = sorted(set(written) - set(wanted))
            less = sorted(set(wanted) - set(written))
            parts = ([f"not on the sheet: {', '.join(map(str, more))}"]
                     if more else []) + \
                ([f"missing: {', '.join(less)}"] if less else [])
            yield Problem(f"achievements of '{cap.name}' disagree with "
                          f"{_shown(sheet)} ({'; '.join(parts)})",
                          cap.path + ("achievements",))


def _shown(sheet: Sheet) -> str:
    return sheet.file.split("criteria/", 1)[-1] if "criteria/" in \
        sheet.file else sheet.file


@rule("W006", "error", "capability-not-scored")
def capability_not_scored(doc: Document) -> Iterator[Problem]:
    """A capability the guideline lists (other than removed ones) has no
    row on the program's scoring sheet, so nothing says why it is there.

    Fails::

        components:
          os_powered_compute:
            capabilities:
              advisory: [compute-flavors-list]
        capabilities:
          compute-flavors-list:
            project: nova
            admin: false
            description: List flavors.
            tests: {}

    Passes::

        components:
          os_powered_compute:
            capabilities:
              advisory: []
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    for cap in doc.guideline.iter_capabilities():
        if cap.name in _listed(doc) and cap.name not in sheet.scores:
            yield Problem(f"capability '{cap.name}' has no row on "
                          f"{_shown(sheet)}", cap.path)


@rule("W007", "info", "scored-not-listed")
def scored_not_listed(doc: Document) -> Iterator[Problem]:
    """A capability on the scoring sheet is not in the guideline: a
    candidate when its total reaches the cutoff, else scored and left out.

    Fails::

        # file: guidelines/2026.06.yaml
        metadata:
          id: "2026.06"

    Passes::

        metadata:
          id: next
    """
    sheet = sheet_of(doc)
    if sheet is None or not isinstance(sheet.cutoff, int):
        return
    names = set(doc.guideline.capabilities or {})
    powered = doc.guideline.program.kind == "powered"
    for name, row in sheet.scores.items():
        if name in names:
            continue
        known = sheet.total(row, powered)
        what = {True: "a candidate", False: "below the cutoff",
                None: "provisional"}[known.meets(sheet.cutoff)]
        yield Problem(f"'{name}' is scored {known} ({what}) but not in "
                      "the guideline", loc=row.loc, file=_sheet_file(doc,
                                                                    sheet))


def _sheet_file(doc: Document, sheet: Sheet) -> str:
    repo = _repo(doc)
    return repo.rel(sheet.file) if repo is not None else sheet.file


@rule("W008", "error", "sheet-marks")
def sheet_marks(doc: Document) -> Iterator[Problem]:
    """A scoring sheet's row marks a criterion the criteria do not have, or
    with something other than 1, 0 or ``"?"``.

    Fails::

        # file: guidelines/2025.12.yaml
        metadata:
          id: "2025.12"

    Passes::

        metadata:
          id: next
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    for name, row in sheet.scores.items():
        for key, mark in row.marks.items():
            if key not in sheet.criteria:
                yield Problem(f"'{name}' marks '{key}', which is not a "
                              "criterion of the sheet's criteria",
                              loc=row.loc, file=_sheet_file(doc, sheet))
            elif mark not in (0, 1, "?"):
                yield Problem(f"'{name}' marks {key} as {mark!r}: use 1, 0 "
                              'or "?"', loc=row.loc,
                              file=_sheet_file(doc, sheet))


@rule("W009", "error", "admin-disagrees-with-sheet")
def admin_disagrees_with_sheet(doc: Document) -> Iterator[Problem]:
    """A capability's ``admin`` flag disagrees with its scoring sheet row,
    which says whether the capability needs admin credentials (and so
    whether it scores 0 in the Powered program).

    Fails::

        capabilities:
          compute-servers-create:
            admin: true

    Passes::

        capabilities:
          compute-servers-create:
            admin: false
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    for cap in doc.guideline.iter_capabilities():
        row = sheet.scores.get(cap.name)
        if row is not None and isinstance(cap.admin, bool) and \
                cap.admin != (row.admin is True):
            yield Problem(f"capability '{cap.name}' has admin: "
                          f"{str(cap.admin).lower()}, but its sheet row "
                          f"says admin: {str(row.admin is True).lower()}",
                          cap.path + ("admin",), key=False)


@rule("W010", "error", "weights-changed-after-draft")
def weights_changed_after_draft(doc: Document) -> Iterator[Problem]:
    """The criteria of a guideline that has left draft changed since it
    was published: the weights and cutoff are frozen once a guideline
    leaves draft, so a named criteria set that changed under it is a
    mistake (give the new weights a new set).  Compared with the
    guideline's committed published JSON.

    Fails::

        # file: guidelines/2026.06.yaml
        metadata:
          id: "2026.06"
          os_trademark_approval:
            status: approved

    Passes::

        # file: guidelines/2026.06.yaml
        metadata:
          id: "2026.06"
          os_trademark_approval:
            status: draft
    """
    g = doc.guideline
    repo = _repo(doc)
    meta = g.metadata
    if repo is None or doc.published or g.status in (None, "draft") or \
            meta is None or meta.scoring is None:
        return
    try:
        published = os.path.join(repo.root, repo.published_path(doc.path))
    except UsageError:
        return
    if not os.path.exists(published):
        return
    try:
        old = load_json_file(published)
    except LoadError:
        return
    was = (old.get("metadata") or {}).get("scoring") if isinstance(
        old, dict) else None
    try:
        now = compile_scoring(meta.scoring, repo)
    except CompileError:
        return  # an unknown set: the compiler says so
    if isinstance(was, dict) and was != now:
        changed = sorted(
            key for key in set(_weights(was)) | set(_weights(now))
            if _weights(was).get(key) != _weights(now).get(key))
        what = f"weights of {', '.join(changed)}" if changed else \
            "criteria or cutoff"
        yield Problem(f"the {what} changed since {repo.rel(published)} was "
                      f"published, but {g.id} is {g.status}: weights are "
                      "frozen once a guideline leaves draft",
                      ("metadata", "scoring"))


def _weights(scoring: Any) -> dict[str, Any]:
    criteria = scoring.get("criteria") if isinstance(scoring, dict) else None
    return {k: v.get("weight") for k, v in (criteria or {}).items()
            if isinstance(v, dict)}
