"""The way out to files: the model compiled to canonical published JSON
(schema 2.0), the published schema, the drift check of committed files, and
the model written back as YAML source.

Reads the model, the repository and the loaders; checks, workflow and docs
call it."""
