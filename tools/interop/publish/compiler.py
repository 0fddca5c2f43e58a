"""The model out to the canonical published JSON (schema 2.0).

Known keys come in the published layout's order, unknown keys after them in
the order they were written; named entries keep their source order (the
order of designated sections, for one, carries meaning).  Same model, same
bytes.  Values are written as they are in the model: where the source leaves
out a fact it can derive (criteria from a criteria set, achievements from a
scoring sheet), the :class:`Context` supplies it.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from interop import model as m
from interop.errors import LoadError, Location

SCHEMA_VERSION = "2.0"


class Context(Protocol):
    """What compiling needs from the repository around a guideline."""

    def criteria_set(self, name: str) -> m.Scoring | None:
        """The scoring block of a named criteria set, or None."""

    def achievements(self, guideline: m.Guideline,
                     capability: m.Capability) -> list[str] | None:
        """Achievements from the guideline's scoring sheet, or None."""

    def required_since(self, guideline: m.Guideline,
                       capability: m.Capability) -> str | None:
        """The first guideline of the unbroken run in which the program
        has required the capability, or None."""


class NoContext:
    """Compiling a lone file: nothing can be derived."""

    def criteria_set(self, name: str) -> m.Scoring | None:
        return None

    def achievements(self, guideline: m.Guideline,
                     capability: m.Capability) -> list[str] | None:
        return None

    def required_since(self, guideline: m.Guideline,
                       capability: m.Capability) -> str | None:
        return None


def _obj(node: m.Node, pairs: Iterable[tuple[str, Any]]) -> Any:
    """Published object: known pairs that are present, then extras."""
    if m.RAW in node.extra:  # the whole value was not a mapping: give it back
        return node.extra[m.RAW]
    out: dict[str | None, Any] = {key: value for key, value in pairs
                                  if value is not None}
    out.update(node.extra)
    return out


def _each(items: dict[str, Any] | None, emit: Callable[[Any], Any]
          ) -> dict[str, Any] | None:
    if items is None:
        return None
    return {name: emit(item) for name, item in items.items()}


def flag(f: m.Flag) -> Any:
    return _obj(f, (("reason", f.reason), ("action", f.action),
                    ("date", f.date)))


def test(t: m.Test) -> Any:
    return _obj(t, (("idempotent_id", t.idempotent_id),
                    ("aliases", t.aliases),
                    ("flagged", flag(t.flagged) if t.flagged else None)))


def component_refs(refs: list[m.ComponentRef] | None
                   ) -> list[Any] | None:
    if refs is None:
        return None
    return [_obj(r, (("name", r.name), ("source", r.source))) for r in refs]


def platform(p: m.Platform) -> Any:
    return _obj(p, (
        ("description", p.description),
        ("components", component_refs(p.components)),
        ("required_platform_components",
         component_refs(p.required_platform_components)),
        ("optional_platform_components",
         component_refs(p.optional_platform_components))))


def component(c: m.Component) -> Any:
    return _obj(c, (("capabilities", c.capabilities),
                    ("designated_sections", c.designated_sections)))


def section(s: m.Section) -> Any:
    return _obj(s, (("description", s.description),
                    ("designated", s.designated), ("comment", s.comment)))


def designated(by_status: dict[str | None, m.DesignatedSections]) -> Any:
    if m.RAW in by_status:  # the project's value was not a mapping
        return by_status[m.RAW].extra[m.RAW]
    return {status: _obj(d, (("guidance", d.guidance),
                              ("comment", d.comment),
                              ("sections", _each(d.sections, section))))
            for status, d in by_status.items()}


def repository(r: m.TestRepository) -> Any:
    return _obj(r, (("repository", r.repository), ("reference", r.reference),
                    ("description", r.description)))


def criterion(c: m.Criterion) -> Any:
    return _obj(c, (("name", c.name), ("description", c.description),
                    ("weight", c.weight)))


def scoring(s: m.Scoring, ctx: Context) -> Any:
    if s.criteria_set is not None:
        named = ctx.criteria_set(s.criteria_set)
        if named is None:
            raise CompileError(f"criteria set '{s.criteria_set}' is not "
                               "defined in criteria/", loc=s.loc)
        s = named
    return _obj(s, (("cutoff_score", s.cutoff_score),
                    ("criteria", _each(s.criteria, criterion))))


def capability(g: m.Guideline, c: m.Capability, ctx: Context,
               required: set[str]) -> Any:
    achievements, since = c.achievements, c.required_since
    if g.derive:
        if achievements is None:
            achievements = ctx.achievements(g, c)
        if since is None and c.name in required:
            since = ctx.required_since(g, c)
    return _obj(c, (("achievements", achievements), ("admin", c.admin),
                    ("description", c.description), ("project", c.project),
                    ("required_since", since),
                    ("tests", _each(c.tests, test))))


def metadata(meta: m.Metadata, ctx: Context) -> Any:
    a = meta.approval
    approval = None if a is None else _obj(a, (
        ("target_approval", a.target_approval), ("replaces", a.replaces),
        ("releases", a.releases), ("status", a.status)))
    return _obj(meta, (
        ("id", meta.id),
        ("schema", SCHEMA_VERSION if meta.schema is None else meta.schema),
        ("reference", meta.reference), ("source", meta.source),
        ("scoring", scoring(meta.scoring, ctx) if meta.scoring else None),
        ("os_trademark_approval", approval)))


class CompileError(LoadError):
    """The source names something the repository does not define (E130),
    placed where the source names it."""

    def __init__(self, message: str, path: str = "",
                 loc: Location | None = None) -> None:
        line, col = (loc.line, loc.col) if loc and loc.line else (1, 1)
        super().__init__(path or "<source>", line, col, "E130", message)


def compile_guideline(g: m.Guideline, ctx: Context | None = None) -> Any:
    """The published 2.0 document of a guideline, as Python values.

    A context that can keep compiled documents (a ``remember(g, compute)``
    method, as :class:`~interop.repository.Repository` has) is asked
    first: the pages of a docs build compile each guideline once, not once
    per page that shows it.  The document may then be shared: read it, do
    not change it."""
    ctx = ctx or NoContext()
    remember = getattr(ctx, "remember", None)
    if remember is not None:
        return remember(g, lambda: _compile_located(g, ctx))
    return _compile_located(g, ctx)


def _compile_located(g: m.Guideline, ctx: Context) -> Any:
    try:
        return _compile(g, ctx)
    except CompileError as exc:
        f = exc.finding
        raise CompileError(f.message, g.file, Location(f.line, f.col)
                           if f.line > 1 else g.metadata.loc_of("scoring")
                           if g.metadata else None) from None


def _compile(g: m.Guideline, ctx: Context) -> Any:
    required = {name for name, listed in g.capability_statuses().items()
                if listed[0][1] == "required"}
    out = _obj(g, (
        ("metadata", metadata(g.metadata, ctx) if g.metadata else None),
        ("platforms", _each(g.platforms, platform)),
        ("add-ons", _each(g.add_ons, platform)),
        ("components", _each(g.components, component)),
        ("capabilities", _each(g.capabilities,
                               lambda c: capability(g, c, ctx, required))),
        ("designated_sections", _each(g.designated_sections, designated)),
        ("test_repositories", _each(g.test_repositories, repository))))
    return out


def mapping(value: Any) -> dict[str, Any]:
    """A mapping of a published document, or {} where the source gave it
    another shape (the structure rules report that; readers carry on)."""
    return value if isinstance(value, dict) else {}


def dumps(document: Any) -> str:
    """The canonical text of a published document."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
