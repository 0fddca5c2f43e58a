"""Hostile input: huge files, paths that lead out of the repository,
links.  Each is refused with a located, coded message, quickly."""
import json
import os

import pytest

from interop import cli
from interop.errors import LoadError
from interop.load.source import load_yaml_file
from interop.tests.checks.helpers import BASE
from interop.tests.conftest import copy_criteria


def test_a_100_mb_document_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "next.yaml"
    with open(path, "wb") as handle:  # sparse: no 100 MB written
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(LoadError) as info:
        load_yaml_file(str(path))
    assert info.value.finding.code == "E103"


@pytest.fixture
def repo(tmp_path):
    copy_criteria(tmp_path)
    (tmp_path / "guidelines").mkdir()
    (tmp_path / "guidelines" / "next.yaml").write_text(BASE)
    return tmp_path


def test_a_linked_source_is_not_followed(repo, tmp_path_factory, capsys):
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text(BASE)
    os.symlink(outside, repo / "guidelines" / "2026.06.yaml")
    assert cli.main(["compile", "--repo", str(repo)]) == 2
    assert "E160" in capsys.readouterr().err
    assert not (repo / "guidelines" / "next.json").exists()  # nothing written


def test_a_linked_published_file_is_not_replaced(repo, tmp_path_factory,
                                                 capsys):
    outside = tmp_path_factory.mktemp("outside") / "target.json"
    outside.write_text("{}")
    os.symlink(outside, repo / "guidelines" / "next.json")
    assert cli.main(["compile", "--repo", str(repo)]) == 2
    assert outside.read_text() == "{}"


def test_a_program_name_cannot_choose_a_path(repo, capsys):
    doc = {"metadata": {"id": "../../escape.2026.06", "schema": "2.0"},
           "add-ons": {}, "components": {}, "capabilities": {},
           "designated_sections": {}, "test_repositories": {}}
    source = repo / "escape.2026.06.json"
    source.write_text(json.dumps(doc))
    out = repo / "imported"
    assert cli.main(["import", str(source), "--out", str(out)]) == 2
    assert "cannot name a folder" in capsys.readouterr().err
    assert not out.exists()


def test_a_sheet_is_never_looked_up_outside_the_repository(repo):
    from interop.load.reader import read_guideline
    from interop.load.source import load_yaml
    from interop.repository import Repository
    text = "program: {kind: add-on, name: ../../etc}\n" + BASE
    g = read_guideline(load_yaml(text), "add-ons/x/next.yaml")
    assert Repository(str(repo)).sheet_for(g) is None


def test_compile_of_a_file_outside_the_layout_is_refused(repo, capsys):
    stray = repo.parent / "stray.yaml"
    stray.write_text(BASE)
    assert cli.main(["compile", "--repo", str(repo), str(stray)]) == 2
    assert "not in the repository layout" in capsys.readouterr().err
