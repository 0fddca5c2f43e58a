"""Every error of a document against one of our schemas, in one walk.

fastjsonschema says yes or no and stops at the first error; jsonschema
lists every error but costs a third of a check run (its import, its
resolver and its error objects) on a corpus where most files break the
strict schema.  This walker lists the errors jsonschema lists, with its
messages, for the keywords ``schemas/`` uses, and asks the compiled yes/no
function of a ``$defs`` entry before descending into it, so only the
subtrees that fail are walked.  A schema that uses a keyword it does not
know is left to jsonschema (:func:`supported`); ``tests/publish/
test_schema.py`` holds the two to the same answers, error for error.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from interop.errors import DocPath

#: keywords that only annotate
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description",
                "default", "$defs", "examples"}
#: keywords this walker checks as jsonschema (2020-12) does
_CHECKED = {"type", "required", "properties", "additionalProperties",
            "minProperties", "propertyNames", "if", "then", "else", "not",
            "const", "enum", "uniqueItems", "items", "minItems", "pattern",
            "minimum", "maximum", "minLength", "$ref", "allOf"}

#: a JSON schema object (JSON)
Schema = dict[str, Any]
#: (kind, path, message, the instance, the schema holding the keyword)
Raw = tuple[str, DocPath, str, Any, Schema]


def supported(schema: Any) -> bool:
    """Whether every keyword of ``schema`` is one this walker knows."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    for key, value in schema.items():
        if key in ("properties", "$defs"):
            if not all(supported(v) for v in value.values()):
                return False
        elif key == "allOf":
            if not all(supported(v) for v in value):
                return False
        elif key in ("additionalProperties", "propertyNames", "if", "then",
                     "else", "not", "items"):
            if not supported(value):
                return False
        elif key not in _CHECKED | _ANNOTATIONS:
            return False
    return "$ref" not in schema or str(schema["$ref"]).startswith("#/")


def _is(instance: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(instance, dict)
    if kind == "array":
        return isinstance(instance, list)
    if kind == "string":
        return isinstance(instance, str)
    if kind == "boolean":
        return isinstance(instance, bool)
    if kind == "null":
        return instance is None
    if isinstance(instance, bool):
        return False
    if kind == "integer":
        return isinstance(instance, int) or (
            isinstance(instance, float) and instance.is_integer())
    if kind == "number":
        return isinstance(instance, int | float)
    return False


def equal(one: Any, two: Any) -> bool:
    """JSON equality: ``True`` is not ``1`` (jsonschema's ``equal``)."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(
            equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return len(one) == len(two) and all(
            k in two and equal(v, two[k]) for k, v in one.items())
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and \
            one == two
    return bool(one == two)


def _unique(items: list[Any]) -> bool:
    seen: list[Any] = []
    for item in items:
        if any(equal(item, other) for other in seen):
            return False
        seen.append(item)
    return True


class Walker:
    """The errors of instances against ``root`` (a whole schema), with
    ``passes`` the compiled yes/no function of each ``#/$defs/NAME``."""

    def __init__(self, root: dict[str, Any],
                 passes: dict[str, Callable[[Any], bool]]) -> None:
        self.root = root
        self.passes = passes

    def valid(self, instance: Any, schema: Any) -> bool:
        return next(self.walk(instance, schema, ()), None) is None

    def _target(self, ref: str) -> Any:
        node: Any = self.root
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def walk(self, instance: Any, schema: Any, path: DocPath
             ) -> Iterator[Raw]:
        """jsonschema's ``iter_errors``: the keywords in the schema's own
        order, each yielding its errors."""
        if schema is True:
            return
        if schema is False:
            yield ("False", path, f"False schema does not allow "
                   f"{instance!r}", instance, {})
            return
        for key, value in schema.items():
            check = _KEYWORDS.get(key)
            if check is not None:
                yield from check(self, value, instance, schema, path)


def _type(w: Walker, types: Any, instance: Any, schema: Schema,
          path: DocPath) -> Iterator[Raw]:
    types = [types] if isinstance(types, str) else types
    if not any(_is(instance, t) for t in types):
        reprs = ", ".join(repr(t) for t in types)
        yield ("type", path, f"{instance!r} is not of type {reprs}",
               instance, schema)


def _required(w: Walker, names: list[str], instance: Any, schema: Schema,
              path: DocPath) -> Iterator[Raw]:
    if isinstance(instance, dict):
        for name in names:
            if name not in instance:
                yield ("required", path, f"{name!r} is a required "
                       "property", instance, schema)


def _properties(w: Walker, props: dict[str, Any], instance: Any,
                schema: Schema, path: DocPath) -> Iterator[Raw]:
    if isinstance(instance, dict):
        for name, sub in props.items():
            if name in instance:
                yield from w.walk(instance[name], sub, path + (name,))


def _additional(w: Walker, extra: Any, instance: Any, schema: Schema,
                path: DocPath) -> Iterator[Raw]:
    if not isinstance(instance, dict):
        return
    known = schema.get("properties", {})
    extras = [k for k in instance if k not in known]
    if isinstance(extra, dict):
        for key in extras:
            yield from w.walk(instance[key], extra, path + (key,))
    elif not extra and extras:
        yield ("additionalProperties", path, "", instance, schema)


def _min_properties(w: Walker, least: int, instance: Any, schema: Schema,
                    path: DocPath) -> Iterator[Raw]:
    if isinstance(instance, dict) and len(instance) < least:
        said = "should be non-empty" if least == 1 else \
            "does not have enough properties"
        yield ("minProperties", path, f"{instance!r} {said}", instance,
               schema)


def _property_names(w: Walker, sub: Any, instance: Any, schema: Schema,
                    path: DocPath) -> Iterator[Raw]:
    if isinstance(instance, dict):
        for name in instance:
            yield from w.walk(name, sub, path)


def _if(w: Walker, sub: Any, instance: Any, schema: Schema,
        path: DocPath) -> Iterator[Raw]:
    if w.valid(instance, sub):
        if "then" in schema:
            yield from w.walk(instance, schema["then"], path)
    elif "else" in schema:
        yield from w.walk(instance, schema["else"], path)


def _not(w: Walker, sub: Any, instance: Any, schema: Schema,
         path: DocPath) -> Iterator[Raw]:
    if w.valid(instance, sub):
        yield ("not", path, f"{instance!r} should not be valid under "
               f"{sub!r}", instance, schema)


def _const(w: Walker, const: Any, instance: Any, schema: Schema,
           path: DocPath) -> Iterator[Raw]:
    if not equal(instance, const):
        yield ("const", path, f"{const!r} was expected", instance, schema)


def _enum(w: Walker, enums: list[Any], instance: Any, schema: Schema,
          path: DocPath) -> Iterator[Raw]:
    if all(not equal(each, instance) for each in enums):
        yield ("enum", path, f"{instance!r} is not one of {enums!r}",
               instance, schema)


def _unique_items(w: Walker, on: bool, instance: Any, schema: Schema,
                  path: DocPath) -> Iterator[Raw]:
    if on and isinstance(instance, list) and not _unique(instance):
        yield ("uniqueItems", path, f"{instance!r} has non-unique "
               "elements", instance, schema)


def _items(w: Walker, sub: Any, instance: Any, schema: Schema,
           path: DocPath) -> Iterator[Raw]:
    if isinstance(instance, list):
        for index, item in enumerate(instance):
            yield from w.walk(item, sub, path + (index,))


def _min_items(w: Walker, least: int, instance: Any, schema: Schema,
               path: DocPath) -> Iterator[Raw]:
    if isinstance(instance, list) and len(instance) < least:
        said = "should be non-empty" if least == 1 else "is too short"
        yield ("minItems", path, f"{instance!r} {said}", instance, schema)


def _min_length(w: Walker, least: int, instance: Any, schema: Schema,
                path: DocPath) -> Iterator[Raw]:
    if isinstance(instance, str) and len(instance) < least:
        said = "should be non-empty" if least == 1 else "is too short"
        yield ("minLength", path, f"{instance!r} {said}", instance, schema)


def _pattern(w: Walker, pattern: str, instance: Any, schema: Schema,
             path: DocPath) -> Iterator[Raw]:
    if isinstance(instance, str) and not re.search(pattern, instance):
        yield ("pattern", path, f"{instance!r} does not match "
               f"{pattern!r}", instance, schema)


def _minimum(w: Walker, least: Any, instance: Any, schema: Schema,
             path: DocPath) -> Iterator[Raw]:
    if _is(instance, "number") and instance < least:
        yield ("minimum", path, f"{instance!r} is less than the minimum "
               f"of {least!r}", instance, schema)


def _maximum(w: Walker, most: Any, instance: Any, schema: Schema,
             path: DocPath) -> Iterator[Raw]:
    if _is(instance, "number") and instance > most:
        yield ("maximum", path, f"{instance!r} is greater than the "
               f"maximum of {most!r}", instance, schema)


def _ref(w: Walker, ref: str, instance: Any, schema: Schema,
         path: DocPath) -> Iterator[Raw]:
    check = w.passes.get(ref)
    if check is not None and check(instance):
        return  # the compiled function says the subtree is valid
    yield from w.walk(instance, w._target(ref), path)


def _all_of(w: Walker, subs: list[Any], instance: Any, schema: Schema,
            path: DocPath) -> Iterator[Raw]:
    for sub in subs:
        yield from w.walk(instance, sub, path)


_KEYWORDS: dict[str, Callable[..., Iterator[Raw]]] = {
    "type": _type, "required": _required, "properties": _properties,
    "additionalProperties": _additional, "minProperties": _min_properties,
    "propertyNames": _property_names, "if": _if, "not": _not,
    "const": _const, "enum": _enum, "uniqueItems": _unique_items,
    "items": _items, "minItems": _min_items, "minLength": _min_length,
    "pattern": _pattern, "minimum": _minimum, "maximum": _maximum,
    "$ref": _ref, "allOf": _all_of,
}
