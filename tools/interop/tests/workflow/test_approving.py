"""The approval chain through the commands: ``interop approve`` keeps every
comment, and ``interop release`` refuses without the Board's decision or
the chain before it, leaving the tree byte for byte as it was."""
import json
import os

import git
import pytest

from interop.load.source import load_yaml_file
from interop.repository import Repository
from interop.tests.workflow.test_governance import (
    BOARD,
    DRAFT,
    WG_RECORD,
    errors,
    interop,
    make_repo,
    read,
    record_chain,
    refused,
    tree_hash,
    write,
)
from interop.workflow.scaffold import scaffold

URL = "https://example.org/board/2027-06-10"


@pytest.fixture(autouse=True)
def after_the_votes(monkeypatch):
    monkeypatch.setenv("INTEROP_TODAY", "2028-01-20")


@pytest.fixture
def repo(tmp_path):
    return make_repo(str(tmp_path / "repo"))


def chain(root, rel):
    return load_yaml_file(os.path.join(root, rel))["metadata"].get(
        "approvals")


@pytest.mark.parametrize("args, message", [
    ((), "--board-date YYYY-MM-DD and --reference"),
    (("--board-date", "2027-06-10"), "--board-date YYYY-MM-DD and "
                                     "--reference"),
    (("--reference", URL), "--board-date YYYY-MM-DD and --reference"),
    (("--board-date", "2027-06-31", "--reference", URL),
     "not a day of the calendar"),
    (("--board-date", "10/06/2027", "--reference", URL),
     "not a day of the calendar"),
    (("--board-date", "2027-07-01", "--reference", URL), "not in 2027.06"),
    (("--board-date", "2027-05-31", "--reference", URL), "not in 2027.06"),
    (("--board-date", "2027-06-10", "--reference", " "),
     "needs a reference"),
    (("--board-date", "2027-06-10", "--reference", "javascript:alert(1)//"
      "x://y"), "one line of text, or an http(s) URL"),
    (("--board-date", "2027-06-10", "--reference", "line\nbreak"),
     "one line of text"),
])
def test_release_refuses_without_a_proper_board_decision(repo, capsys, args,
                                                         message):
    assert message in refused(repo, capsys, "release", "next", "--as",
                              "2027.06", *args)


def test_release_refuses_a_board_date_in_the_future(repo, capsys,
                                                    monkeypatch):
    monkeypatch.setenv("INTEROP_TODAY", "2027-06-09")
    err = refused(repo, capsys, "release", "next", "--as", "2027.06", *BOARD)
    assert "2027-06-10 is in the future (today is 2027-06-09)" in err
    monkeypatch.setenv("INTEROP_TODAY", "2027-06-10")
    assert interop(repo, "release", "next", "--as", "2027.06", *BOARD) == 0


def test_release_refuses_without_the_working_group(repo, capsys):
    """A draft the Working Group never approved is still a draft: the
    Board cannot decide on it (B012, run on the release's trial)."""
    write(repo, "guidelines/next.yaml", DRAFT.replace(WG_RECORD, "").replace(
        "status: review", "status: draft"))
    git.Repo(repo).git.commit("-qam", "no approval")
    before = tree_hash(repo)
    err = refused(repo, capsys, "release", "next", "--as", "2027.06", *BOARD)
    assert "B012" in err and "interop status next review" in err
    assert tree_hash(repo) == before


def test_release_refuses_a_draft_never_in_review(repo, capsys):
    """Issue 24: release accepted a draft that was never in review (B009
    is only the schedule's warning); now B012 refuses it, even with the
    Working Group's approval recorded."""
    write(repo, "guidelines/next.yaml", DRAFT.replace(
        "status: review", "status: draft"))
    git.Repo(repo).git.commit("-qam", "approved, never in review")
    err = refused(repo, capsys, "release", "next", "--as", "2027.06", *BOARD)
    assert "B012 next is a draft, but records the Board's decision" in err
    assert "nothing written" in err


def test_release_refuses_a_working_group_after_the_board(repo, capsys):
    write(repo, "guidelines/next.yaml", DRAFT.replace(
        "2027-05-20", "2027-06-11"))
    git.Repo(repo).git.commit("-qam", "late approval")
    err = refused(repo, capsys, "release", "next", "--as", "2027.06", *BOARD)
    assert "B006 board approval dated 2027-06-10, before the " \
        "working-group decision of 2027-06-11" in err


def test_release_refuses_an_addon_without_its_team(repo, capsys):
    scaffold(Repository(repo), "add-on", "dns", "dns-team", "dns-core")
    found = git.Repo(repo)
    found.git.add("-A")
    found.git.commit("-qm", "dns")
    # the Working Group's approval before any proposal: refused (B011)
    before = tree_hash(repo)
    err = refused(repo, capsys, "approve", "dns.next", "--by",
                  "working-group", "--date", "2027-05-01", "--reference",
                  "https://example.org/wg")
    assert "B011" in err and "--by project-team" in err
    assert tree_hash(repo) == before
    # nor can it go to review, or be released, without one
    err = refused(repo, capsys, "status", "dns.next", "review")
    assert "B005" in err or "B004" in err
    err = refused(repo, capsys, "release", "next", "--as", "2027.06",
                  "--program", "dns", *BOARD)
    assert "B012" in err


def test_released_guideline_records_the_board_and_passes_check(repo):
    assert interop(repo, "release", "next", "--as", "2027.06", *BOARD,
                   "--note", "Approved with the NFV vertical.") == 0
    assert chain(repo, "guidelines/2027.06.yaml") == [
        {"by": "working-group", "date": "2027-05-20",
         "reference": "https://example.org/wg/2027-05-20"},
        {"by": "board", "date": "2027-06-10", "reference": URL,
         "note": "Approved with the NFV vertical."}]
    # the published file RefStack reads has no place for it
    assert "approvals" not in read(repo, "guidelines/2027.06.json")
    assert errors(repo) == []
    assert interop(repo, "check") == 0


# -- interop approve ---------------------------------------------------------

def test_approve_appends_and_keeps_every_comment(repo, capsys):
    before = read(repo, "guidelines/next.yaml")
    assert interop(repo, "approve", "guidelines/next.yaml", "--by",
                   "working-group", "--date", "2027-05-27", "--reference",
                   "https://example.org/wg/2027-05-27") == 0
    assert capsys.readouterr().out.split() == ["guidelines/next.yaml"]
    after = read(repo, "guidelines/next.yaml")
    # the same text, one item longer: comments and lines all kept
    assert after == before.replace(WG_RECORD, WG_RECORD + """\
    - by: working-group
      date: "2027-05-27"
      reference: https://example.org/wg/2027-05-27
""")
    assert "# The draft: comments stay." in after
    assert "status: review  # until the Board says" in after


def test_approve_starts_the_list_and_finds_a_guideline_by_id(repo):
    scaffold(Repository(repo), "add-on", "dns", "dns-team", "dns-core")
    found = git.Repo(repo)
    found.git.add("-A")
    found.git.commit("-qm", "dns")
    source = "add-ons/dns/next.yaml"
    assert chain(repo, source) is None
    text = read(repo, source)
    assert interop(repo, "approve", "dns.next", "--by", "project-team",
                   "--team", "designate", "--date", "2027-05-01",
                   "--reference", "Designate team meeting, 2027-05-01") == 0
    assert chain(repo, source) == [
        {"by": "project-team", "team": "designate", "date": "2027-05-01",
         "reference": "Designate team meeting, 2027-05-01"}]
    # only the new lines are new
    new = read(repo, source).splitlines()
    assert [line for line in new if line not in text.splitlines()] == [
        "  approvals:", "    - by: project-team", "      team: designate",
        '      date: "2027-05-01"',
        "      reference: Designate team meeting, 2027-05-01"]


def test_approve_reads_the_team_from_programs_yaml(repo, capsys):
    scaffold(Repository(repo), "add-on", "dns", "dns-team", "dns-core")
    write(repo, "criteria/process/programs.yaml",
          "approvers:\n  working-group: {name: the Working Group}\n"
          "programs:\n  dns: {owner: project-team, team: designate, "
          "gerrit_group: designate-core}\n")
    found = git.Repo(repo)
    found.git.add("-A")
    found.git.commit("-qm", "dns")
    err = refused(repo, capsys, "approve", "dns.next", "--by",
                  "project-team", "--team", "heat", "--date", "2027-05-01",
                  "--reference", "minutes")
    assert "names designate, not heat" in err
    assert interop(repo, "approve", "dns.next", "--by", "project-team",
                   "--date", "2027-05-01", "--reference", "minutes") == 0
    assert chain(repo, "add-ons/dns/next.yaml")[0]["team"] == "designate"


@pytest.mark.parametrize("args, message", [
    (("next", "--by", "working-group", "--date", "2028-01-21"),
     "in the future"),
    (("next", "--by", "working-group", "--date", "2027-02-29"),
     "not a day"),
    (("next", "--by", "project-team", "--team", "nova", "--date",
      "2027-05-01"), "not an add-on"),
    (("2026.06", "--by", "working-group", "--date", "2026-05-01"),
     "is approved"),
    (("2024.01", "--by", "working-group", "--date", "2026-05-01"),
     "no guideline source '2024.01'"),
])
def test_approve_refusals(repo, capsys, args, message):
    assert message in refused(repo, capsys, "approve", *args,
                              "--reference", "minutes")


def test_approve_refuses_the_board(repo):
    with pytest.raises(SystemExit):  # not a choice of the command
        interop(repo, "approve", "next", "--by", "board", "--date",
                "2027-06-10", "--reference", "minutes")
    from interop.workflow.approving import approve
    from interop.workflow.plan import Refused
    with pytest.raises(Refused, match="recorded by 'interop release"):
        approve(Repository(repo), "next", "board", "2027-06-10", "m")


# -- interop schedule --------------------------------------------------------

def with_schedule(root):
    import shutil

    from interop.tests.conftest import ROOT
    os.makedirs(os.path.join(root, "criteria", "process"), exist_ok=True)
    shutil.copy(os.path.join(ROOT, "criteria", "process", "schedule.yaml"),
                os.path.join(root, "criteria", "process"))


def test_schedule_dates_the_milestones_for_a_known_day(repo, capsys,
                                                       monkeypatch):
    with_schedule(repo)
    write(repo, "guidelines/next.yaml", DRAFT.replace(
        "status: review", "status: draft"))
    monkeypatch.setenv("INTEROP_TODAY", "2027-03-15")
    assert interop(repo, "schedule", "next") == 0
    out = capsys.readouterr().out
    assert out == """\
today: 2027-03-15

guidelines/next.yaml: next (draft), for the Board in 2027.06 (process 2017A)
  2026.12  S-3  past    Draft status (Interop Working Group)
  2027.01  S-2  past    Identify new capabilities (Community)
  2027.02  S-1  past    Score capabilities (Interop Working Group)
  2027.03  S    now     Review status; advisory and deprecated items \
selected (Community and Interop Working Group)
  2027.04  S+1  coming  Self-testing (Vendors)
  2027.05  S+2  coming  Test flagging (Interop Working Group)
  2027.06  S+3  coming  Approve guidance (Board of Directors)
  behind schedule: still draft at S of the schedule for 2027.06: the \
process expects review by now
"""


def test_schedule_of_every_draft_on_schedule(repo, capsys, monkeypatch):
    with_schedule(repo)
    monkeypatch.setenv("INTEROP_TODAY", "2026-12-01")
    assert interop(repo, "schedule") == 0
    out = capsys.readouterr().out
    assert "2026.12  S-3  now     Draft status" in out
    assert out.rstrip().endswith("on schedule")
    assert "2026.06" not in out  # approved guidelines have no timeline
    monkeypatch.setenv("INTEROP_TODAY", "2027-07-01")
    assert interop(repo, "schedule") == 0
    assert "behind schedule: target approval 2027.06 has passed" in \
        capsys.readouterr().out
    assert interop(repo, "schedule", "2026.06") == 0
    assert capsys.readouterr().out.rstrip().endswith(
        "approved: the Board has decided")


def test_schedule_refusals(repo, capsys):
    assert "has no criteria/process/schedule.yaml" in refused(
        repo, capsys, "schedule")
    with_schedule(repo)
    write(repo, "criteria/process/schedule.yaml",
          "process: 2017A\nboard: S+9\nmilestones:\n"
          "  - {name: S, activity: Review, lead: Community}\n")
    assert "E170 board 'S+9' names no milestone" in refused(
        repo, capsys, "schedule")


def test_releasing_the_repositorys_own_draft(tmp_path, monkeypatch):
    """Done means: the project's Powered draft, approved by the Working
    Group and released with the Board's date, passes interop check, and its
    page shows the chain (a link for the Board's reference)."""
    import shutil

    from docutils import nodes

    from interop.docs.board import guideline_page
    from interop.tests.conftest import ROOT
    from interop.tests.workflow.test_governance import git_repo
    root = str(tmp_path / "interop")
    os.makedirs(root)
    for folder in ("guidelines", "add-ons", "verticals", "criteria"):
        shutil.copytree(os.path.join(ROOT, folder),
                        os.path.join(root, folder))
    # (its published files, guidelines/next.json among them, came along)
    assert os.path.exists(os.path.join(root, "guidelines", "next.json"))
    git_repo(root)
    monkeypatch.setenv("INTEROP_TODAY", "2027-06-15")
    assert "approvals" not in read(root, "guidelines/next.yaml")
    # without the Working Group's approval, refused
    before = tree_hash(root)
    assert interop(root, "release", "next", "--as", "2027.06", *BOARD) == 2
    assert tree_hash(root) == before
    record_chain(root, date="2027-05-06")
    assert interop(root, "release", "next", "--as", "2027.06", *BOARD) == 0
    released = read(root, "guidelines/2027.06.yaml")
    assert released.startswith("# OpenStack Powered 2027.06: approved by "
                               "the Board of Directors on 2027-06-10.\n")
    assert "DRAFT" not in released.split("metadata:")[0]
    assert errors(root) == []
    assert interop(root, "check") == 0
    parts, _ = guideline_page(Repository(root), "guidelines/2027.06.yaml")
    chain_part = [p for p in parts if isinstance(p, nodes.section) and
                  p[0].astext() == "Approval chain"][0]
    shown = chain_part.astext()
    assert "Working Group" in shown and "2027-05-06" in shown
    assert "Board of Directors" in shown and "2027-06-10" in shown
    links = [r["refuri"] for r in chain_part.findall(nodes.reference)]
    assert links == ["https://example.org/wg", URL]
    # the draft's packet, with its chain, makes a PDF too
    pytest.importorskip("rst2pdf")
    from interop.docs.packet import write_pdf
    out = str(tmp_path / "packet.pdf")
    write_pdf(Repository(root), "guidelines/next.yaml", out)
    with open(out, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


# -- moving along the chain (issue 24) ---------------------------------------

def test_status_and_withdraw_move_a_draft_and_review_agrees(repo, capsys):
    """Review is a command, not a hand edit: 'status' moves a draft with
    the Working Group's approval to review, refuses one without; a
    withdrawal of that approval puts it back to draft with its reason,
    and the review of that commit passes (no G002)."""
    write(repo, "guidelines/next.yaml", DRAFT.replace(
        "status: review", "status: draft"))
    git.Repo(repo).git.commit("-qam", "approved draft")
    assert interop(repo, "status", "next", "review") == 0
    err = capsys.readouterr().err
    assert "next step: the Board votes" in err
    assert "status: review  # until the Board says" in read(
        repo, "guidelines/next.yaml")
    git.Repo(repo).git.commit("-qam", "to review")
    # back to draft needs the approval withdrawn first
    err = refused(repo, capsys, "status", "next", "draft")
    assert "withdraw it first" in err
    assert interop(repo, "approve", "next", "--withdraw", "--by",
                   "working-group", "--reason", "the scores changed") == 0
    err = capsys.readouterr().err
    assert "withdrawn from next: the scores changed; it is a draft again" \
        in err
    text = read(repo, "guidelines/next.yaml")
    assert "status: draft  # until the Board says" in text
    assert "approvals" not in text
    git.Repo(repo).git.commit("-qam", "withdrawn: the scores changed")
    assert interop(repo, "review", "HEAD", "--format", "json") == 0
    found = json.loads(capsys.readouterr().out)
    codes = [f["code"] for g in found["guidelines"] for f in g["findings"]]
    assert "G002" not in codes
    # without the approval, review is refused (B005), nothing written
    before = tree_hash(repo)
    err = refused(repo, capsys, "status", "next", "review")
    assert "B005" in err and tree_hash(repo) == before
    err = refused(repo, capsys, "approve", "next", "--withdraw", "--by",
                  "working-group", "--reason", "again")
    assert "records no working-group decision" in err
    err = refused(repo, capsys, "approve", "next", "--withdraw", "--by",
                  "working-group")
    assert "--reason" in err


def test_approve_says_the_next_step(repo, capsys):
    assert interop(repo, "approve", "next", "--by", "working-group",
                   "--date", "2027-05-27", "--reference",
                   "https://example.org/wg/2027-05-27") == 0
    assert "next step: 'interop status next review' sends it to the " \
        "Board" in capsys.readouterr().err
