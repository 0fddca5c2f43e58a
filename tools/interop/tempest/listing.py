"""The installed tests' runtime ids, as ``tempest run --list-tests`` prints
them: ``name[attr,...]`` with the attributes sorted (``id-<uuid>``,
``smoke``, ``negative``, service names), so the id is not always first.

Such a line is what ``tempest run --load-list`` (stestr) wants: it takes
a test only when the whole line is one of the runtime ids, and drops the
others without a word.  testtools builds the ids (``id()``), so
``python -m testtools.run discover -t SITE -s FOLDER --list`` over
Tempest's ``api``, ``scenario`` and ``serial_tests`` folders and each
plugin's package gives the same lines (the test suite compares them with
``tempest run --list-tests``).  The packages come from
:func:`interop.tempest.index.installed`; the listing is cached beside the
index, keyed by the same fingerprint, and rebuilt when the installed
packages change.
"""
from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import subprocess
import sys

from interop.files import confined, read_cache, write_atomic
from interop.model import normal_id
from interop.tempest import index as tempest_index

_LINE = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?:\[(?P<attrs>[^\]]*)\])?$")
_MAX_CACHE_BYTES = 64 * 1024 * 1024
CACHE = "test-listing.json"
FORMAT = 1  # raise it when what is listed changes
#: Tempest's folders 'tempest run' lists (serial_tests since Tempest 34)
RUN_DIRS = ("api", "scenario", "serial_tests")


@dataclasses.dataclass
class Listing:
    """Every runtime id of the installed suite."""

    #: the runtime ids, as the runner lists them
    lines: list[str]

    def __post_init__(self) -> None:
        self.by_name: dict[str, str] = {}
        self.by_id: dict[str, list[str]] = {}
        for line in self.lines:
            name, uuid = split(line)
            self.by_name.setdefault(name, line)
            if uuid:
                self.by_id.setdefault(uuid, []).append(line)


def split(line: str) -> tuple[str, str | None]:
    """A runtime id's test name and its idempotent id (bare UUID)."""
    found = _LINE.match(line.strip())
    if not found:
        return line.strip(), None
    for attr in (found["attrs"] or "").split(","):
        if normal_id(attr):
            return found["name"], normal_id(attr)
    return found["name"], None


def _folders(package: str) -> tuple[str, list[str]]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package} is not importable")
    root = list(spec.submodule_search_locations)[0]
    if package == "tempest":  # what 'tempest run' discovers
        return os.path.dirname(root), [
            os.path.join(root, d) for d in RUN_DIRS
            if os.path.isdir(os.path.join(root, d))]
    return os.path.dirname(root), [root]


def discover(site: str, folder: str) -> list[str]:
    """The runtime ids testtools' discovery lists in a folder."""
    run = subprocess.run(
        [sys.executable, "-m", "testtools.run", "discover", "-t", site,
         "-s", folder, "--list"], capture_output=True, text=True,
        timeout=300, cwd=site, env=dict(os.environ, PYTHONHASHSEED="0"))
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["failed"])[-1]
        raise RuntimeError(f"discovery in {folder} failed: {last}")
    return [line.strip() for line in run.stdout.splitlines()
            if _LINE.match(line.strip()) and "." in line]


def build(packages: dict[str, tempest_index.Package] | None = None
          ) -> Listing:
    """List every installed package's tests (discovery runs; seconds)."""
    packages = tempest_index.installed() if packages is None else packages
    lines: set[str] = set()
    for name in packages:
        try:
            site, folders = _folders(name)
            for folder in folders:
                lines.update(discover(site, folder))
        except (OSError, RuntimeError, subprocess.SubprocessError):
            continue  # 'interop tests index' reports a broken plugin
    return Listing(sorted(lines))


def load(cache_dir: str, root: str | None = None) -> Listing:
    """The listing, from the cache while the installed packages are the
    ones it was made from."""
    packages = tempest_index.installed()
    key = f"{tempest_index.fingerprint(packages)};listing={FORMAT}"
    path = os.path.join(cache_dir, CACHE)
    if root is not None:
        confined(path, root)
    cached = read_cache(
        path, key, _MAX_CACHE_BYTES,
        lambda data: Listing(data["lines"]) if all(
            isinstance(x, str) for x in data["lines"]) else None)
    if cached is not None:
        return cached
    listing = build(packages)
    os.makedirs(cache_dir, exist_ok=True)
    write_atomic(path, json.dumps({"fingerprint": key,
                                   "lines": listing.lines}) + "\n", root)
    return listing
