"""Sphinx extension: documents generated from the repository's data.

``.. interop-rules::`` renders the rule catalogue from the rules
themselves (their codes, severities and docstrings), so the documentation
cannot drift from the code.  Text from rules and guidelines is data: it is
put into literal and paragraph nodes, never parsed as markup.

Length: every directive of the extension, the domain that holds its
state across documents and ``setup(app)`` in the one module the
documentation names (``extensions = ["interop.sphinxext"]``); the pages
themselves are built in :mod:`interop.docs`, the product listing and the
static API's files in :mod:`interop.refstack.listing` and
:mod:`interop.refstack.api`.
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
                + ([str(found.read_as.get(c.key, ""))] if found.extends
                   else []) for c in found.criteria.values()]
        from interop.docs.render import table
        tab = table(["Key", "Criterion", "Weight", "What it asks"]
                    + (["Read as"] if found.extends else []), rows)
        over = f" (an overlay of '{found.extends}', read for " \
            f"{found.audience})" if found.extends else ""
        summary = nodes.paragraph(
            text=f"{found.name}{over}: {len(rows)} criteria, weights "
                 f"summing to {found.total}; cutoff {found.cutoff}.")
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
        parts, depends = packet_page(repo, self.arguments[0], links)
        return parts + recertify_parts(repo, self.arguments[0]), depends


def recertify_parts(repo: Any, path: str) -> list[nodes.Node]:
    """The packet's section on listed products (none when the program has
    no submission): built apart from the packet, so that the packet's own
    layout need not know of products."""
    from interop.docs.products import recertify_section
    from interop.load.products import submissions
    from interop.refstack.listing import recertify
    g = repo.load(path).guideline
    prefix = os.path.join(repo.root, "products", g.program.name) + os.sep
    if not any(f.startswith(prefix) for f in submissions(repo.root)):
        return []
    return [recertify_section(recertify(repo, g))]


class ProductsDirective(_FromRepository):
    """``.. interop-products::``: the product listing from ``products/``
    (who, what, which guideline, valid until, waivers)."""

    def parts(self) -> list[nodes.Node]:
        from interop.dates import today
        from interop.docs.products import listing
        from interop.load.products import submissions
        from interop.refstack.listing import report
        repo = self.repo()
        for folder in submissions(repo.root):
            self.depend([os.path.join(folder, n) for n in os.listdir(folder)])
        return listing(report(repo), today().isoformat())


class RecertifyDirective(_FromRepository):
    """``.. interop-recertify:: guidelines/next.yaml``: for a draft, how
    many listed products would need to re-certify, and which already pass
    its required tests from their last evidence."""

    required_arguments = 1

    def parts(self) -> list[nodes.Node]:
        from interop.docs.products import recertify_section
        from interop.refstack.listing import recertify
        repo = self.repo()
        source = repo.load(self.arguments[0])
        return [recertify_section(recertify(repo, source.guideline))]


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
        from interop.series import is_baseline, original_url
        from interop.text import is_safe_url
        from interop.workflow.listing import listing
        repo = self.repo()
        # the one listing: interop guidelines prints the same
        usable = {id(r.guideline) for program in listing(repo)
                  for r in program if r.usable_now}
        out: list[nodes.Node] = []
        # OpenStack Powered first: the others build on it
        for program, rows in sorted(index_rows(repo).items(), key=lambda
                                    item: (item[0] != "OpenStack Powered",
                                           item[0])):
            self.depend([g.file for _, g in rows])
            table_rows = []
            for page, g in rows:
                if is_baseline(g):  # no page here: the original is one
                    url = original_url(g)
                    ref = nodes.reference(str(g.id), str(g.id), refuri=url) \
                        if is_safe_url(url) else nodes.inline(text=str(g.id))
                else:
                    ref = self.doc_ref(page, g.id)
                use = "yes" if id(g) in usable else "no"
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
    process table may name, and what it must name (the consumer profiles'
    rules are a catalogue too)."""
    from interop.checks import RULES
    from interop.checks.config import CODES as CONFIG
    from interop.cli.certify import CODES as CERTIFY
    from interop.refstack.profiles import RULES as PROFILE
    from interop.tempest.verify import CODES as VERIFY
    from interop.workflow.review import CODES as REVIEW
    return (set(RULES) | set(PROFILE) | set(VERIFY) | set(REVIEW)
            | set(CERTIFY) | set(CONFIG), set(RULES) | set(PROFILE))


class ProfileDirective(_FromRepository):
    """``.. interop-profile:: consumers/NAME.yaml``: a consumer profile,
    what it takes from which guideline, and each exclusion with its
    reason and decision; text from the profile is data, never markup."""

    required_arguments = 1
    option_spec = {"titled": directives.flag}

    def parts(self) -> list[nodes.Node]:
        from interop.docs.paragraph import Code
        from interop.docs.render import link, para, table
        from interop.refstack.profiles import load
        repo = self.repo()
        path = os.path.join(repo.root, self.arguments[0])
        self.depend([path])
        p = load(path, self.arguments[0])
        out: list[nodes.Node] = []
        if "titled" in self.options:
            section = nodes.section(ids=[nodes.make_id(p.id or "profile")])
            section += nodes.title(text=f"{p.id}: {p.name}" if p.name
                                   else p.id)
            out.append(section)
        needing = "no admin role" if p.credentials == "non-admin" \
            else "any credentials"
        body: list[nodes.Node] = [para(
            "Guideline ", Code(p.guideline), f", target {p.target}: "
            f"the required tests, flagged ones left out, needing "
            f"{needing}; {len(p.exclude)} excluded by decision.")]
        if p.url:
            body.append(para("The consumer's standard: ", link(p.url)))
        body.append(table(["Excluded test", "Reason", "Decision"],
                          [[para(Code(e.test)), e.reason,
                            para(link(e.decision))] for e in p.exclude],
                          widths=[5, 4, 3]))
        shown = f"interop export scs {self.arguments[0]}"
        body.append(nodes.literal_block(shown, shown))
        if out:
            out[0].extend(body)
            return out
        return body


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
    for path in _profiles(repo.root):
        pages["consumer-" + os.path.basename(path)[:-5]] = PAGE.format(
            source=path, kind="profile").replace("a guideline source",
                                                 "a consumer profile")
    # an orphan: a host project need not list it in a toctree of its own
    pages["index"] = (":orphan:\n\n.. This page is generated.\n\n"
                      "Guidelines\n"
                      "==========\n\n.. interop-guidelines::\n\n"
                      + (_PRODUCTS_LINK if os.path.exists(os.path.join(
                          str(app.srcdir), "products.rst")) else "")
                      + ".. toctree::\n   :hidden:\n\n"
                      + "".join(f"   {p}\n" for p in sorted(pages)))
    try:
        write_pages(folder, pages)
    except UsageError as exc:
        raise ExtensionError(str(exc), modname=__name__) from None


#: the index's link to the product listing, when the project has one
_PRODUCTS_LINK = ("The products certified against these guidelines, and "
                  "until when: :doc:`/products` (machine-readable: "
                  "``products.json``; the guidelines and their test lists: "
                  "``api/guidelines.json``).\n\n")


def _profiles(root: str) -> list[str]:
    """The consumer profiles a page is made for (plain names only)."""
    folder = os.path.join(root, "consumers")
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    return [f"consumers/{n}" for n in names
            if n.endswith(".yaml") and _PLAIN_PATH.fullmatch(n)]

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
    def wanted(page: str) -> bool:
        # each PDF takes a second or more: say so, as Sphinx does of pages
        if f"{folder}/{page}-packet" not in read:
            return False
        logger.info(f"writing the packet of {page} as PDF")
        return True

    repo = _domain(app.env).repository()
    for text in write_pdfs(
            repo, os.path.join(app.outdir, PDF_DIR), wanted,
            f"{site.rstrip('/')}/{folder}/" if site else None,
            lambda path: recertify_parts(repo, path)):
        logger.warning(text, type="interop")


def write_api(app: Any, exception: Any) -> None:
    """After an HTML build: ``products.json`` and the static guideline
    API (``api/``) into the output, beside the pages."""
    if exception is not None or \
            getattr(app.builder, "format", None) != "html":
        return
    from interop.files import write_atomic
    from interop.refstack import api, listing
    repo = _domain(app.env).repository()
    try:
        write_atomic(os.path.join(app.outdir, "products.json"),
                     listing.products_json(repo))
        api.write(repo, os.path.join(app.outdir, "api"))
    except (LoadError, UsageError) as exc:
        logger.warning(f"static API not written: {exc}", type="interop")


def _static(app: Any, config: Any) -> None:
    """The Board pages' styles (wide tables scroll in the column, the
    marks' grid, print), for any project using the extension.  Added when
    the configuration is read, before Sphinx compares it with the last
    build's: added later, every rebuild said "The configuration has
    changed" (html_static_path)."""
    if STATIC not in config.html_static_path:
        config.html_static_path.append(STATIC)


def count_role(name: str, rawtext: str, text: str, lineno: int,
               inliner: Any, options: Any = None, content: Any = None
               ) -> tuple[list[nodes.Node], list[Any]]:
    """``:interop-count:`guidelines/next.yaml required```: a count from
    the data (interop.docs.counts), so that a hand-written page states no
    number the data can contradict."""
    from interop.docs.counts import role_value
    env = inliner.document.settings.env
    try:
        number, files = role_value(_domain(env).repository(), text)
    except LoadError as exc:
        problem = exc.finding.format()
    except UsageError as exc:
        problem = str(exc)
    else:
        for file in files:
            env.note_dependency(os.path.abspath(file))
        return [nodes.Text(str(number))], []
    message = inliner.reporter.warning(f"interop-count: {problem}",
                                       line=lineno)
    return [inliner.problematic(rawtext, rawtext, message)], [message]


def setup(app: Any) -> dict[str, Any]:
    # the guideline repository, relative to the Sphinx project's source
    # folder; and the folder of that project the generated pages go in
    app.add_config_value("interop_root", "../..", "env", [str])
    # the Gerrit change a build is for (the packet links it); the
    # INTEROP_CHANGE_URL environment variable gives it when this is unset
    app.add_config_value("interop_change_url", "", "env", [str])
    app.add_config_value("interop_packet_pdf", True, "env", [bool])
    app.add_css_file("interop.css")
    app.connect("config-inited", _static)
    app.add_domain(InteropDomain)
    app.connect("env-before-read-docs", _begin_reading)
    app.connect("build-finished", write_packet_pdfs)
    app.connect("build-finished", write_api)
    app.add_directive("interop-products", ProductsDirective)
    app.add_directive("interop-recertify", RecertifyDirective)
    app.add_config_value("interop_generated", GENERATED, "env", [str])
    app.add_directive("interop-rules", RulesDirective)
    app.add_directive("interop-criteria", CriteriaDirective)
    app.add_directive("interop-cli", CliDirective)
    app.add_directive("interop-guideline", GuidelineDirective)
    app.add_directive("interop-packet", PacketDirective)
    app.add_directive("interop-guidelines", IndexDirective)
    app.add_directive("interop-process-rules", ProcessRulesDirective)
    app.add_role("interop-count", count_role)
    app.add_directive("interop-profile", ProfileDirective)
    for part in ("capabilities", "tests", "sections", "scores", "changes",
                 "conflicts"):
        app.add_directive(f"interop-{part}", PartDirective)
    app.connect("builder-inited", generate_pages)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True}
