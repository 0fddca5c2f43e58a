"""What changed, in plain words and under the Board's headings."""
import re
import typing

from interop.load.reader import read_guideline
from interop.load.source import load_yaml
from interop.workflow.diff import (
    GROUPS, KINDS, ChangeKind, diff, groups, said, words)

OLD = """\
metadata:
  id: "2020.06"
  scoring:
    cutoff_score: 74
    criteria:
      atomic: {name: Atomic, weight: 6}
      sticky: {name: Core in Last Release, weight: 9}
  os_trademark_approval:
    status: approved
    target_approval: "2020.06"
    releases: [ussuri]
components:
  os_powered_compute:
    capabilities:
      required: [a-required, a-kept, a-dropped]
      advisory: [a-advisory]
capabilities:
  a-required:
    achievements: [atomic]
    tests:
      t.T.test_one: id-5de47127-9977-400a-936f-abcfbec1218f
      t.T.test_moving: id-0a0a0a0a-9977-400a-936f-abcfbec1218f
  a-kept:
    achievements: [atomic]
    tests:
      t.T.test_old: 0B0B0B0B-9977-400a-936f-abcfbec1218f
      t.T.test_flagged:
        idempotent_id: id-0c0c0c0c-9977-400a-936f-abcfbec1218f
        flagged: {reason: D401, date: "2020-07-01"}
  a-dropped:
    tests: {t.T.test_gone: id-0d0d0d0d-9977-400a-936f-abcfbec1218f}
  a-advisory:
    tests: {t.T.test_adv: id-0e0e0e0e-9977-400a-936f-abcfbec1218f}
"""

NEW = """\
metadata:
  id: next
  scoring:
    cutoff_score: 74
    criteria:
      atomic: {name: Atomic, weight: 6}
      sticky: {name: Core in Last Release, weight: 9}
  os_trademark_approval:
    status: draft
    target_approval: "2027.06"
    replaces: "2020.06"
    releases: [2026.1, 2026.2]
components:
  os_powered_compute:
    capabilities:
      required: [a-required, a-kept, a-advisory]
      advisory: [a-new]
      deprecated: [a-dropped]
capabilities:
  a-required:
    achievements: [atomic, sticky]
    tests: {t.T.test_one: id-5de47127-9977-400a-936f-abcfbec1218f}
  a-kept:
    achievements: [atomic]
    tests:
      t.T.test_new_name: id-0b0b0b0b-9977-400a-936f-abcfbec1218f
      t.T.test_flagged: id-0c0c0c0c-9977-400a-936f-abcfbec1218f
      t.T.test_added: id-0f0f0f0f-9977-400a-936f-abcfbec1218f
      t.T.test_moving: id-0a0a0a0a-9977-400a-936f-abcfbec1218f
  a-dropped:
    tests: {t.T.test_gone: id-0d0d0d0d-9977-400a-936f-abcfbec1218f}
  a-advisory:
    tests: {t.T.test_adv: id-0e0e0e0e-9977-400a-936f-abcfbec1218f}
  a-new:
    tests: {t.T.test_x: id-01010101-9977-400a-936f-abcfbec1218f}
"""


def _guideline(text, path):
    return read_guideline(load_yaml(text, path), path)


def test_values_in_plain_words():
    assert said("replaces", None, "2020.06") == "replaces: 2020.06 (new)"
    assert said("releases", ["a", "b"], ["c"]) == "releases: c (was a, b)"
    assert words(True) == "true" and words(None) == "none"


def test_changes_grouped_as_the_board_reads_them():
    old = _guideline(OLD, "guidelines/baseline/2020.06.yaml")
    new = _guideline(NEW, "guidelines/next.yaml")
    found = dict(groups(diff(old, new)))
    assert list(found) == ["Guideline", "Promoted", "Newly advisory",
                           "Deprecated", "Tests added",
                           "Tests renamed or moved", "Flags",
                           "Scores that moved"]
    assert found["Tests added"] == ["test t.T.test_added added to a-kept"]
    assert "replaces: 2020.06 (new)" in found["Guideline"]
    assert "status: draft (was approved)" in found["Guideline"]
    assert found["Promoted"] == [
        "capability a-advisory promoted advisory → required"]
    assert found["Newly advisory"] == ["capability a-new added as advisory"]
    assert found["Deprecated"] == [
        "capability a-dropped deprecated (was required)"]
    assert found["Tests renamed or moved"] == [
        "test t.T.test_old of a-kept renamed t.T.test_new_name",
        "test t.T.test_moving moved from a-required to a-kept"]
    assert found["Flags"] == ["test t.T.test_flagged no longer flagged"]
    assert found["Scores that moved"] == [
        "a-required: scores 15 (was 6); gains Core in Last Release"]
    sentences = [s for items in found.values() for s in items]
    # no Python values: no None, no quotes around values
    assert not [s for s in sentences if re.search(r"None|'", s)]


def test_a_baseline_holds_no_descriptions_to_compare():
    old = _guideline(OLD, "guidelines/baseline/2020.06.yaml")
    new = _guideline(NEW.replace("  a-new:\n", "  a-new:\n    description: "
                                 "x\n").replace(
        "  a-required:\n", "  a-required:\n    description: Create.\n"),
        "guidelines/next.yaml")
    assert not [c for c in diff(old, new) if "description" in c.message]
    same_old = _guideline(OLD, "guidelines/2020.06.yaml")
    assert [c.message for c in diff(same_old, new) if "description" in
            c.message] == ["capability a-required: description: Create. "
                           "(new)"]


def test_a_capabilitys_kind_and_resource_types_are_changes():
    import dataclasses

    from interop.repository import Repository
    from interop.tests.conftest import ROOT
    from interop.workflow.diff import diff
    repo = Repository(ROOT)
    g = repo.load("add-ons/orchestration/next.yaml").guideline
    new = dataclasses.replace(g, capabilities=dict(g.capabilities))
    cap = new.capabilities["stack-resources-server-network"]
    new.capabilities[cap.name] = dataclasses.replace(
        cap, resource_types=cap.resource_types + ["OS::Heat::Stack"])
    found = [c for c in diff(g, new, ctx=repo)
             if c.kind == "capability-changed"]
    assert len(found) == 1 and "resource_types" in found[0].path


def test_each_kind_of_change_is_read_under_one_heading():
    """The kinds are the type checker's ``ChangeKind``, each once, and the
    Board reads each under exactly one heading ("Newly advisory" takes
    its capabilities from "capability-added")."""
    assert KINDS == typing.get_args(ChangeKind)
    assert len(set(KINDS)) == len(KINDS)
    headed = [kind for _, kinds in GROUPS for kind in kinds]
    assert sorted(headed) == sorted(KINDS)
