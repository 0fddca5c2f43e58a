"""The argparse parsers of ``interop``, built from ``commands.toml``.

The commands are declared as data (names, help, arguments, the function
that runs each); this module turns them into parsers and nothing else.
A command's function is named, not imported: ``main`` imports it when the
command runs, and builds only that command's arguments, so ``interop
--help`` loads no stage of the library.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from interop import __version__
from interop.errors import LoadError, UsageError
from interop.files import read_cache, user_cache, write_atomic

#: what a table of commands.toml holds
Table = dict[str, Any]


class FormatNames:
    """The names of the findings' formats (``--format``'s choices), read
    from :mod:`interop.checks.formatters` only when argparse asks: that
    import loads the whole catalogue, which a command's start and its
    ``--help`` do not need."""

    def _names(self) -> list[str]:
        from interop.checks.formatters import FORMATS
        return sorted(FORMATS)

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of "
                                         "processes (1 or more)")
    return int(text)


def _bool(text: str) -> bool:
    if text.lower() in ("true", "yes", "1"):
        return True
    if text.lower() in ("false", "no", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, not {text!r}")


#: the converters an argument's ``type`` names
TYPES: dict[str, Callable[[str], Any]] = {"jobs": _jobs, "bool": _bool}
#: the choices an argument's ``choices`` names, computed when asked
CHOICES: dict[str, Callable[[], Any]] = {"formats": FormatNames}


@functools.cache
def declared() -> Table:
    """``commands.toml``, read once (package data: a wheel has it too).

    Beside this module, as the schemas are: importlib.resources would
    load tempfile, shutil and more into every command's start.  The
    parsed table is kept in the user's cache (:func:`interop.files
    .user_cache`), beside the compiled schemas, with the text it was
    parsed from: parsing the TOML is a tenth of a check run's start."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "commands.toml")
    with open(path, "rb") as data:
        source = data.read().decode("utf-8")
    # keyed by the text itself: a table is only ever the parse of the
    # exact text beside it
    cache = os.path.join(user_cache(),
                         f"commands-{zlib.crc32(source.encode()):08x}.json")
    table = read_cache(cache, source, 4 * 1024 * 1024,
                       lambda stored: stored["table"])
    if isinstance(table, dict):
        return table
    import tomllib
    table = tomllib.loads(source)
    try:  # a cache that cannot be written is only not kept
        os.makedirs(os.path.dirname(cache), mode=0o700, exist_ok=True)
        write_atomic(cache, json.dumps({"fingerprint": source,
                                        "table": table}))
    except (OSError, LoadError, UsageError):
        pass
    return table


def build(only: str | None = None) -> dict[str, argparse.ArgumentParser]:
    """Every parser by its command line: ``interop`` first, then each
    command (``interop check``) and subcommand (``interop tests lock``)
    in the order of their ``--help``.  With ``only``, the other commands
    get their names and help but no arguments: a command's start does
    not build (nor compute the choices of) every other's."""
    spec = declared()
    top = spec["interop"]
    parser = argparse.ArgumentParser(prog=top["prog"],
                                     description=top["description"],
                                     epilog=top["epilog"])
    parser.add_argument("--version", action="version",
                        version=top["version"].format(version=__version__))
    found = {"interop": parser}
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in spec["command"]:
        if only in (None, command["name"]):
            _command(sub, command, spec["shared"], "interop", found)
        else:
            sub.add_parser(command["name"], help=command["help"])
    return found


def _command(sub: Any, spec: Table, shared: Table, above: str,
             found: dict[str, argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(spec["name"], help=spec["help"],
                            description=spec.get("description"),
                            epilog=spec.get("epilog"))
    found[f"{above} {spec['name']}"] = parser
    groups = {name: parser.add_mutually_exclusive_group(**group)
              for name, group in spec.get("groups", {}).items()}
    for argument in spec.get("argument", ()):
        if "shared" in argument:
            argument = shared[argument["shared"]]
        _argument(groups.get(argument.get("group", ""), parser), argument)
    if "subcommands" in spec:
        inner = parser.add_subparsers(**spec["subcommands"])
        for command in spec["command"]:
            _command(inner, command, shared, f"{above} {spec['name']}",
                     found)
    if "run" in spec:
        # a name, resolved by main: the command's module loads when it runs
        parser.set_defaults(run=spec["run"])


def _argument(into: Any, spec: Table) -> None:
    options = {k: v for k, v in spec.items() if k not in ("flags", "group")}
    if "type" in options:
        options["type"] = TYPES[options["type"]]
    if isinstance(options.get("choices"), str):
        options["choices"] = CHOICES[options["choices"]]()
    into.add_argument(*spec["flags"], **options)


def runner(name: str) -> Callable[[argparse.Namespace], int]:
    """The function a command's ``run`` names (``module:function``)."""
    import importlib
    module, _, function = name.partition(":")
    found: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(module), function)
    return found
