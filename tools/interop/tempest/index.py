"""An index of the tests installed Tempest and its plugins provide.

Tempest's own discovery lists every test, including those subclasses
inherit, with their attributes (``name[id-<uuid>,smoke]``), and needs no
configuration; plugins register the ``tempest.test_plugins`` entry point.
The runtime list gives the names and ids; an AST scan of the sources gives
where each test is written and whether it is skipped unconditionally.
Heat's gabbi YAML tests come through discovery like the others.

Each test also records its class's ``credentials`` (what Tempest
allocates for it, inherited from base classes; see
:mod:`interop.tempest.credentials`) and whether the test method itself
reaches for the admin client (``self.os_admin``, ``cls.admin_..._client``).

The index is cached in ``.interop-cache/`` and rebuilt when the installed
packages change.
"""
from __future__ import annotations

import ast
import concurrent.futures
import dataclasses
import importlib.metadata
import importlib.util
import json
import os
import re
import subprocess
import sys
from typing import Any

from interop.errors import LoadError
from interop.files import confined, read_regular, write_atomic
from interop.model import normal_id
from interop.tempest import credentials as creds

FORMAT = 3
ENTRY_POINT = "tempest.test_plugins"
_MAX_CACHE_BYTES = 256 * 1024 * 1024  # an index of every plugin is MBs
#: Tempest's own test folders (its unit tests serve no guideline)
TEMPEST_DIRS = ("api", "scenario")
_LISTED = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?:\[(?P<attrs>[^\]]*)\])?$")


@dataclasses.dataclass
class IndexedTest:
    name: str
    id: str | None          # bare lower-case UUID
    package: str
    file: str | None = None
    line: int | None = None
    skipped: str | None = None  # why, when skipped unconditionally
    #: the credentials the test's class asks for (None: unknown)
    credentials: list[str] | None = None
    #: the test method uses the admin client itself
    os_admin: bool = False

    @property
    def needs_admin(self) -> bool:
        return self.os_admin or creds.needs_admin(self.credentials)

    @property
    def second_user(self) -> bool:
        return creds.second_user(self.credentials)


@dataclasses.dataclass
class Package:
    name: str          # the Python package (tempest, designate_tempest_plugin)
    distribution: str  # what pip installed
    version: str
    error: str | None = None  # why discovery failed, if it did


@dataclasses.dataclass
class TestIndex:
    packages: dict[str, Package]
    #: every listed test; a name may be listed twice (gabbi steps) and an
    #: id may stand on several tests (inherited, or reused by a plugin)
    entries: list[IndexedTest]

    def __post_init__(self) -> None:
        self.tests: dict[str, IndexedTest] = {}
        self.by_name: dict[str, list[IndexedTest]] = {}
        self.by_id: dict[str, list[IndexedTest]] = {}
        for test in self.entries:
            self.tests.setdefault(test.name, test)
            self.by_name.setdefault(test.name, []).append(test)
            if test.id:
                self.by_id.setdefault(test.id, []).append(test)

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT,
                "packages": {k: dataclasses.asdict(v)
                             for k, v in self.packages.items()},
                "tests": [dataclasses.asdict(t) for t in self.entries]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TestIndex:
        return cls({k: Package(**v) for k, v in data["packages"].items()},
                   [IndexedTest(**t) for t in data["tests"]])


def installed() -> dict[str, Package]:
    """Tempest and every installed plugin, by Python package."""
    found: dict[str, Package] = {}
    try:
        found["tempest"] = Package("tempest", "tempest",
                                   importlib.metadata.version("tempest"))
    except importlib.metadata.PackageNotFoundError:
        return found
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT):
        package = entry.value.split(":", 1)[0].split(".", 1)[0]
        dist = entry.dist.name if entry.dist else package
        version = entry.dist.version if entry.dist else "?"
        found.setdefault(package, Package(package, dist, version))
    return found


def fingerprint(packages: dict[str, Package]) -> str:
    parts = [f"{p.distribution}=={p.version}" for p in packages.values()]
    return ";".join([f"format={FORMAT}", sys.version.split()[0]]
                    + sorted(parts))


def _folders(package: str) -> tuple[str, list[str]]:
    """(site folder, folders to discover) of an installed package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package} is not importable")
    root = list(spec.submodule_search_locations)[0]
    site = os.path.dirname(root)
    if package == "tempest":
        return site, [os.path.join(root, d) for d in TEMPEST_DIRS]
    return site, [root]


def _discover(site: str, folder: str
              ) -> tuple[list[tuple[str, list[str]]], dict[str, list[str]]]:
    """(name, attributes) of every test discovery finds in a folder, and
    the credentials of their classes (read in the same process)."""
    run = subprocess.run(
        creds.discovery(site, folder), capture_output=True, text=True,
        timeout=300, cwd=site, env=creds.environment())
    listing, classes = creds.split(run.stdout)
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or
                listing.strip().splitlines() or ["failed"])[-1]
        raise RuntimeError(f"discovery in {folder} failed: {last}")
    out = []
    for line in listing.splitlines():
        found = _LISTED.match(line.strip())
        if found and "." in found["name"]:
            attrs = [a for a in (found["attrs"] or "").split(",") if a]
            out.append((found["name"], attrs))
    return out, classes


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


def _scan_file(path: str, out: dict) -> None:
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
    except (SyntaxError, UnicodeDecodeError, OSError):
        return
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
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
            return f"skipped for bug {kw.value.value}"
        if kw.arg == "condition":  # skip_because(condition=...): depends
            return ""
    if deco.args and isinstance(deco.args[0], ast.Constant):
        return f"skipped: {deco.args[0].value}"
    return "skipped"


def build(packages: dict[str, Package] | None = None) -> TestIndex:
    """Index the installed packages (a few seconds: discovery runs)."""
    packages = dict(installed() if packages is None else packages)
    entries: list[IndexedTest] = []

    def listed(package: Package) -> tuple[Package, list, list, dict]:
        found: list = []
        classes: dict = {}
        try:
            site, folders = _folders(package.name)
            for folder in folders:
                items, credentials = _discover(site, folder)
                found += items
                classes.update(credentials)
        except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
            package.error = str(exc)
            return package, [], [], {}
        return package, found, folders, classes

    # Discovery runs in subprocesses, side by side; the AST scan stays in
    # this thread (CPython 3.11's ast.parse is not safe across threads).
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(listed, packages.values()))
    for package, found, folders, classes in results:
        places = scan_sources(folders)
        seen = set()
        for name, attrs in found:
            uuid = next((normal_id(a) for a in attrs if normal_id(a)),
                        None)
            if (name, uuid) in seen:
                continue
            seen.add((name, uuid))
            method = name.rsplit(".", 1)[-1]
            file, line, skipped, admin = places.get(
                (uuid, method), places.get(uuid, (None, None, None, False)))
            entries.append(IndexedTest(
                name, uuid, package.name, file, line, skipped or None,
                classes.get(name.rsplit(".", 1)[0]), admin))
    return TestIndex(packages, entries)


def load(cache_dir: str, refresh: bool = False, root: str | None = None
         ) -> TestIndex:
    """The index, from the cache when the installed packages are the same.

    With ``root`` (the repository holding the cache), a cache that links
    lead out of it is refused (E160); a cache that is not a regular file
    (a FIFO) is never waited on: not read, and not replaced (E161)."""
    packages = installed()
    key = fingerprint(packages)
    path = os.path.join(cache_dir, "test-index.json")
    if root is not None:
        confined(path, root)
    if not refresh and os.path.lexists(path):
        try:
            data = json.loads(read_regular(path, _MAX_CACHE_BYTES))
            if data.get("fingerprint") == key:
                return TestIndex.from_dict(data["index"])
        except (LoadError, OSError, ValueError, KeyError, TypeError,
                AttributeError):
            pass  # a damaged cache is rebuilt
    index = build(packages)
    os.makedirs(cache_dir, exist_ok=True)
    write_atomic(path, json.dumps({"fingerprint": key,
                                   "index": index.as_dict()}) + "\n",
                 root)
    return index
