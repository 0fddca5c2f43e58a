"""``publish.sheetfile.write_sheet``: import-scores' write, without the
CLI."""
import contextlib

import pytest

from interop.errors import UsageError
from interop.publish.sheetfile import write_sheet


def _guard(calls):
    @contextlib.contextmanager
    def guard():
        calls.append("locked")
        yield
    return guard


def test_a_new_sheet_is_written_inside_the_guard(tmp_path):
    calls, out = [], tmp_path / "sheet.yaml"
    write_sheet(str(out), "a: 1\n", False, _guard(calls))
    assert out.read_text() == "a: 1\n" and calls == ["locked"]


def test_a_sheet_that_differs_is_kept_unless_forced(tmp_path):
    out = tmp_path / "sheet.yaml"
    out.write_text("a: 0\n")
    with pytest.raises(UsageError, match="exists and differs"):
        write_sheet(str(out), "a: 1\n", False, _guard([]))
    assert out.read_text() == "a: 0\n"
    write_sheet(str(out), "a: 0\n", False, _guard([]))  # the same: fine
    write_sheet(str(out), "a: 1\n", True, _guard([]))
    assert out.read_text() == "a: 1\n"
