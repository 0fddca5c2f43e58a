"""F, M and W rules beyond their documented examples, and on the corpus."""
import os

from interop.checks import check_files, flags
from interop.tests.checks.helpers import PREVIOUS, codes, findings

FLAGGED = """\
metadata:
  os_trademark_approval:
    status: approved
capabilities:
  compute-servers-create:
    tests:
      a.T.test_x:
        idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
        flagged:
          reason: {reason}
          action: Flagged.
          date: "{date}"
"""


def _flag(reason="D401 Broken.", date="2026-01-10", select=("F",)):
    return findings(FLAGGED.format(reason=reason, date=date), list(select))


def test_reason_forms():
    def message(reason):
        return [f.message for f in _flag(reason, select=["F001"])]
    # HACKING's form and the bare code are both read
    assert message("D401 Broken.") == []
    assert message("'[D401] Broken.'") == []
    assert message("'[D406]'") == []
    assert message("'D400: Backend specific.'") == [
        "flag reason of 'a.T.test_x' writes its code another way: "
        "write '[D400] Backend specific.'"]
    assert "write '[D402] Bug.'" in message("'(D402) Bug.'")[0]
    assert "unknown code D407" in message("D407 Something.")[0]
    assert "unknown code D407" in message("'[D407] Something.'")[0]
    assert "no reason code" in message("Resize is insecure.")[0]


def test_d401_and_d402_name_their_bug():
    def fired(reason):
        return [f.code for f in _flag(reason, select=["F005"])]
    assert fired("'[D401] Broken.'") == ["F005"]
    assert fired("'[D402] Broken in nova.'") == ["F005"]
    for named in ("'[D401] Broken: https://bugs.launchpad.net/x/+bug/1'",
                  "'[D401] Broken, bug 1600349.'",
                  "'D402 See LP #1540645.'"):
        assert fired(named) == [], named
    assert fired("'[D403] Also tests resize.'") == []


def test_d404_must_say_why():
    def fired(reason):
        return [f.code for f in _flag(reason, select=["F006"])]
    assert fired("'[D404]'") == ["F006"]
    assert fired("'[D404] Unsure.'") == ["F006"]
    assert fired("'[D404] The test needs a second region.'") == []
    assert fired("'[D401]'") == []


def test_a_draft_may_mirror_the_flags_of_the_guideline_it_replaces():
    """HACKING D308: a flag of the approved guideline is copied into the
    next one; a flag found in neither is new, and a proposal has none."""
    flagged = PREVIOUS.replace(
        "test_list_flavors: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59",
        "test_list_flavors:\n        idempotent_id: "
        "id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\n        flagged:\n"
        "          reason: '[D401] Bug 2001234.'\n          action: x\n"
        "          date: \"2026-07-01\"")
    draft = ("capabilities:\n  compute-flavors-list:\n    project: nova\n"
             "    admin: false\n    description: x\n    tests:\n"
             "      a.FlavorsTest.test_list_flavors:\n"
             "        idempotent_id: id-e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59\n"
             "        flagged:\n          reason: '[D401] Bug 2001234.'\n"
             "          action: x\n          date: \"2026-07-01\"\n")
    others = {"guidelines/2026.06.yaml": flagged}
    assert codes(draft, ["F003"], others=others) == []
    # the same flag with no flag in the guideline replaced is new
    assert [c for _, _, c in codes(draft, ["F003"])] == ["F003"]


def test_future_date(monkeypatch):
    """F002 reads the one "today" (INTEROP_TODAY), as the B rules do: a
    rehearsal with a frozen date judges flag dates on that date."""
    monkeypatch.setenv("INTEROP_TODAY", "2026-01-09")
    found = _flag(date="2026-01-10", select=["F002"])
    assert [f.message for f in found] == [
        "flag date 2026-01-10 of 'a.T.test_x' is in the future"]
    assert (found[0].line, found[0].col) == (12, 17)
    monkeypatch.setenv("INTEROP_TODAY", "2026-01-10")
    assert _flag(date="2026-01-10", select=["F002"]) == []
    assert not hasattr(flags, "today")


def test_flagged_test_of_required_capability_is_info():
    found = _flag(select=["F004"])
    assert [(f.code, f.severity) for f in found] == [("F004", "info")]
    assert "(D401)" in found[0].message


def test_draft_with_flags():
    text = FLAGGED.format(reason="D401 x", date="2026-01-10").replace(
        "approved", "draft")
    assert [c for _, _, c in codes(text, ["F003"])] == ["F003"]


def test_draft_may_keep_a_flag_of_the_guideline_it_replaces():
    """HACKING D308: the approved guideline's flag is mirrored in the
    draft that replaces it; a flag on another test is still F003."""
    text = FLAGGED.format(reason="D401 x", date="2026-01-10").replace(
        "approved", "draft")
    previous = PREVIOUS.replace(
        "      tempest.api.compute.servers.test_create_server",
        "      a.T.test_x:\n"
        "        idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f\n"
        "        flagged: {reason: D401 x, action: y, date: '2026-07-01'}\n"
        "      tempest.api.compute.servers.test_create_server", 1)
    assert "a.T.test_x" in previous
    others = {"guidelines/2026.06.yaml": previous}
    assert codes(text, ["F003"], others=others) == []
    # the same test under a new name (its id kept) still mirrors the flag;
    # another test, with another id, does not
    renamed = text.replace("a.T.test_x", "a.T.test_y")
    assert codes(renamed, ["F003"], others=others) == []
    other = renamed.replace("5de47127-9977-400a-936f-abcfbec1218f",
                            "0b3a1c2d-9977-400a-936f-abcfbec1218f")
    assert other != renamed
    assert [c for _, _, c in codes(other, ["F003"], others=others)] == [
        "F003"]


def test_id_from_the_file_name_of_an_add_on():
    text = ("program: {kind: add-on, name: dns}\n"
            "metadata:\n  id: next\n")
    found = findings(text, ["M001"], path="add-ons/dns/next.yaml")
    assert [f.message for f in found] == [
        "id is 'next' but the file holds guideline 'dns.next'"]


def test_admin_capability_totals_zero_in_powered():
    text = ("components:\n  os_powered_compute:\n    capabilities:\n"
            "      required: [compute-servers-create, compute-admin]\n"
            "capabilities:\n  compute-admin:\n    project: nova\n"
            "    admin: true\n    description: x\n    tests: {}\n"
            "    achievements: [atomic, clients, complete, deployed, "
            "discover, doc, future, stable, sticky]\n")
    found = findings(text, ["W004"])
    assert [f.message for f in found] == [
        "required capability 'compute-admin' scores 0 "
        "(admin-only: 0 in Powered), below the cutoff 74"]


def test_unknown_criteria_set_is_reported_not_guessed():
    """W011 says the set is unknown; no other scoring rule guesses its
    criteria."""
    assert codes("metadata:\n  scoring: nosuchset\n", ["W"]) == [
        (2, 12, "W011")]


def test_corpus_metadata_defects(corpus):
    paths = [os.path.join(corpus, p) for p in (
        "2018.02.json", "add-ons/orchestration.2018.02.json",
        "add-ons/orchestration.2018.11.json",
        "add-ons/orchestration.2019.06.json", "add-ons/dns.2018.02.json",
        "add-ons/dns.2018.11.json", "add-ons/dns.2019.06.json")]
    found = {(os.path.basename(f.path), f.code)
             for f in check_files(paths, select=["M"])}
    assert found == {
        ("2018.02.json", "M002"),  # source names dns.next.json
        ("dns.2018.02.json", "M002"),
        ("dns.2018.11.json", "M004"),  # replaces missing
        ("orchestration.2018.02.json", "M001"),  # id left as next
        ("orchestration.2018.02.json", "M002"),
    }


def test_corpus_flag_reasons(corpus):
    found = check_files([os.path.join(corpus, "2019.06.json")],
                        select=["F001"])
    messages = [f.message for f in found]
    # '[D401] ...' (HACKING's form) and 'D400 ...' are both read; what
    # is left is the resize flags, whose reason has no code at all
    assert len(messages) == 4
    assert sum("no reason code" in m for m in messages) == 4


def _releases(names, target='"2026.06"'):
    return findings("metadata:\n  os_trademark_approval:\n"
                    f"    target_approval: {target}\n"
                    f"    releases: {names}\n", ["M008"])


def test_releases_cover_the_three_most_recent_at_target_approval():
    assert _releases('["2025.1", "2025.2", "2026.1"]') == []
    # a release still to come may be named; names and aliases both read
    assert _releases('[epoxy, flamingo, "2026.1"]') == []
    assert _releases('["2024.2", "2025.1", "2025.2", "2026.1"]',
                     '"2025.12"') == []
    older = _releases('["2024.2", "2025.1", "2025.2", "2026.1"]')
    assert [(f.line, f.message) for f in older] == [
        (4, "release '2024.2' is older than the three most recent at the "
            "target approval 2026-06-01 (2025.1, 2025.2, 2026.1)")]
    [left] = _releases('["2025.1", "2025.2"]')
    assert "leave out 2026.1" in left.message
    [unknown] = _releases('["2025.1", "2025.2", "2026.1", "2030.1"]')
    assert "'2030.1' is not in criteria/releases.yaml" in unknown.message
    # a release counts from its day on (2026.1 came out on 2026-04-01)
    assert _releases('["2024.2", "2025.1", "2025.2"]', '"2026-03-31"') == []
    assert _releases('[yoga, zed, antelope]', '"2023-03-22"') == []


def test_corpus_release_coverage(corpus):
    """What D305 finds in the published history, with the project's
    table: 2015.03 leaves out juno; 2017.09 keeps mitaka and the 2018.11
    guidelines keep ocata beside the three most recent releases."""
    from interop.repository import Repository
    from interop.tests.conftest import ROOT, corpus_files
    found = sorted((os.path.relpath(f.path, corpus), f.message.split(":")[0])
                   for f in check_files(corpus_files(), Repository(ROOT),
                                        ["M008"]))
    assert found == [
        ("2015.03.json", "the releases leave out juno"),
        ("2017.09.json", "release 'mitaka' is older than the three most "
                         "recent at the target approval 2017-09-01 (newton, "
                         "ocata, pike)"),
        ("2018.11.json", "release 'ocata' is older than the three most "
                         "recent at the target approval 2018-11-01 (pike, "
                         "queens, rocky)"),
        ("add-ons/dns.2018.11.json", "release 'ocata' is older than the "
         "three most recent at the target approval 2018-11-01 (pike, queens,"
         " rocky)"),
        ("add-ons/orchestration.2018.11.json", "release 'ocata' is older "
         "than the three most recent at the target approval 2018-11-01 "
         "(pike, queens, rocky)"),
    ]


def test_published_path_of_urls():
    """M009/M010's judgement: the published folders after a base, not a
    base taken from another file's folder (what 'new' wrote, issue 24);
    the older flat layout passes."""
    from interop.checks.metadata import misplaced
    base = "https://opendev.org/openstack/interop/raw/branch/master"
    path = "add-ons/guidelines/shared-file-systems.next.json"
    assert misplaced(f"{base}/{path}", path) is None
    assert "doubles the folder 'guidelines'" in misplaced(
        f"{base}/guidelines/{path}", path)
    assert misplaced(f"{base}/guidelines/next.json",
                     "guidelines/next.json") is None
    assert "doubles" in misplaced(f"{base}/guidelines/guidelines/next.json",
                                  "guidelines/next.json")
    assert "names another folder" in misplaced(
        f"{base}/add-ons/shared-file-systems.next.json", path)
    assert misplaced("https://example.org/next.json",
                     "guidelines/next.json") is None
    # another file's name is M002's to report
    assert misplaced(f"{base}/guidelines/2026.06.json",
                     "guidelines/next.json") is None
