"""The Board's workflow: release an approved draft.  (Starting the next
draft is :mod:`interop.workflow.nextdraft`'s, scaffolding a new program
:mod:`interop.workflow.scaffold`'s.)

Every operation plans all its file changes in memory first and carries
them out with :mod:`interop.workflow.plan`: tried in a temporary copy of the
repository, then written atomically; a refused operation raises
:class:`~interop.workflow.plan.Refused` before anything is written, so the tree
stays byte for byte as it was.

Sources and scoring sheets are changed with :mod:`interop.workflow.edit`:
a copy keeps every comment and line of the file it comes from, and only the
values that must change are rewritten.

``release`` and ``start_next`` work on a clean git working tree only: the
state before the operation is then the last commit, which ``git diff``
shows the operation against and ``git checkout`` restores.
"""
from __future__ import annotations

import os
import textwrap
from typing import TYPE_CHECKING, Any, cast

from interop import model as m
from interop.errors import LoadError
from interop.load.source import read_text
from interop.repository import Repository
from interop.scoring.sheets import sheet_path
from interop.series import expected_id, order_key, program_title, version_of
from interop.workflow.approving import (
    board_decision,
    released_header,
    replace_header,
    with_record,
)
from interop.workflow.edit import Path
from interop.workflow.plan import (
    VERSION,
    Outcome,
    Refused,
    carry_out,
    clean_check,
    clean_git,
    commit_files,
)
from interop.workflow.programs import (
    renamed_url,
    shown_paths,
    by_version,
    edit,
    program_sources,
    repo_rel,
)

if TYPE_CHECKING:  # imported where used: most commands never need git
    from git import Repo as GitRepo

# -- release -----------------------------------------------------------------

def release(repo: Repository, program: str, version: str,
            commit: bool = False, board_date: str | None = None,
            reference: str | None = None, note: str | None = None
            ) -> Outcome:
    """The Board approved ``program``'s draft: release it as ``version``.

    Creates the dated source from the program's ``next`` source
    (``guidelines/next.yaml`` becomes ``guidelines/2027.06.yaml``,
    ``add-ons/dns/next.yaml`` becomes ``add-ons/dns/2027.06.yaml``) with
    the id of that version, status ``approved``, ``target_approval`` the
    version, ``replaces`` the program's most recent approved guideline
    (left as written when there is none) and ``metadata.source`` naming
    the new published file; copies the scoring sheet
    ``criteria/scoring/P/next.yaml`` to ``P/<version>.yaml`` with
    ``guideline`` set to the version; marks ``superseded`` every approved
    guideline of the program older than the two most recent (counting the
    new one); and regenerates the published JSON of every source the
    change can affect (:func:`interop.checks.workspace.affected`).

    The draft ``next`` stays until :func:`start_next` replaces it; its
    ``replaces`` is set to the new guideline, as the rule catalogue
    requires of the draft that follows it (M004).

    The Board's decision (``board_date``, ``reference``, an optional
    ``note``) is appended to the released guideline's ``metadata.approvals``
    (see :mod:`interop.workflow.approving`), and its header comment is
    replaced by one that says what it is (the draft's prose stays in git).

    With ``commit``, the result is committed in one git commit.

    Refused, with nothing written, when: the Board's date or reference is
    missing, the date is not a day, is after today or is outside the
    month of ``version``; the draft records no Working Group approval (or,
    for an add-on, no project team proposal) on or before that day;
    ``version`` is not ``YYYY.MM`` or not later than the program's latest
    approved guideline; the dated source (or sheet) already exists; the
    program has no ``next`` source; the git working tree has uncommitted
    changes or untracked files; or ``interop check`` reports errors
    before or after the change.
    """
    program = program or "powered"
    git, draft, approved = _release_checked(repo, program, version, commit)
    path, g = draft
    record = board_decision(board_date, reference, note)
    text = read_text(repo.confine(path))
    _board_may_decide(repo, git, path, text, record)
    new_id = expected_id(g, version)
    plan, notes = _released_sources(repo, program, version, draft, text,
                                    approved, record)
    _copy_sheet(repo, g, version, plan, notes)
    _supersede(repo, approved, plan, notes)
    written = carry_out(repo, plan, verified=git)
    notes += _builders(repo, g, new_id)
    notes.append(f"next step: the Working Group runs 'interop next "
                 f"{program}' to start the following draft")
    outcome = Outcome(written, notes=notes)
    if commit:
        outcome.commit = commit_files(git, repo, written, _release_message(
            g, new_id, _dated(path, version), written, notes))
    return outcome


#: (root-relative path, guideline) of one of a program's sources
_Source = tuple[str, m.Guideline]


def _dated(path: str, version: str) -> str:
    """The dated source ``version`` of the draft at ``path`` releases."""
    return os.path.join(os.path.dirname(path), f"{version}.yaml")


def _release_checked(repo: Repository, program: str, version: str,
                     commit: bool
                     ) -> tuple[GitRepo, _Source, list[_Source]]:
    """(git, the program's draft, its approved guidelines), or
    Refused, in the order :func:`release` documents, before anything is
    read from the draft."""
    if not isinstance(version, str) or not VERSION.match(version):
        raise Refused(f"version {version!r} is not YYYY.MM (a year and a "
                      "month, 01 to 12)")
    git = clean_git(repo, commit)
    clean_check(repo, git)
    items = program_sources(repo, program)
    draft = by_version(items, "next")
    if draft is None:
        raise Refused(f"program {program!r} has no next source to release "
                      f"(looked at {shown_paths(items)})")
    path, g = draft
    dated = _dated(path, version)
    if os.path.lexists(os.path.join(repo.root, dated)):
        raise Refused(f"{dated} already exists: {expected_id(g, version)} "
                      "has been released")
    approved = [(p, x) for p, x in items if version_of(x) != "next"
                and x.status in ("approved", "superseded")]
    latest = version_of(approved[-1][1]) if approved else None
    if latest is not None and order_key(version) <= order_key(latest):
        raise Refused(f"{version} is not later than {program}'s latest "
                      f"approved guideline {expected_id(g, latest)}")
    return git, draft, approved


def _released_sources(repo: Repository, program: str, version: str,
                      draft: _Source, text: str, approved: list[_Source],
                      record: dict[str, Any]
                      ) -> tuple[dict[str, str], list[str]]:
    """(plan, notes) for the dated source and the draft that now follows
    it."""
    path, g = draft
    dated = _dated(path, version)
    plan: dict[str, str] = {}
    notes: list[str] = []
    new_id = expected_id(g, version)
    meta = ("metadata",)
    approval = meta + ("os_trademark_approval",)
    sets: list[tuple[Path, Any]] = [
        (meta + ("id",), new_id),
        (approval + ("status",), "approved"),
        (approval + ("target_approval",), version),
    ]
    previous = approved[-1][1] if approved else None
    if previous is not None:
        # an approved source's version is its file name's (YYYY.MM);
        # one named for none would give None, written as before
        sets.append((approval + ("replaces",), expected_id(
            g, cast(str, version_of(previous)))))
    source_url = g.metadata.source if g.metadata else None
    if isinstance(source_url, str) and "/" in source_url:
        sets.append((meta + ("source",),
                     renamed_url(repo, source_url, dated)))
    sets += _pinned_to_powered(repo, g, notes, dated)
    plan[dated] = replace_header(
        with_record(text, record, dated, sets=sets),
        released_header(g, new_id, record["date"], path))
    # the draft now follows the new guideline
    plan[path] = edit(text, sets=[(approval + ("replaces",), new_id)],
                      name=path)
    notes.append(f"{path}: replaces now names {new_id}; run 'interop next "
                 f"{program}' to start the next draft from it")
    return plan, notes


def _copy_sheet(repo: Repository, g: m.Guideline, version: str,
                plan: dict[str, str], notes: list[str]) -> None:
    """The draft's scoring sheet, copied to the version (into ``plan``)."""
    sheet_from = repo_rel(repo, sheet_path(repo.root, g.program.name, "next"))
    sheet_to = repo_rel(repo, sheet_path(repo.root, g.program.name, version))
    if os.path.lexists(os.path.join(repo.root, sheet_to)):
        raise Refused(f"{sheet_to} already exists: move it away first")
    if os.path.exists(os.path.join(repo.root, sheet_from)):
        sheet_text = read_text(repo.confine(sheet_from))
        plan[sheet_to] = edit(sheet_text, sets=[(("guideline",), version)],
                              name=sheet_to)
    else:
        notes.append(f"{sheet_from} does not exist: no scoring sheet "
                     "copied")


def _supersede(repo: Repository, approved: list[_Source], plan: dict[str, str],
               notes: list[str]) -> None:
    """Every approved guideline but the newest, superseded: vendors may use
    the two most recent (the newest and the one being released)."""
    still_approved = [(p, x) for p, x in approved if x.status == "approved"]
    for old_path, old in still_approved[:-1]:
        plan[old_path] = edit(
            read_text(repo.confine(old_path)),
            sets=[(("metadata", "os_trademark_approval", "status"),
                   "superseded")], name=old_path)
        notes.append(f"{old_path}: {old.id} is now superseded")


def _board_may_decide(repo: Repository, git: GitRepo, path: str, text: str,
                      record: dict[str, str]) -> None:
    """The Board decides on the draft as it stands: the B rules judge it
    with the Board's record added (review status, the Working Group's
    approval, an add-on's proposal, their order) before anything else is
    planned; their errors refuse the release (one rule, one place)."""
    try:
        carry_out(repo, {path: with_record(text, record, path)},
                  regenerate={path}, verified=git, dry=True)
    except Refused as exc:
        raise Refused(f"the Board cannot decide on {path} as it stands: "
                      f"{exc}") from None


def _builders(repo: Repository, g: m.Guideline, new_id: str) -> list[str]:
    """What a release of Powered means for the add-ons and verticals
    that build on it: drafts stay on ``next`` (M007), which now means the
    draft that follows ``new_id``."""
    from interop.checks.workspace import builds_on
    if g.program.kind != "powered":
        return []
    out = []
    for path in repo.sources():
        try:
            other = repo.load(path).guideline
        except LoadError:
            continue
        if other.program.kind == "powered" or \
                other.status not in ("draft", "review"):
            continue
        base = builds_on(other)
        out.append(f"{path}: builds on Powered {base}"
                   + ("; 'next' is now the draft that follows "
                      f"{new_id} (a draft stays on next, M007; its "
                      "release names the approved one)"
                      if base == "next" else ""))
    return out


def _pinned_to_powered(repo: Repository, g: m.Guideline, notes: list[str],
                       dated: str) -> list[tuple[Path, Any]]:
    """Edits that make a released add-on or vertical build on the most
    recent approved Powered guideline instead of the Powered draft, whose
    requirements may still change under it (M007): ``program.builds_on``
    and component references whose ``source`` names the draft's file."""
    from interop.checks.workspace import builds_on, source_version
    if g.program.kind == "powered" or builds_on(g) != "next":
        return []
    powered = [x for _, x in program_sources(repo, "powered")
               if version_of(x) != "next" and x.status == "approved"]
    if not powered:
        notes.append(f"{dated}: still builds on the Powered draft (next): "
                     "no Powered guideline is approved yet")
        return []
    base = version_of(powered[-1])
    sets: list[tuple[Path, Any]] = []
    if isinstance(g.program.builds_on, str):
        sets.append((("program", "builds_on"), base))
    for ref in g.iter_component_refs():
        if source_version(ref) == "next" and ref.path:
            sets.append((tuple(ref.path) + ("source",),
                         ref.source[:-len("next.json")] + f"{base}.json"))
    notes.append(f"{dated}: builds on Powered {base}, the most recent "
                 "approved (the draft kept next)")
    return sets


def _release_message(g: m.Guideline, new_id: str, dated: str,
                     written: list[str], notes: list[str]) -> str:
    lines = [f"Release {new_id} of {program_title(g)}", ""]
    lines.extend(textwrap.wrap(
        f"The Board approved the draft {expected_id(g, 'next')}; it is "
        f"released as {new_id} ({dated}).", 72))
    lines.append("")
    for note in notes:
        lines.extend(textwrap.wrap(note, 72, initial_indent="- ",
                                   subsequent_indent="  ",
                                   break_on_hyphens=False))
    lines.extend(["", "Files written by 'interop release':"])
    lines.extend(f"- {rel}" for rel in written)
    return "\n".join(lines) + "\n"
