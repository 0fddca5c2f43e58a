"""Sphinx configuration for the interoperability guidelines site."""
project = "OpenStack Interoperability Guidelines"
copyright = "the Interop Working Group and contributors; Apache-2.0"
extensions = ["interop.sphinxext"]
exclude_patterns = []
html_theme = "alabaster"
nitpicky = True
highlight_language = "yaml"
# Guideline text is shown exactly as written: no typographic quotes.
smartquotes = False
