"""A program's test lock: every listed test, where it lives and a
fingerprint of its code, so that a test cannot change unseen.

One file per program, ``criteria/locks/<program>.json``, written
deterministically (sorted keys, indent 1, trailing newline) through
:mod:`interop.files`::

    {"program": "dns",
     "installed": {"tempest": "47.0.0", "designate-tempest-plugin": "..."},
     "tests": {"TEST": {"id": "<uuid>" or null,
                        "file": "<path relative to site-packages>",
                        "line": 12,
                        "credentials": ["admin", "primary"],
                        "fingerprint": "sha256:<hex>",
                        "reads": ["heat_tempest_plugin/.../x.yaml"]}},
     "accepted": {"TEST": {"fingerprint": "sha256:<hex>",
                           "reason": "...", "by": "...",
                           "date": "YYYY-MM-DD"}}}

An Xtesting case (``xtesting:<project>/<case>``) is locked too: its
``file`` and ``reads`` are the testcases file (relative to the
repository), its ``line`` the case's, its fingerprint that of the case's
entry there.

``installed`` holds the distributions the lock was made from (Tempest
and the plugins); ``accepted`` records a reviewed change of a test's code
(``interop tests lock --accept TEST --reason ...``): a test whose
installed fingerprint equals its accepted one is not suspect.

The field names are stable: other commands (the docs build's credentials,
the certification workflow) read the committed locks.  This module is the
one reader: it is pure JSON (no Tempest import), so the docs stage reads
a lock here as the tempest stage (which writes it) does.

Load errors (never a traceback):

* ``E172`` the lock is not JSON (located at the parser's line and column);
* ``E173`` the lock is JSON but not of the shape above (located at the
  key that is wrong, when it can be found in the text).
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable
from typing import Any

from interop.errors import LoadError
from interop.files import read_regular, write_atomic
from interop.load.credentials import needs_admin, second_user

LOCKS = os.path.join("criteria", "locks")
_MAX_BYTES = 16 * 1024 * 1024
_PROGRAM = re.compile(r"^[a-z0-9][a-z0-9-]*$")
BAD_JSON, BAD_SHAPE = "E172", "E173"
#: makes the located E173 of a key: (key, message) -> the error
_Bad = Callable[[str, str], LoadError]


@dataclasses.dataclass(frozen=True)
class LockedTest:
    """What the lock holds about one test."""

    id: str | None
    file: str | None
    line: int | None
    credentials: tuple[str, ...]
    fingerprint: str
    reads: tuple[str, ...] = ()

    @property
    def needs_admin(self) -> bool:
        """Whether the test's class asks for admin credentials (what the
        lock records; a method that reaches for the admin client itself
        is known only to the installed index)."""
        return needs_admin(self.credentials)

    @property
    def second_user(self) -> bool:
        """Whether the test's class asks for a second ordinary user."""
        return second_user(self.credentials)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "file": self.file, "line": self.line,
                "credentials": sorted(self.credentials),
                "fingerprint": self.fingerprint,
                "reads": sorted(self.reads)}


@dataclasses.dataclass(frozen=True)
class Acceptance:
    """A reviewed change of a test's code."""

    fingerprint: str
    reason: str
    by: str
    date: str

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Lock:
    program: str
    installed: dict[str, str] = dataclasses.field(default_factory=dict)
    tests: dict[str, LockedTest] = dataclasses.field(default_factory=dict)
    accepted: dict[str, Acceptance] = dataclasses.field(
        default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"program": self.program,
                "installed": dict(sorted(self.installed.items())),
                "tests": {k: v.as_dict()
                          for k, v in sorted(self.tests.items())},
                "accepted": {k: v.as_dict()
                             for k, v in sorted(self.accepted.items())}}

    def text(self) -> str:
        """The lock's file contents: same lock, same bytes."""
        return json.dumps(self.as_dict(), indent=1, sort_keys=True,
                          ensure_ascii=False) + "\n"

    def suspect(self, name: str, fingerprint: str) -> bool:
        """Whether ``fingerprint`` (the installed code's) differs from
        what the lock holds for ``name`` and no review accepted it."""
        locked = self.tests.get(name)
        if locked is None or locked.fingerprint == fingerprint:
            return False
        accepted = self.accepted.get(name)
        return accepted is None or accepted.fingerprint != fingerprint


def lock_path(root: str, program: str) -> str:
    if not _PROGRAM.match(program):
        raise LoadError(program, 1, 1, BAD_SHAPE,
                        f"'{program}' is not a program name")
    return os.path.join(root, LOCKS, f"{program}.json")


def lock_file(root: str, program: object) -> str | None:
    """The path of ``program``'s committed lock when it has one (a name
    that cannot be a program's has none)."""
    if not isinstance(program, str) or not _PROGRAM.match(program):
        return None
    path = lock_path(root, program)
    return path if os.path.lexists(path) else None


def read_lock(root: str, program: str) -> Lock | None:
    """The committed lock of ``program`` in the repository at ``root``;
    None when the program has none.  A lock that cannot be read is a
    located LoadError (E101/E161, E172, E173)."""
    path = lock_path(root, program)
    if not os.path.lexists(path):
        return None
    shown = os.path.relpath(path, root)
    raw = read_regular(path, _MAX_BYTES, shown)
    if len(raw) > _MAX_BYTES:
        raise LoadError(shown, 1, 1, BAD_SHAPE, "the lock is too large")
    try:
        text = raw.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise LoadError(shown, 1, 1, BAD_JSON,
                        f"not UTF-8: {exc.reason}") from None
    except json.JSONDecodeError as exc:
        raise LoadError(shown, exc.lineno, exc.colno, BAD_JSON,
                        f"not JSON: {exc.msg}") from None
    return parse_lock(data, shown, text, program)


def parse_lock(data: Any, shown: str, text: str = "",
               program: str | None = None) -> Lock:
    """A :class:`Lock` from decoded JSON; E173 located at the bad key."""
    def bad(key: str, message: str) -> LoadError:
        line, col = _where(text, key)
        return LoadError(shown, line, col, BAD_SHAPE, message)

    if not isinstance(data, dict):
        raise bad("", "a lock is a JSON object")
    unknown = sorted(set(data) - {"program", "installed", "tests",
                                  "accepted"})
    if unknown:
        raise bad(unknown[0], f"unknown key '{unknown[0]}'")
    name = data.get("program")
    if not isinstance(name, str) or (program and name != program):
        raise bad("program", f"'program' must be {program or 'a name'!r}")
    installed = data.get("installed", {})
    if not isinstance(installed, dict) or not all(
            isinstance(v, str) for v in installed.values()):
        raise bad("installed", "'installed' maps distributions to versions")
    tests = _mapping(data, "tests", bad)
    accepted = _mapping(data, "accepted", bad)
    return Lock(name, dict(installed),
                {k: _test(k, v, bad) for k, v in tests.items()},
                {k: _accepted(k, v, bad) for k, v in accepted.items()})


def _mapping(data: dict[str, Any], key: str, bad: _Bad
             ) -> dict[str, dict[str, Any]]:
    value = data.get(key, {})
    if not isinstance(value, dict) or not all(
            isinstance(v, dict) for v in value.values()):
        raise bad(key, f"'{key}' maps test names to objects")
    return value


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _test(name: str, value: dict[str, Any], bad: _Bad) -> LockedTest:
    fp = value.get("fingerprint")
    line = value.get("line")
    if not isinstance(fp, str) or not fp.startswith("sha256:"):
        raise bad(name, f"test '{name}' needs a 'sha256:...' fingerprint")
    if not all(isinstance(value.get(k), (str, type(None)))
               for k in ("id", "file")) or not (
            line is None or (isinstance(line, int)
                             and not isinstance(line, bool))):
        raise bad(name, f"test '{name}': id and file are strings or null, "
                  "line a number or null")
    if not _strings(value.get("credentials", [])) or \
            not _strings(value.get("reads", [])):
        raise bad(name, f"test '{name}': credentials and reads are lists "
                  "of strings")
    return LockedTest(value.get("id"), value.get("file"), line,
                      tuple(value.get("credentials", [])), fp,
                      tuple(value.get("reads", [])))


def _accepted(name: str, value: dict[str, Any], bad: _Bad
              ) -> Acceptance:
    fields = ("fingerprint", "reason", "by", "date")
    if not all(isinstance(value.get(k), str) for k in fields):
        raise bad(name, f"acceptance of '{name}' needs fingerprint, "
                  "reason, by and date (strings)")
    return Acceptance(*(value[k] for k in fields))


def _where(text: str, key: str) -> tuple[int, int]:
    """(line, column) of ``"key"`` in the text; (1, 1) if not found."""
    at = text.find(json.dumps(key)) if key else -1
    if at < 0:
        return 1, 1
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def write_lock(root: str, lock: Lock) -> bool:
    """Write the lock to ``criteria/locks/<program>.json`` atomically;
    False when the file already held exactly that."""
    return write_atomic(lock_path(root, lock.program), lock.text(), root)
