"""Sphinx extension: documents generated from the repository's data.

``.. interop-rules::`` renders the rule catalogue from the rules
themselves (their codes, severities and docstrings), so the documentation
cannot drift from the code.  Text from rules and guidelines is data: it is
put into literal and paragraph nodes, never parsed as markup.
"""
from __future__ import annotations

import inspect
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from interop import __version__


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
        import os
        from interop.repository import Repository
        root = os.path.join(self.env.srcdir, self.config.interop_root)
        repo = Repository(root)
        name = self.arguments[0]
        found = repo.criteria_sets.get(name)
        if found is None:
            raise self.error(f"no criteria set '{name}' in {root}/criteria")
        self.env.note_dependency(found.file)
        rows = [[c.key, str(c.name), str(c.weight), str(c.description)]
                for c in found.criteria.values()]
        table = _table(["Key", "Criterion", "Weight", "What it asks"], rows,
                       [10, 18, 8, 64])
        summary = nodes.paragraph(
            text=f"{found.name}: {len(rows)} criteria, weights summing to "
                 f"{found.total}; cutoff {found.cutoff}.")
        return [summary, table]


def _table(header: list[str], rows: list[list[str]],
           widths: list[int]) -> nodes.table:
    table = nodes.table()
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(header)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return table


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=text)
        row += entry
    return row


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("interop_root", "../..", "env", [str])
    app.add_directive("interop-rules", RulesDirective)
    app.add_directive("interop-criteria", CriteriaDirective)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True}
