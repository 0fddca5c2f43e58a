"""C: a vertical program must not conflict with the Powered guideline it
builds on.

A vertical (NFV) adds requirements on top of OpenStack Powered: a product
certified for the vertical is a Powered product too, so the vertical may
not require what Powered drops, define a shared capability differently,
excuse a test Powered requires, or designate a section Powered leaves out
(or the reverse).  The Powered guideline is the one the vertical names
(``program.builds_on``, else a component's ``source``); where it is not in
the run or the repository, these rules stay quiet.

Length: one family of eight rules whose docstrings are their documented
examples (the catalogue page and its tests run them); splitting a family
across modules would break the one-module-per-family registry.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.checks.programs import policy_of
from interop.checks.workspace import (
    builds_on,
    powered_for,
    shown,
    unknown_components,
)

#: flag reasons that say a test cannot pass as it stands: a test bug (D401),
#: a bug in the code under test (D402), a test removed from the suite (D406)
BROKEN = ("D401", "D402", "D406")

_REASON = re.compile(r"\s*\[?(D40\d)\b")


def _vertical(doc: Document) -> bool:
    return doc.guideline.program.kind == "vertical"


def _required(g: m.Guideline) -> dict[str, str]:
    """Required capability -> the (first) component that requires it."""
    out: dict[str, str] = {}
    for comp in (g.components or {}).values():
        for name in (comp.capabilities or {}).get("required") or []:
            if isinstance(name, str):
                out.setdefault(name, comp.name)
    return out


def _names(test: m.Test) -> set[str]:
    """A test's name and its aliases (older names of the same test)."""
    names = {test.name}
    if isinstance(test.aliases, list):
        names.update(a for a in test.aliases if isinstance(a, str))
    return names


def _tests(g: m.Guideline) -> dict[str, tuple[m.Capability, m.Test]]:
    """Test name or alias -> (capability, test), first listing wins."""
    out: dict[str, tuple[m.Capability, m.Test]] = {}
    for cap in g.iter_capabilities():
        for test in cap.iter_tests():
            for name in _names(test):
                out.setdefault(name, (cap, test))
    return out


def _reason(flag: m.Flag | None) -> str | None:
    """The reason code of a flag (``D401 ...`` or ``[D401] ...``)."""
    if flag is None or not isinstance(flag.reason, str):
        return None
    found = _REASON.match(flag.reason)
    return found[1] if found else None


@rule("C001", "error", "vertical-without-base")
def vertical_without_base(doc: Document) -> Iterator[Problem]:
    """A vertical names no Powered guideline to build on.

    A vertical's products are Powered products, so a vertical guideline
    says which Powered guideline it builds on: with ``program.builds_on``
    or with the ``source`` URL of a Powered component it names (ending in
    the guideline's file name, ``2026.06.json``).  Without one, nothing
    can be checked against Powered and vendors cannot tell what else they
    must pass.

    Fails::

        program: {kind: vertical, name: nfv}
        metadata: {id: nfv.next}

    Passes::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
    """
    g = doc.guideline
    if _vertical(doc) and builds_on(g) is None:
        where = ("program",) if "program" in (doc.tree or {}) else ()
        yield Problem(f"vertical '{g.program.name}' names no Powered "
                      "guideline to build on: set program.builds_on, or a "
                      "source on a Powered component", where)


@rule("C002", "error", "requires-what-powered-drops")
def requires_what_powered_drops(doc: Document) -> Iterator[Problem]:
    """A vertical requires a capability that its Powered guideline lists
    as deprecated or removed.

    Powered deprecates a capability on its way out of the program; a
    vertical built on that guideline cannot keep requiring it, since the
    clouds it certifies are leaving it behind.  Make the capability
    advisory (or drop it) in the vertical, or argue for it in Powered.

    Fails::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create, compute-images-old]
        capabilities:
          compute-images-old:
            project: nova
            admin: false
            description: An old image call.
            tests: {}

    Passes::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create]
              advisory: [compute-images-old]
        capabilities:
          compute-images-old:
            project: nova
            admin: false
            description: An old image call.
            tests: {}
    """
    powered = powered_for(doc) if _vertical(doc) else None
    if powered is None:
        return
    dropped = {name: status
               for name, listed in powered.capability_statuses().items()
               for _, status in listed if status in ("deprecated", "removed")}
    for comp in (doc.guideline.components or {}).values():
        for index, name in enumerate((comp.capabilities or {})
                                     .get("required") or []):
            if isinstance(name, str) and name in dropped:
                yield Problem(f"capability '{name}' is required here but "
                              f"{dropped[name]} in {shown(powered)}",
                              ("components", comp.name, "capabilities",
                               "required", index), key=False)


def _differences(mine: m.Capability, theirs: m.Capability) -> list[str]:
    out = []
    if mine.project != theirs.project:
        out.append(f"project {mine.project!r} here, {theirs.project!r} "
                   "in Powered")
    if bool(mine.admin) != bool(theirs.admin):
        out.append(f"admin {_yaml_bool(mine.admin)} here, "
                   f"{_yaml_bool(theirs.admin)} in Powered")
    here = {t.name: t for t in mine.iter_tests()}
    there = {t.name: t for t in theirs.iter_tests()}
    known_there = set().union(*(_names(t) for t in there.values()))
    known_here = set().union(*(_names(t) for t in here.values()))
    only_here = sorted(n for n, t in here.items()
                       if not _names(t) & known_there)
    only_there = sorted(n for n, t in there.items()
                        if not _names(t) & known_here)
    if only_here:
        out.append("tests only here: " + ", ".join(only_here))
    if only_there:
        out.append("tests only in Powered: " + ", ".join(only_there))
    return out


def _yaml_bool(value: Any) -> str:
    return "true" if value else "false"


@rule("C003", "error", "redefined-differently")
def redefined_differently(doc: Document) -> Iterator[Problem]:
    """A vertical defines a capability of its Powered guideline again,
    differently: another project, another admin flag, or other tests.

    A capability means one thing across the programs: a vendor who passes
    it for Powered has passed it for the vertical.  A vertical that needs
    more tests defines a capability of its own.  Test names match through
    their aliases, so a test renamed since is not a difference.

    Fails::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        capabilities:
          compute-servers-create:
            project: glance

    Passes::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        capabilities:
          compute-servers-create:
            project: nova
    """
    powered = powered_for(doc) if _vertical(doc) else None
    if powered is None:
        return
    theirs = powered.capabilities or {}
    for cap in doc.guideline.iter_capabilities():
        if cap.name in theirs:
            found = _differences(cap, theirs[cap.name])
            if found:
                yield Problem(f"capability '{cap.name}' differs from "
                              f"{shown(powered)}: " + "; ".join(found),
                              cap.path)


@rule("C004", "error", "flag-conflict")
def flag_conflict(doc: Document) -> Iterator[Problem]:
    r"""A vertical flags a test its Powered guideline requires, or
    requires a test Powered flags as broken.

    A test in a required capability of Powered, not flagged there, must
    pass on every Powered cloud, so a vertical cannot excuse it with a
    flag.  And a test Powered flags because it cannot pass as it stands
    (D401 a test bug, D402 a bug in the code under test, D406 removed from
    the suite) cannot be required by the vertical either: flag it there
    too.

    Fails::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        capabilities:
          compute-servers-create:
            tests:
              ? "tempest.api.compute.servers.test_create_server.\
                ServersTestJSON.test_list_servers"
              : idempotent_id: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
                flagged:
                  reason: D404 Not on NFV clouds.
                  action: Fixed in the next guideline.
                  date: "2026-07-01"

    Passes::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        capabilities:
          compute-servers-create:
            tests:
              ? "tempest.api.compute.servers.test_create_server.\
                ServersTestJSON.test_list_servers"
              : idempotent_id: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
    """
    powered = powered_for(doc) if _vertical(doc) else None
    if powered is None:
        return
    g = doc.guideline
    theirs = _tests(powered)
    required_there = _required(powered)
    required_here = _required(g)
    for cap in g.iter_capabilities():
        for test in cap.iter_tests():
            match = next((theirs[n] for n in sorted(_names(test))
                          if n in theirs), None)
            if match is None:
                continue
            pcap, ptest = match
            if test.flagged is not None:
                if pcap.name in required_there and ptest.flagged is None:
                    yield Problem(
                        f"test '{test.name}' is flagged here, but "
                        f"{shown(powered)} requires it (capability "
                        f"'{pcap.name}')", test.path + ("flagged",))
            elif cap.name in required_here:
                yield from _broken_there(powered, cap, test, ptest)


def _broken_there(powered: m.Guideline, cap: m.Capability, test: m.Test,
                  ptest: m.Test) -> Iterator[Problem]:
    """A test required here that Powered flags as broken."""
    code = _reason(ptest.flagged)
    if code in BROKEN:
        yield Problem(f"test '{test.name}' is required here (capability "
                      f"'{cap.name}'), but {shown(powered)} flags it "
                      f"{code}: flag it here too", test.path)


def _sections(g: m.Guideline
              ) -> dict[tuple[str, str], list[tuple[str, m.Section]]]:
    """(project, section) -> [(status, section)] of that name."""
    out: dict[tuple[str, str], list[tuple[str, m.Section]]] = {}
    for block in g.iter_sections():
        for section in (block.sections or {}).values():
            out.setdefault((block.project, section.name), []).append(
                (block.status, section))
    return out


@rule("C005", "error", "designation-conflict")
def designation_conflict(doc: Document) -> Iterator[Problem]:
    """A designated section is designated in the vertical and not in its
    Powered guideline, or the other way round.

    A designated section is code a product must run unchanged.  A vertical
    cannot demand the upstream code where Powered allows a replacement,
    nor allow a replacement where Powered demands upstream code: the same
    cloud answers to both.  Sections match by project and name (at the same
    status where both have one).

    Fails::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        designated_sections:
          nova:
            required:
              sections:
                api:
                  designated: false

    Passes::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        designated_sections:
          nova:
            required:
              sections:
                scheduler:
                  description: The scheduler.
                  designated: false
    """
    powered = powered_for(doc) if _vertical(doc) else None
    if powered is None:
        return
    theirs = _sections(powered)
    for (project, name), mine in _sections(doc.guideline).items():
        others = theirs.get((project, name))
        if not others:
            continue
        for status, section in mine:
            if not isinstance(section.designated, bool):
                continue
            same = [s for st, s in others if st == status]
            other = (same or [s for _, s in others])[0]
            if isinstance(other.designated, bool) and \
                    other.designated != section.designated:
                yield Problem(
                    f"section '{name}' of '{project}' is "
                    f"{_designated(section.designated)} here but "
                    f"{_designated(other.designated)} in {shown(powered)}",
                    section.path + ("designated",))


def _designated(value: bool) -> str:
    return "designated" if value else "not designated"


@rule("C006", "warning", "leaves-out-powered")
def leaves_out_powered(doc: Document) -> Iterator[Problem]:
    """A vertical defines a component of its Powered guideline's name but
    leaves out capabilities Powered requires in it.

    A component of the same name reads as the Powered component with the
    vertical's additions, so a reader takes it to hold what Powered
    requires; the capabilities left out (listed under no status) are still
    required of every product.  List them, or name the Powered component
    with a ``source`` and define the vertical's additions in a component
    of its own.

    Fails::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        components:
          os_powered_compute:
            capabilities:
              required: []

    Passes::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        components:
          os_powered_compute:
            capabilities:
              required: []
              advisory: [compute-servers-create]
    """
    powered = powered_for(doc) if _vertical(doc) else None
    if powered is None:
        return
    for comp in (doc.guideline.components or {}).values():
        other = (powered.components or {}).get(comp.name)
        if other is None:
            continue
        listed = {name for names in (comp.capabilities or {}).values()
                  for name in names}
        missing = [name for name in (other.capabilities or {})
                   .get("required") or []
                   if isinstance(name, str) and name not in listed]
        if missing:
            yield Problem(f"component '{comp.name}' leaves out what "
                          f"{shown(powered)} requires in it: "
                          + ", ".join(missing), comp.path)


@rule("C007", "error", "admin-required-in-powered")
def admin_required_in_powered(doc: Document) -> Iterator[Problem]:
    """A Powered guideline requires a capability that needs admin
    credentials.

    The Powered program tests what any user of a cloud can do: a
    capability that needs admin credentials scores nothing on the
    non-admin criterion and cannot be required there.  A vertical may
    require one, since its tests are run by the operator.  Make the
    capability advisory, or correct ``admin`` if a user can do it.  (The
    program policy says which programs allow it: ``admin:`` in
    ``criteria/process/programs.yaml``.)

    Fails::

        capabilities:
          compute-servers-create:
            admin: true

    Passes::

        capabilities:
          compute-servers-create:
            admin: false
    """
    g = doc.guideline
    if policy_of(doc)[0].admin:
        return
    required = _required(g)
    for cap in g.iter_capabilities():
        if cap.admin is True and cap.name in required:
            comp = required[cap.name]
            yield Problem(f"capability '{cap.name}' needs admin "
                          f"credentials but component '{comp}' requires it",
                          cap.path + ("admin",))


@rule("C008", "error", "unknown-powered-component")
def unknown_powered_component(doc: Document) -> Iterator[Problem]:
    """A vertical's platform names a Powered component that the Powered
    guideline it points at does not define, so the platform takes in
    nothing of Powered.

    Fails::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        platforms:
          OpenStack Powered NFV:
            components:
              - os_powered_compute
              - name: os_powered_cmpute
                source: https://example.org/2026.06.json

    Passes::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
        platforms:
          OpenStack Powered NFV:
            components:
              - os_powered_compute
              - name: os_powered_compute
                source: https://example.org/2026.06.json
    """
    if not _vertical(doc):
        return
    for platform in (doc.guideline.platforms or {}).values():
        for ref, powered in unknown_components(doc, platform.components
                                               or []):
            yield Problem(f"platform '{platform.name}' names component "
                          f"'{ref.name}', which {shown(powered)} does not "
                          "define", ref.path, key=False)
