"""``refstack.submitted``: certify's choice of submissions and its
report, without the CLI."""
import json
from types import SimpleNamespace

import pytest

from interop.errors import Finding, UsageError
from interop.refstack.submitted import certify_report, named_submissions


def test_a_path_outside_the_repository_is_refused(tmp_path):
    repo = SimpleNamespace(root=str(tmp_path / "repo"),
                           inside=lambda path: False)
    with pytest.raises(UsageError, match="not inside the repository"):
        named_submissions(repo, [str(tmp_path / "elsewhere")])


def test_a_report_with_nothing_to_certify_says_so():
    finding = Finding("products/x/product.yaml", 1, 1, "N003", "error",
                      "two submissions")
    text = certify_report([], [finding], "text")
    assert text == ("products/x/product.yaml:1:1: N003 error: two "
                    "submissions\nno submission to certify\n")
    assert json.loads(certify_report([], [finding], "json")) == {
        "certifications": [], "findings": [finding.as_dict()]}
