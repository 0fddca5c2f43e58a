"""Days: the one "today" every rule and command reads, and date parsing.

"Today" is :func:`today`: the ``INTEROP_TODAY`` environment variable
(``YYYY-MM-DD``) when set, so that tests and rehearsals can freeze it,
else the machine's date.  Nothing else in the package asks the clock for
the day.
"""
from __future__ import annotations

import datetime
import os
import re

from interop.errors import UsageError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object) -> datetime.date | None:
    """A real calendar date written ``YYYY-MM-DD``, or None."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:  # 2027-02-30
        return None


def today() -> datetime.date:
    """Today, or the day ``INTEROP_TODAY`` freezes."""
    frozen = os.environ.get("INTEROP_TODAY")
    if frozen:
        day = parse_date(frozen)
        if day is None:
            raise UsageError(f"INTEROP_TODAY={frozen!r} is not a date "
                             "(YYYY-MM-DD)")
        return day
    return datetime.date.today()
