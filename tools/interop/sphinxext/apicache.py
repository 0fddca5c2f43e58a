"""The static guideline API's test lists, written again only for the
guidelines whose inputs changed since the last build.

A guideline's lists are made from its source and the files every list
may read (the criteria folder, the published files and the baselines);
their sizes and times are kept beside Sphinx's own caches, in the
doctree folder (``interop-api.json``), with the lists each guideline
gave.  A rebuild after one edit of a draft compiles that draft, not
every guideline of 25 years.
"""
from __future__ import annotations

import glob
import json
import os
from typing import Any

from interop.files import stamp, write_atomic
from interop.repository import Repository

#: the stamps of the last build's lists, in the doctree folder
STAMPS = "interop-api.json"
#: files every guideline's lists may read, besides the guideline's own
SHARED = ("criteria/**/*.yaml", "guidelines/*.json",
          "add-ons/guidelines/*.json", "verticals/guidelines/*.json",
          "guidelines/baseline/*.yaml", "add-ons/*/baseline/*.yaml",
          "verticals/*/baseline/*.yaml")


def shared_stamps(root: str) -> list[list[Any]]:
    return [stamp(p) for pattern in SHARED
            for p in sorted(glob.glob(os.path.join(root, pattern),
                                      recursive=True))]


def read_stamps(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            found = json.load(handle)
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: every list is made again
    return found if isinstance(found, dict) else {}


def write_lists(repo: Repository, folder: str, stamps: str) -> int:
    """Write the test lists under ``folder`` (the API's) of each
    guideline whose inputs changed; the number of guidelines made."""
    from interop.refstack.api import lists_of
    from interop.refstack.beside import published_beside
    before = read_stamps(stamps)
    shared = shared_stamps(repo.root)
    if before.get("shared") != shared:
        before = {}
    kept: dict[str, Any] = {}
    beside = None
    made = 0
    for g in repo.guidelines(history=True):
        key = stamp(g.file)
        last = before.get(g.file)
        if isinstance(last, dict) and last.get("stamp") == key and all(
                os.path.isfile(os.path.join(folder, rel))
                for rel in last.get("files", [])):
            kept[g.file] = last
            continue
        beside = beside if beside is not None else published_beside(repo)
        files = lists_of(repo, g, beside)
        for rel, text in sorted(files.items()):
            write_atomic(os.path.join(folder, *rel.split("/")), text)
        kept[g.file] = {"stamp": key, "files": sorted(files)}
        made += 1
    write_atomic(stamps, json.dumps({"shared": shared, **kept}, indent=1,
                                    sort_keys=True))
    return made
