"""A small sample repository with its Sphinx project, for the extension's
tests and the browser test."""
import io
import json

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.tests.conftest import copy_criteria

INJECTION = ("Create a server. .. raw:: html <script>alert('x')</script> "
             "**bold** :ref:`nothing` <b>bold</b>")


def make_sample(tmp_path):
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
