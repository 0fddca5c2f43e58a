"""The Board packet of a guideline as a PDF, from the same nodes the
documentation shows (interop.docs.board), through rst2pdf (reportlab): no TeX,
only registry packages."""
from __future__ import annotations

import os
import tempfile

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser

from interop.docs.board import packet_page
from interop.docs.render import program_name
from interop.errors import UsageError
from interop.repository import Repository


def document(repo: Repository, path: str) -> nodes.document:
    """A standalone docutils document of a guideline's packet."""
    parts, _ = packet_page(repo, path)
    g = repo.load(path).guideline
    settings = frontend.get_default_settings(Parser)
    doc = utils.new_document(path, settings)
    section = nodes.section(ids=["packet"])
    section += nodes.title(text=f"Board packet: {program_name(g)} {g.id}")
    for part in parts:
        section += part
    doc += section
    return doc


def write_pdf(repo: Repository, path: str, out: str) -> None:
    """Write the packet of one source as a PDF, atomically."""
    try:
        from rst2pdf.createpdf import RstToPdf
    except ImportError:
        raise UsageError("making PDFs needs rst2pdf: pip install "
                         "'interop[docs]'") from None
    doc = document(repo, path)
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".packet.", suffix=".pdf", dir=folder)
    os.close(fd)
    try:
        RstToPdf().createPdf(doctree=doc, output=tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
