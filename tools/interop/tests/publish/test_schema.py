"""Schema validation: the compiled fast path answers as jsonschema does.

``schema.validate`` asks fastjsonschema's compiled functions first and lets
jsonschema walk only what fails; ``schema.validate_slowly`` is jsonschema
alone.  Every document here must get the same errors from both.
"""
import json
import marshal

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from interop.load.published import published_guideline
from interop.load.reader import read_guideline
from interop.load.source import load_yaml
from interop.publish import schema
from interop.publish.compiler import compile_guideline
from interop.repository import Repository
from interop.tests.checks.helpers import BASE, REPO
from interop.tests.conftest import ROOT, corpus_files
from interop.tests.test_fuzz import PROFILE, TREE_MUTATIONS, mutate_tree


def _same(tree, name):
    fast = schema.validate(tree, name)
    assert fast == schema.validate_slowly(tree, name)
    return fast


def test_repository_sources_and_their_compiled_form_agree():
    repo = Repository(ROOT)
    for rel in repo.sources():
        source = repo.load(rel)
        assert _same(source.tree, schema.SOURCE) == [], rel
        assert _same(compile_guideline(source.guideline, repo),
                     schema.PUBLISHED) == [], rel


def test_corpus_files_agree_error_for_error(corpus):
    errors = 0
    for path in corpus_files():
        with open(path, encoding="utf-8") as handle:
            tree = json.load(handle)
        if (tree.get("metadata") or {}).get("schema") == "2.0":
            errors += len(_same(tree, schema.PUBLISHED))
        mapping = compile_guideline(published_guideline(tree, path))
        errors += len(_same(mapping, schema.PUBLISHED))
    assert errors > 50  # the corpus's known defects, so both paths ran


def test_a_ref_with_sibling_keywords_keeps_them():
    """``components`` is a ``$ref`` beside ``minItems``: draft 7 would drop
    the ``minItems``; the compiled copy wraps the ``$ref`` in ``allOf``."""
    tree = json.loads(json.dumps(BASE_PUBLISHED))
    tree["platforms"]["OpenStack Powered Compute"]["components"] = []
    kinds = {e.kind for e in _same(tree, schema.PUBLISHED)}
    assert "minItems" in kinds


def test_compiled_code_is_cached_and_a_damaged_cache_is_replaced(
        tmp_path, monkeypatch):
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path))
    body = {"type": "object", "required": ["a"]}
    code = schema._compiled_code(body)
    cached = list(tmp_path.iterdir())
    assert len(cached) == 1
    assert schema._compiled_code(body).co_code == code.co_code
    # another schema's code under the same name (a checksum collision)
    cached[0].write_bytes(marshal.dumps(
        ("other", compile("def validate(x): pass", "x", "exec"))))
    namespace = {}
    exec(schema._compiled_code(body), namespace)
    with pytest.raises(Exception, match="must contain"):
        namespace["validate"]({})
    cached[0].write_bytes(b"\x00not marshal")
    namespace = {}
    exec(schema._compiled_code(body), namespace)
    assert list(tmp_path.iterdir()) == cached
    with pytest.raises(Exception, match="must contain"):
        namespace["validate"]({})


def test_an_unwritable_cache_is_passed_by(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("INTEROP_CACHE", str(blocker / "cache"))
    namespace = {}
    exec(schema._compiled_code({"type": "string"}), namespace)
    namespace["validate"]("text")


def _published_base():
    return compile_guideline(read_guideline(load_yaml(BASE),
                                            "guidelines/next.yaml"), REPO)


BASE_TREE = json.loads(json.dumps(load_yaml(BASE)))
BASE_PUBLISHED = _published_base()


@PROFILE
@given(mutations=st.lists(TREE_MUTATIONS, min_size=1, max_size=4),
       published=st.booleans())
def test_mutated_documents_agree(mutations, published):
    tree = json.loads(json.dumps(BASE_PUBLISHED if published else BASE_TREE))
    for mutation in mutations:
        tree = mutate_tree(tree, mutation)
    note(json.dumps(tree)[:2000])
    _same(tree, schema.PUBLISHED if published else schema.SOURCE)
