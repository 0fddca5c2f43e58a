"""The Zuul review job's playbook, run by ansible-core over a throwaway
repository with real commits.

Two stand-ins take the place of what only a Zuul executor has: a
``zuul_return`` action plugin that stores the data the way Zuul's does
(``results.json`` in the job's work folder), and a ``tox`` that prints
what tox 4 prints around a command (``.pkg: ...``, ``review:
commands[0]> ...``, ``review: exit 1``) and then runs the review in this
Python.  The playbook reaches tox through ``tox_executable``, the variable
zuul-jobs' ensure-tox role sets.
"""
import json
import os
import subprocess
import sys

import pytest

from interop.tests.conftest import ROOT
from interop.tests.workflow.test_review import commit, make_repo


PLAYBOOK = os.path.join(ROOT, "playbooks", "interop-review", "run.yaml")

ZUUL_RETURN = '''\
import json
import os

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    """Stand-in for Zuul's zuul_return: merge data into results.json."""

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        path = os.path.join(os.environ["ZUUL_JOBDIR"], "work",
                            "results.json")
        data = {}
        if os.path.exists(path):
            with open(path) as handle:
                data = json.load(handle)
        data.update(self._task.args.get("data") or {})
        with open(path, "w") as handle:
            json.dump(data, handle)
        result["changed"] = False
        return result
'''

TOX = '''\
#!{python}
import subprocess
import sys

# what tox 4 prints around the command: nothing of it is the report
print(".pkg: _optional_hooks> python /usr/lib/python3/backend.py")
args = sys.argv[sys.argv.index("--") + 1:]
print("{command}: commands[0]> interop {command} " + " ".join(args))
code = subprocess.call([sys.executable, "-c",
                        "import sys; from interop.cli import main; "
                        "sys.exit(main())", "{command}"] + args)
print(f"{command}: exit {{code}} (0.52 seconds) pid=4242")
sys.exit(code)
'''


@pytest.fixture
def change(tmp_path):
    root = tmp_path / "src" / "interop"
    root.mkdir(parents=True)
    return make_repo(root)


def run_playbook(tmp_path, repo):
    """The review job; (ansible's run, what zuul_return received)."""
    done, job = run_job(tmp_path, repo, "review", PLAYBOOK)
    results = job / "work" / "results.json"
    returned = json.loads(results.read_text()) if results.exists() else None
    return done, returned


def run_job(tmp_path, repo, command, playbook, **env_extra):
    """Run one of our Zuul jobs' playbooks with the stand-ins: (ansible's
    run, the job's folder); its report goes to
    ``logs/interop-COMMAND.json`` there."""
    pytest.importorskip("ansible", reason="ansible-core is not installed "
                        "(pip install -e .[test])")
    job = tmp_path / "job"
    (job / "work").mkdir(parents=True, exist_ok=True)
    plugins = job / "action_plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "zuul_return.py").write_text(ZUUL_RETURN)
    tox = job / "tox"
    tox.write_text(TOX.format(python=sys.executable, command=command))
    tox.chmod(0o755)
    extra = {"zuul": {"project": {"src_dir": repo.working_tree_dir}},
             "tox_executable": str(tox),
             f"interop_{command}_output": str(
                 job / "logs" / f"interop-{command}.json"),
             "ansible_python_interpreter": sys.executable}
    env = dict(os.environ, ZUUL_JOBDIR=str(job),
               ANSIBLE_ACTION_PLUGINS=str(plugins),
               ANSIBLE_LOCAL_TEMP=str(job / "tmp"),
               ANSIBLE_HOME=str(job / "ansible"),
               ANSIBLE_NOCOLOR="1", LC_ALL="C.UTF-8", **env_extra)
    done = subprocess.run(
        [sys.executable, "-m", "ansible", "playbook", "-i", "localhost,",
         "-c", "local", "-e", json.dumps(extra), playbook],
        env=env, capture_output=True, text=True, check=False)
    return done, job


def edit(repo, path, old, new):
    full = os.path.join(repo.working_tree_dir, path)
    with open(full) as handle:
        text = handle.read()
    assert old in text
    with open(full, "w") as handle:
        handle.write(text.replace(old, new))


def test_a_clean_change_returns_no_comments(tmp_path, change):
    edit(change, "guidelines/next.yaml", "description: Create a server.",
         "description: Create a server from an image.")
    commit(change, "Clarify")
    done, returned = run_playbook(tmp_path, change)
    assert done.returncode == 0, done.stdout + done.stderr
    assert returned == {"zuul": {"file_comments": {}}}


def test_a_failing_change_returns_its_comments_and_fails(tmp_path, change):
    edit(change, "guidelines/next.yaml",
         "      required: [compute-servers-create]",
         "      required: [compute-servers-create, compute-images-old]")
    edit(change, "guidelines/next.yaml", "designated_sections:\n  nova:", """\
  compute-images-old:
    project: nova
    admin: false
    description: An old image call.
    achievements: [atomic, clients, complete, deployed, discover, doc,
                   future, stable]
    tests: {}
designated_sections:
  nova:""")
    # (not sticky: it was not required before, W015)
    commit(change, "Require an old capability")
    done, returned = run_playbook(tmp_path, change)
    assert done.returncode != 0
    assert "The change has error findings" in done.stdout
    comments = returned["zuul"]["file_comments"]
    assert list(comments) == ["guidelines/next.yaml"]
    # review runs check's whole catalogue: L001 among the errors
    [comment] = [c for c in comments["guidelines/next.yaml"]
                 if c["message"].startswith("L001 (error) ")]
    assert comment["line"] > 1


def _zuul_config():
    import yaml
    for name in sorted(os.listdir(os.path.join(ROOT, "zuul.d"))):
        with open(os.path.join(ROOT, "zuul.d", name)) as handle:
            for item in yaml.safe_load(handle):
                [(kind, body)] = item.items()
                yield name, kind, body


def test_zuul_d_passes_zuuls_own_schemas():
    """Zuul's voluptuous schemas (zuul.configloader), as the scheduler
    reads zuul.d/.  Zuul is a large install (about 500 MB, 140
    packages), so it is not in the test extras: ``tox -e zuul`` installs
    it and runs this module; elsewhere this test skips."""
    loader = pytest.importorskip(
        "zuul.configloader", reason="Zuul is not installed: tox -e zuul")
    project = loader.ProjectParser(None).schema
    kinds = set()
    for name, kind, body in _zuul_config():
        kinds.add(kind)
        if kind == "job":
            loader.JobParser.schema(body)
        elif kind == "project":
            project(body)
        else:
            pytest.fail(f"{name}: {kind} is not checked here")
    assert kinds == {"job", "project"}
    import voluptuous
    with pytest.raises(voluptuous.Invalid):  # the schema does refuse
        loader.JobParser.schema({"name": "x", "varz": {}})


def test_the_jobs_run_what_matters():
    """Issue 30: a job runs the suite with the corpus (a checkout of
    openstack/interop laid out by its pre-run playbook, handed to the
    tests through tox), a job runs the Zuul schema test, and bindep
    installs the browser's driver."""
    import configparser
    jobs = {body["name"]: body for _, kind, body in _zuul_config()
            if kind == "job"}
    [project] = [body for _, kind, body in _zuul_config()
                 if kind == "project"]
    corpus = jobs["interop-tox-corpus"]
    assert "openstack/interop" in [
        p["name"] if isinstance(p, dict) else p
        for p in corpus["required-projects"]]
    assert os.path.isfile(os.path.join(ROOT, corpus["pre-run"]))
    assert corpus["vars"]["tox_environment"]["INTEROP_CORPUS"] == \
        corpus["vars"]["interop_corpus"]
    assert jobs["interop-tox-zuul"]["vars"]["tox_envlist"] == "zuul"
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(os.path.join(ROOT, "tox.ini"))
    assert "zuul" in [s.split(":")[1] for s in tox.sections()
                      if s.startswith("testenv:")]
    assert "INTEROP_CORPUS" in tox["testenv"]["passenv"].split()
    for pipeline in ("check", "gate"):
        assert {"interop-tox-corpus", "interop-tox-zuul"} <= set(
            project[pipeline]["jobs"])
    with open(os.path.join(ROOT, "bindep.txt")) as handle:
        listed = [line.split()[0] for line in handle
                  if line.strip() and not line.startswith("#")]
    assert {"chromium", "chromium-driver"} <= set(listed)


def test_the_corpus_playbook_is_valid_ansible():
    pytest.importorskip("ansible", reason="ansible-core is not installed "
                        "(the test extra installs it)")
    run = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
         "--syntax-check", "-i", "localhost,",
         os.path.join(ROOT, "playbooks", "interop-corpus", "pre.yaml")],
        capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def _lay_out_corpus(tmp_path, source, **overrides):
    """Run the corpus job's pre-run playbook over ``source`` (a stand-in
    for Zuul's checkout of openstack/interop); (ansible's run, out dir)."""
    pytest.importorskip("ansible", reason="ansible-core is not installed "
                        "(pip install -e .[test])")
    out = tmp_path / "corpus"
    extra = {"zuul": {"projects": {"opendev.org/openstack/interop": {
                 "src_dir": str(source)}}},
             "ansible_user_dir": "/",
             "interop_corpus": str(out),
             "ansible_python_interpreter": sys.executable, **overrides}
    env = dict(os.environ, ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"),
               ANSIBLE_HOME=str(tmp_path / "ansible"), ANSIBLE_NOCOLOR="1",
               LC_ALL="C.UTF-8")
    done = subprocess.run(
        [sys.executable, "-m", "ansible", "playbook", "-i", "localhost,",
         "-c", "local", "-e", json.dumps(extra),
         os.path.join(ROOT, "playbooks", "interop-corpus", "pre.yaml")],
        env=env, capture_output=True, text=True, check=False)
    return done, out


def _published_history(root):
    """A small openstack/interop: 2019.06 added, then 2020.06, then a
    later fix to 2019.06 (as upstream fixed published files); the revision
    of each step, in order."""
    import git
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.org")
    revisions = []
    for name, state in (("2019.06.json", "one"), ("2020.06.json", "two"),
                        ("2019.06.json", "three")):
        (root / name).write_text(f'{{"state": "{state}"}}\n')
        (root / "state.txt").write_text(state + "\n")
        repo.index.add([p.name for p in root.iterdir() if p.is_file()])
        revisions.append(repo.index.commit(f"state {state}").hexsha)
    return revisions


def test_the_corpus_job_lays_out_each_guideline_as_added(tmp_path):
    """By default each folder is the tree of the commit that added its
    guideline, not the head: the defects the corpus tests expect are
    those of the guideline as published."""
    source = tmp_path / "interop"
    source.mkdir()
    first, second, _ = _published_history(source)
    done, out = _lay_out_corpus(tmp_path, source)
    assert done.returncode == 0, done.stdout + done.stderr
    old, new = (out / "openstack-interop-2019.06",
                out / "openstack-interop-2020.06")
    assert (old / "state.txt").read_text() == "one\n"
    assert not (old / "2020.06.json").exists()
    assert (new / "state.txt").read_text() == "two\n"
    assert (new / "2019.06.json").exists()
    assert (out / "openstack-interop-2019.06.revision").read_text() == \
        first + "\n"
    assert (out / "openstack-interop-2020.06.revision").read_text() == \
        second + "\n"


def test_the_corpus_job_takes_the_revisions_it_is_given(tmp_path):
    source = tmp_path / "interop"
    source.mkdir()
    _, second, head = _published_history(source)
    done, out = _lay_out_corpus(
        tmp_path, source,
        interop_corpus_revisions={"openstack-interop-2019.06": head})
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "openstack-interop-2019.06" / "state.txt").read_text() \
        == "three\n"
    assert (out / "openstack-interop-2020.06.revision").read_text() == \
        second + "\n"


def test_the_corpus_job_fails_when_a_guideline_was_never_added(tmp_path):
    source = tmp_path / "interop"
    source.mkdir()
    _published_history(source)
    done, out = _lay_out_corpus(
        tmp_path, source,
        interop_corpus_added={"openstack-interop-2021.11": "2021.11.json"})
    assert done.returncode != 0
    assert not (out / "openstack-interop-2021.11").exists()
