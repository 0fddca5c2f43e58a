"""Published guidelines in, YAML sources out: ``interop import``.

Reading a published file into the model is the load stage's work
(:mod:`interop.load.published`); this module plans the source files and
writes them, all inputs read before anything is written.
"""
from __future__ import annotations

import os
from typing import Any

from interop import model as m
from interop.errors import LoadError, UsageError, pointer
from interop.files import write_atomic
from interop.load.jsonsource import load_json_file
from interop.load.published import published_guideline, schema_of, test_ids
from interop.load.source import MAX_DEPTH, too_deep
from interop.publish.writer import dump, source_tree
from interop.series import safe_name


def output_path(g: m.Guideline, published: str) -> str:
    """Where the source of an imported guideline goes, relative to --out."""
    stem = os.path.basename(published)
    stem = stem[:-5] if stem.endswith(".json") else stem
    kind, name = g.program.kind, g.program.name
    if kind != "powered" and not safe_name(name):
        raise UsageError(f"{published}: program name {name!r} cannot name "
                         "a folder")
    if kind == "powered":
        return os.path.join("guidelines", stem + ".yaml")
    prefix = name + "."
    short = stem[len(prefix):] if stem.startswith(prefix) else stem
    folder = "add-ons" if kind == "add-on" else "verticals"
    return os.path.join(folder, name, short + ".yaml")


IMPORT_HEADER = """Imported from {file} (schema {schema}) by 'interop import'.
A historical record: it compiles exactly as published (derive: false).
The checker reports what is wrong with it; fix it in a new guideline."""


def _readable(tree: Any, path: str) -> None:
    """Refuse a source the reader would refuse: the 2.0 layout nests some
    1.x values deeper (``criteria`` moves under ``metadata.scoring``)."""
    deep = too_deep(tree)
    if deep is not None:
        raise LoadError(path, 1, 1, "E109", f"nested deeper than "
                        f"{MAX_DEPTH} levels once in the source layout, at "
                        f"{pointer(deep)}: the source could not be read "
                        "back, so nothing is written")


def import_files(files: list[str], out: str, force: bool = False
                 ) -> list[tuple[str, bool]]:
    """Write the YAML source of each published file under ``out``.

    All inputs are read and converted before anything is written, so a
    file that cannot be read leaves the tree as it was.  An existing source
    that differs is not overwritten unless ``force``.  Returns (path,
    written) pairs; ``written`` is False where the file was already so.
    """
    docs = {path: load_json_file(path) for path in files}
    ids: dict[str, str] = {}
    for doc in docs.values():
        for name, value in test_ids(doc).items():
            ids.setdefault(name, value)
    planned = []
    for path in files:
        g = published_guideline(docs[path], path, ids)
        target = os.path.join(out, output_path(g, path))
        header = IMPORT_HEADER.format(file=os.path.basename(path),
                                      schema=schema_of(docs[path]))
        tree = source_tree(g)
        _readable(tree, path)
        text = dump(tree, header)
        if os.path.lexists(target) and not force:
            with open(target, encoding="utf-8", errors="replace") as handle:
                if handle.read() != text:
                    raise UsageError(f"{target} exists and differs: not "
                                     "overwritten (use --force)")
        planned.append((target, text))
    return [(target, write_atomic(target, text)) for target, text in planned]
