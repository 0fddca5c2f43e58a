"""Each consumer profile is rendered as a page; its text is data."""
from interop.tests.docs.sample import INJECTION, build, make_sample

PROFILE = f"""\
profile: demo
name: Demo consumer
url: https://example.org/standard
guideline: guidelines/next.yaml
target: compute
credentials: non-admin
exclude:
  - test: a.FlavorsTest.test_list_flavors
    reason: "{INJECTION}"
    decision: https://example.org/minutes/1
  - test: a.ServersTest.test_create_server
    reason: Not here.
    decision: "javascript:alert(1)"
"""


def test_a_profile_page_shows_its_exclusions_safely(tmp_path):
    sample = make_sample(tmp_path)
    (sample / "consumers").mkdir()
    (sample / "consumers" / "demo.yaml").write_text(PROFILE)
    html = (build(sample) / "generated" / "consumer-demo.html").read_text()
    assert "demo: Demo consumer" in html
    assert "a.FlavorsTest.test_list_flavors" in html
    assert 'href="https://example.org/minutes/1"' in html
    assert 'href="https://example.org/standard"' in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "<script>alert" not in html and 'href="javascript' not in html
    assert "javascript:alert(1)" in html  # shown as text, not a link
    assert "interop export scs consumers/demo.yaml" in html


def test_a_profile_that_cannot_be_read_is_a_warning_not_a_crash(tmp_path):
    sample = make_sample(tmp_path)
    (sample / "consumers").mkdir()
    (sample / "consumers" / "demo.yaml").write_text("- not a profile\n")
    status, warnings = build(sample, warnings=True)
    assert status == 1 and "E203" in warnings
