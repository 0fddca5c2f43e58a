"""The README's quick start names the places the build really uses: the
environment that holds the ``interop`` command, and where a packet's page
and its PDF land."""
import configparser
import os
import re

from interop import sphinxext
from interop.tests.conftest import ROOT


def _readme():
    with open(os.path.join(ROOT, "README.rst"), encoding="utf-8") as handle:
        text = handle.read()
    return text[text.index("Quick start"):text.index("Working on guidelines")]


def test_the_command_is_where_the_readme_says():
    text = _readme()
    env = re.search(r"\.tox/(\w+)/bin/interop", text)
    assert env, "the README names no environment holding the command"
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(os.path.join(ROOT, "tox.ini"))
    assert tox.has_section(f"testenv:{env[1]}")  # tox installs the package
    assert "skip_install" not in tox[f"testenv:{env[1]}"]
    assert "holds tox only" in text  # and .venv does not claim more


def test_packet_pages_and_pdfs_are_where_the_readme_says():
    text = _readme()
    assert f"doc/build/html/{sphinxext.GENERATED}/PAGE-packet.html" in text
    assert f"doc/build/html/{sphinxext.PDF_DIR}/" in text
