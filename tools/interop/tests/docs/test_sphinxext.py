"""The Sphinx extension on a small sample repository: pages, packets,
changes, safe rendering, and incremental rebuilds."""
import os
import re

import pytest


from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from interop.tests.checks.helpers import PREVIOUS
from interop.tests.docs.sample import build, make_sample


@pytest.fixture
def sample(tmp_path):
    return make_sample(tmp_path)


def test_pages_packets_and_index(sample):
    html = build(sample)
    generated = sorted(os.listdir(html / "generated"))
    assert "powered-next.html" in generated
    assert "powered-next-packet.html" in generated
    assert "powered-2026.06.html" in generated
    assert "powered-2026.06-packet.html" not in generated  # approved
    page = (html / "generated" / "powered-next.html").read_text()
    assert "interop-required" in page  # the required capabilities table
    assert "compute-flavors-list promoted advisory → required" in page
    index = (html / "generated" / "index.html").read_text()
    assert 'href="powered-next.html"' in index
    packet = (html / "generated" / "powered-next-packet.html").read_text()
    assert "2 required" in packet  # its summary (test_packet has more)


def test_guideline_text_is_never_markup(sample):
    html = build(sample)
    page = (html / "generated" / "powered-next.html").read_text()
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "**bold**" in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert ".. raw:: html" in page


def test_changing_one_guideline_rebuilds_only_what_shows_it(sample):
    build(sample)
    source = sample / "guidelines" / "next.yaml"
    source.write_text(source.read_text().replace("List flavors.",
                                                 "List the flavors."))
    read = []
    build(sample, {"env-before-read-docs":
                   lambda app, env, docnames: read.extend(docnames)})
    assert "generated/powered-next" in read
    assert "generated/powered-2026.06" not in read
    assert "index" not in read


def test_a_broken_source_is_a_located_build_error(sample):
    (sample / "guidelines" / "next.yaml").write_text("a: [\n")
    status, warnings = build(sample, warnings=True)
    assert status == 1
    assert "guidelines/next.yaml:2:1: E105 YAML syntax" in warnings


def test_board_packet_as_pdf(root, tmp_path):
    pytest.importorskip("rst2pdf", reason="rst2pdf (docs extra) not "
                        "installed")
    from interop.docs.packet import write_pdf
    from interop.repository import Repository
    out = tmp_path / "next-packet.pdf"
    write_pdf(Repository(root), "guidelines/next.yaml", str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5000
    assert os.listdir(tmp_path) == ["next-packet.pdf"]  # nothing left over


def test_a_directive_that_cannot_read_is_a_located_warning(sample):
    """A hand-written page naming a missing guideline, and a guideline
    that does not compile (an unknown criteria set): each a warning
    naming the file and place, never a traceback."""
    src = sample / "doc" / "source"
    (src / "extra.rst").write_text(
        "Extra\n=====\n\n.. toctree::\n\n\n"
        ".. interop-guideline:: guidelines/missing.yaml\n")
    source = sample / "guidelines" / "next.yaml"
    source.write_text(source.read_text().replace("scoring: core",
                                                 "scoring: croe"))
    status, warnings = build(sample, warnings=True)
    assert status == 1
    assert "Traceback" not in warnings
    assert "extra.rst:7: WARNING: interop-guideline: " in warnings
    assert "guidelines/missing.yaml" in warnings
    assert "E130 criteria set 'croe' is not defined" in warnings


def test_pages_and_packets_show_the_approval_chain(sample):
    # a hostile reference in the draft's chain: shown, never a link
    source = sample / "guidelines" / "next.yaml"
    text = re.sub(r"(    releases: \[.*\]\n)", lambda found: found[1] + (
        "  approvals:\n    - by: working-group\n      date: \"2026-11-20\"\n"
        "      reference: javascript:alert(1)\n"), source.read_text(),
        count=1)
    assert "javascript:alert(1)" in text
    source.write_text(text)
    html = build(sample)
    approved = (html / "generated" / "powered-2026.06.html").read_text()
    assert "Approval chain" in approved and "Board of Directors" in approved
    assert 'href="https://example.org/board/2026-06-10"' in approved
    assert "2026-05-20" in approved  # the Working Group, before it
    packet = (html / "generated" / "powered-next-packet.html").read_text()
    page = (html / "generated" / "powered-next.html").read_text()
    for shown in (packet, page):
        assert "Approval chain" in shown and "javascript:alert(1)" in shown
        assert 'href="javascript' not in shown


def test_may_be_used_now_only_after_the_board_vote(monkeypatch):
    from interop.series import usable_now
    from interop.tests.checks.helpers import OLDER, guideline
    older = guideline(OLDER, "guidelines/2025.12.yaml")
    previous = guideline(PREVIOUS, "guidelines/2026.06.yaml")
    later = guideline(PREVIOUS.replace('"2026.06"', '"2026.12"').replace(
        "2026-06-10", "2026-12-15"), "guidelines/2026.12.yaml")
    unrecorded = guideline(PREVIOUS.replace(
        "    - by: board\n", "    - by: working-group\n"),
        "guidelines/2026.09.yaml")
    everything = [older, previous, later, unrecorded]
    # 2026-12-01: 2026.12's vote is still to come
    assert usable_now(everything) == [previous, older]
    monkeypatch.setenv("INTEROP_TODAY", "2026-12-15")
    assert usable_now(everything) == [later, previous]
    # an imported guideline is dated by its name
    older.metadata.approvals = None
    older.imported = {"file": "2025.12.json"}
    monkeypatch.setenv("INTEROP_TODAY", "2026-07-01")
    assert usable_now(everything) == [previous, older]


def _parallel_build(sample, events):
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace
    src = str(sample / "doc" / "source")
    out = str(sample / "doc" / "build")
    with docutils_namespace():
        app = Sphinx(src, src, out + "/html", out + "/doctrees", "html",
                     status=None, warning=None, parallel=2)
        for name, handler in events.items():
            app.connect(name, handler)
        app.build()
    return app


def test_the_state_is_a_domain_merged_from_parallel_readers(sample):
    """Issue 30: the documents read are noted by the reader of each one
    (a worker process in a parallel build) and merged into the build's
    domain, as sphinx.ext.todo keeps its todos; a later build that reads
    nothing notes nothing."""
    from interop import sphinxext
    src = sample / "doc" / "source"
    for i in range(8):  # enough documents for Sphinx to read in parallel
        (src / f"extra{i}.rst").write_text(f":orphan:\n\nExtra {i}\n=====\n")
    pids = sample / "pids"
    wanted, seen = [], {}

    def note_pid(app, doctree):
        with open(pids, "a") as handle:
            handle.write(f"{os.getpid()}\n")

    def finished(app, exception):
        seen["read"] = app.env.get_domain("interop").read()
    _parallel_build(sample, {
        "env-before-read-docs": lambda app, env, names: wanted.extend(names),
        "doctree-read": note_pid, "build-finished": finished})
    assert len(set(pids.read_text().split())) > 1  # workers read them
    assert seen["read"] == set(wanted) and "extra3" in wanted
    # nothing of it lives in the module: no dict of builds, no repository
    assert not [name for name, value in vars(sphinxext).items()
                if name.isupper() and isinstance(value, dict)]
    wanted.clear()
    _parallel_build(sample, {"build-finished": finished})
    assert seen["read"] == set()


def test_the_domain_forgets_a_cleared_document(sample):
    seen = {}

    def finished(app, exception):
        domain = app.env.get_domain("interop")
        domain.clear_doc("index")
        seen["read"] = domain.read()
        other = {"read": {"a", "b"}}
        domain.merge_domaindata(["a"], other)
        seen["merged"] = domain.read()
    build(sample, {"build-finished": finished})
    assert "index" not in seen["read"] and "generated/index" in seen["read"]
    assert seen["merged"] == seen["read"] | {"a"}
