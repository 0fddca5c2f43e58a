"""S: structure, checked against the JSON Schema of the format.

Sources are checked against ``schemas/guideline-source.json`` and published
files against ``schemas/guideline-2.0.json``: the schema is the one place
that says which keys and types a guideline has.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator

from interop import schema
from interop.checks.engine import Document, Problem, rule, suppressions
from interop.errors import Location


def _errors(doc: Document) -> list[schema.SchemaError]:
    name = schema.PUBLISHED if doc.published else schema.SOURCE
    return doc.memo("schema", lambda: schema.validate(doc.tree, name))


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
        yield Problem(f"unknown key '{e.key}'{hint}", e.path)


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
        yield Problem(e.message, e.path, key=False)


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
        yield Problem(e.message, e.path)


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
        yield Problem(e.message, e.path, key=False)


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
        yield Problem(e.message, e.path, key=False)


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
    for s in suppressions(doc.text):
        if not s.codes or not s.reason:
            yield Problem("a suppression must name the codes it silences and "
                          "give a reason: '# noqa: T003 the reason'",
                          loc=Location(s.line, s.col))
