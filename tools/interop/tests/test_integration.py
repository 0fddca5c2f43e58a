"""The files other tools read: Zuul jobs, pre-commit hooks, .gitreview."""
import configparser
import os
import re
import shlex

import pytest
import yaml

from interop import cli
from interop.tests.conftest import ROOT


def _yaml(*parts):
    with open(os.path.join(ROOT, *parts)) as handle:
        return yaml.safe_load(handle)


def _tox_envs():
    """The environments tox.ini declares: its sections and its envlist
    (``py3`` is declared there, run from ``[testenv]``)."""
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(os.path.join(ROOT, "tox.ini"))
    listed = {e.strip() for e in tox["tox"]["envlist"].split(",")}
    return {s.split(":", 1)[1] for s in tox.sections()
            if s.startswith("testenv:")} | listed


def _commands():
    return set(cli.commands())


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
                                        "interop-compile-check",
                                        "interop-certify"}


def test_gitreview_names_the_project():
    review = configparser.ConfigParser()
    review.read(os.path.join(ROOT, ".gitreview"))
    assert review["gerrit"]["project"].endswith(".git")
    assert review["gerrit"]["port"] == "29418"


def _tox():
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(os.path.join(ROOT, "tox.ini"))
    return tox


def _setting(tox, env, key):
    """A tox setting of an environment, inherited from [testenv]."""
    section = f"testenv:{env}"
    if tox.has_option(section, key):
        return tox.get(section, key)
    return tox.get("testenv", key, fallback="")


def _run_py():
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "run", os.path.join(ROOT, "tools", "run.py"))
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    return run


def test_the_test_command_installs_tempest_once():
    tox, run = _tox(), _run_py()
    envs = run.JOBS["test"].split(",")
    heavy = [env for env in envs
             if _setting(tox, env, "skip_install").strip() != "true"
             and "tempest" in _setting(tox, env, "extras").split()]
    assert len(heavy) == 1, heavy
    # and that one environment runs the suite and the checks
    commands = _setting(tox, heavy[0], "commands")
    assert "pytest" in commands and "[testenv:check]commands" in commands


def test_the_build_installs_no_tempest():
    """The build's Tempest facts come from the committed test locks:
    Tempest and its plugins are for the jobs that verify against them."""
    tox, run = _tox(), _run_py()
    for env in run.JOBS["build"].split(","):
        assert "tempest" not in _setting(tox, env, "extras").split(), env
    assert "tempest" in _setting(tox, "testenv", "extras").split()


def test_the_test_command_shows_pip_progress():
    run = _run_py()
    assert run.progress("Collecting tempest==47.0.0\n") == \
        "  Collecting tempest==47.0.0"
    assert run.progress("Successfully installed tempest-47.0.0\n")
    assert run.progress("test: 2300 W install_package_deps> python -I -m "
                        "pip install tempest==47.0.0 [tox/api.py:506]\n") \
        == "test: install package deps"
    # tox's own packaging environment is tox's business, not the user's
    assert run.progress(".pkg: 180 W _optional_hooks> python backend.py "
                        "[tox/api.py:506]\n") is None
    # tox's debug log is not shown
    assert run.progress("test: 212 D write pyvenv.cfg [virtualenv]\n") is None


def test_tox_honours_a_constraints_file():
    tox = _tox()
    assert "TOX_CONSTRAINTS_FILE" in tox.get("testenv", "passenv")
    assert "PIP_CONSTRAINT = {env:TOX_CONSTRAINTS_FILE:}" in \
        tox.get("testenv", "setenv")
    for env in ("venv", "cover", "releasenotes", "docs", "pep8"):
        assert tox.has_section(f"testenv:{env}"), env
    # an environment with a setenv of its own keeps the constraints
    for section in tox.sections():
        if section.startswith("testenv:") and tox.has_option(section,
                                                             "setenv"):
            assert "{[testenv]setenv}" in tox.get(section, "setenv"), \
                section


#: the standard OpenStack templates and the tox environments they run
TEMPLATES = {
    "openstack-python3-jobs": {"pep8", "py3"},
    "publish-openstack-docs-pti": {"docs"},
    "release-notes-jobs-python3": {"releasenotes"},
    "openstack-cover-jobs": {"cover"},
}


def test_zuul_uses_the_standard_templates_for_standard_jobs():
    project = _yaml("zuul.d", "project.yaml")[0]["project"]
    envs = _tox_envs()
    for template in project["templates"]:
        assert template in TEMPLATES, template
        assert TEMPLATES[template] <= envs, template
    names = {entry["job"]["name"] for entry in _yaml("zuul.d", "jobs.yaml")}
    # our own jobs do only what no template does: the repository's
    # checks, the review, certification, the suite with the corpus, Zuul's
    # own schemas
    assert names == {"interop-check", "interop-review", "interop-certify",
                     "interop-tox-corpus", "interop-tox-zuul"}


def test_gitignore_covers_tox_venv_file_and_folder():
    with open(os.path.join(ROOT, ".gitignore")) as handle:
        patterns = handle.read().split()
    assert "/.venv" in patterns  # a file (tox 4) as well as a folder


def test_the_wheel_and_the_command_say_one_version(monkeypatch):
    from setuptools.config.setupcfg import read_configuration

    import interop
    monkeypatch.chdir(ROOT)
    found = read_configuration(os.path.join(ROOT, "setup.cfg"))
    assert found["metadata"]["version"] == interop.__version__


def test_openstack_project_files():
    with open(os.path.join(ROOT, "LICENSE")) as handle:
        text = handle.read()
    # the whole Apache License 2.0, as setup.cfg declares
    for words in ("Apache License", "Version 2.0, January 2004",
                  "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND "
                  "DISTRIBUTION", "END OF TERMS AND CONDITIONS"):
        assert words in text
    tox_cfg = configparser.ConfigParser(interpolation=None)
    tox_cfg.read(os.path.join(ROOT, "setup.cfg"))
    assert tox_cfg["metadata"]["license"] == "Apache-2.0"
    for name in ("CONTRIBUTING.rst", "HACKING.rst", "bindep.txt"):
        assert os.path.getsize(os.path.join(ROOT, name)) > 200, name
    with open(os.path.join(ROOT, "bindep.txt")) as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:  # NAME [PROFILES]
                assert re.fullmatch(r"[\w.+-]+( \[[\w:! -]+\])?", line), \
                    line


SECTIONS = {"prelude", "features", "issues", "upgrade", "deprecations",
            "critical", "security", "fixes", "other"}


def test_release_notes_are_reno_notes():
    folder = os.path.join(ROOT, "releasenotes", "notes")
    notes = sorted(os.listdir(folder))
    assert notes
    for name in notes:
        assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{16}\.yaml", name), name
        note = _yaml("releasenotes", "notes", name)
        assert set(note) <= SECTIONS, name
        for section, items in note.items():
            if section != "prelude":
                assert all(isinstance(i, str) for i in items), name


@pytest.mark.skipif(not os.path.exists(os.path.join(ROOT, ".git")),
                    reason="reno reads the notes from git history, and this "
                    "is not a git clone")
def test_release_notes_build(tmp_path):
    pytest.importorskip("reno", reason="reno is not installed")
    import subprocess
    import sys
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-n", "-b", "html",
         "-d", str(tmp_path / "doctrees"),
         os.path.join(ROOT, "releasenotes", "source"),
         str(tmp_path / "html")], capture_output=True, text=True,
        check=False)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "html" / "unreleased.html") as handle:
        assert "robot_comments" in handle.read()
