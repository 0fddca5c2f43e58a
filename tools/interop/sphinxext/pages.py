"""The directives of the generated pages: a guideline's page and its
Board packet, their parts, the index of guidelines, the product listing
and the consumer profiles.  The nodes are built in :mod:`interop.docs`."""
from __future__ import annotations

import os
import posixpath
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives

from interop.docs.board import AWAITING
from interop.docs.paragraph import Code, para
from interop.sphinxext.base import FromRepository
from interop.sphinxext.domain import PDF_DIR
from interop.sphinxext.packets import recertify_parts

#: what a page's builder returns: its nodes and the files they came from
Built = tuple[list[nodes.Node], list[str]]


class _Page(FromRepository):
    """A whole generated page: ``:titled:`` makes the directive give the
    page its title, set as a title node from data (never as
    reStructuredText source, where a name could hold markup)."""

    required_arguments = 1
    option_spec: dict[str, Any] = {"titled": directives.flag}
    packet = False

    def links(self, g: Any) -> Any:
        from interop.docs.board import links
        return links(g, self.env.docname, self.packet,
                     getattr(self.config, "html_file_suffix", None)
                     or ".html", self.config.interop_generated,
                     PDF_DIR if self.config.interop_packet_pdf
                     else None, self.config.interop_change_url or
                     os.environ.get("INTEROP_CHANGE_URL") or None)

    def parts(self) -> list[nodes.Node]:
        from interop.docs import render
        repo = self.repo()
        g = repo.load(self.arguments[0]).guideline
        parts, depends = self.build(repo, self.links(g))
        self.depend(depends)
        if "titled" not in self.options:
            return parts
        from interop.docs.board import page_name
        section = render.section(render.title(g, self.packet),
                                 page_name(g) + ("-packet" if self.packet
                                                 else ""), parts)
        return [section]

    def build(self, repo: Any, links: Any) -> Built:
        raise NotImplementedError


class GuidelineDirective(_Page):
    """``.. interop-guideline:: guidelines/next.yaml``: the whole page."""

    def build(self, repo: Any, links: Any) -> Built:
        from interop.docs.board import guideline_page
        parts, depends = guideline_page(repo, self.arguments[0], links)
        if repo.load(self.arguments[0]).guideline.status == "superseded":
            from interop.sphinxext.prerender import html_tables
            html_tables(parts, self.env)
        return parts, depends


class PacketDirective(_Page):
    """``.. interop-packet:: guidelines/next.yaml``: the Board packet."""

    packet = True

    def build(self, repo: Any, links: Any) -> Built:
        from interop.docs.decision import packet_page
        parts, depends = packet_page(repo, self.arguments[0], links)
        return parts + recertify_parts(repo, self.arguments[0]), depends


class ProductsDirective(FromRepository):
    """``.. interop-products::``: the product listing from ``products/``
    (who, what, which guideline, valid until, waivers)."""

    def parts(self) -> list[nodes.Node]:
        from interop.dates import today
        from interop.docs.products import listing
        from interop.load.products import submissions
        from interop.refstack.listing import report
        repo = self.repo()
        for folder in submissions(repo.root):
            self.depend([os.path.join(folder, n) for n in os.listdir(folder)])
        return listing(report(repo), today().isoformat())


class RecertifyDirective(FromRepository):
    """``.. interop-recertify:: guidelines/next.yaml``: for a draft, how
    many listed products would need to re-certify, and which already pass
    its required tests from their last evidence."""

    required_arguments = 1

    def parts(self) -> list[nodes.Node]:
        from interop.docs.products import recertify_section
        from interop.refstack.listing import recertify
        repo = self.repo()
        source = repo.load(self.arguments[0])
        return [recertify_section(recertify(repo, source.guideline))]


class PartDirective(FromRepository):
    """One part of a guideline's page: ``.. interop-capabilities::``,
    ``interop-tests`` (``:capability:``), ``interop-sections``,
    ``interop-scores``, ``interop-changes``, ``interop-conflicts``."""

    required_arguments = 1
    option_spec = {"status": str, "capability": str}

    def parts(self) -> list[nodes.Node]:
        from interop.docs import render
        from interop.docs.board import facts, original_of
        from interop.scoring.tabulate import report
        f = facts(self.repo(), self.arguments[0])
        self.depend(f.depends)
        g = f.source.guideline
        part = self.name.split("-", 1)[1]
        if part == "capabilities":
            totals = render.totals(f.sheet, g)
            statuses = [self.options["status"]] if "status" in \
                self.options else ["required", "advisory", "deprecated",
                                   "removed"]
            return [t for t in (render.capability_table(
                g, f.published, s, totals) for s in statuses) if t]
        if part == "tests":
            cap = (g.capabilities or {}).get(self.options.get("capability"))
            if cap is None:
                raise self.error("interop-tests needs :capability: naming "
                                 "a capability of the guideline")
            return [render.tests(cap)]
        if part == "sections":
            return render.designated_sections(g)
        if part == "scores":
            if f.sheet is None:
                return [para("No scoring sheet.")]
            return [render.scores(report(f.sheet, g))]
        if part == "changes":
            return render.changes(f.changes, f.previous.id
                                  if f.previous else None, original_of(f))
        return render.findings(f.conflicts, "None found.")


class IndexDirective(FromRepository):
    """``.. interop-guidelines::``: every guideline by program, with what
    a vendor may use now (the two most recent guidelines whose Board
    approval date has passed)."""

    def parts(self) -> list[nodes.Node]:
        from interop.docs import render
        from interop.docs.board import index_rows
        from interop.series import is_baseline, original_url
        from interop.text import is_safe_url
        from interop.workflow.listing import listing
        repo = self.repo()
        # the one listing: interop guidelines prints the same
        usable = {id(r.guideline) for program in listing(repo)
                  for r in program if r.usable_now}
        out: list[nodes.Node] = []
        # OpenStack Powered first: the others build on it
        for program, rows in sorted(index_rows(repo).items(), key=lambda
                                    item: (item[0] != "OpenStack Powered",
                                           item[0])):
            self.depend([g.file for _, g in rows])
            table_rows = []
            for page, g in rows:
                if is_baseline(g):  # no page here: the original is one
                    url = original_url(g)
                    ref = nodes.reference(str(g.id), str(g.id), refuri=url) \
                        if is_safe_url(url) else nodes.inline(text=str(g.id))
                else:
                    ref = self.doc_ref(page, g.id)
                use = "yes" if id(g) in usable else "no"
                table_rows.append([para(ref),
                                   g.status,
                                   g.metadata.approval.target_approval
                                   if g.metadata and g.metadata.approval
                                   else "", use, self.packet_refs(page, g)])
            out.append(render.section(program, f"index-{program}", [
                render.table(["Guideline", "Status", "Target approval",
                              "May be used now", "Board packet"],
                             table_rows)]))
        return out

    def doc_ref(self, page: str, label: Any) -> nodes.Node:
        from sphinx import addnodes
        ref = addnodes.pending_xref(
            "", refdomain="std", reftype="doc", refexplicit=True,
            reftarget=f"/{self.config.interop_generated}/{page}")
        ref += nodes.inline(text=str(label))
        return ref

    def packet_refs(self, page: str, g: Any) -> Any:
        """The packet of a guideline awaiting a decision: page and PDF."""
        if g.status not in AWAITING:
            return ""
        refs: list[Any] = [self.doc_ref(f"{page}-packet", "packet")]
        if self.config.interop_packet_pdf:
            pdf = posixpath.relpath(f"{PDF_DIR}/{page}-packet.pdf",
                                    posixpath.dirname(self.env.docname))
            refs += [" · ", nodes.reference("PDF", "PDF", refuri=pdf,
                                            internal=True)]
        return para(*refs)


class ProfileDirective(FromRepository):
    """``.. interop-profile:: consumers/NAME.yaml``: a consumer profile,
    what it takes from which guideline, and each exclusion with its
    reason and decision; text from the profile is data, never markup."""

    required_arguments = 1
    option_spec = {"titled": directives.flag}

    def parts(self) -> list[nodes.Node]:
        from interop.docs.render import link, table
        from interop.refstack.profiles import load
        repo = self.repo()
        path = os.path.join(repo.root, self.arguments[0])
        self.depend([path])
        p = load(path, self.arguments[0])
        out: list[nodes.Node] = []
        if "titled" in self.options:
            section = nodes.section(ids=[nodes.make_id(p.id or "profile")])
            section += nodes.title(text=f"{p.id}: {p.name}" if p.name
                                   else p.id)
            out.append(section)
        needing = "no admin role" if p.credentials == "non-admin" \
            else "any credentials"
        body: list[nodes.Node] = [para(
            "Guideline ", Code(p.guideline), f", target {p.target}: "
            f"the required tests, flagged ones left out, needing "
            f"{needing}; {len(p.exclude)} excluded by decision.")]
        if p.url:
            body.append(para("The consumer's standard: ", link(p.url)))
        body.append(table(["Excluded test", "Reason", "Decision"],
                          [[para(Code(e.test)), e.reason,
                            para(link(e.decision))] for e in p.exclude],
                          widths=[5, 4, 3]))
        shown = f"interop export scs {self.arguments[0]}"
        body.append(nodes.literal_block(shown, shown))
        if out:
            out[0].extend(body)
            return out
        return body
