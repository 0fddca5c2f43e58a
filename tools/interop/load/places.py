"""Where the values of a JSON text stand, worked out only where asked.

A finding on a published JSON file is placed by its path.  Reading the
whole file a second time to record every place (as the YAML reader does for
sources) costs more than every rule together, so :class:`JsonPlaces`
indexes a container only when a path goes through it, and skips the
values it does not enter with the json module's C scanner.  Strings are
decoded by that scanner too, so keys match ``json.loads`` exactly, escapes
and all.

The places are those the YAML reader gives: a key where its opening quote
stands, a value or an item where it begins, 1-based lines and columns
counted in characters.  The text must be one that
:func:`interop.load.jsonsource.load_json` accepted; on anything else the index
stops where it stops understanding, and paths beyond that are placed at
the last place reached.
"""
from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable
from typing import Any, cast

from interop.errors import DocPath, Location

_SPACE = re.compile(r"[ \t\n\r]*")
# typeshed gives make_scanner's argument the scanner's own type (it is the
# decoder whose settings it takes) and leaves scanstring out: both are what
# json.loads runs, its scanner and its string decoder
_scan = json.scanner.make_scanner(cast(Any, json.decoder.JSONDecoder()))
_scanstring: Callable[[str, int], tuple[str, int]] = cast(
    Any, json.decoder).scanstring


def _skip(text: str, at: int = 0) -> int:
    """The offset past the white space at ``at`` (the pattern matches
    everywhere, if only the empty string)."""
    found = _SPACE.match(text, at)
    assert found is not None
    return found.end()

#: an indexed container: key -> (key offset, value offset) for an object,
#: the item offsets for an array
Index = dict[str, tuple[int, int]] | list[int]


class JsonPlaces:
    """Places in one JSON text, by document path."""

    def __init__(self, text: str) -> None:
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.root = _skip(self.text)
        self._lines: list[int] | None = None
        self._index: dict[int, Index | None] = {}

    def loc(self, path: DocPath, key: bool = True) -> Location:
        """Where ``path`` stands: its key (or, with ``key=False``, its
        value); an item where it begins; where the path leaves the
        document, the last place it reached."""
        start = self.root
        best = start
        for step in path:
            index = self._container(start)
            if isinstance(index, dict) and isinstance(step, str) \
                    and step in index:
                key_at, start = index[step]
                best = key_at if key else start
            elif isinstance(index, list) and isinstance(step, int) \
                    and not isinstance(step, bool) \
                    and 0 <= step < len(index):
                best = start = index[step]
            else:
                break
        return self._location(best)

    def _location(self, offset: int) -> Location:
        if self._lines is None:
            self._lines = [0] + [m.end() for m in
                                 re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._lines, offset) - 1
        return Location(line + 1, offset - self._lines[line] + 1)

    def _container(self, start: int) -> Index | None:
        if start not in self._index:
            self._index[start] = self._read(start)
        return self._index[start]

    def _read(self, start: int) -> Index | None:
        text = self.text
        opener = text[start:start + 1]
        if opener not in ("{", "["):
            return None
        closer = "}" if opener == "{" else "]"
        keys: dict[str, tuple[int, int]] = {}
        items: list[int] = []
        found = keys if opener == "{" else items
        try:
            self._entries(start, closer, keys, items)
        except (ValueError, IndexError, StopIteration):
            pass  # not a text json accepted: what was read so far
        return found

    def _entries(self, start: int, closer: str,
                 keys: dict[str, tuple[int, int]], items: list[int]
                 ) -> None:
        text = self.text
        at = _skip(text, start + 1)
        if text[at] == closer:
            return
        while True:
            if closer == "}":
                if text[at] != '"':
                    return
                name, after = _scanstring(text, at + 1)
                colon = _skip(text, after)
                if text[colon] != ":":
                    return
                value = _skip(text, colon + 1)
                keys[name] = (at, value)
            else:
                value = at
                items.append(value)
            _, end = _scan(text, value)  # skip the value, in C
            at = _skip(text, end)
            if text[at] != ",":
                return  # the closer, or text json would refuse
            at = _skip(text, at + 1)

