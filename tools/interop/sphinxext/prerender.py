"""A superseded guideline's tables, written to HTML when its page is read.

A compact page of a superseded guideline is mostly two tables of some
hundred rows (its capabilities, its tests counted), some 4,000 nodes
that Sphinx transforms, pickles, reads back, transforms again and
writes, each build of a site that holds 48 of them: two thirds of the
time of the whole site.  Written to HTML once, by the HTML builder's own
translator after the builder's own post-transforms (a theme's, such as
furo's table wrapper, among them), each table is one raw node holding
the very markup the page would carry: the page reads the same, and the
search indexes its words (Sphinx indexes the text of raw HTML).  Other
builders get the tables as nodes.
"""
from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.utils import new_document

from interop.sphinxext.domain import domain


def html_tables(parts: list[nodes.Node], env: Any) -> None:
    """Replace each table among ``parts`` by its HTML, when the build's
    builder writes HTML (``env``: the build environment reading the
    page).  A Sphinx whose HTML writer's settings cannot be made as its
    builder makes them keeps the tables as nodes."""
    state = domain(env)
    app = state.app
    builder: Any = getattr(app, "builder", None)
    if state.writer_settings is None:
        state.writer_settings = _writer_settings(builder) or False
    settings = state.writer_settings
    if settings is False:
        return
    from sphinx.transforms import SphinxTransformer
    tables = [t for part in parts for t in part.findall(nodes.table)]
    if not tables:
        return
    places = []
    doc = new_document("<interop>", settings)
    for table in tables:  # one document of them all, in the page's order
        places.append((table.parent, table.parent.index(table)))
        table.parent.remove(table)
        doc += table
    # the builder's post-transforms, as the page's own at writing
    transformer = SphinxTransformer(doc)
    transformer.set_environment(env)
    transformer.add_transforms(app.registry.get_post_transforms())
    transformer.apply_transforms()
    visitor = builder.create_translator(doc, builder)
    for (parent, at), child in zip(places, list(doc.children), strict=True):
        start = len(visitor.body)
        child.walkabout(visitor)
        parent.insert(at, nodes.raw("", "".join(visitor.body[start:]),
                                    format="html"))


def _writer_settings(builder: Any) -> Any:
    """The settings the HTML builder writes pages with (its
    ``prepare_writing``); None for a builder that does not write HTML
    with Sphinx's writer, or a Sphinx that makes them otherwise."""
    if getattr(builder, "format", None) != "html" or \
            getattr(builder, "name", None) not in ("html", "dirhtml"):
        return None
    try:
        from sphinx.util.docutils import _get_settings
        from sphinx.writers.html import HTMLWriter
    except ImportError:
        return None
    made = _get_settings(HTMLWriter, defaults=builder.env.settings,
                         read_config_files=True)
    made.compact_lists = bool(builder.config.html_compact_lists)
    return made
