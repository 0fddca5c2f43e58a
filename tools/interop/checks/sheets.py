"""W: scoring sheets, the one place a guideline's scores live.

These rules compare a guideline with its sheet in
``criteria/scoring/<program>/<version>.yaml``, and check the sheet itself.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from interop.checks.engine import Document, Problem, rule
from interop.checks.scoring import criteria, repo_of, sheet_of
from interop.errors import LoadError, Location, UsageError
from interop.load.jsonsource import load_json_file
from interop.load.source import value_loc
from interop.publish import schema
from interop.publish.compiler import CompileError
from interop.publish.compiler import scoring as compile_scoring
from interop.scoring.sheets import Sheet


def _listed(doc: Document) -> dict[str, str]:
    """Capability -> status, for those listed with a live status (worked
    out once per document: W005 and W006 ask for every capability)."""
    return doc.memo("listed", lambda: {
        name: where[0][1] for name, where in
        doc.guideline.capability_statuses().items()
        if where[0][1] != "removed"})


@rule("W005", "error", "achievements-disagree")
def achievements_disagree(doc: Document) -> Iterator[Problem]:
    """A capability's written ``achievements`` disagree with its row on
    the scoring sheet.  The sheet is the one place the scores live: leave
    ``achievements`` out and the compiler writes them from the sheet.
    (Removed capabilities keep the achievements they had.)

    Fails::

        capabilities:
          compute-servers-create:
            achievements: [atomic]

    Passes::

        capabilities:
          compute-servers-create:
            achievements: [atomic, clients, complete, deployed, discover,
                           doc, future, stable, sticky]
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    from interop.scoring.tabulate import written_achievements
    live = _listed(doc)
    for cap in doc.guideline.iter_capabilities():
        wanted = sheet.achievements(cap.name)
        written = written_achievements(doc.guideline, cap)
        if wanted is None or cap.name not in live or written is None:
            continue
        if set(written) != set(wanted):
            more = sorted(set(written) - set(wanted))
            less = sorted(set(wanted) - set(written))
            parts = ([f"not on the sheet: {', '.join(map(str, more))}"]
                     if more else []) + \
                ([f"missing: {', '.join(less)}"] if less else [])
            yield Problem(f"achievements of '{cap.name}' disagree with "
                          f"{_shown(sheet)} ({'; '.join(parts)})",
                          cap.path + ("achievements",))


def _shown(sheet: Sheet) -> str:
    return sheet.file.split("criteria/", 1)[-1] if "criteria/" in \
        sheet.file else sheet.file


@rule("W006", "error", "capability-not-scored")
def capability_not_scored(doc: Document) -> Iterator[Problem]:
    """A capability the guideline lists (other than removed ones) has no
    row on the program's scoring sheet, so nothing says why it is there.

    Fails::

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

    Passes::

        components:
          os_powered_compute:
            capabilities:
              advisory: []
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    live = _listed(doc)
    for cap in doc.guideline.iter_capabilities():
        if cap.name in live and cap.name not in sheet.scores:
            yield Problem(f"capability '{cap.name}' has no row on "
                          f"{_shown(sheet)}", cap.path)


@rule("W007", "info", "scored-not-listed")
def scored_not_listed(doc: Document) -> Iterator[Problem]:
    """A capability on the scoring sheet is not in the guideline: a
    candidate when its total reaches the cutoff, else scored and left out.

    Fails::

        # file: guidelines/2026.06.yaml
        metadata:
          id: "2026.06"

    Passes::

        metadata:
          id: next
    """
    sheet = sheet_of(doc)
    if sheet is None or not isinstance(sheet.cutoff, int):
        return
    names = set(doc.guideline.capabilities or {})
    powered = doc.guideline.program.kind == "powered"
    for name, row in sheet.scores.items():
        if name in names:
            continue
        known = sheet.total(row, powered)
        what = {True: "a candidate", False: "below the cutoff",
                None: "provisional"}[known.meets(sheet.cutoff)]
        yield Problem(f"'{name}' is scored {known} ({what}) but not in "
                      "the guideline", loc=row.loc, file=_sheet_file(doc,
                                                                    sheet))


def _sheet_file(doc: Document, sheet: Sheet) -> str:
    repo = repo_of(doc)
    return repo.rel(sheet.file) if repo is not None else sheet.file


@rule("W008", "error", "sheet-marks")
def sheet_marks(doc: Document) -> Iterator[Problem]:
    """A scoring sheet's row marks a criterion the criteria do not have, or
    with something other than 1, 0 or ``"?"``.

    Fails::

        # file: guidelines/2025.12.yaml
        metadata:
          id: "2025.12"

    Passes::

        metadata:
          id: next
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    for name, row in sheet.scores.items():
        for key, mark in row.marks.items():
            if key not in sheet.criteria:
                yield Problem(f"'{name}' marks '{key}', which is not a "
                              "criterion of the sheet's criteria",
                              loc=row.loc, file=_sheet_file(doc, sheet))
            elif mark not in (0, 1, "?"):
                yield Problem(f"'{name}' marks {key} as {mark!r}: use 1, 0 "
                              'or "?"', loc=row.loc,
                              file=_sheet_file(doc, sheet))


SHEET_SCHEMA = "scoring-sheet.json"
CRITERIA_SCHEMA = "criteria-set.json"


def _format_problems(tree: Any, name: str, what: str, file: str
                     ) -> Iterator[Problem]:
    """The schema's errors of a sheet or criteria set, placed in its
    file: unknown keys at the key, wrong types at the value."""
    for e in schema.validate(tree, name):
        if e.kind == "additionalProperties":
            message = f"unknown key '{e.key}' in {what}"
            if e.allowed:
                message += f" (known here: {', '.join(e.allowed)})"
            loc = value_loc(tree, e.path, key=True)
        else:
            message = f"{what}: {e.message}"
            loc = value_loc(tree, e.path, key=False)
        yield Problem(message, e.path, loc=loc, file=file)


@rule("W016", "error", "sheet-format")
def sheet_format(doc: Document) -> Iterator[Problem]:
    """The guideline's scoring sheet has a key its format does not have
    (a misspelt ``marks`` or ``admin``, say) or a value of the wrong type
    (``schemas/scoring-sheet.json``).  The marks themselves are W008's.

    Fails::

        # file: guidelines/2025.06.yaml
        metadata:
          id: "2025.06"

    Passes::

        metadata:
          id: next
    """
    sheet = sheet_of(doc)
    if sheet is None or sheet.tree is None:
        return
    yield from _format_problems(sheet.tree, SHEET_SCHEMA, "a scoring sheet",
                                _sheet_file(doc, sheet))


@rule("W017", "error", "criteria-set-format")
def criteria_set_format(doc: Document) -> Iterator[Problem]:
    """The criteria set the guideline names has a key its format does not
    have or a value of the wrong type (``schemas/criteria-set.json``): a
    weight written as text, a criterion without a description.

    Fails::

        metadata:
          scoring: misspelt

    Passes::

        metadata:
          scoring: core
    """
    _, _, named = criteria(doc)
    if named is None or named.tree is None:
        return
    repo = repo_of(doc)
    file = repo.rel(named.file) if repo is not None else named.file
    yield from _format_problems(named.tree, CRITERIA_SCHEMA,
                                f"criteria set '{named.id}'", file)


@rule("W018", "error", "sheet-unreadable")
def sheet_unreadable(doc: Document) -> Iterator[Problem]:
    """The guideline's scoring sheet exists but cannot be read (invalid
    YAML, a link that leads out of the repository, a FIFO): without it no
    W rule can judge the guideline's scores, so the check must not pass in
    silence.  Reported at the sheet, with the reader's own code.

    Fails::

        # file: guidelines/2024.12.yaml
        metadata:
          id: "2024.12"

    Passes::

        metadata:
          id: next
    """
    repo = repo_of(doc)
    if repo is None or doc.published:
        return
    try:
        doc.memo("sheet", lambda: repo.sheet_for(doc.guideline))
    except LoadError as exc:
        f = exc.finding
        yield Problem(f"{f.code} {f.message}: the scoring sheet cannot be "
                      "read, so its scores are not judged",
                      loc=Location(f.line, f.col), file=repo.rel(f.path))


@rule("W009", "error", "admin-disagrees-with-sheet")
def admin_disagrees_with_sheet(doc: Document) -> Iterator[Problem]:
    """A capability's ``admin`` flag disagrees with its scoring sheet row,
    which says whether the capability needs admin credentials (and so
    whether it scores 0 in the Powered program).

    Fails::

        capabilities:
          compute-servers-create:
            admin: true

    Passes::

        capabilities:
          compute-servers-create:
            admin: false
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    for cap in doc.guideline.iter_capabilities():
        row = sheet.scores.get(cap.name)
        if row is not None and isinstance(cap.admin, bool) and \
                cap.admin != (row.admin is True):
            yield Problem(f"capability '{cap.name}' has admin: "
                          f"{str(cap.admin).lower()}, but its sheet row "
                          f"says admin: {str(row.admin is True).lower()}",
                          cap.path + ("admin",), key=False)


@rule("W010", "error", "weights-changed-after-draft")
def weights_changed_after_draft(doc: Document) -> Iterator[Problem]:
    """The criteria of a guideline that has left draft changed since it
    was published: the weights and cutoff are frozen once a guideline
    leaves draft, so a named criteria set that changed under it is a
    mistake (give the new weights a new set).  Compared with the
    guideline's committed published JSON; where the committed source
    shows the weights or cutoff changed, W012 says so instead.

    Fails::

        # file: guidelines/2026.06.yaml
        metadata:
          id: "2026.06"
          os_trademark_approval:
            status: approved

    Passes::

        # file: guidelines/2026.06.yaml
        metadata:
          id: "2026.06"
          os_trademark_approval:
            status: draft
    """
    g = doc.guideline
    repo = repo_of(doc)
    meta = g.metadata
    if repo is None or doc.published or g.status in (None, "draft") or \
            meta is None or meta.scoring is None:
        return
    try:
        published = os.path.join(repo.root, repo.published_path(doc.path))
    except UsageError:
        return
    if not os.path.exists(published):
        return
    try:
        old = load_json_file(repo.confine(published))
    except LoadError:
        return
    was = (old.get("metadata") or {}).get("scoring") if isinstance(
        old, dict) else None
    try:
        now = compile_scoring(meta.scoring, repo)
    except CompileError:
        return  # an unknown set: the compiler says so
    from interop.checks.criteria import criteria_change
    if isinstance(was, dict) and was != now and \
            criteria_change(doc) is None:
        changed = sorted(
            key for key in set(_weights(was)) | set(_weights(now))
            if _weights(was).get(key) != _weights(now).get(key))
        what = f"weights of {', '.join(changed)}" if changed else \
            "criteria or cutoff"
        yield Problem(f"the {what} changed since {repo.rel(published)} was "
                      f"published, but {g.id} is {g.status}: weights are "
                      "frozen once a guideline leaves draft",
                      ("metadata", "scoring"))


def _weights(scoring: Any) -> dict[str, Any]:
    criteria = scoring.get("criteria") if isinstance(scoring, dict) else None
    return {k: v.get("weight") for k, v in (criteria or {}).items()
            if isinstance(v, dict)}
