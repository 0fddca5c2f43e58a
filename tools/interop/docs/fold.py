"""Folded parts of a page: long lists a reader opens when wanted.

On a phone the Powered packet ran to about 40,000 px, mostly the
capability table (one block a capability), the changes' lists and the
appendix of test ids.  Those parts are folded into an HTML ``<details>``
element whose ``<summary>`` says what is inside and how much, so the
page reads top down in a few screens and nothing is lost: one tap opens
a part, the browser's find-in-page opens it on a match, and print shows
every part open (``interop.css``).

The fold is two raw HTML nodes around the parts (docutils has no node
for it); other writers skip raw HTML, so the PDF packet (rst2pdf) prints
the parts as they are.  The summary is our own words, escaped.
"""
from __future__ import annotations

import html
from collections.abc import Iterable

from docutils import nodes

#: the class CSS and the browser tests find folds by
FOLD = "interop-fold"


def fold(summary: str, parts: Iterable[nodes.Node],
         is_open: bool = False) -> list[nodes.Node]:
    """``parts`` folded under one line, ``summary``; shown open when
    ``is_open``.  Empty when there are no parts."""
    body = list(parts)
    if not body:
        return []
    opened = " open" if is_open else ""
    start = (f'<details class="{FOLD}"{opened}><summary>'
             f"{html.escape(summary)}</summary>")
    return [nodes.raw("", start, format="html"), *body,
            nodes.raw("", "</details>", format="html")]


def fold_groups(items: list[nodes.Node], group_class: str
                ) -> list[nodes.Node]:
    """Each group of a list of parts, folded under its heading: a
    paragraph of class ``group_class`` heads the parts up to the next
    such paragraph (how :func:`interop.docs.render.changes` writes its
    groups); what comes before the first heading stays as it is."""
    out: list[nodes.Node] = []
    heading: nodes.Node | None = None
    body: list[nodes.Node] = []

    def close() -> None:
        if heading is not None:
            out.extend(fold(heading.astext(), body) or [heading])

    for item in items:
        if isinstance(item, nodes.paragraph) and \
                group_class in item["classes"]:
            close()
            heading, body = item, []
        elif heading is None:
            out.append(item)
        else:
            body.append(item)
    close()
    return out
