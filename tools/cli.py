#!/usr/bin/env python3
"""The ``interop`` command from this checkout, without installing it:
``python tools/cli.py check`` is ``interop check`` run on the code beside
this file.  The repository's own pre-commit hooks use it, so that a
commit is checked by the tools of the same commit."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from interop.cli import main  # noqa: E402  (after the path is set)

if __name__ == "__main__":
    sys.exit(main())
