"""RefStack's semantics: the test list a guideline implies for a target.

Works on the published form (a 1.x or 2.0 document; a source is compiled
first), as RefStack 2.1.0's ``refstack.api.guidelines.Guidelines`` does
(``get_target_capabilities`` then ``get_test_list``), and the test suite
holds it to that code on every published guideline:

- the target picks components.  In 2.0, ``platform``, ``compute`` and
  ``object`` name a platform of the guideline, and RefStack's add-on
  targets (``dns``, ``orchestration``, ``shared_file_system``,
  ``load_balancer``, ``key_manager``) the component ``os_powered_<target>``;
  in 1.x, ``platform`` is the platform's required components and any other
  target the component of that name.  A target the guideline does not
  offer is an error naming the targets it offers (RefStack: "Invalid
  target");
- the types pick capability statuses from those components; none (or an
  empty list) picks every status, as RefStack's default does;
- every test of the chosen capabilities is listed as ``name[id]`` (1.2:
  the bare name), its aliases with the same id when aliases are wanted,
  and flagged tests left out when flags are not wanted; sorted.

Beyond RefStack, where RefStack answers "Invalid target" (see
``doc/source/refstack.rst``): a vertical's own platform is a target named
by the vertical (``nfv``), an add-on whose component RefStack has no
target for is a target named by its component (``os_powered_<name>``
without the prefix), and a platform component a guideline takes from
another guideline (a ``source``) is looked up in that guideline, under its
1.x name (``compute``, ``object``) where that guideline is 1.x.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from interop.errors import UsageError

#: RefStack's targets and the 2.0 platforms they name
PLATFORMS = {"platform": "OpenStack Powered Platform",
             "compute": "OpenStack Powered Compute",
             "object": "OpenStack Powered Storage"}
TYPES = ("required", "advisory", "deprecated", "removed")
#: RefStack's add-on targets, each naming the component os_powered_<target>
ADD_ON_TARGETS = ("dns", "orchestration", "shared_file_system",
                  "load_balancer", "key_manager")
PREFIX = "os_powered_"
#: a 2.0 component's name in a 1.x guideline, for components taken from one
LEGACY_COMPONENTS = {"os_powered_compute": "compute",
                     "os_powered_storage": "object"}


#: a guideline as published (JSON)
Doc = dict[str, Any]


def schema_of(doc: Doc) -> str:
    meta = doc.get("metadata")
    if isinstance(meta, dict) and "schema" in meta:
        return str(meta["schema"])
    return str(doc.get("schema", ""))


def _program(doc: Doc) -> str | None:
    """The program prefix of a vertical's or add-on's id (nfv.next)."""
    gid = (doc.get("metadata") or {}).get("id")
    head = gid.split(".", 1)[0] if isinstance(gid, str) else ""
    return head if head and not head[0].isdigit() and head != "next" \
        else None


def _add_on_targets(doc: Doc) -> list[str]:
    """A 2.0 guideline's add-on targets: RefStack's, where the component
    ``os_powered_<target>`` is defined, then those of the add-ons' own
    components that RefStack has no target for."""
    components = doc.get("components") or {}
    found = [t for t in ADD_ON_TARGETS if PREFIX + t in components]
    for body in (doc.get("add-ons") or {}).values():
        refs = body.get("components") if isinstance(body, dict) else None
        for ref in refs or []:
            name = ref.get("name") if isinstance(ref, dict) else None
            if isinstance(name, str) and name.startswith(PREFIX) and \
                    name in components and name[len(PREFIX):] not in found:
                found.append(name[len(PREFIX):])
    return found


def _own_platforms(doc: Doc) -> list[str]:
    """A vertical's platforms, which RefStack's targets do not name."""
    return [p for p in (doc.get("platforms") or {})
            if p not in PLATFORMS.values()]


def targets(doc: Doc) -> list[str]:
    """The targets a guideline offers."""
    if schema_of(doc) >= "2.0":
        found = [t for t, p in PLATFORMS.items()
                 if p in (doc.get("platforms") or {})]
        program = _program(doc)
        if _own_platforms(doc) and program:
            found.append(program)
        return found + _add_on_targets(doc)
    return ["platform"] + sorted(doc.get("components") or {})


def _components(doc: Doc, target: str) -> list[tuple[str, Any]]:
    """(component name, source) pairs a target stands for."""
    if schema_of(doc) >= "2.0":
        platforms = doc.get("platforms") or {}
        if target not in targets(doc):
            raise _unknown(doc, target)
        if target in _add_on_targets(doc):
            refs: list[Any] = [{"name": PREFIX + target}]
        elif target in PLATFORMS:
            refs = platforms[PLATFORMS[target]].get("components") or []
        else:  # the vertical's own platforms
            refs = [r for p in _own_platforms(doc)
                    for r in platforms[p].get("components") or []]
        return [(r.get("name"), r.get("source")) for r in refs]
    if target == "platform":
        required = (doc.get("platform") or {}).get("required") or []
        return [(name, None) for name in required]
    if target not in (doc.get("components") or {}):
        raise _unknown(doc, target)
    return [(target, None)]


def _unknown(doc: Doc, target: str) -> UsageError:
    offered = targets(doc)
    return UsageError(f"unknown target '{target}': this guideline offers "
                      + (", ".join(offered) if offered else "no target"))


def capabilities(doc: Doc, target: str = "platform",
                 types: Iterable[str] | None = None,
                 others: Mapping[str, Doc] | None = None
                 ) -> list[tuple[Doc, str]]:
    """(document, capability) pairs of a target with the given statuses
    (every status when ``types`` is None or empty, as RefStack does).

    ``others`` maps guideline file names (``2019.06.json``) to documents,
    for components a guideline takes from another one.
    """
    wanted = set(types) if types else set(TYPES)
    chosen: dict[tuple[int, str], tuple[Doc, str]] = {}
    for name, source in _components(doc, target):
        owner = doc
        if name not in (doc.get("components") or {}) and source:
            other = (others or {}).get(str(source).rsplit("/", 1)[-1])
            if other is None:
                raise UsageError(f"component '{name}' comes from {source}, "
                                 "which was not given")
            owner = other
            if schema_of(owner) < "2.0":
                name = LEGACY_COMPONENTS.get(name, name)
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


def test_list(doc: Doc, target: str = "platform",
              types: Iterable[str] | None = None,
              alias: bool = True, flagged: bool = True,
              others: Mapping[str, Doc] | None = None) -> list[str]:
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


def required_tests(doc: Doc, target: str,
                   others: Mapping[str, Doc] | None = None) -> set[str]:
    """The distinct tests a product of ``target`` must pass: what
    ``interop testlist --type required --flag false --alias false``
    lists, as a set (a test two capabilities share counts once)."""
    return set(test_list(doc, target, ["required"], alias=False,
                         flagged=False, others=others))
