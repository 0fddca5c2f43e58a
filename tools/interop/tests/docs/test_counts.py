"""Hand-written pages state no count the data contradicts: a count goes
through the ``:interop-count:`` role, which the extension fills."""
import glob
import os

import pytest

from interop.docs import counts
from interop.errors import UsageError
from interop.repository import Repository
from interop.tests.conftest import ROOT

SOURCE = os.path.join(ROOT, "doc", "source")


def hand_written():
    """The pages under doc/source people write (the generated folder
    aside)."""
    return sorted(p for p in glob.glob(os.path.join(SOURCE, "**", "*.rst"),
                                       recursive=True)
                  if os.sep + "generated" + os.sep not in p)


def contradicted(repo, path, text):
    page = os.path.splitext(os.path.basename(path))[0]
    return counts.contradictions(text, counts.page_guidelines(repo, page))


@pytest.mark.parametrize("path", hand_written(),
                         ids=lambda p: os.path.relpath(p, SOURCE))
def test_no_hand_written_count_contradicts_the_data(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    found = contradicted(Repository(ROOT), path, text)
    assert found == [], "\n".join(
        f"{os.path.relpath(path, ROOT)}:{c.line}: '{c.text}': the data "
        f"has no such count; write it as :interop-count:`PATH "
        f"{c.status}`" for c in found)


#: what the Powered draft's page said before issue 25 (04c448d, our own
#: words): the claims its data contradicts, kept here so that the test
#: needs no git history (a shallow clone has none)
OLD_PAGE = """\
* Every capability 2020.06 required is required here, or deprecated with
  its reason.  Five are deprecated (below); the other 70 stay required,
  with the names 2020.06 published.

* **The twelve newly advisory capabilities.**  They met the cutoff, and
  the next guideline may require them; vendors should run them now.
"""


def test_the_draft_page_as_it_was_is_caught():
    """The page before issue 25 said "Five are deprecated" (and, further
    down, three) and "twelve newly advisory" beside the 20 the draft
    holds: both are caught, in words."""
    found = contradicted(Repository(ROOT), "draft-powered.rst", OLD_PAGE)
    texts = [c.text for c in found]
    assert "Five are deprecated" in texts
    assert "twelve newly advisory" in texts


def test_claims_in_digits_and_words():
    text = ("Five are deprecated.  The other 70 stay required, "
            "twelve newly advisory.\nIn 2020.06 required, and "
            ":header-rows: 1 and three tests are removed.")
    assert [(c.line, c.number, c.status) for c in counts.claims(text)] \
        == [(1, 5, "deprecated"), (1, 70, "required"),
            (1, 12, "advisory"), (2, 3, "removed")]


def test_a_true_count_passes_and_a_false_one_fails(root):
    repo = Repository(root)
    guidelines = counts.page_guidelines(repo, "draft-powered")
    g = guidelines[0][0]
    deprecated = counts.count(g, "deprecated")
    true = f"{deprecated} are deprecated."
    false = f"{deprecated + 2} are deprecated."
    assert counts.contradictions(true, guidelines) == []
    assert [c.number for c in counts.contradictions(false, guidelines)] \
        == [deprecated + 2]


def test_the_role_counts_from_the_guideline(root):
    repo = Repository(root)
    number, files = counts.role_value(repo, "guidelines/next.yaml "
                                      "required nova")
    g = repo.load("guidelines/next.yaml").guideline
    assert number == sum(1 for c in g.iter_capabilities()
                         if c.project == "nova"
                         and g.status_of(c.name) == "required")
    assert files and files[0].endswith("next.yaml")
    with pytest.raises(UsageError, match="cannot count 'often'"):
        counts.role_value(repo, "guidelines/next.yaml often")


def test_the_role_in_a_build_counts_and_a_bad_one_is_located(tmp_path):
    pytest.importorskip("matplotlib", reason="matplotlib (docs extra) not "
                        "installed")
    from interop.tests.docs.sample import build, make_sample
    sample = make_sample(tmp_path)
    src = sample / "doc" / "source"
    index = src / "index.rst"
    index.write_text(index.read_text() + "   counted\n")
    (src / "counted.rst").write_text(
        "Counted\n=======\n\nThe draft requires "
        ":interop-count:`guidelines/next.yaml required` capabilities.\n")
    html = build(sample)
    page = (html / "counted.html").read_text()
    assert "The draft requires 2 capabilities." in page
    (src / "counted.rst").write_text(
        "Counted\n=======\n\nThe draft requires "
        ":interop-count:`guidelines/missing.yaml required` "
        "capabilities.\n")
    status, warnings = build(sample, warnings=True)
    assert status == 1 and "Traceback" not in warnings
    assert "counted.rst:4: WARNING: interop-count: " in warnings
    assert "missing.yaml" in warnings
