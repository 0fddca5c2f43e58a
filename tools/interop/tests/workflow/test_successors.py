"""How a successor program uses the repository (doc/source/successors.rst):
its commands are the CLI's, and the flow it describes works from a
published guideline kept as a file."""
import os
import re
import shlex

import pytest

from interop import cli
from interop.tests.conftest import copy_criteria


def commands(root):
    with open(os.path.join(root, "doc", "source", "successors.rst"),
              encoding="utf-8") as handle:
        lines = iter(handle.read().splitlines())
    found = []
    for line in lines:
        if not re.match(r"\s+interop \w", line):
            continue
        while line.endswith("\\"):
            line = line[:-1] + next(lines).strip()
        # the shell's redirection is not the command's
        words = shlex.split(line.split("  #")[0])[1:]
        found.append(words[:words.index(">")] if ">" in words else words)
    return found


def test_every_command_of_the_page_is_one_the_cli_takes(root):
    found = commands(root)
    assert {c[0] for c in found} >= {"import", "testlist", "export",
                                     "comply"}
    for words in found:
        cli.parser().parse_args(words)  # exits (SystemExit) when wrong


def test_a_successor_imports_a_kept_guideline_and_profiles_it(
        corpus2020, tmp_path):
    from interop.refstack.consumers import check_profiles
    copy_criteria(str(tmp_path))
    (tmp_path / "guidelines").mkdir()
    kept = os.path.join(corpus2020, "2020.06.json")
    assert cli.main(["import", "--baseline", kept, "--out",
                     str(tmp_path)]) == 0
    (tmp_path / "consumers").mkdir()
    profile = tmp_path / "consumers" / "mine.yaml"
    test = "tempest.api.compute.servers.test_servers.ServersTestJSON." \
        "test_create_server_with_admin_password"
    profile.write_text(
        "profile: mine\nguideline: guidelines/baseline/2020.06.yaml\n"
        "target: compute\ncredentials: non-admin\nexclude:\n"
        f"  - test: {test}\n    reason: Off on our clouds.\n"
        "    decision: https://example.org/minutes/7\n")
    assert check_profiles(str(tmp_path)) == []
    profile.write_text(profile.read_text().replace("servers.test_servers",
                                                   "servers.test_nothing"))
    assert [f.code for f in check_profiles(str(tmp_path))] == ["J004"]


@pytest.mark.parametrize("name,schema", [
    ("2015.03.json", "1.2"), ("2015.07.json", "1.5"),
    ("2016.08.json", "1.6"), ("2019.06.json", "2.0")])
def test_import_takes_a_published_file_of_each_schema(corpus, tmp_path,
                                                      name, schema):
    from interop.publish.layout import published_document
    from interop.refstack.testlist import schema_of
    path = os.path.join(corpus, name)
    assert schema_of(published_document(path)[0]) == schema
    assert cli.main(["import", path, "--out", str(tmp_path)]) == 0
    written = [os.path.join(d, f) for d, _, fs in os.walk(tmp_path)
               for f in fs if f.endswith(".yaml")]
    assert [os.path.basename(w) for w in written] == [
        name.replace(".json", ".yaml")]
