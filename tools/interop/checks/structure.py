"""S: structure, checked against the JSON Schema of the format.

Sources are checked against ``schemas/guideline-source.json`` and published
files against ``schemas/guideline-2.0.json``: the schema is the one place
that says which keys and types a guideline has.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from interop.checks.engine import Document, Problem, rule, suppressions
from interop.errors import Location, pointer
from interop.load.published import not_facts
from interop.publish import schema
from interop.series import is_baseline
from interop.publish.compiler import compile_guideline


def _converted(doc: Document) -> bool:
    """A published 1.x file, read through its conversion to 2.0."""
    imported = doc.guideline.imported
    return doc.published and isinstance(imported, dict) and \
        str(imported.get("schema", "")).startswith("1.")


def _errors(doc: Document) -> list[schema.SchemaError]:
    """Schema errors of the document.  A 1.x file is checked in its 2.0
    form (the paths are then 2.0 paths, placed by pointer only)."""
    if _converted(doc):
        def converted() -> list[schema.SchemaError]:
            mapping = compile_guideline(doc.guideline)
            if doc.guideline.imported.get("schema") == "1.2":
                _stand_in_ids(mapping)
            return schema.validate(mapping, schema.PUBLISHED)
        return doc.memo("schema", converted)
    name = schema.PUBLISHED if doc.published else schema.SOURCE
    return doc.memo("schema", lambda: schema.validate(doc.tree, name))


#: what a 1.2 test without an id is validated with
_STAND_IN_ID = "id-00000000-0000-4000-8000-000000000000"


def _stand_in_ids(mapping: dict[str, Any]) -> None:
    """1.2 named tests without ids: the format's gap, not a defect.  A
    stand-in id (in the validated copy only) keeps the schema from
    reporting it, and keeps a document with no other error on the fast
    path of :func:`interop.publish.schema.validate`."""
    caps = mapping.get("capabilities")
    for cap in caps.values() if isinstance(caps, dict) else ():
        tests = cap.get("tests") if isinstance(cap, dict) else None
        for body in tests.values() if isinstance(tests, dict) else ():
            if isinstance(body, dict) and "idempotent_id" not in body:
                body["idempotent_id"] = _STAND_IN_ID


#: values whose form a domain rule reports with a better message:
#: test ids (T001, T004), flag reasons (F001) and flag dates (F002)
_OWNED = {"idempotent_id", "reason", "date"}


def _owned(e: schema.SchemaError) -> bool:
    if e.kind != "pattern" or not e.path:
        return False
    if e.path[-1] in _OWNED:
        return True
    # a test written as ``name: id``
    return len(e.path) == 4 and e.path[0] == "capabilities" and \
        e.path[2] == "tests"


def _of(doc: Document, *kinds: str) -> Iterator[schema.SchemaError]:
    return (e for e in _errors(doc) if e.kind in kinds and not _owned(e))


def _problem(doc: Document, message: str, e: schema.SchemaError,
             key: bool = True) -> Problem:
    where = Location() if _converted(doc) else None
    return Problem(message, e.path, loc=where, key=key)


@rule("S001", "error", "unknown-key")
def unknown_key(doc: Document) -> Iterator[Problem]:
    """A key the format does not have, usually a misspelling.

    The key and its value are kept (compiling gives them back unchanged),
    so nothing is lost; the message suggests the key that was meant.

    Fails::

        capabilities:
          compute-servers-create:
            acheivements: [atomic]

    Passes::

        capabilities:
          compute-servers-create:
            achievements: [atomic]
    """
    for e in _of(doc, "additionalProperties"):
        close = difflib.get_close_matches(e.key or "", e.allowed, n=1,
                                          cutoff=0.6)
        hint = f": did you mean '{close[0]}'?" if close else (
            f" (known keys: {', '.join(e.allowed)})" if e.allowed else "")
        yield _problem(doc, f"unknown key '{e.key}'{hint}", e)


@rule("S002", "error", "wrong-type")
def wrong_type(doc: Document) -> Iterator[Problem]:
    """A value of the wrong type: text where a list belongs, a number
    where text belongs (quote version-like values: ``"2026.10"``).

    Fails::

        metadata:
          os_trademark_approval:
            target_approval: 2026.10

    Passes::

        metadata:
          os_trademark_approval:
            target_approval: "2026.10"
    """
    for e in _of(doc, "type"):
        yield _problem(doc, e.message, e, key=False)


@rule("S003", "error", "missing-key")
def missing_key(doc: Document) -> Iterator[Problem]:
    """A key the format requires is missing.

    Fails::

        capabilities:
          compute-flavors-list:
            admin: false

    Passes::

        capabilities:
          compute-flavors-list:
            admin: false
            project: nova
            description: List flavors.
            tests: {}
    """
    for e in _of(doc, "required", "dependentRequired"):
        yield _problem(doc, e.message, e)


@rule("S004", "error", "bad-value")
def bad_value(doc: Document) -> Iterator[Problem]:
    """A value outside what the format allows: an unknown status, a
    malformed version or name.  (Test ids, flag reasons and flag dates are
    reported by T001, F001 and F002.)

    Fails::

        metadata:
          os_trademark_approval:
            status: aproved

    Passes::

        metadata:
          os_trademark_approval:
            status: approved
    """
    for e in _of(doc, "enum", "const", "pattern", "format", "minimum",
                 "maximum", "not", "oneOf", "anyOf"):
        yield _problem(doc, e.message, e, key=False)


@rule("S005", "error", "empty-or-repeated")
def empty_or_repeated(doc: Document) -> Iterator[Problem]:
    """An empty string or list where a value is needed, or a list that
    repeats an item.

    Fails::

        metadata:
          os_trademark_approval:
            releases: []

    Passes::

        metadata:
          os_trademark_approval:
            releases: ["2026.1"]
    """
    for e in _of(doc, "minLength", "minItems", "uniqueItems",
                 "minProperties", "maxProperties"):
        yield _problem(doc, e.message, e, key=False)


@rule("X001", "error", "bad-suppression")
def bad_suppression(doc: Document) -> Iterator[Problem]:
    """A ``# noqa`` comment that does not name the codes it silences or
    does not give a reason.  Findings are silenced only with a recorded
    reason, so that a reviewer can judge it.

    Fails::

        tests:  # noqa

    Passes::

        tests:  # noqa: T003 renamed upstream, alias recorded in 2026.06
    """
    for s in suppressions(doc.text, doc.tree):
        if not s.codes or not s.reason:
            yield Problem("a suppression must name the codes it silences and "
                          "give a reason: '# noqa: T003 the reason'",
                          loc=Location(s.line, s.col))


@rule("S006", "error", "baseline-holds-more-than-facts")
def baseline_holds_more_than_facts(doc: Document) -> Iterator[Problem]:
    """A baseline (``<program folder>/baseline/<version>.yaml``) holds
    something beyond the facts of the approved guideline: a description,
    guidance, a flag's reason text or action, a key of its own.  Baselines
    are data, and ``interop import --baseline`` is their only writer; the
    prose stays in the published original.  (This is the one rule a
    baseline is checked with: it is history, not a source.)

    Fails::

        # file: guidelines/baseline/2020.06.yaml
        # over: NOTHING
        capabilities:
          compute-servers-create:
            project: nova
            description: Create a server.

    Passes::

        # file: guidelines/baseline/2020.06.yaml
        # over: NOTHING
        capabilities:
          compute-servers-create:
            project: nova
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged: {reason: D401, date: "2020-07-01"}
    """
    if not is_baseline(doc.guideline):
        return
    for path in not_facts(doc.tree):
        yield Problem(f"a baseline holds facts only: {pointer(path)} is not "
                      "one (import the baseline again)", path)
