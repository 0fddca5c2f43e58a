"""The Board documents: a page per guideline, a packet per draft, and the
index of guidelines by program and status.

Each function returns docutils nodes and the files they were built from,
so that Sphinx rebuilds a page only when one of those files changes.
"""
from __future__ import annotations

import dataclasses
import os
import posixpath
from typing import Any

from docutils import nodes

from interop import model as m
from interop.checks import check_files
from interop.docs import marks, render
from interop.docs.paragraph import Code
from interop.errors import Finding, LoadError
from interop.load.lock import lock_file
from interop.publish.compiler import compile_guideline, mapping
from interop.repository import Repository, Source
from interop.scoring.sheets import Sheet, sheet_path
from interop.scoring.tabulate import report
from interop.series import (
    Series,
    original_url,
    program_of,
    safe_name,
    version_of,
)
from interop.workflow.diff import Change, diff

#: conflict rules a Board member reads next to a vertical or add-on
CONFLICT_CODES = ("C", "A")


@dataclasses.dataclass
class Facts:
    """What a guideline's documents are made of."""

    source: Source
    published: dict[str, Any]   # its published JSON
    previous: m.Guideline | None  # the last approved one before it
    changes: list[Change]
    sheet: Sheet | None
    conflicts: list[Finding]
    depends: list[str]       # files the documents were built from


def approved_before(repo: Repository, source: Source
                    ) -> m.Guideline | None:
    series = Series(g for g in repo.guidelines(history=True)
                    if program_of(g) == program_of(source.guideline))
    earlier = series.approved_before(source.guideline)
    return earlier[-1] if earlier else None


def facts(repo: Repository, path: str, compare: bool = True) -> Facts:
    """Everything the documents of one source show (path root-relative);
    without ``compare``, nothing measured against the guideline before
    and no conflicts (a superseded guideline's compact page shows
    none)."""
    source = repo.load(path)
    g = source.guideline
    published = mapping(compile_guideline(g, repo))
    previous = approved_before(repo, source) if compare else None
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
    lock = lock_file(repo.root, g.program.name if g.program else None)
    if lock is not None:
        depends.append(lock)  # the credentials the cost table counts
    conflicts = []
    if compare and g.program.kind in ("vertical", "add-on"):
        # this source alone: the workspace still sees every other one
        conflicts = [f for f in check_files(
            [os.path.join(repo.root, path)], repo, CONFLICT_CODES)
            if f.path == path]
    return Facts(source, published, previous, changes, sheet, conflicts,
                 depends)


@dataclasses.dataclass
class Links:
    """Where a guideline's documents are, as the build knows them."""

    page: str | None = None     # the guideline's page (relative URI)
    packet: str | None = None   # the packet's HTML page
    pdf: str | None = None      # the packet's PDF
    change: Any = None          # the change under review (http(s) only)


#: statuses of a guideline awaiting the Board's decision: they get packets
AWAITING = ("draft", "review")


def links(g: m.Guideline, here: str, packet: bool, suffix: str, generated: str,
          pdf_dir: str | None, change: Any) -> Links:
    """The links of a guideline's page (``packet`` False) or packet, from
    the document ``here``; the pages are in the folder ``generated`` and
    the PDFs in ``pdf_dir`` (None when the build makes none)."""
    page = page_name(g)
    base = posixpath.dirname(here) or "."
    awaiting = g.status in AWAITING

    def uri(doc: str) -> str:
        return posixpath.relpath(f"{generated}/{doc}", base) + suffix
    return Links(
        page=uri(page) if packet else None,
        packet=uri(f"{page}-packet") if awaiting and not packet else None,
        pdf=posixpath.relpath(f"{pdf_dir}/{page}-packet.pdf", base)
        if awaiting and pdf_dir else None,
        change=change)


def companions(links: Links) -> list[nodes.Node]:
    """Links from a guideline's page to its packet, HTML and PDF."""
    refs: list[Any] = []
    for label, uri in (("Board packet", links.packet),
                       ("Board packet (PDF)", links.pdf)):
        if uri:
            refs += [" · "] if refs else []
            refs.append(nodes.reference(label, label, refuri=uri,
                                        internal=True))
    return [render.para("Awaiting a decision: ", *refs,
                        classes=["interop-companions"])] if refs else []


def guideline_page(repo: Repository, path: str,
                   links: Links | None = None
                   ) -> tuple[list[nodes.Node], list[str]]:
    compact = repo.load(path).guideline.status == "superseded"
    f = facts(repo, path, compare=not compact)
    g = f.source.guideline
    totals = render.totals(f.sheet, g)
    parts: list[nodes.Node] = companions(links or Links())
    parts.append(render.metadata(g, f.published))
    parts.append(render.section("Approval chain", f"{path}-approvals",
                                render.approvals(g)))
    parts.append(render.section("Platforms", f"{path}-platforms",
                                render.platforms(g)))
    parts.append(marks.legend(f.published))
    found = render.criteria_set_of(repo, g)
    parts += render.criteria_read(found, path)
    for status in ("required", "advisory", "deprecated", "removed"):
        tab = render.capability_table(g, f.published, status, totals,
                                      light=compact)
        if tab is not None:
            parts.append(render.section(
                f"{status.capitalize()} capabilities", f"{path}-{status}",
                [tab]))
    if compact:  # history: compact, its tests a download
        parts.append(render.section("Tests", f"{path}-tests",
                                    compact_tests(g, f.published)))
        return parts, f.depends
    since = f.previous.id if f.previous is not None else None
    parts.append(render.section("Changes since the last approved guideline",
                                f"{path}-changes",
                                render.changes(f.changes, since,
                                               original_of(f))))
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
    return parts, f.depends + ([found.file] if found is not None and
                               found.extends else [])


def compact_tests(g: m.Guideline, doc: dict[str, Any]) -> list[nodes.Node]:
    """A superseded guideline's tests in short: how many each capability
    lists, and where the whole list is (the published document, which
    ``interop testlist`` reads).  A site holding 25 years of guidelines
    stays small and quick to build."""
    rows = [[Code(c.name), len(c.tests or {}),
             sum(1 for t in c.iter_tests() if t.flagged is not None)]
            for c in g.iter_capabilities()]
    meta = mapping(doc.get("metadata"))
    where = meta.get("source")
    said = render.para(
        "A superseded guideline: its test ids are in the published "
        "document", *([" (", render.link(where), ")"] if where else []),
        ", and 'interop testlist' lists them for a target.")
    return [said, render.table(["Capability", "Tests", "Flagged"], rows,
                               ["interop-compact-tests"], [60, 20, 20])]


def original_of(f: Facts) -> str | None:
    """The published original of the guideline compared with, when the
    repository holds only its baseline."""
    return original_url(f.previous) if f.previous is not None else None


def page_name(g: m.Guideline) -> str:
    """The document name of a guideline's page (``powered-next``); the
    source's folder and file name stand in for a name that cannot name a
    file (``source-dns-next.yaml``: two programs' ``next.yaml`` must not
    share a page)."""
    if safe_name(g.program.name) and version_of(g):
        return f"{g.program.name}-{version_of(g)}"
    where = os.path.join(os.path.basename(os.path.dirname(g.file)),
                         os.path.basename(g.file))
    return "source-" + "".join(c if c.isascii() and c.isalnum() or
                               c in "-." else "-" for c in where)


def index_rows(repo: Repository) -> dict[str, list[tuple[str, Any]]]:
    """Program -> [(page, guideline)], newest first.  Baselines are
    listed too (their page is the published original, at
    ``original_url``), unless a source of the same version exists."""
    programs: dict[str, list[tuple[str, Any]]] = {}
    seen = set()
    for g in repo.guidelines(history=True):
        if (program_of(g), version_of(g)) in seen:
            continue
        seen.add((program_of(g), version_of(g)))
        programs.setdefault(render.program_name(g), []).append(
            (page_name(g), g))
    for rows in programs.values():
        rows.sort(key=lambda row: row[0], reverse=True)
    return programs
