"""A template-resource capability against the templates its tests really
read: K003 for a type no test exercises, K004 for a test that exercises
none of the types; the Orchestration add-on's capability is clean with
the installed heat-tempest-plugin."""
import os

import pytest

from interop.checks import load_document
from interop.repository import Repository
from interop.tempest.kinds import kind_findings
from interop.tempest.locking import site_sources
from interop.tempest.reach import Sources
from interop.tests.conftest import ROOT
from interop.tests.tempest.test_fingerprint import NAME
from interop.tests.tempest.test_fingerprint import site  # noqa: F401
from interop.tests.tempest.test_locking import _Doc, _guideline


def _cap(types):
    g = _guideline(NAME)
    cap = g.capabilities["fake-cap"]
    cap.kind, cap.resource_types = "template-resource", types
    return g


def _codes(site, g):  # noqa: F811
    return [f.code for f in kind_findings(
        _Doc(g), Sources(str(site), {"fakeplugin"}))]


def test_types_the_templates_use_are_quiet(site):  # noqa: F811
    assert _codes(site, _cap(["OS::Nova::Server", "OS::Neutron::Port"])) \
        == []


def test_a_type_no_test_exercises(site):  # noqa: F811
    assert _codes(site, _cap(["OS::Nova::Server", "OS::Trove::Instance"])) \
        == ["K003"]


def test_a_test_exercising_none_of_the_types(site):  # noqa: F811
    assert sorted(_codes(site, _cap(["OS::Trove::Instance"]))) == [
        "K003", "K004"]


def test_api_capabilities_are_not_judged(site):  # noqa: F811
    g = _guideline(NAME)
    g.capabilities["fake-cap"].resource_types = ["OS::Trove::Instance"]
    assert _codes(site, g) == []


HEAT = pytest.mark.skipif(
    site_sources() is None or "heat_tempest_plugin" not in (
        site_sources().packages), reason="heat-tempest-plugin is not "
    "installed (pip install -e '.[tempest]')")


@HEAT
def test_the_orchestration_capability_is_exercised():
    repo = Repository(ROOT)
    doc = load_document(os.path.join(
        ROOT, "add-ons", "orchestration", "next.yaml"), repo)
    cap = doc.guideline.capabilities["stack-resources-server-network"]
    assert cap.kind == "template-resource"
    assert kind_findings(doc, site_sources()) == []
    cap.resource_types = cap.resource_types + ["OS::Trove::Instance"]
    found = kind_findings(doc, site_sources())
    assert [(f.code, "OS::Trove::Instance" in f.message) for f in found] \
        == [("K003", True)]


def test_a_template_written_in_the_code_is_read(tmp_path):
    from interop.tempest.templates import exercised, resource_types
    (tmp_path / "inline" / "tests" / "templates").mkdir(parents=True)
    (tmp_path / "inline" / "__init__.py").write_text("")
    (tmp_path / "inline" / "tests" / "__init__.py").write_text("")
    (tmp_path / "inline" / "tests" / "test_inline.py").write_text(
        "import unittest\n\n\nclass T(unittest.TestCase):\n"
        "    template = '''\nheat_template_version: 2018-08-31\n"
        "resources:\n  vol: {type: OS::Cinder::Volume}\n'''\n\n"
        "    def test_volume(self):\n        self.stack(self.template)\n")
    sources = Sources(str(tmp_path), {"inline"})
    name = "inline.tests.test_inline.T.test_volume"
    assert exercised(sources, name).types == {"OS::Cinder::Volume"}
    assert resource_types(sources, [name, "other.T.test"]) == {
        name: ["OS::Cinder::Volume"]}
