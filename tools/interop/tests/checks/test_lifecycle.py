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
