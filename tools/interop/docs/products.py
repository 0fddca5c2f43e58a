"""Docutils nodes for the product listing and the Board packet's
re-certification section, from the plain data of
:mod:`interop.refstack.listing` (this stage reads data, never judges)."""
from __future__ import annotations

from typing import Any

from docutils import nodes

from interop.docs.paragraph import Code
from interop.docs.render import bullets, link, para, section, table


def listing(rows: list[dict[str, Any]], day: str) -> list[nodes.Node]:
    """The listing: who, what, which guideline, valid until, waivers."""
    if not rows:
        return [para("No product has been submitted yet.")]
    body = []
    for row in rows:
        if "vendor" not in row:
            body.append([Code(row["submission"]), "", "", "",
                         row["verdict"], "", ""])
            continue
        waivers = bullets(
            para(link(w["reason"]), f" ({', '.join(w['tests'])}; granted "
                 f"by {w['granted_by']}, {w['reference']}; until "
                 f"{w['expires']})") for w in row["waivers"]) \
            if row["waivers"] else "none"
        body.append([para(link(row["url"], f"{row['vendor']} "
                               f"{row['product']}")), row["type"],
                     f"{row['guideline']} ({row['target']})",
                     row["based_on"] or "", " ".join(row["labels"]),
                     f"{row['lapses']} "
                     f"({'valid' if row['valid'] else 'not valid'} on "
                     f"{day})", waivers])
    return [table(["Product", "Type", "Guideline", "Based on", "Verdict",
                   "Valid until", "Waivers"], body, classes=["products"])]


def recertify_section(found: dict[str, Any]) -> nodes.section:
    """The Board packet's section: how many listed products would need to
    re-certify, and which already pass the draft's required tests."""
    children: list[nodes.Node] = [para(
        f"{found['listed']} listed product(s) of this program hold a "
        "valid certification and would need to re-certify against "
        f"{found['guideline']}.")]
    if found["would_pass"]:
        children.append(para("Their last evidence already passes its "
                             "required tests:"))
        children.append(bullets(para(Code(name))
                                for name in found["would_pass"]))
    else:
        children.append(para("None of their last evidence passes its "
                             "required tests yet."))
    return section("Products that would re-certify", "recertify",
                   children)
