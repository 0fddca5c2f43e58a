"""Tests from adjacent communities: Xtesting cases, verified against the
``testcases.yaml`` the guideline's xtesting repository names
(:mod:`interop.load.xtesting`).

V012 error    an ``xtesting:<project>/<case>`` test that none of the
              guideline's xtesting repositories lists
V013 error    an xtesting test in a guideline that names no test
              repository of kind ``xtesting`` with a ``testcases`` file
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interop import model as m
from interop.errors import Finding, LoadError, Severity
from interop.load.xtesting import PREFIX, Case, repository_cases

if TYPE_CHECKING:  # the catalogue is imported where it runs
    from interop.checks import Document

CODES = {"V012": Severity.ERROR, "V013": Severity.ERROR}


def _finding(doc: Document, code: str, message: str,
             path: tuple[Any, ...]) -> Finding:
    from interop.checks.engine import finding_at
    return finding_at(doc, code, CODES[code], message, path)


def listed_cases(doc: Document
                 ) -> tuple[dict[str, Case], list[Finding], bool]:
    """(cases, load errors, whether any xtesting repository names a
    testcases file) of a document's xtesting repositories."""
    def load() -> tuple[dict[str, Case], list[Finding], bool]:
        cases: dict[str, Case] = {}
        errors: list[Finding] = []
        named = False
        root = getattr(doc.repo, "root", None)
        for repo in (doc.guideline.test_repositories or {}).values():
            if repo.kind != "xtesting" or not isinstance(repo.testcases,
                                                         str):
                continue
            named = True
            if root is None:
                continue
            try:
                cases.update(repository_cases(root, repo.testcases))
            except LoadError as exc:
                errors.append(exc.finding)
        return cases, errors, named
    found: tuple[dict[str, Case], list[Finding], bool] = doc.memo(
        "xtesting cases", load)
    return found


def xtesting_findings(doc: Document, cap: m.Capability, test: m.Test
                      ) -> list[Finding]:
    """V012/V013 for one ``xtesting:`` test of a capability."""
    cases, _, named = listed_cases(doc)
    if not named:
        return [_finding(doc, "V013", f"test '{test.name}' of '{cap.name}' "
                         "is an Xtesting case, but the guideline names no "
                         "test repository of kind xtesting with a "
                         "testcases file", test.path)]
    if doc.repo is None or listed_cases(doc)[1]:
        return []  # nothing to compare with; the load error is reported
    if test.name not in cases:
        return [_finding(doc, "V012", f"test '{test.name}' of '{cap.name}' "
                         "is not a case of the guideline's testcases "
                         f"files ({len(cases)} cases listed)", test.path)]
    return []


def is_xtesting(name: str) -> bool:
    return name.startswith(PREFIX)
