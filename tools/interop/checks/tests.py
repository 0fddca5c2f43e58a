"""T: the tests of a guideline, across its capabilities."""
from __future__ import annotations

from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule


@rule("T002", "error", "id-shared-by-names")
def id_shared_by_names(doc: Document) -> Iterator[Problem]:
    """Two different tests carry the same idempotent id.  An id names one
    test; when a test is renamed, record the old name as an alias.  A test
    a subclass inherits keeps its method name and id under another class,
    which is how Tempest runs one test in several configurations: that is
    not reported.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.ServersTest.test_list_all:
                idempotent_id: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.ServersTest.test_list_all:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    first: dict[str, str] = {}
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            tid = test.idempotent_id
            if not isinstance(tid, str) or not tid:
                continue
            key = tid.lower().removeprefix("id-")
            if key in first and _method(first[key]) != _method(test.name):
                yield Problem(f"test '{test.name}' has the id {tid} of "
                              f"'{first[key]}': record a renamed test as "
                              "an alias", test.path)
            first.setdefault(key, test.name)


@rule("T003", "error", "test-in-two-capabilities")
def test_in_two_capabilities(doc: Document) -> Iterator[Problem]:
    """One test is listed in two capabilities.  A test checks one
    capability; listing it twice counts it twice.

    Fails::

        capabilities:
          compute-servers-list:
            project: nova
            admin: false
            description: List servers.
            tests:
              a.ServersTest.test_list: id-5de47127-9977-400a-936f-abcfbec1218f
          compute-servers-show:
            project: nova
            admin: false
            description: Show a server.
            tests:
              a.ServersTest.test_list: id-5de47127-9977-400a-936f-abcfbec1218f

    Passes::

        capabilities:
          compute-servers-list:
            project: nova
            admin: false
            description: List servers.
            tests:
              a.ServersTest.test_list: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    owner: dict[str, str] = {}
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            if test.name in owner and owner[test.name] != cap.name:
                yield Problem(f"test '{test.name}' is also listed in "
                              f"capability '{owner[test.name]}'", test.path)
            owner.setdefault(test.name, cap.name)


def _method(name: str) -> str:
    return name.rsplit(".", 1)[-1]
