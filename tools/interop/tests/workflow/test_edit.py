"""Precise edits of YAML text: the value changes, every other byte stays."""
import pytest

from interop.errors import UsageError
from interop.load.source import load_yaml
from interop.workflow.edit import (
    EditError,
    delete_key,
    edit,
    scalar_text,
    set_scalar,
)

TEXT = """\
# A guideline, as people write it.
program: {kind: vertical, name: nfv, builds_on: next}

metadata:
  id: next   # the draft
  source: https://example.org/next.json
  os_trademark_approval:
    status: draft
    target_approval: "2027.06"
    note: 'single'
    releases: ["2025.1", "2026.1"]

capabilities:
  compute-servers-create:
    admin: false
    description: >-
      Create a server, and
      see it run.
    tests:
      tempest.a.T.test_short: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
      tempest.a.T.test_long:
        idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59
        flagged:
          reason: D401 The test assumes one flavor.
          # the bug: https://bugs.example.org/1
          action: Flagged until the test is fixed.
          date: "2026-07-01"
        aliases: [tempest.a.T.test_old]
      tempest.a.T.test_last:
        idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
        flagged:
          reason: D402 A bug in the code.
          action: Flagged until it is fixed.
          date: "2026-07-01"

  # a comment between capabilities
  compute-flavors-list:
    admin: false
    marks: {atomic: 1, clients: 1, complete: 1,
            sticky: 0, tools: 1}
    platforms:
      - name: os_powered_compute
        source: https://example.org/next.json
"""


def replaced(old, new, count=1):
    assert TEXT.count(old) >= count
    return TEXT.replace(old, new, count)


# -- replacing a value -------------------------------------------------------

def test_plain_value_keeps_its_inline_comment():
    out = set_scalar(TEXT, ("metadata", "id"), "2027.06")
    assert out == replaced("  id: next   # the draft",
                           '  id: "2027.06"   # the draft')
    assert load_yaml(out)["metadata"]["id"] == "2027.06"


def test_quoted_value_keeps_its_quotes_where_needed():
    approval = ("metadata", "os_trademark_approval")
    out = set_scalar(TEXT, approval + ("target_approval",), "2027.12")
    assert out == replaced('"2027.06"', '"2027.12"')
    # a word needs no quotes
    out = set_scalar(TEXT, approval + ("target_approval",), "next")
    assert out == replaced('target_approval: "2027.06"',
                           "target_approval: next")
    # an editor's single quotes stay where quotes are needed
    out = set_scalar(TEXT, approval + ("note",), "2028.01")
    assert out == replaced("note: 'single'", "note: '2028.01'")


def test_plain_value_gets_double_quotes_when_it_needs_them():
    out = set_scalar(TEXT, ("metadata", "os_trademark_approval", "status"),
                     "yes: really")
    assert out == replaced("status: draft", 'status: "yes: really"')


def test_other_scalars():
    path = ("capabilities", "compute-servers-create", "admin")
    assert set_scalar(TEXT, path, True) == replaced("admin: false",
                                                    "admin: true")
    out = set_scalar(TEXT, path, None)
    assert load_yaml(out)["capabilities"]["compute-servers-create"][
        "admin"] is None


def test_same_value_keeps_the_text():
    assert set_scalar(TEXT, ("metadata", "id"), "next") == TEXT


def test_value_in_a_one_line_flow_mapping():
    out = set_scalar(TEXT, ("program", "builds_on"), "2026.06")
    assert out == replaced("builds_on: next}", 'builds_on: "2026.06"}')
    out = set_scalar(TEXT, ("program", "kind"), "add-on")
    assert out == replaced("{kind: vertical,", "{kind: add-on,")


def test_value_in_a_flow_mapping_over_several_lines():
    out = set_scalar(TEXT, ("capabilities", "compute-flavors-list", "marks",
                            "sticky"), 1)
    assert out == replaced("sticky: 0, tools: 1}", "sticky: 1, tools: 1}")


def test_flow_context_quotes_what_it_must():
    # a URL is plain in a block mapping, quoted inside a flow mapping
    out = set_scalar(TEXT, ("program", "name"), "https://x.org/a")
    assert out == replaced("name: nfv,", 'name: "https://x.org/a",')
    out = set_scalar(TEXT, ("metadata", "source"), "https://x.org/a")
    assert out == replaced("source: https://example.org/next.json",
                           "source: https://x.org/a")


def test_list_items_are_reached_by_index():
    path = ("capabilities", "compute-flavors-list", "platforms", 0, "name")
    out = set_scalar(TEXT, path, "os_powered_storage")
    assert out == replaced("- name: os_powered_compute",
                           "- name: os_powered_storage")
    path = ("metadata", "os_trademark_approval", "releases", 1)
    assert set_scalar(TEXT, path, "2026.2") == replaced('"2026.1"',
                                                        '"2026.2"')


def test_empty_value_is_filled():
    text = "a:\nb: 1\n"
    assert set_scalar(text, ("a",), "x") == "a: x\nb: 1\n"


# -- adding a key ------------------------------------------------------------

def test_new_key_goes_after_the_last_key_of_its_mapping():
    out = set_scalar(TEXT, ("metadata", "os_trademark_approval",
                            "replaces"), "2026.06")
    assert out == replaced(
        '    releases: ["2025.1", "2026.1"]\n',
        '    releases: ["2025.1", "2026.1"]\n    replaces: "2026.06"\n')


def test_new_key_goes_after_the_whole_block_of_the_last_key():
    out = set_scalar(TEXT, ("capabilities", "compute-servers-create",
                            "project"), "nova")
    assert out == replaced(
        '          date: "2026-07-01"\n\n  # a comment',
        '          date: "2026-07-01"\n    project: nova\n\n  # a comment')
    assert list(load_yaml(out)["capabilities"]["compute-servers-create"]
                )[-1] == "project"


def test_new_key_after_a_folded_scalar():
    text = "a:\n  b: >-\n    folded\n    text\n\n  # note\nc: 1\n"
    out = set_scalar(text, ("a", "z"), "v")
    assert out == "a:\n  b: >-\n    folded\n    text\n  z: v\n\n  # note\n" \
        "c: 1\n"


def test_new_key_in_a_list_item_mapping():
    path = ("capabilities", "compute-flavors-list", "platforms", 0,
            "required")
    out = set_scalar(TEXT, path, True)
    assert out == replaced(
        "        source: https://example.org/next.json\n",
        "        source: https://example.org/next.json\n"
        "        required: true\n")


def test_new_top_level_key():
    out = set_scalar(TEXT, ("derive",), False)
    assert out == TEXT + "derive: false\n"


def test_new_key_in_a_flow_mapping():
    out = set_scalar(TEXT, ("program", "proposed_by"), "The NFV team")
    assert out == replaced("builds_on: next}",
                           "builds_on: next, proposed_by: The NFV team}")
    assert set_scalar("a: {}\n", ("a", "b"), 1) == "a: {b: 1}\n"


def test_several_edits_at_once():
    approval = ("metadata", "os_trademark_approval")
    out = edit(TEXT, sets=[(("metadata", "id"), "2027.06"),
                           (approval + ("status",), "approved"),
                           (approval + ("replaces",), "2026.06"),
                           (approval + ("z",), "last")],
               deletes=[("capabilities", "compute-servers-create", "tests",
                         "tempest.a.T.test_long", "flagged")])
    tree = load_yaml(out)
    assert tree["metadata"]["os_trademark_approval"] == {
        "status": "approved", "target_approval": "2027.06",
        "note": "single", "releases": ["2025.1", "2026.1"],
        "replaces": "2026.06", "z": "last"}
    assert out.index("replaces:") < out.index("z: last")


# -- deleting a key ----------------------------------------------------------

def test_delete_a_nested_block_with_its_comments():
    path = ("capabilities", "compute-servers-create", "tests",
            "tempest.a.T.test_long", "flagged")
    out = delete_key(TEXT, path)
    assert out == replaced(
        "        flagged:\n"
        "          reason: D401 The test assumes one flavor.\n"
        "          # the bug: https://bugs.example.org/1\n"
        "          action: Flagged until the test is fixed.\n"
        '          date: "2026-07-01"\n', "")
    assert load_yaml(out)["capabilities"]["compute-servers-create"][
        "tests"]["tempest.a.T.test_long"] == {
        "idempotent_id": "id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59",
        "aliases": ["tempest.a.T.test_old"]}


def test_delete_the_last_block_keeps_what_follows():
    path = ("capabilities", "compute-servers-create", "tests",
            "tempest.a.T.test_last", "flagged")
    out = delete_key(TEXT, path)
    assert out == replaced(
        "        flagged:\n"
        "          reason: D402 A bug in the code.\n"
        "          action: Flagged until it is fixed.\n"
        '          date: "2026-07-01"\n', "")
    assert "\n\n  # a comment between capabilities\n" in out


def test_delete_a_short_form_test_flag_is_nothing_to_delete():
    path = ("capabilities", "compute-servers-create", "tests",
            "tempest.a.T.test_short", "flagged")
    with pytest.raises(EditError, match="does not exist"):
        delete_key(TEXT, path)


@pytest.mark.parametrize("key, line", [
    ("kind", "program: {name: nfv, builds_on: next}"),
    ("name", "program: {kind: vertical, builds_on: next}"),
    ("builds_on", "program: {kind: vertical, name: nfv}"),
])
def test_delete_in_a_flow_mapping(key, line):
    out = delete_key(TEXT, ("program", key))
    assert out == replaced(
        "program: {kind: vertical, name: nfv, builds_on: next}", line)


def test_delete_the_only_key_of_a_flow_mapping():
    assert delete_key("a: {b: 1}\nc: 2\n", ("a", "b")) == "a: {}\nc: 2\n"


# -- refusals ----------------------------------------------------------------

@pytest.mark.parametrize("path, message", [
    (("capabilities", "compute-servers-create", "description"),
     "block scalar"),
    (("capabilities", "compute-servers-create"), "holds a mapping"),
    (("metadata", "os_trademark_approval", "releases"), "holds a list"),
    (("nothing", "here"), "nothing does not exist"),
    (("metadata", "id", "deeper"), "is not a mapping"),
    (("metadata", "os_trademark_approval", "releases", 5), "not a mapping"),
    ((), "needs a path"),
])
def test_set_refusals(path, message):
    with pytest.raises(EditError, match=message):
        set_scalar(TEXT, path, "x")


def test_refuses_a_multi_line_scalar():
    text = "a: one\n  two\nb: 1\n"
    with pytest.raises(EditError, match="several lines"):
        set_scalar(text, ("a",), "x")


def test_a_line_break_is_written_escaped_on_one_line():
    out = set_scalar(TEXT, ("metadata", "id"), "two\nlines")
    assert out == replaced("  id: next ", '  id: "two\\nlines" ')


def test_refuses_what_is_not_a_scalar():
    with pytest.raises(EditError, match="only a scalar"):
        set_scalar(TEXT, ("metadata", "id"), ["a"])


def test_refuses_anchors_and_aliases():
    text = "a: &x 1\nb: *x\n"
    with pytest.raises(EditError, match="alias"):
        set_scalar(text, ("a",), 2)
    with pytest.raises(EditError, match="anchor or a tag"):
        set_scalar("a: !!str 1\n", ("a",), "2")


def test_delete_refusals():
    with pytest.raises(EditError, match="only key"):
        delete_key("a:\n  b: 1\nc: 2\n", ("a", "b"))
    with pytest.raises(EditError, match="shares its line"):
        delete_key("a:\n  - b: 1\n    c: 2\n", ("a", 0, "b"))
    with pytest.raises(EditError, match="list item"):
        delete_key("a: [1, 2]\n", ("a", 0))
    with pytest.raises(EditError, match="does not exist"):
        delete_key(TEXT, ("metadata", "nope"))


def test_overlapping_edits_are_refused():
    path = ("capabilities", "compute-servers-create", "tests",
            "tempest.a.T.test_long", "flagged")
    with pytest.raises(EditError, match="overlap"):
        edit(TEXT, sets=[(path + ("action",), "x")], deletes=[path])


def test_an_edit_that_reads_back_wrong_is_refused():
    # a kept trailing line break (|+) would move into the new key
    text = "a:\n  b: |+\n    text\n\nc: 1\n"
    with pytest.raises(EditError, match="did not read back as intended"):
        set_scalar(text, ("a", "z"), "v")


def test_refuses_unreadable_text():
    from interop.errors import LoadError
    with pytest.raises(LoadError):
        set_scalar("a: 1\na: 2\n", ("a",), 3)


def test_edit_errors_are_usage_errors():
    assert issubclass(EditError, UsageError)


# -- line endings, byte order mark -------------------------------------------

def test_crlf_and_bom_are_kept():
    text = "\ufeffa:\r\n  b: 1  # c\r\nd: 2\r\n"
    assert set_scalar(text, ("a", "b"), 5) == \
        "\ufeffa:\r\n  b: 5  # c\r\nd: 2\r\n"
    assert set_scalar(text, ("a", "z"), 5) == \
        "\ufeffa:\r\n  b: 1  # c\r\n  z: 5\r\nd: 2\r\n"
    assert delete_key("a:\r\n  b: 1\r\n  c: 2\r\nd: 2\r\n", ("a", "b")) == \
        "a:\r\n  c: 2\r\nd: 2\r\n"


def test_scalar_text():
    assert scalar_text("next") == "next"
    assert scalar_text("2027.06") == '"2027.06"'
    assert scalar_text("2027.06", "'") == "'2027.06'"
    assert scalar_text("a,b") == "a,b"
    assert scalar_text("a,b", flow=True) == '"a,b"'
    assert scalar_text("") == '""'
    assert scalar_text(1) == "1"
    assert scalar_text(False) == "false"
    assert scalar_text(None) == "null"


# -- appending a list item ---------------------------------------------------

ITEM = {"by": "board", "date": "2027-06-10",
        "reference": "https://example.org/a b"}
APPROVALS = ("metadata", "approvals")


@pytest.mark.parametrize("before, after", [
    # no list yet: the key is added at the end of its mapping
    ("metadata:\n  id: next  # c\n  status: draft\n# tail\nother: 1\n",
     "metadata:\n  id: next  # c\n  status: draft\n  approvals:\n"
     "    - by: board\n      date: \"2027-06-10\"\n"
     "      reference: https://example.org/a b\n# tail\nother: 1\n"),
    # a block list: after its last item, comments kept
    ("metadata:\n  approvals:\n    - by: wg  # wg\n"
     "      date: \"2027-05-01\"\n  # after\nother: 1\n",
     "metadata:\n  approvals:\n    - by: wg  # wg\n"
     "      date: \"2027-05-01\"\n    - by: board\n"
     "      date: \"2027-06-10\"\n      reference: https://example.org/a b"
     "\n  # after\nother: 1\n"),
    # an indentless block list keeps its indentation
    ("metadata:\n  approvals:\n  - by: wg\n",
     "metadata:\n  approvals:\n  - by: wg\n  - by: board\n"
     "    date: \"2027-06-10\"\n    reference: https://example.org/a b\n"),
    # flow lists, empty or not
    ("metadata:\n  approvals: []\n",
     "metadata:\n  approvals: [{by: board, date: \"2027-06-10\", "
     "reference: \"https://example.org/a b\"}]\n"),
    ("metadata:\n  approvals: [{by: wg}]\n",
     "metadata:\n  approvals: [{by: wg}, {by: board, date: \"2027-06-10\", "
     "reference: \"https://example.org/a b\"}]\n"),
])
def test_append_a_mapping_item(before, after):
    assert edit(before, appends=[(APPROVALS, ITEM)]) == after
    assert load_yaml(after)["metadata"]["approvals"][-1] == ITEM


@pytest.mark.parametrize("text", [
    "metadata:\n  approvals: not a list\n",
    "metadata:\n  approvals: &a [1]\n  again: *a\n",
    "metadata: {id: next}\n",
])
def test_append_refuses_what_it_cannot_do_in_place(text):
    with pytest.raises(EditError):
        edit(text, appends=[(APPROVALS, ITEM)])


def test_append_with_sets_in_one_edit():
    text = "metadata:\n  id: next\n  approvals: []\n"
    out = edit(text, sets=[(("metadata", "id"), "2027.06")],
               appends=[(APPROVALS, {"by": "board"})])
    assert out == ('metadata:\n  id: "2027.06"\n'
                   "  approvals: [{by: board}]\n")
def test_places_count_characters_not_bytes():
    """libyaml's composer places values by character, as the pure one
    does: text of several bytes (and beyond the BMP) before a value does
    not shift the edit."""
    text = ('a: "é€😀 x"  # ü\nb: [1, 😀]\nc:\n  d: ü  # ö\n'
            "  e: {f: 😀😀, g: 2}\n")
    assert edit(text, sets=[(("c", "d"), "v"), (("c", "e", "g"), 3),
                            (("b", 1), 4)]) == (
        'a: "é€😀 x"  # ü\nb: [1, 4]\nc:\n  d: v  # ö\n'
        "  e: {f: 😀😀, g: 3}\n")
