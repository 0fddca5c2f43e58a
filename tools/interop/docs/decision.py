"""The Board packet: the page a Board member decides from.

In the order a decision is made: a summary box (what it is, where it
stands, how many of what, against the last approved guideline), a chart
of every scored capability's total against the cutoff, a table of every
capability, the candidates left out and why, what changed and why, then
flags, conflicts with Powered, tests that need admin and the change under
review.  Every string from data goes into text nodes (interop.docs.render).
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from docutils import nodes

from interop import model as m
from interop.docs import chart, cost, history, render
from interop.docs.paragraph import Code
from interop.docs.fold import fold, fold_groups
from interop.docs.board import Facts, Links, facts, original_of
from interop.files import user_cache
from interop.repository import Repository
from interop.scoring.tabulate import Report, report
from interop.workflow.diff import ChangeKind

STATUS_ORDER = ("required", "advisory", "deprecated", "removed")


#: makes the chart's node from (bars, cutoff, title, alt, cache folder)
ChartMaker = Callable[..., nodes.Node]


def svg_chart(bars: list[chart.Bar], cutoff: Any, title: str, alt: str,
              cache: str | None = None) -> nodes.Node:
    """The chart for HTML: SVG drawn now, embedded as a data URI (an
    image a browser shows and never runs)."""
    svg = chart.render(bars, cutoff, title, "svg", cache)
    box = nodes.container(classes=["interop-chart-box"])
    box += nodes.image(uri=chart.data_uri(svg), alt=alt,
                       classes=["interop-chart"])
    return box


def _statuses(g: m.Guideline) -> dict[str, str]:
    return {n: w[0][1] for n, w in g.capability_statuses().items()}


def _how_many(g: m.Guideline) -> str:
    """"98 capabilities, one a row: 75 required, 20 advisory, ..."."""
    counts = Counter(_statuses(g).values())
    told = ", ".join(f"{counts[s]} {s}" for s in STATUS_ORDER if counts[s])
    return f"{sum(counts.values())} capabilities, one a row: {told}"


def one_line(value: Any) -> str:
    """A description's first sentence, whole (never cut mid-word)."""
    words = " ".join(render.text(value).split())
    return re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0]


#: the notation of a provisional total, said where totals are shown
PROVISIONAL = ("A total written a..b? is provisional: a is what the scored "
               "criteria give, b what it would be if the open (?) marks "
               "were met.")


def _count(counter: Counter[str | None],
           order: tuple[str, ...] = STATUS_ORDER) -> str:
    parts = [f"{counter[s]} {s}" for s in order if counter.get(s)]
    return ", ".join(parts) or "none"


#: how "Since last" names a change of one capability's tests or fields
_TEST_WORDS: dict[ChangeKind, str] = {
    "test-added": "tests added", "test-removed": "tests removed",
    "test-renamed": "tests renamed", "test-moved": "tests moved",
    "test-flagged": "flags added", "test-unflagged": "flags lifted"}
#: the changes that can make a capability newly advisory
_NEW_STATUS: tuple[ChangeKind, ...] = ("capability-added",
                                       "capability-status-changed")


def _touched(f: Facts) -> dict[str, str]:
    """Capability -> what differs from the last approved guideline, in
    words: "new", "promoted", or "tests added 3; flag added; description
    changed"."""
    out: dict[str, str] = {}
    if f.previous is None:
        return out
    words: dict[ChangeKind, str] = {
        "capability-added": "new", "capability-promoted": "promoted",
        "capability-deprecated": "deprecated",
        "capability-removed": "removed",
        "capability-status-changed": "status changed"}
    counts: dict[str, Counter[str]] = {}
    for c in f.changes:
        if c.kind in words:
            out[c.subject] = words[c.kind]
        elif len(c.path) > 1 and c.path[0] == "capabilities":
            name = str(c.path[1])
            moved = re.search(r"scores (\S+) \(was (\S+)\)", c.message)
            what = _TEST_WORDS.get(c.kind) or (
                f"score {moved[2]} \u2192 {moved[1]}" if moved and
                c.kind == "score-changed" else
                f"{render.text(c.path[2]).replace('_', ' ')} changed"
                if len(c.path) > 2 else "changed")
            counts.setdefault(name, Counter())[what] += 1
    for name, counter in counts.items():
        if name in out:
            continue
        out[name] = "; ".join(
            f"{what} {n}" if what in _TEST_WORDS.values() else what
            for what, n in sorted(counter.items()))
    return out


def approvals(g: m.Guideline) -> list[str]:
    """The approval chain so far, one line each as a Board member reads
    it: "Working Group, 2027-05-06"."""
    records = (g.metadata.approvals if g.metadata else None) or []
    out = []
    for r in records:
        if m.RAW in getattr(r, "extra", {}):
            continue
        who = render.who(r)
        out.append(", ".join(p for p in (who, render.text(r.date)) if p))
    return out


def _chain(g: m.Guideline) -> list[Any]:
    """The approval chain for the summary: each record's words with its
    reference as a "minutes" link (http(s) only)."""
    records = [r for r in (g.metadata.approvals if g.metadata else None)
               or [] if m.RAW not in getattr(r, "extra", {})]
    parts: list[Any] = []
    for line, r in zip(approvals(g), records, strict=True):
        if parts:
            parts.append("; ")
        parts.append(line)
        if r.reference is not None:
            parts += [" (", render.link(r.reference, "minutes"), ")"]
    return parts


def _documents(links: Links) -> list[Any]:
    """The packet's companions: the guideline's page, the PDF, the web
    page, the change under review."""
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
    return docs


def summary(f: Facts, rep: Report | None, links: Links) -> nodes.Node:
    g = f.source.guideline
    a = (g.metadata.approval if g.metadata else None) or m.Approval()
    statuses = _statuses(g)
    caps = Counter(statuses.get(c.name) for c in g.iter_capabilities())
    tests: Counter[str | None] = Counter()
    for cap in g.iter_capabilities():
        tests[statuses.get(cap.name)] += len(cap.tests or {})
    flagged = render.flags(g)
    kinds = Counter(c.kind for c in f.changes)
    advisory = sum(1 for c in f.changes if c.kind in _NEW_STATUS
                   and statuses.get(c.subject) == "advisory")
    against = "no earlier approved guideline" if f.previous is None else (
        f"{kinds['capability-promoted']} promoted, {advisory} new "
        f"advisory, {kinds['capability-deprecated']} deprecated, "
        f"{kinds['capability-removed'] + kinds['capability-dropped']} "
        f"removed (against {render.text(f.previous.id)})")
    replaces = render.text(f.previous.id) if f.previous is not None else (
        render.text(a.replaces) or "nothing: the first approved guideline "
        "of its program")
    chain = _chain(g)
    rows: list[tuple[str, Any]] = [
        ("Program", render.program_name(g)),
        ("Guideline", Code(g.id)),
        ("Status", a.status),
        ("Target approval", a.target_approval or "not set"),
        ("Replaces", replaces),
        ("Approvals so far", chain if chain else "none yet"),
        ("Capabilities", _count(caps)),
        ("Tests listed (flagged ones too)", _count(tests)),
        ("Flags", f"{len(flagged)} flagged tests" if flagged else "none"),
        ("Against the last approved", against),
    ]
    if rep is not None:
        rows.append(("Cutoff", f"{render.text(rep.cutoff)} points"))
    rows = [(k, v) for k, v in rows if v not in ("", None)]
    docs = _documents(links)
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


def bars(rep: Report) -> list[chart.Bar]:
    out = []
    for row in rep.rows:
        status = row.status if row.status in chart.STATUSES else (
            "candidate" if row.meets else "left out")
        pending = 0 if row.total.zeroed else row.total.pending
        out.append(chart.Bar(render.text(row.name), row.total.points,
                             pending, status))
    return out


def capability_rows(f: Facts, rep: Report | None) -> nodes.Node:
    g = f.source.guideline
    statuses = _statuses(g)
    totals = {r.name: r for r in rep.rows} if rep is not None else {}
    cutoff = render.text(rep.cutoff) if rep is not None else "?"
    touched = _touched(f)
    rank: dict[str | None, int] = {s: n for n, s in enumerate(STATUS_ORDER)}
    caps = sorted(g.iter_capabilities(), key=lambda c: (
        rank.get(statuses.get(c.name), 9), render.text(c.name)))
    rows = []
    for cap in caps:
        row = totals.get(cap.name)
        score = f"{row.total} / {cutoff}" if row is not None else \
            "not scored"
        rows.append([Code(cap.name), statuses.get(cap.name, "?"), score,
                     touched.get(cap.name, ""),
                     "needs admin" if cap.admin is True else "no",
                     one_line(cap.description)])
    return render.table(["Capability", "Status", "Score / cutoff",
                         "Since last", "Admin", "What it is"], rows,
                        ["interop-packet-capabilities"],
                        [27, 11, 10, 9, 7, 36])


def left_out(rep: Report) -> list[nodes.Node]:
    rows = [[Code(r.name), f"scores {r.total}, "
             + ("meets" if r.meets else "below")
             + f" the cutoff {render.text(rep.cutoff)}",
             render.text(rep.sheet.scores[r.name].note) or "no note"]
            for r in rep.rows if r.status is None]
    if not rows:
        return [render.para("None: every scored capability is in the "
                            "guideline.")]
    return [render.table(["Capability", "Score", "Why (the sheet's note)"],
                         rows, ["interop-left-out"], [30, 16, 54])]


def reasons(f: Facts, rep: Report | None, root: str
            ) -> tuple[dict[str, list[str]], bool]:
    """Capability -> the why of its changes: the capability's ``why``,
    the sheet's note and comments, then commit subjects as history; and
    whether git history was read."""
    g = f.source.guideline
    names = [render.text(n) for n in (g.capabilities or {})]
    why: dict[str, list[str]] = {}
    for cap in g.iter_capabilities():  # the guideline's own reason first
        if isinstance(cap.why, str) and cap.why.strip():
            why[render.text(cap.name)] = ["why: " + cap.why.strip()]
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
                why.setdefault(render.text(name), []).extend(lines)
    if f.previous is None:  # everything is new: no changes to explain
        return why, True
    files = [g.file] + ([rep.sheet.file] if rep is not None else [])
    found = history.subjects(root, files, f.previous.file
                             if f.previous is not None else None, names)
    for name, subjects in (found or {}).items():
        # history, never the reason: listed after it, and said so
        why.setdefault(name, []).extend("history (commit): " + s
                                        for s in subjects)
    return why, found is not None


def flag_rows(f: Facts) -> list[nodes.Node]:
    earlier: set[str] = set()
    if f.previous is not None:
        earlier = {t.name for c in f.previous.iter_capabilities()
                   for t in c.iter_tests() if t.flagged is not None}
    rows = [[Code(t.name), Code(c.name),
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
    out: list[nodes.Node] = []
    for c in caps:
        out.append(render.para(Code(c.name), " (its tests, one a "
                               "line):"))
        box = nodes.line_block(classes=["interop-test-ids"])
        for t in c.iter_tests():
            line = nodes.line()
            line += nodes.literal(render.text(t.name), render.text(t.name))
            box += line
        out.append(box)
    return out


def decision_parts(f: Facts, rep: Report | None, links: Links,
                   repo: Repository, ident: str) -> list[nodes.Node]:
    """What the Board is asked to approve, the summary box, what the vote
    costs vendors, the risks and what may be required next; a part with
    nothing to say is left out."""
    parts: list[nodes.Node] = [cost.asked(f)]
    use = cost.in_use(repo, f.source.guideline)
    parts += ([use] if use is not None else []) + [summary(f, rep, links)]
    for heading, key, body in (
            ("What the vote costs vendors", "cost",
             cost.vote_cost(f, repo)),
            ("Risks", "risks", cost.risks(f)),
            ("Likely to be required next time", "next",
             cost.likely_next(rep))):
        if body:
            parts.append(render.section(heading, f"{ident}-{key}", body))
    return parts


#: where drawn charts are kept, in the user's cache folder: never in the
#: checkout, where a change could commit a chart the data does not draw
CHART_CACHE = "charts"


def charts(rep: Report, heading: str, make_chart: ChartMaker,
           root: str) -> list[nodes.Node]:
    """The scores against the cutoff, at most ``chart.SPLIT`` bars to a
    chart, so that names stay at print size."""
    pieces = chart.chunks(bars(rep))
    return [make_chart(piece, rep.cutoff, heading + (
        f" ({n} of {len(pieces)})" if len(pieces) > 1 else ""),
        chart.alt_text(piece, rep.cutoff),
        os.path.join(user_cache(), CHART_CACHE))
        for n, piece in enumerate(pieces, start=1)]


def packet_page(repo: Repository, path: str, links: Links | None = None,
                make_chart: ChartMaker = svg_chart
                ) -> tuple[list[nodes.Node], list[str]]:
    """The packet's nodes and the files they were built from."""
    links = links or Links()
    f = facts(repo, path)
    g = f.source.guideline
    rep = report(f.sheet, g) if f.sheet is not None else None
    ident = f"{path}-packet"
    parts = decision_parts(f, rep, links, repo, ident)
    parts += render.criteria_read(render.criteria_set_of(repo, g), ident)
    if approvals(g):  # the records, with their references as links
        parts.append(render.section("Approval chain", f"{ident}-approvals",
                                    render.approvals(g)))
    if rep is not None and rep.rows:
        parts.append(render.section("Scores against the cutoff",
                                    f"{ident}-chart",
                                    charts(rep, render.title(g),
                                           make_chart, repo.root)))
    parts.append(render.section(
        "Every capability", f"{ident}-capabilities",
        fold(_how_many(g), [capability_rows(f, rep),
                            render.para(PROVISIONAL)])))
    if rep is not None:
        out = left_out(rep)
        left = sum(1 for r in rep.rows if r.status is None)
        parts.append(render.section(
            "Candidates left out", f"{ident}-left-out",
            fold(f"{left} scored and left out, each with its score and "
                 "the sheet's note", out) if left else out))
    why, read = reasons(f, rep, repo.root)
    since = render.text(f.previous.id) if f.previous is not None else None
    changed = render.changes(f.changes, since, original_of(f),
                             render.totals(f.sheet, g), why,
                             compact=True)
    if not read:
        changed.append(render.para("Commit subjects are left out: the "
                                   "repository is not a git checkout."))
    parts.append(render.section("What changed, and why", f"{ident}-why",
                                fold_groups(changed,
                                            "interop-change-group")))
    parts.append(render.section("Flags", f"{ident}-flags", flag_rows(f)))
    if g.program.kind in ("vertical", "add-on"):
        parts.append(render.section(
            "Conflicts with OpenStack Powered", f"{ident}-conflicts",
            render.findings(f.conflicts, "None found.")))
    parts.append(render.section("Tests that need admin", f"{ident}-admin",
                                admin_tests(g)))
    if links.change is not None:
        parts.append(render.section(
            "The change under review", f"{ident}-change",
            [render.para("Change under review: ",
                         render.link(links.change))]))
    added = cost.appendix(f, repo)
    if added:
        parts.append(render.section(
            "Appendix: test ids", f"{ident}-appendix",
            fold("The test ids the tables above name in short, one a "
                 "line", added)))
    return parts, f.depends
