"""A fingerprint of a test's code: what must not change unseen.

The fingerprint is ``sha256:`` of the normalised AST (no positions, no
docstrings, so a comment or a reflowed line changes nothing) of the test
method and of every method of its class hierarchy it reaches
(:mod:`interop.tempest.reach`: ``setUp``, ``setUpClass``,
``resource_setup`` and the helpers they call), of the class bodies'
attributes, and of the files the test reads (templates, gabbi YAML, as
:mod:`interop.tempest.templates` finds them), each by its path relative to
site-packages and its parsed content.

A gabbi test has no class in the source: its fingerprint is the module's
code (the ``load_tests`` that builds it) and its YAML file.
"""
from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import os

from interop.tempest.reach import Sources, reach
from interop.tempest.templates import load_yaml, of_gabbi, of_reached


@dataclasses.dataclass(frozen=True)
class Print:
    fingerprint: str
    reads: tuple[str, ...]  # relative to site-packages
    #: where the test's method is written (relative), when found
    file: str | None = None
    line: int | None = None
    #: the resource types its templates use (K003/K004 read them)
    types: tuple[str, ...] = ()


def _normal(node: ast.AST) -> str:
    """The node's AST without positions and docstrings."""
    return _dump(_strip(ast.parse(ast.unparse(node))))


def _dump(value: object) -> str:
    """A node as text, its fields named and those left empty (None, [])
    left out: a field a later Python adds with an empty default (3.12's
    ``type_params``) leaves the fingerprint as it was."""
    if isinstance(value, ast.AST):
        fields = [f"{name}={_dump(getattr(value, name, None))}"
                  for name in value._fields
                  if getattr(value, name, None) not in (None, [])]
        return f"{type(value).__name__}({','.join(fields)})"
    if isinstance(value, list):
        return "[" + ",".join(_dump(v) for v in value) + "]"
    return repr(value)


def _strip(tree: ast.AST) -> ast.AST:
    for sub in ast.walk(tree):
        body = getattr(sub, "body", None)
        if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef,
                            ast.ClassDef, ast.Module)) and body and \
                isinstance(body[0], ast.Expr) and \
                isinstance(body[0].value, ast.Constant) and \
                isinstance(body[0].value.value, str):
            sub.body = body[1:] or [ast.Pass()]
    return tree


def _file_part(site: str, path: str) -> str:
    data = load_yaml(path)
    return os.path.relpath(path, site) + "=" + json.dumps(
        data, sort_keys=True, default=str)


def of_test(sources: Sources, test: str) -> Print | None:
    """The fingerprint of an installed test; None when its code cannot be
    found."""
    site = sources.site
    found = reach(sources, test)
    parts: list[str] = []
    if found is not None:
        for cls, method in found.methods:
            parts.append(f"{cls.module}.{cls.node.name}.{method.name}="
                         + sources.memo("normal", method, _normal))
        for cls in found.classes:
            attrs = [n for n in cls.node.body if not isinstance(
                n, (ast.FunctionDef, ast.AsyncFunctionDef))]
            bases = [ast.unparse(b) for b in cls.node.bases]
            parts.append(f"{cls.module}.{cls.node.name}({','.join(bases)})="
                         + "|".join(sources.memo("normal", a, _normal)
                                    for a in attrs))
        used = of_reached(found, sources)
        reads, types = used.reads, used.types
        file = os.path.relpath(found.file, site)
        line = found.method.lineno if found.method else None
        if found.method:
            file = os.path.relpath(next(
                c.file for c, m in found.methods if m is found.method), site)
    else:
        gabbi = of_gabbi(sources, test)
        if gabbi is None:
            return None
        # of_gabbi found the test's module: split and module say so again
        split = sources.split(test)
        assert split is not None
        module = split[0]
        parsed = sources.module(module)
        assert parsed is not None
        path, tree = parsed
        parts.append(module + "=" + _normal(tree))
        reads, file, line = gabbi.reads, os.path.relpath(path, site), None
        types = gabbi.types
    parts += [sources.memo("file " + r, sources, lambda _, r=r:
                           _file_part(site, r)) for r in reads]
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    return Print("sha256:" + digest,
                 tuple(os.path.relpath(r, site) for r in reads), file, line,
                 tuple(sorted(types)))
