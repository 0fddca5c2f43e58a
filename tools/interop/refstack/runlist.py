"""A guideline's test list as Tempest runs it.

RefStack's list (:mod:`interop.refstack.testlist`) names tests as the
guideline does, ``name[id-<uuid>]``.  ``tempest run --load-list`` wants
the runtime ids instead, ``name[attr,...]`` with every attribute, and
drops a line that is not one of them without a word.  Here each test of
the guideline is resolved against the installed suite's listing
(:mod:`interop.tempest.listing`, handed in so this stage needs no
Tempest): by name, then by an alias, then by its idempotent id (a renamed
test is still found).  A test the suite lacks, or whose id stands on
several tests none of which it names, is an error naming it (E200,
E201), never a silent drop.

The credentials filter keeps, with ``non-admin``, only the tests the
test index knows need no admin role; a test whose credentials the index
does not know is an error (E202), not a guess.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from interop.errors import LoadError
from interop.model import normal_id
from interop.refstack.testlist import capabilities

FORMATS = ("refstack", "load-list", "regex")
CREDENTIALS = ("any", "non-admin")


@dataclasses.dataclass(frozen=True)
class Wanted:
    """A test of the guideline: its name, aliases and id."""

    name: str
    id: str | None
    aliases: tuple[str, ...] = ()


def wanted(doc: dict[str, Any], target: str, types: Iterable[str] | None,
           flagged: bool = True,
           others: Mapping[str, dict[str, Any]] | None = None
           ) -> list[Wanted]:
    """The guideline's tests of a target with the given statuses, each
    once, sorted by name (flagged ones left out unless ``flagged``)."""
    out: dict[str, Wanted] = {}
    for owner, cap in capabilities(doc, target, types, others):
        details = (owner.get("capabilities") or {}).get(cap)
        tests = details.get("tests") if isinstance(details, dict) else None
        # schema 1.2: names only (the second test, always true when the
        # first is, tells the type checker that details is a dict)
        if isinstance(tests, list) and isinstance(details, dict):
            skip = set(details.get("flagged") or []) if not flagged else ()
            out.update((t, Wanted(t, None)) for t in tests if t not in skip)
            continue
        for name, test in (tests or {}).items():
            test = test if isinstance(test, dict) else {}
            if test.get("flagged") and not flagged:
                continue
            out.setdefault(name, Wanted(
                name, normal_id(test.get("idempotent_id")),
                tuple(test.get("aliases") or ())))
    return [out[k] for k in sorted(out)]


class SuiteListing(Protocol):
    """What :func:`resolve` reads of the installed suite's listing
    (:class:`interop.tempest.listing.Listing`, a stage this one does not
    import)."""

    by_name: dict[str, str]
    by_id: dict[str, list[str]]


def resolve(tests: Iterable[Wanted], listing: SuiteListing,
            where: str = "<guideline>") -> dict[str, str]:
    """Guideline name -> runtime id of the installed suite.

    ``listing`` has ``by_name`` (name -> runtime id) and ``by_id`` (bare
    uuid -> runtime ids).  Every test that cannot be resolved is named in
    one :class:`LoadError`."""
    found: dict[str, str] = {}
    missing, ambiguous = [], []
    for test in tests:
        line = next((listing.by_name[n] for n in (test.name, *test.aliases)
                     if n in listing.by_name), None)
        if line is None and test.id:
            candidates = listing.by_id.get(test.id, [])
            if len(candidates) == 1:
                line = candidates[0]
            elif candidates:
                ambiguous.append(f"{test.name} (id-{test.id} stands on "
                                 f"{', '.join(sorted(candidates))})")
                continue
        if line is None:
            missing.append(test.name + (f"[id-{test.id}]" if test.id
                                        else ""))
        else:
            found[test.name] = line
    if missing:
        raise LoadError(where, 1, 1, "E200", "the installed tests lack "
                        f"{len(missing)} listed: " + _some(missing))
    if ambiguous:
        raise LoadError(where, 1, 1, "E201", "cannot tell which installed "
                        "test is meant: " + _some(ambiguous, "; "))
    return found


def non_admin(lines: dict[str, str],
              admin_of: Callable[[str], bool | None],
              where: str = "<guideline>") -> dict[str, str]:
    """The tests that need no admin role; ``admin_of(runtime name)`` is
    True, False, or None when the index does not know."""
    unknown = [n for n, line in lines.items()
               if admin_of(line.split("[", 1)[0]) is None]
    if unknown:
        raise LoadError(where, 1, 1, "E202", "the test index does not "
                        f"know the credentials of {len(unknown)}: "
                        + _some(unknown))
    return {n: line for n, line in lines.items()
            if not admin_of(line.split("[", 1)[0])}


def _some(names: list[str], sep: str = ", ", shown: int = 20) -> str:
    """The first ``shown`` names, and how many more there are."""
    more = len(names) - shown
    return sep.join(names[:shown]) + (f"{sep}and {more} more" if more > 0
                                      else "")


def regex(line: str) -> str:
    """An anchored, escaped pattern for ``--include-list``: the runtime
    name, with or without its attributes."""
    name = line.split("[", 1)[0]
    return "^" + re.escape(name) + r"(?:\[.*\])?$"


def render(lines: Iterable[str], fmt: str) -> list[str]:
    """The lines of a list in a format (runtime ids in; sorted out)."""
    ordered = sorted(set(lines))
    if fmt == "regex":
        return [regex(line) for line in ordered]
    return ordered
