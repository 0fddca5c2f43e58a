"""W021-W024: criteria overlays, the Core Criteria read for a narrower
audience (:mod:`interop.scoring.criteria`).

An overlay (``extends: core``) inherits its base's criteria, weights and
cutoff unless it says otherwise (then the W rules on frozen criteria apply
to the resolved set as to any other); these rules judge the overlay
itself, in its file, when a guideline scored with it is checked.
"""
from __future__ import annotations

from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule
from interop.checks.scoring import criteria, repo_of
from interop.errors import LoadError
from interop.load.source import value_loc
from interop.scoring.criteria import CriteriaSet


def _overlay(doc: Document) -> tuple[CriteriaSet | None, str | None]:
    _, _, named = criteria(doc)
    if named is None or named.extends is None:
        return None, None
    repo = repo_of(doc)
    return named, repo.rel(named.file) if repo is not None else named.file


def _problems(doc: Document, first: str) -> Iterator[Problem]:
    named, file = _overlay(doc)
    if named is None:
        return
    for path, message in named.problems:
        if (path[0] == "extends") == (first == "extends"):
            yield Problem(message, path, file=file,
                          loc=value_loc(named.tree, path, key=True))


@rule("W021", "error", "overlay-base-unknown")
def overlay_base_unknown(doc: Document) -> Iterator[Problem]:
    """The criteria set the guideline is scored with is an overlay whose
    ``extends`` names no criteria set of the repository (or runs in a
    loop), so none of its criteria can be known.

    Fails::

        metadata:
          scoring: overlay-nowhere

    Passes::

        metadata:
          scoring: add-on
    """
    yield from _problems(doc, "extends")


@rule("W022", "error", "overlay-criterion-unknown")
def overlay_criterion_unknown(doc: Document) -> Iterator[Problem]:
    """An overlay reads, reweighs or leaves out (``without``) a criterion
    its base does not have: a misspelt key would otherwise read nothing.

    Fails::

        metadata:
          scoring: overlay-stray

    Passes::

        metadata:
          scoring: add-on
    """
    yield from _problems(doc, "criteria")


@rule("W023", "warning", "overlay-reads-nothing")
def overlay_reads_nothing(doc: Document) -> Iterator[Problem]:
    """An overlay names an ``audience`` but reads none of its criteria for
    it (no ``read_as``): pages would promise a reading they do not show.

    Fails::

        metadata:
          scoring: overlay-silent

    Passes::

        metadata:
          scoring: add-on
    """
    named, file = _overlay(doc)
    if named is not None and named.audience and not named.read_as:
        yield Problem(f"criteria set '{named.id}' is read for "
                      f"{named.audience}, but no criterion says how "
                      "(read_as)", ("audience",), file=file,
                      loc=value_loc(named.tree, ("audience",), key=True))


@rule("W024", "error", "not-the-programs-criteria")
def not_the_programs_criteria(doc: Document) -> Iterator[Problem]:
    """The guideline is scored with another criteria set than the one its
    program names in ``criteria/process/programs.yaml`` (``criteria:``):
    a program's guidelines are read for one audience.

    Fails::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata:
          scoring: core

    Passes::

        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata:
          scoring: nfv
    """
    meta = doc.guideline.metadata
    repo = repo_of(doc)
    named = meta.scoring.criteria_set if meta and meta.scoring else None
    if repo is None or named is None or doc.published or \
            named not in repo.criteria_sets:  # unknown: W011's
        return
    try:
        wanted = repo.ownership.criteria.get(doc.guideline.program.name)
    except LoadError:
        return  # B rules report a programs.yaml that cannot be read
    if wanted is not None and named != wanted:
        yield Problem(f"scored with '{named}', but the "
                      f"{doc.guideline.program.name} program's criteria "
                      f"set is '{wanted}' (criteria/process/programs.yaml)",
                      ("metadata", "scoring"), key=False)
