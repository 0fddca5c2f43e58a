"""How people change guidelines: git revisions, the semantic diff and the
review of a change, import, release and next, scaffolding a program, and
comment-keeping edits of source files.

Reads every stage below (load, publish, scoring, checks); docs and the CLI
call it."""
