"""Import then compile gives back every published guideline of the corpus.

2.0 files come back deep-equal, oddities included; 1.x files come back as
valid 2.0 keeping every capability, status, test, alias, flag and
designated section.
"""
import json
import os
import re

import jsonschema
import pytest

from interop.errors import LoadError
from interop.publish import schema
from interop.publish.outputs import compile_sources
from interop.repository import Repository
from interop.tests.conftest import CORPUS, CORPUS_REASON, corpus_files
from interop.workflow.importing import import_files

ALL = corpus_files()
V2 = [p for p in ALL if json.load(open(p)).get("metadata")]
V1 = [p for p in ALL if p not in V2]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    if not os.path.isdir(CORPUS):
        pytest.skip(CORPUS_REASON)
    out = tmp_path_factory.mktemp("repo")
    written = import_files(ALL, str(out))
    repo = Repository(str(out))
    compile_sources(repo)
    return out, {os.path.relpath(src, CORPUS): os.path.relpath(path, out)
                 for src, (path, _) in zip(ALL, written, strict=True)}


def _published(out, rel):
    """Where the compiled file of corpus file ``rel`` lands: the corpus
    keeps the layout published up to 2020.06 (``X.json``,
    ``add-ons/X.json``), the repository RefStack 2.1.0's (``guidelines/``,
    ``add-ons/guidelines/``)."""
    folder, name = os.path.split(rel)
    return os.path.join(out, folder, "guidelines", name)


@pytest.mark.parametrize("path", V2, ids=os.path.basename)
def test_v2_round_trip_is_deep_equal(imported, path):
    out, _ = imported
    rel = os.path.relpath(path, CORPUS)
    with open(path) as a, open(_published(out, rel)) as b:
        assert json.load(b) == json.load(a)


@pytest.mark.parametrize("path", V2, ids=os.path.basename)
def test_v2_round_trip_of_the_yaml_is_stable(imported, path):
    """Compiling twice gives the same bytes."""
    out, _ = imported
    repo = Repository(str(out))
    again = compile_sources(repo, check=True)
    assert {o.state for o in again} == {"unchanged"}


def _facts_1x(doc):
    """Every fact of a 1.x guideline the 2.0 output must keep."""
    facts = set()
    for comp, lists in doc["components"].items():
        for status, names in lists.items():
            facts.update(("cap", comp, status, n) for n in names)
    for name, cap in doc["capabilities"].items():
        tests = cap["tests"]
        flagged = set(cap.get("flagged") or [])
        if isinstance(tests, list):
            facts.update(("test", name, t, None, t in flagged) for t in tests)
            continue
        for t, body in tests.items():
            facts.add(("test", name, t, body.get("idempotent_id"),
                       "flagged" in body))
            facts.update(("alias", name, t, a)
                         for a in body.get("aliases", []))
            if "flagged" in body:
                facts.add(("flag", t, json.dumps(body["flagged"],
                                                 sort_keys=True)))
    for status, projects in doc["designated-sections"].items():
        for project, body in projects.items():
            for sec, sbody in dict(body.get("sections") or {}).items():
                facts.add(("section", status, project, sec,
                           sbody.get("designated")))
    return facts


def _facts_2x(doc, ids_known):
    facts = set()
    for comp, body in doc["components"].items():
        for status, names in body["capabilities"].items():
            facts.update(("cap", comp, status, n) for n in names)
    for name, cap in doc["capabilities"].items():
        for t, body in cap["tests"].items():
            facts.add(("test", name, t,
                       body.get("idempotent_id") if ids_known else None,
                       "flagged" in body))
            facts.update(("alias", name, t, a)
                         for a in body.get("aliases", []))
            if "flagged" in body and ids_known:
                facts.add(("flag", t, json.dumps(body["flagged"],
                                                 sort_keys=True)))
    for project, by_status in doc["designated_sections"].items():
        for status, body in by_status.items():
            for sec, sbody in body.get("sections", {}).items():
                facts.add(("section", status, project, sec,
                           sbody.get("designated")))
    return facts


@pytest.mark.parametrize("path", V1, ids=os.path.basename)
def test_v1_keeps_every_fact(imported, path):
    out, _ = imported
    rel = os.path.relpath(path, CORPUS)
    with open(path) as a, open(_published(out, rel)) as b:
        old, new = json.load(a), json.load(b)
    with_ids = old["schema"] != "1.2"
    assert _facts_2x(new, with_ids) == _facts_1x(old) if with_ids else \
        _facts_2x(new, False) == {
            f if f[0] != "test" else f[:3] + (None, f[4])
            for f in _facts_1x(old)}
    assert new["metadata"]["schema"] == "2.0"
    assert new["metadata"]["id"] == old["id"]


@pytest.mark.parametrize("path", V1, ids=os.path.basename)
def test_v1_compiles_to_valid_2_0(imported, path):
    """Valid against the published 2.0 schema; against the strict one, only
    the content's own defects remain (flag reasons, malformed ids, missing
    cutoff), never a key or a type the conversion got wrong."""
    out, _ = imported
    rel = os.path.relpath(path, CORPUS)
    with open(_published(out, rel)) as b:
        doc = json.load(b)
    with open(os.path.join(CORPUS, "doc", "source", "schema", "2.0.json")) \
            as handle:
        published = json.load(handle)
    validator = jsonschema.validators.validator_for(published)(published)
    assert [e.message for e in validator.iter_errors(doc)] == []
    strict = schema.validate(doc, schema.PUBLISHED)
    assert [e for e in strict if e.kind in ("additionalProperties", "type")
            ] == []
    # 1.2 tests that no later guideline names have no id to give them.
    missing = [e.path for e in strict if e.kind == "required"
               and "idempotent_id" in e.message]
    assert len(missing) == (1 if os.path.basename(path) in (
        "2015.03.json", "2015.04.json") else 0)


def test_import_writes_the_repository_layout(imported):
    _, where = imported
    assert where["2019.06.json"] == os.path.join("guidelines", "2019.06.yaml")
    assert where[os.path.join("add-ons", "dns.2019.06.json")] == \
        os.path.join("add-ons", "dns", "2019.06.yaml")
    assert where[os.path.join("verticals", "nfv.next.json")] == \
        os.path.join("verticals", "nfv", "next.yaml")


def test_v1_test_entries_that_are_not_names_are_kept_as_dropped(
        corpus, tmp_path):
    """A 1.2 test list holding something other than a name: 2.0 names
    tests by text, so the entry goes to ``imported.dropped`` by pointer."""
    with open(os.path.join(corpus, "2015.03.json"), encoding="utf-8") as f:
        doc = json.load(f)
    tests = doc["capabilities"]["compute-images"]["tests"]
    tests.insert(1, None)
    tests.append({"odd": 1})
    path = tmp_path / "2015.03.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    from interop.load.published import read_published
    g = read_published(str(path))
    dropped = g.imported["dropped"]
    assert dropped["/capabilities/compute-images/tests/1"] is None
    assert dropped[f"/capabilities/compute-images/tests/{len(tests) - 1}"] \
        == {"odd": 1}
    assert list(g.capabilities["compute-images"].tests) == [
        t for t in tests if isinstance(t, str)]


def test_v2_scoring_given_as_text_is_kept_not_taken_for_a_set_name(
        corpus, tmp_path):
    """2.0 writes the criteria out; text there is a defect (S002), which a
    source would read as the name of a criteria set.  The import keeps
    the text in ``imported.dropped`` and writes no ``scoring``."""
    with open(os.path.join(corpus, "2019.06.json"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["metadata"]["scoring"] = "core"
    path = tmp_path / "2019.06.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    from interop.checks import check_files
    from interop.load.published import read_published
    g = read_published(str(path))
    assert g.metadata.scoring is None
    assert g.imported["dropped"] == {"/metadata/scoring": "core"}
    assert "S002" in {f.code for f in check_files([str(path)])}
    (written, _), = import_files([str(path)], str(tmp_path / "out"))
    text = open(written, encoding="utf-8").read()
    assert not re.search(r"^\s*scoring:", text, re.M)
    assert "/metadata/scoring: core" in text


def test_v1_values_nested_deeper_once_converted_are_refused(
        corpus, tmp_path):
    """1.x ``criteria`` move two levels down in 2.0 (under
    ``metadata.scoring``): a value that fits in the file but not in the
    source is refused (E109) before anything is written."""
    with open(os.path.join(corpus, "2015.03.json"), encoding="utf-8") as f:
        doc = json.load(f)
    key = next(iter(doc["criteria"]))
    doc["criteria"][key]["weight"] = json.loads("[" * 60 + "]" * 60)
    path = tmp_path / "2015.03.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(LoadError) as info:
        import_files([str(path)], str(out))
    f = info.value.finding
    assert f.code == "E109" and "/metadata/scoring/criteria/" in f.message
    assert not out.exists()
