"""The files other tools read: Zuul jobs, pre-commit hooks, .gitreview."""
import configparser
import os
import shlex

import yaml

from interop import cli
from interop.tests.conftest import ROOT


def _yaml(*parts):
    with open(os.path.join(ROOT, *parts)) as handle:
        return yaml.safe_load(handle)


def _tox_envs():
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(os.path.join(ROOT, "tox.ini"))
    return {s.split(":", 1)[1] for s in tox.sections()
            if s.startswith("testenv:")} | {"py3"}


def _commands():
    sub = next(a for a in cli.parser()._actions
               if a.dest == "command")
    return set(sub.choices)


def test_zuul_jobs_run_tox_environments_that_exist():
    jobs = _yaml("zuul.d", "jobs.yaml")
    envs = _tox_envs()
    for entry in jobs:
        env = entry["job"].get("vars", {}).get("tox_envlist")
        if env:
            assert env in envs, entry["job"]["name"]
        if "run" in entry["job"]:
            assert os.path.exists(os.path.join(ROOT, entry["job"]["run"]))
    names = {entry["job"]["name"] for entry in jobs}
    project = _yaml("zuul.d", "project.yaml")[0]["project"]
    for pipeline in ("check", "gate"):
        assert set(project[pipeline]["jobs"]) <= names


def test_pre_commit_hooks_call_commands_that_exist():
    commands = _commands()
    hooks = _yaml(".pre-commit-hooks.yaml")
    local = _yaml(".pre-commit-config.yaml")["repos"][0]["hooks"]
    for hook in hooks + local:
        words = shlex.split(hook["entry"])
        if words[0] == "interop":
            assert words[1] in commands, hook["id"]
    assert {h["id"] for h in hooks} == {"interop-check",
                                        "interop-compile-check"}


def test_gitreview_names_the_project():
    review = configparser.ConfigParser()
    review.read(os.path.join(ROOT, ".gitreview"))
    assert review["gerrit"]["project"].endswith(".git")
    assert review["gerrit"]["port"] == "29418"
