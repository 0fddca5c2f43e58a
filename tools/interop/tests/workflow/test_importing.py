"""``interop import``: paths printed, nothing overwritten unread."""
import os

from interop import cli
from interop.tests.conftest import corpus_files


def test_import_prints_each_path_and_refuses_to_overwrite(
        corpus, tmp_path, capsys):
    files = corpus_files("add-ons/dns.*.json")
    assert cli.main(["import", *files, "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(tmp_path / "add-ons" / "dns" / f"{v}.yaml")
                       for v in ("2018.02", "2018.11", "2019.06")]
    edited = tmp_path / "add-ons" / "dns" / "2019.06.yaml"
    edited.write_text(edited.read_text() + "# my note\n")
    before = {p: open(p).read() for p in printed}
    assert cli.main(["import", *files, "--out", str(tmp_path)]) == 2
    assert "exists and differs" in capsys.readouterr().err
    assert {p: open(p).read() for p in printed} == before


def test_import_of_unreadable_json_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "2026.06.json"
    bad.write_text('{"metadata": {"id": "x", "id": "y"}}')
    out = tmp_path / "repo"
    assert cli.main(["import", str(bad), "--out", str(out)]) == 2
    assert ":1:" in capsys.readouterr().err
    assert not out.exists()


def test_import_of_unknown_schema(tmp_path, capsys):
    bad = tmp_path / "2026.06.json"
    bad.write_text('{"schema": "3.0"}')
    assert cli.main(["import", str(bad), "--out", str(tmp_path)]) == 2
    assert "E113" in capsys.readouterr().err


def test_help_lists_commands(capsys):
    try:
        cli.main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    for name in ("import", "compile", "check", "rules"):
        assert name in out
    assert "Exit codes" in out


def test_no_command_is_a_usage_error(capsys):
    assert cli.main([]) == 2


def test_imported_yaml_is_readable(corpus, tmp_path):
    files = corpus_files("verticals/*.json")
    cli.main(["import", *files, "--out", str(tmp_path)])
    text = open(os.path.join(tmp_path, "verticals", "nfv", "next.yaml")).read()
    assert text.startswith("# Imported from nfv.next.json (schema 2.0)")
    assert "derive: false" in text
    # tests with only an id use the one-line form
    assert "test_trunk.test_list_trunks: id-" in text
