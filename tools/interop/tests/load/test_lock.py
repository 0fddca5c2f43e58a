"""The test lock's format: written deterministically, read back the same,
and refused with a located error when damaged."""
import json
import os

import pytest

from interop.errors import LoadError
from interop.load import lock as locks


def _lock() -> locks.Lock:
    return locks.Lock(
        "dns", {"tempest": "47.0.0", "designate-tempest-plugin": "0.1"},
        {"pkg.tests.T.test_b": locks.LockedTest(
            "8c7b1f0e-0000-4000-8000-000000000000", "pkg/tests/t.py", 12,
            ("primary", "admin"), "sha256:ab", ("pkg/x.yaml",)),
         "pkg.tests.T.test_a": locks.LockedTest(
             None, None, None, (), "sha256:cd")},
        {"pkg.tests.T.test_b": locks.Acceptance(
            "sha256:ef", "setup waits longer", "an editor", "2026-12-01")})


def test_written_sorted_and_read_back(tmp_path):
    root = str(tmp_path)
    lock = _lock()
    assert locks.write_lock(root, lock)
    text = (tmp_path / "criteria" / "locks" / "dns.json").read_text()
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data["tests"]) == sorted(data["tests"])
    assert data["tests"]["pkg.tests.T.test_b"]["credentials"] == [
        "admin", "primary"]
    assert not locks.write_lock(root, lock)  # same bytes: untouched
    again = locks.read_lock(root, "dns")
    assert again.text() == text
    assert again.accepted["pkg.tests.T.test_b"].by == "an editor"


def test_no_lock_is_none(tmp_path):
    assert locks.read_lock(str(tmp_path), "nfv") is None


def test_suspect_unless_accepted():
    lock = _lock()
    assert not lock.suspect("pkg.tests.T.test_a", "sha256:cd")
    assert lock.suspect("pkg.tests.T.test_a", "sha256:00")
    assert not lock.suspect("pkg.tests.T.test_b", "sha256:ef")
    assert lock.suspect("pkg.tests.T.test_b", "sha256:00")
    assert not lock.suspect("not.locked", "sha256:00")


@pytest.mark.parametrize("text, code, line", [
    ('{"program": "dns",\n "tests": [}', "E172", 2),
    ('{"program": "dns",\n "tests": {"t": {"fingerprint": 3}}}', "E173", 2),
    ('{"program": "nfv"}', "E173", 1),
    ('{"program": "dns",\n "extra": 1}', "E173", 2),
    ('[1]', "E173", 1),
    (b'\xff\xfe', "E172", 1),
])
def test_damaged_lock_is_a_located_error(tmp_path, text, code, line):
    folder = tmp_path / "criteria" / "locks"
    folder.mkdir(parents=True)
    data = text if isinstance(text, bytes) else text.encode()
    (folder / "dns.json").write_bytes(data)
    with pytest.raises(LoadError) as caught:
        locks.read_lock(str(tmp_path), "dns")
    finding = caught.value.finding
    assert (finding.code, finding.line) == (code, line)
    assert finding.path == os.path.join("criteria", "locks", "dns.json")
