"""Tempest and its plugins as the source of tests: an index of the tests
installed (names, ids, locations) and ``interop tests verify``.

Reads installed packages and the model; checks findings come out.  The CLI
calls it."""
