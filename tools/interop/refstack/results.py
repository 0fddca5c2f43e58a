"""Test results: which tests a run passed, read from what runners write.

Four formats, told apart by their content (or named by the caller):

``subunit``
    a subunit v2 stream (its packets begin with the byte ``0xb3``), as
    ``stestr``, ``tempest run --subunit`` and ``python -m subunit.run``
    write it.  A test passed when its last status is ``success``;
    ``skip``, ``fail``, ``xfail`` and ``uxsuccess`` are not passes.
    Text a test printed between packets is passed over, as subunit's own
    filters do; a packet that cannot be read (a truncated stream, a bad
    checksum) makes the whole stream unreadable.
``json``
    RefStack's results (``{"results": [{"name": ..., "uuid": ...}]}``):
    RefStack keeps only passed tests, so every listed test passed.  An
    entry may also be a bare name, as RefStack's API once returned them.
``junit``
    JUnit XML: a ``testcase`` (``classname`` and ``name``) passed when it
    has no ``failure``, ``error`` or ``skipped`` child.  Documents with a
    DOCTYPE (and so entity declarations) are refused unread.
``list``
    one passed test per line; blank lines and ``#`` comments are ignored.

Detection: a first byte ``0xb3`` is subunit (so is binary data with a
subunit packet after some text a test printed); otherwise the text (a BOM
and leading white space aside) is JSON when it starts with ``{`` or ``[``,
JUnit XML when it starts with ``<``, and a plain list otherwise.

Names keep their attributes off (``name[id-<uuid>,smoke]`` is passed as
``name``); the ids come from ``id-<uuid>`` attributes and from RefStack's
``uuid`` field, as bare lower-case UUIDs.  Whatever cannot be read is a
:class:`~interop.errors.LoadError` coded E150.

Length: four readers that share one result model and one place-keeping
error path; it is split per format when a fifth format arrives.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from interop.errors import LoadError
from interop.files import regular_file
from interop.load.jsonsource import load_json
from interop.load.places import JsonPlaces
from interop.load.source import read_text
from interop.model import normal_id

FORMATS = ("subunit", "json", "junit", "list")
CODE = "E150"
#: a text result (JSON, XML, list) of a full run is a few megabytes
MAX_TEXT_BYTES = 128 * 1024 * 1024
#: subunit streams carry attachments (logs), and are read as a stream
MAX_STREAM_BYTES = 4 * 1024 * 1024 * 1024
SUBUNIT_SIGNATURE = 0xB3
_NAME = re.compile(r"^(?P<name>[^\[\]]*)(?:\[(?P<attrs>[^\]]*)\])?$")
_V1 = re.compile(r"^(test|testing|success|successful|failure|error|skip|"
                 r"xfail|uxsuccess|tags|time|progress)\b:?")
_OUTSIDE = "interop: not subunit"   # the name given to interleaved text
_PACKET = re.compile(rb"\xb3[\x20-\x2f]")


@dataclasses.dataclass(frozen=True)
class Results:
    """What a test run passed."""

    names: frozenset[str]   # passed tests, attributes stripped
    ids: frozenset[str]     # bare lower-case UUIDs of passed tests
    format: str             # one of FORMATS
    tests: int              # distinct tests the input reports on

    def passed(self, name: str, aliases: Iterable[str] = (),
               test_id: str | None = None) -> bool:
        """Whether a test passed under its name, an alias or its id."""
        if name in self.names or any(a in self.names for a in aliases):
            return True
        found = normal_id(test_id) if test_id else None
        return found is not None and found in self.ids


def split_name(text: str) -> tuple[str, str | None]:
    """A test id's name without attributes, and its idempotent id."""
    found = _NAME.match(text.strip())
    if not found:
        return text.strip(), None
    test_id = None
    for attr in (found["attrs"] or "").split(","):
        test_id = test_id or normal_id(attr.strip())
    return found["name"], test_id


class _Passed:
    """Collects passed names and ids in the order tests are reported."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.seen: set[str] = set()

    def add(self, text: str, passed: bool = True,
            uuid: str | None = None) -> None:
        name, test_id = split_name(text)
        self.seen.add(name)
        if passed:
            self.names.add(name)
            for value in (test_id, normal_id(uuid)):
                if value:
                    self.ids.add(value)

    def results(self, fmt: str) -> Results:
        return Results(frozenset(self.names), frozenset(self.ids), fmt,
                       len(self.seen))


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
    size = _regular_file(path)
    if fmt == "auto":
        fmt = detect(path)
    if fmt == "subunit":
        if size > MAX_STREAM_BYTES:
            raise LoadError(path, 1, 1, "E103", f"file is {size} bytes, "
                            f"over the limit of {MAX_STREAM_BYTES}")
        return read_subunit(path)
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
    return {"json": read_json, "junit": read_junit,
            "list": read_list}[fmt](text, path)


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
        return "json"
    if start[:1] == b"<":
        return "junit"
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


# -- subunit v2 ------------------------------------------------------------

class _Counting:
    """A binary reader that knows how far it has read."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.offset = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.offset += len(data)
        return data


def read_subunit(path: str) -> Results:
    import subunit
    import testtools

    passed = _Passed()
    final: dict[str, str] = {}

    class Watch(testtools.StreamResult):
        """Counts packets and turns the parser's report into an error."""

        packets = 0
        packet_at = 0

        def status(self, test_id=None, test_status=None, file_name=None,
                   file_bytes=None, eof=False, **kwargs):
            if file_name == _OUTSIDE and test_id is None:
                return  # text between packets
            self.packets += 1
            if test_id != "subunit.parser":
                return
            if file_name == "Packet data":
                self.packet_at = reader.offset - len(file_bytes or b"")
            elif file_name == "Parser Error":
                problem = bytes(file_bytes or b"").decode("utf-8",
                                                         "replace")
                raise LoadError(path, 1, 1, CODE, "subunit: the packet at "
                                f"byte {self.packet_at} cannot be read "
                                f"({problem}): the stream is truncated "
                                "or corrupt")

    def on_test(test: dict) -> None:
        final[test["id"]] = test["status"]

    watch = Watch()
    collect = testtools.CopyStreamResult(
        [testtools.StreamToDict(on_test), watch])
    try:
        with open(path, "rb") as handle:
            reader = _Counting(handle)
            collect.startTestRun()
            try:
                subunit.ByteStreamToStreamResult(
                    reader, non_subunit_name=_OUTSIDE).run(collect)
            finally:
                collect.stopTestRun()
    except OSError as exc:
        raise LoadError(path, 1, 1, "E101",
                        f"cannot read: {exc.strerror or exc}") from None
    if not watch.packets:
        raise LoadError(path, 1, 1, CODE, "not a subunit v2 stream: no "
                        "packet found (a v1 stream can be converted with "
                        "subunit-1to2)")
    for test_id, status in final.items():
        passed.add(test_id, status == "success")
    return passed.results("subunit")


# -- RefStack JSON ---------------------------------------------------------

def read_json(text: str, path: str) -> Results:
    doc = load_json(text, path)

    def fail(where: tuple, message: str) -> LoadError:
        loc = JsonPlaces(text).loc(where)
        return LoadError(path, loc.line or 1, loc.col or 1, CODE, message)

    if not isinstance(doc, dict) or not isinstance(doc.get("results"),
                                                    list):
        raise fail((), "not RefStack results: expected an object with a "
                   "'results' list")
    passed = _Passed()
    for number, item in enumerate(doc["results"]):
        if isinstance(item, str):
            name, uuid = item, None
        elif isinstance(item, dict):
            name, uuid = item.get("name"), item.get("uuid")
        else:
            raise fail(("results", number), f"results[{number}]: expected "
                       "a test (an object with a name), not "
                       f"{json.dumps(item)[:40]}")
        if not isinstance(name, str) or not name.strip():
            raise fail(("results", number),
                       f"results[{number}]: a test needs a name")
        if uuid is not None and not isinstance(uuid, str):
            raise fail(("results", number, "uuid"),
                       f"results[{number}]: uuid must be text")
        passed.add(name, uuid=uuid)
    return passed.results("json")


# -- JUnit XML -------------------------------------------------------------

class _Refused(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col = line, col


def _screen(text: str) -> list[int]:
    """Refuse DOCTYPE and entity declarations before anything expands
    them; gives the line of every ``testcase`` element, in order."""
    parser = expat.ParserCreate()
    lines: list[int] = []

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def doctype(*_: Any) -> None:
        # expat is past the declaration's name: point at its start
        before = text.encode("utf-8")[:parser.CurrentByteIndex + 1] \
            .decode("utf-8", "replace")
        start = before.rfind("<!DOCTYPE")
        if start < 0:
            line, col = where()
        else:
            line = before.count("\n", 0, start) + 1
            col = start - (before.rfind("\n", 0, start) + 1) + 1
        raise _Refused(line, col, "XML with a DOCTYPE is refused: "
                       "declarations can expand entities without bound")

    def entity(*_: Any) -> None:
        raise _Refused(*where(), "XML entity declarations are refused")

    def start(tag: str, _attrs: Any) -> None:
        if tag == "testcase":
            lines.append(parser.CurrentLineNumber)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.Parse(text, True)
    return lines


def read_junit(text: str, path: str) -> Results:
    try:
        lines = _screen(text)
        root = ElementTree.fromstring(text)
    except _Refused as exc:
        raise LoadError(path, exc.line, exc.col, CODE, str(exc)) from None
    except expat.ExpatError as exc:
        raise LoadError(path, exc.lineno, exc.offset + 1, CODE,
                        f"XML syntax: {expat.errors.messages[exc.code]}"
                        ) from None
    except ElementTree.ParseError as exc:
        line, col = exc.position
        raise LoadError(path, line, col + 1, CODE,
                        f"XML syntax: {exc}") from None
    if root.tag not in ("testsuites", "testsuite"):
        raise LoadError(path, 1, 1, CODE, "not JUnit XML: the root element "
                        f"is <{root.tag}>, not <testsuites> or <testsuite>")
    passed = _Passed()
    for number, case in enumerate(root.iter("testcase")):
        line = lines[number] if number < len(lines) else 1
        name = (case.get("name") or "").strip()
        if not name:
            raise LoadError(path, line, 1, CODE,
                            "a testcase without a name")
        classname = (case.get("classname") or "").strip()
        if classname and not name.startswith(classname + "."):
            name = f"{classname}.{name}"
        outcome = {child.tag for child in case}
        passed.add(name, not outcome & {"failure", "error", "skipped"})
    return passed.results("junit")


# -- plain list ------------------------------------------------------------

def read_list(text: str, path: str) -> Results:
    passed = _Passed()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if len(line.split()) > 1:
            col = raw.index(line[0]) + 1
            hint = " (this looks like subunit v1: convert it with " \
                "subunit-1to2)" if _V1.match(line) else ""
            raise LoadError(path, number, col, CODE,
                            f"not a test name: {line[:60]!r}{hint}")
        passed.add(line)
    return passed.results("list")
