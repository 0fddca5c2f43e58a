"""Where each test is written, read from the test sources' syntax tree
(no import): its file and line, an unconditional skip's reason, and
whether the method itself reaches for the admin client.  The test index
(:mod:`interop.tempest.index`) joins it to what discovery lists.
"""
from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from typing import Any

from interop.model import normal_id


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


Place = tuple[str, int, "str | None", bool]


def scan_sources(folders: list[str]) -> dict[Any, Place]:
    """(uuid, method) and uuid -> (file, line, skip reason, uses the admin
    client), from the test sources' AST; a uuid several methods share
    keeps its first place."""
    out: dict[Any, Place] = {}
    for folder in folders:
        for base, _, files in os.walk(folder):
            for file in sorted(files):
                if file.endswith(".py"):
                    _scan_file(os.path.join(base, file), out)
    return out


def _functions(body: list[ast.stmt]
               ) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions defined in a module's or a class's body, and in the
    bodies of the classes (and compound statements) there: where test
    methods are written.  Cheaper than ``ast.walk``, which would also
    visit every expression of every method."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
            yield from _functions(node.body)
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node.body)
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For,
                               ast.While)):
            for part in ("body", "orelse", "finalbody"):
                yield from _functions(getattr(node, part, []))
            for handler in getattr(node, "handlers", []):
                yield from _functions(handler.body)


def _scan_file(path: str, out: dict[Any, Place]) -> None:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        if "idempotent_id" not in text:
            return  # no test id in it: not worth parsing (a third)
        tree = ast.parse(text, path)
    except (SyntaxError, UnicodeDecodeError, OSError, ValueError):
        return
    for node in _functions(tree.body):
        uuid, skipped = None, None
        for deco in node.decorator_list:
            name = _decorator_name(deco)
            if name == "idempotent_id" and isinstance(deco, ast.Call) and \
                    deco.args and isinstance(deco.args[0], ast.Constant):
                uuid = normal_id(deco.args[0].value)
            elif name in ("skip_because", "skip") and \
                    isinstance(deco, ast.Call):
                skipped = _skip_reason(deco)
        if uuid:
            place = (path, node.lineno, skipped, _uses_admin(node))
            out.setdefault((uuid, node.name), place)
            out.setdefault(uuid, place)


def _uses_admin(node: ast.AST) -> bool:
    """Whether a method reaches for admin clients: ``self.os_admin`` or
    ``cls.admin_<...>`` (the clients an admin base class sets up)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and \
                isinstance(sub.value, ast.Name) and \
                sub.value.id in ("self", "cls") and \
                (sub.attr == "os_admin" or sub.attr.startswith("admin_")):
            return True
    return False


def _skip_reason(deco: ast.Call) -> str:
    for kw in deco.keywords:
        if kw.arg == "bug" and isinstance(kw.value, ast.Constant):
            return f"skipped for bug {kw.value.value!s}"
        if kw.arg == "condition":  # skip_because(condition=...): depends
            return ""
    if deco.args and isinstance(deco.args[0], ast.Constant):
        return f"skipped: {deco.args[0].value!s}"
    return "skipped"
