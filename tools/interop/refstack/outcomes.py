"""What a test run did with a test, as the type checker sees it.

:class:`Outcome` is the verdict's word for a required test (``passed``,
``failed``, ``skipped``, ``not run``); :class:`Status` is subunit's word
for a test's state in a stream (``success``, ``fail``, ``skip``, ...).
Both are ``str`` enums whose values are what outputs show, so text and
JSON read exactly as they did when these were bare strings.
"""
from __future__ import annotations

import enum
from typing import Literal


class Outcome(enum.StrEnum):
    """What a run did with a required test."""

    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    #: the run never reported it, or its format keeps passes only
    NOT_RUN = "not run"


#: what a run that reported a test and never passed it says of it
NotPassed = Literal[Outcome.FAILED, Outcome.SKIPPED]


class Status(enum.StrEnum):
    """A test's status in a subunit stream (``test_status``)."""

    SUCCESS = "success"
    FAIL = "fail"
    SKIP = "skip"
    XFAIL = "xfail"
    UXSUCCESS = "uxsuccess"
    #: enumerated, not run
    EXISTS = "exists"
    #: started, not finished
    INPROGRESS = "inprogress"


#: statuses of a test that ran: ``exists`` and ``inprogress`` did not
#: finish a run
RAN = frozenset({Status.SUCCESS, Status.FAIL, Status.SKIP, Status.XFAIL,
                 Status.UXSUCCESS})
