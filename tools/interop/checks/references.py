"""R: references between the parts of a guideline.

Capabilities are defined once, under ``capabilities``, and given a status by
the component lists; platforms and add-ons name components.  These rules
check that every name points at something and everything is pointed at.
"""
from __future__ import annotations

from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule
from interop.load.plugins import modules_of
from interop.load.policy import source_of


def _listings(doc: Document) -> Iterator[tuple[str, str, int, str]]:
    """(component, status, index, capability) for each component listing."""
    for comp in (doc.guideline.components or {}).values():
        for status, names in (comp.capabilities or {}).items():
            for index, name in enumerate(names):
                if isinstance(name, str):
                    yield comp.name, status, index, name


@rule("R001", "error", "capability-not-listed")
def capability_not_listed(doc: Document) -> Iterator[Problem]:
    """A capability is defined but no component lists it, so it has no
    status and no program requires it.

    Fails::

        capabilities:
          compute-flavors-list:
            project: nova
            admin: false
            description: List flavors.
            tests: {}

    Passes::

        components:
          os_powered_compute:
            capabilities:
              advisory: [compute-flavors-list]
        capabilities:
          compute-flavors-list:
            project: nova
            admin: false
            description: List flavors.
            tests: {}
    """
    listed = {name for _, _, _, name in _listings(doc)}
    for cap in doc.guideline.iter_capabilities():
        if cap.name not in listed:
            yield Problem(f"capability '{cap.name}' is listed in no "
                          "component, so it has no status", cap.path)


@rule("R002", "error", "capability-listed-twice")
def capability_listed_twice(doc: Document) -> Iterator[Problem]:
    """A capability is listed twice in a component, or under two statuses
    at once (required in one place, advisory in another).  A capability
    may stand in several components (identity in Compute and Storage), but
    with one status.

    Fails::

        components:
          os_powered_compute:
            capabilities:
              advisory: [compute-servers-create]

    Passes::

        components:
          os_powered_compute:
            capabilities:
              advisory: []
    """
    seen: dict[tuple[str, str], str] = {}
    first: dict[str, tuple[str, str]] = {}
    for comp, status, index, name in _listings(doc):
        where = ("components", comp, "capabilities", status, index)
        if (comp, name) in seen:
            was = seen[(comp, name)]
            also = "again" if was == status else f"and {was}"
            yield Problem(f"capability '{name}' is listed as {status} "
                          f"{also} in component '{comp}'", where)
            continue
        seen[(comp, name)] = status
        other = first.setdefault(name, (comp, status))
        if other[1] != status:
            yield Problem(f"capability '{name}' is {status} in component "
                          f"'{comp}' but {other[1]} in '{other[0]}'",
                          where)


@rule("R003", "error", "undefined-reference")
def undefined_reference(doc: Document) -> Iterator[Problem]:
    """A name that points at nothing: a component lists a capability that
    is not defined, or a platform or add-on names a component (of this
    guideline) that is not defined.

    Fails::

        components:
          os_powered_compute:
            capabilities:
              advisory: [compute-servers-reboot]

    Passes::

        components:
          os_powered_compute:
            capabilities:
              advisory: []
    """
    g = doc.guideline
    defined = set(g.capabilities or {})
    for comp, status, index, name in _listings(doc):
        if name not in defined:
            yield Problem(f"component '{comp}' lists capability '{name}' "
                          f"as {status}, but it is not defined",
                          ("components", comp, "capabilities", status, index),
                          key=False)
    components = set(g.components or {})
    for section, items in (("platforms", g.platforms),
                           ("add-ons", g.add_ons)):
        for p in (items or {}).values():
            for ref in p.components or []:
                # a reference with a source names another guideline's
                if ref.source is None and isinstance(ref.name, str) \
                        and ref.name not in components:
                    yield Problem(f"{section[:-1]} '{p.name}' names "
                                  f"component '{ref.name}', which is not "
                                  "defined", ref.path, key=False)


def provided(package: str, roots: set[str]) -> bool:
    """Whether a test's package is one the repositories ``roots`` hold
    (manila_tempest_tests is manila-tempest-plugin's)."""
    return any(package == r or package.startswith(r + "_")
               or r.startswith(package + "_") for r in roots)


def module_roots(doc: Document, installed: bool = True) -> set[str]:
    """Python package names a guideline's test repositories can hold:
    the repository's name and the last part of its address, with ``-``
    read as ``_`` (designate-tempest-plugin holds designate_tempest_plugin),
    and the modules the installed distribution of that name provides
    (manila-tempest-plugin provides manila_tempest_tests:
    :func:`interop.load.plugins.modules_of`).
    """
    roots: set[str] = set()
    for repo in (doc.guideline.test_repositories or {}).values():
        names = [repo.name]
        if isinstance(repo.repository, str):
            names.append(repo.repository.rstrip("/").rsplit("/", 1)[-1])
        roots.update(n.replace("-", "_").lower() for n in names if n)
        # what the installed distribution says it provides: its Tempest
        # plugin entry point's module and its top-level packages
        for name in names if installed else ():
            if isinstance(name, str):
                roots.update(m.lower() for m in modules_of(name))
    return roots


@rule("R004", "error", "test-from-unknown-repository")
def test_from_unknown_repository(doc: Document) -> Iterator[Problem]:
    """A test whose Python package matches none of the guideline's test
    repositories, so nothing says where to get it.  Add-ons and verticals
    may use the Tempest plugins their guideline names in
    ``test_repositories``, and only those; an Xtesting case
    (``xtesting:project/case``) needs a repository of ``kind: xtesting``.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              manila_tempest_tests.api.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              tempest.api.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    # the names first: what the installed distributions provide is read
    # (every distribution's metadata) only for a test the names miss
    roots, full = module_roots(doc, installed=False), False
    if not roots:
        roots, full = module_roots(doc), True
        if not roots:
            return
    adjacent = any(r.kind == "xtesting" for r in
                   (doc.guideline.test_repositories or {}).values())
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            if source_of(test.name) == "xtesting":
                # a repository's kind is source only: the published file
                # cannot say it, and its source is checked for it
                if not adjacent and not doc.published:
                    yield Problem(f"test '{test.name}' is an Xtesting "
                                  "case, but no test repository is of kind "
                                  "xtesting", test.path)
                continue
            package = test.name.split(".", 1)[0].lower()
            if not full and not provided(package, roots):
                roots, full = module_roots(doc), True
            if not provided(package, roots):
                yield Problem(f"test '{test.name}' is in package "
                              f"'{package}', which no test repository "
                              "provides", test.path)


@rule("R005", "error", "project-without-sections")
def project_without_sections(doc: Document) -> Iterator[Problem]:
    """A project has required capabilities but no required designated
    sections: nothing says which of its code a product must run.

    Fails::

        capabilities:
          compute-servers-create:
            project: glance

    Passes::

        capabilities:
          compute-servers-create:
            project: nova
    """
    g = doc.guideline
    required = {name for _, status, _, name in _listings(doc)
                if status == "required"}
    reported = set()
    for cap in g.iter_capabilities():
        project = cap.project
        if cap.name not in required or not isinstance(project, str) or \
                project in reported:
            continue
        statuses = (g.designated_sections or {}).get(project, {})
        if "required" not in statuses:
            reported.add(project)
            yield Problem(f"project '{project}' has required capabilities "
                          f"('{cap.name}') but no required designated "
                          "sections", cap.path + ("project",), key=False)


@rule("R006", "error", "plugin-tests-without-repository")
def plugin_tests_without_repository(doc: Document) -> Iterator[Problem]:
    """An add-on or vertical lists tests from outside Tempest but names no
    test repository: nothing says which plugin, at which release, holds
    them (R004 can only check tests against the repositories named).

    Fails::

        # file: add-ons/dns/next.yaml
        # over: NOTHING
        program: {kind: add-on, name: dns, builds_on: next}
        metadata:
          id: dns.next
        capabilities:
          compute-servers-create:
            tests:
              designate_tempest_plugin.tests.api.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f

    Passes::

        # file: add-ons/dns/next.yaml
        # over: NOTHING
        program: {kind: add-on, name: dns, builds_on: next}
        metadata:
          id: dns.next
        test_repositories:
          designate-tempest-plugin:
            repository: https://opendev.org/openstack/designate-tempest-plugin/
            reference: "0.30.0"
        capabilities:
          compute-servers-create:
            tests:
              designate_tempest_plugin.tests.api.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    g = doc.guideline
    if g.program.kind == "powered" or g.test_repositories:
        return
    for cap in g.iter_capabilities():
        for test in cap.iter_tests():
            package = test.name.split(".", 1)[0]
            if package != "tempest":
                yield Problem(f"test '{test.name}' is in package "
                              f"'{package}', but the guideline names no "
                              "test repository (test_repositories)",
                              test.path)
                return
