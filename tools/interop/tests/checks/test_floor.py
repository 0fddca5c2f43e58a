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
