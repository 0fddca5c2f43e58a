"""The packets' PDFs, written first, before Sphinx generates or reads
any page.

rst2pdf, its fonts and a laid-out packet take some 130 MiB.  Written
after the pages, they came on top of everything Sphinx held (a site of
25 years of guidelines peaked at 340 MiB); Python keeps much of what it
allocated, so letting go of Sphinx's state first did not bring that
down.  Written first, the memory a packet took is reused by the pages.
(A child process does not help: it must start when the build is small,
and its own 230 MiB then adds to the build's.)

Which PDFs: those of the packet pages Sphinx will read again, as Sphinx
itself judges it from the last build (the page or a file it depends on,
the guideline's source among them, changed), or whose PDF is missing;
every packet's without a last build.  A packet page new since the last
build gets its PDF when the build finishes.

A rebuild that makes one packet's PDF (an edit of one draft, the common
case) makes it in a child process while the pages are read and written
(:func:`start_child`): a third of such a rebuild was that PDF, and the
machine has a second core.  The child's memory adds to the pages' (on
a site of 25 years, a peak of 224 MiB beside the build's 158 MiB, much
of it the build's own pages shared at the fork); a full build, or one
that makes several PDFs, makes them first, in the build's own process,
where memory is the limit.  A child that fails leaves its PDF to the
build's end, as for a new packet.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from typing import Any

from docutils import nodes

def recertify_parts(repo: Any, path: str) -> list[nodes.Node]:
    """The packet's section on listed products (none when the program has
    no submission): built apart from the packet, so that the packet's own
    layout need not know of products."""
    from interop.docs.products import recertify_section
    from interop.load.products import submissions
    from interop.refstack.listing import recertify
    g = repo.load(path).guideline
    prefix = os.path.join(repo.root, "products", g.program.name) + os.sep
    if not any(f.startswith(prefix) for f in submissions(repo.root)):
        return []
    return [recertify_section(recertify(repo, g))]


def changed_packets(env: Any, folder: str, pdfs: str) -> dict[str, str] | None:
    """Before the pages are generated: the packets (page -> source) of the
    last build that Sphinx will read again (their page or a file they
    depend on changed, as Sphinx judges it) or whose PDF is missing;
    None when there is no last build to judge by (every PDF is made)."""
    try:
        from sphinx.environment import CONFIG_OK, _has_doc_changed
    except ImportError:  # a Sphinx that judges otherwise: make them all
        return None
    docs = [d for d in env.all_docs
            if d.startswith(f"{folder}/") and d.endswith("-packet")]
    if not docs or env.config_status != CONFIG_OK:
        return None
    pages = {}
    for doc in docs:
        page = doc[len(folder) + 1:-len("-packet")]
        source = _source_of(env.doc2path(doc))
        if source is None:
            return None  # a page this extension did not write: judge anew
        if not os.path.exists(os.path.join(pdfs, f"{page}-packet.pdf")) \
                or _has_doc_changed(
                    doc, filename=env.doc2path(doc),
                    reread_always=env.reread_always,
                    doctreedir=env.doctreedir, all_docs=env.all_docs,
                    dependencies=env.dependencies):
            pages[page] = source
    return pages


def _source_of(page: Any) -> str | None:
    """The guideline source a generated packet page names."""
    try:
        with open(page, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(".. interop-packet:: "):
                    return line.split(":: ", 1)[1].strip()
    except OSError:
        pass
    return None


def wanted_pages(repo: Any, folder: str, docnames: Any, pdfs: str
                 ) -> dict[str, str]:
    """The guideline pages (``powered-next``) whose packet's PDF is to be
    written, with their sources: the packet page is among ``docnames``
    (read in this build), or its PDF is missing from ``pdfs``."""
    from interop.docs.board import AWAITING, page_name
    from interop.errors import LoadError
    pages = {}
    for path in repo.sources():
        try:
            g = repo.load(path).guideline  # loaded for the pages already
        except LoadError:
            continue  # the pages' build reports it
        page = page_name(g)
        if g.status in AWAITING and (
                f"{folder}/{page}-packet" in docnames or not os.path.exists(
                    os.path.join(pdfs, f"{page}-packet.pdf"))):
            pages[page] = path
    return pages


def write_now(repo: Any, pdfs: str, pages: dict[str, str] | None,
              site: str | None) -> tuple[list[str], list[str]]:
    """Write the PDFs of ``pages`` (page -> source; None: every packet's);
    the pages written and the problems met (located).  rst2pdf's
    converter is let go after, for the pages to reuse its memory."""
    from interop.docs import packet
    written: list[str] = []

    def wanted(page: str) -> bool:
        if pages is not None and page not in pages:
            return False
        written.append(page)
        return True
    try:
        problems = packet.write_pdfs(
            repo, pdfs, wanted, site, lambda path: recertify_parts(repo, path),
            None if pages is None else sorted(pages.values()))
    finally:
        packet.forget_converter()
    return written, problems


def give_back() -> None:
    """Return the memory freed to the system (glibc's ``malloc_trim``),
    so that the pages' peak does not sit on what the packets left
    scattered; elsewhere, a no-op past the collection."""
    import ctypes
    import gc
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@dataclasses.dataclass
class Child:
    """A child process making PDFs, and the pipe it answers on."""

    pid: int
    answer: int


def can_fork() -> bool:
    """Whether a child can make a PDF beside the pages: a POSIX fork and
    a second processor (on one, the child only slows the pages)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


def start_child(repo: Any, pdfs: str, pages: dict[str, str],
                site: str | None) -> Child:
    """Fork a child that writes the PDFs of ``pages`` (page -> source)
    from ``repo`` with :func:`write_now` and answers, as JSON on a pipe,
    the pages written and the problems met."""
    answer, sent = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns into Sphinx
        code = 1
        try:
            os.close(answer)
            written, problems = write_now(repo, pdfs, pages, site)
            with os.fdopen(sent, "w", encoding="utf-8") as out:
                json.dump({"written": written, "problems": problems}, out)
            code = 0
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(sent)
    return Child(pid, answer)


def finish_child(child: Child) -> tuple[list[str], list[str]] | None:
    """Wait for ``child``: the pages it wrote and the problems it met, or
    None when it ended without answering (its PDFs are not made)."""
    with os.fdopen(child.answer, encoding="utf-8") as handle:
        text = handle.read()
    _, status = os.waitpid(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        said = json.loads(text)
        return [str(p) for p in said["written"]], \
            [str(p) for p in said["problems"]]
    except (ValueError, KeyError, TypeError):
        return None
