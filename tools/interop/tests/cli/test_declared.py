"""The commands declared as data (``cli/commands.toml``): each names a
function that exists, the file ships with the package, and a command's
module loads only when that command runs."""
from __future__ import annotations

import configparser
import fnmatch
import inspect
import os
import subprocess
import sys

from interop import cli
from interop.cli.parsers import declared, runner

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))
STAGES = ("load", "scoring", "publish", "checks", "tempest", "refstack",
          "workflow", "docs")


def _runs(commands: list[dict[str, object]]) -> list[str]:
    found = []
    for command in commands:
        if "run" in command:
            found.append(str(command["run"]))
        found += _runs(command.get("command", []))  # type: ignore[arg-type]
    return found


def test_every_command_names_a_function_of_the_cli() -> None:
    runs = _runs(declared()["command"])
    # every parser that is not a group of subcommands runs something
    assert len(runs) >= len(cli.commands())
    for name in runs:
        function = runner(name)
        assert inspect.isfunction(function), name
        assert name.startswith("interop.cli."), name


def test_the_declaration_ships_as_package_data() -> None:
    config = configparser.ConfigParser()
    config.read(os.path.join(ROOT, "setup.cfg"))
    patterns = config["options.package_data"]["interop"].split()
    assert any(fnmatch.fnmatch("cli/commands.toml", p) for p in patterns)


def _loaded(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\n"
         "print(' '.join(m for m in sys.modules if m.startswith('interop')))"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    return set(out.stdout.split())


def test_importing_the_cli_loads_no_stage_nor_command() -> None:
    loaded = _loaded("import interop.cli")
    assert "interop.cli.parsers" in loaded
    stages = {m for m in loaded if m.partition(".")[2].split(".")[0]
              in STAGES}
    assert not stages, stages
    assert not {m for m in loaded if m.startswith("interop.cli.")} - {
        "interop.cli.base", "interop.cli.parsers"}, loaded


def test_a_command_loads_its_own_module_only() -> None:
    loaded = _loaded("from interop.cli import main\n"
                     "import contextlib, io\n"
                     "with contextlib.redirect_stdout(io.StringIO()):\n"
                     "    main(['rules'])")
    assert "interop.cli.checking" in loaded
    assert "interop.cli.governance" not in loaded
    assert "interop.cli.testing" not in loaded


def test_help_loads_no_stage() -> None:
    # the findings' formats (check's --format choices) come from the
    # catalogue: only a command that declares them builds them
    loaded = _loaded("import contextlib, io\n"
                     "from interop.cli import main\n"
                     "with contextlib.redirect_stdout(io.StringIO()):\n"
                     "    try:\n"
                     "        main(['--help'])\n"
                     "    except SystemExit:\n"
                     "        pass")
    assert "interop.cli.parsers" in loaded
    assert not {m for m in loaded if m.partition(".")[2].split(".")[0]
                in STAGES}, loaded


def test_the_command_table_is_cached_only_for_its_own_text(tmp_path,
                                                           monkeypatch):
    """The parsed table kept in the user's cache is the parse of the
    exact text beside the module; a stored table of other text is not
    used."""
    import importlib
    import json
    import tomllib

    # the module (interop.cli.parsers, the attribute, is a function)
    parsers = importlib.import_module("interop.cli.parsers")
    monkeypatch.setenv("INTEROP_CACHE", str(tmp_path))
    parsers.declared.cache_clear()
    first = parsers.declared()
    [stored] = list(tmp_path.glob("commands-*.json"))
    with open(os.path.join(os.path.dirname(parsers.__file__),
                           "commands.toml"), "rb") as handle:
        assert first == tomllib.load(handle)
    data = json.loads(stored.read_text())
    data["fingerprint"] += "# an older text\n"
    data["table"] = {"stale": True}
    stored.write_text(json.dumps(data))
    parsers.declared.cache_clear()
    assert parsers.declared() == first
    parsers.declared.cache_clear()
