"""Where a published guideline's companions are: the published layout.

A guideline's published form (a source compiled in memory) and the
Powered guidelines its components come from, found beside it in any
layout the published files have had (the corpus's, RefStack's)."""
from __future__ import annotations

from collections.abc import Mapping

import glob
import os
from typing import Any

from interop.errors import LoadError, UsageError
from interop.files import confined
from interop.load.anyform import is_published
from interop.load.jsonsource import load_json, load_json_file
from interop.publish.outputs import compile_text
from interop.repository import Repository, find_root, named_file
from interop.series import original_url


def _published_root(path: str) -> str:
    """The folder that holds a published file's Powered guidelines:
    ``X.json``, ``add-ons/X.json``, ``guidelines/X.json`` or
    ``add-ons/guidelines/X.json`` all lead to the repository's top."""
    folder = os.path.dirname(path)
    if os.path.basename(folder) == "guidelines":
        folder = os.path.dirname(folder)
    if os.path.basename(folder) in ("add-ons", "verticals"):
        folder = os.path.dirname(folder)
    return folder


def published_document(path: str
                       ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A guideline's published form (a source is compiled), and the
    published files beside it, by name, for components it takes from
    another guideline."""
    if is_published(path):
        doc = load_json_file(named_file(path))
        root = _published_root(os.path.abspath(path))
    else:
        repo = Repository(find_root(path))
        doc = load_json(compile_text(path, repo), path)
        root = repo.root
    if not isinstance(doc, dict):
        raise UsageError(f"{path}: not a guideline")
    others = {}
    # Powered guidelines: at the top in the published layout up to 2020.06
    # (the corpus), in guidelines/ where RefStack 2.1.0 reads them
    for other in glob.glob(os.path.join(root, "*.json")) + glob.glob(
            os.path.join(root, "guidelines", "*.json")):
        try:
            others[os.path.basename(other)] = load_json_file(
                confined(other, root))
        except LoadError:
            continue
    others.update(_baselines(doc, others, root))
    return doc, others


def _sources_named(doc: Any) -> set[str]:
    """File names of the guidelines a document's components come from."""
    out = set()
    for platform in (doc.get("platforms") or {}).values() \
            if isinstance(doc.get("platforms"), dict) else ():
        for ref in (platform.get("components") or []) \
                if isinstance(platform, dict) else ():
            if isinstance(ref, dict) and isinstance(ref.get("source"), str):
                out.add(ref["source"].rsplit("/", 1)[-1])
    return out


def _baselines(doc: Any, others: Mapping[str, Any], root: str
               ) -> dict[str, dict[str, Any]]:
    """The Powered guidelines a document's components come from that the
    repository holds only as baselines (a vertical pinned to 2020.06),
    compiled in memory, by their original's file name."""
    wanted = _sources_named(doc) - set(others)
    if not wanted:
        return {}
    try:
        repo = Repository(root)
        out = {}
        for rel in repo.baselines():
            g = repo.load(rel).guideline
            name = (original_url(g) or "").rsplit("/", 1)[-1]
            if name in wanted:
                path = os.path.join(repo.root, rel)
                out[name] = load_json(compile_text(path, repo), rel)
        return out
    except LoadError:
        return {}  # then the list says which guideline it lacks
