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
    """Places in one JSON text, by document path.

    A container is read only as far as a path needs: an array up to the
    item asked for and, when ``unique_keys`` says the text has no key
    twice in one object (as :func:`interop.load.jsonsource.load_json`
    refuses), an object up to the key asked for; the entries after it,
    whose values the C scanner would have to parse to be skipped, are
    read when a later path asks.  With keys given twice, an object is
    read whole, so the last of them is the one placed (as JSON readers
    keep the last value)."""

    def __init__(self, text: str, unique_keys: bool = False) -> None:
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.root = _skip(self.text)
        self.unique_keys = unique_keys
        self._lines: list[int] | None = None
        self._index: dict[int, Index | None] = {}
        #: container offset -> where reading it goes on: the opener
        #: (nothing read yet), the last entry's value (to be skipped),
        #: or -1 once it is read whole
        self._next: dict[int, int] = {}

    def loc(self, path: DocPath, key: bool = True) -> Location:
        """Where ``path`` stands: its key (or, with ``key=False``, its
        value); an item where it begins; where the path leaves the
        document, the last place it reached."""
        start = self.root
        best = start
        for step in path:
            index = self._container(start)
            if isinstance(index, dict) and isinstance(step, str):
                if step not in index or not self.unique_keys:
                    self._more(start, index, step)
                if step not in index:
                    break
                key_at, start = index[step]
                best = key_at if key else start
            elif isinstance(index, list) and isinstance(step, int) \
                    and not isinstance(step, bool) and 0 <= step:
                if step >= len(index):
                    self._more(start, index, step)
                if step >= len(index):
                    break
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
            opener = self.text[start:start + 1]
            found: Index | None = {} if opener == "{" else \
                [] if opener == "[" else None
            self._index[start] = found
            self._next[start] = start if found is not None else -1
        return self._index[start]

    def _more(self, start: int, index: Index, want: str | int) -> None:
        """Read on in the container at ``start`` until ``want`` (a key,
        when keys are unique, or an item's position) is in ``index``, or
        the container ends."""
        at = self._next[start]
        try:
            while at >= 0:
                at = self._entry(start, at, index)
                if at >= 0 and self._holds(index, want):
                    break
        except (ValueError, IndexError, StopIteration):
            at = -1  # not a text json accepted: what was read so far
        self._next[start] = at

    def _holds(self, index: Index, want: str | int) -> bool:
        if isinstance(index, list):
            return isinstance(want, int) and len(index) > want
        return self.unique_keys and want in index

    def _entry(self, start: int, at: int, index: Index) -> int:
        """Read the entry after ``at`` (the opener, or the value before)
        into ``index``: its value's offset, or -1 at the end."""
        text = self.text
        closer = "}" if isinstance(index, dict) else "]"
        if at == start:
            at = _skip(text, start + 1)
            if text[at] == closer:
                return -1
        else:
            _, end = _scan(text, at)  # skip the value, in C
            at = _skip(text, end)
            if text[at] != ",":
                return -1  # the closer, or text json would refuse
            at = _skip(text, at + 1)
        if isinstance(index, list):
            index.append(at)
            return at
        if text[at] != '"':
            return -1
        name, after = _scanstring(text, at + 1)
        colon = _skip(text, after)
        if text[colon] != ":":
            return -1
        value = _skip(text, colon + 1)
        index[name] = (at, value)
        return value
