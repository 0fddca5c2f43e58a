"""R and T rules on the corpus: the known defects are found, placed."""
import os

from interop.checks import check_files
from interop.tests.checks.helpers import codes


def _found(corpus, name, select):
    found = check_files([os.path.join(corpus, name)], select=select)
    return [(f.code, f.line > 0, f.message.split("'")[1]) for f in found]


def test_capability_in_no_component(corpus):
    assert ("R001", True, "images-v2-import") in _found(
        corpus, "2016.08.json", ["R001"])


def test_volume_metadata_ids_shared_by_different_tests(corpus):
    found = _found(corpus, "2018.02.json", ["T002"])
    assert len(found) == 3
    assert all("test_volume_metadata" in name for _, _, name in found)


def test_inherited_tests_are_not_renames(corpus):
    found = _found(corpus, "2016.01.json", ["T002"])
    assert not [name for _, _, name in found if "ManualDisk" in name]


def test_one_test_in_two_capabilities(corpus):
    found = _found(corpus, "2017.01.json", ["T003"])
    assert ("T003", True, "tempest.api.object_storage.test_account_services"
            ".AccountTest.test_list_extensions") in found


def test_platform_naming_an_undefined_component():
    text = ("platforms:\n  OpenStack Powered Compute:\n"
            "    components: [os_powered_compute, os_powered_cmpute]\n")
    assert codes(text, ["R003"]) == [(3, 38, "R003")]


def test_clean_add_on_has_no_reference_findings(corpus):
    found = _found(corpus, os.path.join("add-ons", "dns.2019.06.json"),
                   ["R", "T"])
    # only the bare ids add-ons were published with
    assert {code for code, _, _ in found} == {"T004"}
    assert len(found) == 10


PLUGIN_TEST = ("capabilities:\n  compute-servers-create:\n    tests:\n"
               "      neutron_tempest_plugin.api.test_ports.PortsTest"
               ".test_create_port:\n"
               "        idempotent_id: "
               "id-5de47127-9977-400a-936f-abcfbec1218f\n")
PLUGIN_REPO = ("test_repositories:\n  neutron-tempest-plugin:\n"
               "    repository: https://opendev.org/openstack/"
               "neutron-tempest-plugin/\n    reference: \"3.3.0\"\n")


def test_powered_tests_come_from_tempest_api_only():
    """T006 when the plugin is named (so R004 is quiet), R004 when not."""
    from interop.tests.checks.helpers import codes as found
    named = PLUGIN_TEST + PLUGIN_REPO
    assert [c for *_, c in found(named, ["T006", "R004"])] == ["T006"]
    assert [c for *_, c in found(PLUGIN_TEST, ["T006", "R004"])] == ["R004"]


def test_an_add_on_may_use_the_plugins_it_names():
    from interop.tests.checks.helpers import codes as found
    addon = "program: {kind: add-on, name: dns}\n"
    path = "add-ons/dns/next.yaml"
    assert found(addon + PLUGIN_TEST + PLUGIN_REPO, ["T006", "R004"],
                 path=path) == []
    assert [c for *_, c in found(addon + PLUGIN_TEST, ["T006", "R004"],
                                 path=path)] == ["R004"]


MANILA_TEST = ("capabilities:\n  manila-shares-create:\n    tests:\n"
               "      manila_tempest_tests.tests.api.test_shares.SharesTest"
               ".test_create_share:\n"
               "        idempotent_id: "
               "id-5de47127-9977-400a-936f-abcfbec1218f\n")
MANILA_REPO = ("test_repositories:\n  manila-tempest-plugin:\n"
               "    repository: https://opendev.org/openstack/"
               "manila-tempest-plugin/\n    reference: \"2.5.0\"\n")
MANILA_ADD_ON = "program: {kind: add-on, name: shared-file-systems}\n"


def test_r004_maps_a_distribution_to_the_modules_it_provides():
    """manila-tempest-plugin provides manila_tempest_tests (its
    tempest.test_plugins entry point says so): R004 is quiet for it, and
    still fires for a package no named repository provides (issue 24)."""
    from interop.load.plugins import modules_of
    from interop.tests.checks.helpers import codes as found
    assert "manila_tempest_tests" in modules_of("manila-tempest-plugin")
    assert "manila_tempest_tests" in modules_of("manila_tempest_plugin")
    path = "add-ons/shared-file-systems/next.yaml"
    assert found(MANILA_ADD_ON + MANILA_TEST + MANILA_REPO, ["R004"],
                 path=path) == []
    assert [c for *_, c in found(MANILA_ADD_ON + PLUGIN_TEST + MANILA_REPO,
                                 ["R004"], path=path)] == ["R004"]


def test_r006_plugin_tests_need_a_named_repository():
    from interop.tests.checks.helpers import findings
    path = "add-ons/shared-file-systems/next.yaml"
    text = MANILA_ADD_ON + MANILA_TEST + "test_repositories: {}\n"
    fired = findings(text, ["R006", "R004"], path=path, over="{}\n")
    assert [(f.code, f.severity) for f in fired] == [("R006", "error")]
    assert "names no test repository" in fired[0].message
    assert findings(MANILA_ADD_ON + MANILA_TEST + MANILA_REPO, ["R006"],
                    path=path, over="{}\n") == []
def test_an_xtesting_case_needs_an_xtesting_repository():
    from interop.tests.checks.helpers import findings
    case = ("program: {kind: vertical, name: nfv, builds_on: '2026.06'}\n"
            "capabilities:\n  compute-servers-create:\n    tests:\n"
            "      xtesting:functest/vping_ssh: "
            "id-813282d0-3fa7-5cbd-b3f8-fa5aef202973\n")
    assert [f.code for f in findings(case, ["R004"])] == ["R004"]
    repo = ("test_repositories:\n  functest:\n"
            "    repository: https://opendev.org/opnfv/functest/\n"
            "    kind: xtesting\n"
            "    testcases: verticals/nfv/xtesting/testcases.yaml\n")
    assert findings(case + repo, ["R004", "S001", "S002"]) == []
