"""Whose approval a change needs, per touched file.

Read from ``criteria/process/programs.yaml`` (see
:mod:`interop.load.process`) and the process: an add-on's capabilities,
tests and designated sections are its project team's to select, then the
Working Group's to approve (ExtensionPrograms 3b, 3c); criteria, schemas
and the process are the Working Group's, and a change to the scoring
criteria needs the Board too (2017A A4.2); a guideline becomes approved
only by the Board's vote, which the source records (``metadata.approvals``,
``by: board``).
"""
from __future__ import annotations

import dataclasses
import fnmatch
from typing import Any

from interop import model as m
from interop.errors import LoadError
from interop.load.policy import Policies, default_policies, load_policies
from interop.load.process import Approver, Ownership, board, working_group
from interop.repository import PUBLISHED_DIR, SOURCE_GLOBS, Repository

#: where compiling writes (Repository.published_path)
_PUBLISHED = tuple(f"{top}{PUBLISHED_DIR}/*.json"
                   for top in ("", "add-ons/", "verticals/"))
_PROCESS_DOCS = ("doc/source/*.rst", "README.rst", "add-ons/README.rst",
                 "verticals/README.rst")


@dataclasses.dataclass(frozen=True)
class Need:
    """The approvals one touched file needs, in the order they are given."""

    path: str
    approvers: tuple[Approver, ...]
    why: str

    def shown(self) -> str:
        if not self.approvers:
            return f"{self.path}: {self.why}"
        who = ", then ".join(a.shown() for a in self.approvers)
        return f"{self.path}: {who} ({self.why})"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "why": self.why, "approvers": [
            {"role": a.role, "name": a.name, "gerrit_group": a.gerrit_group}
            for a in self.approvers]}


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(path, p) and path.count("/") ==
               p.count("/") for p in patterns)


def _program_of_path(path: str) -> str | None:
    parts = path.split("/")
    if parts[0] == "guidelines" or parts[:3] == ["criteria", "scoring",
                                                 "powered"]:
        return "powered"
    if parts[0] in ("add-ons", "verticals") and len(parts) == 3:
        return parts[1]
    if parts[:2] == ["criteria", "scoring"] and len(parts) == 4:
        return parts[2]
    return None


def need_of(path: str, own: Ownership, was: m.Guideline | None = None,
            now: m.Guideline | None = None,
            policies: Policies | None = None) -> Need | None:
    """What a change to ``path`` needs; ``was`` and ``now`` are the
    guideline before and after when the file is a source.  None for a file
    outside the process (code, jobs: the repository's code review).
    ``policies`` (``criteria/process/programs.yaml``) say who approves a
    program's guidelines; the process documents' defaults otherwise."""
    wg = working_group(own)
    if _matches(path, SOURCE_GLOBS) and now is not None and \
            now.status in ("approved", "superseded") and \
            (was is None or was.status != now.status):
        records = [r for r in (now.metadata.approvals if now.metadata
                               else None) or [] if r.by == "board"]
        said = f"recorded: {records[-1].date}" if records else \
            "not recorded yet"
        return Need(path, (board(own),), f"{now.id} becomes {now.status}: "
                    f"the Board's vote, in metadata.approvals ({said})")
    if _matches(path, _PUBLISHED):
        return Need(path, (), "generated from its source: the source's "
                    "approval covers it")
    program = _program_of_path(path)
    if program is not None:
        owner = own.owner(program)
        team = owner is not None and owner.role == "project-team"
        kind = now.program.kind if now is not None else (
            "add-on" if team else "powered" if program == "powered"
            else "vertical")
        roles = (policies or default_policies()).of(kind, program).approvers
        if owner is not None and team and "project-team" in roles:
            return Need(path, (owner, wg), f"the {program} add-on's "
                        "capabilities and tests: its project team "
                        "proposes, the Working Group approves")
        return Need(path, (wg,), f"the {program} program's guidelines "
                    "are the Working Group's")
    if path == "criteria/process/programs.yaml":
        return Need(path, (wg, board(own)), "the programs' owners and "
                    "policy (where tests come from, admin, approvers): "
                    "the Working Group proposes, the Board approves")
    if fnmatch.fnmatch(path, "criteria/process/*"):
        return Need(path, (wg,), "the process (owners, schedule)")
    if fnmatch.fnmatch(path, "criteria/*.yaml"):
        what = {"criteria/core.yaml": "the Core Criteria",
                "criteria/releases.yaml": "the table of releases"}.get(
            path, "a criteria set read for a program's audience")
        return Need(path, (wg, board(own)), f"{what}: the Board "
                    "approves changes to the scoring criteria")
    if fnmatch.fnmatch(path, "schemas/*"):
        return Need(path, (wg,), "the schemas are the Working Group's")
    if _matches(path, _PROCESS_DOCS) and not path.startswith(
            "doc/source/generated/"):
        return Need(path, (wg,), "a process document")
    return None


#: a source's guideline before and after the change (None: no such file)
_Pair = tuple[m.Guideline | None, m.Guideline | None]


def needs(paths: list[str], own: Ownership,
          guidelines: dict[str, _Pair],
          policies: Policies | None = None) -> list[Need]:
    """The needs of every touched path (``guidelines``: path -> (before,
    after) guideline of the sources), in path order."""
    out = []
    for path in sorted(paths):
        was, now = guidelines.get(path, (None, None))
        found = need_of(path, own, was, now, policies)
        if found is not None:
            out.append(found)
    return out


def target_ownership(old_repo: Repository, new_repo: Repository
                     ) -> Ownership:
    """Who approves a change: the owners and groups of the target branch
    (the change's parent), never the change's own, so that a change that
    renames the Working Group's Gerrit group is reviewed by the group as
    it stood.  A program the change registers is the one thing taken from
    it: its proposed owner (with the Working Group) approves its files."""
    try:
        own = old_repo.ownership
    except LoadError:  # the target's table is broken: the defaults
        own = Ownership({}, {})
    try:
        proposed = new_repo.ownership.owners
    except LoadError:  # the change breaks programs.yaml: check says so
        proposed = {}
    added = {k: v for k, v in proposed.items() if k not in own.owners}
    return Ownership(own.approvers, {**added, **own.owners})


def for_change(old_repo: Repository, new_repo: Repository,
               touched: list[str]
               ) -> list[Need]:
    """The needs of a change between two exported revisions
    (:class:`~interop.repository.Repository` each)."""
    own = target_ownership(old_repo, new_repo)
    guidelines: dict[str, _Pair] = {}
    for path in touched:
        if not _matches(path, SOURCE_GLOBS):
            continue
        pair: list[m.Guideline | None] = []
        for repo in (old_repo, new_repo):
            try:
                pair.append(repo.load(path).guideline)
            except (LoadError, OSError):
                pair.append(None)
        guidelines[path] = (pair[0], pair[1])
    try:
        policies = load_policies(new_repo.root)
    except LoadError:  # the change breaks the policy: check says so
        policies = default_policies()
    return needs(touched, own, guidelines, policies)
