"""Published guidelines (schemas 1.2 to 2.0) into the model.

A 2.0 file is already in the source layout and is read as it is, oddities
included.  A 1.x file is converted to the 2.0 layout first; the facts that
2.0 has no place for are kept under the source's ``imported`` key, which is
never compiled.  The mapping is documented in ``doc/source/import.rst``.
"""
from __future__ import annotations

import os
import re
from typing import Any

from interop import model as m
from interop.errors import DocPath, LoadError
from interop.load.jsonsource import load_json_file
from interop.load.reader import read_guideline

SCHEMA_REFERENCE = ("https://opendev.org/openstack/interop/raw/branch/"
                    "master/schemas/guideline-2.0.json")
#: RefStack's targets, and the 2.0 platform each 1.x target becomes
PLATFORMS_1X = (("platform", "OpenStack Powered Platform"),
                ("compute", "OpenStack Powered Compute"),
                ("object", "OpenStack Powered Storage"))
_VERSION = re.compile(r"^\d{4}\.\d{2}\Z")
_DATE = re.compile(r"^(\d{4})-(\d{2})-\d{2}\Z")


def schema_of(doc: Any) -> str | None:
    """The schema version a published document declares."""
    if not isinstance(doc, dict):
        return None
    meta = doc.get("metadata")
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if isinstance(schema, str):
        return schema
    schema = doc.get("schema")
    return schema if isinstance(schema, str) else None


def read_published(path: str, ids: dict[str, str] | None = None
                   ) -> m.Guideline:
    """The model of a published guideline file of any schema version."""
    return published_guideline(load_json_file(path), path, ids)


def published_guideline(doc: Any, path: str,
                        ids: dict[str, str] | None = None) -> m.Guideline:
    """The model of a published guideline already read from ``path``."""
    schema = schema_of(doc)
    if not isinstance(doc, dict):
        raise LoadError(path, 1, 1, "E112", "a guideline must be an object")
    if schema is None:
        raise LoadError(path, 1, 1, "E113", "no schema version: neither "
                        "'metadata.schema' (2.0) nor 'schema' (1.x)")
    if schema.startswith("1."):
        try:
            tree = convert_1x(doc, os.path.basename(path), ids or {})
        except (AttributeError, TypeError, KeyError, ValueError) as exc:
            raise LoadError(path, 1, 1, "E115", "not shaped as a schema "
                            f"{schema} guideline, so it cannot be "
                            f"converted ({type(exc).__name__}: {exc})"
                            ) from None
    elif schema == "2.0":
        tree = doc
    else:
        raise LoadError(path, 1, 1, "E113",
                        f"schema {schema} is not one this tool reads "
                        "(1.2 to 2.0)")
    g = read_guideline(tree, path)
    g.derive = False  # a published record compiles exactly as it was
    if g.metadata is not None and g.metadata.approvals is not None:
        # the approval chain is source-only: in a published file the key is
        # unknown, kept as written (and reported) like any other
        g.metadata.extra["approvals"] = tree["metadata"]["approvals"]
        g.metadata.approvals = None
    if g.imported is None:
        g.imported = {"file": os.path.basename(path), "schema": schema}
    scoring = g.metadata.scoring if g.metadata else None
    if g.metadata is not None and scoring is not None \
            and scoring.criteria_set is not None \
            and isinstance(g.imported, dict):
        # Text where 2.0 has an object (S002): in a source, text names a
        # criteria set, so reading it as one would change what it means.
        g.metadata.scoring = None
        _dropped(g.imported, "/metadata/scoring", scoring.criteria_set)
    return g


def test_ids(doc: Any) -> dict[str, str]:
    """Test name (and alias) -> idempotent id, from a published document."""
    out: dict[str, str] = {}
    caps = doc.get("capabilities") if isinstance(doc, dict) else None
    for cap in (caps.values() if isinstance(caps, dict) else ()):
        tests = cap.get("tests") if isinstance(cap, dict) else None
        if not isinstance(tests, dict):
            continue
        for name, test in tests.items():
            if isinstance(test, dict) and isinstance(
                    test.get("idempotent_id"), str):
                aliases = test.get("aliases")
                aliases = aliases if isinstance(aliases, list) else []
                for alias in [name] + [a for a in aliases
                                       if isinstance(a, str)]:
                    out.setdefault(alias, test["idempotent_id"])
    return out


def _approval_version(doc: dict[str, Any]) -> Any:
    """1.x ``target_approval`` (a date, or absent) as a 2.0 version."""
    value = doc.get("target_approval")
    if isinstance(value, str):
        date = _DATE.match(value)
        if date:
            return f"{date.group(1)}.{date.group(2)}"
        return value
    gid = doc.get("id")
    return gid if isinstance(gid, str) and _VERSION.match(gid) else value


def _dropped(record: dict[str, Any], pointer: str, value: Any) -> None:
    record.setdefault("dropped", {})[pointer] = value


def convert_1x(doc: dict[str, Any], file: str, ids: dict[str, str]
               ) -> dict[str, Any]:
    """A 1.x document in the 2.0 layout, with what 2.0 cannot hold kept."""
    record: dict[str, Any] = {"file": file, "schema": doc.get("schema")}
    known = {"id", "schema", "reference", "source", "status", "replaces",
             "releases", "platform", "components", "capabilities",
             "designated-sections", "criteria", "cutoff_score",
             "target_approval", "test-repositories"}
    for key, value in doc.items():
        if key not in known:
            _dropped(record, "/" + key, value)
    for key in ("reference", "target_approval", "cutoff_score", "platform"):
        if key in doc:
            _dropped(record, "/" + key, doc[key])

    scoring: dict[str, Any] = {}
    cutoff = doc.get("cutoff_score")
    if isinstance(cutoff, str) and cutoff.isdigit():
        cutoff = int(cutoff)
    if cutoff is not None:
        scoring["cutoff_score"] = cutoff
    if isinstance(doc.get("criteria"), dict):
        scoring["criteria"] = {
            key: _criterion(body) for key, body in doc["criteria"].items()}
    approval = {"target_approval": _approval_version(doc),
                "replaces": doc.get("replaces"),
                "releases": doc.get("releases"), "status": doc.get("status")}
    metadata = {"id": doc.get("id"), "schema": "2.0",
                "reference": SCHEMA_REFERENCE, "source": doc.get("source"),
                "scoring": scoring,
                "os_trademark_approval": {k: v for k, v in approval.items()
                                          if v is not None}}
    components = doc.get("components") or {}
    platform = doc.get("platform") or {}
    platforms = {}
    for target, title in PLATFORMS_1X:
        names = (platform.get("required", []) if target == "platform"
                 else [target] if target in components else [])
        if names:
            platforms[title] = {"components": [{"name": n} for n in names]}
    capabilities = {
        name: _capability(name, cap, ids, record, doc.get("id"))
        for name, cap in (doc.get("capabilities") or {}).items()}
    sections = _designated(doc.get("designated-sections") or {}, record)
    tree = {
        "metadata": metadata, "platforms": platforms,
        "components": {
            name: {"capabilities": lists,
                   "designated_sections": _sections_of(
                       name, lists, capabilities, sections, components)}
            for name, lists in components.items()},
        "capabilities": capabilities,
        "designated_sections": sections,
        "test_repositories": {
            name: _repository(body)
            for name, body in (doc.get("test-repositories") or {}).items()},
        "imported": record}
    return tree


def _criterion(body: Any) -> Any:
    if not isinstance(body, dict):
        return body
    out = {"name": body.get("name"),
           "description": body.get("Description", body.get("description")),
           "weight": body.get("weight")}
    out.update({k: v for k, v in body.items()
                if k not in ("name", "Description", "description", "weight")})
    return out


def _repository(body: Any) -> Any:
    if not isinstance(body, dict):
        return body
    out = {"repository": body.get("url", body.get("repository")),
           "reference": body.get("git-sha", body.get("reference"))}
    out.update({k: v for k, v in body.items()
                if k not in ("url", "git-sha", "repository", "reference")})
    return {k: v for k, v in out.items() if v is not None}


def _capability(name: str, cap: Any, ids: dict[str, str],
                record: dict[str, Any], gid: Any) -> Any:
    if not isinstance(cap, dict):
        return cap
    out: dict[str, Any] = {}
    for key in ("achievements", "admin", "description", "project"):
        if key in cap:
            out[key] = cap[key]
    if "required-since" in cap:
        out["required_since"] = cap["required-since"]
    where = f"/capabilities/{name}/"
    for key in ("status", "guidelines", "name"):  # 1.2: redundant or history
        if key in cap:
            _dropped(record, where + key, cap[key])
    tests = cap.get("tests")
    if isinstance(tests, list):  # 1.2: names only, flags on the capability
        flagged = set(cap.get("flagged") or [])
        if cap.get("flagged"):
            _dropped(record, where + "flagged", cap["flagged"])
        out["tests"] = {}
        for index, test in enumerate(tests):
            if not isinstance(test, str):  # 2.0 names tests by text
                _dropped(record, f"{where}tests/{index}", test)
                continue
            body: dict[str, Any] = {}
            if test in ids:
                body["idempotent_id"] = ids[test]
                record["test_ids"] = ("taken from the other published "
                                      "guidelines imported with it")
            else:
                record.setdefault("tests_without_id", []).append(test)
            if test in flagged:
                body["flagged"] = _legacy_flag(gid)
            out["tests"][test] = body
    elif tests is not None:
        out["tests"] = tests
    for key, value in cap.items():
        if key not in ("achievements", "admin", "description", "project",
                       "required-since", "status", "guidelines", "name",
                       "tests", "flagged"):
            out[key] = value
    return out


def _legacy_flag(gid: Any) -> dict[str, str]:
    """Schema 1.2 flags were bare test names: say so in 2.0's terms."""
    date = f"{gid[:4]}-{gid[5:7]}-01" if isinstance(gid, str) and \
        _VERSION.match(gid) else "1970-01-01"
    return {"reason": "D404 Flagged in a schema 1.2 guideline, which "
                      "records no reason.",
            "action": "None recorded.", "date": date}


def _designated(by_status: dict[str, Any], record: dict[str, Any]
                ) -> dict[str, Any]:
    """1.x status -> project into 2.0 project -> status."""
    out: dict[str, dict[str, Any]] = {}
    for status, projects in by_status.items():
        for project, body in (projects or {}).items():
            if isinstance(body, dict) and "required" in body:
                _dropped(record, f"/designated-sections/{status}/{project}/"
                         "required", body["required"])
                body = {k: v for k, v in body.items() if k != "required"}
            if isinstance(body, dict) and body.get("sections") == []:
                body = dict(body, sections={})  # 1.x wrote "none" as []
            out.setdefault(project, {})[status] = body
    return out


def _sections_of(component: str, lists: Any,
                 capabilities: dict[str, Any], sections: dict[str, Any],
                 components: dict[str, Any]) -> dict[str, Any]:
    """Which projects' designated sections a 1.x component carries.

    1.x files list designated sections for the whole guideline; 2.0 lists
    them per component.  A project goes to each component that holds one
    of its capabilities; a project with none goes to every component.
    Informational sections stay in the top-level map only, as 2.0's
    component lists know the four capability statuses.
    """
    owned: dict[str, set[str]] = {}
    for comp, status_lists in components.items():
        for names in (status_lists or {}).values():
            for name in names or []:
                cap = capabilities.get(name)
                if isinstance(cap, dict) and isinstance(cap.get("project"),
                                                        str):
                    owned.setdefault(cap["project"], set()).add(comp)
    out: dict[str, list[str]] = {}
    for project, by_status in sections.items():
        if component in owned.get(project, {component}):
            for status in by_status:
                if status in m.STATUSES:  # 2.0 lists no informational ones
                    out.setdefault(status, []).append(project)
    return out


# -- baselines: the facts of an approved guideline, and nothing else --------

_CODE = re.compile(r"^\W*(D\d{3})\b")


def _flag_code(reason: Any) -> Any:
    found = _CODE.match(reason) if isinstance(reason, str) else None
    return found[1] if found else None


def _test(value: Any) -> Any:
    if isinstance(value, str):  # ``name: id``
        return value
    return _facts(value, {"idempotent_id": True, "aliases": True,
                          "flagged": {"reason": _flag_code, "date": True}},
                  (), [])


_REFS = {"components": True, "required_platform_components": True,
         "optional_platform_components": True}
#: what a baseline keeps of a source tree: ``True`` keeps the value,
#: a mapping filters a mapping (``*`` for every key), a function maps it
FACTS: dict[str, Any] = {
    "baseline": {"url": True, "sha256": True, "file": True,
                 "board_date": True, "reference": True},
    "program": True, "derive": True,
    "metadata": {"id": True, "schema": True, "reference": True,
                 "source": True, "os_trademark_approval": True,
                 "scoring": {"cutoff_score": True, "criteria": {
                     "*": {"name": True, "weight": True}}}},
    "platforms": {"*": _REFS}, "add-ons": {"*": _REFS},
    "components": {"*": {"capabilities": True,
                         "designated_sections": True}},
    "capabilities": {"*": {"achievements": True, "admin": True,
                           "project": True, "required_since": True,
                           "tests": {"*": _test}}},
    "designated_sections": {"*": {"*": {"sections": {
        "*": {"designated": True}}}}},
    "test_repositories": {"*": {"repository": True, "reference": True}},
}


def _facts(tree: Any, spec: Any, path: DocPath, left: list[DocPath]
           ) -> Any:
    """``tree`` with only what ``spec`` keeps (prose has no place in it,
    and a value of a shape the spec does not expect is left out); the
    paths of what it leaves out are appended to ``left``."""
    if spec is True:
        return tree
    if callable(spec):
        kept = spec(tree)
        if kept != tree:
            left.append(path)
        return kept
    if not isinstance(tree, dict):
        left.append(path)
        return None
    out = {}
    for key, value in tree.items():
        inner = spec.get(key, spec.get("*"))
        if inner is None:
            left.append(path + (key,))
            continue
        kept = _facts(value, inner, path + (key,), left)
        if kept is not None or value is None:
            out[key] = kept
    return out


def facts_only(tree: Any) -> Any:
    """The baseline of a guideline's source tree: its facts (:data:`FACTS`)
    and none of its prose."""
    return _facts(tree, FACTS, (), [])


def not_facts(tree: Any) -> list[DocPath]:
    """Paths of what a baseline holds beyond its facts."""
    left: list[DocPath] = []
    _facts(tree, FACTS, (), left)
    return left
