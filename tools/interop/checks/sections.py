"""L: designated sections follow the lifecycle one by one.

A project's sections as a whole are L003's and L004's; these rules follow
each section: it is designated as advisory before it is designated as
required, and deprecated before it stops being designated.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.checks.lifecycle import previous, section_statuses


def _designated(g: m.Guideline) -> dict[tuple[str, str], str]:
    """(project, section) -> the status of the group where the section is
    designated (``designated: true``)."""
    out: dict[tuple[str, str], str] = {}
    for group in g.iter_sections():
        if group.status not in m.STATUSES:
            continue
        for name, section in (group.sections or {}).items():
            if section.designated is True:
                out.setdefault((group.project, name), group.status)
    return out


def _groups(g: m.Guideline, project: str
            ) -> dict[str, tuple[str, m.Section]]:
    """Section name -> section, over every status of a project."""
    out: dict[str, tuple[str, m.Section]] = {}
    for status, group in (g.designated_sections or {}).get(project,
                                                           {}).items():
        if status is m.RAW:
            continue
        for name, section in (group.sections or {}).items():
            out.setdefault(name, (status, section))
    return out


def _whole_project(g: m.Guideline, project: str) -> bool:
    """Whether the project is advisory or required with no sections
    spelt out (as 1.x guidelines named whole projects)."""
    groups = (g.designated_sections or {}).get(project, {})
    return any(not (groups[s].sections or {}) for s in ("advisory",
                                                        "required")
               if s in groups)


@rule("L009", "error", "section-designated-without-advisory")
def section_designated_without_advisory(doc: Document) -> Iterator[Problem]:
    """A designated section is required (``designated: true`` under
    ``required``) though the previous guideline did not designate it as
    advisory or required: sections follow the lifecycle one by one, not
    only per project.  (A project whose sections are all new is L003's.)

    Fails::

        designated_sections:
          nova:
            required:
              guidance: The API is designated.
              sections:
                api:
                  description: The compute API.
                  designated: true
                scheduler:
                  description: The scheduler.
                  designated: true

    Passes::

        designated_sections:
          nova:
            advisory:
              guidance: The scheduler may become designated.
              sections:
                scheduler:
                  description: The scheduler.
                  designated: true
    """
    prev = previous(doc)
    if prev is None:
        return
    before = _designated(prev)
    for (project, name), status in sorted(_designated(doc.guideline).items()):
        if status != "required" or before.get((project, name)) in (
                "advisory", "required"):
            continue
        if not section_statuses(prev, project) & {"advisory", "required"}:
            continue  # the whole project jumps: L003 says so once
        if _whole_project(prev, project):
            continue  # sections not yet spelt out: the project covers them
        yield Problem(f"section '{name}' of '{project}' is designated and "
                      f"required, but was not designated as advisory in "
                      f"{prev.id}", ("designated_sections", project,
                                     "required", "sections", name))


@rule("L010", "error", "section-undesignated-without-deprecation")
def section_undesignated_without_deprecation(doc: Document
                                             ) -> Iterator[Problem]:
    """A section the previous guideline designated as required is deleted,
    undesignated (``designated: false``) or moved to another status than
    required or deprecated, without a guideline in which it was
    deprecated.

    Fails::

        designated_sections:
          nova:
            required:
              guidance: The API is designated.
              sections:
                api:
                  description: The compute API.
                  designated: false

    Passes::

        designated_sections:
          nova:
            deprecated:
              guidance: The API will no longer be designated.
              sections:
                api:
                  description: The compute API.
                  designated: true
    """
    prev = previous(doc)
    if prev is None:
        return
    g = doc.guideline
    now = _designated(g)
    for (project, name), status in sorted(_designated(prev).items()):
        if status != "required" or now.get((project, name)) in (
                "required", "deprecated"):
            continue
        if "removed" in section_statuses(g, project):
            continue  # the whole project is removed: L004 judges that
        found = _groups(g, project).get(name)
        where: tuple[Any, ...]
        if found is None:
            where = ("designated_sections", project) if project in (
                g.designated_sections or {}) else ()
            what = "is deleted"
        else:
            where = ("designated_sections", project, found[0], "sections",
                     name)
            what = (f"is {found[0]}" if found[1].designated is True else
                    "is no longer designated")
        yield Problem(f"section '{name}' of '{project}', designated and "
                      f"required in {prev.id}, {what}: it must be "
                      "deprecated for one guideline first", where)
