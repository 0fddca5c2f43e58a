"""The output formats of ``interop check``: objects chosen by name, with
flake8's life cycle, and ``--output-file``."""
import io

import pytest

from interop import cli
from interop.checks.formatters import FORMATS, FORMATTERS, Formatter
from interop.errors import Finding
from interop.tests.checks.helpers import BASE

FINDINGS = [
    Finding("a.yaml", 3, 5, "S001", "error", "unknown key 'colour'"),
    Finding("a.yaml", 4, 1, "W007", "info", "scored, left out"),
    Finding("b.yaml", 1, 1, "F001", "warning", "no reason",
            suppressed="kept for the Board"),
]


class Recording(Formatter):
    name = "recording"

    def start(self):
        self.calls = ["start"]

    def format(self, finding):
        self.calls.append(finding.code)
        return finding.code

    def summary(self, files, findings, hidden):
        self.calls.append(("summary", files, len(findings), len(hidden)))

    def stop(self):
        self.calls.append("stop")
        super().stop()


def test_every_format_is_chosen_by_its_name():
    assert set(FORMATS) == set(FORMATTERS) == {"text", "json", "github"}
    for name, kind in FORMATS.items():
        assert issubclass(kind, Formatter) and kind.name == name


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_render_is_the_life_cycle_written_to_a_stream(name):
    out = io.StringIO()
    formatter = FORMATS[name](True, out)
    formatter.start()
    for finding in FINDINGS:
        formatter.handle(finding)
    formatter.summary(2, FINDINGS, [])
    formatter.stop()
    assert out.getvalue() == FORMATTERS[name](FINDINGS, True)


def test_the_life_cycle_runs_in_flake8s_order(tmp_path):
    target = tmp_path / "report.txt"
    formatter = Recording(output_file=str(target))
    formatter.start()
    for finding in FINDINGS[:2]:
        formatter.handle(finding)
    assert not target.exists()  # written whole, at the stop
    formatter.summary(1, FINDINGS[:2], [])
    formatter.stop()
    assert formatter.calls == ["start", "S001", "W007",
                               ("summary", 1, 2, 0), "stop"]
    assert target.read_text() == "S001\nW007\n"


@pytest.fixture
def repo(tmp_path):
    from interop.tests.conftest import copy_criteria
    copy_criteria(tmp_path)
    (tmp_path / "guidelines").mkdir()
    (tmp_path / "guidelines" / "next.yaml").write_text(
        BASE.replace("  scoring: core\n", "  scoring: core\n  colour: red\n"))
    return tmp_path


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_output_file_holds_what_standard_output_would(repo, capsys, name):
    argv = ["check", "--repo", str(repo), "--select", "S001",
            "--format", name]
    code = cli.main(argv)
    printed, summary = capsys.readouterr()
    report = repo.parent / f"report-{name}"
    assert cli.main(argv + ["--output-file", str(report)]) == code == 1
    out, err = capsys.readouterr()
    assert out == "" and err == summary
    assert report.read_text(encoding="utf-8") == printed and "S001" in printed


def test_an_output_file_that_cannot_be_written_is_exit_2(repo, capsys):
    (repo / "taken").mkdir()
    (repo / "taken" / "report").mkdir()  # a folder in the way
    assert cli.main(["check", "--repo", str(repo), "--output-file",
                     str(repo / "taken" / "report")]) == 2
    assert "cannot write" in capsys.readouterr().err
