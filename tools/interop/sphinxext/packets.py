"""The packets' PDFs, written by a child process before Sphinx reads.

rst2pdf, its fonts and a laid-out packet take some 130 MiB.  Written
after the pages, in the build's own process, they came on top of
everything Sphinx held (a site of 25 years of guidelines peaked at
340 MiB, past the 300 MiB it may take); Python keeps what it allocated,
so letting go of Sphinx's state first did not bring that down.  Written
by a child process that the build waits for before it reads any page,
the two peaks do not add up: the build is small then.

Which PDFs: a packet page that this build reads (its guideline, or
anything the page depends on, changed), or one whose PDF is missing;
the same choice as the pages', made from the pages Sphinx is about to
read (``env-before-read-docs``).  The child loads this file alone, not
the extension's package, so that it imports no Sphinx.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from docutils import nodes

#: a line of the child's output that is a problem to report, not progress
PROBLEM = "problem: "
#: a line of the child's output naming a PDF it writes
WRITING = "writing: "
#: how the child runs this file
RUN = "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')"


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


def run_child(root: str, pdfs: str, pages: dict[str, str] | None,
              site: str | None) -> tuple[list[str], list[str]]:
    """Write the PDFs of ``pages`` (page -> source; None: every packet)
    in a child process; the pages it wrote and the problems it reported
    (located), or its failure."""
    package = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))  # the folder holding ``interop``
    path = os.environ.get("PYTHONPATH")
    env = dict(os.environ, PYTHONPATH=package + (os.pathsep + path
                                                 if path else ""))
    request = json.dumps({"root": root, "pdfs": pdfs, "pages": pages,
                          "site": site})
    # run_path adds no folder of this file to sys.path (``python FILE``
    # would put the extension's modules at the top level)
    done = subprocess.run([sys.executable, "-c", RUN, os.path.abspath(
        __file__)], input=request, capture_output=True, text=True, env=env,
        cwd=root, check=False)
    written = [line[len(WRITING):] for line in done.stdout.splitlines()
               if line.startswith(WRITING)]
    problems = [line[len(PROBLEM):] for line in done.stdout.splitlines()
                if line.startswith(PROBLEM)]
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()[-1:] or ["no message"]
        problems.append(f"the packets' PDFs were not written: the writer "
                        f"exited {done.returncode}: {said[0]}")
    return written, problems


def child(request: dict[str, Any]) -> None:
    """The child's work: each wanted packet's PDF, one line a PDF."""
    from interop.docs.packet import write_pdfs
    from interop.repository import Repository
    repo = Repository(request["root"], lean=True)
    pages = request["pages"]

    def wanted(page: str) -> bool:
        if pages is not None and page not in pages:
            return False
        print(f"{WRITING}{page}", flush=True)
        return True
    # only the packets' sources (and what they read) are loaded
    for text in write_pdfs(repo, request["pdfs"], wanted, request["site"],
                           lambda path: recertify_parts(repo, path),
                           None if pages is None else sorted(pages.values())):
        print(f"{PROBLEM}{text}", flush=True)


if __name__ == "__main__":
    child(json.loads(sys.stdin.read()))
