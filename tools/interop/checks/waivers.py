"""Waivers of a guideline's submissions (``products/<program>/<version>/
waivers.yaml`` and each submission's own): they end, and they waive only
what the guideline requires.  Checked with the guideline they belong to
(a baseline's too: the submissions of an approved guideline this
repository did not author are still ours).
"""
from __future__ import annotations

from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule
from interop.checks.scoring import repo_of
from interop.dates import today
from interop.errors import LoadError, Location
from interop.load import products as p
from interop.series import version_of


def _waivers(doc: Document) -> list[tuple[str, list[p.Waiver] | LoadError]]:
    """(file shown, its waivers or the error reading it) of every waivers
    file of the guideline's submissions; none for a published file (its
    source is checked)."""
    def compute() -> list[tuple[str, list[p.Waiver] | LoadError]]:
        repo = repo_of(doc)
        version = version_of(doc.guideline)
        if repo is None or doc.published or version is None:
            return []
        out: list[tuple[str, list[p.Waiver] | LoadError]] = []
        for path in p.waiver_files(repo.root, doc.guideline.program.name,
                                   version):
            try:
                out.append((repo.rel(path), p.read_waivers(path)))
            except LoadError as exc:
                out.append((repo.rel(path), exc))
        return out
    return doc.memo("waivers", compute)


def _required(doc: Document) -> set[str]:
    """The required, non-flagged tests of the guideline, names and
    aliases."""
    g = doc.guideline
    out: set[str] = set()
    for name, listed in g.capability_statuses().items():
        cap = (g.capabilities or {}).get(name)
        if cap is None or not any(s == "required" for _, s in listed):
            continue
        for test in cap.iter_tests():
            if test.flagged is None:
                out.add(test.name)
                out.update(a for a in test.aliases or ()
                           if isinstance(a, str))
    return out


@rule("N001", "warning", "waiver-expired")
def waiver_expired(doc: Document) -> Iterator[Problem]:
    """A waiver of the guideline's submissions has passed its expiry date:
    ``interop certify`` no longer applies it; remove it, or have the
    Working Group renew it with a new date.

    Fails::

        # file: guidelines/2024.06.yaml
        metadata:
          id: "2024.06"

    Passes::

        metadata:
          id: next
    """
    day = today()
    for file, found in _waivers(doc):
        if isinstance(found, LoadError):
            continue
        for w in found:
            if w.expired(day):
                yield Problem(f"waiver {w.index + 1} expired on "
                              f"{w.expires}: certify no longer applies it",
                              loc=Location(w.line, w.col), file=file)


@rule("N002", "warning", "waiver-not-required")
def waiver_not_required(doc: Document) -> Iterator[Problem]:
    """A waiver names a test that the guideline does not require (not in
    a required capability, or flagged): there is nothing to waive.

    Fails::

        # file: guidelines/2024.06.yaml
        metadata:
          id: "2024.06"

    Passes::

        metadata:
          id: next
    """
    required = None
    for file, found in _waivers(doc):
        if isinstance(found, LoadError):
            continue
        for w in found:
            required = _required(doc) if required is None else required
            for test in w.tests:
                if test not in required:
                    yield Problem(f"waiver {w.index + 1} names {test}, "
                                  "which the guideline does not require",
                                  loc=Location(w.line, w.col), file=file)


@rule("N004", "error", "waivers-unreadable")
def waivers_unreadable(doc: Document) -> Iterator[Problem]:
    """A waivers file of the guideline's submissions cannot be read or
    breaks ``schemas/waivers.json`` (the place and the reason are given).

    Fails::

        # file: guidelines/2024.12.yaml
        metadata:
          id: "2024.12"

    Passes::

        metadata:
          id: next
    """
    for file, found in _waivers(doc):
        if isinstance(found, LoadError):
            f = found.finding
            yield Problem(f"{f.code} {f.message}",
                          loc=Location(f.line, f.col), file=file)
