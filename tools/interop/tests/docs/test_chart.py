"""The packet's charts in print: names at 8 pt or more, a mark for a
total of 0, and "candidate" only for what meets the cutoff."""
import pytest

from interop.docs import chart

pytest.importorskip("matplotlib", reason="matplotlib (docs extra) not "
                    "installed")


def test_labels_print_at_eight_points_or_more():
    from interop.docs.packet import CHART_HEIGHT_CM, CHART_WIDTH_CM
    for n in (1, 10, chart.SPLIT):
        bars = [chart.Bar(f"c{i}", 80, 0, "required") for i in range(n)]
        width, height = chart.size(bars)
        scale = min(CHART_WIDTH_CM / (width * 2.54),
                    CHART_HEIGHT_CM / (height * 2.54))
        assert chart.LABEL_PT * scale >= 8, n


def test_many_bars_make_several_charts():
    bars = [chart.Bar(f"c{i}", 80, 0, "required") for i in range(107)]
    pieces = chart.chunks(bars)
    assert [len(p) for p in pieces] == [48, 48, 11]


def test_a_total_of_zero_has_a_mark():
    fig = chart.figure([chart.Bar("admin-only", 0, 0, "deprecated"),
                        chart.Bar("fine", 80, 0, "required")], 74, "t")
    ax = fig.axes[0]
    assert [line.get_marker() for line in ax.get_lines()
            if line.get_marker() not in (None, "None")] == ["D"]
    assert "0" in [t.get_text() for t in ax.texts]


def test_candidate_only_at_the_cutoff():
    from types import SimpleNamespace as NS

    from interop.docs.decision import bars
    from interop.scoring.score import Total
    rows = [NS(name="meets", status=None, meets=True, total=Total(80, 0)),
            NS(name="below", status=None, meets=False, total=Total(60, 0))]
    shown = {b.name: b.status for b in bars(NS(rows=rows))}
    assert shown == {"meets": "candidate", "below": "left out"}
    assert chart.STATUSES["left out"][1] == "left out: below the cutoff"


def test_a_chart_drawn_once_is_read_back(tmp_path, monkeypatch):
    """The same data in the same cache folder draws once: an edit that
    leaves the scores alone rebuilds without matplotlib's drawing."""
    bars = [chart.Bar("a", 80, 0, "required")]
    first = chart.render(bars, 74, "t", "svg", str(tmp_path))
    drawn = []
    monkeypatch.setattr(chart, "_draw", lambda *a: drawn.append(a) or b"")
    assert chart.render(bars, 74, "t", "svg", str(tmp_path)) == first
    assert drawn == []
    chart.render(bars, 75, "t", "svg", str(tmp_path))  # other data
    assert len(drawn) == 1


def test_a_damaged_cache_entry_is_drawn_again(tmp_path):
    bars = [chart.Bar("a", 80, 0, "required")]
    first = chart.render(bars, 74, "t", "png", str(tmp_path))
    [entry] = list(tmp_path.iterdir())
    entry.write_text("not base64 at all!")
    assert chart.render(bars, 74, "t", "png", str(tmp_path)) == first


def test_charts_are_cached_in_the_users_cache_never_the_checkout(
        tmp_path, monkeypatch):
    """A drawn chart is kept under the user's cache folder: a chart file
    committed in the checkout is never what the packet shows."""
    from interop.docs.decision import packet_page
    from interop.repository import Repository
    from interop.tests.docs.sample import make_sample
    root = make_sample(tmp_path / "sample")
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "cache"))
    packet_page(Repository(str(root)), "guidelines/next.yaml")
    assert list((tmp_path / "cache" / "charts").iterdir())
    assert not (root / ".interop-cache").exists()


def test_a_chart_read_back_and_the_pdfs_fonts_need_no_matplotlib(tmp_path):
    """A rebuild whose charts are in the cache imports neither matplotlib
    nor numpy (a fifth of a packet's PDF): the cache's key and the PDF's
    fonts are found without them, the fonts where matplotlib keeps
    them."""
    import json
    import os
    import subprocess
    import sys

    import matplotlib

    from interop.docs.packet import _dejavu
    assert _dejavu() == os.path.join(matplotlib.get_data_path(), "fonts",
                                     "ttf")
    bars = [chart.Bar("c1", 80, 0, "required")]
    drawn = chart.render(bars, 74, "t", "svg", str(tmp_path))
    script = (
        "import json, sys\n"
        "from interop.docs import chart, packet\n"
        "bars = [chart.Bar('c1', 80, 0, 'required')]\n"
        f"svg = chart.render(bars, 74, 't', 'svg', {str(tmp_path)!r})\n"
        "packet._fonts()\n"
        "print(json.dumps([svg.decode(), sorted(m for m in sys.modules\n"
        "    if m.split('.')[0] in ('matplotlib', 'numpy'))]))\n")
    done = subprocess.run([sys.executable, "-c", script], check=True,
                          capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=os.pathsep.join(
                              sys.path)))
    svg, imported = json.loads(done.stdout)
    assert svg == drawn.decode() and imported == []
