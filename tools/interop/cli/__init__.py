"""The ``interop`` command: a thin layer over the library.

Each module of this package registers the commands of one family
(``register(sub)``); a command is a function of the parsed arguments that
returns the exit code.

Exit codes: 0 all well; 1 findings (or drift, or a failed verdict);
2 the command could not run (usage, or input that cannot be read).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from interop import __version__
from interop.cli import (
    authoring,
    checking,
    documents,
    governance,
    review,
    scores,
    testing,
)
from interop.cli.base import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from interop.cli.checking import FORMATTERS
from interop.errors import LoadError, UsageError
from interop.text import terminal

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "FORMATTERS",
           "commands", "main", "parser"]
FAMILIES = (authoring, checking, scores, testing, review, documents,
            governance)


def parser() -> argparse.ArgumentParser:
    return _build()[0]


def commands() -> dict[str, argparse.ArgumentParser]:
    """Each command's parser by name, in the order ``interop -h`` lists
    them (the documentation prints their help)."""
    return dict(_build()[1].choices)


def _build() -> tuple[argparse.ArgumentParser, Any]:
    top = argparse.ArgumentParser(
        prog="interop",
        description="Author, check, compile and render interoperability "
                    "guidelines.",
        epilog="Exit codes: 0 all well, 1 findings or drift, 2 usage or "
               "input error.")
    top.add_argument("--version", action="version",
                     version=f"interop {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    for family in FAMILIES:
        family.register(sub)
    return top, sub


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return EXIT_ERROR
    _exit_on_signals()
    try:
        return args.run(args)
    except LoadError as exc:
        print(terminal(exc.finding.format()), file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        # a message may quote names from the data: one visible line each
        print(f"interop {args.command}: "
              + "\n".join(map(terminal, str(exc).split("\n"))),
              file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into head and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _ended(signum: int, frame: Any) -> None:
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
