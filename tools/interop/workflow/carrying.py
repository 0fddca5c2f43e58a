"""What ``interop next`` carries from the approved guideline into the new
draft: the flags whose cause lasts, and a draft's header.

A flag's reason code (HACKING D400-D406) says why the test is flagged,
and so whether the cause outlives the guideline:

- D400 (the capability fails the criteria): kept; the draft starts from
  the same scoring sheet, so it still fails them until it is re-scored;
- D401, D402 (a bug in the test, or in the code under test): kept unless
  the flag records the bug fixed (its ``action`` starts with "Fixed");
- D403, D404, D405 (a test that needs what products need not offer,
  another reason the Working Group accepted, a failure on some
  platforms): kept;
- D406 (flagged while the guideline it belongs to was approved, for that
  approval only): dropped;
- a flag of a test of a removed capability: dropped (the test is not
  required any more).

F003 already allows a draft the flags of the guideline it replaces.
"""
from __future__ import annotations

import re
from typing import Any

from interop import model as m
from interop.series import program_title

_CODE = re.compile(r"^\W*(D\d{3})\b")
KEEP = {"D400": "the capability fails the criteria until it is re-scored",
        "D401": "the bug is not recorded fixed",
        "D402": "the bug is not recorded fixed",
        "D403": "the cause lasts (D403)",
        "D404": "the cause lasts (D404)",
        "D405": "the cause lasts (D405)"}


#: (path of the flag in the source tree, test, kept, why)
Decision = tuple[tuple[Any, ...], str, bool, str]


def flag_decisions(tree: Any) -> list[Decision]:
    """(path of the flag, test, kept, why) for every flagged test of an
    approved guideline's source tree."""
    removed = _removed(tree)
    out = []
    capabilities = tree.get("capabilities") if isinstance(tree, dict) \
        else None
    for cap, body in (capabilities or {}).items():
        tests = body.get("tests") if isinstance(body, dict) else None
        if not isinstance(tests, dict):
            continue
        for test, value in tests.items():
            if not isinstance(value, dict) or "flagged" not in value:
                continue
            path = ("capabilities", cap, "tests", test, "flagged")
            flag = value["flagged"] if isinstance(value["flagged"],
                                                  dict) else {}
            reason = flag.get("reason")
            found = _CODE.match(reason) if isinstance(reason, str) else None
            code = found[1] if found else None
            action = flag.get("action")
            if cap in removed:
                out.append((path, test, False, f"capability {cap} is "
                            "removed"))
            elif code == "D406":
                out.append((path, test, False, "D406 held for the "
                            "approved guideline only"))
            elif code in ("D401", "D402") and isinstance(action, str) and \
                    action.strip().lower().startswith("fixed"):
                out.append((path, test, False, f"{code}: the bug is "
                            "recorded fixed"))
            elif code in KEEP:
                out.append((path, test, True, f"{code}: {KEEP[code]}"))
            else:
                out.append((path, test, False, "no known reason code"))
    return out


def _removed(tree: Any) -> set[str]:
    """Capabilities listed as removed in any component."""
    out: set[str] = set()
    components = tree.get("components") if isinstance(tree, dict) else None
    for body in (components or {}).values():
        caps = body.get("capabilities") if isinstance(body, dict) else None
        listed = caps.get("removed") if isinstance(caps, dict) else None
        out.update(c for c in listed or [] if isinstance(c, str))
    return out


def summary(decisions: list[Decision], draft: str) -> list[str]:
    """One note per flag: what was kept and dropped, and why."""
    return [f"{draft}: flag of {test} {'kept' if kept else 'dropped'}: "
            f"{why}" for _, test, kept, why in decisions]


def draft_header(g: m.Guideline, replaces: str, target: str) -> str:
    """The comment a new draft starts with: a draft's, not the approved
    guideline's ('approved by the Board ... tests do not change')."""
    title = program_title(g, start=True)
    return (f"# {title}: the next guideline (DRAFT), for the Board in "
            f"{target}.\n"
            "#\n"
            f"# Started from {replaces} by 'interop next'.  Capabilities, "
            "tests and\n"
            "# scores change until the Working Group sends it to the "
            "Board.\n\n")
