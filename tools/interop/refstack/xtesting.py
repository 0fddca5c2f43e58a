"""Xtesting's results: the records Xtesting pushes for each case it ran.

Xtesting sends one JSON object per case to its results database, or, when
``TEST_DB_URL`` is a ``file://`` address, writes them to that file, one
per line::

    {"project_name": "functest", "case_name": "vping_ssh",
     "criteria": "PASS", "start_date": "...", "stop_date": "...", ...}

A case passed when its ``criteria`` is ``PASS``; it is named as the
guidelines name it, ``xtesting:<project_name>/<case_name>``.  A JSON list
of such objects is read too.  Whatever cannot be read is E150, located.
"""
from __future__ import annotations

import json

from interop.errors import LoadError
from interop.load.xtesting import PREFIX
from interop.refstack.results import CODE, Results, PassedTests


def looks_like(head: bytes) -> bool:
    """Whether the first bytes of a JSON result are Xtesting's."""
    return b'"case_name"' in head and b'"project_name"' in head


def _records(text: str, path: str) -> list[tuple[int, object]]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except ValueError as exc:
            raise LoadError(path, getattr(exc, "lineno", 1),
                            getattr(exc, "colno", 1), CODE,
                            f"not JSON: {exc}") from None
        return [(1, item) for item in items]
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append((number, json.loads(line)))
        except ValueError as exc:
            raise LoadError(path, number, getattr(exc, "colno", 1), CODE,
                            "not an Xtesting result (one JSON object a "
                            f"line): {exc}") from None
    return out


def read_xtesting(text: str, path: str) -> Results:
    passed = PassedTests(strip=False)
    records = _records(text, path)
    if not records:
        raise LoadError(path, 1, 1, CODE, "empty: no Xtesting results")
    for line, record in records:
        if not isinstance(record, dict) or not all(
                isinstance(record.get(k), str) and record[k].strip()
                for k in ("project_name", "case_name")):
            raise LoadError(path, line, 1, CODE, "an Xtesting result needs "
                            "project_name and case_name")
        name = f"{PREFIX}{record['project_name']}/{record['case_name']}"
        passed.add(name, str(record.get("criteria", "")).upper() == "PASS")
    return passed.results("xtesting")
