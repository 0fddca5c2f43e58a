"""What changed between two guidelines, in the domain's words.

Used by the Board documents (what changed since the last approved
guideline) and by ``interop diff`` and ``interop review``.  Each change is
a value with a kind (``capability-promoted``, ``test-flagged``, ...), the
thing it concerns and a sentence in plain words (values as a reader writes
them, never as Python shows them); lists come in a stable order.
:func:`groups` sorts the sentences under the headings a Board member
reads them by.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Literal, get_args

from interop import model as m
from interop.series import is_baseline
from interop.scoring.score import total as score_total
from interop.publish.compiler import (
    CompileError,
    Context,
    NoContext,
    compile_guideline,
    mapping,
)
from interop.text import as_text

#: the kinds of change, in the order a reader wants them: a ``Literal`` so
#: that the type checker checks every kind written or compared, while the
#: values stay plain strings in every output (text, JSON, YAML)
ChangeKind = Literal[
    "guideline-added", "metadata-changed", "criteria-changed",
    "cutoff-changed",
    "platform-component-added", "platform-component-removed",
    "capability-added", "capability-promoted", "capability-deprecated",
    "capability-removed", "capability-status-changed", "capability-dropped",
    "capability-changed", "test-added", "test-removed", "test-renamed",
    "test-moved",
    "test-flagged", "test-unflagged", "score-changed",
    "section-status-changed", "section-designation-changed",
]
KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
_ORDER = {kind: n for n, kind in enumerate(KINDS)}


@dataclasses.dataclass(frozen=True)
class Change:
    kind: ChangeKind
    subject: str          # the capability, test, criterion... concerned
    message: str
    path: tuple[str, ...] = ()  # where, in the newer guideline's document
    status: str | None = None  # a capability's status in the newer one

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject,
                "message": self.message}


def words(value: Any) -> str:
    """A value as a reader writes it: lists joined, yes/no as true/false,
    nothing as "none"."""
    return as_text(value)


def said(key: str, before: Any, after: Any) -> str:
    """``key: new (was old)``, ``key: new (new)`` or ``key: none (was
    old)``."""
    if before is None:
        return f"{key}: {words(after)} (new)"
    return f"{key}: {words(after)} (was {words(before)})"


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
    # a published add-on wrote its own id as its target approval
    # ("orchestration.2020.06"): the Board reads the month it names
    was = before.get("target_approval")
    if isinstance(was, str) and "." in was and not was[:1].isdigit():
        before["target_approval"] = was.split(".", 1)[1]
    for key in ("status", "target_approval", "replaces", "releases"):
        if before.get(key) != after.get(key):
            out.append(Change("metadata-changed", key,
                              said(key.replace("_", " "), before.get(key),
                                   after.get(key)),
                              ("metadata", "os_trademark_approval", key)))
    return out


def _scoring(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    out = []
    was = mapping(mapping(mapping(old).get("metadata")).get("scoring"))
    now = mapping(mapping(mapping(new).get("metadata")).get("scoring"))
    if was.get("cutoff_score") != now.get("cutoff_score"):
        out.append(Change("cutoff-changed", "cutoff",
                          f"cutoff changed from "
                          f"{words(was.get('cutoff_score'))} to "
                          f"{words(now.get('cutoff_score'))}",
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
                              f"{mapping(a).get('weight')})",
                              ("metadata", "scoring")))
        elif a is None:
            out.append(Change("criteria-changed", key,
                              f"criterion {key} dropped",
                              ("metadata", "scoring")))
        elif b.get("weight") != a.get("weight"):
            out.append(Change("criteria-changed", key,
                              f"weight of {key} changed from "
                              f"{words(b.get('weight'))} to "
                              f"{words(a.get('weight'))}",
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
                              f"capability {name} added as {now}", path,
                              now))
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
    # a baseline holds no prose: its descriptions are not "changed"
    attrs = ("project", "admin") if is_baseline(old) else \
        ("project", "admin", "description", "kind", "resource_types")
    old_home, new_home = _homes(old), _homes(new)
    for name in sorted(set(old_caps) & set(new_caps)):
        a, b = old_caps[name], new_caps[name]
        for attr in attrs:
            if getattr(a, attr) != getattr(b, attr):
                out.append(Change("capability-changed", name,
                                  f"capability {name}: " + said(
                                      attr, getattr(a, attr),
                                      getattr(b, attr)),
                                  ("capabilities", name, attr)))
        out.extend(_tests(a, b, old_home, new_home))
    return out


def _homes(g: m.Guideline) -> dict[str, str]:
    """Test name -> the capability that lists it."""
    return {t.name: c.name for c in g.iter_capabilities()
            for t in c.iter_tests()}


def _tests(old: m.Capability, new: m.Capability, old_home: dict[str, str],
           new_home: dict[str, str]) -> list[Change]:
    """Tests added, removed, renamed, moved (reported where they left)
    and flags set or lifted, in one capability of both guidelines."""
    out = []
    before = {t.name: t for t in old.iter_tests()}
    after = {t.name: t for t in new.iter_tests()}
    where = ("capabilities", new.name, "tests")
    def same(a: m.Test, b: m.Test) -> bool:
        """One test under two names: the same id, however written
        (``id-`` prefix or bare UUID, as add-on files write them)."""
        return (m.normal_id(a.idempotent_id) or a.idempotent_id) == \
            (m.normal_id(b.idempotent_id) or b.idempotent_id)

    for name in sorted(set(after) - set(before)):
        test = after[name]
        renamed = [o for o in before if o not in after and
                   same(before[o], test)]
        if renamed:
            out.append(Change("test-renamed", name,
                              f"test {renamed[0]} of {new.name} renamed "
                              f"{name}", where + (name,)))
        elif old_home.get(name, new.name) != new.name:
            continue  # moved here: said where it left
        else:
            out.append(Change("test-added", name, f"test {name} added to "
                              f"{new.name}", where + (name,)))
    for name in sorted(set(before) - set(after)):
        if name in new_home:
            out.append(Change("test-moved", name, f"test {name} moved from "
                              f"{new.name} to {new_home[name]}",
                              ("capabilities", new_home[name], "tests",
                               name)))
        elif not any(same(a, before[name])
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
    # the statuses listed (a RAW key keeps a value that is not one)
    before = {p: {s for s in v if s is not None}
              for p, v in (old.designated_sections or {}).items()}
    after = {p: {s for s in v if s is not None}
             for p, v in (new.designated_sections or {}).items()}
    for project in sorted(set(before) | set(after)):
        was, now = before.get(project, set()), after.get(project, set())
        if was != now:
            # in words: which lists of sections the project gains or
            # loses ("heat gains advisory designated sections")
            said = [f"gains {s} sections" for s in sorted(now - was)] + \
                [f"no longer has {s} sections" for s in sorted(was - now)]
            out.append(Change(
                "section-status-changed", project,
                f"designated sections of {project}: " + "; ".join(said)
                + f" (it now lists {', '.join(sorted(now)) or 'none'})",
                ("designated_sections", project)))
            continue
        for status in sorted(now & was):
            # both list the project's status here: neither is None
            a = (old.designated_sections or {})[project][status].sections \
                or {}
            b = (new.designated_sections or {})[project][status].sections \
                or {}
            for name in sorted(set(a) & set(b)):
                if a[name].designated != b[name].designated:
                    out.append(Change(
                        "section-designation-changed", f"{project}/{name}",
                        f"{project} section '{name}' designated: "
                        f"{words(a[name].designated)} → "
                        f"{words(b[name].designated)}",
                        ("designated_sections", project, status,
                         "sections", name)))
    return out


def diff(old: m.Guideline, new: m.Guideline,
         old_doc: dict[str, Any] | None = None,
         new_doc: dict[str, Any] | None = None,
         ctx: Context | None = None) -> list[Change]:
    """The changes from ``old`` to ``new``, in reading order.

    ``old_doc``/``new_doc`` are their published forms (compiled with
    ``ctx`` when not given), which say what criteria apply.
    """
    ctx = ctx or NoContext()
    old_doc = old_doc if old_doc is not None else _published(old, ctx)
    new_doc = new_doc if new_doc is not None else _published(new, ctx)
    changes = (_metadata(old, new) + _scoring(old_doc, new_doc)
               + _platforms(old, new) + _capabilities(old, new)
               + _scores(old_doc, new_doc, new.program.kind == "powered")
               + _sections(old, new))
    return sorted(changes, key=lambda c: (_ORDER[c.kind], c.subject))


def _published(g: m.Guideline, ctx: Context) -> dict[str, Any]:
    try:
        doc = compile_guideline(g, ctx)
    except CompileError:  # an unknown criteria set: compare without it
        doc = compile_guideline(g)
    return doc if isinstance(doc, dict) else {}


def _scores(old: dict[str, Any], new: dict[str, Any],
            powered: bool = False) -> list[Change]:
    """Capabilities in both whose achievements moved, with the totals the
    newer guideline's criteria weights give them
    (:func:`interop.scoring.score.total`: admin-only is 0 in Powered).
    Only a total that moved is a score that moved; achievements that
    changed under an unchanged total are another change."""
    criteria = mapping(mapping(mapping(new.get("metadata")).get("scoring"))
                       .get("criteria"))
    weight = {k: mapping(v).get("weight") for k, v in criteria.items()}
    name = {k: mapping(v).get("name") or k for k, v in criteria.items()}

    def achieved(doc: dict[str, Any]) -> dict[str, tuple[set[str], Any]]:
        return {cap: ({a for a in body["achievements"]
                       if isinstance(a, str)}, body.get("admin"))
                for cap, body in mapping(doc.get("capabilities")).items()
                if isinstance(body, dict)
                and isinstance(body.get("achievements"), list)}

    def total(marks: set[str], admin: Any) -> int:
        return score_total(dict.fromkeys(marks, 1), weight, admin,
                           powered).points

    before, after = achieved(old), achieved(new)
    out = []
    for cap in sorted(set(before) & set(after)):
        (was, was_admin), (now, now_admin) = before[cap], after[cap]
        if was == now:
            continue
        moved = []
        if now - was:
            moved.append("gains " + ", ".join(sorted(
                name.get(k, k) for k in now - was)))
        if was - now:
            moved.append("loses " + ", ".join(sorted(
                name.get(k, k) or "an empty entry" for k in was - now)))
        then, there = total(was, was_admin), total(now, now_admin)
        if then == there:
            out.append(Change("capability-changed", cap,
                              f"capability {cap}: achievements changed, "
                              f"score unchanged at {there}; "
                              + "; ".join(moved),
                              ("capabilities", cap, "achievements")))
            continue
        out.append(Change("score-changed", cap,
                          f"{cap}: scores {there} (was {then}); "
                          + "; ".join(moved),
                          ("capabilities", cap, "achievements")))
    return out


#: the Board's headings and the kinds of change under each, in order
GROUPS: tuple[tuple[str, tuple[ChangeKind, ...]], ...] = (
    ("Guideline", ("guideline-added", "metadata-changed", "criteria-changed",
                   "cutoff-changed", "platform-component-added",
                   "platform-component-removed")),
    ("Promoted", ("capability-promoted",)),
    ("Newly advisory", ()),
    ("Deprecated", ("capability-deprecated",)),
    ("Removed", ("capability-removed", "capability-dropped")),
    ("Tests added", ("test-added",)),
    ("Tests removed", ("test-removed",)),
    ("Tests renamed or moved", ("test-renamed", "test-moved")),
    ("Flags", ("test-flagged", "test-unflagged")),
    ("Scores that moved", ("score-changed",)),
    ("Other changes", ("capability-added", "capability-status-changed",
                       "capability-changed", "section-status-changed",
                       "section-designation-changed")),
)


def _newly_advisory(change: Change) -> bool:
    return change.kind == "capability-added" and change.status == "advisory"


def groups(changes: list[Change]) -> list[tuple[str, list[str]]]:
    """The changes as the Board reads them: (heading, sentences) for each
    heading of :data:`GROUPS` that has any, in that order.  Capabilities
    added as advisory go under "Newly advisory", those added with another
    status under "Other changes"; every change is under exactly one
    heading."""
    out = []
    for title, kinds in GROUPS:
        if title == "Newly advisory":
            items = [c for c in changes if _newly_advisory(c)]
        else:
            items = [c for c in changes if c.kind in kinds
                     and not _newly_advisory(c)]
        if items:
            out.append((title, [c.message for c in items]))
    return out
