"""F: flags, the way a test stops being required without leaving the list.

A flag carries a reason that starts with one of the codes D400-D406, an
action and a date.  The canonical form of the reason is the one HACKING
(D309) shows, the code in brackets, a space and the text:
``[D401] The test assumes a default TTL.``; the code without brackets
(``D401 The test ...``) is read alike.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from interop import dates
from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.series import split_id

#: ``[D401] text`` (HACKING's form) or ``D401 text``
_ACCEPTED = re.compile(r"^(?:\[(D\d{3})\]|(D\d{3}))(?: (?P<text>\S.*))?$",
                       re.S)
_ANY_CODE = re.compile(r"^\W*(D\d{3})\W*\s*(.*)$", re.S)


def reason_code(reason: object) -> str | None:
    """The reason code a flag's reason starts with, in either accepted
    form (or None)."""
    found = _ACCEPTED.match(reason) if isinstance(reason, str) else None
    return (found[1] or found[2]) if found else None


def reason_text(reason: object) -> str:
    """A flag reason's text after its code."""
    found = _ACCEPTED.match(reason) if isinstance(reason, str) else None
    return (found["text"] or "") if found else ""


def _flags(doc: Document) -> Iterator[tuple[m.Capability, m.Test, m.Flag]]:
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            if test.flagged is not None:
                yield cap, test, test.flagged


@rule("F001", "error", "flag-reason-form")
def flag_reason_form(doc: Document) -> Iterator[Problem]:
    """A flag's reason does not start with a known reason code (D400 to
    D406) in one of the two accepted forms: ``[D401] text``, as HACKING
    writes it, or ``D401 text``.  Reported: a reason with no code, with a
    code HACKING does not list, or with the code written another way
    (``D401: text``, ``(D401) text``).

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: "D401: The test assumes one hypervisor."
                  action: Flagged until the test is fixed.
                  date: "2026-01-10"

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: "[D401] The test assumes one hypervisor (bug
                    2001234)."
                  action: Flagged until the test is fixed.
                  date: "2026-01-10"
    """
    for _, test, flag in _flags(doc):
        reason = flag.reason
        if not isinstance(reason, str):
            continue
        where = flag.path + ("reason",)
        code = reason_code(reason)
        found = _ANY_CODE.match(reason)
        if code in m.FLAG_CODES:
            continue
        if code is not None or (found and found[1] not in m.FLAG_CODES):
            code = code or (found[1] if found else None)
            yield Problem(f"flag reason of '{test.name}' has the unknown "
                          f"code {code} (known: D400 to D406; propose a new "
                          "one under D404)", where, key=False)
        elif found:
            yield Problem(f"flag reason of '{test.name}' writes its code "
                          f"another way: write '[{found[1]}] {found[2]}'",
                          where, key=False)
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
        elif date > dates.today():
            yield Problem(f"flag date {flag.date} of '{test.name}' is in "
                          "the future", where, key=False)


def _mirrored(doc: Document) -> set[str]:
    """Names and ids of the tests the previous guideline flags (a flag
    there may be mirrored here, HACKING D308)."""
    if doc.workspace is None:
        return set()
    prev = doc.workspace.series(doc.guideline).previous(doc.guideline)
    out: set[str] = set()
    for cap in (prev.iter_capabilities() if prev is not None else ()):
        for test in cap.iter_tests():
            if test.flagged is not None:
                out.add(test.name)
                tid = m.normal_id(test.idempotent_id)
                if tid:
                    out.add(tid)
    return out


@rule("F003", "error", "flag-in-new-guideline")
def flag_in_new_guideline(doc: Document) -> Iterator[Problem]:
    """A newly proposed guideline carries a flag of its own: the guideline
    is a draft, or the flag is dated before the month the guideline was
    approved, and the previous guideline does not flag the same test.
    A flag that mirrors one of the guideline it replaces is allowed
    (HACKING D308: a flag that will not be resolved soon is copied into
    the next guideline); a new flag goes into the approved guideline
    (D312), and a new guideline leaves out the tests it would flag.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: "[D401] The test assumes one hypervisor (bug
                    2001234)."
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
    mirrored = None
    for _, test, flag in _flags(doc):
        if mirrored is None:
            mirrored = _mirrored(doc)
        if test.name in mirrored or m.normal_id(test.idempotent_id) in \
                mirrored:
            continue
        if g.status == "draft":
            yield Problem(f"test '{test.name}' is flagged in a draft "
                          "guideline, and the guideline it replaces does "
                          "not flag it: leave the test out, or drop the "
                          "flag", flag.path)
        elif approved and isinstance(flag.date, str) and \
                re.fullmatch(r"\d{4}-\d{2}-\d{2}", flag.date) and \
                flag.date < approved:
            yield Problem(f"the flag of '{test.name}' is dated {flag.date}, "
                          f"before {g.id} was approved: it came with the "
                          "proposal, which should carry no new flags",
                          flag.path + ("date",), key=False)


_BUG = re.compile(r"https?://\S|\bbugs?\b\W{0,3}#?\d{4,}|#\d{4,}|"
                  r"\b\d{6,}\b|\b(?:lp|launchpad|storyboard)\b", re.I)


@rule("F005", "warning", "flag-names-no-bug")
def flag_names_no_bug(doc: Document) -> Iterator[Problem]:
    """A D401 or D402 flag does not name its bug: the reason says the bug
    is accepted by the project that maintains the test (D401) or the code
    (D402), so it gives the bug's link or number.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: "[D402] Resizing fails on some hypervisors."
                  action: Flagged until the fix is released.
                  date: "2026-01-10"

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: "[D402] Resizing fails on some hypervisors:
                    https://bugs.launchpad.net/nova/+bug/2001234"
                  action: Flagged until the fix is released.
                  date: "2026-01-10"
    """
    for _, test, flag in _flags(doc):
        code = reason_code(flag.reason)
        if code in ("D401", "D402") and not _BUG.search(flag.reason):
            yield Problem(f"the {code} flag of '{test.name}' names no bug: "
                          "give its link or number", flag.path + ("reason",),
                          key=False)


@rule("F006", "warning", "d404-without-reason")
def d404_without_reason(doc: Document) -> Iterator[Problem]:
    """A D404 flag (no listed reason fits) does not say why the test needs
    flagging.  D404 is a placeholder while the Working Group decides on a
    new reason (HACKING D310): the reason says it is D404, by its code,
    and explains the proposed new reason.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: "[D404]"
                  action: Discussed by the Working Group.
                  date: "2026-01-10"

    Passes::

        capabilities:
          compute-servers-create:
            tests:
              a.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
                flagged:
                  reason: "[D404] The test needs a second region, which no
                    listed reason covers."
                  action: Discussed by the Working Group.
                  date: "2026-01-10"
    """
    for _, test, flag in _flags(doc):
        if reason_code(flag.reason) == "D404" and \
                len(reason_text(flag.reason).split()) < 3:
            yield Problem(f"the D404 flag of '{test.name}' does not say why "
                          "no listed reason fits", flag.path + ("reason",),
                          key=False)


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
            code = reason_code(flag.reason) or "flag"
            yield Problem(f"test '{test.name}' of required capability "
                          f"'{cap.name}' is flagged ({code}) and not "
                          "required", test.path)
