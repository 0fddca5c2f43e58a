"""The ``interop`` command: a thin layer over the library.

The commands are declared in ``commands.toml`` (built into parsers by
:mod:`interop.cli.parsers`); a command is a function of the parsed
arguments that returns the exit code, in the module of its family.

Exit codes: 0 all well; 1 findings (or drift, or a failed verdict);
2 the command could not run (usage, or input that cannot be read).
"""
from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from interop.cli.base import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from interop.cli.parsers import build, runner
from interop.errors import LoadError, UsageError
from interop.text import terminal

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "commands", "main",
           "parser", "parsers"]


def parser() -> argparse.ArgumentParser:
    return build()["interop"]


def commands() -> dict[str, argparse.ArgumentParser]:
    """Each command's parser by name, in the order ``interop -h`` lists
    them (the documentation prints their help)."""
    return {line.split()[1]: p for line, p in build().items()
            if line.count(" ") == 1}


def parsers() -> dict[str, argparse.ArgumentParser]:
    """Every parser by its command line (``interop tests lock``)."""
    return build()


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    # the command is the first word that is not an option (the top level
    # has only -h and --version)
    top = build(next((w for w in words if not w.startswith("-")), ""))
    args = top["interop"].parse_args(words)
    if not args.command:
        top["interop"].print_help()
        return EXIT_ERROR
    _STATE["settled"] = False
    from interop.files import reset_writes
    reset_writes()
    _exit_on_signals()
    sys.stdout = PipeSafe(sys.stdout)
    try:
        return _settled(runner(args.run)(args))
    except KeyboardInterrupt:
        # one line, no traceback: the shell's convention for SIGINT
        print(f"interop {args.command}: interrupted", file=sys.stderr)
        return 128 + 2
    except LoadError as exc:
        print(terminal(exc.finding.format()), file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        # a message may quote names from the data: one visible line each
        print(f"interop {args.command}: "
              + "\n".join(map(terminal, str(exc).split("\n"))),
              file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # written around PipeSafe: no verdict known
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:
        if exc.errno not in _NO_ROOM:
            raise
        # a full or read-only temporary folder or disk: the writes are
        # atomic, so nothing was changed; say where, and stop
        where = exc.filename or os.environ.get("TMPDIR") or "the disk"
        print(f"interop {args.command}: E182 cannot write {terminal(where)}"
              f": {exc.strerror or exc}; nothing written", file=sys.stderr)
        return EXIT_ERROR
    finally:
        _flush_quietly()


class PipeSafe:
    """Standard output that a closed reader (``| head``, a log shipper
    that stopped) cannot turn into another exit code: on a broken pipe
    the command stops writing, finishes its verdict silently and exits
    with the verdict's own code."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._close()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._close()

    def _close(self) -> None:
        self.broken = True
        # what is still buffered must not fail again at the interpreter's
        # exit: the descriptor now leads nowhere
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _settled(code: int) -> int:
    """The command's result stands once it is known: a SIGTERM or SIGHUP
    that arrives while its last output is flushed does not replace it."""
    _STATE["settled"] = True
    _flush_quietly()
    return code


def _flush_quietly() -> None:
    out = sys.stdout
    if isinstance(out, PipeSafe):
        out.flush()
        sys.stdout = out._stream if not out.broken else out


_STATE = {"settled": False}
#: the errors of a place that cannot take what is written (full, over
#: quota, read-only, a name too long): exit 2 with one line, no traceback
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS,
                      errno.ENAMETOOLONG, errno.EFBIG})


def _ended(signum: int, frame: Any) -> None:
    from interop.files import writes_done
    # once the verdict is known, or the command's writes are all in
    # place, the command finishes with its own result
    if not _STATE["settled"] and not writes_done():
        raise SystemExit(128 + signum)


def _exit_on_signals() -> None:
    """SIGTERM and SIGHUP end the command as an exit does, so that its
    trial copies and temporary files are removed (a kill that cannot be
    caught leaves them for the next run to remove)."""
    import signal
    import threading
    if threading.current_thread() is not threading.main_thread():
        return  # pragma: no cover - signals are the main thread's
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name) and \
                signal.getsignal(getattr(signal, name)) is signal.SIG_DFL:
            signal.signal(getattr(signal, name), _ended)


if __name__ == "__main__":
    sys.exit(main())
