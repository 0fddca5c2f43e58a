"""Every test of a guideline, looked up in the installed Tempest index.

Findings (``interop tests verify``):

V001 error    a test whose package is indexed, found neither by name nor id
V002 warning  a test whose id is indexed under another name (renamed):
              add the new name as an alias
V003 error    a test whose name is indexed with another id
V004 warning  a test the installed source skips unconditionally
V005 info     tests of a package that is not installed, so not verified
V006 error    a required test needs admin credentials (its class asks
              Tempest for them, or the test uses the admin client) in a
              program whose policy says ``admin: false`` (Powered)
V007 error    a required test of a program whose policy allows admin
              (add-ons, verticals) needs admin credentials, and its
              capability does not say ``admin: true``
V008 error    a capability says ``admin: false``, but every one of its
              indexed tests needs admin credentials
V009 info     a required test needs a second user (Tempest's ``alt``) in a
              program whose policy says ``second_user: false`` (Powered);
              upstream flagged such a test with D400

The policy is ``criteria/process/programs.yaml`` (:mod:`interop.load.policy`).

A required test is a test of a required capability that is not flagged.

With the repository, the program's test lock is read too: V010 (a
suspect test) and V011 (a test the lock lacks), see
:mod:`interop.tempest.locking`; and a template-resource capability's
tests are held to its resource types (K003, K004, see
:mod:`interop.tempest.kinds`).  Xtesting cases (``xtesting:project/case``)
are looked up in the guideline's testcases files (V012, V013, see
:mod:`interop.tempest.adjacent`).
"""
from __future__ import annotations

import collections
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from interop import model as m
from interop.checks import Document, load_document
from interop.checks.engine import finding_at
from interop.checks.programs import policy_of
from interop.errors import Finding, LoadError, Severity
from interop.model import normal_id
from interop.tempest import credentials as creds
from interop.tempest.index import IndexedTest, TestIndex
from interop.tempest.adjacent import CODES as ADJACENT_CODES
from interop.tempest.adjacent import (
    is_xtesting,
    listed_cases,
    xtesting_findings,
)
from interop.tempest.kinds import CODES as KIND_CODES
from interop.tempest.kinds import kind_findings
from interop.tempest.locking import CODES as LOCK_CODES
from interop.tempest.locking import (
    exercised_of,
    save_prints,
    site_sources,
    suspects,
)

if TYPE_CHECKING:
    from interop.repository import Repository

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
CODES = {"V001": _E, "V002": _W, "V003": _E, "V004": _W, "V005": _I,
         "V006": _E, "V007": _E, "V008": _E, "V009": _I, **LOCK_CODES,
         **KIND_CODES, **ADJACENT_CODES}


def _finding(doc: Document, code: str, message: str,
             path: tuple[Any, ...]) -> Finding:
    return finding_at(doc, code, CODES[code], message, path)


def verify_document(doc: Document, index: TestIndex) -> list[Finding]:
    out: list[Finding] = []
    missing: collections.Counter[str] = collections.Counter()
    for cap in doc.guideline.iter_capabilities():
        found: dict[str, IndexedTest] = {}
        for test in cap.iter_tests():
            if is_xtesting(test.name):
                out.extend(xtesting_findings(doc, cap, test))
                continue
            out.extend(_verify_test(doc, cap, test, index, missing, found))
        out.extend(_credentials(doc, cap, found))
    for package, count in sorted(missing.items()):
        out.append(_finding(
            doc, "V005", f"{count} tests of package '{package}' are not "
            "verified: it is not installed (install its Tempest plugin)",
            ("test_repositories",)))
    out.extend(listed_cases(doc)[1])  # a testcases file that is unreadable
    return sorted(out, key=Finding.sort_key)


def _credentials(doc: Document, cap: m.Capability,
                 found: dict[str, IndexedTest]) -> Iterable[Finding]:
    """V006-V009: what the tests' credentials say about the capability,
    under the program's policy (``admin``, ``second_user``)."""
    g = doc.guideline
    policy = policy_of(doc)[0]
    required = g.status_of(cap.name) == "required"
    for name, indexed in found.items():
        assert cap.tests is not None  # found holds tests of cap's own
        test = cap.tests[name]
        if not required or test.flagged is not None:
            continue
        if indexed.needs_admin and not policy.admin:
            yield _finding(doc, "V006", f"required test '{name}' of "
                           f"'{cap.name}' needs admin credentials "
                           f"({_why(indexed)}): the {g.program.name} "
                           "program's tests run as an ordinary user",
                           test.path)
        elif indexed.needs_admin and cap.admin is not True:
            yield _finding(doc, "V007", f"required test '{name}' of "
                           f"'{cap.name}' needs admin credentials "
                           f"({_why(indexed)}), but the capability does not "
                           "say admin: true", test.path)
        if not policy.second_user and indexed.second_user:
            yield _finding(doc, "V009", f"required test '{name}' of "
                           f"'{cap.name}' needs a second user (Tempest's "
                           "alt credentials)", test.path)
    known = [t for t in found.values() if t.credentials is not None]
    if cap.admin is False and known and len(known) == len(found) and \
            all(t.needs_admin for t in known):
        yield _finding(doc, "V008", f"capability '{cap.name}' says admin: "
                       f"false, but all its {len(known)} indexed tests need "
                       "admin credentials", cap.path + ("admin",))


def _why(test: IndexedTest) -> str:
    if creds.needs_admin(test.credentials):
        return "its class asks for " + ", ".join(
            c for c in test.credentials or () if creds.is_admin(c))
    return "the test uses the admin client"


def _verify_test(doc: Document, cap: m.Capability, test: m.Test,
                 index: TestIndex, missing: collections.Counter[str],
                 found_tests: dict[str, IndexedTest]
                 ) -> Iterable[Finding]:
    package = test.name.split(".", 1)[0]
    if package not in index.packages or index.packages[package].error:
        missing[package] += 1
        return
    wanted = normal_id(test.idempotent_id)
    by_name = index.tests.get(test.name)
    by_id = index.by_id.get(wanted, []) if wanted else []
    path = test.path
    if by_name is None and not by_id:
        yield _finding(doc, "V001", f"test '{test.name}' of '{cap.name}' "
                       f"is not in {package} "
                       f"{index.packages[package].version}, by name or id",
                       path)
        return
    if by_name is None:
        names = sorted(t.name for t in by_id)
        aliases = set(test.aliases) if isinstance(test.aliases, list) \
            else set()
        if not aliases & set(names):
            yield _finding(doc, "V002", f"test '{test.name}' is now "
                           f"'{names[0]}' (same id): add it to the aliases",
                           path)
        found = by_id[0]
    else:
        found = by_name
        ids = {t.id for t in index.by_name[test.name]}
        if wanted and found.id and wanted not in ids:
            yield _finding(doc, "V003", f"test '{test.name}' has id "
                           f"id-{found.id} in {package}, not "
                           f"{test.idempotent_id}", path)
    found_tests[test.name] = found
    if found.skipped:
        where = f" ({found.file}:{found.line})" if found.file else ""
        yield _finding(doc, "V004", f"test '{test.name}' is {found.skipped}"
                       f"{where}", path)


def verify_files(paths: Iterable[str], index: TestIndex,
                 repo: Repository | None = None) -> list[Finding]:
    """Findings for every guideline file; an unreadable file is one."""
    out: list[Finding] = []
    sources = site_sources()
    for path in paths:
        try:
            doc = load_document(path, repo)
        except LoadError as exc:
            out.append(exc.finding)
            continue
        out.extend(verify_document(doc, index))
        if sources is not None and not doc.published:
            if repo is not None:
                out.extend(suspects(doc, sources, repo.root))
            out.extend(kind_findings(doc, sources, exercised_of))
    if sources is not None:
        save_prints(sources)
    return sorted(out, key=Finding.sort_key)


def not_run(paths: Iterable[str], repo: Repository) -> list[Finding]:
    """V005 (info) on every guideline when Tempest is not installed: its
    V rules were not run, which must be said, never passed in silence."""
    return [Finding(repo.rel(p) if os.path.isabs(p) else p, 1, 1, "V005",
                    Severity.INFO, "not run: Tempest is not installed, so "
                    "no test of this guideline was verified (pip install "
                    "tempest and the plugins)") for p in paths]
