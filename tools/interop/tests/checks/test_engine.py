"""The engine's cap on findings of one rule in one file (issue 14): a
broken list of thousands of items says so a hundred times and then once
how many more, in every output format."""
import json

import pytest

from interop import cli
from interop.checks.engine import MAX_PER_RULE
from interop.load.source import load_yaml
from interop.tests.checks.helpers import BASE, findings

MANY = 250
#: a bare suppression (spelt so that ruff does not read it as one)
BARE = "# " + "noqa"


def _many_unknown(count=MANY):
    names = ", ".join(f"nope-{i}" for i in range(count))
    return BASE.replace("required: [compute-servers-create]",
                        f"required: [compute-servers-create, {names}]")


def test_at_most_a_hundred_findings_of_a_rule_then_how_many_more():
    found = [f for f in findings(_many_unknown(), ["R003"], base=False)]
    assert len(found) == MAX_PER_RULE + 1
    summary = [f for f in found if f.omitted]
    assert len(summary) == 1
    assert summary[0].omitted == MANY - MAX_PER_RULE
    assert f"{MANY - MAX_PER_RULE} more R003 findings" in summary[0].message
    assert summary[0].code == "R003" and summary[0].severity == "error"
    # the summary stands where the first finding not shown would
    shown = sorted((f.line, f.col) for f in found if not f.omitted)
    assert (summary[0].line, summary[0].col) > shown[-1]


def test_json_output_carries_the_count(tmp_path, capsys):
    (tmp_path / "guidelines").mkdir()
    path = tmp_path / "guidelines" / "next.yaml"
    path.write_text(_many_unknown())
    assert cli.main(["check", str(path), "--format", "json",
                     "--select", "R003", "--repo", str(tmp_path)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert len(out) == MAX_PER_RULE + 1
    assert [f["omitted"] for f in out if "omitted" in f] == \
        [MANY - MAX_PER_RULE]


def test_below_the_cap_nothing_is_summed_up():
    found = findings(_many_unknown(MAX_PER_RULE), ["R003"], base=False)
    assert len(found) == MAX_PER_RULE
    assert not any(f.omitted for f in found)


def test_the_text_summary_counts_what_is_not_shown(tmp_path, capsys):
    (tmp_path / "guidelines").mkdir()
    path = tmp_path / "guidelines" / "next.yaml"
    path.write_text(_many_unknown())
    assert cli.main(["check", str(path), "--select", "R003", "--repo",
                     str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == MAX_PER_RULE + 1
    assert f"{MANY - MAX_PER_RULE} more summed up in 1" in err


def test_silenced_findings_beyond_the_cap_are_not_counted():
    text = _many_unknown().replace(
        "required: [compute-servers-create,",
        "# noqa: R003 names kept for the record\n"
        "      required: [compute-servers-create,")
    found = findings(text, ["R003"], base=False)
    assert not [f for f in found if f.suppressed is None]


# -- a suppression inside a value is text, not a comment (issue 30)

def _listed(item):
    return BASE.replace("required: [compute-servers-create]",
                        f"required: [compute-servers-create, {item}]")


def _live(text, select):
    return [(f.code, f.line) for f in findings(text, select, base=False)
            if f.suppressed is None]


def test_a_noqa_inside_a_quoted_value_silences_nothing():
    line = BASE[:BASE.index("required: [compute")].count("\n") + 1
    for quote in ('"', "'"):
        text = _listed(f"{quote}nope # noqa: R003 a name{quote}")
        assert _live(text, ["R003"]) == [("R003", line)]
    # a comment after the value still does
    text = _listed('"nope # noqa: R003 a name"]  # noqa: R003 kept')
    text = text.replace("kept]", "kept")
    assert _live(text, ["R003"]) == []


def test_a_noqa_inside_a_block_value_silences_nothing():
    text = BASE.replace("description: Create a server.",
                        "description: |  # noqa: X001 in the header\n"
                        "      Create a server.\n"
                        "      " + BARE + "\n")
    assert "noqa" in load_yaml(text, "next.yaml")["capabilities"][
        "compute-servers-create"]["description"]
    # the bare suppression is text of the value: no X001 for it
    assert _live(text, ["X001"]) == []
    # the same bare comment outside any value is one
    text = BASE.replace("description: Create a server.",
                        "description: Create a server.  " + BARE)
    assert [c for c, _ in _live(text, ["X001"])] == ["X001"]


def test_a_quoted_noqa_is_no_bad_suppression():
    assert _live(_listed('"compute # noqa"'), ["X001"]) == []
    assert _live(_listed('compute#noqa'), ["X001"]) == []


def test_severities_are_an_enum_that_prints_as_before():
    """Issue 30: a finding's severity is a Severity, whatever it was
    given as, and reads, prints and serialises as its text."""
    from interop.checks import RULES
    from interop.errors import Finding, Severity
    from interop.model import GUIDELINE_STATUSES, GuidelineStatus
    assert {type(r.severity) for r in RULES.values()} == {Severity}
    f = Finding("a.yaml", 1, 2, "S001", "warning", "m")
    assert f.severity is Severity.WARNING and f.severity == "warning"
    assert json.dumps(f.as_dict()["severity"]) == '"warning"'
    assert f"{f.severity:<8}|" == "warning |"
    with pytest.raises(ValueError):
        Finding("a.yaml", 1, 2, "S001", "loud", "m")
    assert GUIDELINE_STATUSES == ("draft", "review", "approved",
                                  "superseded")
    assert GuidelineStatus("approved") == "approved"
