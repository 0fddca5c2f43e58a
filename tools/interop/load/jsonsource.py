"""Reading published JSON, as strictly as the YAML reader reads sources.

``json.loads`` with hooks refuses duplicate keys (E121; the importer reads
them as JSON readers do instead, see :func:`load_json`), ``NaN`` or
``Infinity`` (E122), numbers too large to be finite (``1e400``, E114) and
integers beyond :data:`~interop.load.source.MAX_INT` (E116, before Python
converts them); after it, nothing a YAML source could not hold is let in:
more than :data:`~interop.load.source.MAX_VALUES` values (E117), nesting
deeper than :data:`~interop.load.source.MAX_DEPTH` (E109) and escaped lone
surrogates (E123).  Syntax errors are E120.  Each refusal is placed in the
file.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from interop.errors import DocPath, LoadError, Location
from interop.load.places import JsonPlaces
from interop.load.source import (
    MAX_DEPTH,
    MAX_INT,
    MAX_VALUES,
    load_yaml,
    read_text,
    shown_number,
    too_deep,
)


#: a key given twice, read as JSON readers read it: (document path of
#: the key, the value not kept, where the key stands)
Duplicate = tuple[DocPath, Any, Location]


def load_json_file(path: str, duplicates: list[Duplicate] | None = None
                   ) -> Any:
    return load_json(read_text(path), path, duplicates)


def load_json(text: str, path: str = "<string>",
              duplicates: list[Duplicate] | None = None) -> Any:
    """Read JSON, refusing duplicate keys and too-deep nesting.

    With a ``duplicates`` list, a key given twice in one object is read as
    JSON readers (and RefStack) read it, the last value kept, and each
    one is appended to the list instead of refused.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    pending: list[tuple[dict[str, Any], str, Any]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                if duplicates is None:
                    raise _DuplicateKey(key)
                pending.append((out, key, out[key]))
            out[key] = value
        return out

    try:
        tree = json.loads(text, object_pairs_hook=pairs,
                          parse_constant=_constant, parse_int=_integer,
                          parse_float=_real)
    except _Number as exc:
        line, col = _offset_place(text, _number_at(text, exc.token))
        raise LoadError(path, line, col, exc.code,
                        f"{shown_number(exc.token)} {exc.message}") from None
    except _NotFinite as exc:
        found = text.find(exc.name)
        line = text.count("\n", 0, found) + 1
        col = found - (text.rfind("\n", 0, found) + 1) + 1
        raise LoadError(path, line, col, "E122",
                        f"{exc.name} is not JSON: a guideline holds finite "
                        "numbers only") from None
    except _DuplicateKey as exc:
        line, col = _find_key(text, exc.key)
        raise LoadError(path, line, col, "E121",
                        f"duplicate key '{exc.key}': JSON readers would "
                        "silently keep only one") from None
    except json.JSONDecodeError as exc:
        raise LoadError(path, exc.lineno, exc.colno, "E120",
                        f"JSON syntax: {exc.msg}") from None
    except RecursionError:
        raise LoadError(path, 1, 1, "E109",
                        "JSON nested too deeply to read") from None
    _json_bounds(tree, text, path)
    if pending and duplicates is not None:
        duplicates.extend(_placed(tree, text, pending))
    return tree


# json.loads' hooks for numbers: they need nothing of one call, so they
# live here, not as closures in load_json

def _constant(name: str) -> Any:
    raise _NotFinite(name)


def _integer(token: str) -> int:
    # the length first: int() of a long token is slow, then refused
    if len(token) > _INT_DIGITS or abs(int(token)) > MAX_INT:
        raise _Number(token, "E116", f"is beyond ±{MAX_INT:,}, more "
                      "than a guideline can mean")
    return int(token)


def _real(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _Number(token, "E114", "is too large to be a finite "
                      "number, which JSON readers need")
    return value


def _placed(tree: Any, text: str,
            pending: list[tuple[dict[str, Any], str, Any]]
            ) -> list[Duplicate]:
    """Each duplicate at its key's path.  A duplicate inside a value that
    was itself not kept has no path, and is left out: the value it is in
    is recorded whole, as JSON readers read it."""
    paths: dict[int, DocPath] = {}
    stack: list[tuple[Any, DocPath]] = [(tree, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            paths[id(node)] = where
            stack.extend((v, where + (k,)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, where + (i,)) for i, v in enumerate(node))
    places = JsonPlaces(text)
    out = []
    for owner, key, value in pending:
        if id(owner) in paths:
            where = paths[id(owner)] + (key,)
            out.append((where, value, places.loc(where)))
    return sorted(out, key=lambda d: (d[2].line, d[2].col))


def _json_bounds(tree: Any, text: str, path: str) -> None:
    """Refuse what a YAML source could not hold either, so that nothing
    read here is imported into a source the reader refuses: nesting deeper
    than MAX_DEPTH (E109) and lone surrogates, escapes such as ``\\ud800``
    that stand for no character and cannot be written as UTF-8 (E123)."""
    if _within_bounds(tree):
        many = deep = None  # the common case: one walk, not two
    else:
        many = _too_many(tree)
        deep = too_deep(tree) if many is None else None
    if many is not None:
        loc = JsonPlaces(text).loc(many, key=False)
        raise LoadError(path, loc.line or 1, loc.col or 1, "E117",
                        f"more than {MAX_VALUES:,} values in one document")
    if deep is not None:
        loc = JsonPlaces(text).loc(deep, key=False)
        raise LoadError(path, loc.line or 1, loc.col or 1, "E109",
                        f"nested deeper than {MAX_DEPTH} levels")
    if _SURROGATE.search(text) is None:
        return
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            words = [*node, *(v for v in node.values() if isinstance(v, str))]
            stack.extend(node.values())
        elif isinstance(node, list):
            words = [v for v in node if isinstance(v, str)]
            stack.extend(node)
        else:
            words = [node] if isinstance(node, str) else []
        if any(_lone(w) for w in words):
            found = _LONE.search(text)
            line, col = _offset_place(text, found.start() if found else 0)
            raise LoadError(path, line, col, "E123",
                            "an escaped lone surrogate (\\ud800 to \\udfff "
                            "not in a pair) stands for no character")


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}"
                   r"(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
                   r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})"
                   r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _lone(word: str) -> bool:
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _offset_place(text: str, offset: int) -> tuple[int, int]:
    return (text.count("\n", 0, offset) + 1,
            offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _within_bounds(tree: Any) -> bool:
    """Whether the tree holds at most MAX_VALUES values and nothing
    nested deeper than MAX_DEPTH: both bounds in one walk (which of them
    fails, and where, is worked out only when one does)."""
    if not isinstance(tree, (dict, list)):
        return True
    count, stack = 1, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(node, dict):
            count += 2 * len(node)
            values: Any = node.values()
        else:
            count += len(node)
            values = node
        if count > MAX_VALUES:
            return False
        stack.extend((v, depth + 1) for v in values
                     if isinstance(v, (dict, list)))
    return True


def _too_many(tree: Any) -> DocPath | None:
    """The path of the container in which the document passes
    MAX_VALUES values (keys, scalars, containers), or None."""
    # counts only on the way (this runs on every JSON file read); the
    # path is found once the bound is passed
    if not isinstance(tree, (dict, list)):
        return None
    count, stack = 1, [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            count += 2 * len(node)
            values: Any = node.values()
        else:
            count += len(node)
            values = node
        if count > MAX_VALUES:
            return _path_to(tree, node)
        stack.extend(v for v in values if isinstance(v, (dict, list)))
    return None


def _path_to(tree: Any, target: Any) -> DocPath:
    """The path of a container of the tree (found by identity)."""
    stack: list[tuple[Any, DocPath]] = [(tree, ())]
    while stack:
        node, where = stack.pop()
        if node is target:
            return where
        items = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend((v, (*where, k)) for k, v in items
                     if isinstance(v, (dict, list)))
    return ()  # pragma: no cover - the target is in the tree


#: digits and sign of the longest integer up to MAX_INT
_INT_DIGITS = len(str(MAX_INT)) + 1
_NUMBER = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*')


def _number_at(text: str, token: str) -> int:
    """The offset of the first number ``token`` outside strings."""
    for found in _NUMBER.finditer(text):
        if found[0] == token:
            return found.start()
    return 0  # pragma: no cover - the token came from this text


class _Number(Exception):
    def __init__(self, token: str, code: str, message: str) -> None:
        super().__init__(token)
        self.token, self.code, self.message = token, code, message


class _NotFinite(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _find_key(text: str, key: str) -> tuple[int, int]:
    """Where the duplicate stands: JSON is YAML, so let the YAML reader,
    which tracks positions, find it."""
    try:
        load_yaml(text.replace("\t", " "))
    except LoadError as exc:
        if exc.finding.code == "E106":
            return exc.finding.line, exc.finding.col
    return 1, 1
