"""W019 (required tests grow past the share criteria/process/growth.yaml
allows), W020 (tests added to a capability already required) and L014 (a
lifecycle change without its reason)."""
from interop.checks import growth
from interop.tests.checks.helpers import findings

EXTRA = ("              tempest.api.compute.servers.test_a.A.test_a: "
         "id-11111111-1111-4111-8111-111111111111\n")
GAINS = """\
capabilities:
  compute-servers-create:
    tests:
      tempest.api.compute.servers.test_create_server.ServersTestJSON\
.test_list_servers: id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f
      tempest.api.compute.servers.test_a.A.test_a: \
id-11111111-1111-4111-8111-111111111111
"""


def codes(text, wanted):
    return [(f.code, f.message) for f in findings(text, wanted)]


def test_growth_counts_distinct_required_tests_per_target():
    found = codes(GAINS, ["W019"])
    assert len(found) == 1
    assert "2 distinct required tests, 1 under 2026.06 (up 100%" in \
        found[0][1]


def test_threshold_read_from_the_process_folder(tmp_path):
    folder = tmp_path / "criteria" / "process"
    folder.mkdir(parents=True)
    (folder / "growth.yaml").write_text("required_tests_growth: 1.5\n")
    assert growth.threshold(str(tmp_path)) == 1.5
    (folder / "growth.yaml").write_text("required_tests_growth: lots\n")
    assert growth.threshold(str(tmp_path)) is None
    assert growth.threshold(str(tmp_path / "none")) == growth.DEFAULT_GROWTH


def test_project_threshold_is_a_share():
    from interop.tests.conftest import ROOT
    assert 0 < growth.threshold(ROOT) < 1


def test_tests_added_to_required_are_named():
    found = codes(GAINS, ["W020"])
    assert len(found) == 1 and "test_a.A.test_a" in found[0][1]


def test_no_growth_is_quiet():
    assert codes("metadata:\n  id: next\n", ["W019", "W020", "L014"]) == []


def test_change_without_reason_then_with_one():
    gained = GAINS
    assert [c for c, _ in codes(gained, ["L014"])] == ["L014"]
    said = gained.replace("  compute-servers-create:\n",
                          "  compute-servers-create:\n    why: Tempest "
                          "split the listing test.\n")
    assert codes(said, ["L014"]) == []
