"""furo's navigation resolved once per build (issue 25, item 7): the
same HTML as Sphinx's own, for every page, with each document's table
of contents copied once per build instead of once per page."""
import io

import pytest

from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from sphinx.application import Sphinx  # noqa: E402
from sphinx.environment.adapters import toctree as adapter  # noqa: E402
from sphinx.util.docutils import docutils_namespace  # noqa: E402

from interop.sphinxext import navigation  # noqa: E402
from interop.sphinxext.navigation import FURO_CALL  # noqa: E402

NAVIGATION = "interop.sphinxext.navigation"

#: nested, captioned, hidden and numbered toctrees; an address, ``self``
#: and a generated page among the entries; pages in folders, a page
#: listed twice, one with two top-level sections, one whose ``tocdepth``
#: cuts its own table, a toctree inside a section, an orphan
PAGES = {
    "index": """\
Home
====

.. toctree::
   :caption: Guide

   intro
   sub/index
   Elsewhere <https://example.org/docs>
   Home page <self>
   genindex

.. toctree::
   :hidden:

   hidden

.. toctree::
   :caption: Numbered
   :numbered:

   num/a
   num/b
""",
    "intro": "Intro\n=====\n\nFirst\n-----\n\nSecond\n------\n\n"
             "Appendix\n========\n\nMore.\n",
    "sub/index": """\
Sub
===

.. toctree::
   :titlesonly:

   deep
   other
   /intro

Sub section
-----------
""",
    "sub/deep": """\
Deep
====

Deeper
------

.. toctree::

   leaf

Deepest
~~~~~~~
""",
    "sub/leaf": "Leaf\n====\n\nPart\n----\n",
    "sub/other": "Other\n=====\n",
    "hidden": "Hidden\n======\n\n.. toctree::\n\n   hidden-child\n",
    "hidden-child": "Hidden child\n============\n\nPart\n----\n",
    "num/a": ":tocdepth: 1\n\nA\n=\n\nA one\n-----\n\nA two\n-----\n",
    "num/b": "B\n=\n\nB one\n-----\n",
    "lonely": ":orphan:\n\nLonely\n======\n",
}

#: a page whose table of contents holds an ``only`` node, at its top
#: level: a page's ancestors keep the node, and its sections, when
#: titles are pruned
ONLY = """\
B
=

B one
-----

.. only:: html

   Extra
   =====

   Extra one
   ---------
"""


def make_project(tmp_path, theme="basic", pages=None):
    src = tmp_path / "src"
    for name, text in {**PAGES, **(pages or {})}.items():
        (src / f"{name}.rst").parent.mkdir(parents=True, exist_ok=True)
        (src / f"{name}.rst").write_text(text)
    # no sidebar: the theme's own call of toctree would count as work
    (src / "conf.py").write_text(f"html_theme = {theme!r}\n"
                                 "html_sidebars = {'**': []}\n")
    return src


def build(src, out, extensions=(NAVIGATION,), compare=True, builder="html"):
    """Build with a listener after the navigation's, as furo's is; for
    each page, the HTML furo's call got, Sphinx's own HTML for it (when
    ``compare``) and the tables of contents copied to answer furo's
    call; and the warnings."""
    pages = {}

    def furo(app, pagename, templatename, context, doctree):
        before = len(copied)
        fast = context["toctree"](**FURO_CALL)
        spent = len(copied) - before
        own = (app.builder._get_local_toctree(pagename, **FURO_CALL)
               if compare else None)
        pages[pagename] = (fast, own, spent)
    copied = []
    real = adapter._toctree_standard_entry

    def counted(*args, **kwargs):
        copied.append(args[1])
        return real(*args, **kwargs)
    stream = io.StringIO()
    adapter._toctree_standard_entry = counted
    try:
        with docutils_namespace():
            application(src, out, extensions, builder, stream, furo).build()
    finally:
        adapter._toctree_standard_entry = real
    return pages, stream.getvalue()


def application(src, out, extensions, builder, stream, listener):
    app = Sphinx(str(src), str(src), str(out / "html"),
                 str(out / "doctrees"), builder, status=None,
                 warning=stream, freshenv=True,
                 confoverrides={"extensions": list(extensions)})
    app.connect("html-page-context", listener)
    return app


#: the document entries of furo's navigation (a page listed twice,
#: twice; not the address, ``self`` or the generated index)
LISTED = 10


def test_every_page_gets_sphinxs_own_navigation(tmp_path):
    pages, warnings = build(make_project(tmp_path), tmp_path / "out")
    assert warnings == ""
    assert {f"sub/{p}" for p in ("index", "deep", "leaf", "other")} \
        | {"index", "lonely", "genindex", "search", "hidden-child"} \
        <= set(pages)
    for name, (fast, own, _) in pages.items():
        assert fast == own, name
    # marked and addressed for the page
    deep = pages["sub/deep"][0]
    assert '<li class="toctree-l2 current"><a class="current reference ' \
        'internal" href="#">Deep</a><ul>' in deep
    assert 'href="leaf.html"' in deep
    assert 'href="../intro.html"' in deep
    assert 'href="../intro.html#appendix"' in deep
    assert 'href="https://example.org/docs"' in deep
    assert 'href="#"' in deep
    assert 'href="../intro.html"' not in pages["intro"][0]
    assert ">2. B</a>" in deep  # numbered


def test_each_table_of_contents_is_copied_once_per_build(tmp_path):
    src = make_project(tmp_path)
    fast, _ = build(src, tmp_path / "fast", compare=False)
    slow, _ = build(src, tmp_path / "slow", extensions=(), compare=False)
    assert len(fast) == len(slow) > 10
    assert sum(spent for _, _, spent in fast.values()) == LISTED
    assert {spent for _, _, spent in slow.values()} == {LISTED}
    assert [fast[p][0] for p in sorted(fast)] == \
        [slow[p][0] for p in sorted(slow)]


@pytest.mark.parametrize("case", ["only", "private", "singlehtml"])
def test_a_build_it_would_not_be_exact_for_keeps_sphinxs(
        tmp_path, monkeypatch, case):
    """An ``only`` node in a table of contents (the shared copy would
    not apply its tags as a page's ancestors get it), a Sphinx without
    a private function relied on, or a builder that writes the
    navigation its own way: Sphinx's own function answers every
    page."""
    # singlehtml writes no genindex page for the toctree to name
    pages = {"only": {"num/b": ONLY}, "private": {}, "singlehtml": {
        "index": PAGES["index"].replace("   genindex\n", "")}}[case]
    if case == "private":  # as if a Sphinx renamed one
        monkeypatch.setattr(navigation, "PRIVATE",
                            (*navigation.PRIVATE[:-1], "_renamed"))
    built, warnings = build(make_project(tmp_path, pages=pages),
                            tmp_path / "out", builder=case == "singlehtml"
                            and "singlehtml" or "html")
    assert warnings == ""
    assert {spent for _, _, spent in built.values()} == {LISTED}
    for name, (fast, own, _) in built.items():
        assert fast == own, name


def test_a_navigation_that_warns_warns_for_every_page_as_before(tmp_path):
    """Resolving the tree warns (here: a listed page without a title),
    so the build keeps Sphinx's own function: the same warnings, as
    often, and the same HTML."""
    src = make_project(tmp_path, pages={"sub/other": "No title.\n"})
    fast, fast_warnings = build(src, tmp_path / "fast")
    slow, slow_warnings = build(src, tmp_path / "slow", extensions=())
    assert "doesn't have a title" in slow_warnings
    assert fast_warnings == slow_warnings
    assert {p: html for p, (html, _, _) in fast.items()} == \
        {p: html for p, (html, _, _) in slow.items()}


def test_the_pages_are_furos_own_byte_for_byte(tmp_path, monkeypatch):
    """With furo itself: every page of the project is the same HTML
    with the shared tree as with Sphinx's function."""
    pytest.importorskip("furo", reason=DOCS_EXTRA)
    src = make_project(tmp_path, theme="furo")
    build(src, tmp_path / "fast", compare=False)
    monkeypatch.setattr(navigation, "PRIVATE", ("_renamed",))  # Sphinx's
    build(src, tmp_path / "slow", compare=False)
    fast = sorted((tmp_path / "fast" / "html").rglob("*.html"))
    assert len(fast) > 10
    for page in fast:
        rel = page.relative_to(tmp_path / "fast")
        assert page.read_bytes() == (tmp_path / "slow" / rel).read_bytes(), \
            rel


def test_a_second_build_resolves_what_it_read(tmp_path):
    """One application building twice (the tree is forgotten when the
    documents were read): the second build's pages show the new
    title."""
    src = make_project(tmp_path)
    seen = {}

    def furo(app, pagename, templatename, context, doctree):
        seen[pagename] = (context["toctree"](**FURO_CALL),
                          app.builder._get_local_toctree(pagename,
                                                         **FURO_CALL))
    with docutils_namespace():
        app = application(src, tmp_path / "out", (NAVIGATION,), "html",
                          io.StringIO(), furo)
        app.build()
        (src / "sub" / "other.rst").write_text("Renamed\n=======\n")
        seen.clear()
        app.build()
    assert ">Renamed</a>" in seen["sub/other"][0]
    for name, (fast, own) in seen.items():
        assert fast == own, name


def test_the_extension_gives_furo_the_shared_navigation():
    """``interop.sphinxext`` connects the navigation, ahead of furo's
    listener (Sphinx calls the lower priority first)."""
    from unittest import mock

    from interop import sphinxext
    app = mock.MagicMock()
    sphinxext.setup(app)
    [call] = [c for c in app.connect.call_args_list
              if c.args[0] == "html-page-context"]
    assert call.kwargs["priority"] < 500
    assert isinstance(call.args[1].__self__, navigation.Navigation)
