"""furo's navigation, resolved once per build instead of once per page.

For every page furo asks Sphinx for the whole site's navigation
(``context["toctree"](collapse=False, titles_only=True, maxdepth=-1,
includehidden=True)``), and Sphinx resolves it anew: it reads the root
document's doctree again and deep-copies every document's whole table
of contents, all its sections, only to prune it to the titles.  On the
bench's site of 51 guidelines (84 pages) that was 2.8 s of a 20 s
build, the time growing with pages times documents.

Here the titles-only tree of each toctree of the root document is
resolved once, by Sphinx's own ``_entries_from_toctree``, for no page in
particular; each page then gets a copy of it (some 84 entries) that
Sphinx's own ``_toctree_add_classes`` marks for the page (the
``toctree-l<N>`` and ``current`` classes, ``iscurrent``), with the
relative addresses the builder makes for the page, merged and rendered
as Sphinx's ``global_toctree_for_doc`` and ``_get_local_toctree`` do.

Why that is exact: with furo's arguments, a page changes Sphinx's
resolution in three places only: the marks, the addresses, and which
documents' tables of contents are deep-copied rather than copied by
``_toctree_copy`` (the page's ancestors); the two copies differ only
for ``only`` nodes, whose tags the copy applies.  So the shared tree is
used only when no table of contents holds an ``only`` node, the builder
writes the navigation as the HTML builder does (not ``singlehtml``), the
private functions relied on exist, and resolving it warned of nothing (a
missing or untitled document warns on every page, as before);
otherwise the build keeps Sphinx's own function.  Any other call of
``toctree`` is Sphinx's, unchanged.
"""
from __future__ import annotations

from collections.abc import Callable
from logging import WARNING
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from interop import __version__

logger = logging.getLogger(__name__)

#: the arguments furo's ``_compute_navigation_tree`` passes
FURO_CALL = {"collapse": False, "titles_only": True, "maxdepth": -1,
             "includehidden": True}
#: runs before furo's listener (the default priority, 500: Sphinx calls
#: the lower first)
PRIORITY = 400


class Navigation:
    """The navigation of one build: the root document's toctrees
    resolved for no page (unmarked, addresses as document names), or
    None when this build keeps Sphinx's own function.  Worked out when
    the first page asks; forgotten when the documents were read
    (``env-updated``), so that each build resolves what it read, and
    when the build ends.  It lives on the application's listener, not in
    the module; parallel writers inherit it from the first page, which
    Sphinx writes before it forks them."""

    def __init__(self) -> None:
        self._trees: list[nodes.Element] | None = None
        self._known = False

    def forget(self, *args: Any) -> None:
        self._trees, self._known = None, False

    def trees(self, builder: Any) -> list[nodes.Element] | None:
        if not self._known:
            self._trees, self._known = unmarked_trees(builder), True
        return self._trees

    def page_context(self, app: Any, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
        """Wrap the page's ``toctree`` so that furo's call takes the
        shared tree; any other call goes to Sphinx's."""
        original = context.get("toctree")
        if not callable(original):
            return
        context["toctree"] = self._wrapped(app.builder, pagename, original)

    def _wrapped(self, builder: Any, pagename: str,
                 original: Callable[..., str]) -> Callable[..., str]:
        def toctree(**kwargs: Any) -> str:
            if kwargs == FURO_CALL:
                trees = self.trees(builder)
                if trees is not None:
                    return render(builder, trees, pagename)
            return original(**kwargs)
        return toctree


#: Sphinx's private functions this relies on (as Sphinx 9 names them; a
#: Sphinx that takes other arguments fails the first call, and keeps its
#: own function too)
PRIVATE = ("_entries_from_toctree", "_toctree_add_classes", "_toctree_copy")


def _private() -> tuple[Callable[..., Any], ...] | None:
    """The functions named in :data:`PRIVATE`; None when a Sphinx lacks
    one."""
    from sphinx.environment.adapters import toctree
    try:
        return tuple(getattr(toctree, name) for name in PRIVATE)
    except AttributeError:
        return None


def unmarked_trees(builder: Any) -> list[nodes.Element] | None:
    """Each toctree of the root document resolved as Sphinx resolves it
    for furo, before marking it for a page; None when the shared tree
    would not be exact (see the module's docstring)."""
    trees = _resolved(builder)
    if isinstance(trees, str):
        logger.verbose("furo's navigation: Sphinx's own, per page (%s)",
                       trees)
        return None
    return trees


def _resolved(builder: Any) -> list[nodes.Element] | str:
    """The unmarked trees, or why the build keeps Sphinx's function."""
    from sphinx.builders.html import StandaloneHTMLBuilder
    private = _private()
    if private is None:
        return "Sphinx lacks a private function"
    if getattr(type(builder), "_get_local_toctree", None) is not \
            StandaloneHTMLBuilder._get_local_toctree:
        return f"the {builder.name} builder writes its own"
    env = builder.env
    if any(next(toc.findall(addnodes.only), None) is not None
           for toc in env.tocs.values()):
        return "a table of contents holds an 'only' node"
    # held, not shown: when resolving warns, Sphinx's own function warns
    # for every page, as it did; when it fails, it fails as it did
    with logging.suppress_logging() as held:
        try:
            trees = [_unmarked(env, builder.tags, toctree, private[0])
                     for toctree in env.master_doctree.findall(
                         addnodes.toctree)]
        except (AttributeError, TypeError, ValueError, KeyError,
                AssertionError) as exc:
            return f"{type(exc).__name__}: {exc}"
    if any(record.levelno >= WARNING for record in held.buffer):
        return "resolving it warns"
    return trees


def _unmarked(env: Any, tags: Any, toctree: addnodes.toctree,
              entries_from_toctree: Callable[..., list[nodes.Element]]
              ) -> nodes.Element:
    """One toctree as ``_resolve_toctree`` makes it with furo's
    arguments, up to marking it: the caption and the titles-only
    entries, resolved as for a page of no ancestors."""
    from sphinx.util.matching import Matcher
    entries = entries_from_toctree(
        env=env, prune=True, titles_only=True, collapse=False,
        includehidden=True, tags=tags, toctree_ancestors=frozenset(),
        included=Matcher(env.config.include_patterns),
        excluded=Matcher(env.config.exclude_patterns),
        toctreenode=toctree, parents=[])
    tree = addnodes.compact_paragraph("", "")
    if caption := toctree.attributes.get("caption"):
        # as _resolve_toctree writes it; its ``uid`` (for gettext) is
        # dropped by the copy that follows the marking there too
        title = nodes.title(caption, "", *[nodes.Text(caption)])
        title.line, title.source = toctree.line, toctree.source
        title.rawsource = toctree["rawcaption"]
        tree.append(title)
    tree.extend(entries)
    tree["toctree"] = True
    return tree


def render(builder: Any, trees: list[nodes.Element], pagename: str) -> str:
    """The navigation's HTML for ``pagename``: each tree copied and
    marked for the page as ``_resolve_toctree`` does (it marks, then
    copies; the copy keeps every mark), addressed from the page, then
    merged as ``global_toctree_for_doc`` merges them."""
    from sphinx.util import url_re
    private = _private()
    assert private is not None  # unmarked_trees found them this build
    _, add_classes, toctree_copy = private
    marked = []
    for tree in trees:
        node = toctree_copy(tree, 1, -1, False, builder.tags)
        add_classes(node, 1, pagename)
        if isinstance(node[-1], nodes.Element) and len(node[-1]) == 0:
            continue  # no titles found
        for ref in node.findall(nodes.reference):
            if url_re.match(ref["refuri"]) is None:
                ref["refuri"] = builder.get_relative_uri(
                    pagename, ref["refuri"]) + ref["anchorname"]
        marked.append(node)
    result = marked[0] if marked else None
    for node in marked[1:]:
        assert result is not None  # marked is not empty here
        result.extend(node.children)
    fragment: str = builder.render_partial(result)["fragment"]
    return fragment


def connect(app: Any) -> None:
    """Give furo the shared navigation in ``app`` (the extension's
    ``setup`` calls this)."""
    navigation = Navigation()
    app.connect("env-updated", navigation.forget)
    app.connect("build-finished", navigation.forget)
    app.connect("html-page-context", navigation.page_context,
                priority=PRIORITY)


def setup(app: Any) -> dict[str, Any]:
    """This module alone as an extension (the tests' small projects)."""
    connect(app)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True}
