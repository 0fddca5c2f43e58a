"""K003, K004: a template-resource capability's tests against its
resource types, from the templates the installed tests really read
(:mod:`interop.tempest.templates`).

K003 error    a listed resource type that none of the capability's
              installed tests exercises
K004 warning  a test of the capability that exercises none of its listed
              resource types
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from interop.errors import Finding, Severity
from interop.tempest.reach import Sources
from interop.tempest.templates import Exercised, exercised

if TYPE_CHECKING:  # the catalogue is imported where it runs
    from interop.checks import Document

CODES = {"K003": Severity.ERROR, "K004": Severity.WARNING}
TEMPLATE = "template-resource"


def _finding(doc: Document, code: str, message: str,
             path: tuple[Any, ...]) -> Finding:
    from interop.checks.engine import finding_at
    return finding_at(doc, code, CODES[code], message, path)


def kind_findings(doc: Document, sources: Sources,
                  used_by: Callable[[Sources, str], Exercised] = exercised
                  ) -> list[Finding]:
    """K003/K004 of one document (a checks.Document); ``used_by`` says
    what a test reads and uses (``tests verify`` passes the cached
    :func:`interop.tempest.locking.exercised_of`)."""
    out = []
    for cap in doc.guideline.iter_capabilities():
        listed = cap.resource_types
        if cap.kind != TEMPLATE or not isinstance(listed, list):
            continue
        wanted = {t for t in listed if isinstance(t, str)}
        seen: set[str] = set()
        judged = 0
        for test in cap.iter_tests():
            if test.name.split(".", 1)[0] not in sources.packages:
                continue
            used = used_by(sources, test.name)
            if not used.reads:
                continue  # its code is not found: V001's
            judged += 1
            seen |= used.types
            if not used.types & wanted:
                out.append(_finding(
                    doc, "K004", f"test '{test.name}' of '{cap.name}' "
                    "exercises none of its resource types (its templates "
                    f"use {', '.join(sorted(used.types)) or 'none'})",
                    test.path))
        if not judged:
            continue
        for index, kind in enumerate(listed):
            if isinstance(kind, str) and kind not in seen:
                out.append(_finding(
                    doc, "K003", f"resource type '{kind}' of '{cap.name}' "
                    "is exercised by none of its tests' templates",
                    cap.path + ("resource_types", index)))
    return out
