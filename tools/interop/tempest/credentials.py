"""Which credentials a test class asks Tempest for.

Tempest allocates, before a class runs, the credentials its ``credentials``
attribute lists (``['primary', 'admin']``); the attribute is inherited, so
a plugin's base class that lists ``admin`` makes every test under it need
admin credentials.  Only the imported class knows the inherited value, so
the classes are imported in a subprocess (as discovery imports them, by
:mod:`interop.tempest.probe`) and their lists written out as text: a
plain name (``primary``, ``project_reader``) or, for Tempest's ``[name,
role, ...]`` form, ``name[role,...]``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable

from interop.load.credentials import is_admin, needs_admin, second_user
from interop.tempest.probe import FOLDER_MARK, MARK

#: what a credentials list means is decided in one place (the docs stage
#: reads the committed locks with it too); named here for the index
__all__ = ["is_admin", "needs_admin", "second_user", "discovery",
           "environment", "listings", "of_classes", "split"]

#: the folder that holds the ``interop`` package, which the probe's
#: process must import from (an editable install or a checkout alike)
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def environment() -> dict[str, str]:
    """The environment a probe runs in: this one, with the package
    importable and string hashing fixed (discovery's order stays put)."""
    path = os.environ.get("PYTHONPATH")
    return dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=_PACKAGE_ROOT
                + (os.pathsep + path if path else ""))


def discovery(site: str, folders: str | list[str]) -> list[str]:
    """The command that lists the tests of folders (under one site) and
    their classes' credentials (see :func:`split` and :func:`listings`;
    run it with :func:`environment`)."""
    folders = [folders] if isinstance(folders, str) else list(folders)
    return [sys.executable, "-m", "interop.tempest.probe", "discover",
            site, *folders]


def listings(listing: str) -> dict[str, tuple[str, int, str]]:
    """Folder -> (its listing, discovery's exit code, the last line of
    what it said) of the listing part of :func:`discovery`'s output."""
    out: dict[str, tuple[str, int, str]] = {}
    rest = listing
    while FOLDER_MARK in rest:
        text, _, rest = rest.partition(FOLDER_MARK)
        line, _, rest = rest.partition("\n")
        try:
            said = json.loads(line)
            out[str(said["folder"])] = (text, int(said["code"] or 0),
                                        str(said["error"]))
        except (ValueError, KeyError, TypeError):
            break
    return out


def split(stdout: str) -> tuple[str, dict[str, list[str]]]:
    """(the discovery's listing, class path -> credentials) of the output
    of :func:`discovery`; no credentials when they are missing."""
    listing, found, answer = stdout.rpartition(MARK)
    if not found:
        return stdout, {}
    try:
        data = json.loads(answer)
    except ValueError:
        return listing, {}
    return listing, {k: [str(c) for c in v] for k, v in data.items()
                     if isinstance(v, list)} if isinstance(data, dict) \
        else {}


def of_classes(site: str, classes: Iterable[str]) -> dict[str, list[str]]:
    """Class path -> its credentials, for the classes that import."""
    wanted = sorted(set(classes))
    if not wanted:
        return {}
    run = subprocess.run(
        [sys.executable, "-m", "interop.tempest.probe", "classes", *wanted],
        capture_output=True, text=True, timeout=300, cwd=site,
        env=environment())
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["failed"])[-1]
        raise RuntimeError(f"reading test credentials failed: {last}")
    return split(run.stdout)[1]
