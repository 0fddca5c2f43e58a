"""A small sample repository with its Sphinx project, for the extension's
tests and the browser test: the Powered draft (with a scoring sheet, a
candidate left out and hostile text) after an approved guideline, and the
DNS add-on's draft in ``review``."""
import io
import json
import os
import shutil

import pytest

from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.tests.conftest import ROOT, copy_criteria

INJECTION = ("Create a server. .. raw:: html <script>alert('x')</script> "
             "**bold** :ref:`nothing` <b>bold</b>")


#: the Powered draft's scoring sheet: its two capabilities and a candidate
#: left out, with a note saying why
SHEET = """\
program: powered
guideline: next
criteria: core
capabilities:
  compute-servers-create:
    admin: false
    marks: {atomic: 1, clients: 1, complete: 1, deployed: 1, discover: 1,
            doc: 1, foundation: 1, future: 1, proximity: 1, stable: 1,
            sticky: 1, tools: 1}
  compute-flavors-list:
    admin: false
    marks: {atomic: 1, clients: 1, complete: 1, deployed: 1, discover: 1,
            doc: 1, foundation: 0, future: 1, proximity: 1, stable: 1,
            sticky: 0, tools: 1}
    note: Promoted after one cycle as advisory.
    comments: {foundation: Nothing else needs the list of flavors.}
  compute-servers-pause:
    admin: false
    marks: {atomic: 1, clients: 1, complete: 0, deployed: 0, discover: 0,
            doc: 1, foundation: 0, future: 1, proximity: 1, stable: 1,
            sticky: 0, tools: 0}
    note: Left out, below the cutoff; few clouds allow pausing.
"""


def make_sample(tmp_path, sheet: str = SHEET):
    copy_criteria(tmp_path)
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
    sheets = tmp_path / "criteria" / "scoring"
    (sheets / "powered").mkdir(parents=True)
    (sheets / "powered" / "next.yaml").write_text(sheet)
    # the project's own DNS add-on draft, sent to the Board (review)
    (tmp_path / "add-ons" / "dns").mkdir(parents=True)
    text = open(os.path.join(ROOT, "add-ons", "dns", "next.yaml"),
                encoding="utf-8").read()
    assert "    status: draft\n" in text
    (tmp_path / "add-ons" / "dns" / "next.yaml").write_text(
        text.replace("    status: draft\n", "    status: review\n"))
    shutil.copytree(os.path.join(ROOT, "criteria", "scoring", "dns"),
                    sheets / "dns")
    src = tmp_path / "doc" / "source"
    src.mkdir(parents=True)
    # the project's own theme, so the browser sees what the Board sees
    conf = open(os.path.join(ROOT, "doc", "source", "conf.py"),
                encoding="utf-8").read()
    (src / "conf.py").write_text(conf + "\ninterop_root = '../..'\n")
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
