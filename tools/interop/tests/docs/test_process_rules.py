"""The process conformance table agrees with the rule catalogue, and its
page builds with warnings as errors."""
import os
import shutil

import pytest


from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from interop.docs import processrules
from interop.errors import LoadError
from interop.sphinxext import known_codes
from interop.tests.docs.sample import build, make_sample

TABLE = "doc/source/process-rules.yaml"


@pytest.fixture
def rows(root):
    return processrules.load(os.path.join(root, TABLE))


def test_the_table_and_the_catalogue_agree(rows):
    known, catalogue = known_codes()
    assert processrules.problems(rows, known, catalogue) == []
    # every code named exists, every catalogue rule is named at least once
    named = {c for r in rows for c in r.codes}
    assert named <= known
    assert catalogue <= named
    # no blank row: each names codes, a record or the judgement
    assert all(r.upheld_by for r in rows)
    assert all(r.source.split()[0] in (
        "2017A", "2016A", "CoreCriteria", "DesignatedSections", "Lexicon",
        "HACKING", "ExtensionPrograms") for r in rows)


def test_problems_name_what_disagrees(rows):
    known, catalogue = known_codes()
    blank = processrules.ProcessRule("HACKING D399", "Nothing.", line=7)
    wrong = processrules.ProcessRule("HACKING D398", "Wrong.", ("Q999",),
                                     line=9)
    found = processrules.problems(rows + [blank, wrong], known,
                                  catalogue | {"Z999"})
    assert found == [
        "line 7: 'HACKING D399' names no code, record or judgement",
        "line 9: 'HACKING D398' names Q999, which does not exist",
        "rule Z999 upholds no rule of the process table"]


def test_a_row_without_text_is_a_located_load_error(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - source: 2017A A1.1\n    rule: Fine.\n"
                    "  - source: 2017A A1.2\n    codes: [M001]\n")
    with pytest.raises(LoadError) as info:
        processrules.load(str(path))
    assert (info.value.finding.line, info.value.finding.code) == (4, "E171")


def _sample_page(tmp_path, root, table):
    sample = make_sample(tmp_path)
    src = sample / "doc" / "source"
    shutil.copy(os.path.join(root, TABLE), src / "process-rules.yaml")
    (src / "process-rules.yaml").write_text(table(
        (src / "process-rules.yaml").read_text()))
    (src / "process-rules.rst").write_text(
        "Rules\n=====\n\n.. interop-process-rules:: process-rules.yaml\n")
    (src / "index.rst").write_text(
        "Sample\n======\n\n.. toctree::\n\n   generated/index\n"
        "   process-rules\n")
    return sample


def test_the_page_builds_with_every_row(tmp_path, root):
    sample = _sample_page(tmp_path, root, lambda text: text)
    html = (build(sample) / "process-rules.html").read_text()
    assert "judgement of the Working Group" in html
    assert "HACKING D311" in html and "L011" in html


def test_the_page_fails_a_strict_build_on_an_unknown_code(tmp_path, root):
    sample = _sample_page(tmp_path, root, lambda text: text.replace(
        "codes: [L011]", "codes: [L011, L999]"))
    status, warnings = build(sample, warnings=True)
    assert status != 0 and "L999, which does not exist" in warnings
