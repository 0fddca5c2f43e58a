"""An index of the tests installed Tempest and its plugins provide.

Tempest's own discovery lists every test, including those subclasses
inherit, with their attributes (``name[id-<uuid>,smoke]``), and needs no
configuration; plugins register the ``tempest.test_plugins`` entry point.
The runtime list gives the names and ids; an AST scan of the sources gives
where each test is written and whether it is skipped unconditionally.
Heat's gabbi YAML tests come through discovery like the others.
Discovery of every package runs in one process (one per spare core, at
most two), which imports Tempest and what the plugins share once, while
this process parses the sources that hold a test id.

Each test also records its class's ``credentials`` (what Tempest
allocates for it, inherited from base classes; see
:mod:`interop.tempest.credentials`) and whether the test method itself
reaches for the admin client (``self.os_admin``, ``cls.admin_..._client``).

The index is cached in the user's cache folder (``$XDG_CACHE_HOME/interop``,
never in the work tree a change can write into) and rebuilt when the
installed packages change: it is keyed by each distribution's ``RECORD``
(the hashes of every file pip installed) or, without one, the hashes of
its files, not by version strings anyone can write.
"""
from __future__ import annotations

import dataclasses
import importlib.metadata
import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys
from typing import Any

from interop.files import confined, read_cache, write_atomic
from interop.load.plugins import entry_points
from interop.model import normal_id
from interop.tempest import credentials as creds
from interop.tempest.scan import Place, scan_sources

FORMAT = 3
ENTRY_POINT = "tempest.test_plugins"
_MAX_CACHE_BYTES = 256 * 1024 * 1024  # an index of every plugin is MBs
#: Tempest's own test folders (its unit tests serve no guideline)
TEMPEST_DIRS = ("api", "scenario")
_LISTED = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?:\[(?P<attrs>[^\]]*)\])?\Z")


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


#: (the entry points read, what they said was installed)
_INSTALLED: list[tuple[tuple[Any, ...], dict[str, Package]]] = []


def installed() -> dict[str, Package]:
    """Tempest and every installed plugin, by Python package: read once
    while the entry points are (:func:`interop.load.plugins.entry_points`:
    the import path and its folders as they were)."""
    points = entry_points()
    if not _INSTALLED or _INSTALLED[0][0] is not points:
        _INSTALLED[:] = [(points, _installed(points))]
    # copies: discovery records its errors on them
    return {k: dataclasses.replace(v) for k, v in _INSTALLED[0][1].items()}


def _installed(points: tuple[Any, ...]) -> dict[str, Package]:
    found: dict[str, Package] = {}
    try:
        found["tempest"] = Package("tempest", "tempest",
                                   importlib.metadata.version("tempest"))
    except importlib.metadata.PackageNotFoundError:
        return found
    for entry in points:
        package = entry.value.split(":", 1)[0].split(".", 1)[0]
        dist = entry.dist.name if entry.dist else package
        version = entry.dist.version if entry.dist else "?"
        found.setdefault(package, Package(package, dist, version))
    return found


def fingerprint(packages: dict[str, Package]) -> str:
    parts = [f"{p.distribution}=={p.version}#{_installed_digest(p)}"
             for p in packages.values()]
    return ";".join([f"format={FORMAT}", sys.version.split()[0]]
                    + sorted(parts))


def _installed_digest(package: Package) -> str:
    """A digest of what is installed of a distribution: its ``RECORD``
    (pip's list of every file with its hash), else its files' contents;
    a file changed in place (a patched test) changes it."""
    import hashlib
    digest = hashlib.sha256()
    try:
        dist = importlib.metadata.distribution(package.distribution)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return "none"
    record = dist.read_text("RECORD")
    if record:
        digest.update(record.encode("utf-8", "surrogateescape"))
    else:  # an editable or legacy install: hash the files themselves
        for entry in sorted(dist.files or [], key=str):
            digest.update(str(entry).encode("utf-8", "surrogateescape"))
            try:
                # locate() is a Path, typed as a PathLike
                digest.update(pathlib.Path(entry.locate()).read_bytes())
            except OSError:
                digest.update(b"\0missing")
    return digest.hexdigest()[:32]


def cache_folder() -> str:
    """The user's cache folder for the index
    (:func:`interop.files.user_cache`)."""
    from interop.files import user_cache
    return user_cache()


#: where earlier versions kept the cache, inside the checkout; a file
#: there is ignored (a change could have committed it)
IN_TREE_CACHE = os.path.join(".interop-cache", "test-index.json")


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


def _parse_listing(text: str) -> list[tuple[str, list[str]]]:
    out = []
    for line in text.splitlines():
        found = _LISTED.match(line.strip())
        if found and "." in found["name"]:
            attrs = [a for a in (found["attrs"] or "").split(",") if a]
            out.append((found["name"], attrs))
    return out


#: one group of folders to discover in one process: (site, folders)
Group = tuple[str, list[str]]


def _groups(places: dict[str, tuple[str, list[str]]], jobs: int
            ) -> list[Group]:
    """The folders of every package dealt into ``jobs`` processes of
    about equal work (counted in test files), largest first; a process
    holds folders of one site only."""
    by_site: dict[str, list[tuple[int, str]]] = {}
    for site, folders in places.values():
        for folder in folders:
            count = sum(1 for _, _, files in os.walk(folder)
                        for f in files if f.endswith(".py"))
            by_site.setdefault(site, []).append((count, folder))
    out: list[Group] = []
    for site, sized in sorted(by_site.items()):
        bins: list[tuple[list[int], list[str]]] = [
            ([0], []) for _ in range(min(jobs, len(sized)))]
        for count, folder in sorted(sized, key=lambda x: (-x[0], x[1])):
            work, folders = min(bins, key=lambda b: b[0][0])
            work[0] += count
            folders.append(folder)
        out += [(site, folders) for _, folders in bins]
    return out


def _start(group: Group) -> subprocess.Popen[str]:
    site, folders = group
    return subprocess.Popen(
        creds.discovery(site, folders), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, cwd=site,
        env=creds.environment())


def _finish(proc: subprocess.Popen[str], group: Group
            ) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Folder -> its tests (or the error that stopped discovery), and the
    credentials of the classes, from one discovery process."""
    try:
        stdout, stderr = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return {f: RuntimeError(f"discovery in {f} timed out")
                for f in group[1]}, {}
    listing, classes = creds.split(stdout)
    said = creds.listings(listing)
    out: dict[str, Any] = {}
    for folder in group[1]:
        if folder not in said:
            last = (stderr.strip().splitlines() or ["failed"])[-1]
            out[folder] = RuntimeError(f"discovery in {folder} failed: "
                                       f"{last}")
            continue
        text, code, last = said[folder]
        out[folder] = _parse_listing(text) if code == 0 else \
            RuntimeError(f"discovery in {folder} failed: {last}")
    return out, classes


#: discovery processes at most: more cost memory and gain nothing on
#: the two cores CI machines have
MAX_JOBS = 2


def build(packages: dict[str, Package] | None = None,
          jobs: int | None = None) -> TestIndex:
    """Index the installed packages (seconds: discovery runs).

    Discovery (names, inherited tests, the classes' credentials) runs in
    ``jobs`` processes, each importing Tempest once for the folders of
    several packages, while this process reads the sources' AST for ids
    and places."""
    packages = dict(installed() if packages is None else packages)
    places: dict[str, tuple[str, list[str]]] = {}
    for package in packages.values():
        try:
            places[package.name] = _folders(package.name)
        except (OSError, ImportError, ValueError) as exc:
            package.error = str(exc)
    # This process's AST scan takes a core: discovery gets the others.
    # A second discovery process imports the libraries the plugins share
    # again, which costs more than it saves on two cores.
    jobs = jobs or max(1, min((os.cpu_count() or 1) - 1, MAX_JOBS))
    groups = _groups(places, jobs)
    procs = []
    found: dict[str, Any] = {}
    for group in groups:
        try:
            procs.append((_start(group), group))
        except OSError as exc:  # no process at all: each folder says why
            found.update({f: RuntimeError(f"discovery in {f} failed: "
                                          f"{exc}") for f in group[1]})
    # the AST scan stays in this thread while discovery runs (CPython
    # 3.11's ast.parse is not safe across threads)
    scanned = {name: scan_sources(folders)
               for name, (_, folders) in places.items()}
    classes: dict[str, list[str]] = {}
    for proc, group in procs:
        listed, credentials = _finish(proc, group)
        found.update(listed)
        classes.update(credentials)
    entries: list[IndexedTest] = []
    for name, (_, folders) in places.items():
        package = packages[name]
        failed = [found[f] for f in folders
                  if isinstance(found.get(f), Exception)]
        if failed:
            package.error = str(failed[0])
            continue
        tests = [item for f in folders for item in found.get(f, [])]
        entries += _entries(package, tests, scanned[name], classes)
    return TestIndex(packages, entries)


def _entries(package: Package, found: list[tuple[str, list[str]]],
             places: dict[Any, Place],
             classes: dict[str, list[str]]) -> list[IndexedTest]:
    out = []
    seen = set()
    for name, attrs in found:
        uuid = next((normal_id(a) for a in attrs if normal_id(a)), None)
        if (name, uuid) in seen:
            continue
        seen.add((name, uuid))
        method = name.rsplit(".", 1)[-1]
        file, line, skipped, admin = places.get(
            (uuid, method), places.get(uuid, (None, None, None, False)))
        out.append(IndexedTest(
            name, uuid, package.name, file, line, skipped or None,
            classes.get(name.rsplit(".", 1)[0]), admin))
    return out


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
    if not refresh:
        cached = read_cache(path, key, _MAX_CACHE_BYTES,
                            lambda data: TestIndex.from_dict(data["index"]))
        if cached is not None:
            return cached
    index = build(packages)
    os.makedirs(cache_dir, exist_ok=True)
    write_atomic(path, json.dumps({"fingerprint": key,
                                   "index": index.as_dict()}) + "\n",
                 root)
    return index
