"""Run in a subprocess: list a folder's tests and read the credentials
their classes ask for, in the process that imported them.

``python -m interop.tempest.probe discover SITE FOLDER...`` prints, for
each folder, testtools' discovery listing (as ``python -m testtools.run
discover -t SITE -s FOLDER --list`` does) followed by a line
:data:`FOLDER_MARK` ``{"folder", "code", "error"}``, and then, after
:data:`MARK`, the credentials of the listed tests' classes as JSON
``{class path: [credential, ...]}``.  One process for many folders
imports Tempest and the libraries the plugins share once.  ``python
-m interop.tempest.probe classes NAME...`` prints only the credentials of
the named classes.  A credential is a plain name (``primary``) or, for
Tempest's ``[name, role, ...]`` form, ``name[role,...]``.

Importing test modules may print anything, hence the mark; this module
imports nothing of the package, so that the subprocess imports only what
discovery would.  :mod:`interop.tempest.credentials` runs it.
"""
from __future__ import annotations

import importlib
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

#: what precedes the credentials in the output
MARK = "@@interop-credentials@@"
#: what ends each folder's listing
FOLDER_MARK = "@@interop-folder@@"


def credentials_of(names: Iterable[str]) -> dict[str, list[str]]:
    """Class path -> its credentials, for the classes that import."""
    out = {}
    for dotted in sorted(set(names)):
        module, _, name = dotted.rpartition(".")
        try:
            cls = getattr(importlib.import_module(module), name)
        except Exception:  # a class that does not import has none known
            continue
        found = getattr(cls, "credentials", None)
        if isinstance(found, (list, tuple)):
            out[dotted] = [c for c in map(_credential, found) if c]
    return out


def _credential(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, (list, tuple)) and item and \
            all(isinstance(x, str) for x in item):
        return f"{item[0]}[{','.join(item[1:])}]"
    return None


def discover(site: str, folder: str) -> tuple[int, str, str]:
    """(exit code, listing, the last line said) of testtools' discovery
    of ``folder``; what discovery says on stderr is kept per folder."""
    from testtools import run
    listed, errors = io.StringIO(), io.StringIO()
    code = 0
    stderr, sys.stderr = sys.stderr, errors
    try:
        run.main(["testtools.run", "discover", "-t", site, "-s", folder,
                  "--list"], listed)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception as exc:  # a folder that cannot be discovered
        code, errors = 1, io.StringIO(f"{type(exc).__name__}: {exc}")
    finally:
        sys.stderr = stderr
    text = listed.getvalue()
    last = (errors.getvalue().strip().splitlines()
            or text.strip().splitlines() or ["failed"])[-1]
    return code, text, last


def main(argv: Sequence[str]) -> int:
    names: list[str] = []
    if len(argv) >= 3 and argv[0] == "discover":
        site = argv[1]
        for folder in argv[2:]:
            code, text, last = discover(site, folder)
            sys.stdout.write(text + "\n" + FOLDER_MARK + json.dumps(
                {"folder": folder, "code": code, "error": last}) + "\n")
            names += [line.split("[", 1)[0].rsplit(".", 1)[0]
                      for line in text.splitlines() if "." in line]
    elif argv and argv[0] == "classes":
        names = list(argv[1:])
    else:
        sys.stderr.write("usage: python -m interop.tempest.probe "
                         "discover SITE FOLDER... | classes NAME...\n")
        return 2
    sys.stdout.write("\n" + MARK + json.dumps(credentials_of(names)) + "\n")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
