"""Nothing from data is live in the Board's PDF (issue 23, item 1)."""
import os

import pytest
from docutils import nodes

from interop.docs import pdfsafe
from interop.errors import UsageError
from interop.tests.docs.sample import make_sample

HOSTILE = [
    'https://example.org/a"b',
    'https://example.org/a"><img src="/etc/hostname"/>',
    "https://example.org/<b>x",
    "https://example.org/'x",
]


def _with_reference(root, reference):
    source = root / "guidelines" / "next.yaml"
    quoted = reference.replace("'", "''")
    source.write_text(source.read_text().replace(
        "metadata:\n", "metadata:\n  approvals:\n    - by: working-group\n"
        f"      date: '2026-05-20'\n      reference: '{quoted}'\n", 1))


@pytest.mark.parametrize("reference", HOSTILE)
def test_a_hostile_reference_makes_a_whole_pdf_with_no_live_link(
        tmp_path, reference):
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.docs.packet import write_pdf
    from interop.repository import Repository
    root = make_sample(tmp_path / "repo")
    _with_reference(root, reference)
    out = tmp_path / "out" / "packet.pdf"
    write_pdf(Repository(str(root)), "guidelines/next.yaml", str(out))
    reader = pypdf.PdfReader(str(out))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Approval chain" in text
    links = [a.get_object().get("/A", {}).get("/URI", "")
             for p in reader.pages for a in p.get("/Annots") or []]
    assert not [u for u in links if "example.org/a" in u or "<" in u
                or '"' in u]


def test_links_and_images_are_made_inert(tmp_path):
    para = nodes.paragraph()
    para += nodes.reference("a", "a", refuri='https://e.org/"><img src=x>')
    para += nodes.reference("b", "b", refuri="javascript:alert(1)")
    para += nodes.reference("c", "c", refuri="https://e.org/ok?a=1&b=2")
    para += nodes.image(uri="/etc/hostname")
    para += nodes.image(uri=str(tmp_path / "chart.png"))
    pdfsafe.inert(para, str(tmp_path))
    refs = [r["refuri"] for r in para.findall(nodes.reference)]
    assert refs == ["https://e.org/ok?a=1&b=2"]
    assert "a" in para.astext() and "javascript:alert(1)" not in refs
    assert [i["uri"] for i in para.findall(nodes.image)] == [
        str(tmp_path / "chart.png")]


class _Silent:
    """A converter that fails as rst2pdf does: logs, writes nothing."""

    def createPdf(self, doctree, output):  # noqa: N802 (rst2pdf's name)
        open(output, "wb").close()


def test_a_pdf_that_could_not_be_made_keeps_the_last_good_one(
        tmp_path, monkeypatch):
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.cli import main
    from interop.docs import packet
    root = make_sample(tmp_path / "repo")
    out = tmp_path / "out"
    out.mkdir()
    good = out / "powered-next-packet.pdf"
    good.write_bytes(b"%PDF-1.4 the last good one\n%%EOF\n")
    monkeypatch.setattr(packet, "_converter", lambda: _Silent())
    with pytest.raises(UsageError, match="could not be made"):
        packet.write_pdf(packet.Repository(str(root)),
                         "guidelines/next.yaml", str(good))
    assert main(["packet", "--repo", str(root), "--out", str(out),
                 str(root / "guidelines" / "next.yaml")]) == 2
    assert good.read_bytes().startswith(b"%PDF-1.4 the last good one")
    assert os.listdir(out) == ["powered-next-packet.pdf"]
