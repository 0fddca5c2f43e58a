"""T: the tests of a guideline, across its capabilities."""
from __future__ import annotations

import re
from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule
from interop.checks.programs import not_allowed, policy_of, source_of
from interop.checks.references import module_roots, provided


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
    capability; listing it twice counts it twice.  Not reported: the same
    capability for two versions of an API (``volumes-v2-list`` and
    ``volumes-v3-list``), whose tests are the same while products move
    over; and deprecated or removed capabilities, which keep their tests as
    a record.

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
    statuses = doc.guideline.capability_statuses()
    for cap in doc.guideline.iter_capabilities():
        listed = {status for _, status in statuses.get(cap.name, [])}
        if listed and not listed & {"required", "advisory"}:
            continue
        for test in cap.iter_tests():
            if test.name in owner and _unversioned(owner[test.name]) != \
                    _unversioned(cap.name):
                yield Problem(f"test '{test.name}' is also listed in "
                              f"capability '{owner[test.name]}'", test.path)
            owner.setdefault(test.name, cap.name)


def _unversioned(capability: str) -> str:
    """A capability's name without its API version (volumes-v3-list)."""
    return re.sub(r"-v\d+(?:\.\d+)?(?=-|$)", "-v", capability)


def _method(name: str) -> str:
    return name.rsplit(".", 1)[-1]


_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_CANONICAL_ID = re.compile(rf"^id-{_UUID}\Z")
_BARE_ID = re.compile(rf"^{_UUID}\Z")
_SUFFIXED = re.compile(rf"^(?:id-)?({_UUID})\W+(.*)\Z", re.I)


@rule("T001", "error", "malformed-id")
def malformed_id(doc: Document) -> Iterator[Problem]:
    """A test's idempotent id is not a UUID (``id-<uuid>``): it is empty,
    upper case, or carries a stray suffix such as ``,negative`` (Tempest's
    test attributes, pasted along with the id).

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x: id-5de47127-9977-400a-936f-abcfbec1218f,smoke

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            tid = test.idempotent_id
            if not isinstance(tid, str) or _CANONICAL_ID.match(tid) or \
                    _BARE_ID.match(tid):
                continue
            where = test.path + (() if test.short else ("idempotent_id",))
            suffix = _SUFFIXED.match(tid)
            if suffix:
                hint = f": write id-{suffix[1].lower()}"
            elif not tid:
                hint = ": it is empty"
            else:
                hint = ""
            yield Problem(f"test '{test.name}' has the malformed id "
                          f"'{tid}'{hint}", where, key=test.short)


@rule("T004", "info", "bare-uuid-id")
def bare_uuid_id(doc: Document) -> Iterator[Problem]:
    """A test's id is a bare UUID.  The canonical form is ``id-<uuid>``,
    the form Tempest's ``idempotent_id`` decorator gives the test and
    RefStack's test lists show (``name[id-<uuid>]``).  Published add-on
    guidelines used the bare form; both are read alike.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x: 5de47127-9977-400a-936f-abcfbec1218f

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            tid = test.idempotent_id
            if isinstance(tid, str) and _BARE_ID.match(tid):
                yield Problem(f"test '{test.name}': write the id as id-{tid}",
                              test.path)


@rule("T005", "error", "bad-alias")
def bad_alias(doc: Document) -> Iterator[Problem]:
    """An alias that names nothing new: the test's own name, the name of
    another test of the guideline, or an alias another test already has.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                aliases: [a.T.test_x]

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                aliases: [a.T.test_x_old]
    """
    names = {t.name for c in doc.guideline.iter_capabilities()
             for t in c.iter_tests()}
    owner: dict[str, str] = {}
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            aliases = test.aliases if isinstance(test.aliases, list) else []
            for index, alias in enumerate(aliases):
                where = test.path + ("aliases", index)
                if alias == test.name:
                    yield Problem(f"test '{test.name}' lists itself as an "
                                  "alias", where, key=False)
                elif alias in names:
                    yield Problem(f"alias '{alias}' of '{test.name}' is "
                                  "another test of the guideline", where,
                                  key=False)
                elif alias in owner and owner[alias] != test.name:
                    yield Problem(f"alias '{alias}' of '{test.name}' is "
                                  f"also an alias of '{owner[alias]}'",
                                  where, key=False)
                owner.setdefault(alias, test.name)


@rule("T006", "error", "powered-test-outside-tempest-api")
def powered_test_outside_tempest_api(doc: Document) -> Iterator[Problem]:
    """A test of a Powered guideline is not one of Tempest's API tests
    (``tempest.api.*``).  The Technical Committee's resolution on test
    location keeps the tests used for the trademark in Tempest; a test
    from a plugin or from Tempest's scenario tests may serve an add-on or
    a vertical, not OpenStack Powered.  The policy is data:
    ``criteria/process/programs.yaml`` (``policy: powered: tests_from``).
    (A test from a repository the guideline does not name is R004's.)

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              tempest.scenario.test_server_basic_ops.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              tempest.api.compute.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    if doc.guideline.program.kind != "powered":
        return
    # the repositories' names first; what the installed distributions
    # provide only for a package the names miss (R004's reading)
    named, roots = module_roots(doc, installed=False), None
    policy, error = policy_of(doc)
    if error is not None:
        yield from not_allowed(doc, True)
        return
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            if policy.allows(source_of(doc, test.name)):
                continue
            package = test.name.split(".", 1)[0].lower()
            if roots is None and not provided(package, named):
                roots = module_roots(doc)
            if roots and not provided(package, roots):
                continue  # R004: no repository provides it
            yield Problem(f"test '{test.name}' of '{cap.name}' is not a "
                          "Tempest API test (tempest.api.*): OpenStack "
                          "Powered tests live in Tempest", test.path)
