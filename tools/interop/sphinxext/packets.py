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


def wanted_pages(folder: str, docnames: Any, found: Any, pdfs: str
                 ) -> list[str]:
    """The guideline pages (``powered-next``) whose packet's PDF is to be
    written: the packet page is read in this build, or its PDF is
    missing from ``pdfs``."""
    suffix = "-packet"
    pages = []
    for doc in sorted(found):
        if not (doc.startswith(f"{folder}/") and doc.endswith(suffix)):
            continue
        page = doc[len(folder) + 1:-len(suffix)]
        if doc in docnames or not os.path.exists(
                os.path.join(pdfs, f"{page}{suffix}.pdf")):
            pages.append(page)
    return pages


def run_child(root: str, pdfs: str, pages: list[str], site: str | None
              ) -> tuple[list[str], list[str]]:
    """Write the PDFs of ``pages`` in a child process; the pages it wrote
    and the problems it reported (located), or its failure."""
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
    pages = set(request["pages"])

    def wanted(page: str) -> bool:
        if page not in pages:
            return False
        print(f"{WRITING}{page}", flush=True)
        return True
    for text in write_pdfs(repo, request["pdfs"], wanted, request["site"],
                           lambda path: recertify_parts(repo, path)):
        print(f"{PROBLEM}{text}", flush=True)


if __name__ == "__main__":
    child(json.loads(sys.stdin.read()))
