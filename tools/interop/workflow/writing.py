"""One command writing into a repository at a time, and the temporary
files a killed one left there removed first.

The commands that write (compile, import, release, next, new, approve,
status, export, import-scores) take this lock around their writes."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


def existing_folder(path: str) -> str:
    """The nearest folder that exists at or above ``path``: where a
    command writing to a new ``--out`` takes its lock."""
    path = os.path.abspath(path)
    while not os.path.isdir(path) and os.path.dirname(path) != path:
        path = os.path.dirname(path)
    return path


#: the folders of a repository that commands write into
_WRITTEN = ("", "guidelines", "add-ons", "verticals", "criteria",
            os.path.join("criteria", "scoring"), os.path.join("doc", "source"),
            "consumers")


@contextlib.contextmanager
def writing(root: str) -> Iterator[None]:
    """Run a command that writes into the repository at ``root``: one such
    command at a time (:func:`interop.files.locked`), and first remove the
    temporary files a killed one left there."""
    from interop.files import clean_stale, locked
    with locked(root):
        folders = [os.path.join(root, f) for f in _WRITTEN]
        for kind in ("add-ons", "verticals", os.path.join("criteria",
                                                          "scoring")):
            with contextlib.suppress(OSError):
                folders += [e.path for e in os.scandir(os.path.join(
                    root, kind)) if e.is_dir(follow_symlinks=False)]
        clean_stale(folders)
        yield
