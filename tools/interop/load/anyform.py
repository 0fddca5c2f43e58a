"""Read any guideline: a published JSON file or a YAML source.

The one place that chooses the reader by the file's name, so that every
command treats the two forms alike."""
from __future__ import annotations

from typing import Any

from interop import model as m
from interop.errors import LoadError
from interop.load.jsonsource import load_json
from interop.load.published import published_guideline
from interop.load.reader import read_guideline
from interop.load.source import load_yaml, read_text


def is_published(path: str) -> bool:
    """Whether ``path`` names a published (JSON) guideline rather than a
    YAML source: decided by the suffix alone, as RefStack does."""
    return path.endswith(".json")


def source_tree(text: str, shown: str) -> Any:
    """The tree of a YAML source's text, refused unless it is a mapping."""
    tree = load_yaml(text, shown)
    if not isinstance(tree, dict):
        raise LoadError(shown, 1, 1, "E112",
                        "a guideline must be a mapping of keys to values")
    return tree


def guideline_from_text(text: str, path: str, shown: str | None = None
                        ) -> m.Guideline:
    """The model of a guideline's ``text``, read as ``path`` names it.

    ``shown`` is the name load errors carry (a ``REV:path`` for a text
    read from git); it defaults to ``path``."""
    shown = path if shown is None else shown
    if is_published(path):
        return published_guideline(load_json(text, shown), path)
    return read_guideline(source_tree(text, shown), path)


def read_any_guideline(path: str) -> m.Guideline:
    """The model of the guideline file at ``path``, in either form."""
    return guideline_from_text(read_text(path), path)
