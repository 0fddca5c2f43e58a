"""The generated pages: one per guideline (and a packet per guideline
awaiting a decision), one per consumer profile, and their index, written
into the source folder before Sphinx reads it."""
from __future__ import annotations

import dataclasses
import os
import re
from typing import Any

from sphinx.util import logging

from interop.docs.board import AWAITING
from interop.errors import LoadError, UsageError
from interop.sphinxext.domain import domain

logger = logging.getLogger(__name__)

#: a source path that may be written into a generated page as it is
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")
# The generated page holds no text from data: the directive sets the
# title from the guideline, as a node.
PAGE = """\
.. Generated from a guideline source: edit the source, not this page.

.. interop-{kind}:: {source}
   :titled:
"""


def generate_pages(app: Any) -> None:
    """Write a page per guideline (and a packet per draft) into the
    source folder before reading; unchanged pages are left alone, so
    Sphinx rebuilds only what changed."""
    from sphinx.errors import ExtensionError

    from interop.docs.board import page_name
    from interop.docs.generated import folder_of, write_pages
    # read once per build (begin_build): the PDFs written first read it
    # already; what they compiled is let go
    repo = domain(app.env).repository()
    repo.forget_compiled()
    if not os.path.isdir(os.path.join(repo.root, "criteria")):
        # a host project that did not say where the guidelines are
        logger.warning(f"interop_root = {app.config.interop_root!r} "
                       f"({repo.root}) is not a guideline repository (it "
                       "has no criteria/): set interop_root in conf.py to "
                       "the repository's folder, relative to this one",
                       type="interop")
    try:
        folder = folder_of(str(app.srcdir), app.config.interop_generated)
    except UsageError as exc:
        raise ExtensionError(str(exc), modname=__name__) from None
    pages: dict[str, str] = {}
    for path in repo.sources():
        try:
            g = repo.load(path).guideline
        except LoadError as exc:
            finding = dataclasses.replace(exc.finding, path=path)
            logger.warning(finding.format(), type="interop")
            continue
        if not _PLAIN_PATH.fullmatch(path) or ".." in path.split("/"):
            logger.warning(f"{path}: no page made: a source's path must be "
                           "letters, digits, '_', '-', '.' and '/'",
                           type="interop")
            continue
        name = page_name(g)
        pages[name] = PAGE.format(source=path, kind="guideline")
        if g.status in AWAITING:
            pages[name + "-packet"] = PAGE.format(source=path,
                                                  kind="packet")
    for path in _profiles(repo.root):
        pages["consumer-" + os.path.basename(path)[:-5]] = PAGE.format(
            source=path, kind="profile").replace("a guideline source",
                                                 "a consumer profile")
    # an orphan: a host project need not list it in a toctree of its own
    pages["index"] = (":orphan:\n\n.. This page is generated.\n\n"
                      "Guidelines\n"
                      "==========\n\n.. interop-guidelines::\n\n"
                      + (_PRODUCTS_LINK if os.path.exists(os.path.join(
                          str(app.srcdir), "products.rst")) else "")
                      + ".. toctree::\n   :hidden:\n\n"
                      + "".join(f"   {p}\n" for p in sorted(pages)))
    try:
        write_pages(folder, pages)
    except UsageError as exc:
        raise ExtensionError(str(exc), modname=__name__) from None


#: the index's link to the product listing, when the project has one
_PRODUCTS_LINK = ("The products certified against these guidelines, and "
                  "until when: :doc:`/products` (machine-readable: "
                  "``products.json``; the guidelines and their test lists: "
                  "``api/guidelines.json``).\n\n")


def _profiles(root: str) -> list[str]:
    """The consumer profiles a page is made for (plain names only)."""
    folder = os.path.join(root, "consumers")
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    return [f"consumers/{n}" for n in names
            if n.endswith(".yaml") and _PLAIN_PATH.fullmatch(n)]
