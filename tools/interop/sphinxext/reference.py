"""The reference pages' directives: the rule catalogue, the criteria
sets, the commands' help and the process conformance table, each from
the code or data it documents; and the ``interop-count`` role."""
from __future__ import annotations

import inspect
import os
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from interop.errors import LoadError, UsageError
from interop.sphinxext.domain import domain

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
        repo = domain(self.env).repository()
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


def known_codes() -> tuple[set[str], set[str]]:
    """(every code a finding can carry, the catalogue's codes): what the
    process table may name, and what it must name (the consumer profiles'
    rules are a catalogue too)."""
    from interop.checks import RULES
    from interop.checks.config import CODES as CONFIG
    from interop.cli.certify import CODES as CERTIFY
    from interop.refstack.profilerules import RULES as PROFILE
    from interop.tempest.verify import CODES as VERIFY
    from interop.workflow.review import CODES as REVIEW
    return (set(RULES) | set(PROFILE) | set(VERIFY) | set(REVIEW)
            | set(CERTIFY) | set(CONFIG), set(RULES) | set(PROFILE))


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


def count_role(name: str, rawtext: str, text: str, lineno: int,
               inliner: Any, options: Any = None, content: Any = None
               ) -> tuple[list[nodes.Node], list[Any]]:
    """``:interop-count:`guidelines/next.yaml required```: a count from
    the data (interop.docs.counts), so that a hand-written page states no
    number the data can contradict."""
    from interop.docs.counts import role_value
    env = inliner.document.settings.env
    try:
        number, files = role_value(domain(env).repository(), text)
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
