"""``refstack.lists``: ``interop testlist``'s lines without the CLI."""
import pytest

from interop.errors import UsageError
from interop.refstack import lists

ONE = "8b4b5a9f-7b5e-4c55-8a3a-0c7ab9a8d3e1"
TWO = "0e4b5a9f-7b5e-4c55-8a3a-0c7ab9a8d3e2"


class _NoSuite:
    """A suite that must not be asked."""

    def listing(self):
        raise AssertionError("the installed suite was read")

    def admin_of(self):
        raise AssertionError("the installed suite was read")


def test_an_unknown_type_is_refused_before_the_guideline_is_read():
    with pytest.raises(UsageError, match="unknown type sticky"):
        lists.testlist_lines("no-such-file.json", "platform",
                             "required,sticky", True, True, "refstack",
                             "any", _NoSuite())


def test_a_kept_test_or_an_alias_of_one_is_named():
    kept = {"tempest.api.a.test_x": f"tempest.api.a.T.test_x[id-{ONE}]"}
    assert lists._named(f"tempest.api.a.test_x[id-{TWO}]", kept)
    assert lists._named(f"tempest.api.b.test_y[id-{ONE}]", kept)
    assert not lists._named(f"tempest.api.b.test_y[id-{TWO}]", kept)
