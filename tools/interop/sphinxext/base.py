"""The base of the directives that read the repository's sources."""
from __future__ import annotations

import os

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from interop.errors import LoadError, UsageError
from interop.repository import Repository
from interop.sphinxext.domain import domain

logger = logging.getLogger(__name__)


class FromRepository(SphinxDirective):
    """A directive that reads the repository's sources.

    What it cannot read (a broken source or scoring sheet, a path that
    names no guideline) is a warning placed in the file and line that
    fail, with the directive's page and line; the page says what is
    missing instead of a traceback ending the build.
    """

    def run(self) -> list[nodes.Node]:
        try:
            return self.parts()
        except LoadError as exc:
            text = exc.finding.format()
        except UsageError as exc:
            text = str(exc)
        logger.warning(f"{self.name}: {text}", location=self.get_location(),
                       type="interop")
        return [nodes.paragraph(text=f"Not rendered: {text}")]

    def parts(self) -> list[nodes.Node]:
        raise NotImplementedError

    def repo(self) -> Repository:
        """The repository, read once per build (set up when the build
        starts), so that pages do not each read every source again."""
        return domain(self.env).repository()

    def depend(self, files: list[str]) -> None:
        for file in files:
            if file and os.path.exists(file):
                self.env.note_dependency(os.path.abspath(file))
