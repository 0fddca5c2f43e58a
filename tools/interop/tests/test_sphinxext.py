"""The Sphinx extension on a small sample repository: pages, packets,
changes, safe rendering, and incremental rebuilds."""
import io
import json
import os
import shutil

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.tests.conftest import ROOT

INJECTION = ("Create a server. .. raw:: html <script>alert('x')</script> "
             "**bold** :ref:`nothing` <b>bold</b>")


@pytest.fixture
def sample(tmp_path):
    shutil.copytree(os.path.join(ROOT, "criteria"), tmp_path / "criteria",
                    ignore=shutil.ignore_patterns("scoring"))
    (tmp_path / "guidelines").mkdir()
    # next promotes compute-flavors-list and carries hostile text
    text = BASE.replace("description: Create a server.",
                        "description: " + json.dumps(INJECTION)).replace(
        "      required: [compute-servers-create]",
        "      required: [compute-servers-create, compute-flavors-list]")
    text = text.replace("designated_sections:\n  nova:", """\
  compute-flavors-list:
    project: nova
    admin: false
    description: List flavors.
    achievements: [atomic, clients, complete, deployed, discover, doc,
                   future, stable, sticky]
    tests:
      a.FlavorsTest.test_list_flavors: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59
designated_sections:
  nova:""")
    (tmp_path / "guidelines" / "next.yaml").write_text(text)
    (tmp_path / "guidelines" / "2026.06.yaml").write_text(PREVIOUS)
    src = tmp_path / "doc" / "source"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['interop.sphinxext']\ninterop_root = '../..'\n"
        "smartquotes = False\n")
    (src / "index.rst").write_text(
        "Sample\n======\n\n.. toctree::\n\n   generated/index\n")
    return tmp_path


def build(root, events=None, warnings=None):
    """Build the sample's docs with warnings as errors; return the HTML
    folder (or, with ``warnings``, the build's status and warnings)."""
    src = str(root / "doc" / "source")
    out = str(root / "doc" / "build")
    stream = io.StringIO()
    with docutils_namespace():  # one process, several builds: as Sphinx's
        app = Sphinx(src, src, out + "/html",  # own test fixtures do
                     out + "/doctrees", "html", status=None,
                     warning=stream, warningiserror=True)
        for name, handler in (events or {}).items():
            app.connect(name, handler)
        app.build()
    if warnings is not None:
        return app.statuscode, stream.getvalue()
    assert (app.statuscode, stream.getvalue()) == (0, ""), stream.getvalue()
    return root / "doc" / "build" / "html"


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
    assert "2 required capabilities, 2 tests." in packet


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
