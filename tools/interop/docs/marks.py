"""A capability's achievements as a row of marks, one per criterion, in
the order of ``interop score``'s columns, and the legend that names them."""
from __future__ import annotations

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


def marks(achieved: Any, keys: list[str]) -> nodes.Node:
    """A capability's achievements as a row of marks, one per criterion
    in the legend's order: a filled mark where it meets the criterion."""
    met = set(a for a in achieved if isinstance(a, str)) \
        if isinstance(achieved, list) else set()
    cell = nodes.inline(classes=["interop-marks"])
    for key in keys:
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
