"""Precise edits of YAML source text: change one value, keep every byte else.

Guidelines and scoring sheets are written by people and reviewed as diffs,
so a tool that changes one value must not re-serialize the file: comments,
blank lines, key order, quoting and line breaks all stay as they were.
(ruamel.yaml's round trip was measured and reflows long keys and flow
mappings, so it is not used.)

An edit works on the text.  The places of keys and values come from
PyYAML's composed nodes (start and end of each), the only parse of the
text besides the strict loader's; each edit is a splice of a few
characters, and the result is read again with the strict loader and
compared, value by value, with what the edit should have made of the
original.  An edit that cannot be made in place is refused with an
:class:`EditError`, and nothing is returned:

- a block scalar (``>-``, ``|``) or a scalar over several lines;
- a value with an anchor or a tag, or one that an alias repeats;
- a key that is the first on a sequence item's line (``- key: ...``) when
  it would have to be deleted, or the only key of a block mapping;
- a path whose parent does not exist, or is not a mapping.

Values inside flow mappings (``{kind: vertical, name: nfv}``, one line or
several) are replaced token for token, and a new key goes in after the
mapping's last value, so the rest of the line stays as it was.

A mapping of scalars can be appended to a list (``metadata.approvals``):
as a ``- key: value`` item after the last item of a block list, at its
indentation; as a ``{key: value}`` item of a flow list; or, when the key
is missing, as the key with a one-item block list at the end of its
(block) mapping.

Length: one splice engine (locate, splice, read back, compare) whose parts
only make sense together; split, each half would export internals.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from interop.errors import LoadError, UsageError
from interop.load.source import load_yaml

_WIDE = 1 << 30  # no folding of long scalars by the emitter
#: libyaml's composer, 15 times as fast on a guideline (its marks count
#: characters, as the pure one's do; every edit is read back and compared)
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: keys of mappings and indexes of lists, from the document's root
Path = tuple[str | int, ...]


class EditError(UsageError):
    """An edit that cannot be made in place (the command exits 2)."""


@dataclasses.dataclass
class _Patch:
    start: int
    end: int
    text: str
    order: int = 0  # keeps insertions at one place in the asked order


def set_scalar(text: str, path: Path, value: Any,
               name: str = "<string>") -> str:
    """``text`` with the scalar at ``path`` set to ``value``.

    An existing single-line scalar is replaced where it stands, keeping an
    inline comment (and the editor's choice of quote where the new value
    needs quotes).  A missing key is added as a new line at the end of its
    parent mapping (after the last key's whole block, at that key's
    indentation), or after the last value of a flow mapping.
    """
    return edit(text, sets=[(path, value)], name=name)


def delete_key(text: str, path: Path, name: str = "<string>") -> str:
    """``text`` without the key at ``path`` and its whole block (the key's
    line, the lines of its value, and comment lines indented under it)."""
    return edit(text, deletes=[path], name=name)


def edit(text: str, sets: Iterable[tuple[Path, Any]] = (),
         deletes: Iterable[Path] = (), name: str = "<string>",
         appends: Iterable[tuple[Path, dict[str, Any]]] = ()) -> str:
    """Make several edits of one text at once (each as :func:`set_scalar`
    and :func:`delete_key` make it, and ``appends``: a mapping of scalars
    added as the last item of the list at a path, the list created when
    the key is missing), then check the result.

    Raises :class:`EditError` when an edit cannot be made in place, or
    when the result does not read back as exactly the intended values.
    """
    sets, deletes = list(sets), [tuple(p) for p in deletes]
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    before = load_yaml(body, name)  # LoadError on anything unsafe
    root = yaml.compose(body, Loader=_COMPOSER)
    if root is None:
        raise EditError(f"{name}: empty document: nothing to edit")
    shared = _shared_nodes(root)
    newline = "\r\n" if "\r\n" in body else "\n"
    patches: list[_Patch] = []
    for order, (path, value) in enumerate(sets):
        patches.append(_set_patch(body, root, tuple(path), value, shared,
                                  newline, name, order))
    for path in deletes:
        patches.append(_delete_patch(body, root, path, shared, name))
    appends = [(tuple(p), dict(item)) for p, item in appends]
    for order, (path, item) in enumerate(appends, start=len(sets)):
        patches.append(_append_patch(body, root, path, item, shared,
                                     newline, name, order))
    result = _apply(body, patches, name)
    expected = _plain(before)
    for path, value in sets:
        _put(expected, tuple(path), value)
    for path in deletes:
        _remove(expected, path)
    for path, item in appends:
        _add(expected, path, item)
    try:
        after = load_yaml(result, name)
    except LoadError as exc:
        raise EditError(f"{name}: the edit would not leave valid YAML "
                        f"({exc.finding.code} {exc.finding.message}): "
                        "nothing changed") from None
    if not _same(_plain(after), expected):
        raise EditError(f"{name}: the edit did not read back as intended "
                        "(an in-place edit is not possible here): nothing "
                        "changed")
    return bom + result


# -- finding the nodes -------------------------------------------------------

def _shown(path: Path) -> str:
    return "/".join(str(p) for p in path) or "/"


def _shared_nodes(root: yaml.Node) -> set[int]:
    """Nodes reached more than once (through aliases)."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared


def _child(node: yaml.Node, step: Any
           ) -> tuple[yaml.Node | None, yaml.Node | None, int]:
    """(key node, value node, index) of ``step`` in ``node``."""
    if isinstance(node, yaml.MappingNode):
        for index, (key, value) in enumerate(node.value):
            if isinstance(key, yaml.ScalarNode) and key.value == step:
                return key, value, index
        return None, None, -1
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
            and 0 <= step < len(node.value):
        return None, node.value[step], step
    return None, None, -1


#: (parent, key, value, index) of one step of a path
_Step = tuple[yaml.Node, yaml.Node | None, yaml.Node | None, int]


def _walk(root: yaml.Node, path: Path, name: str
          ) -> list[_Step]:
    """(parent, key, value, index) for each step; the last step may be
    missing (key and value None)."""
    if not path:
        raise EditError(f"{name}: an edit needs a path to a key")
    out = []
    node = root
    for depth, step in enumerate(path):
        key, value, index = _child(node, step)
        out.append((node, key, value, index))
        if value is None:
            if depth < len(path) - 1:
                raise EditError(f"{name}: {_shown(path[:depth + 1])} does "
                                "not exist")
            break
        node = value
    return out


def _check_unshared(steps: list[_Step], shared: set[int], path: Path,
                    name: str) -> None:
    for parent, _key, value, _ in steps:
        for node in (parent, value):
            if node is not None and id(node) in shared:
                raise EditError(f"{name}: {_shown(path)}: a value on the "
                                "way is repeated by an alias: edit it by "
                                "hand")


def _decorated(text: str, node: yaml.Node) -> bool:
    """Whether the node's text starts with an anchor or a tag."""
    return text[node.start_mark.index:node.start_mark.index + 1] in ("&",
                                                                     "!")


# -- scalars as text ---------------------------------------------------------

def _dump_one(value: Any, style: str | None, flow: bool) -> str:
    """One scalar as the emitter writes it in a flow or a block context
    (a plain scalar may hold more in block context: ``a: b:c``)."""
    if flow:
        out = yaml.safe_dump([value], default_flow_style=True, width=_WIDE,
                             allow_unicode=True, default_style=style)
        out = out.rstrip("\n")
        if not (out.startswith("[") and out.endswith("]")):
            raise EditError(f"cannot write {value!r} on one line")
        return out[1:-1]
    out = yaml.safe_dump({"k": value}, default_flow_style=False,
                         width=_WIDE, allow_unicode=True,
                         default_style=style)
    prefix = {None: "k: ", '"': '"k": ', "'": "'k': "}[style]
    if not out.startswith(prefix) or out.count("\n") != 1:
        raise EditError(f"cannot write {value!r} on one line")
    return out[len(prefix):].rstrip("\n")


def scalar_text(value: Any, old_style: str | None = None,
                flow: bool = False) -> str:
    """``value`` as one line of YAML, for a block context or (``flow``)
    inside a flow mapping or list.

    Plain when YAML allows it (so ``next`` stays a plain word); text that
    needs quotes (``"2026.06"``, which unquoted is a number) gets the
    quotes the old value had (``old_style``), else double quotes, as the
    sources write versions.
    """
    if value is not None and not isinstance(value, (str, bool, int,
                                                    float)):
        raise EditError(f"only a scalar can be set in place, not "
                        f"{type(value).__name__}")
    try:
        out = _dump_one(value, None, flow)
    except EditError:
        if not isinstance(value, str):  # pragma: no cover - one line
            raise
        out = '"'  # a line break: only quotes hold it on one line
    if isinstance(value, str) and out[:1] in ("'", '"'):
        out = _dump_one(value, "'" if old_style == "'" else '"', flow)
    if "\n" in out or "\r" in out:  # pragma: no cover - refused above
        raise EditError(f"{value!r} cannot be written on one line")
    return out


# -- the patches -------------------------------------------------------------

def _line_end(text: str, pos: int) -> int:
    """Index of the line break ending the line that holds ``pos`` (or the
    end of the text)."""
    end = text.find("\n", pos)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _content_end(text: str, node: yaml.Node) -> int:
    """Where the last character of a value's content stands (+1)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and \
            not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        chunk = text[node.start_mark.index:node.end_mark.index]
        return node.start_mark.index + len(chunk.rstrip())
    return node.end_mark.index


def _entry_end(text: str, key: yaml.Node, value: yaml.Node) -> int:
    return max(key.end_mark.index, _content_end(text, value))


def _set_patch(text: str, root: yaml.Node, path: Path, value: Any,
               shared: set[int], newline: str, name: str,
               order: int) -> _Patch:
    steps = _walk(root, path, name)
    _check_unshared(steps, shared, path, name)
    parent, key, node, _ = steps[-1]
    if node is not None:
        if not isinstance(node, yaml.ScalarNode):
            kind = "mapping" if isinstance(node, yaml.MappingNode) \
                else "list"
            raise EditError(f"{name}: {_shown(path)} holds a {kind}, not "
                            "a single value: edit it by hand")
        if node.style in ("|", ">"):
            raise EditError(f"{name}: {_shown(path)} is a block scalar "
                            f"({node.style}): edit it by hand")
        if node.start_mark.line != node.end_mark.line:
            raise EditError(f"{name}: {_shown(path)} spans several lines: "
                            "edit it by hand")
        if _decorated(text, node):
            raise EditError(f"{name}: {_shown(path)} has an anchor or a "
                            "tag: edit it by hand")
        # a value's parent is a mapping or a list
        new = scalar_text(value, node.style, flow=isinstance(
            parent, yaml.CollectionNode) and bool(parent.flow_style))
        start, end = node.start_mark.index, node.end_mark.index
        if start == end and text[start - 1:start] == ":":
            new = " " + new  # ``key:`` with no value written
        return _Patch(start, end, new)
    # a new key
    if not isinstance(parent, yaml.MappingNode):
        raise EditError(f"{name}: {_shown(path[:-1])} is not a mapping: "
                        f"cannot add {path[-1]!r}")
    if not isinstance(path[-1], str):
        raise EditError(f"{name}: a new key must be text, not "
                        f"{path[-1]!r}")
    flow = bool(parent.flow_style)
    entry = f"{scalar_text(path[-1], flow=flow)}: " \
        f"{scalar_text(value, flow=flow)}"
    if flow:
        if not parent.value:
            close = parent.end_mark.index - 1
            return _Patch(close, close, entry, order)
        last_key, last_value = parent.value[-1]
        at = _entry_end(text, last_key, last_value)
        return _Patch(at, at, ", " + entry, order)
    if id(parent) in shared:  # pragma: no cover - _check_unshared first
        raise EditError(f"{name}: {_shown(path)}: parent repeated by an "
                        "alias")
    first_key = parent.value[0][0]
    indent = first_key.start_mark.column
    last_key, last_value = parent.value[-1]
    at = _line_end(text, _entry_end(text, last_key, last_value))
    return _Patch(at, at, newline + " " * indent + entry, order)


def _delete_patch(text: str, root: yaml.Node, path: Path,
                  shared: set[int], name: str) -> _Patch:
    steps = _walk(root, path, name)
    _check_unshared(steps, shared, path, name)
    parent, key, value, index = steps[-1]
    if value is None:
        raise EditError(f"{name}: {_shown(path)} does not exist: nothing "
                        "to delete")
    if key is None:
        raise EditError(f"{name}: {_shown(path)} is a list item: only "
                        "keys are deleted")
    if isinstance(parent, yaml.CollectionNode) and parent.flow_style:
        items = parent.value
        if len(items) == 1:
            return _Patch(key.start_mark.index,
                          _entry_end(text, key, value), "")
        if index < len(items) - 1:
            return _Patch(key.start_mark.index,
                          items[index + 1][0].start_mark.index, "")
        prev_key, prev_value = items[index - 1]
        return _Patch(_entry_end(text, prev_key, prev_value),
                      _entry_end(text, key, value), "")
    if len(parent.value) == 1:
        raise EditError(f"{name}: {_shown(path)} is the only key of its "
                        "mapping: deleting it would leave no mapping "
                        "(delete the parent instead)")
    line_start = text.rfind("\n", 0, key.start_mark.index) + 1
    if text[line_start:key.start_mark.index].strip():
        raise EditError(f"{name}: {_shown(path)} shares its line with "
                        "other content ('- key:'): delete it by hand")
    end = _line_end(text, _entry_end(text, key, value))
    end = _past_line_break(text, end)
    # comment lines indented under the key belong to its block
    column = key.start_mark.column
    while end < len(text):
        line_end = _line_end(text, end)
        line = text[end:line_end]
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) \
                <= column:
            break
        end = _past_line_break(text, line_end)
    return _Patch(line_start, end, "")


def _item_lines(item: dict[str, Any], pad: int, newline: str) -> str:
    """A block sequence item (``- key: value`` lines) at column ``pad``."""
    if not item:
        raise EditError("an appended item needs at least one key")
    lines = [f"{scalar_text(k)}: {scalar_text(v)}" for k, v in item.items()]
    return newline + " " * pad + "- " + (
        newline + " " * (pad + 2)).join(lines)


def _append_patch(text: str, root: yaml.Node, path: Path,
                  item: dict[str, Any], shared: set[int], newline: str,
                  name: str, order: int) -> _Patch:
    steps = _walk(root, path, name)
    _check_unshared(steps, shared, path, name)
    parent, key, node, _ = steps[-1]
    if node is None:  # a new key holding a one-item list
        if not isinstance(parent, yaml.MappingNode) or parent.flow_style \
                or not parent.value or not isinstance(path[-1], str):
            raise EditError(f"{name}: cannot add the list {_shown(path)} "
                            "here: edit it by hand")
        indent = parent.value[0][0].start_mark.column
        last_key, last_value = parent.value[-1]
        at = _line_end(text, _entry_end(text, last_key, last_value))
        entry = newline + " " * indent + scalar_text(path[-1]) + ":" + \
            _item_lines(item, indent + 2, newline)
        return _Patch(at, at, entry, order)
    if not isinstance(node, yaml.SequenceNode) or _decorated(text, node):
        raise EditError(f"{name}: {_shown(path)} is not a plain list: edit "
                        "it by hand")
    if node.flow_style:
        pairs = ", ".join(f"{scalar_text(k, flow=True)}: "
                          f"{scalar_text(v, flow=True)}"
                          for k, v in item.items())
        if not node.value:
            close = node.end_mark.index - 1
            return _Patch(close, close, "{" + pairs + "}", order)
        at = _content_end(text, node.value[-1])
        return _Patch(at, at, ", {" + pairs + "}", order)
    at = _line_end(text, _content_end(text, node))
    return _Patch(at, at, _item_lines(item, node.start_mark.column,
                                      newline), order)


def _past_line_break(text: str, pos: int) -> int:
    if text.startswith("\r\n", pos):
        return pos + 2
    if text.startswith("\n", pos):
        return pos + 1
    return pos


def _apply(text: str, patches: list[_Patch], name: str) -> str:
    ordered = sorted(patches, key=lambda p: (p.start, p.end, p.order))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end or (
                after.start == before.start and before.end > before.start):
            raise EditError(f"{name}: two edits overlap: make them one at "
                            "a time")
    out = []
    pos = 0
    for patch in ordered:
        out.append(text[pos:patch.start])
        out.append(patch.text)
        pos = patch.end
    out.append(text[pos:])
    return "".join(out)


# -- the intended values -----------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _put(tree: Any, path: Sequence[Any], value: Any) -> None:
    for step in path[:-1]:
        tree = tree[step]
    tree[path[-1]] = value


def _add(tree: Any, path: Sequence[Any], item: dict[str, Any]) -> None:
    for step in path[:-1]:
        tree = tree[step]
    tree.setdefault(path[-1], []).append(item)


def _remove(tree: Any, path: Sequence[Any]) -> None:
    for step in path[:-1]:
        tree = tree[step]
    del tree[path[-1]]


def _same(a: Any, b: Any) -> bool:
    """Equal values of equal types (``1`` is not ``true`` here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return bool(a == b)
