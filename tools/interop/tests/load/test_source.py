"""The strict reader refuses every unsafe or ambiguous input, located."""
import os

import pytest

from interop.errors import LoadError
from interop.load import jsonsource, source


def refused(text, **kwargs):
    with pytest.raises(LoadError) as info:
        source.load_yaml(text, "g.yaml", **kwargs)
    f = info.value.finding
    return f.code, f.line, f.col, f.message


def test_plain_document_keeps_places_of_keys_and_values():
    tree = source.load_yaml("a: 1\nb:\n  - x\n  - 'y'\nc: {d: e}\n")
    assert tree == {"a": 1, "b": ["x", "y"], "c": {"d": "e"}}
    assert (tree.key_loc("b").line, tree.key_loc("b").col) == (2, 1)
    assert tree["b"].item_loc(1).line == 4
    assert tree["c"].key_loc("d").col == 5


def test_dates_and_keys_are_text():
    tree = source.load_yaml("date: 2018-02-23\n2019.06: x\ntrue: y\n")
    assert tree == {"date": "2018-02-23", "2019.06": "x", "true": "y"}


def test_syntax_error_is_located():
    code, line, _, message = refused("a: [1, 2\nb: 3\n")
    assert code == "E105" and line == 2 and "YAML syntax" in message


def test_duplicate_key_names_both_places():
    code, line, col, message = refused("a: 1\nb: 2\na: 3\n")
    assert (code, line, col) == ("E106", 3, 1)
    assert "'a'" in message and "line 1" in message


def test_tab_is_refused_where_it_stands():
    assert refused("a:\n  b: 1\n\tc: 2\n")[:3] == ("E104", 3, 1)


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['ls']",
                                 "!!python/name:os.system", "!custom 1"])
def test_unsafe_and_unknown_tags(tag):
    code, line, col, message = refused(f"a: {tag}\n")
    assert (code, line, col) == ("E107", 1, 4)
    assert "not allowed" in message


def test_billion_laughs_is_bounded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    code, line, _, _ = refused("\n".join(lines) + "\n")
    assert code == "E108" and line > 1


def test_small_aliases_are_fine():
    tree = source.load_yaml("a: &x [1, 2]\nb: *x\n")
    assert tree["b"] == [1, 2]


def test_alias_inside_its_own_anchor():
    assert refused("a: &a [1, *a]\n")[0] == "E109"


def test_deep_nesting_is_refused_not_crashed():
    code, line, _, message = refused("a: " + "[" * 50000 + "]" * 50000)
    assert code == "E109" and "deeper" in message


def test_merge_keys_are_refused():
    assert refused("a: &x {b: 1}\nc:\n  <<: *x\n")[:2] == ("E110", 3)


def test_one_document_per_file():
    assert refused("a: 1\n---\nb: 2\n")[:2] == ("E111", 2)


def test_not_utf8_is_located(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(LoadError) as info:
        source.load_yaml_file(str(path))
    f = info.value.finding
    assert (f.code, f.line, f.col) == ("E102", 2, 7)


def test_size_bound(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(LoadError) as info:
        source.read_text(str(path), max_bytes=1000)
    assert info.value.finding.code == "E103"


def test_symbolic_link_is_not_followed(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("a: 1\n")
    link = tmp_path / "g.yaml"
    os.symlink(real, link)
    with pytest.raises(LoadError) as info:
        source.load_yaml_file(str(link))
    assert info.value.finding.code == "E101"


def test_missing_file(tmp_path):
    with pytest.raises(LoadError) as info:
        source.load_yaml_file(str(tmp_path / "none.yaml"))
    assert info.value.finding.code == "E101"


def test_json_duplicate_key_is_located():
    text = '{"a": {"x": 1},\n "b": {"x": 2,\n       "x": 3}}'
    with pytest.raises(LoadError) as info:
        jsonsource.load_json(text, "g.json")
    f = info.value.finding
    assert (f.code, f.line) == ("E121", 3) and "'x'" in f.message


def test_json_syntax_error_is_located():
    with pytest.raises(LoadError) as info:
        jsonsource.load_json('{"a": [1, 2}', "g.json")
    f = info.value.finding
    assert (f.code, f.line, f.col) == ("E120", 1, 12)


def test_json_deep_nesting():
    with pytest.raises(LoadError) as info:
        jsonsource.load_json("[" * 100000 + "]" * 100000, "g.json")
    assert info.value.finding.code == "E109"


def test_json_nests_no_deeper_than_a_source_may():
    """64 levels read (as in YAML); the 65th is refused where it opens,
    so that no import writes a source the YAML reader refuses."""
    assert jsonsource.load_json('{"a": ' + "[" * 63 + "]" * 63 + "}")
    text = '{"a":\n ' + '["[", ' * 63 + "[]" + "]" * 63 + "}"
    with pytest.raises(LoadError) as info:
        jsonsource.load_json(text, "g.json")
    f = info.value.finding
    assert (f.code, f.line, f.col) == ("E109", 2, 2 + 6 * 63)


@pytest.mark.parametrize("escape, col", [
    ("\\ud800", 9), ("\\udfff", 9), ("x\\ud83dy", 10),
    ("\\ude00\\ud83d", 9)])
def test_json_lone_surrogates_are_refused(escape, col):
    with pytest.raises(LoadError) as info:
        jsonsource.load_json('{"a": ["' + escape + '"]}', "g.json")
    f = info.value.finding
    assert (f.code, f.line, f.col) == ("E123", 1, col)


def test_json_surrogate_pairs_and_escaped_backslashes_are_read():
    assert jsonsource.load_json('{"\\ud83d\\ude00": "\\\\ud800"}') == {
        "\U0001f600": "\\ud800"}


@pytest.mark.parametrize("value", [".inf", "-.Inf", ".nan"])
def test_numbers_json_cannot_hold(value):
    assert refused(f"a: {value}\n")[:3] == ("E114", 1, 4)


def test_json_infinity_is_refused():
    with pytest.raises(LoadError) as info:
        jsonsource.load_json('{"a":\n  Infinity}', "g.json")
    f = info.value.finding
    assert (f.code, f.line, f.col) == ("E122", 2, 3)
