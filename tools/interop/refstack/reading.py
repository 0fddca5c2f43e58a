"""Read a results file of any format, telling the formats apart.

Detection: a folder is a stestr repository; a first byte ``0xb3`` is
subunit v2 (so is binary data with a subunit packet after some text a test
printed); otherwise the text (a BOM and leading white space aside) is JSON
when it starts with ``{`` or ``[``, JUnit XML when it starts with ``<``,
subunit v1 when its first line is ``test: NAME`` (or ``testing:``), and a
plain list otherwise.

The readers live beside what they read (:mod:`interop.refstack.results`
for RefStack's JSON and lists, :mod:`interop.refstack.streams`,
:mod:`interop.refstack.junit`, :mod:`interop.refstack.xtesting`); this
module only chooses one, so none of them imports another.
"""
from __future__ import annotations

import os
import re

from interop.errors import LoadError
from interop.files import regular_file
from interop.load.source import read_text
from interop.refstack import streams
from interop.refstack.junit import read_junit
from interop.refstack.results import (
    CODE,
    FORMATS,
    Results,
    read_json,
    read_list,
)
from interop.refstack.xtesting import looks_like, read_xtesting

#: a text result (JSON, XML, list) of a full run is a few megabytes
MAX_TEXT_BYTES = 128 * 1024 * 1024
#: subunit streams carry attachments (logs), and are read as a stream
MAX_STREAM_BYTES = 4 * 1024 * 1024 * 1024
SUBUNIT_SIGNATURE = 0xB3
_V1_START = re.compile(rb"^(?:test|testing|time|tags|progress):? \S")
_PACKET = re.compile(rb"\xb3[\x20-\x2f]")


def load(path: str, fmt: str = "auto") -> Results:
    """Read the results in a file; ``fmt`` is ``auto`` or one of FORMATS.

    Every problem is a :class:`LoadError` coded E150, placed where it
    stands when that is known (line 1, column 1 otherwise).
    """
    if fmt not in ("auto", *FORMATS):
        raise ValueError(f"unknown results format {fmt!r}")
    try:
        return _load(path, fmt)
    except LoadError as exc:
        f = exc.finding
        if f.code == CODE:
            raise
        raise LoadError(f.path, f.line, f.col, CODE, f.message) from None


def _load(path: str, fmt: str) -> Results:
    if fmt in ("auto", "stestr") and os.path.isdir(path) and \
            not os.path.islink(path):
        path = streams.stestr_run(path)
        fmt = "stestr"
    size = _regular_file(path)
    if fmt == "auto":
        fmt = detect(path)
    if fmt in ("subunit", "subunit-v1", "stestr"):
        if size > MAX_STREAM_BYTES:
            raise LoadError(path, 1, 1, "E103", f"file is {size} bytes, "
                            f"over the limit of {MAX_STREAM_BYTES}")
        # stestr's own repository keeps each run as a v1 stream; a run
        # stored by other means may be v2: read what the file holds
        if fmt == "subunit-v1" or fmt == "stestr" and \
                detect(path) == "subunit-v1":
            return streams.read_subunit_v1(path, fmt)
        return streams.read_subunit(path, fmt)
    try:
        text = read_text(path, MAX_TEXT_BYTES)
    except LoadError as exc:
        if exc.finding.code != "E102":
            raise
        f = exc.finding
        raise LoadError(path, f.line, f.col, CODE,
                        f"{f.message}: neither a subunit v2 stream nor "
                        "text results") from None
    text = text.removeprefix("\ufeff")
    return {"json": read_json, "junit": read_junit, "list": read_list,
            "xtesting": read_xtesting}[fmt](text, path)


def _regular_file(path: str) -> int:
    """The size of a plain file; refuses links, FIFOs, folders and
    devices before anything opens them."""
    regular_file(path)
    try:
        return os.stat(path).st_size
    except OSError as exc:  # pragma: no cover - removed in between
        raise LoadError(path, 1, 1, "E101",
                        f"cannot read: {exc.strerror or exc}") from None


def detect(path: str) -> str:
    """The format of a results file, from its first bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise LoadError(path, 1, 1, "E101",
                        f"cannot read: {exc.strerror or exc}") from None
    if head[:1] == bytes([SUBUNIT_SIGNATURE]) or _late_subunit(head):
        return "subunit"
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not start:
        raise LoadError(path, 1, 1, CODE, "empty: no test results")
    if start[:1] in (b"{", b"["):
        return "xtesting" if looks_like(start) else "json"
    if start[:1] == b"<":
        return "junit"
    if _V1_START.match(start):
        return "subunit-v1"
    return "list"


def _late_subunit(head: bytes) -> bool:
    """Whether binary data after some text is a subunit v2 stream: what a
    test module printed as it was imported comes before the first packet.
    A packet starts with the signature and a version 2 flags byte."""
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the read
            return False
    return _PACKET.search(head) is not None
