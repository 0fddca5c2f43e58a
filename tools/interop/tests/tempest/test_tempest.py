"""The index of installed Tempest tests, and verifying guidelines with it.

These need Tempest and the pinned plugins (the ``tempest`` extra, which
the test environment installs); they skip, saying so, without them.
"""
import json
import os

import pytest

from interop import cli
from interop.checks import load_document
from interop.tempest import index as tempest
from interop.tempest.verify import verify_document
from interop.tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(
    not tempest.installed(),
    reason="Tempest is not installed (pip install -e '.[tempest]')")


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def index(cache):
    return tempest.load(cache)  # cold: discovery runs (a few seconds)


def test_index_lists_tests_with_ids_places_and_inherited_ones(index):
    assert index.packages["tempest"].version == "47.0.0"
    test = index.tests[
        "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON"
        ".test_get_flavor"]
    assert test.id == "1f12046b-753d-40d2-abb6-d8eb8b30cb2f"
    assert test.file.endswith("tempest/api/compute/flavors/test_flavors.py")
    assert test.line > 1
    # a test a subclass inherits: same id, the base class's place
    manual = [t for t in index.by_id["9a438d88-10c6-4bcd-8b5b-5b6e25e1346f"]]
    assert len(manual) >= 2
    assert len({t.file for t in manual}) == 1


def test_plugins_and_gabbi_tests_are_indexed(index):
    for package in ("designate_tempest_plugin", "heat_tempest_plugin",
                    "manila_tempest_tests", "octavia_tempest_plugin",
                    "barbican_tempest_plugin"):
        assert package in index.packages and not index.packages[
            package].error
    gabbi = [n for n in index.tests if ".test_heat_api." in n]
    assert gabbi and all(index.tests[n].id for n in gabbi[:5])


def _no_build(*args, **kwargs):
    raise AssertionError("the index was rebuilt")


def test_warm_index_comes_from_the_cache(cache, index, monkeypatch):
    monkeypatch.setattr(tempest, "build", _no_build)
    warm = tempest.load(cache)
    assert set(warm.tests) == set(index.tests)
    # the cache is keyed by the installed packages
    with open(os.path.join(cache, "test-index.json")) as handle:
        assert "tempest==47.0.0" in json.load(handle)["fingerprint"]


def _tiny(packages=None):
    return tempest.TestIndex({}, [tempest.IndexedTest("a.b.T.test_x", None,
                                                      "a")])


def test_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    (tmp_path / "test-index.json").write_text("{not json")
    monkeypatch.setattr(tempest, "build", _tiny)
    assert list(tempest.load(str(tmp_path)).tests) == ["a.b.T.test_x"]


def test_new_packages_invalidate_the_cache(cache, index, monkeypatch):
    real = tempest.installed()
    changed = dict(real)
    changed["tempest"] = tempest.Package("tempest", "tempest", "48.0.0")
    monkeypatch.setattr(tempest, "installed", lambda: changed)
    monkeypatch.setattr(tempest, "build", _tiny)
    assert list(tempest.load(cache).tests) == ["a.b.T.test_x"]


def test_repository_guidelines_verify_clean(root, index):
    from interop.repository import Repository
    repo = Repository(root)
    for path in repo.sources():
        doc = load_document(os.path.join(root, path), repo)
        found = verify_document(doc, index)
        # what is left is information: tests of two users (V009)
        assert [f for f in found if f.severity != "info"] == [], path
        assert {f.code for f in found} <= {"V009"}, path


def _codes(findings):
    return sorted({(f.code, f.message.split("'")[1]) for f in findings})


def test_renamed_missing_and_mismatched_tests(tmp_path, index):
    path = tmp_path / "next.yaml"
    flavors = "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON"
    path.write_text(f"""\
capabilities:
  c:
    tests:
      {flavors}.test_get_flavor_old:
        id-1f12046b-753d-40d2-abb6-d8eb8b30cb2f
      {flavors}.test_get_flavor:
        id-00000000-0000-4000-8000-000000000000
      tempest.api.compute.test_nothing.T.test_gone:
        id-00000000-0000-4000-8000-000000000001
      networking_bgpvpn_tempest.api.test_bgpvpn.T.test_x:
        id-00000000-0000-4000-8000-000000000002
""")
    found = verify_document(load_document(str(path)), index)
    assert _codes(found) == [
        ("V001", "tempest.api.compute.test_nothing.T.test_gone"),
        ("V002", "tempest.api.compute.flavors.test_flavors."
                 "FlavorsV2TestJSON.test_get_flavor_old"),
        ("V003", "tempest.api.compute.flavors.test_flavors."
                 "FlavorsV2TestJSON.test_get_flavor"),
        ("V005", "networking_bgpvpn_tempest"),
    ]
    assert [f.line for f in found if f.code == "V001"] == [8]


def test_corpus_guidelines_verify_without_crashing(corpus, index):
    counts = {}
    for name in ("2015.03.json", "2017.09.json", "2019.06.json",
                 "add-ons/dns.2019.06.json",
                 "add-ons/orchestration.2019.06.json",
                 "verticals/nfv.next.json"):
        doc = load_document(os.path.join(CORPUS, name))
        counts[name] = sorted(
            f.code for f in verify_document(doc, index))
    # 2019.06 names one test Tempest 47 no longer has, and one renamed;
    # 15 of its required tests need a second user (Swift's account and
    # ACL tests)
    assert counts["2019.06.json"] == ["V001", "V002"] + ["V009"] * 15
    # Designate renamed two tests since, and its base class now asks for
    # admin credentials, which the add-on's capabilities do not say
    assert counts["add-ons/dns.2019.06.json"] == \
        ["V002", "V002"] + ["V007"] * 10 + ["V008"] * 2
    # NFV's plugins are not installed
    assert counts["verticals/nfv.next.json"] == ["V005", "V005"]
    assert counts["2015.03.json"].count("V001") == 14


def test_cli_verify_exit_codes(root, capsys):
    assert cli.main(["tests", "verify", "--repo", root]) == 0
    assert cli.main(["tests", "index", "--repo", root]) == 0
    out = capsys.readouterr().out
    assert "tempest" in out and "47.0.0" in out
