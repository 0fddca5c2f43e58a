"""``refstack.runtime``: a guideline's tests resolved in an installed
suite handed in, here a stand-in, so no Tempest is needed."""
import os

import pytest

from interop.errors import LoadError
from interop.publish.layout import published_document
from interop.refstack import runlist
from interop.refstack.runtime import runtime_lines
from interop.tempest.listing import Listing
from interop.tests.conftest import ROOT

GUIDELINE = os.path.join(ROOT, "guidelines", "next.yaml")


class Suite:
    """Every wanted test installed; the admin ones are every third."""

    def __init__(self, tests, drop=0):
        lines = [f"{t.name}[id-{t.id}]" if t.id else t.name
                 for t in tests]
        self.lines = lines[drop:]
        self.admin = {line.split("[")[0] for line in lines[::3]}
        self.asked = 0

    def listing(self):
        return Listing(self.lines)

    def admin_of(self):
        self.asked += 1
        return lambda name: name in self.admin


@pytest.fixture(scope="module")
def guideline():
    doc, others = published_document(GUIDELINE)
    tests = runlist.wanted(doc, "compute", ("required",), False, others)
    return doc, others, tests


def test_every_test_resolves_and_the_admin_ones_are_left_out(guideline):
    doc, others, tests = guideline
    suite, warned = Suite(tests), []
    found = runtime_lines(doc, others, "compute", ("required",), False,
                          "any", "g.yaml", suite, warn=warned.append)
    assert len(found) == len(tests) and suite.asked == 0 and not warned
    kept = runtime_lines(doc, others, "compute", ("required",), False,
                         "non-admin", "g.yaml", suite, warn=warned.append)
    assert len(kept) == len(tests) - len(suite.admin)
    assert warned == [f"g.yaml: {len(suite.admin)} of {len(tests)} tests "
                      "need an admin role: left out"]


def test_a_test_the_suite_lacks_is_e200(guideline):
    doc, others, tests = guideline
    with pytest.raises(LoadError) as caught:
        runtime_lines(doc, others, "compute", ("required",), False, "any",
                      "g.yaml", Suite(tests, drop=1))
    assert caught.value.finding.code == "E200"
