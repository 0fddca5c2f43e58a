"""Runtime test ids of the installed suite, the load-lists made from
them, and the SCS profile's export and verdict end to end.

These need Tempest and the pinned plugins (the ``tempest`` extra); they
skip, saying so, without them."""
import os
import shutil
import subprocess
import sys

import pytest

from interop import cli
from interop.refstack import profiles, scs
from interop.tempest import index as tempest_index
from interop.tempest import listing

pytestmark = pytest.mark.skipif(
    not tempest_index.installed(),
    reason="Tempest is not installed (pip install -e '.[tempest]')")

PROFILE = os.path.join("consumers", "scs-0128.yaml")
EXPORTED = os.path.join("consumers", "scs-0128")


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    return listing.load(str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="module")
def tempest_list_tests(tmp_path_factory):
    """What ``tempest run --list-tests`` prints in a fresh workspace
    (registered in a home of its own: tempest init writes
    ~/.tempest/workspace.yaml)."""
    home = tmp_path_factory.mktemp("home")
    work = home / "ws"
    tempest = os.path.join(os.path.dirname(sys.executable), "tempest")
    if not os.path.exists(tempest):
        pytest.skip("the tempest command is not beside this Python")
    env = dict(os.environ, HOME=str(home))
    subprocess.run([tempest, "init", str(work)], check=True,
                   capture_output=True, env=env)
    run = subprocess.run([tempest, "run", "--list-tests"], cwd=work,
                         check=True, capture_output=True, text=True,
                         env=env)
    return {line.strip() for line in run.stdout.splitlines()
            if "." in line and " " not in line.strip()}


def test_the_listing_is_what_tempest_run_lists(listed, tempest_list_tests):
    assert set(listed.lines) == tempest_list_tests
    # attributes are kept whole and sorted, so the id is not always first
    assert any(not line.split("[", 1)[1].startswith("id-")
               for line in listed.lines if "[" in line)


def test_the_committed_load_list_is_in_tempests_own_listing(
        root, tempest_list_tests):
    with open(os.path.join(root, EXPORTED, scs.LOAD_LIST),
              encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    assert len(lines) > 200 and lines == sorted(set(lines))
    assert set(lines) <= tempest_list_tests


def test_the_committed_export_is_current(root):
    from interop.refstack.consumers import load_profile
    from interop.refstack.runtime import export_files
    from interop.tempest.suite import InstalledSuite
    profile, doc, others = load_profile(os.path.join(root, PROFILE))
    for name, text in export_files(profile, doc, others,
                                   InstalledSuite()).items():
        with open(os.path.join(root, EXPORTED, name),
                  encoding="utf-8") as handle:
            assert handle.read() == text, (
                f"{EXPORTED}/{name} is stale: interop export scs {PROFILE}")


def test_the_profile_is_the_non_admin_compute_list_less_its_exclusion(
        root, capsys):
    guideline = os.path.join(root, "guidelines", "baseline", "2020.06.yaml")
    args = [guideline, "--target", "compute", "--type", "required",
            "--flag", "false", "--format", "load-list"]
    assert cli.main(["testlist", *args, "--credentials", "non-admin"]) == 0
    full = capsys.readouterr().out.splitlines()
    profile = profiles.load(os.path.join(root, PROFILE))
    with open(os.path.join(root, EXPORTED, scs.LOAD_LIST),
              encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    gone = sorted(set(full) - set(lines))
    assert [g.split("[", 1)[0] for g in gone] == sorted(profile.excluded)
    assert set(lines) < set(full)


def test_non_admin_leaves_out_tests_that_need_an_admin(root, capsys):
    dns = os.path.join(root, "add-ons", "dns", "next.yaml")
    assert cli.main(["testlist", dns, "--target", "dns",
                     "--format", "load-list"]) == 0
    every = capsys.readouterr().out.splitlines()
    assert cli.main(["testlist", dns, "--target", "dns", "--format",
                     "load-list", "--credentials", "non-admin"]) == 0
    captured = capsys.readouterr()
    index = tempest_index.load(tempest_index.cache_folder())
    admin = [line for line in every
             if index.tests[line.split("[", 1)[0]].needs_admin]
    assert admin  # designate's tests ask for admin credentials
    assert captured.out.splitlines() == sorted(set(every) - set(admin))
    assert f"{len(admin)} of {len(every)} tests need an admin role" in \
        captured.err


def test_refstack_form_is_the_default_and_regex_matches_runtime_ids(
        root, capsys, listed):
    import re
    guideline = os.path.join(root, "guidelines", "baseline", "2020.06.yaml")
    base = [guideline, "--target", "compute", "--type", "required",
            "--flag", "false"]
    assert cli.main(["testlist", *base]) == 0
    refstack = capsys.readouterr().out.splitlines()
    assert all(re.fullmatch(r"[\w.]+\[id-[0-9a-f-]+\]", t)
               for t in refstack)
    assert cli.main(["testlist", *base, "--format", "regex"]) == 0
    patterns = [re.compile(p) for p in capsys.readouterr().out.split()]
    assert cli.main(["testlist", *base, "--format", "load-list"]) == 0
    runtime = capsys.readouterr().out.splitlines()
    assert len(patterns) == len(runtime)
    chosen = {line for line in listed.lines
              if any(p.search(line) for p in patterns)}
    assert chosen == set(runtime)


def test_a_test_the_suite_lacks_is_an_error_naming_it(root, capsys):
    # 2020.06 flags a volume test that Tempest has since removed (D406):
    # with flagged tests listed, the load-list cannot hold it
    guideline = os.path.join(root, "guidelines", "baseline", "2020.06.yaml")
    code = cli.main(["testlist", guideline, "--target", "compute",
                     "--type", "required", "--format", "load-list"])
    err = capsys.readouterr().err
    assert code == 2 and "E200" in err
    assert "VolumesMetadataTest.test_update_snapshot_metadata" in err


def _stream(path, statuses):
    import subunit
    with open(path, "wb") as handle:
        out = subunit.StreamResultToBytes(handle)
        for test_id, status in statuses:
            out.status(test_id=test_id, test_status="inprogress")
            out.status(test_id=test_id, test_status=status)


@pytest.mark.parametrize("spoil,line,counts", [
    (lambda lines: [(t, "success") for t in lines], "PASS",
     lambda n: f"{n} passed, 0 failed, 0 skipped, 0 missing"),
    (lambda lines: [(t, "success") for t in lines[:-1]]
     + [(lines[-1], "skip")], "PASS",
     lambda n: f"{n - 1} passed, 0 failed, 1 skipped, 0 missing"),
    (lambda lines: [(t, "success") for t in lines[:-1]]
     + [(lines[-1], "fail")], "FAIL",
     lambda n: f"{n - 1} passed, 1 failed, 0 skipped, 0 missing"),
    (lambda lines: [(t, "success") for t in lines[:-2]], "ABORT",
     lambda n: f"{n - 2} passed, 0 failed, 0 skipped, 2 missing"),
])
def test_comply_scs(root, tmp_path, capsys, spoil, line, counts):
    with open(os.path.join(root, EXPORTED, scs.LOAD_LIST),
              encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    run = str(tmp_path / "run.subunit")
    _stream(run, spoil(lines))
    code = cli.main(["comply", run, "--profile",
                     os.path.join(root, PROFILE), "--format", "scs"])
    out, err = capsys.readouterr()
    assert out == f"scs-0128-tempest-non-admin: {line}\n"
    assert counts(len(lines)) in err
    assert code == (0 if line == "PASS" else 1)


def test_comply_scs_aborts_on_a_run_it_cannot_read(root, tmp_path, capsys):
    run = tmp_path / "run.subunit"
    run.write_bytes(b"\xb3\x29\x00")
    code = cli.main(["comply", str(run), "--profile",
                     os.path.join(root, PROFILE), "--format", "scs"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "scs-0128-tempest-non-admin: ABORT\n")
    assert "E150" in err


def test_export_writes_into_out_and_check_finds_drift(root, tmp_path,
                                                      capsys):
    out = tmp_path / "out"
    profile = os.path.join(root, PROFILE)
    assert cli.main(["export", "scs", profile, "--out", str(out)]) == 0
    assert sorted(os.listdir(out)) == sorted(
        [scs.SCOPE, scs.LOAD_LIST, scs.SCRIPT])
    assert os.access(out / scs.SCRIPT, os.X_OK)
    assert cli.main(["export", "scs", profile, "--out", str(out),
                     "--check"]) == 0
    (out / scs.LOAD_LIST).write_text("stale\n")
    assert cli.main(["export", "scs", profile, "--out", str(out),
                     "--check"]) == 1
    shutil.rmtree(out)
