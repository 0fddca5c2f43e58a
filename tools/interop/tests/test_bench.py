"""``tools/bench`` runs: every part once at a tiny size (``--tiny``).

The figures of a tiny run mean nothing and no time is asserted; what is
held is that each part runs to its end on this tree (a part that raises
is an ERROR row and exit 1), so a change that breaks the benchmarks
cannot go unseen until someone measures.  Parts whose tools are missing
(the corpus, Sphinx, Tempest) say they skipped, and that is a pass.
"""
import os
import subprocess
import sys

from interop.tests.conftest import ROOT

BENCH = os.path.join(ROOT, "tools", "bench")


def _parts():
    """The parts tools/bench declares, read from the script."""
    namespace = {"__name__": "bench", "__file__": BENCH}
    with open(BENCH, encoding="utf-8") as handle:
        exec(compile(handle.read(), BENCH, "exec"), namespace)
    return namespace["PARTS"]


def test_every_part_runs_once_at_a_tiny_size(tmp_path):
    parts = _parts()
    assert {"corpus", "repo", "scale", "capabilities", "series", "docs",
            "index"} <= set(parts)
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "tools"),
               TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, BENCH, "--tiny"], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    out = done.stdout
    assert done.returncode == 0, out[-3000:] + done.stderr[-2000:]
    assert "ERROR" not in out
    for part in parts:
        assert f"\n{part}:\n" in out, part
    assert f"{len(parts)} of {len(parts)} part(s) ran" in out
    # the closing table has the columns the README shows
    assert "measurement" in out and "target" in out and "met" in out
