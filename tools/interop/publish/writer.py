"""The model out to YAML source text, in the source format's short forms.

Used by the importer and by the commands that create guidelines.  The
source is the published layout (see :mod:`interop.publish.compiler`) with the
conveniences of ``doc/source/format.rst`` applied where they lose nothing.
"""
from __future__ import annotations

from typing import Any

import yaml

from interop import model as m
from interop.publish.compiler import NoContext, compile_guideline


class _SourceDumper(yaml.SafeDumper):
    """Block style, keys in the order given, sequences indented under
    their key (as yamllint and most editors expect)."""

    def increase_indent(self, flow: bool = False,
                        indentless: bool = False) -> None:
        super().increase_indent(flow, False)


#: line breaks other than "\n" and "\r" that YAML reads as a break or
#: folds (NEL, LS, PS, and the controls Python's splitlines breaks on): a
#: string holding one is written double-quoted, where YAML escapes them,
#: so that it reads back as it was
_ODD_BREAKS = frozenset("\x85\u2028\u2029\x0b\x0c\x1c\x1d\x1e")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _ODD_BREAKS.intersection(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                       style='"')
    return dumper.represent_str(value)


_SourceDumper.add_representer(str, _text)


def source_tree(g: m.Guideline) -> Any:
    """The source document of a guideline, as Python values (JSON: a
    mapping, or the value as written where the guideline is not one)."""
    doc = compile_guideline(g, _KeepSets())
    if not isinstance(doc, dict):
        return doc
    program = {"kind": g.program.kind, "name": g.program.name}
    for key in ("builds_on", "proposed_by"):
        if getattr(g.program, key) is not None:
            program[key] = getattr(g.program, key)
    head: dict[str, Any] = {"program": program}
    if not g.derive:
        head["derive"] = False
    meta = doc.get("metadata")
    if isinstance(meta, dict) and g.metadata and g.metadata.schema is None:
        meta.pop("schema", None)
    for c in g.iter_capabilities():
        tests = (doc["capabilities"].get(c.name) or {}).get("tests") \
            if isinstance(doc["capabilities"].get(c.name), dict) else None
        for t in c.iter_tests():
            body = tests.get(t.name) if isinstance(tests, dict) else None
            if isinstance(tests, dict) and isinstance(body, dict) \
                    and list(body) == ["idempotent_id"] \
                    and isinstance(body["idempotent_id"], str):
                tests[t.name] = body["idempotent_id"]
    for section in ("platforms", "add-ons"):
        items = doc.get(section)
        for p in (items.values() if isinstance(items, dict) else ()):
            if not isinstance(p, dict):
                continue
            for key, refs in p.items():
                if key.endswith("components") and isinstance(refs, list):
                    p[key] = [r["name"] if isinstance(r, dict)
                              and list(r) == ["name"]
                              and isinstance(r["name"], str) else r
                              for r in refs]
    out = dict(head)
    out.update(doc)
    if g.imported is not None:
        out["imported"] = g.imported
    return out


class _KeepSets(NoContext):
    """Compile for the source: a named criteria set stays a name."""

    def criteria_set(self, name: str) -> m.Scoring | None:
        return m.Scoring(extra={m.RAW: name})


def dump(tree: Any, header: str = "") -> str:
    """YAML text of a source tree, with an optional comment header."""
    text = yaml.dump(tree, Dumper=_SourceDumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False,
                     width=1 << 20, indent=2)
    lines = "".join(f"# {line}".rstrip() + "\n"
                    for line in header.splitlines()) if header else ""
    return lines + text
