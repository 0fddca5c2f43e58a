"""The outlines of guideline sources kept between runs, in the user's
cache: what a series needs of each source (:class:`interop.series.Outline`)
without parsing it again.
"""
from __future__ import annotations

import json
import os
from typing import Any

from interop.errors import LoadError, UsageError
from interop.files import prune_cache, read_cache, user_cache, write_atomic


class OutlineCache:
    """Outlines of sources by their bytes and place (a digest), kept in the
    user's cache (never in a checkout), one small file each, so that a
    command reads the outlines of the series it compiles and no others:
    only the sources not seen before are parsed.  What an outline holds
    follows from the bytes and the root-relative place alone, unless the
    root itself lies under a folder that names a program's kind (see
    ``usable``)."""

    #: bumped when an outline's content or meaning changes
    FORMAT = "outlines-1"
    #: an outline file larger than this is not read; past ``KEEP`` files,
    #: the older half is removed when one is written
    LIMIT, KEEP = 16 * 1024 * 1024, 2048

    def __init__(self) -> None:
        self.known: dict[str, Any] = {}
        self.added: dict[str, Any] = {}

    @staticmethod
    def usable(root: str) -> bool:
        parts = os.path.normpath(root).split(os.sep)
        return "add-ons" not in parts and "verticals" not in parts

    def key(self) -> str:
        from interop import __version__
        return f"{self.FORMAT};{__version__}"

    @staticmethod
    def folder() -> str:
        return os.path.join(user_cache(), "outlines")

    def get(self, digest: str) -> Any:
        """The outline's row (False: the source cannot be read), or None
        when it is not known."""
        if digest not in self.known:
            self.known[digest] = read_cache(
                os.path.join(self.folder(), digest + ".json"), self.key(),
                self.LIMIT, lambda data: data["outline"])
        return self.known[digest]

    def put(self, digest: str, row: Any) -> None:
        self.known[digest] = self.added[digest] = row

    def save(self) -> None:
        """Write what was added (a cache that cannot be written is not an
        error: the next run parses again)."""
        if not self.added:
            return
        folder = self.folder()
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            for digest, row in sorted(self.added.items()):
                write_atomic(os.path.join(folder, digest + ".json"),
                             json.dumps({"fingerprint": self.key(),
                                         "outline": row}) + "\n")
            self.added.clear()
            prune_cache(folder, ".json", self.KEEP)
        except (OSError, LoadError, UsageError):
            pass

