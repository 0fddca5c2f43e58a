"""Which Heat resource types a test exercises, and which files it reads.

heat-tempest-plugin ships its templates beside its tests (its functional
tests write theirs in the code, read from the reached code's string
constants): a scenario test
names its template in code that runs for it (``self.template_name =
'x.yaml'`` in ``setUp``, ``launch_stack(template_name='x.yaml')``, a
helper's argument, a class attribute), and :func:`interop.tempest.reach`
gives that code.  A file name written there that exists beside the module
(or in a folder the same code names, such as ``templates``) is read;
templates it nests (a resource whose ``type`` is a file, ``get_file``)
are read in turn.  The types a template's resources use are what the test
exercises, less the custom types an environment's ``resource_registry``
maps to templates (``OS::Test::PoolMember: lb_member.yaml``).

The API tests are gabbi YAML (``tests/api/gabbits/NAME.yaml``): a test
``...test_heat_api.NAME_step_name.test_request`` reads that file and
exercises the types named in its step (its request body's ``resources``
or a ``/resource_types/OS::...`` URL).
"""
from __future__ import annotations

import ast
import dataclasses
import os
import re
from collections.abc import Callable, Collection, Iterable
from typing import Any

import yaml

from interop.tempest.reach import Reached, Sources, reach

_FILE = re.compile(r"^[\w./-]+\.(?:yaml|yml|template)$")
_TYPE = re.compile(r"OS::\w+::\w+(?:::\w+)*")
_MAX_FILES = 64  # a nesting loop ends here


@dataclasses.dataclass
class Exercised:
    """Files a test reads (absolute, sorted) and the resource types its
    templates use."""

    reads: list[str] = dataclasses.field(default_factory=list)
    types: set[str] = dataclasses.field(default_factory=set)


if hasattr(yaml, "CSafeLoader"):  # libyaml's parser: faster, same values
    class _Quiet(yaml.CSafeLoader):
        """Reads a template's tags (``!Ref`` in a CFN template) as plain
        values (a warm ``tests verify`` reads the templates of every
        listed test)."""
else:  # pragma: no cover - how PyYAML was built
    class _Quiet(yaml.SafeLoader):  # type: ignore[no-redef]
        """The same, parsed by PyYAML's own parser."""


_Quiet.add_multi_constructor("", lambda loader, suffix, node: None)


def load_yaml(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Quiet)  # noqa: S506 safe
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None


def _strings(nodes: list[ast.AST]) -> list[str]:
    out = []
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                out.append(sub.value)
    return out


def _registered(nodes: list[ast.AST]) -> set[str]:
    """Custom types a ``{'resource_registry': {...}}`` literal maps."""
    out: set[str] = set()
    for node in nodes:
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Dict):
                continue
            for key, value in zip(sub.keys, sub.values, strict=True):
                if isinstance(key, ast.Constant) and \
                        key.value == "resource_registry" and \
                        isinstance(value, ast.Dict):
                    # a type is text: another constant names none
                    out.update(k.value for k in value.keys
                               if isinstance(k, ast.Constant)
                               and isinstance(k.value, str))
    return out


def of_reached(found: Reached, sources: Sources | None = None
               ) -> Exercised:
    """The templates the reached code names, and what they use."""
    nodes: list[ast.AST] = [m for _, m in found.methods]
    nodes += [n for c in found.classes for n in c.node.body
              if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]

    def each(compute: Callable[[list[ast.AST]], Collection[str]]
             ) -> Collection[str]:
        if sources is None:
            return compute(nodes)
        return [x for n in nodes
                for x in sources.memo(compute.__name__, n,
                                      lambda n: list(compute([n])))]
    strings = each(_strings)
    registered = set(each(_registered))
    folders = {os.path.dirname(found.file)} | {
        os.path.dirname(c.file) for c in found.classes}
    subs = [""] + sorted({s for s in strings if re.match(r"^\w+$", s)})
    start = []
    for name in sorted({s for s in strings if _FILE.match(s)}):
        for folder in sorted(folders):
            for sub in subs:
                path = os.path.join(folder, sub, name)
                if os.path.isfile(path) and path not in start:
                    start.append(path)
    out = _follow(start)
    out.types |= _inline(strings)
    out.types -= registered
    return out


def _inline(strings: Iterable[str]) -> set[str]:
    """The types of templates written in the code itself (a functional
    test's ``template = '...heat_template_version: ...'``)."""
    out: set[str] = set()
    for text in strings:
        if "heat_template_version" not in text and \
                "HeatTemplateFormatVersion" not in text:
            continue
        try:
            data = yaml.load(text, Loader=_Quiet)  # noqa: S506 safe
        except yaml.YAMLError:
            continue
        resources = (data.get("resources") or data.get("Resources")) \
            if isinstance(data, dict) else None
        for res in (resources.values() if isinstance(resources, dict)
                    else ()):
            kind = (res.get("type") or res.get("Type")) \
                if isinstance(res, dict) else None
            if isinstance(kind, str) and not _FILE.match(kind):
                out.add(kind)
    return out


def _follow(start: list[str]) -> Exercised:
    out = Exercised()
    custom: set[str] = set()
    todo = list(start)
    while todo and len(out.reads) < _MAX_FILES:
        path = todo.pop(0)
        if path in out.reads:
            continue
        out.reads.append(path)
        data = load_yaml(path)
        if not isinstance(data, dict):
            continue
        registry = data.get("resource_registry")
        if isinstance(registry, dict):
            custom.update(k for k in registry if isinstance(k, str))
            todo += _beside(path, [v for v in registry.values()
                                   if isinstance(v, str)])
        for res in (data.get("resources") or {}).values() \
                if isinstance(data.get("resources"), dict) else ():
            kind = res.get("type") if isinstance(res, dict) else None
            if isinstance(kind, str) and _FILE.match(kind):
                todo += _beside(path, [kind])
            elif isinstance(kind, str):
                out.types.add(kind)
        todo += _beside(path, _get_files(data))
    out.types -= custom
    out.reads.sort()
    return out


def _beside(path: str, names: list[str]) -> list[str]:
    folder = os.path.dirname(path)
    return [os.path.normpath(os.path.join(folder, n)) for n in names
            if _FILE.match(n) and
            os.path.isfile(os.path.join(folder, n))]


def _get_files(data: Any) -> list[str]:
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "get_file" and isinstance(value, str):
                out.append(value)
            else:
                out += _get_files(value)
    elif isinstance(data, list):
        for value in data:
            out += _get_files(value)
    return out


def _step_name(name: str) -> str:
    return re.sub(r"\W", "_", name.lower())


def of_gabbi(sources: Sources, test: str) -> Exercised | None:
    """A gabbi test's file and the types its step names."""
    split = sources.split(test)
    if split is None:
        return None
    module, rest = split
    parsed = sources.module(module)
    assert parsed is not None  # split found the module
    folder = os.path.join(os.path.dirname(parsed[0]), "gabbits")
    if not rest or not os.path.isdir(folder):
        return None
    for file in sorted(os.listdir(folder), key=len, reverse=True):
        stem = file.rsplit(".", 1)[0]
        if not file.endswith(".yaml") or \
                not rest[0].startswith(stem + "_"):
            continue
        path = os.path.join(folder, file)
        data = load_yaml(path)
        wanted = rest[0][len(stem) + 1:]
        out = Exercised([path])
        for step in (data or {}).get("tests") or [] \
                if isinstance(data, dict) else []:
            if isinstance(step, dict) and \
                    _step_name(str(step.get("name", ""))) == wanted:
                out.types |= _step_types(step)
        return out
    return None


def _step_types(step: dict[str, Any]) -> set[str]:
    out = set()
    for key in ("GET", "POST", "PUT", "PATCH", "DELETE", "url"):
        if isinstance(step.get(key), str):
            out.update(_TYPE.findall(step[key]))
    data = step.get("data")
    if isinstance(data, dict):
        template = data.get("template", data)
        resources = template.get("resources") \
            if isinstance(template, dict) else None
        for res in (resources or {}).values() \
                if isinstance(resources, dict) else ():
            if isinstance(res, dict) and isinstance(res.get("type"), str):
                out.add(res["type"])
    return out


def exercised(sources: Sources, test: str) -> Exercised:
    """What a test (a class's method, or a gabbi step) reads and uses."""
    found = reach(sources, test)
    if found is not None:
        return of_reached(found, sources)
    return of_gabbi(sources, test) or Exercised()


def _has_templates(sources: Sources, package: str) -> bool:
    """Whether an installed package ships templates or gabbi files."""
    top = os.path.join(sources.site, package)
    for _, folders, _ in os.walk(top):
        if "templates" in folders or "gabbits" in folders:
            return True
    return False


def resource_types(sources: Sources, names: list[str]
                   ) -> dict[str, list[str]]:
    """Test name -> the resource types its templates use, for the tests of
    the packages that ship templates (heat-tempest-plugin): what the index
    learns for template-resource capabilities."""
    shipping = {p for p in {n.split(".", 1)[0] for n in names}
                if p in sources.packages and _has_templates(sources, p)}
    out = {}
    for name in sorted(set(names)):
        if name.split(".", 1)[0] in shipping:
            used = exercised(sources, name)
            if used.types:
                out[name] = sorted(used.types)
    return out
