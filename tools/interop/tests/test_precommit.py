"""The pre-commit hooks, run by pre-commit itself.

``pre-commit try-repo`` installs this repository's hooks
(``.pre-commit-hooks.yaml``) the way another repository of guidelines
gets them, into a throwaway consumer repository; and the repository's own
``.pre-commit-config.yaml`` runs in a throwaway copy with nothing but
pre-commit installed.  Both need PyPI for the hooks' environments (the
first run takes a minute); the yamllint hook comes from GitHub, which is
left out where it cannot be fetched.
"""
import configparser
import os
import shutil
import subprocess
import sys

import git
import pytest
import yaml

from interop.tests.checks.helpers import BASE, PREVIOUS
from interop.tests.conftest import ROOT, copy_criteria

pytest.importorskip("pre_commit", reason="pre-commit is not installed "
                    "(pip install -e .[test])")

MARKS = {k: 1 for k in ("atomic", "clients", "complete", "deployed",
                        "discover", "doc", "future", "stable", "sticky")}
MARKS.update(foundation=0, proximity=0, tools=0)
SHEET = ("program: powered\nguideline: next\ncriteria: core\n"
         "capabilities:\n  compute-servers-create:\n    admin: false\n"
         "    marks: {marks}\n")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """One pre-commit cache for the module: the hook environments are made
    once."""
    return str(tmp_path_factory.mktemp("pre-commit-home"))


def pre_commit(cwd, home, *args):
    import pre_commit as found
    env = dict(os.environ, PRE_COMMIT_HOME=home, PRE_COMMIT_COLOR="never")
    # the hooks run in their own environments, with nothing of ours on
    # the path (only pre-commit's own, where it is not installed but put
    # on the path, as in a development checkout)
    import site
    where = os.path.dirname(os.path.dirname(found.__file__))
    if where in site.getsitepackages():
        env.pop("PYTHONPATH", None)
    else:
        env["PYTHONPATH"] = where
    return subprocess.run([sys.executable, "-m", "pre_commit", *args],
                          cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)


def git_repo(root):
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.org")
    return repo


def consumer(root):
    """A repository of guidelines with a scoring sheet, all clean."""
    from interop.publish.outputs import compile_sources
    from interop.repository import Repository
    copy_criteria(root)
    os.makedirs(os.path.join(root, "guidelines"))
    os.makedirs(os.path.join(root, "criteria", "scoring", "powered"))
    with open(os.path.join(root, "guidelines", "2026.06.yaml"), "w") as out:
        # R004: a Powered test comes from the Tempest it names
        out.write(PREVIOUS.replace(
            "a.FlavorsTest", "tempest.api.compute.flavors.FlavorsTest"))
    with open(os.path.join(root, "guidelines", "next.yaml"), "w") as out:
        out.write(BASE.replace("""\
    achievements: [atomic, clients, complete, deployed, discover, doc, future,
                   stable, sticky]
""", ""))
    write_sheet(root, MARKS)
    compile_sources(Repository(root))
    repo = git_repo(root)
    repo.git.add("-A")
    repo.index.commit("Start")
    return repo


def write_sheet(root, marks):
    import json
    with open(os.path.join(root, "criteria", "scoring", "powered",
                           "next.yaml"), "w") as out:
        out.write(SHEET.format(marks=json.dumps(marks)))


def test_try_repo_checks_a_change_to_a_scoring_sheet_only(tmp_path, home):
    root = str(tmp_path / "consumer")
    consumer(root)
    sheet = "criteria/scoring/powered/next.yaml"
    done = pre_commit(root, home, "try-repo", ROOT, "interop-check",
                      "--files", sheet)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
    # a bad mark on the sheet, and nothing else changed: the hook runs
    # (it skipped every file of criteria/ before) and fails
    write_sheet(root, dict(MARKS, tools=2))
    done = pre_commit(root, home, "try-repo", ROOT, "interop-check",
                      "--files", sheet)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "W008" in done.stdout and "Failed" in done.stdout


def own_config():
    with open(os.path.join(ROOT, ".pre-commit-config.yaml")) as handle:
        return yaml.safe_load(handle)


def test_own_hooks_declare_the_tools_dependencies():
    setup = configparser.ConfigParser()
    setup.read(os.path.join(ROOT, "setup.cfg"))
    needed = sorted(setup["options"]["install_requires"].split())
    [local] = [r for r in own_config()["repos"] if r["repo"] == "local"]
    for hook in local["hooks"]:
        assert hook["language"] == "python", hook["id"]
        assert sorted(hook["additional_dependencies"]) == needed, hook["id"]
    # yamllint comes from its own hook repository, not from PATH
    remote = [r for r in own_config()["repos"] if r["repo"] != "local"]
    assert [h["id"] for r in remote for h in r["hooks"]] == ["yamllint"]


def test_own_config_runs_with_only_pre_commit(tmp_path, home):
    """The repository's own local hooks, in a throwaway copy (the yamllint
    hook is left out: GitHub cannot be reached from every machine that
    runs the tests)."""
    root = tmp_path / "copy"
    root.mkdir()
    shutil.copytree(os.path.join(ROOT, "tools", "interop"),
                    root / "tools" / "interop",
                    ignore=shutil.ignore_patterns("tests", "__pycache__",
                                                  "schemas"))
    shutil.copy(os.path.join(ROOT, "tools", "cli.py"), root / "tools")
    shutil.copytree(os.path.join(ROOT, "schemas"), root / "schemas")
    os.symlink("../../schemas", root / "tools" / "interop" / "schemas")
    consumer(str(root / "content"))
    for name in os.listdir(root / "content"):
        if name == ".git":
            continue
        shutil.move(str(root / "content" / name), str(root / name))
    shutil.rmtree(root / "content")
    config = own_config()
    config["repos"] = [r for r in config["repos"] if r["repo"] == "local"]
    with open(root / ".pre-commit-config.yaml", "w") as out:
        yaml.safe_dump(config, out)
    repo = git_repo(root)
    repo.git.add("-A")
    repo.index.commit("Start")
    done = pre_commit(str(root), home, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("Passed") == 2
    write_sheet(str(root), dict(MARKS, tools=2))
    done = pre_commit(str(root), home, "run", "--files",
                      "criteria/scoring/powered/next.yaml")
    assert done.returncode == 1
    assert "W008" in done.stdout
