"""The whole catalogue over the whole corpus: exact counts per file.

A regression in either direction fails: a rule that stops finding a real
defect, or starts reporting what is fine.  Each count was read and judged
(see the issue notes); the README's defect classes are tied to the rules
that find them in ``test_every_known_defect_class_is_found``.

The tables were read from the checker's own output and judged.  Where a
defect class can be counted from the published files by a plain reading
that shares nothing with the checker (a capability in no component, one
listed under two statuses, a test id that is a bare UUID), the count is
computed from the data and must equal the checker's, in every file
(``test_counts_agree_with_a_plain_reading_of_the_data``).
"""
import collections
import glob
import json
import os
import re

import pytest

from interop.checks import check_files
from interop.tests.conftest import CORPUS, CORPUS_REASON, corpus_files

EXPECTED = {
    "2015.03.json": {"F004": 9, "W002": 1},
    "2015.04.json": {"F004": 51, "R001": 3, "W002": 1, "W015": 4},
    "2015.05.json": {
        "F004": 33, "L001": 1, "R001": 3, "R002": 1, "W002": 1, "W015": 5,
    },
    "2015.07.json": {
        "F001": 5, "F004": 31, "L001": 48, "L002": 11, "W002": 1, "W015": 34,
    },
    "2016.01.json": {"F001": 5, "F004": 28, "T001": 29, "W004": 1, "W015": 12},
    "2016.08.json": {
        "F001": 4, "F004": 17, "F005": 2, "R001": 1, "W004": 4, "W015": 17,
    },
    "2017.01.json": {
        "F001": 4, "F004": 33, "F005": 2, "L001": 2, "L002": 2, "L009": 1,
        "R001": 2, "T001": 1, "T002": 1, "T003": 1, "T005": 5, "W004": 4,
        "W015": 15,
    },
    "2017.09.json": {
        "F001": 4, "F003": 1, "F004": 29, "F005": 2, "R001": 2, "T002": 2,
        "T005": 5, "W004": 4, "W015": 20,
    },
    "2018.02.json": {
        "C007": 2, "F001": 4, "F004": 20, "F005": 2, "L006": 69, "M002": 1,
        "R001": 2, "R003": 2, "S001": 77, "S003": 2, "T002": 3, "T003": 2,
        "T005": 6, "W004": 19, "W015": 22,
    },
    "2018.11.json": {
        "C007": 2, "F001": 4, "F004": 11, "F005": 2, "L006": 1, "R001": 1,
        "S001": 3, "S003": 3, "S004": 1, "T003": 2, "W004": 17, "W015": 37,
    },
    "2019.06.json": {
        "C007": 2, "F001": 4, "F004": 11, "F005": 2, "L006": 1, "R001": 1,
        "S001": 3, "S003": 3, "S004": 1, "T003": 2, "W004": 18, "W015": 40,
    },
    "add-ons/dns.2018.02.json": {"L006": 2, "M002": 1, "T004": 10},
    "add-ons/dns.2018.11.json": {"M004": 1, "T004": 10, "W015": 2},
    "add-ons/dns.2019.06.json": {"T004": 10, "W015": 2},
    "add-ons/orchestration.2018.02.json": {
        "L006": 16, "M001": 1, "M002": 1, "S004": 1, "T004": 60,
    },
    "add-ons/orchestration.2018.11.json": {
        "L006": 1, "S004": 1, "T004": 60, "W015": 16,
    },
    "add-ons/orchestration.2019.06.json": {
        "L006": 1, "S004": 1, "T004": 60, "W015": 23,
    },
    "verticals/nfv.next.json": {"C008": 1, "W014": 1},
}


#: the guidelines published after 2019.06 (the corpus's second folder),
#: checked in a run of their own with the 2019.06 folder's guidelines as
#: their history: the older folder holds its files as they were in 2019,
#: when 2018.11 was still one of the two approved guidelines
LATER = os.path.join(os.path.dirname(CORPUS), "openstack-interop-2020.06")
EXPECTED_LATER = {
    "2019.11.json": {
        "C007": 2, "F001": 4, "F004": 11, "F005": 2, "L006": 1, "R001": 1,
        "S001": 3, "S003": 3, "S004": 1, "T003": 2, "W004": 18, "W015": 43,
    },
    "2020.06.json": {
        "C007": 2, "F001": 4, "F004": 11, "F005": 2, "L006": 1, "R001": 1,
        "S001": 3, "S003": 3, "S004": 1, "T003": 2, "W004": 18, "W015": 43,
    },
    "add-ons/dns.2019.11.json": {"T004": 10, "W015": 2},
    "add-ons/dns.2020.06.json": {"T004": 10, "W015": 2},
    "add-ons/orchestration.2019.11.json": {
        "L006": 1, "S004": 1, "T004": 60, "W015": 23,
    },
    "add-ons/orchestration.2020.06.json": {
        "L006": 1, "S004": 1, "T004": 60, "W015": 23,
    },
}


def _count(findings, folder):
    found = collections.defaultdict(collections.Counter)
    for f in findings:
        rel = os.path.relpath(f.path, folder)
        if not rel.startswith(".."):
            found[rel][f.code] += 1
    return found


@pytest.fixture(scope="module")
def counts():
    if not os.path.isdir(CORPUS):
        pytest.skip(CORPUS_REASON)
    return _count(check_files(corpus_files()), CORPUS)


@pytest.fixture(scope="module")
def later_counts():
    if not os.path.isdir(LATER):
        pytest.skip("corpus folder openstack-interop-2020.06 not found")
    later = sorted(glob.glob(os.path.join(LATER, "*.json")) +
                   glob.glob(os.path.join(LATER, "add-ons", "*.json")))
    return _count(check_files(corpus_files() + later), LATER)


@pytest.mark.parametrize("name", sorted(EXPECTED_LATER))
def test_findings_per_later_file(later_counts, name):
    assert dict(later_counts[name]) == EXPECTED_LATER[name]


def test_no_later_file_is_missing_from_the_table(later_counts):
    assert set(later_counts) == set(EXPECTED_LATER)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_per_file(counts, name):
    assert dict(counts[name]) == EXPECTED[name]


def test_no_file_is_missing_from_the_table(counts):
    assert set(counts) == set(EXPECTED)


#: the corpus README's defect classes, and where the checker finds them
CLASSES = {
    "misspelt capability keys": ("2019.06.json", "S001"),
    "empty string in achievements": ("2019.06.json", "S004"),
    "1.x required-since in a 2.0 file": ("2018.02.json", "S001"),
    "capability in no component": ("2016.08.json", "R001"),
    "capability under two statuses": ("2015.05.json", "R002"),
    "required_since missing or empty": ("2019.06.json", "L006"),
    "one id under several names": ("2018.02.json", "T002"),
    "one test in two capabilities": ("2019.06.json", "T003"),
    "ids with stray suffixes": ("2016.01.json", "T001"),
    "add-on ids as bare UUIDs": ("add-ons/dns.2019.06.json", "T004"),
    "flag reasons in mixed forms or no code": ("2018.11.json", "F001"),
    "new guideline carrying flags": ("2017.09.json", "F003"),
    "id not matching the file name": (
        "add-ons/orchestration.2018.02.json", "M001"),
    "source pointing at another file": ("2018.02.json", "M002"),
    "replaces missing": ("add-ons/dns.2018.11.json", "M004"),
    "required without advisory first": ("2015.07.json", "L001"),
    "removed without deprecation first": ("2017.01.json", "L002"),
    "admin-only capability required in Powered": ("2019.06.json", "C007"),
    "vertical naming a component its base lacks": (
        "verticals/nfv.next.json", "C008"),
}


@pytest.mark.parametrize("defect", sorted(CLASSES))
def test_every_known_defect_class_is_found(counts, defect):
    name, code = CLASSES[defect]
    assert counts[os.path.join(*name.split("/"))][code] > 0


_BARE_UUID = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")


def _plain_reading(path):
    """Counts of three defect classes, read from a published file as a
    reader of the format would (1.x and 2.0), without the checker."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    statuses = collections.defaultdict(set)  # capability -> its statuses
    for component in (data.get("components") or {}).values():
        groups = component.get("capabilities", component)  # 2.0 / 1.x
        for status, names in groups.items():
            if isinstance(names, list):
                for name in names:
                    statuses[name].add(status)
    capabilities = data.get("capabilities") or {}
    tests = [test for body in capabilities.values()
             if isinstance(body.get("tests"), dict)  # 1.2: a list of names
             for test in body["tests"].values() if isinstance(test, dict)]
    bare = sum(1 for test in tests
               if _BARE_UUID.match(str(test.get("idempotent_id", ""))))
    return {"R001": sum(1 for n in capabilities if n not in statuses),
            "R002": sum(1 for s in statuses.values() if len(s) > 1),
            "T004": bare}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_counts_agree_with_a_plain_reading_of_the_data(counts, name):
    found = _plain_reading(os.path.join(CORPUS, name))
    assert {code: counts[name][code] for code in found} == found
    assert {code: EXPECTED[name].get(code, 0) for code in found} == found
