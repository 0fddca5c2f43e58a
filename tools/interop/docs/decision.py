"""The Board packet: the page a Board member decides from.

In the order a decision is made: a summary box (what it is, where it
stands, how many of what, against the last approved guideline), a chart
of every scored capability's total against the cutoff, a table of every
capability, the candidates left out and why, what changed and why, then
flags, conflicts with Powered, tests that need admin and the change under
review.  Every string from data goes into text nodes (interop.docs.render).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from docutils import nodes

from interop import model as m
from interop.docs import chart, history, render
from interop.docs.board import Facts, Links, facts, original_of
from interop.repository import Repository
from interop.scoring.tabulate import report

STATUS_ORDER = ("required", "advisory", "deprecated", "removed")


#: makes the chart's node from (bars, cutoff, title, alt)
ChartMaker = Callable[[list, Any, str, str], nodes.Node]


def svg_chart(bars: list, cutoff: Any, title: str, alt: str) -> nodes.Node:
    """The chart for HTML: SVG drawn now, embedded as a data URI (an
    image a browser shows and never runs)."""
    svg = chart.render(bars, cutoff, title, "svg")
    return nodes.image(uri=chart.data_uri(svg), alt=alt,
                       classes=["interop-chart"])


def _statuses(g: m.Guideline) -> dict[str, str]:
    return {n: w[0][1] for n, w in g.capability_statuses().items()}


def one_line(value: Any, limit: int = 80) -> str:
    """A description's first sentence, at most ``limit`` characters."""
    words = " ".join(render.text(value).split())
    first = re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit - 1] + "\u2026"


def _count(counter: Counter, order: tuple = STATUS_ORDER) -> str:
    parts = [f"{counter[s]} {s}" for s in order if counter.get(s)]
    return ", ".join(parts) or "none"


def _touched(f: Facts) -> dict[str, str]:
    """Capability -> how it differs from the last approved guideline."""
    out: dict[str, str] = {}
    if f.previous is None:
        return out
    words = {"capability-added": "new", "capability-promoted": "promoted",
             "capability-deprecated": "deprecated",
             "capability-removed": "removed",
             "capability-status-changed": "status changed"}
    for c in f.changes:
        if c.kind in words:
            out[c.subject] = words[c.kind]
        elif len(c.path) > 1 and c.path[0] == "capabilities":
            out.setdefault(str(c.path[1]), "changed")
    return out


def approvals(g: m.Guideline) -> list[str]:
    """The approval chain so far (``metadata.approvals``, when the source
    has one), one line of text each."""
    meta = g.metadata
    found = getattr(meta, "approvals", None) if meta else None
    if found is None and meta is not None:
        found = meta.extra.get("approvals")
    if not isinstance(found, list):
        return []
    out = []
    for step in found:
        if isinstance(step, dict):
            out.append(", ".join(f"{render.text(k)}: {render.text(v)}"
                                 for k, v in step.items()))
        else:
            out.append(render.text(getattr(step, "__dict__", step)
                                   if not isinstance(step, str) else step))
    return out


def summary(f: Facts, rep: Any, links: Links) -> nodes.Node:
    g = f.source.guideline
    a = (g.metadata.approval if g.metadata else None) or m.Approval()
    statuses = _statuses(g)
    caps = Counter(statuses.get(c.name) for c in g.iter_capabilities())
    tests = Counter()
    for cap in g.iter_capabilities():
        tests[statuses.get(cap.name)] += len(cap.tests or {})
    flagged = render.flags(g)
    kinds = Counter(c.kind for c in f.changes)
    advisory = sum(1 for c in f.changes if c.kind in (
        "capability-added", "capability-status-changed")
        and statuses.get(c.subject) == "advisory")
    against = "no earlier approved guideline" if f.previous is None else (
        f"{kinds['capability-promoted']} promoted, {advisory} new "
        f"advisory, {kinds['capability-deprecated']} deprecated, "
        f"{kinds['capability-removed'] + kinds['capability-dropped']} "
        f"removed (against {render.text(f.previous.id)})")
    replaces = render.text(f.previous.id) if f.previous is not None else (
        render.text(a.replaces) or "nothing: the first approved guideline "
        "of its program")
    chain = approvals(g)
    rows: list[tuple[str, Any]] = [
        ("Program", render.program_name(g)),
        ("Guideline", ("code", g.id)),
        ("Status", a.status),
        ("Target approval", a.target_approval or "not set"),
        ("Replaces", replaces),
        ("Approvals so far", "; ".join(chain) if chain else "none yet"),
        ("Capabilities", _count(caps)),
        ("Tests", _count(tests)),
        ("Flags", f"{len(flagged)} flagged tests" if flagged else "none"),
        ("Against the last approved", against),
    ]
    if rep is not None:
        rows.append(("Cutoff", f"{render.text(rep.cutoff)} points"))
    docs: list[Any] = []
    for label, uri in (("guideline page", links.page),
                       ("this packet as PDF", links.pdf),
                       ("this packet as a web page", links.packet)):
        if uri:
            if docs:
                docs.append(" · ")
            docs.append(nodes.reference(label, label, refuri=uri,
                                        internal=True))
    if links.change is not None:
        docs += [" · change under review: ", render.link(links.change)]
    if docs:
        rows.append(("Documents", docs))
    fields = nodes.field_list(classes=["interop-metadata"])
    for name, value in rows:
        field = nodes.field()
        field += nodes.field_name(text=name)
        body = nodes.field_body()
        body += render.para(*value) if isinstance(value, list) else \
            render.para(value)
        field += body
        fields += field
    box = nodes.container(classes=["interop-summary"])
    box += fields
    return box


def bars(rep: Any) -> list[chart.Bar]:
    out = []
    for row in rep.rows:
        status = row.status if row.status in chart.STATUSES else "left out"
        pending = 0 if row.total.zeroed else row.total.pending
        out.append(chart.Bar(render.text(row.name), row.total.points,
                             pending, status))
    return out


def capability_rows(f: Facts, rep: Any) -> nodes.Node:
    g = f.source.guideline
    statuses = _statuses(g)
    totals = {r.name: r for r in rep.rows} if rep is not None else {}
    cutoff = render.text(rep.cutoff) if rep is not None else "?"
    touched = _touched(f)
    rank = {s: n for n, s in enumerate(STATUS_ORDER)}
    caps = sorted(g.iter_capabilities(), key=lambda c: (
        rank.get(statuses.get(c.name), 9), render.text(c.name)))
    rows = []
    for cap in caps:
        row = totals.get(cap.name)
        score = f"{row.total} / {cutoff}" if row is not None else \
            "not scored"
        rows.append([("code", cap.name), statuses.get(cap.name, "?"), score,
                     touched.get(cap.name, ""),
                     "needs admin" if cap.admin is True else "no",
                     one_line(cap.description)])
    return render.table(["Capability", "Status", "Score / cutoff",
                         "Since last", "Admin", "What it is"], rows,
                        ["interop-packet-capabilities"],
                        [27, 11, 10, 9, 7, 36])


def left_out(rep: Any) -> list[nodes.Node]:
    rows = [[("code", r.name), str(r.total),
             render.text(rep.sheet.scores[r.name].note) or "no note"]
            for r in rep.rows if r.status is None]
    if not rows:
        return [render.para("None: every scored capability is in the "
                            "guideline.")]
    return [render.table(["Capability", "Score", "Why (the sheet's note)"],
                         rows, ["interop-left-out"], [30, 8, 62])]


def reasons(f: Facts, rep: Any, root: str) -> tuple[dict[str, list[str]],
                                                    bool]:
    """Capability -> the why of its changes: the sheet's note and
    comments, then commit subjects; and whether git history was read."""
    g = f.source.guideline
    names = [render.text(n) for n in (g.capabilities or {})]
    why: dict[str, list[str]] = {}
    if rep is not None:
        for name, score in rep.sheet.scores.items():
            lines = []
            if score.note is not None:
                lines.append("sheet: " + render.text(score.note))
            for key, comment in (score.comments or {}).items():
                crit = rep.sheet.criteria.get(key)
                label = (crit.name if crit is not None else None) or key
                lines.append(f"{render.text(label)}: "
                             f"{render.text(comment)}")
            if lines:
                why[render.text(name)] = lines
    if f.previous is None:  # everything is new: no changes to explain
        return why, True
    files = [g.file] + ([rep.sheet.file] if rep is not None else [])
    found = history.subjects(root, files, f.previous.file
                             if f.previous is not None else None, names)
    for name, subjects in (found or {}).items():
        why.setdefault(name, []).extend("commit: " + s for s in subjects)
    return why, found is not None


def flag_rows(f: Facts) -> list[nodes.Node]:
    earlier = {}
    if f.previous is not None:
        earlier = {t.name for c in f.previous.iter_capabilities()
                   for t in c.iter_tests() if t.flagged is not None}
    rows = [[("code", t.name), ("code", c.name),
             render.text(t.flagged.reason), render.text(t.flagged.action),
             render.text(t.flagged.date),
             "carried over" if t.name in earlier else "new"]
            for c, t in render.flags(f.source.guideline)]
    if not rows:
        return [render.para("None: no test of this guideline is flagged.")]
    return [render.table(["Test", "Capability", "Reason", "Action", "Date",
                          "Open since"], rows, ["interop-flags"],
                         [28, 18, 22, 16, 8, 8])]


def admin_tests(g: m.Guideline) -> list[nodes.Node]:
    caps = [c for c in g.iter_capabilities() if c.admin is True]
    if not caps:
        return [render.para("None: every test runs with an ordinary "
                            "project member's credentials.")]
    return [render.bullets(render.para(("code", c.name), ": ",
                                       *[("code", t.name)
                                         for t in c.iter_tests()])
                           for c in caps)]


def packet_page(repo: Repository, path: str, links: Links | None = None,
                make_chart: ChartMaker = svg_chart
                ) -> tuple[list[nodes.Node], list[str]]:
    """The packet's nodes and the files they were built from."""
    links = links or Links()
    f = facts(repo, path)
    g = f.source.guideline
    rep = report(f.sheet, g) if f.sheet is not None else None
    ident = f"{path}-packet"
    parts: list[nodes.Node] = [summary(f, rep, links)]
    parts += render.criteria_read(render.criteria_set_of(repo, g), ident)
    if approvals(g):  # the records, with their references as links
        parts.append(render.section("Approval chain", f"{ident}-approvals",
                                    render.approvals(g)))
    if rep is not None and rep.rows:
        data = bars(rep)
        parts.append(render.section("Scores against the cutoff",
                                    f"{ident}-chart", [make_chart(
                                        data, rep.cutoff, render.title(g),
                                        chart.alt_text(data, rep.cutoff))]))
    parts.append(render.section("Every capability", f"{ident}-capabilities",
                                [capability_rows(f, rep)]))
    if rep is not None:
        parts.append(render.section("Candidates left out",
                                    f"{ident}-left-out", left_out(rep)))
    why, read = reasons(f, rep, repo.root)
    since = render.text(f.previous.id) if f.previous is not None else None
    changed = render.changes(f.changes, since, original_of(f),
                             render.totals(f.sheet, g), why,
                             compact=True)
    if not read:
        changed.append(render.para("Commit subjects are left out: the "
                                   "repository is not a git checkout."))
    parts.append(render.section("What changed, and why", f"{ident}-why",
                                changed))
    parts.append(render.section("Flags", f"{ident}-flags", flag_rows(f)))
    if g.program.kind in ("vertical", "add-on"):
        parts.append(render.section(
            "Conflicts with OpenStack Powered", f"{ident}-conflicts",
            render.findings(f.conflicts, "None found.")))
    parts.append(render.section("Tests that need admin", f"{ident}-admin",
                                admin_tests(g)))
    change = [render.para("Change under review: ",
                          render.link(links.change))] \
        if links.change is not None else [render.para(
            "No change link was given to this build.")]
    parts.append(render.section("The change under review",
                                f"{ident}-change", change))
    return parts, f.depends
