"""``interop testlist`` against an independent reading of RefStack.

The reference below is written from RefStack's documented behaviour (its
API documentation and guideline handling): targets pick components,
types pick statuses, tests print as ``name[id]`` (1.2: the bare name),
aliases carry the test's id, flagged tests drop out without flags, and
the list is sorted.  Every target/type/alias/flag combination of every
corpus guideline is compared.
"""
import itertools
import json
import os

import pytest

from interop import cli
from interop.refstack import testlist as refstack
from interop.refstack.testlist import targets
from interop.tests.conftest import CORPUS, corpus_files

BASE_PLATFORMS = {"platform": "OpenStack Powered Platform",
                  "compute": "OpenStack Powered Compute",
                  "object": "OpenStack Powered Storage"}


def reference(doc, target, types, alias, flag):
    """A second, plain implementation of RefStack's test list."""
    new = "metadata" in doc
    if new and target in ("dns", "orchestration"):
        names = ["os_powered_" + target]
    elif new:
        platform = doc["platforms"].get(BASE_PLATFORMS[target], {})
        names = [c["name"] for c in platform.get("components", [])]
    elif target == "platform":
        names = doc["platform"]["required"]
    else:
        names = [target]
    caps = set()
    for name in names:
        lists = doc["components"][name]
        lists = lists["capabilities"] if new else lists
        for status in types:
            caps.update(lists.get(status, []))
    out = []
    for cap, body in doc["capabilities"].items():
        if cap not in caps:  # a listed capability that is not defined
            continue         # is passed over, as RefStack does
        if isinstance(body["tests"], list):
            out += [t for t in body["tests"]
                    if flag or t not in body.get("flagged", [])]
            continue
        for test, details in body["tests"].items():
            if details.get("flagged") and not flag:
                continue
            uid = details.get("idempotent_id", "")
            out.append(f"{test}[{uid}]")
            if alias:
                out += [f"{a}[{uid}]" for a in details.get("aliases", [])]
    return sorted(out)


TYPE_SETS = [("required",), ("advisory",), ("required", "advisory"),
             ("deprecated", "removed"),
             ("required", "advisory", "deprecated", "removed")]
FILES = [p for p in corpus_files() if "verticals" not in p]


@pytest.mark.parametrize("path", FILES, ids=os.path.basename)
def test_every_combination_matches_the_reference(corpus, path):
    with open(path) as handle:
        doc = json.load(handle)
    offered = targets(doc)
    assert offered, "every corpus guideline offers a target"
    for target, types, alias, flag in itertools.product(
            offered, TYPE_SETS, (True, False), (True, False)):
        assert refstack.test_list(doc, target, types, alias,
                                  flag) == reference(
            doc, target, types, alias, flag), (target, types, alias, flag)


def test_targets_follow_the_program(corpus):
    def load(name):
        with open(os.path.join(CORPUS, name)) as handle:
            return json.load(handle)
    assert targets(load("2019.06.json")) == ["platform", "compute", "object"]
    assert targets(load("2015.03.json")) == ["platform", "compute", "object"]
    assert targets(load("add-ons/dns.2019.06.json")) == ["dns"]
    assert targets(load("verticals/nfv.next.json")) == ["nfv"]


def test_cli_prints_one_test_a_line(corpus, capsys):
    path = os.path.join(CORPUS, "2019.06.json")
    assert cli.main(["testlist", path, "--target", "object", "--type",
                     "required", "--alias", "false", "--flag",
                     "false"]) == 0
    lines = capsys.readouterr().out.splitlines()
    with open(path) as handle:
        doc = json.load(handle)
    assert lines == reference(doc, "object", ("required",), False, False)
    assert all(line.endswith("]") and "[id-" in line for line in lines)


def test_cli_on_a_source(root, capsys):
    assert cli.main(["testlist", os.path.join(root, "guidelines",
                                              "next.yaml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and lines == sorted(lines)


def test_unknown_target_and_type(corpus, capsys):
    path = os.path.join(CORPUS, "2019.06.json")
    assert cli.main(["testlist", path, "--target", "dns"]) == 2
    assert "offers platform, compute, object" in capsys.readouterr().err
    assert cli.main(["testlist", path, "--type", "requird"]) == 2
    assert "unknown type requird" in capsys.readouterr().err
