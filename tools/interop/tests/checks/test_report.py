"""``checks.formatters.report`` and ``failing``: what ``interop check``
prints and fails on, without the CLI."""
import os

from interop.checks.formatters import failing, report
from interop.errors import Finding
from interop.workflow.baselines import maybe_in_git

FINDINGS = [
    Finding("a.yaml", 3, 5, "S001", "error", "unknown key 'colour'"),
    Finding("a.yaml", 4, 1, "W007", "info", "scored, left out"),
    Finding("b.yaml", 1, 1, "F001", "warning", "no reason",
            suppressed="kept for the Board"),
]


def test_info_is_counted_not_shown_unless_asked_for(capsys):
    report(FINDINGS, "text", 2)
    out, err = capsys.readouterr()
    assert "S001" in out and "W007" not in out and "F001" not in out
    assert "1 info not shown" in err
    report(FINDINGS, "text", 2, show_info=True, show_suppressed=True)
    out, err = capsys.readouterr()
    assert "W007" in out and "F001" in out and "info not shown" not in err


def test_json_shows_every_finding(tmp_path):
    path = tmp_path / "report.json"
    report(FINDINGS, "json", 2, output_file=str(path))
    assert path.read_text().count('"code"') == 3


def test_failing_counts_live_findings_at_or_above_the_level():
    assert [f.code for f in failing(FINDINGS)] == ["S001"]
    assert [f.code for f in failing(FINDINGS, "info")] == ["S001", "W007"]


def test_files_outside_git_have_no_committed_versions(tmp_path,
                                                      monkeypatch):
    monkeypatch.delenv("GIT_DIR", raising=False)
    assert not maybe_in_git([])
    assert not maybe_in_git([str(tmp_path / "a.json")])
    (tmp_path / ".git").mkdir()
    os.mkdir(tmp_path / "sub")
    assert maybe_in_git([str(tmp_path / "sub" / "a.json")])
