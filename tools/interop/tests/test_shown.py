"""What the commands show of the data: terminal output never carries a
control character from a guideline (no forged line, no window title), and
markdown output carries no markup, HTML, image or link from it."""
import os
import re

import git
import pytest

from interop import cli
from interop.tests.checks.helpers import BASE
from interop.tests.conftest import copy_criteria
from interop.tests.workflow.test_governance import make_repo

TEST = ("tempest.api.compute.servers.test_create_server.ServersTestJSON"
        ".test_list_servers")
#: ESC ] 0 ; ... BEL sets the window title; CR forges the line's start
EVIL = r"\e]0;pwned\a\rPASS 999/999\e[2K"
#: what a terminal may see instead: every control character as an escape
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: markup that would render (an image, a tag, a link, a script scheme)
MARKUP = re.compile(r"!\[|<img|<script|\]\(|javascript:", re.I)



@pytest.fixture(autouse=True)
def after_the_votes(monkeypatch):
    """The governance fixture's drafts carry approvals dated in 2027."""
    monkeypatch.setenv("INTEROP_TODAY", "2028-01-20")

def raw_controls(text):
    """Control characters other than the newlines between lines."""
    return RAW.findall(text)


@pytest.fixture
def evil(tmp_path):
    """A repository whose draft has a test and a capability named with
    terminal escapes."""
    root = tmp_path / "repo"
    root.mkdir()
    copy_criteria(root)
    (root / "guidelines").mkdir()
    text = BASE.replace(f"      {TEST}: id-", f'      "{TEST}{EVIL}": id-')
    text = text.replace(
        "      required: [compute-servers-create]",
        f'      required: [compute-servers-create, "x{EVIL}"]')
    assert text.count(EVIL) == 2
    (root / "guidelines" / "next.yaml").write_text(text)
    (root / "passed.txt").write_text("tempest.api.other.Test.test_y\n")
    return root


def shown(capsys, *args):
    code = cli.main([str(a) for a in args])
    printed = capsys.readouterr()
    return code, printed.out + printed.err


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_check_shows_control_characters_as_escapes(evil, capsys, fmt):
    code, out = shown(capsys, "check", "--repo", evil, "--format", fmt)
    assert code == 1 and "R003" in out
    assert raw_controls(out) == []
    # a GitHub annotation escapes CR as @actions/core does (%0D), the
    # other controls as the terminal sees them
    cr = "%0D" if fmt == "github" else r"\x0d"
    assert r"x\x1b]0;pwned\x07" + cr + "PASS" in out


def test_github_annotations_escape_their_own_syntax(tmp_path, capsys):
    from interop.checks.formatters import FORMATTERS
    from interop.errors import Finding
    out = FORMATTERS["github"]([Finding(
        "a,b:c.yaml", 1, 1, "R003", "error", "50% done\nok")], False)
    assert out == ("::error file=a%2Cb%3Ac.yaml,line=1,col=1,title=R003::"
                   "50%25 done%0Aok\n")


def test_comply_cannot_forge_a_verdict(evil, capsys):
    code, out = shown(capsys, "comply", evil / "passed.txt", "--guideline",
                      evil / "guidelines" / "next.yaml")
    assert code == 1 and "compute: FAIL" in out
    assert raw_controls(out) == []
    assert not re.search(r"^PASS 999/999", out, re.M)
    assert r"\x0dPASS 999/999\x1b[2K" in out


def test_testlist_shows_control_characters_as_escapes(evil, capsys):
    code, out = shown(capsys, "testlist", evil / "guidelines" / "next.yaml",
                      "--target", "compute")
    assert code == 0 and TEST in out
    assert raw_controls(out) == []


def test_compile_and_errors_show_control_characters_as_escapes(
        tmp_path, capsys):
    bad = tmp_path / "x\x1b]0;t\x07.yaml"
    bad.write_text("metadata: [\n")
    code, out = shown(capsys, "check", bad)
    assert code == 1 and "E105" in out
    assert raw_controls(out) == []
    code, out = shown(capsys, "compile", "--stdout", bad)
    assert code == 2 and r"x\x1b]0;t\x07.yaml" in out
    assert raw_controls(out) == []


def test_diff_shows_control_characters_as_escapes(evil, tmp_path, capsys):
    old = tmp_path / "old.yaml"
    old.write_text(BASE)
    new = evil / "guidelines" / "next.yaml"
    for fmt in ("text", "markdown"):
        code, out = shown(capsys, "diff", old, new, "--format", fmt)
        assert code == 0 and "pwned" in out
        assert raw_controls(out) == []


HOSTILE_ID = ('"next ![x](https://evil.example/t.png) '
              '<img src=x onerror=alert(1)> [y](javascript:alert(1))"')


def test_review_markdown_carries_no_markup_from_the_change(tmp_path,
                                                           capsys):
    root = make_repo(str(tmp_path / "repo"))
    path = os.path.join(root, "guidelines", "next.yaml")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("  id: next\n", f"  id: {HOSTILE_ID}\n")
                     .replace("description: Create a server.",
                              'description: "Create a server. **bold** '
                              '`code` <script>x</script> \\e[31m"'))
    found = git.Repo(root)
    found.git.commit("-qam", "hostile id")
    for fmt in ("markdown", "text"):
        code, out = shown(capsys, "review", "--repo", root, "--format",
                          fmt)
        assert code in (0, 1)
        assert "onerror" in out  # shown, as text
        assert raw_controls(out) == []
        if fmt == "markdown":
            assert MARKUP.findall(out) == []
            assert "<" not in out and "**bold**" not in out


def test_score_shows_sheet_names_as_text(evil, capsys):
    sheets = evil / "criteria" / "scoring" / "powered"
    sheets.mkdir(parents=True)
    (sheets / "next.yaml").write_text(
        "program: powered\nguideline: next\ncriteria: core\n"
        "capabilities:\n"
        f'  "a{EVIL}":\n    admin: false\n    marks: {{atomic: 1}}\n'
        '  "b ![i](https://evil.example/i.png) <img src=x onerror=y>":\n'
        "    admin: false\n    marks: {atomic: 1}\n")
    for fmt in ("text", "markdown"):
        code, out = shown(capsys, "score", "--repo", evil, "--format", fmt)
        assert code == 0 and "pwned" in out and "onerror" in out
        assert raw_controls(out) == []
        if fmt == "markdown":
            assert MARKUP.findall(out) == [] and "<" not in out
