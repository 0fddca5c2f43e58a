"""A long series read once: what compiling one guideline asks of the
others (its required_since) comes from their outlines, kept in the
user's cache by the sources' bytes, and a second copy of a repository
(the parent revision a review exports) takes the sources the first read.

Counted, not timed: how many sources are parsed."""
import json
import shutil
import weakref

import pytest

from interop import repository
from interop.load.outlines import OutlineCache
from interop.publish.compiler import compile_guideline
from interop.publish.outputs import compile_sources
from interop.repository import Repository
from interop.tests.test_scale import counting, scratch


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    """A cache of its own and nothing read before: each test starts as a
    new process does."""
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(repository, "_OUTLINES", OutlineCache())
    monkeypatch.setattr(repository, "_READ", weakref.WeakValueDictionary())


def _new_process(monkeypatch):
    monkeypatch.setattr(repository, "_OUTLINES", OutlineCache())
    monkeypatch.setattr(repository, "_READ", weakref.WeakValueDictionary())


def derived(root, count, caps):
    """``scratch``'s series, every guideline deriving its required_since
    from the series (``derive: true``), compiled."""
    scratch(root, count, caps)
    for path in (root / "guidelines").glob("*.yaml"):
        path.write_text("derive: true\n" + path.read_text())
    compile_sources(Repository(str(root)))
    return Repository(str(root))


def _draft(repo):
    return repo.load("guidelines/next.yaml").guideline


def test_one_guideline_compiled_reads_the_series_from_the_cache(
        tmp_path, monkeypatch):
    repo = derived(tmp_path / "r", 12, 4)   # compiles all: fills the cache
    expected = compile_guideline(_draft(repo), repo)
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    fresh = Repository(repo.root)
    assert compile_guideline(_draft(fresh), fresh) == expected
    assert parsed[0] == 1                   # the draft, not the 13
    assert expected["capabilities"]["compute-cap-0"]["required_since"] \
        == "2001.06"
    # and the figures agree with the series the rules read
    g = _draft(fresh)
    series = fresh.series(g)
    for cap in g.capabilities:
        assert fresh.required_since(g, g.capabilities[cap]) == \
            series.required_since(g, cap)[0]


def test_without_the_cache_the_series_is_parsed(tmp_path, monkeypatch):
    """The guard above can fail: with no cache every source is parsed."""
    repo = derived(tmp_path / "r", 12, 4)
    shutil.rmtree(tmp_path / "cache")
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    fresh = Repository(repo.root)
    compile_guideline(_draft(fresh), fresh)
    assert parsed[0] == len(fresh.sources())


def test_a_damaged_or_stale_cache_is_not_believed(tmp_path, monkeypatch):
    repo = derived(tmp_path / "r", 6, 3)
    expected = compile_guideline(_draft(repo), repo)
    files = sorted((tmp_path / "cache" / "outlines").glob("*.json"))
    assert files
    stale = []
    # every outline says nothing is required: a stale format must not be
    # read, a damaged file neither
    for path in files:
        data = json.loads(path.read_text())
        if data["outline"]:
            data["outline"][2] = {}
        data["fingerprint"] = "outlines-0;0"
        stale.append(json.dumps(data))
    for texts in (stale, ["{not json"] * len(files)):
        for path, text in zip(files, texts, strict=True):
            path.write_text(text)
        _new_process(monkeypatch)
        fresh = Repository(repo.root)
        assert compile_guideline(_draft(fresh), fresh) == expected


def test_an_edited_source_is_outlined_anew(tmp_path, monkeypatch):
    """The cache is keyed by the bytes: an earlier guideline that stops
    requiring a capability changes the draft's required_since."""
    repo = derived(tmp_path / "r", 6, 3)
    before = compile_guideline(_draft(repo), repo)
    path = tmp_path / "r" / "guidelines" / "2002.12.yaml"
    text = path.read_text()
    path.write_text(text.replace(
        "required: [compute-cap-0, ", "required: [").replace(
        "advisory: []", "advisory: [compute-cap-0]", 1))
    _new_process(monkeypatch)
    fresh = Repository(repo.root)
    after = compile_guideline(_draft(fresh), fresh)
    key = "compute-cap-0"
    assert before["capabilities"][key]["required_since"] == "2001.06"
    assert after["capabilities"][key]["required_since"] == "2003.06"


def test_a_second_copy_takes_the_sources_the_first_read(
        tmp_path, monkeypatch):
    repo = derived(tmp_path / "a", 8, 3)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    first, second = Repository(repo.root), Repository(str(tmp_path / "b"))
    assert {o.state for o in compile_sources(first, check=True)} \
        == {"unchanged"}
    count = parsed[0]
    assert count == len(first.sources())
    assert {o.state for o in compile_sources(second, check=True)} \
        == {"unchanged"}
    assert parsed[0] == count               # nothing parsed again
    g = _draft(second)
    assert g.file == str(tmp_path / "b" / "guidelines" / "next.yaml")
    assert g is not _draft(first)


def test_the_cache_is_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(OutlineCache, "KEEP", 4)
    derived(tmp_path / "r", 8, 2)   # 9 guidelines outlined, twice over
    left = list((tmp_path / "cache" / "outlines").glob("*.json"))
    assert 0 < len(left) <= 8       # 16 without pruning


def test_a_root_under_a_program_folder_is_not_cached(tmp_path,
                                                     monkeypatch):
    """Under a folder named add-ons, a source's program depends on more
    than its place in the repository: nothing is cached or shared."""
    repo = derived(tmp_path / "add-ons" / "r", 4, 2)
    assert not (tmp_path / "cache" / "outlines").exists()
    expected = compile_guideline(_draft(repo), repo)
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    fresh = Repository(repo.root)
    assert compile_guideline(_draft(fresh), fresh) == expected
    assert parsed[0] == len(fresh.sources())


def test_a_review_parses_each_source_once(tmp_path, monkeypatch):
    """A one-file review exports both revisions; the unchanged sources
    are parsed once for both, and the changed one once per revision."""
    import git

    from interop.workflow.review import review
    root = tmp_path / "r"
    derived(root, 6, 2)
    r = git.Repo.init(root)
    with r.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.org")
    r.git.add("-A")
    r.index.commit("series")
    path = root / "guidelines" / "2002.12.yaml"
    path.write_text(path.read_text().replace("Capability 0.",
                                             "Capability zero."))
    r.git.add("-A")
    r.index.commit("one file")
    sources = len(Repository(str(root)).sources())
    _new_process(monkeypatch)
    parsed = counting(monkeypatch, repository, "load_source")
    done = review(str(root))
    assert [i.path for i in done.items] == ["guidelines/2002.12.yaml"]
    assert parsed[0] == sources + 1
