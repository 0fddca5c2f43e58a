"""The installed test suite as the programs that run a guideline need it:
its runtime ids (``tempest run --list-tests``) and which tests need an
admin role.  A front-end hands it to :mod:`interop.refstack.runtime`,
which needs no Tempest of its own.

Both are read from the user's cache, never the checkout's: a change
could commit a forged index or listing there (doc/source/security.rst).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interop.tempest.listing import Listing


class InstalledSuite:
    """The suite installed here, read when first asked."""

    def listing(self) -> Listing:
        """The runtime ids of every installed test."""
        from interop.tempest import index, listing
        return listing.load(index.cache_folder())

    def admin_of(self) -> Callable[[str], bool | None]:
        """A function of a runtime name: whether its test needs an admin
        role, None when the index does not know."""
        from interop.tempest import index
        tests = index.load(index.cache_folder()).tests

        def admin_of(name: str) -> bool | None:
            test = tests.get(name)
            if test is None or (test.credentials is None and
                                not test.os_admin):
                return None
            return bool(test.needs_admin)
        return admin_of

