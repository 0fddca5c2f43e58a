"""What ``interop tests index`` and ``verify`` print about the installed
suite: the index's table or JSON, and the verify summary."""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from interop.errors import Finding
from interop.text import terminal


def index_cache(root: str, warn: Callable[[str], None]) -> str:
    """The index cache: the user's, outside the checkout; one found in
    the checkout is ignored, with a warning (a change can commit it)."""
    from interop.tempest.index import IN_TREE_CACHE, cache_folder
    if os.path.lexists(os.path.join(root, IN_TREE_CACHE)):
        warn(f"interop tests: warning: {IN_TREE_CACHE} in the checkout is "
             "ignored: the index is built from the installed Tempest and "
             f"cached in {terminal(cache_folder())}")
    return cache_folder()


def index_text(index: Any, format: str, took: float) -> tuple[str, str]:
    """(the report, the note for standard error) of ``tests index``: each
    package's tests, or the index as JSON with the Heat resource types
    the tests exercise."""
    from interop.tempest.locking import site_sources
    from interop.tempest.templates import resource_types
    sources = site_sources()
    types = resource_types(sources, list(index.tests)) if sources else {}
    if format == "json":
        return json.dumps(dict(index.as_dict(), resource_types=types),
                          indent=2) + "\n", ""
    rows = []
    for p in index.packages.values():
        count = sum(1 for t in index.tests.values() if t.package == p.name)
        state = f"error: {p.error}" if p.error else f"{count} tests"
        rows.append(terminal(f"{p.name:<28} {p.distribution} "
                             f"{p.version:<10} {state}") + "\n")
    return "".join(rows), (
        f"{len(index.tests)} tests, {len(index.by_id)} ids, in {took:.2f} "
        f"s; {len(types)} exercise Heat resource types (template-resource "
        "capabilities)")


def verify_summary(paths: list[str], packages: Iterable[Any],
                   findings: int) -> str:
    """The line ``tests verify`` ends with (standard error)."""
    return terminal(f"{len(paths)} guidelines verified against "
                    + ", ".join(f"{p.distribution} {p.version}"
                                for p in packages)
                    + f": {findings} findings")


def verify_report(paths: list[str], index: Any, repo: Any, format: str
                  ) -> tuple[str, str, list[Finding]]:
    """(the report, the notes for standard error, the findings) of
    ``tests verify``.  Without Tempest every guideline says its V rules
    were not run (V005, info, shown), and the note says the command
    could not: never a pass, nor a failure, in silence."""
    from interop.checks.formatters import FORMATTERS
    from interop.tempest.verify import not_run, verify_files
    findings = verify_files(paths, index, repo) if index.packages else \
        not_run(paths, repo)
    out = FORMATTERS[format](findings, True)
    if not index.packages:
        return out, ("interop tests verify: not run: Tempest is not "
                     "installed\n"), findings
    note = verify_summary(paths, index.packages.values(), len(findings)) \
        + "\n" if format == "text" else ""
    return out, note, findings
