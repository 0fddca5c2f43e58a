"""The one paragraph builder (and value-to-text) every page uses: plain
text, literals and nodes in a row.

Its own module so that ``render`` (the tables and sections) and ``marks``
(which ``render`` imports) share it without an import circle.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from docutils import nodes

from interop.text import as_text, visible


def text(value: Any) -> str:
    """A value in a page's words: yes/no, nothing as blank."""
    # visible: no bidi override reorders what the Board reads
    return as_text(value, empty="", yes="yes", no="no", show=visible)


class Code(NamedTuple):
    """A part of a paragraph or a cell shown as a literal (a name, an id,
    a path)."""

    value: Any


def para(*parts: Any, classes: Iterable[str] = ()) -> nodes.paragraph:
    """A paragraph of plain text, nodes and (for ``Code`` parts)
    literals."""
    node = nodes.paragraph(classes=list(classes))
    for part in parts:
        if isinstance(part, Code):
            node += nodes.literal(text(part.value), text(part.value))
        elif isinstance(part, nodes.Node):
            node += part
        else:
            node += nodes.Text(text(part))
    return node
