"""``interop check`` at the floor: the same bytes as the reference path,
and no work a run of published files does not need.

The reference path stays in the package: ``schema.validate_slowly`` is
jsonschema alone, as every check ran before the one-walk validator of
:mod:`interop.publish.schemawalk`.  The whole corpus's output (text and
JSON, every finding, info included) must be byte for byte the same either
way, on one core and on several.  What the command imports is counted
rather than timed: a check of published files outside git needs neither
GitPython, nor jsonschema, nor PyYAML.
"""
import dataclasses
import os
import subprocess
import sys

import pytest

from interop.checks import check_files
from interop.checks.formatters import FORMATTERS
from interop.publish import schema, schemawalk
from interop.tests.conftest import ROOT, corpus_files


def _output(paths, jobs):
    findings = check_files(paths, None, jobs=jobs)
    return (FORMATTERS["text"](findings, True),
            FORMATTERS["json"](findings, True))


def test_the_corpus_output_is_byte_identical_to_the_reference_path(
        corpus, monkeypatch):
    paths = corpus_files()
    walks = []
    real_walk = schemawalk.Walker.walk

    def counted(self, instance, sub, path):
        walks.append(path)
        return real_walk(self, instance, sub, path)

    monkeypatch.setattr(schemawalk.Walker, "walk", counted)
    fast = _output(paths, 1)
    assert walks, "the one-walk validator did not run"
    assert fast == _output(paths, 2)
    monkeypatch.setattr(schema, "validate", lambda tree, name:
                        [] if schema.passes(tree, name)
                        else schema.validate_slowly(tree, name))
    walks.clear()
    reference = _output(paths, 1)
    assert not walks
    assert fast == reference
    assert fast[0].count("\n") > 1000  # the whole corpus, info included


def test_both_schemas_are_walked_without_jsonschema():
    for name in (schema.PUBLISHED, schema.SOURCE):
        assert schemawalk.supported(schema.load(name)), name
    assert not schemawalk.supported({"type": "object", "oneOf": []})


def test_a_schema_with_an_unknown_keyword_falls_back(monkeypatch):
    monkeypatch.setattr(schema, "_walker", lambda name: None)
    tree = {"metadata": []}
    assert schema.validate(tree, schema.PUBLISHED) == \
        schema.validate_slowly(tree, schema.PUBLISHED)


def test_every_keyword_reports_as_jsonschema_does():
    """One broken value per keyword the walker checks, under a schema of
    our own, error for error against jsonschema."""
    import jsonschema
    sub = {"$defs": {"n": {"type": "integer", "minimum": 1,
                           "maximum": 3}},
           "type": "object", "required": ["a", "z"], "minProperties": 2,
           "propertyNames": {"pattern": "^[a-z]$"},
           "additionalProperties": False,
           "properties": {
               "a": {"type": ["string", "null"], "minLength": 2},
               "b": {"enum": [1, True]}, "c": {"const": [1]},
               "d": {"type": "array", "items": {"$ref": "#/$defs/n"},
                     "uniqueItems": True, "minItems": 3},
               "e": {"not": {"type": "string"}},
               "f": {"if": {"type": "string"}, "then": {"minLength": 3},
                     "else": {"allOf": [{"type": "boolean"}]}},
               "g": {"type": "object", "additionalProperties":
                     {"type": "string"}, "minProperties": 1},
               "h": {"type": "number"}, "i": {"pattern": "^x"}, "z": {}}}
    tree = {"a": "", "b": 1.0, "c": [True], "d": [0, 4, 0, 2.5, False],
            "e": "text", "f": 7, "g": {"k": 1}, "h": True, "i": "y",
            "Q": None}
    walker = schemawalk.Walker(sub, {})
    mine = [(kind, path, message) for kind, path, message, _, _
            in walker.walk(tree, sub, ())]
    theirs = [(str(e.validator), tuple(e.absolute_path), e.message)
              for e in jsonschema.Draft202012Validator(sub).iter_errors(
                  tree)
              if e.validator != "additionalProperties"]
    assert [m for m in mine if m[0] != "additionalProperties"] == theirs
    assert len(theirs) >= 14
    for other in ({"b": True}, {"b": 1}, {"d": [1, 2, 3]}, {"f": "abc"}):
        case = {"a": "aa", "z": 1, **other}
        assert list(walker.walk(case, sub, ())) == [], case


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_check_of_json_outside_git_imports_no_git_jsonschema_or_yaml(
        corpus, tmp_path, jobs):
    probe = ("import sys, io, contextlib\n"
             "from interop.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             f"    code = main(['check', '--jobs', '{jobs}', '--repo', '.']\n"
             "                + sys.argv[1:])\n"
             "print(code, 'git' in sys.modules, "
             "'jsonschema' in sys.modules, 'yaml' in sys.modules)\n")
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "tools"))
    done = subprocess.run([sys.executable, "-c", probe, *corpus_files()],
                          capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=True)
    assert done.stdout.split() == ["1", "False", "False", "False"]


def _info_placed(engine, before):
    from interop.checks import RULES
    return sum(n - before.get(code, 0) for code, n in engine.PLACED.items()
               if RULES[code].severity == "info")


def test_info_findings_only_counted_are_not_placed(corpus, capsys):
    """The text format without --show-info counts info findings: none of
    the corpus's is placed then, and the output and the count are what
    placing every finding gives."""
    from interop.checks import engine
    from interop.checks.formatters import report
    paths = corpus_files()
    before = dict(engine.PLACED)
    placed = check_files(paths, None, jobs=1)
    assert _info_placed(engine, before) > 400  # the work there is to save
    report(placed, "text", len(paths))
    full = capsys.readouterr()
    before = dict(engine.PLACED)
    counted = check_files(paths, None, jobs=1, place_info=False)
    assert _info_placed(engine, before) == 0
    report(counted, "text", len(paths))
    assert capsys.readouterr() == full
    info = sum(1 for f in placed if f.severity == "info")
    assert info and f", {info} info not shown" in full.err
    assert [f for f in counted if f.severity != "info"] == \
        [f for f in placed if f.severity != "info"]


@pytest.mark.parametrize("asked, placed", [
    ([], False), (["--show-info"], True), (["--fail-on", "info"], True),
    (["--format", "json"], True), (["--format", "github"], True)])
def test_the_command_places_info_findings_only_when_shown(
        corpus, tmp_path, capsys, asked, placed):
    from interop.checks import engine
    from interop.cli import main
    before = dict(engine.PLACED)
    assert main(["check", "--jobs", "1", "--repo", str(tmp_path), *asked,
                 *corpus_files()[:12]]) == 1
    capsys.readouterr()
    assert (_info_placed(engine, before) > 0) is placed


def test_info_twins_are_placed_so_the_count_holds(monkeypatch):
    """Two info findings of one rule with one message, at two places of
    a published file, are two findings: placed, so that dedupe keeps
    both; a third at the same place as the second is one with it."""
    from interop import model as m
    from interop.checks import engine
    from interop.load.places import JsonPlaces
    text = '{"a": 1,\n "b": 2}\n'

    def twins(doc):
        yield engine.Problem("same", ("a",))
        yield engine.Problem("same", ("b",))
        yield engine.Problem("same", ("b",))
        yield engine.Problem("alone", ("b",))

    monkeypatch.setitem(engine.RULES, "Z999", engine.Rule(
        "Z999", engine.Severity("info"), "twins", twins))
    doc = engine.Document("g.json", {"a": 1, "b": 2}, m.Guideline(),
                          published=True, places=JsonPlaces(text))
    found = engine.run(doc, ["Z999"], frozenset({"Z999"}))
    assert [(f.message, f.line) for f in found] == [
        ("alone", 0), ("same", 1), ("same", 2)]
    assert engine.run(doc, ["Z999"]) == sorted(
        (f if f.line else dataclasses.replace(f, line=2, col=2)
         for f in found), key=engine.Finding.sort_key)
