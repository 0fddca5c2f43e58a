"""Docutils nodes for the Board documents, built from the model.

Guideline text is data, never markup: every string from a guideline goes
into a text or literal node, which the writers escape, so a description
holding reStructuredText, raw HTML or ``<script>`` renders as the literal
text it is.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, cast

from docutils import nodes

from interop import model as m
from interop.checks import RULES
from interop.errors import Finding
from interop.docs import marks
# re-exported (``as``): the other renderers import them from here
from interop.docs.paragraph import Code
from interop.docs.paragraph import para as para
from interop.docs.paragraph import text as text
from interop.publish.compiler import mapping
from interop.repository import Repository
from interop.scoring.criteria import CriteriaSet
from interop.scoring.sheets import Sheet
from interop.scoring.tabulate import Report
from interop.series import version_of
from interop.text import is_safe_url
from interop.workflow.diff import Change, groups


def table(header: list[str], rows: list[list[Any]],
          classes: Iterable[str] = (),
          widths: list[int] | None = None) -> nodes.table:
    """A table; a cell is text, a node, or Code(text); ``widths``
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


def metadata(g: m.Guideline, doc: dict[str, Any]) -> nodes.field_list:
    meta = g.metadata or m.Metadata()
    a = meta.approval or m.Approval()
    scoring = mapping(mapping(mapping(doc).get("metadata")).get("scoring"))
    # [label, a paragraph's part: a value or a Code(value) literal]
    rows: list[list[Any]]
    rows = [["Program", program_name(g)],
            ["Guideline", Code(g.id)],
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
            out.append(bullets(["made of the components "
                                + ", ".join(refs)] + extra))
    return out


def capability_table(g: m.Guideline, doc: dict[str, Any], status: str,
                     totals: dict[str, str], light: bool = False
                     ) -> nodes.table | None:
    """The capabilities of one status; ``light``: the marks as one HTML
    node each (:func:`interop.docs.marks.marks`), for an HTML page."""
    statuses = {n: w[0][1] for n, w in g.capability_statuses().items()}
    names = [n for n in (g.capabilities or {}) if statuses.get(n) == status]
    if not names:
        return None
    assert g.capabilities is not None  # names were found in it
    published = mapping(mapping(doc).get("capabilities"))
    keys = marks.order(doc)
    rows = []
    for name in names:
        cap = g.capabilities[name]
        body = mapping(published.get(name))
        rows.append([Code(name), cap.project, cap.admin,
                     body.get("required_since", ""),
                     marks.marks(body.get("achievements"), keys, light),
                     totals.get(name, ""), len(cap.tests or {})])
    return table(["Capability", "Project", "Admin", "Required since",
                  "Achievements", "Score", "Tests"], rows,
                 [f"interop-{status}"])


def tests(cap: m.Capability) -> nodes.bullet_list:
    items = []
    for test in cap.iter_tests():
        item = para(Code(test.name), f" [{text(test.idempotent_id)}]")
        extra = []
        if isinstance(test.aliases, list) and test.aliases:
            extra.append(para("also known as: ",
                              *[Code(a) for a in test.aliases]))
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
            scores: dict[str, str] | None = None,
            why: dict[str, list[str]] | None = None,
            compact: bool = False) -> list[nodes.Node]:
    """What changed since ``since``, in plain words under the Board's
    headings (:func:`interop.workflow.diff.groups`).  ``original`` is the
    address of the published guideline compared with (a baseline's), shown
    as a link; ``scores`` (capability -> total) adds each capability's
    score to the sentences about it; ``why`` (capability -> lines: the
    sheet's note, commit subjects) follows the first sentence about each
    capability; ``compact`` (the packet) tells test changes as one
    sentence per capability."""
    if since is None:
        return [para("No earlier approved guideline of this program: "
                     "every capability is new (the table above gives each "
                     "one's score and status).")]
    if not items:
        return [para(f"No changes since {since}.")]
    head = _since(since, original)
    subject = {c.message: c.subject for c in items}
    told: set[str | None] = set()
    said: set[str] = set()

    def entry(sentence: str, explained: bool) -> nodes.Node:
        name = subject.get(sentence)
        box = nodes.container()
        box += para(sentence + (f" (scores {scores[name]})"
                                if scores and name in scores else ""))
        lines = (why or {}).get(name) if isinstance(name, str) and \
            explained else None
        # each capability's why once, and a commit that touched several
        # capabilities under the first of them only
        lines = [line for line in lines or [] if line not in said]
        if lines and name not in told:
            told.add(name)
            said.update(lines)
            box += bullets(para(line, classes=["interop-why"])
                           for line in lines)
        return box
    out = [head]
    for title, sentences in groups(items):
        out.append(para(f"{title} ({len(sentences)})",
                        classes=["interop-change-group"]))
        if compact and title in _BY_CAPABILITY:
            sentences = _per_capability(items, sentences,
                                        _BY_CAPABILITY[title])
        if compact and title in _RUN_ON:
            # the packet's page budget: one paragraph for long groups
            out.append(para("; ".join(s.split("; ")[0] for s in sentences)
                            + "."))
            continue
        # in a packet the why goes with status changes
        explained = not compact or title in _EXPLAINED
        out.append(bullets(entry(s, explained) for s in sentences))
    return out


def _since(since: str, original: str | None) -> nodes.paragraph:
    """The line the changes follow, linking the published original."""
    head = para(f"Since {since}, the last approved guideline")
    if original and is_safe_url(original):
        head += nodes.Text(" (the published original: ")
        head += nodes.reference(original, original, refuri=original)
        head += nodes.Text(")")
    head += nodes.Text(":")
    return head


#: the groups a packet runs on in one paragraph
_RUN_ON = ("Tests added", "Tests removed", "Tests renamed or moved",
           "Scores that moved", "Other changes")


#: the groups whose sentences a packet follows with their why
_EXPLAINED = ("Promoted", "Deprecated", "Removed")


#: test-level groups a packet tells per capability, with their word
_BY_CAPABILITY = {"Tests added": "added", "Tests removed": "removed",
                  "Tests renamed or moved": "renamed or moved"}


def _per_capability(items: list[Change], sentences: list[str],
                    word: str) -> list[str]:
    """One entry per capability for a group of test changes (the
    packet's page budget): "compute-servers-create (3)"."""
    by_message = {c.message: c for c in items}
    counts: dict[str, int] = {}
    for sentence in sentences:
        c = by_message.get(sentence)
        name = text(c.path[1]) if c is not None and len(c.path) > 1 and \
            c.path[0] == "capabilities" else text(getattr(c, "subject", ""))
        counts[name] = counts.get(name, 0) + 1
    return [f"{name} ({n})" for name, n in sorted(counts.items())]


def findings(items: list[Finding], quiet: str) -> list[nodes.Node]:
    """Findings in words: each code with its rule's name (the catalogue,
    :doc:`rules`, documents it), its severity, then the message."""
    if not items:
        return [para(quiet)]
    out = []
    for f in items:
        rule = RULES.get(f.code)
        name = f" {rule.name.replace('-', ' ')}" if rule else ""
        out.append(para(Code(f.code), f"{name} ({f.severity}): ",
                        f.message))
    return [bullets(out), para("The codes are those of the rule "
                               "catalogue (the Rules page), which says "
                               "what each checks.")]


def scores(rep: Report) -> nodes.table:
    columns = list(rep.sheet.criteria)
    rows = [[Code(r.name)] + [text(r.marks.get(k)) for k in columns]
            + [r.admin, str(r.total) + ("*" if r.meets else ""),
               r.status or "not listed"] for r in rep.rows]
    return table(["Capability"] + [rep.sheet.criteria[k].name or k
                                   for k in columns]
                 + ["Admin", "Total", "Status"], rows, ["interop-scores"])


class Flagged(Protocol):
    """A test :func:`flags` lists (a :class:`~interop.model.Test`): its
    flag is set."""

    @property
    def name(self) -> str: ...

    @property
    def flagged(self) -> m.Flag: ...


def flags(g: m.Guideline) -> list[tuple[m.Capability, Flagged]]:
    found = [(c, t) for c in g.iter_capabilities() for t in c.iter_tests()
             if t.flagged is not None]
    # the filter keeps the tests whose flag is set, which mypy cannot
    # carry from an attribute into the list's type
    return cast(list[tuple[m.Capability, Flagged]], found)


def totals(sheet: Sheet | None, g: m.Guideline) -> dict[str, str]:
    if sheet is None:
        return {}
    powered = g.program.kind == "powered"
    return {name: str(sheet.total(row, powered))
            for name, row in sheet.scores.items()}


# -- the approval chain (issue 16) -------------------------------------------

_WHO = {"project-team": "Project team", "working-group": "Working Group",
        "board": "Board of Directors"}


def who(record: Any) -> str:
    """Who took a decision, in words: "Working Group", "Project team
    (designate)"."""
    by = getattr(record, "by", None)
    name = _WHO.get(by, text(by)) if isinstance(by, str) else text(by)
    team = getattr(record, "team", None)
    return f"{name} ({text(team)})" if by == "project-team" and team \
        else name


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
        return [para("No decision recorded yet.")]
    rows = []
    for r in records:
        rows.append([who(r), text(r.date), link_para(r.reference),
                     text(r.note)])
    return [table(["Decision by", "Date", "Reference", "Note"], rows,
                  ["interop-approvals"])]


def criteria_set_of(repo: Repository, g: m.Guideline
                    ) -> CriteriaSet | None:
    """The criteria set a guideline names (resolved), or None."""
    meta = g.metadata
    name = meta.scoring.criteria_set if meta and meta.scoring else None
    return repo.criteria_sets.get(name) if name else None


def criteria_read(found: CriteriaSet | None, ident: str
                  ) -> list[nodes.Node]:
    """An overlay's criteria as its audience reads them: a section with
    each criterion, its weight and its reading (the base's description
    where the overlay gives none); nothing for a set that is no overlay."""
    if found is None or found.extends is None or not found.audience:
        return []
    rows = [[text(c.name or key), text(c.weight),
             text(found.read_as.get(key) or c.description)]
            for key, c in found.criteria.items()]
    intro = para(f"Scored with {text(found.name or found.id)}: the "
                 f"criteria of '{found.extends}' read for "
                 f"{text(found.audience)}, cutoff {text(found.cutoff)} of "
                 f"{text(found.total)}.")
    return [section(f"Criteria as read for {text(found.audience)}",
                    f"{ident}-criteria-read",
                    [intro, table(["Criterion", "Weight", "Read as"],
                                  rows, ["interop-criteria-read"])])]
