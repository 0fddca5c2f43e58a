"""S rules: structure against the source schema, placed in the file."""
from interop.tests.checks.helpers import codes, findings


def test_misspelt_key_is_placed_and_a_fix_suggested():
    text = ("capabilities:\n  compute-servers-create:\n"
            "    acheivements: [atomic]\n")
    found = findings(text, ["S001"])
    assert [(f.line, f.col, f.code) for f in found] == [(3, 5, "S001")]
    assert "did you mean 'achievements'?" in found[0].message
    assert found[0].pointer == \
        "/capabilities/compute-servers-create/acheivements"


def test_unquoted_version_is_a_wrong_type_at_the_value():
    text = ("metadata:\n  os_trademark_approval:\n"
            "    target_approval: 2026.10\n")
    assert codes(text, ["S002"]) == [(3, 22, "S002")]


def test_empty_achievement_is_reported():
    text = ("capabilities:\n  compute-servers-create:\n"
            "    achievements: [atomic, '']\n")
    assert codes(text, ["S"]) == [(3, 28, "S004")]  # at the empty item


def test_suppression_with_a_reason_silences_and_is_kept():
    text = ("capabilities:\n  compute-servers-create:\n"
            "    acheivements: [atomic]  # noqa: S001 kept as published\n")
    found = findings(text, ["S001"])
    assert [f.suppressed for f in found] == ["kept as published"]
    assert codes(text, ["S001"]) == []


def test_suppression_on_the_line_above():
    text = ("capabilities:\n  compute-servers-create:\n"
            "    # noqa: S001 kept as published\n"
            "    acheivements: [atomic]\n")
    assert codes(text, ["S001"]) == []


def test_suppression_without_reason_silences_nothing():
    text = ("capabilities:\n  compute-servers-create:\n"
            "    acheivements: [atomic]  # noqa: S001\n")
    assert codes(text, ["S001", "X001"]) == [(3, 5, "S001"),
                                            (3, 29, "X001")]


def test_json_input_is_placed_too(corpus):
    import os

    from interop.checks import check_files
    path = os.path.join(corpus, "2019.06.json")
    found = [f for f in check_files([path], select=["S001"])]
    assert {f.message.split("'")[1] for f in found} == {
        "acheivements", "descriptin"}
    assert all(f.line > 1 and f.col > 1 for f in found)
