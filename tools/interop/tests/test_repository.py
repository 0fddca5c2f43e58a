"""What the Repository keeps: compiled documents and series, shared while
the sources stay the same, and never for a guideline it did not read."""
import os
import shutil

from interop.publish import compiler
from interop.publish.compiler import compile_guideline
from interop.repository import Repository
from interop.tests.test_scale import counting, guideline, scratch


def test_a_compiled_document_is_kept_while_the_sources_stay(
        tmp_path, monkeypatch):
    repo = scratch(tmp_path, 2, 1)
    g = repo.load(os.path.join("guidelines", "next.yaml")).guideline
    calls = counting(monkeypatch, compiler, "_compile")
    first = compile_guideline(g, repo)
    assert compile_guideline(g, repo) is first
    assert calls[0] == 1
    # a new source may change the series, so the document is compiled again
    with open(os.path.join(tmp_path, "guidelines", "2000.12.yaml"), "w",
              encoding="utf-8") as handle:
        handle.write(guideline("2000.12", 1))
    again = compile_guideline(g, repo)
    assert calls[0] == 2
    assert again["capabilities"]["compute-cap-0"]["required_since"] == \
        "2000.12" != first["capabilities"]["compute-cap-0"]["required_since"]


def test_a_guideline_from_elsewhere_is_compiled_each_time(
        tmp_path, monkeypatch):
    repo = scratch(tmp_path, 1, 1)
    other = Repository(str(tmp_path)).load(
        os.path.join("guidelines", "next.yaml")).guideline
    calls = counting(monkeypatch, compiler, "_compile")
    compile_guideline(other, repo)
    compile_guideline(other, repo)
    assert calls[0] == 2


def test_a_series_is_shared_by_its_own_guidelines(tmp_path):
    repo = scratch(tmp_path, 3, 1)
    own = [repo.load(p).guideline for p in repo.sources()]
    assert all(repo.series(g) is repo.series(own[0]) for g in own)
    stranger = Repository(str(tmp_path)).load(repo.sources()[0]).guideline
    series = repo.series(stranger)
    assert series is not repo.series(own[0])
    assert stranger in series.items


def test_a_trial_copy_adopts_what_was_read_but_the_changed(tmp_path):
    repo = scratch(tmp_path / "repo", 2, 1)
    for path in repo.sources():
        repo.load(path)
    shutil.copytree(tmp_path / "repo", tmp_path / "trial")
    trial = Repository(str(tmp_path / "trial"))
    changed = os.path.join("guidelines", "next.yaml")
    trial.adopt(repo, {changed})
    assert trial.load(repo.sources()[0]) is repo.load(repo.sources()[0])
    assert trial.load(changed) is not repo.load(changed)
    assert trial.load(changed).path.startswith(str(tmp_path / "trial"))


def _schedule(root, board):
    folder = os.path.join(str(root), "criteria", "process")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "schedule.yaml"), "w") as handle:
        handle.write(f"process: 2017A\nboard: {board}\nmilestones:\n"
                     + "".join(f"  - name: {name}\n    activity: A\n"
                               "    lead: B\n" for name in ("S+1", "S+3")))


def test_a_change_is_held_to_its_targets_schedule(tmp_path):
    """Review reads the schedule of the branch a change targets, not the
    one the change writes; when the target's is broken, the change's."""
    target, change = tmp_path / "target", tmp_path / "change"
    _schedule(target, "S+3")
    _schedule(change, "S+1")
    held = Repository(str(change), schedule_from=Repository(str(target)))
    assert held.schedule.board == Repository(str(target)).schedule.board
    assert held.schedule.board != Repository(str(change)).schedule.board
    broken = tmp_path / "broken"
    _schedule(broken, "S+3")
    with open(broken / "criteria" / "process" / "schedule.yaml", "w") as h:
        h.write("- not a mapping\n")
    fallback = Repository(str(change), schedule_from=Repository(str(broken)))
    assert fallback.schedule.board == Repository(str(change)).schedule.board
