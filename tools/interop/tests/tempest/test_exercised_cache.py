"""``tests verify`` reads what a test's templates use (K003/K004) from the
fingerprints kept in the user's cache: the same as reading the code, and
nothing read again on a warm run.  Counted."""
from interop.tempest import locking
from interop.tempest.kinds import kind_findings
from interop.tempest.reach import Sources
from interop.tempest.templates import exercised
from interop.tests.tempest.test_fingerprint import NAME
from interop.tests.tempest.test_fingerprint import site  # noqa: F401
from interop.tests.tempest.test_locking import _Doc, _guideline


def _doc(types):
    g = _guideline(NAME)
    cap = g.capabilities["fake-cap"]
    cap.kind, cap.resource_types = "template-resource", types
    return _Doc(g)


def test_the_cached_reading_is_the_reading(site, tmp_path,  # noqa: F811
                                           monkeypatch):
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "cache"))
    sources = Sources(str(site), {"fakeplugin"})
    direct = exercised(sources, NAME)
    assert direct.types                     # the fixture's templates
    cached = locking.exercised_of(sources, NAME)
    assert (sorted(cached.reads), cached.types) == \
        (sorted(direct.reads), direct.types)
    assert locking.exercised_of(sources, "fakeplugin.no.Such.test_x") \
        == exercised(sources, "fakeplugin.no.Such.test_x")
    for types in (["OS::Nova::Server", "OS::Trove::Instance"],
                  ["OS::Trove::Instance"]):
        assert kind_findings(_doc(types), sources, locking.exercised_of) \
            == kind_findings(_doc(types), sources)


def test_a_warm_run_reads_no_code(site, tmp_path,  # noqa: F811
                                  monkeypatch):
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "cache"))
    first = Sources(str(site), {"fakeplugin"})
    locking.exercised_of(first, NAME)
    locking.save_prints(first)
    made = []
    real = locking.of_test
    monkeypatch.setattr(locking, "of_test",
                        lambda *a: made.append(a[1]) or real(*a))
    again = Sources(str(site), {"fakeplugin"})   # a new process's
    assert locking.exercised_of(again, NAME).types == \
        exercised(first, NAME).types
    assert made == []
