"""``interop next``: start a program's next draft from its most recent
approved guideline (the release is :mod:`interop.workflow.governance`'s).

Like a release, it plans its file changes in memory and carries them out
with :mod:`interop.workflow.plan` on a clean git working tree; the draft
and its scoring sheet are copies edited with :mod:`interop.workflow.edit`,
so every comment and line of the released files stays.
"""
from __future__ import annotations

import os
from typing import Any

from interop import model as m
from interop.load.source import load_yaml, read_text
from interop.repository import Repository
from interop.scoring.sheets import load_sheet, sheet_path
from interop.series import expected_id, order_key, version_of
from interop.workflow.approving import APPROVALS, replace_header
from interop.workflow.carrying import draft_header, flag_decisions, summary
from interop.workflow.edit import Path
from interop.workflow.plan import (
    VERSION,
    Outcome,
    Refused,
    carry_out,
    clean_check,
    clean_git,
)
from interop.workflow.programs import (
    edit,
    months_later,
    program_sources,
    renamed_url,
    repo_rel,
)


def start_next(repo: Repository, program: str,
               target: str | None = None) -> Outcome:
    """Start ``program``'s next draft from its most recent approved
    guideline.

    The next source becomes a copy of that guideline with the id ``next``
    (``dns.next``), status ``draft``, ``replaces`` naming the approved
    guideline, ``target_approval`` ``target`` (by default six months
    after the approved one: 2027.06 gives 2027.12), ``metadata.source``
    naming the next published file, a draft's header, and the flags
    whose cause lasts (:mod:`interop.workflow.carrying`: each kept or
    dropped flag is a note saying why).  The approved guideline's
    scoring sheet is copied to ``next.yaml`` with ``guideline: next``
    and ``sticky`` (Core in Last Release) marked 1 for every capability
    the approved guideline required.  The published JSON of the sources
    the change can affect is regenerated.

    An existing next source and sheet are overwritten: that is safe only
    because the operation is refused unless the git working tree is clean,
    so git keeps the old draft.  Refused too when the program has no
    approved guideline, when ``target`` is not a ``YYYY.MM`` later than
    it, or when ``interop check`` reports errors before or after.
    """
    git, path, g, target = _next_checked(repo, program, target)
    version = version_of(g) or ""
    draft = os.path.join(os.path.dirname(path), "next.yaml")
    plan, notes = _next_source(repo, g, path, draft, target)
    _copy_sheet_to_next(repo, g, version, plan, notes)
    notes.append(f"next step: editors revise {draft} (capabilities, "
                 "scores, flags) and propose changes for review; 'interop "
                 "check' and 'interop review HEAD' before each")
    return Outcome(carry_out(repo, plan, verified=git), notes=notes)


def _next_checked(repo: Repository, program: str, target: str | None
                  ) -> tuple[Any, str, Any, str]:
    """(git, the approved guideline's path, that guideline, the target),
    or Refused as :func:`start_next` documents."""
    if target is not None and (not isinstance(target, str)
                               or not VERSION.match(target)):
        raise Refused(f"target {target!r} is not YYYY.MM")
    git = clean_git(repo, False)
    clean_check(repo, git)
    items = program_sources(repo, program)
    approved = [(p, x) for p, x in items if version_of(x) != "next"
                and x.status == "approved"]
    if not approved:
        raise Refused(f"program {program!r} has no approved guideline to "
                      "start the next draft from")
    path, g = approved[-1]
    version = version_of(g) or ""
    target = target or months_later(version, 6)
    if order_key(target) <= order_key(version):
        raise Refused(f"target {target} is not later than {g.id}")
    return git, path, g, target


def _next_source(repo: Repository, g: m.Guideline, path: str, draft: str,
                 target: str) -> tuple[dict[str, str], list[str]]:
    """(plan, notes) for the next source, copied from the approved one at
    ``path`` with the flags whose cause lasts."""
    version = version_of(g) or ""
    meta = ("metadata",)
    approval = meta + ("os_trademark_approval",)
    sets: list[tuple[Path, Any]] = [
        (meta + ("id",), expected_id(g, "next")),
        (approval + ("status",), "draft"),
        (approval + ("replaces",), expected_id(g, version)),
        (approval + ("target_approval",), target),
    ]
    source_url = g.metadata.source if g.metadata else None
    if isinstance(source_url, str) and "/" in source_url:
        sets.append((meta + ("source",), renamed_url(repo, source_url,
                                                      draft)))
    text = read_text(repo.confine(path))
    tree = load_yaml(text, path)
    # flags whose cause lasts stay (HACKING D400-D405); the others go
    decisions = flag_decisions(tree)
    dropped = [p for p, _, kept, _ in decisions if not kept]
    # a new draft starts the chain again: the approved one's records stay
    # with it
    chain = [APPROVALS] if isinstance(tree.get("metadata"), dict) and \
        "approvals" in tree["metadata"] else []
    # each guideline says why it changes a capability: the reasons of the
    # released one stay with it, and the new draft starts without them
    caps = tree.get("capabilities")
    reasons = [("capabilities", name, "why") for name, cap in
               (caps.items() if isinstance(caps, dict) else ())
               if isinstance(cap, dict) and "why" in cap]
    plan = {draft: replace_header(
        edit(text, sets=sets, deletes=dropped + chain + reasons,
             name=draft),
        draft_header(g, expected_id(g, version), target))}
    notes = summary(decisions, draft)
    if reasons:
        notes.append(f"{draft}: the {len(reasons)} reasons ('why') of "
                     f"{g.id} stay with it; the draft gives its own")
    return plan, notes


def _copy_sheet_to_next(repo: Repository, g: m.Guideline, version: str,
                        plan: dict[str, str], notes: list[str]) -> None:
    """The approved guideline's sheet, copied to ``next`` (into ``plan``)
    with sticky marked."""
    sheet_from = sheet_path(repo.root, g.program.name, version)
    sheet_to = repo_rel(repo, sheet_path(repo.root, g.program.name, "next"))
    if os.path.exists(sheet_from):
        plan[sheet_to], marked = _next_sheet(repo, g, sheet_from, sheet_to)
        if marked:
            notes.append(f"{sheet_to}: sticky marked 1 for {marked} "
                         f"capabilities required in {g.id}")
    else:
        notes.append(f"{repo_rel(repo, sheet_from)} does not exist: no "
                     "scoring sheet copied")


def _next_sheet(repo: Repository, g: m.Guideline, sheet_from: str,
                sheet_to: str) -> tuple[str, int]:
    sheet = load_sheet(repo.confine(sheet_from), repo.criteria_sets)
    text = read_text(sheet_from)
    sets: list[tuple[Path, Any]] = [(("guideline",), "next")]
    marked = 0
    if "sticky" in sheet.criteria:
        required = sorted(name for name, listed in
                          g.capability_statuses().items()
                          if any(status == "required"
                                 for _, status in listed))
        for name in required:
            score = sheet.scores.get(name)
            if score is None or not isinstance(
                    (score.tree or {}).get("marks"), dict):
                continue
            if score.marks.get("sticky") != 1 or \
                    type(score.marks.get("sticky")) is not int:
                sets.append((("capabilities", name, "marks", "sticky"), 1))
                marked += 1
    return edit(text, sets=sets, name=sheet_to), marked
