"""``interop tests lock`` and ``interop check`` on a copy of the
repository: a locked test whose code differs is suspect until a review is
recorded; the committed locks match the installed pinned tests."""
import json
import os
import shutil

import pytest

from interop import cli
from interop.tempest import index as tempest
from interop.tempest.fingerprint import of_test
from interop.load.lock import read_lock
from interop.tempest.locking import site_sources
from interop.tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    site_sources() is None,
    reason="Tempest is not installed (pip install -e '.[tempest]')")
PROGRAMS = ("powered", "dns", "orchestration", "key-manager", "nfv")


@pytest.mark.parametrize("program", PROGRAMS)
def test_the_committed_locks_match_the_installed_tests(program):
    lock = read_lock(ROOT, program)
    assert lock is not None, f"run: interop tests lock {program}"
    sources = site_sources()
    stale = [name for name, locked in lock.tests.items()
             if name.split(".", 1)[0] in sources.packages and
             lock.suspect(name, of_test(sources, name).fingerprint)]
    assert stale == [], "review them, then: interop tests lock --accept"


@pytest.fixture
def copy(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    for part in ("guidelines", "add-ons", "verticals", "criteria"):
        shutil.copytree(os.path.join(ROOT, part), root / part)
    # the credentials come from the index; none are needed here
    monkeypatch.setattr(tempest, "load", lambda *a, **k: tempest.TestIndex(
        {}, []))
    return root


def _stale(root, program, name):
    path = root / "criteria" / "locks" / f"{program}.json"
    data = json.loads(path.read_text())
    data["tests"][name]["fingerprint"] = "sha256:" + "0" * 64
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


def test_suspect_then_accepted_then_refreshed(copy, capsys):
    root = str(copy)
    name = sorted(read_lock(root, "key-manager").tests)[0]
    _stale(copy, "key-manager", name)
    assert cli.main(["check", "--repo", root, "--select", "V01"]) == 1
    assert "V010" in capsys.readouterr().out
    assert cli.main(["tests", "lock", "--repo", root, "--accept", name,
                     "--reason", "only a wait changed", "--by",
                     "an editor"]) == 0
    accepted = read_lock(root, "key-manager").accepted[name]
    assert (accepted.reason, accepted.by) == ("only a wait changed",
                                              "an editor")
    capsys.readouterr()
    assert cli.main(["check", "--repo", root, "--select", "V01"]) == 0
    # relocking keeps the review; refreshing locks the code anew
    assert cli.main(["tests", "lock", "key-manager", "--repo", root]) == 0
    assert name in read_lock(root, "key-manager").accepted
    assert cli.main(["tests", "lock", "key-manager", "--refresh",
                     "--repo", root]) == 0
    fresh = read_lock(root, "key-manager")
    assert fresh.accepted == {} and not fresh.tests[name].fingerprint.endswith(
        "0" * 8)


def test_accept_without_a_reason_is_refused(copy, capsys):
    root = str(copy)
    name = sorted(read_lock(root, "dns").tests)[0]
    _stale(copy, "dns", name)
    assert cli.main(["tests", "lock", "--repo", root, "--accept",
                     name]) == 2
    assert "--reason" in capsys.readouterr().err
