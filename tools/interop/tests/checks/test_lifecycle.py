"""L rules: the lifecycle across a series and against a baseline."""
import json
import os

from interop import cli
from interop.tests.checks.helpers import codes, findings


def test_promotion_from_advisory_is_quiet_and_a_jump_is_placed():
    ok = ("components:\n  os_powered_compute:\n    capabilities:\n"
          "      required: [compute-servers-create, compute-flavors-list]\n")
    assert codes(ok, ["L001"]) == []
    jump = ok.replace("compute-flavors-list", "compute-images-old")
    found = findings(jump, ["L001"])
    assert [(f.line, f.col) for f in found] == [(4, 42)]
    assert "was deprecated in 2026.06" in found[0].message


def test_no_previous_guideline_means_no_lifecycle_findings():
    jump = ("components:\n  os_powered_compute:\n    capabilities:\n"
            "      required: [compute-servers-create, compute-images-old]\n")
    assert codes(jump, ["L"], others={}) == []


def test_replaces_names_the_previous_guideline():
    """The guideline compared with is the one replaces names."""
    text = ("metadata:\n  os_trademark_approval:\n"
            "    replaces: \"2025.12\"\n"
            "components:\n  os_powered_compute:\n    capabilities:\n"
            "      removed: [compute-servers-create]\n")
    found = findings(text, ["L002"])
    assert [f.message for f in found] == [
        "capability 'compute-servers-create' is removed but was advisory "
        "in 2025.12: it must be deprecated for one guideline first"]


def test_required_since_missing_only_where_nothing_derives_it():
    assert codes("derive: false\n", ["L006"]) != []
    assert codes("derive: true\n", ["L006"]) == []


def test_baseline_from_the_command_line(corpus, tmp_path, capsys):
    source = os.path.join(corpus, "2019.06.json")
    doc = json.load(open(source))
    tests = doc["capabilities"]["compute-flavors-list"]["tests"]
    first = next(iter(tests))
    tests[first]["flagged"] = {"reason": "D401 Broken.", "action": "Fix.",
                               "date": "2019-07-01"}
    changed = tmp_path / "2019.06.json"
    changed.write_text(json.dumps(doc))
    args = ["check", "--select", "L005", "--repo", str(tmp_path),
            "--baseline", source, str(changed)]
    assert cli.main(args) == 0  # a flag may be added
    del tests[first]
    changed.write_text(json.dumps(doc))
    assert cli.main(args) == 1
    out = capsys.readouterr().out
    assert f"L005 error: approved guideline 2019.06: test '{first}'" in out
    assert "taken away" in out


DEMOTED = ("volumes-v3-upload", "compute-servers-create-multiple",
           "identity-v3-tokens-delete")


def _demoting_draft(later, folder):
    """A draft following 2020.06 that moves three required capabilities
    to advisory (the real case of issue 15), written as the published
    JSON is, one key a line."""
    doc = json.load(open(os.path.join(later, "2020.06.json")))
    doc["metadata"]["id"] = "next"
    approval = doc["metadata"]["os_trademark_approval"]
    approval.update(status="draft", replaces="2020.06",
                    target_approval="2020.11")
    for comp in doc["components"].values():
        caps = comp["capabilities"]
        for name in DEMOTED:
            if name in caps["required"]:
                caps["required"].remove(name)
                caps["advisory"].append(name)
    text = json.dumps(doc, indent=2)
    (folder / "next.json").write_text(text)
    return text.splitlines()


def test_check_reports_a_demotion_from_required_with_its_line(
        corpus, tmp_path, capsys):
    later = os.path.join(os.path.dirname(corpus), "openstack-interop-2020.06")
    lines = _demoting_draft(later, tmp_path)
    paths = [os.path.join(later, "2019.11.json"),
             os.path.join(later, "2020.06.json"), str(tmp_path / "next.json")]
    assert cli.main(["check", "--select", "L008", "--repo", str(tmp_path)]
                    + paths) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4  # identity-v3-tokens-delete is in two components
    for found in out:
        path, line, _col, rest = found.split(":", 3)
        assert path.endswith("next.json") and rest.startswith(" L008 ")
        name = rest.split("'")[1]
        assert name in DEMOTED and "required in 2020.06" in rest
        # the line of the name in the advisory list, not its definition
        assert lines[int(line) - 1].strip().rstrip(",") == f'"{name}"'
    # the approved guidelines themselves demote nothing
    assert cli.main(["check", "--select", "L008"] + paths[:2]) == 0
