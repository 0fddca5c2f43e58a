"""F: flags, the way a test stops being required without leaving the list.

A flag carries a reason that starts with one of the codes D400-D406, an
action and a date.  The canonical form of the reason is the code, a space
and the text: ``D401 The test assumes a default TTL.``
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.series import split_id

_CANONICAL = re.compile(r"^(D40[0-6]) \S")
_ANY_CODE = re.compile(r"^\W*(D\d{3})\W*\s*(.*)$", re.S)


def today() -> datetime.date:
    """Today, as the flag rules see it (tests replace it)."""
    return datetime.date.today()


def _flags(doc: Document) -> Iterator[tuple[m.Capability, m.Test, m.Flag]]:
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            if test.flagged is not None:
                yield cap, test, test.flagged


@rule("F001", "error", "flag-reason-form")
def flag_reason_form(doc: Document) -> Iterator[Problem]:
    """A flag's reason does not start with a reason code in the canonical
    form: the code (D400 to D406), one space, then the text.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: "[D401] The test assumes one hypervisor."
                  action: Flagged until the test is fixed.
                  date: "2026-01-10"

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: D401 The test assumes one hypervisor.
                  action: Flagged until the test is fixed.
                  date: "2026-01-10"
    """
    for _, test, flag in _flags(doc):
        reason = flag.reason
        if not isinstance(reason, str) or _CANONICAL.match(reason):
            continue
        found = _ANY_CODE.match(reason)
        where = flag.path + ("reason",)
        if found and found[1] in m.FLAG_CODES:
            yield Problem(f"flag reason of '{test.name}' is not in the "
                          f"canonical form: write '{found[1]} {found[2]}'",
                          where, key=False)
        elif found:
            yield Problem(f"flag reason of '{test.name}' has the unknown "
                          f"code {found[1]} (known: D400 to D406)", where,
                          key=False)
        else:
            yield Problem(f"flag reason of '{test.name}' starts with no "
                          "reason code (D400 to D406)", where, key=False)


@rule("F002", "error", "flag-date")
def flag_date(doc: Document) -> Iterator[Problem]:
    """A flag's date is not a real date written ``YYYY-MM-DD``, or lies in
    the future.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: D401 The test assumes one hypervisor.
                  action: Flagged until the test is fixed.
                  date: "2026-02-30"

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: D401 The test assumes one hypervisor.
                  action: Flagged until the test is fixed.
                  date: "2026-02-28"
    """
    for _, test, flag in _flags(doc):
        if not isinstance(flag.date, str):
            continue  # missing or of the wrong type: the S rules say so
        where = flag.path + ("date",)
        try:
            date = datetime.date.fromisoformat(flag.date)
        except ValueError:
            date = None
        if date is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", flag.date):
            yield Problem(f"flag date '{flag.date}' of '{test.name}' is not "
                          "a date written YYYY-MM-DD", where, key=False)
        elif date > today():
            yield Problem(f"flag date {flag.date} of '{test.name}' is in "
                          "the future", where, key=False)


def _approved_flags(doc: Document) -> set[str]:
    """Tests flagged in the approved guideline the draft replaces."""
    if doc.workspace is None:
        return set()
    prev = doc.workspace.series(doc.guideline).previous(doc.guideline)
    if prev is None or prev.status not in ("approved", "superseded"):
        return set()
    return {t.name for c in prev.iter_capabilities() for t in c.iter_tests()
            if t.flagged is not None}


@rule("F003", "error", "flag-in-new-guideline")
def flag_in_new_guideline(doc: Document) -> Iterator[Problem]:
    """A newly proposed guideline carries a flag: the guideline is a draft,
    or the flag is dated before the month the guideline was approved, so
    it was copied in from an older guideline.  Flags are added to approved
    guidelines whose tests turn out wrong; a new guideline leaves out the
    tests it would flag.  A draft may keep a flag that the approved
    guideline it replaces carries on the same test (HACKING D308: a flag of
    the current guideline is mirrored in the next one).

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: D401 The test assumes one hypervisor.
                  action: Flagged until the test is fixed.
                  date: "2026-01-10"

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    g = doc.guideline
    version = split_id(g.id)[1]
    approved = f"{version[:4]}-{version[5:7]}-01" if version and \
        version != "next" else None
    kept = _approved_flags(doc)
    for _, test, flag in _flags(doc):
        if g.status == "draft" and test.name not in kept:
            yield Problem(f"test '{test.name}' is flagged in a draft "
                          "guideline: leave the test out, or drop the flag",
                          flag.path)
        elif approved and isinstance(flag.date, str) and \
                re.fullmatch(r"\d{4}-\d{2}-\d{2}", flag.date) and \
                flag.date < approved:
            yield Problem(f"the flag of '{test.name}' is dated {flag.date}, "
                          f"before {g.id} was approved: it came with the "
                          "proposal, which should carry no flags",
                          flag.path + ("date",), key=False)


@rule("F004", "info", "flagged-not-required")
def flagged_not_required(doc: Document) -> Iterator[Problem]:
    """A test of a required capability is flagged, so it is not required
    while the flag stands.  Shown so that reviewers see what a product
    does not have to pass.

    Fails::

        metadata:
          os_trademark_approval:
            status: approved
        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: D401 The test assumes one hypervisor.
                  action: Flagged until the test is fixed.
                  date: "2026-01-10"

    Passes::

        metadata:
          os_trademark_approval:
            status: approved
    """
    g = doc.guideline
    for cap, test, flag in _flags(doc):
        if g.status_of(cap.name) == "required":
            code = flag.reason.split(" ", 1)[0] if isinstance(
                flag.reason, str) else "flag"
            yield Problem(f"test '{test.name}' of required capability "
                          f"'{cap.name}' is flagged ({code}) and not "
                          "required", test.path)
