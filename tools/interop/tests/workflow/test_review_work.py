"""What a review reads, counted: each scoring sheet once per revision,
however many parts of the review (the compiles of the guidelines, the
sheet's own changes) ask for it."""
import collections

from interop import repository
from interop.scoring import sheets as sheets_module
from interop.workflow import sheetdiff
from interop.tests.docs.sample import SHEET
from interop.tests.workflow.test_review import commit, make_repo
from interop.workflow.review import review


def test_a_sheet_change_reads_each_sheet_once_per_revision(
        tmp_path, monkeypatch):
    repo = make_repo(tmp_path)
    sheets = tmp_path / "criteria" / "scoring" / "powered"
    sheets.mkdir(parents=True)
    (sheets / "next.yaml").write_text(SHEET)
    commit(repo, "Score")
    (sheets / "next.yaml").write_text(SHEET.replace(
        "complete: 0, deployed: 0", "complete: 1, deployed: 0"))
    commit(repo, "Rescore")
    read = collections.Counter()
    real = repository.load_sheet

    def counted(path, *args, **kwargs):
        read[path.rsplit("/", 1)[-1]] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(repository, "load_sheet", counted)
    # any module that would read sheets on its own is counted too
    for module in (sheetdiff, sheets_module):
        monkeypatch.setattr(module, "load_sheet", counted, raising=False)
    rv = review(repo.working_tree_dir)
    assert any(i.path == "criteria/scoring/powered/next.yaml"
               for i in rv.items)
    # the old and the new revision's sheet, each read once
    assert read == {"next.yaml": 2}, read
