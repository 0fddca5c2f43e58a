"""SCS's certificate scope and verdict lines.

The scope is checked against SCS's keyword table: the keys its loader
(``Tests/scs_cert_lib.py``, ``KEYWORDS`` and ``load_spec``) accepts in
each part, checked the way it checks them (recursively, by the key a
part stands under), and the references it resolves (testcases, modules,
versions); then each value's type, and lifetime, section, target and
timeline status among the allowed ones."""
import datetime
import os

import pytest
import yaml

from interop.errors import LoadError
from interop.refstack import profiles, scs

#: the parts of a scope and the keys each may hold (SCS's table)
KEYWORDS = {
    "spec": ("uuid", "name", "url", "versions", "prerequisite", "variables",
             "scripts", "modules", "timeline"),
    "scripts": ("executable", "env", "args", "section", "testcases"),
    "versions": ("version", "include", "targets", "stabilized_at"),
    "modules": ("id", "targets", "url", "name", "parameters"),
    "testcases": ("lifetime", "id", "description", "url"),
    "include": ("ref", "parameters"),
}
TYPES = {"uuid": str, "name": str, "url": str, "variables": list,
         "scripts": list, "modules": list, "versions": list,
         "timeline": list, "executable": str, "args": str, "env": dict,
         "section": str, "testcases": list, "id": str, "description": str,
         "lifetime": str, "parameters": dict, "targets": dict,
         "version": str, "include": list, "stabilized_at": datetime.date,
         "date": datetime.date}
LIFETIMES = {"day", "week", "month", "quarter", "year"}
SECTIONS = {"light", "medium", "heavy"}
TARGETS = {"main", "recommended", "preview"}
STATUSES = {"effective", "warn", "draft", "deprecated"}


def _unknown(part, value):
    """SCS's keyword check: a part's keys, then each key's value as the
    part of that name (a part it has no table for is not looked into)."""
    valid = KEYWORDS.get(part)
    if valid is None:
        return []
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in _unknown(part, v)]
    if not isinstance(value, dict):
        return []
    out = [f"{part}: unknown key {k!r}" for k in value if k not in valid]
    return out + [p for k, v in value.items() for p in _unknown(k, v)]


def _types(value, where="scope"):
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            kind = TYPES.get(key)
            if key == "versions" and ".timeline[" in where:
                kind = dict  # a timeline entry's {version: status}
            if kind and not isinstance(item, kind):
                out.append(f"{where}.{key}: not a {kind.__name__}")
            out += _types(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _types(item, f"{where}[{i}]")
    return out


def validate(doc):
    """Every way ``doc`` breaks SCS's keyword table (empty: none)."""
    if not isinstance(doc, dict):
        return ["scope: not a mapping"]
    out = _unknown("spec", doc) + _types(doc)
    out += [f"scope: {k} missing" for k in ("uuid", "name", "url",
                                            "modules", "versions",
                                            "timeline") if k not in doc]
    if out:
        return out
    cases = {}
    for script in doc.get("scripts", []):
        if script.get("section", "light") not in SECTIONS:
            out.append(f"script: section {script['section']!r}")
        for case in script.get("testcases", []):
            if case.get("id") in cases:
                out.append(f"testcase {case.get('id')!r} twice")
            cases[case.get("id")] = case
            if case.get("lifetime", "week") not in LIFETIMES:
                out.append(f"testcase: lifetime {case['lifetime']!r}")
    modules = {m.get("id"): m for m in doc["modules"]}
    for module in doc["modules"]:
        for target, ids in (module.get("targets") or {}).items():
            if target not in TARGETS:
                out.append(f"module {module.get('id')}: target {target!r}")
            out += [f"module {module.get('id')}: no testcase {c!r}"
                    for c in ids if c not in cases]
        out += [f"module {module.get('id')}: {k} missing"
                for k in ("id", "name") if k not in module]
    versions = {v.get("version") for v in doc["versions"]}
    for version in doc["versions"]:
        out += [f"version {version.get('version')}: no module {m!r}"
                for m in version.get("include") or []
                if (m if isinstance(m, str) else m.get("ref"))
                not in modules]
    for entry in doc["timeline"]:
        if not isinstance(entry.get("date"), datetime.date):
            out.append(f"timeline: date {entry.get('date')!r}")
        for name, status in (entry.get("versions") or {}).items():
            if name not in versions or status not in STATUSES:
                out.append(f"timeline: {name}: {status}")
    return out


PROFILE = profiles.read(
    "profile: demo\nname: Demo\nguideline: g.yaml\ntarget: compute\n"
    "credentials: non-admin\nexclude:\n"
    "  - {test: a.T.test_a, reason: No., decision: 'https://e.org/1'}\n"
    "scs: {testcase: demo-tempest, lifetime: week, section: medium,\n"
    "      page: 'https://docs.example.org/demo.html'}\n",
    "consumers/demo.yaml")


def scope():
    doc = scs.scope(PROFILE, "2020.06", datetime.date(2026, 12, 7))
    # as SCS reads it: through YAML
    return yaml.safe_load(yaml.safe_dump(doc, sort_keys=False))


def test_the_scope_keeps_to_scss_keyword_table():
    doc = scope()
    assert validate(doc) == []
    assert doc["modules"][0]["targets"] == {"main": ["demo-tempest"]}
    (script,) = doc["scripts"]
    (case,) = script["testcases"]
    assert (case["lifetime"], script["section"], case["url"]) == (
        "week", "medium", "https://docs.example.org/demo.html")
    assert doc["versions"] == [{"version": "v1", "include": ["demo-v1"]}]
    assert doc["timeline"] == [{"date": datetime.date(2026, 12, 7),
                                "versions": {"v1": "draft"}}]


@pytest.mark.parametrize("spoil,expected", [
    (lambda d: d.update(tags=["x"]), "unknown key 'tags'"),
    (lambda d: d["scripts"][0]["testcases"][0].update(lifetime="decade"),
     "lifetime"),
    (lambda d: d["scripts"][0].update(section="huge"), "section"),
    # a testcase has no section: SCS's loader refuses it there
    (lambda d: d["scripts"][0]["testcases"][0].update(section="heavy"),
     "testcases: unknown key 'section'"),
    (lambda d: d["modules"][0]["targets"]["main"].append("nothing"),
     "no testcase 'nothing'"),
    (lambda d: d["versions"][0].update(include=["nothing"]),
     "no module 'nothing'"),
    (lambda d: d["scripts"][0].update(args=["a"]), "args: not a str"),
    (lambda d: d["modules"][0]["targets"].update(optional=[]), "target"),
    (lambda d: d["timeline"][0]["versions"].update(v1="final"), "final"),
    (lambda d: d["timeline"][0].update(date="2026-12-07"), "date"),
    (lambda d: d["modules"][0].pop("name"), "name missing"),
])
def test_the_validator_refuses_what_scs_refuses(spoil, expected):
    doc = scope()
    spoil(doc)
    assert any(expected in p for p in validate(doc))


def test_the_committed_scope_keeps_to_the_table(root):
    path = os.path.join(root, "consumers", "scs-0128", scs.SCOPE)
    with open(path, encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    assert validate(doc) == []
    (module,) = doc["modules"]
    assert module["targets"]["main"] == ["scs-0128-tempest-non-admin"]


@pytest.mark.parametrize("counts,word", [
    (scs.Counts(3), "PASS"),
    (scs.Counts(2, skipped=1), "PASS"),
    (scs.Counts(2, failed=1), "FAIL"),
    (scs.Counts(2, failed=1, missing=1), "ABORT"),
    (None, "ABORT"),
])
def test_verdict_lines(counts, word):
    line = scs.verdict("demo-tempest", counts)
    assert line == f"demo-tempest: {word}"
    assert line.rsplit(":", 1) == ["demo-tempest", f" {word}"]


def _stream(path, statuses):
    import subunit
    with open(path, "wb") as handle:
        out = subunit.StreamResultToBytes(handle)
        for test_id, status in statuses:
            out.status(test_id=test_id, test_status="inprogress")
            out.status(test_id=test_id, test_status=status)


def test_outcomes_of_a_subunit_run(tmp_path):
    lines = [f"p.T.test_{n}[id-{n}]" for n in "abcd"]
    path = str(tmp_path / "run.subunit")
    _stream(path, [(lines[0], "success"), (lines[1], "fail"),
                   (lines[2], "skip")])
    found = scs.counts(lines, scs.outcomes(path))
    assert found == scs.Counts(passed=1, failed=1, skipped=1, missing=1)
    assert found.text() == "1 passed, 1 failed, 1 skipped, 1 missing"


def test_an_unreadable_run_is_a_load_error(tmp_path):
    path = tmp_path / "run.subunit"
    path.write_bytes(b"\xb3\x29\x00")
    with pytest.raises(LoadError):
        scs.outcomes(str(path))


def test_the_runner_reports_through_comply():
    text = scs.runner(PROFILE)
    assert text.startswith("#!/bin/sh\n")
    assert "--load-list" in text and scs.LOAD_LIST in text
    assert "--profile \"$here/../demo.yaml\" \\\n    --format scs" in text
    # not exec'd: the shell stays to remove the stream (its EXIT trap)
    assert "exec " not in text and "trap 'rm -f" in text


def test_a_passes_only_run_counts_the_rest_missing(tmp_path):
    lines = [f"p.T.test_{n}[id-{n}]" for n in "abc"]
    path = tmp_path / "passed.txt"
    path.write_text("p.T.test_a\n")
    found = scs.counts(lines, scs.outcomes(str(path)))
    assert found == scs.Counts(passed=1, missing=2)
    assert scs.verdict("t", found) == "t: ABORT"
