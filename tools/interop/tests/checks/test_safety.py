"""U: what a reader sees is what the data says (issue 23, items 1, 7, 8)."""
import re

import pytest

from interop import series
from interop.scoring.sheets import Sheet
from interop.scoring.tabulate import Report, Row, to_csv
from interop.tests.checks.helpers import codes
from interop.text import cell, is_safe_url
from interop.workflow import plan

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
        "\u2067", "\u2068", "\u2069"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


@pytest.mark.parametrize("char", BIDI + ZERO_WIDTH)
def test_hidden_characters_in_text_and_names_are_errors(char):
    text = ("capabilities:\n  compute-servers-create:\n"
            f"    description: \"NOT {char}REQUIRED\"\n")
    assert [c for _, _, c in codes(text, ["U001"])] == ["U001"]
    key = ("components:\n  os_powered_compute:\n    capabilities:\n"
           f"      required: [compute-servers-create]\ncapabilities:\n"
           f"  \"compute-servers-create{char}\":\n    project: nova\n")
    assert "U001" in [c for _, _, c in codes(key, ["U001"])]


def test_hidden_character_is_located_at_its_line():
    text = ("capabilities:\n  compute-servers-create:\n"
            "    description: \"DERIUQER TON\u202e\"\n")
    found = codes(text, ["U001"])
    assert found and found[0][0] == 3


def test_plain_text_is_quiet():
    text = ("capabilities:\n  compute-servers-create:\n"
            "    description: Crée un serveur (in French, accents are "
            "fine).\n")
    assert codes(text, ["U001", "U002", "U003", "U004"]) == []


@pytest.mark.parametrize("name", [
    "compute-servers-cr\u0435ate",        # Cyrillic e
    "compute-servers-cre\u0301ate",       # combining accent (not NFC)
    "compute-servers-create\uff0d",       # full-width hyphen
])
def test_capability_names_are_ascii(name):
    text = ("components:\n  os_powered_compute:\n    capabilities:\n"
            f"      required: [{name}]\ncapabilities:\n"
            f"  {name}:\n    project: nova\n    admin: false\n"
            "    description: Lookalike.\n    tests: {}\n")
    assert "U002" in [c for _, _, c in codes(text, ["U002"])]


def test_mixed_scripts_in_a_name_are_reported_and_prose_is_not():
    text = ("capabilities:\n  compute-servers-create:\n"
            "    project: n\u043eva\n")
    assert [c for _, _, c in codes(text, ["U003"])] == ["U003"]
    prose = ("capabilities:\n  compute-servers-create:\n"
             "    description: Named \u0441\u0435\u0440\u0432\u0435\u0440 "
             "in Russian.\n")
    assert codes(prose, ["U003"]) == []


@pytest.mark.parametrize("url", [
    'https://example.org/"><img src="/etc/passwd"/>',
    "https://example.org/<b>",
    "https://example.org/a b",
    "https://example.org/\u202e",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://example.org/'onmouseover",
])
def test_unsafe_urls_are_refused_everywhere(url):
    assert not is_safe_url(url)
    quoted = url.replace("\\", "\\\\").replace('"', '\\"')
    text = f'metadata:\n  source: "{quoted}"\n'
    assert "U004" in [c for _, _, c in codes(text, ["U004"])]


def test_a_reference_that_is_text_is_fine():
    text = ("metadata:\n  source: https://example.org/next.json\n"
            "capabilities:\n  compute-servers-create:\n"
            "    description: 'Note: see the minutes.'\n")
    assert codes(text, ["U004"]) == []


def test_formula_like_sheet_rows_are_reported():
    text = '# file: guidelines/2024.06.yaml\nmetadata:\n  id: "2024.06"\n'
    found = codes(text, ["U005"], path="guidelines/2024.06.yaml")
    assert [c for _, _, c in found] == ["U005"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_are_never_formulas(start):
    name = start + 'HYPERLINK("https://example.org","x")'
    assert cell(name) == "'" + name
    sheet = Sheet("powered", "next", None, {}, None, {})
    row = Row(name, {}, False, 0, None, None)
    written = to_csv(Report(sheet, [row], None, None, [], [], [], []))
    first = written.splitlines()[1] if start not in "\r" else written
    assert not re.match(r'"?[=+\-@\t\r]', first.split("\n")[-1]), written
    assert "'" + start in written


def test_numbers_stay_numbers_in_csv():
    assert cell(-1) == -1 and cell("1") == "1"


@pytest.mark.parametrize("pattern", [plan.NAME, series._NAME])
def test_a_name_with_a_trailing_newline_is_refused(pattern):
    assert pattern.match("dns")
    assert not pattern.match("dns\n")


def test_a_program_named_with_a_newline_is_refused_and_blamed(tmp_path):
    from interop.repository import Repository
    from interop.workflow.scaffold import Refused, scaffold
    with pytest.raises(Refused, match=r"'dns\\n'"):
        scaffold(Repository(str(tmp_path)), "add-on", "dns\n")


@pytest.mark.parametrize("reference", [
    'https://example.org/a"b', "https://example.org/<b>",
    "javascript:alert(1)", "data:text/html,x", "https://example.org/\u202e",
    "See the minutes \u202eNOT",
])
def test_approve_refuses_a_reference_that_is_no_safe_url(reference):
    from interop.workflow.approving import Refused, decision
    with pytest.raises(Refused, match="one line of text, or an http"):
        decision("working-group", "2026-05-20", reference)


@pytest.mark.parametrize("reference", [
    "https://example.org/minutes/2026-05-20",
    "Minutes of the meeting of 20 May: item 4",
])
def test_approve_takes_a_line_of_text_or_a_safe_url(reference):
    from interop.workflow.approving import decision
    assert decision("working-group", "2026-05-20",
                    reference)["reference"] == reference


def test_pages_show_hidden_characters_as_escapes():
    from interop.docs.render import text
    assert text("DERIUQER TON\u202e") == "DERIUQER TON\\u202e"
    assert text("a\u200bb") == "a\\u200bb"
    assert text("Crée") == "Crée"
