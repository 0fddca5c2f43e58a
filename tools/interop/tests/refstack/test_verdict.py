"""The vendor's verdict tells the truth (issue 24, item 3): failed,
skipped and not-run tests apart, with the failure's first line and the
skip reason; flagged tests listed; the guideline's status and whether a
vendor may use it now; an add-on's required Powered component judged."""
from __future__ import annotations

import io
import json
import os

import subunit

from interop import cli
from interop.refstack import comply
from interop.refstack.outcomes import Outcome
from interop.refstack.reading import load
from interop.refstack.results import first_line
from interop.refstack import testlist

TRACE = ("Traceback (most recent call last):\n"
         '  File "x.py", line 3, in test_x\n'
         "    self.assertEqual(1, 2)\n"
         "AssertionError: 1 != 2\n")


def stream(outcomes: dict[str, tuple[str, str | None]]) -> bytes:
    """A subunit v2 stream: test id -> (status, attachment text)."""
    out = io.BytesIO()
    writer = subunit.StreamResultToBytes(out)
    for test, (status, text) in outcomes.items():
        writer.status(test_id=test, test_status="inprogress")
        if text is not None:
            name = "reason" if status == "skip" else "traceback"
            writer.status(test_id=test, file_name=name,
                          file_bytes=text.encode(), mime_type="text/plain; "
                          "charset=utf8", eof=True)
        writer.status(test_id=test, test_status=status)
    return out.getvalue()


def test_first_line_is_the_exception():
    assert first_line(TRACE) == "AssertionError: 1 != 2"
    assert first_line("\n  a reason\n") == "a reason"
    assert first_line(None) is None and first_line(" \n") is None


def dns_tests(root: str) -> list[str]:
    doc = json.load(open(os.path.join(root, "add-ons", "guidelines",
                                      "dns.next.json")))
    return [line.split("[")[0] for line in
            testlist.test_list(doc, "dns", ("required",), False, False)]


def test_outcomes_are_apart_with_their_detail(root, tmp_path):
    names = dns_tests(root)
    run = {n: ("success", None) for n in names[3:]}
    run[names[0]] = ("fail", TRACE)
    run[names[1]] = ("skip", "no DNS back end")
    # names[2] never ran
    path = tmp_path / "run.subunit"
    path.write_bytes(stream(run))
    [v] = comply.assess(json.load(open(os.path.join(
        root, "add-ons", "guidelines", "dns.next.json"))), load(str(path)),
        "dns")
    assert [(t.name, t.detail) for t in v.failed] == \
        [(names[0], "AssertionError: 1 != 2")]
    assert [(t.name, t.detail) for t in v.skipped] == \
        [(names[1], "no DNS back end")]
    assert [t.name for t in v.not_run] == [names[2]]
    assert v.passed_tests == len(names) - 3 and not v.passed
    assert v.headline.startswith(
        f"dns: FAIL: {len(names) - 3} of {len(names)} required tests "
        "passed")


def test_outcomes_are_the_enum_and_read_as_before(root, tmp_path):
    """Every outcome a reader or the verdict produces is an Outcome
    member (issue 30: checked by the type checker), and text and JSON
    read the bare words they always did."""
    names = dns_tests(root)
    run = {n: ("success", None) for n in names[3:]}
    run[names[0]] = ("fail", TRACE)
    run[names[1]] = ("skip", "no DNS back end")
    path = tmp_path / "run.subunit"
    path.write_bytes(stream(run))
    results = load(str(path))
    assert sorted(results.outcomes.values()) == [
        (Outcome.FAILED, "AssertionError: 1 != 2"),
        (Outcome.SKIPPED, "no DNS back end")]
    assert {type(o) for o, _ in results.outcomes.values()} == {Outcome}
    assert type(results.outcome(names[2])[0]) is Outcome
    junit = tmp_path / "run.xml"
    junit.write_text(
        '<testsuite><testcase classname="a.b.C" name="test_x">'
        '<failure message="boom"/></testcase>'
        '<testcase classname="a.b.C" name="test_y">'
        '<skipped message="why"/></testcase></testsuite>')
    assert {type(o) for o, _ in load(str(junit)).outcomes.values()} == \
        {Outcome}
    [v] = comply.assess(json.load(open(os.path.join(
        root, "add-ons", "guidelines", "dns.next.json"))), results, "dns")
    assert {t.outcome for t in v.tests} == set(Outcome)
    assert {type(t.outcome) for t in v.tests} == {Outcome}
    said = json.loads(json.dumps(v.as_dict()))
    assert [t["outcome"] for t in said["failed"] + said["skipped"]
            + said["not_run"]] == ["failed", "skipped", "not run"]
    assert f"{Outcome.NOT_RUN}" == "not run"


def test_an_add_on_does_not_pass_without_its_powered_component(
        root, tmp_path, capsys):
    """Only the DNS tests: the add-on requires OpenStack Powered Compute,
    which the run did not show, so the verdict is FAIL and says why."""
    runs = tmp_path / "dns.txt"
    runs.write_text("\n".join(dns_tests(root)) + "\n")
    source = os.path.join(root, "add-ons", "dns", "next.yaml")
    assert cli.main(["comply", str(runs), "--guideline", source,
                     "--target", "dns"]) == 1
    out = capsys.readouterr().out.splitlines()
    n = len(dns_tests(root))
    assert out[0] == (f"dns: FAIL: {n} of {n} required tests passed "
                      "(100.0%); requires compute, not passed")
    assert "  requires os_powered_compute (next): NOT passed" in out
    assert cli.main(["comply", str(runs), "--guideline", source,
                     "--target", "dns", "--format", "json"]) == 1
    [target] = json.loads(capsys.readouterr().out)["targets"]
    [req] = target["requires"]
    assert (req["component"], req["target"], req["passed"]) == \
        ("os_powered_compute", "compute", False)


def test_the_verdict_names_status_and_use_now(root, tmp_path, capsys):
    runs = tmp_path / "dns.txt"
    runs.write_text("\n".join(dns_tests(root)) + "\n")
    source = os.path.join(root, "add-ons", "dns", "next.yaml")
    cli.main(["comply", str(runs), "--guideline", source, "--target",
              "dns", "--format", "json"])
    [target] = json.loads(capsys.readouterr().out)["targets"]
    assert target["standing"] == {
        "guideline": "dns.next", "status": "draft", "board_date": None,
        "usable_now": False, "usable": ["dns.2020.06", "dns.2019.11"],
        "day": "2026-12-01"}


def test_a_superseded_guideline_is_not_judged_without_a_word(corpus):
    """Outside a repository, the published files beside the guideline
    say what a vendor may use: 2017.01 is superseded, and the two most
    recent approved ones are named (issue 24)."""
    from interop.refstack.verdict import published_standing
    docs = {name: json.load(open(os.path.join(corpus, name)))
            for name in os.listdir(corpus) if name.endswith(".json")}
    found = published_standing(docs["2017.01.json"], docs)
    assert (found.status, found.usable_now) == ("superseded", False)
    assert found.usable == ("2019.06", "2018.11")
    assert "a vendor may NOT use it now" in found.text()
    assert published_standing(docs["2019.06.json"], docs).usable_now
