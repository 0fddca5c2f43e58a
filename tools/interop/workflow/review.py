"""What a change (a Gerrit patch set, a commit) does to each guideline.

For every guideline source the change touches: the semantic diff, and the
process findings of the change itself:

G001 error  an approved (or superseded) guideline's tests changed; only
            flags may change once the Board approved it
G002 error  a guideline's status moved backwards (approved to draft...)
G003 error  criteria, weights or cutoff changed in a guideline that has
            left draft
G004 error  the published JSON was not regenerated from the source

plus the catalogue rules that compare with the guideline's past
(``PROCESS_RULES``: lifecycle, flags, frozen criteria, sticky marks, the
growth of required tests and the reasons of lifecycle changes) run
on the new version, with the revision before the change as its baseline.
The guideline parts of both revisions are written from git's objects into
temporary folders (:func:`interop.workflow.gitrepo.exported`), so a review
reads exactly what was committed, whatever the working tree holds; a
symbolic link or a submodule that the change puts among the guideline
folders (a source, a sheet, a folder) is an E101 error, never followed.

Length: the review's one pass over a change (both revisions exported,
each touched source and published file checked, the approvals a change
needs, sheets and criteria compared) stays in one module so that the
order of its steps reads top to bottom; the verdict's check lives in
:mod:`interop.workflow.verdict`, the words in :mod:`interop.workflow.diff`.
"""
from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from interop import model as m
from interop.checks import load_document
from interop.checks.engine import Document
from interop.errors import Finding, LoadError, Location, Severity
from interop.files import read_regular
from interop.publish.compiler import CompileError, compile_guideline, dumps
from interop.repository import SOURCE_GLOBS, Repository
from interop.text import markdown, terminal
from interop.workflow import gitrepo, owners, sheetdiff, verdict
from interop.workflow.diff import Change, ChangeKind, diff
from interop.workflow.owners import Need

#: the codes of the findings a review adds to the catalogue's
CODES = ("G001", "G002", "G003", "G004")
#: the catalogue rules that judge a change against the guideline's past
#: (a frozen criteria change is G003's here, so W012 is not among them)
PROCESS_RULES = ("L001", "L002", "L003", "L004", "L005", "L008", "L009",
                 "L010", "L011", "L012", "F003", "W010", "W013",
                 "W015",
                 # what a draft costs vendors, and why (issue 25): the
                 # review names the tests added to required capabilities
                 "W019", "W020", "L014")
STATUS_ORDER = {"draft": 0, "review": 1, "advisory": 1, "approved": 2,
                "superseded": 3}
TEST_CHANGES: tuple[ChangeKind, ...] = (
    "test-added", "test-removed", "test-renamed", "capability-added",
    "capability-dropped")
#: the changes that move weights, frozen once a guideline leaves draft
WEIGHT_CHANGES: tuple[ChangeKind, ...] = ("criteria-changed",
                                          "cutoff-changed")


@dataclasses.dataclass
class Item:
    path: str
    guideline: str
    changes: list[Change]
    findings: list[Finding]


@dataclasses.dataclass
class Review:
    old: str
    new: str
    items: list[Item]
    #: whose approval each touched file needs (interop.workflow.owners)
    needs: list[Need] = dataclasses.field(default_factory=list)
    #: the files the change touches: the only ones Gerrit takes comments on
    touched: list[str] = dataclasses.field(default_factory=list)
    #: errors already there before the change, in files it does not
    #: touch: listed in the message, not voted on
    standing: list[Finding] = dataclasses.field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for i in self.items for f in i.findings
                if f.severity == "error" and f.suppressed is None]

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "guidelines": [
            {"path": i.path, "guideline": i.guideline,
             "changes": [c.as_dict() for c in i.changes],
             "findings": [f.as_dict() for f in i.findings]}
            for i in self.items],
            "approvals_needed": [n.as_dict() for n in self.needs],
            "standing": [f.as_dict() for f in self.standing],
            # ready for zuul_return's file_comments (playbooks/)
            "file_comments": file_comments(self)}


def _is_source(path: str) -> bool:
    """As the repository globs its sources: a ``*`` never crosses a
    folder (a baseline, add-ons/dns/baseline/2019.11.yaml, is none)."""
    import fnmatch
    return any(fnmatch.fnmatch(path, g) and path.count("/") == g.count("/")
               for g in SOURCE_GLOBS)


#: what a caller adds to a review, from both exported revisions and the
#: touched paths: (source path, its findings); the CLI passes the suspect
#: tests of the locks (interop.tempest.locking), which this stage cannot
#: import
Extra = Callable[[Repository, Repository, list[str]],
                 list[tuple[str, list[Finding]]]]


def review(path: str = ".", rev: str = "HEAD", base: str | None = None,
           extra: Extra | None = None) -> Review:
    """Review the change ``base..rev`` (by default ``rev`` against its
    parent) of the repository holding ``path``."""
    repo = gitrepo.open_repo(path)
    new = gitrepo.resolve(repo, rev)
    old = gitrepo.resolve(repo, base) if base is not None else \
        gitrepo.parent(repo, new)
    touched = gitrepo.changed(repo, old, new)
    sheets = {p for p in touched if p.startswith("criteria/")}
    listed = gitrepo.entries(repo, new)
    with gitrepo.exported(repo, old) as old_root, \
            gitrepo.exported(repo, new, listed) as new_root:
        # the change is checked against the schedule of its target branch
        # (the parent's criteria/process/schedule.yaml), not one it writes
        # itself; a change to the table is the Working Group's, and says
        # so among its approvals
        old_repo = Repository(old_root)
        new_repo = Repository(new_root, schedule_from=old_repo)
        # a link or a submodule where guidelines live is never followed:
        # it is an error of the change, source or not
        special = {p for p in touched if p in listed and
                   listed[p][0] != "file" and _in_parts(p)}
        sources = sorted(({p for p in touched if _is_source(p)}
                          | _sources_of_sheets(new_repo, sheets)) - special)
        maybe = [_special(p, listed[p][0]) for p in special] + \
            [_item(old_repo, new_repo, p) for p in sources]
        items = [i for i in maybe if i is not None]
        # touched published files: check's findings, and their sources'
        for p in sorted(p for p in touched if verdict.is_published(p)
                        and p not in special):
            ident, found = verdict.published_findings(
                old_repo, new_repo, p, {i.path: i.findings for i in items})
            if found:  # a published file that matches its source: quiet
                items.append(Item(p, ident, [], found))
        # a source only read again (its sheet changed): its old errors are
        # listed, not voted on
        already: list[Finding] = []
        for item in items:
            if item.path not in touched:
                item.findings, there = verdict.standing(
                    old_repo, item.path, item.findings)
                already += there
        knock_on, there = _knock_on(old_repo, new_repo, touched,
                                    set(sources) | special)
        items += knock_on
        already += there
        items.sort(key=lambda i: i.path)
        # what the sheets and criteria sets say, in scores and weights
        items += [Item(path, what, found, []) for path, what, found in
                  sheetdiff.changes(old_root, new_root, sheets,
                                    (old_repo, new_repo))]
        wanted = owners.for_change(old_repo, new_repo, sorted(touched))
        for source, found in (extra(old_repo, new_repo, sorted(touched))
                              if extra is not None else []):
            _add(items, source, found)
    return Review(old, new, items, needs=wanted, touched=touched,
                  standing=already)


def _knock_on(old_repo: Repository, new_repo: Repository,
              touched: Iterable[str], seen: set[str]
              ) -> tuple[list[Item], list[Finding]]:
    """(items, errors already there) of the guidelines the change does
    not touch but can alter (:func:`interop.checks.workspace.affected`:
    an add-on that names the Powered guideline changed, the next of a
    series): an error check reports there after the change and not on
    the parent is the change's, and voted on; one the parent had is
    listed.  Only their errors: their warnings are not the change's."""
    from interop.checks.workspace import affected
    changed = {p for p in touched if _in_parts(p)}
    if not changed:
        return [], []
    found = affected(new_repo, changed)
    candidates = new_repo.sources() if found is None else found
    items, already = [], []
    for path in sorted(set(candidates) - seen):
        earlier = old_repo if os.path.isfile(
            os.path.join(old_repo.root, path)) else None
        errors = [f for f in verdict.checked(new_repo, path, earlier)
                  if f.severity == "error"]
        if not errors:
            continue
        fresh, old = verdict.standing(old_repo, path, errors)
        already += old
        if fresh:
            try:
                ident = str(new_repo.load(path).guideline.id)
            except LoadError:
                ident = "?"
            items.append(Item(path, ident, [], fresh))
    return items, already


def _add(items: list[Item], path: str, found: list[Finding]) -> None:
    """Findings a caller adds, on the item of their source."""
    if not found:
        return
    for item in items:
        if item is not None and item.path == path:
            item.findings = sorted(item.findings + found,
                                   key=Finding.sort_key)
            return
    items.append(Item(path, "?", [], sorted(found, key=Finding.sort_key)))


def _sources_of_sheets(repo: Repository, sheets: set[str]) -> set[str]:
    """Sources whose scoring sheet or criteria set the change touches."""
    if not sheets:
        return set()
    out = set()
    for path in repo.sources():
        try:
            g = repo.load(path).guideline
        except LoadError:
            continue
        scoring = g.metadata.scoring if g.metadata else None
        named = f"criteria/{scoring.criteria_set}.yaml" if scoring and \
            scoring.criteria_set else None
        if named in sheets or any(f"/{g.program.name}/" in s
                                  for s in sheets):
            out.add(path)
    return out


def _in_parts(path: str) -> bool:
    return path.startswith(gitrepo.PARTS) or path + "/" in gitrepo.PARTS


def _special(path: str, kind: str) -> Item:
    """What the commit holds as something else than a file where the
    guidelines live: it is neither followed nor read."""
    if kind == "name over 255 bytes":
        return Item(path, "?", [], [Finding(
            path, 1, 1, "E181", Severity.ERROR, "a file or folder name over "
            f"{gitrepo.NAME_MAX} bytes: no checkout can hold it")])
    return Item(path, "?", [], [Finding(
        path, 1, 1, "E101", Severity.ERROR, f"the commit holds {path} as a"
        f" {kind}: the guideline folders hold regular files only")])


def _load(repo: Repository, path: str) -> Document | None:
    full = os.path.join(repo.root, path)
    if not os.path.exists(full):
        return None
    return load_document(full, repo)


def _item(old_repo: Repository, new_repo: Repository, path: str
          ) -> Item | None:
    try:
        before = _load(old_repo, path)
    except LoadError:
        before = None  # what was committed before could not be read
    try:
        after = _load(new_repo, path)
    except LoadError as exc:
        return Item(path, "?", [], [dataclasses.replace(exc.finding,
                                                        path=path)])
    if after is None:
        return Item(path, before.guideline.id if before else "?",
                    [Change("metadata-changed", path,
                            f"{path} deleted")], [])
    g = after.guideline
    if before is None:
        caps = g.capability_statuses()
        changes = [Change("guideline-added", str(g.id),
                          f"new guideline {g.id} ({g.status}): "
                          f"{len(caps)} capabilities listed")]
    else:
        changes = diff(before.guideline, g,
                       _published(old_repo, before.guideline),
                       _published(new_repo, g))
    # the whole catalogue, as 'interop check' runs it (PROCESS_RULES among
    # it), the parent's version as the earlier one
    findings = verdict.checked(new_repo, path, old_repo if before else None,
                               PROCESS_RULES)
    findings += _process(path, before, after, changes, new_repo)
    return Item(path, str(g.id), changes,
                sorted(findings, key=Finding.sort_key))


def _allowed_back(before: m.Guideline, after: m.Guideline, was: str,
                  now: str) -> bool:
    """The two moves back to draft the process allows: a new draft that
    'interop next' started (its target approval is later: a new cycle),
    and a guideline in review whose Working Group approval was withdrawn
    ('interop approve --withdraw')."""
    if was != "review" or now != "draft":
        return False

    def target(g: m.Guideline) -> str:
        a = g.metadata.approval if g.metadata else None
        value = a.target_approval if a else None
        return value if isinstance(value, str) else ""

    def approved_by_wg(g: m.Guideline) -> bool:
        return any(r.by == "working-group" for r in (
            g.metadata.approvals or [] if g.metadata else []))

    return target(after) > target(before) or (
        approved_by_wg(before) and not approved_by_wg(after))


def _published(repo: Repository, g: m.Guideline) -> dict[str, Any]:
    try:
        doc = compile_guideline(g, repo)
    except CompileError:
        return {}
    return doc if isinstance(doc, dict) else {}


def _finding(path: str, code: str, message: str,
             loc: Location | None = None
             ) -> Finding:
    line, col = (loc.line, loc.col) if loc is not None else (1, 1)
    return Finding(path, line, col, code, Severity.ERROR, message)


def _process(path: str, before: Document | None, after: Document,
             changes: list[Change],
             repo: Repository) -> list[Finding]:
    out: list[Finding] = []
    g = after.guideline
    was = before.guideline.status if before is not None else None
    now = g.status
    if was in ("approved", "superseded"):
        for c in changes:
            if c.kind in TEST_CHANGES:
                out.append(_finding(
                    path, "G001", f"{c.message}: {g.id} is {was}, and "
                    "only flags may change once approved",
                    after.loc(c.path) if c.path else None))
    if before is not None and was in STATUS_ORDER and \
            now in STATUS_ORDER and STATUS_ORDER[now] < STATUS_ORDER[was] and \
            not _allowed_back(before.guideline, g, was, now):
        out.append(_finding(path, "G002", f"status moved backwards, from "
                            f"{was} to {now}", after.loc(
                                ("metadata", "os_trademark_approval",
                                 "status"), key=False)))
    if was not in (None, "draft"):
        for c in changes:
            if c.kind in WEIGHT_CHANGES:
                out.append(_finding(
                    path, "G003", f"{c.message}, but {g.id} has left draft:"
                    " weights are frozen", after.loc(c.path)))
    try:
        published = os.path.join(repo.root, repo.published_path(path))
        text = dumps(compile_guideline(g, repo))
    except (CompileError, LoadError):
        return out
    current = None
    if os.path.lexists(published):
        try:  # a link out or a FIFO there is never read (nor waited on)
            current = read_regular(repo.confine(published), len(
                text.encode("utf-8")))
        except LoadError:
            current = b""
    if current != text.encode("utf-8"):
        out.append(_finding(path, "G004", f"{repo.published_path(path)} "
                            "does not match the source: run 'interop "
                            "compile' and add the result to the change"))
    return out


def _placed(rv: Review) -> list[Finding]:
    """The live findings on files the change touches: Gerrit rejects a
    whole review that comments on any other file, so those findings are
    left to the message (which names their file:line)."""
    touched = set(rv.touched)
    return [f for item in rv.items for f in item.findings
            if f.suppressed is None and f.path in touched]


def _comment(f: Finding) -> dict[str, Any]:
    return {"line": max(f.line, 1),
            "message": terminal(f"{f.code} ({f.severity}) {f.message}")}


def file_comments(rv: Review) -> dict[str, list[dict[str, Any]]]:
    """Zuul's ``file_comments``: path -> [{line, message}]."""
    comments: dict[str, list[dict[str, Any]]] = {}
    for f in _placed(rv):
        comments.setdefault(f.path, []).append(_comment(f))
    return comments


def gerrit(rv: Review, robot: bool = False) -> dict[str, Any]:
    """A Gerrit ReviewInput: file comments with line, a message and a
    Verified vote; ``ssh gerrit review --json`` and the REST API
    (``POST .../revisions/{id}/review``) both take it.

    Plain ``comments`` (CommentInput) by default: Gerrit 3.13 removed robot
    comments.  ``robot`` sends ``robot_comments`` (RobotCommentInput) for
    an older Gerrit."""
    comments: dict[str, list[dict[str, Any]]] = {}
    for f in _placed(rv):
        comment = _comment(f)
        if robot:
            comment.update(robot_id="interop", robot_run_id=rv.new[:12])
        else:
            # an error must be resolved before the change can merge
            comment["unresolved"] = f.severity == "error"
        comments.setdefault(f.path, []).append(comment)
    return {"message": to_text(rv), "tag": "autogenerated:interop",
            "labels": {"Verified": -1 if rv.errors else 1},
            ("robot_comments" if robot else "comments"): comments}


def to_text(rv: Review) -> str:
    """The review for a terminal (and Gerrit's message): every line with
    its control characters shown as escapes."""
    lines = [f"interop review of {rv.new[:12]} (against {rv.old[:12]})"]
    if not rv.items:
        lines.append("No guideline changed.")
    for item in rv.items:
        lines.append("")
        lines.append(f"{item.path} ({item.guideline}):")
        lines += [f"  - {c.message}" for c in item.changes] or \
            ["  - no change to what the guideline says"]
        lines += [f"  ! {f.format()}" for f in item.findings]
    if rv.standing:
        lines += ["", "Errors already there before this change (not voted "
                  "on):"] + [f"  ! {f.format()}" for f in rv.standing]
    lines += needs_text(rv)
    lines += ["", next_step(rv)]
    return "".join(terminal(line) + "\n" for line in lines)


def to_markdown(rv: Review) -> str:
    """The review as markdown (a GitHub or Gerrit comment).  Paths, ids,
    names and messages come from the change, so each is literal text: no
    markup, no HTML, no image, no link."""
    lines = [f"### interop review of {markdown(rv.new[:12])}"]
    if not rv.items:
        lines.append("\nNo guideline changed.")
    for item in rv.items:
        lines.append(f"\n#### {markdown(item.path)} "
                     f"({markdown(item.guideline)})\n")
        lines += [f"- {markdown(c.message)}" for c in item.changes] or \
            ["- no change to what the guideline says"]
        if item.findings:
            lines.append("")
            lines += [f"- **{markdown(f.code)}** line {f.line}: "
                      f"{markdown(f.message)}" for f in item.findings]
    lines += needs_markdown(rv)
    lines += ["", markdown(next_step(rv))]
    return "\n".join(lines) + "\n"


# -- approvals the change needs (issue 16) -----------------------------------

def next_step(rv: Review) -> str:
    """Who acts next on the change, and how (issue 24)."""
    if rv.errors:
        return ("Next step: the author fixes the errors above ('interop "
                "check', 'interop review HEAD') and uploads a new patch "
                "set.")
    first = [n.approvers[0] for n in rv.needs if n.approvers]
    if not first:
        return "Next step: any core reviewer may approve the change."
    who = first[0]
    group = f" ({who.gerrit_group}: Code-Review +2)" if who.gerrit_group \
        else ""
    return f"Next step: {who.name} reviews the change{group}."


def needs_text(rv: Review) -> list[str]:
    """Lines saying whose approval each touched file needs (the text and
    the Gerrit message)."""
    if not rv.needs:
        return []
    return ["", "Approvals this change needs:"] + [
        f"  - {n.shown()}" for n in rv.needs]


def needs_markdown(rv: Review) -> list[str]:
    from interop.text import markdown
    if not rv.needs:
        return []
    return ["\n#### Approvals this change needs\n"] + [
        f"- {markdown(n.shown())}" for n in rv.needs]


FORMATS = {"text": to_text, "markdown": to_markdown,
           "json": lambda rv: json.dumps(rv.as_dict(), indent=2) + "\n",
           "gerrit": lambda rv: json.dumps(gerrit(rv), indent=2) + "\n"}
