"""Rules against the committed version: ``interop check`` takes it from
git without ``--baseline``, and ``interop review`` from the revision before
the change."""
import os

import git
import pytest

from interop import cli
from interop.tests.checks.helpers import BASE, PREVIOUS, codes
from interop.tests.conftest import copy_criteria
from interop.workflow.review import review

FLAG = ("      a.FlavorsTest.test_list_flavors:\n"
        "        idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\n"
        "        flagged:\n"
        "          reason: \"[D401] Needs two flavors (bug 2001234).\"\n"
        "          action: Flagged until the test is fixed.\n"
        "          date: \"2026-08-01\"\n")
UNFLAGGED = ("      a.FlavorsTest.test_list_flavors: "
             "id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\n")


@pytest.fixture
def repo(tmp_path):
    copy_criteria(tmp_path)
    (tmp_path / "guidelines").mkdir()
    (tmp_path / "guidelines" / "2026.06.yaml").write_text(
        PREVIOUS.replace(UNFLAGGED, FLAG))
    (tmp_path / "guidelines" / "next.yaml").write_text(BASE)
    r = git.Repo.init(tmp_path)
    with r.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.org")
    r.git.add("-A")
    r.index.commit("Start")
    return r


def _edit(repo, path, old, new):
    full = os.path.join(repo.working_tree_dir, path)
    with open(full) as handle:
        text = handle.read()
    assert old in text
    with open(full, "w") as handle:
        handle.write(text.replace(old, new))


def _check(repo, capsys, *select):
    args = ["check", "--repo", repo.working_tree_dir]
    for code in select:
        args += ["--select", code]
    status = cli.main(args)
    return status, capsys.readouterr().out


def test_check_compares_an_approved_guideline_with_git(repo, capsys):
    assert _check(repo, capsys, "L005", "L011")[0] == 0
    # a test taken away from the approved guideline, not committed
    _edit(repo, "guidelines/2026.06.yaml", FLAG, "")
    status, out = _check(repo, capsys, "L005")
    assert status == 1 and "L005 error: approved guideline 2026.06: test " \
        "'a.FlavorsTest.test_list_flavors'" in out
    assert out.startswith("guidelines/2026.06.yaml:")


def test_check_reports_a_lifted_flag(repo, capsys):
    _edit(repo, "guidelines/2026.06.yaml", FLAG, UNFLAGGED)
    status, out = _check(repo, capsys, "L005", "L011")
    assert status == 1
    [line] = out.splitlines()
    assert " L011 error: approved guideline 2026.06: the flag of " \
        "'a.FlavorsTest.test_list_flavors' was lifted" in line
    # committed, the lifted flag is the new baseline: only review sees it
    repo.git.add("-A")
    repo.index.commit("Lift a flag")
    assert _check(repo, capsys, "L011")[0] == 0
    rv = review(repo.working_tree_dir)
    assert "L011" in {f.code for i in rv.items for f in i.findings}


def test_a_changed_criteria_set_freezes_only_published_guidelines(
        repo, capsys):
    _edit(repo, "criteria/core.yaml", "cutoff: 74", "cutoff: 70")
    status, out = _check(repo, capsys, "W012", "W013")
    found = sorted((line.split(":")[0], line.split()[1])
                   for line in out.splitlines())
    assert found == [("guidelines/2026.06.yaml", "W012"),
                     ("guidelines/next.yaml", "W013")]
    assert status == 1 and "cutoff 74 -> 70" in out


def test_an_explicit_baseline_replaces_the_committed_one(repo, capsys,
                                                         tmp_path):
    _edit(repo, "guidelines/2026.06.yaml", FLAG, UNFLAGGED)
    same = tmp_path / "2026.06.yaml"
    same.write_text(PREVIOUS)
    assert cli.main(["check", "--select", "L011", "--repo",
                     repo.working_tree_dir, "--baseline", str(same)]) == 0


def test_outside_git_nothing_is_compared(tmp_path, capsys):
    (tmp_path / "guidelines").mkdir()
    path = tmp_path / "guidelines" / "2026.06.yaml"
    path.write_text(PREVIOUS)
    copy_criteria(tmp_path)
    assert cli.main(["check", "--select", "L", "--repo", str(tmp_path),
                     str(path)]) == 0


def test_required_capability_with_an_open_mark_below_the_cutoff(tmp_path):
    """W004: a provisional total whose lowest value misses the cutoff."""
    from interop.checks import check_files
    from interop.repository import Repository
    copy_criteria(tmp_path)
    sheet = tmp_path / "criteria" / "scoring" / "powered"
    sheet.mkdir(parents=True)
    row = ("program: powered\nguideline: next\ncriteria: core\n"
           "capabilities:\n  compute-servers-create:\n    admin: false\n"
           "    marks: {atomic: 1, clients: 1, complete: 1, deployed: 1,\n"
           "            discover: 1, doc: 1, foundation: 0, future: %s,\n"
           "            proximity: 0, stable: 1, sticky: 1, tools: 0}\n")
    (tmp_path / "guidelines").mkdir()
    source = tmp_path / "guidelines" / "next.yaml"
    source.write_text(BASE.replace(
        "    achievements: [atomic, clients, complete, deployed, discover, "
        "doc, future,\n                   stable, sticky]\n", ""))
    repo = Repository(str(tmp_path))
    for mark, fired in (('"?"', True), ("1", False), ("0", True)):
        (sheet / "next.yaml").write_text(row % mark)
        found = [f for f in check_files([str(source)], Repository(
            repo.root), ["W004"])]
        assert bool(found) == fired, mark
        if mark == '"?"':
            assert "66..77?" in found[0].message
            assert "until its '?' marks are scored" in found[0].message


def test_sticky_mark_from_the_series():
    """W015 both ways: required before and not marked; marked but not
    required before."""
    cap = ("capabilities:\n  compute-flavors-list:\n    project: nova\n"
           "    admin: false\n    description: x\n    tests: {}\n"
           "    achievements: [%s]\n"
           "components:\n  os_powered_compute:\n    capabilities:\n"
           "      required: [compute-servers-create]\n"
           "      advisory: [compute-flavors-list]\n")
    assert [c for *_, c in codes(cap % "atomic, sticky", ["W015"])] == [
        "W015"]
    assert codes(cap % "atomic", ["W015"]) == []
