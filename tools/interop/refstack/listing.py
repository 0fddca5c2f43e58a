"""The product listing: every submission, its verdict and when it lapses.

A certification is valid while its guideline is one of the two most
recent approved guidelines of its program (:func:`interop.series
.usable_now`).  It lapses on the Board date of the guideline that pushes
its guideline out: the second approved after it.  Until that guideline
exists the lapse date is not known ("until the second next approval").
A product based on a certified distribution lapses with it.
"""
from __future__ import annotations

import copy
import datetime
import glob
import json
import os
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from interop.dates import today
from interop.errors import LoadError, UsageError
from interop.files import stamp
from interop.load import products as p
from interop.refstack import certify as c
from interop.refstack.certify import lapses
from interop.series import usable_now, version_of

if TYPE_CHECKING:  # the repository is handed in
    from interop.repository import Repository

def entry(repo: Repository, cert: c.Certification,
          day: datetime.date) -> dict[str, Any]:
    """One product of the listing (plain data: products.json)."""
    product = cert.product
    if product is None:
        shown = os.path.relpath(cert.folder,
                                os.path.join(repo.root, p.PRODUCTS))
        return {"submission": shown.replace(os.sep, "/"),
                "verdict": cert.verdict,
                "labels": cert.labels, "reason": cert.reason}
    lapse_from = product
    if cert.inherited_from:  # lapses with the distribution
        base = c.certify(repo, os.path.join(
            repo.root, p.PRODUCTS, *cert.inherited_from.split("/")),
            day).product
        lapse_from = base or product
    end, shown = lapses(repo, lapse_from)
    g = c.guideline_of(repo, product.program, product.guideline)
    usable = g is not None and g in usable_now(
        c.program_guidelines(repo, product.program), day)
    valid = cert.verified and usable and (end is None or day < end)
    return {"submission": product.key, "vendor": product.vendor,
            "product": product.product, "type": product.type,
            "releases": list(product.releases), "url": product.url,
            "program": product.program, "guideline": product.guideline,
            "target": product.target, "based_on": product.based_on,
            "verdict": cert.verdict, "labels": cert.labels,
            "missing": cert.missing,
            "waivers": [{"tests": [t for t in w.tests if t in cert.waived],
                         "reason": w.reason, "granted_by": w.granted_by,
                         "reference": w.reference, "expires": w.expires}
                        for w in cert.waivers],
            "tested": cert.tested.isoformat() if cert.tested else None,
            "lapses": shown, "valid": valid}


#: report's rows per repository object, with what they were judged
#: from: a docs build lists the products, packs them into products.json
#: and asks of each packet which must re-certify
_REPORTS: weakref.WeakKeyDictionary[
    Any, tuple[tuple[Any, ...], list[dict[str, Any]]]] = \
    weakref.WeakKeyDictionary()


def report(repo: Repository, day: datetime.date | None = None
           ) -> list[dict[str, Any]]:
    """Every submission of the repository, sorted by its folder (each
    judged once per repository while its files, the repository's
    sources and the day stay the same; the rows are the caller's)."""
    day = day or today()
    folders = p.submissions(repo.root)
    published = glob.glob(os.path.join(repo.root, "guidelines", "*.json"))
    key = (day, tuple(repo.sources()), tuple(repo.baselines()),
           tuple(_stamps(folders)),
           tuple(tuple(stamp(f)) for f in sorted(published)))
    hit = _REPORTS.get(repo)
    if hit is None or hit[0] != key:
        hit = _REPORTS[repo] = (key, [
            entry(repo, c.certify(repo, folder, day), day)
            for folder in folders])
    return copy.deepcopy(hit[1])


def _stamps(folders: list[str]) -> Iterator[tuple[Any, ...]]:
    """Each file of the folders and below, with its size and time."""
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                yield tuple(stamp(os.path.join(top, name)))


def products_json(repo: Repository, day: datetime.date | None = None) -> str:
    """``products.json``: the listing, machine-readable, stable bytes."""
    day = day or today()
    return json.dumps({"date": day.isoformat(),
                       "products": report(repo, day)},
                      indent=2, sort_keys=True) + "\n"


def report_text(rows: list[dict[str, Any]]) -> str:
    from interop.text import terminal
    lines = []
    for row in rows:
        if "vendor" not in row:
            lines.append(f"{row['submission']}: {row['verdict']} "
                         f"({row['reason']})")
            continue
        waived = f", {len(row['waivers'])} waiver(s)" if row["waivers"] \
            else ""
        lines.append(f"{row['submission']}: {row['vendor']} "
                     f"{row['product']}, {row['guideline']} "
                     f"{row['target']}: {row['verdict']}; lapses "
                     f"{row['lapses']}; "
                     f"{'valid' if row['valid'] else 'not valid'} "
                     f"today{waived}")
    return "".join(terminal(line) + "\n" for line in lines) or \
        "no submissions in products/\n"


def recertify(repo: Repository, draft: Any) -> dict[str, Any]:
    """For a draft guideline's Board packet: the listed products of its
    program that would need to re-certify (every one valid now), and those
    whose last evidence already passes the draft's required tests."""
    from interop.refstack.reading import load
    program = draft.program.name
    day = today()
    listed = [row for row in report(repo, day)
              if row.get("program") == program and row.get("valid")]
    passing = []
    doc, others = c.published(repo, draft)
    for row in listed:
        # a product based on a distribution has the distribution's run
        product = p.read_product(os.path.join(
            repo.root, p.PRODUCTS, *row["submission"].split("/")))
        evidence = product.evidence
        if evidence is None and product.based_on:
            evidence = p.read_product(os.path.join(
                repo.root, p.PRODUCTS, *product.based_on.split("/"))).evidence
        if evidence is None:
            continue
        try:
            missing = c.judged(doc, load(evidence), product.target, others)
        except (LoadError, UsageError):  # unreadable: not passing
            continue
        if not missing:
            passing.append(row["submission"])
    approval = draft.metadata.approval if draft.metadata else None
    target = getattr(approval, "target_approval", None)
    shown = version_of(draft) or "the draft"
    if isinstance(target, str) and target != shown:
        shown += f" (to be approved as {target})"
    return {"guideline": shown, "listed": len(listed),
            "would_pass": passing}
