"""The JSON Schemas of ``schemas/``: loading them and validating trees.

``guideline-2.0.json`` is the strict published format, ``guideline-source
.json`` the YAML source format.  Errors come back as plain values carrying
the path into the document, so that the structure checks can place them.

jsonschema reports every error with its path, but its pure-Python walk
costs most of a check run.  fastjsonschema compiles each schema (and each
of its ``$defs``) into a yes/no function twenty to fifty times faster.
One walk (:mod:`interop.publish.schemawalk`) lists jsonschema's errors
with jsonschema's messages, and at each ``$ref`` asks the compiled
function of that definition first, descending only into subtrees that
fail: a valid document costs what the compiled check does.
jsonschema itself is imported only for a schema using a keyword the walk
does not know, and by :func:`validate_slowly`, the reference path that
``tests/publish/test_schema.py`` and ``tests/checks/test_floor.py`` hold
the walk to, error for error and byte for byte over the corpus.

Compiling a schema takes a tenth of a second, so the compiled code is kept
(marshalled, with the schema's text, fastjsonschema's version and the
Python bytecode's that it depends on) in ``$INTEROP_CACHE``, by default
``~/.cache/interop``; a cache that cannot be read or written is passed by,
never an error.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import marshal
import os
import re
import tempfile
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import fastjsonschema

from interop.errors import DocPath
from interop.publish import schemawalk

if TYPE_CHECKING:  # jsonschema is imported when a document fails
    import jsonschema

#: the repository's schemas/ (a link in the package, so that an installed
#: package, as pre-commit installs it for other repositories, has them too)
SCHEMA_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "schemas")
PUBLISHED = "guideline-2.0.json"
SOURCE = "guideline-source.json"


@dataclasses.dataclass(frozen=True)
class SchemaError:
    """One way a document breaks a schema."""

    kind: str          # the JSON Schema keyword that failed
    path: DocPath      # where, in the document
    message: str
    key: str | None = None  # for unknown keys: the key itself
    allowed: tuple[str, ...] = ()  # for unknown keys: the known ones


@functools.cache
def load(name: str) -> dict[str, Any]:
    with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@functools.cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    import jsonschema
    schema = load(name)
    cls = jsonschema.validators.validator_for(schema)
    passes = _compiled(name)
    slow_ref = cls.VALIDATORS["$ref"]

    def ref(validator: Any, ref: str, instance: Any, schema: Any) -> Any:
        check = passes.get(ref)
        if check is not None and check(instance):
            return
        yield from slow_ref(validator, ref, instance, schema)

    return jsonschema.validators.extend(cls, {"$ref": ref})(schema)


#: a yes/no function for the whole schema and for each of its ``$defs``
Passes = dict[str, Callable[[Any], bool]]


@functools.cache
def _compiled(name: str) -> Passes:
    """A yes/no function for the whole schema (key ``#``) and for each of
    its ``$defs`` (key ``#/$defs/NAME``), as fastjsonschema compiles them."""
    schema = _draft7(load(name))
    # Local references only: no base URI to resolve against, no dialect
    # for fastjsonschema to refuse (it knows draft 7, and the keywords
    # these schemas use mean the same there).
    schema.pop("$id", None)
    schema.pop("$schema", None)
    # The compiled module holds a function per definition it references,
    # named by fastjsonschema after the definition's pointer.
    functions: dict[str, Any] = {}
    exec(_compiled_code(schema), functions)  # noqa: S102 - our own schema
    out: Passes = {"#": _yes_no(functions["validate"])}
    for key in schema.get("$defs", {}):
        func = functions.get("validate____defs_" + re.sub(
            "[^a-zA-Z0-9]", "_", key).lower())
        if func is not None:
            out[f"#/$defs/{key}"] = _yes_no(func)
    return out


def cache_dir() -> str:
    """Where compiled schemas are kept."""
    return os.environ.get("INTEROP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME")
        or os.path.join(os.path.expanduser("~"), ".cache"), "interop")


def _compiled_code(schema: dict[str, Any]) -> Any:
    """The code object of fastjsonschema's module for ``schema``, from the
    cache when it holds it.  The file is named by a checksum of what the
    code depends on and holds that whole, so a checksum that collides can
    only cost a compilation, never give another schema's code."""
    material = "\0".join((json.dumps(schema, sort_keys=True),
                          fastjsonschema.VERSION,
                          importlib.util.MAGIC_NUMBER.hex(), _UNNAMED))
    crc = zlib.crc32(material.encode())
    path = os.path.join(cache_dir(), f"schema-{crc:08x}.marshal")
    try:
        with open(path, "rb") as handle:
            stored, code = marshal.loads(handle.read())
        if stored == material:
            return code
    except (OSError, EOFError, ValueError, TypeError):
        pass  # absent or damaged: compile again
    code = compile(_unnamed(fastjsonschema.compile_to_code(
        schema, use_default=False, use_formats=False)),
        "<compiled schema>", "exec")
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(path),
                                    prefix=".schema-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps((material, code)))
        os.replace(temp, path)
    except OSError:
        pass  # a read-only home: compile each time
    return code


#: what the compiled code leaves out: the names of the values it checks
_UNNAMED = "names not formatted"


def _unnamed(source: str) -> str:
    """fastjsonschema's module without the name of each value formatted
    as it is entered (``"data.capabilities.{key}".format(**locals())``
    for every key of every object, whether it fails or not: a sixth of a
    yes/no).  The compiled functions only say yes or no here (the walk
    writes the messages), so the names are left as they are written."""
    return source.replace(".format(**locals())", "")


def _draft7(schema: Any) -> Any:
    """``schema`` with each ``$ref`` that has sibling keywords wrapped in
    ``allOf``: draft 7 ignores a ``$ref``'s siblings, 2020-12 applies
    them (``components`` has ``minItems`` beside its ``$ref``)."""
    if isinstance(schema, list):
        return [_draft7(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _draft7(value) for key, value in schema.items()}
    if "$ref" in out and set(out) - {"$ref", "description", "title"}:
        out["allOf"] = [{"$ref": out.pop("$ref")}]
    return out


def _yes_no(check: Callable[[Any], object]) -> Callable[[Any], bool]:
    def passes(instance: Any) -> bool:
        try:
            check(instance)
        except fastjsonschema.JsonSchemaException:
            return False
        return True
    return passes


def validate_slowly(tree: Any, name: str) -> list[SchemaError]:
    """What :func:`validate` returns, by jsonschema alone (for tests)."""
    import jsonschema
    schema = load(name)
    cls = jsonschema.validators.validator_for(schema)
    return _collect(cls(schema), tree)


def _allowed_keys(schema: dict[str, Any]) -> list[str]:
    return list(schema.get("properties", {}))


def passes(tree: Any, name: str) -> bool:
    """Whether ``tree`` is valid against schema ``name`` (the fast yes/no
    of :func:`validate`)."""
    return _compiled(name)["#"](tree)


def validate(tree: Any, name: str) -> list[SchemaError]:
    """Every error of ``tree`` against schema ``name``, in document order."""
    walker = _walker(name)
    if walker is None:  # a keyword the walker does not know
        return [] if passes(tree, name) else \
            _collect(_validator(name), tree)
    # No yes/no of the whole tree first: the walk asks the compiled
    # function at each $ref, which costs a valid tree what the whole
    # check would, and a failing one a fifth less.
    out: list[SchemaError] = []
    for kind, path, message, instance, where in walker.walk(
            tree, walker.root, ()):
        if kind == "additionalProperties":
            allowed = _allowed_keys(where)
            out.extend(SchemaError(kind, path + (key,), f"unknown key "
                                   f"'{key}'", key, tuple(allowed))
                       for key in instance if key not in allowed)
        else:
            out.append(SchemaError(kind, path, message))
    out.sort(key=lambda e: [str(p) for p in e.path])
    return out


def prepare(name: str) -> None:
    """Load what validating against ``name`` needs (the compiled schema;
    jsonschema only where the walk cannot serve): once, before forking."""
    if _walker(name) is None:
        _validator(name)


@functools.cache
def _walker(name: str) -> schemawalk.Walker | None:
    schema = load(name)
    if not schemawalk.supported(schema):
        return None
    return schemawalk.Walker(schema, _compiled(name))


def _collect(validator: Any, tree: Any) -> list[SchemaError]:
    out: list[SchemaError] = []
    for error in validator.iter_errors(tree):
        out.extend(_explain(error))
    out.sort(key=lambda e: [str(p) for p in e.path])
    return out


def _explain(error: jsonschema.ValidationError) -> list[SchemaError]:
    import jsonschema
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(
            error.instance, dict):
        allowed = _allowed_keys(error.schema)
        patterns = error.schema.get("patternProperties", {})
        extras = [k for k in error.instance if k not in allowed
                  and not any(re.search(p, k) for p in patterns)]
        return [SchemaError("additionalProperties", path + (key,),
                            f"unknown key '{key}'", key, tuple(allowed))
                for key in extras]
    if error.validator in ("anyOf", "oneOf") and error.context:
        # Report the alternative that got furthest, as users mean one.
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None and best is not error:
            return _explain(best)
    return [SchemaError(str(error.validator), path, error.message)]
