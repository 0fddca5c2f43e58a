"""The way out to the Board: reStructuredText pages of a guideline, its
decision packet (HTML and PDF) and the index.

Reads the repository, compiled documents, findings, scores and diffs; the
Sphinx extension (:mod:`interop.sphinxext`) and the CLI call it."""
