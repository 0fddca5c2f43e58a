"""A static copy of RefStack's guideline API, so a consumer needs no server.

Written by the docs build into ``api/`` of the site:

``api/guidelines.json``
    every program's guidelines (drafts and baselines included) with their
    status, target approval, Board date and whether a vendor may use them
    now;
``api/guidelines/<id>/tests/<target>.txt``
    the test list RefStack's ``/v1/guidelines/<id>/tests?target=<target>
    &type=required&alias=true&flag=false`` answers: RefStack's controller
    joins the lines with ``\\n`` and adds no newline at the end, and so does
    this, byte for byte.  For the targets RefStack never knew (an add-on
    other than dns and orchestration, a vertical) the list is made the
    same way, by :func:`interop.refstack.testlist.test_list`.
"""
from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from interop.errors import LoadError, UsageError
from interop.publish import testlist
from interop.series import (
    board_date,
    expected_id,
    is_baseline,
    order_key,
    usable_now,
    version_of,
)

if TYPE_CHECKING:  # the repository is handed in
    from interop import model as m
    from interop.repository import Repository
    from interop.refstack.beside import Beside

#: the query every static list answers
QUERY = {"type": "required", "alias": "true", "flag": "false"}


def _row(g: m.Guideline, usable: list[m.Guideline]) -> dict[str, Any]:
    approval = g.metadata.approval if g.metadata else None
    day = board_date(g)
    return {"id": expected_id(g, version_of(g) or ""),
            "version": version_of(g), "status": g.status,
            "target_approval": getattr(approval, "target_approval", None),
            "board_date": day.isoformat() if day else None,
            "may_be_used_now": g in usable, "baseline": is_baseline(g)}


def guidelines_json(repo: Repository) -> str:
    """``api/guidelines.json``: stable bytes (sorted, two-space indent)."""
    programs: dict[str, list[m.Guideline]] = {}
    for g in repo.guidelines(history=True):
        programs.setdefault(g.program.name, []).append(g)
    out = {}
    for name, found in sorted(programs.items()):
        found.sort(key=lambda g: order_key(version_of(g)))
        usable = usable_now(found)
        out[name] = {"kind": found[0].program.kind,
                     "guidelines": [_row(g, usable) for g in found]}
    return json.dumps({"programs": out, "query": QUERY}, indent=2,
                      sort_keys=True) + "\n"


def test_lists(repo: Repository) -> dict[str, str]:
    """Relative path (under ``api/``) -> the test list's text, for every
    guideline and every target it offers."""
    from interop.refstack.beside import published_beside
    out: dict[str, str] = {}
    beside = published_beside(repo)  # once, not once per guideline
    for g in repo.guidelines(history=True):
        out.update(lists_of(repo, g, beside))
    return out


def lists_of(repo: Repository, g: m.Guideline, beside: Beside
             ) -> dict[str, str]:
    """One guideline's test lists (as :func:`test_lists`); ``beside`` is
    :func:`interop.refstack.beside.published_beside`'s answer.

    The guideline's published form is its compiled document as the pages
    read it (compiled once per repository, not serialised and parsed
    again): a site of 25 years of guidelines writes them all."""
    from interop.publish.compiler import compile_guideline, mapping
    from interop.refstack.beside import beside_of
    try:
        doc = mapping(compile_guideline(g, repo))
    except (LoadError, UsageError):
        return {}  # a broken guideline: the checks say why
    others = beside_of(g, beside)
    gid = expected_id(g, version_of(g) or "")
    return {f"guidelines/{gid}/tests/{target}.txt": "\n".join(
        testlist.test_list(doc, target, ["required"], True, False, others))
        for target in testlist.targets(doc)}


def write(repo: Repository, folder: str) -> list[str]:
    """Write the static API into ``folder``; the paths written."""
    from interop.files import write_atomic
    files = dict(test_lists(repo))
    files["guidelines.json"] = guidelines_json(repo)
    written = []
    for rel, text in sorted(files.items()):
        path = os.path.join(folder, *rel.split("/"))
        write_atomic(path, text)
        written.append(path)
    return written
