"""Strict YAML reading that keeps the place of every value, and the
bounds every reader keeps (published JSON is read by
:mod:`interop.load.jsonsource`, its places found by
:mod:`interop.load.places`).

The YAML reader builds values straight from libyaml's event stream (PyYAML's
C parser) instead of PyYAML's constructor, because the constructor silently
keeps the last of two equal keys, runs any tag it knows, expands aliases
without bound and recurses without limit.  Here each of those is refused
with a located, coded :class:`~interop.errors.LoadError`.

Mappings come back as :class:`YMap` (a dict that knows where each key and
value stand) and sequences as :class:`YList`; scalars are plain Python
values.  Mapping keys are always read as text, since they are names.  YAML
timestamps are read as text too: dates in a guideline are strings.

Length: the event-stream reader and the bounds every reader keeps
(size, depth, values, integers) are one pass over the parser's events;
split, the bounds would be checked twice.
"""
from __future__ import annotations

import gc
import math
import os
import stat
from typing import Any

from interop.errors import NOWHERE, DocPath, LoadError, Location
from interop.files import read_regular

#: PyYAML and its parser, imported by :func:`_reader` when YAML is first
#: read: a check of published JSON files never needs them (importing
#: them was a tenth of such a run)
yaml: Any = None
_Loader: Any = None

MAX_BYTES = 16 * 1024 * 1024   # no real guideline comes near this
MAX_DEPTH = 64                 # guidelines nest about eight levels deep
MAX_ALIAS_NODES = 100_000      # values that aliases may repeat, in all
#: values (keys, scalars, mappings and lists) in one document: a real
#: guideline holds a few thousand, and 16 MiB of them about 350,000; this
#: bounds the time and memory of everything after reading, not only bytes
MAX_VALUES = 1_000_000
#: the largest integer a guideline can mean (weights, scores, counts,
#: timestamps in milliseconds); beyond it a number is a mistake or an
#: attack (Python refuses to convert integers over 4,300 digits at all)
MAX_INT = 10 ** 15
FREEZE_BYTES = 1024 * 1024     # a tree this big is kept out of the collector

_STD = "tag:yaml.org,2002:"
_SAFE_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null",
                                 "map", "seq", "timestamp")}


class YMap(dict[str, Any]):
    """A mapping that remembers where it, its keys and its values stand.
    A document's root also keeps ``spans``: where the scalars that hold
    "noqa" stand (see :func:`in_scalar`)."""

    spans: tuple[tuple[Location, Location], ...] = ()

    def __init__(self, loc: Location = NOWHERE) -> None:
        super().__init__()
        self.loc = loc
        self.key_locs: dict[str, Location] = {}
        self.value_locs: dict[str, Location] = {}

    def key_loc(self, key: str) -> Location:
        return self.key_locs.get(key, self.loc)

    def value_loc(self, key: str) -> Location:
        return self.value_locs.get(key, self.loc)


class YList(list[Any]):
    """A sequence that remembers where it and each item stand."""

    spans: tuple[tuple[Location, Location], ...] = ()

    def __init__(self, loc: Location = NOWHERE) -> None:
        super().__init__()
        self.loc = loc
        self.item_locs: list[Location] = []

    def item_loc(self, index: int) -> Location:
        if 0 <= index < len(self.item_locs):
            return self.item_locs[index]
        return self.loc


def loc_of(container: Any, key: Any) -> Location:
    """Location of ``container[key]``, or of the container, or nowhere."""
    if isinstance(container, YMap):
        return container.key_loc(key)
    if isinstance(container, YList) and isinstance(key, int):
        return container.item_loc(key)
    return getattr(container, "loc", Location())


def in_scalar(tree: Any, loc: Location) -> bool:
    """Whether ``loc`` falls inside a scalar of the document ``tree`` that
    holds "noqa" (the spans the reader kept)."""
    return any(start <= loc < end for start, end in
               getattr(tree, "spans", ()))


def value_loc(tree: Any, path: DocPath, key: bool = True) -> Location:
    """Location of what ``path`` names in a loaded tree: the key (or, with
    ``key=False``, the value); where the path leaves the tree, the last
    place it reached."""
    node, best = tree, getattr(tree, "loc", Location())
    for step in path:
        if isinstance(node, YMap) and isinstance(step, str) \
                and step in node:
            best = node.key_loc(step) if key else node.value_loc(step)
        elif isinstance(node, YList) and isinstance(step, int) \
                and 0 <= step < len(node):
            best = node.item_loc(step)
        else:
            break
        node = node[step]
    return best


def read_text(path: str, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as UTF-8 text, refusing what is not a plain, small file
    (a link, a FIFO or a device is refused before anything waits on it)."""
    try:
        found = os.lstat(path)
    except OSError as exc:
        raise LoadError(path, 1, 1, "E101",
                        f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISREG(found.st_mode) and found.st_size > max_bytes:
        raise LoadError(path, 1, 1, "E103",
                        f"file is {found.st_size} bytes, over the limit of "
                        f"{max_bytes}")
    data = read_regular(path, max_bytes)
    if len(data) > max_bytes:
        raise LoadError(path, 1, 1, "E103",
                        f"file is over the limit of {max_bytes} bytes")
    return decode(path, data)


def decode(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(path, line, col, "E102",
                        f"not UTF-8: byte 0x{data[exc.start]:02x} "
                        "cannot be decoded") from None


def load_yaml_file(path: str) -> Any:
    return load_yaml(read_text(path), path)


def _reader() -> None:
    """Import PyYAML, once, and set up what the reader takes from it."""
    global yaml, _Loader, _SCALAR, _MAP_START, _MAP_END, _SEQ_START, \
        _SEQ_END
    if yaml is not None:
        return
    import yaml as module
    loader: type[Any]  # the C loader or the pure one (no common base)
    try:  # the C parser is much faster; the pure one behaves the same
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover - how PyYAML was built
        from yaml import SafeLoader as loader
    _SCALAR = module.ScalarEvent
    _MAP_START, _MAP_END = module.MappingStartEvent, module.MappingEndEvent
    _SEQ_START, _SEQ_END = module.SequenceStartEvent, module.SequenceEndEvent
    _Builder._resolver = module.resolver.Resolver()
    _Builder._constructor = module.constructor.SafeConstructor()
    _Loader = loader
    yaml = module  # last: the rest is in place


def load_yaml(text: str, path: str = "<string>") -> Any:
    """Read one YAML document into YMap/YList/scalars, strictly."""
    _reader()
    if len(text) > MAX_BYTES:
        raise LoadError(path, 1, 1, "E103",
                        f"document is over the limit of {MAX_BYTES} bytes")
    if text.startswith("\ufeff"):
        text = text[1:]
    tab = text.find("\t")
    if tab >= 0:
        line = text.count("\n", 0, tab) + 1
        col = tab - (text.rfind("\n", 0, tab) + 1) + 1
        raise LoadError(path, line, col, "E104",
                        "tab character: indent with spaces, and write a "
                        'tab inside a value as "\\t"')
    try:
        loader = _Loader(text)
        collecting = gc.isenabled()
        gc.disable()  # building makes no cycles: nothing to collect
        try:
            tree = _Builder(path).build(loader)
        finally:
            loader.dispose()
            if collecting:
                gc.enable()
        if len(text) >= FREEZE_BYTES:
            # A big tree lives as long as the command that reads it, and
            # every later collection would walk all of it again: with
            # 40,000 capabilities that made compiling and checking grow
            # with the square of the size.  Frozen, the collector leaves
            # it alone (reference counting still frees it).
            gc.freeze()
        return tree
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "cannot be read"
        if exc.context and exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        if "nesting depth" in problem:  # newer libyaml's own bound
            raise LoadError(path, line, col, "E109",
                            f"nested deeper than {MAX_DEPTH} levels") from None
        raise LoadError(path, line, col, "E105",
                        f"YAML syntax: {problem}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked reader errors
        raise LoadError(path, 1, 1, "E105", f"YAML syntax: {exc}") from None


def _loc(mark: Any) -> Location:
    return Location(mark.line + 1, mark.column + 1)


class _Builder:
    """Turns parser events into values, iteratively (no recursion)."""

    _resolver: Any = None      # set by _reader(), with PyYAML
    _constructor: Any = None

    def __init__(self, path: str) -> None:
        self.path = path
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.pending: set[str] = set()  # anchors of unfinished collections
        self.alias_nodes = 0
        self.values = 0
        #: (start, end) of the scalars that hold "noqa" (end excluded)
        self.spans: list[tuple[Location, Location]] = []

    def too_many(self, loc: Location) -> LoadError:
        return self.fail(loc, "E117", f"more than {MAX_VALUES:,} values in "
                         "one document")

    def fail(self, loc: Location, code: str, message: str) -> LoadError:
        return LoadError(self.path, loc.line, loc.col, code, message)

    def build(self, loader: Any) -> Any:
        # A frame: [container, anchor, pending key, node count, key loc]
        stack: list[list[Any]] = []
        documents = 0
        result: Any = None
        get = loader.get_event
        while True:
            event = get()
            kind = type(event)  # the commonest kinds first
            if kind is _SCALAR:
                mark = event.start_mark
                loc = Location(mark.line + 1, mark.column + 1)
                if "noqa" in event.value:  # rare: a span to keep
                    self.span(event, loc)
                self.values += 1  # inline: this runs for every value
                if self.values > MAX_VALUES:
                    raise self.too_many(loc)
                if stack and stack[-1][2] is _NO_KEY and not event.anchor \
                        and type(stack[-1][0]) is YMap:
                    value = self.key(event, loc)  # keys are text
                else:
                    value = self.scalar(event, loc)
                    if event.anchor:
                        self.anchors[event.anchor] = (value, 1)
                size = 1
            elif kind is _MAP_START or kind is _SEQ_START:
                self.open(event, kind is _MAP_START, stack)
                continue
            elif kind is _MAP_END or kind is _SEQ_END:
                box, anchor, _, count, _ = stack.pop()
                if anchor:
                    self.pending.discard(anchor)
                    self.anchors[anchor] = (box, count)
                value, size, loc = box, count, box.loc  # where it began
            elif kind is yaml.AliasEvent:
                loc = _loc(event.start_mark)
                value, size = self.alias(event.anchor, loc)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail(_loc(event.start_mark), "E111",
                                    "more than one YAML document in a file")
                continue
            elif kind is yaml.StreamEndEvent or event is None:
                break
            else:  # stream start, document end
                continue
            if not stack:
                result = value
                continue
            self.add(stack[-1], value, size, loc, event)
        if stack:  # pragma: no cover - the parser reports this first
            raise self.fail(Location(1, 1), "E105", "YAML syntax: unclosed")
        if self.spans and isinstance(result, (YMap, YList)):
            result.spans = tuple(self.spans)
        return result

    def open(self, event: Any, is_map: bool, stack: list[list[Any]]
             ) -> None:
        """A mapping or sequence starts: a new frame on ``stack``.  Out of
        :meth:`build`'s loop, which keeps inline only what every scalar
        runs."""
        mark = event.start_mark
        loc = Location(mark.line + 1, mark.column + 1)
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.too_many(loc)
        self.check_tag(event.tag, loc)
        if len(stack) >= MAX_DEPTH:
            raise self.fail(loc, "E109",
                            f"nested deeper than {MAX_DEPTH} levels")
        box = YMap(loc) if is_map else YList(loc)
        if event.anchor:
            self.pending.add(event.anchor)
        stack.append([box, event.anchor, _NO_KEY, 1, None])

    def alias(self, anchor: str, loc: Location) -> tuple[Any, int]:
        """(value, node count) an alias stands for, within the limits."""
        if anchor in self.pending:
            raise self.fail(loc, "E109", f"alias *{anchor} refers to a "
                            "collection that contains it")
        if anchor not in self.anchors:
            raise self.fail(loc, "E105",
                            f"YAML syntax: unknown alias *{anchor}")
        value, size = self.anchors[anchor]
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise self.fail(loc, "E108", "aliases expand to more than "
                            f"{MAX_ALIAS_NODES} values")
        return value, size

    def span(self, event: Any, loc: Location) -> None:
        """Keep where a value that holds "noqa" stands, so that a
        ``# noqa`` inside it is not taken for a comment.  A block scalar's
        text starts on the line after its indicator, whose end may hold a
        real comment."""
        end = event.end_mark
        if event.style in ("|", ">"):
            loc = Location(loc.line + 1, 1)
        self.spans.append((loc, Location(end.line + 1, end.column + 1)))

    def add(self, frame: list[Any], value: Any, size: int, loc: Location,
            event: Any) -> None:
        box = frame[0]
        frame[3] += size
        if isinstance(box, YList):
            box.append(value)
            box.item_locs.append(loc)
            return
        if frame[2] is _NO_KEY:  # this event is a key
            if not isinstance(event, yaml.ScalarEvent):
                raise self.fail(loc, "E105", "YAML syntax: a mapping key "
                                "must be plain text, not a collection")
            key = event.value
            if key in box:
                first = box.key_locs[key]
                raise self.fail(loc, "E106",
                                f"duplicate key '{key}' (first defined at "
                                f"line {first.line}, column {first.col}); "
                                "YAML readers would silently keep only one")
            frame[2], frame[4] = key, loc
            return
        key = frame[2]
        box[key] = value
        box.key_locs[key] = frame[4]
        box.value_locs[key] = loc
        frame[2] = _NO_KEY

    def check_tag(self, tag: str | None, loc: Location) -> None:
        if tag is None or tag == "!":
            return
        if tag not in _SAFE_TAGS:
            raise self.fail(loc, "E107",
                            f"tag {tag} is not allowed: only plain YAML "
                            "values (text, numbers, booleans, null, "
                            "mappings, sequences)")

    def key(self, event: Any, loc: Location) -> str:
        """A mapping key: its text, once its tag is allowed and it is not
        a merge key."""
        if event.tag is not None and event.tag != "!" or \
                event.value == "<<" and event.implicit[0]:
            self.scalar(event, loc)  # refuses the tag or the merge key
        text: str = event.value
        return text

    def scalar(self, event: Any, loc: Location) -> Any:
        if event.tag is None or event.tag == "!":
            if not event.implicit[0]:  # quoted, or tagged "!": text
                return event.value
            tag = _PLAIN_TAGS.get(event.value)
            if tag is None:
                tag = self._resolver.resolve(yaml.ScalarNode, event.value,
                                             event.implicit)
                if len(_PLAIN_TAGS) < 4096:
                    _PLAIN_TAGS[event.value] = tag
        else:
            self.check_tag(event.tag, loc)
            tag = event.tag
        if tag in (_STD + "str", _STD + "timestamp"):
            return event.value
        if tag == _STD + "merge":
            raise self.fail(loc, "E110", "merge keys (<<) are not "
                            "supported: write the keys out")
        if tag == _STD + "value":
            return event.value
        known = _PLAIN_VALUES.get((tag, event.value), _NO_KEY)
        if known is not _NO_KEY:  # false, 0, 1, null: read once
            return known
        if tag == _STD + "int" and len(event.value) > _INT_CHARS:
            # before int(): Python refuses over 4,300 digits, slowly
            raise self.fail(loc, "E116", _beyond(event.value))
        node = yaml.ScalarNode(tag, event.value, event.start_mark,
                               event.end_mark)
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise self.fail(loc, "E105", f"YAML syntax: {problem}") from None
        except (KeyError, IndexError, TypeError, OverflowError):
            # PyYAML's constructors index the text they are given: an
            # explicit tag on text it cannot hold (!!bool maybe, !!int "")
            short = tag.replace(_STD, "!!")
            raise self.fail(loc, "E180", f"{shown_number(event.value)!r} "
                            f"is not a value of the tag {short}") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(loc, "E114", f"{shown_number(event.value)} is "
                            "not a finite number, which JSON cannot hold")
        if type(value) is int and abs(value) > MAX_INT:
            raise self.fail(loc, "E116", _beyond(event.value))
        if len(_PLAIN_VALUES) < 4096 and len(event.value) < 32:
            _PLAIN_VALUES[tag, event.value] = value  # immutable values
        return value


#: no integer up to MAX_INT is written longer, even in binary with a sign
#: and digit separators; longer ones are refused without converting them
_INT_CHARS = 80


def _beyond(text: str) -> str:
    return f"{shown_number(text)} is beyond ±{MAX_INT:,}, more than a " \
        "guideline can mean"


def shown_number(text: str) -> str:
    """A number as shown in a message: a long one by its ends."""
    return text if len(text) <= 24 else \
        f"{text[:10]}…{text[-6:]} ({len(text)} characters)"


_NO_KEY = object()
#: PyYAML's event classes, set by _reader()
_SCALAR: Any = None
_MAP_START: Any = None
_MAP_END: Any = None
_SEQ_START: Any = None
_SEQ_END: Any = None
#: plain scalar -> the tag YAML resolves it to (the resolver runs a list
#: of regular expressions; the same words recur all through a guideline)
_PLAIN_TAGS: dict[str, str] = {}
#: (tag, text) -> the value a scalar that passed every check constructs
#: to (an int, a float, a bool, None): PyYAML's constructor is the
#: slowest step of reading, and a guideline repeats a few such words
_PLAIN_VALUES: dict[tuple[str, str], Any] = {}


def too_deep(tree: Any, limit: int = MAX_DEPTH) -> DocPath | None:
    """The path of the first mapping or list nested deeper than ``limit``
    levels (the outermost is level 1), or None."""
    # Depths only on the way down (this runs on every JSON file read);
    # the path is worked out once something is too deep.
    if not isinstance(tree, (dict, list)):
        return None
    stack: list[tuple[Any, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return _path_deeper_than(tree, limit)
        values = node.values() if isinstance(node, dict) else node
        stack.extend((v, depth + 1) for v in values
                     if isinstance(v, (dict, list)))
    return None


def _path_deeper_than(tree: Any, limit: int) -> DocPath:
    """The path of a container deeper than ``limit`` (one exists)."""
    stack: list[tuple[Any, DocPath]] = [(tree, ())]
    while stack:
        node, where = stack.pop()
        if len(where) >= limit:
            return where
        items = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend((v, where + (k,)) for k, v in items
                     if isinstance(v, (dict, list)))
    raise AssertionError("no container is that deep")  # pragma: no cover
