"""What a test's credentials mean: an administrator's, or a second
ordinary user (Tempest's ``alt``).

A credentials list is what a Tempest test class asks for, as the index
and the committed test locks record it: a plain name (``primary``,
``project_reader``) or, for Tempest's ``[name, role, ...]`` form,
``name[role,...]``.  The tempest stage (which reads the classes) and the
docs stage (which reads the committed locks) both classify here, so that
"needs admin" and "needs a second user" mean one thing everywhere.
"""
from __future__ import annotations

from collections.abc import Iterable


def _split(credential: str) -> tuple[str, list[str]]:
    name, _, roles = credential.partition("[")
    return name, [r for r in roles.rstrip("]").split(",") if r]


def is_admin(credential: str) -> bool:
    """Whether a credential is an administrator's: ``admin``, a persona
    ending in ``_admin`` (``project_admin``, ``system_admin``), or a
    named user given the admin role."""
    name, roles = _split(credential)
    return name == "admin" or name.endswith("_admin") or "admin" in roles


def needs_admin(credentials: Iterable[str] | None) -> bool:
    """Whether any of the credentials is an administrator's."""
    return any(is_admin(c) for c in credentials or ())


def second_user(credentials: Iterable[str] | None) -> bool:
    """Whether the credentials ask for a second ordinary user, Tempest's
    ``alt`` (``alt``, ``project_alt_member``, ``operator_alt[member]``): a
    test of two users' view of each other.  Reader and member personas of
    the same project are roles of the primary's kind, not a second user."""
    for c in credentials or ():
        name, _ = _split(c)
        if not is_admin(c) and (name == "alt" or "_alt" in name):
            return True
    return False
