"""The rule catalogue as ``interop rules`` lists it: one line a rule, or
JSON with each rule's whole docstring."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Protocol


class Described(Protocol):
    """What a listed rule shows: the catalogue's rules and the consumer
    profiles' (``interop.refstack.profiles``) alike."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def doc(self) -> str: ...
    @property
    def summary(self) -> str: ...


def listing(rules: Mapping[str, Described], format: str = "text") -> str:
    """The rules, ``text`` (by code, one line each) or ``json`` (in the
    order given, with their docstrings)."""
    if format == "json":
        return json.dumps([{"code": r.code, "severity": r.severity,
                            "name": r.name, "doc": r.doc}
                           for r in rules.values()], indent=2) + "\n"
    return "".join(f"{code}  {rules[code].severity:<7}  "
                   f"{rules[code].name:<24}  {rules[code].summary}\n"
                   for code in sorted(rules))
