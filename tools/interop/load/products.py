"""Product submissions and waivers: ``products/`` read into values.

Layout::

    products/<program>/<guideline>/<vendor>-<product>/
        product.yaml
        results.subunit | .stestr | results.json   (the evidence)
        waivers.yaml                               (optional)
    products/<program>/<guideline>/waivers.yaml    (optional)

``product.yaml`` follows ``schemas/product.json`` and ``waivers.yaml``
``schemas/waivers.json``.  A file that cannot be read, or breaks its
schema, is a located :class:`~interop.errors.LoadError` (E190 for a
product, E191 for waivers).  The schemas are applied here with jsonschema
directly: this stage sits below :mod:`interop.publish.schema`, and the
checks as well as the certification read waivers.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import os
from typing import Any

from interop.dates import parse_date
from interop.errors import LoadError
from interop.load.source import load_yaml_file, value_loc

PRODUCTS = "products"
PRODUCT_FILE = "product.yaml"
WAIVERS_FILE = "waivers.yaml"
#: evidence looked for, in this order, when product.yaml names none
EVIDENCE_NAMES = ("results.subunit", ".stestr", "results.json")
PRODUCT_CODE = "E190"
WAIVERS_CODE = "E191"
LAYOUT_CODE = "E192"
SCHEMA_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "schemas")


@dataclasses.dataclass(frozen=True)
class Product:
    """One submission: what ``product.yaml`` says, and where it stands."""

    folder: str          # the submission's folder
    program: str         # from the path: powered, dns, nfv, ...
    guideline: str       # from the path: 2020.06
    name: str            # the folder's name: <vendor>-<product>
    vendor: str
    product: str
    type: str
    releases: tuple[str, ...]
    contact: str
    url: str
    target: str
    based_on: str | None = None
    evidence: str | None = None     # the evidence's path, if present
    tested_on: str | None = None

    @property
    def key(self) -> str:
        """``<program>/<guideline>/<name>``, as ``based_on`` names it."""
        return f"{self.program}/{self.guideline}/{self.name}"


@dataclasses.dataclass(frozen=True)
class Waiver:
    file: str
    line: int
    col: int
    index: int
    products: tuple[str, ...]
    tests: tuple[str, ...]
    reason: str
    granted_by: str
    reference: str
    expires: str

    def expired(self, day: datetime.date) -> bool:
        """Whether the waiver has ended by ``day`` (it holds on its last
        day)."""
        end = parse_date(self.expires)
        return end is None or end < day


@functools.cache
def _schema(name: str) -> dict[str, Any]:
    with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def _validated(path: str, name: str, code: str) -> Any:
    """The file's tree, or a LoadError at its first schema error."""
    import jsonschema
    try:
        tree = load_yaml_file(path)
    except LoadError as exc:
        f = exc.finding
        raise LoadError(f.path, f.line, f.col, code, f.message) from None
    schema = _schema(name)
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(tree),
                    key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        error = errors[0]
        where = tuple(error.absolute_path)
        loc = value_loc(tree, where, key=False)
        message = error.message[:200]
        if error.validator == "additionalProperties" and \
                isinstance(error.instance, dict):
            # placed at the unknown key, named with the known ones
            known = error.schema.get("properties", {})
            extra = [k for k in error.instance if k not in known]
            where, message = where + (extra[0],), (
                f"unknown key '{extra[0]}' (known here: "
                f"{', '.join(known)})")
            loc = value_loc(tree, where, key=True)
        shown = "/".join(map(str, where)) or "the file"
        raise LoadError(path, loc.line or 1, loc.col or 1, code,
                        f"{shown}: {message}")
    return tree


def place(folder: str) -> tuple[str, str, str]:
    """(program, guideline, name) of a submission folder from its path:
    ``.../products/<program>/<guideline>/<name>``."""
    parts = os.path.normpath(os.path.abspath(folder)).split(os.sep)
    if len(parts) < 4 or parts[-4] != PRODUCTS:
        raise LoadError(os.path.join(folder, PRODUCT_FILE), 1, 1,
                        LAYOUT_CODE, "a submission stands in products/"
                        "<program>/<guideline>/<vendor>-<product>/")
    return parts[-3], parts[-2], parts[-1]


def read_product(folder: str) -> Product:
    """The submission in ``folder`` (which holds ``product.yaml``)."""
    path = os.path.join(folder, PRODUCT_FILE)
    program, guideline, name = place(folder)
    tree = _validated(path, "product.json", PRODUCT_CODE)
    if tree.get("tested_on") is not None and \
            parse_date(tree["tested_on"]) is None:
        loc = value_loc(tree, ("tested_on",), key=False)
        raise LoadError(path, loc.line, loc.col, PRODUCT_CODE,
                        f"tested_on: {tree['tested_on']!r} is not a date")
    return Product(folder, program, guideline, name, tree["vendor"],
                   tree["product"], tree["type"], tuple(tree["releases"]),
                   tree["contact"], tree["url"], tree["target"],
                   tree.get("based_on"), find_evidence(folder, tree),
                   tree.get("tested_on"))


def find_evidence(folder: str, tree: Any) -> str | None:
    """The evidence's path: the one ``product.yaml`` names, else the first
    of :data:`EVIDENCE_NAMES` present; None when there is none."""
    names = [tree["evidence"]] if tree.get("evidence") else EVIDENCE_NAMES
    for name in names:
        path = os.path.join(folder, name)
        if os.path.lexists(path):
            return path
    return None


def read_waivers(path: str) -> list[Waiver]:
    """The waivers of one ``waivers.yaml``, in the file's order."""
    tree = _validated(path, "waivers.json", WAIVERS_CODE)
    out = []
    for index, item in enumerate(tree["waivers"]):
        loc = value_loc(tree, ("waivers", index))
        if parse_date(item["expires"]) is None:
            at = value_loc(tree, ("waivers", index, "expires"), key=False)
            raise LoadError(path, at.line, at.col, WAIVERS_CODE,
                            f"expires: {item['expires']!r} is not a date")
        granted = item["granted_by"]
        out.append(Waiver(path, loc.line, loc.col, index,
                          tuple(item["products"]), tuple(item["tests"]),
                          item["reason"], granted["by"],
                          granted["reference"], item["expires"]))
    return out


def waiver_files(root: str, program: str, guideline: str) -> list[str]:
    """Every ``waivers.yaml`` of a guideline's submissions: the
    guideline's own and each submission's, sorted."""
    base = os.path.join(root, PRODUCTS, program, guideline)
    found = [os.path.join(base, WAIVERS_FILE)]
    if os.path.isdir(base):
        found += [os.path.join(base, name, WAIVERS_FILE)
                  for name in sorted(os.listdir(base))]
    return [p for p in found if os.path.isfile(p)]


def submissions(root: str) -> list[str]:
    """Every submission folder under ``root/products``, sorted."""
    base = os.path.join(root, PRODUCTS)
    out = []
    for program in _folders(base):
        for guideline in _folders(os.path.join(base, program)):
            for name in _folders(os.path.join(base, program, guideline)):
                folder = os.path.join(base, program, guideline, name)
                if os.path.isfile(os.path.join(folder, PRODUCT_FILE)):
                    out.append(folder)
    return out


def _folders(path: str) -> list[str]:
    if not os.path.isdir(path) or os.path.islink(path):
        return []
    return sorted(n for n in os.listdir(path)
                  if os.path.isdir(os.path.join(path, n))
                  and not os.path.islink(os.path.join(path, n))
                  and not n.startswith("."))


def submission_of(root: str, path: str) -> str | None:
    """The submission folder a file of a change belongs to (``path``
    relative to ``root``), or None when it is not under a submission."""
    parts = os.path.normpath(path).split(os.sep)
    if len(parts) < 5 or parts[0] != PRODUCTS:
        return None
    return os.path.join(root, *parts[:4])
