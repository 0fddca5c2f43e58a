"""Files read and written safely: confined to their tree, regular, whole.

Every command that reads or writes a repository's files goes through here.
A committed link can point anywhere, so a path is judged by where it
really leads (:func:`confined`): reads and writes that links take out of
the repository (or out of the ``--out`` folder) are refused.  Only
regular files are opened (:func:`read_regular`): a FIFO would block the
reader forever and a device never ends.  Writes are atomic
(:func:`write_atomic`): a reader never sees a partial file.

Refusals are :class:`~interop.errors.LoadError`\\ s (exit code 2):

* ``E101`` the file cannot be read, or is itself a symbolic link;
* ``E160`` links lead the path out of the tree it must stay in;
* ``E161`` the file is not a regular file (a FIFO, a device, a folder).
"""
from __future__ import annotations

import os
import stat
import tempfile

from interop.errors import LoadError

LEAVES, IRREGULAR = "E160", "E161"


def is_within(path: str, root: str) -> bool:
    """Whether ``path`` names a place in ``root``, as written (no link is
    resolved)."""
    full, top = os.path.abspath(path), os.path.abspath(root)
    return full == top or full.startswith(top.rstrip(os.sep) + os.sep)


def is_confined(path: str, root: str) -> bool:
    """Whether ``path``, every link on it resolved, lies in ``root`` (also
    resolved)."""
    full, top = os.path.realpath(path), os.path.realpath(root)
    return full == top or full.startswith(top.rstrip(os.sep) + os.sep)


def confined(path: str, root: str, shown: str | None = None) -> str:
    """``path`` itself, once sure that no link at any depth takes it out of
    ``root``; else LoadError E160, located at ``shown`` (default: the
    path).  The path need not exist: the part that does is resolved."""
    if not is_confined(path, root):
        raise LoadError(shown or path, 1, 1, LEAVES,
                        "a symbolic link leads this path out of "
                        f"{os.path.abspath(root)} (to "
                        f"{os.path.realpath(path)}): refused")
    return path


def confined_if_within(path: str, root: str, shown: str | None = None
                       ) -> str:
    """:func:`confined` for a path named inside ``root``; a path named
    elsewhere (a file given on the command line) is left to the caller."""
    if is_within(path, root):
        confined(path, root, shown)
    return path


def _refuse_irregular(mode: int, shown: str) -> None:
    if not stat.S_ISREG(mode):
        kind = ("a FIFO" if stat.S_ISFIFO(mode) else
                "a folder" if stat.S_ISDIR(mode) else
                "a socket" if stat.S_ISSOCK(mode) else
                "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "not a regular file")
        raise LoadError(shown, 1, 1, IRREGULAR,
                        f"{kind}, not a regular file: not read")


def regular_file(path: str, shown: str | None = None) -> str:
    """``path`` itself, once sure it is a regular file and not a link (the
    check happens before anything opens it); LoadError otherwise."""
    shown = shown or path
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        raise LoadError(shown, 1, 1, "E101",
                        f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISLNK(mode):
        raise LoadError(shown, 1, 1, "E101",
                        "refusing to follow a symbolic link")
    _refuse_irregular(mode, shown)
    return path


def read_regular(path: str, limit: int, shown: str | None = None) -> bytes:
    """At most ``limit + 1`` bytes of a regular file that is not a link.

    The file is opened without following a final link and without
    blocking, and judged by what was opened, so a FIFO or a device swapped
    in after a check is refused all the same, never waited on."""
    shown = shown or path
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | \
        getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if os.path.islink(path):
            raise LoadError(shown, 1, 1, "E101",
                            "refusing to follow a symbolic link")
        fd = os.open(path, flags)
    except OSError as exc:
        raise LoadError(shown, 1, 1, "E101",
                        f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        _refuse_irregular(os.fstat(fd).st_mode, shown)
        try:
            return handle.read(limit + 1)
        except OSError as exc:
            raise LoadError(shown, 1, 1, "E101",
                            f"cannot read: {exc.strerror or exc}") from None


def write_atomic(path: str, text: str, root: str | None = None) -> bool:
    """Write text to path through a temporary file and a rename.

    Returns False, and leaves the file untouched, when it already holds
    exactly that text.  A reader never sees a partial file.  With
    ``root``, a path that links lead out of it is refused (E160) before
    any folder is made; a path that is not a regular file (a FIFO) is
    refused (E161) rather than replaced.
    """
    if root is not None:
        confined(path, root)
    data = text.encode("utf-8")
    if os.path.lexists(path) and not os.path.islink(path):
        if read_regular(path, len(data)) == data:
            return False
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".",
                               suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True
