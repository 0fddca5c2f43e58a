"""A capability's achievements as a row of marks, one per criterion, in
the order of ``interop score``'s columns, and the legend that names them."""
from __future__ import annotations

import functools
from typing import Any

from docutils import nodes

from interop.docs.paragraph import Code, para
from interop.publish.compiler import mapping
from interop.scoring.tabulate import abbreviation, columns


def order(doc: dict[str, Any]) -> list[str]:
    """The criteria of a published guideline in ``interop score``'s
    column order."""
    scoring = mapping(mapping(mapping(doc).get("metadata")).get("scoring"))
    return columns([k for k in mapping(scoring.get("criteria"))
                    if isinstance(k, str)])


def marks(achieved: Any, keys: list[str], light: bool = False
          ) -> nodes.Node:
    """A capability's achievements as a row of marks, one per criterion
    in the legend's order: a filled mark where it meets the criterion.

    ``light`` (a superseded guideline's compact page, an HTML page only):
    the marks are one raw HTML node holding the very markup the nodes
    make, not two nodes a mark: half the nodes of a compact page, which a
    site of 25 years of guidelines builds 48 times.  The marks in words
    stay nodes, for every builder and the search."""
    met = set(a for a in achieved if isinstance(a, str)) \
        if isinstance(achieved, list) else set()
    cell = nodes.inline(classes=["interop-marks"])
    if light:  # nothing from data: the marks are two fixed spans
        cell += nodes.raw("", _html(tuple(key in met for key in keys)),
                          format="html")
    for key in keys if not light else ():
        hit = key in met
        cell += nodes.inline(
            "", "\u25a0" if hit else "\u00b7",
            classes=["interop-mark", "interop-met" if hit else "interop-no"])
    other = sorted(met - set(keys))
    if other:
        cell += nodes.Text(" " + ", ".join(other))
    # the marks in words, for screen readers (the styles hide it)
    said = [k for k in keys if k in met]
    cell += nodes.inline("", " meets: " + (", ".join(said) or "none"),
                         classes=["interop-sr"])
    return para(cell)


#: a mark as the HTML writer writes its node
_MET = '<span class="interop-mark interop-met">\u25a0</span>'
_NOT_MET = '<span class="interop-mark interop-no">\u00b7</span>'


@functools.lru_cache(maxsize=512)
def _html(hits: tuple[bool, ...]) -> str:
    """The marks' markup, one string for each pattern of hits: rows that
    meet the same criteria share it, in memory and in the pickled
    doctree."""
    return "".join(_MET if hit else _NOT_MET for hit in hits)


def legend(doc: dict[str, Any]) -> nodes.paragraph:
    """The key to the marks: the criteria in the marks' order, with the
    short names ``interop score`` prints above its columns."""
    keys = order(doc)
    criteria = mapping(mapping(mapping(mapping(doc).get("metadata")).get(
        "scoring")).get("criteria"))
    names = {k: mapping(criteria.get(k)).get("name") or k for k in keys}
    parts: list[Any] = ["Achievements, one mark per criterion in this "
                        "order (\u25a0 met, \u00b7 not met): "]
    for n, key in enumerate(keys):
        parts += [Code(abbreviation(key)), f" {names.get(key, key)}"
                  + ("; " if n < len(keys) - 1 else ".")]
    return para(*parts, classes=["interop-legend"])
