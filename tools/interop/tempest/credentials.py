"""Which credentials a test class asks Tempest for.

Tempest allocates, before a class runs, the credentials its ``credentials``
attribute lists (``['primary', 'admin']``); the attribute is inherited, so
a plugin's base class that lists ``admin`` makes every test under it need
admin credentials.  Only the imported class knows the inherited value, so
the classes are imported in a subprocess (as discovery imports them) and
their lists written out as text: a plain name (``primary``,
``project_reader``) or, for Tempest's ``[name, role, ...]`` form,
``name[role,...]``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable

#: run with the class paths on stdin, one a line; prints
#: {class path: [credential, ...]} for the classes it could import
SCRIPT = r"""
import importlib, json, sys
out = {}
for line in sys.stdin:
    dotted = line.strip()
    module, _, name = dotted.rpartition(".")
    try:
        cls = getattr(importlib.import_module(module), name)
    except Exception:
        continue
    found = getattr(cls, "credentials", None)
    if not isinstance(found, (list, tuple)):
        continue
    creds = []
    for item in found:
        if isinstance(item, str):
            creds.append(item)
        elif isinstance(item, (list, tuple)) and item and \
                all(isinstance(x, str) for x in item):
            creds.append(f"{item[0]}[{','.join(item[1:])}]")
    out[dotted] = creds
sys.stdout.write("\n" + MARK + json.dumps(out) + "\n")
"""
#: what precedes the answer: importing test modules may print
MARK = "@@interop-credentials@@"


def of_classes(site: str, classes: Iterable[str]) -> dict[str, list[str]]:
    """Class path -> its credentials, for the classes that import."""
    wanted = sorted(set(classes))
    if not wanted:
        return {}
    run = subprocess.run(
        [sys.executable, "-c", f"MARK = {MARK!r}\n" + SCRIPT],
        input="\n".join(wanted) + "\n",
        capture_output=True, text=True, timeout=300, cwd=site,
        env=dict(os.environ, PYTHONHASHSEED="0"))
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["failed"])[-1]
        raise RuntimeError(f"reading test credentials failed: {last}")
    _, found, answer = run.stdout.rpartition(MARK)
    data = json.loads(answer) if found else {}
    return {k: [str(c) for c in v] for k, v in data.items()
            if isinstance(v, list)}


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
    return any(is_admin(c) for c in credentials or ())


def second_user(credentials: Iterable[str] | None) -> bool:
    """Whether the credentials ask for a second ordinary user, Tempest's
    ``alt`` (``alt``, ``project_alt_member``): a test of two users' view
    of each other.  Reader and member personas of the same project are
    roles of the primary's kind, not a second user."""
    for c in credentials or ():
        name, _ = _split(c)
        if not is_admin(c) and (name == "alt" or "_alt" in name):
            return True
    return False
