"""Consumer profiles: their rules fire and stay quiet as documented, are
located, and the repository's own profiles are clean."""
import inspect
import os
import re

import pytest

from interop.errors import LoadError
from interop.refstack import profilerules, profiles
from interop.tests.checks.test_catalogue import _examples

#: the guideline the documented examples name, and its compute tests
LISTED = {"tempest.api.compute.test_a.T.test_a"}


def lister(guideline, target):
    if guideline != "g.yaml":
        return f"{guideline}: cannot read"
    if target != "compute":
        return f"{guideline}: unknown target '{target}'"
    return LISTED


def findings(text, select=None, path="consumers/demo.yaml"):
    return profilerules.check(profiles.read(text, path), lister, select)


@pytest.mark.parametrize("code", sorted(profilerules.RULES))
def test_rule_is_documented(code):
    rule = profilerules.RULES[code]
    assert re.fullmatch(r"J\d{3}", code)
    assert rule.severity in ("error", "warning", "info")
    assert rule.summary and "Fails::" in rule.doc and "Passes::" in rule.doc


@pytest.mark.parametrize("code", sorted(profilerules.RULES))
def test_documented_examples_fire_and_stay_quiet(code):
    examples = _examples(inspect.cleandoc(profilerules.RULES[code].doc))
    assert {label for label, _ in examples} == {"Fails", "Passes"}
    for label, text in examples:
        fired = [f for f in findings(text) if f.code == code]
        assert bool(fired) == (label == "Fails"), (label, text, fired)
        if label == "Passes":  # a passing example breaks no rule at all
            assert findings(text) == [], text


def test_every_profile_rule_is_named_in_successors_page(root):
    with open(os.path.join(root, "doc", "source", "successors.rst"),
              encoding="utf-8") as handle:
        page = handle.read()
    assert all(re.search(rf"^{c}  ", page, re.M) for c in profilerules.RULES)


def test_an_exclusion_of_a_test_not_listed_is_located():
    text = ("profile: demo\nguideline: g.yaml\ntarget: compute\n"
            "exclude:\n  - test: tempest.api.compute.test_b.T.test_b\n"
            "    reason: Gone.\n    decision: https://example.org/1\n")
    (found,) = findings(text)
    assert (found.code, found.line, found.col) == ("J004", 5, 5)
    assert "test_b" in found.message and "compute" in found.message


def test_a_missing_reason_and_a_reference_that_is_no_url():
    text = ("profile: demo\nguideline: g.yaml\ntarget: compute\n"
            "exclude:\n  - test: tempest.api.compute.test_a.T.test_a\n"
            "    decision: javascript:alert(1)\n")
    assert [(f.code, f.line) for f in findings(text)] == [
        ("J005", 5), ("J006", 6)]


def test_a_profile_is_named_for_its_file():
    text = "profile: other\nguideline: g.yaml\ntarget: compute\n"
    assert [f.code for f in findings(text)] == ["J002"]
    assert findings(text, path="elsewhere/demo.yaml") == []


def test_select_narrows_by_prefix():
    text = "profile: demo\nguideline: g.yaml\ntarget: object\nx: 1\n"
    assert {f.code for f in findings(text)} == {"J001", "J003"}
    assert {f.code for f in findings(text, ["J00", "S"])} == \
        {"J001", "J003"}
    assert [f.code for f in findings(text, ["J003"])] == ["J003"]


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n"])
def test_a_profile_that_is_no_mapping_is_a_load_error(text):
    with pytest.raises(LoadError) as info:
        profiles.read(text, "consumers/x.yaml")
    assert info.value.finding.code == "E203"


def test_a_profile_with_bad_yaml_is_a_located_load_error():
    with pytest.raises(LoadError) as info:
        profiles.read("profile: a\nprofile: b\n", "consumers/x.yaml")
    assert info.value.finding.code == "E106"


def test_the_repository_profiles_are_clean_and_exclude_with_reasons(root):
    from interop.refstack.consumers import check_profiles, profile_paths
    paths = profile_paths(root)
    assert any(p.endswith("scs-0128.yaml") for p in paths)
    assert check_profiles(root) == []
    scs = profiles.load(os.path.join(root, "consumers", "scs-0128.yaml"))
    assert scs.credentials == "non-admin" and scs.target == "compute"
    assert scs.exclude and all(e.reason and e.decision.startswith("https://")
                               for e in scs.exclude)


def test_check_reports_a_broken_profile_of_the_repository(tmp_path, root,
                                                         capsys):
    import shutil

    from interop import cli
    from interop.tests.conftest import copy_criteria
    copy_criteria(str(tmp_path))
    shutil.copytree(os.path.join(root, "guidelines"),
                    tmp_path / "guidelines")
    (tmp_path / "consumers").mkdir()
    (tmp_path / "consumers" / "demo.yaml").write_text(
        "profile: demo\nguideline: guidelines/baseline/2020.06.yaml\n"
        "target: compute\nexclude:\n  - test: tempest.nothing.T.test_x\n"
        "    reason: No.\n    decision: https://example.org/1\n")
    code = cli.main(["check", "--repo", str(tmp_path), "--select", "J"])
    out = capsys.readouterr().out
    assert code == 1
    assert "consumers/demo.yaml:5:5: J004" in out and "test_x" in out


def test_check_takes_a_profile_named_on_the_command_line(root, capsys,
                                                         monkeypatch):
    from interop import cli
    monkeypatch.chdir(root)
    assert cli.main(["check", os.path.join("consumers",
                                           "scs-0128.yaml")]) == 0
    assert "1 files checked: 0 findings" in capsys.readouterr().err


VALUES = [1, "x", None, True, [], {}, [1], {"a": 1}, ["x"],
          [{"test": 1, "reason": [], "decision": {}}], {"testcase": 5}]


@pytest.mark.parametrize("key", sorted(profiles.KEYS) + ["zzz"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_any_value_of_any_key_is_a_finding_never_a_crash(key, value):
    import yaml
    tree = {"profile": "demo", "guideline": "g.yaml", "target": "compute",
            "exclude": [{"test": "tempest.api.compute.test_a.T.test_a",
                         "reason": "R.", "decision": "https://e.org/1"}],
            "scs": {"testcase": "t"}}
    tree[key] = value
    found = findings(yaml.safe_dump(tree))
    assert all(f.line >= 1 and f.code.startswith("J") for f in found)


@pytest.mark.parametrize("guideline", ["/etc/hostname", "../outside.yaml",
                                       "guidelines/none.yaml"])
def test_a_guideline_outside_the_repository_or_missing_is_j003(root,
                                                              guideline):
    from interop.refstack.consumers import lister
    text = (f"profile: demo\nguideline: {guideline}\ntarget: compute\n")
    found = profilerules.check(profiles.read(text, "consumers/demo.yaml"),
                           lister(root))
    assert [(f.code, f.line) for f in found] == [("J003", 2)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_link_out_among_the_profiles_is_refused(tmp_path):
    from interop.refstack.consumers import check_profiles
    (tmp_path / "consumers").mkdir()
    os.mkfifo(tmp_path / "consumers" / "fifo.yaml")
    outside = tmp_path.parent / (tmp_path.name + "-outside")
    outside.mkdir()
    (outside / "x.yaml").write_text("profile: x\n")
    os.symlink(outside / "x.yaml", tmp_path / "consumers" / "x.yaml")
    found = {f.path: f.code for f in check_profiles(str(tmp_path))}
    assert found == {os.path.join("consumers", "fifo.yaml"): "E161",
                     os.path.join("consumers", "x.yaml"): "E160"}


def test_format_scs_needs_a_profile_and_a_broken_profile_exports_nothing(
        tmp_path, root, capsys):
    from interop import cli
    assert cli.main(["comply", "x.subunit", "--guideline",
                     os.path.join(root, "guidelines", "next.yaml"),
                     "--format", "scs"]) == 2
    assert "--profile and --format scs go together" in \
        capsys.readouterr().err
    from interop.tests.conftest import copy_criteria
    copy_criteria(str(tmp_path))
    (tmp_path / "guidelines").mkdir()
    (tmp_path / "consumers").mkdir()
    bad = tmp_path / "consumers" / "bad.yaml"
    bad.write_text("profile: bad\nguideline: guidelines/none.yaml\n"
                   "target: compute\n")
    assert cli.main(["export", "scs", str(bad)]) == 2
    assert "J003" in capsys.readouterr().err
    assert os.listdir(tmp_path / "consumers") == ["bad.yaml"]
