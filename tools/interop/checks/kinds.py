"""K: capabilities of other kinds than API calls.

A capability is by default of ``kind: api`` (calls of its project's API).
One of ``kind: template-resource`` requires Heat template resource types
(``resource_types: [OS::Nova::Server, ...]``), which its tests (scenario
tests and gabbi API tests of heat-tempest-plugin) exercise.  These rules
read the source; whether the installed tests really exercise the types is
``interop tests verify``'s (K003, K004: :mod:`interop.tempest.kinds`).
"""
from __future__ import annotations

from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule

TEMPLATE = "template-resource"


@rule("K001", "error", "template-resource-without-types")
def template_resource_without_types(doc: Document) -> Iterator[Problem]:
    """A capability of ``kind: template-resource`` lists no
    ``resource_types``: nothing says which resource types a product must
    support.

    Fails::

        capabilities:
          compute-servers-create:
            kind: template-resource

    Passes::

        capabilities:
          compute-servers-create:
            kind: template-resource
            resource_types: [OS::Nova::Server]
    """
    for cap in doc.guideline.iter_capabilities():
        if cap.kind == TEMPLATE and not cap.resource_types:
            yield Problem(f"capability '{cap.name}' is of kind "
                          "template-resource but lists no resource_types",
                          cap.path + ("kind",))


@rule("K002", "error", "resource-types-on-api-capability")
def resource_types_on_api_capability(doc: Document) -> Iterator[Problem]:
    """A capability lists ``resource_types`` but is not of ``kind:
    template-resource``, so the types would be read as nothing.

    Fails::

        capabilities:
          compute-servers-create:
            resource_types: [OS::Nova::Server]

    Passes::

        capabilities:
          compute-servers-create:
            kind: template-resource
            resource_types: [OS::Nova::Server]
    """
    for cap in doc.guideline.iter_capabilities():
        if cap.resource_types is not None and cap.kind != TEMPLATE:
            yield Problem(f"capability '{cap.name}' lists resource_types "
                          "but is not of kind template-resource",
                          cap.path + ("resource_types",))
