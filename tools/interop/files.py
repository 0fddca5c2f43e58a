"""Files written whole or not at all.

Every command that writes into a repository goes through here, so that a
reader never sees a partial file and an identical file is left untouched.
"""
from __future__ import annotations

import os
import tempfile


def write_atomic(path: str, text: str) -> bool:
    """Write text to path through a temporary file and a rename.

    Returns False, and leaves the file untouched, when it already holds
    exactly that text.  A reader never sees a partial file.
    """
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except FileNotFoundError:
        pass
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
