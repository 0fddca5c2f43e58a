"""W: scoring, the weighted Core Criteria behind what is required.

A capability earns the weight of each criterion it achieves; a required
capability's total must reach the cutoff.  In the Powered program a
capability that needs admin credentials totals 0.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any, cast

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.repository import Repository
from interop.errors import LoadError
from interop.scoring.score import Total, achieved
from interop.scoring.score import total as score_total
from interop.scoring.sheets import Sheet

CORE_TOTAL = 100  # the core set's weights sum to this


def sheet_of(doc: Document) -> Sheet | None:
    """The guideline's scoring sheet in the repository, if any."""
    repo = repo_of(doc)
    if repo is None or doc.published:
        return None
    try:
        return doc.memo("sheet", lambda: repo.sheet_for(doc.guideline))
    except LoadError:
        return None  # W018 reports it


def repo_of(doc: Document) -> Repository | None:
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
        repo = repo_of(doc)
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
    return score_total(achieved(cap.achievements), weights, cap.admin,
                       doc.guideline.program.kind == "powered").points


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
    repo = repo_of(doc)
    for found in (repo.criteria_sets.values() if repo else []):
        if set(found.criteria) == keys:
            # as the set's file writes it: the schema's rule reports a
            # total that is no integer
            return cast(int | None, found.total)
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


@rule("W011", "error", "unknown-criteria-set")
def unknown_criteria_set(doc: Document) -> Iterator[Problem]:
    """The guideline names a criteria set that ``criteria/`` does not
    define, so nothing can be scored and the guideline cannot compile.
    (Without a repository to look in, nothing is said.)

    Fails::

        metadata:
          scoring: croe

    Passes::

        metadata:
          scoring: core
    """
    meta = doc.guideline.metadata
    scoring = meta.scoring if meta else None
    repo = repo_of(doc)
    if scoring is None or scoring.criteria_set is None or repo is None:
        return
    known = sorted(repo.criteria_sets)
    if scoring.criteria_set in known:
        return
    close = difflib.get_close_matches(scoring.criteria_set, known, n=1)
    hint = (f"did you mean '{close[0]}'?" if close else
            "known: " + (", ".join(known) or "none"))
    yield Problem(f"criteria set '{scoring.criteria_set}' is not defined "
                  f"in criteria/: {hint}", ("metadata", "scoring"),
                  key=False)


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


def _sheet_below(cap: m.Capability, known: Total, cutoff: int
                 ) -> Iterator[Problem]:
    """A required capability's total on its sheet, below the cutoff or
    possibly below it while '?' marks are open."""
    if known.meets(cutoff) is False:
        yield Problem(f"required capability '{cap.name}' scores {known} on "
                      f"its scoring sheet, below the cutoff {cutoff}",
                      cap.path)
    elif known.meets(cutoff) is None:
        yield Problem(f"required capability '{cap.name}' scores {known} on "
                      f"its scoring sheet: at least {known.points}, below "
                      f"the cutoff {cutoff}, until its '?' marks are scored",
                      cap.path)


@rule("W004", "error", "required-below-cutoff")
def required_below_cutoff(doc: Document) -> Iterator[Problem]:
    """A required capability's weighted total is below the cutoff (an
    admin-only capability totals 0 in Powered): its scoring sheet's row's
    total, else its achievements'.  A provisional total (``?`` marks still
    open) is reported when its lowest value, each ``?`` scored 0, is below
    the cutoff: a required capability's score is known.

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
        if row is not None and sheet is not None:
            yield from _sheet_below(cap, sheet.total(
                row, g.program.kind == "powered"), cutoff)
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
