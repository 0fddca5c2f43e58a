"""Sphinx configuration for the interoperability guidelines site."""
project = "OpenStack Interoperability Guidelines"
copyright = "the Interop Working Group and contributors; Apache-2.0"
extensions = ["interop.sphinxext"]
exclude_patterns = []
# furo: a theme made for reading long reference pages, with a content
# column that scales from a phone to a wide screen, a print style that
# drops the navigation, light and dark modes, and nothing to configure;
# openstackdocstheme would give the OpenStack look but pulls in
# OpenStack's release tooling (pbr, os-api-ref styles) for no gain here.
# Without furo installed (pip install 'interop[docs]'), the build falls
# back to Sphinx's own theme rather than fail.
try:
    import furo  # noqa: F401
    html_theme = "furo"
except ImportError:
    html_theme = "alabaster"


def setup(app):
    # The theme set up now, not when the HTML builder starts: its option
    # (pygments_dark_style) then exists when Sphinx compares this
    # configuration with the last build's, and a rebuild with no change
    # does not say "The configuration has changed".  (furo refuses to be
    # listed in ``extensions``.)
    if html_theme == "furo":
        app.setup_extension("furo")
html_title = "OpenStack Interoperability Guidelines"
nitpicky = True
highlight_language = "yaml"
# Guideline text is shown exactly as written: no typographic quotes.
smartquotes = False
