"""The Board packet of the repository's own Powered draft: what changed
since 2020.06, whose baseline the repository holds."""
import os
import re

import pytest

from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from interop.docs.decision import packet_page
from interop.repository import Repository
from interop.tests.conftest import ROOT


def test_powered_packet_lists_the_changes_since_2020_06():
    parts, depends = packet_page(Repository(ROOT),
                                 os.path.join("guidelines", "next.yaml"))
    [why] = [p.astext() for p in parts
             if p.astext().startswith("What changed, and why")]
    assert "Since 2020.06, the last approved guideline (the published " \
        "original: https://opendev.org/openstack/interop/raw/branch/" \
        "master/2020.06.json):" in why
    # each group is folded under its heading (interop.docs.fold)
    headings = re.findall(r"<summary>([^<(]+) \(\d+\)</summary>", why)
    for heading in ("Guideline", "Newly advisory", "Deprecated",
                    "Tests added", "Flags", "Scores that moved"):
        assert heading in headings, heading
    assert "replaces: 2020.06 (was 2019.11)" in why
    assert "capability images-v2-index deprecated (was required)" in why
    assert "None" not in why and "everything is new" not in why
    assert os.path.join(ROOT, "guidelines", "baseline", "2020.06.yaml") \
        in depends


def test_the_index_lists_the_approved_guidelines_of_the_baselines():
    from interop.docs.board import index_rows
    rows = index_rows(Repository(ROOT))
    powered = [(g.id, g.status) for _, g in rows["OpenStack Powered"]]
    assert powered == [("next", "draft"), ("2020.06", "approved"),
                       ("2019.11", "approved")]


def test_a_superseded_guideline_gets_a_compact_page(tmp_path):
    """History is kept short: a superseded guideline's page counts its
    tests per capability and points to the published list, instead of
    listing every test, its sections and its scores."""
    from docutils import nodes

    from interop.docs.board import guideline_page
    from interop.repository import Repository
    from interop.tests.docs.sample import make_sample
    root = make_sample(tmp_path)
    path = root / "guidelines" / "2026.06.yaml"
    path.write_text(path.read_text().replace("status: approved",
                                             "status: superseded"))
    parts, _ = guideline_page(Repository(str(root)),
                              "guidelines/2026.06.yaml")
    titles = [p[0].astext() for p in parts if isinstance(p, nodes.section)]
    assert "Tests" in titles
    assert "Designated sections" not in titles and "Scores" not in titles
    tests = next(p for p in parts if isinstance(p, nodes.section)
                 and p[0].astext() == "Tests")
    text = tests.astext()
    assert "interop testlist" in text and "compute-servers-create" in text
    assert "test_list_servers" not in text  # counted, not listed
