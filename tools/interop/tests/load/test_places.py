"""Places in JSON files: JsonPlaces gives what the YAML reader records.

The YAML reader records every place while it reads; JsonPlaces works them
out on demand.  For any JSON text both read alike, they must agree on every
path, at keys and at values.
"""
import json

from hypothesis import assume, given
from hypothesis import strategies as st

from interop.errors import LoadError, Location
from interop.load.places import JsonPlaces
from interop.load.source import load_yaml, value_loc
from interop.tests.conftest import corpus_files
from interop.tests.test_fuzz import PROFILE, VALUES, _paths


def _agree(text, tree):
    places = JsonPlaces(text)
    # read as far as asked, the last paths first and then the first
    forward = JsonPlaces(text, unique_keys=True)
    backward = JsonPlaces(text, unique_keys=True)
    placed = load_yaml(text)
    assert placed == tree
    paths = list(_paths(tree))
    for path in paths:
        for key in (True, False):
            assert places.loc(path, key) == value_loc(placed, path, key), \
                (path, key)
            assert forward.loc(path, key) == places.loc(path, key)
    for path in reversed(paths):
        assert backward.loc(path) == places.loc(path), path


@PROFILE
@given(tree=VALUES, indent=st.sampled_from([None, 0, 1, 2, 4]),
       bom=st.booleans(), compact=st.booleans())
def test_places_agree_with_the_yaml_reader(tree, indent, bom, compact):
    assume(isinstance(tree, (dict, list)))  # a guideline is an object
    text = json.dumps(tree, indent=indent, ensure_ascii=False,
                      separators=(",", ":") if compact else None)
    text = ("\ufeff" if bom else "") + text
    try:
        assume(load_yaml(text) == tree)  # YAML reads a few strings apart
    except LoadError:
        assume(False)
    _agree(text, tree)


def test_corpus_files_agree_everywhere(corpus):
    for path in corpus_files():
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        _agree(text.replace("\t", " "), json.loads(text))


def test_escapes_the_yaml_reader_reads_apart_are_placed():
    """An escaped astral character (a surrogate pair) and a tab: the YAML
    reader refuses or misreads them; the JSON places do not care."""
    text = ('{\n\t"a": "\\ud83d\\ude00",\n  "b\\"c": [1,\n    {"d": '
            'null}]\n}')
    places = JsonPlaces(text)
    assert places.loc(("a",)) == Location(2, 2)
    assert places.loc(("a",), key=False) == Location(2, 7)
    assert places.loc(('b"c',)) == Location(3, 3)
    assert places.loc(('b"c', 1, "d")) == Location(4, 6)
    assert places.loc(('b"c', 1, "d"), key=False) == Location(4, 11)


def test_a_path_that_leaves_the_document_stops_at_the_last_place():
    places = JsonPlaces('{"a": {"b": [10, 20]}}')
    assert places.loc(("a", "b", 5)) == Location(1, 8)
    assert places.loc(("a", "x", "y")) == Location(1, 2)
    assert places.loc(("a", "b", 1, "deeper")) == Location(1, 18)
    assert places.loc(("a", "b", True)) == Location(1, 8)
    assert places.loc(()) == Location(1, 1)


def test_text_json_would_refuse_is_placed_as_far_as_it_reads():
    places = JsonPlaces('{"a": [1, 2 "b": }')
    assert places.loc(("a", 1)) == Location(1, 11)
    assert places.loc(("b",)) == Location(1, 1)


def test_a_container_is_read_only_as_far_as_a_path_needs():
    """Keys known unique: the entries after the one asked for are not
    read (their values are what skipping costs) until a path asks."""
    text = '{"a": [1, 2, 3], "b": {"c": 1}, "d": [4, 5]}'
    places = JsonPlaces(text, unique_keys=True)
    assert places.loc(("a", 1)) == Location(1, 11)
    assert list(places._index[0]) == ["a"]
    assert places._index[6] == [7, 10]  # up to the item asked for
    assert places.loc(("d", 1), key=False) == Location(1, 42)
    assert list(places._index[0]) == ["a", "b", "d"]
    assert places.loc(("x",)) == Location(1, 1)  # read whole: not there
    whole = JsonPlaces(text)  # keys maybe twice: each object read whole
    whole.loc(("a", 1))
    assert list(whole._index[0]) == ["a", "b", "d"]


def test_a_key_given_twice_is_placed_at_its_last():
    text = '{"a": 1, "b": 2, "a": 3}'
    assert JsonPlaces(text).loc(("a",)) == Location(1, 18)
