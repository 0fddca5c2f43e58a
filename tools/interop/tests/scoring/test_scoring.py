"""Scoring sheets, totals, the legacy worksheets and ``interop score``."""
import csv
import json
import os
import re

import pytest

from interop import cli
from interop.load.published import read_published
from interop.repository import Repository
from interop.scoring.sheets import load_sheet
from interop.scoring.tabulate import report
from interop.scoring.worksheet import read_worksheet
from interop.tests.conftest import ROOT

PROJECT = Repository(ROOT)
SHEET = """\
program: powered
guideline: next
criteria: core
capabilities:
  a-full:
    admin: false
    marks: {atomic: 1, clients: 1, complete: 1, deployed: 1, discover: 1,
            doc: 1, foundation: 1, future: 1, proximity: 1, stable: 1,
            sticky: 1, tools: 1}
  b-pending:
    admin: false
    marks: {atomic: 1, clients: 1, complete: 1, deployed: 1, discover: 1,
            doc: 1, foundation: 0, future: "?", proximity: 0, stable: 1,
            sticky: 0, tools: 0}
  c-admin:
    admin: true
    marks: {atomic: 1, clients: 1, complete: 1, deployed: 1, discover: 1,
            doc: 1, foundation: 1, future: 1, proximity: 1, stable: 1,
            sticky: 1, tools: 1}
"""


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "next.yaml"
    path.write_text(SHEET)
    return load_sheet(str(path), PROJECT.criteria_sets)


def test_totals_use_the_weights(sheet):
    full = sheet.total(sheet.scores["a-full"], powered=True)
    assert (full.points, full.pending, str(full)) == (100, 0, "100")
    assert full.meets(74) is True


def test_question_marks_make_a_total_provisional_never_zero(sheet):
    pending = sheet.total(sheet.scores["b-pending"], powered=True)
    # 6 + 10 + 8 + 8 + 8 + 8 + 9 = 57, and Future Direction (11) open
    assert (pending.points, pending.pending) == (57, 11)
    assert str(pending) == "57..68?"
    assert pending.meets(74) is False   # even 68 is below
    assert pending.meets(60) is None    # the ? decides


def test_admin_only_totals_zero_in_powered_only(sheet):
    row = sheet.scores["c-admin"]
    assert sheet.total(row, powered=True).points == 0
    assert sheet.total(row, powered=False).points == 100


def test_achievements_follow_the_criteria_order(sheet):
    assert sheet.achievements("b-pending") == [
        "atomic", "clients", "complete", "deployed", "discover", "doc",
        "stable"]
    assert sheet.achievements("nope") is None


def test_unknown_criteria_set_is_a_located_error(tmp_path):
    path = tmp_path / "next.yaml"
    path.write_text(SHEET.replace("criteria: core", "criteria: cor"))
    from interop.errors import LoadError
    with pytest.raises(LoadError) as info:
        load_sheet(str(path), PROJECT.criteria_sets)
    assert (info.value.finding.code, info.value.finding.line) == ("E130", 3)


def test_report_compares_with_the_guideline(sheet):
    from interop.tests.checks.helpers import guideline
    g = guideline("""\
components:
  c:
    capabilities:
      required: [b-pending, d-unscored]
      advisory: []
capabilities:
  b-pending: {project: x, admin: false, description: x, tests: {}}
  d-unscored: {project: x, admin: false, description: x, tests: {}}
""", "guidelines/next.yaml")
    rep = report(sheet, g)
    assert rep.below_cutoff == ["b-pending"]
    assert rep.candidates == ["a-full"]  # c-admin scores 0
    assert rep.unscored == ["d-unscored"]


@pytest.fixture
def corpus_sheet(corpus):
    g = read_published(os.path.join(corpus, "2019.06.json"))
    worksheet = os.path.join(corpus, "working_materials", "scoring.txt")
    return g, read_worksheet(worksheet, g.metadata.scoring, "powered")


def test_worksheet_reproduces_every_tabulated_total(corpus, corpus_sheet):
    _, imported = corpus_sheet
    assert imported.findings == []
    with open(os.path.join(corpus, "working_materials",
                           "tabulated_scores.csv")) as handle:
        rows = list(csv.reader(handle))[1:]
    assert len(rows) == len(imported.sheet.scores) == 140
    for row in rows:
        score = imported.sheet.scores[row[0]]
        total = imported.sheet.total(score, powered=True)
        assert str(total) == row[-1].rstrip("*"), row[0]
        assert total.meets(74) == row[-1].endswith("*"), row[0]


def test_no_score_line_is_lost(corpus, corpus_sheet):
    _, imported = corpus_sheet
    path = os.path.join(corpus, "working_materials", "scoring.txt")
    with open(path) as handle:
        lines = [line for line in handle
                 if re.match(r"^[\w.-]+:\s*\[[01?*]", line)]
    assert len(lines) == 140
    assert sorted(imported.sheet.scores) == sorted(
        line.split(":")[0] for line in lines)


def test_thirty_four_capabilities_disagree_with_the_guideline(corpus_sheet):
    g, imported = corpus_sheet
    rep = report(imported.sheet, g)
    assert len(rep.disagreeing) == 34
    assert "objectstore-slo-support" in rep.disagreeing  # misspelt key


@pytest.mark.parametrize("program,worksheet,count", [
    ("dns", "scoring_dns.txt", 2),
    ("orchestration", "scoring_orchestration.txt", 17)])
def test_add_on_worksheets(corpus, program, worksheet, count):
    g = read_published(os.path.join(corpus, "add-ons",
                                    f"{program}.2019.06.json"))
    imported = read_worksheet(
        os.path.join(corpus, "working_materials", worksheet),
        g.metadata.scoring, program, powered=False)
    assert len(imported.sheet.scores) == count
    for score in imported.sheet.scores.values():
        # not-considered criteria are left out, not scored 0
        assert not {"deployed", "foundation", "proximity"} & set(
            score.marks)
        # the add-on weights give 66, where the sheet's hand says 64
        assert imported.sheet.total(score, powered=False).points == 66
    assert {f.code for f in imported.findings} == {"W143"}
    assert len(imported.findings) == count


def test_unreadable_line_is_an_error_with_its_number(tmp_path, corpus):
    g = read_published(os.path.join(corpus, "2019.06.json"))
    path = tmp_path / "w.txt"
    path.write_text("Compute\n-------\n"
                    "compute-a: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [100]\n"
                    "compute-b: [1,1,1] [1,1] [1,1,1] [1,1,1] [1] [100]\n")
    imported = read_worksheet(str(path), g.metadata.scoring, "powered")
    assert [(f.line, f.code) for f in imported.errors] == [(4, "E140")]
    assert imported.sheet.scores["compute-a"].section == "Compute"


def test_import_scores_cli_writes_nothing_on_errors(tmp_path, corpus,
                                                    capsys):
    bad = tmp_path / "w.txt"
    bad.write_text("compute-b: [1,1,1] [1,1] [1,1,1] [1,1,1] [1] [100]\n")
    out = tmp_path / "sheet.yaml"
    code = cli.main(["import-scores", str(bad), "--criteria",
                     os.path.join(corpus, "2015.07.json"), "--out",
                     str(out)])
    assert code == 2 and not out.exists()
    assert f"{bad}:1:1: E140" in capsys.readouterr().err


def test_import_then_score_as_csv(tmp_path, corpus, capsys):
    out = tmp_path / "sheet.yaml"
    criteria = os.path.join(corpus, "2019.06.json")
    assert cli.main(["import-scores", os.path.join(
        corpus, "working_materials", "scoring.txt"), "--criteria", criteria,
        "--out", str(out)]) == 0
    capsys.readouterr()
    assert cli.main(["score", str(out), "--criteria", criteria,
                     "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    with open(os.path.join(corpus, "working_materials",
                           "tabulated_scores.csv")) as handle:
        header = handle.readline().strip()
    assert lines[0] == header
    assert lines[1] == \
        "network-floating-ips-associate,1,1,1,1,1,1,0,1,0,0,1,1,1,74*"
    assert cli.main(["score", str(out), "--criteria", criteria,
                     "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["achievements_disagree"]) == 34


def test_the_repository_sheets_score_their_guidelines(capsys):
    assert cli.main(["score", "--repo", ROOT, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    reports = data if isinstance(data, list) else [data]
    assert "powered" in {r["program"] for r in reports}
    for rep in reports:  # every sheet scores a guideline of the repository
        assert rep["compared_with"] == f"{rep['program']}.next" or \
            rep["compared_with"] == "next"
        assert rep["below_cutoff"] == rep["unscored"] == []


def test_markdown_and_text(sheet, capsys):
    from interop.scoring.tabulate import to_markdown, to_text
    rep = report(sheet)
    assert to_markdown(rep).startswith("| Capability | ")
    assert "57..68?" in to_text(rep)


def test_orchestration_worksheet_lists_fewer_than_its_guideline(corpus):
    g = read_published(os.path.join(corpus, "add-ons",
                                    "orchestration.2019.06.json"))
    imported = read_worksheet(
        os.path.join(corpus, "working_materials",
                     "scoring_orchestration.txt"),
        g.metadata.scoring, "orchestration", powered=False)
    rep = report(imported.sheet, g)
    assert len(rep.unscored) == 8 and "stack-preview" in rep.unscored
    assert rep.candidates == ["stack-get-output", "stack-validate-template"]
    assert rep.disagreeing == []
