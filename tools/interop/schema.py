"""The JSON Schemas of ``schemas/``: loading them and validating trees.

``guideline-2.0.json`` is the strict published format, ``guideline-source
.json`` the YAML source format.  Errors come back as plain values carrying
the path into the document, so that the structure checks can place them.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
from typing import Any

import jsonschema

#: the repository's schemas/ (a link in the package, so that an installed
#: package, as pre-commit installs it for other repositories, has them too)
SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "schemas")
PUBLISHED = "guideline-2.0.json"
SOURCE = "guideline-source.json"


@dataclasses.dataclass(frozen=True)
class SchemaError:
    """One way a document breaks a schema."""

    kind: str          # the JSON Schema keyword that failed
    path: tuple        # where, in the document
    message: str
    key: str | None = None  # for unknown keys: the key itself
    allowed: tuple[str, ...] = ()  # for unknown keys: the known ones


@functools.cache
def load(name: str) -> dict[str, Any]:
    with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = load(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _allowed_keys(schema: dict[str, Any]) -> list[str]:
    return list(schema.get("properties", {}))


def validate(tree: Any, name: str) -> list[SchemaError]:
    """Every error of ``tree`` against schema ``name``, in document order."""
    out: list[SchemaError] = []
    for error in _validator(name).iter_errors(tree):
        out.extend(_explain(error))
    out.sort(key=lambda e: [str(p) for p in e.path])
    return out


def _explain(error: jsonschema.ValidationError) -> list[SchemaError]:
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
