"""Locations, findings and load errors: the values every part passes around.

Two kinds of failure are kept apart, as jsonschema keeps SchemaError and
ValidationError apart: a :class:`LoadError` means the input could not be read
at all; a :class:`Finding` means it was read and breaks a rule.
"""
from __future__ import annotations

import dataclasses
import enum
from typing import Any


class Severity(enum.StrEnum):
    """How much a finding matters.  A ``str`` whose value is what the
    output shows, so findings print and serialise as before."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITIES = tuple(s.value for s in Severity)


@dataclasses.dataclass(frozen=True, order=True, slots=True)
class Location:
    """Where a value stands: 1-based line and column (0 when unknown).

    Slotted: a guideline's model holds one per test and field, some
    1,500 of them (a site of 25 years of guidelines holds 75,000)."""

    line: int = 0
    col: int = 0


NOWHERE = Location()

#: a place in a document: the keys (text, as YAML and JSON keys are read)
#: and list indexes from its top
DocPath = tuple[str | int, ...]


def pointer(path: DocPath) -> str:
    """JSON pointer (RFC 6901) for a path of keys and indexes."""
    return "".join(
        "/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


@dataclasses.dataclass(frozen=True)
class Finding:
    """One problem: a rule broken at a place in a file.

    Ordered by file and position so that tests compare plain lists.
    """

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    doc_path: DocPath = ()
    suppressed: str | None = None  # the recorded reason, when silenced
    #: on the one finding that stands for the findings of its rule in its
    #: file beyond the engine's cap: how many more there were
    omitted: int = 0

    def __post_init__(self) -> None:
        if type(self.severity) is not Severity:  # given as its text
            object.__setattr__(self, "severity", Severity(self.severity))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)

    @property
    def pointer(self) -> str:
        return pointer(self.doc_path)

    def as_dict(self) -> dict[str, Any]:
        out = {
            "path": self.path, "line": self.line, "col": self.col,
            "pointer": self.pointer, "code": self.code,
            "severity": self.severity, "message": self.message,
        }
        if self.suppressed is not None:
            out["suppressed"] = self.suppressed
        if self.omitted:
            out["omitted"] = self.omitted
        return out

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        return f"{where}: {self.code} {self.message}"


class LoadError(Exception):
    """The input could not be read; carries a located, coded message."""

    def __init__(self, path: str, line: int, col: int, code: str,
                 message: str) -> None:
        super().__init__(f"{path}:{line}:{col}: {code} {message}")
        self.finding = Finding(path, line, col, code, Severity.ERROR,
                               message)


class UsageError(Exception):
    """The command was asked for something it cannot do (exit code 2)."""
