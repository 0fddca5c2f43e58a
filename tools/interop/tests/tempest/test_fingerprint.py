"""A test's fingerprint follows the code it reaches: a base class's setup
or a template it reads changes it, a comment or a docstring does not."""
import textwrap

import pytest

from interop.tempest.fingerprint import of_test
from interop.tempest.reach import Sources, reach
from interop.tempest.templates import exercised

BASE = '''
import unittest


class Base(unittest.TestCase):
    credentials = ["primary"]

    def setUp(self):
        super().setUp()
        self.sub_dir = "templates"

    def launch(self, template_name):
        return self.load(template_name)

    def load(self, name):
        return name

    def unused(self):
        return 1
'''
TEST = '''
from fakeplugin import base


class ServerTest(base.Base):
    def setUp(self):
        super().setUp()
        self.template_name = "server.yaml"

    def test_server(self):
        """Launches a server."""
        self.launch(self.template_name)  # the stack
'''
SERVER = '''
heat_template_version: 2018-08-31
resources:
  server: {type: OS::Nova::Server}
  nested: {type: nested.yaml}
  member: {type: OS::Test::Member}
'''
NESTED = '''
resources:
  port: {type: OS::Neutron::Port}
  script:
    type: OS::Heat::SoftwareConfig
    properties: {config: {get_file: x.yaml}}
'''
NAME = "fakeplugin.tests.test_server.ServerTest.test_server"


@pytest.fixture
def site(tmp_path):
    files = {"fakeplugin/__init__.py": "", "fakeplugin/base.py": BASE,
             "fakeplugin/tests/__init__.py": "",
             "fakeplugin/tests/test_server.py": TEST,
             "fakeplugin/tests/templates/server.yaml": SERVER,
             "fakeplugin/tests/templates/nested.yaml": NESTED,
             "fakeplugin/tests/templates/x.yaml": "resources: {}\n",
             "fakeplugin/tests/templates/env.yaml":
             "resource_registry: {'OS::Test::Member': nested.yaml}\n"}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def _print(site):
    return of_test(Sources(str(site), {"fakeplugin"}), NAME)


def _edit(site, name, old, new):
    path = site / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_reaches_setup_helpers_and_base_classes(site):
    found = reach(Sources(str(site), {"fakeplugin"}), NAME)
    names = {(c.node.name, m.name) for c, m in found.methods}
    assert {("ServerTest", "test_server"), ("ServerTest", "setUp"),
            ("Base", "setUp"), ("Base", "launch"), ("Base", "load")} <= names
    assert ("Base", "unused") not in names


def test_templates_followed_from_setup_and_nesting(site):
    found = exercised(Sources(str(site), {"fakeplugin"}), NAME)
    assert [p.rsplit("/", 1)[-1] for p in found.reads] == [
        "nested.yaml", "server.yaml", "x.yaml"]
    assert found.types == {"OS::Nova::Server", "OS::Neutron::Port",
                           "OS::Heat::SoftwareConfig", "OS::Test::Member"}


def test_comment_and_docstring_changes_keep_the_fingerprint(site):
    before = _print(site)
    _edit(site, "fakeplugin/tests/test_server.py", "# the stack",
          "# another comment")
    _edit(site, "fakeplugin/tests/test_server.py", "Launches a server.",
          "Reworded.")
    assert _print(site) == before
    assert before.line == 10
    assert before.reads == tuple(sorted(before.reads))


def test_a_base_class_setup_change_makes_it_differ(site):
    before = _print(site)
    _edit(site, "fakeplugin/base.py", 'self.sub_dir = "templates"',
          'self.sub_dir = "templates"\n        self.retries = 0')
    assert _print(site).fingerprint != before.fingerprint


def test_an_unreached_method_change_keeps_it(site):
    before = _print(site)
    _edit(site, "fakeplugin/base.py", "return 1", "return 2")
    assert _print(site) == before


def test_a_nested_template_change_makes_it_differ(site):
    before = _print(site)
    _edit(site, "fakeplugin/tests/templates/nested.yaml",
          "OS::Neutron::Port", "OS::Neutron::Net")
    assert _print(site).fingerprint != before.fingerprint


def test_unknown_test_has_none(site):
    assert of_test(Sources(str(site), {"fakeplugin"}),
                   "fakeplugin.tests.test_server.Nope.test_x") is None
