"""Xtesting's list of test cases: the ``testcases.yaml`` a repository
holds for a test repository of kind ``xtesting``.

Xtesting (OPNFV's reference test framework) lists its cases as tiers::

    tiers:
      - name: healthcheck
        testcases:
          - case_name: vping_ssh
            project_name: functest
            criteria: 100
            blocking: true
            run: {name: vping_ssh}

A guideline names a case ``xtesting:<project_name>/<case_name>``.  The
format is read here (strictly, with places) rather than by installing
``xtesting``, which pulls in much that reading it does not need.  A file
that is not of this shape is E175, located.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Any

from interop.errors import LoadError
from interop.load.source import load_yaml_file, loc_of

PREFIX = "xtesting:"
BAD = "E175"


@dataclasses.dataclass(frozen=True)
class Case:
    project: str
    name: str
    tier: str
    criteria: Any = None
    blocking: Any = None
    line: int = 0
    #: the testcases file (as named) and the case's mapping as written
    file: str = ""
    body: Any = dataclasses.field(default=None, compare=False)

    @property
    def test_name(self) -> str:
        return f"{PREFIX}{self.project}/{self.name}"


def split_test(name: str) -> tuple[str, str] | None:
    """(project, case) of ``xtesting:<project>/<case>``; None otherwise."""
    if not name.startswith(PREFIX) or "/" not in name:
        return None
    project, _, case = name[len(PREFIX):].partition("/")
    return (project, case) if project and case else None


def _bad(path: str, tree: Any, key: Any, message: str) -> LoadError:
    loc = loc_of(tree, key)
    return LoadError(path, loc.line or 1, loc.col or 1, BAD, message)


def _text(path: str, body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _bad(path, body, key if key in body else None,
                   f"a test case needs '{key}' (text)")
    return value


def load_testcases(path: str, shown: str | None = None) -> dict[str, Case]:
    """The cases of a testcases.yaml, by test name."""
    shown = shown or path
    try:
        tree = load_yaml_file(path)
    except LoadError as exc:
        f = exc.finding
        raise LoadError(shown, f.line, f.col, f.code, f.message) from None
    tiers = tree.get("tiers") if isinstance(tree, dict) else None
    if not isinstance(tiers, list):
        raise _bad(shown, tree, "tiers" if isinstance(tree, dict) and
                   "tiers" in tree else None, "'tiers' must be a list")
    out: dict[str, Case] = {}
    for index, tier in enumerate(tiers):
        if not isinstance(tier, dict) or not isinstance(
                tier.get("testcases"), list):
            raise _bad(shown, tiers, index, "a tier is a mapping with a "
                       "'testcases' list")
        named = tier.get("name")
        tier_name = named if isinstance(named, str) else str(index)
        for number, body in enumerate(tier["testcases"]):
            if not isinstance(body, dict):
                raise _bad(shown, tier["testcases"], number,
                           "a test case is a mapping")
            case = Case(_text(shown, body, "project_name"),
                        _text(shown, body, "case_name"), tier_name,
                        body.get("criteria"), body.get("blocking"),
                        loc_of(tier["testcases"], number).line, shown,
                        _plain(body))
            if case.test_name in out:
                raise _bad(shown, body, "case_name", f"case "
                           f"'{case.test_name}' is listed twice")
            out[case.test_name] = case
    return out


def _plain(value: Any) -> Any:
    """A mapping read with places as plain values (for a fingerprint)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def repository_cases(root: str, testcases: str) -> dict[str, Case]:
    """The cases of a test repository's ``testcases`` file (relative to the
    repository at ``root``)."""
    from interop.files import confined
    path = confined(os.path.join(root, testcases), root, testcases)
    return load_testcases(path, testcases)
