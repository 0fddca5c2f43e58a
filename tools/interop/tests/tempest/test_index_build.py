"""How the test index is built: few discovery processes, the AST beside.

Work is counted, not timed: how many discovery processes a build starts
for how many packages, and which files the AST scan parses.  A tiny site
of two packages of our own stands in for Tempest and its plugins, so these
run wherever testtools is installed.
"""
import textwrap

import pytest

from interop.tempest import credentials as creds
from interop.tempest import index

pytest.importorskip("testtools", reason="testtools is not installed "
                    "(the tempest extra installs it)")

GOOD = '''\
import testtools
from testtools.testcase import WithAttributes, attr


def idempotent_id(uuid):
    return attr("id-" + uuid)


class Base(WithAttributes, testtools.TestCase):
    credentials = ["primary", "admin"]

    @idempotent_id("6f2b6a0e-0000-4000-8000-000000000001")
    def test_one(self):
        pass


class Inherits(Base):
    credentials = ["primary"]
'''


def _site(tmp_path):
    site = tmp_path / "site"
    for name, text in (("good_pkg", GOOD), ("broken_pkg", "def (:\n")):
        tests = site / name / "tests"
        tests.mkdir(parents=True)
        (site / name / "__init__.py").write_text("")
        (tests / "__init__.py").write_text("")
        (tests / "test_it.py").write_text(textwrap.dedent(text))
    (site / "good_pkg" / "tests" / "helpers.py").write_text("X = 1\n")
    return site


def test_one_process_discovers_every_package(tmp_path, monkeypatch):
    site = _site(tmp_path)
    monkeypatch.syspath_prepend(str(site))
    started, parsed = [], []
    from interop.tempest import scan
    real_start, real_parse = index._start, scan.ast.parse
    monkeypatch.setattr(index, "_start", lambda group: started.append(
        group) or real_start(group))
    monkeypatch.setattr(scan.ast, "parse", lambda text, path: parsed.append(
        path) or real_parse(text, path))
    packages = {name: index.Package(name, name, "1")
                for name in ("good_pkg", "broken_pkg")}
    built = index.build(packages, jobs=1)
    assert len(started) == 1 and len(started[0][1]) == 2
    names = sorted(t.name for t in built.entries)
    assert names == ["good_pkg.tests.test_it.Base.test_one",
                     "good_pkg.tests.test_it.Inherits.test_one"]
    inherited = built.tests["good_pkg.tests.test_it.Inherits.test_one"]
    assert inherited.credentials == ["primary"]  # read from the class
    assert inherited.line == 13 and inherited.id.startswith("6f2b6a0e")
    assert built.packages["good_pkg"].error is None
    assert "failed" in built.packages["broken_pkg"].error
    # only the file with a test id is parsed (not helpers.py, not the
    # package's __init__ files)
    assert [p.rsplit("/", 3)[1:] for p in parsed] == [
        ["good_pkg", "tests", "test_it.py"]]


def test_folders_are_dealt_by_work_and_site(tmp_path):
    places = {}
    for name, files in (("big", 6), ("mid", 3), ("small", 2), ("tiny", 1)):
        folder = tmp_path / "a" / name
        folder.mkdir(parents=True)
        for i in range(files):
            (folder / f"t{i}.py").write_text("")
        places[name] = (str(tmp_path / "a"), [str(folder)])
    other = tmp_path / "b" / "other"
    other.mkdir(parents=True)
    places["other"] = (str(tmp_path / "b"), [str(other)])
    groups = index._groups(places, 2)
    assert [(site[-1], [f.rsplit("/", 1)[1] for f in folders])
            for site, folders in groups] == [
        ("a", ["big"]), ("a", ["mid", "small", "tiny"]), ("b", ["other"])]


def test_listings_of_several_folders_are_told_apart():
    out = ("noise\n" + "a.T.test_x[id-1]\n\n" + creds.FOLDER_MARK
           + '{"folder": "/x", "code": 0, "error": "-"}\n'
           + "\n" + creds.FOLDER_MARK
           + '{"folder": "/y", "code": 2, "error": "boom"}\n')
    said = creds.listings(out)
    assert said["/x"][1:] == (0, "-") and "a.T.test_x" in said["/x"][0]
    assert said["/y"][1:] == (2, "boom")


def test_a_discovery_that_cannot_start_is_each_package_s_error(
        tmp_path, monkeypatch):
    site = _site(tmp_path)
    monkeypatch.syspath_prepend(str(site))

    def cannot(group):
        raise OSError("no such interpreter")

    monkeypatch.setattr(index, "_start", cannot)
    built = index.build({"good_pkg": index.Package("good_pkg", "good_pkg",
                                                   "1")}, jobs=1)
    assert built.entries == []
    assert "no such interpreter" in built.packages["good_pkg"].error
