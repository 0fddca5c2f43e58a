"""R: references between the parts of a guideline.

Capabilities are defined once, under ``capabilities``, and given a status by
the component lists; platforms and add-ons name components.  These rules
check that every name points at something and everything is pointed at.
"""
from __future__ import annotations

from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule


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
    """A capability is listed more than once in a component: twice under
    one status, or under two statuses at once (required and advisory).

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
    for comp, status, index, name in _listings(doc):
        first = seen.get((comp, name))
        if first is not None:
            also = "again" if first == status else f"and {first}"
            yield Problem(f"capability '{name}' is listed as {status} "
                          f"{also} in component '{comp}'",
                          ("components", comp, "capabilities", status, index))
        else:
            seen[(comp, name)] = status


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
