"""``interop check``, ``compile`` and ``rules`` as a user meets them: no
pass by checking nothing, severities in words, info counted, GitHub
annotations that survive any text."""
import os
import re

import pytest

from interop import cli
from interop.checks import RULES
from interop.errors import Finding
from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.tests.conftest import copy_criteria


@pytest.fixture
def repo(tmp_path):
    copy_criteria(tmp_path)
    (tmp_path / "guidelines").mkdir()
    # R004: a Powered test comes from the Tempest it names
    (tmp_path / "guidelines" / "2026.06.yaml").write_text(PREVIOUS.replace(
        "a.FlavorsTest", "tempest.api.compute.flavors.FlavorsTest"))
    (tmp_path / "guidelines" / "next.yaml").write_text(BASE)
    return tmp_path


@pytest.mark.parametrize("args", [["check"], ["compile"],
                                  ["compile", "--check"]])
def test_nothing_to_check_is_not_a_pass(tmp_path, capsys, monkeypatch,
                                        args):
    monkeypatch.chdir(tmp_path)
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "no guideline sources in" in err and "--repo" in err
    assert cli.main(args + ["--repo", str(tmp_path)]) == 2


def test_check_of_a_missing_file_is_exit_2(repo, capsys):
    assert cli.main(["check", "--repo", str(repo),
                     str(repo / "nosuch.yaml")]) == 2
    assert "E101" in capsys.readouterr().out


def test_text_findings_say_their_severity_and_info_is_counted(repo,
                                                              capsys):
    # a row scored and left out (W007, info) and an unknown key (error)
    sheet = repo / "criteria" / "scoring" / "powered"
    sheet.mkdir(parents=True)
    (sheet / "next.yaml").write_text(
        "program: powered\nguideline: next\ncriteria: core\n"
        "capabilities:\n  compute-other:\n    admin: false\n"
        "    marks: {atomic: 1}\n")
    (repo / "guidelines" / "next.yaml").write_text(
        BASE.replace("  scoring: core\n", "  scoring: core\n  colour: red\n"))
    argv = ["check", "--repo", str(repo), "--select", "S001",
            "--select", "W007"]
    assert cli.main(argv) == 1
    out, err = capsys.readouterr()
    assert re.search(r"guidelines/next\.yaml:\d+:\d+: S001 error: ", out)
    assert "W007" not in out
    assert "1 info not shown: --show-info" in err
    assert cli.main(argv + ["--show-info"]) == 1
    out, err = capsys.readouterr()
    assert re.search(r"next\.yaml:\d+:\d+: W007 info: 'compute-other'", out)
    assert "not shown" not in err


def test_compile_refuses_a_source_with_errors(repo, capsys):
    assert cli.main(["compile", "--repo", str(repo)]) == 0
    published = (repo / "guidelines" / "next.json").read_text()
    (repo / "guidelines" / "next.yaml").write_text(BASE.replace(
        "    description: Create a server.\n",
        "    description: Create a server from an image.\n"
        "    colour: red\n"))
    capsys.readouterr()
    assert cli.main(["compile", "--repo", str(repo)]) == 1
    err = capsys.readouterr().err
    assert "S001" in err and "nothing written" in err and "--force" in err
    assert (repo / "guidelines" / "next.json").read_text() == published
    assert cli.main(["compile", "--repo", str(repo), "--force"]) == 0
    assert "from an image" in (repo / "guidelines" / "next.json").read_text()


def test_rules_print_whole_summaries(capsys):
    assert cli.main(["rules"]) == 0
    from interop.refstack.profilerules import RULES as PROFILES
    out = capsys.readouterr().out
    assert PROFILES
    for code, rule in {**RULES, **PROFILES}.items():
        [line] = [x for x in out.splitlines() if x.startswith(code + " ")]
        assert line.endswith(rule.summary)
        # a summary ends a sentence, not a line of the docstring
        assert rule.summary[-1] in ".)", (code, rule.summary)


# -- GitHub workflow commands ------------------------------------------------

def parse_workflow_command(line):
    """The runner's reading of ``::name k=v,k=v::data`` (actions/runner,
    ActionCommand.TryParseV2): properties split on ``,`` then on the first
    ``=``, and both unescaped the way the runner does."""
    assert line.startswith("::")
    head, _, data = line[2:].partition("::")
    name, _, props = head.partition(" ")

    def unescape(text, prop):
        pairs = [("%0D", "\r"), ("%0A", "\n")]
        if prop:
            pairs += [("%3A", ":"), ("%2C", ",")]
        for escaped, plain in pairs + [("%25", "%")]:
            text = text.replace(escaped, plain)
        return text
    fields = {}
    for pair in props.split(","):
        key, _, value = pair.partition("=")
        fields[key] = unescape(value, True)
    return name, fields, unescape(data, False)


CRAFTED = [
    Finding("add-ons/a,b/next.yaml", 3, 5, "S001", "error",
            "line one\nline two\r\n::error::forged"),
    Finding("guidelines/odd:name.yaml", 1, 1, "W007", "info",
            "literal %0A and 100% and %25 stay as written"),
    Finding("guidelines/x%2Cy.yaml", 7, 2, "M001", "warning",
            "title=injected,line=99"),
]


def test_github_annotations_round_trip_through_the_runner_format():
    from interop.checks.formatters import FORMATTERS
    text = FORMATTERS["github"](CRAFTED, False)
    lines = text.splitlines()
    assert len(lines) == len(CRAFTED)  # no newline injects a second one
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for line, f in zip(lines, CRAFTED, strict=True):
        name, fields, data = parse_workflow_command(line)
        assert name == level[f.severity]
        assert fields == {"file": f.path, "line": str(f.line),
                          "col": str(f.col), "title": f.code}
        assert data == f.message


def test_check_github_format_on_disk(repo, capsys):
    assert cli.main(["check", "--repo", str(repo), "--format", "github",
                     os.path.join(str(repo), "nosuch,x.yaml")]) == 2
    [line] = capsys.readouterr().out.splitlines()
    _, fields, _ = parse_workflow_command(line)
    assert fields["file"].endswith("nosuch,x.yaml")


def test_sheets_and_criteria_sets_have_formats_of_their_own(repo, capsys):
    sheet = repo / "criteria" / "scoring" / "powered"
    sheet.mkdir(parents=True)
    (sheet / "next.yaml").write_text(
        "program: powered\nguideline: next\ncriteria: core\n"
        "capabilities:\n  compute-servers-create:\n    admin: false\n"
        "    marks: {atomic: 1}\n    notes: misspelt\n")
    core = repo / "criteria" / "core.yaml"
    core.write_text(core.read_text().replace("cutoff: 74", "cutoff: '74'"))
    assert cli.main(["check", "--repo", str(repo), "--select", "W016",
                     "--select", "W017"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in out] == ["W017 error",
                                                     "W016 error"]
    assert out[0].startswith("criteria/core.yaml:")  # once, for both
    assert "'74' is not of type 'integer'" in out[0]
    assert out[1].startswith("criteria/scoring/powered/next.yaml:8:5: ")
    assert "unknown key 'notes'" in out[1]


@pytest.mark.parametrize("args", [
    ["check", "{missing}"], ["check", "{folder}"],
    ["score", "{missing}"], ["testlist", "{missing}"],
    ["diff", "{missing}", "{missing}"],
    ["comply", "{missing}", "--guideline", "{missing}"],
    ["compile", "--stdout", "{missing}"],
    ["tests", "verify", "{missing}"],
])
def test_unreadable_input_is_exit_2_everywhere(repo, capsys, args):
    if args[:2] == ["tests", "verify"]:
        pytest.importorskip("tempest", reason="Tempest not installed")
    names = {"missing": str(repo / "nosuch.yaml"),
             "folder": str(repo / "guidelines")}
    argv = [a.format(**names) for a in args]
    assert cli.main(argv + (["--repo", str(repo)]
                            if args[0] in ("check", "tests") else [])) == 2
    out, err = capsys.readouterr()
    # E101 "cannot read: ...", or E161 "a folder, not a regular file: not
    # read": either way nothing was read
    assert "not read" in out + err and "Traceback" not in out + err
