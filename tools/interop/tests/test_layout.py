"""The package's layout: stages import only the stages below them.

The table is the architecture page's picture in data
(``doc/source/architecture.rst``); a new import that runs back up fails
here, naming the file and line, and the fix is to move the shared piece
down, not to widen the table.
"""
import ast
import os
import re

import interop

PACKAGE = os.path.dirname(os.path.abspath(interop.__file__))

_MIDDLE = {"errors", "model", "files", "series", "text", "dates"}
_BELOW_CHECKS = _MIDDLE | {"load", "scoring", "repository", "publish"}
#: stage -> the stages it may import (besides itself and ``interop``'s
#: own ``__init__``, which holds only the version)
ALLOWED = {
    "errors": set(),
    "text": set(),
    "dates": {"errors"},
    "model": {"errors"},
    "files": {"errors"},
    "series": {"errors", "model", "dates"},
    "load": _MIDDLE,
    "scoring": _MIDDLE | {"load"},
    "repository": _MIDDLE | {"load", "scoring"},
    "publish": _MIDDLE | {"load", "scoring", "repository"},
    "checks": _BELOW_CHECKS,
    "tempest": _BELOW_CHECKS | {"checks"},
    "refstack": _BELOW_CHECKS,
    "workflow": _BELOW_CHECKS | {"checks"},
    "docs": _BELOW_CHECKS | {"checks", "workflow"},
    "cli": _BELOW_CHECKS | {"checks", "tempest", "refstack", "workflow",
                            "docs"},
    # the Sphinx extension is a front-end like the CLI: it documents the
    # commands from the CLI's own parser
    "sphinxext": _BELOW_CHECKS | {"checks", "tempest", "refstack",
                                  "workflow", "docs", "cli"},
}


def stage_of_file(path: str, root: str = PACKAGE) -> str:
    rel = os.path.relpath(path, root)
    head = rel.split(os.sep)[0]
    return head[:-3] if head.endswith(".py") else head


def stage_of_module(dotted: str) -> str | None:
    """The stage an ``interop...`` module belongs to; None for ``interop``
    itself."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else None


def imports(path: str):
    """(line, module) of every absolute import of the package in a file,
    lazy ones inside functions included."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            if node.module == "interop":
                for alias in node.names:
                    yield node.lineno, f"interop.{alias.name}"
            else:
                yield node.lineno, node.module


def package_files():
    for folder, dirs, files in os.walk(PACKAGE):
        dirs[:] = [d for d in dirs if d not in ("tests", "__pycache__")]
        for name in files:
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def violations(files, root: str = PACKAGE) -> list[str]:
    found = []
    for path in files:
        stage = stage_of_file(path, root)
        if stage == "__init__":
            continue
        for line, module in imports(path):
            if module != "interop" and not module.startswith("interop."):
                continue
            target = stage_of_module(module)
            if target in (None, "__version__", stage):
                continue
            if target not in ALLOWED.get(stage, set()):
                found.append(f"{os.path.relpath(path, root)}:{line}: "
                             f"stage {stage!r} imports {module} "
                             f"(stage {target!r})")
    return found


def test_every_stage_is_in_the_table():
    stages = {stage_of_file(p) for p in package_files()} - {"__init__"}
    assert stages == set(ALLOWED)


def test_imports_run_one_way():
    assert violations(package_files()) == []


def test_an_import_running_back_up_is_reported(tmp_path):
    # a loader that reaches up into the checks, as a module of load/ would
    folder = tmp_path / "load"
    folder.mkdir()
    bad = folder / "source.py"
    bad.write_text("from interop.errors import LoadError\n"
                   "def f():\n    from interop.checks import RULES\n")
    found = violations([str(bad)], str(tmp_path))
    assert len(found) == 1 and "stage 'load' imports interop.checks" in \
        found[0] and ":3:" in found[0]


def test_the_model_imports_only_errors():
    modules = {m for _, m in imports(os.path.join(PACKAGE, "model.py"))
               if m.startswith("interop")}
    assert modules <= {"interop.errors"}


def test_top_level_holds_the_stages_and_few_modules():
    modules = [n for n in os.listdir(PACKAGE) if n.endswith(".py")]
    # the middle (errors, model, files, text, dates, series, repository),
    # the package's own __init__ and the Sphinx front-end
    assert len(modules) <= 9, modules


def test_the_architecture_picture_draws_every_stage(root):
    with open(os.path.join(root, "doc", "source", "architecture.dot"),
              encoding="utf-8") as handle:
        words = set(re.findall(r"[a-z]+", handle.read().replace("\\n", " ")))
    assert set(ALLOWED) <= words


def private_imports(files, root: str = PACKAGE) -> list[str]:
    """``from interop.x import _name`` without an ``as``: a module's
    private name used by another (a name imported under a private alias,
    ``import f as _f``, is the importer's own)."""
    found = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("interop"):
                found += [f"{os.path.relpath(path, root)}:{node.lineno}: "
                          f"{node.module}.{a.name}" for a in node.names
                          if a.name.startswith("_") and
                          not a.name.startswith("__")]
    return found


def test_no_module_reads_another_modules_private_names():
    """Issue 30: what a module shares is public; a private helper used
    elsewhere is renamed or moved, not reached into."""
    assert private_imports(package_files()) == []


def test_a_private_import_is_reported(tmp_path):
    bad = tmp_path / "checks.py"
    bad.write_text("from interop.checks.lifecycle import _previous, ok\n"
                   "from interop.load.policy import source_of as _s\n")
    assert private_imports([str(bad)], str(tmp_path)) == [
        "checks.py:1: interop.checks.lifecycle._previous"]


def _module_name(path: str, root: str = PACKAGE) -> str:
    rel = os.path.relpath(path, root)[:-3].replace(os.sep, ".")
    return "interop" + ("" if rel == "__init__" else
                        "." + rel.removesuffix(".__init__"))


def _runtime_imports(path: str, known: set[str]) -> set[str]:
    """The package's modules a file imports when it runs (lazy imports
    too; not those under ``if TYPE_CHECKING:``, which never run)."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
            and ast.unparse(node.test).endswith("TYPE_CHECKING")
            for n in ast.walk(node)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names]
            out |= {n for n in names if n in known} or {node.module}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out & known


def import_circles(files, root: str = PACKAGE) -> list[list[str]]:
    """Each group of modules that import one another, directly or round
    a circle (a strongly connected component of the import graph)."""
    files = list(files)
    known = {_module_name(p, root) for p in files}
    graph = {_module_name(p, root): _runtime_imports(p, known) - {
        _module_name(p, root)} for p in files}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_one_another():
    """Issue 30: imports run one way inside a stage too; a circle held
    open by a lazy import is still a circle."""
    assert import_circles(package_files()) == []


def test_an_import_circle_is_reported(tmp_path):
    (tmp_path / "a.py").write_text("from interop.b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from interop import a\n")
    (tmp_path / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from interop import a\n")
    (tmp_path / "d.py").write_text("import interop.c\n")
    files = [str(tmp_path / n) for n in ("a.py", "b.py", "c.py", "d.py")]
    assert import_circles(files, str(tmp_path)) == [
        ["interop.a", "interop.b"]]
