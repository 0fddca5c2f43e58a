"""A: an add-on program on top of OpenStack Powered.

An add-on (DNS, Orchestration) adds capabilities of its own project to a
Powered product: it names the Powered platform components a product must
(or may) also have, defines only its own capabilities, and scores them
against the add-on criteria.  The Powered guideline is the one the add-on
names (``program.builds_on``, else a platform component's ``source``);
where it is not in the run or the repository, the rules that need it stay
quiet.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule
from interop.checks.workspace import powered_for, shown, unknown_components

#: the criteria the add-on programs leave out of the Core Criteria
NOT_ADD_ON = ("deployed", "foundation", "proximity")
#: the add-on criteria set, and its cutoff
ADD_ON_SET = "add-on"
ADD_ON_CUTOFF = 60


def _add_on(doc: Document) -> bool:
    return doc.guideline.program.kind == "add-on"


@rule("A001", "error", "unknown-platform-component")
def unknown_platform_component(doc: Document) -> Iterator[Problem]:
    """An add-on requires (or allows) a Powered platform component that
    the Powered guideline it builds on does not define.

    ``required_platform_components`` and ``optional_platform_components``
    name components of the Powered guideline (the one a component's
    ``source`` names, else the one the add-on builds on), usually
    ``os_powered_compute`` or ``os_powered_storage``.  A name Powered does
    not define is a misspelling, or a component Powered has since renamed.

    Fails::

        program: {kind: add-on, name: dns, builds_on: "2026.06"}
        metadata: {id: dns.next}
        platforms: {}
        add-ons:
          DNS:
            components: [os_powered_dns]
            required_platform_components: [os_powered_cmpute]

    Passes::

        program: {kind: add-on, name: dns, builds_on: "2026.06"}
        metadata: {id: dns.next}
        platforms: {}
        add-ons:
          DNS:
            components: [os_powered_dns]
            required_platform_components: [os_powered_compute]
    """
    if not _add_on(doc):
        return
    for add_on in (doc.guideline.add_ons or {}).values():
        for key in ("required_platform_components",
                    "optional_platform_components"):
            refs = getattr(add_on, key) or []
            for ref, powered in unknown_components(doc, refs):
                kind = key.split("_", 1)[0]
                yield Problem(f"{kind} platform component '{ref.name}' of "
                              f"add-on '{add_on.name}' is not defined in "
                              f"{shown(powered)}", ref.path, key=False)


@rule("A002", "error", "redefines-powered-capability")
def redefines_powered_capability(doc: Document) -> Iterator[Problem]:
    """An add-on defines a capability of the Powered guideline it builds
    on.

    An add-on adds capabilities of its own project; what Powered defines
    is already required (or not) by Powered, and a second definition of
    the same name would give one capability two statuses and two sets of
    tests.  Name the add-on's capability after its own project.

    Fails::

        program: {kind: add-on, name: dns, builds_on: "2026.06"}
        metadata: {id: dns.next}
        capabilities:
          compute-flavors-list:
            project: nova
            admin: false
            description: List flavors.
            tests: {}

    Passes::

        program: {kind: add-on, name: dns, builds_on: "2026.12"}
        metadata: {id: dns.next}
        capabilities:
          dns-zone-crud:
            project: designate
            admin: false
            description: Create, show, list and delete zones.
            tests: {}
    """
    if not _add_on(doc):
        return
    powered = powered_for(doc)
    if powered is None:
        return
    theirs = powered.capabilities or {}
    for cap in doc.guideline.iter_capabilities():
        if cap.name in theirs:
            yield Problem(f"capability '{cap.name}' is a capability of "
                          f"{shown(powered)}: an add-on defines only its "
                          "own", cap.path)


@rule("A003", "error", "not-the-add-on-criteria")
def not_the_add_on_criteria(doc: Document) -> Iterator[Problem]:
    """An add-on is not scored against the add-on criteria.

    Add-on programs use nine of the twelve Core Criteria (not Widely
    Deployed, Foundation or Proximity, which measure a capability's place
    in OpenStack as a whole) with a cutoff of 60: name the ``add-on``
    criteria set (or an overlay of it that reads them for the add-on's
    audience, ``extends: add-on``), or write out those criteria and that
    cutoff.

    Fails::

        program: {kind: add-on, name: dns, builds_on: "2026.06"}
        metadata: {id: dns.next, scoring: core}

    Passes::

        program: {kind: add-on, name: dns, builds_on: "2026.06"}
        metadata: {id: dns.next, scoring: add-on}
    """
    if not _add_on(doc):
        return
    meta = doc.guideline.metadata
    scoring = meta.scoring if meta else None
    if scoring is None:
        return
    where = ("metadata", "scoring")
    if scoring.criteria_set is not None:
        if not _reads_add_on(doc, scoring.criteria_set):
            yield Problem(f"add-on scored with criteria set "
                          f"'{scoring.criteria_set}': use '{ADD_ON_SET}'",
                          where, key=False)
        return
    for key in scoring.criteria or {}:
        if key in NOT_ADD_ON:
            yield Problem(f"criterion '{key}' is not an add-on criterion",
                          where + ("criteria", key))
    if scoring.cutoff_score != ADD_ON_CUTOFF:
        found = scoring.cutoff_score
        yield Problem(f"add-on cutoff_score is {found}, not "
                      f"{ADD_ON_CUTOFF}" if found is not None else
                      f"add-on scoring has no cutoff_score: the add-on "
                      f"cutoff is {ADD_ON_CUTOFF}",
                      where + ("cutoff_score",), key=False)


def _reads_add_on(doc: Document, name: str) -> bool:
    """Whether the set is the add-on criteria or an overlay of them that
    keeps their criteria and cutoff."""
    if name == ADD_ON_SET:
        return True
    sets = getattr(doc.repo, "criteria_sets", None) or {}
    found, seen = sets.get(name), set()
    while found is not None and found.extends and found.id not in seen:
        seen.add(found.id)
        if found.extends == ADD_ON_SET:
            base = sets.get(ADD_ON_SET)
            return base is not None and found.cutoff == base.cutoff and \
                set(found.criteria) == set(base.criteria)
        found = sets.get(found.extends)
    return False


#: program kind -> the folder its guidelines live in
_FOLDERS = {"add-on": "add-ons", "vertical": "verticals"}


@rule("A004", "error", "name-of-two-programs")
def name_of_two_programs(doc: Document) -> Iterator[Problem]:
    """An add-on and a vertical program share one name.

    A program's name names its scoring sheets (``criteria/scoring/NAME/``),
    its published files and its pages, whatever its kind: an add-on and a
    vertical of one name would share one sheet and one page, and one of
    them would silently be lost.  The other program is found in the run,
    or as the repository's ``add-ons/NAME`` or ``verticals/NAME`` folder.
    Rename one of them.

    Fails::

        # file: verticals/shared/next.yaml
        program: {kind: vertical, name: shared, builds_on: "2026.06"}
        metadata: {id: shared.next}

    Passes::

        # file: verticals/nfv/next.yaml
        program: {kind: vertical, name: nfv, builds_on: "2026.06"}
        metadata: {id: nfv.next}
    """
    program = doc.guideline.program
    if program.kind not in _FOLDERS or not isinstance(program.name, str):
        return
    other = "vertical" if program.kind == "add-on" else "add-on"
    found = None
    space = doc.workspace
    for g in space.all() if space is not None else ():
        if g.program.kind == other and g.program.name == program.name:
            found = g.id if isinstance(g.id, str) else program.name
            break
    root = getattr(doc.repo, "root", None)
    folder = os.path.join(_FOLDERS[other], program.name)
    if found is None and root and "/" not in program.name and \
            program.name not in ("", ".", "..") and \
            os.path.isdir(os.path.join(root, folder)):
        found = folder + "/"
    if found is not None:
        yield Problem(f"{program.kind} '{program.name}' shares its name "
                      f"with {other} {found}: the two would share one "
                      f"scoring sheet (criteria/scoring/{program.name}/) "
                      "and one page; rename one", ("program", "name"),
                      key=False)
