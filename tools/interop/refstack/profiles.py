"""Consumer profiles: a program's own list drawn from a guideline.

A successor program (Sovereign Cloud Stack's SCS-0128, for one) runs a
guideline's tests its own way: one target, only the tests that need no
admin role, some left out by decisions of its own.  A profile in
``consumers/<id>.yaml`` says exactly that, as data checked like the
guidelines::

    profile: scs-0128            # the file's own name
    name: SCS-compatible IaaS, end-to-end tests
    url: https://...             # the consumer's standard
    guideline: guidelines/baseline/2020.06.yaml
    target: compute
    credentials: non-admin       # or any
    exclude:
      - test: tempest.api...test_x
        reason: why the consumer leaves it out
        decision: https://...    # where that was decided
    scs:                         # for 'interop export scs'
      testcase: scs-0128-tempest-non-admin
      lifetime: month            # day, week, month, quarter, year
      section: heavy             # light, medium, heavy
      page: https://...          # this profile's page in our docs
      since: 2026-12-01          # the scope's timeline date

The profile's list is the target's required tests, flagged tests left
out (as ``interop comply`` judges), then the credentials filter and the
exclusions.  Its rules (J001-J008) are
:mod:`interop.refstack.profilerules`', not :mod:`interop.checks`', because
J004 needs the target's test list, which is RefStack's semantics
(:mod:`interop.refstack.testlist`) and above the checks; they are
declared, documented and tested like the catalogue's.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from interop.errors import LoadError
from interop.load.source import load_yaml, read_text

FOLDER = "consumers"
CREDENTIALS = ("any", "non-admin")
LIFETIMES = ("day", "week", "month", "quarter", "year")
SECTIONS = ("light", "medium", "heavy")
KEYS = {"profile": str, "name": str, "url": str, "guideline": str,
        "target": str, "credentials": str, "exclude": list, "scs": dict}
REQUIRED = ("profile", "guideline", "target")
EXCLUSION_KEYS = ("test", "reason", "decision")
SCS_KEYS = {"testcase": str, "lifetime": str, "section": str,
            "description": str, "page": str, "since": str}


@dataclasses.dataclass(frozen=True)
class Exclusion:
    test: str
    reason: str
    decision: str


@dataclasses.dataclass
class Profile:
    path: str                 # as shown in findings
    tree: Any                 # the loaded YAML, with places
    id: str
    name: str
    url: str | None
    guideline: str            # relative to the repository
    target: str
    credentials: str
    exclude: list[Exclusion]
    scs: dict[str, str]

    @property
    def excluded(self) -> set[str]:
        return {e.test for e in self.exclude}


def _text(tree: Any, key: str, default: str = "") -> str:
    value = tree.get(key) if isinstance(tree, dict) else None
    return value if isinstance(value, str) else default


def written_exclusions(tree: Any) -> list[Any]:
    """The exclusions as written, when they are a list (J002 says when
    they are not)."""
    found = tree.get("exclude") if isinstance(tree, dict) else None
    return found if isinstance(found, list) else []


def read(text: str, path: str) -> Profile:
    """A profile from its text; only what cannot be read at all is a
    :class:`LoadError` (E203), the rest is for the rules."""
    tree = load_yaml(text, path)
    if not isinstance(tree, dict):
        raise LoadError(path, 1, 1, "E203", "a consumer profile is a "
                        "mapping (profile, guideline, target, ...)")
    exclude = []
    for item in written_exclusions(tree):
        if isinstance(item, dict):
            exclude.append(Exclusion(_text(item, "test"),
                                     _text(item, "reason"),
                                     _text(item, "decision")))
    scs = tree.get("scs")
    scs = scs if isinstance(scs, dict) else {}
    return Profile(path, tree, _text(tree, "profile"), _text(tree, "name"),
                   _text(tree, "url") or None, _text(tree, "guideline"),
                   _text(tree, "target"),
                   _text(tree, "credentials", "any"), exclude,
                   {k: v for k, v in scs.items() if isinstance(v, str)})


def load(path: str, shown: str | None = None) -> Profile:
    return read(read_text(path), shown or path)
