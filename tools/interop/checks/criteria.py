"""W: the criteria a guideline is scored with, across its versions.

The Board approves the scoring criteria (process A4.1, A4.2): their names
are fixed, and once a draft is published their weights and the cutoff do
not change (A4.3).  "Core in Last Release" (sticky) is a fact of the
series, not a judgement: a capability meets it when the previous approved
guideline required it.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.checks.scoring import criteria, sheet_of

#: the Board-approved Core Criteria, by key (CoreCriteria, 2.0 schema)
BOARD_NAMES = {
    "deployed": "Widely Deployed", "tools": "Used by Tools",
    "clients": "Used by Clients", "future": "Future Direction",
    "complete": "Complete", "stable": "Stable",
    "discover": "Discoverable", "doc": "Documented",
    "sticky": "Core in Last Release", "foundation": "Foundation",
    "atomic": "Atomic", "proximity": "Proximity",
}
STICKY = "sticky"


#: (criterion key -> weight, cutoff, total) of a guideline's criteria
_Scored = tuple[dict[str, Any], Any, Any]


def _scored(doc: Document) -> _Scored | None:
    """(weights, cutoff, total) of a guideline's criteria, or None."""
    weights, cutoff, named = criteria(doc)
    if weights is None:
        return None
    total = named.total if named is not None else sum(
        w for w in weights.values() if isinstance(w, int))
    return weights, cutoff, total


def _changes(before: _Scored, after: _Scored) -> list[str]:
    (w0, c0, t0), (w1, c1, t1) = before, after
    out = [f"'{k}' {w0.get(k)} -> {w1.get(k)}"
           for k in sorted(set(w0) | set(w1)) if w0.get(k) != w1.get(k)]
    if c0 != c1:
        out.append(f"cutoff {c0} -> {c1}")
    if t0 != t1:
        out.append(f"total {t0} -> {t1}")
    return out


def criteria_change(doc: Document) -> tuple[Any, list[str]] | None:
    """(the committed version, what changed in the criteria) when the
    guideline has a committed version whose criteria differ."""
    space = doc.workspace
    base = space.baseline(doc.guideline) if space is not None else None
    if base is None or space is None:
        return None
    then = Document(base.file, None, base, published=doc.published,
                    repo=space.baseline_repo or doc.repo, workspace=space)
    before, after = _scored(then), _scored(doc)
    if before is None or after is None:
        return None
    changed = _changes(before, after)
    return (base, changed) if changed else None


def _published(g: m.Guideline) -> bool:
    return g.status not in (None, "draft")


@rule("W012", "error", "criteria-frozen")
def criteria_frozen(doc: Document) -> Iterator[Problem]:
    """The weights, total or cutoff of a published guideline differ from
    its committed version: a guideline whose status is beyond draft
    (review, approved, superseded), or was when committed, is scored with
    frozen criteria.  A change to the criteria set it names in
    ``criteria/`` counts as a change to the guideline.  (W010 compares
    with the published JSON in the tree; this rule with the committed
    source, which a regenerated JSON file cannot hide.)

    Fails::

        # over: PREVIOUS
        metadata:
          scoring:
            cutoff_score: 70
            criteria:
              atomic: {name: Atomic, description: x, weight: 100}

    Passes::

        # over: PREVIOUS
        metadata:
          scoring: core
    """
    found = criteria_change(doc)
    if found is None:
        return
    base, changed = found
    if _published(base) or _published(doc.guideline):
        yield Problem(f"the criteria changed since {base.id} was published "
                      f"({base.status}): " + ", ".join(changed) +
                      "; weights and cutoff are frozen", ("metadata",
                                                          "scoring"))


@rule("W013", "warning", "criteria-changed-in-draft")
def criteria_changed_in_draft(doc: Document) -> Iterator[Problem]:
    """A draft's weights, total or cutoff differ from its committed
    version.  Criteria change only with the Board's approval (process
    A4.2); record why with ``# noqa: W013 <reason>`` on the scoring line.

    Fails::

        metadata:
          scoring:
            cutoff_score: 70
            criteria:
              atomic: {name: Atomic, description: x, weight: 100}

    Passes::

        metadata:
          scoring: core
    """
    found = criteria_change(doc)
    if found is None:
        return
    base, changed = found
    if not (_published(base) or _published(doc.guideline)):
        yield Problem("the draft's criteria changed since it was "
                      "committed: " + ", ".join(changed) + "; record the "
                      "Board's approval as the reason (# noqa: W013 ...)",
                      ("metadata", "scoring"))


@rule("W014", "error", "criteria-names")
def criteria_names(doc: Document) -> Iterator[Problem]:
    """A criterion of the guideline's scoring is not one the Board
    approved, or carries another name than the Board's (``sticky`` is
    "Core in Last Release").  Add-on and vertical sets choose among the
    same criteria; they do not rename them.  (Letter case is not
    compared: published files wrote "Used By Tools" and "Used by Tools".)

    Fails::

        metadata:
          scoring:
            cutoff_score: 6
            criteria:
              atomic: {name: Indivisible, description: x, weight: 6}

    Passes::

        metadata:
          scoring:
            cutoff_score: 6
            criteria:
              atomic: {name: Atomic, description: x, weight: 6}
    """
    meta = doc.guideline.metadata
    scoring = meta.scoring if meta else None
    if scoring is None:
        return
    named = None
    items = scoring.criteria
    if scoring.criteria_set is not None:
        _, _, named = criteria(doc)
        items = named.criteria if named is not None else None
    for key, crit in (items or {}).items():
        where = ("metadata", "scoring") if named is not None else \
            ("metadata", "scoring", "criteria", key)
        origin = f" (criteria set {named.file})" if named is not None \
            else ""
        if key not in BOARD_NAMES:
            yield Problem(f"criterion '{key}'{origin} is not one of the "
                          "Board-approved criteria", where)
        elif isinstance(crit.name, str) and \
                crit.name.casefold() != BOARD_NAMES[key].casefold():
            yield Problem(f"criterion '{key}'{origin} is named "
                          f"'{crit.name}', not '{BOARD_NAMES[key]}'", where)


def _last_approved(doc: Document) -> m.Guideline | None:
    if doc.workspace is None:
        return None
    earlier = doc.workspace.series(doc.guideline).approved_before(
        doc.guideline)
    return earlier[-1] if earlier else None


@rule("W015", "warning", "sticky-mark")
def sticky_mark(doc: Document) -> Iterator[Problem]:
    """A capability's "Core in Last Release" (``sticky``) mark disagrees
    with the series: the capability was required in the last approved
    guideline but does not have the mark, or has it without having been
    required there.  Only required and advisory capabilities are
    compared: those being scored.  The mark is read from the capability's
    achievements where they are written, else from its scoring sheet row.

    Fails::

        capabilities:
          compute-servers-create:
            achievements: [atomic, clients, complete, deployed, discover,
                           doc, future, stable, tools]

    Passes::

        capabilities:
          compute-servers-create:
            achievements: [atomic, clients, complete, deployed, discover,
                           doc, future, stable, sticky]
    """
    weights, _, _ = criteria(doc)
    last = _last_approved(doc)
    if last is None or weights is None or STICKY not in weights:
        return
    sheet = sheet_of(doc)
    g = doc.guideline
    for cap in g.iter_capabilities():
        if g.status_of(cap.name) not in ("required", "advisory"):
            continue
        row = None
        if isinstance(cap.achievements, list):
            has = STICKY in cap.achievements
        else:
            row = sheet.scores.get(cap.name) if sheet else None
            if row is None or row.marks.get(STICKY) not in (0, 1):
                continue  # unscored, or "?": nothing to compare yet
            has = row.marks.get(STICKY) == 1
        was = last.status_of(cap.name) == "required"
        if has == was:
            continue
        problem = (f"capability '{cap.name}' has the sticky mark, but was "
                   f"not required in {last.id}" if has else
                   f"capability '{cap.name}' was required in {last.id} but "
                   "lacks the sticky mark (Core in Last Release)")
        if row is not None and sheet is not None:
            yield Problem(problem, loc=row.loc, file=sheet.file)
        else:
            yield Problem(problem, cap.path + ("achievements",))
