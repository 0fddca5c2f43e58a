"""What an HTML build writes besides the pages: the packets' PDFs, the
product listing and the static guideline API, and the pages' styles."""
from __future__ import annotations

import os
from typing import Any

from sphinx.util import logging

from interop.errors import LoadError, UsageError
from interop.sphinxext.domain import PDF_DIR, domain
from interop.sphinxext.packets import (
    can_fork,
    changed_packets,
    finish_child,
    give_back,
    start_child,
    wanted_pages,
    write_now,
)

logger = logging.getLogger(__name__)

#: the Board pages' styles, in the docs stage beside what they style
STATIC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))), "docs", "static")


def _wants_pdfs(app: Any) -> bool:
    return bool(app.config.interop_packet_pdf) and \
        getattr(app.builder, "format", None) == "html"


def _site(app: Any) -> str | None:
    """Where the pages are published (``html_baseurl``), if set."""
    site = app.config.html_baseurl
    return f"{site.rstrip('/')}/{app.config.interop_generated}/" \
        if site else None


def _write(app: Any, pages: dict[str, str] | None) -> None:
    # each PDF takes a second or more: say so, as Sphinx does of pages
    logger.info("writing the packets' PDFs: "
                + (", ".join(sorted(pages)) if pages is not None else "all"))
    state = domain(app.env)
    written, problems = write_now(
        state.repository(), os.path.join(app.outdir, PDF_DIR), pages,
        _site(app))
    give_back()
    _took(app, written, problems)


def _took(app: Any, written: list[str], problems: list[str]) -> None:
    domain(app.env).pdfs_written |= set(written)
    for text in problems:
        logger.warning(text, type="interop")


def write_packet_pdfs_first(app: Any) -> None:
    """``builder-inited``, before the pages are generated: the PDF of
    every packet Sphinx will read again (or whose PDF is missing) into
    ``packets/`` of the output, where the pages link; written while the
    build is small (:mod:`.packets`)."""
    if not _wants_pdfs(app):
        return
    state = domain(app.env)
    state.pdfs_written = set()
    pages = changed_packets(app.env, app.config.interop_generated,
                            os.path.join(app.outdir, PDF_DIR))
    if pages is not None and len(pages) == 1 and can_fork():
        logger.info(f"writing the packet's PDF beside the pages: "
                    f"{', '.join(pages)}")
        repo = state.repository()
        # read before the fork: the pages need every guideline, and the
        # child then has them without reading them again
        repo.guidelines(history=True)
        state.pdf_child = start_child(
            repo, os.path.join(app.outdir, PDF_DIR), pages, _site(app))
    elif pages != {}:
        _write(app, pages)


def _collect_child(app: Any) -> None:
    """The PDF a child made beside the pages (:func:`start_child`)."""
    state = domain(app.env)
    child, state.pdf_child = state.pdf_child, None
    if child is None:
        return
    answer = finish_child(child)
    if answer is None:  # wanted_pages then finds it still to be made
        logger.info("the process making the packet's PDF beside the "
                    "pages ended without it")
    else:
        _took(app, *answer)


def write_packet_pdfs(app: Any, exception: Any) -> None:
    """``build-finished``: the PDF of a packet read in this build that
    was not written first (a guideline new to review since the last
    build), or whose PDF is missing."""
    _collect_child(app)  # waited for whatever the build's end
    if exception is not None or not _wants_pdfs(app):
        return
    state = domain(app.env)
    pages = wanted_pages(state.repository(), app.config.interop_generated,
                         state.read(), os.path.join(app.outdir, PDF_DIR))
    left = {p: s for p, s in pages.items() if p not in state.pdfs_written}
    if left:
        _write(app, left)


def write_api(app: Any, exception: Any) -> None:
    """After an HTML build: ``products.json`` and the static guideline
    API (``api/``) into the output, beside the pages."""
    if exception is not None or \
            getattr(app.builder, "format", None) != "html":
        return
    from interop.files import write_atomic
    from interop.refstack import api, listing
    from interop.sphinxext.apicache import STAMPS, write_lists
    repo = domain(app.env).repository()
    folder = os.path.join(app.outdir, "api")
    try:
        write_atomic(os.path.join(app.outdir, "products.json"),
                     listing.products_json(repo))
        write_atomic(os.path.join(folder, "guidelines.json"),
                     api.guidelines_json(repo))
        # the test lists of the guidelines that changed (api.write makes
        # the same files, all of them)
        write_lists(repo, folder, os.path.join(app.doctreedir, STAMPS))
    except (LoadError, UsageError) as exc:
        logger.warning(f"static API not written: {exc}", type="interop")


def add_static(app: Any, config: Any) -> None:
    """The Board pages' styles (wide tables scroll in the column, the
    marks' grid, print), for any project using the extension.  Added when
    the configuration is read, before Sphinx compares it with the last
    build's: added later, every rebuild said "The configuration has
    changed" (html_static_path)."""
    if STATIC not in config.html_static_path:
        config.html_static_path.append(STATIC)
