"""Running the rules over many documents on several cores, as flake8 does.

Every document is loaded and the workspace built once, in this process;
then ``jobs - 1`` forked children each run the rules over a share of the
documents (the largest first, dealt round-robin) while this process runs
its own share.  A child sends its findings back pickled through a pipe.
Forking shares everything loaded without copying or pickling it, so only
the findings travel.

Where ``os.fork`` does not exist, with one job, or for a few documents,
the rules run here, one document after another.  A child that fails in any
way (an exception, a signal, output that cannot be read) is not trusted:
its share is run again here, so the findings are always complete.
"""
from __future__ import annotations

import os
from collections.abc import Iterable

from interop.checks.engine import Document, run
from interop.errors import Finding

#: below this many documents per job, forking costs more than it saves
MIN_PER_JOB = 3
#: by default, a job for every this many capabilities: below it the rules
#: take less than a fork, and sending the findings back, costs (the 24
#: published guidelines, 996 capabilities, checked 30% slower in two
#: processes than in one)
MIN_WORK_PER_JOB = 2_500


def jobs_for(requested: int | None, documents: int,
             work: int | None = None) -> int:
    """The number of processes to use: ``requested``, or with None, one
    per core (at most four, and one per :data:`MIN_WORK_PER_JOB`
    capabilities of ``work`` when it is given), and never more than the
    documents allow."""
    if not hasattr(os, "fork"):
        return 1
    wanted = requested if requested else min(os.cpu_count() or 1, 4)
    if not requested and work is not None:
        wanted = min(wanted, work // MIN_WORK_PER_JOB)
    return max(1, min(wanted, documents // MIN_PER_JOB))


def run_documents(documents: list[Document],
                  select: Iterable[str] | None, jobs: int,
                  unplaced: frozenset[str] = frozenset()
                  ) -> list[Finding]:
    """The findings of every document, with up to ``jobs`` processes
    (``unplaced``: see :func:`interop.checks.engine.run`)."""
    select = list(select) if select is not None else None
    if jobs <= 1:
        return _run_all(documents, select, unplaced)
    _prepare(documents)
    ordered = sorted(documents, key=_size, reverse=True)
    shares = [ordered[i::jobs] for i in range(jobs)]
    children = [(_fork(share, select, unplaced), share)
                for share in shares[1:]]
    found = _run_all(shares[0], select, unplaced)
    for (pid, reader), share in children:
        found.extend(_collect(pid, reader, share, select, unplaced))
    return found


def _run_all(documents: list[Document], select: list[str] | None,
             unplaced: frozenset[str]) -> list[Finding]:
    return [f for doc in documents for f in run(doc, select, unplaced)]


def _size(doc: Document) -> int:
    return len(doc.guideline.capabilities or {})


def _prepare(documents: list[Document]) -> None:
    """Load once, before forking, what the children would each load: the
    compiled schemas the documents are checked against."""
    from interop.publish import schema
    for name in sorted({schema.PUBLISHED if doc.published else
                        schema.SOURCE for doc in documents}):
        schema.prepare(name)


def _fork(share: list[Document], select: list[str] | None,
          unplaced: frozenset[str]) -> tuple[int, int]:
    import pickle  # here: a run on one core sends nothing
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(reader)
        code = 0
        try:
            found = _run_all(share, select, unplaced)
            with os.fdopen(writer, "wb") as out:
                pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # the parent runs this share again
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int, share: list[Document],
             select: list[str] | None, unplaced: frozenset[str]
             ) -> list[Finding]:
    import pickle
    try:
        with os.fdopen(reader, "rb") as handle:
            data = handle.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        try:
            found = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, ValueError):
            found = None
        if isinstance(found, list):
            return found
    return _run_all(share, select, unplaced)
