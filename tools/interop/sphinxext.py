"""Sphinx extension: documents generated from the repository's data.

``.. interop-rules::`` renders the rule catalogue from the rules
themselves (their codes, severities and docstrings), so the documentation
cannot drift from the code.  Text from rules and guidelines is data: it is
put into literal and paragraph nodes, never parsed as markup.
"""
from __future__ import annotations

import dataclasses
import inspect
import os
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from interop import __version__
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
        repo = _repository_of(self.env.srcdir, self.config.interop_root)
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
        import argparse

        from interop.cli import parser
        top = parser()
        sub = next(a for a in top._actions
                   if isinstance(a, argparse._SubParsersAction))
        out: list[nodes.Node] = []
        for name, command in sub.choices.items():
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
        return _repository_of(self.env.srcdir, self.config.interop_root)

    def depend(self, files: list[str]) -> None:
        for file in files:
            if file and os.path.exists(file):
                self.env.note_dependency(os.path.abspath(file))


class GuidelineDirective(_FromRepository):
    """``.. interop-guideline:: guidelines/next.yaml``: the whole page."""

    required_arguments = 1

    def parts(self) -> list[nodes.Node]:
        from interop.docs.board import guideline_page
        parts, depends = guideline_page(self.repo(), self.arguments[0])
        self.depend(depends)
        return parts


class PacketDirective(_FromRepository):
    """``.. interop-packet:: guidelines/next.yaml``: the Board packet."""

    required_arguments = 1

    def parts(self) -> list[nodes.Node]:
        from interop.docs.board import packet_page
        parts, depends = packet_page(self.repo(), self.arguments[0])
        self.depend(depends)
        return parts


class PartDirective(_FromRepository):
    """One part of a guideline's page: ``.. interop-capabilities::``,
    ``interop-tests`` (``:capability:``), ``interop-sections``,
    ``interop-scores``, ``interop-changes``, ``interop-conflicts``."""

    required_arguments = 1
    option_spec = {"status": str, "capability": str}

    def parts(self) -> list[nodes.Node]:
        from interop.docs import render
        from interop.docs.board import facts
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
                                  if f.previous else None)
        return render.findings(f.conflicts, "None found.")


class IndexDirective(_FromRepository):
    """``.. interop-guidelines::``: every guideline by program, with what
    a vendor may use now (the two most recent approved guidelines)."""

    def parts(self) -> list[nodes.Node]:
        from sphinx import addnodes

        from interop.docs import render
        from interop.docs.board import index_rows
        repo = self.repo()
        out: list[nodes.Node] = []
        for program, rows in sorted(index_rows(repo).items()):
            self.depend([g.file for _, g in rows])
            approved = [g for _, g in rows if g.status == "approved"][:2]
            table_rows = []
            for page, g in rows:
                ref = addnodes.pending_xref(
                    "", refdomain="std", reftype="doc", refexplicit=True,
                    reftarget=f"/{self.config.interop_generated}/{page}")
                ref += nodes.inline(text=str(g.id))
                use = "yes" if g in approved else "no"
                table_rows.append([render.para(ref), g.status,
                                   g.metadata.approval.target_approval
                                   if g.metadata and g.metadata.approval
                                   else "", use])
            out.append(render.section(program, f"index-{program}", [
                render.table(["Guideline", "Status", "Target approval",
                              "May be used now"], table_rows)]))
        return out


GENERATED = "generated"
PAGE = """\
.. Generated from {source}: edit that file.

{title}
{line}

.. interop-{kind}:: {source}
"""


def _title(g: Any, packet: bool) -> str:
    program = "OpenStack Powered" if g.program.kind == "powered" else \
        f"{g.program.kind.capitalize()} {g.program.name}"
    return ("Board packet: " if packet else "") + f"{program} {g.id}"


#: the repository of each Sphinx project, read once per build: set when
#: the build starts, shared by the directives (and by parallel workers,
#: which fork after it)
_REPOSITORIES: dict[str, Any] = {}


def _repository_of(srcdir: Any, root: str, fresh: bool = False) -> Any:
    from interop.repository import Repository
    key = str(srcdir)
    if fresh or key not in _REPOSITORIES:
        _REPOSITORIES[key] = Repository(os.path.normpath(os.path.join(
            key, root)))
    return _REPOSITORIES[key]


def generate_pages(app: Any) -> None:
    """Write a page per guideline (and a packet per draft) into the
    source folder before reading; unchanged pages are left alone, so
    Sphinx rebuilds only what changed."""
    from sphinx.errors import ExtensionError

    from interop.docs.board import page_name
    from interop.docs.generated import folder_of, write_pages
    repo = _repository_of(app.srcdir, app.config.interop_root, fresh=True)
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
        name = page_name(g)
        title = _title(g, False)
        pages[name] = PAGE.format(source=path, title=title,
                                  line="=" * len(title), kind="guideline")
        if g.status == "draft":
            title = _title(g, True)
            pages[name + "-packet"] = PAGE.format(
                source=path, title=title, line="=" * len(title),
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


def setup(app: Any) -> dict[str, Any]:
    # the guideline repository, relative to the Sphinx project's source
    # folder; and the folder of that project the generated pages go in
    app.add_config_value("interop_root", "../..", "env", [str])
    app.add_config_value("interop_generated", GENERATED, "env", [str])
    app.add_directive("interop-rules", RulesDirective)
    app.add_directive("interop-criteria", CriteriaDirective)
    app.add_directive("interop-cli", CliDirective)
    app.add_directive("interop-guideline", GuidelineDirective)
    app.add_directive("interop-packet", PacketDirective)
    app.add_directive("interop-guidelines", IndexDirective)
    for part in ("capabilities", "tests", "sections", "scores", "changes",
                 "conflicts"):
        app.add_directive(f"interop-{part}", PartDirective)
    app.connect("builder-inited", generate_pages)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True}
