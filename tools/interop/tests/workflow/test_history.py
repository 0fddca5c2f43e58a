"""The whole published history imports: every corpus file imports or is
refused with a located error, and a key given twice is read as JSON
readers read it (the last value), reported, and its other value kept."""
import glob
import json
import os

import yaml

from interop import cli
from interop.tests.conftest import CORPUS, CORPUS_2020


def _history():
    found = []
    for top in (CORPUS, CORPUS_2020):
        found += glob.glob(os.path.join(top, "**", "*.json"),
                           recursive=True)
    return sorted(p for p in found if os.sep + "doc" + os.sep not in p)


def test_every_published_file_imports(corpus, corpus2020, tmp_path,
                                      capsys):
    files = _history()
    assert len(files) >= 24
    for n, path in enumerate(files):
        out = tmp_path / str(n)
        assert cli.main(["import", path, "--out", str(out)]) == 0, path
        assert "Traceback" not in capsys.readouterr().err


def _with_second_admin(corpus, tmp_path):
    """2016.01 with a capability's ``admin`` given twice, as the
    published history has such slips."""
    text = open(os.path.join(corpus, "2016.01.json")).read()
    anchor = '"admin": false,\n      "description": "List supported ' \
             'versions of the Compute API",'
    assert anchor in text
    text = text.replace(anchor, '"admin": true,\n      ' + anchor, 1)
    copy = tmp_path / "2016.01.json"
    copy.write_text(text)
    line = text[:text.index('"admin": true')].count("\n") + 1
    return copy, line


def test_a_duplicated_key_is_read_as_json_readers_read_it(corpus, tmp_path,
                                                          capsys):
    copy, line = _with_second_admin(corpus, tmp_path)
    out = tmp_path / "repo"
    assert cli.main(["import", str(copy), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    # placed at the key whose value is kept
    assert f"2016.01.json:{line + 1}:7: E121 (warning) key 'admin'" in err
    source = yaml.safe_load((out / "guidelines" / "2016.01.yaml")
                            .read_text())
    cap = source["capabilities"]["compute-list-api-versions"]
    assert cap["admin"] is False  # the last value, as json.load keeps
    assert source["imported"]["dropped"][
        "/capabilities/compute-list-api-versions/admin"] is True


def test_a_duplicated_key_in_a_2_0_file_round_trips_as_read(corpus2020,
                                                            tmp_path,
                                                            capsys):
    text = open(os.path.join(corpus2020, "add-ons",
                             "dns.2020.06.json")).read()
    text = text.replace('"status": "approved"',
                        '"status": "draft", "status": "approved"', 1)
    copy = tmp_path / "add-ons" / "dns.2020.06.json"
    copy.parent.mkdir()
    copy.write_text(text)
    out = tmp_path / "repo"
    (out / "criteria").mkdir(parents=True)
    assert cli.main(["import", str(copy), "--out", str(out)]) == 0
    assert "E121 (warning) key 'status'" in capsys.readouterr().err
    assert cli.main(["compile", "--repo", str(out)]) == 0
    compiled = json.load(open(out / "add-ons" / "guidelines" /
                              "dns.2020.06.json"))
    assert compiled == json.loads(text)  # the last value wins, as read


def test_only_what_is_not_json_is_refused(tmp_path, capsys):
    bad = tmp_path / "2016.01.json"
    bad.write_text('{"schema": "1.4",\n "id": "2016.01"\n "x": 1}')
    assert cli.main(["import", str(bad), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "2016.01.json:3:2: E120" in err and "Traceback" not in err


def test_a_key_given_three_times_keeps_both_earlier_values(tmp_path,
                                                           capsys):
    bad = tmp_path / "2026.06.json"
    bad.write_text('{"metadata": {"schema": "2.0", "id": "2026.06",\n'
                   ' "os_trademark_approval": {"status": "draft",\n'
                   ' "status": "review", "status": "approved"}}}')
    out = tmp_path / "repo"
    assert cli.main(["import", str(bad), "--out", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    # each placed at the key whose value is kept
    assert [line.split(": E121")[0] for line in err] == [
        f"{bad}:3:22", f"{bad}:3:22"]
    source = yaml.safe_load((out / "guidelines" / "2026.06.yaml")
                            .read_text())
    assert source["metadata"]["os_trademark_approval"]["status"] == \
        "approved"
    assert source["imported"]["dropped"] == {
        "/metadata/os_trademark_approval/status": ["draft", "review"]}
