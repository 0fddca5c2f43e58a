"""SCS's certificate scope and verdict lines.

The scope is checked against SCS's documented keyword table (the keys of
``Tests/scs-compatible-iaas.yaml`` and what its loader accepts): no other
key anywhere, each value of its type, lifetime, section, target and
timeline status among the allowed ones."""
import datetime
import os

import pytest
import yaml

from interop.errors import LoadError
from interop.refstack import profiles, scs

TOP = {"uuid": str, "name": str, "url": str, "variables": list,
       "scripts": list, "modules": list, "versions": list,
       "timeline": list}
SCRIPT = {"executable": str, "args": str, "env": dict, "testcases": list}
TESTCASE = {"id": str, "description": str, "url": str, "lifetime": str,
            "section": str}
MODULE = {"id": str, "name": str, "url": str, "parameters": dict,
          "targets": dict}
VERSION = {"version": str, "stabilized_at": datetime.date, "include": list}
TIMELINE = {"date": datetime.date, "versions": dict}
LIFETIMES = {"day", "week", "month", "quarter", "year"}
SECTIONS = {"light", "medium", "heavy"}
TARGETS = {"main", "recommended", "preview"}
STATUSES = {"effective", "warn", "draft", "deprecated"}


def _keys(where, value, table, required=()):
    problems = []
    if not isinstance(value, dict):
        return [f"{where}: not a mapping"]
    for key, item in value.items():
        if key not in table:
            problems.append(f"{where}: unknown key {key!r}")
        elif not isinstance(item, table[key]):
            problems.append(f"{where}.{key}: not a {table[key].__name__}")
    problems += [f"{where}: {k} missing" for k in required if k not in value]
    return problems


def validate(doc):
    """Every way ``doc`` breaks SCS's keyword table (empty: none)."""
    out = _keys("scope", doc, TOP, ("uuid", "name", "url", "modules",
                                    "versions", "timeline"))
    if out:
        return out
    ids = set()
    for i, script in enumerate(doc.get("scripts", [])):
        out += _keys(f"scripts[{i}]", script, SCRIPT, ("executable",
                                                       "testcases"))
        for j, case in enumerate(script.get("testcases") or []):
            where = f"scripts[{i}].testcases[{j}]"
            out += _keys(where, case, TESTCASE, ("id",))
            ids.add(case.get("id"))
            if case.get("lifetime", "day") not in LIFETIMES:
                out.append(f"{where}: lifetime {case['lifetime']!r}")
            if case.get("section", "light") not in SECTIONS:
                out.append(f"{where}: section {case['section']!r}")
    modules = set()
    for i, module in enumerate(doc["modules"]):
        out += _keys(f"modules[{i}]", module, MODULE, ("id", "name"))
        modules.add(module.get("id"))
        for target, cases in (module.get("targets") or {}).items():
            if target not in TARGETS:
                out.append(f"modules[{i}]: target {target!r}")
            out += [f"modules[{i}]: no testcase {c!r}" for c in cases
                    if c not in ids]
    versions = set()
    for i, version in enumerate(doc["versions"]):
        out += _keys(f"versions[{i}]", version, VERSION, ("version",))
        versions.add(version.get("version"))
        out += [f"versions[{i}]: no module {m!r}"
                for m in version.get("include") or [] if m not in modules]
    for i, entry in enumerate(doc["timeline"]):
        out += _keys(f"timeline[{i}]", entry, TIMELINE, ("date",
                                                         "versions"))
        for name, status in (entry.get("versions") or {}).items():
            if name not in versions or status not in STATUSES:
                out.append(f"timeline[{i}]: {name}: {status}")
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
    (case,) = doc["scripts"][0]["testcases"]
    assert (case["lifetime"], case["section"], case["url"]) == (
        "week", "medium", "https://docs.example.org/demo.html")
    assert doc["versions"] == [{"version": "v1", "include": ["demo-v1"]}]
    assert doc["timeline"] == [{"date": datetime.date(2026, 12, 7),
                                "versions": {"v1": "draft"}}]


@pytest.mark.parametrize("spoil,expected", [
    (lambda d: d.update(tags=["x"]), "unknown key 'tags'"),
    (lambda d: d["scripts"][0]["testcases"][0].update(lifetime="decade"),
     "lifetime"),
    (lambda d: d["scripts"][0]["testcases"][0].update(section="huge"),
     "section"),
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
