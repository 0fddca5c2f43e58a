"""One cycle, end to end, as people live it (issue 24).

A rehearsal on a git clone of this repository's own content, with the
pinned Tempest and plugins installed: each step runs the ``interop``
console script as a subprocess, as a user would, with "today" frozen for
the step (``INTEROP_TODAY``), and commits what it wrote.  After every
step, ``interop check``, ``interop compile --check`` and ``interop review
HEAD --format gerrit`` on that commit agree: no error where the process
was followed, the right error where it was not.

The steps run in order and share the clone (a step stands on the ones
before it); each is named for what it proves, and each defect the issue
lists is a step that failed before the change:

- a project team scaffolds an add-on for Manila (URLs where the published
  files live; the owner registered), picks and scores capabilities with
  manila-tempest-plugin's real tests (R004 maps the distribution to
  ``manila_tempest_tests``), verifies and proposes them; the Working
  Group's approval needs the proposal first;
- the Working Group approves the Powered draft and moves it to review
  (``interop status``); a release of a draft never in review is refused;
  the Board's date is recorded by ``release``, which says what ``next``
  now means for the add-ons;
- an editor flags a test of the released guideline (D402 with its bug,
  dated today: F002 reads the frozen day); ``next`` keeps that flag and
  its review passes; in the new draft an editor promotes an advisory
  capability and deprecates one, with a reason (L013 without one);
- a vendor's run (a subunit v2 stream written here with python-subunit)
  is judged against the released guideline and an add-on: failures with
  their first line, skips with their reason, the guideline's status and
  whether it may be used now, the add-on's required Powered component;
- ``interop guidelines`` lists what a vendor may use on the day.
"""
from __future__ import annotations

import ast
import io
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from interop.tests.conftest import ROOT

pytest.importorskip("tempest", reason="the rehearsal needs Tempest")
manila = pytest.importorskip(
    "manila_tempest_tests", reason="the rehearsal needs manila-tempest-plugin")
subunit = pytest.importorskip("subunit", reason="needs python-subunit")

ADD_ON = "add-ons/shared-file-systems/next.yaml"
SHEET = "criteria/scoring/shared-file-systems/next.yaml"
POWERED = "guidelines/next.yaml"
RELEASED = "guidelines/2027.06.yaml"
WG = "https://meetings.opendev.org/interop/2027-05-06.html"
BOARD_URL = "https://board.example.org/2027-06-10"


def _interop() -> str:
    """The console script installed with the package (beside python)."""
    here = os.path.join(os.path.dirname(sys.executable), "interop")
    found = here if os.path.exists(here) else shutil.which("interop")
    if not found:
        pytest.skip("the interop console script is not installed")
    return found


class Cycle:
    """The clone and the commands run in it."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.script = _interop()
        self.flagged = ""   # the test an editor flags in step 7
        self.env = dict(os.environ, GIT_AUTHOR_NAME="Rehearsal",
                        GIT_AUTHOR_EMAIL="rehearsal@example.org",
                        GIT_COMMITTER_NAME="Rehearsal",
                        GIT_COMMITTER_EMAIL="rehearsal@example.org")

    def run(self, day: str, *args: str, code: int | None = 0
            ) -> subprocess.CompletedProcess:
        env = dict(self.env, INTEROP_TODAY=day)
        done = subprocess.run([self.script, *args], cwd=self.root, env=env,
                              capture_output=True, text=True, check=False)
        assert "Traceback" not in done.stderr, done.stderr
        if code is not None:
            assert done.returncode == code, (args, done.returncode,
                                             done.stdout[-2000:],
                                             done.stderr[-2000:])
        return done

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, env=self.env,
                              capture_output=True, text=True,
                              check=True).stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-qm", message)

    def read(self, rel: str) -> str:
        with open(os.path.join(self.root, rel), encoding="utf-8") as handle:
            return handle.read()

    def write(self, rel: str, text: str) -> None:
        with open(os.path.join(self.root, rel), "w",
                  encoding="utf-8") as handle:
            handle.write(text)

    def agree(self, day: str) -> dict:
        """check, compile --check and review of HEAD agree the step
        followed the process: no error anywhere.  Returns the review."""
        check = self.run(day, "check", code=None)
        assert check.returncode == 0, check.stdout[-3000:]
        self.run(day, "compile", "--check")
        review = self.run(day, "review", "HEAD", "--format", "gerrit")
        found = json.loads(review.stdout)
        assert found["labels"] == {"Verified": 1}, found["message"]
        return found


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> Cycle:
    if not os.path.isdir(os.path.join(ROOT, ".git")) and \
            not os.path.isfile(os.path.join(ROOT, ".git")):
        pytest.skip("the rehearsal clones the repository: not a git "
                    "checkout")
    root = str(tmp_path_factory.mktemp("cycle") / "interop")
    subprocess.run(["git", "clone", "-q", ROOT, root], check=True)
    return Cycle(root)


def manila_tests(count: int = 2) -> list[tuple[str, str]]:
    """(test id, idempotent id) of the installed plugin's share tests, read
    from its source as Tempest's loader names them."""
    folder = os.path.dirname(manila.__file__)
    path = os.path.join(folder, "tests", "api", "test_shares.py")
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    found = []
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef) or \
                    not fn.name.startswith("test_"):
                continue
            for deco in fn.decorator_list:
                if isinstance(deco, ast.Call) and getattr(
                        deco.func, "attr", "") == "idempotent_id":
                    found.append((f"manila_tempest_tests.tests.api."
                                  f"test_shares.{cls.name}.{fn.name}",
                                  deco.args[0].value))
    assert len(found) >= count, found
    return found[:count]


def plugin_version() -> str:
    import importlib.metadata
    return importlib.metadata.version("manila-tempest-plugin")


# -- the project team ------------------------------------------------------

def test_01_new_add_on_writes_published_urls_and_registers_its_owner(cycle):
    day = "2026-12-07"
    refused = cycle.run(day, "new", "add-on", "shared-file-systems", code=2)
    assert "--team" in refused.stderr and "--group" in refused.stderr
    done = cycle.run(day, "new", "add-on", "shared-file-systems", "--team",
                     "manila", "--group", "manila-core")
    assert "next step:" in done.stderr
    source = cycle.read(ADD_ON)
    base = "https://opendev.org/openstack/interop/raw/branch/master"
    assert f"  source: {base}/add-ons/guidelines/shared-file-systems." \
        "next.json\n" in source
    assert f"        source: {base}/guidelines/next.json\n" in source
    assert "guidelines/guidelines" not in source
    assert "guidelines/add-ons" not in source
    programs = cycle.read("criteria/process/programs.yaml")
    assert re.search(r"  shared-file-systems:\n    owner: project-team\n"
                     r"    team: manila\n    gerrit_group: manila-core\n",
                     programs)
    cycle.commit("New add-on: shared file systems")
    review = cycle.agree(day)
    # the review names the team as the owner, not the Working Group
    assert "the manila project team (Gerrit group manila-core)" in \
        review["message"]


def _fill_in(cycle: Cycle, repositories: str) -> None:
    tests = manila_tests()
    listed = "".join(f"      {name}: id-{uuid}\n" for name, uuid in tests)
    source = cycle.read(ADD_ON).replace(
        "      advisory: []\n",
        "      advisory: [shared-file-systems-shares-crud]\n", 1).replace(
        "capabilities: {}\n",
        "capabilities:\n"
        "  shared-file-systems-shares-crud:\n"
        "    project: manila\n"
        # the plugin's share tests need administrator credentials (V008)
        "    admin: true\n"
        "    description: >-\n"
        "      A project creates a share, reads it back and deletes it.\n"
        "    tests:\n" + listed, 1).replace(
        "test_repositories: {}\n", repositories, 1)
    cycle.write(ADD_ON, source)
    marks = ("{atomic: 1, clients: 1, complete: 1, discover: 1, doc: 1,\n"
             "            future: 1, stable: 1, sticky: 0, tools: 1}")
    cycle.write(SHEET, cycle.read(SHEET).replace(
        "capabilities: {}\n",
        "capabilities:\n"
        "  shared-file-systems-shares-crud:\n"
        "    section: Shares\n"
        "    admin: true\n"
        f"    marks: {marks}\n"
        "    comments: {sticky: The program's first guideline.}\n"))


def test_02_team_picks_real_manila_tests_r004_maps_the_plugin(cycle):
    day = "2026-12-14"
    # no test repository named while listing plugin tests: an error
    _fill_in(cycle, "test_repositories: {}\n")
    check = cycle.run(day, "check", ADD_ON, code=1)
    assert "R006" in check.stdout
    cycle.git("checkout", "--", ".")
    # the plugin named: its real tests are its package's (no R004)
    _fill_in(cycle, "test_repositories:\n"
             "  manila-tempest-plugin:\n"
             "    repository: https://opendev.org/openstack/"
             "manila-tempest-plugin/\n"
             f"    reference: \"{plugin_version()}\"\n")
    cycle.run(day, "compile")
    check = cycle.run(day, "check", ADD_ON)
    assert "R004" not in check.stdout
    cycle.run(day, "tests", "verify", ADD_ON)
    cycle.commit("Shared file systems: shares, scored")
    cycle.agree(day)
    # the team's draft has a Board packet, and it builds
    pytest.importorskip("rst2pdf", reason="the packet needs rst2pdf")
    out = os.path.join(os.path.dirname(cycle.root), "packets")
    done = cycle.run(day, "packet", ADD_ON, "--out", out)
    assert done.stdout.strip().endswith("-packet.pdf")
    assert os.path.getsize(done.stdout.strip()) > 1000


def test_03_working_group_approval_needs_the_team_proposal_first(cycle):
    day = "2027-01-20"
    before = cycle.git("status", "--porcelain")
    refused = cycle.run(day, "approve", "shared-file-systems.next", "--by",
                        "working-group", "--date", day, "--reference", WG,
                        code=2)
    assert "B011" in refused.stderr
    assert cycle.git("status", "--porcelain") == before
    # the team's proposal: the team comes from programs.yaml
    done = cycle.run(day, "approve", "shared-file-systems.next", "--by",
                     "project-team", "--date", "2027-01-15", "--reference",
                     "https://review.opendev.org/c/openstack/manila/+/1")
    assert "next step: the Working Group approves" in done.stderr
    cycle.commit("The manila team proposes the add-on")
    cycle.agree(day)
    cycle.run(day, "approve", "shared-file-systems.next", "--by",
              "working-group", "--date", day, "--reference", WG)
    cycle.commit("The Working Group approves the add-on")
    cycle.agree(day)


# -- the Working Group and the Board ---------------------------------------

def test_04_release_of_a_draft_never_in_review_is_refused(cycle):
    day = "2027-06-15"
    cycle.run("2027-05-06", "approve", "next", "--by", "working-group",
              "--date", "2027-05-06", "--reference", WG)
    cycle.commit("The Working Group approves the Powered draft")
    cycle.agree("2027-05-06")
    refused = cycle.run(day, "release", "next", "--as", "2027.06",
                        "--board-date", "2027-06-10", "--reference",
                        BOARD_URL, code=2)
    assert "B012" in refused.stderr and "interop status next review" in \
        refused.stderr
    assert cycle.git("status", "--porcelain") == ""


def test_05_status_moves_the_draft_to_review(cycle):
    day = "2027-05-07"
    done = cycle.run(day, "status", "next", "review")
    assert "next step: the Board votes" in done.stderr
    assert "    status: review\n" in cycle.read(POWERED)
    cycle.commit("The Powered draft goes to the Board")
    cycle.agree(day)
    # the packet the Board reads of the draft in review builds
    pytest.importorskip("rst2pdf", reason="the packet needs rst2pdf")
    out = os.path.join(os.path.dirname(cycle.root), "packets")
    done = cycle.run(day, "packet", POWERED, "--out", out)
    assert done.stdout.strip().endswith("powered-next-packet.pdf")
    assert os.path.getsize(done.stdout.strip()) > 1000


def test_06_release_records_the_board_and_says_what_next_means(cycle):
    day = "2027-06-15"
    done = cycle.run(day, "release", "next", "--as", "2027.06",
                     "--board-date", "2027-06-10", "--reference", BOARD_URL)
    assert "add-ons/shared-file-systems/next.yaml: builds on Powered next; " \
        "'next' is now the draft that follows 2027.06" in done.stderr
    assert "next step: the Working Group runs 'interop next powered'" in \
        done.stderr
    released = cycle.read(RELEASED)
    assert "- by: board\n      date: \"2027-06-10\"\n" in released
    cycle.commit("Release 2027.06")
    cycle.agree(day)


def test_07_editor_flags_a_test_of_the_released_guideline_today(cycle):
    """D402 with its bug, dated the frozen day: F002 reads the same day as
    the B rules (it read the clock)."""
    day = "2027-06-18"
    text = cycle.read(RELEASED)
    # a required compute test written "name: id" (hard reboot, if listed)
    found = re.search(r"(      tempest\.api\.compute\.servers\."
                      r"test_server_actions\.ServerActionsTestJSON\."
                      r"test_reboot_server_hard): (id-[0-9a-f-]+)\n",
                      text) or re.search(
        r"(      tempest\.api\.compute\.servers\.\S+): "
        r"(id-[0-9a-f-]+)\n", text)
    assert found, "the released guideline lists a compute server test"
    cycle.flagged = found[1].strip()
    cycle.write(RELEASED, text.replace(found[0], (
        f"{found[1]}:\n"
        f"        idempotent_id: {found[2]}\n"
        "        flagged:\n"
        "          reason: \"[D402] Hard reboot fails on some hypervisors "
        "(https://bugs.launchpad.net/nova/+bug/2000001).\"\n"
        "          action: Flagged until the bug is fixed in nova.\n"
        f"          date: \"{day}\"\n")))
    cycle.run(day, "compile")
    cycle.commit("Flag the hard reboot test of 2027.06 (D402)")
    cycle.agree(day)
    assert '"flagged"' in cycle.read("guidelines/2027.06.json")


def test_08_next_keeps_the_flag_and_its_review_passes(cycle):
    day = "2027-06-20"
    done = cycle.run(day, "next", "powered")
    assert f"flag of {cycle.flagged} kept: D402: the bug is not recorded " \
        "fixed" in done.stderr
    draft = cycle.read(POWERED)
    assert draft.startswith("# OpenStack Powered: the next guideline "
                            "(DRAFT)")
    assert "Its tests do not change any more" not in draft
    assert "[D402] Hard reboot fails" in draft
    assert "    status: draft\n" in draft
    cycle.commit("Start the next draft")
    review = cycle.agree(day)
    assert "G002" not in review["message"]


def _statuses(text: str) -> dict[str, str]:
    """capability -> status of the components block of a source."""
    import yaml
    tree = yaml.safe_load(text)
    out = {}
    for comp in tree["components"].values():
        for status, names in comp["capabilities"].items():
            for name in names or []:
                out[name] = status
    return out


def test_09_editor_promotes_advisory_and_deprecates_with_a_reason(cycle):
    day = "2027-07-01"
    text = cycle.read(POWERED)
    statuses = _statuses(text)
    promote = "compute-servers-tags"
    deprecate = "compute-limits-get"
    assert statuses[promote] == statuses[deprecate] == "advisory"
    # advisory -> required (it was advisory in 2027.06: L001 allows it)
    cycle.write(POWERED, _move(text, promote, "advisory", "required"))
    check = cycle.run(day, "check", POWERED, code=None)
    assert "L001" not in check.stdout, check.stdout
    cycle.run(day, "compile")
    cycle.commit(f"Promote {promote} to required")
    cycle.agree(day)
    # a deprecation without a reason is an error (L013) ...
    moved = _move(cycle.read(POWERED), deprecate, "advisory", "deprecated")
    cycle.write(POWERED, moved)
    check = cycle.run(day, "check", POWERED, code=1)
    assert "L013" in check.stdout and deprecate in check.stdout
    # ... and passes with its reason
    cycle.write(POWERED, moved.replace(
        f"  {deprecate}:\n    project: nova\n",
        f"  {deprecate}:\n    project: nova\n    why: The limits call moves "
        "to the unified limits service.\n", 1))
    cycle.run(day, "compile")
    cycle.commit(f"Deprecate {deprecate}, with a reason")
    cycle.agree(day)


def _move(text: str, name: str, old: str, new: str) -> str:
    """``text`` with ``name`` moved from the ``old`` list of its
    component's capabilities to the ``new`` one (block lists)."""
    line = f"        - {name}\n"
    assert line in text
    text = text.replace(line, "", 1)
    head = re.search(rf"      {new}:(?: \[\])?\n", text)
    if head[0].endswith("[]\n"):
        return text.replace(head[0], f"      {new}:\n{line}", 1)
    return text.replace(head[0], head[0] + line, 1)


# -- the vendor ------------------------------------------------------------

def _stream(outcomes: dict[str, tuple[str, str | None]]) -> bytes:
    out = io.BytesIO()
    writer = subunit.StreamResultToBytes(out)
    for test, (status, text) in outcomes.items():
        writer.status(test_id=test, test_status="inprogress")
        if text is not None:
            writer.status(test_id=test, file_name="reason" if status ==
                          "skip" else "traceback",
                          file_bytes=text.encode(),
                          mime_type="text/plain; charset=utf8", eof=True)
        writer.status(test_id=test, test_status=status)
    return out.getvalue()


def test_10_vendor_verdict_tells_the_truth(cycle, tmp_path):
    day = "2027-06-25"
    listed = cycle.run(day, "testlist", "guidelines/2027.06.json",
                       "--target", "platform", "--type", "required",
                       "--flag", "false", "--alias", "false").stdout
    names = [line.split("[")[0] for line in listed.splitlines() if line]
    run = {n: ("success", None) for n in names[2:]}
    run[names[0]] = ("fail", "Traceback (most recent call last):\n"
                     "  File \"t.py\", line 1, in test\n"
                     "AssertionError: 404 != 200\n")
    run[names[1]] = ("skip", "no floating IPs in this cloud")
    stream = tmp_path / "run.subunit"
    stream.write_bytes(_stream(run))
    done = cycle.run(day, "comply", str(stream), "--guideline",
                     "guidelines/2027.06.json", "--target", "platform",
                     "--format", "json", code=1)
    [target] = json.loads(done.stdout)["targets"]
    assert target["standing"]["status"] == "approved"
    assert target["standing"]["board_date"] == "2027-06-10"
    assert target["standing"]["usable_now"] is True
    assert [(t["name"], t["detail"]) for t in target["failed"]] == [
        (names[0], "AssertionError: 404 != 200")]
    assert [(t["name"], t["detail"]) for t in target["skipped"]] == [
        (names[1], "no floating IPs in this cloud")]
    assert [t["detail"][:6] for t in target["flagged"]
            if t["name"] == cycle.flagged] == ["[D402]"]
    text = cycle.run(day, "comply", str(stream), "--guideline",
                     "guidelines/2027.06.json", "--target", "platform",
                     code=1).stdout
    assert text.startswith(f"platform: FAIL: {len(names) - 2} of "
                           f"{len(names)} required tests passed")
    assert "flagged (not counted)" in text
    # the add-on: its own tests pass, the Powered component it requires
    # is judged on the same run
    dns = cycle.run(day, "testlist", "add-ons/guidelines/dns.next.json",
                    "--target", "dns", "--type", "required", "--flag",
                    "false", "--alias", "false").stdout
    only = tmp_path / "dns.subunit"
    only.write_bytes(_stream({line.split("[")[0]: ("success", None)
                              for line in dns.splitlines() if line}))
    done = cycle.run(day, "comply", str(only), "--guideline",
                     "add-ons/guidelines/dns.next.json", "--target", "dns",
                     code=1)
    assert "; requires compute, not passed" in done.stdout.splitlines()[0]
    assert "dns.next: draft" in done.stdout
    # not a test run: refused, saying what was expected
    hello = tmp_path / "hello.txt"
    hello.write_text("hello\n")
    refused = cycle.run(day, "comply", str(hello), "--guideline",
                        "guidelines/2027.06.json", code=2)
    assert "E150" in refused.stderr and "expected a test run" in \
        refused.stderr


def test_11_guidelines_lists_what_a_vendor_may_use(cycle):
    done = cycle.run("2027-06-25", "guidelines", "--format", "json")
    rows = {r["id"]: r for r in json.loads(done.stdout)}
    assert rows["2027.06"]["usable_now"] is True
    assert rows["2027.06"]["board_date"] == "2027-06-10"
    assert rows["2020.06"]["usable_now"] is True
    assert rows["2019.11"]["usable_now"] is False
    assert rows["next"]["status"] == "draft"
    # before the Board's vote, the two baselines were the usable ones
    done = cycle.run("2027-06-01", "guidelines", "--format", "json")
    rows = {r["id"]: r for r in json.loads(done.stdout)}
    assert rows["2020.06"]["usable_now"] and rows["2019.11"]["usable_now"]
