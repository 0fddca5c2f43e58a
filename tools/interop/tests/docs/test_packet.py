"""The Board packet as a decision page: its parts in order, its chart, its
links, its PDF, and every field it shows kept inert."""
import base64
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest


from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from interop.tests.docs.sample import build, make_sample

pytest.importorskip("matplotlib", reason="matplotlib (docs extra) not "
                    "installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_sample(tmp_path_factory.mktemp("sample"))
    return root, build(root)


def read(html, page):
    return (html / "generated" / f"{page}.html").read_text()


def article(page_html):
    """The page's content, without the theme's navigation and without
    the chart's data (whose base64 could hold any word)."""
    start = page_html.index("<article")
    found = page_html[start:page_html.index("</article>", start)]
    return re.sub(r'src="data:[^"]*"', 'src="data:"', found)


def text_of(fragment):
    fragment = re.sub(r'src="data:[^"]*"', "", fragment)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def test_packets_for_draft_and_review_linked_everywhere(site):
    _, html = site
    names = sorted(os.listdir(html / "generated"))
    assert "powered-next-packet.html" in names          # draft
    assert "dns-next-packet.html" in names              # review
    assert "powered-2026.06-packet.html" not in names   # approved
    assert sorted(os.listdir(html / "packets")) == [
        "dns-next-packet.pdf", "powered-next-packet.pdf"]
    index = read(html, "index")
    for page in ("powered-next", "dns-next"):
        assert f'href="{page}-packet.html"' in index
        assert f'href="../packets/{page}-packet.pdf"' in index
        guideline = article(read(html, page))
        assert f'href="{page}-packet.html"' in guideline
        assert f'href="../packets/{page}-packet.pdf"' in guideline
        packet = article(read(html, f"{page}-packet"))
        assert f'href="{page}.html"' in packet
        assert f'href="../packets/{page}-packet.pdf"' in packet
    approved = article(read(html, "powered-2026.06"))
    assert "packet" not in approved.lower()


def test_titles_use_the_programs_display_name(site):
    _, html = site
    titles = {page: re.search(r"<title>(.*?) &#8212;|<title>(.*?) -",
                              read(html, page)) for page in
              ("powered-2026.06", "powered-next", "dns-next-packet")}
    shown = {k: (v.group(1) or v.group(2)) for k, v in titles.items()}
    assert shown == {"powered-2026.06": "OpenStack Powered 2026.06",
                     "powered-next": "OpenStack Powered — draft next",
                     "dns-next-packet": "Board packet: DNS add-on — "
                                        "review next"}


def test_the_packet_is_a_decision_page_in_order(site):
    _, html = site
    page = article(read(html, "powered-next-packet"))
    order = ["interop-summary"] + [f"<h2>{h}" for h in (
        "Scores against the cutoff", "Every capability",
        "Candidates left out", "What changed, and why", "Flags",
        "Tests that need admin")]
    places = [page.index(mark) for mark in order]
    assert places == sorted(places)
    # no change link was given: no section says so (no empty sections)
    assert "The change under review" not in page
    assert page.index("<h2>What the vote costs vendors") < places[1]
    summary = text_of(page[:page.index("<h2>What the vote")]).replace(
        " :", ":")
    for fact in ("Program: OpenStack Powered", "Status: draft",
                 "Target approval: 2027.06", "Replaces: 2026.06",
                 "Capabilities: 2 required",
                 "Tests listed (flagged ones too): 2 required",
                 "1 promoted, 0 new advisory, 0 deprecated, 1 removed",
                 "Cutoff: 74 points"):
        assert fact in summary
    table = text_of(page[places[2]:places[3]])
    assert "compute-flavors-list required 82 / 74 promoted no " \
           "List flavors." in table
    # "Since last" says what changed, not just that something did
    assert "compute-servers-create required 100 / 74 description " \
           "changed no" in table
    left = text_of(page[places[3]:places[4]])
    assert "compute-servers-pause scores 52, below the cutoff 74 Left " \
           "out, below the cutoff; few clouds allow pausing." in left
    why = text_of(page[places[4]:places[5]])
    assert "Promoted (1)" in why
    assert "sheet: Promoted after one cycle as advisory." in why
    assert "Foundation: Nothing else needs the list of flavors." in why
    assert "Removed (1)" in why
    assert "status: draft (was approved)" in why
    assert "releases: 2025.1, 2025.2, 2026.1 (was 2025.2, 2026.1)" in why
    assert "Other changes (1)" in why and "compute-servers-create" in why
    assert "not a git checkout" in why
    # plain words: no Python reprs of the values (the payload's own
    # quotes aside)
    assert "'" not in why.replace("sheet's", "").replace("alert('x')", "")
    assert "None" not in why


def test_the_chart_is_an_svg_image_with_alt_text(site):
    _, html = site
    page = read(html, "powered-next-packet")
    found = re.search(r'<img alt="([^"]*)" class="interop-chart" '
                      r'src="data:image/svg\+xml;base64,([^"]*)"', page)
    assert found, "no chart"
    assert found.group(1) == (
        "Bar chart of the weighted totals of 3 scored capabilities "
        "against the cutoff of 74: 2 required (82 to 100 points); "
        "1 left out: below the cutoff (52 to 52 points).")
    svg = ET.fromstring(base64.b64decode(found.group(2)))
    tags = {el.tag.split("}")[-1] for el in svg.iter()}
    assert "script" not in tags and "foreignObject" not in tags
    assert not [el for el in svg.iter() for k in el.attrib
                if k.endswith("href") and not el.attrib[k].startswith("#")]


def test_the_change_under_review_is_linked_only_over_http(tmp_path):
    root = make_sample(tmp_path)
    conf = root / "doc" / "source" / "conf.py"
    conf.write_text(conf.read_text() + "interop_change_url = "
                    "'https://review.opendev.org/c/openstack/interop/+/1'\n")
    html = build(root)
    page = article(read(html, "powered-next-packet"))
    assert 'href="https://review.opendev.org/c/openstack/interop/+/1"' \
        in page
    conf.write_text(conf.read_text() + "interop_change_url = "
                    "'javascript:alert(1)'\n")
    html = build(root)
    page = article(read(html, "powered-next-packet"))
    assert "javascript:alert(1)" in page
    assert 'href="javascript' not in page


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e",
                    *args], cwd=root, check=True, capture_output=True)


def test_commit_subjects_say_why(tmp_path):
    root = make_sample(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "First import")
    sheet = root / "criteria" / "scoring" / "powered" / "next.yaml"
    sheet.write_text(sheet.read_text().replace(
        "note: Promoted after one cycle as advisory.",
        "note: Promoted after one cycle as advisory (see the PTG)."))
    git(root, "commit", "-qam", "Promote compute-flavors-list: the PTG "
        "agreed <b>today</b>")
    html = build(root)
    why = text_of(article(read(html, "powered-next-packet")))
    # a commit subject is history, listed after the reason and said so
    assert "history (commit): Promote compute-flavors-list: the PTG " \
           "agreed &lt;b&gt;today&lt;/b&gt;" in why
    assert "not a git checkout" not in why


def test_score_text_columns_have_the_legend():
    from interop.repository import Repository
    from interop.scoring.tabulate import report, to_text
    from interop.tests.conftest import ROOT
    repo = Repository(ROOT)
    g = repo.load("guidelines/next.yaml").guideline
    out = to_text(report(repo.sheet_for(g), g))
    assert "columns: depl Widely Deployed, tool Used by Tools, clie Used " \
           "by Clients, futu Future Direction, comp Complete, stab Stable, " \
           "disc Discoverable, doc Documented, stic Core in Last Release, " \
           "foun Foundation, atom Atomic, prox Proximity" in out


def test_achievements_are_marks_in_the_legends_order(site):
    _, html = site
    page = article(read(html, "powered-next"))
    assert "Achievements, one mark per criterion in this order" in page
    legend = text_of(page[page.index("interop-legend"):])
    assert legend.index("depl") < legend.index("tool") < \
        legend.index("prox")
    row = page[page.index("compute-servers-create</span>"):]
    row = row[:row.index("</tr>")]
    marks = re.findall(r"interop-(met|no)\b", row)
    # in interop score's order: deployed, tools, clients, future,
    # complete, stable, discover, doc, sticky, foundation, atomic,
    # proximity; the written achievements leave out tools, foundation and
    # proximity
    assert marks == ["met", "no"] + ["met"] * 7 + ["no", "met", "no"]


def test_generated_pages_hold_no_text_from_data(site):
    from interop.docs.generated import HEADER, STAMP
    root, _ = site
    folder = root / "doc" / "source" / "generated"
    for name in os.listdir(folder):
        text = (folder / name).read_text()
        assert "Powered" not in text and "next\n=" not in text
        if name == STAMP:  # the extension's mark: the pages it wrote
            pages = sorted(n for n in os.listdir(folder) if n != STAMP)
            assert text.splitlines() == [HEADER] + pages
        elif name != "index.rst":
            assert re.fullmatch(
                r"\.\. Generated from a guideline source: edit the source, "
                r"not this page\.\n\n\.\. interop-(guideline|packet):: "
                r"[\w/.-]+\n   :titled:\n", text), text


def test_pdf_packet_has_the_figure(site):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    _, html = site
    reader = pypdf.PdfReader(str(html / "packets" /
                                 "powered-next-packet.pdf"))
    assert 1 <= len(reader.pages) <= 3
    assert sum(len(page.images) for page in reader.pages) == 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Board packet: OpenStack Powered — draft next" in text
    assert "compute-servers-pause" in text


#: the Powered packet's page budget: the decision summary, three charts
#: at print size (48 bars each), the table with descriptions whole, what
#: changed, and the appendix of test ids, one a line (issue 25 traded the
#: old eight pages for type a Board member can read)
PAGES = 24


def test_the_powered_packet_fits_its_page_budget(root, tmp_path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.docs.packet import write_pdf
    from interop.repository import Repository
    out = tmp_path / "powered-next-packet.pdf"
    write_pdf(Repository(root), "guidelines/next.yaml", str(out))
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) <= PAGES
    # the page's folds (raw HTML) are no text of the PDF, which has every
    # folded part: the appendix's ids among them
    text = "".join(page.extract_text() for page in reader.pages)
    assert "<details" not in text and "summary>" not in text
    assert "Appendix: test ids" in text
    # one chart per 48 scored capabilities
    assert sum(len(page.images) for page in reader.pages) == 3
    assert os.listdir(tmp_path) == [out.name]  # nothing left over


def payload(n):
    return (f"P{n}<script>alert({n})</script> `T{n} <javascript:alert({n})>`_"
            f" :ref:`r{n}` <b>b{n}</b>\n\n.. raw:: html\n\n   <i>raw{n}</i>")


#: every field the packet and the guideline's page show, with the number
#: of its payload
FIELDS = {2: "target_approval", 3: "description",
          4: "test name", 5: "flag reason", 6: "flag action",
          7: "flag date", 8: "sheet note", 9: "sheet comment",
          10: "candidate's name", 11: "criterion name",
          12: "add-on name", 13: "commit subject",
          15: "approval chain (metadata.approvals)"}


def hostile(tmp_path, hostile_id=False):
    """The sample with a payload in every field; the id's payload only
    with ``hostile_id`` (a guideline with such an id has no place in its
    program's series, so its packet shows no changes to be hostile in)."""
    root = make_sample(tmp_path)
    q = json.dumps
    source = root / "guidelines" / "next.yaml"
    text = source.read_text()
    if hostile_id:
        text = text.replace("  id: next\n", f"  id: {q(payload(1))}\n")
    text = text.replace('target_approval: "2027.06"',
                        f"target_approval: {q(payload(2))}")
    text = text.replace("  os_trademark_approval:\n",
                        f"  approvals: [{{by: {q(payload(15))}}}]\n"
                        "  os_trademark_approval:\n")
    text = re.sub(r"description: \"Create a server[^\n]*",
                  f"description: {q(payload(3))}", text)
    text = text.replace(
        "      a.FlavorsTest.test_list_flavors: "
        "id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59",
        f"      {q(payload(4))}:\n"
        "        idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\n"
        f"        flagged: {{reason: {q(payload(5))}, action: "
        f"{q(payload(6))}, date: {q(payload(7))}}}")
    source.write_text(text)
    sheet = root / "criteria" / "scoring" / "powered" / "next.yaml"
    text = sheet.read_text()
    text = text.replace("note: Promoted after one cycle as advisory.",
                        f"note: {q(payload(8))}")
    text = text.replace(
        "comments: {foundation: Nothing else needs the list of flavors.}",
        f"comments: {{foundation: {q(payload(9))}}}")
    text = text.replace("  compute-servers-pause:",
                        f"  {q(payload(10))}:")
    sheet.write_text(text)
    core = root / "criteria" / "core.yaml"
    core.write_text(core.read_text().replace("name: Foundation",
                                             f"name: {q(payload(11))}"))
    addon = root / "add-ons" / "dns" / "next.yaml"
    text = addon.read_text().replace("\n  DNS:\n",
                                     f"\n  {q(payload(12))}:\n")
    if hostile_id:  # and the add-on's program name, which titles show
        # when its add-ons section does not name it once
        text = text.replace("  name: dns\n", f"  name: {q(payload(16))}\n")
        text = text.replace("add-ons:\n", "add-ons:\n  Other:\n    "
                            "description: x\n    components: []\n", 1)
    addon.write_text(text)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    sheet.write_text(sheet.read_text().replace(
        f"note: {q(payload(8))}", f"note: {q(payload(8) + ' again')}"))
    git(root, "commit", "-qam", payload(13).replace("\n", " ") +
        " compute-flavors-list compute-servers-create")
    return root


def test_a_hostile_id_is_a_title_of_text(tmp_path):
    """The reproducer of issue 14: an id holding a raw directive used to
    become the generated page's title as reStructuredText."""
    root = hostile(tmp_path, hostile_id=True)
    build(root)
    html = root / "doc" / "build" / "html" / "generated"
    pages = {p.name: p.read_text() for p in html.iterdir()}
    everything = "".join(pages.values())
    for bad in ("<script>alert", 'href="javascript', "<b>b", "<i>raw"):
        assert bad not in everything, bad
    assert "source-guidelines-next.yaml-packet.html" in pages
    assert "source-dns-next.yaml-packet.html" in pages  # not one page
    packet = [pages["source-guidelines-next.yaml-packet.html"]]
    title = re.search(r"<h1>(.*?)<a class=\"headerlink", packet[0],
                      re.S).group(1)
    # (an id that is no version names a program of its own)
    assert title.startswith("Board packet: ")
    assert "P1&lt;script&gt;alert(1)&lt;/script&gt;" in title
    assert "&lt;javascript:alert(1)&gt;`_" in title
    assert ".. raw:: html" not in title  # the id's newlines end its name
    titles = re.findall(r"<title>(.*?)</title>", everything, re.S)
    assert [t for t in titles if t.startswith(
        "Board packet: P16&lt;script&gt;alert(16)&lt;/script&gt;")]


def test_every_field_stays_text(tmp_path):
    root = hostile(tmp_path)
    conf = root / "doc" / "source" / "conf.py"
    conf.write_text(conf.read_text() + "interop_change_url = "
                    "'javascript:alert(14)'\n")
    status, warnings = build(root, warnings=True)
    html = root / "doc" / "build" / "html"
    pages = {name: (html / "generated" / name).read_text()
             for name in os.listdir(html / "generated")}
    everything = "".join(pages.values())
    for bad in ("<script>alert", 'href="javascript', "<b>b", "<i>raw"):
        assert bad not in everything, bad
    shown = "".join(v for k, v in pages.items() if "packet" in k or
                    k.startswith("dns"))
    for n, field in FIELDS.items():
        assert f"&lt;script&gt;alert({n})&lt;/script&gt;" in shown, field
    assert "javascript:alert(14)" in everything
    # the chart's labels (a candidate's name, the title) are character
    # data of text elements in the SVG, never elements or attributes
    labels = []
    for uri in re.findall(r'src="data:image/svg\+xml;base64,([^"]*)"',
                          everything):
        svg = ET.fromstring(base64.b64decode(uri))
        tags = {el.tag.split("}")[-1] for el in svg.iter()}
        assert "script" not in tags and "foreignObject" not in tags
        assert not [v for el in svg.iter() for v in el.attrib.values()
                    if "javascript" in v or "alert" in v]
        labels += ["".join(el.itertext()) for el in svg.iter()
                   if el.tag.endswith("}text")]
    assert payload(10).split("\n")[0] in " ".join(labels)
    assert "alert" not in warnings


def test_packet_command_makes_every_draft_and_review_packet(tmp_path):
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.cli import main
    root = make_sample(tmp_path / "repo")
    out = tmp_path / "out"
    assert main(["packet", "--repo", str(root), "--out", str(out)]) == 0
    assert sorted(os.listdir(out)) == ["dns-next-packet.pdf",
                                       "powered-next-packet.pdf"]


def test_a_source_path_that_could_be_markup_gets_no_page(tmp_path):
    root = make_sample(tmp_path)
    (root / "guidelines" / "next.yaml").rename(
        root / "guidelines" / "`x <javascript:y>`_.yaml")
    status, warnings = build(root, warnings=True)
    assert status == 1
    assert "`x <javascript:y>`_.yaml: no page made" in warnings
    generated = root / "doc" / "source" / "generated"
    assert all("javascript" not in p.read_text()
               for p in generated.iterdir())


def test_long_unbroken_values_still_make_a_pdf(tmp_path):
    """Issue 14's reproducer: a long unbroken value stopped reportlab's
    layout (LayoutError) and left a ``.packet.*.pdf`` behind."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.docs.packet import write_pdf
    from interop.repository import Repository
    root = make_sample(tmp_path / "repo")
    source = root / "guidelines" / "next.yaml"
    source.write_text(source.read_text().replace(
        "      a.FlavorsTest.test_list_flavors: "
        "id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59",
        "      " + "a" * 1000 + ":\n"
        "        idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\n"
        "        flagged: {reason: " + "r" * 9000 + ", action: x, "
        "date: y}").replace("admin: false\n    description: List",
                            "admin: true\n    description: List"))
    sheet = root / "criteria" / "scoring" / "powered" / "next.yaml"
    sheet.write_text(sheet.read_text().replace(
        "note: Left out, below the cutoff; few clouds allow pausing.",
        "note: " + "z" * 20000))
    out = tmp_path / "out" / "packet.pdf"
    write_pdf(Repository(str(root)), "guidelines/next.yaml", str(out))
    text = "".join(p.extract_text() for p in
                   pypdf.PdfReader(str(out)).pages)
    assert "shortened here: the web page has it whole" in text
    assert os.listdir(out.parent) == ["packet.pdf"]


def test_the_powered_packet_against_2020_06_fits_its_budget(corpus,
                                                            tmp_path):
    """With the last published guideline (2020.06) imported as the
    approved one before the draft, the packet tells hundreds of changes
    and still prints within its page budget."""
    import shutil

    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.docs.packet import write_pdf
    from interop.repository import Repository
    from interop.tests.conftest import ROOT
    published = os.path.join(os.path.dirname(corpus),
                             "openstack-interop-2020.06", "2020.06.json")
    if not os.path.exists(published):
        pytest.skip("2020.06.json is not in the corpus")
    # the repository holds 2020.06 as its baseline (issue 17), so a copy
    # of it is the draft measured against 2020.06, outside git
    for folder in ("guidelines", "criteria"):
        shutil.copytree(os.path.join(ROOT, folder), tmp_path / folder)
    assert os.path.exists(tmp_path / "guidelines" / "baseline" /
                          "2020.06.yaml")
    out = tmp_path / "packet.pdf"
    write_pdf(Repository(str(tmp_path)), "guidelines/next.yaml", str(out))
    reader = pypdf.PdfReader(str(out))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Since 2020.06, the last approved guideline" in text
    assert len(reader.pages) <= PAGES


def test_the_pdf_links_back_to_the_site_when_it_is_known(tmp_path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    root = make_sample(tmp_path)
    conf = root / "doc" / "source" / "conf.py"
    conf.write_text(conf.read_text() + "html_baseurl = "
                    "'https://docs.example.org/interop/'\n")
    html = build(root)
    reader = pypdf.PdfReader(str(html / "packets" /
                                 "powered-next-packet.pdf"))
    uris = {a.get_object()["/A"].get("/URI") for page in reader.pages
            for a in page.get("/Annots") or []}
    site = "https://docs.example.org/interop/generated/"
    assert {site + "powered-next.html",
            site + "powered-next-packet.html"} <= uris


def test_a_killed_packet_leaves_nothing_the_next_run_keeps(tmp_path):
    """A run killed while writing leaves its temporary PDF (named for its
    process); the next run removes it, and its own leaves nothing."""
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.cli import main
    from interop.tests.test_files import dead_pid
    root = make_sample(tmp_path / "repo")
    out = tmp_path / "out"
    out.mkdir()
    left = out / f".powered-next-packet.pdf.interop-{dead_pid()}-abcd.tmp"
    left.write_bytes(b"%PDF-1.4 half")
    mine = out / "notes.tmp"            # not ours: kept
    mine.write_text("mine")
    assert main(["packet", "--repo", str(root), "--out", str(out)]) == 0
    assert not left.exists() and mine.exists()
    assert sorted(os.listdir(out)) == ["dns-next-packet.pdf", "notes.tmp",
                                       "powered-next-packet.pdf"]


def test_packet_out_does_not_leave_the_repository_through_a_link(
        tmp_path, capsys):
    from interop.cli import main
    root = make_sample(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "doc" / "build").parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, root / "doc" / "build")
    assert main(["packet", "--repo", str(root), "--out",
                 str(root / "doc" / "build" / "packets")]) == 2
    assert "E160" in capsys.readouterr().err
    assert os.listdir(outside) == []


def missing_glyphs(path):
    """What the PDF draws without a glyph: reportlab draws a character
    its font lacks as code 0 (.notdef, a box), which a text extraction
    reads as NUL; a character a font's ToUnicode map names that the font
    file it was made from (DejaVu, from matplotlib) has no glyph for;
    and every zero-width space, which readers show as a box."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    ttlib = pytest.importorskip("fontTools.ttLib", reason="fontTools "
                                "(a matplotlib dependency) not installed")
    import matplotlib
    folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    found, cmaps, fonts = set(), {}, 0
    for number, page in enumerate(pypdf.PdfReader(str(path)).pages, 1):
        text = page.extract_text()
        found |= {(f"page {number}", c) for c in text
                  if c in "\x00\u200b\ufffd"}
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            base = str(font["/BaseFont"]).split("+")[-1]
            if base not in cmaps:
                cmaps[base] = ttlib.TTFont(os.path.join(
                    folder, base + ".ttf")).getBestCmap()
            fonts += 1
            table = font["/ToUnicode"].get_object().get_data().decode()
            for code in re.findall(r"<[0-9A-Fa-f]+> <([0-9A-Fa-f]{4,})>",
                                   table):
                char = int(code, 16)
                if char >= 0x20 and char != 0x7F and (
                        char not in cmaps[base] or char == 0x200B):
                    found.add((base, chr(char)))
    assert fonts, "no embedded font: the PDF uses the base fonts"
    return found


def test_the_pdf_has_a_glyph_for_every_character(root, tmp_path):
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.docs.packet import write_pdf
    from interop.repository import Repository
    for path in ("guidelines/next.yaml", "add-ons/dns/next.yaml"):
        out = tmp_path / "packet.pdf"
        write_pdf(Repository(root), path, str(out))
        assert missing_glyphs(out) == set(), path


def test_a_missing_glyph_is_found(tmp_path):
    """The check above can fail: a character DejaVu Sans Mono lacks
    (U+200B, which the packet used to put into test ids) is reported."""
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.docs.packet import _converter
    from docutils.core import publish_doctree
    doc = publish_doctree("``te\u200bst`` and\n")
    out = tmp_path / "box.pdf"
    _converter().createPdf(doctree=doc, output=str(out))
    assert ("page 1", "\x00") in missing_glyphs(out)


def test_descriptions_are_whole_and_test_ids_one_a_line(root):
    from docutils import nodes as dn

    from interop.docs.decision import packet_page
    from interop.repository import Repository
    repo = Repository(root)
    parts, _ = packet_page(repo, "guidelines/next.yaml",
                           make_chart=lambda *a: dn.paragraph())
    text = "".join(p.astext() for p in parts)
    assert "\u2026" not in text  # nothing cut short
    appendix = next(p for p in parts if isinstance(p, dn.section)
                    and p[0].astext().startswith("Appendix"))
    lines = [line.astext() for line in appendix.findall(dn.line)]
    assert lines and all(" " not in line and line.startswith("tempest.")
                         for line in lines)
