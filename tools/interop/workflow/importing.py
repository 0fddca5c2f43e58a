"""Published guidelines in, YAML sources out: ``interop import``.

Reading a published file into the model is the load stage's work
(:mod:`interop.load.published`); this module plans the source files and
writes them, all inputs read before anything is written.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any

from interop import model as m
from interop.dates import parse_date
from interop.errors import Finding, LoadError, Severity, UsageError, pointer
from interop.files import confined, read_regular, regular_file, write_all
from interop.load.jsonsource import Duplicate, load_json_file
from interop.load.published import (
    facts_only,
    published_guideline,
    schema_of,
    test_ids,
)
from interop.load.source import MAX_DEPTH, too_deep
from interop.publish.writer import dump, source_tree
from interop.series import BASELINE_FOLDER, safe_name
from interop.text import is_safe_url
from interop.workflow.diff import words


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


def baseline_path(g: m.Guideline, published: str) -> str:
    """Where the baseline of an approved guideline goes, relative to
    --out: the ``baseline`` folder beside the program's sources."""
    place = output_path(g, published)
    return os.path.join(os.path.dirname(place), BASELINE_FOLDER,
                        os.path.basename(place))


#: where the Foundation publishes the guidelines of the Working Group
PUBLISHED_AT = "https://opendev.org/openstack/interop/raw/branch/master/"


def published_url(g: m.Guideline, published: str) -> str:
    """The published original's address: its file in the Working Group's
    repository, in the folder its program's files are published from."""
    folder = {"add-on": "add-ons/", "vertical": "verticals/"}.get(
        g.program.kind, "")
    return PUBLISHED_AT + folder + os.path.basename(published)


BASELINE_HEADER = """Baseline of the approved guideline {gid}.
Written by 'interop import --baseline'; do not edit by hand, import again.
Facts only: names, statuses, ids, flag codes and dates, weights.  The
published original (its url, and the SHA-256 of its bytes, below) is the
record, and its prose stays there.  Not compiled, not published: the
program's series reads it as an approved guideline.{dated}"""

BOARD_UNDATED = """
Board date: not recorded (no source read gave the day; import again
with --board-date YYYY-MM-DD --reference URL); until then the series
dates it by its name, the month of the Board's vote (2017A D4)."""


def baseline_tree(g: m.Guideline, published: str, data: bytes,
                  board_date: str | None = None,
                  reference: str | None = None) -> dict[str, Any]:
    """The facts of an approved guideline, with where its original lives
    (``data`` is the published file's bytes, which the hash is of) and,
    when given, the day the Board approved it and where that is recorded
    (:func:`interop.series.board_date` reads it)."""
    facts = facts_only(source_tree(g))
    record = {"url": published_url(g, published),
              "sha256": hashlib.sha256(data).hexdigest(),
              "file": os.path.basename(published)}
    if board_date:
        record["board_date"] = board_date
    if reference:
        record["reference"] = reference
    return {"baseline": record, **facts}


def _keep_dropped(g: m.Guideline, twice: list[Duplicate]) -> None:
    """Record the values the import did not keep, by the pointer of their
    key (a key given three times keeps the two earlier values, in a
    list)."""
    if not twice:
        return
    if not isinstance(g.imported, dict):
        g.imported = {}
    dropped = g.imported.setdefault("dropped", {})
    by_key: dict[str, list[Any]] = {}
    for where, value, _ in twice:
        by_key.setdefault(pointer(where), []).append(value)
    for at, values in by_key.items():
        dropped[at] = values[0] if len(values) == 1 else values


def _board_record(baseline: bool, board_date: str | None,
                  reference: str | None) -> None:
    """Refuse a Board date or reference that is no baseline's, no date,
    or no http(s) URL."""
    if (board_date or reference) and not baseline:
        raise UsageError("--board-date and --reference record a baseline's "
                         "Board decision: they need --baseline")
    if board_date is not None and parse_date(board_date) is None:
        raise UsageError(f"--board-date {board_date!r}: expected a date "
                         "YYYY-MM-DD")
    if reference is not None and not is_safe_url(reference):
        raise UsageError(f"--reference {reference!r}: expected an http(s) "
                         "URL")


def _read_all(files: list[str], warn: Callable[[Finding], None] | None
              ) -> tuple[dict[str, Any], dict[str, list[Duplicate]]]:
    """(path -> document, path -> keys given twice) of every file, each
    key given twice passed to ``warn`` as a located E121 warning."""
    docs: dict[str, Any] = {}
    twice: dict[str, list[Duplicate]] = {}
    for path in files:
        twice[path] = []
        docs[path] = load_json_file(path, twice[path])
        for where, _, loc in twice[path]:
            if warn is not None:
                warn(Finding(path, loc.line or 1, loc.col or 1, "E121",
                             Severity.WARNING,
                             f"key '{where[-1] if where else ''}"
                             "' given twice in one object: imported as JSON "
                             "readers read it (the last value); the other "
                             f"is kept under imported.dropped at "
                             f"{pointer(where)}", where))
    return docs, twice


def _as_baseline(g: m.Guideline, path: str, out: str, board_date: str | None,
                 reference: str | None) -> tuple[str, str, Any]:
    """(target, header, tree) of the baseline of the guideline ``g`` read
    from ``path``; refused unless it is approved."""
    if g.status not in ("approved", "superseded"):
        raise UsageError(f"{path}: status {words(g.status)}: a "
                         "baseline holds an approved guideline")
    # a link inside --out must not carry a baseline out of it
    target = confined(os.path.join(out, baseline_path(g, path)), out)
    header = BASELINE_HEADER.format(
        gid=g.id, dated="" if board_date else BOARD_UNDATED)
    with open(path, "rb") as handle:
        tree = baseline_tree(g, path, handle.read(), board_date, reference)
    return target, header, tree


def import_files(files: list[str], out: str, force: bool = False,
                 baseline: bool = False,
                 warn: Callable[[Finding], None] | None = None,
                 board_date: str | None = None,
                 reference: str | None = None
                 ) -> list[tuple[str, bool]]:
    """Write the YAML source of each published file under ``out``; with
    ``baseline``, its facts-only baseline instead (:func:`baseline_tree`).

    All inputs are read and converted before anything is written, so a
    file that cannot be read leaves the tree as it was.  An existing source
    that differs is not overwritten unless ``force``.  Returns (path,
    written) pairs; ``written`` is False where the file was already so.

    A key given twice in a published file is read as JSON readers read it
    (the last value); each is passed to ``warn`` as a located E121
    warning, and the value not kept goes under ``imported.dropped``.

    ``board_date`` (``YYYY-MM-DD``) and ``reference`` (the URL of the
    Board's record) go into each baseline; they need ``baseline``.
    """
    _board_record(baseline, board_date, reference)
    docs, twice = _read_all(files, warn)
    ids: dict[str, str] = {}
    for doc in docs.values():
        for name, value in test_ids(doc).items():
            ids.setdefault(name, value)
    planned = []
    for path in files:
        g = published_guideline(docs[path], path, ids)
        _keep_dropped(g, twice[path])
        if baseline:
            target, header, tree = _as_baseline(g, path, out, board_date,
                                                reference)
        else:
            # a link inside --out must not carry a source out of it
            target = confined(os.path.join(out, output_path(g, path)), out)
            header = IMPORT_HEADER.format(file=os.path.basename(path),
                                          schema=schema_of(docs[path]))
            tree = source_tree(g)
        _readable(tree, path)
        text = dump(tree, header)
        data = text.encode("utf-8")
        if os.path.lexists(target) and not os.path.islink(target):
            regular_file(target)  # a FIFO is refused, not waited on
        if os.path.lexists(target) and not force and (
                os.path.islink(target) or
                read_regular(target, len(data)) != data):
            raise UsageError(f"{target} exists and differs: not "
                             "overwritten (use --force)")
        planned.append((target, text))
    written = set(write_all(planned))  # all or none; one path twice: none
    return [(target, target in written) for target, _ in planned]
