"""Compiling: the published form, stable bytes, atomic writes, drift."""
import json
import os
import shutil

import pytest

from interop import cli
from interop.errors import LoadError
from interop.files import write_atomic
from interop.load.reader import read_guideline
from interop.load.source import load_yaml
from interop.publish.compiler import compile_guideline, dumps
from interop.publish.outputs import compile_sources
from interop.repository import Repository
from interop.tests.conftest import ROOT

SOURCE = """\
program: {kind: add-on, name: dns}
metadata:
  id: dns.next
  reference: https://example.org/schemas/guideline-2.0.json
  source: https://example.org/add-ons/dns.next.json
  scoring: add-on
  os_trademark_approval:
    status: draft
    target_approval: "2027.06"
    releases: ["2026.1"]
add-ons:
  DNS:
    components: [os_powered_dns]
    required_platform_components:
      - name: os_powered_compute
        source: https://example.org/next.json
components:
  os_powered_dns:
    capabilities: {required: [dns-zone-crud]}
capabilities:
  dns-zone-crud:
    project: designate
    admin: false
    description: Zones.
    achievements: [atomic]
    tests:
      a.b.C.test_zone: 9d2e20fc-e56f-4a62-9c61-9752a9ec615c
designated_sections: {}
test_repositories: {}
"""


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(os.path.join(ROOT, "criteria"), tmp_path / "criteria")
    (tmp_path / "add-ons" / "dns").mkdir(parents=True)
    (tmp_path / "add-ons" / "dns" / "next.yaml").write_text(SOURCE)
    return tmp_path


def test_short_forms_and_criteria_sets_are_expanded(repo):
    g = read_guideline(load_yaml(SOURCE), "add-ons/dns/next.yaml")
    doc = compile_guideline(g, Repository(str(repo)))
    assert doc["metadata"]["schema"] == "2.0"
    assert doc["metadata"]["scoring"]["cutoff_score"] == 60
    assert "foundation" not in doc["metadata"]["scoring"]["criteria"]
    assert doc["add-ons"]["DNS"]["components"] == [{"name": "os_powered_dns"}]
    assert doc["capabilities"]["dns-zone-crud"]["tests"] == {
        "a.b.C.test_zone": {
            "idempotent_id": "9d2e20fc-e56f-4a62-9c61-9752a9ec615c"}}
    assert list(doc) == ["metadata", "add-ons", "components", "capabilities",
                         "designated_sections", "test_repositories"]


def test_compile_writes_the_published_name_and_is_stable(repo):
    first = compile_sources(Repository(str(repo)))
    assert [(o.published, o.state) for o in first] == [
        (os.path.join("add-ons", "guidelines", "dns.next.json"), "written")]
    target = repo / "add-ons" / "guidelines" / "dns.next.json"
    before = target.read_bytes()
    mtime = os.stat(target).st_mtime_ns
    again = compile_sources(Repository(str(repo)))
    assert again[0].state == "unchanged"
    assert target.read_bytes() == before
    assert os.stat(target).st_mtime_ns == mtime  # not even rewritten
    assert before.endswith(b"}\n")


def test_check_names_a_stale_file_and_writes_nothing(repo, capsys):
    compile_sources(Repository(str(repo)))
    source = repo / "add-ons" / "dns" / "next.yaml"
    source.write_text(SOURCE.replace("Zones.", "DNS zones."))
    target = repo / "add-ons" / "guidelines" / "dns.next.json"
    before = target.read_bytes()
    code = cli.main(["compile", "--check", "--repo", str(repo)])
    out = capsys.readouterr().out
    assert code == 1
    assert "add-ons/guidelines/dns.next.json: differs" in out
    assert "interop compile" in out
    assert target.read_bytes() == before


def test_stdout_prints_one_source(repo, capsys):
    code = cli.main(["compile", "--stdout", "--repo", str(repo),
                     str(repo / "add-ons" / "dns" / "next.yaml")])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["metadata"]["id"] == "dns.next"


def test_a_bad_source_stops_compile_before_anything_is_written(repo, capsys):
    (repo / "guidelines").mkdir()
    (repo / "guidelines" / "next.yaml").write_text("a: 1\na: 2\n")
    code = cli.main(["compile", "--repo", str(repo)])
    err = capsys.readouterr().err
    assert code == 2
    assert "guidelines/next.yaml:2:1: E106" in err
    assert "Traceback" not in err
    assert not (repo / "add-ons" / "guidelines" / "dns.next.json").exists()


def test_unknown_criteria_set_is_a_located_error(repo, capsys):
    source = repo / "add-ons" / "dns" / "next.yaml"
    source.write_text(SOURCE.replace("scoring: add-on", "scoring: addon"))
    assert cli.main(["compile", "--repo", str(repo)]) == 2
    assert "E130 criteria set 'addon'" in capsys.readouterr().err


def test_a_file_that_is_not_a_guideline_is_not_replaced(repo, capsys):
    target = repo / "add-ons" / "guidelines" / "dns.next.json"
    target.parent.mkdir()
    target.write_text("my notes\n")
    # --force: the fixture's draft has error findings, which would stop
    # compile before it looks at the file it would replace
    assert cli.main(["compile", "--repo", str(repo), "--force"]) == 2
    assert target.read_text() == "my notes\n"


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "x.json"
    assert write_atomic(str(path), dumps({"a": 1}))
    assert not write_atomic(str(path), dumps({"a": 1}))
    assert os.listdir(tmp_path) == ["x.json"]


def test_source_outside_the_layout_needs_stdout(repo, capsys):
    loose = repo / "loose.yaml"
    loose.write_text(SOURCE)
    assert cli.main(["compile", "--repo", str(repo), str(loose)]) == 2
    assert "--stdout" in capsys.readouterr().err


def test_the_repository_is_in_sync():
    """The committed published JSON matches its sources (the drift check).

    On failure: run 'interop compile' and commit the result.
    """
    stale = [o for o in compile_sources(Repository(ROOT), check=True)
             if o.state != "unchanged"]
    assert stale == [], "run 'interop compile' and commit the result"


def test_load_error_has_no_traceback():
    with pytest.raises(LoadError):
        load_yaml("a: [", "x.yaml")


def test_a_source_that_is_not_a_mapping(repo, capsys):
    (repo / "add-ons" / "dns" / "next.yaml").write_text("- a\n- b\n")
    assert cli.main(["compile", "--repo", str(repo)]) == 2
    assert "E112" in capsys.readouterr().err


def test_own_published_files_validate_strictly_and_compatibly(root):
    """Our output passes the strict schema, and the published 2.0 schema
    that existing consumers may validate with (when the corpus is here)."""
    import jsonschema

    from interop.publish import schema
    from interop.tests.conftest import CORPUS
    repo = Repository(root)
    published = os.path.join(CORPUS, "doc", "source", "schema", "2.0.json")
    for source in repo.sources():
        with open(os.path.join(root, repo.published_path(source))) as handle:
            doc = json.load(handle)
        assert schema.validate(doc, schema.PUBLISHED) == [], source
        if os.path.exists(published):
            with open(published) as handle:
                old = json.load(handle)
            validator = jsonschema.validators.validator_for(old)(old)
            assert list(validator.iter_errors(doc)) == [], source


def test_required_since_is_derived_from_the_series(repo):
    dated = SOURCE.replace("dns.next", "dns.2026.06").replace(
        "status: draft", "status: approved").replace(
        '"2027.06"', '"2026.06"')
    (repo / "add-ons" / "dns" / "2026.06.yaml").write_text(dated)
    compile_sources(Repository(str(repo)))
    published = {v: json.loads((repo / "add-ons" / "guidelines" /
                                f"dns.{v}.json").read_text())
                 for v in ("2026.06", "next")}
    since = {v: d["capabilities"]["dns-zone-crud"]["required_since"]
             for v, d in published.items()}
    # required in 2026.06 (the first known) and still in next
    assert since == {"2026.06": "2026.06", "next": "2026.06"}


def test_required_since_written_or_not_derived_is_kept(repo):
    text = SOURCE.replace("    admin: false\n",
                          "    admin: false\n    required_since: '2020.01'\n")
    (repo / "add-ons" / "dns" / "next.yaml").write_text(text)
    compile_sources(Repository(str(repo)))
    doc = json.loads(
        (repo / "add-ons" / "guidelines" / "dns.next.json").read_text())
    assert doc["capabilities"]["dns-zone-crud"]["required_since"] == \
        "2020.01"
    (repo / "add-ons" / "dns" / "next.yaml").write_text(
        "derive: false\n" + SOURCE)
    compile_sources(Repository(str(repo)))
    doc = json.loads(
        (repo / "add-ons" / "guidelines" / "dns.next.json").read_text())
    assert "required_since" not in doc["capabilities"]["dns-zone-crud"]


def test_the_approval_chain_stays_in_the_source():
    """metadata.approvals is source-only: the published file RefStack reads
    is the same with or without it, and a published file that carries the
    key keeps it as written (an unknown key, lossless)."""
    from interop.load.published import published_guideline
    chain = ('  approvals:\n    - {by: project-team, team: designate, '
             'date: "2026-05-01", reference: https://example.org/p}\n')
    with_chain = SOURCE.replace("  os_trademark_approval:\n",
                                chain + "  os_trademark_approval:\n", 1)
    assert with_chain != SOURCE
    g = read_guideline(load_yaml(with_chain, "dns.yaml"), "dns.yaml")
    assert [r.team for r in g.metadata.approvals] == ["designate"]
    plain = read_guideline(load_yaml(SOURCE, "dns.yaml"), "dns.yaml")
    repo = Repository(ROOT)
    assert dumps(compile_guideline(g, repo)) == \
        dumps(compile_guideline(plain, repo))
    doc = json.loads(dumps(compile_guideline(plain, repo)))
    doc["metadata"]["approvals"] = [{"by": "board"}]
    back = published_guideline(doc, "add-ons/dns.next.json")
    assert back.metadata.approvals is None
    assert compile_guideline(back)["metadata"]["approvals"] == [
        {"by": "board"}]
