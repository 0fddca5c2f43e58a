"""Xtesting's testcases.yaml, as the repository holds it for the NFV
vertical: read without installing xtesting, refused with a located E175
when it is not of Xtesting's shape."""
import os

import pytest

from interop.errors import LoadError
from interop.load.xtesting import load_testcases, repository_cases, \
    split_test
from interop.tests.conftest import ROOT

NFV = "verticals/nfv/xtesting/testcases.yaml"


def test_the_repository_file_lists_its_cases():
    cases = repository_cases(ROOT, NFV)
    case = cases["xtesting:functest/vping_ssh"]
    assert (case.project, case.name, case.tier) == (
        "functest", "vping_ssh", "healthcheck")
    assert case.blocking is True and case.line > 1
    assert split_test(case.test_name) == ("functest", "vping_ssh")
    assert split_test("tempest.api.x.T.test") is None


@pytest.mark.parametrize("text, line", [
    ("tiers: {}\n", 1),
    ("tiers:\n  - name: a\n", 2),
    ("tiers:\n  - name: a\n    testcases:\n      - case_name: x\n", 4),
    ("tiers:\n  - name: a\n    testcases:\n      - {case_name: x, "
     "project_name: p}\n      - {case_name: x, project_name: p}\n", 5),
])
def test_a_wrong_file_is_located(tmp_path, text, line):
    path = tmp_path / "testcases.yaml"
    path.write_text(text)
    with pytest.raises(LoadError) as caught:
        load_testcases(str(path), "testcases.yaml")
    f = caught.value.finding
    assert (f.code, f.line, f.path) == ("E175", line, "testcases.yaml")


def test_a_file_outside_the_repository_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("tiers: []\n")
    root = tmp_path / "repo"
    root.mkdir()
    os.symlink(outside, root / "testcases.yaml")
    with pytest.raises(LoadError) as caught:
        repository_cases(str(root), "testcases.yaml")
    assert caught.value.finding.code == "E160"
