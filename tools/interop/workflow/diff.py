"""What changed between two guidelines, in the domain's words.

Used by the Board documents (what changed since the last approved
guideline) and by ``interop diff`` and ``interop review``.  Each change is
a value with a kind (``capability-promoted``, ``test-flagged``, ...), the
thing it concerns and a sentence; lists come in a stable order.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from interop import model as m
from interop.publish.compiler import (
    CompileError,
    NoContext,
    compile_guideline,
    mapping,
)

#: the kinds of change, in the order a reader wants them
KINDS = (
    "guideline-added", "metadata-changed", "criteria-changed",
    "cutoff-changed",
    "platform-component-added", "platform-component-removed",
    "capability-added", "capability-promoted", "capability-deprecated",
    "capability-removed", "capability-status-changed", "capability-dropped",
    "capability-changed", "test-added", "test-removed", "test-renamed",
    "test-flagged", "test-unflagged", "section-status-changed",
    "section-designation-changed",
)
_ORDER = {kind: n for n, kind in enumerate(KINDS)}


@dataclasses.dataclass(frozen=True)
class Change:
    kind: str
    subject: str          # the capability, test, criterion... concerned
    message: str
    path: tuple = ()      # where, in the newer guideline's document

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject,
                "message": self.message}


def shown(value: Any) -> str:
    """A value as a YAML source writes it: ``true``, ``null``, plain text
    and numbers, not Python's ``True``, ``None`` and ``'quotes'``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if value.strip() else f'"{value}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    return str(value)


def _statuses(g: m.Guideline) -> dict[str, str]:
    return {name: where[0][1] for name, where in
            g.capability_statuses().items()}


def _flag_code(test: m.Test) -> str:
    reason = test.flagged.reason if test.flagged else None
    return reason.split(" ", 1)[0] if isinstance(reason, str) and \
        reason else "flag"


def _metadata(old: m.Guideline, new: m.Guideline) -> list[Change]:
    out = []
    def approval(g: m.Guideline) -> dict[str, Any]:
        a = g.metadata.approval if g.metadata else None
        return {} if a is None else {"status": a.status,
                                     "target_approval": a.target_approval,
                                     "replaces": a.replaces,
                                     "releases": a.releases}
    before, after = approval(old), approval(new)
    for key in ("status", "target_approval", "replaces", "releases"):
        if before.get(key) != after.get(key):
            out.append(Change("metadata-changed", key,
                              f"{key} changed from {shown(before.get(key))} "
                              f"to {shown(after.get(key))}",
                              ("metadata", "os_trademark_approval", key)))
    return out


def _scoring(old: dict, new: dict) -> list[Change]:
    out = []
    was = mapping(mapping(mapping(old).get("metadata")).get("scoring"))
    now = mapping(mapping(mapping(new).get("metadata")).get("scoring"))
    if was.get("cutoff_score") != now.get("cutoff_score"):
        out.append(Change("cutoff-changed", "cutoff",
                          f"cutoff changed from "
                          f"{shown(was.get('cutoff_score'))} to "
                          f"{shown(now.get('cutoff_score'))}",
                          ("metadata", "scoring")))
    before = mapping(was.get("criteria"))
    after = mapping(now.get("criteria"))
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        b = b if b is None else mapping(b)
        a = a if a is None else mapping(a)
        if b is None:
            out.append(Change("criteria-changed", key,
                              f"criterion {key} added (weight "
                              f"{a.get('weight')})", ("metadata", "scoring")))
        elif a is None:
            out.append(Change("criteria-changed", key,
                              f"criterion {key} dropped",
                              ("metadata", "scoring")))
        elif b.get("weight") != a.get("weight"):
            out.append(Change("criteria-changed", key,
                              f"weight of {key} changed from "
                              f"{shown(b.get('weight'))} to "
                              f"{shown(a.get('weight'))}",
                              ("metadata", "scoring")))
    return out


def _platforms(old: m.Guideline, new: m.Guideline) -> list[Change]:
    out = []
    def refs(g: m.Guideline) -> set[tuple[str, str, str]]:
        found = set()
        for section in (g.platforms, g.add_ons):
            for p in (section or {}).values():
                for key in ("components", "required_platform_components",
                            "optional_platform_components"):
                    for r in getattr(p, key) or []:
                        found.add((p.name, key, str(r.name)))
        return found
    before, after = refs(old), refs(new)
    for name, key, comp in sorted(after - before):
        out.append(Change("platform-component-added", comp,
                          f"{name}: {key.replace('_', ' ')} gains {comp}"))
    for name, key, comp in sorted(before - after):
        out.append(Change("platform-component-removed", comp,
                          f"{name}: {key.replace('_', ' ')} loses {comp}"))
    return out


def _capabilities(old: m.Guideline, new: m.Guideline) -> list[Change]:
    out = []
    before, after = _statuses(old), _statuses(new)
    for name in sorted(set(before) | set(after)):
        was, now = before.get(name), after.get(name)
        path = ("capabilities", name)
        if was == now:
            continue
        if was is None:
            out.append(Change("capability-added", name,
                              f"capability {name} added as {now}", path))
        elif now is None:
            out.append(Change("capability-dropped", name,
                              f"capability {name} ({was}) no longer listed"))
        elif (was, now) == ("advisory", "required"):
            out.append(Change("capability-promoted", name,
                              f"capability {name} promoted advisory → "
                              "required", path))
        elif now == "deprecated":
            out.append(Change("capability-deprecated", name,
                              f"capability {name} deprecated (was {was})",
                              path))
        elif now == "removed":
            out.append(Change("capability-removed", name,
                              f"capability {name} removed (was {was})",
                              path))
        else:
            out.append(Change("capability-status-changed", name,
                              f"capability {name} {was} → {now}", path))
    old_caps, new_caps = old.capabilities or {}, new.capabilities or {}
    for name in sorted(set(old_caps) & set(new_caps)):
        a, b = old_caps[name], new_caps[name]
        for attr in ("project", "admin", "description"):
            if getattr(a, attr) != getattr(b, attr):
                out.append(Change("capability-changed", name,
                                  f"capability {name}: {attr} changed from "
                                  f"{shown(getattr(a, attr))} to "
                                  f"{shown(getattr(b, attr))}",
                                  ("capabilities", name, attr)))
        out.extend(_tests(a, b))
    return out


def _tests(old: m.Capability, new: m.Capability) -> list[Change]:
    out = []
    before = {t.name: t for t in old.iter_tests()}
    after = {t.name: t for t in new.iter_tests()}
    where = ("capabilities", new.name, "tests")
    for name in sorted(set(after) - set(before)):
        test = after[name]
        renamed = [o for o in before if o not in after and
                   before[o].idempotent_id == test.idempotent_id]
        if renamed:
            out.append(Change("test-renamed", name,
                              f"test {renamed[0]} of {new.name} renamed "
                              f"{name}", where + (name,)))
        else:
            out.append(Change("test-added", name, f"test {name} added to "
                              f"{new.name}", where + (name,)))
    for name in sorted(set(before) - set(after)):
        if not any(a.idempotent_id == before[name].idempotent_id
                   for a in after.values() if a.name not in before):
            out.append(Change("test-removed", name, f"test {name} removed "
                              f"from {new.name}", where))
    for name in sorted(set(before) & set(after)):
        was, now = before[name].flagged, after[name].flagged
        if was is None and now is not None:
            out.append(Change("test-flagged", name,
                              f"test {name} flagged {_flag_code(after[name])}"
                              f": {now.reason}", where + (name, "flagged")))
        elif was is not None and now is None:
            out.append(Change("test-unflagged", name,
                              f"test {name} no longer flagged",
                              where + (name,)))
    return out


def _sections(old: m.Guideline, new: m.Guideline) -> list[Change]:
    out = []
    before = {p: set(v) - {m.RAW}
              for p, v in (old.designated_sections or {}).items()}
    after = {p: set(v) - {m.RAW}
             for p, v in (new.designated_sections or {}).items()}
    for project in sorted(set(before) | set(after)):
        was, now = before.get(project, set()), after.get(project, set())
        if was != now:
            out.append(Change(
                "section-status-changed", project,
                f"designated sections of {project}: "
                f"{', '.join(sorted(was)) or 'none'} → "
                f"{', '.join(sorted(now)) or 'none'}",
                ("designated_sections", project)))
            continue
        for status in sorted(now & was):
            a = old.designated_sections[project][status].sections or {}
            b = new.designated_sections[project][status].sections or {}
            for name in sorted(set(a) & set(b)):
                if a[name].designated != b[name].designated:
                    out.append(Change(
                        "section-designation-changed", f"{project}/{name}",
                        f"{project} section '{name}' designated: "
                        f"{shown(a[name].designated)} → "
                        f"{shown(b[name].designated)}",
                        ("designated_sections", project, status,
                         "sections", name)))
    return out


def diff(old: m.Guideline, new: m.Guideline,
         old_doc: dict | None = None, new_doc: dict | None = None,
         ctx: Any = None) -> list[Change]:
    """The changes from ``old`` to ``new``, in reading order.

    ``old_doc``/``new_doc`` are their published forms (compiled with
    ``ctx`` when not given), which say what criteria apply.
    """
    ctx = ctx or NoContext()
    old_doc = old_doc if old_doc is not None else _published(old, ctx)
    new_doc = new_doc if new_doc is not None else _published(new, ctx)
    changes = (_metadata(old, new) + _scoring(old_doc, new_doc)
               + _platforms(old, new) + _capabilities(old, new)
               + _sections(old, new))
    return sorted(changes, key=lambda c: (_ORDER[c.kind], c.subject))


def _published(g: m.Guideline, ctx: Any) -> dict:
    try:
        doc = compile_guideline(g, ctx)
    except CompileError:  # an unknown criteria set: compare without it
        doc = compile_guideline(g)
    return doc if isinstance(doc, dict) else {}
