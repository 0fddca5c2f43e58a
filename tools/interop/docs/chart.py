"""The packet's chart: every scored capability's total against the cutoff.

Drawn with matplotlib at build time, as SVG for the HTML page (embedded as
a ``data:`` image, which a browser shows but never runs) and as PNG for
the PDF, from one figure so both show the same picture.  Labels are
capability names from data: they are drawn with ``usetex`` off and
mathtext turned off (``$`` and ``\\`` stay literal characters), and
matplotlib's SVG writer puts each into a ``<text>`` element as escaped
character data, so no name can become markup in the image either
(matplotlib's comments are dropped too).
"""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import os
import re
from typing import Any

from interop.errors import LoadError
from interop.files import write_atomic

#: status -> (colour, label in the legend), in the legend's order; the
#: colours are told apart by colour-blind readers (Okabe-Ito) and each
#: status also has its own hatch for print in grey
STATUSES = {
    "required": ("#0072B2", "required", ""),
    "advisory": ("#E69F00", "advisory", "//"),
    "deprecated": ("#CC79A7", "deprecated", "xx"),
    "removed": ("#999999", "removed", ".."),
    "candidate": ("#FFFFFF", "candidate: meets the cutoff, not listed", ""),
    "left out": ("#DDDDDD", "left out: below the cutoff", "\\\\"),
}


_COMMENT = re.compile(rb"<!--.*?-->", re.S)


@dataclasses.dataclass(frozen=True)
class Bar:
    name: str
    points: int          # the total counted so far
    pending: int         # weight of the open "?" marks
    status: str          # a key of STATUSES


def _order(bars: list[Bar]) -> list[Bar]:
    rank = {s: n for n, s in enumerate(STATUSES)}
    return sorted(bars, key=lambda b: (rank.get(b.status, 99), -b.points,
                                       b.name))


#: more bars than this are drawn as several charts (one per page of the
#: PDF), so that every label stays at least 8 pt when printed
SPLIT = 48
#: the labels' size in points in the figure (printed at 16.5 cm of its 7
#: inches: 9 pt becomes about 8.4 pt)
LABEL_PT = 9


def _panel(ax: Any, bars: list[Bar], rows: int, cutoff: Any) -> None:
    ys = list(range(rows - len(bars), rows))[::-1]
    for y, bar in zip(ys, bars, strict=True):
        colour, _, hatch = STATUSES.get(bar.status, STATUSES["left out"])
        ax.barh(y, bar.points, height=0.75, color=colour, hatch=hatch,
                edgecolor="#333333", linewidth=0.4)
        if bar.pending:
            ax.barh(y, bar.pending, left=bar.points, height=0.75,
                    color="none", edgecolor="#333333", linewidth=0.4,
                    linestyle=":")
        if bar.points == 0 and not bar.pending:
            # a total of 0 has no bar: a mark and the number say it
            ax.plot([0.6], [y], marker="D", markersize=4,
                    color="#333333", clip_on=False)
            ax.text(2, y, "0", fontsize=LABEL_PT, va="center",
                    parse_math=False)
    ax.set_yticks(ys)
    # usetex and mathtext off: a name is drawn as written
    ax.set_yticklabels([b.name for b in bars], fontsize=LABEL_PT,
                       usetex=False, parse_math=False)
    ax.set_ylim(-0.7, rows - 0.3)
    ax.set_xlim(0, 100)
    ax.set_xlabel("weighted total (dotted: open '?' marks; \u25c6: 0)",
                  fontsize=LABEL_PT)
    ax.tick_params(axis="x", labelsize=LABEL_PT)
    if isinstance(cutoff, int) and not isinstance(cutoff, bool):
        ax.axvline(cutoff, color="#D55E00", linewidth=1.2)
        ax.text(cutoff, rows - 0.3, f"cutoff {cutoff}", color="#D55E00",
                fontsize=LABEL_PT, va="bottom", ha="center",
                parse_math=False, clip_on=False)
    ax.grid(axis="x", linewidth=0.3, color="#cccccc")
    ax.set_axisbelow(True)


def chunks(bars: list[Bar]) -> list[list[Bar]]:
    """The bars in the charts' order, at most ``SPLIT`` per chart."""
    ordered = _order(bars)
    return [ordered[n:n + SPLIT] for n in range(0, len(ordered), SPLIT)] \
        or [[]]


def size(bars: list[Bar]) -> tuple[float, float]:
    """The figure's width and height in inches."""
    return 7.0, max(2.4, 0.17 * len(bars) + 1.6)


def figure(bars: list[Bar], cutoff: Any, title: str) -> Any:
    """The matplotlib figure: horizontal bars, one per capability, with
    the names at the left in print-size type."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    bars = _order(bars)
    rows = max(1, len(bars))
    width, height = size(bars)
    fig = Figure(figsize=(width, height), dpi=100)
    # margins in inches: 0.6 below for the axis, 1.0 above for the title
    # and the legend, whatever the number of bars
    ax = fig.add_axes((0.47, 0.6 / height, 0.5, 1 - 1.6 / height))
    _panel(ax, bars, rows, cutoff)
    fig.text(0.02, 1 - 0.12 / height, title, fontsize=10, va="top",
             parse_math=False)
    used = [s for s in STATUSES if any(b.status == s for b in bars)]
    fig.legend(handles=[Patch(facecolor=STATUSES[s][0],
                              hatch=STATUSES[s][2], edgecolor="#333333",
                              label=STATUSES[s][1]) for s in used],
               fontsize=LABEL_PT, loc="upper left", ncol=2,
               bbox_to_anchor=(0.02, 1 - 0.32 / height), frameon=False)
    return fig


def render(bars: list[Bar], cutoff: Any, title: str, fmt: str,
           cache: str | None = None) -> bytes:
    """The chart as ``svg`` or ``png`` bytes, made the same way each time
    (no dates or random ids in the file).  With ``cache`` (a folder, the
    user's cache's ``charts``), a chart drawn before from
    the same data is read back instead of drawn again: drawing is most
    of a rebuild after an edit that leaves the scores alone."""
    if cache is None:
        return _draw(bars, cutoff, title, fmt)
    # the installed version, read without importing matplotlib (and
    # numpy): a chart found in the cache needs neither
    from importlib.metadata import version
    key = hashlib.sha256(repr((bars, cutoff, title, fmt, LABEL_PT, SPLIT,
                               version("matplotlib"))).encode(
        "utf-8", "surrogatepass")).hexdigest()
    path = os.path.join(cache, f"{key}.{fmt}.b64")
    if os.path.isfile(path) and not os.path.islink(path):
        try:
            with open(path, encoding="ascii") as handle:
                return base64.b64decode(handle.read(), validate=True)
        except (OSError, ValueError):
            pass  # a damaged entry is drawn again
    drawn = _draw(bars, cutoff, title, fmt)
    try:
        os.makedirs(cache, exist_ok=True)
        write_atomic(path, base64.b64encode(drawn).decode("ascii"))
    except (OSError, LoadError):
        pass  # a cache that cannot be written only costs time
    return drawn


def _draw(bars: list[Bar], cutoff: Any, title: str, fmt: str) -> bytes:
    import matplotlib
    fig = figure(bars, cutoff, title)
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none",
                                "svg.hashsalt": "interop",
                                "text.usetex": False}):
        if fmt == "svg":
            fig.savefig(out, format="svg", metadata={"Date": None})
            # matplotlib notes each label's text in a comment beside its
            # paths (escaped); the picture needs only the paths
            return _COMMENT.sub(b"", out.getvalue())
        else:
            fig.savefig(out, format="png", dpi=160,
                        metadata={"Software": None})
    return out.getvalue()


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def alt_text(bars: list[Bar], cutoff: Any) -> str:
    """What the chart shows, in words, for readers who cannot see it."""
    counts = []
    for status, (_, label, _) in STATUSES.items():
        chosen = [b for b in bars if b.status == status]
        if not chosen:
            continue
        low = min(b.points for b in chosen)
        high = max(b.points + b.pending for b in chosen)
        counts.append(f"{len(chosen)} {label} ({low} to {high} points)")
    line = f"against the cutoff of {cutoff}" if cutoff is not None else \
        "with no cutoff"
    return (f"Bar chart of the weighted totals of {len(bars)} scored "
            f"capabilities {line}: " + "; ".join(counts) + ".")
