"""Runtime test lists: resolution against a listing, the credentials
filter and the regex form (no Tempest needed: listings are made here)."""
import re

import pytest
from hypothesis import given, strategies

from interop.errors import LoadError
from interop.refstack import runlist
from interop.tempest.listing import Listing

A = "tempest.api.compute.test_a.ATest.test_a"
B = "tempest.api.compute.test_b.BTest.test_b"
UA = "11111111-1111-4111-8111-111111111111"
UB = "22222222-2222-4222-8222-222222222222"
LISTING = Listing([f"{A}[id-{UA},smoke]", f"{B}[compute,id-{UB},network]",
                   f"{B}_again[id-{UB}]"])


def test_by_name_keeps_every_attribute_in_the_runners_order():
    found = runlist.resolve([runlist.Wanted(A, UA)], LISTING)
    assert found == {A: f"{A}[id-{UA},smoke]"}


def test_a_renamed_test_is_found_by_its_id():
    old = "tempest.api.compute.test_a.ATest.test_old_name"
    assert runlist.resolve([runlist.Wanted(old, UA)], LISTING) == \
        {old: f"{A}[id-{UA},smoke]"}


def test_an_alias_is_found_by_name():
    found = runlist.resolve([runlist.Wanted("gone.T.test", None, (A,))],
                            LISTING)
    assert found == {"gone.T.test": f"{A}[id-{UA},smoke]"}


def test_a_missing_test_is_an_error_naming_every_one():
    with pytest.raises(LoadError) as info:
        runlist.resolve([runlist.Wanted("x.T.test_x", None),
                         runlist.Wanted(A, UA),
                         runlist.Wanted("y.T.test_y", UA.replace("1", "3"))],
                        LISTING, "g.yaml")
    f = info.value.finding
    assert (f.path, f.code) == ("g.yaml", "E200")
    assert "x.T.test_x" in f.message and "y.T.test_y" in f.message \
        and A not in f.message


def test_an_id_on_several_tests_none_named_is_ambiguous():
    with pytest.raises(LoadError) as info:
        runlist.resolve([runlist.Wanted("z.T.test_z", UB)], LISTING)
    assert info.value.finding.code == "E201"
    assert f"{B}_again" in info.value.finding.message


def test_non_admin_keeps_tests_that_need_no_admin_and_refuses_unknown():
    lines = {A: f"{A}[id-{UA},smoke]", B: f"{B}[compute,id-{UB},network]"}
    admin = {A: False, B: True}
    assert runlist.non_admin(lines, admin.get) == {A: lines[A]}
    with pytest.raises(LoadError) as info:
        runlist.non_admin(lines, {A: False}.get)
    assert info.value.finding.code == "E202" and B in \
        info.value.finding.message


def test_regex_is_anchored_and_escaped():
    line = f"{A}[id-{UA},smoke]"
    pattern = re.compile(runlist.regex(line))
    assert pattern.search(line) and pattern.search(A)
    assert not pattern.search(A + "_more[id-x]")    # not a prefix match
    assert not pattern.search("x" + A)              # anchored at the start
    assert not pattern.search(A.replace(".", "x"))  # dots are escaped
    assert runlist.render([line, line], "regex") == [runlist.regex(line)]


def test_wanted_leaves_flagged_tests_out_on_request():
    doc = {"metadata": {"schema": "2.0", "id": "2026.06"},
           "platforms": {"OpenStack Powered Compute": {
               "components": [{"name": "os_powered_compute"}]}},
           "components": {"os_powered_compute": {"capabilities": {
               "required": ["cap"], "advisory": []}}},
           "capabilities": {"cap": {"tests": {
               A: {"idempotent_id": f"id-{UA}"},
               B: {"idempotent_id": f"id-{UB}",
                   "flagged": {"reason": "D401"}}}}}}
    assert [t.name for t in runlist.wanted(doc, "compute", ["required"])] \
        == [A, B]
    assert runlist.wanted(doc, "compute", ["required"], False) == \
        [runlist.Wanted(A, UA)]


NAMES = strategies.from_regex(
    r"[a-z_][a-z0-9_]{0,6}(\.[a-zA-Z_][a-zA-Z0-9_]{0,6}){1,4}",
    fullmatch=True)


@given(NAMES, NAMES)
def test_a_pattern_picks_its_test_and_no_other(name, other):
    pattern = re.compile(runlist.regex(f"{name}[id-x,smoke]"))
    assert pattern.search(f"{name}[id-x,smoke]") and pattern.search(name)
    assert bool(pattern.search(f"{other}[id-y]")) == (other == name)
