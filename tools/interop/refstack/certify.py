"""A product's submission judged: labels in the Kubernetes vocabulary.

The evidence is judged against the guideline and target with the function
``interop comply`` uses (:func:`judged`, the one place that asks
:mod:`interop.refstack.comply`), and the outcome is said as labels, as
Kubernetes' conformance bot labels a pull request:

``tests-verified-<guideline>``
    every required test of the target passed (waived tests aside);
``required-tests-missing``
    some did not; the missing tests are listed;
``evidence-missing``
    the submission holds no evidence and is based on no distribution;
``not-verifiable``
    the evidence cannot be read, carries no date, or its guideline is not
    among the two most recent approved on the day of the run (the first
    timestamp of the stream, else ``tested_on``);
``waiver-applied``
    an unexpired waiver excused a missing test (named in the verdict).

A product based on a certified distribution (``based_on``) takes the
distribution's verdict, and its lapse date (:func:`lapses`: the Board
date of the second guideline approved after the product's; the listing,
:mod:`interop.refstack.listing`, shows it).
"""
from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from interop import model as m
from interop.dates import parse_date, today
from interop.errors import LoadError, UsageError
from interop.load import products as p
from interop.refstack import comply
from interop.refstack.beside import Beside, beside_of, published_beside
from interop.refstack.outcomes import Outcome
from interop.refstack.results import Results
from interop.series import (
    board_date,
    expected_id,
    order_key,
    usable_now,
    version_of,
)

if TYPE_CHECKING:  # the repository is handed in
    from interop.repository import Repository

VERIFIED = "tests-verified-"
MISSING = "required-tests-missing"
NO_EVIDENCE = "evidence-missing"
NOT_VERIFIABLE = "not-verifiable"
WAIVED = "waiver-applied"
LABELS = (VERIFIED + "<guideline>", MISSING, NO_EVIDENCE, NOT_VERIFIABLE,
          WAIVED)


@dataclasses.dataclass
class Certification:
    """The verdict on one submission."""

    folder: str
    product: p.Product | None
    labels: list[str] = dataclasses.field(default_factory=list)
    #: required tests the run did not pass and no waiver excused
    missing: list[str] = dataclasses.field(default_factory=list)
    #: what became of each test not passed (failed, skipped, not run)
    how: dict[str, str] = dataclasses.field(default_factory=dict)
    waivers: list[p.Waiver] = dataclasses.field(default_factory=list)
    waived: list[str] = dataclasses.field(default_factory=list)
    reason: str = ""                 # why not verifiable, located
    tested: datetime.date | None = None
    inherited_from: str | None = None

    @property
    def verified(self) -> bool:
        return any(label.startswith(VERIFIED) for label in self.labels)

    @property
    def verdict(self) -> str:
        """The label that says it all (the first)."""
        return self.labels[0] if self.labels else NOT_VERIFIABLE

    def as_dict(self) -> dict[str, Any]:
        return {"submission": self.product.key if self.product else
                self.folder, "labels": list(self.labels),
                "missing": list(self.missing), "waived": list(self.waived),
                "how": dict(self.how),
                "waivers": [{"file": w.file, "index": w.index,
                             "reason": w.reason, "expires": w.expires}
                            for w in self.waivers],
                "reason": self.reason,
                "tested": self.tested.isoformat() if self.tested else None,
                "inherited_from": self.inherited_from}


def judged(doc: dict[str, Any], results: Results, target: str,
           others: Mapping[str, dict[str, Any]]) -> dict[str, str]:
    """The required tests the run did not pass, each with what became of
    it (``failed: <first line>``, ``skipped: <reason>``, ``not run``),
    from comply's own verdict (:func:`interop.refstack.comply.assess`);
    a Powered component an add-on requires that the run does not pass
    is named too."""
    [verdict] = comply.assess(doc, results, target, others)
    missing = {t.name: t.outcome + (f": {t.detail}" if t.detail else "")
               for t in verdict.tests if t.outcome != Outcome.PASSED}
    for r in verdict.requires:
        if not r.passed:
            missing[r.component] = r.reason or "a required Powered " \
                "component the run does not pass"
    return missing


def program_guidelines(repo: Repository, program: str) -> list[m.Guideline]:
    """A program's guidelines, baselines included: ``powered`` or an
    add-on's or vertical's name."""
    return [g for g in repo.guidelines(history=True)
            if g.program.name == program]


def guideline_of(repo: Repository, program: str, version: str
                 ) -> m.Guideline | None:
    for g in program_guidelines(repo, program):
        if version_of(g) == version:
            return g
    return None


def label_of(g: m.Guideline) -> str:
    return VERIFIED + expected_id(g, version_of(g) or "")


def published(repo: Repository, g: m.Guideline,
              beside: Beside | None = None
              ) -> tuple[dict[str, Any], Mapping[str, dict[str, Any]]]:
    """The guideline's published form and the published files beside it
    (for components it takes from another guideline), as comply reads
    them.  ``beside`` is :func:`published_beside`'s answer, shared by a
    caller that asks of every guideline (else each call starts its own,
    and reads again the files it is asked for)."""
    from interop.load.jsonsource import load_json
    from interop.publish.outputs import compile_text
    doc = load_json(compile_text(g.file, repo), g.file)
    return doc, beside_of(g, beside if beside is not None
                          else published_beside(repo))


class _Dated(Exception):
    """Raised by the stream reader at the first timestamp: the rest of the
    stream (a full run's logs) need not be read again."""


def evidence_day(path: str, fmt: str) -> datetime.date | None:
    """The day of a run: the first timestamp of its subunit stream (UTC),
    read up to that packet only."""
    if fmt not in ("subunit", "stestr"):
        return None
    import subunit
    import testtools

    from interop.refstack import streams
    if os.path.isdir(path):
        path = streams.stestr_run(path)
    found: list[datetime.datetime] = []

    class First(testtools.StreamResult):
        def status(self, *args: Any, timestamp: Any = None,
                   **kwargs: Any) -> None:
            if timestamp is not None:
                found.append(timestamp)
                raise _Dated

    with open(path, "rb") as handle:
        stream = subunit.ByteStreamToStreamResult(
            handle, non_subunit_name="stdout")
        try:
            stream.run(First())
        except _Dated:
            pass
        except Exception:  # noqa: BLE001 - read by reading.load already
            return None
    return found[0].date() if found else None


def waivers_for(repo: Repository, product: p.Product) -> list[p.Waiver]:
    """The waivers naming this product, from its guideline's and its own
    ``waivers.yaml`` (a broken file is an E191 LoadError)."""
    own = os.path.abspath(product.folder)
    shared = os.path.dirname(own)
    out = []
    for path in p.waiver_files(repo.root, product.program,
                               product.guideline):
        if os.path.dirname(os.path.abspath(path)) not in (own, shared):
            continue
        out += [w for w in p.read_waivers(path) if product.name in
                w.products]
    return out


def certify(repo: Repository, folder: str,
            day: datetime.date | None = None) -> Certification:
    """The verdict on the submission in ``folder``, on ``day`` (default
    today: which waivers still hold)."""
    day = day or today()
    try:
        product = p.read_product(folder)
    except LoadError as exc:
        return Certification(folder, None, [NOT_VERIFIABLE],
                             reason=exc.finding.format())
    out = Certification(folder, product)
    g = guideline_of(repo, product.program, product.guideline)
    if g is None:
        return _unverifiable(out, f"no guideline {product.guideline} of "
                             f"the program '{product.program}' here")
    if product.evidence is None:
        if product.based_on:
            return _inherit(repo, out, day)
        out.labels = [NO_EVIDENCE]
        out.reason = "no evidence: add " + " or ".join(p.EVIDENCE_NAMES)
        return out
    return _judge(repo, out, g, day)


def _unverifiable(out: Certification, reason: str) -> Certification:
    out.labels, out.reason = [NOT_VERIFIABLE], reason
    return out


def _judge(repo: Repository, out: Certification, g: m.Guideline,
           day: datetime.date) -> Certification:
    from interop.refstack.reading import load
    product = out.product
    assert product is not None and product.evidence is not None
    try:
        results = load(product.evidence)
        out.tested = evidence_day(product.evidence, results.format) or \
            parse_date(product.tested_on)
    except LoadError as exc:
        return _unverifiable(out, exc.finding.format())
    if out.tested is None:
        return _unverifiable(out, "the evidence carries no date: give "
                             "tested_on in product.yaml")
    usable = usable_now(program_guidelines(repo, product.program),
                        out.tested)
    if g not in usable:
        shown = ", ".join(version_of(u) or "?" for u in usable) or "none"
        return _unverifiable(out, f"{product.guideline} is not one of the "
                             f"two most recent approved guidelines on "
                             f"{out.tested} (those were: {shown})")
    try:
        doc, others = published(repo, g)
        missing = judged(doc, results, product.target, others)
        _apply_waivers(repo, out, missing, day)
    except (UsageError, LoadError) as exc:  # a waivers file is named
        out.waived, out.waivers, out.missing = [], [], []
        return _unverifiable(out, str(exc))
    out.labels = [MISSING] if out.missing else [label_of(g)]
    if out.waived:
        out.labels.append(WAIVED)
    return out


def _apply_waivers(repo: Repository, out: Certification,
                   missing: dict[str, str], day: datetime.date) -> None:
    assert out.product is not None
    out.how = dict(missing)
    live = [w for w in waivers_for(repo, out.product) if not w.expired(day)]
    for name in missing:
        covering = [w for w in live if name in w.tests]
        if covering:
            out.waived.append(name)
            out.waivers += [w for w in covering if w not in out.waivers]
        else:
            out.missing.append(name)


UNKNOWN = "until the second next approval"


def lapses(repo: Repository, product: p.Product
           ) -> tuple[datetime.date | None, str]:
    """(the day the certification lapses or None, that day in words)."""
    guidelines = program_guidelines(repo, product.program)
    approved = sorted((g for g in guidelines
                       if g.status in ("approved", "superseded")
                       and board_date(g) is not None),
                      key=lambda g: order_key(version_of(g)))
    later = [g for g in approved if order_key(version_of(g)) >
             order_key(product.guideline)]
    if len(later) < 2:
        return None, UNKNOWN
    day = board_date(later[1])
    return day, day.isoformat() if day else UNKNOWN


def _inherit(repo: Repository, out: Certification,
             day: datetime.date) -> Certification:
    product = out.product
    assert product is not None and product.based_on is not None
    base_folder = os.path.join(repo.root, p.PRODUCTS,
                               *product.based_on.split("/"))
    if not os.path.isfile(os.path.join(base_folder, p.PRODUCT_FILE)):
        return _unverifiable(out, f"based_on: no submission "
                             f"{product.based_on} in products/")
    try:
        chained = p.read_product(base_folder).based_on
    except LoadError as exc:
        return _unverifiable(out, f"based_on: {exc.finding.format()}")
    if chained:  # read before judging: a chain, or itself, never loops
        return _unverifiable(out, f"based_on: {product.based_on} is "
                             "itself based on another product, not a "
                             "certified distribution")
    base = certify(repo, base_folder, day)
    if base.product is None:
        return _unverifiable(out, base.reason)
    if not base.verified:
        return _unverifiable(out, f"based_on: {product.based_on} is not "
                             f"verified ({base.verdict})")
    end, _ = lapses(repo, base.product)
    if end is not None and end <= day:
        return _unverifiable(out, f"based_on: {product.based_on}'s "
                             f"certification lapsed on {end}")
    out.labels = list(base.labels)
    out.tested, out.inherited_from = base.tested, base.product.key
    out.waivers, out.waived = base.waivers, base.waived
    return out


def text(c: Certification) -> str:
    """The labels and what explains them, a line each."""
    from interop.text import terminal
    shown = c.product.key if c.product else c.folder
    lines = [f"{shown}: {' '.join(c.labels)}"]
    if c.reason:
        lines.append(f"  {c.reason}")
    if c.inherited_from:
        lines.append(f"  inherited from {c.inherited_from}")
    lines += [f"  missing: {name} ({c.how[name]})" if name in c.how
              else f"  missing: {name}" for name in c.missing]
    lines += [f"  waived: {name}" for name in c.waived]
    lines += [f"  waiver: {w.reason} (granted by {w.granted_by}, "
              f"{w.reference}; until {w.expires})" for w in c.waivers]
    return "".join(terminal(line) + "\n" for line in lines)
