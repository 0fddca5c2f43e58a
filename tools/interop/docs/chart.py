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
import io
import re
from typing import Any

#: status -> (colour, label in the legend), in the legend's order; the
#: colours are told apart by colour-blind readers (Okabe-Ito) and each
#: status also has its own hatch for print in grey
STATUSES = {
    "required": ("#0072B2", "required", ""),
    "advisory": ("#E69F00", "advisory", "//"),
    "deprecated": ("#CC79A7", "deprecated", "xx"),
    "removed": ("#999999", "removed", ".."),
    "left out": ("#FFFFFF", "candidate left out", ""),
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


#: more bars than this are drawn in two panels side by side, so that the
#: Powered program's hundred-odd capabilities fit under the summary box
SPLIT = 40


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
    ax.set_yticks(ys)
    # usetex and mathtext off: a name is drawn as written
    ax.set_yticklabels([b.name for b in bars],
                       fontsize=7 if rows <= SPLIT // 2 else 6, usetex=False,
                       parse_math=False)
    ax.set_ylim(-0.7, rows - 0.3)
    ax.set_xlim(0, 100)
    ax.set_xlabel("weighted total (dotted: open '?' marks)", fontsize=6)
    ax.tick_params(axis="x", labelsize=6)
    if isinstance(cutoff, int) and not isinstance(cutoff, bool):
        ax.axvline(cutoff, color="#D55E00", linewidth=1.2)
        ax.text(cutoff, rows - 0.3, f"cutoff {cutoff}", color="#D55E00",
                fontsize=7, va="bottom", ha="center", parse_math=False,
                clip_on=False)
    ax.grid(axis="x", linewidth=0.3, color="#cccccc")
    ax.set_axisbelow(True)


def _layout(bars: list[Bar]) -> tuple[int, int]:
    panels = 2 if len(bars) > SPLIT else 1
    return panels, max(1, -(-len(bars) // panels))


def size(bars: list[Bar]) -> tuple[float, float]:
    """The figure's width and height in inches."""
    _, rows = _layout(bars)
    per = 0.085 if rows > SPLIT // 2 else 0.17   # inches per bar
    return 7.0, max(2.2, per * rows + 1.4)


def figure(bars: list[Bar], cutoff: Any, title: str) -> Any:
    """The matplotlib figure: horizontal bars, one per capability, in
    one panel or (past ``SPLIT`` bars) two."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    bars = _order(bars)
    panels, rows = _layout(bars)
    width, height = size(bars)
    fig = Figure(figsize=(width, height), dpi=100)
    # margins in inches: 0.5 below for the axis, 0.9 above for the title
    # and the legend, whatever the number of bars
    share = 1 / panels
    for n in range(panels):
        ax = fig.add_axes((n * share + share * 0.45, 0.5 / height,
                           share * 0.5, 1 - 1.4 / height))
        _panel(ax, bars[n * rows:(n + 1) * rows], rows, cutoff)
    fig.text(0.02, 1 - 0.15 / height, title, fontsize=9, va="top",
             parse_math=False)
    used = [s for s in STATUSES if any(b.status == s for b in bars)]
    fig.legend(handles=[Patch(facecolor=STATUSES[s][0],
                              hatch=STATUSES[s][2], edgecolor="#333333",
                              label=STATUSES[s][1]) for s in used],
               fontsize=7, loc="upper left", ncol=len(used) or 1,
               bbox_to_anchor=(0.02, 1 - 0.35 / height), frameon=False)
    return fig


def render(bars: list[Bar], cutoff: Any, title: str, fmt: str) -> bytes:
    """The chart as ``svg`` or ``png`` bytes, made the same way each time
    (no dates or random ids in the file)."""
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
