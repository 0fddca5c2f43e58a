"""Commands on changes: diff, review."""
from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """diff and review are registered here (being built)."""
