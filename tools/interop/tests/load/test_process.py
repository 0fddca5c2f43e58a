"""The process's tables (criteria/process/) and the frozen "today"."""
import datetime
import os

import pytest

from interop.errors import LoadError, UsageError
from interop.load.process import (
    load_ownership,
    load_schedule,
    parse_date,
    today,
)
from interop.tests.conftest import ROOT


def test_the_repository_tables():
    own = load_ownership(ROOT)
    assert own.team_of("dns") == "designate"
    assert own.team_of("powered") is None
    assert own.owner("nfv").role == "working-group"
    schedule = load_schedule(ROOT)
    assert schedule.board == "S+3"
    assert [(month, m.name) for month, m in schedule.dated("2027.06")][:2] \
        == [("2026.12", "S-3"), ("2027.01", "S-2")]
    assert schedule.dated("2027.02")[0][0] == "2026.08"  # across a year


def test_today_is_frozen_by_the_environment(monkeypatch):
    assert today() == datetime.date(2026, 12, 1)  # the suite's day
    monkeypatch.setenv("INTEROP_TODAY", "2027-02-29")
    with pytest.raises(UsageError, match="not a date"):
        today()
    monkeypatch.delenv("INTEROP_TODAY")
    assert today() == datetime.date.today()


@pytest.mark.parametrize("value, day", [
    ("2027-02-28", datetime.date(2027, 2, 28)), ("2027-02-29", None),
    ("2027-2-28", None), (20270228, None), ("2027-13-01", None)])
def test_parse_date(value, day):
    assert parse_date(value) == day


def write(root, name, text):
    os.makedirs(os.path.join(root, "criteria", "process"), exist_ok=True)
    with open(os.path.join(root, "criteria", "process", name), "w") as f:
        f.write(text)


@pytest.mark.parametrize("text, message", [
    ("programs: {}\n", "'approvers' must be a mapping"),
    ("approvers: {council: {name: x}}\nprograms: {}\n",
     "working-group or board"),
    ("approvers: {working-group: {name: WG}}\n"
     "programs:\n  dns: {owner: vendors}\n", "owner must be project-team"),
    ("approvers: {working-group: {name: WG}}\n"
     "programs:\n  dns: {owner: project-team}\n", "'team' must be text"),
])
def test_bad_programs_tables_are_located_load_errors(tmp_path, text,
                                                     message):
    write(str(tmp_path), "programs.yaml", text)
    with pytest.raises(LoadError, match=message) as caught:
        load_ownership(str(tmp_path))
    assert caught.value.finding.code == "E170"


def test_no_tables_no_owners_no_schedule(tmp_path):
    assert load_ownership(str(tmp_path)).owners == {}
    assert load_schedule(str(tmp_path)) is None


def test_a_bad_milestone_is_located(tmp_path):
    write(str(tmp_path), "schedule.yaml", "process: x\nboard: S\n"
          "milestones:\n  - {name: T+1, activity: a, lead: b}\n")
    with pytest.raises(LoadError) as caught:
        load_schedule(str(tmp_path))
    f = caught.value.finding
    assert (f.line, f.code) == (4, "E170") and "S, S-N or S+N" in f.message
