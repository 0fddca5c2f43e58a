"""The lock of a program's tests: a change in a base class's setup makes a
listed test suspect (V010) until a review accepts it; a test the lock
lacks is V011."""
import dataclasses

import pytest

from interop import model as m
from interop.errors import Location
from interop.tempest import locking
from interop.load.lock import read_lock, write_lock
from interop.tempest.reach import Sources
from interop.tests.tempest.test_fingerprint import NAME, _edit
from interop.tests.tempest.test_fingerprint import site  # noqa: F401


@dataclasses.dataclass
class _Doc:
    guideline: m.Guideline
    path: str = "add-ons/fake/next.yaml"
    published: bool = False

    def loc(self, path, key=True):
        return Location(7, 3)


def _guideline(*names):
    tests = {n: m.Test(name=n) for n in names}
    cap = m.Capability(path=("capabilities", "fake-cap"), name="fake-cap",
                       tests=tests)
    return m.Guideline(program=m.Program(kind="add-on", name="fake"),
                       capabilities={"fake-cap": cap})


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """The fingerprints' cache of these tests stays in their folder."""
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def repo(tmp_path, site):  # noqa: F811
    sources = Sources(str(site), {"fakeplugin"})
    g = _guideline(NAME)
    lock = locking.make_lock("fake", locking.listed([g], "fake"), sources)
    root = tmp_path / "repo"
    root.mkdir()
    write_lock(str(root), lock)
    return str(root), sources, g


def _codes(repo):
    root, sources, g = repo
    return [(f.code, f.line) for f in locking.suspects(
        _Doc(g), Sources(sources.site, sources.packages), root)]


def test_locked_and_unchanged_is_quiet(repo):
    assert _codes(repo) == []
    assert list(read_lock(repo[0], "fake").tests) == [NAME]


def test_base_setup_change_makes_the_test_suspect(repo, site):  # noqa: F811
    _edit(site, "fakeplugin/base.py", 'self.sub_dir = "templates"',
          'self.sub_dir = "other"')
    assert _codes(repo) == [("V010", 7)]


def test_comment_change_keeps_it_quiet(repo, site):  # noqa: F811
    _edit(site, "fakeplugin/tests/test_server.py", "# the stack",
          "# reworded")
    assert _codes(repo) == []


def test_accepting_clears_it_until_the_next_change(repo, site):  # noqa
    root, sources, g = repo
    _edit(site, "fakeplugin/base.py", "return name", "return name.strip()")
    fresh = Sources(sources.site, sources.packages)
    lock = locking.accept(read_lock(root, "fake"), NAME, fresh,
                          "reviewed: same behaviour", "an editor")
    write_lock(root, lock)
    assert _codes(repo) == []
    assert read_lock(root, "fake").accepted[NAME].reason == \
        "reviewed: same behaviour"
    _edit(site, "fakeplugin/base.py", "return name.strip()", "return 0")
    assert _codes(repo) == [("V010", 7)]


def test_relocking_keeps_a_suspect_and_refresh_clears_it(repo, site):  # noqa
    root, sources, g = repo
    _edit(site, "fakeplugin/base.py", "return name", "return None")
    fresh = Sources(sources.site, sources.packages)
    tests = locking.listed([g], "fake")
    kept = locking.make_lock("fake", tests, fresh, old=read_lock(root,
                                                                 "fake"))
    write_lock(root, kept)
    assert _codes(repo) == [("V010", 7)]
    write_lock(root, locking.make_lock("fake", tests, fresh, refresh=True))
    assert _codes(repo) == []


def test_a_test_missing_from_the_lock(repo):
    root, sources, _ = repo
    g = _guideline(NAME, "fakeplugin.tests.test_server.ServerTest.test_new")
    found = locking.suspects(_Doc(g), sources, root)
    assert [f.code for f in found] == ["V011"]


def test_accept_needs_a_reason_and_a_locked_test(repo):
    root, sources, _ = repo
    lock = read_lock(root, "fake")
    with pytest.raises(Exception, match="reason"):
        locking.accept(lock, NAME, sources, " ", "x")
    with pytest.raises(Exception, match="not in the fake lock"):
        locking.accept(lock, "fakeplugin.x.Y.test_z", sources, "r", "x")
    with pytest.raises(Exception, match="nothing to accept"):
        locking.accept(lock, NAME, sources, "reviewed", "x")


def test_a_warm_run_reads_the_fingerprints_it_saved(repo, site,  # noqa
                                                    monkeypatch):
    """A second run with the same installed code fingerprints nothing (the
    user's cache holds them); a file changed in place is a new key, so
    its test is fingerprinted again and found suspect."""
    made = []
    real = locking.of_test
    monkeypatch.setattr(locking, "of_test",
                        lambda *a: made.append(a[1]) or real(*a))
    # the fixture's 'tests lock' fingerprinted the test and saved it
    assert _codes(repo) == []
    assert _codes(repo) == []
    assert made == []              # warm: read from the cache, twice
    _edit(site, "fakeplugin/base.py", "return name", "return None")
    assert _codes(repo) == [("V010", 7)]
    assert made == [NAME]          # the edit is a new key
