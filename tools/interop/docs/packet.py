"""The Board packet of a guideline as a PDF, from the same nodes the
documentation shows (interop.docs.decision), through rst2pdf (reportlab): no
TeX, only registry packages.  The chart is the same matplotlib figure as
the page's, drawn as PNG (reportlab reads no SVG)."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser

from interop.docs import chart, pdfsafe
from interop.docs.board import AWAITING, Links, page_name
from interop.docs.decision import packet_page
from interop.docs.render import title
from interop.errors import LoadError, UsageError
from interop.repository import Repository
from interop.text import is_safe_url

#: the chart's width on the page; its height follows the figure's
CHART_WIDTH_CM = 16.5
#: the tallest the chart may be, to fit one page of the PDF's frame
CHART_HEIGHT_CM = 23.0


#: more parts for a packet, from a front-end that knows more than this
#: stage may import (the products that would re-certify): path -> nodes
Extra = Callable[[str], list[nodes.Node]]


def document(repo: Repository, path: str, folder: str | None = None,
             links: Links | None = None,
             extra: Extra | None = None) -> nodes.document:
    """A standalone docutils document of a guideline's packet; the chart's
    PNG goes into ``folder`` (a new temporary folder when not given), and
    ``extra(path)`` adds the parts the page adds after the packet's own."""
    folder = folder or tempfile.mkdtemp(prefix="interop-packet-")

    made: list[str] = []

    def png_chart(bars: list[chart.Bar], cutoff: Any, heading: str,
                  alt: str, cache: str | None = None) -> nodes.Node:
        file = os.path.join(folder, f"chart-{len(made) + 1}.png")
        made.append(file)
        with open(file, "wb") as handle:
            handle.write(chart.render(bars, cutoff, heading, "png", cache))
        width, height = chart.size(bars)
        scale = min(CHART_WIDTH_CM / (width * 2.54),
                    CHART_HEIGHT_CM / (height * 2.54))
        return nodes.image(uri=file, alt=alt,
                           width=f"{width * 2.54 * scale:.2f}cm",
                           height=f"{height * 2.54 * scale:.2f}cm")

    parts, _ = packet_page(repo, path, links, png_chart)
    parts += extra(path) if extra is not None else []
    for part in parts:
        fit(part)
    g = repo.load(path).guideline
    settings = frontend.get_default_settings(Parser)
    doc = utils.new_document(path, settings)
    section = nodes.section(ids=["packet"])
    section += nodes.title(text=title(g, packet=True))
    for part in parts:
        section += part
    doc += section
    return doc


#: a table cell's text longer than this is shortened in the PDF: a table
#: row cannot break across pages, so one taller than a page stops the
#: layout (the web page has the text whole)
CELL_LIMIT = 600
#: a test id longer than this in a table cell is shown by its class and
#: method (the appendix has it whole)
WORD_LIMIT = 40


def fit(tree: nodes.Node) -> None:
    """Make data's text fit the PDF's pages: a test id in a table cell is
    shown by its class and method (the appendix has it whole, one a
    line), long table cells are shortened, saying so, and each table's
    columns are as wide as their content asks.  No zero-width space is
    added: reportlab does not break at one, and readers show it as a
    box; a word wider than its column is split by reportlab itself."""
    for node in list(tree.findall(nodes.Text)):
        value = str(node)
        if node.parent is None:
            continue
        above = _ancestors(node)
        in_cell = any(isinstance(a, nodes.entry) for a in above)
        literal = any(isinstance(a, nodes.literal) for a in above)
        if in_cell and literal and len(value) > WORD_LIMIT and \
                value.count(".") >= 2 and " " not in value:
            value = "\u2026" + ".".join(value.split(".")[-2:])
        if in_cell and len(value) > CELL_LIMIT:
            value = value[:CELL_LIMIT] + " \u2026 (shortened here: the web " \
                "page has it whole)"
        if value != str(node):
            node.parent.replace(node, nodes.Text(value))
    for table in list(tree.findall(nodes.table)):
        content_widths(table)


#: the width of the page's frame in points (A4 less the margins) and
#: what a cell's padding and rules take from a column
FRAME_PT = (21.0 - 3.6) / 2.54 * 72
CELL_PAD_PT = 16.0


def _measure() -> Callable[[str, bool], float]:
    """Text width in points in the packet's fonts (DejaVu Sans 8 pt,
    DejaVu Sans Mono 7 pt for literals), as reportlab measures it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    folder = _dejavu()
    for name in ("DejaVuSans", "DejaVuSansMono"):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, os.path.join(
                folder, f"{name}.ttf")))

    def width(text: str, mono: bool) -> float:
        found: float = pdfmetrics.stringWidth(
            text, "DejaVuSansMono" if mono else "DejaVuSans",
            7 if mono else 8)
        return found
    return width


def content_widths(table: nodes.table) -> None:
    """Column widths from the content: each column gets at least its
    widest word (so no word is split inside a cell), and the rest of
    the line goes to the columns whose text is longest."""
    group = next(iter(table.findall(nodes.tgroup)), None)
    if group is None:
        return
    width = _measure()
    specs = [c for c in group.children if isinstance(c, nodes.colspec)]
    widest = [0.0] * len(specs)
    length = [0.0] * len(specs)
    for row in table.findall(nodes.row):
        cells = [e for e in row.children if isinstance(e, nodes.entry)]
        # a heading is set in bold: about a tenth wider
        bold = 1.12 if isinstance(row.parent, nodes.thead) else 1.0
        for n, entry in enumerate(cells[:len(specs)]):
            total = 0.0
            for node in entry.findall(nodes.Text):
                mono = any(isinstance(a, nodes.literal)
                           for a in _ancestors(node))
                words = str(node).split()
                widest[n] = max([widest[n]] + [width(w, mono) * bold
                                               for w in words])
                total += width(str(node), mono) * bold
            length[n] = max(length[n], total)
    # a word wider than a third of the line (a hostile value) is broken
    # anyway: it must not squeeze every other column
    base = [min(w, FRAME_PT / 3) + CELL_PAD_PT for w in widest]
    extra = [max(t + CELL_PAD_PT - b, 0)
             for t, b in zip(length, base, strict=True)]
    room = max(FRAME_PT - sum(base), 0)
    need = sum(extra) or 1
    for spec, b, e in zip(specs, base, extra, strict=True):
        spec["colwidth"] = max(1, round(b + room * min(e, need) / need))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


def _dejavu() -> str:
    """The folder of the DejaVu fonts matplotlib ships (its
    ``get_data_path()``, beside its package), found without importing
    matplotlib and numpy: a rebuild whose charts are in the cache draws
    nothing, and their import was a fifth of its PDF."""
    import importlib.util
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        folder = os.path.join(os.path.dirname(spec.origin), "mpl-data",
                              "fonts", "ttf")
        if os.path.isdir(folder):
            return folder
    import matplotlib  # elsewhere, or not installed: as matplotlib says
    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf")


def _fonts() -> str:
    """Embed DejaVu (shipped with matplotlib), whose glyphs cover what
    guideline text holds (arrows, marks, most scripts) where the PDF base
    fonts show a box, and whose zero-width space breaks long names."""
    folder = _dejavu()

    def family(name: str, italic: str) -> str:
        files = [f"{name}.ttf", f"{name}-Bold.ttf", f"{name}-{italic}.ttf",
                 f"{name}-Bold{italic}.ttf"]
        return "  - [" + ", ".join(
            '"' + os.path.join(folder, f).replace("\\", "/") + '"'
            for f in files) + "]\n"
    aliases = {"Sans": "DejaVuSans", "Serif": "DejaVuSans",
               "Mono": "DejaVuSansMono"}
    lines = ["embeddedFonts:\n", family("DejaVuSans", "Oblique"),
             family("DejaVuSansMono", "Oblique"), "fontsAlias:\n"]
    for kind, font in aliases.items():
        lines += [f"  font{kind}: {font}\n",
                  f"  font{kind}Bold: {font}-Bold\n",
                  f"  font{kind}Italic: {font}-Oblique\n",
                  f"  font{kind}BoldItalic: {font}-BoldOblique\n"]
    return "".join(lines)


#: rst2pdf's style: smaller type than its default, so that the Powered
#: packet's table of a hundred capabilities fits a few pages
STYLE = """\
pageSetup:
  size: A4
  margin-top: 1.5cm
  margin-bottom: 1.5cm
  margin-left: 1.8cm
  margin-right: 1.8cm
styles:
  base:
    fontSize: 8
    leading: 9.6
  normal:
    parent: base
  bodytext:
    parent: normal
    spaceBefore: 1
    spaceAfter: 1
  table:
    commands:
      - [VALIGN, [0, 0], [-1, -1], TOP]
      - [INNERGRID, [0, 0], [-1, -1], 0.25, "#aaaaaa"]
      - [BOX, [0, 0], [-1, -1], 0.25, "#555555"]
      - [TOPPADDING, [0, 0], [-1, -1], 1]
      - [BOTTOMPADDING, [0, 0], [-1, -1], 1]
  table-heading:
    parent: heading
    backColor: "#e6eef5"
  literal:
    fontSize: 7
  interop-test-ids:
    parent: normal
    spaceBefore: 0
    spaceAfter: 0
"""


_CONVERTER: list[Any] = []


def _converter() -> Any:
    """rst2pdf's converter, made once per process: reading its styles and
    embedding the fonts costs more than laying out a packet."""
    if not _CONVERTER:
        from reportlab import rl_config
        from rst2pdf.createpdf import RstToPdf
        # images stored as compressed binary, not also ASCII85-encoded:
        # reportlab's encoder is pure Python (a quarter of a second per
        # site build for the charts) and makes the PDF a quarter larger
        rl_config.useA85 = 0
        with tempfile.TemporaryDirectory(prefix="interop-style-") as work:
            style = os.path.join(work, "packet.yaml")
            with open(style, "w", encoding="utf-8") as handle:
                handle.write(_fonts() + STYLE)
            _CONVERTER.append(RstToPdf(stylesheets=[style], basedir=work))
    return _CONVERTER[0]


def forget_converter() -> None:
    """Let go of rst2pdf's converter and of the fonts it registered with
    reportlab (some 20 MiB of parsed TrueType, kept by reportlab's
    registry until reset): a docs build writes its PDFs first and then
    needs the memory.  A converter made later registers them again."""
    if _CONVERTER:
        from reportlab import rl_config
        _CONVERTER.clear()
        rl_config._reset()  # reportlab's own reset of its registries


def write_pdf(repo: Repository, path: str, out: str,
              links: Links | None = None, extra: Extra | None = None
              ) -> None:
    """Write the packet of one source as a PDF, atomically."""
    try:
        import rst2pdf.createpdf  # noqa: F401
    except ImportError:
        raise UsageError("making PDFs needs rst2pdf: pip install "
                         "'interop[docs]'") from None
    from interop.files import clean_stale, temporary_beside, trial_folder
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    clean_stale([folder])  # what a killed run left beside its PDF
    # the work folder and the temporary PDF are named for this process, so
    # that a run killed half-way leaves nothing the next one keeps
    with trial_folder() as work:
        doc = document(repo, path, work, links, extra)
        pdfsafe.inert(doc, work)
        fd, tmp = temporary_beside(out)
        os.close(fd)
        try:
            try:
                _converter().createPdf(doctree=doc, output=tmp)
            except Exception as exc:  # reportlab's LayoutError, and kin
                if type(exc).__name__ != "LayoutError":
                    raise
                raise UsageError(f"{path}: the PDF packet cannot be laid "
                                 f"out: {exc}") from None
            pdfsafe.check_written(tmp, path)
            os.chmod(tmp, 0o644)
            os.replace(tmp, out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def write_pdfs(repo: Repository, folder: str,
               fresh: Callable[[str], bool],
               site: str | None = None,
               extra: Extra | None = None,
               sources: list[str] | None = None) -> list[str]:
    """The PDF packet of every guideline awaiting a decision into
    ``folder`` (``PAGE-packet.pdf``), where ``fresh(page)`` says its page
    was rebuilt or the file is missing; returns what could not be made,
    located.  With ``site`` (the pages' folder on the web, an http(s)
    URL), each PDF links its guideline's page and the packet's page.
    With ``sources``, only those are looked at (the others are not
    loaded)."""
    problems = []
    for path in repo.sources() if sources is None else sources:
        try:
            g = repo.load(path).guideline
        except LoadError:
            continue  # the pages' build reports it
        page = page_name(g)
        out = os.path.join(folder, f"{page}-packet.pdf")
        if g.status not in AWAITING or (not fresh(page) and
                                        os.path.exists(out)):
            continue
        links = None
        if site and is_safe_url(site):
            base = site.rstrip("/") + "/"
            links = Links(page=f"{base}{page}.html",
                          packet=f"{base}{page}-packet.html")
        try:
            write_pdf(repo, path, out, links, extra)
        except LoadError as exc:
            problems.append(f"{path}: no PDF packet: "
                            f"{exc.finding.format()}")
        except UsageError as exc:
            problems.append(f"{path}: no PDF packet: {exc}")
    return problems
