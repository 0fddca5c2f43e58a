"""The packet's decision summary: what the Board is asked to approve and
what the vote costs vendors, per target.

Every figure is computed here from the data: the required tests of each
target come from :func:`interop.publish.testlist.required_tests` (what
``interop testlist --type required --flag false --alias false`` lists),
counted as distinct tests; the capabilities that gained tests, the new
credential needs and the flags come from the guidelines and the diff.
"""
from __future__ import annotations

import re
from typing import Any

from docutils import nodes

from interop import model as m
from interop.checks.growth import TargetCost, costs, tests_added_to_required
from interop.docs import render
from interop.docs.board import Facts
from interop.publish.testlist import PLATFORMS
from interop.repository import Repository
from interop.series import version_of
from interop.workflow.diff import ChangeKind

#: how the summary counts tests, said where the numbers are
COUNTED = ("Counted as distinct tests (a test listed by two capabilities "
           "counts once), flagged tests left out and aliases not counted: "
           "what 'interop testlist --type required --flag false --alias "
           "false' lists for the target.")
_BUG = re.compile(r"bug|https?://|launchpad|storyboard", re.I)


def counted(n: int, one: str, many: str) -> str:
    """"1 capability", "3 capabilities"."""
    return f"{n} {one if n == 1 else many}"


def target_name(target: str) -> str:
    """A target as a Board member reads it: "Platform (OpenStack Powered
    Platform)", "dns"."""
    platform = PLATFORMS.get(target)
    return f"{target.capitalize()} ({platform})" if platform else target


def cost_rows(found: list[TargetCost]) -> nodes.Node:
    rows = [[target_name(c.target),
             f"{len(c.before)} \u2192 {len(c.after)}",
             f"{len(c.after) - len(c.before):+d}",
             f"{c.capabilities_before} \u2192 {c.capabilities_after}"]
            for c in found]
    return render.table(["Target", "Required tests (before \u2192 after)",
                         "Change", "Required capabilities"], rows,
                        ["interop-cost"], [34, 26, 12, 28])


def credentials(f: Facts) -> list[str]:
    """Capabilities whose tests newly need admin: required or advisory
    ones that now say ``admin: true`` where the replaced guideline did
    not (or did not list them)."""
    g, prev = f.source.guideline, f.previous
    out = []
    for cap in g.iter_capabilities():
        if cap.admin is not True or g.status_of(cap.name) not in (
                "required", "advisory"):
            continue
        old = (prev.capabilities or {}).get(cap.name) if prev else None
        if old is None or old.admin is not True:
            out.append(f"{cap.name} now needs admin credentials "
                       f"({g.status_of(cap.name)})")
    return out


def _flag_changes(f: Facts, kind: ChangeKind) -> list[str]:
    return sorted({render.text(c.subject) for c in f.changes
                   if c.kind == kind})


def costs_of(f: Facts, repo: Any) -> list[TargetCost]:
    if f.previous is None:
        return []
    return costs(f.source.guideline, f.previous, repo)


def vote_cost(f: Facts, repo: Any) -> list[nodes.Node]:
    """What the vote costs vendors: the table per target, then only the
    lists that have something in them."""
    if f.previous is None:
        return []
    g = f.source.guideline
    found = costs_of(f, repo)
    out: list[nodes.Node] = []
    if found:
        out += [cost_rows(found), render.para(COUNTED)]
    items: list[nodes.Node] = []
    gained = tests_added_to_required(g, f.previous)
    if gained:
        total = sum(len(v) for v in gained.values())
        items.append(render.para(
            f"Tests added to capabilities already required ({total} in "
            + counted(len(gained), "capability", "capabilities")
            + ", required at once; the appendix names them): ", ", ".join(
                f"{name} ({len(tests)})" for name, tests
                in sorted(gained.items()))))
    for label, lines in (
            ("New credential needs", credentials(f)),
            ("Tests newly flagged (not required)",
             _flag_changes(f, "test-flagged")),
            ("Tests no longer flagged (required again)",
             _flag_changes(f, "test-unflagged"))):
        if lines:
            items.append(render.para(f"{label} ({len(lines)}): ",
                                     "; ".join(lines)))
    if items:
        out.append(render.bullets(items))
    return out


def risks(f: Facts) -> list[nodes.Node]:
    """Conflicts, admin-only capabilities, flags that name no bug; empty
    when there are none."""
    g = f.source.guideline
    lines = []
    if f.conflicts:
        lines.append(counted(len(f.conflicts), "conflict", "conflicts")
                     + " with OpenStack Powered (listed below)")
    admin = [c.name for c in g.iter_capabilities() if c.admin is True]
    if admin:
        lines.append(counted(len(admin), "capability needs",
                             "capabilities need")
                     + " admin credentials (a total of 0 in OpenStack "
                     "Powered): " + ", ".join(admin))
    unbugged = [t.name for _, t in render.flags(g)
                if not _BUG.search(render.text(t.flagged.reason)
                                   + render.text(t.flagged.action))]
    if unbugged:
        lines.append(counted(len(unbugged), "flag names", "flags name")
                     + " no bug: " + ", ".join(unbugged))
    return [render.bullets(lines)] if lines else []


def likely_next(rep: Any) -> list[nodes.Node]:
    """The advisory capabilities that meet the cutoff: what the next
    guideline is likely to require."""
    if rep is None:
        return []
    names = [r.name for r in rep.rows
             if r.status == "advisory" and r.meets is True]
    if not names:
        return []
    return [render.para(counted(len(names), "advisory capability meets",
                                "advisory capabilities meet")
                        + f" the cutoff of {render.text(rep.cutoff)} and "
                        "may be required by the next guideline: ",
                        ", ".join(names))]


def asked(f: Facts) -> nodes.Node:
    """One sentence: what the Board is asked to approve."""
    g = f.source.guideline
    a = (g.metadata.approval if g.metadata else None) or m.Approval()
    version = version_of(g) or render.text(g.id)
    target = render.text(a.target_approval) or "a date not yet set"
    replaces = f", replacing {render.text(f.previous.id)}" \
        if f.previous is not None else \
        ", the first approved guideline of its program"
    return render.para(f"The Board is asked to approve the "
                       f"{render.program_name(g)} guideline {version} "
                       f"(now {render.text(g.status)}) as the guideline "
                       f"{target}{replaces}.")


def in_use(repo: Repository, g: m.Guideline) -> nodes.Node | None:
    """One sentence: which guidelines of the program a vendor may use
    today, from the same listing as ``interop guidelines`` and the index
    (the two most recent the Board approved)."""
    from interop.workflow.listing import listing
    for rows in listing(repo):
        if rows and (rows[0].kind, rows[0].program) == (
                g.program.kind, g.program.name):
            usable = [r for r in rows if r.usable_now]
            if not usable:
                return render.para("No guideline of the program may be "
                                   "used by vendors today.")
            named = " and ".join(f"{r.id} ({_board_day(r)})"
                                 for r in usable)
            return render.para(f"Vendors may use today: {named}; "
                               "approving this guideline would make it "
                               "one of the two.")
    return None


def _board_day(row: Any) -> str:
    """"Board date 2027-06-10", or "Board month 2020-06" when no record
    gives the day (a guideline dated by its name)."""
    if row.board_date_exact:
        return f"Board date {row.board_date}"
    return f"Board month {(row.board_date or '')[:7]}"


def test_lines(tests: list[str]) -> nodes.Node:
    """Test ids, one a line."""
    box = nodes.line_block(classes=["interop-test-ids"])
    for test in tests:
        line = nodes.line()
        line += nodes.literal(test, test)
        box += line
    return box


def appendix(f: Facts) -> list[nodes.Node]:
    """The tests the Board's tables name in short: those added to
    capabilities already required, and the flagged ones, one a line."""
    out: list[nodes.Node] = []
    gained = tests_added_to_required(f.source.guideline, f.previous) \
        if f.previous is not None else {}
    if gained:
        out.append(render.para("Tests added to capabilities already "
                               "required, by capability:"))
    for name, tests in sorted(gained.items()):
        out += [render.para(("code", name), f" ({len(tests)})"),
                test_lines(tests)]
    flagged = [render.text(t.name) for _, t in
               render.flags(f.source.guideline)]
    if flagged:
        out += [render.para(f"Flagged tests ({len(flagged)}), whole:"),
                test_lines(flagged)]
    return out
