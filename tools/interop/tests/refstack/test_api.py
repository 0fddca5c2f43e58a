"""The static guideline API held to RefStack 2.1.0's own code."""
import json
import os

from interop.refstack import api
from interop.refstack.certify import published
from interop.repository import Repository
from interop.series import expected_id, version_of
from interop.tests.conftest import ROOT
from interop.tests.refstack.test_against_refstack import (  # noqa: F401
    INVALID,
    refstack,
    refstack_list,
)

#: the targets RefStack 2.1.0 serves
SERVED = {"platform", "compute", "object", "dns", "orchestration"}


def test_served_lists_are_byte_identical_to_refstacks(refstack):  # noqa: F811
    repo = Repository(ROOT)
    lists = api.test_lists(repo)
    compared = 0
    for g in repo.guidelines(history=True):
        doc, _ = published(repo, g)
        gid = expected_id(g, version_of(g))
        for target in SERVED:
            theirs = refstack_list(refstack, doc, target, ["required"],
                                   True, False)
            rel = f"guidelines/{gid}/tests/{target}.txt"
            if theirs == INVALID:
                assert rel not in lists
                continue
            # RefStack's controller: '\n'.join(test_list)
            assert lists[rel] == "\n".join(theirs), rel
            compared += 1
    # the Powered baselines and drafts (3 targets each), dns and
    # orchestration (baselines and drafts)
    assert compared >= 15


def test_programs_refstack_never_knew_get_lists_too():
    lists = api.test_lists(Repository(ROOT))
    assert "guidelines/nfv.next/tests/nfv.txt" in lists
    assert "guidelines/key-manager.next/tests/key_manager.txt" in lists


def test_guidelines_json_lists_every_program_with_dates(monkeypatch):
    monkeypatch.setenv("INTEROP_TODAY", "2026-12-01")
    doc = json.loads(api.guidelines_json(Repository(ROOT)))
    powered = {g["id"]: g for g in doc["programs"]["powered"]["guidelines"]}
    assert powered["2020.06"]["board_date"] == "2020-06-01"
    assert powered["2020.06"]["may_be_used_now"] is True
    assert powered["next"]["status"] == "draft"
    assert powered["next"]["may_be_used_now"] is False
    assert set(doc["programs"]) >= {"powered", "dns", "orchestration",
                                    "nfv"}


def test_write_puts_every_file_under_the_folder(tmp_path):
    written = api.write(Repository(ROOT), str(tmp_path))
    assert os.path.join(str(tmp_path), "guidelines.json") in written
    with open(tmp_path / "guidelines" / "2020.06" / "tests" /
              "platform.txt") as handle:
        text = handle.read()
    assert not text.endswith("\n") and text.startswith("tempest.api.")
    assert api.write(Repository(ROOT), str(tmp_path)) == written


def test_test_lists_read_each_published_file_once(monkeypatch):
    # the site of a long series writes every guideline's lists: reading
    # every published file again for each guideline made it quadratic
    from interop.load import jsonsource
    repo = Repository(ROOT)
    files = [n for n in os.listdir(os.path.join(ROOT, "guidelines"))
             if n.endswith(".json")]
    reads: list[str] = []
    real = jsonsource.load_json_file

    def counted(path, *args, **kwargs):
        reads.append(path)
        return real(path, *args, **kwargs)
    monkeypatch.setattr(jsonsource, "load_json_file", counted)
    api.test_lists(repo)
    assert len(repo.guidelines(history=True)) > 2
    assert sorted(os.path.basename(p) for p in reads) == sorted(files)


def test_the_files_beside_are_read_when_asked_for(tmp_path, monkeypatch):
    """A product's verdict or a guideline's lists read the published
    files they name, each once, not all of them: a site of 25 years of
    guidelines held every one for each product judged."""
    import shutil

    from interop.load import jsonsource
    from interop.refstack.beside import published_beside
    from interop.series import version_of
    shutil.copytree(ROOT, tmp_path / "repo", ignore=shutil.ignore_patterns(
        ".git", ".tox", "build", "*.egg-info", "__pycache__"))
    folder = tmp_path / "repo" / "guidelines"
    text = (folder / "next.json").read_text()
    for name in ("2030.06.json", "2031.01.json"):
        (folder / name).write_text(text)
    (folder / "2032.01.json").write_text("{broken")
    repo = Repository(str(tmp_path / "repo"))
    reads: list[str] = []
    real = jsonsource.load_json_file

    def counted(path, *args, **kwargs):
        reads.append(os.path.basename(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(jsonsource, "load_json_file", counted)
    beside = published_beside(repo)
    assert reads == []
    assert beside["2030.06.json"] == beside.get("2030.06.json")
    assert reads == ["2030.06.json"]
    assert beside.get("2032.01.json") is None  # unreadable: as if absent
    assert "2032.01.json" not in beside and "2099.01.json" not in beside
    assert reads == ["2030.06.json", "2032.01.json"]
    # iterating reads the rest, each once, and leaves the broken one out
    names = set(beside)
    assert {"2030.06.json", "2031.01.json", "next.json"} <= names
    assert "2032.01.json" not in names and len(beside) == len(names)
    assert sorted(reads) == sorted(["2030.06.json", "2031.01.json",
                                    "2032.01.json", "next.json"])
    # a baseline's Powered guideline stands beside the others, compiled,
    # but not beside itself
    baseline = next(g for g in repo.guidelines(history=True)
                    if "baseline" in g.file and g.program.name == "powered")
    name = f"{version_of(baseline)}.json"
    assert beside[name]["metadata"]["id"] == baseline.id
    assert name in beside and name not in beside.without(baseline)
    assert "2030.06.json" in beside.without(baseline)


def test_the_files_beside_do_not_keep_their_repository_alive():
    """The files beside are kept per repository while it lives; holding
    it from them kept every repository of a process, and the models it
    read (which later reads of the same files then shared), alive."""
    import gc
    import weakref

    from interop.refstack.beside import published_beside
    repo = Repository(ROOT)
    beside = published_beside(repo)
    assert "next.json" in beside
    gone = weakref.ref(repo)
    del repo
    gc.collect()
    assert gone() is None
    assert beside.get("2099.01.json") is None
