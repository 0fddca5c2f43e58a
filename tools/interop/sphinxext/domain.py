"""The extension's state across documents: the :class:`InteropDomain`.

Sphinx pickles a domain's data with the environment and merges it from
parallel readers (as ``sphinx.ext.todo`` keeps its todos), so nothing of
a build lives in a module.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain

from interop.repository import Repository

if TYPE_CHECKING:
    from interop.sphinxext.packets import Child

#: the folder of the Sphinx project the generated pages go in
GENERATED = "generated"
#: where the packets' PDFs go in the HTML output
PDF_DIR = "packets"


class InteropDomain(Domain):
    """What the extension keeps across documents.

    ``data["read"]`` holds the documents read in the current build (a
    packet among them whose PDF was not written first, before reading,
    gets it when the build finishes); each reader adds the documents it
    reads, so nothing depends on when the workers were forked.  The
    repository is read once per build by each process that needs it and
    kept on the domain object, which Sphinx does not pickle.
    """

    name = "interop"
    label = "Interoperability guidelines"
    initial_data: ClassVar[dict[str, Any]] = {"read": set()}
    data_version = 1

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        self._repository: Repository | None = None
        #: the packets whose PDF this build wrote (their pages' names)
        self.pdfs_written: set[str] = set()
        #: a child process making a PDF beside the pages, if any
        self.pdf_child: Child | None = None
        #: the Sphinx application building (set when the builder starts)
        self.app: Any = None
        #: the HTML writer's settings for pages written when read
        #: (:mod:`.prerender`): None until asked, False when there are none
        self.writer_settings: Any = None

    def repository(self, fresh: bool = False) -> Repository:
        """The guideline repository this project documents
        (``interop_root``, relative to the source folder)."""
        if fresh or self._repository is None:
            # lean: the pages report no place in superseded guidelines
            self._repository = Repository(os.path.normpath(os.path.join(
                str(self.env.srcdir), self.env.config.interop_root)),
                lean=True)
        return self._repository

    def begin_build(self) -> None:
        """A build starts: the repository is read again, once, by the
        first listener that needs it (the PDFs written first, then the
        generated pages share that read)."""
        self._repository = None

    def begin_reading(self) -> None:
        self.data["read"] = set()

    def process_doc(self, env: Any, docname: str,
                    document: nodes.document) -> None:
        self.data["read"].add(docname)

    def clear_doc(self, docname: str) -> None:
        self.data["read"].discard(docname)

    def merge_domaindata(self, docnames: Any, otherdata: dict[str, Any]
                         ) -> None:
        self.data["read"] |= otherdata["read"] & set(docnames)

    def read(self) -> set[str]:
        """The documents read in this build."""
        return set(self.data["read"])


def domain(env: Any) -> InteropDomain:
    """The build's :class:`InteropDomain`."""
    found = env.get_domain(InteropDomain.name)
    assert isinstance(found, InteropDomain)
    return found


def begin_build(app: Any) -> None:
    """``builder-inited``, before any other listener of the extension."""
    state = domain(app.env)
    state.begin_build()
    state.app = app  # the builder, for pages written when read
    state.writer_settings = None


def begin_reading(app: Any, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: before any reader (or worker) starts."""
    domain(env).begin_reading()


class _OnDisk(dict[str, Any]):
    """A doctree cache that keeps nothing: each page is read back from
    its pickle when it is written."""

    def __setitem__(self, key: str, value: Any) -> None:
        pass


def doctrees_on_disk(app: Any, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: Sphinx 7.2 and later keep every doctree
    read in memory until it is written (``_write_doc_doctree_cache``);
    a site of 25 years of guidelines held about 5 MiB a page that way,
    past the 300 MiB the site may take.  Reading a page back from its
    pickle costs a few milliseconds.  Sphinx also keeps the bytes of
    every pickle it reads back (``_pickled_doctree_cache``, some 30 MiB
    by the last page written), though a build reads each page once.  A
    Sphinx without these caches is left as it is."""
    for name in ("_write_doc_doctree_cache", "_pickled_doctree_cache"):
        if isinstance(getattr(env, name, None), dict):
            setattr(env, name, _OnDisk())


def let_go(app: Any, exception: Any) -> None:
    """``build-finished``, after the static API and before the PDFs: the
    pages are written, so the pickled doctrees Sphinx kept to write them
    (``_pickled_doctree_cache``, read again from disk if asked) and the
    compiled documents of every guideline need not stay while the
    packets' PDFs take their memory."""
    cache = getattr(app.env, "_pickled_doctree_cache", None)
    if isinstance(cache, dict):
        cache.clear()
    domain(app.env).repository().forget_compiled()
