"""RefStack's test lists: the functions live in
:mod:`interop.publish.testlist`, a stage low enough for the checks (W019)
and the Board's documents to count required tests with the very function
``interop testlist`` runs; this module keeps the refstack stage's names.
"""
from interop.publish.testlist import (  # noqa: F401 (the stage's names)
    ADD_ON_TARGETS,
    LEGACY_COMPONENTS,
    PLATFORMS,
    PREFIX,
    TYPES,
    capabilities,
    schema_of,
    targets,
    test_list,
)

__all__ = ["ADD_ON_TARGETS", "LEGACY_COMPONENTS", "PLATFORMS", "PREFIX",
           "TYPES", "capabilities", "schema_of", "targets", "test_list"]
