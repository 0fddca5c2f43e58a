"""Core Criteria sets and the per-program scoring sheets: loading them,
totalling a capability against the cutoff, and the tables made from them.

Reads sources through :mod:`interop.load`; the repository, checks, docs and
the CLI read it."""
