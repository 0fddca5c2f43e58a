"""What the Board's workflow commands tell the person running them: the
files a change of the tree wrote (``release``, ``next``, ``new``,
``approve``, ``status``), the drafts' schedule (``schedule``) and the
listing of guidelines (``guidelines``) and the review of a change
(``review``)."""
from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from interop.text import terminal

if TYPE_CHECKING:  # the commands import what they print, no more
    from interop.workflow.approving import Timeline
    from interop.workflow.listing import Listed
    from interop.workflow.plan import Outcome
    from interop.workflow.review import Review


def outcome_text(outcome: Outcome) -> tuple[str, str]:
    """(standard output, standard error) of a command's outcome: the
    files written, one a line; its notes, its commit, or that nothing
    needed writing."""
    out = "".join(terminal(rel) + "\n" for rel in outcome.written)
    err = "".join(terminal(f"note: {note}") + "\n" for note in outcome.notes)
    if outcome.commit:
        err += f"committed {outcome.commit[:12]}\n"
    if not outcome.written:
        err += "nothing to write: the files already hold the result\n"
    return out, err


def schedule_text(found: Iterable[Timeline], day: datetime.date) -> str:
    """Each timeline's dated milestones, and whether its draft is on
    schedule on ``day``."""
    lines = [f"today: {day.isoformat()}"]
    for t in found:
        lines.append(f"\n{terminal(t.path)}: {terminal(t.guideline)} "
                     f"({terminal(t.status)}), for the Board in "
                     f"{terminal(t.target)} (process {terminal(t.process)})")
        for month, milestone, when in t.milestones:
            lines.append(f"  {month}  {milestone.name:<4} "
                         f"{when or 'coming':<6}  "
                         f"{terminal(milestone.activity)} "
                         f"({terminal(milestone.lead)})")
        if t.status not in ("draft", "review"):
            lines.append(f"  {terminal(t.status)}: the Board has decided")
        else:
            lines.append(f"  behind schedule: {terminal(t.behind)}"
                         if t.behind else "  on schedule")
    if len(lines) == 1:
        lines.append("no draft and no guideline in review")
    return "".join(line + "\n" for line in lines)


def guidelines_text(rows: list[list[Listed]], format: str) -> str:
    """``interop guidelines``: every program's guidelines, as aligned
    text or as JSON (one list of every guideline)."""
    from interop.workflow.listing import text
    if format == "json":
        return json.dumps([r.as_dict() for program in rows
                           for r in program], indent=2) + "\n"
    return "".join(terminal(line) + "\n" for line in text(rows).splitlines())


def review_text(rv: Review, format: str, robot: bool = False,
                labels: tuple[list[dict[str, Any]], list[str]] | None = None
                ) -> str:
    """``interop review``'s report of ``rv`` in ``format``: for Gerrit,
    robot comments when ``robot``, and the ``labels`` (the certifications
    of the submissions the change touches, and its N003 findings) in its
    message and vote.  A file name that is not UTF-8 keeps its bytes as
    surrogates (os.fsdecode): shown as \\udcXX escapes."""
    from interop.workflow.review import FORMATS, gerrit
    render: Callable[[Review], str] = FORMATS[format]
    text = json.dumps(gerrit(rv, robot=True), indent=2) + "\n" if robot \
        else render(rv)
    if labels is not None:
        from interop.workflow.labels import with_labels
        text = json.dumps(with_labels(json.loads(text), *labels),
                          indent=2) + "\n"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
