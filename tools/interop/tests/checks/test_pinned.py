"""A vertical that builds on a pinned Powered guideline (NFV on 2020.06, a
baseline of this repository) is held to that guideline everywhere: the C
rules, the combined test list and the page."""
import dataclasses
import os

from interop import cli
from interop.checks import Document, run
from interop.checks.workspace import Workspace, builds_on, powered_for
from interop.load.reader import read_guideline
from interop.load.source import load_yaml, read_text
from interop.repository import Repository
from interop.tests.conftest import ROOT

NFV = "verticals/nfv/next.yaml"
#: next's definition of a capability that 2020.06 defined with one test
NEXT_DEFINITION = """\
  compute-list-api-versions:
    project: nova
    admin: false
    description: Read the compute API's version document.
    tests:
      tempest.api.compute.test_versions.TestVersions.test_get_version_details: id-b953a29e-929c-4a8e-81be-ec3a7e03cb76
      tempest.api.compute.test_versions.TestVersions.test_list_api_versions: id-6c0a0990-43b6-4529-9b61-5fd8daf7c55c
"""  # noqa: E501


def _doc(pinned: str) -> Document:
    text = read_text(os.path.join(ROOT, NFV)).replace(
        "\ncapabilities:\n", "\ncapabilities:\n" + NEXT_DEFINITION, 1)
    text = text.replace('builds_on: "2020.06"', f"builds_on: {pinned}")
    tree = load_yaml(text, NFV)
    g = read_guideline(tree, NFV)
    repo = Repository(ROOT)
    return Document(NFV, tree, g, repo=repo, text=text,
                    workspace=Workspace([g], repo))


def test_the_vertical_names_the_pinned_guideline():
    doc = _doc('"2020.06"')
    assert builds_on(doc.guideline) == "2020.06"
    powered = powered_for(doc)
    assert powered is not None and powered.id == "2020.06"
    assert powered.file.endswith("guidelines/baseline/2020.06.yaml")


def test_a_conflict_with_the_pinned_guideline_and_not_with_next():
    against_pinned = [f for f in run(_doc('"2020.06"'), ["C003"])]
    assert [(f.code, "compute-list-api-versions" in f.message,
             "2020.06" in f.message) for f in against_pinned] == [
        ("C003", True, True)]
    assert run(_doc("next"), ["C003"]) == []


def test_the_combined_list_takes_powered_from_the_pinned_guideline(capsys):
    flavors = "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON"
    path = os.path.join(ROOT, "verticals", "guidelines", "nfv.next.json")
    assert cli.main(["testlist", path, "--target", "nfv"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("xtesting:functest/vping_ssh[")
               for line in listed)
    # 2020.06 required two flavor tests; next requires eleven
    assert len([n for n in listed if n.startswith(flavors)]) == 2


def test_an_overlay_that_changes_the_add_on_cutoff_is_not_add_on(tmp_path):
    from interop.checks.addons import _reads_add_on
    repo = Repository(ROOT)
    loose = dataclasses.replace(repo.criteria_sets["dns"], cutoff=50)

    class _Repo:
        criteria_sets = dict(repo.criteria_sets, loose=loose)

    class _Doc:
        pass
    doc = _Doc()
    doc.repo = _Repo()
    assert _reads_add_on(doc, "dns")
    assert not _reads_add_on(doc, "loose")
    assert not _reads_add_on(doc, "nfv")
