"""L and W: an approved guideline against its approved version.

The approved version is the committed one (git) when the repository is a
git repository, or the file ``--baseline`` names; ``interop review``
compares with the revision before the change.  Once approved, a
guideline's tests do not change (HACKING D301, process D2.2), its flags
stay set (D311), and its scoring criteria do not change once the draft is
published (process A4.3).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule


def _approved_base(doc: Document) -> m.Guideline | None:
    """The approved (or superseded) version of the guideline, if given."""
    if doc.workspace is None:
        return None
    base = doc.workspace.baseline(doc.guideline)
    if base is None or base.status not in ("approved", "superseded"):
        return None
    return base


def _test_lists(g: m.Guideline
                ) -> set[tuple[str, str, str, tuple[Any, ...]]]:
    return {(c.name, t.name, str(t.idempotent_id),
             tuple(t.aliases) if isinstance(t.aliases, list) else ())
            for c in g.iter_capabilities() for t in c.iter_tests()}


@rule("L005", "error", "approved-tests-changed")
def approved_tests_changed(doc: Document) -> Iterator[Problem]:
    """An approved guideline's test lists differ from its approved
    version (given with ``--baseline``): tests, ids or aliases were added
    or taken away.  Once approved, only flags may change.

    Fails::

        # over: PREVIOUS
        capabilities:
          compute-servers-create:
            tests:
              a.T.test_new: id-5de47127-9977-400a-936f-abcfbec1218f

    Passes::

        # over: PREVIOUS
        capabilities:
          compute-flavors-list:
            tests:
              a.FlavorsTest.test_list_flavors:
                idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59
                flagged:
                  reason: D401 The test needs two flavors.
                  action: Flagged until the test is fixed.
                  date: "2026-08-01"
    """
    g = doc.guideline
    base = _approved_base(doc)
    if base is None:
        return
    before, after = _test_lists(base), _test_lists(g)
    for cap, test, tid, _ in sorted(after - before):
        yield Problem(f"approved guideline {base.id}: test '{test}' ({tid}) "
                      f"of '{cap}' is new or changed; only flags may change",
                      ("capabilities", cap, "tests", test))
    for cap, test, tid, _ in sorted(before - after):
        if not any(x[:2] == (cap, test) for x in after):
            yield Problem(f"approved guideline {base.id}: test '{test}' "
                          f"({tid}) of '{cap}' was taken away; only flags "
                          "may change", ("capabilities", cap))


@rule("L011", "error", "approved-flag-lifted")
def approved_flag_lifted(doc: Document) -> Iterator[Problem]:
    """A flag of an approved guideline was lifted: its approved version
    flags a test that this version lists without a flag.  Once set, a flag
    stays for that guideline (HACKING D311); a test that works again is
    required again in the next guideline, not in this one.

    Fails::

        # over: PREVIOUS
        capabilities:
          compute-flavors-list:
            tests:
              a.FlavorsTest.test_list_flavors:
                idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59

    Passes::

        # over: PREVIOUS
        capabilities:
          compute-flavors-list:
            tests:
              a.FlavorsTest.test_list_flavors:
                idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59
                flagged:
                  reason: "[D401] The test needs two flavors (bug 2001234)."
                  action: Flagged until the test is fixed.
                  date: "2026-08-01"
    """
    base = _approved_base(doc)
    if base is None:
        return
    now = {(c.name, t.name): t for c in doc.guideline.iter_capabilities()
           for t in c.iter_tests()}
    for cap in base.iter_capabilities():
        for test in cap.iter_tests():
            mine = now.get((cap.name, test.name))
            if test.flagged is not None and mine is not None and \
                    mine.flagged is None:
                yield Problem(f"approved guideline {base.id}: the flag of "
                              f"'{test.name}' was lifted; a flag stays set "
                              "for the guideline (D311), the next guideline "
                              "may require the test again", mine.path)


@rule("L012", "warning", "flag-added-to-superseded")
def flag_added_to_superseded(doc: Document) -> Iterator[Problem]:
    """A flag was added to a superseded guideline: flags go into the most
    recent approved guideline and the draft (HACKING D300), unless only an
    older guideline covers the release in question; say so with
    ``# noqa: L012 <reason>``.

    Fails::

        # over: PREVIOUS
        metadata:
          os_trademark_approval:
            status: superseded
        capabilities:
          compute-servers-create:
            tests:
              tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers:
                idempotent_id: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
                flagged:
                  reason: "[D401] The test needs two flavors (bug 2001234)."
                  action: Flagged until the test is fixed.
                  date: "2026-08-01"

    Passes::

        # over: PREVIOUS
        metadata:
          os_trademark_approval:
            status: superseded
    """
    base = _approved_base(doc)
    if base is None or doc.guideline.status != "superseded":
        return
    before = {(c.name, t.name) for c in base.iter_capabilities()
              for t in c.iter_tests() if t.flagged is not None}
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            if test.flagged is not None and (cap.name,
                                             test.name) not in before:
                yield Problem(f"a flag was added to '{test.name}' in "
                              f"{doc.guideline.id}, which is superseded: "
                              "flag the most recent approved guideline and "
                              "the draft instead (D300)", test.flagged.path)
