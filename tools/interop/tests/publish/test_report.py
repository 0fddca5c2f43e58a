"""``publish.report``: what ``interop compile`` prints, without the CLI."""
from interop.errors import Finding
from interop.publish.outputs import Outcome
from interop.publish.report import compile_report, refused_text

OUTCOMES = [Outcome("guidelines/next.yaml", "guidelines/next.json",
                    "written"),
            Outcome("guidelines/2026.06.yaml", "guidelines/2026.06.json",
                    "unchanged"),
            Outcome("guidelines/baseline/2020.06.yaml",
                    "https://example.org/2020.06.json", "baseline")]


def test_a_compile_names_what_it_wrote_and_each_baseline():
    text, matches = compile_report(OUTCOMES, check=False, verbose=False)
    assert matches
    assert text.splitlines() == [
        "guidelines/next.json: written",
        "guidelines/baseline/2020.06.yaml: a baseline, not compiled (the "
        "published original: https://example.org/2020.06.json)"]
    verbose, _ = compile_report(OUTCOMES, check=False, verbose=True)
    assert "guidelines/2026.06.json: unchanged" in verbose


def test_a_check_reports_drift_and_counts_only_when_none():
    text, matches = compile_report(OUTCOMES, check=True, verbose=False)
    assert not matches and "next.json: written: does not match" in text
    text, matches = compile_report(OUTCOMES[1:], check=True, verbose=False)
    assert matches and text.endswith("1 published files match their "
                                     "sources\n")


def test_a_refusal_lists_the_errors_and_counts_them():
    errors = [Finding("a.yaml", 1, 2, "S001", "error", "unknown key")]
    assert refused_text(errors).splitlines() == [
        errors[0].format(),
        "interop compile: nothing written: 1 error findings (see 'interop "
        "check'); --force publishes anyway"]
