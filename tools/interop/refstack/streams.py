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
    which stestr keeps as a v2 stream named by its number.

In each, a test passed when any of its runs succeeded (refstack-client
uploads every success, so a test that failed and then passed on a rerun
counts as passed); a test counts as run when it reported an outcome
(success, failure, skip, ...), not when it was only enumerated.
"""
from __future__ import annotations

import os
from typing import Any

from interop.errors import LoadError
from interop.refstack.results import CODE, Results, _Passed

_OUTSIDE = "interop: not subunit"   # the name given to interleaved text
#: statuses of a test that ran; "exists" (enumerated) and "inprogress" did
#: not finish a run
RAN = frozenset({"success", "fail", "skip", "xfail", "uxsuccess"})


class _Counting:
    """A binary reader that knows how far it has read.  ``fileno`` is
    passed through: without it subunit's parser hands text between packets
    on one byte at a time (about 10 s a megabyte)."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.offset = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.offset += len(data)
        return data

    def fileno(self) -> int:
        return self.handle.fileno()


def _collect(passed: _Passed, test: dict) -> None:
    status = test.get("status")
    if status in RAN:
        passed.add(test["id"], status == "success")


def read_subunit(path: str, fmt: str = "subunit") -> Results:
    """A subunit v2 stream."""
    import subunit
    import testtools

    passed = _Passed(strip=True)

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

    watch = Watch()
    collect = testtools.CopyStreamResult(
        [testtools.StreamToDict(lambda t: _collect(passed, t)), watch])
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
        raise LoadError(path, 1, 1, CODE, "not a subunit stream: no v2 "
                        "packet and no v1 'test:' line found")
    return passed.results(fmt)


def read_subunit_v1(path: str) -> Results:
    """A subunit v1 (text) stream, read by python-subunit's v1 parser."""
    import subunit
    import testtools

    passed = _Passed(strip=True)
    result = testtools.ExtendedToStreamDecorator(
        testtools.StreamToDict(lambda t: _collect(passed, t)))
    try:
        with open(path, "rb") as handle:
            result.startTestRun()
            try:
                subunit.ProtocolTestCase(handle).run(result)
            finally:
                result.stopTestRun()
    except OSError as exc:
        raise LoadError(path, 1, 1, "E101",
                        f"cannot read: {exc.strerror or exc}") from None
    if not passed.seen:
        raise LoadError(path, 1, 1, CODE, "subunit v1: no test finished "
                        "(no 'success:', 'failure:', 'skip:' line)")
    return passed.results("subunit-v1")


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
