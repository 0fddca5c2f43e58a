"""Xtesting's result records: a case passed when its criteria is PASS,
named as guidelines name it; told apart from RefStack's JSON."""
import pytest

from interop.errors import LoadError
from interop.refstack.reading import load

LINES = (
    '{"project_name": "functest", "case_name": "vping_ssh", '
    '"criteria": "PASS", "details": {}}\n'
    '{"project_name": "functest", "case_name": "vping_userdata", '
    '"criteria": "FAIL"}\n')


def test_records_one_a_line(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(LINES)
    found = load(str(path))
    assert found.format == "xtesting"
    assert found.names == {"xtesting:functest/vping_ssh"}
    assert found.tests == 2


def test_a_list_of_records(tmp_path):
    path = tmp_path / "results.json"
    path.write_text("[" + ",".join(LINES.strip().splitlines()) + "]")
    assert load(str(path), "xtesting").names == {
        "xtesting:functest/vping_ssh"}


@pytest.mark.parametrize("text, line", [
    ('{"project_name": "functest", "case_name": "a"}\n{"case_name": 1, '
     '"project_name": "x"}\n', 2),
    ('{"project_name": "functest", "case_name": "a"}\nnot json\n', 2),
])
def test_bad_records_are_located(tmp_path, text, line):
    path = tmp_path / "results.json"
    path.write_text(text)
    with pytest.raises(LoadError) as caught:
        load(str(path))
    assert (caught.value.finding.code, caught.value.finding.line) == (
        "E150", line)


def test_a_tempest_run_and_an_xtesting_run_judged_as_one(tmp_path, capsys):
    import json
    import os

    from interop import cli
    from interop.tests.conftest import ROOT
    guideline = os.path.join(ROOT, "verticals", "guidelines",
                             "nfv.next.json")
    assert cli.main(["testlist", guideline, "--target", "nfv", "--type",
                     "required,advisory"]) == 0
    listed = [line.split("[", 1)[0]
              for line in capsys.readouterr().out.splitlines()]
    tempest = tmp_path / "passed.txt"
    tempest.write_text("\n".join(n for n in listed
                                 if not n.startswith("xtesting:")) + "\n")
    xtesting = tmp_path / "results.json"
    xtesting.write_text(LINES)
    code = cli.main(["comply", str(tempest), str(xtesting), "--guideline",
                     guideline, "--target", "nfv", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["results"]["format"] == "list+xtesting"
    assert report["results"]["passed"] == len(set(listed))
    assert code == 0
    # the Tempest run alone leaves the xtesting case out
    assert cli.main(["comply", str(tempest), "--guideline", guideline,
                     "--target", "nfv", "--format", "json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert alone["results"]["passed"] == len(set(listed)) - 1


def test_a_junit_file_naming_cases_as_guidelines_do(tmp_path):
    path = tmp_path / "xtesting.xml"
    path.write_text('<testsuite name="xtesting">'
                    '<testcase name="xtesting:functest/vping_ssh"/>'
                    '<testcase name="xtesting:functest/vping_userdata">'
                    '<failure/></testcase></testsuite>')
    found = load(str(path))
    assert (found.format, found.names) == (
        "junit", {"xtesting:functest/vping_ssh"})
