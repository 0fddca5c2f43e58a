"""A site of 25 years of guidelines (issue 25, item 7): what the docs
build keeps in memory.  The figures (time, peak memory) are the bench's
(``tools/bench --only site``); these tests hold the means."""
import os

import pytest

from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from interop.repository import Repository  # noqa: E402
from interop.tests.docs.sample import build, make_sample  # noqa: E402

OLD = "guidelines/2026.06.yaml"


def superseded(tmp_path):
    root = make_sample(tmp_path)
    path = root / OLD
    path.write_text(path.read_text().replace("status: approved",
                                             "status: superseded"))
    # scored with the draft's sheet, renamed (the sample scores only it)
    sheets = root / "criteria" / "scoring" / "powered"
    (sheets / "2026.06.yaml").write_text(
        (sheets / "next.yaml").read_text().replace("guideline: next",
                                                   "guideline: '2026.06'"))
    return root


def rename_a_test(root):
    """Edit the draft: one test of a capability gets a new name."""
    draft = root / "guidelines" / "next.yaml"
    text = draft.read_text()
    assert "      a.FlavorsTest.test_list_flavors:" in text
    draft.write_text(text.replace("      a.FlavorsTest.test_list_flavors:",
                                  "      a.FlavorsTest.test_list_flavors_v2:",
                                  1))


def test_a_lean_repository_keeps_no_trees_of_superseded_guidelines(
        tmp_path):
    root = superseded(tmp_path)
    lean, full = Repository(str(root), lean=True), Repository(str(root))
    assert lean.load(OLD).tree is None
    assert full.load(OLD).tree is not None
    assert lean.load("guidelines/next.yaml").tree is not None  # a draft
    sheet = lean.sheet_for(lean.load(OLD).guideline)
    assert sheet is not None and sheet.scores
    assert sheet.tree is None
    assert all(s.tree is None for s in sheet.scores.values())
    kept = full.sheet_for(full.load(OLD).guideline)
    assert kept.tree is not None
    assert any(s.tree is not None for s in kept.scores.values())


def test_the_compact_page_is_the_same_from_a_lean_repository(tmp_path):
    from interop.docs.board import guideline_page
    root = superseded(tmp_path)
    pages = [guideline_page(Repository(str(root), lean=lean), OLD)
             for lean in (False, True)]
    (full, full_files), (lean, lean_files) = pages
    assert [n.pformat() for n in lean] == [n.pformat() for n in full]
    assert lean_files == full_files


def test_the_build_keeps_no_doctree_in_memory(tmp_path):
    """Sphinx 7.2 and later keep each doctree read until it is written,
    and the bytes of each pickle read back; the extension has them read
    back from disk, each once, and keeps neither."""
    root = make_sample(tmp_path)
    kept: list[int] = []
    pickled: list[int] = []

    def resolved(app, doctree, docname):
        kept.append(len(getattr(app.env, "_write_doc_doctree_cache", {})))
        pickled.append(len(getattr(app.env, "_pickled_doctree_cache", {})))
    build(root, events={"doctree-resolved": resolved})
    assert len(kept) > 5 and set(kept) == {0}
    assert len(pickled) == len(kept) and set(pickled) == {0}


def test_the_domain_reads_a_lean_repository(tmp_path):
    root = make_sample(tmp_path)
    seen = []

    def finished(app, exception):
        seen.append(app.env.get_domain("interop").repository().lean)
    build(root, events={"build-finished": finished})
    assert seen == [True]


def test_a_rebuild_makes_only_the_changed_guidelines_api_lists(
        tmp_path, monkeypatch):
    """The static API's lists of a guideline that did not change are
    kept from the last build; those of the edited draft are made again,
    and equal what interop.refstack.api makes of every guideline."""
    from interop.refstack import api
    from interop.sphinxext import apicache
    root = make_sample(tmp_path)
    made: list[int] = []
    real = apicache.write_lists

    def counted(*args):
        made.append(real(*args))
        return made[-1]
    monkeypatch.setattr(apicache, "write_lists", counted)
    html = build(root)
    everything = len(Repository(str(root)).guidelines(history=True))
    rename_a_test(root)
    build(root)
    assert made == [everything, 1] and everything > 2
    lists = api.test_lists(Repository(str(root)))
    for rel, text in lists.items():
        assert (html / "api" / rel).read_text() == text, rel
    assert any("test_list_flavors_v2" in t for t in lists.values())


def _html_of(node):
    from docutils import nodes
    from docutils.core import publish_from_doctree
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document
    doc = new_document("<marks>", get_default_settings(Parser))
    doc += node if isinstance(node, nodes.paragraph) else [node]
    return publish_from_doctree(doc, writer="html5").decode()


def test_light_marks_write_the_same_html_with_fewer_nodes():
    """A compact page's marks are one raw HTML node a row: the page reads
    the same, with two nodes fewer for each criterion."""
    from interop.docs.marks import marks
    keys = ["deployed", "tools", "clients", "future"]
    for achieved in (["tools", "future"], [], keys, ["tools", "other"]):
        full, light = marks(achieved, keys), marks(achieved, keys, True)
        assert _html_of(light) == _html_of(full), achieved
        # two nodes a mark in all, against one node and its text
        assert len(list(full.findall())) - len(list(light.findall())) \
            == 2 * len(keys) - 2
        # the marks in words stay nodes: every builder and the search
        assert "meets:" in light.astext()


def test_a_compact_page_uses_light_marks_and_a_current_one_does_not(
        tmp_path):
    from docutils import nodes

    from interop.docs.board import guideline_page
    root = superseded(tmp_path)
    repo = Repository(str(root))
    for path, light in ((OLD, True), ("guidelines/next.yaml", False)):
        parts, _ = guideline_page(repo, path)
        raws = [n for p in parts for n in p.findall(nodes.raw)]
        marks = [n for p in parts for n in p.findall(nodes.inline)
                 if "interop-mark" in n["classes"]]
        assert bool(raws) == light and bool(marks) != light, path


def test_the_packets_pdfs_come_first_and_only_when_their_page_changed(
        tmp_path, monkeypatch):
    """The PDFs are written before any page is read (so that what a
    packet took is reused by the pages, not added to them), each only
    when Sphinx will read its packet page again."""
    pytest.importorskip("rst2pdf", reason=DOCS_EXTRA)
    from interop.docs import packet
    from interop.sphinxext import outputs
    # in this process, as on a machine that cannot fork (the next test
    # has the rebuild's one PDF made beside the pages)
    monkeypatch.setattr(outputs, "can_fork", lambda: False)
    root = make_sample(tmp_path)
    written: list[tuple[str, int]] = []
    pages_read: list[str] = []
    real = packet.write_pdf

    def counted(repo, path, out, *args, **kwargs):
        written.append((path, len(pages_read)))
        return real(repo, path, out, *args, **kwargs)
    monkeypatch.setattr(packet, "write_pdf", counted)

    def read(app, docname, source):
        pages_read.append(docname)
    html = build(root, events={"source-read": read})
    first = sorted(written)
    assert [p for p, _ in first] == ["add-ons/dns/next.yaml",
                                     "guidelines/next.yaml"]
    assert {n for _, n in first} == {0}  # before the first page
    assert sorted(os.listdir(html / "packets")) == [
        "dns-next-packet.pdf", "powered-next-packet.pdf"]
    written.clear()
    build(root)  # nothing changed: no PDF made again
    assert written == []
    rename_a_test(root)
    pages_read.clear()
    build(root, events={"source-read": read})
    assert written == [("guidelines/next.yaml", 0)]  # the edited one only
    assert "generated/powered-next-packet" in pages_read
    (html / "packets" / "dns-next-packet.pdf").unlink()
    written.clear()
    pages_read.clear()
    build(root)  # a PDF gone from the output is made again, alone
    assert written == [("add-ons/dns/next.yaml", 0)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.parametrize("child_fails", [False, True])
def test_a_rebuilds_one_pdf_is_made_by_a_child_beside_the_pages(
        tmp_path, monkeypatch, child_fails):
    """After an edit of one draft, its packet's PDF is made by a child
    process while the pages are read; a child that fails leaves it to
    the build's end, in the build's own process."""
    pytest.importorskip("rst2pdf", reason=DOCS_EXTRA)
    import pypdf

    from interop.sphinxext import outputs, packets
    root = make_sample(tmp_path)
    html = build(root)
    log = tmp_path / "made.log"
    real = packets.write_now

    def noted(repo, pdfs, pages, site):
        with open(log, "a") as out:  # seen by this process and a child
            out.write(f"{os.getpid()} {sorted(pages or ['all'])}\n")
        if child_fails and os.getpid() != parent:
            raise RuntimeError("a child that breaks")
        return real(repo, pdfs, pages, site)
    parent = os.getpid()
    monkeypatch.setattr(packets, "write_now", noted)
    monkeypatch.setattr(outputs, "write_now", noted)
    monkeypatch.setattr(outputs, "can_fork", lambda: True)
    draft = root / "guidelines" / "next.yaml"
    text = draft.read_text()
    assert "description: List flavors." in text
    draft.write_text(text.replace("description: List flavors.",
                                  "description: Zanzibar flavors.", 1))
    build(root)
    made = [line.split(" ", 1) for line in log.read_text().splitlines()]
    assert made[0][1] == "['powered-next']"
    assert int(made[0][0]) != parent  # a child made it
    if child_fails:  # then this process, at the end
        assert made[1:] == [[str(parent), "['powered-next']"]]
    else:
        assert len(made) == 1
    text = "".join(p.extract_text() for p in pypdf.PdfReader(
        html / "packets" / "powered-next-packet.pdf").pages)
    assert "Zanzibar" in text


def test_a_rebuild_parses_each_changed_source_once(tmp_path, monkeypatch):
    """After one edit of the draft, a rebuild parses the draft and the
    guidelines the pages need with their places, each once (the PDFs
    written first and the pages share one read); a superseded guideline
    comes from the user's cache of models."""
    import weakref

    from interop import repository
    from interop.load.outlines import OutlineCache
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "cache"))
    root = superseded(tmp_path)
    build(root)
    draft = root / "guidelines" / "next.yaml"
    draft.write_text(draft.read_text().replace("description: ",
                                               "description: Edited ", 1))
    # as a new process: nothing read before
    monkeypatch.setattr(repository, "_OUTLINES", OutlineCache())
    monkeypatch.setattr(repository, "_READ", weakref.WeakValueDictionary())
    parsed: list[str] = []
    real = repository.load_source

    def counted(path, text=None):
        parsed.append(os.path.relpath(path, root))
        return real(path, text)
    monkeypatch.setattr(repository, "load_source", counted)
    build(root)
    every = Repository(str(root)).sources()
    assert OLD in every and "guidelines/next.yaml" in parsed
    assert OLD not in parsed
    assert sorted(parsed) == sorted(set(parsed))
    assert set(parsed) == set(every) - {OLD}


def _article(path):
    html = path.read_text()
    return html[html.index("<article"):html.index("</article>")]


def test_a_compact_pages_tables_are_written_once_as_the_page_would(
        tmp_path, monkeypatch):
    """A superseded guideline's tables are written to HTML when its page
    is read, by the builder's own translator: the page is byte for byte
    what the tables as nodes make, and its doctree holds no table."""
    from docutils import nodes

    from interop.sphinxext import prerender
    root = superseded(tmp_path)
    page = "generated/powered-2026.06"
    seen: dict[str, tuple[int, int]] = {}

    def resolved(app, doctree, docname):
        if docname == page:
            seen["tables"] = (len(list(doctree.findall(nodes.table))),
                              len(list(doctree.findall(nodes.raw))))
    html = build(root, events={"doctree-resolved": resolved})
    light = _article(html / f"{page}.html")
    tables, raws = seen["tables"]
    assert tables == 0 and raws >= 2
    assert light.count("<table") == raws  # each table, one raw node
    assert "compute-flavors-list" in light
    # the same page, its tables left as nodes
    monkeypatch.setattr(prerender, "_writer_settings", lambda b: None)
    (root / "doc" / "build").mkdir(exist_ok=True)
    import shutil
    shutil.rmtree(root / "doc" / "build")
    html = build(root, events={"doctree-resolved": resolved})
    assert seen["tables"][0] == raws
    assert _article(html / f"{page}.html") == light
    # the current guideline's page keeps its tables as nodes
    assert "<table" in _article(html / "generated/powered-next.html")


def test_a_compact_pages_words_are_searched(tmp_path):
    """Sphinx indexes the words of raw HTML: a capability named only in
    a compact page's tables is found by the search."""
    root = superseded(tmp_path)
    old = root / OLD
    old.write_text(old.read_text().replace("compute-flavors-list",
                                           "compute-zanzibar-list"))
    html = build(root)
    index = (html / "searchindex.js").read_text()
    assert "zanzibar" in index


def test_a_compact_page_built_as_text_keeps_its_tables(tmp_path):
    """Only the HTML builder gets a compact page's tables as HTML: the
    text builder writes them from the nodes."""
    import io

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace
    root = superseded(tmp_path)
    src = tmp_path / "text-source"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["interop.sphinxext"]\n'
        f'interop_root = {str(root)!r}\n')
    (src / "index.rst").write_text(
        f".. interop-guideline:: {OLD}\n   :titled:\n")
    out = tmp_path / "text"
    with docutils_namespace():
        app = Sphinx(str(src), str(src), str(out),
                     str(tmp_path / "doctrees"), "text", status=None,
                     warning=io.StringIO())
        app.build()
    page = (out / "index.txt").read_text()
    assert "compute-flavors-list" in page and "+---" in page
    assert "<table" not in page
