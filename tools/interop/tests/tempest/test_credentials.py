"""Admin and second-user credentials: read from the test classes, and
what ``interop tests verify`` says of them (V006-V009)."""
import pytest

from interop.checks import Document
from interop.tempest import credentials as creds
from interop.tempest import index as tempest
from interop.tempest.scan import scan_sources
from interop.tempest.index import IndexedTest, Package
from interop.tempest.index import TestIndex as Index
from interop.tempest.verify import verify_document
from interop.tests.checks.helpers import BASE, merge
from interop.load.reader import read_guideline
from interop.load.source import load_yaml

NAME = ("tempest.api.compute.servers.test_create_server.ServersTestJSON"
        ".test_list_servers")
ID = "9a438d88-10c6-4bcd-8b5b-5b6e25e1346f"


def test_admin_credentials_and_second_users_are_told_apart():
    assert creds.needs_admin(["primary", "admin"])
    assert creds.needs_admin(["project_admin", "project_alt_member"])
    assert creds.needs_admin(["primary", "service_user[admin,service]"])
    assert not creds.needs_admin(["primary", "project_reader"])
    assert not creds.needs_admin(None)
    assert creds.second_user(["primary", "alt"])
    assert creds.second_user(["project_member", "project_alt_member"])
    assert not creds.second_user(["primary", "project_reader", "admin"])


def _index(credentials, os_admin=False):
    return Index({"tempest": Package("tempest", "tempest", "47.0.0")},
                     [IndexedTest(NAME, ID, "tempest", credentials=credentials,
                                  os_admin=os_admin)])


def _verify(credentials, extra="", path="guidelines/next.yaml",
            os_admin=False):
    tree = load_yaml(BASE, path)
    if extra:
        tree = merge(tree, load_yaml(extra, path))
    doc = Document(path, tree, read_guideline(tree, path))
    return [(f.code, f.severity) for f in verify_document(
        doc, _index(credentials, os_admin))]


def test_powered_required_test_needing_admin_is_an_error():
    assert _verify(["primary", "project_reader"]) == []
    assert ("V006", "error") in _verify(["primary", "admin"])
    # the method itself using the admin client counts too
    assert ("V006", "error") in _verify(["primary"], os_admin=True)
    # unknown credentials judge nothing
    assert _verify(None) == []


def test_admin_false_with_only_admin_tests_is_an_error_everywhere():
    found = _verify(["primary", "admin"])
    assert ("V008", "error") in found
    addon = ("program: {kind: add-on, name: dns}\n"
             "metadata:\n  id: dns.next\n")
    assert ("V008", "error") in _verify(["admin"], addon,
                                        "add-ons/dns/next.yaml")


def test_add_on_needs_admin_true_for_admin_tests():
    addon = ("program: {kind: add-on, name: dns}\n"
             "metadata:\n  id: dns.next\n")
    path = "add-ons/dns/next.yaml"
    found = _verify(["admin", "primary"], addon, path)
    assert ("V007", "error") in found and ("V006", "error") not in found
    admin = addon + "capabilities:\n  compute-servers-create:\n" \
        "    admin: true\n"
    assert _verify(["admin", "primary"], admin, path) == []


def test_a_second_user_is_info_in_powered_only():
    assert _verify(["primary", "alt"]) == [("V009", "info")]
    addon = ("program: {kind: add-on, name: dns}\n"
             "metadata:\n  id: dns.next\n")
    assert _verify(["primary", "alt"], addon, "add-ons/dns/next.yaml") == []


def test_flagged_and_advisory_tests_are_not_required():
    flagged = (f"capabilities:\n  compute-servers-create:\n    tests:\n"
               f"      {NAME}:\n        idempotent_id: id-{ID}\n"
               "        flagged:\n          reason: '[D400] Needs admin.'\n"
               "          action: x\n          date: '2026-01-01'\n")
    assert ("V006", "error") not in _verify(["admin"], flagged)
    advisory = ("components:\n  os_powered_compute:\n    capabilities:\n"
                "      required: []\n"
                "      advisory: [compute-servers-create]\n")
    assert ("V006", "error") not in _verify(["admin"], advisory)


def test_the_index_keeps_credentials_across_its_cache():
    index = _index(["primary", "admin"], os_admin=True)
    again = Index.from_dict(index.as_dict())
    assert again.tests[NAME].credentials == ["primary", "admin"]
    assert again.tests[NAME].needs_admin


@pytest.mark.skipif(not tempest.installed(),
                    reason="Tempest is not installed")
def test_credentials_of_real_classes_inherit_from_their_bases():
    import importlib.util
    import os
    site = os.path.dirname(os.path.dirname(
        importlib.util.find_spec("tempest").origin))
    found = creds.of_classes(site, [
        "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON",
        "tempest.api.compute.admin.test_flavors.FlavorsAdminTestJSON",
        "tempest.api.no_such_module.Nothing"])
    assert not creds.needs_admin(found[
        "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON"])
    assert creds.needs_admin(found[
        "tempest.api.compute.admin.test_flavors.FlavorsAdminTestJSON"])
    assert "tempest.api.no_such_module.Nothing" not in found



def test_the_source_scan_sees_methods_that_use_the_admin_client(tmp_path):
    (tmp_path / "test_x.py").write_text(
        "from tempest.lib import decorators\n\n"
        "class T:\n"
        "    @decorators.idempotent_id(\n"
        "        '5de47127-9977-400a-936f-abcfbec1218f')\n"
        "    def test_admin(self):\n"
        "        self.os_admin.servers_client.list_servers()\n\n"
        "    @decorators.idempotent_id(\n"
        "        'e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59')\n"
        "    def test_user(self):\n"
        "        self.servers_client.list_servers()\n")
    places = scan_sources([str(tmp_path)])
    assert places["5de47127-9977-400a-936f-abcfbec1218f"][3] is True
    assert places["e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59"][3] is False


def test_the_probe_is_a_module_run_with_python_m(tmp_path, monkeypatch,
                                                 capsys):
    """Issue 30: the subprocess runs ``python -m interop.tempest.probe``
    (a module lint and types reach), importing this package wherever it
    is, even with no PYTHONPATH set."""
    from interop.tempest import probe
    (tmp_path / "fake_tests.py").write_text(
        "print('importing prints')\n"
        "class Base:\n    credentials = ['primary', ['alt', 'member'], 3]\n"
        "class Leaf(Base):\n    pass\n")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    assert creds.of_classes(str(tmp_path), ["fake_tests.Leaf",
                                            "fake_tests.Gone"]) == \
        {"fake_tests.Leaf": ["primary", "alt[member]"]}
    command = creds.discovery("/site", "/site/tests")
    assert command[1:4] == ["-m", "interop.tempest.probe", "discover"]
    assert probe.main(["nothing"]) == 2
    assert "usage" in capsys.readouterr().err
