"""``interop comply`` against RefStack's report page, written down.

RefStack's results page (refstack-ui's results report controller) builds,
for each capability of the target, the tests the run passed (by name, or
by one of the test's aliases) and those it did not, and marks a test
flagged when its entry has a ``flagged`` key (1.2: when the capability's
``flagged`` list names it).  A capability passes when every non-flagged
test passed; the target passes when every required capability does.  The
counts the page shows are of non-flagged required tests.

``page`` below is that rule, written independently of ``comply``; the
tests judge random runs of every corpus guideline both ways.
"""
import json
import os
import random

import pytest

from interop.errors import UsageError
from interop.refstack import comply
from interop.refstack import testlist as refstack
from interop.refstack.results import Results
from interop.tests.conftest import CORPUS, corpus_files

FILES = corpus_files()


def page(doc, target, names):
    """(target passed, failed required capabilities, non-flagged required
    tests, of them passed) as RefStack's page shows them."""
    failed, count, passed = set(), 0, 0
    for owner, cap in refstack.capabilities(doc, target, ("required",)):
        details = owner["capabilities"].get(cap)
        if not isinstance(details, dict):
            continue
        tests = details.get("tests") or {}
        if isinstance(tests, list):             # 1.2
            entries = [(t, [], t in (details.get("flagged") or []))
                       for t in tests]
        else:
            entries = [(t, d.get("aliases") or [], "flagged" in d)
                       for t, d in tests.items()]
        for name, aliases, flagged in entries:
            ok = name in names or any(a in names for a in aliases)
            if flagged:
                continue
            count += 1
            passed += ok
            if not ok:
                failed.add(cap)
    return not failed, failed, count, passed


def runs(doc, target, seed):
    """Random runs: some required tests passed by name, some by alias, a
    renamed one with the right id, and names of no guideline."""
    rng = random.Random(seed)
    names, ids = set(), set()
    for _cap, tests, _flagged in comply.required_tests(doc, target):
        for t in tests:
            roll = rng.random()
            if roll < 0.6:
                names.add(t.name)
            elif roll < 0.8 and t.aliases:
                names.add(rng.choice(t.aliases))
            elif roll < 0.9 and t.id:
                names.add(t.name + "_renamed")
                ids.add(t.id)
    names.add("tempest.api.unrelated.Test.test_nothing")
    if rng.random() < 0.2:  # now and then, a run that passes everything
        names |= {t.name for _c, tests, _f in
                  comply.required_tests(doc, target) for t in tests}
    return Results(frozenset(names), frozenset(ids), "list", len(names),
                   {i: frozenset({"renamed"}) for i in ids})


@pytest.mark.parametrize("path", FILES, ids=lambda p: os.path.relpath(
    p, CORPUS))
def test_comply_follows_the_page(corpus, path):
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    for target in refstack.targets(doc):
        try:
            refstack.capabilities(doc, target)
        except UsageError:  # a component from a guideline not given
            continue
        for seed in range(6):
            results = runs(doc, target, seed)
            ok, failed, count, passed = page(doc, target, results.names)
            [v] = comply.verdict(doc, results, target)
            assert (v.passed, {c.name for c in v.capabilities},
                    v.required, v.passed_tests) == (ok, failed, count,
                                                    passed), (target, seed)


def test_a_flagged_null_is_flagged_for_the_page():
    """The page asks whether the key is there, the API's list whether the
    value is true: comply follows the page, testlist the API."""
    doc = {"metadata": {"id": "2026.06", "schema": "2.0"},
           "platforms": {"OpenStack Powered Compute": {
               "components": [{"name": "os_powered_compute"}]}},
           "components": {"os_powered_compute": {"capabilities": {
               "required": ["c"]}}},
           "capabilities": {"c": {"tests": {
               "a.T.test_one": {"idempotent_id": "id-1"},
               "a.T.test_two": {"idempotent_id": "id-2", "flagged": None}}}}}
    results = Results(frozenset({"a.T.test_one"}), frozenset(), "list", 1)
    [v] = comply.verdict(doc, results, "compute")
    assert v.passed and (v.required, v.flagged) == (1, 1)
    assert page(doc, "compute", results.names)[0]
    assert refstack.test_list(doc, "compute", flagged=False) == [
        "a.T.test_one[id-1]", "a.T.test_two[id-2]"]
