"""``interop packet``: the Board packet of each guideline awaiting the
Board's decision, as a PDF named as the HTML packet is."""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from interop.errors import UsageError
from interop.repository import Repository


def write_packets(repo: Repository, paths: Sequence[str], out: str,
                  change_url: str | None) -> Iterator[str]:
    """Write the packets of ``paths`` (sources named relative to here;
    default: every draft and review guideline of ``repo``) into ``out``;
    each PDF's path as it is written."""
    from interop.docs.board import AWAITING, Links, page_name
    from interop.docs.packet import write_pdf
    from interop.files import confined_if_within
    # an --out inside the repository stays in it, whatever links its
    # folders are (doc/build as a link out would carry the PDFs away)
    confined_if_within(os.path.abspath(out), repo.root, out)
    # sources named on the command line are relative to here; the
    # repository's own list is relative to its root
    rels = [repo.rel(os.path.abspath(p)) for p in paths] or [
        p for p in repo.sources()
        if repo.load(p).guideline.status in AWAITING]
    if not rels:
        raise UsageError("no draft or review guideline to make a packet "
                         "of")
    links = Links(change=change_url or os.environ.get(
        "INTEROP_CHANGE_URL") or None)
    for rel in rels:
        # named as the HTML packet is (powered-next-packet.pdf)
        pdf = os.path.join(out, page_name(repo.load(rel).guideline)
                           + "-packet.pdf")
        write_pdf(repo, rel, pdf, links)
        yield pdf
