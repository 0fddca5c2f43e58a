"""The models of superseded guidelines kept between runs, in the user's
cache: a lean repository (the docs build) reads 25 years of history, and
a rebuild after one edit would parse every unchanged source again (about
15 ms each; the pickled model loads in about 3 ms).
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import zlib

from interop import model as m
from interop.errors import LoadError, UsageError
from interop.files import (
    prune_cache,
    read_regular,
    temporary_beside,
    user_cache,
)


class ModelCache:
    """Guideline models by their source's bytes and place (a digest), one
    file each under ``models/`` of the user's cache (never a checkout).
    Only what this user wrote there is read: a file owned by another user
    is ignored, as a stale or damaged one is (the caller parses again)."""

    #: bumped when what a model holds changes meaning
    FORMAT = "models-1"
    #: a file larger than this is not read; past ``KEEP`` files, the older
    #: half is removed when one is written
    LIMIT, KEEP = 8 * 1024 * 1024, 512

    #: how many models were read from, and written to, the cache (tests
    #: count the parses a rebuild saves)
    hits = 0
    writes = 0

    @staticmethod
    def folder() -> str:
        return os.path.join(user_cache(), "models")

    @staticmethod
    @functools.cache
    def key() -> bytes:
        """The package's version and the bytes of the modules that define
        and make a model: an edited checkout never reads a stale model."""
        from interop import __version__
        from interop.load import reader
        digest = hashlib.sha256(f"{ModelCache.FORMAT};{__version__}"
                                .encode())
        for module in (m, reader):
            with open(str(module.__file__), "rb") as handle:
                digest.update(handle.read())
        return digest.hexdigest().encode("ascii")

    def get(self, digest: str) -> m.Guideline | None:
        path = os.path.join(self.folder(), digest + ".pickle")
        try:
            if not os.path.lexists(path) or \
                    os.lstat(path).st_uid != os.getuid():
                return None
            data = read_regular(path, self.LIMIT)
            head, _, body = data.partition(b"\n")
            if head != self.key():
                return None
            found = pickle.loads(zlib.decompress(body))
        except (LoadError, OSError, ValueError, zlib.error, EOFError,
                pickle.UnpicklingError, AttributeError, ImportError,
                TypeError):
            return None  # parsed again, and written again
        if not isinstance(found, m.Guideline):
            return None
        ModelCache.hits += 1
        return found

    def put(self, digest: str, guideline: m.Guideline) -> None:
        """Keep ``guideline`` (a cache that cannot be written is not an
        error: the next run parses again)."""
        folder = self.folder()
        path = os.path.join(folder, digest + ".pickle")
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            data = self.key() + b"\n" + zlib.compress(pickle.dumps(
                guideline, protocol=pickle.HIGHEST_PROTOCOL), 1)
            fd, tmp = temporary_beside(path)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            ModelCache.writes += 1
            prune_cache(folder, ".pickle", self.KEEP)
        except (OSError, LoadError, UsageError, pickle.PicklingError):
            pass

