"""A capability's score: the one function every total comes from.

The checks (``interop.checks.scoring``), the scoring sheets
(``interop.scoring.sheets``), the worksheet reader
(``interop.scoring.worksheet``) and the Board's pages all call
:func:`total`, so that "admin-only scores 0 in Powered" and a ``?`` mark's
provisional total mean the same everywhere.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any


@dataclasses.dataclass
class Total:
    """A capability's weighted total under a criteria set."""

    points: int            # from the criteria marked 1
    pending: int           # weight of the criteria marked "?"
    zeroed: bool = False   # admin-only in Powered: 0 whatever the marks

    @property
    def provisional(self) -> bool:
        return self.pending > 0 and not self.zeroed

    def meets(self, cutoff: int) -> bool | None:
        """True or False when known; None when the ``?`` marks decide."""
        if self.points >= cutoff:
            return True
        if self.points + self.pending < cutoff or not self.provisional:
            return False
        return None

    def __str__(self) -> str:
        if self.provisional:
            return f"{self.points}..{self.points + self.pending}?"
        return str(self.points)


def total(marks: Mapping[str, Any], weights: Mapping[str, Any],
          admin: Any = False, powered: bool = False) -> Total:
    """Weights times marks: a criterion marked 1 counts its weight, one
    marked ``"?"`` is pending; a capability that needs admin (``admin``
    is True) totals 0 in the Powered program, whatever its marks."""
    if powered and admin is True:
        return Total(0, 0, zeroed=True)
    numbers = {k: w for k, w in weights.items()
               if isinstance(w, int) and not isinstance(w, bool)}
    return Total(sum(w for k, w in numbers.items() if marks.get(k) == 1),
                 sum(w for k, w in numbers.items() if marks.get(k) == "?"))


def achieved(names: Any) -> dict[str, int]:
    """A guideline's written achievements as marks (each named criterion
    marked 1), for :func:`total`."""
    if not isinstance(names, list):
        return {}
    return {a: 1 for a in names if isinstance(a, str)}
