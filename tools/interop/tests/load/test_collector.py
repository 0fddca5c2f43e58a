"""The YAML reader and Python's garbage collector: a big tree is kept out
of the collector's walks (which made a 40,000-capability guideline
quadratic), and the collector is left as it was found."""
import gc

import pytest

from interop.errors import LoadError
from interop.load.source import FREEZE_BYTES, load_yaml


def big(size):
    row = "k{}: [1, 2, 3]\n"
    count = size // len(row.format(0)) + 1
    return "".join(row.format(i) for i in range(count))


def test_a_big_tree_is_frozen():
    before = gc.get_freeze_count()
    tree = load_yaml(big(FREEZE_BYTES))
    assert len(tree) > 1000
    assert gc.get_freeze_count() > before
    assert gc.isenabled()


def test_a_small_tree_is_left_to_the_collector():
    gc.unfreeze()
    load_yaml(big(10_000))
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error():
    with pytest.raises(LoadError):
        load_yaml("a: 1\na: 2\n")
    assert gc.isenabled()
    gc.disable()
    try:
        load_yaml("a: 1\n")
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
