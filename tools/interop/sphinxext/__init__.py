"""Sphinx extension: documents generated from the repository's data
(``extensions = ["interop.sphinxext"]``).

``.. interop-rules::`` renders the rule catalogue from the rules
themselves (their codes, severities and docstrings), so the documentation
cannot drift from the code.  Text from rules and guidelines is data: it is
put into literal and paragraph nodes, never parsed as markup.

The modules: :mod:`.domain` keeps the state across documents,
:mod:`.generate` writes the generated pages before reading,
:mod:`.pages` and :mod:`.reference` hold the directives (a superseded
page's tables written to HTML when read by :mod:`.prerender`),
:mod:`.outputs` writes the PDFs (:mod:`.packets`) and the static API,
and :mod:`.navigation` gives furo the site's navigation resolved once.  The
pages themselves are built in :mod:`interop.docs`, the product listing
and the static API's files in :mod:`interop.refstack.listing` and
:mod:`interop.refstack.api`.
"""
from __future__ import annotations

from typing import Any

from interop import __version__
from interop.sphinxext.domain import (
    GENERATED,
    PDF_DIR,
    InteropDomain,
    begin_build,
    begin_reading,
    doctrees_on_disk,
    let_go,
)
from interop.sphinxext import navigation
from interop.sphinxext.generate import generate_pages
from interop.sphinxext.outputs import (
    add_static,
    write_api,
    write_packet_pdfs,
    write_packet_pdfs_first,
)
from interop.sphinxext.pages import (
    GuidelineDirective,
    IndexDirective,
    PacketDirective,
    PartDirective,
    ProductsDirective,
    ProfileDirective,
    RecertifyDirective,
)
from interop.sphinxext.reference import (
    CliDirective,
    CriteriaDirective,
    ProcessRulesDirective,
    RulesDirective,
    count_role,
    known_codes,
)

__all__ = ["GENERATED", "PDF_DIR", "InteropDomain", "known_codes", "setup"]


def setup(app: Any) -> dict[str, Any]:
    # the guideline repository, relative to the Sphinx project's source
    # folder; and the folder of that project the generated pages go in
    app.add_config_value("interop_root", "../..", "env", [str])
    # the Gerrit change a build is for (the packet links it); the
    # INTEROP_CHANGE_URL environment variable gives it when this is unset
    app.add_config_value("interop_change_url", "", "env", [str])
    app.add_config_value("interop_packet_pdf", True, "env", [bool])
    app.add_css_file("interop.css")
    app.connect("config-inited", add_static)
    app.add_domain(InteropDomain)
    app.connect("env-before-read-docs", begin_reading)
    app.connect("env-before-read-docs", doctrees_on_disk)
    # in this order (Sphinx calls a priority's listeners as connected):
    # the API, then what the pages needed is let go, then the PDFs that
    # were not written first
    app.connect("build-finished", write_api)
    app.connect("build-finished", let_go)
    app.connect("build-finished", write_packet_pdfs)
    app.add_directive("interop-products", ProductsDirective)
    app.add_directive("interop-recertify", RecertifyDirective)
    app.add_config_value("interop_generated", GENERATED, "env", [str])
    app.add_directive("interop-rules", RulesDirective)
    app.add_directive("interop-criteria", CriteriaDirective)
    app.add_directive("interop-cli", CliDirective)
    app.add_directive("interop-guideline", GuidelineDirective)
    app.add_directive("interop-packet", PacketDirective)
    app.add_directive("interop-guidelines", IndexDirective)
    app.add_directive("interop-process-rules", ProcessRulesDirective)
    app.add_role("interop-count", count_role)
    app.add_directive("interop-profile", ProfileDirective)
    for part in ("capabilities", "tests", "sections", "scores", "changes",
                 "conflicts"):
        app.add_directive(f"interop-{part}", PartDirective)
    # the PDFs first, while the build is small (.packets); then the pages
    app.connect("builder-inited", begin_build)
    app.connect("builder-inited", write_packet_pdfs_first)
    app.connect("builder-inited", generate_pages)
    # furo's navigation resolved once per build, not once per page
    navigation.connect(app)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True}
