"""A scratch repository with submissions, for the certification tests.

Powered guidelines 2025.12 (Board 2025-12-10) and 2026.06 (Board
2026-06-10), both approved, and the draft: the checks' examples.  The
required test of 2026.06's compute target is :data:`TEST`.
"""
import datetime
import os

import yaml

from interop.refstack.evidence import write_subunit
from interop.tests.checks.helpers import BASE, OLDER, PREVIOUS
from interop.tests.conftest import copy_criteria

TEST = ("tempest.api.compute.servers.test_create_server.ServersTestJSON"
        ".test_list_servers")
TEST_ID = "9a438d88-10c6-4bcd-8b5b-5b6e25e1346f"
LISTED = f"{TEST}[id-{TEST_ID}]"
OTHER = "tempest.api.compute.flavors.FlavorsTest.test_other"

PRODUCT = {"vendor": "Acme", "product": "Cloud", "type": "public-cloud",
           "releases": ["2026.1"], "contact": "interop@acme.example",
           "url": "https://acme.example/", "target": "compute"}

WAIVER = {"products": ["acme-cloud"], "tests": [TEST],
          "reason": "https://bugs.example.org/42",
          "granted_by": {"by": "Interop Working Group",
                         "reference": "https://example.org/minutes/7"},
          "expires": "2026-09-30"}


def make_repo(root) -> str:
    root = str(root)
    copy_criteria(root)
    os.makedirs(os.path.join(root, "guidelines"))
    for name, text in (("2025.12", OLDER), ("2026.06", PREVIOUS),
                       ("next", BASE)):
        with open(os.path.join(root, "guidelines", f"{name}.yaml"),
                  "w") as out:
            out.write(text)
    return root


def approve_later(root, version: str, board: str) -> None:
    """Another approved guideline, voted by the Board on ``board``."""
    text = PREVIOUS.replace('"2026.06"', f'"{version}"').replace(
        "2026-06-10", board).replace("2026.06.json", f"{version}.json")
    with open(os.path.join(root, "guidelines", f"{version}.yaml"),
              "w") as out:
        out.write(text)


def submit(root, name="acme-cloud", guideline="2026.06", passed=(LISTED,),
           failed=(), day=datetime.datetime(2026, 7, 1,
                                            tzinfo=datetime.UTC),
           evidence=True, **fields) -> str:
    folder = os.path.join(str(root), "products", "powered", guideline, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "product.yaml"), "w") as out:
        yaml.safe_dump(dict(PRODUCT, **fields), out)
    if evidence:
        write_subunit(os.path.join(folder, "results.subunit"), passed,
                      failed, day)
    return folder


def waive(folder_or_guideline, **fields) -> str:
    path = os.path.join(str(folder_or_guideline), "waivers.yaml")
    with open(path, "w") as out:
        yaml.safe_dump({"waivers": [dict(WAIVER, **fields)]}, out)
    return path
