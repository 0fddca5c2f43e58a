"""Evidence written: a subunit v2 stream of a test run, by python-subunit.

For the repository's example submissions (``tools/make_evidence.py``)
and the tests: a stream as ``stestr`` or ``tempest run --subunit`` writes
one, each test with its id, its outcome and a timestamp, so that
``interop certify`` reads the day of the run from it.
"""
from __future__ import annotations

import datetime
import io
import os
from collections.abc import Iterable

from interop.refstack.outcomes import Status


def subunit_bytes(passed: Iterable[str], failed: Iterable[str] = (),
                  start: datetime.datetime | None = None) -> bytes:
    """A subunit v2 stream: every test of ``passed`` succeeded and every
    test of ``failed`` failed, a second apart from ``start`` (UTC)."""
    import subunit
    start = start or datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    out = io.BytesIO()
    stream = subunit.StreamResultToBytes(out)
    outcomes = [(t, Status.SUCCESS) for t in passed] + \
        [(t, Status.FAIL) for t in failed]
    for number, (test, status) in enumerate(outcomes):
        when = start + datetime.timedelta(seconds=number)
        stream.status(test_id=test, test_status=Status.INPROGRESS,
                      timestamp=when)
        stream.status(test_id=test, test_status=status, timestamp=when)
    return out.getvalue()


def write_subunit(path: str, passed: Iterable[str],
                  failed: Iterable[str] = (),
                  start: datetime.datetime | None = None) -> None:
    """Write :func:`subunit_bytes` to ``path`` atomically."""
    from interop.files import temporary_beside
    data = subunit_bytes(passed, failed, start)
    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
