"""RefStack's semantics: the test list a guideline implies for a target.

Works on the published form (a 1.x or 2.0 document; a source is compiled
first), as RefStack does:

- the target picks components: in 2.0, the platform a target names
  (``platform``, ``compute``, ``object``) or, for an add-on target, the
  add-on's components; in 1.x, the platform's required components
  (``platform``) or the component of that name;
- the types pick capability statuses from those components;
- every test of the chosen capabilities is listed as ``name[id]`` (1.2:
  the bare name), its aliases with the same id when aliases are wanted,
  and flagged tests left out when flags are not wanted; sorted.

Where this differs from RefStack (see ``doc/source/refstack.rst``): a 2.0
add-on target resolves through the add-on's own component list rather
than the name ``os_powered_<target>`` (the two agree for every published
add-on); a vertical's own platform is a target named by the vertical
(``nfv``), which RefStack has no name for; and a platform component that a
guideline takes from another guideline (a ``source``) is looked up in that
guideline when it is given, where RefStack fails.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from interop.errors import UsageError

#: RefStack's targets and the 2.0 platforms they name
PLATFORMS = {"platform": "OpenStack Powered Platform",
             "compute": "OpenStack Powered Compute",
             "object": "OpenStack Powered Storage"}
TYPES = ("required", "advisory", "deprecated", "removed")


def schema_of(doc: dict) -> str:
    meta = doc.get("metadata")
    if isinstance(meta, dict) and "schema" in meta:
        return str(meta["schema"])
    return str(doc.get("schema", ""))


def _program(doc: dict) -> str | None:
    """The program prefix of a vertical's or add-on's id (nfv.next)."""
    gid = (doc.get("metadata") or {}).get("id")
    head = gid.split(".", 1)[0] if isinstance(gid, str) else ""
    return head if head and not head[0].isdigit() and head != "next" \
        else None


def _target_name(add_on: str) -> str:
    """An add-on's target: its name in lower case, spaces as hyphens
    (``DNS`` is ``dns``, ``Key Manager`` is ``key-manager``)."""
    return add_on.strip().lower().replace(" ", "-")


def _own_platforms(doc: dict) -> list[str]:
    """A vertical's platforms, which RefStack's targets do not name."""
    return [p for p in (doc.get("platforms") or {})
            if p not in PLATFORMS.values()]


def targets(doc: dict) -> list[str]:
    """The targets a guideline offers."""
    if schema_of(doc) >= "2.0":
        found = [t for t, p in PLATFORMS.items()
                 if p in (doc.get("platforms") or {})]
        if _own_platforms(doc) and _program(doc):
            found.append(_program(doc))
        for name in (doc.get("add-ons") or {}):
            found.append(_target_name(name))
        return found
    return ["platform"] + sorted(doc.get("components") or {})


def _components(doc: dict, target: str) -> list[tuple[str, Any]]:
    """(component name, source) pairs a target stands for."""
    if schema_of(doc) >= "2.0":
        add_ons = {_target_name(k): v
                   for k, v in (doc.get("add-ons") or {}).items()}
        if target in add_ons:
            refs = add_ons[target].get("components") or []
        elif target == _program(doc) and _own_platforms(doc):
            platforms = doc.get("platforms") or {}
            refs = [r for p in _own_platforms(doc)
                    for r in platforms[p].get("components") or []]
        elif target in PLATFORMS:
            platform = (doc.get("platforms") or {}).get(PLATFORMS[target])
            refs = (platform or {}).get("components") or []
        else:
            raise UsageError(f"unknown target '{target}': this guideline "
                             f"offers {', '.join(targets(doc))}")
        return [(r.get("name"), r.get("source")) for r in refs]
    if target == "platform":
        required = (doc.get("platform") or {}).get("required") or []
        return [(name, None) for name in required]
    if target not in (doc.get("components") or {}):
        raise UsageError(f"unknown target '{target}': this guideline "
                         f"offers {', '.join(targets(doc))}")
    return [(target, None)]


def capabilities(doc: dict, target: str = "platform",
                 types: Iterable[str] | None = None,
                 others: dict[str, dict] | None = None
                 ) -> list[tuple[dict, str]]:
    """(document, capability) pairs of a target with the given statuses.

    ``others`` maps guideline file names (``2019.06.json``) to documents,
    for components a guideline takes from another one.
    """
    wanted = set(types) if types is not None else set(TYPES)
    chosen: dict[tuple[int, str], tuple[dict, str]] = {}
    for name, source in _components(doc, target):
        owner = doc
        if name not in (doc.get("components") or {}) and source:
            owner = (others or {}).get(str(source).rsplit("/", 1)[-1])
            if owner is None:
                raise UsageError(f"component '{name}' comes from {source}, "
                                 "which was not given")
        if name not in (owner.get("components") or {}):
            raise UsageError(f"component '{name}' of target '{target}' is "
                             "not defined" + (f" in {source}" if owner
                                              is not doc else ""))
        lists = owner["components"][name] or {}
        if schema_of(owner) >= "2.0":
            lists = lists.get("capabilities") or {}
        for status, caps in lists.items():
            if status in wanted:
                for cap in caps:
                    chosen[(id(owner), cap)] = (owner, cap)
    return list(chosen.values())


def test_list(doc: dict, target: str = "platform",
              types: Iterable[str] | None = ("required",),
              alias: bool = True, flagged: bool = True,
              others: dict[str, dict] | None = None) -> list[str]:
    """RefStack's test list for a target, one entry per line, sorted."""
    out: list[str] = []
    for owner, cap in capabilities(doc, target, types, others):
        details = (owner.get("capabilities") or {}).get(cap)
        if not isinstance(details, dict):
            continue
        tests = details.get("tests") or {}
        if isinstance(tests, list):  # schema 1.2: names, flags aside
            skip = set(details.get("flagged") or []) if not flagged else ()
            out.extend(t for t in tests if t not in skip)
            continue
        for name, test in tests.items():
            if test.get("flagged") and not flagged:
                continue
            tid = test.get("idempotent_id", "")
            out.append(f"{name}[{tid}]")
            if alias:
                out.extend(f"{a}[{tid}]" for a in test.get("aliases") or [])
    return sorted(out)
