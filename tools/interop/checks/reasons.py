"""L014: each lifecycle change of a draft carries its reason in the data.

The Board reads why a capability enters, moves up, is deprecated or
removed, gains required tests or loses a flag.  The reason lives in the
source (a capability's source-only ``why``) or on the scoring sheet (the
row's ``note``); a flag added carries its own reason.  Commit subjects
are history, never the reason.

:func:`has_reason` is the one place that says whether a change has its
reason; L014 and L013 (:mod:`interop.checks.lifecycle`, a deprecation
without a reason, an error) both ask it, and L014 leaves deprecations to
L013, so that one change gets one finding.  For a deprecation only the
capability's ``why`` counts: ``interop next`` clears every ``why``, so it
is this draft's own reason, while the scoring sheet is carried into the
next draft with its notes (which mostly explain marks), and a capability
that leaves the next guideline is owed a reason given for it.
"""
from __future__ import annotations

from collections.abc import Iterator

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.checks.growth import replaced, tests_added_to_required
from interop.checks.scoring import sheet_of


#: the one change whose reason must be the capability's own ``why``
DEPRECATED = "deprecated"


def is_deprecation(g: m.Guideline, prev: m.Guideline | None,
                   name: str) -> bool:
    """Whether ``g`` deprecates ``name`` (deprecated here, not in
    ``prev``)."""
    was = prev.status_of(name) if prev is not None else None
    return g.status_of(name) == DEPRECATED and was != DEPRECATED


def has_reason(doc: Document, name: str, deprecation: bool) -> bool:
    """Whether the data gives the reason for a lifecycle change of
    capability ``name``: its ``why`` in the guideline, or (except for a
    deprecation, see the module's note) its scoring sheet's ``note``."""
    cap = (doc.guideline.capabilities or {}).get(name)
    if _said(getattr(cap, "why", None)):
        return True
    if deprecation:
        return False
    sheet = sheet_of(doc)
    row = sheet.scores.get(name) if sheet is not None else None
    return row is not None and _said(row.note)


def changes(g: m.Guideline, prev: m.Guideline) -> dict[str, str]:
    """Capability -> its lifecycle change against ``prev``, in words."""
    out: dict[str, str] = {}
    for cap in g.iter_capabilities():
        now, was = g.status_of(cap.name), prev.status_of(cap.name)
        if now is None or now == was:
            continue
        if was is None:
            out[cap.name] = f"is new as {now}"
        elif now == "required":
            out[cap.name] = f"is promoted from {was}"
        else:
            out[cap.name] = f"is {now} (was {was})"
    for name in tests_added_to_required(g, prev):
        out.setdefault(name, "gains required tests")
    for cap in g.iter_capabilities():
        old = (prev.capabilities or {}).get(cap.name)
        if old is None or cap.name in out:
            continue
        before = {t.name for t in old.iter_tests() if t.flagged is not None}
        lifted = [t for t in cap.iter_tests() if t.name in before and
                  t.flagged is None]
        if lifted:
            out[cap.name] = "has a flag lifted"
    return out


@rule("L014", "warning", "change-without-reason")
def change_without_reason(doc: Document) -> Iterator[Problem]:
    """A draft changes a capability's lifecycle (new, promoted, removed,
    tests added while required, a flag lifted) and neither the
    capability's ``why`` nor its scoring sheet's ``note`` says why: the
    Board's packet would have no reason to show.  A deprecation is L013's
    (an error, and only ``why`` counts), never also this rule's.

    Fails::

        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create]
              advisory: [compute-flavors-list, compute-keypairs-create]
        capabilities:
          compute-keypairs-create:
            project: nova
            admin: false
            description: Create a key pair.
            tests:
              a.A.test_a: id-11111111-1111-4111-8111-111111111111

    Passes::

        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create]
              advisory: [compute-flavors-list, compute-keypairs-create]
        capabilities:
          compute-keypairs-create:
            project: nova
            admin: false
            description: Create a key pair.
            why: Every SDK creates key pairs before booting a server.
            tests:
              a.A.test_a: id-11111111-1111-4111-8111-111111111111
    """
    prev = replaced(doc)
    if prev is None:
        return
    for name, change in changes(doc.guideline, prev).items():
        if is_deprecation(doc.guideline, prev, name) or \
                has_reason(doc, name, deprecation=False):
            continue
        cap = (doc.guideline.capabilities or {})[name]
        yield Problem(f"capability '{name}' {change} against {prev.id},"
                      " and neither its 'why' nor its scoring sheet's "
                      "note says why", cap.path)


def _said(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
