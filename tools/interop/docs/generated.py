"""The folder of generated pages: the Sphinx extension's own.

The extension writes a page per guideline into one folder of the Sphinx
project (``interop_generated``, by default ``generated``).  It owns that
folder and nothing else: a stamp file (:data:`STAMP`) marks it and lists
the pages written, and only those are ever replaced or deleted.  A folder
that is a link, that leaves the project, or that holds files without the
stamp is refused before anything is written, so a host project's own
pages can never be overwritten or removed.
"""
from __future__ import annotations

import os

from interop.errors import UsageError
from interop.files import write_atomic

#: the stamp file, and its first line
STAMP = ".interop-generated"
HEADER = ("# Written by interop.sphinxext: the pages below are generated "
          "from the guideline sources; this folder is the extension's.")


def folder_of(srcdir: str, name: str) -> str:
    """The absolute folder for ``interop_generated = name``, refused when
    it is not a plain folder inside the project (absolute, ``..``, or a
    link anywhere on the way)."""
    parts = name.replace("\\", "/").split("/") if isinstance(name, str) \
        else []
    if not name or os.path.isabs(name) or any(
            p in ("", ".", "..") for p in parts):
        raise UsageError(f"interop_generated = {name!r}: name a folder "
                         "inside the Sphinx project, such as 'generated'")
    here = os.path.abspath(str(srcdir))
    for part in parts:
        here = os.path.join(here, part)
        if os.path.islink(here):
            raise UsageError(f"{here} is a symbolic link: the generated "
                             "pages are written only into a folder of the "
                             "project itself")
        if os.path.lexists(here) and not os.path.isdir(here):
            raise UsageError(f"{here} is not a folder")
    return here


def _owned(folder: str) -> list[str] | None:
    """The pages the stamp lists, or None when the folder is not ours."""
    stamp = os.path.join(folder, STAMP)
    if os.path.islink(stamp) or not os.path.isfile(stamp):
        return None
    with open(stamp, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    if not lines or lines[0] != HEADER:
        return None
    return [line for line in lines[1:] if _plain(line)]


#: the first lines of the pages of the extension's versions before the stamp
_LEGACY = (".. Generated from ", ".. This page is generated.")


def _legacy(folder: str) -> list[str] | None:
    """A folder an earlier version of the extension wrote (before the
    stamp): only ``.rst`` pages, each opening with its generated-page
    comment.  Adopted, so that an existing checkout keeps building."""
    names = os.listdir(folder)
    for name in names:
        path = os.path.join(folder, name)
        if not _plain(name) or os.path.islink(path) or \
                not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8", errors="replace") as handle:
            if not handle.readline().startswith(_LEGACY):
                return None
    return names


def _plain(name: str) -> bool:
    """A page file name the extension could have written."""
    return name.endswith(".rst") and "/" not in name and "\\" not in name \
        and not name.startswith(".")


def write_pages(folder: str, pages: dict[str, str]) -> list[str]:
    """Write ``pages`` (document name -> text) into the owned ``folder``
    and delete the pages it wrote before that are gone now; returns the
    file names written or changed.  Refused (UsageError, nothing written)
    when the folder exists, is not empty and carries no stamp."""
    before: list[str] = []
    if os.path.isdir(folder):
        owned = _owned(folder)
        if owned is None:
            owned = _legacy(folder)
        if owned is None:
            if os.listdir(folder):
                raise UsageError(
                    f"{folder} holds files the interop extension did not "
                    f"write (it has no {STAMP}): nothing is written into "
                    "it; move them, or set interop_generated to a folder "
                    "of its own")
        else:
            before = owned
    names = {name + ".rst": text for name, text in pages.items()}
    for file in names:
        if not _plain(file):
            raise UsageError(f"{file}: not a page name")
        target = os.path.join(folder, file)
        if os.path.islink(target) or (os.path.lexists(target)
                                      and not os.path.isfile(target)):
            raise UsageError(f"{target} is not a plain file: not replaced")
    os.makedirs(folder, exist_ok=True)
    # the stamp first, listing old and new: a build killed half-way still
    # owns every page it may have written
    write_atomic(os.path.join(folder, STAMP),
                 "\n".join([HEADER] + sorted(set(before) | set(names)))
                 + "\n")
    changed = [file for file, text in sorted(names.items())
               if write_atomic(os.path.join(folder, file), text)]
    for stale in sorted(set(before) - set(names)):
        path = os.path.join(folder, stale)
        if os.path.isfile(path) and not os.path.islink(path):
            os.unlink(path)
    write_atomic(os.path.join(folder, STAMP),
                 "\n".join([HEADER] + sorted(names)) + "\n")
    return changed
