"""The repository's own example submissions (products/powered/2020.06/):
their evidence is what tools/make_evidence.py writes, and they are judged
and listed as the docs say, with "today" frozen."""
import os
import runpy

import pytest

from interop.refstack import certify, listing
from interop.refstack.evidence import subunit_bytes
from interop.repository import Repository
from interop.tests.conftest import ROOT

FOLDER = os.path.join(ROOT, "products", "powered", "2020.06")
SCRIPT = os.path.join(ROOT, "tools", "make_evidence.py")


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("INTEROP_TODAY", "2026-12-01")


def test_the_committed_evidence_is_what_the_script_writes():
    script = runpy.run_path(SCRIPT)
    tests = script["required"](Repository(ROOT))
    for name, left in script["LEFT_OUT"].items():
        failed = [t for t in tests if t.split("[")[0] == left]
        passed = [t for t in tests if t not in failed]
        expected = subunit_bytes(passed, failed if name == "example-cloud"
                                 else [], script["STARTED"][name])
        with open(os.path.join(FOLDER, name, "results.subunit"),
                  "rb") as handle:
            assert handle.read() == expected, (
                f"{name}: run python tools/make_evidence.py")


def test_one_example_is_verified_with_its_waiver(today):
    found = certify.certify(Repository(ROOT),
                            os.path.join(FOLDER, "example-cloud"))
    assert found.labels == ["tests-verified-2020.06", "waiver-applied"]
    assert found.waived == ["tempest.api.compute.servers.test_create_server"
                            ".ServersTestJSON.test_list_servers"]


def test_the_other_misses_a_test(today):
    found = certify.certify(Repository(ROOT),
                            os.path.join(FOLDER, "example-distro"))
    assert found.labels == ["required-tests-missing"]
    assert found.missing == ["tempest.api.identity.v3.test_tokens"
                             ".TokensV3Test.test_create_token"]


def test_both_are_listed_with_their_lapse_dates(today):
    rows = {r["submission"]: r for r in listing.report(Repository(ROOT))}
    assert set(rows) >= {"powered/2020.06/example-cloud",
                         "powered/2020.06/example-distro"}
    cloud = rows["powered/2020.06/example-cloud"]
    # 2020.06 is the last approved Powered guideline: nothing pushes it
    # out yet
    assert cloud["lapses"] == "until the second next approval"
    assert cloud["valid"] is True and len(cloud["waivers"]) == 1
    assert rows["powered/2020.06/example-distro"]["valid"] is False


def test_the_waiver_ends(monkeypatch):
    monkeypatch.setenv("INTEROP_TODAY", "2028-01-01")
    found = certify.certify(Repository(ROOT),
                            os.path.join(FOLDER, "example-cloud"))
    assert found.labels == ["required-tests-missing"]


def test_an_add_on_is_judged_with_the_powered_baseline_it_requires():
    repo = Repository(ROOT)
    dns = certify.guideline_of(repo, "dns", "2020.06")
    doc, others = certify.published(repo, dns)
    assert "2020.06.json" in others  # only a baseline holds it
    from interop.refstack.results import Results
    passed = Results(frozenset(), frozenset(), "list", 0)
    missing = certify.judged(doc, passed, "dns", others)
    # the required Powered component is judged, not unknown
    assert not any("is not beside this one" in how
                   for how in missing.values())
