"""Folded parts (interop.docs.fold): the HTML holds every part under a
summary line; the PDF (rst2pdf skips raw HTML) holds the parts alone."""
from docutils import nodes

from interop.docs.fold import FOLD, fold, fold_groups


def _para(text, classes=()):
    return nodes.paragraph(text, text, classes=list(classes))


def test_a_fold_wraps_its_parts_and_escapes_its_summary():
    inside = [_para("one"), _para("two")]
    out = fold("<b>3 & more</b>", inside)
    assert out[1:-1] == inside
    start, end = out[0], out[-1]
    assert isinstance(start, nodes.raw) and start["format"] == "html"
    assert start.astext() == (f'<details class="{FOLD}"><summary>'
                              "&lt;b&gt;3 &amp; more&lt;/b&gt;</summary>")
    assert end.astext() == "</details>" and end["format"] == "html"
    assert " open>" in fold("x", inside, is_open=True)[0].astext()


def test_nothing_to_fold_is_nothing():
    assert fold("empty", []) == []


def test_each_group_folds_under_its_heading():
    head = _para("Since 2020.06")
    a, b = _para("New (2)", ["grp"]), _para("Tests (1)", ["grp"])
    items = [head, a, _para("x"), _para("y"), b, _para("z")]
    out = fold_groups(items, "grp")
    assert out[0] is head
    starts = [n.astext() for n in out if isinstance(n, nodes.raw)
              and n.astext().startswith("<details")]
    assert [s.split("<summary>")[1] for s in starts] == [
        "New (2)</summary>", "Tests (1)</summary>"]
    texts = [n.astext() for n in out if not isinstance(n, nodes.raw)]
    assert texts == ["Since 2020.06", "x", "y", "z"]


def test_a_heading_with_nothing_under_it_stays_a_heading():
    lone = _para("Removed (0)", ["grp"])
    assert fold_groups([lone], "grp") == [lone]


def test_the_packet_folds_only_in_html(tmp_path):
    """The packet's folds are raw nodes for the HTML writer alone (other
    writers, rst2pdf among them, skip them; the PDF test in test_packet
    finds none of their HTML in the PDF's text)."""
    from interop.docs.decision import packet_page
    from interop.repository import Repository
    from interop.tests.docs.sample import make_sample
    sample = make_sample(tmp_path)
    parts, _ = packet_page(Repository(str(sample)), "guidelines/next.yaml",
                           make_chart=lambda *a: nodes.paragraph())
    raws = [r for p in parts for r in p.findall(nodes.raw)]
    assert raws and all(r["format"] == "html" for r in raws)
