"""The extension in another project: a host Sphinx project that names it
and one setting, built as its maintainers would (``-W -n -j 2``), and
the folder of generated pages, which is the extension's alone."""
import os
import re
import subprocess
import sys

import pytest


from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from interop.docs.generated import STAMP
from interop.tests.docs.sample import make_sample

HOST_INDEX = """\
Host project
============

Our own words, and the rule catalogue of the guidelines we follow.

.. toctree::

   rules

See :doc:`the guidelines <generated/index>`.
"""


def host(tmp_path, conf=None):
    """A guideline repository and, elsewhere, a host project naming it."""
    repo = make_sample(tmp_path / "repo")
    src = tmp_path / "host" / "source"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(conf if conf is not None else (
        'extensions = ["interop.sphinxext"]\n'
        f"interop_root = {os.path.relpath(repo, src)!r}\n"))
    (src / "index.rst").write_text(HOST_INDEX)
    (src / "rules.rst").write_text("Rules\n=====\n\n.. interop-rules::\n")
    return repo, src


def sphinx_build(src, *options):
    out = src.parent / "build"
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "-q", *options,
         "-b", "html", str(src), str(out / "html"),
         "-d", str(out / "doctrees")], capture_output=True, text=True,
        check=False), out / "html"


@pytest.mark.parametrize("options", [(), ("-j", "2")])
def test_a_host_project_builds_with_one_setting(tmp_path, options):
    _, src = host(tmp_path)
    done, html = sphinx_build(src, *options)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    pages = os.listdir(html / "generated")
    assert "powered-next.html" in pages and "index.html" in pages
    assert "powered-next-packet.html" in pages
    assert (src / "generated" / STAMP).is_file()
    assert "W001" in (html / "rules.html").read_text()


def test_a_host_that_names_no_repository_is_told_so(tmp_path):
    _, src = host(tmp_path, conf='extensions = ["interop.sphinxext"]\n')
    done, _ = sphinx_build(src)
    assert done.returncode != 0
    assert "is not a guideline repository" in done.stderr
    assert "set interop_root in conf.py" in done.stderr


def test_the_hosts_own_generated_folder_is_left_alone(tmp_path):
    _, src = host(tmp_path)
    mine = src / "generated"
    mine.mkdir()
    (mine / "notes.rst").write_text("Notes\n=====\n\nOurs.\n")
    done, _ = sphinx_build(src)
    assert done.returncode != 0
    assert "did not write" in done.stderr and "interop_generated" in \
        done.stderr
    assert os.listdir(mine) == ["notes.rst"]  # nothing added, nothing gone
    # with a folder of its own the build goes through
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + 'interop_generated = "guidelines"\n')
    (src / "index.rst").write_text(HOST_INDEX.replace(
        "generated/index", "guidelines/index").replace(
        "   rules\n", "   rules\n   generated/notes\n"))
    done, html = sphinx_build(src)
    assert done.returncode == 0, done.stderr
    assert os.listdir(mine) == ["notes.rst"]
    assert "powered-next.html" in os.listdir(html / "guidelines")


def test_the_generated_folder_is_never_a_link(tmp_path):
    """issue 14: ``doc/source/generated`` as a link made the build delete
    someone's ``.rst`` files where it pointed."""
    _, src = host(tmp_path)
    elsewhere = tmp_path / "someone"
    elsewhere.mkdir()
    (elsewhere / "thesis.rst").write_text("Mine\n====\n")
    os.symlink(elsewhere, src / "generated")
    done, _ = sphinx_build(src)
    assert done.returncode != 0
    assert "symbolic link" in done.stderr
    assert os.listdir(elsewhere) == ["thesis.rst"]


def test_only_pages_it_wrote_are_deleted(tmp_path):
    repo, src = host(tmp_path)
    done, _ = sphinx_build(src)
    assert done.returncode == 0, done.stderr
    folder = src / "generated"
    # a file put into the folder by hand is not the extension's to delete
    (folder / "stray.txt").write_text("kept\n")
    os.remove(repo / "guidelines" / "2026.06.yaml")  # its page goes
    sphinx_build(src)
    names = os.listdir(folder)
    assert "powered-2026.06.rst" not in names
    assert "stray.txt" in names and "powered-next.rst" in names


@pytest.mark.parametrize("name", ["/tmp/x", "../up", "a/../../b", ""])
def test_the_generated_folder_stays_in_the_project(tmp_path, name):
    _, src = host(tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + f"interop_generated = {name!r}\n")
    done, _ = sphinx_build(src)
    assert done.returncode != 0
    assert "interop_generated" in done.stderr


def test_a_folder_the_extension_wrote_before_the_stamp_is_adopted(tmp_path):
    _, src = host(tmp_path)
    old = src / "generated"
    old.mkdir()
    (old / "powered-2020.06.rst").write_text(
        ".. Generated from guidelines/2020.06.yaml: edit that file.\n\nX\n")
    (old / "index.rst").write_text(".. This page is generated.\n\nX\n")
    done, _ = sphinx_build(src)
    assert done.returncode == 0, done.stderr
    assert "powered-2020.06.rst" not in os.listdir(old)  # it was ours
    assert (old / STAMP).is_file()


def test_every_directive_and_option_is_documented(root):
    from interop import sphinxext
    directives = {}

    class App:
        def add_config_value(self, name, *args):
            directives.setdefault("config", []).append(name)

        def add_directive(self, name, cls):
            directives[name] = cls

        def connect(self, *args, **kwargs):  # priority=...
            pass

        def add_css_file(self, *args):
            pass

        def add_role(self, name, func):
            directives.setdefault("roles", []).append(name)
        def add_domain(self, *args):
            pass
    sphinxext.setup(App())
    with open(os.path.join(root, "doc", "source", "sphinx.rst")) as handle:
        page = handle.read()
    for name in directives.pop("config"):
        assert f"``{name}`` (default" in page, name
    for name in directives.pop("roles"):
        assert f"``:{name}:`" in page, name  # a role, with an example
    for name, cls in directives.items():
        at = page.index(f"``.. {name}::")
        end = page.find("\n``.. ", at + 1)
        entry = page[at:end if end > 0 else len(page)]
        assert f"   .. {name}::" in entry, name  # an example
        used = set(getattr(cls, "option_spec", None) or {})
        documented = set(re.findall(r":(\w+): [A-Z]", entry))
        # a part names the options that apply to it; together they are all
        assert documented <= used, (name, documented)
    for option in ("status", "capability"):
        assert f"Option ``:{option}:" in page
