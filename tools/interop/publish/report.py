"""What ``interop compile`` prints: each published file's state, the
drift ``--check`` finds, and a refusal for want of a clean check."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from interop.errors import Finding
from interop.publish.outputs import Outcome
from interop.text import terminal


def compile_report(outcomes: Sequence[Outcome], check: bool,
                 verbose: bool) -> tuple[str, bool]:
    """(the report, whether every published file matches) of a compile;
    without ``check``, only the files written (every file when
    ``verbose``)."""
    lines, drift = [], False
    for o in outcomes:
        if o.state == "baseline":
            lines.append(f"{o.source}: a baseline, not compiled (the "
                         f"published original: {terminal(o.published)})")
        elif check and o.state != "unchanged":
            drift = True
            lines.append(terminal(f"{o.published}: {o.state}: does not "
                                  f"match {o.source}; run 'interop "
                                  "compile' and commit the result"))
        elif not check and (o.state == "written" or verbose):
            lines.append(terminal(f"{o.published}: {o.state}"))
    if check and not drift:
        compiled = [o for o in outcomes if o.state != "baseline"]
        lines.append(f"{len(compiled)} published files match their "
                     "sources")
    return "".join(line + "\n" for line in lines), not drift


def refused_text(errors: Iterable[Finding]) -> str:
    """Why nothing was published: the sources' error findings."""
    shown = [terminal(f.format()) + "\n" for f in errors]
    return "".join(shown) + (
        f"interop compile: nothing written: {len(shown)} error findings "
        "(see 'interop check'); --force publishes anyway\n")
