"""Shared helpers for rule tests: a valid base guideline and a runner."""
import copy

from interop.checks import Document, run
from interop.reader import read_guideline
from interop.source import load_yaml

BASE = """\
metadata:
  id: next
  reference: https://example.org/schemas/guideline-2.0.json
  source: https://example.org/next.json
  scoring: core
  os_trademark_approval:
    status: draft
    target_approval: "2027.06"
    releases: ["2026.1"]
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
    achievements: [atomic]
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


def findings(text: str, select=None, base: bool = True, path="next.yaml"):
    """Findings of the selected rules on ``text`` (laid over BASE)."""
    tree = load_yaml(text, path)
    if base:
        tree = merge(load_yaml(BASE, path), tree)
    doc = Document(path, tree, read_guideline(tree, path), text=text)
    return run(doc, select)


def codes(text: str, select=None, **kwargs):
    return [(f.line, f.col, f.code) for f in findings(text, select, **kwargs)
            if f.suppressed is None]
