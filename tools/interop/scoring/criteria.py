"""Core Criteria sets: the criteria, their weights, the total and the cutoff.

A set lives in ``criteria/<id>.yaml``; a guideline names it with
``scoring: <id>`` and the compiler writes its cutoff and criteria into the
published file.

A set may be an **overlay** of another (``extends: core``): it reads the
same criteria for a narrower audience (``audience: NFV products``), with,
per criterion, a ``read_as`` text that pages and packets show beside the
criterion; it may leave criteria of its base out (``without: [...]``) and
give a criterion another weight.  Weights, names, descriptions, the total
and the cutoff are inherited unless the overlay says otherwise; the total
of an overlay that leaves criteria out is the sum of what remains.
``read_as`` and ``audience`` are never published: the published criteria
are the resolved set's.  :func:`resolve_sets` resolves every overlay of a
repository; what it cannot resolve it records in ``problems`` (the W021
and W022 rules report them).
"""
from __future__ import annotations

import copy
import dataclasses
from typing import Any

from interop import model as m
from interop.errors import LoadError, Location
from interop.load.reader import read_criterion
from interop.load.source import YMap, load_yaml_file

#: the keys of an overlay's criterion that are not published criteria
OVERLAY_ONLY = ("read_as",)


@dataclasses.dataclass
class CriteriaSet:
    id: str
    name: m.Written
    total: m.Written
    cutoff: m.Written
    criteria: dict[str, m.Criterion]
    file: str = ""
    loc: Location = Location()
    tree: Any = None
    #: the set this one extends (an overlay), and for whom it reads them
    extends: str | None = None
    audience: m.Written = None
    #: criterion key -> how the program's audience reads it
    read_as: dict[str, Any] = dataclasses.field(default_factory=dict)
    without: tuple[Any, ...] = ()
    #: (path in the file, message): what resolving the overlay found
    problems: list[tuple[tuple[Any, ...], str]] = dataclasses.field(
        default_factory=list)

    def scoring(self) -> m.Scoring:
        """The published scoring block of a guideline using this set."""
        return m.Scoring(cutoff_score=self.cutoff, criteria=self.criteria)

    def weights(self) -> dict[str, int]:
        return {key: c.weight for key, c in self.criteria.items()
                if isinstance(c.weight, int)}


def _strip(body: Any) -> tuple[Any, Any]:
    """(the criterion without its overlay-only keys, its read_as)."""
    if not isinstance(body, dict) or "read_as" not in body:
        return body, None
    plain = copy.copy(body)
    read_as = plain.pop("read_as")
    if hasattr(plain, "key_locs"):
        plain.key_locs = {k: v for k, v in plain.key_locs.items()
                          if k != "read_as"}
    return plain, read_as


def load_set(path: str) -> CriteriaSet:
    tree = load_yaml_file(path)
    if not isinstance(tree, dict):
        raise LoadError(path, 1, 1, "E112", "a criteria set must be a mapping")
    criteria = tree.get("criteria")
    items, read_as = {}, {}
    if isinstance(criteria, dict):
        for key, body in criteria.items():
            plain, said = _strip(body)
            items[key] = read_criterion(key, plain, ("criteria", key))
            if said is not None:
                read_as[key] = said
    extends = tree.get("extends")
    without = tree.get("without")
    return CriteriaSet(
        id=str(tree.get("id", "")), name=tree.get("name"),
        total=tree.get("total"), cutoff=tree.get("cutoff"), criteria=items,
        file=path, loc=tree.loc if isinstance(tree, YMap) else Location(),
        tree=tree, extends=extends if isinstance(extends, str) else None,
        audience=tree.get("audience"), read_as=read_as,
        without=tuple(without) if isinstance(without, list) else ())


def resolve_sets(sets: dict[str, CriteriaSet]) -> dict[str, CriteriaSet]:
    """Every set with its overlays resolved over their bases (the raw sets
    are left as they were)."""
    done: dict[str, CriteriaSet] = {}

    def resolve(name: str, seen: tuple[str, ...]) -> CriteriaSet:
        if name in done:
            return done[name]
        raw = sets[name]
        if raw.extends is None:
            done[name] = raw
            return raw
        if raw.extends in seen or raw.extends not in sets:
            why = "a loop" if raw.extends in seen else "no such set"
            broken = dataclasses.replace(raw, problems=[(
                ("extends",), f"criteria set '{raw.id}' extends "
                f"'{raw.extends}': {why}")])
            done[name] = broken
            return broken
        base = resolve(raw.extends, seen + (name,))
        done[name] = _overlay(raw, base)
        return done[name]

    for name in sets:
        resolve(name, ())
    return done


def _overlay(raw: CriteriaSet, base: CriteriaSet) -> CriteriaSet:
    problems: list[tuple[tuple[Any, ...], str]] = []
    for key in raw.without:
        if key not in base.criteria:
            problems.append((("without",), f"'{key}' is not a criterion of "
                             f"'{base.id}', so it cannot be left out"))
    criteria = {k: c for k, c in base.criteria.items()
                if k not in raw.without}
    for key, own in raw.criteria.items():
        if key not in criteria:
            problems.append((("criteria", key), f"'{key}' is not a "
                             f"criterion of '{base.id}'"
                             + (" (left out by 'without')"
                                if key in raw.without else "")))
            continue
        given = {f: getattr(own, f) for f in ("name", "description",
                                                "weight")
                 if getattr(own, f) is not None}
        if given:
            criteria[key] = dataclasses.replace(criteria[key], **given)
    read_as = {k: v for k, v in base.read_as.items() if k in criteria}
    read_as.update({k: v for k, v in raw.read_as.items() if k in criteria})
    total = raw.total
    if total is None:
        total = base.total if not raw.without else sum(
            c.weight for c in criteria.values() if isinstance(c.weight, int))
    return dataclasses.replace(
        raw, criteria=criteria, read_as=read_as, problems=problems,
        name=raw.name if raw.name is not None else base.name, total=total,
        cutoff=raw.cutoff if raw.cutoff is not None else base.cutoff,
        audience=raw.audience if raw.audience is not None
        else base.audience)
