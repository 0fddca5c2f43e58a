"""The packet's decision summary: what the Board is asked to approve and
what the vote costs vendors, per target.

Every figure is computed here from the data: the required tests of each
target come from :func:`interop.publish.testlist.required_tests` (what
``interop testlist --type required --flag false --alias false`` lists),
counted as distinct tests; the capabilities that gained tests, the new
credential needs and the flags come from the guidelines and the diff.
Which of those tests need admin or a second user comes from the
program's committed test lock (``criteria/locks/<program>.json``, read
by :mod:`interop.load.lock`: plain JSON, so the docs build imports no
Tempest), which records the credentials each test's class asks for.
"""
from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from typing import Any

from docutils import nodes

from interop import model as m
from interop.checks.growth import TargetCost, costs, tests_added_to_required
from interop.docs import render
from interop.docs.board import Facts
from interop.docs.paragraph import Code, para
from interop.errors import LoadError
from interop.load.lock import Lock, lock_path, read_lock
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


@dataclasses.dataclass(frozen=True)
class Needs:
    """Of one target's required tests, before and after: those whose
    class asks for a second ordinary user (Tempest's ``alt``), those
    whose class asks for admin, and those the lock does not hold."""

    target: str
    second_before: frozenset[str]
    second_after: frozenset[str]
    admin_before: frozenset[str]
    admin_after: frozenset[str]
    unknown: frozenset[str]     # required before or after, not locked

    @property
    def new_second(self) -> list[str]:
        """Required tests that need a second user and were not required
        before: what a vendor must newly provide a second user for."""
        return sorted(self.second_after - self.second_before)


#: a listed test: its name, then its idempotent id as testlist writes it
#: (``[id-<uuid>]``, or ``[<uuid>]`` in older guidelines, maybe among
#: other attributes)
_LISTED = re.compile(r"^(?P<name>[^\[]+)(?:\[(?:[^\]]*,)?(?:id-)?"
                     r"(?P<id>[0-9a-fA-F-]{36})(?:,[^\]]*)?\])?$")


def locked(lock: Lock) -> Callable[[str], str | None]:
    """Finds a listed test (``name[id-<uuid>]``, as ``testlist`` writes
    it) in the lock, by name, else by its idempotent id (a test renamed
    since the older guideline was written): its name in the lock."""
    by_id = {t.id: name for name, t in lock.tests.items() if t.id}

    def find(listed: str) -> str | None:
        found = _LISTED.match(listed)
        if found is None:
            return listed if listed in lock.tests else None
        if found["name"] in lock.tests:
            return found["name"]
        return by_id.get((found["id"] or "").lower())
    return find


def needs(found: list[TargetCost], lock: Lock) -> list[Needs]:
    """Per target, the required tests (as counted in the cost table)
    that need a second user or admin, as the lock records them, by their
    names in the lock (so that a test an older guideline lists under an
    older name or id form is one test)."""
    find = locked(lock)

    def where(tests: set[str], wanted: str) -> frozenset[str]:
        names = {find(t) for t in tests}
        return frozenset(n for n in names if n is not None
                         and getattr(lock.tests[n], wanted))
    return [Needs(c.target, where(c.before, "second_user"),
                  where(c.after, "second_user"),
                  where(c.before, "needs_admin"),
                  where(c.after, "needs_admin"),
                  frozenset(t for t in c.before | c.after
                            if find(t) is None))
            for c in found]


def program_lock(repo: Any, g: m.Guideline
                 ) -> tuple[Lock | None, str, str | None]:
    """The program's committed test lock (None when it has none or it
    cannot be read), its path, and why it cannot be read (the located
    error ``interop check`` reports too)."""
    name = g.program.name if g.program else None
    root = getattr(repo, "root", None)
    if not isinstance(name, str) or not root:
        return None, "", None
    try:
        return read_lock(root, name), lock_path(root, name), None
    except LoadError as exc:
        return None, "", str(exc)


def needs_rows(found: list[Needs], lock: Lock, path: str,
               root: str) -> list[nodes.Node]:
    """The credentials table, and where its figures come from."""
    def moved(before: frozenset[str], after: frozenset[str]) -> str:
        return f"{len(before)} \u2192 {len(after)}"
    rows = [[target_name(n.target),
             moved(n.second_before, n.second_after),
             moved(n.admin_before, n.admin_after), str(len(n.unknown))]
            for n in found]
    made = ", ".join(f"{k} {v}" for k, v in sorted(lock.installed.items()))
    return [render.table(
        ["Target", "Need a second user (before \u2192 after)",
         "Need admin (before \u2192 after)",
         "Not in the lock (not counted)"], rows,
        ["interop-cost", "interop-credentials"], [34, 26, 22, 18]),
        para(
            "Of the required tests counted above: those whose test class "
            "asks Tempest for a second ordinary user (alt credentials) or "
            "for admin credentials, as the committed test lock ",
            Code(os.path.relpath(path, root)),
            f" records them (made with {made or 'no recorded packages'}); "
            "a test the lock does not hold is not counted.")]


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


def second_user_lines(found: list[Needs]) -> list[str]:
    """"3 required tests newly need a second user (Platform ...)", per
    target that has any; the appendix names them."""
    return [counted(len(n.new_second), "required test newly needs",
                    "required tests newly need")
            + f" a second user ({target_name(n.target)})"
            for n in found if n.new_second]


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
    lock, path, unread = program_lock(repo, g)
    found_needs = needs(found, lock) if lock is not None else []
    if lock is not None and found_needs:
        out += needs_rows(found_needs, lock, path, repo.root)
    if unread and found:
        out.append(para("Which of these tests need a second user or admin "
                        f"is not shown: the test lock cannot be read "
                        f"({unread})."))
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
            ("New credential needs", credentials(f)
             + second_user_lines(found_needs)),
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


def appendix(f: Facts, repo: Any = None) -> list[nodes.Node]:
    """The tests the Board's tables name in short: those added to
    capabilities already required, the required tests that newly need a
    second user, and the flagged ones, one a line."""
    out: list[nodes.Node] = []
    gained = tests_added_to_required(f.source.guideline, f.previous) \
        if f.previous is not None else {}
    if gained:
        out.append(render.para("Tests added to capabilities already "
                               "required, by capability:"))
    for name, tests in sorted(gained.items()):
        out += [render.para(Code(name), f" ({len(tests)})"),
                test_lines(tests)]
    lock, _, _ = program_lock(repo, f.source.guideline)
    if lock is not None and f.previous is not None:
        for n in needs(costs_of(f, repo), lock):
            if n.new_second:
                out += [para(
                    f"Required tests that newly need a second user, "
                    f"{target_name(n.target)} ({len(n.new_second)}):"),
                    test_lines(n.new_second)]
    flagged = [render.text(t.name) for _, t in
               render.flags(f.source.guideline)]
    if flagged:
        out += [render.para(f"Flagged tests ({len(flagged)}), whole:"),
                test_lines(flagged)]
    return out
