"""Which guidelines a change can affect (what a release checks)."""
from interop.checks.workspace import affected
from interop.repository import Repository
from interop.tests.test_scale import scratch


def test_a_new_draft_affects_the_draft_and_the_approved(tmp_path):
    repo = scratch(tmp_path, 6, 1)
    assert affected(repo, {"guidelines/next.yaml",
                           "criteria/scoring/powered/next.yaml"}) == [
        "guidelines/2003.06.yaml", "guidelines/2003.12.yaml",
        "guidelines/next.yaml"]


def test_a_change_affects_the_rest_of_its_series(tmp_path):
    repo = scratch(tmp_path, 6, 1)
    assert affected(repo, {"guidelines/2002.06.json"}) == [
        "guidelines/2002.06.yaml", "guidelines/2002.12.yaml",
        "guidelines/2003.06.yaml", "guidelines/2003.12.yaml",
        "guidelines/next.yaml"]


def test_criteria_and_unknown_files_affect_everything(tmp_path):
    repo = scratch(tmp_path, 3, 1)
    assert affected(repo, {"criteria/core.yaml"}) is None
    assert affected(repo, {"doc/source/index.rst"}) is None
    assert affected(repo, {"guidelines/next.yaml", "README.rst"}) is None


def test_a_guideline_replacing_a_changed_one_is_affected(tmp_path):
    """``replaces`` may name a later guideline (M004 is quiet where no
    approved one comes before): its change reaches the one replacing it."""
    scratch(tmp_path, 4, 1)
    oldest = tmp_path / "guidelines" / "2001.06.yaml"
    oldest.write_text(oldest.read_text(encoding="utf-8").replace(
        '    releases: ["2026.1"]\n',
        '    releases: ["2026.1"]\n    replaces: "2002.06"\n'),
        encoding="utf-8")
    found = affected(Repository(str(tmp_path)), {"guidelines/2002.06.yaml"})
    assert "guidelines/2001.06.yaml" in found
    assert "guidelines/2001.12.yaml" not in found
