"""L: the lifecycle of capabilities and designated sections across a
program's series.

A capability becomes required only after one guideline as advisory, and is
removed only after one guideline as deprecated; designated sections follow
the same rule.  An approved guideline's test lists do not change, except
for flags.  The previous guideline is the one ``replaces`` names, else the
one before in the series.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.checks.reasons import has_reason, is_deprecation


def previous(doc: Document) -> m.Guideline | None:
    """The guideline before this one in its series (see the module's
    docstring), or None."""
    if doc.workspace is None:
        return None
    return doc.workspace.series(doc.guideline).previous(doc.guideline)


def _listed(g: m.Guideline, status: str
            ) -> Iterator[tuple[str, tuple[Any, ...]]]:
    for comp in (g.components or {}).values():
        for index, name in enumerate((comp.capabilities or {}).get(status,
                                                                    [])):
            if isinstance(name, str):
                yield name, ("components", comp.name, "capabilities",
                             status, index)


def _transition(doc: Document, status: str, allowed: tuple[str, ...],
                before: str) -> Iterator[Problem]:
    prev = previous(doc)
    if prev is None:
        return
    for name, path in _listed(doc.guideline, status):
        was = prev.status_of(name)
        if was not in allowed:
            was_text = f"was {was}" if was else "was not listed"
            yield Problem(f"capability '{name}' is {status} but {was_text} "
                          f"in {prev.id}: it must be {before} for one "
                          "guideline first", path, key=False)


@rule("L001", "error", "required-without-advisory")
def required_without_advisory(doc: Document) -> Iterator[Problem]:
    """A capability is required though the previous guideline did not list
    it as advisory (or required): products get one guideline's notice.

    Fails::

        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create, compute-images-old]

    Passes::

        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create, compute-flavors-list]
    """
    return _transition(doc, "required", ("advisory", "required"), "advisory")


@rule("L002", "error", "removed-without-deprecation")
def removed_without_deprecation(doc: Document) -> Iterator[Problem]:
    """A capability is removed though the previous guideline did not list
    it as deprecated (or removed); or a capability the previous guideline
    required is dropped without a word (listed under no status at all).

    Fails::

        components:
          os_powered_compute:
            capabilities:
              removed: [compute-flavors-list]

    Passes::

        components:
          os_powered_compute:
            capabilities:
              removed: [compute-images-old]
    """
    yield from _transition(doc, "removed", ("deprecated", "removed"),
                           "deprecated")
    prev = previous(doc)
    if prev is None:
        return
    listed = doc.guideline.capability_statuses()
    for name, where in prev.capability_statuses().items():
        comp, status = where[0]
        if status == "required" and name not in listed:
            path = ("components", comp, "capabilities") \
                if comp in (doc.guideline.components or {}) else ()
            yield Problem(f"capability '{name}', required in {prev.id}, is "
                          "dropped: it must be deprecated for one guideline "
                          "first", path)


@rule("L008", "error", "required-demoted")
def required_demoted(doc: Document) -> Iterator[Problem]:
    """A capability the previous guideline required is listed with another
    status than required or deprecated (advisory, say).  The only way down
    from required is deprecated for one guideline, then removed; a
    capability dropped altogether is L002's, one removed directly is
    L002's too.

    Fails::

        components:
          os_powered_compute:
            capabilities:
              required: []
              advisory: [compute-servers-create]

    Passes::

        components:
          os_powered_compute:
            capabilities:
              required: []
              deprecated: [compute-servers-create]
    """
    prev = previous(doc)
    if prev is None:
        return
    written = {s for c in (doc.guideline.components or {}).values()
               for s in (c.capabilities or {}) if isinstance(s, str)}
    for status in sorted(written - {"required", "deprecated", "removed"}):
        for name, path in _listed(doc.guideline, status):
            if prev.status_of(name) == "required":
                yield Problem(f"capability '{name}', required in {prev.id}, "
                              f"is {status}: a required capability goes "
                              "down only through deprecated", path,
                              key=False)


def section_statuses(g: m.Guideline, project: str) -> set[str]:
    """The lifecycle statuses under which ``g`` lists ``project``'s
    designated sections."""
    return {s for s in (g.designated_sections or {}).get(project, {})
            if s in m.STATUSES}


def _section_transition(doc: Document, status: str, allowed: set[str],
                        before: str) -> Iterator[Problem]:
    prev = previous(doc)
    if prev is None:
        return
    for project in doc.guideline.designated_sections or {}:
        if status in section_statuses(doc.guideline, project) and \
                not section_statuses(prev, project) & allowed:
            yield Problem(f"designated sections of '{project}' are {status} "
                          f"but were not {before} in {prev.id}",
                          ("designated_sections", project, status))


@rule("L003", "error", "sections-required-without-advisory")
def sections_required_without_advisory(doc: Document) -> Iterator[Problem]:
    """A project's designated sections are required though they were not
    advisory (or required) in the previous guideline.

    Fails::

        designated_sections:
          glance:
            required:
              guidance: The image API is designated.
              sections: {}

    Passes::

        designated_sections:
          glance:
            advisory:
              guidance: The image API is designated.
              sections: {}
    """
    return _section_transition(doc, "required", {"advisory", "required"},
                               "advisory")


@rule("L004", "error", "sections-removed-without-deprecation")
def sections_removed_without_deprecation(doc: Document
                                         ) -> Iterator[Problem]:
    """A project's designated sections are removed though they were not
    deprecated (or removed) in the previous guideline.

    Fails::

        designated_sections:
          nova:
            removed:
              guidance: No longer designated.
              sections: {}

    Passes::

        designated_sections:
          nova:
            required:
              guidance: The API is designated.
              sections: {}
    """
    return _section_transition(doc, "removed", {"deprecated", "removed"},
                               "deprecated")


@rule("L006", "error", "required-since-missing")
def required_since_missing(doc: Document) -> Iterator[Problem]:
    """A required capability says nothing of when it became required, in a
    guideline that is compiled as written (``derive: false``, or a
    published file).  Sources that derive it may leave it out.

    Fails::

        derive: false

    Passes::

        derive: false
        capabilities:
          compute-servers-create:
            required_since: "2026.06"
    """
    g = doc.guideline
    if g.derive and not doc.published:
        return
    if isinstance(g.imported, dict) and g.imported.get("schema") == "1.2":
        return  # schema 1.2 had no place for it
    for name, _ in _listed(g, "required"):
        cap = (g.capabilities or {}).get(name)
        if cap is not None and cap.required_since in (None, ""):
            state = "missing" if cap.required_since is None else "empty"
            yield Problem(f"required capability '{name}' has its "
                          f"required_since {state}", cap.path)


@rule("L007", "warning", "required-since-disagrees")
def required_since_disagrees(doc: Document) -> Iterator[Problem]:
    """A capability's ``required_since`` disagrees with what the series
    proves: the capability was already required in an earlier guideline,
    or it was listed with another status in the guideline named.  (A
    guideline the series does not hold, or one that does not list the
    capability at all, as after a rename, proves nothing.)

    Fails::

        capabilities:
          compute-servers-create:
            required_since: "2025.12"

    Passes::

        capabilities:
          compute-servers-create:
            required_since: "2026.06"
    """
    g = doc.guideline
    if doc.workspace is None:
        return
    series = doc.workspace.series(g)
    for name, _ in _listed(g, "required"):
        cap = (g.capabilities or {}).get(name)
        written = cap.required_since if cap else None
        if cap is None or not isinstance(written, str) or not written:
            continue
        since, _ = series.required_since(g, name)
        if since is None or written == since:
            continue
        named = series.by_version(written)
        was = named.status_of(name) if named is not None else None
        if written > since or was not in (None, "required"):
            yield Problem(f"capability '{name}' has required_since "
                          f"{written!r}, but the series says {since!r}",
                          cap.path + ("required_since",), key=False)



@rule("L013", "error", "deprecation-without-reason")
def deprecation_without_reason(doc: Document) -> Iterator[Problem]:
    """A draft deprecates a capability (deprecated here, not in the
    previous guideline) without saying why in the capability's ``why``
    (source only): products lose it in the next guideline, and the
    Board, the vendors and the project are owed the reason.  The scoring
    sheet's ``note`` does not count here: it is carried from draft to
    draft and mostly explains marks (one helper,
    ``interop.checks.reasons.has_reason``, decides for L013 and L014
    alike; L014 leaves deprecations to this rule).

    Fails::

        components:
          os_powered_compute:
            capabilities:
              required: []
              deprecated: [compute-servers-create]

    Passes::

        components:
          os_powered_compute:
            capabilities:
              required: []
              deprecated: [compute-servers-create]
        capabilities:
          compute-servers-create:
            why: The project replaces the call with the v3 one.
    """
    g = doc.guideline
    prev = previous(doc)
    if prev is None or doc.published or g.imported is not None or \
            g.status not in ("draft", "review"):
        return
    for name, path in _listed(g, "deprecated"):
        if not is_deprecation(g, prev, name) or \
                has_reason(doc, name, deprecation=True):
            continue
        yield Problem(f"capability '{name}' is deprecated here without a "
                      "reason: say why in its 'why' (capabilities."
                      f"{name}.why; a scoring sheet's note does not count "
                      "for a deprecation)", path, key=False)
