"""An Xtesting case of a guideline is verified against the testcases file
its xtesting repository names (V012, V013); the NFV vertical's is
listed."""
import os

from interop.checks import load_document
from interop.repository import Repository
from interop.tempest.adjacent import xtesting_findings
from interop.tests.conftest import ROOT

NFV = os.path.join(ROOT, "verticals", "nfv", "next.yaml")
CASE = "xtesting:functest/vping_ssh"


def _nfv():
    doc = load_document(NFV, Repository(ROOT))
    cap = doc.guideline.capabilities["compute-servers-vping-ssh"]
    return doc, cap, cap.tests[CASE]


def test_the_nfv_case_is_listed():
    doc, cap, test = _nfv()
    assert xtesting_findings(doc, cap, test) == []


def test_an_unlisted_case_is_v012():
    doc, cap, test = _nfv()
    test.name = "xtesting:functest/vping_nowhere"
    found = xtesting_findings(doc, cap, test)
    assert [(f.code, f.path) for f in found] == [
        ("V012", "verticals/nfv/next.yaml")]
    assert found[0].line == doc.loc(test.path).line


def test_no_xtesting_repository_is_v013():
    doc, cap, test = _nfv()
    doc.guideline.test_repositories["functest"].kind = None
    assert [f.code for f in xtesting_findings(doc, cap, test)] == ["V013"]


def test_a_changed_case_is_suspect_in_the_lock(tmp_path):
    import shutil

    from interop.tempest.locking import site_sources, suspects
    from interop.tempest.reach import Sources
    for part in ("verticals", "criteria", "guidelines"):
        shutil.copytree(os.path.join(ROOT, part), tmp_path / part)
    sources = site_sources() or Sources(str(tmp_path), set())
    path = str(tmp_path / "verticals" / "nfv" / "next.yaml")

    def suspect():
        doc = load_document(path, Repository(str(tmp_path)))
        return [f.code for f in suspects(doc, sources, str(tmp_path))
                if CASE in f.message]
    assert suspect() == []
    cases = tmp_path / "verticals" / "nfv" / "xtesting" / "testcases.yaml"
    text = cases.read_text()
    assert "        criteria: 100\n" in text
    cases.write_text(text.replace("        criteria: 100\n",
                                  "        criteria: 50\n", 1))
    assert suspect() == ["V010"]
