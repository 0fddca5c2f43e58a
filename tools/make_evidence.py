#!/usr/bin/env python3
"""Write the evidence of the repository's example submissions.

The two examples under ``products/powered/2020.06/`` are of our own
making: a run of every required test of the guideline's platform target
(``example-cloud``; one test failed, which its waiver excuses) and a run
that left one required test out (``example-distro``).  The streams are
subunit v2, written by python-subunit as ``tempest run --subunit``
writes them, with test ids as Tempest gives them (``name[id-<uuid>]``).

    python tools/make_evidence.py          # from the repository's top
"""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from interop.refstack import certify, comply  # noqa: E402
from interop.refstack.evidence import write_subunit  # noqa: E402
from interop.repository import Repository  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDER = os.path.join(ROOT, "products", "powered", "2020.06")
#: the test each example does not pass (the cloud's is waived)
LEFT_OUT = {
    "example-cloud": "tempest.api.compute.servers.test_create_server."
                     "ServersTestJSON.test_list_servers",
    "example-distro": "tempest.api.identity.v3.test_tokens.TokensV3Test."
                      "test_create_token",
}
STARTED = {
    "example-cloud": datetime.datetime(2020, 9, 14, 9, 30,
                                       tzinfo=datetime.UTC),
    "example-distro": datetime.datetime(2020, 10, 2, 14, 0,
                                        tzinfo=datetime.UTC),
}


def required(repo: Repository) -> list[str]:
    """Every required, non-flagged test of the platform target, as
    Tempest names it."""
    g = certify.guideline_of(repo, "powered", "2020.06")
    doc, others = certify.published(repo, g)
    tests = {t.listed for _, chosen, _ in
             comply.required_tests(doc, "platform", others)
             for t in chosen}
    return sorted(tests)


def main() -> int:
    repo = Repository(ROOT)
    tests = required(repo)
    for name, left in LEFT_OUT.items():
        failed = [t for t in tests if t.split("[")[0] == left]
        assert failed, f"{left} is not a required test of 2020.06"
        passed = [t for t in tests if t not in failed]
        # the cloud's run failed the test; the distribution's never ran it
        write_subunit(os.path.join(FOLDER, name, "results.subunit"), passed,
                      failed if name == "example-cloud" else [],
                      STARTED[name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
