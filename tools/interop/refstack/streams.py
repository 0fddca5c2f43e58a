"""Subunit results: v2 streams, v1 streams and stestr's repository.

``subunit`` (v2)
    packets beginning with the byte ``0xb3``, as ``stestr``, ``tempest
    run --subunit`` and ``python -m subunit.run`` write them.  Text a test
    printed between packets is passed over, as subunit's own filters do; a
    packet that cannot be read (a truncated stream, a bad checksum) makes
    the whole stream unreadable.
``subunit-v1``
    the text protocol (``test: NAME`` / ``success: NAME`` lines), what
    ``subunit-2to1`` writes and refstack-client reads before it uploads.
``stestr``
    a ``.stestr`` repository (or the folder holding one): its latest run,
    which stestr keeps as a stream named by its number (stestr 4 writes
    the v1 text protocol there; a v2 stream is read as well).

In each, a test passed when any of its runs succeeded (refstack-client
uploads every success, so a test that failed and then passed on a rerun
counts as passed); a test counts as run when it reported an outcome
(success, failure, skip, ...), not when it was only enumerated.
"""
from __future__ import annotations

import codecs
import datetime
import os
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from interop.errors import LoadError
from interop.refstack.outcomes import RAN, Outcome, Status
from interop.refstack.results import CODE, Results, PassedTests

if TYPE_CHECKING:  # testtools is imported where a stream is read
    from testtools.testresult.real import DetailsDict, TestDict

_OUTSIDE = "interop: not subunit"   # the name given to interleaved text


class _Packets:
    """A binary reader that hands subunit's parser the stream's packets
    and none of the text between them (text a test printed, which is
    passed over anyway): the parser reads such text one byte at a time,
    several seconds a megabyte, where this skips it in blocks.

    A packet starts at a ``0xb3`` byte that is not inside a UTF-8
    character of the text before it (as the parser decides); its header
    gives its whole length.  ``offset`` is the position in the file after
    the last byte handed on, for error messages.

    The buffer is read through a position (``self.at``), never sliced
    from the front, so that text full of multi-byte characters (many hold
    a ``0xb3`` byte) and streams of many small packets cost time in
    proportion to their length.
    """

    BLOCK = 1 << 16

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.buffer = b""
        self.at = 0              # position in buffer of the next byte
        self.offset = 0          # file position of buffer[at]
        self.pending = 0         # bytes of the current packet not handed
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def _fill(self, size: int) -> bool:
        """At least ``size`` bytes from ``at`` in the buffer, if the file
        has them (joined once, not appended block by block)."""
        have = len(self.buffer) - self.at
        if have >= size:
            return True
        parts = [self.buffer[self.at:]]
        while have < size:
            more = self.handle.read(max(self.BLOCK, size - have))
            if not more:
                break
            parts.append(more)
            have += len(more)
        self.buffer, self.at = b"".join(parts), 0
        return have >= size

    def _next_packet(self) -> bool:
        """Drop text up to the next packet; False at the end."""
        while True:
            if self.at >= len(self.buffer) and not self._fill(1):
                return False
            # the pattern looks up to three bytes back: not before the
            # text's start, where a packet's last bytes may stand
            found = self.buffer.find(b"\xb3", self.at, self.at + 3)
            if found < 0:
                match = _STANDALONE.search(self.buffer, self.at + 3)
                found = match.start() if match else -1
            end = len(self.buffer) if found < 0 else found
            self.decoder.decode(self.buffer[self.at:end])
            self.offset += end - self.at
            self.at = end
            if found < 0:
                continue
            if self.decoder.getstate()[0]:   # inside a character of text
                self.decoder.decode(self.buffer[found:found + 1])
                self.offset += 1
                self.at += 1
                continue
            self.decoder.reset()
            self._fill(7)
            self.pending = max(_length(self.buffer[self.at:self.at + 7]), 1)
            return True

    def read(self, size: int = -1) -> bytes:
        if not self.pending and not self._next_packet():
            return b""
        want = self.pending if size < 0 else min(size, self.pending)
        self._fill(want)
        data = self.buffer[self.at:self.at + want]
        self.at += len(data)
        self.pending = 0 if len(data) < want else self.pending - len(data)
        self.offset += len(data)
        return data


#: the longest line a v1 stream may hold (a whole traceback is one
#: details block of many lines; no protocol line comes near this)
MAX_V1_LINE = 1 << 20
_V1_TEST = re.compile(rb"(?:test|testing)(?::|\s)")
_V1_OUTCOME = re.compile(rb"(?:failure|error|skip|success|successful|xfail"
                         rb"|uxsuccess)(?::|\s)")


class _V1Lines:
    """The lines of a v1 stream for python-subunit's parser, without the
    text of simple details blocks (``failure: NAME [`` ... ``]``): the
    parser joins such a block one line at a time, in time that grows with
    the square of its length, and the outcome does not depend on it.
    Multipart blocks (read in linear time) pass as they are.  A line over
    :data:`MAX_V1_LINE` bytes is refused (E150) with its line number."""

    def __init__(self, handle: BinaryIO, path: str) -> None:
        self.handle, self.path = handle, path
        self.dropped = 0  # lines of details passed over (for the tests)
        self._lines = iter(self)

    def readline(self) -> bytes:
        return next(self._lines, b"")

    def read(self, size: int = -1) -> bytes:
        # python-subunit asks read(0) whether the stream is binary
        if size:
            raise OSError("read by lines only")
        return b""

    def __iter__(self) -> Iterator[bytes]:
        state = "outside"
        for number, line in enumerate(iter(
                lambda: self.handle.readline(MAX_V1_LINE + 1), b""), 1):
            if len(line) > MAX_V1_LINE:
                raise LoadError(self.path, number, 1, CODE,
                                f"subunit v1: a line over {MAX_V1_LINE} "
                                "bytes")
            if state == "details":
                if line == b"]\n":
                    state = "outside"
                    yield line
                else:
                    self.dropped += 1
                continue
            if state == "outside" and _V1_TEST.match(line):
                state = "test"
            elif state == "test" and _V1_OUTCOME.match(line):
                state = "outside"
                if line.endswith(b" [\n"):
                    state = "details"
            yield line


#: a 0xb3 byte that does not continue a valid UTF-8 character begun by the
#: bytes before it: the candidates for a packet's start, found in C, so
#: that text of multi-byte characters (many hold 0xb3) is skipped at the
#: speed of ASCII.  The decoder still has the last word on each candidate
#: (a character begun in the block before).
_STANDALONE = re.compile(
    rb"\xb3(?<![\xc2-\xec\xee-\xf3]\xb3)"
    rb"(?<![\xe0][\xa0-\xbf]\xb3)(?<![\xe1-\xec\xee-\xef][\x80-\xbf]\xb3)"
    rb"(?<![\xed][\x80-\x9f]\xb3)"
    rb"(?<![\xf0][\x90-\xbf][\x80-\xbf]\xb3)"
    rb"(?<![\xf1-\xf3][\x80-\xbf][\x80-\xbf]\xb3)"
    rb"(?<![\xf4][\x80-\x8f][\x80-\xbf]\xb3)")


def _length(head: bytes) -> int:
    """A v2 packet's whole length, from its header: the signature, two
    bytes of flags, then a number whose first byte's top two bits say how
    many more bytes it has (0 for a header too short to say)."""
    if len(head) < 4:
        return 0
    width = head[3] >> 6
    if len(head) < 4 + width:
        return 0
    value = head[3] & 0x3F
    for byte in head[4:4 + width]:
        value = value << 8 | byte
    return value


def _collect(passed: PassedTests, test: TestDict) -> None:
    status = test.get("status")
    if status in RAN:
        skipped = status == Status.SKIP
        passed.add(test["id"], status == Status.SUCCESS,
                   outcome=Outcome.SKIPPED if skipped else Outcome.FAILED,
                   detail=_detail(test.get("details") or {}, skipped))


def _detail(details: DetailsDict, skipped: bool) -> str | None:
    """A skip's reason, or a failure's traceback, from the attachments."""
    for key in (("reason",) if skipped else ("traceback", "reason")):
        content = details.get(key)
        if content is None:
            continue
        try:
            return "".join(content.iter_text())
        except Exception:  # noqa: BLE001 - an attachment we cannot read
            return None
    return None


def _replay(path: str, result: Any,
            parse: Callable[[BinaryIO], object]) -> None:
    """Open a stream and replay it into ``result`` with ``parse(handle)``,
    the test run opened and closed around it; an unreadable file is
    E101."""
    try:
        with open(path, "rb") as handle:
            result.startTestRun()
            try:
                parse(handle)
            finally:
                result.stopTestRun()
    except OSError as exc:
        raise LoadError(path, 1, 1, "E101",
                        f"cannot read: {exc.strerror or exc}") from None


def read_subunit(path: str, fmt: str = "subunit") -> Results:
    """A subunit v2 stream."""
    import subunit
    import testtools

    passed = PassedTests(strip=True)

    class Watch(testtools.StreamResult):
        """Counts packets and turns the parser's report into an error."""

        packets = 0
        packet_at = 0

        # the parameters are StreamResult's, which callers name
        def status(self, test_id: str | None = None,
                   test_status: str | None = None,
                   test_tags: set[str] | None = None,
                   runnable: bool = True, file_name: str | None = None,
                   file_bytes: bytes | None = None, eof: bool = False,
                   mime_type: str | None = None,
                   route_code: str | None = None,
                   timestamp: datetime.datetime | None = None) -> None:
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

    watch = Watch()
    collect = testtools.CopyStreamResult(
        [testtools.StreamToDict(lambda t: _collect(passed, t)), watch])
    reader: _Packets  # set by parse, before the parser reports a packet

    def parse(handle: BinaryIO) -> None:
        nonlocal reader
        reader = _Packets(handle)
        subunit.ByteStreamToStreamResult(
            reader, non_subunit_name=_OUTSIDE).run(collect)

    _replay(path, collect, parse)
    if not watch.packets:
        raise LoadError(path, 1, 1, CODE, "not a subunit stream: no v2 "
                        "packet and no v1 'test:' line found")
    return passed.results(fmt)


def read_subunit_v1(path: str, fmt: str = "subunit-v1") -> Results:
    """A subunit v1 (text) stream, read by python-subunit's v1 parser."""
    import subunit
    import testtools

    passed = PassedTests(strip=True)
    result = testtools.ExtendedToStreamDecorator(
        testtools.StreamToDict(lambda t: _collect(passed, t)))
    _replay(path, result, lambda handle: subunit.ProtocolTestCase(
        _V1Lines(handle, path)).run(result))
    if not passed.seen:
        raise LoadError(path, 1, 1, CODE, "subunit v1: no test finished "
                        "(no 'success:', 'failure:', 'skip:' line)")
    return passed.results(fmt)


def stestr_run(path: str) -> str:
    """The stream of the latest run in a ``.stestr`` repository (``path``
    is the repository or the folder holding it)."""
    folder = path if os.path.exists(os.path.join(path, "next-stream")) \
        else os.path.join(path, ".stestr")
    marker = os.path.join(folder, "next-stream")
    try:
        with open(marker, encoding="ascii") as handle:
            latest = int(handle.read().strip()) - 1
    except (OSError, ValueError, UnicodeDecodeError):
        raise LoadError(path, 1, 1, CODE, "not a stestr repository: no "
                        "readable .stestr/next-stream") from None
    run = os.path.join(folder, str(latest))
    if latest < 0 or not os.path.isfile(run) or os.path.islink(run):
        raise LoadError(path, 1, 1, CODE, "the stestr repository holds no "
                        "run yet")
    return run


def read_stestr(path: str) -> Results:
    return read_subunit(stestr_run(path), "stestr")
