"""C rules: a vertical against the Powered guideline it builds on."""
import json
import os

from interop.checks import check_files
from interop.tests.checks.helpers import codes, findings

VERTICAL = """\
program: {kind: vertical, name: nfv, builds_on: "2026.06"}
metadata: {id: nfv.next}
"""

#: a Powered guideline that agrees with BASE, plus a component of flags,
#: renames and sections to conflict with
POWERED = """\
metadata:
  id: "2026.06"
  os_trademark_approval: {status: approved}
components:
  os_powered_compute:
    capabilities:
      required: [compute-servers-create]
      advisory: [compute-flavors-list]
      removed: [compute-images-old]
  os_powered_extra:
    capabilities:
      required: [compute-keys, compute-servers-resize]
designated_sections:
  nova:
    required:
      sections:
        api: {designated: true}
        scheduler: {designated: false}
    deprecated:
      sections:
        cells: {designated: true}
capabilities:
  compute-servers-create:
    project: nova
    admin: false
    tests:
      tempest.api.compute.servers.test_create_server.ServersTestJSON\
.test_list_servers: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
  compute-servers-resize:
    project: nova
    admin: false
    tests:
      a.T.test_broken:
        idempotent_id: id-11111111-1111-4111-8111-111111111111
        flagged:
          reason: "[D401] The test assumes a default quota."
          action: Fixed in Tempest 48.
          date: "2026-07-01"
      a.T.test_odd:
        idempotent_id: id-22222222-2222-4222-8222-222222222222
        flagged:
          reason: D403 Also tests rebooting.
          action: None.
          date: "2026-07-01"
  compute-keys:
    project: nova
    admin: false
    tests:
      a.K.test_new_name:
        idempotent_id: id-33333333-3333-4333-8333-333333333333
        aliases: [a.K.test_old_name]
  compute-flavors-list:
    project: nova
    admin: false
    tests:
      a.F.test_list: id-44444444-4444-4444-8444-444444444444
  compute-images-old:
    project: nova
    admin: true
    tests: {}
"""
OTHERS = {"guidelines/2026.06.yaml": POWERED}


def _cap(name, tests, project="nova", admin="false"):
    lines = [f"  {name}:", f"    project: {project}", f"    admin: {admin}",
             "    description: A capability.", "    tests:"]
    lines += [f"      {t}: id-{i:08d}-1111-4111-8111-111111111111"
              for i, t in enumerate(tests)]
    return "\n".join(lines) + "\n"


def _messages(text, code, **kwargs):
    return [f.message for f in findings(text, [code], **kwargs)
            if f.code == code]


# C001 -------------------------------------------------------------------

def test_vertical_without_base_is_reported_at_program():
    text = "program: {kind: vertical, name: nfv}\nmetadata: {id: nfv.next}\n"
    assert codes(text, ["C001"]) == [(1, 1, "C001")]
    assert "nfv" in _messages(text, "C001")[0]


def test_base_named_by_a_component_source():
    text = ("program: {kind: vertical, name: nfv}\n"
            "metadata: {id: nfv.next}\n"
            "platforms:\n  OpenStack Powered NFV:\n    components:\n"
            "      - {name: os_powered_compute,\n"
            "         source: 'https://example.org/2026.06.json'}\n")
    assert codes(text, ["C001"]) == []


def test_base_not_at_hand_is_not_c001():
    text = VERTICAL.replace("2026.06", "2024.06")
    assert codes(text, ["C"]) == []


def test_powered_guideline_needs_no_base():
    assert codes("", ["C001"]) == []


# C002 -------------------------------------------------------------------

def test_required_capability_deprecated_in_powered():
    text = VERTICAL + """\
components:
  os_powered_compute:
    capabilities:
      required: [compute-servers-create, compute-images-old]
"""
    assert codes(text, ["C002"]) == [(6, 42, "C002")]
    assert _messages(text, "C002") == [
        "capability 'compute-images-old' is required here but deprecated "
        "in Powered 2026.06"]


def test_required_capability_removed_in_powered():
    text = VERTICAL + """\
components:
  os_powered_nfv:
    capabilities:
      required: [compute-images-old]
"""
    assert ["removed" in m for m in _messages(text, "C002", others=OTHERS)
            ] == [True]


def test_advisory_or_unlisted_is_not_required():
    text = VERTICAL + """\
components:
  os_powered_compute:
    capabilities:
      advisory: [compute-images-old]
"""
    assert codes(text, ["C002"]) == []


def test_quiet_without_the_powered_guideline():
    text = VERTICAL + """\
components:
  os_powered_compute:
    capabilities:
      required: [compute-images-old]
"""
    assert codes(text, ["C002"], others={}) == []
    assert codes(text.replace("vertical", "add-on"), ["C002"]) == []


# C003 -------------------------------------------------------------------

def test_redefined_project_and_admin():
    text = VERTICAL + """\
capabilities:
  compute-servers-create:
    project: glance
    admin: true
"""
    assert codes(text, ["C003"]) == [(4, 3, "C003")]
    message = _messages(text, "C003")[0]
    assert "'compute-servers-create'" in message
    assert "project 'glance' here, 'nova' in Powered" in message
    assert "admin true here, false in Powered" in message


def test_redefined_tests_are_named():
    text = VERTICAL + "capabilities:\n" + _cap(
        "compute-keys", ["a.K.test_new_name", "a.K.test_extra"])
    text = text.replace("A capability.", "Keys.")
    assert _messages(text, "C003", others=OTHERS) == [
        "capability 'compute-keys' differs from Powered 2026.06: "
        "tests only here: a.K.test_extra"]
    dropped = VERTICAL + "capabilities:\n" + _cap("compute-keys", [])
    assert _messages(dropped, "C003", others=OTHERS) == [
        "capability 'compute-keys' differs from Powered 2026.06: "
        "tests only in Powered: a.K.test_new_name"]


def test_a_renamed_test_matches_through_its_alias():
    text = VERTICAL + "capabilities:\n" + _cap(
        "compute-keys", ["a.K.test_old_name"])
    assert codes(text, ["C003"], others=OTHERS) == []


def test_same_definition_and_own_capabilities_are_quiet():
    text = VERTICAL + "capabilities:\n" + _cap(
        "nfv-trunk-ports", ["a.N.test_trunk"], project="neutron")
    assert codes(text, ["C003"]) == []


# C004 -------------------------------------------------------------------

FLAG = """\
        flagged:
          reason: D404 Not on NFV clouds.
          action: Until the next guideline.
          date: "2026-07-01"
"""


def _flagged(cap, test, ident="id-55555555-5555-4555-8555-555555555555"):
    return (VERTICAL + f"capabilities:\n  {cap}:\n    tests:\n"
            f"      {test}:\n        idempotent_id: {ident}\n" + FLAG)


def test_vertical_flags_a_test_powered_requires():
    text = _flagged("compute-keys", "a.K.test_new_name")
    found = findings(text, ["C004"], others=OTHERS)
    assert [(f.line, f.col) for f in found] == [(8, 9)]
    assert found[0].message == (
        "test 'a.K.test_new_name' is flagged here, but Powered 2026.06 "
        "requires it (capability 'compute-keys')")


def test_flagging_an_old_name_of_a_required_test():
    text = _flagged("compute-keys", "a.K.test_old_name")
    assert [c for _, _, c in codes(text, ["C004"], others=OTHERS)] == \
        ["C004"]


def test_vertical_may_flag_what_powered_does_not_require():
    assert codes(_flagged("compute-flavors-list", "a.F.test_list"),
                 ["C004"], others=OTHERS) == []
    # flagged in Powered too
    assert codes(_flagged("compute-servers-resize", "a.T.test_odd"),
                 ["C004"], others=OTHERS) == []


RESIZE = """\
components:
  os_powered_nfv:
    capabilities:
      required: [compute-servers-resize]
capabilities:
"""


def test_vertical_requires_a_test_powered_flags_as_broken():
    text = VERTICAL + RESIZE + _cap(
        "compute-servers-resize", ["a.T.test_broken", "a.T.test_odd"])
    found = findings(text, ["C004"], others=OTHERS)
    assert [f.message for f in found] == [
        "test 'a.T.test_broken' is required here (capability "
        "'compute-servers-resize'), but Powered 2026.06 flags it D401: "
        "flag it here too"]
    assert found[0].doc_path == ("capabilities", "compute-servers-resize",
                                 "tests", "a.T.test_broken")


def test_broken_test_in_an_advisory_capability_is_quiet():
    text = VERTICAL + RESIZE.replace("required", "advisory") + _cap(
        "compute-servers-resize", ["a.T.test_broken"])
    assert codes(text, ["C004"], others=OTHERS) == []


# C005 -------------------------------------------------------------------

def _sections(status, name, designated):
    return VERTICAL + (f"designated_sections:\n  nova:\n    {status}:\n"
                       f"      sections:\n        {name}:\n"
                       f"          designated: {designated}\n")


def test_designated_in_one_and_not_the_other():
    text = _sections("required", "scheduler", "true")
    found = findings(text, ["C005"], others=OTHERS)
    assert [(f.line, f.col) for f in found] == [(8, 11)]
    assert found[0].message == (
        "section 'scheduler' of 'nova' is designated here but not "
        "designated in Powered 2026.06")


def test_section_matched_at_its_own_status_first():
    # cells is designated where Powered deprecates it
    assert codes(_sections("deprecated", "cells", "true"), ["C005"],
                 others=OTHERS) == []
    # and at another status it is still the same section
    assert len(codes(_sections("required", "cells", "false"), ["C005"],
                     others=OTHERS)) == 1


def test_agreeing_or_new_sections_are_quiet():
    assert codes(_sections("required", "api", "true"), ["C005"],
                 others=OTHERS) == []
    assert codes(_sections("required", "console", "false"), ["C005"],
                 others=OTHERS) == []


# C006 -------------------------------------------------------------------

def test_component_of_powered_name_leaves_out_a_requirement():
    text = VERTICAL + """\
components:
  os_powered_extra:
    capabilities:
      required: [compute-keys]
"""
    found = findings(text, ["C006"], others=OTHERS)
    assert [(f.line, f.col, f.severity) for f in found] == \
        [(4, 3, "warning")]
    assert found[0].message == (
        "component 'os_powered_extra' leaves out what Powered 2026.06 "
        "requires in it: compute-servers-resize")


def test_component_of_its_own_name_is_quiet():
    text = VERTICAL + """\
components:
  os_powered_nfv:
    capabilities:
      required: [compute-keys]
"""
    assert codes(text, ["C006"], others=OTHERS) == []


# C007 -------------------------------------------------------------------

def test_admin_capability_required_in_powered():
    text = "capabilities:\n  compute-servers-create:\n    admin: true\n"
    assert codes(text, ["C007"]) == [(3, 5, "C007")]
    assert _messages(text, "C007") == [
        "capability 'compute-servers-create' needs admin credentials but "
        "component 'os_powered_compute' requires it"]


def test_verticals_may_require_admin_capabilities():
    text = VERTICAL + "capabilities:\n  compute-servers-create:\n" \
        "    admin: true\n"
    assert codes(text, ["C007"]) == []


def test_advisory_admin_capability_is_fine_in_powered():
    text = """\
components:
  os_powered_compute:
    capabilities:
      required: []
      advisory: [compute-servers-create]
capabilities:
  compute-servers-create:
    admin: true
"""
    assert codes(text, ["C007"]) == []


# the corpus -------------------------------------------------------------

def _check(corpus, names, select, root=None):
    paths = [os.path.join(root or corpus, n) for n in names]
    return [(os.path.basename(f.path), f.code, f.message.split("'")[1])
            for f in check_files(paths, select=select)]


def test_nfv_against_2017_09(corpus):
    # the vertical's capabilities are its own, all advisory; its sections
    # agree with 2017.09 wherever both name one; but the Powered component
    # it takes in, os_powered_compute, is called 'compute' in that 1.6 file
    assert _check(corpus, ["verticals/nfv.next.json", "2017.09.json"],
                  ["C"]) == [("nfv.next.json", "C008",
                              "OpenStack Powered NFV Platform")]


def test_nfv_alone_names_its_base(corpus):
    assert _check(corpus, ["verticals/nfv.next.json"], ["C"]) == []


def test_nfv_is_compared_with_the_imported_1x_guideline(corpus, tmp_path):
    """The quiet above is earned: a changed NFV file is caught."""
    with open(os.path.join(corpus, "verticals", "nfv.next.json")) as f:
        nfv = json.load(f)
    with open(os.path.join(corpus, "2017.09.json")) as f:
        base = json.load(f)
    component = nfv["components"]["os_powered_nfv_platform"]
    component["capabilities"]["required"] = ["volumes-v2-attach-detach"]
    cap = dict(base["capabilities"]["compute-servers-create"],
               project="neutron")
    nfv["capabilities"]["compute-servers-create"] = cap
    nfv["capabilities"]["volumes-v2-attach-detach"] = \
        base["capabilities"]["volumes-v2-attach-detach"]
    keystone = nfv["designated_sections"]["keystone"]["required"]
    keystone["sections"]["catalog API"]["designated"] = True
    os.makedirs(tmp_path / "verticals")
    with open(tmp_path / "verticals" / "nfv.next.json", "w") as f:
        json.dump(nfv, f)
    found = _check(corpus, ["verticals/nfv.next.json",
                            os.path.join(corpus, "2017.09.json")],
                   ["C"], root=str(tmp_path))
    assert sorted(found) == [
        ("nfv.next.json", "C002", "volumes-v2-attach-detach"),
        ("nfv.next.json", "C003", "compute-servers-create"),
        ("nfv.next.json", "C005", "catalog API"),
        ("nfv.next.json", "C008", "OpenStack Powered NFV Platform"),
    ]


def test_admin_capabilities_required_in_powered(corpus):
    """2018.02 made networks-l3-CRUD and networks-l3-router required,
    still marked admin although scored non-admin (scoring.txt)."""
    for version in ("2018.02", "2018.11", "2019.06"):
        assert _check(corpus, [f"{version}.json"], ["C"]) == [
            (f"{version}.json", "C007", "networks-l3-CRUD"),
            (f"{version}.json", "C007", "networks-l3-router"),
        ]
    for version in ("2016.08", "2017.01", "2017.09"):  # advisory then
        assert _check(corpus, [f"{version}.json"], ["C"]) == []
