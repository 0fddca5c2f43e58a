"""The code a test reaches, read from the installed sources' AST.

A test ``pkg.module.Class.test_x`` runs its method and the fixtures of its
class hierarchy (``setUp``, ``setUpClass``, ``resource_setup``, ...); those
call helpers on ``self``/``cls``, which may be defined on any class of the
hierarchy.  :func:`reach` follows that: the class's bases are resolved
through the module's imports (absolute and relative) to class definitions
in the installed packages, and every method named by a call or an
attribute on ``self``, ``cls`` or ``super()`` is taken from every class
of the hierarchy that defines it (a ``super()`` chain runs them all).

Nothing is imported or run: a test's code is what its files say.  Bases
outside the test's own package and Tempest (testtools, unittest) end the
walk, by name.
"""
from __future__ import annotations

import ast
import dataclasses
import os
from collections.abc import Callable
from typing import TypeVar, cast

_Value = TypeVar("_Value")
#: a method's definition, plain or ``async``
Function = ast.FunctionDef | ast.AsyncFunctionDef

#: the methods a test framework runs around every test
FIXTURES = ("setUp", "tearDown", "setUpClass", "tearDownClass",
            "setup_credentials", "setup_clients", "skip_checks",
            "resource_setup", "resource_cleanup", "check_skip")


@dataclasses.dataclass(frozen=True)
class ClassDef:
    module: str
    file: str
    node: ast.ClassDef


@dataclasses.dataclass
class Reached:
    """What a test reaches: the classes (test class first) and the
    methods, as (class, method node), in a stable order."""

    name: str
    module: str
    file: str
    classes: list[ClassDef]
    methods: list[tuple[ClassDef, Function]]
    method: Function | None = None


class Sources:
    """Parsed modules of the installed packages under ``site``, each read
    once."""

    def __init__(self, site: str, packages: set[str]) -> None:
        self.site = site
        self.packages = packages
        self._trees: dict[str, tuple[str, ast.Module] | None] = {}
        self._memo: dict[tuple[str, int], object] = {}

    def memo(self, kind: str, node: object,
             compute: Callable[..., _Value]) -> _Value:
        """``compute(node)``, once per node (the trees are kept, so a
        node's id stands for it).  (``...``: mypy infers no lambda that
        binds a loop variable by a default, as the callers' do.)"""
        key = (kind, id(node))
        if key not in self._memo:
            self._memo[key] = compute(node)
        # a kind names one computation, so what it stored is its value
        return cast(_Value, self._memo[key])

    def module(self, dotted: str) -> tuple[str, ast.Module] | None:
        if dotted in self._trees:
            return self._trees[dotted]
        found: tuple[str, ast.Module] | None = None
        if dotted.split(".", 1)[0] in self.packages:
            base = os.path.join(self.site, *dotted.split("."))
            for path in (base + ".py", os.path.join(base, "__init__.py")):
                if os.path.isfile(path):
                    tree = _parse(path)
                    found = (path, tree) if tree else None
                    break
        self._trees[dotted] = found
        return self._trees[dotted]

    def split(self, test: str) -> tuple[str, list[str]] | None:
        """(module, [Class, method]) of a dotted test name: the longest
        prefix that is a module file."""
        parts = test.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            if self.module(".".join(parts[:cut])):
                return ".".join(parts[:cut]), parts[cut:]
        return None

    def find_class(self, module: str, name: str, depth: int = 0
                   ) -> ClassDef | None:
        """A class defined in ``module``, or imported into it."""
        found = self.module(module)
        if found is None or depth > 8:  # a re-export loop ends here
            return None
        for node in found[1].body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return ClassDef(module, found[0], node)
        target = _imported(found[1], module, name, self._is_package(module))
        if target and target != (module, name):
            return self.find_class(*target, depth=depth + 1)
        return None

    def _is_package(self, module: str) -> bool:
        found = self.module(module)
        return found is not None and found[0].endswith("__init__.py")

    def bases(self, cls: ClassDef) -> list[ClassDef]:
        out = []
        for expr in cls.node.bases:
            found = self._resolve(cls.module, _dotted(expr))
            if found is not None:
                out.append(found)
        return out

    def _resolve(self, module: str, parts: list[str]) -> ClassDef | None:
        """The class a dotted name written in ``module`` stands for."""
        if not parts:
            return None
        if len(parts) == 1:
            return self.find_class(module, parts[0])
        tree = self.module(module)
        if tree is None:
            return None
        origin = _imported(tree[1], module, parts[0],
                           self._is_package(module))
        if origin is None:
            return None
        head = ".".join(p for p in origin if p)
        return self.find_class(".".join([head, *parts[1:-1]]), parts[-1])

    def hierarchy(self, cls: ClassDef) -> list[ClassDef]:
        """The class and its bases, depth first, each once."""
        out: list[ClassDef] = []
        todo = [cls]
        while todo:
            current = todo.pop(0)
            if any(c.module == current.module and c.node.name ==
                   current.node.name for c in out):
                continue
            out.append(current)
            todo[0:0] = self.bases(current)
        return out


def _parse(path: str) -> ast.Module | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return ast.parse(handle.read(), path)
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None


def _dotted(expr: ast.expr) -> list[str]:
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.insert(0, expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        return [expr.id, *parts]
    return []


def _absolute(module: str, level: int, name: str | None,
              package: bool) -> str:
    if not level:
        return name or ""
    base = module.split(".")
    base = base if package else base[:-1]
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _imported(tree: ast.Module, module: str, name: str, package: bool
              ) -> tuple[str, str] | None:
    """Where a top-level name of a module comes from: (P, X) for ``from P
    import X [as name]`` (a class or a module P.X), (M, "") for ``import M
    as name`` or ``import name.sub``."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return (_absolute(module, node.level, node.module,
                                      package), alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname == name:
                    return alias.name, ""
                if alias.asname is None and \
                        alias.name.split(".")[0] == name:
                    return name, ""
    return None


def _calls(node: ast.AST) -> set[str]:
    """Names used on ``self``, ``cls`` or ``super()`` in a method."""
    out = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute):
            owner = sub.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                out.add(sub.attr)
            elif isinstance(owner, ast.Call) and \
                    isinstance(owner.func, ast.Name) and \
                    owner.func.id == "super":
                out.add(sub.attr)
    return out


def _methods(cls: ClassDef) -> dict[str, Function]:
    return {n.name: n for n in cls.node.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def reach(sources: Sources, test: str) -> Reached | None:
    """What the test named ``test`` reaches; None when its class is not
    found in the sources (a generated test, as gabbi's)."""
    split = sources.split(test)
    if split is None or len(split[1]) != 2:
        return None
    module, (cls_name, method) = split
    cls = sources.find_class(module, cls_name)
    if cls is None:
        return None
    classes = sources.memo("hierarchy", cls.node,
                           lambda _: sources.hierarchy(cls))
    table = [(c, sources.memo("methods", c.node, lambda _, c=c: _methods(c)))
             for c in classes]
    wanted = [method, *FIXTURES]
    seen: set[str] = set()
    found: list[tuple[ClassDef, Function]] = []
    own = None
    while wanted:
        name = wanted.pop(0)
        if name in seen:
            continue
        seen.add(name)
        for c, methods in table:
            node = methods.get(name)
            if node is None:
                continue
            if name == method and own is None:
                own = node
            found.append((c, node))
            wanted.extend(sorted(sources.memo("calls", node, _calls) - seen))
    parsed = sources.module(module)
    assert parsed is not None  # split found the test in this module
    return Reached(test, module, parsed[0], classes, found, own)
