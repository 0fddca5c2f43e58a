"""The checker's configuration (issue 30): per-rule level and ignored
paths, files left out, ``extends``, in ``.interop.yaml`` or
``pyproject.toml``; every mistake in it a located X code, exit 2."""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop import cli
from interop.checks import config as cfg
from interop.checks import load_config
from interop.errors import LoadError
from interop.tests.checks.helpers import BASE

UNKNOWN = BASE.replace("required: [compute-servers-create]",
                       "required: [compute-servers-create, nope-1]")


@pytest.fixture
def repo(tmp_path):
    for name in ("guidelines", "add-ons/dns"):
        (tmp_path / name).mkdir(parents=True)
    (tmp_path / "guidelines" / "next.yaml").write_text(UNKNOWN)
    return tmp_path


def _check(repo, capsys, *extra):
    code = cli.main(["check", "--select", "R003", "--format", "json",
                     "--repo", str(repo), *extra,
                     str(repo / "guidelines" / "next.yaml")])
    return code, json.loads(capsys.readouterr().out or "[]")


def test_without_configuration_the_catalogue_decides(repo, capsys):
    code, out = _check(repo, capsys)
    assert code == 1
    assert [(f["code"], f["severity"]) for f in out] == [("R003", "error")]


@pytest.mark.parametrize("rules", ["R003: warning",
                                   "undefined-reference: {level: warning}"])
def test_a_level_changes_the_severity_and_the_exit(repo, capsys, rules):
    (repo / ".interop.yaml").write_text(f"rules:\n  {rules}\n")
    code, out = _check(repo, capsys)
    assert code == 0
    assert [(f["code"], f["severity"]) for f in out] == [("R003",
                                                          "warning")]


def test_disable_runs_the_rule_no_more(repo, capsys):
    (repo / ".interop.yaml").write_text("rules:\n  R003: disable\n")
    assert _check(repo, capsys) == (0, [])


def test_a_rules_ignore_leaves_out_its_findings_there(repo, capsys):
    (repo / ".interop.yaml").write_text(
        "rules:\n  R003:\n    ignore: |\n      guidelines/next.*\n")
    assert _check(repo, capsys) == (0, [])
    (repo / ".interop.yaml").write_text(
        "rules:\n  R003:\n    ignore: [add-ons/]\n")
    assert _check(repo, capsys)[0] == 1


def test_ignored_paths_are_not_checked(repo, capsys):
    (repo / ".interop.yaml").write_text("ignore: ['guidelines/*.yaml']\n")
    assert _check(repo, capsys) == (0, [])


def test_pyproject_table(repo, capsys):
    (repo / "pyproject.toml").write_text(
        '[build-system]\nrequires = []\n\n[tool.interop.rules]\n'
        'R003 = {level = "info"}\n')
    code, out = _check(repo, capsys)
    assert code == 0 and out[0]["severity"] == "info"


def test_the_yaml_file_wins_over_pyproject(repo):
    (repo / "pyproject.toml").write_text(
        '[tool.interop]\nrules = {R003 = "info"}\n')
    (repo / ".interop.yaml").write_text("rules: {R003: warning}\n")
    assert load_config(str(repo)).rules["R003"].level == "warning"


def test_a_pyproject_without_the_table_is_no_configuration(repo):
    (repo / "pyproject.toml").write_text('[tool.ruff]\nline-length = 79\n')
    assert load_config(str(repo)) is cfg.DEFAULT


def test_extends_overrides_what_it_extends(repo):
    (repo / "base.yaml").write_text(
        "ignore: [old/]\nrules:\n  R003: {level: info, ignore: [x/]}\n"
        "  F004: disable\n")
    (repo / ".interop.yaml").write_text(
        "extends: base.yaml\nrules:\n  R003: warning\n  F004: enable\n")
    found = load_config(str(repo))
    assert found.ignore == ("old/",)
    assert found.rules["R003"] == cfg.RuleConfig("warning", ("x/",))
    assert found.enabled("F004")
    assert load_config(str(repo), str(repo / "base.yaml")).rules[
        "F004"].level == "disable"


def test_config_option_names_the_file(repo, capsys):
    (repo / "other.yaml").write_text("rules: {R003: disable}\n")
    assert _check(repo, capsys, "--config", str(repo / "other.yaml")) \
        == (0, [])


@pytest.mark.parametrize("text, code, line, col", [
    ("- a list\n", "X002", 1, 1),
    ("rulez: {}\n", "X003", 1, 1),
    ("rules:\n  R003: {level: warning, max: 3}\n", "X003", 2, 26),
    ("rules:\n  Q999: warning\n", "X004", 2, 3),
    ("rules:\n  R003: loud\n", "X005", 2, 3),
    ("rules:\n  R003: {level: loud}\n", "X005", 2, 10),
    ("ignore: 3\n", "X006", 1, 1),
    ("ignore: [a, 3]\n", "X006", 1, 1),
    ("extends: missing.yaml\n", "X007", 1, 1),
    ("extends: .interop.yaml\n", "X007", 1, 1),
    ("rules: [R003]\n", "X002", 1, 1),
])
def test_a_bad_configuration_is_a_located_error(repo, capsys, text, code,
                                                line, col):
    (repo / ".interop.yaml").write_text(text)
    with pytest.raises(LoadError) as info:
        load_config(str(repo))
    f = info.value.finding
    assert (f.code, f.line, f.col) == (code, line, col)
    assert f.path.endswith(".interop.yaml")
    # the command stops before checking: exit 2, the located message
    assert cli.main(["check", "--repo", str(repo)]) == 2
    assert f":{line}:{col}: {code} " in capsys.readouterr().err


@pytest.mark.parametrize("text, code, line", [
    ('[tool.interop]\nrules = {R003 = "loud"}\n', "X005", 2),
    ('[tool.interop]\nfoo = 1\n', "X003", 2),
    ('[tool.interop]\n\n[tool.interop.rules]\nQ999 = "info"\n', "X004",
     4),
    ('[tool.interop\n', "X002", 1),
    ('tool = 3\n[tool.interop]\n', "X002", 2),
])
def test_a_bad_pyproject_table_is_located_too(repo, text, code, line):
    (repo / "pyproject.toml").write_text(text)
    with pytest.raises(LoadError) as info:
        load_config(str(repo))
    assert (info.value.finding.code, info.value.finding.line) == (code,
                                                                  line)


def test_a_table_that_is_not_a_table_is_refused(repo):
    (repo / "pyproject.toml").write_text('[tool]\ninterop = "all"\n')
    with pytest.raises(LoadError) as info:
        load_config(str(repo), str(repo / "pyproject.toml"))
    assert info.value.finding.code == "X002"


def test_every_configuration_code_is_documented(root):
    with open(f"{root}/doc/source/rules.rst", encoding="utf-8") as page:
        text = page.read()
    assert all(code in text for code in cfg.CODES)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.sampled_from(
        ["R003", "undefined-reference", "warning", "disable", "x/", "",
         "default", "extends", "ignore", "rules", "level"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["extends", "ignore", "rules", "level", "R003",
                         "F004", "Q999", "max"]), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=_VALUES)
def test_any_configuration_loads_or_is_a_located_error(tmp_path, tree):
    import yaml
    path = tmp_path / ".interop.yaml"
    path.write_text(yaml.safe_dump(tree))
    try:
        found = load_config(str(tmp_path), str(path))
    except LoadError as exc:
        assert exc.finding.code.startswith(("X", "E1"))
        assert exc.finding.line >= 1 and exc.finding.col >= 1
    else:
        assert isinstance(found, cfg.Config)
