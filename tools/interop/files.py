"""Files read and written safely: confined to their tree, regular, whole,
and written by one command at a time.

Every command that reads or writes a repository's files goes through here.
(It runs past 450 lines because the reads, the writes and the one-writer
lock share their checks of links and owners; split, each would repeat
them.)

Reading and paths: a committed link can point anywhere, so a path is
judged by where it really leads (:func:`confined`): reads and writes that
links take out of the repository (or out of the ``--out`` folder) are
refused.  Only regular files are opened (:func:`read_regular`): a FIFO
would block the reader forever and a device never ends.  Refusals are
:class:`~interop.errors.LoadError`\\ s (exit code 2):

* ``E101`` the file cannot be read, or is itself a symbolic link;
* ``E160`` links lead the path out of the tree it must stay in;
* ``E161`` the file is not a regular file (a FIFO, a device, a folder);
* ``E162`` the file cannot be written (no permission, a full disk).

Writing, so that a reader never sees a partial file and an identical file
is left untouched:

- :func:`write_atomic` writes one file through a temporary file and a
  rename;
- :func:`write_all` writes every file of a command's plan or none: each
  planned text is first written beside its target, and only when all of
  them are is any renamed into place (a failure on the way puts back what
  was replaced);
- :func:`locked` serialises the commands that write into one repository,
  so that a ``release`` and a ``compile`` cannot interleave their reads
  and writes;
- :func:`trial_folder` is a temporary folder that is removed on any exit
  Python sees; what a kill leaves (a trial folder, a temporary file) is
  named with the process id, and the next run removes it once that
  process is gone.

Length: the two halves (paths and reads; writes, locks and trials) share
the temporary-file naming and the refusal of non-regular files.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from interop.errors import LoadError, UsageError

T = TypeVar("T")

LEAVES, IRREGULAR, UNWRITABLE = "E160", "E161", "E162"


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


def _refuse_irregular(mode: int, shown: str,
                      outcome: str = "not read") -> None:
    if not stat.S_ISREG(mode):
        kind = ("a FIFO" if stat.S_ISFIFO(mode) else
                "a folder" if stat.S_ISDIR(mode) else
                "a socket" if stat.S_ISSOCK(mode) else
                "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "not a regular file")
        raise LoadError(shown, 1, 1, IRREGULAR,
                        f"{kind}, not a regular file: {outcome}")


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
    try:
        _refuse_irregular(os.fstat(fd).st_mode, shown)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read(limit + 1)
        except OSError as exc:
            raise LoadError(shown, 1, 1, "E101",
                            f"cannot read: {exc.strerror or exc}") from None


#: what our temporary files and folders are called, with the writer's pid
TMP_PREFIX = "interop-"
TRIAL_PREFIX = "interop-trial-"
_STALE_TMP = re.compile(r"^\..+\.interop-(\d+)-[^./]+\.tmp\Z")
_STALE_TRIAL = re.compile(r"^interop-trial-(\d+)-[^/]+\Z")
LOCK_NAME = "interop.lock"


def stamp(path: str) -> list[Any]:
    """A file's size and time, with its path (none, when it is missing):
    what a cache keyed by files compares to know they are the same."""
    try:
        found = os.stat(path)
    except OSError:
        return [path, None, None]
    return [path, found.st_size, found.st_mtime_ns]


def user_cache() -> str:
    """The user's cache folder (``INTEROP_CACHE``, else
    ``$XDG_CACHE_HOME/interop``, else ``~/.cache/interop``): what is
    cached is never kept in a checkout, where a change could commit it."""
    return os.environ.get("INTEROP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME")
        or os.path.join(os.path.expanduser("~"), ".cache"), "interop")


def read_cache(path: str, key: str, limit: int,
               take: Callable[[Any], T | None]) -> T | None:
    """What ``take`` makes of the JSON cache at ``path`` when it was made
    for ``key`` (its "fingerprint"), else None: a missing, stale or damaged
    cache (``take`` may raise on a damaged one) is rebuilt by the caller.
    The Tempest test index's cache and the listing's read alike."""
    if not os.path.lexists(path):
        return None
    try:
        data = json.loads(read_regular(path, limit))
        if data.get("fingerprint") == key:
            return take(data)
    except (LoadError, OSError, ValueError, KeyError, TypeError,
            AttributeError):
        pass  # a damaged cache is rebuilt
    return None


def prune_cache(folder: str, suffix: str, keep: int) -> None:
    """Past ``keep`` files ending in ``suffix`` in a cache folder, remove
    the older half (by modification time): the outlines' and the models'
    caches stay bounded."""
    names = [n for n in os.listdir(folder) if n.endswith(suffix)]
    if len(names) <= keep:
        return
    dated = sorted(names, key=lambda n: os.stat(
        os.path.join(folder, n)).st_mtime)
    for name in dated[:len(dated) // 2]:
        os.unlink(os.path.join(folder, name))


def temporary_beside(path: str) -> tuple[int, str]:
    """An open temporary file beside ``path``, named for this process
    (``.NAME.interop-PID-XXXX.tmp``) so that :func:`clean_stale` removes
    it after a kill: for writers that make the file's bytes themselves
    (the PDF packet), then rename it into place."""
    return _temporary(path)


def _temporary(path: str) -> tuple[int, str]:
    folder = os.path.dirname(os.path.abspath(path))
    return tempfile.mkstemp(
        prefix=f".{os.path.basename(path)}.{TMP_PREFIX}{os.getpid()}-",
        suffix=".tmp", dir=folder)


def _fill(fd: int, tmp: str, data: bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o644)


def write_atomic(path: str, text: str, root: str | None = None) -> bool:
    """Write text to path through a temporary file and a rename.

    Returns False, and leaves the file untouched, when it already holds
    exactly that text.  A reader never sees a partial file.  With
    ``root``, a path that links lead out of it is refused (E160) before
    any folder is made; a path that is not a regular file (a FIFO) is
    refused (E161) rather than replaced; a file that cannot be written is
    E162.
    """
    if root is not None:
        confined(path, root)
    data = text.encode("utf-8")
    if os.path.lexists(path) and not os.path.islink(path):
        _refuse_irregular(os.lstat(path).st_mode, path, "cannot write")
        if read_regular(path, len(data)) == data:
            return False
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        _put(path, data)
    except OSError as exc:  # a full disk, a folder in the way
        raise LoadError(path, 1, 1, UNWRITABLE,
                        f"cannot write: {exc.strerror or exc}") from None
    return True


def _put(path: str, data: bytes) -> None:
    fd, tmp = _temporary(path)
    try:
        _fill(fd, tmp, data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


#: whether a command's planned writes are all in place: a SIGTERM after
#: that does not change the command's result (the CLI asks)
_WRITES = {"done": False}


def writes_done() -> bool:
    return _WRITES["done"]


def reset_writes() -> None:
    _WRITES["done"] = False


def write_all(planned: Iterable[tuple[str, str]]) -> list[str]:
    """Write every planned ``(path, text)``, or none of them.

    Two entries for one path are refused before anything is written, as
    is a target that is a folder or another non-regular file.  Files that
    already hold their text are left untouched.  Returns the paths
    written, in the order planned.  Raises UsageError (nothing written,
    every temporary file removed) when a file cannot be written.
    """
    plan = list(planned)
    seen: dict[str, str] = {}
    for path, _ in plan:
        real = os.path.realpath(os.path.abspath(path))
        if real in seen:
            raise UsageError(f"two outputs of one run are the same file, "
                             f"{path} (and {seen[real]}): nothing written")
        seen[real] = path
    changes: list[tuple[str, bytes, bytes | None]] = []
    for path, text in plan:
        data = text.encode("utf-8")
        old = _current(path)
        if old != data:
            changes.append((path, data, old))
    made: list[str] = []      # folders created, outermost first
    temps: list[tuple[str, str]] = []
    try:
        for path, data, _ in changes:
            made += _make_folders(os.path.dirname(os.path.abspath(path)))
            fd, tmp = _temporary(path)
            temps.append((tmp, path))
            _fill(fd, tmp, data)
    except BaseException as exc:
        _remove(t for t, _ in temps)
        _remove_empty(made)
        if isinstance(exc, OSError):
            raise _cannot(exc, temps, changes) from None
        raise
    done: list[int] = []
    try:
        for number, (tmp, path) in enumerate(temps):
            os.replace(tmp, path)
            done.append(number)
        _WRITES["done"] = True
    except BaseException as exc:
        _remove(t for n, (t, _) in enumerate(temps) if n not in done)
        for number in reversed(done):  # put back what was replaced
            path, _, old = changes[number]
            with contextlib.suppress(OSError):
                if old is None:
                    os.unlink(path)
                else:
                    _put(path, old)
        _remove_empty(made)
        if isinstance(exc, OSError):
            raise _cannot(exc, temps, changes) from None
        raise
    return [path for path, _, _ in changes]


def _current(path: str) -> bytes | None:
    """A target's bytes, None where there is none; refuses a folder, a
    FIFO or a device, which a rename would replace or fail on."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LoadError(path, 1, 1, UNWRITABLE, "cannot write: "
                        f"{exc.strerror or exc}; nothing written") from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else \
            "a folder" if stat.S_ISDIR(info.st_mode) else "not a file"
        raise LoadError(path, 1, 1, IRREGULAR, f"cannot write: it is {kind}; "
                        "nothing written")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise LoadError(path, 1, 1, UNWRITABLE, "cannot write: "
                        f"{exc.strerror or exc}; nothing written") from None


def _make_folders(folder: str) -> list[str]:
    """Create a folder and its missing parents; returns those created."""
    missing = []
    while not os.path.isdir(folder):
        missing.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for path in reversed(missing):
        os.mkdir(path)
    return list(reversed(missing))


def _cannot(exc: OSError, temps: list[tuple[str, str]],
            changes: list[tuple[str, bytes, bytes | None]]) -> LoadError:
    where = temps[-1][1] if temps else changes[0][0]
    return LoadError(where, 1, 1, UNWRITABLE,
                     f"cannot write: {exc.strerror or exc}; nothing written")


def _remove_empty(folders: list[str]) -> None:
    """Remove the folders a failed write created (innermost first)."""
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def _remove(paths: Iterable[str]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


# -- what a kill leaves -------------------------------------------------------

def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process (or no pid we can judge)
    return True


def clean_stale(folders: Iterable[str]) -> list[str]:
    """Remove our temporary files (``.NAME.interop-PID-XXXX.tmp``) whose
    writer is gone from the given folders; returns those removed."""
    removed = []
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            found = _STALE_TMP.match(name)
            if found and not _alive(int(found[1])):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    if os.path.isfile(path) and not os.path.islink(path):
                        os.unlink(path)
                        removed.append(path)
    return removed


def clean_stale_trials() -> list[str]:
    """Remove trial folders a killed run left in the temporary folder
    (ours only: our prefix, our user, a process that is gone)."""
    top = tempfile.gettempdir()
    removed: list[str] = []
    try:
        names = os.listdir(top)
    except OSError:
        return removed
    for name in names:
        found = _STALE_TRIAL.match(name)
        if not found or _alive(int(found[1])):
            continue
        path = os.path.join(top, name)
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def trial_folder() -> Iterator[str]:
    """A temporary folder for a trial copy, removed on any exit Python
    sees (the CLI turns SIGTERM and SIGHUP into an exit); the folders
    killed runs left are removed first."""
    clean_stale_trials()
    with tempfile.TemporaryDirectory(
            prefix=f"{TRIAL_PREFIX}{os.getpid()}-") as folder:
        yield folder


# -- one writer at a time -----------------------------------------------------

def lock_path(root: str) -> str:
    """Where the lock of the repository at ``root`` lives: in its git
    folder (``.git/interop.lock``, where git status does not show it),
    else in a private folder of the user's under the temporary folder,
    named for the root's real path (a file at the root would change the
    tree even of a refused command).

    A ``.git`` found above ``root`` counts only when it is a real folder
    (not a link) that the user owns, as git's own ``safe.directory`` rule
    asks: a ``/tmp/.git`` someone else planted is never written into."""
    folder = os.path.abspath(root)
    while True:
        dot_git = os.path.join(folder, ".git")
        if _own_folder(dot_git):
            return os.path.join(dot_git, LOCK_NAME)
        if os.path.isfile(dot_git) and not os.path.islink(dot_git) and \
                _owned(dot_git):  # a worktree: "gitdir: PATH"
            with contextlib.suppress(OSError):
                with open(dot_git, encoding="utf-8") as handle:
                    line = handle.readline().strip()
                if line.startswith("gitdir:"):
                    gitdir = os.path.join(folder, line[7:].strip())
                    if _own_folder(gitdir):
                        return os.path.join(gitdir, LOCK_NAME)
        parent = os.path.dirname(folder)
        if parent == folder:
            import hashlib
            key = hashlib.sha256(os.fsencode(os.path.realpath(root)))
            return os.path.join(private_folder(),
                                f"{TMP_PREFIX}{key.hexdigest()[:24]}.lock")
        folder = parent


def _owned(path: str) -> bool:
    try:
        return os.lstat(path).st_uid == os.getuid()
    except OSError:
        return False


def _own_folder(path: str) -> bool:
    """A real folder (not a link to one) that the user owns."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def private_folder() -> str:
    """The user's own folder under the temporary folder (mode 0700), for
    what must not live in a tree: made if missing, refused when it is a
    link, someone else's, or open to others."""
    path = os.path.join(tempfile.gettempdir(), f"{TMP_PREFIX}{os.getuid()}")
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, 0o700)
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise UsageError(f"cannot use {path}: {exc.strerror or exc}") \
            from None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or \
            info.st_mode & 0o077:
        raise UsageError(f"{path} is not a private folder of this user "
                         "(a link, someone else's, or open to others): "
                         "nothing written; remove it or set TMPDIR")
    return path


@contextlib.contextmanager
def locked(root: str) -> Iterator[str]:
    """Hold the repository's write lock (an ``flock``, released however
    the process ends) for a command; refuses at once, naming the process
    that holds it, when another command is writing.  The lock file is
    removed when the command ends."""
    path = lock_path(root)
    fd = _take(path, root)
    try:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        # removed while still held, so that no one takes a lock on a file
        # that is gone (_take checks that the file it locked is the path)
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _take(path: str, root: str) -> int:
    import fcntl
    for _ in range(100):
        try:
            # never through a link: a planted one would truncate its target
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW,
                         0o600)
        except OSError as exc:
            raise UsageError(f"cannot take the lock {path}: "
                             f"{exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise UsageError(
                f"another interop command (pid {holder or 'unknown'}) is "
                f"writing in {os.path.abspath(root)}; nothing written, try "
                f"again when it has finished (lock: {path})") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # locked a file its holder removed as it ended
    raise UsageError(f"cannot take the lock {path}: it keeps changing")
