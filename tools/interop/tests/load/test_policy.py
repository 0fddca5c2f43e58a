"""The programs' policy is data: read from criteria/process/programs.yaml,
the process documents' defaults where it says nothing, located errors
where it is wrong; the T, C and V rules follow it."""
import textwrap

import pytest

from interop.checks import Document, run
from interop.errors import LoadError
from interop.load.policy import DEFAULTS, load_policies, source_of
from interop.load.reader import read_guideline
from interop.load.source import load_yaml
from interop.repository import Repository
from interop.tests.checks.helpers import BASE, merge

OWNERS = """\
approvers:
  working-group: {name: the Working Group}
  board: {name: the Board}
programs:
  powered: {owner: working-group}
  dns: {owner: project-team, team: designate}
"""


def _repo(tmp_path, policy=""):
    folder = tmp_path / "criteria" / "process"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "programs.yaml").write_text(
        OWNERS + textwrap.dedent(policy))
    return str(tmp_path)


def test_defaults_without_a_file(tmp_path):
    policies = load_policies(str(tmp_path))
    assert policies.of("powered", "powered") == DEFAULTS["powered"]
    assert not DEFAULTS["powered"].admin
    assert DEFAULTS["vertical"].allows("xtesting")


def test_kind_and_program_policies(tmp_path):
    root = _repo(tmp_path, """\
        policy:
          powered: {tests_from: [tempest]}
        """)
    policies = load_policies(root)
    assert policies.of("powered", "powered").allows("tempest")
    assert policies.of("add-on", "dns").team == "designate"
    assert source_of("designate_tempest_plugin.tests.T.t", "designate") \
        == "own-plugin"
    assert source_of("manila_tempest_tests.api.T.t", "designate") == \
        "plugins"
    assert source_of("xtesting:functest/vping_ssh") == "xtesting"


def test_a_program_policy_overrides_its_kind(tmp_path):
    root = _repo(tmp_path.joinpath("x"), "")
    text = (tmp_path / "x" / "criteria" / "process" / "programs.yaml")
    text.write_text(text.read_text().replace(
        "dns: {owner: project-team, team: designate}",
        "dns: {owner: project-team, team: designate, "
        "policy: {admin: false}}"))
    policy = load_policies(root).of("add-on", "dns")
    assert policy.admin is False and policy.allows("own-plugin")


@pytest.mark.parametrize("policy, line", [
    ("policy:\n  powered: {tests_from: [anywhere]}\n", 8),
    ("policy:\n  platform: {}\n", 8),
    ("policy:\n  powered: {admin: maybe}\n", 8),
    ("policy:\n  powered: {vote: true}\n", 8),
])
def test_a_wrong_policy_is_located(tmp_path, policy, line):
    root = _repo(tmp_path, policy)
    with pytest.raises(LoadError) as caught:
        load_policies(root)
    assert (caught.value.finding.code, caught.value.finding.line) == (
        "E174", line)


SCENARIO = """\
capabilities:
  compute-servers-create:
    admin: true
    tests:
      tempest.scenario.test_x.T.test_x:
        idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
"""


def _codes(root, text, select):
    path = "guidelines/next.yaml"
    tree = merge(load_yaml(BASE, path), load_yaml(text, path))
    doc = Document(path, tree, read_guideline(tree, path),
                   repo=Repository(root))
    return sorted({f.code for f in run(doc, select)})


def test_rules_follow_the_data(tmp_path):
    strict = _repo(tmp_path / "strict")
    assert _codes(strict, SCENARIO, ["T006", "C007"]) == ["C007", "T006"]
    loose = _repo(tmp_path / "loose", """\
        policy:
          powered: {tests_from: [tempest], admin: true}
        """)
    assert _codes(loose, SCENARIO, ["T006", "C007"]) == []


def test_an_unreadable_policy_is_reported_not_raised(tmp_path):
    root = _repo(tmp_path, "policy:\n  powered: {admin: maybe}\n")
    found = _codes(root, SCENARIO, ["T006"])
    assert found == ["T006"]


def test_review_asks_whom_the_policy_names(tmp_path):
    from interop.load.process import load_ownership
    from interop.workflow.owners import need_of
    root = _repo(tmp_path)
    own = load_ownership(root)
    path = "add-ons/dns/next.yaml"
    default = need_of(path, own, policies=load_policies(root))
    assert [a.role for a in default.approvers] == [
        "project-team", "working-group"]
    without = _repo(tmp_path / "other", """\
        policy:
          add-on: {approvers: [working-group, board]}
        """)
    found = need_of(path, own, policies=load_policies(without))
    assert [a.role for a in found.approvers] == ["working-group"]
