"""The product listing page, products.json, the static API and the
draft's re-certification section, built by Sphinx from a sample
repository with submissions (today frozen)."""
import json

import pytest

from interop.refstack.listing import recertify
from interop.repository import Repository
from interop.tests.docs.sample import build, make_sample
from interop.tests.refstack.certifying import LISTED, OTHER, submit, waive


@pytest.fixture
def sample(tmp_path, monkeypatch):
    monkeypatch.setenv("INTEROP_TODAY", "2026-08-01")
    root = make_sample(tmp_path)
    good = submit(root)                       # verified, waiver-less
    submit(root, name="acme-two", passed=[OTHER], failed=[LISTED])
    waive(good.rsplit("/", 1)[0], products=["acme-two"])  # applies
    submit(root, name="acme-three", passed=[OTHER])       # missing
    (root / "doc" / "source" / "products.rst").write_text(
        "Products\n========\n\n.. interop-products::\n")
    (root / "doc" / "source" / "index.rst").write_text(
        "Sample\n======\n\n.. toctree::\n\n   generated/index\n"
        "   products\n")
    return root


def test_recertify_counts_valid_products_and_who_passes_the_draft(sample):
    repo = Repository(str(sample))
    draft = repo.load("guidelines/next.yaml").guideline
    found = recertify(repo, draft)
    # acme-cloud and acme-two hold a valid certification; the draft also
    # requires a.FlavorsTest.test_list_flavors, which neither ran
    assert found["listed"] == 2
    assert found["would_pass"] == []
    assert found["guideline"] == "next (to be approved as 2027.06)"


def test_the_docs_build_lists_products_and_writes_the_api(sample):
    html = build(sample)
    page = (html / "products.html").read_text()
    for text in ("Acme Cloud", "tests-verified-2026.06", "waiver-applied",
                 "required-tests-missing", "until the second next approval",
                 "https://bugs.example.org/42"):
        assert text in page, text
    assert "products.html" in (html / "generated" / "index.html").read_text()
    listed = json.loads((html / "products.json").read_text())
    assert listed["date"] == "2026-08-01"
    assert [p["submission"] for p in listed["products"]] == [
        "powered/2026.06/acme-cloud", "powered/2026.06/acme-three",
        "powered/2026.06/acme-two"]
    api = json.loads((html / "api" / "guidelines.json").read_text())
    assert {g["id"] for g in api["programs"]["powered"]["guidelines"]} == \
        {"2026.06", "next"}
    assert (html / "api" / "guidelines" / "2026.06" / "tests" /
            "compute.txt").read_text() == LISTED
    packet = (html / "generated" / "powered-next-packet.html").read_text()
    assert "Products that would re-certify" in packet
    assert "2 listed product(s)" in packet


def test_recertify_names_products_whose_last_run_passes_the_draft(sample):
    flavors = "a.FlavorsTest.test_list_flavors" \
        "[id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59]"
    submit(sample, name="acme-four", passed=[LISTED, flavors])
    repo = Repository(str(sample))
    found = recertify(repo, repo.load("guidelines/next.yaml").guideline)
    assert found["listed"] == 3
    assert found["would_pass"] == ["powered/2026.06/acme-four"]


def test_recertify_judges_a_product_by_its_distributions_run(sample):
    flavors = "a.FlavorsTest.test_list_flavors" \
        "[id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59]"
    submit(sample, name="acme-distro", passed=[LISTED, flavors],
           type="distribution")
    submit(sample, name="beta-cloud", evidence=False,
           based_on="powered/2026.06/acme-distro")
    repo = Repository(str(sample))
    found = recertify(repo, repo.load("guidelines/next.yaml").guideline)
    assert found["would_pass"] == ["powered/2026.06/acme-distro",
                                   "powered/2026.06/beta-cloud"]


def test_the_pdf_packet_says_who_would_re_certify(sample):
    """The PDF packet carries the products section the packet's page
    carries (the front-end hands it to the PDF writer)."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    html = build(sample)
    reader = pypdf.PdfReader(str(html / "packets" /
                                 "powered-next-packet.pdf"))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Products that would re-certify" in text
    assert "2 listed product(s)" in text
