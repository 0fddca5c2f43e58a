"""Sphinx extension: documents generated from the repository's data.

``.. interop-rules::`` renders the rule catalogue from the rules
themselves (their codes, severities and docstrings), so the documentation
cannot drift from the code.  Text from rules and guidelines is data: it is
put into literal and paragraph nodes, never parsed as markup.

Length: every directive of the extension, the domain that holds its
state across documents and ``setup(app)`` in the one module the
documentation names (``extensions = ["interop.sphinxext"]``); the pages
themselves are built in :mod:`interop.docs`.
"""
from __future__ import annotations

import dataclasses
import inspect
import os
import posixpath
import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.domains import Domain
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from interop import __version__
from interop.docs.board import AWAITING
from interop.errors import LoadError, UsageError

logger = logging.getLogger(__name__)


class RulesDirective(SphinxDirective):
    """The rule catalogue: one section per rule, from its docstring.

    Docstrings are the project's own reStructuredText, so they are parsed
    as markup (guideline text never is)."""

    has_content = False
    option_spec: dict[str, Any] = {}

    def run(self) -> list[nodes.Node]:
        from interop.checks import FAMILIES, RULES
        lines: list[str] = []
        for family, title in FAMILIES.items():
            codes = sorted(c for c in RULES if c.startswith(family))
            if not codes:
                continue
            heading = f"{family}: {title}"
            lines += [heading, "-" * len(heading), ""]
            for code in codes:
                rule = RULES[code]
                heading = f"{code} {rule.name}"
                lines += [heading, "~" * len(heading), "",
                          f"*Severity: {rule.severity}.*", ""]
                lines += inspect.cleandoc(rule.doc).splitlines() + [""]
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(
            lines, source="interop.checks"), container)
        return list(container.children)


class CriteriaDirective(SphinxDirective):
    """A criteria set of ``criteria/`` as a table: ``.. interop-criteria::
    core``."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        repo = _domain(self.env).repository()
        name = self.arguments[0]
        found = repo.criteria_sets.get(name)
        if found is None:
            raise self.error(f"no criteria set '{name}' in "
                             f"{repo.root}/criteria")
        self.env.note_dependency(found.file)
        rows = [[c.key, str(c.name), str(c.weight), str(c.description)]
                for c in found.criteria.values()]
        from interop.docs.render import table
        tab = table(["Key", "Criterion", "Weight", "What it asks"], rows)
        summary = nodes.paragraph(
            text=f"{found.name}: {len(rows)} criteria, weights summing to "
                 f"{found.total}; cutoff {found.cutoff}.")
        return [summary, tab]


class CliDirective(SphinxDirective):
    """``.. interop-cli::``: every command's help, from the parser itself,
    so the reference cannot drift from the command."""

    def run(self) -> list[nodes.Node]:
        from interop.cli import commands
        out: list[nodes.Node] = []
        for name, command in commands().items():
            section = nodes.section(ids=[f"command-{name}"])
            section += nodes.title(text=f"interop {name}")
            text = command.format_help()
            section += nodes.literal_block(text, text)
            out.append(section)
        return out


class _FromRepository(SphinxDirective):
    """A directive that reads the repository's sources.

    What it cannot read (a broken source or scoring sheet, a path that
    names no guideline) is a warning placed in the file and line that
    fail, with the directive's page and line; the page says what is
    missing instead of a traceback ending the build.
    """

    def run(self) -> list[nodes.Node]:
        try:
            return self.parts()
        except LoadError as exc:
            text = exc.finding.format()
        except UsageError as exc:
            text = str(exc)
        logger.warning(f"{self.name}: {text}", location=self.get_location(),
                       type="interop")
        return [nodes.paragraph(text=f"Not rendered: {text}")]

    def parts(self) -> list[nodes.Node]:
        raise NotImplementedError

    def repo(self) -> Any:
        """The repository, read once per build (set up when the build
        starts), so that pages do not each read every source again."""
        return _domain(self.env).repository()

    def depend(self, files: list[str]) -> None:
        for file in files:
            if file and os.path.exists(file):
                self.env.note_dependency(os.path.abspath(file))


class _Page(_FromRepository):
    """A whole generated page: ``:titled:`` makes the directive give the
    page its title, set as a title node from data (never as
    reStructuredText source, where a name could hold markup)."""

    required_arguments = 1
    option_spec: dict[str, Any] = {"titled": directives.flag}
    packet = False

    def links(self, g: Any) -> Any:
        from interop.docs.board import links
        return links(g, self.env.docname, self.packet,
                     getattr(self.config, "html_file_suffix", None)
                     or ".html", self.config.interop_generated,
                     PDF_DIR if self.config.interop_packet_pdf
                     else None, self.config.interop_change_url or
                     os.environ.get("INTEROP_CHANGE_URL") or None)

    def parts(self) -> list[nodes.Node]:
        from interop.docs import render
        repo = self.repo()
        g = repo.load(self.arguments[0]).guideline
        parts, depends = self.build(repo, self.links(g))
        self.depend(depends)
        if "titled" not in self.options:
            return parts
        from interop.docs.board import page_name
        section = render.section(render.title(g, self.packet),
                                 page_name(g) + ("-packet" if self.packet
                                                 else ""), parts)
        return [section]

    def build(self, repo: Any, links: Any) -> tuple[list, list]:
        raise NotImplementedError


class GuidelineDirective(_Page):
    """``.. interop-guideline:: guidelines/next.yaml``: the whole page."""

    def build(self, repo: Any, links: Any) -> tuple[list, list]:
        from interop.docs.board import guideline_page
        return guideline_page(repo, self.arguments[0], links)


class PacketDirective(_Page):
    """``.. interop-packet:: guidelines/next.yaml``: the Board packet."""

    packet = True

    def build(self, repo: Any, links: Any) -> tuple[list, list]:
        from interop.docs.decision import packet_page
        return packet_page(repo, self.arguments[0], links)


class PartDirective(_FromRepository):
    """One part of a guideline's page: ``.. interop-capabilities::``,
    ``interop-tests`` (``:capability:``), ``interop-sections``,
    ``interop-scores``, ``interop-changes``, ``interop-conflicts``."""

    required_arguments = 1
    option_spec = {"status": str, "capability": str}

    def parts(self) -> list[nodes.Node]:
        from interop.docs import render
        from interop.docs.board import facts, original_of
        from interop.scoring.tabulate import report
        f = facts(self.repo(), self.arguments[0])
        self.depend(f.depends)
        g = f.source.guideline
        part = self.name.split("-", 1)[1]
        if part == "capabilities":
            totals = render.totals(f.sheet, g)
            statuses = [self.options["status"]] if "status" in \
                self.options else ["required", "advisory", "deprecated",
                                   "removed"]
            return [t for t in (render.capability_table(
                g, f.published, s, totals) for s in statuses) if t]
        if part == "tests":
            cap = (g.capabilities or {}).get(self.options.get("capability"))
            if cap is None:
                raise self.error("interop-tests needs :capability: naming "
                                 "a capability of the guideline")
            return [render.tests(cap)]
        if part == "sections":
            return render.designated_sections(g)
        if part == "scores":
            if f.sheet is None:
                return [render.para("No scoring sheet.")]
            return [render.scores(report(f.sheet, g))]
        if part == "changes":
            return render.changes(f.changes, f.previous.id
                                  if f.previous else None, original_of(f))
        return render.findings(f.conflicts, "None found.")


class IndexDirective(_FromRepository):
    """``.. interop-guidelines::``: every guideline by program, with what
    a vendor may use now (the two most recent guidelines whose Board
    approval date has passed)."""

    def parts(self) -> list[nodes.Node]:
        from interop.docs import render
        from interop.docs.board import index_rows
        from interop.series import is_baseline, original_url, usable_now
        from interop.text import is_safe_url
        repo = self.repo()
        out: list[nodes.Node] = []
        # OpenStack Powered first: the others build on it
        for program, rows in sorted(index_rows(repo).items(), key=lambda
                                    item: (item[0] != "OpenStack Powered",
                                           item[0])):
            self.depend([g.file for _, g in rows])
            approved = usable_now([g for _, g in rows])
            table_rows = []
            for page, g in rows:
                if is_baseline(g):  # no page here: the original is one
                    url = original_url(g)
                    ref = nodes.reference(str(g.id), str(g.id), refuri=url) \
                        if is_safe_url(url) else nodes.inline(text=str(g.id))
                else:
                    ref = self.doc_ref(page, g.id)
                use = "yes" if g in approved else "no"
                table_rows.append([render.para(ref),
                                   g.status,
                                   g.metadata.approval.target_approval
                                   if g.metadata and g.metadata.approval
                                   else "", use, self.packet_refs(page, g)])
            out.append(render.section(program, f"index-{program}", [
                render.table(["Guideline", "Status", "Target approval",
                              "May be used now", "Board packet"],
                             table_rows)]))
        return out

    def doc_ref(self, page: str, label: Any) -> nodes.Node:
        from sphinx import addnodes
        ref = addnodes.pending_xref(
            "", refdomain="std", reftype="doc", refexplicit=True,
            reftarget=f"/{self.config.interop_generated}/{page}")
        ref += nodes.inline(text=str(label))
        return ref

    def packet_refs(self, page: str, g: Any) -> Any:
        """The packet of a guideline awaiting a decision: page and PDF."""
        from interop.docs import render
        if g.status not in AWAITING:
            return ""
        refs: list[Any] = [self.doc_ref(f"{page}-packet", "packet")]
        if self.config.interop_packet_pdf:
            pdf = posixpath.relpath(f"{PDF_DIR}/{page}-packet.pdf",
                                    posixpath.dirname(self.env.docname))
            refs += [" · ", nodes.reference("PDF", "PDF", refuri=pdf,
                                            internal=True)]
        return render.para(*refs)


GENERATED = "generated"
#: where the packets' PDFs go in the HTML output
PDF_DIR = "packets"
#: a source path that may be written into a generated page as it is
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")
# The generated page holds no text from data: the directive sets the
# title from the guideline, as a node.
PAGE = """\
.. Generated from a guideline source: edit the source, not this page.

.. interop-{kind}:: {source}
   :titled:
"""


def known_codes() -> tuple[set[str], set[str]]:
    """(every code a finding can carry, the catalogue's codes): what the
    process table may name, and what it must name."""
    from interop.checks import RULES
    from interop.checks.config import CODES as CONFIG
    from interop.tempest.verify import CODES as VERIFY
    from interop.workflow.review import CODES as REVIEW
    return set(RULES) | set(VERIFY) | set(REVIEW) | set(CONFIG), \
        set(RULES)


class ProcessRulesDirective(SphinxDirective):
    """``.. interop-process-rules:: process-rules.yaml``: the process
    conformance table, from its data file (relative to the page).  A blank
    row, an unknown code or a catalogue rule left out is a warning, so a
    build with ``-W`` fails on it."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from interop.docs import processrules
        from interop.docs.render import table
        _, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(path)
        try:
            rows = processrules.load(path)
        except LoadError as exc:
            raise self.error(exc.finding.format()) from None
        known, catalogue = known_codes()
        for problem in processrules.problems(rows, known, catalogue):
            logger.warning(f"{self.name}: {path}: {problem}",
                           location=self.get_location(), type="interop")
        return [table(["Source", "Rule", "Upheld by"],
                      [[r.source, r.rule, "; ".join(r.upheld_by)]
                       for r in rows])]


class InteropDomain(Domain):
    """What the extension keeps across documents, as ``sphinx.ext.todo``
    keeps its todos: in a domain, whose data Sphinx pickles with the
    environment and merges from parallel readers.

    ``data["read"]`` holds the documents read in the current build (the
    packets among them get their PDF); each reader adds the documents it
    reads, so nothing depends on when the workers were forked.  The
    repository is read once per build by each process that needs it and
    kept on the domain object, which Sphinx does not pickle.
    """

    name = "interop"
    label = "Interoperability guidelines"
    initial_data: dict[str, Any] = {"read": set()}
    data_version = 1

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        self._repository: Any = None

    def repository(self, fresh: bool = False) -> Any:
        """The guideline repository this project documents
        (``interop_root``, relative to the source folder)."""
        if fresh or self._repository is None:
            from interop.repository import Repository
            self._repository = Repository(os.path.normpath(os.path.join(
                str(self.env.srcdir), self.env.config.interop_root)))
        return self._repository

    def begin_reading(self) -> None:
        self.data["read"] = set()

    def process_doc(self, env: Any, docname: str,
                    document: nodes.document) -> None:
        self.data["read"].add(docname)

    def clear_doc(self, docname: str) -> None:
        self.data["read"].discard(docname)

    def merge_domaindata(self, docnames: Any, otherdata: dict[str, Any]
                         ) -> None:
        self.data["read"] |= otherdata["read"] & set(docnames)

    def read(self) -> set[str]:
        """The documents read in this build."""
        return set(self.data["read"])


def _domain(env: Any) -> InteropDomain:
    return env.get_domain(InteropDomain.name)


def generate_pages(app: Any) -> None:
    """Write a page per guideline (and a packet per draft) into the
    source folder before reading; unchanged pages are left alone, so
    Sphinx rebuilds only what changed."""
    from sphinx.errors import ExtensionError

    from interop.docs.board import page_name
    from interop.docs.generated import folder_of, write_pages
    repo = _domain(app.env).repository(fresh=True)
    if not os.path.isdir(os.path.join(repo.root, "criteria")):
        # a host project that did not say where the guidelines are
        logger.warning(f"interop_root = {app.config.interop_root!r} "
                       f"({repo.root}) is not a guideline repository (it "
                       "has no criteria/): set interop_root in conf.py to "
                       "the repository's folder, relative to this one",
                       type="interop")
    try:
        folder = folder_of(str(app.srcdir), app.config.interop_generated)
    except UsageError as exc:
        raise ExtensionError(str(exc), modname=__name__) from None
    pages: dict[str, str] = {}
    for path in repo.sources():
        try:
            g = repo.load(path).guideline
        except LoadError as exc:
            finding = dataclasses.replace(exc.finding, path=path)
            logger.warning(finding.format(), type="interop")
            continue
        if not _PLAIN_PATH.fullmatch(path) or ".." in path.split("/"):
            logger.warning(f"{path}: no page made: a source's path must be "
                           "letters, digits, '_', '-', '.' and '/'",
                           type="interop")
            continue
        name = page_name(g)
        pages[name] = PAGE.format(source=path, kind="guideline")
        if g.status in AWAITING:
            pages[name + "-packet"] = PAGE.format(source=path,
                                                  kind="packet")
    # an orphan: a host project need not list it in a toctree of its own
    pages["index"] = (":orphan:\n\n.. This page is generated.\n\n"
                      "Guidelines\n"
                      "==========\n\n.. interop-guidelines::\n\n"
                      ".. toctree::\n   :hidden:\n\n"
                      + "".join(f"   {p}\n" for p in sorted(pages)))
    try:
        write_pages(folder, pages)
    except UsageError as exc:
        raise ExtensionError(str(exc), modname=__name__) from None


STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "docs",
                      "static")


def _begin_reading(app: Any, env: Any, docnames: list[str]) -> None:
    _domain(env).begin_reading()  # before any reader (or worker) starts


def write_packet_pdfs(app: Any, exception: Any) -> None:
    """After an HTML build, the PDF of every packet read in this build
    (or missing) into ``packets/`` of the output, where the pages link."""
    if exception is not None or not app.config.interop_packet_pdf or \
            getattr(app.builder, "format", None) != "html":
        return
    from interop.docs.packet import write_pdfs
    read = _domain(app.env).read()
    site = app.config.html_baseurl  # where the site is published, if set
    folder = app.config.interop_generated
    for text in write_pdfs(
            _domain(app.env).repository(),
            os.path.join(app.outdir, PDF_DIR),
            lambda page: f"{folder}/{page}-packet" in read,
            f"{site.rstrip('/')}/{folder}/" if site else None):
        logger.warning(text, type="interop")


def _static(app: Any) -> None:
    """The Board pages' styles (wide tables scroll in the column, the
    marks' grid, print), for any project using the extension."""
    if STATIC not in app.config.html_static_path:
        app.config.html_static_path.append(STATIC)


def setup(app: Any) -> dict[str, Any]:
    # the guideline repository, relative to the Sphinx project's source
    # folder; and the folder of that project the generated pages go in
    app.add_config_value("interop_root", "../..", "env", [str])
    # the Gerrit change a build is for (the packet links it); the
    # INTEROP_CHANGE_URL environment variable gives it when this is unset
    app.add_config_value("interop_change_url", "", "env", [str])
    app.add_config_value("interop_packet_pdf", True, "env", [bool])
    app.add_css_file("interop.css")
    app.connect("builder-inited", _static)
    app.add_domain(InteropDomain)
    app.connect("env-before-read-docs", _begin_reading)
    app.connect("build-finished", write_packet_pdfs)
    app.add_config_value("interop_generated", GENERATED, "env", [str])
    app.add_directive("interop-rules", RulesDirective)
    app.add_directive("interop-criteria", CriteriaDirective)
    app.add_directive("interop-cli", CliDirective)
    app.add_directive("interop-guideline", GuidelineDirective)
    app.add_directive("interop-packet", PacketDirective)
    app.add_directive("interop-guidelines", IndexDirective)
    app.add_directive("interop-process-rules", ProcessRulesDirective)
    for part in ("capabilities", "tests", "sections", "scores", "changes",
                 "conflicts"):
        app.add_directive(f"interop-{part}", PartDirective)
    app.connect("builder-inited", generate_pages)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True}
