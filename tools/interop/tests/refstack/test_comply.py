"""``interop comply``: a test run judged against a guideline, as RefStack
judges it, from every results format the tool reads."""
import io
import json
import os
import shutil
import subprocess
import sys

import pytest
import subunit

from interop import cli
from interop.refstack import comply
from interop.refstack import testlist as refstack
from interop.errors import LoadError
from interop.refstack.reading import detect, load
from interop.refstack.results import Results
from interop.tests.conftest import ROOT

S = "fakecloud.tests.test_api.ServersTest."
OBJ = "fakecloud.tests.test_api.ObjectsTest."
# made-up idempotent ids
CREATE = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e01"
LIST = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e02"
SHOW = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e03"
DELETE = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e04"
REBOOT = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e05"
UPLOAD = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e06"
COPY = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e07"
VERSIONS = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e08"
QUOTA = "5c6d4a0e-1f3b-4c2a-9e8d-7a6b5c4d3e09"

# The cloud under test: what runs, and how it ends.
FAKECLOUD = f'''\
import unittest

import testtools
from testtools.testcase import WithAttributes, attr


class ServersTest(WithAttributes, testtools.TestCase):
    def test_create_server(self):
        pass

    def test_list_servers(self):          # the guideline's alias
        pass

    @attr("id-{SHOW.upper()}", "smoke")   # renamed: only its id is known
    def test_get_server(self):
        pass

    def test_delete_server(self):         # flagged in the guideline
        self.fail("the cloud answered 500")

    def test_reboot_server(self):         # advisory in the guideline
        raise RuntimeError("timed out")

    def test_chatty(self):                # in no guideline
        print("text between subunit packets")


class ObjectsTest(testtools.TestCase):
    def test_upload_object(self):
        pass

    def test_copy_object(self):
        self.skipTest("copy is not enabled")

    @unittest.expectedFailure
    def test_object_versioning(self):     # xfail
        self.fail("known bug")

    @unittest.expectedFailure
    def test_object_quota(self):          # uxsuccess
        pass
'''

FLAG = {"reason": "D402 bug in the code under test", "action": "none",
        "date": "2026-07-01"}
GUIDELINE = {
    "metadata": {"id": "2026.06", "schema": "2.0", "status": "approved"},
    "platforms": {
        "OpenStack Powered Platform": {
            "description": "All of it.",
            "components": [{"name": "os_powered_compute"},
                           {"name": "os_powered_storage"}]},
        "OpenStack Powered Compute": {
            "description": "Servers.",
            "components": [{"name": "os_powered_compute"}]},
        "OpenStack Powered Storage": {
            "description": "Objects.",
            "components": [{"name": "os_powered_storage"}]},
    },
    "components": {
        "os_powered_compute": {"capabilities": {
            "required": ["compute-servers"],
            "advisory": ["compute-servers-reboot"],
            "deprecated": [], "removed": []}},
        "os_powered_storage": {"capabilities": {
            "required": ["objectstore-object"],
            "advisory": [], "deprecated": [], "removed": []}},
    },
    "capabilities": {
        "compute-servers": {"tests": {
            S + "test_create_server": {"idempotent_id": f"id-{CREATE}"},
            S + "test_list_servers_v1": {
                "idempotent_id": f"id-{LIST}",
                "aliases": [S + "test_list_servers"]},
            S + "test_show_server": {"idempotent_id": f"id-{SHOW}"},
            S + "test_delete_server": {"idempotent_id": f"id-{DELETE}",
                                       "flagged": FLAG},
        }},
        "compute-servers-reboot": {"tests": {
            S + "test_reboot_server": {"idempotent_id": f"id-{REBOOT}"}}},
        "objectstore-object": {"tests": {
            OBJ + "test_upload_object": {"idempotent_id": f"id-{UPLOAD}"},
            OBJ + "test_copy_object": {"idempotent_id": f"id-{COPY}"},
            OBJ + "test_object_versioning": {
                "idempotent_id": f"id-{VERSIONS}"},
            OBJ + "test_object_quota": {"idempotent_id": f"id-{QUOTA}"},
        }},
    },
}

# Every format below reports the same run, so the same verdict.  RefStack
# matches names and aliases only: the renamed test_show_server (passed as
# test_get_server, same id) is missing unless ids are asked to match.
OBJECT_MISSING = [OBJ + "test_copy_object", OBJ + "test_object_quota",
                  OBJ + "test_object_versioning"]
SHOW_MISSING = [S + "test_show_server"]
EXPECTED = [
    ("platform", False, 7, 3, 42.9, OBJECT_MISSING + SHOW_MISSING,
     [("compute-servers", 3, 2, SHOW_MISSING),
      ("objectstore-object", 4, 1, OBJECT_MISSING)]),
    ("compute", False, 3, 2, 66.7, SHOW_MISSING,
     [("compute-servers", 3, 2, SHOW_MISSING)]),
    ("object", False, 4, 1, 25.0, OBJECT_MISSING,
     [("objectstore-object", 4, 1, OBJECT_MISSING)]),
]
# with --match-ids
EXPECTED_IDS = [
    ("platform", False, 7, 4, 57.1, OBJECT_MISSING,
     [("objectstore-object", 4, 1, OBJECT_MISSING)]),
    ("compute", True, 3, 3, 100.0, [], []),
    ("object", False, 4, 1, 25.0, OBJECT_MISSING,
     [("objectstore-object", 4, 1, OBJECT_MISSING)]),
]
PASSED = {S + "test_create_server", S + "test_list_servers",
          S + "test_get_server", OBJ + "test_upload_object"}


def summary(verdicts):
    return [(v.target, v.passed, v.required, v.passed_tests, v.percent,
             [t.name for t in v.missing],
             [(c.name, c.required, c.passed_tests,
               [t.name for t in c.missing]) for c in v.capabilities])
            for v in verdicts]


def run_fakecloud(tmp_path) -> bytes:
    """Run the fake cloud's tests with python-subunit's runner."""
    package = tmp_path / "fakecloud"
    (package / "tests").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "tests" / "__init__.py").write_text("")
    (package / "tests" / "test_api.py").write_text(FAKECLOUD)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "subunit.run", "fakecloud.tests.test_api"],
        env=env, cwd=tmp_path, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.fixture
def guideline(tmp_path):
    path = tmp_path / "guideline" / "2026.06.json"
    path.parent.mkdir()
    path.write_text(json.dumps(GUIDELINE, indent=2))
    return str(path)


# -- subunit ---------------------------------------------------------------

def test_a_real_subunit_run(tmp_path):
    stream = run_fakecloud(tmp_path)
    assert stream[:1] == b"\xb3"                   # v2 by default
    assert b"text between subunit packets" in stream   # interleaved
    path = tmp_path / "run.subunit"
    path.write_bytes(stream)
    assert detect(str(path)) == "subunit"
    results = load(str(path))
    assert results.format == "subunit"
    assert results.names == PASSED | {S + "test_chatty"}
    assert results.ids == {SHOW}          # from [id-<UPPER>,smoke]
    assert results.tests == 10
    # the renamed test passes by id only when ids are asked to match
    assert not results.passed(S + "test_show_server", (), f"id-{SHOW}")
    assert results.passed(S + "test_show_server", (), f"id-{SHOW}",
                          match_ids=True)
    assert results.under_id(f"id-{SHOW}") == {S + "test_get_server"}
    assert not results.passed(S + "test_list_servers_v1", (), f"id-{LIST}",
                              match_ids=True)
    assert summary(comply.verdict(GUIDELINE, results)) == EXPECTED
    assert summary(comply.verdict(GUIDELINE, results, match_ids=True)) \
        == EXPECTED_IDS
    [compute] = comply.verdict(GUIDELINE, results, "compute")
    assert [(t.name, names) for t, names in compute.passed_elsewhere] == [
        (S + "test_show_server", (S + "test_get_server",))]


def written_stream() -> bytes:
    """The same run as subunit's writer puts it, with reruns, events that
    are not outcomes, and attachments."""
    out = io.BytesIO()
    w = subunit.StreamResultToBytes(out)

    def status(test_id, state, **kwargs):
        w.status(test_id=test_id, test_status=state, **kwargs)

    w.status(file_name="stdout", file_bytes=b"run starts", eof=True)
    status(S + "test_create_server", "exists")
    status(S + "test_create_server", "inprogress")
    status(S + "test_create_server", "success")
    status(S + "test_list_servers", "success")
    status(f"{S}test_get_server[id-{SHOW},smoke]", "success",
           file_name="pythonlogging", file_bytes=b"GET /servers/1 200",
           eof=True, mime_type="text/plain;charset=utf8")
    status(S + "test_delete_server", "fail")
    status(S + "test_reboot_server", "fail")
    status(OBJ + "test_upload_object", "fail")
    status(OBJ + "test_upload_object", "success")      # a rerun passed
    status(OBJ + "test_copy_object", "success")
    status(OBJ + "test_copy_object", "fail")           # a rerun failed
    status(OBJ + "test_object_versioning", "xfail")
    status(OBJ + "test_object_quota", "uxsuccess")
    status(S + "test_never_finished", "inprogress")
    status(S + "test_only_listed", "exists")
    return out.getvalue()


def test_a_written_subunit_stream(tmp_path):
    path = tmp_path / "written.subunit"
    path.write_bytes(written_stream())
    results = load(str(path))
    # a test passed when any of its runs passed, as refstack-client
    # uploads every success: test_copy_object failed on its rerun
    assert results.names == PASSED | {OBJ + "test_copy_object"}
    assert results.ids == {SHOW}
    # ran: not the test only listed ("exists") nor the one never finished
    assert results.tests == 9
    [obj] = comply.verdict(GUIDELINE, results, "object")
    assert (obj.passed_tests, [t.name for t in obj.missing]) == (
        2, [OBJ + "test_object_quota", OBJ + "test_object_versioning"])


# -- the text formats --------------------------------------------------------

REFSTACK_JSON = json.dumps({
    "cpid": "0f8f5f1c1a4b4e8c9d2f3a4b5c6d7e8f",
    "duration_seconds": 312,
    "results": [
        {"name": S + "test_create_server", "uuid": CREATE},
        {"name": S + "test_list_servers"},
        {"name": S + "test_get_server", "uuid": SHOW},
        {"name": OBJ + "test_upload_object", "uuid": UPLOAD},
    ]}, indent=2)

JUNIT = f"""\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="fakecloud" tests="10" failures="2" errors="1">
    <testcase classname="fakecloud.tests.test_api.ServersTest"
              name="test_create_server" time="0.10"/>
    <testcase classname="fakecloud.tests.test_api.ServersTest"
              name="{S}test_list_servers" time="0.10">
      <system-out>a name already qualified</system-out>
    </testcase>
    <testcase classname="fakecloud.tests.test_api.ServersTest"
              name="test_get_server[id-{SHOW},smoke]"/>
    <testcase classname="fakecloud.tests.test_api.ServersTest"
              name="test_delete_server">
      <failure message="500">the cloud answered 500</failure>
    </testcase>
    <testcase classname="fakecloud.tests.test_api.ServersTest"
              name="test_reboot_server">
      <error type="RuntimeError">timed out</error>
    </testcase>
    <testsuite name="objects">
      <testcase classname="fakecloud.tests.test_api.ObjectsTest"
                name="test_upload_object"/>
      <testcase classname="fakecloud.tests.test_api.ObjectsTest"
                name="test_copy_object">
        <skipped message="copy is not enabled"/>
      </testcase>
      <testcase classname="fakecloud.tests.test_api.ObjectsTest"
                name="test_object_versioning">
        <skipped type="pytest.xfail" message="known bug"/>
      </testcase>
      <testcase classname="fakecloud.tests.test_api.ObjectsTest"
                name="test_object_quota">
        <failure message="unexpected success"/>
      </testcase>
    </testsuite>
  </testsuite>
</testsuites>
"""

PLAIN = f"""\
# passed tests of a fakecloud run

{S}test_create_server
  {S}test_list_servers
{S}test_get_server[id-{SHOW}]
{OBJ}test_upload_object[id-{UPLOAD},smoke]
"""


@pytest.mark.parametrize("fmt, text, tests", [
    ("json", REFSTACK_JSON, 4),
    ("junit", JUNIT, 9),
    ("list", "\ufeff" + PLAIN, 4),
])
def test_text_formats(tmp_path, fmt, text, tests):
    path = tmp_path / "results.txt"
    path.write_text(text, encoding="utf-8")
    assert detect(str(path)) == fmt
    results = load(str(path))
    assert results.format == fmt
    assert results.names == PASSED
    assert SHOW in results.ids
    assert results.tests == tests
    assert summary(comply.verdict(GUIDELINE, results)) == EXPECTED


def test_text_before_the_first_packet(tmp_path):
    """What a test module prints as it is imported precedes the stream."""
    path = tmp_path / "run.subunit"
    path.write_bytes(b"connecting to the cloud...\n" + written_stream())
    assert detect(str(path)) == "subunit"
    assert load(str(path)).names == PASSED | {OBJ + "test_copy_object"}


def test_refstack_json_ids_and_bare_names(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"results": [
        "a.B.test_one[id-" + CREATE.upper() + "]",
        {"name": "a.B.test_two", "uuid": "id-" + LIST},
        {"name": "a.B.test_three", "uuid": None}]}))
    results = load(str(path))
    # RefStack's own results are compared as its server holds them
    assert results.names == {"a.B.test_one[id-" + CREATE.upper() + "]",
                             "a.B.test_two", "a.B.test_three"}
    assert results.ids == {CREATE, LIST}


def test_forced_format_overrides_detection(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("{not-json}\n")
    assert detect(str(path)) == "json"
    # read as a list (not as JSON), where it is not a test id
    with pytest.raises(LoadError, match="not a test id") as caught:
        load(str(path), "list")
    assert caught.value.finding.code == "E150"


def test_text_that_is_no_test_list_is_refused(tmp_path):
    """"hello" is neither a test run nor a list of test ids: E150 saying
    what was expected, not a run that passed one test."""
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    with pytest.raises(LoadError) as caught:
        load(str(path))
    f = caught.value.finding
    assert (f.code, f.line, f.col) == ("E150", 1, 1)
    assert "expected a test run" in f.message


def test_a_flagged_test_is_not_required_and_a_target_can_be_chosen():
    results = Results(frozenset({S + "test_create_server"}), frozenset(),
                      "list", 1)
    [v] = comply.verdict(GUIDELINE, results, "compute")
    assert (v.required, v.passed_tests, v.flagged) == (3, 1, 1)
    assert [t.listed for t in v.missing] == [
        f"{S}test_list_servers_v1[id-{LIST}]",
        f"{S}test_show_server[id-{SHOW}]"]
    assert S + "test_delete_server" not in {t.name for t in v.missing}


def test_percent_rounds_half_up_as_refstack_shows_it():
    v = comply.TargetVerdict("platform", required=16, passed_tests=1)
    assert v.percent == 6.3                  # 6.25, not 6.2
    v = comply.TargetVerdict("platform", required=3, passed_tests=2)
    assert v.percent == 66.7
    assert comply.TargetVerdict("platform").percent is None


# -- the corpus ------------------------------------------------------------

def _required(doc, target="platform"):
    """The required, non-flagged tests of a target: (name, id, aliases)."""
    out = {}
    for _cap, tests, _flagged in comply.required_tests(doc, target):
        for t in tests:
            out[t.name] = t
    return out


def test_corpus_platform_verdict(corpus, tmp_path):
    path = os.path.join(corpus, "2019.06.json")
    with open(path) as handle:
        doc = json.load(handle)
    required = _required(doc)
    listed = refstack.test_list(doc, "platform", ("required",), alias=False,
                                flagged=False)
    # RefStack counts a test once per required capability it is in
    [counted] = comply.verdict(doc, Results(frozenset(), frozenset(),
                                            "list", 0), "platform")
    assert counted.required == len(listed) == 275
    assert len(required) == 273
    aliased = sorted(n for n, t in required.items() if t.aliases)[0]
    by_id = sorted(n for n, t in required.items()
                   if not t.aliases and t.id and listed.count(
                       f"{n}[id-{t.id}]") == 1)[0]
    names = sorted(set(required) - {aliased, by_id})
    runs = tmp_path / "passed.txt"
    runs.write_text("\n".join(names) + "\n")
    [v] = comply.verdict(doc, load(str(runs)), "platform")
    assert not v.passed
    assert [t.name for t in v.missing] == sorted([aliased, by_id])
    assert (v.required, v.passed_tests, v.percent) == (275, 273, 99.3)
    # back through the alias; through the id under a new name only when
    # ids are asked to match (RefStack matches names and aliases)
    renamed = "tempest.api.renamed.RenamedTest.test_renamed"
    runs.write_text("\n".join(names + [
        required[aliased].aliases[0],
        f"{renamed}[id-{required[by_id].id}]"]) + "\n")
    [v] = comply.verdict(doc, load(str(runs)), "platform")
    assert [t.name for t in v.missing] == [by_id]
    assert [(t.name, n) for t, n in v.passed_elsewhere] == [
        (by_id, (renamed,))]
    [v] = comply.verdict(doc, load(str(runs)), "platform", match_ids=True)
    assert v.passed and v.missing == [] and v.capabilities == []
    assert (v.required, v.passed_tests, v.percent) == (275, 275, 100.0)
    assert cli.main(["comply", str(runs), "--guideline", path,
                     "--target", "platform"]) == 1
    assert cli.main(["comply", str(runs), "--guideline", path,
                     "--target", "platform", "--match-ids"]) == 0


def test_corpus_schema_1_2_flags_are_a_capability_list(corpus, tmp_path):
    path = os.path.join(corpus, "2015.03.json")
    with open(path) as handle:
        doc = json.load(handle)
    flagged = {t for cap in doc["capabilities"].values()
               for t in cap.get("flagged") or []}
    names = refstack.test_list(doc, "platform", ("required",),
                               flagged=False)
    assert flagged and not flagged & set(names)
    runs = tmp_path / "passed.txt"
    runs.write_text("\n".join(names) + "\n")
    [v] = comply.verdict(doc, load(str(runs)), "platform")
    assert (v.passed, v.required, v.passed_tests) == (True, len(names),
                                                      len(names))
    assert v.flagged == len(refstack.test_list(doc, "platform",
                                               ("required",))) \
        - len(names)
    runs.write_text("\n".join(names[1:]) + "\n")
    [v] = comply.verdict(doc, load(str(runs)), "platform")
    assert [t.listed for t in v.missing] == [names[0]]


def test_corpus_source_is_compiled(corpus, tmp_path, capsys):
    repo = tmp_path / "repo"
    assert cli.main(["import", os.path.join(corpus, "2019.06.json"),
                     "--out", str(repo)]) == 0
    shutil.copytree(os.path.join(ROOT, "criteria"), repo / "criteria")
    with open(os.path.join(corpus, "2019.06.json")) as handle:
        names = sorted(_required(json.load(handle), "object"))
    runs = tmp_path / "passed.txt"
    runs.write_text("\n".join(names) + "\n")
    capsys.readouterr()
    source = str(repo / "guidelines" / "2019.06.yaml")
    assert cli.main(["comply", str(runs), "--guideline", source,
                     "--target", "object"]) == 0
    assert capsys.readouterr().out.startswith(
        "object: PASS: 60 of 60 required tests passed (100.0%)\n"
        "  2019.06: approved, Board date 2019-06-01; a vendor may use it "
        "now (2026-12-01)\n")


# -- the command -----------------------------------------------------------

def test_cli_exit_codes_and_output(tmp_path, guideline, capsys):
    runs = tmp_path / "run.subunit"
    runs.write_bytes(written_stream())
    assert cli.main(["comply", str(runs), "--guideline", guideline,
                     "--target", "compute", "--match-ids"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "compute: PASS: 3 of 3 required tests passed (100.0%)\n"
        "  2026.06: status unknown; may be used now: unknown (not in a "
        "repository)\n"
        "  flagged (not counted): 1\n"
        f"    {S}test_delete_server[id-{DELETE}]: D402 bug in the code "
        "under test\n")
    assert cli.main(["comply", str(runs), "--guideline", guideline]) == 1
    out, err = capsys.readouterr()
    standing = ("  2026.06: status unknown; may be used now: unknown (not "
                "in a repository)\n")
    flagged = ("  flagged (not counted): 1\n"
               f"    {S}test_delete_server[id-{DELETE}]: D402 bug in the "
               "code under test\n")
    elsewhere = ("  passed only under another name with the same id "
                 "(RefStack does not count these; --match-ids does):\n"
                 f"    {S}test_show_server[id-{SHOW}] as "
                 f"{S}test_get_server\n")
    failed = ("  failed: 2\n"
              f"    {OBJ}test_object_quota[id-{QUOTA}]\n"
              f"    {OBJ}test_object_versioning[id-{VERSIONS}]\n")
    not_run = f"  not run: 1\n    {S}test_show_server[id-{SHOW}]\n"
    assert out == (
        "platform: FAIL: 4 of 7 required tests passed (57.1%)\n"
        + standing + failed + not_run + flagged + elsewhere
        + "compute: FAIL: 2 of 3 required tests passed (66.7%)\n"
        + standing + not_run + flagged + elsewhere
        + "object: FAIL: 2 of 4 required tests passed (50.0%)\n"
        + standing + failed)
    assert "(subunit: 9 tests, 5 passed) judged against 2026.06" in err
    assert cli.main(["comply", str(runs), "--guideline", guideline,
                     "--target", "object", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["guideline"] == "2026.06" and report["passed"] is False
    assert report["results"] == {"format": "subunit", "tests": 9,
                                 "passed": 5}
    [target] = report["targets"]
    assert [(t["name"], t["id"], t["capability"], t["outcome"])
            for t in target["failed"]] == [
        (OBJ + "test_object_quota", QUOTA, "objectstore-object", "failed"),
        (OBJ + "test_object_versioning", VERSIONS, "objectstore-object",
         "failed")]
    assert target["not_run"] == target["skipped"] == []
    assert {k: target[k] for k in ("target", "passed", "required",
                                   "passed_tests", "percent", "flagged")} \
        == {"target": "object", "passed": False, "required": 4,
            "passed_tests": 2, "percent": 50.0, "flagged": []}
    assert target["headline"] == \
        "object: FAIL: 2 of 4 required tests passed (50.0%)"


def _fails(args, capsys):
    assert cli.main(["comply", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    return err


def test_cli_unknown_target_and_missing_guideline(tmp_path, guideline,
                                                  capsys):
    runs = tmp_path / "passed.txt"
    runs.write_text(S + "test_create_server\n")
    err = _fails([str(runs), "--guideline", guideline, "--target", "dns"],
                 capsys)
    assert "unknown target 'dns'" in err
    err = _fails([str(runs), "--guideline", str(tmp_path / "none.json")],
                 capsys)
    assert "none.json:1:1: E101" in err
    with pytest.raises(SystemExit) as exc:
        cli.main(["comply", str(runs)])     # --guideline is required
    assert exc.value.code == 2


@pytest.mark.parametrize("name, data, where, says", [
    ("broken.json", b'{"results": [\n  {"name": "a.B.test_x"},\n',
     ":3:1: E150", "JSON syntax"),
    ("shape.json", b'{"results": [\n  {"name": "a.B.test_x"},\n  42\n]}',
     ":3:3: E150", "results[1]"),
    ("bomb.xml", b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n'
     b'  <!ENTITY lol "lol">\n  <!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n'
     b'<testsuite><testcase classname="a.B" name="t">&lol2;</testcase>'
     b'</testsuite>\n', ":2:1: E150", "DOCTYPE is refused"),
    ("broken.xml", b'<testsuite>\n  <testcase name="x">\n</testsuite>\n',
     ":3:3: E150", "XML syntax: mismatched tag"),
    ("html.xml", b"<html><body/></html>", ":1:1: E150",
     "root element is <html>"),
    ("v1.txt", b"a.B.test_x\nsuccess: a.B.test_x\n", ":2:1: E150",
     "--results-format subunit-v1"),
    ("binary.bin", b"\x00\xff\xfe junk", ":1:2: E150",
     "neither a subunit v2 stream nor text"),
    ("empty.txt", b"  \n", ":1:1: E150", "empty"),
])
def test_cli_malformed_results(tmp_path, guideline, capsys, name, data,
                               where, says):
    runs = tmp_path / name
    runs.write_bytes(data)
    err = _fails([str(runs), "--guideline", guideline], capsys)
    assert f"{runs}{where}" in err and says in err, err


def test_cli_truncated_and_corrupt_subunit(tmp_path, guideline, capsys):
    stream = written_stream()
    runs = tmp_path / "cut.subunit"
    runs.write_bytes(stream[:-7])
    err = _fails([str(runs), "--guideline", guideline], capsys)
    assert f"{runs}:1:1: E150 subunit: the packet at byte " in err
    assert "Short read" in err and "truncated or corrupt" in err
    bad = bytearray(stream)
    bad[20] ^= 0xFF                         # inside the first packet
    runs.write_bytes(bytes(bad))
    err = _fails([str(runs), "--guideline", guideline], capsys)
    assert "the packet at byte 0 cannot be read" in err
    # forced subunit on a file that has no packet at all
    runs.write_text(S + "test_create_server\n")
    err = _fails([str(runs), "--guideline", guideline,
                  "--results-format", "subunit"], capsys)
    assert "no v2 packet" in err


def test_cli_refuses_a_symlinked_results_file(tmp_path, guideline, capsys):
    real = tmp_path / "passed.txt"
    real.write_text(S + "test_create_server\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    err = _fails([str(link), "--guideline", guideline], capsys)
    assert f"{link}:1:1: E150 refusing to follow a symbolic link" in err


# -- what real clients produce ---------------------------------------------

def _filter(script: str, data: bytes) -> bytes:
    """Run one of python-subunit's filters, as a user would."""
    done = subprocess.run(
        [sys.executable, "-m", f"subunit.filter_scripts.{script}"],
        input=data, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def test_subunit_v1_as_refstack_client_reads_it(tmp_path):
    """refstack-client uploads are made from v1 streams (subunit-2to1)."""
    v2 = run_fakecloud(tmp_path)
    path = tmp_path / "run.v1"
    path.write_bytes(_filter("subunit_2to1", v2))
    assert b"\ntest: " in path.read_bytes()
    assert detect(str(path)) == "subunit-v1"
    v1 = load(str(path))
    assert v1.format == "subunit-v1"
    assert v1.names == load_v2(tmp_path, v2).names
    assert v1.tests == 10
    assert summary(comply.verdict(GUIDELINE, v1)) == EXPECTED


def load_v2(tmp_path, data: bytes):
    path = tmp_path / "run.v2"
    path.write_bytes(data)
    return load(str(path))


def test_the_count_is_of_tests_that_ran(tmp_path):
    """Enumerated tests (what `stestr list` or a test loader reports) are
    not counted, as subunit-stats does not count them."""
    out = io.BytesIO()
    w = subunit.StreamResultToBytes(out)
    for n in range(5):
        w.status(test_id=f"a.B.test_{n}", test_status="exists")
    for n in range(2):
        w.status(test_id=f"a.B.test_{n}", test_status="inprogress")
        w.status(test_id=f"a.B.test_{n}", test_status="success")
    results = load_v2(tmp_path, out.getvalue())
    assert (results.tests, len(results.names)) == (2, 2)
    stats = _filter("subunit_stats", out.getvalue()).decode()
    assert "Total tests:       2" in stats


def test_a_stestr_repository(tmp_path):
    repo = tmp_path / "project"
    stestr = repo / ".stestr"
    stestr.mkdir(parents=True)
    (stestr / "format").write_text("1\n")
    (stestr / "0").write_bytes(b"")              # an older, empty run
    (stestr / "1").write_bytes(written_stream())  # the latest
    (stestr / "next-stream").write_text("2\n")
    for path in (repo, stestr):
        results = load(str(path))
        assert results.format == "stestr"
        assert results.names == PASSED | {OBJ + "test_copy_object"}
    (stestr / "next-stream").write_text("0\n")
    with pytest.raises(LoadError) as exc:
        load(str(repo))
    assert "holds no run yet" in str(exc.value)


def test_a_repository_written_by_stestr(tmp_path):
    """stestr itself runs the fake cloud's tests twice (first one test,
    then all) into its repository: the latest run is read, with the names
    and count python-subunit's own runner gives."""
    pytest.importorskip("stestr", reason="stestr (the test extra) is not "
                        "installed")
    import re
    expected = load_v2(tmp_path, run_fakecloud(tmp_path))
    (tmp_path / ".stestr.conf").write_text(
        "[DEFAULT]\ntest_path=./fakecloud/tests\ntop_dir=./\n")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    first = sorted(expected.names)[0]
    for selection in ([re.escape(first) + "$"], []):
        done = subprocess.run(
            [sys.executable, "-m", "stestr", "run", *selection],
            cwd=tmp_path, env=env, capture_output=True, timeout=300)
        assert done.returncode in (0, 1), done.stderr.decode()
    assert {"0", "1"} <= set(os.listdir(tmp_path / ".stestr"))
    results = load(str(tmp_path))
    assert results.format == "stestr"
    assert (results.names, results.tests) == (expected.names,
                                              expected.tests)
    assert results.names != {first}  # the latest run, not the first
    assert summary(comply.verdict(GUIDELINE, results)) == EXPECTED


def test_refstack_json_names_with_attributes_do_not_match(tmp_path):
    """RefStack's page compares the names it holds: an uploaded
    ``name[id-...,smoke]`` is not ``name`` (a false pass before)."""
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"results": [
        {"name": f"{S}test_create_server[id-{CREATE},smoke]"},
        {"name": S + "test_list_servers"}]}))
    [v] = comply.verdict(GUIDELINE, load(str(path)), "compute")
    assert S + "test_create_server" in {t.name for t in v.missing}
    runner = tmp_path / "passed.txt"          # a runner's list is cut
    runner.write_text(f"{S}test_create_server[id-{CREATE},smoke]\n")
    assert S + "test_create_server" in load(str(runner)).names


def test_tests_sharing_an_id_count_each_by_name(corpus, tmp_path):
    """2018.02 gives one id to three volume metadata tests: a run that
    passed one of them under its own name passes the two others only if
    their names or aliases say so (RefStack: 315/317, not 317/317)."""
    path = os.path.join(corpus, "2018.02.json")
    with open(path) as handle:
        doc = json.load(handle)
    required = _required(doc)
    by_id = {}
    for t in required.values():
        by_id.setdefault(t.id, []).append(t.name)
    [shared] = [names for names in by_id.values() if len(names) == 3]
    ran = next(n for n in shared if n.endswith(
        "test_create_get_delete_volume_metadata"))
    passed = sorted(set(required) - set(shared)) + [
        f"{ran}[id-{required[ran].id}]"]
    runs = tmp_path / "passed.txt"
    runs.write_text("\n".join(passed) + "\n")
    [v] = comply.verdict(doc, load(str(runs)), "platform")
    assert (v.required, v.passed_tests) == (317, 315)
    assert {t.name for t in v.missing} == set(shared) - {ran}
    assert {t.name for t, _ in v.passed_elsewhere} == set(shared) - {ran}
    [v] = comply.verdict(doc, load(str(runs)), "platform", match_ids=True)
    assert (v.required, v.passed_tests) == (317, 317)


def test_the_nfv_target_on_the_published_draft_and_its_1_6_base(corpus,
                                                                capsys):
    """The NFV draft takes os_powered_compute from 2017.09.json, a 1.6
    guideline where that component is named compute."""
    path = os.path.join(corpus, "verticals", "nfv.next.json")
    assert cli.main(["testlist", path, "--target", "nfv", "--type",
                     "required"]) == 0
    lines = capsys.readouterr().out.splitlines()
    with open(os.path.join(corpus, "2017.09.json")) as handle:
        base = json.load(handle)
    compute = refstack.test_list(base, "compute", ("required",))
    assert compute and set(compute) <= set(lines)


def test_the_nfv_target_on_the_repository_draft(root, capsys):
    path = os.path.join(root, "verticals", "guidelines", "nfv.next.json")
    assert cli.main(["testlist", path, "--target", "nfv"]) == 0
    assert capsys.readouterr().out.strip()


def test_text_between_packets_is_skipped_in_blocks(tmp_path, monkeypatch):
    """A megabyte of text a test printed used to reach subunit's parser a
    byte at a time (about 10 s); the reader now skips it whole.  Counted,
    not timed: the parser's reads stay a few per packet."""
    from interop.refstack import streams
    out = io.BytesIO()
    w = subunit.StreamResultToBytes(out)
    for n in range(50):
        w.status(test_id=f"a.B.test_{n}", test_status="success")
        # text with 0xb3 inside UTF-8 characters (U+00B3, U+00F3) that
        # must not be taken for a packet
        out.write("ó, ³: text a test printed\n".encode() * 400)
    path = tmp_path / "chatty.subunit"
    path.write_bytes(out.getvalue())
    calls = []
    read = streams._Packets.read

    def counted(self, size=-1):
        calls.append(size)
        return read(self, size)

    monkeypatch.setattr(streams._Packets, "read", counted)
    results = load(str(path))
    assert results.tests == len(results.names) == 50
    assert len(out.getvalue()) > 500_000 and len(calls) < 50 * 12


def test_control_characters_in_names_reach_no_terminal(tmp_path, capsys):
    """A test name holding ESC or CR cannot forge a 'PASS' line or retitle
    the window: comply and testlist show such characters as escapes."""
    doc = json.loads(json.dumps(GUIDELINE))
    forged = S + "test_x\r\x1b]0;owned\x07compute: PASS 999/999"
    doc["capabilities"]["compute-servers"]["tests"][forged] = {
        "idempotent_id": f"id-{CREATE}"}
    doc["metadata"]["id"] = "2026.06\x1b[2J"
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(doc))
    runs = tmp_path / "passed.txt"
    runs.write_text(S + "test_create_server\n")
    assert cli.main(["comply", str(runs), "--guideline", str(path),
                     "--target", "compute"]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\r" not in out + err
    assert "test_x\\x0d\\x1b]0;owned\\x07compute" in out
    assert cli.main(["testlist", str(path), "--target", "compute"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out and "\\x1b]0;" in out
