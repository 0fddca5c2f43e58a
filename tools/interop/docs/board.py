"""The Board documents: a page per guideline, a packet per draft, and the
index of guidelines by program and status.

Each function returns docutils nodes and the files they were built from,
so that Sphinx rebuilds a page only when one of those files changes.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Any

from docutils import nodes

from interop.checks import check_files
from interop.docs import render
from interop.errors import LoadError
from interop.publish.compiler import compile_guideline, mapping
from interop.repository import Repository, Source
from interop.scoring.sheets import Sheet, sheet_path
from interop.scoring.tabulate import report
from interop.series import Series, program_of, safe_name, version_of
from interop.workflow.diff import Change, diff

#: conflict rules a Board member reads next to a vertical or add-on
CONFLICT_CODES = ("C", "A")


@dataclasses.dataclass
class Facts:
    """What a guideline's documents are made of."""

    source: Source
    published: dict
    previous: Any            # the last approved guideline before it
    changes: list[Change]
    sheet: Sheet | None
    conflicts: list
    depends: list[str]       # files the documents were built from


def approved_before(repo: Repository, source: Source) -> Any:
    series = Series(g for g in repo.guidelines()
                    if program_of(g) == program_of(source.guideline))
    earlier = series.approved_before(source.guideline)
    return earlier[-1] if earlier else None


def facts(repo: Repository, path: str) -> Facts:
    """Everything the documents of one source show (path root-relative)."""
    source = repo.load(path)
    g = source.guideline
    published = mapping(compile_guideline(g, repo))
    previous = approved_before(repo, source)
    depends = [os.path.join(repo.root, path)]
    changes: list[Change] = []
    if previous is not None:
        changes = diff(previous, g, ctx=repo)
        depends.append(previous.file)
    try:
        sheet = repo.sheet_for(g)
    except LoadError:
        sheet = None
    version = version_of(g)
    if version:
        depends.append(sheet_path(repo.root, g.program.name, version))
    conflicts = []
    if g.program.kind in ("vertical", "add-on"):
        # this source alone: the workspace still sees every other one
        conflicts = [f for f in check_files(
            [os.path.join(repo.root, path)], repo, CONFLICT_CODES)
            if f.path == path]
    return Facts(source, published, previous, changes, sheet, conflicts,
                 depends)


def guideline_page(repo: Repository, path: str) -> tuple[list[nodes.Node],
                                                         list[str]]:
    f = facts(repo, path)
    g = f.source.guideline
    totals = render.totals(f.sheet, g)
    parts: list[nodes.Node] = [render.metadata(g, f.published)]
    parts.append(render.section("Platforms", f"{path}-platforms",
                                render.platforms(g)))
    for status in ("required", "advisory", "deprecated", "removed"):
        tab = render.capability_table(g, f.published, status, totals)
        if tab is not None:
            parts.append(render.section(
                f"{status.capitalize()} capabilities", f"{path}-{status}",
                [tab]))
    since = f.previous.id if f.previous is not None else None
    parts.append(render.section("Changes since the last approved guideline",
                                f"{path}-changes",
                                render.changes(f.changes, since)))
    if g.program.kind in ("vertical", "add-on"):
        parts.append(render.section(
            "Conflicts with OpenStack Powered", f"{path}-conflicts",
            render.findings(f.conflicts, "None found.")))
    parts.append(render.section("Tests", f"{path}-tests", [
        render.section(cap.name, f"{path}-test-{cap.name}",
                       [render.para(cap.description), render.tests(cap)])
        for cap in g.iter_capabilities()]))
    parts.append(render.section("Designated sections", f"{path}-sections",
                                render.designated_sections(g)))
    if f.sheet is not None:
        parts.append(render.section("Scores", f"{path}-scores",
                                    [render.scores(report(f.sheet, g))]))
    return parts, f.depends


def packet_page(repo: Repository, path: str) -> tuple[list[nodes.Node],
                                                       list[str]]:
    """One page a Board member reads before approving a draft."""
    f = facts(repo, path)
    g = f.source.guideline
    statuses = {n: w[0][1] for n, w in g.capability_statuses().items()}
    required = [n for n in g.capabilities or {}
                if statuses.get(n) == "required"]
    tests = sum(len(g.capabilities[n].tests or {}) for n in required)
    totals = render.totals(f.sheet, g)
    why = []
    for change in f.changes:
        score = totals.get(change.subject)
        why.append(render.para(change.message + (
            f" (scores {score})" if score else "")))
    open_flags = render.flags(g)
    parts = [render.metadata(g, f.published),
             render.section("What it requires", f"{path}-packet-requires", [
                 render.para(f"{len(required)} required capabilities, "
                             f"{tests} tests."),
                 render.bullets(render.para(("code", n), " ",
                                            totals.get(n, ""))
                                for n in required)]),
             render.section("What changed, and why", f"{path}-packet-why",
                            [render.bullets(why)] if why else
                            render.changes(f.changes, f.previous.id
                                           if f.previous else None)),
             render.section("Open flags", f"{path}-packet-flags",
                            [render.bullets(
                                render.para(("code", t.name), " (",
                                            c.name, "): ",
                                            render.text(t.flagged.reason))
                                for c, t in open_flags)] if open_flags
                            else [render.para("None.")]),
             render.section("Conflicts", f"{path}-packet-conflicts",
                            render.findings(f.conflicts, "None found."))]
    return parts, f.depends


def page_name(g: Any) -> str:
    """The document name of a guideline's page (``powered-next``); the
    source's file name stands in for a name that cannot name a file."""
    if safe_name(g.program.name) and version_of(g):
        return f"{g.program.name}-{version_of(g)}"
    return "source-" + "".join(c if c.isalnum() or c in "-." else "-"
                               for c in os.path.basename(g.file))


def index_rows(repo: Repository) -> dict[str, list[tuple[str, Any]]]:
    """Program -> [(page, guideline)], newest first."""
    programs: dict[str, list[tuple[str, Any]]] = {}
    for g in repo.guidelines():
        programs.setdefault(render.program_name(g), []).append(
            (page_name(g), g))
    for rows in programs.values():
        rows.sort(key=lambda row: row[0], reverse=True)
    return programs
