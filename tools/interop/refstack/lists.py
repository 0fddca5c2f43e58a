"""``interop testlist``: a guideline's test list in RefStack's form, or as
the installed suite runs it, and ``interop comply``'s judgement of a run
as text or JSON."""
from __future__ import annotations

import json
from collections.abc import Callable

from typing import TYPE_CHECKING

from interop.errors import UsageError
from interop.text import terminal

if TYPE_CHECKING:
    from interop.refstack.runtime import Suite


def testlist_lines(guideline: str, target: str, type: str | None,
                   alias: bool, flag: bool, format: str, credentials: str,
                   suite: Suite, warn: Callable[[str], None] | None = None
                   ) -> list[str]:
    """The lines of ``guideline``'s test list; ``type`` is statuses,
    comma-separated (none or empty: every status, as RefStack's)."""
    from interop.publish.layout import published_document
    from interop.publish.testlist import TYPES, test_list
    types = [t.strip() for t in (type or "").split(",") if t.strip()]
    unknown = [t for t in types if t not in TYPES]
    if unknown:
        raise UsageError(f"unknown type {', '.join(unknown)}: use "
                         f"{', '.join(TYPES)}")
    doc, others = published_document(guideline)
    if format == "refstack" and credentials == "any":
        return list(test_list(doc, target, types, alias, flag, others))
    from interop.refstack.runlist import render
    from interop.refstack.runtime import runtime_lines
    found = runtime_lines(doc, others, target, types, flag, credentials,
                          guideline, suite, warn=warn)
    if format == "refstack":  # RefStack's form, fewer tests
        return [t for t in test_list(doc, target, types, alias, flag,
                                     others) if _named(t, found)]
    return list(render(found.values(), format))


def _named(line: str, kept: dict[str, str]) -> bool:
    """Whether a RefStack list line is a kept test, or an alias (same
    idempotent id) of one."""
    from interop.refstack.results import split_name
    name, test_id = split_name(line)
    return name in kept or (test_id is not None and test_id in {
        split_name(v)[1] for v in kept.values()})


def judged(guideline: str, results: list[str], results_format: str,
           target: str | None, match_ids: bool, format: str
           ) -> tuple[bool, str, str]:
    """(passed, the report, the note for standard error) of a run
    (``results``, judged as one) against ``guideline``."""
    from interop.publish.layout import published_document
    from interop.refstack import comply
    from interop.refstack.reading import load
    from interop.refstack.results import merged
    doc, others = published_document(guideline)
    found = merged([load(path, results_format) for path in results])
    standing_of = comply.standings(guideline, others)
    verdicts = comply.assess(doc, found, target, others, match_ids,
                             standing_of(doc), standing_of)
    passed = all(v.passed for v in verdicts)
    if format == "json":
        report = comply.report(doc, found, [])
        report["passed"] = passed
        report["targets"] = [v.as_dict() for v in verdicts]
        return passed, json.dumps(report, indent=2) + "\n", ""
    return passed, comply.render_text(verdicts), terminal(
        f"{', '.join(results)} ({found.format}: {found.tests} tests, "
        f"{len(found.names)} passed) judged against "
        f"{comply.guideline_id(doc) or guideline}")

