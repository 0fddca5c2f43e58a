"""The canonical JSON text of a published guideline, written quickly.

The canonical text is ``json.dumps(document, indent=2,
ensure_ascii=False)`` and a newline.  With an indent, the standard library
leaves its C encoder for a pure-Python one built of nested generators,
which takes a third of compiling a large guideline.  :func:`dumps` writes
the same bytes with one flat function and the C string encoder; anything
it does not know (a key that is not text, a value of another type) is
left to ``json.dumps`` itself, so the text never differs.
``tests/test_compile.py`` holds the two to the same output.
"""
from __future__ import annotations

import json
import json.encoder
from typing import Any

_string = json.encoder.encode_basestring  # the C encoder where built


class _Unknown(Exception):
    """A value this writer leaves to json.dumps."""


def dumps(document: Any) -> str:
    """``json.dumps(document, indent=2, ensure_ascii=False) + "\\n"``."""
    out: list[str] = []
    try:
        _write(document, "\n", out)
    except (_Unknown, RecursionError):
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    out.append("\n")
    return "".join(out)


def _write(value: Any, newline: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unknown
            out.append(sep + _string(key) + ": ")
            _write(item, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _write(item, inner, out)
            sep = "," + inner
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    else:  # floats (repr and the non-finite spellings), tuples, the rest
        raise _Unknown
