"""What a change does to scoring sheets and criteria sets, in the domain's
words: "score of compute-servers-create moved 82 → 91", "weight of
deployed changed from 8 to 9".

A guideline's diff cannot say it: the published guideline carries the
achievements, not the marks, the totals or the weights of a criteria set
other guidelines share.  ``interop review`` reports these beside the
guidelines' own changes, one item per sheet or criteria file.
"""
from __future__ import annotations

import os

from interop.errors import LoadError
from interop.repository import Repository
from interop.scoring.criteria import CriteriaSet, load_set
from interop.scoring.sheets import SHEET_DIR, Score, Sheet
from interop.workflow.diff import Change, ChangeKind, words


def _set(root: str, path: str) -> CriteriaSet | None:
    full = os.path.join(root, path)
    if not os.path.isfile(full):
        return None
    try:
        return load_set(full)
    except LoadError:
        return None


def _sheet(repo: Repository, path: str) -> Sheet | None:
    full = os.path.join(repo.root, path)
    if not os.path.isfile(full):
        return None
    try:  # through the repository: the review's compiles read it too
        return repo.sheet_at(full)
    except LoadError:
        return None  # the checks of the sources report it, located


def _whole(kind: ChangeKind, what: str, name: str, added: str | None
           ) -> list[Change]:
    """The one change of a file added or deleted as a whole (criteria set
    or scoring sheet alike): ``added`` says what an added one holds, None
    when it was deleted."""
    if added is None:
        return [Change(kind, name, f"{what} deleted")]
    return [Change(kind, name, f"{what} added: {added}")]


def criteria_changes(old: CriteriaSet | None, new: CriteriaSet | None,
                     name: str) -> list[Change]:
    """Weights, cutoff and criteria of one criteria set."""
    if new is None or old is None:
        return _whole("criteria-changed", f"criteria set {name}", name,
                      None if new is None else f"{len(new.criteria)} "
                      f"criteria, cutoff {words(new.cutoff)}")
    out = []
    if old.cutoff != new.cutoff:
        out.append(Change("cutoff-changed", name,
                          f"cutoff of {name} changed from "
                          f"{words(old.cutoff)} to {words(new.cutoff)}"))
    if old.total != new.total:
        out.append(Change("criteria-changed", name,
                          f"total of {name} changed from "
                          f"{words(old.total)} to {words(new.total)}"))
    for key in sorted(set(old.criteria) | set(new.criteria)):
        was, now = old.criteria.get(key), new.criteria.get(key)
        if was is None:
            assert now is not None  # the key is in one of the two
            out.append(Change("criteria-changed", key,
                              f"criterion {key} added to {name} (weight "
                              f"{words(now.weight)})"))
        elif now is None:
            out.append(Change("criteria-changed", key,
                              f"criterion {key} dropped from {name}"))
        elif was.weight != now.weight:
            out.append(Change("criteria-changed", key,
                              f"weight of {key} changed from "
                              f"{words(was.weight)} to {words(now.weight)}"
                              f" in {name}"))
        elif was.name != now.name or was.description != now.description:
            out.append(Change("criteria-changed", key,
                              f"wording of criterion {key} changed in "
                              f"{name}"))
    return out


def _marks(old: Score, new: Score, keys: list[str]) -> str:
    moved = [f"{k} {words(old.marks.get(k))} → {words(new.marks.get(k))}"
             for k in keys if old.marks.get(k) != new.marks.get(k)]
    return ", ".join(moved)


def sheet_changes(old: Sheet | None, new: Sheet | None, name: str
                  ) -> list[Change]:
    """Each capability's total (and the marks that moved it)."""
    if new is None or old is None:
        return _whole("score-changed", f"scoring sheet {name}", name,
                      None if new is None else
                      f"{len(new.scores)} capabilities scored")
    powered = new.program == "powered"
    out = []
    if old.criteria_set != new.criteria_set:
        out.append(Change("criteria-changed", name,
                          f"scored against {words(new.criteria_set)}, was "
                          f"{words(old.criteria_set)}"))
    keys = sorted(set(old.criteria) | set(new.criteria))
    for cap in sorted(set(old.scores) | set(new.scores)):
        was, now = old.scores.get(cap), new.scores.get(cap)
        if was is None:
            assert now is not None  # the capability is in one of the two
            out.append(Change("score-changed", cap, f"{cap} scored "
                              f"{new.total(now, powered)}"))
            continue
        if now is None:
            out.append(Change("score-changed", cap, f"{cap} no longer "
                              f"scored (was {old.total(was, powered)})"))
            continue
        before = str(old.total(was, powered))
        after = str(new.total(now, powered))
        marks = _marks(was, now, keys)
        why = marks or (f"weights of {new.criteria_set}"
                        if new.criteria_set else "")
        if before != after:
            out.append(Change("score-changed", cap,
                              f"score of {cap} moved {before} → {after}"
                              + (f" ({why})" if why else "")))
        elif marks:
            out.append(Change("score-changed", cap,
                              f"marks of {cap} changed ({marks}); score "
                              f"still {after}"))
        if was.admin != now.admin:
            out.append(Change("score-changed", cap,
                              f"{cap} now " + ("needs" if now.admin is True
                                               else "does not need")
                              + " admin credentials"))
    return out


def changes(old_root: str, new_root: str, touched: set[str],
            repos: tuple[Repository, Repository] | None = None
            ) -> list[tuple[str, str, list[Change]]]:
    """(path, what it is, changes) for every criteria set and scoring sheet
    the change touches, and every sheet a touched criteria set scores.
    ``repos``: the two roots' Repository objects, when the caller has
    them (what they read is not read again)."""
    old_repo, new_repo = repos or (Repository(old_root),
                                   Repository(new_root))
    sets = sorted(p for p in touched if p.startswith("criteria/")
                  and p.count("/") == 1 and p.endswith(".yaml"))
    set_ids = set()
    out = []
    for path in sets:
        old, new = _set(old_root, path), _set(new_root, path)
        either = new or old
        name = either.id if either and either.id else \
            os.path.splitext(os.path.basename(path))[0]
        set_ids.add(name)
        found = criteria_changes(old, new, name)
        if found:
            out.append((path, f"criteria set {name}", found))
    sheets = {p for p in touched if p.startswith(SHEET_DIR + "/")
              and p.endswith(".yaml")}
    if set_ids:
        # a criteria set's new weights move every total scored against it
        for repo in (old_repo, new_repo):
            top = os.path.join(repo.root, SHEET_DIR)
            for folder, _, files in os.walk(top):
                for file in files:
                    rel = os.path.relpath(os.path.join(folder, file),
                                          repo.root)
                    sheet = _sheet(repo, rel) if file.endswith(".yaml") \
                        else None
                    if sheet is not None and sheet.criteria_set in set_ids:
                        sheets.add(rel)
    for path in sorted(sheets):
        parts = path.split("/")
        name = f"{parts[-2]} {os.path.splitext(parts[-1])[0]}"
        found = sheet_changes(_sheet(old_repo, path), _sheet(new_repo, path),
                              name)
        if found:
            out.append((path, f"scoring sheet of {name}", found))
    return out
