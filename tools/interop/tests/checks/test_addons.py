"""A rules: an add-on on top of the Powered guideline it builds on."""
import json
import os

import pytest

from interop.checks import check_files
from interop.tests.checks.helpers import codes, findings

ADD_ON = """\
program: {kind: add-on, name: dns, builds_on: "2026.06"}
metadata: {id: dns.next, scoring: add-on}
"""

#: a Powered guideline that defines none of BASE's capabilities
BARE = {"guidelines/2026.06.yaml": """\
metadata:
  id: "2026.06"
components:
  os_powered_compute: {capabilities: {required: []}}
  os_powered_storage: {capabilities: {required: []}}
"""}


def _platform(required, optional="[]", program=ADD_ON):
    return program + f"""\
add-ons:
  DNS:
    components: [os_powered_dns]
    required_platform_components: {required}
    optional_platform_components: {optional}
"""


def _messages(text, code, **kwargs):
    return [f.message for f in findings(text, [code], **kwargs)
            if f.code == code]


# A001 -------------------------------------------------------------------

def test_unknown_required_and_optional_components():
    text = _platform("[os_powered_cmpute]", "[os_powered_storage]")
    assert codes(text, ["A001"]) == [(6, 36, "A001"), (7, 36, "A001")]
    assert _messages(text, "A001") == [
        "required platform component 'os_powered_cmpute' of add-on 'DNS' "
        "is not defined in Powered 2026.06",
        "optional platform component 'os_powered_storage' of add-on 'DNS' "
        "is not defined in Powered 2026.06"]


def test_known_components_are_quiet():
    assert codes(_platform("[os_powered_compute]"), ["A001"]) == []
    assert codes(_platform("[os_powered_compute]", "[os_powered_storage]"),
                 ["A001"], others=BARE) == []


def test_a_source_names_the_powered_guideline():
    program = "program: {kind: add-on, name: dns}\nmetadata: {id: dns.next}\n"
    source = "[{name: os_powered_cmpute, source: '{}'}]"
    at_hand = source.replace("{}", "https://example.org/2026.06.json")
    assert [c for _, _, c in codes(_platform(at_hand, program=program),
                                   ["A001"])] == ["A001"]
    gone = source.replace("{}", "https://example.org/2024.06.json")
    assert codes(_platform(gone, program=program), ["A001"]) == []


def test_quiet_without_the_powered_guideline():
    assert codes(_platform("[os_powered_cmpute]"), ["A001"], others={}) == []
    vertical = ADD_ON.replace("add-on, name: dns", "vertical, name: nfv")
    assert codes(_platform("[os_powered_cmpute]", program=vertical),
                 ["A001"]) == []


# A002 -------------------------------------------------------------------

def test_add_on_defines_a_powered_capability():
    text = ADD_ON + """\
capabilities:
  compute-flavors-list:
    project: nova
    admin: false
    description: List flavors.
    tests: {}
"""
    found = findings(text, ["A002"])
    # BASE's own capability is one of Powered's too
    assert [(f.doc_path[1], f.line) for f in found] == [
        ("compute-flavors-list", 4), ("compute-servers-create", 25)]
    assert found[0].message == (
        "capability 'compute-flavors-list' is a capability of Powered "
        "2026.06: an add-on defines only its own")


def test_own_capabilities_are_quiet():
    text = ADD_ON + """\
capabilities:
  dns-zone-crud:
    project: designate
    admin: false
    description: Zones.
    tests: {}
"""
    assert codes(text, ["A002"], others=BARE) == []
    assert codes(text, ["A002"], others={}) == []
    assert codes("", ["A002"]) == []  # Powered itself


# A003 -------------------------------------------------------------------

def test_add_on_named_core_criteria_set():
    text = ADD_ON.replace("scoring: add-on", "scoring: core")
    assert codes(text, ["A003"]) == [(2, 35, "A003")]
    assert _messages(text, "A003") == [
        "add-on scored with criteria set 'core': use 'add-on'"]


def _written(criteria, cutoff="cutoff_score: 60\n    "):
    lines = "".join(f"      {key}: {{name: {key.title()}, weight: 10}}\n"
                    for key in criteria)
    return ("program: {kind: add-on, name: dns, builds_on: \"2026.06\"}\n"
            "metadata:\n  id: dns.next\n  scoring:\n"
            f"    {cutoff}criteria:\n" + lines)


def test_written_criteria_of_the_core_set():
    text = _written(["atomic", "deployed", "foundation", "proximity"],
                    "cutoff_score: 74\n    ")
    assert _messages(text, "A003") == [
        "add-on cutoff_score is 74, not 60",
        "criterion 'deployed' is not an add-on criterion",
        "criterion 'foundation' is not an add-on criterion",
        "criterion 'proximity' is not an add-on criterion"]
    assert codes(text, ["A003"])[0] == (5, 19, "A003")


def test_written_criteria_without_a_cutoff():
    assert _messages(_written(["atomic"], ""), "A003") == [
        "add-on scoring has no cutoff_score: the add-on cutoff is 60"]


def test_written_add_on_criteria_pass():
    assert codes(_written(["atomic", "clients", "stable"]), ["A003"]) == []


@pytest.mark.parametrize("text", [
    ADD_ON,
    "metadata: {scoring: core}\n",  # Powered
    "program: {kind: vertical, name: nfv, builds_on: \"2026.06\"}\n"
    "metadata: {id: nfv.next, scoring: core}\n",
])
def test_quiet_scoring(text):
    assert codes(text, ["A003"]) == []


# the corpus -------------------------------------------------------------

ADD_ONS = ["dns.2018.02", "dns.2018.11", "dns.2019.06",
           "orchestration.2018.02", "orchestration.2018.11",
           "orchestration.2019.06"]


def _check(paths, select=("A",)):
    """(file, code, what the message names first, else the message)."""
    return [(os.path.basename(f.path), f.code,
             (f.message.split("'") + [f.message])[1])
            for f in check_files(paths, select=list(select))]


def _base(corpus, name):
    """The core guideline the add-on's required platform component names."""
    with open(os.path.join(corpus, "add-ons", name + ".json")) as f:
        tree = json.load(f)
    (add_on,) = tree["add-ons"].values()
    source = add_on["required_platform_components"][0]["source"]
    return os.path.join(corpus, source.rsplit("/", 1)[-1])


@pytest.mark.parametrize("name", ADD_ONS)
def test_published_add_ons_are_clean(corpus, name):
    base = _base(corpus, name)
    assert os.path.basename(base) == name.split(".", 1)[1] + ".json"
    assert _check([os.path.join(corpus, "add-ons", name + ".json"),
                   base]) == []


def test_add_on_is_compared_with_its_core_guideline(corpus, tmp_path):
    """The quiet above is earned: a changed add-on is caught."""
    name = "orchestration.2019.06"
    with open(os.path.join(corpus, "add-ons", name + ".json")) as f:
        tree = json.load(f)
    with open(os.path.join(corpus, "2019.06.json")) as f:
        core = json.load(f)
    add_on = tree["add-ons"]["Orchestration"]
    add_on["optional_platform_components"] = [
        {"name": "os_powered_object",
         "source": "http://opendev.org/openstack/interop/2019.06.json"}]
    tree["capabilities"]["compute-servers-create"] = \
        core["capabilities"]["compute-servers-create"]
    tree["metadata"]["scoring"]["cutoff_score"] = 74
    os.makedirs(tmp_path / "add-ons")
    path = str(tmp_path / "add-ons" / (name + ".json"))
    with open(path, "w") as f:
        json.dump(tree, f, indent=2)
    assert sorted(_check([path, os.path.join(corpus, "2019.06.json")])) == [
        (name + ".json", "A001", "os_powered_object"),
        (name + ".json", "A002", "compute-servers-create"),
        (name + ".json", "A003", "add-on cutoff_score is 74, not 60"),
    ]


# A004 -------------------------------------------------------------------

def test_an_add_on_and_a_vertical_of_one_name():
    vertical = ('program: {kind: vertical, name: dns, builds_on: "2026.06"}'
                "\nmetadata: {id: dns.next}\n")
    others = {"add-ons/dns/next.yaml": ADD_ON}
    found = [f for f in findings(vertical, ["A004"], others=others,
                                 path="verticals/dns/next.yaml")]
    assert [(f.line, f.code) for f in found] == [(1, "A004")]
    assert "add-on dns.next" in found[0].message
    assert "criteria/scoring/dns/" in found[0].message
    assert findings(ADD_ON, ["A004"], path="add-ons/dns/next.yaml",
                    others={"verticals/dns/next.yaml": vertical})
    assert not findings(ADD_ON, ["A004"], path="add-ons/dns/next.yaml")


def test_check_of_a_repository_with_both(tmp_path):
    from interop.checks import repository_files
    from interop.repository import Repository
    from interop.tests.conftest import ROOT, copy_criteria
    from interop.workflow.scaffold import scaffold
    copy_criteria(tmp_path)
    with open(os.path.join(ROOT, "guidelines", "next.yaml")) as handle:
        powered = handle.read()
    (tmp_path / "guidelines").mkdir()
    (tmp_path / "guidelines" / "next.yaml").write_text(powered)
    scaffold(Repository(str(tmp_path)), "add-on", "shared", "shared-team",
             "shared-core")
    # a vertical made by hand, as scaffold refuses the name
    (tmp_path / "verticals" / "shared").mkdir(parents=True)
    text = (tmp_path / "add-ons" / "shared" / "next.yaml").read_text()
    (tmp_path / "verticals" / "shared" / "next.yaml").write_text(
        text.replace("kind: add-on", "kind: vertical"))
    repo = Repository(str(tmp_path))
    found = {f.path for f in check_files(repository_files(repo), repo,
                                         ["A004"])}
    assert found == {"add-ons/shared/next.yaml",
                     "verticals/shared/next.yaml"}
