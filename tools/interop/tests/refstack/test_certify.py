"""``interop certify``: every label produced, with "today" frozen."""
import datetime
import json
import os

import pytest

from interop import cli
from interop.refstack import certify, listing
from interop.repository import Repository
from interop.tests.refstack.certifying import (
    LISTED,
    OTHER,
    TEST,
    approve_later,
    make_repo,
    submit,
    waive,
)


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("INTEROP_TODAY", "2026-08-01")
    return make_repo(tmp_path / "repo")


def verdict(root, folder):
    return certify.certify(Repository(root), folder)


def test_a_run_of_every_required_test_is_verified(root):
    found = verdict(root, submit(root))
    assert found.labels == ["tests-verified-2026.06"]
    assert found.tested == datetime.date(2026, 7, 1)
    assert found.missing == [] and found.reason == ""


def test_a_missing_required_test_is_named(root):
    found = verdict(root, submit(root, passed=[OTHER], failed=[LISTED]))
    assert found.labels == ["required-tests-missing"]
    assert found.missing == [TEST]
    assert found.how == {TEST: "failed"}
    found = verdict(root, submit(root, name="acme-two", passed=[OTHER]))
    assert found.how == {TEST: "not run"}


def test_no_evidence_is_evidence_missing(root):
    found = verdict(root, submit(root, evidence=False))
    assert found.labels == ["evidence-missing"]


def test_unreadable_evidence_is_not_verifiable(root):
    folder = submit(root, evidence=False)
    with open(os.path.join(folder, "results.subunit"), "wb") as out:
        out.write(b"\xb3\x29\x00garbage")
    found = verdict(root, folder)
    assert found.labels == ["not-verifiable"]
    assert "E150" in found.reason and "results.subunit" in found.reason


def test_a_run_before_the_guidelines_approval_is_not_verifiable(root):
    # on 2026-05-01 only 2025.12 had been approved
    found = verdict(root, submit(root, day=datetime.datetime(
        2026, 5, 1, tzinfo=datetime.UTC)))
    assert found.labels == ["not-verifiable"]
    assert "not one of the two most recent" in found.reason
    assert "2025.12" in found.reason


def test_a_run_after_two_later_approvals_is_not_verifiable(root):
    approve_later(root, "2026.12", "2026-12-10")
    approve_later(root, "2027.06", "2027-06-10")
    found = verdict(root, submit(root, day=datetime.datetime(
        2027, 7, 1, tzinfo=datetime.UTC)))
    assert found.labels == ["not-verifiable"]
    assert "2027.06, 2026.12" in found.reason


def test_refstack_json_is_dated_by_tested_on(root):
    folder = submit(root, evidence=False, tested_on="2026-07-02")
    with open(os.path.join(folder, "results.json"), "w") as out:
        json.dump({"results": [{"name": TEST}]}, out)
    found = verdict(root, folder)
    assert found.labels == ["tests-verified-2026.06"]
    assert found.tested == datetime.date(2026, 7, 2)
    os.remove(os.path.join(folder, "product.yaml"))
    submit(root, evidence=False)  # no tested_on now
    found = verdict(root, folder)
    assert found.labels == ["not-verifiable"]
    assert "tested_on" in found.reason


def test_a_broken_product_file_is_a_located_error(root):
    folder = submit(root, type="mainframe")
    found = verdict(root, folder)
    assert found.labels == ["not-verifiable"]
    path = os.path.join(folder, "product.yaml")
    with open(path) as handle:
        line = 1 + [n for n, text in enumerate(handle)
                    if text.startswith("type:")][0]
    assert found.reason.startswith(f"{path}:{line}:7: E190 type: "
                                   "'mainframe' is not one of")


def test_an_unexpired_waiver_applies_and_is_named(root, monkeypatch):
    folder = submit(root, passed=[OTHER], failed=[LISTED])
    waive(os.path.dirname(folder))
    found = verdict(root, folder)
    assert found.labels == ["tests-verified-2026.06", "waiver-applied"]
    assert found.waived == [TEST]
    [w] = found.waivers
    assert w.reason == "https://bugs.example.org/42"
    monkeypatch.setenv("INTEROP_TODAY", "2026-10-01")  # after 2026-09-30
    found = verdict(root, folder)
    assert found.labels == ["required-tests-missing"]
    assert found.waivers == []


def test_a_waiver_of_another_product_does_not_apply(root):
    folder = submit(root, passed=[OTHER], failed=[LISTED])
    waive(folder, products=["someone-else"])
    assert verdict(root, folder).labels == ["required-tests-missing"]


def test_a_product_based_on_a_distribution_inherits_its_verdict(root):
    submit(root, name="acme-distro", type="distribution")
    folder = submit(root, name="beta-cloud", evidence=False,
                    based_on="powered/2026.06/acme-distro")
    found = verdict(root, folder)
    assert found.labels == ["tests-verified-2026.06"]
    assert found.inherited_from == "powered/2026.06/acme-distro"


def test_an_inherited_verdict_ends_when_the_distribution_lapses(
        root, monkeypatch):
    submit(root, name="acme-distro", type="distribution")
    folder = submit(root, name="beta-cloud", evidence=False,
                    based_on="powered/2026.06/acme-distro")
    approve_later(root, "2026.12", "2026-12-10")
    approve_later(root, "2027.06", "2027-06-10")
    monkeypatch.setenv("INTEROP_TODAY", "2027-06-11")
    found = verdict(root, folder)
    assert found.labels == ["not-verifiable"]
    assert "lapsed on 2027-06-10" in found.reason


def test_based_on_a_failing_distribution_is_not_verifiable(root):
    submit(root, name="acme-distro", passed=[OTHER])
    folder = submit(root, name="beta-cloud", evidence=False,
                    based_on="powered/2026.06/acme-distro")
    assert verdict(root, folder).labels == ["not-verifiable"]


def test_lapse_dates(root):
    submit(root, name="acme-cloud", guideline="2025.12",
           day=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    submit(root, name="acme-cloud")
    repo = Repository(root)
    rows = {r["submission"]: r for r in listing.report(repo)}
    assert rows["powered/2025.12/acme-cloud"]["lapses"] == \
        "until the second next approval"
    approve_later(root, "2026.12", "2026-12-10")
    rows = {r["submission"]: r for r in listing.report(Repository(root))}
    assert rows["powered/2025.12/acme-cloud"]["lapses"] == "2026-12-10"
    assert rows["powered/2025.12/acme-cloud"]["valid"] is True
    assert rows["powered/2026.06/acme-cloud"]["lapses"] == \
        "until the second next approval"


def test_the_listing_is_stable_and_says_who_and_until(root):
    submit(root)
    repo = Repository(root)
    first = listing.products_json(repo)
    assert first == listing.products_json(repo)
    [row] = json.loads(first)["products"]
    assert (row["vendor"], row["product"], row["guideline"],
            row["verdict"], row["valid"]) == (
        "Acme", "Cloud", "2026.06", "tests-verified-2026.06", True)


def test_cli_labels_and_exit_codes(root, capsys):
    good = submit(root)
    assert cli.main(["certify", "--repo", root, good]) == 0
    assert "tests-verified-2026.06" in capsys.readouterr().out
    bad = submit(root, name="acme-two", passed=[OTHER])
    assert cli.main(["certify", "--repo", root, bad]) == 1
    out = capsys.readouterr().out
    assert "required-tests-missing" in out and f"missing: {TEST}" in out
    assert cli.main(["certify", "--repo", root, "--report"]) == 0
    out = capsys.readouterr().out
    assert "until the second next approval" in out


def test_two_submissions_in_one_change_are_a_finding(root, capsys):
    one, two = submit(root), submit(root, name="acme-two")
    code = cli.main(["certify", "--repo", root,
                     os.path.join(one, "product.yaml"),
                     os.path.join(two, "results.subunit")])
    out = capsys.readouterr().out
    assert code == 1
    assert "N003 error: a change holds one submission" in out


def test_a_path_outside_any_submission_is_a_usage_error(root, capsys):
    assert cli.main(["certify", "--repo", root,
                     os.path.join(root, "guidelines")]) == 2
    assert "no submission among the paths" in capsys.readouterr().err


def test_based_on_itself_or_a_chain_is_not_verifiable(root):
    folder = submit(root, name="beta-cloud", evidence=False,
                    based_on="powered/2026.06/beta-cloud")
    found = verdict(root, folder)
    assert found.labels == ["not-verifiable"]
    assert "itself based on another product" in found.reason
    submit(root, name="acme-distro")
    submit(root, name="gamma-cloud", evidence=False,
           based_on="powered/2026.06/acme-distro")
    folder = submit(root, name="delta-cloud", evidence=False,
                    based_on="powered/2026.06/gamma-cloud")
    assert verdict(root, folder).labels == ["not-verifiable"]


def test_based_on_a_missing_submission_is_not_verifiable(root):
    folder = submit(root, evidence=False, based_on="powered/2026.06/nobody")
    found = verdict(root, folder)
    assert found.labels == ["not-verifiable"]
    assert "no submission powered/2026.06/nobody" in found.reason


def test_a_waivers_file_that_breaks_its_schema_is_located(root):
    from interop.errors import LoadError
    from interop.load.products import read_waivers
    folder = submit(root)
    path = waive(os.path.dirname(folder), expires="soon")
    with pytest.raises(LoadError) as info:
        read_waivers(path)
    f = info.value.finding
    assert (f.code, f.path) == ("E191", path)
    assert f.line > 1 and "expires" in f.message
    # certify names it rather than judging without the waiver
    found = verdict(root, folder)
    assert found.labels == ["not-verifiable"] and "E191" in found.reason


def test_a_submission_outside_the_layout_is_refused(tmp_path):
    from interop.errors import LoadError
    from interop.load.products import read_product
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "product.yaml").write_text("vendor: x\n")
    with pytest.raises(LoadError) as info:
        read_product(str(folder))
    assert info.value.finding.code == "E192"


def test_linked_evidence_is_not_followed(root, tmp_path):
    folder = submit(root, evidence=False)
    outside = tmp_path / "outside.subunit"
    outside.write_bytes(b"")
    os.symlink(outside, os.path.join(folder, "results.subunit"))
    found = verdict(root, folder)
    assert found.labels == ["not-verifiable"]


def test_a_waiver_in_the_submissions_own_folder_applies(root):
    folder = submit(root, passed=[OTHER], failed=[LISTED])
    waive(folder)
    found = verdict(root, folder)
    assert found.labels == ["tests-verified-2026.06", "waiver-applied"]
    # another submission's own waivers are not this one's
    other = submit(root, name="acme-two", passed=[OTHER], failed=[LISTED])
    waive(other, products=["acme-cloud"])
    os.remove(os.path.join(folder, "waivers.yaml"))
    assert verdict(root, folder).labels == ["required-tests-missing"]


def test_the_day_is_the_streams_first_timestamp(tmp_path):
    from interop.refstack.evidence import write_subunit
    path = str(tmp_path / "run.subunit")
    write_subunit(path, [f"t.T.test_{n}" for n in range(50)],
                  start=datetime.datetime(2026, 3, 4, 23, 59, 30,
                                          tzinfo=datetime.UTC))
    # the run goes on past midnight: its first timestamp dates it
    assert certify.evidence_day(path, "subunit") == datetime.date(2026, 3, 4)
    (tmp_path / "none.subunit").write_bytes(b"")
    assert certify.evidence_day(str(tmp_path / "none.subunit"),
                                "subunit") is None
    assert certify.evidence_day(path, "json") is None


def test_an_stestr_repository_export_is_evidence(root):
    from interop.refstack.evidence import write_subunit
    folder = submit(root, evidence=False)
    stestr = os.path.join(folder, ".stestr")
    os.makedirs(stestr)
    with open(os.path.join(stestr, "format"), "w") as out:
        out.write("1\n")
    with open(os.path.join(stestr, "next-stream"), "w") as out:
        out.write("1\n")
    write_subunit(os.path.join(stestr, "0"), [LISTED],
                  start=datetime.datetime(2026, 7, 3, tzinfo=datetime.UTC))
    found = verdict(root, folder)
    assert found.labels == ["tests-verified-2026.06"]
    assert found.tested == datetime.date(2026, 7, 3)


def test_changed_takes_the_submissions_of_a_commit(tmp_path, monkeypatch,
                                                   capsys):
    from interop.tests.workflow.test_review import commit, make_repo
    monkeypatch.setenv("INTEROP_TODAY", "2026-08-01")
    repo = make_repo(tmp_path)
    root = repo.working_tree_dir
    submit(root)
    commit(repo, "Submit one")
    assert cli.main(["certify", "--repo", root, "--changed"]) == 0
    assert "acme-cloud: tests-verified-2026.06" in capsys.readouterr().out
    submit(root, name="acme-two")
    submit(root, name="acme-three")
    commit(repo, "Submit two at once")
    assert cli.main(["certify", "--repo", root, "--changed", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "N003 error" in out and "acme-cloud" not in out
    # a change that removes a submission judges nothing
    import shutil
    shutil.rmtree(os.path.join(root, "products", "powered", "2026.06",
                               "acme-three"))
    shutil.rmtree(os.path.join(root, "products", "powered", "2026.06",
                               "acme-two"))
    commit(repo, "Withdraw two")
    assert cli.main(["certify", "--repo", root, "--changed"]) == 0
    assert "no submission to certify" in capsys.readouterr().out


def test_json_output_and_the_output_file(root, capsys, tmp_path):
    folder = submit(root, passed=[OTHER], failed=[LISTED])
    waive(os.path.dirname(folder))
    assert cli.main(["certify", "--repo", root, "--format", "json",
                     folder]) == 0
    [cert] = json.loads(capsys.readouterr().out)["certifications"]
    assert cert["labels"] == ["tests-verified-2026.06", "waiver-applied"]
    assert cert["waived"] == [TEST] and cert["tested"] == "2026-07-01"
    out = tmp_path / "verdict.json"
    assert cli.main(["certify", "--repo", root, "--format", "json",
                     "--output", str(out), folder]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text())["certifications"] == [cert]
    assert cli.main(["certify", "--repo", root, "--report", "--format",
                     "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["waivers"][0]["expires"] == "2026-09-30"


def test_an_unknown_key_is_placed_at_the_key(root):
    from interop.errors import LoadError
    from interop.load.products import read_product
    folder = submit(root)
    with open(os.path.join(folder, "product.yaml"), "a") as out:
        out.write("vendr: Acme\n")
    with pytest.raises(LoadError) as info:
        read_product(folder)
    f = info.value.finding
    assert (f.code, f.col) == ("E190", 1)
    with open(os.path.join(folder, "product.yaml")) as handle:
        assert handle.read().splitlines()[f.line - 1].startswith("vendr:")
    assert "unknown key 'vendr'" in f.message and "vendor" in f.message


def test_a_broken_submission_is_listed_with_its_reason(root, capsys):
    submit(root, type="mainframe")
    [row] = listing.report(Repository(root))
    assert row["submission"] == "powered/2026.06/acme-cloud"
    assert row["verdict"] == "not-verifiable" and "E190" in row["reason"]
    assert cli.main(["certify", "--repo", root, "--report"]) == 0
    assert "acme-cloud: not-verifiable" in capsys.readouterr().out


def test_the_listing_judges_each_submission_once_per_repository(
        root, monkeypatch):
    """A docs build asks for the listing three times (the products page,
    products.json, each packet's re-certification); the submissions are
    judged once while their files stay the same, and again when one
    changes."""
    folder = submit(root)
    repo = Repository(root)
    judged: list[str] = []
    real = certify.certify

    def counted(repo, folder, *args, **kwargs):
        judged.append(os.path.basename(folder))
        return real(repo, folder, *args, **kwargs)
    monkeypatch.setattr(certify, "certify", counted)
    first = listing.report(repo)
    first[0]["verdict"] = "changed by its caller"
    again = listing.report(repo)
    assert judged == ["acme-cloud"]
    assert again[0]["verdict"] != "changed by its caller"
    assert again[0]["labels"] == ["tests-verified-2026.06"]
    submit(root, failed=[LISTED], passed=[OTHER])  # the evidence changes
    assert listing.report(repo)[0]["labels"] == ["required-tests-missing"]
    assert judged == ["acme-cloud", "acme-cloud"]
    assert os.path.isdir(folder)
