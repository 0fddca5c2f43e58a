"""The way in: guideline sources (YAML) and published JSON (schemas 1.2
to 2.0) read strictly, every value with its file, line and column.

Reads files; builds :mod:`interop.model`.  Everything above reads through
here; nothing here imports a later stage."""
