"""Document trees (YAML source or published 2.0 JSON) into the model.

The source format is the published 2.0 layout plus a few conveniences (see
``doc/source/format.rst``), so one reader serves both.  It never fails on a
wrong shape: a value of the wrong type is kept in ``extra`` under its key,
so that compiling gives it back unchanged and the structure check (which
validates the tree against the source schema) reports it with its place.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from interop import model as m
from interop.errors import DocPath, Location
from interop.load.source import loc_of

#: what ``_named`` builds for each entry (a node; designated sections build
#: a mapping of status -> node)
N = TypeVar("N")

#: top-level keys of the source that the published form does not have
SOURCE_ONLY = ("program", "derive", "imported")


def _split(tree: Any, path: DocPath, known: tuple[str, ...],
           containers: dict[str, type | tuple[type, ...]] | None = None
           ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Node fields (path, loc, locs, extra) and the known values.

    A known key whose value has the wrong container type goes to ``extra``.
    """
    # the common cases first: a published file's plain dicts carry no
    # places, and most objects have no container types to check
    loc = getattr(tree, "loc", None)
    key_locs = getattr(tree, "key_locs", None)
    extra: dict[str, Any] = {}
    node: dict[str, Any] = {
        "path": path, "loc": Location() if loc is None else loc,
        "locs": dict(key_locs) if key_locs else {}, "extra": extra}
    values: dict[str, Any] = {}
    for key, value in tree.items():
        if key in known and (not containers or key not in containers or
                             isinstance(value, containers[key])):
            values[key] = value
        else:
            extra[key] = value
    return node, values


def _named(tree: Any, path: DocPath,
           make: Callable[[str, Any, DocPath], N]) -> dict[str, N]:
    """A mapping of name -> object, built with ``make`` for each entry."""
    out: dict[str, N] = {}
    for name, value in tree.items():
        item = make(name, value, path + (name,))
        # a short form: place at its key (a plain dict, as JSON gives,
        # knows no places)
        if type(tree) is not dict and isinstance(item, m.Node) and \
                not item.loc.line:
            item.loc = loc_of(tree, name)
        out[name] = item
    return out


def _owner(tree: Any, path: DocPath, **fields: Any) -> dict[str, Any]:
    """Node fields for an object whose value is not a mapping."""
    return {"path": path, "loc": getattr(tree, "loc", Location()), **fields}


def read_flag(tree: Any, path: DocPath) -> m.Flag:
    node, v = _split(tree, path, ("reason", "action", "date"))
    return m.Flag(**node, **v)


def read_test(name: str, tree: Any, path: DocPath) -> m.Test:
    if isinstance(tree, str):  # ``name: id`` shorthand
        return m.Test(path=path, name=name, idempotent_id=tree, short=True)
    if not isinstance(tree, dict):
        return m.Test(path=path, name=name, extra={m.RAW: tree})
    node, v = _split(tree, path, ("idempotent_id", "aliases", "flagged"),
                     {"flagged": dict})
    flag = v.pop("flagged", None)
    if flag is not None:
        v["flagged"] = read_flag(flag, path + ("flagged",))
    return m.Test(name=name, **node, **v)


def read_capability(name: str, tree: Any, path: DocPath) -> m.Capability:
    if not isinstance(tree, dict):
        return m.Capability(name=name, extra={m.RAW: tree},
                            **_owner(tree, path))
    node, v = _split(tree, path, ("achievements", "admin", "description",
                                  "project", "required_since", "tests",
                                  "why", "kind", "resource_types"),
                     {"tests": dict})
    if "tests" in v:
        v["tests"] = _named(v["tests"], path + ("tests",), read_test)
    return m.Capability(name=name, **node, **v)


def read_component_refs(items: list[Any], path: DocPath
                        ) -> list[m.ComponentRef]:
    out = []
    for index, item in enumerate(items):
        where = path + (index,)
        if isinstance(item, str):  # bare name shorthand
            out.append(m.ComponentRef(path=where, loc=loc_of(items, index),
                                      name=item, short=True))
        elif isinstance(item, dict):
            node, v = _split(item, where, ("name", "source"))
            out.append(m.ComponentRef(**node, **v))
        else:
            out.append(m.ComponentRef(path=where, loc=loc_of(items, index),
                                      extra={m.RAW: item}))
    return out


_REF_LISTS = ("components", "required_platform_components",
              "optional_platform_components")


def read_platform(name: str, tree: Any, path: DocPath) -> m.Platform:
    if not isinstance(tree, dict):
        return m.Platform(name=name, extra={m.RAW: tree}, **_owner(tree, path))
    node, v = _split(tree, path, ("description",) + _REF_LISTS,
                     {key: list for key in _REF_LISTS})
    for key in _REF_LISTS:
        if key in v:
            v[key] = read_component_refs(v[key], path + (key,))
    return m.Platform(name=name, **node, **v)


def _status_lists(tree: dict[str, Any]) -> dict[str, list[Any]]:
    """status -> list; entries that are not lists stay out (in extra)."""
    return {status: value for status, value in tree.items()
            if isinstance(value, list)}


def read_component(name: str, tree: Any, path: DocPath) -> m.Component:
    if not isinstance(tree, dict):
        return m.Component(name=name, extra={m.RAW: tree},
                           **_owner(tree, path))
    node, v = _split(tree, path, ("capabilities", "designated_sections"),
                     {"capabilities": dict, "designated_sections": dict})
    comp = m.Component(name=name, **node)
    for key in ("capabilities", "designated_sections"):
        if key in v:
            lists = _status_lists(v[key])
            if len(lists) != len(v[key]):  # keep the odd entries whole
                comp.extra[key] = v[key]
            else:
                setattr(comp, key, lists)
    return comp


def read_section(name: str, tree: Any, path: DocPath) -> m.Section:
    if not isinstance(tree, dict):
        return m.Section(name=name, extra={m.RAW: tree}, **_owner(tree, path))
    node, v = _split(tree, path, ("description", "designated", "comment"))
    return m.Section(name=name, **node, **v)


def read_designated(project: str, tree: Any, path: DocPath
                    ) -> dict[str | None, m.DesignatedSections]:
    if not isinstance(tree, dict):  # kept whole under the empty status
        return {m.RAW: m.DesignatedSections(project=project,
                                            extra={m.RAW: tree},
                                         **_owner(tree, path))}
    out: dict[str | None, m.DesignatedSections] = {}
    for status, body in tree.items():
        where = path + (status,)
        if not isinstance(body, dict):
            out[status] = m.DesignatedSections(
                project=project, status=status, extra={m.RAW: body},
                **_owner(body, where))
            continue
        node, v = _split(body, where, ("guidance", "comment", "sections"),
                         {"sections": dict})
        if "sections" in v:
            v["sections"] = _named(v["sections"], where + ("sections",),
                                   read_section)
        out[status] = m.DesignatedSections(project=project, status=status,
                                           **node, **v)
    return out


def read_repository(name: str, tree: Any, path: DocPath) -> m.TestRepository:
    if not isinstance(tree, dict):
        return m.TestRepository(name=name, extra={m.RAW: tree},
                                **_owner(tree, path))
    node, v = _split(tree, path, ("repository", "reference", "description",
                                  "kind", "testcases"))
    return m.TestRepository(name=name, **node, **v)


def read_criterion(key: str, tree: Any, path: DocPath) -> m.Criterion:
    if not isinstance(tree, dict):
        return m.Criterion(key=key, extra={m.RAW: tree}, **_owner(tree, path))
    node, v = _split(tree, path, ("name", "description", "weight"))
    return m.Criterion(key=key, **node, **v)


def read_scoring(tree: Any, path: DocPath) -> m.Scoring:
    if isinstance(tree, str):  # the name of a criteria set
        return m.Scoring(path=path, criteria_set=tree)
    node, v = _split(tree, path, ("cutoff_score", "criteria"),
                     {"criteria": dict})
    if "criteria" in v:
        v["criteria"] = _named(v["criteria"], path + ("criteria",),
                               read_criterion)
    return m.Scoring(**node, **v)


def read_approvals(items: list[Any], path: DocPath) -> list[m.ApprovalRecord]:
    out = []
    for index, item in enumerate(items):
        where = path + (index,)
        if isinstance(item, dict):
            node, v = _split(item, where, ("by", "team", "date",
                                           "reference", "note"))
            out.append(m.ApprovalRecord(**node, **v))
        else:  # kept whole for the structure rules to report
            out.append(m.ApprovalRecord(path=where, loc=loc_of(items, index),
                                        extra={m.RAW: item}))
    return out


def read_metadata(tree: Any, path: DocPath) -> m.Metadata:
    node, v = _split(tree, path, ("id", "schema", "reference", "source",
                                  "scoring", "os_trademark_approval",
                                  "approvals"),
                     {"scoring": (dict, str), "os_trademark_approval": dict,
                      "approvals": list})
    if "approvals" in v:
        v["approvals"] = read_approvals(v["approvals"], path + ("approvals",))
    if "scoring" in v:
        v["scoring"] = read_scoring(v["scoring"], path + ("scoring",))
    approval = v.pop("os_trademark_approval", None)
    if approval is not None:
        where = path + ("os_trademark_approval",)
        anode, av = _split(approval, where, ("target_approval", "replaces",
                                             "releases", "status"))
        v["approval"] = m.Approval(**anode, **av)
    return m.Metadata(**node, **v)


def read_program(tree: Any, file: str, guideline: m.Guideline) -> m.Program:
    """The program: as written, else told by the file's place and content."""
    kind, name = infer_program(file, guideline)
    if isinstance(tree, dict):
        node, v = _split(tree, ("program",), ("kind", "name", "builds_on",
                                              "proposed_by"))
        program = m.Program(**node, **v)
        # a kind or name of the wrong shape stays in the tree for the
        # structure rules to report; the model keeps usable values
        if program.kind not in m.KINDS:
            program.kind = kind
        if not isinstance(program.name, str):
            program.name = name
        return program
    return m.Program(kind=kind, name=name)


def infer_program(file: str, guideline: m.Guideline
                  ) -> tuple[m.ProgramKind, str]:
    """(kind, name) from the repository layout or the published content."""
    parts = os.path.normpath(file).split(os.sep)
    folders: tuple[tuple[m.ProgramKind, str], ...] = (
        ("add-on", "add-ons"), ("vertical", "verticals"))
    for kind, folder in folders:
        if folder in parts[:-1]:
            index = len(parts) - 1 - parts[::-1].index(folder)
            if index + 2 == len(parts):  # published: add-ons/dns.2019.06.json
                return kind, parts[-1].split(".")[0]
            if index + 3 == len(parts) and parts[index + 1] == "guidelines":
                # published where RefStack reads it (no program is named
                # so): add-ons/guidelines/dns.2019.06.json
                return kind, parts[-1].split(".")[0]
            return kind, parts[index + 1]
    gid = guideline.id if isinstance(guideline.id, str) else ""
    if guideline.add_ons is not None:
        return "add-on", gid.split(".")[0] if "." in gid else gid
    head = gid.split(".")[0]
    if head and not head.isdigit() and head != "next":
        return "vertical", head
    return "powered", "powered"


_TOP = ("metadata", "platforms", "add-ons", "components", "capabilities",
        "designated_sections", "test_repositories") + SOURCE_ONLY


def read_guideline(tree: Any, file: str) -> m.Guideline:
    """Build the model of one guideline from its document tree."""
    if not isinstance(tree, dict):
        return m.Guideline(file=file, loc=getattr(tree, "loc", Location()),
                           extra={m.RAW: tree})
    node, v = _split(tree, (), _TOP, {
        "metadata": dict, "platforms": dict, "add-ons": dict,
        "components": dict, "capabilities": dict,
        "designated_sections": dict, "test_repositories": dict,
        "derive": bool})
    g = m.Guideline(file=file, **node)
    if "metadata" in v:
        g.metadata = read_metadata(v["metadata"], ("metadata",))
    if "platforms" in v:
        g.platforms = _named(v["platforms"], ("platforms",), read_platform)
    if "add-ons" in v:
        g.add_ons = _named(v["add-ons"], ("add-ons",), read_platform)
    if "components" in v:
        g.components = _named(v["components"], ("components",),
                              read_component)
    if "capabilities" in v:
        g.capabilities = _named(v["capabilities"], ("capabilities",),
                                read_capability)
    if "designated_sections" in v:
        g.designated_sections = _named(
            v["designated_sections"], ("designated_sections",),
            read_designated)
    if "test_repositories" in v:
        g.test_repositories = _named(v["test_repositories"],
                                     ("test_repositories",), read_repository)
    g.derive = v.get("derive", True)
    g.imported = v.get("imported")
    g.program = read_program(v.get("program"), file, g)
    return g
