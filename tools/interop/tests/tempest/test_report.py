"""``tempest.report``: what ``interop tests`` prints, without the CLI."""
import os
from types import SimpleNamespace

from interop.tempest.index import IN_TREE_CACHE, cache_folder
from interop.tempest.report import index_cache, verify_summary


def test_a_cache_in_the_checkout_is_ignored_with_a_warning(tmp_path):
    warned = []
    assert index_cache(str(tmp_path), warned.append) == cache_folder()
    assert warned == []
    (tmp_path / IN_TREE_CACHE).parent.mkdir()
    (tmp_path / IN_TREE_CACHE).write_text("{}")
    assert index_cache(str(tmp_path), warned.append) == cache_folder()
    assert len(warned) == 1 and IN_TREE_CACHE in warned[0]


def test_the_verify_summary_names_each_package_and_the_count():
    packages = [SimpleNamespace(distribution="tempest", version="47.0.0"),
                SimpleNamespace(distribution="designate-tempest-plugin",
                                version="0.25\x1b")]
    assert verify_summary(["a.yaml", "b.yaml"], packages, 3) == (
        "2 guidelines verified against tempest 47.0.0, "
        "designate-tempest-plugin 0.25\\x1b: 3 findings")
    assert os.sep not in verify_summary([], [], 0)


def test_a_repository_without_locks_has_no_lock_findings(tmp_path):
    from interop.tempest.relock import lock_check
    repo = SimpleNamespace(root=str(tmp_path))
    assert lock_check([str(tmp_path / "next.yaml")], repo, None) == []
