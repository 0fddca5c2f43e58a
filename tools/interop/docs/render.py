"""Docutils nodes for the Board documents, built from the model.

Guideline text is data, never markup: every string from a guideline goes
into a text or literal node, which the writers escape, so a description
holding reStructuredText, raw HTML or ``<script>`` renders as the literal
text it is.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes

from interop import model as m
from interop.errors import Finding
from interop.docs import marks
from interop.publish.compiler import mapping
from interop.scoring.sheets import Sheet
from interop.scoring.tabulate import Report
from interop.series import version_of
from interop.text import is_safe_url
from interop.workflow.diff import Change, groups


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(text(v) for v in value)
    return str(value)


def para(*parts: Any, classes: Iterable[str] = ()) -> nodes.paragraph:
    """A paragraph of plain text and (for ``("code", s)`` parts) literals."""
    node = nodes.paragraph(classes=list(classes))
    for part in parts:
        if isinstance(part, tuple) and part and part[0] == "code":
            node += nodes.literal(text(part[1]), text(part[1]))
        elif isinstance(part, nodes.Node):
            node += part
        else:
            node += nodes.Text(text(part))
    return node


def table(header: list[str], rows: list[list[Any]],
          classes: Iterable[str] = (),
          widths: list[int] | None = None) -> nodes.table:
    """A table; a cell is text, a node, or ("code", text); ``widths``
    are the columns' relative widths (the PDF uses them)."""
    tab = nodes.table(classes=["interop"] + list(classes))
    group = nodes.tgroup(cols=len(header))
    tab += group
    for width in widths or [1] * len(header):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(header)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return tab


def _row(cells: list[Any]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.Node) and not isinstance(
            cell, nodes.Text) else para(cell)
        row += entry
    return row


def section(title: str, ident: str, children: Iterable[nodes.Node]
            ) -> nodes.section:
    sec = nodes.section(ids=[nodes.make_id(ident)])
    sec += nodes.title(text=title)
    for child in children:
        sec += child
    return sec


def bullets(items: Iterable[Any]) -> nodes.bullet_list:
    out = nodes.bullet_list()
    for item in items:
        entry = nodes.list_item()
        entry += item if isinstance(item, nodes.Node) else para(item)
        out += entry
    return out


def link(url: Any, label: Any = None) -> nodes.Node:
    """A link when ``url`` is an http(s) URL, else the text itself: no
    ``javascript:`` or ``data:`` link can come from data."""
    shown = text(url if label is None else label)
    if is_safe_url(url):
        return nodes.reference(shown, shown, refuri=url)
    return nodes.Text(shown)


def program_name(g: m.Guideline) -> str:
    """How documents name a guideline's program: "OpenStack Powered",
    "DNS add-on", "NFV vertical" (an add-on's name as its ``add-ons``
    entry writes it, when it has one)."""
    if g.program.kind == "powered":
        return "OpenStack Powered"
    named = [k for k in (g.add_ons or {}) if isinstance(k, str)]
    if g.program.kind == "add-on" and len(named) == 1:
        label = named[0]
    else:
        name = text(g.program.name)
        label = name.upper() if len(name) <= 3 else \
            " ".join(w.capitalize() for w in name.split("-"))
    return f"{label} {g.program.kind}"


def title(g: m.Guideline, packet: bool = False) -> str:
    """A document's title: "OpenStack Powered 2026.06", "DNS add-on —
    draft next", "Board packet: DNS add-on — review next"."""
    version = version_of(g) or text(g.id)
    status = text(g.status)
    name = f"{program_name(g)} {version}" if status in (
        "approved", "superseded") else \
        f"{program_name(g)} — {status} {version}"
    return ("Board packet: " if packet else "") + name


def metadata(g: m.Guideline, doc: dict) -> nodes.field_list:
    meta = g.metadata or m.Metadata()
    a = meta.approval or m.Approval()
    scoring = mapping(mapping(mapping(doc).get("metadata")).get("scoring"))
    rows = [["Program", program_name(g)],
            ["Guideline", ("code", g.id)],
            ["Status", a.status],
            ["Target approval", a.target_approval],
            ["Replaces", a.replaces or "nothing: the first of its program"],
            ["OpenStack releases", a.releases],
            ["Criteria", (meta.scoring.criteria_set if meta.scoring and
                          meta.scoring.criteria_set else "written out")
             + f", cutoff {scoring.get('cutoff_score')}"]]
    if g.program.builds_on:
        rows.append(["Builds on", f"OpenStack Powered {g.program.builds_on}"])
    if g.program.proposed_by:
        rows.append(["Proposed by", g.program.proposed_by])
    fields = nodes.field_list(classes=["interop-metadata"])
    for name, value in rows:
        field = nodes.field()
        field += nodes.field_name(text=name)
        body = nodes.field_body()
        body += para(value)
        field += body
        fields += field
    return fields


def platforms(g: m.Guideline) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for label, items in (("Platform", g.platforms), ("Add-on", g.add_ons)):
        for p in (items or {}).values():
            refs = [f"{r.name}" + (f" (from {r.source})" if r.source else "")
                    for r in p.components or []]
            extra = [f"requires {r.name}" for r in
                     p.required_platform_components or []] + \
                [f"may use {r.name}" for r in
                 p.optional_platform_components or []]
            out.append(para(nodes.strong(text=f"{label} {p.name}: "),
                            text(p.description)))
            out.append(bullets(["components: " + ", ".join(refs)] + extra))
    return out


def capability_table(g: m.Guideline, doc: dict, status: str,
                     totals: dict[str, str]) -> nodes.table | None:
    statuses = {n: w[0][1] for n, w in g.capability_statuses().items()}
    names = [n for n in (g.capabilities or {}) if statuses.get(n) == status]
    if not names:
        return None
    published = mapping(mapping(doc).get("capabilities"))
    rows = []
    for name in names:
        cap = g.capabilities[name]
        body = mapping(published.get(name))
        rows.append([("code", name), cap.project, cap.admin,
                     body.get("required_since", ""),
                     marks.marks(body.get("achievements"), marks.order(doc)),
                     totals.get(name, ""), len(cap.tests or {})])
    return table(["Capability", "Project", "Admin", "Required since",
                  "Achievements", "Score", "Tests"], rows,
                 [f"interop-{status}"])


def tests(cap: m.Capability) -> nodes.bullet_list:
    items = []
    for test in cap.iter_tests():
        item = para(("code", test.name), f" [{text(test.idempotent_id)}]")
        extra = []
        if isinstance(test.aliases, list) and test.aliases:
            extra.append(para("also known as: ",
                              *[("code", a) for a in test.aliases]))
        if test.flagged is not None:
            f = test.flagged
            extra.append(para(nodes.strong(text="flagged: "),
                              f"{text(f.reason)} (action: {text(f.action)};"
                              f" {text(f.date)})", classes=["interop-flag"]))
        entry = nodes.container()
        entry += item
        for e in extra:
            entry += e
        items.append(entry)
    out = bullets(items)
    out["classes"].append("interop-tests")
    return out


def designated_sections(g: m.Guideline) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for project, by_status in (g.designated_sections or {}).items():
        for status, ds in by_status.items():
            if status is m.RAW:
                continue
            out.append(para(nodes.strong(text=f"{project} ({status}): "),
                            text(ds.guidance)))
            rows = [[name, s.designated, text(s.description),
                     text(s.comment)]
                    for name, s in (ds.sections or {}).items()]
            if rows:
                out.append(table(["Section", "Designated", "Description",
                                  "Comment"], rows))
    return out


def changes(items: list[Change], since: str | None,
            original: str | None = None,
            scores: dict[str, str] | None = None) -> list[nodes.Node]:
    """What changed since ``since``, in plain words under the Board's
    headings (:func:`interop.workflow.diff.groups`).  ``original`` is the
    address of the published guideline compared with (a baseline's), shown
    as a link; ``scores`` (capability -> total) adds each capability's
    score to the sentences about it."""
    if since is None:
        return [para("No earlier approved guideline of this program: "
                     "every capability is new (the table above gives each "
                     "one's score and status).")]
    if not items:
        return [para(f"No changes since {since}.")]
    head = para(f"Since {since}, the last approved guideline")
    if original and is_safe_url(original):
        head += nodes.Text(" (the published original: ")
        head += nodes.reference(original, original, refuri=original)
        head += nodes.Text(")")
    head += nodes.Text(":")
    subject = {c.message: c.subject for c in items}
    out = [head]
    for title, sentences in groups(items):
        out.append(para(f"{title} ({len(sentences)})",
                        classes=["interop-change-group"]))
        out.append(bullets(
            s + (f" (scores {scores[subject[s]]})"
                 if scores and subject.get(s) in scores else "")
            for s in sentences))
    return out


#: groups of "what changed", in reading order: heading, kinds
CHANGE_GROUPS = (
    ("Promoted to required", ("capability-promoted",)),
    ("New capabilities", ("capability-added",)),
    ("Deprecated", ("capability-deprecated",)),
    ("Removed", ("capability-removed", "capability-dropped")),
    ("Other status changes", ("capability-status-changed",)),
    ("Capabilities edited", ("capability-changed", "test-added",
                             "test-removed", "test-renamed")),
    ("Flags", ("test-flagged", "test-unflagged")),
    ("Criteria and cutoff", ("criteria-changed", "cutoff-changed")),
    ("Guideline", ("guideline-added", "metadata-changed")),
    ("Platforms", ("platform-component-added",
                   "platform-component-removed")),
    ("Designated sections", ("section-status-changed",
                             "section-designation-changed")),
)


def change_words(c: Change, old: m.Guideline | None = None,
                 new: m.Guideline | None = None) -> str:
    """A change as a sentence with no Python reprs in it: for the kinds
    whose message quotes values, the values are read from the two
    guidelines and written as text (a description only says it
    changed: the table shows the new one)."""
    def value(g: m.Guideline | None, *attrs: str) -> str:
        node: Any = g
        for attr in attrs:
            node = getattr(node, attr, None) if node is not None else None
        return text(node) or "none"
    if c.kind == "capability-changed" and c.path:
        attr = text(c.path[-1])
        said = f"capability {text(c.subject)}: its {attr} changed"
        if attr in ("project", "admin") and old is not None and \
                new is not None:
            was = (old.capabilities or {}).get(c.subject)
            now = (new.capabilities or {}).get(c.subject)
            said += f" from {text(getattr(was, attr, None)) or 'none'} " \
                f"to {text(getattr(now, attr, None)) or 'none'}"
        return said
    if c.kind == "metadata-changed":
        said = f"{text(c.subject).replace('_', ' ')} changed"
        if old is not None and new is not None:
            said += f" from {value(old, 'metadata', 'approval', c.subject)}" \
                f" to {value(new, 'metadata', 'approval', c.subject)}"
        return said
    return text(c.message)


def capability_of(c: Change) -> str:
    """The capability a change concerns (a test's, for a test change)."""
    if len(c.path) > 1 and c.path[0] == "capabilities":
        return text(c.path[1])
    return text(c.subject)


#: changes that edit a capability without changing its status: told as
#: one line per capability, with counts of its tests' changes
EDITS = ("capability-changed", "test-added", "test-removed", "test-renamed")
_TEST_WORDS = {"test-added": "added", "test-removed": "removed",
               "test-renamed": "renamed"}


def _edits(chosen: list[Change], old: m.Guideline | None,
           new: m.Guideline | None) -> dict[str, list[str]]:
    """Capability -> what was edited in it, in words."""
    out: dict[str, list[str]] = {}
    counts: dict[str, dict[str, int]] = {}
    for c in chosen:
        name = capability_of(c)
        if c.kind == "capability-changed":
            words = change_words(c, old, new).split(": ", 1)[-1]
            out.setdefault(name, []).append(words.replace("its ", "", 1))
        else:
            out.setdefault(name, [])
            tally = counts.setdefault(name, {})
            tally[c.kind] = tally.get(c.kind, 0) + 1
    for name, tally in counts.items():
        for kind, word in _TEST_WORDS.items():
            if tally.get(kind):
                n = tally[kind]
                out[name].append(f"{n} test{'s' if n > 1 else ''} {word}")
    return out


def plain_changes(items: list[Change], since: str | None,
                  why: dict[str, list[str]],
                  old: m.Guideline | None = None,
                  new: m.Guideline | None = None) -> list[nodes.Node]:
    """What changed, grouped and in plain words, each capability's change
    followed once by its why (``why``: capability -> lines; an edit that
    leaves the status alone shows only its commits).  The one place the
    packet words changes: a plainer grouping can replace it."""
    if since is None:
        return [para("No earlier approved guideline of this program: "
                     "every capability is new (the table above gives each "
                     "one's score and status).")]
    if not items:
        return [para(f"No changes since {since}.")]
    out: list[nodes.Node] = [para(f"Since {since}:")]
    shown: set[str] = set()
    known = {k for _, kinds in CHANGE_GROUPS for k in kinds}
    groups = list(CHANGE_GROUPS) + [("Other", tuple(
        sorted({c.kind for c in items} - known)))]

    def entry(words: str, name: str, commits_only: bool) -> nodes.Node:
        box = nodes.container()
        box += para(words)
        lines = [w for w in why.get(name, [])
                 if not commits_only or w.startswith("commit: ")]
        if lines and name not in shown:
            shown.add(name)
            box += bullets(para(line, classes=["interop-why"])
                           for line in lines)
        return box
    for heading, kinds in groups:
        chosen = [c for c in items if c.kind in kinds]
        if not chosen:
            continue
        if set(kinds) <= set(EDITS):
            edits = _edits(chosen, old, new)
            entries = [entry(f"{name}: {', '.join(words)}", name, True)
                       for name, words in sorted(edits.items())]
        else:
            entries = [entry(change_words(c, old, new), capability_of(c),
                             False) for c in chosen]
        out.append(para(nodes.strong(text=f"{heading} ({len(entries)})"),
                        classes=["interop-change-group"]))
        out.append(bullets(entries))
    return out


def findings(items: list[Finding], quiet: str) -> list[nodes.Node]:
    if not items:
        return [para(quiet)]
    return [bullets(para(f"{f.code} ({f.severity}) ", f.message)
                    for f in items)]


def scores(rep: Report) -> nodes.table:
    columns = list(rep.sheet.criteria)
    rows = [[("code", r.name)] + [text(r.marks.get(k)) for k in columns]
            + [r.admin, str(r.total) + ("*" if r.meets else ""),
               r.status or "not listed"] for r in rep.rows]
    return table(["Capability"] + [rep.sheet.criteria[k].name or k
                                   for k in columns]
                 + ["Admin", "Total", "Status"], rows, ["interop-scores"])


def flags(g: m.Guideline) -> list[tuple[m.Capability, m.Test]]:
    return [(c, t) for c in g.iter_capabilities() for t in c.iter_tests()
            if t.flagged is not None]


def totals(sheet: Sheet | None, g: m.Guideline) -> dict[str, str]:
    if sheet is None:
        return {}
    powered = g.program.kind == "powered"
    return {name: str(sheet.total(row, powered))
            for name, row in sheet.scores.items()}


# -- the approval chain (issue 16) -------------------------------------------

_WHO = {"project-team": "Project team", "working-group": "Working Group",
        "board": "Board of Directors"}


def link_para(value: Any) -> nodes.Node:
    """A reference as a paragraph: a link when it is a safe (http, https)
    URL, else the literal text it is."""
    return para(link(value))


def approvals(g: m.Guideline) -> list[nodes.Node]:
    """The approval chain as recorded: who decided, when, and where it is
    recorded (a link only for http(s) URLs)."""
    records = (g.metadata.approvals if g.metadata else None) or []
    records = [r for r in records if m.RAW not in r.extra]
    if not records:
        return [para("No decision recorded yet (metadata.approvals).")]
    rows = []
    for r in records:
        who = _WHO.get(r.by, text(r.by))
        if r.by == "project-team" and r.team:
            who = f"{who} ({text(r.team)})"
        rows.append([who, text(r.date), link_para(r.reference), text(r.note)])
    return [table(["Decision by", "Date", "Reference", "Note"], rows,
                  ["interop-approvals"])]
