"""Shared helpers for rule tests.

A docstring example may start with ``# file: PATH`` to be checked as that
file (by default ``guidelines/next.yaml``).

``BASE`` is a valid draft Powered guideline (``guidelines/next.yaml``) that
replaces ``PREVIOUS`` (``guidelines/2026.06.yaml``, approved), which
follows ``OLDER`` (2025.12, approved).  A test (and
every docstring example) is laid over ``BASE`` and checked with
``PREVIOUS`` in the workspace, so that rules across guidelines and
programs can be shown in a few lines.
"""
import copy
import os

from interop.checks import Document, run
from interop.checks.workspace import Workspace
from interop.load.reader import read_guideline
from interop.load.source import load_yaml
from interop.repository import Repository
from interop.tests.conftest import ROOT

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                        "fixtures", "repo")


class ExampleRepository(Repository):
    """The fixture repository (scoring sheets of the examples) with the
    project's own criteria sets and table of releases, and the fixture's
    (broken ones, which the examples name)."""

    @property
    def criteria_sets(self):
        from interop.scoring.criteria import resolve_sets
        own = Repository.raw_criteria_sets.func(self)
        return resolve_sets(dict(PROJECT.raw_criteria_sets, **own))

    @property
    def schedule(self):
        return PROJECT.schedule

    @property
    def ownership(self):
        return PROJECT.ownership

    @property
    def releases(self):
        # the releases out when the examples were written, so that a row
        # added to the project's table by hand changes no example
        return [r for r in PROJECT.releases or [] if r.date <= "2026-04-01"]


PROJECT = Repository(ROOT)
REPO = ExampleRepository(FIXTURES)

BASE = """\
metadata:
  id: next
  reference: https://example.org/schemas/guideline-2.0.json
  source: https://example.org/next.json
  scoring: core
  os_trademark_approval:
    status: draft
    target_approval: "2027.06"
    replaces: "2026.06"
    releases: ["2025.1", "2025.2", "2026.1"]
platforms:
  OpenStack Powered Compute:
    description: Compute.
    components: [os_powered_compute]
components:
  os_powered_compute:
    capabilities:
      required: [compute-servers-create]
      advisory: []
      deprecated: []
      removed: []
    designated_sections:
      required: [nova]
capabilities:
  compute-servers-create:
    project: nova
    admin: false
    description: Create a server.
    achievements: [atomic, clients, complete, deployed, discover, doc, future,
                   stable, sticky]
    tests:
      tempest.api.compute.servers.test_create_server.ServersTestJSON\
.test_list_servers: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
designated_sections:
  nova:
    required:
      guidance: The API is designated.
      sections:
        api:
          description: The compute API.
          designated: true
test_repositories:
  tempest:
    repository: https://opendev.org/openstack/tempest/
    reference: "47.0.0"
"""

#: the approved guideline BASE replaces
PREVIOUS = """\
metadata:
  id: "2026.06"
  reference: https://example.org/schemas/guideline-2.0.json
  source: https://example.org/2026.06.json
  scoring: core
  os_trademark_approval:
    status: approved
    target_approval: "2026.06"
    releases: ["2025.2", "2026.1"]
  approvals:
    - by: working-group
      date: "2026-05-20"
      reference: https://example.org/minutes/2026-05-20
    - by: board
      date: "2026-06-10"
      reference: https://example.org/board/2026-06-10
platforms:
  OpenStack Powered Compute:
    description: Compute.
    components: [os_powered_compute]
components:
  os_powered_compute:
    capabilities:
      required: [compute-servers-create]
      advisory: [compute-flavors-list]
      deprecated: [compute-images-old]
      removed: []
    designated_sections:
      required: [nova]
capabilities:
  compute-servers-create:
    project: nova
    admin: false
    description: Create a server.
    achievements: [atomic, clients, complete, deployed, discover, doc, future,
                   stable, sticky]
    required_since: "2026.06"
    tests:
      tempest.api.compute.servers.test_create_server.ServersTestJSON\
.test_list_servers: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
  compute-flavors-list:
    project: nova
    admin: false
    description: List flavors.
    achievements: [atomic, clients, complete, deployed, discover, doc, future,
                   stable]
    tests:
      a.FlavorsTest.test_list_flavors: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59
  compute-images-old:
    project: nova
    admin: false
    description: An old image call.
    achievements: [atomic]
    tests: {}
designated_sections:
  nova:
    required:
      guidance: The API is designated.
      sections:
        api:
          description: The compute API.
          designated: true
test_repositories:
  tempest:
    repository: https://opendev.org/openstack/tempest/
    reference: "47.0.0"
"""


#: an approved guideline before PREVIOUS (so that two are approved), in
#: which compute-servers-create was advisory
OLDER = PREVIOUS.replace('"2026.06"', '"2025.12"').replace(
    "2026-05-20", "2025-11-20").replace("2026-06-10", "2025-12-10").replace(
    "2026.06.json", "2025.12.json").replace(
    "required: [compute-servers-create]\n      advisory: [",
    "required: []\n      advisory: [compute-servers-create, ").replace(
    '    required_since: "2025.12"\n', "")


#: the committed (approved) version of 2026.06 that rules comparing with
#: an approved version see: PREVIOUS, with the flag added after approval
#: that PREVIOUS's working copy lost
BASELINE = PREVIOUS.replace(
    "      a.FlavorsTest.test_list_flavors: "
    "id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\n",
    "      a.FlavorsTest.test_list_flavors:\n"
    "        idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\n"
    "        flagged:\n"
    "          reason: \"[D401] The test needs two flavors (bug 2001234).\"\n"
    "          action: Flagged until the test is fixed.\n"
    "          date: \"2026-08-01\"\n")
assert BASELINE != PREVIOUS


def merge(base, extra):
    """``extra`` laid over ``base``: mappings merge, other values replace."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = copy.copy(base)
        for key, value in extra.items():
            out[key] = merge(base[key], value) if key in base else value
            if hasattr(out, "key_locs") and key in extra.key_locs:
                out.key_locs = dict(out.key_locs, **{key: extra.key_locs[key]})
                out.value_locs = dict(out.value_locs,
                                      **{key: extra.value_locs[key]})
        return out
    return extra


def guideline(text: str, path: str):
    return read_guideline(load_yaml(text, path), path)


def findings(text: str, select=None, base: bool = True,
             path="guidelines/next.yaml", others=None, over=BASE):
    """Findings of the selected rules on ``text`` laid over ``over``.

    ``others`` maps paths to the texts of the other guidelines in the
    workspace; by default PREVIOUS and OLDER.  The committed versions
    (baselines) are BASELINE (PREVIOUS with a flag) for 2026.06 and BASE
    itself for the draft.
    """
    tree = load_yaml(text, path)
    if base:
        tree = merge(load_yaml(over, path), tree)
    g = read_guideline(tree, path)
    if others is None:
        others = {"guidelines/2026.06.yaml": PREVIOUS,
                  "guidelines/2025.12.yaml": OLDER}
    space = Workspace([g] + [guideline(t, p) for p, t in others.items()],
                      None, [guideline(BASELINE, "2026.06.json"),
                             guideline(BASE, "next.json")])
    doc = Document(path, tree, g, text=text, workspace=space, repo=REPO)
    return run(doc, select)


def codes(text: str, select=None, **kwargs):
    return [(f.line, f.col, f.code) for f in findings(text, select, **kwargs)
            if f.suppressed is None]
