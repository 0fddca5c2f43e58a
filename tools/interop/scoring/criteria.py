"""Core Criteria sets: the criteria, their weights, the total and the cutoff.

A set lives in ``criteria/<id>.yaml``; a guideline names it with
``scoring: <id>`` and the compiler writes its cutoff and criteria into the
published file.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from interop import model as m
from interop.errors import LoadError, Location
from interop.load.reader import read_criterion
from interop.load.source import YMap, load_yaml_file


@dataclasses.dataclass
class CriteriaSet:
    id: str
    name: Any
    total: Any
    cutoff: Any
    criteria: dict[str, m.Criterion]
    file: str = ""
    loc: Location = Location()
    tree: Any = None

    def scoring(self) -> m.Scoring:
        """The published scoring block of a guideline using this set."""
        return m.Scoring(cutoff_score=self.cutoff, criteria=self.criteria)

    def weights(self) -> dict[str, int]:
        return {key: c.weight for key, c in self.criteria.items()
                if isinstance(c.weight, int)}


def load_set(path: str) -> CriteriaSet:
    tree = load_yaml_file(path)
    if not isinstance(tree, dict):
        raise LoadError(path, 1, 1, "E112", "a criteria set must be a mapping")
    criteria = tree.get("criteria")
    items = {}
    if isinstance(criteria, dict):
        items = {key: read_criterion(key, body, ("criteria", key))
                 for key, body in criteria.items()}
    return CriteriaSet(
        id=str(tree.get("id", "")), name=tree.get("name"),
        total=tree.get("total"), cutoff=tree.get("cutoff"), criteria=items,
        file=path, loc=tree.loc if isinstance(tree, YMap) else Location(),
        tree=tree)
