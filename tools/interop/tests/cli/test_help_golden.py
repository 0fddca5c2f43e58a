"""Every parser's ``--help`` is the one the golden snapshot holds.

The snapshot (``data/help.json``) was written from the parsers as they
were declared in Python, before the commands became data
(``cli/commands.toml``): the test proves the declaration moved without
changing a byte of what users and the CLI reference page read.  Write it
anew, after a deliberate change of help text, with
``python tools/interop/tests/cli/test_help_golden.py``.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from interop import cli

SNAPSHOT = Path(__file__).with_name("data") / "help.json"
#: argparse's layout follows the terminal's width; fixed for both sides
COLUMNS = "80"


def helps() -> dict[str, str]:
    """``--help`` of ``interop`` and of every command and subcommand."""
    return {line: p.format_help() for line, p in cli.parsers().items()}


def _snapshot() -> dict[str, object]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def _same_python(snapshot: dict[str, object]) -> bool:
    # argparse's layout changes between Python versions (3.13 writes
    # '-j, --jobs N'); the snapshot holds the version it was written on
    return snapshot["python"] == "{}.{}".format(*sys.version_info[:2])


@pytest.fixture
def columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", COLUMNS)


#: an option as a help names it (``-j``, ``--jobs``)
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


def test_every_help_is_the_snapshots(columns: None) -> None:
    """Byte for byte on the Python the snapshot was written on; on
    another, whose argparse lays help out otherwise, every help still
    names the options the snapshot's does."""
    snapshot = _snapshot()
    now = helps()
    assert sorted(now) == sorted(snapshot["helps"])  # type: ignore[arg-type]
    for name, text in now.items():
        then = snapshot["helps"][name]  # type: ignore[index]
        if _same_python(snapshot):
            assert text == then, name
        else:
            assert set(OPTION.findall(text)) == set(OPTION.findall(then)), \
                name


def test_the_walk_reaches_subcommands(columns: None) -> None:
    names = set(helps())
    assert {"interop", "interop check", "interop tests verify",
            "interop tests lock"} <= names
    # the documentation's directive lists the same commands
    assert {f"interop {c}" for c in cli.commands()} <= names


if __name__ == "__main__":
    os.environ["COLUMNS"] = COLUMNS
    SNAPSHOT.parent.mkdir(exist_ok=True)
    SNAPSHOT.write_text(json.dumps(
        {"python": "{}.{}".format(*sys.version_info[:2]), "helps": helps()},
        indent=1, sort_keys=True) + "\n", encoding="utf-8")
