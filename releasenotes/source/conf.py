"""Sphinx configuration of the release notes (reno)."""
project = "OpenStack Interoperability Guidelines: release notes"
copyright = "the Interop Working Group and contributors; Apache-2.0"
extensions = ["reno.sphinxext"]
html_theme = "alabaster"
exclude_patterns = []
