"""A rebuild with nothing changed reads the configuration as unchanged:
no "The configuration has changed" line (the extension adds its static
folder when the configuration is read, not after Sphinx compared it)."""
import io

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from interop.tests.docs.sample import build, make_sample


def _status_of_a_rebuild(root):
    src = str(root / "doc" / "source")
    out = str(root / "doc" / "build")
    status = io.StringIO()
    with docutils_namespace():  # the environment is read as it starts
        app = Sphinx(src, src, out + "/html", out + "/doctrees", "html",
                     status=status, warning=io.StringIO())
    return app, status.getvalue()


def test_a_rebuild_with_no_change_keeps_the_configuration(tmp_path):
    root = make_sample(tmp_path)
    build(root)
    app, said = _status_of_a_rebuild(root)
    assert "loading pickled environment" in said  # the last build's
    assert "configuration has changed" not in said, said
    assert any(p.endswith("static") for p in app.config.html_static_path)
