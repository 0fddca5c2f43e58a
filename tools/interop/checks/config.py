"""The checker's configuration, as yamllint and flake8 have theirs.

A repository may hold ``.interop.yaml`` at its root or a
``[tool.interop]`` table in its ``pyproject.toml`` (the YAML file wins
when both exist).  It sets, per rule (by code or name), a ``level``
(``error``, ``warning``, ``info``, ``disable`` or ``enable``) and the
paths the rule ``ignore``\\ s; ``ignore`` at the top leaves files out of
the check altogether; ``extends`` names a configuration (a file, relative
to this one, or ``default``) whose settings this one overrides.  Patterns
are git's ignore patterns (``pathspec``), matched against paths relative
to the repository.

A configuration that cannot be used is a located, coded load error
(``X002``-``X007``), so ``interop check`` stops with exit 2 instead of
checking with settings nobody meant.
"""
from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from interop.checks.engine import RULES
from interop.errors import LoadError, Location, Severity
from interop.load.source import load_yaml, read_text, value_loc

if TYPE_CHECKING:
    import pathspec

#: the configuration errors, with what each means (the docs list them)
CODES = {
    "X002": "a configuration file that is not a mapping, or not TOML",
    "X003": "a key the configuration does not know",
    "X004": "a rule the catalogue does not have",
    "X005": "a level other than error, warning, info, disable or enable",
    "X006": "ignore patterns that are not text or a list of text",
    "X007": "an extended configuration that cannot be read, or a loop of "
            "extends",
}
YAML_NAME = ".interop.yaml"
TOML_NAME = "pyproject.toml"
LEVELS = ("error", "warning", "info", "disable", "enable")
_TOP = ("extends", "ignore", "rules")
_PER_RULE = ("level", "ignore")


@dataclasses.dataclass(frozen=True)
class RuleConfig:
    """One rule's settings: ``level`` None keeps the catalogue's."""

    level: str | None = None
    ignore: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Config:
    """Settings read from a configuration (no file: :data:`DEFAULT`)."""

    path: str | None = None
    ignore: tuple[str, ...] = ()
    rules: Mapping[str, RuleConfig] = dataclasses.field(
        default_factory=dict)

    def ignored(self, path: str) -> bool:
        """Whether a file (relative to the repository) is left out."""
        return bool(self.ignore) and _spec(self.ignore).match_file(path)

    def enabled(self, code: str) -> bool:
        setting = self.rules.get(code)
        return setting is None or setting.level != "disable"

    def select(self, select: Iterable[str] | None,
               codes: Iterable[str]) -> list[str] | None:
        """The codes to run: ``select`` (prefixes) less the disabled."""
        if not any(r.level == "disable" for r in self.rules.values()):
            return list(select) if select is not None else None
        return [c for c in sorted(codes) if self.enabled(c) and (
            select is None or any(c.startswith(s) for s in select))]

    def apply(self, findings: Iterable[Any]) -> list[Any]:
        """Findings with the configured levels, less the ignored ones."""
        out = []
        for f in findings:
            setting = self.rules.get(f.code)
            if setting is None:
                out.append(f)
                continue
            if setting.ignore and _spec(setting.ignore).match_file(f.path):
                continue
            if setting.level is not None and \
                    setting.level in Severity.__members__.values():
                f = dataclasses.replace(f, severity=Severity(setting.level))
            out.append(f)
        return out


DEFAULT = Config()


def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    # imported here: a check without a configuration pays nothing for it
    import pathspec
    found = _SPECS.get(patterns)
    if found is None:
        found = _SPECS[patterns] = pathspec.GitIgnoreSpec.from_lines(
            patterns)
    return found


_SPECS: dict[tuple[str, ...], pathspec.GitIgnoreSpec] = {}


def find(root: str) -> str | None:
    """The configuration file of the repository at ``root``, if any."""
    yaml_path = os.path.join(root, YAML_NAME)
    if os.path.lexists(yaml_path):
        return yaml_path
    toml_path = os.path.join(root, TOML_NAME)
    if os.path.isfile(toml_path) and _TABLE.search(read_text(toml_path)):
        return toml_path
    return None


def load_config(root: str, path: str | None = None) -> Config:
    """The configuration of the repository at ``root`` (or the file
    ``path``): :data:`DEFAULT` when there is none."""
    path = path or find(root)
    if path is None:
        return DEFAULT
    return _load(path, rules=_rule_names(), seen=())


def _rule_names() -> dict[str, str]:
    """Code or name -> code, for every rule of the catalogue."""
    out = {code: code for code in RULES}
    out.update({r.name: code for code, r in RULES.items()})
    return out


def _load(path: str, rules: dict[str, str], seen: tuple[str, ...]
          ) -> Config:
    real = os.path.realpath(path)
    if real in seen:
        raise LoadError(path, 1, 1, "X007", "extends loops back to this "
                        "file: " + " -> ".join(seen + (real,)))
    raw = _Raw.read(path)
    base = DEFAULT
    extends = raw.data.get("extends")
    if extends is not None and extends != "default":
        if not isinstance(extends, str) or not extends:
            raise raw.error(("extends",), "X007", "extends must name a "
                            "configuration file or 'default'")
        target = os.path.join(os.path.dirname(path), extends)
        if not os.path.isfile(target):
            raise raw.error(("extends",), "X007", f"extends {extends!r}: "
                            "no such file")
        base = _load(target, rules, seen + (real,))
    ignore = base.ignore
    if "ignore" in raw.data:
        ignore = _patterns(raw, ("ignore",), raw.data["ignore"])
    merged = dict(base.rules)
    table = raw.data.get("rules", {})
    if not isinstance(table, dict):
        raise raw.error(("rules",), "X002", "rules must be a mapping of "
                        "rule codes or names to settings")
    for key, value in table.items():
        code = rules.get(key)
        if code is None:
            raise raw.error(("rules", key), "X004", f"no rule {key!r} in "
                            "the catalogue ('interop rules' lists them)")
        merged[code] = _rule(raw, ("rules", key), value,
                             merged.get(code, RuleConfig()))
    return Config(path, ignore, merged)


def _rule(raw: _Raw, where: _Where, value: Any, base: RuleConfig
          ) -> RuleConfig:
    if isinstance(value, str):  # the short form: the level alone
        value = {"level": value}
    if not isinstance(value, dict):
        raise raw.error(where, "X002", "a rule's setting is a level or a "
                        "mapping with level and ignore")
    for key in value:
        if key not in _PER_RULE:
            raise raw.error(where + (key,), "X003", f"unknown key {key!r} "
                            f"for a rule (known: {', '.join(_PER_RULE)})")
    level = value.get("level", base.level)
    if level not in LEVELS and level is not None:
        raise raw.error(where + ("level",) if "level" in value else where,
                        "X005", f"level {level!r} is not one of "
                        + ", ".join(LEVELS))
    ignore = base.ignore
    if "ignore" in value:
        ignore = _patterns(raw, where + ("ignore",), value["ignore"])
    return RuleConfig(None if level == "enable" else level, ignore)


def _patterns(raw: _Raw, where: _Where, value: Any) -> tuple[str, ...]:
    """Ignore patterns: a list of text, or lines of one text (as
    yamllint's block scalar)."""
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list) or not all(
            isinstance(v, str) for v in value):
        raise raw.error(where, "X006", "ignore takes a list of path "
                        "patterns (or one text of them, a line each)")
    patterns = tuple(v.strip() for v in value if v.strip())
    try:
        _spec(patterns)
    except (ValueError, TypeError) as exc:
        raise raw.error(where, "X006", f"not a path pattern: {exc}"
                        ) from None
    return patterns


_TABLE = re.compile(r"^[ \t]*\[\s*tool\s*\.\s*interop\b", re.M)


#: the keys from the file's top to a setting (a YAML key may be no text)
_Where = tuple[Any, ...]


@dataclasses.dataclass
class _Raw:
    """A configuration file as read, which can place its errors."""

    path: str
    data: dict[str, Any]  # the file as read (YAML or TOML)
    text: str
    tree: Any = None  # the YAML tree (with places); None for TOML

    @classmethod
    def read(cls, path: str) -> _Raw:
        text = read_text(path)
        if not path.endswith(".toml"):
            tree = load_yaml(text, path) if text.strip() else {}
            if not isinstance(tree, dict):
                raise LoadError(path, 1, 1, "X002", "a configuration is a "
                                "mapping (extends, ignore, rules)")
            raw = cls(path, tree, text, tree)
        else:
            import tomllib
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise LoadError(path, *_toml_place(str(exc)), "X002",
                                f"not TOML: {exc}") from None
            tool = data.get("tool", {})
            section = tool.get("interop", {}) if isinstance(tool, dict) \
                else {}
            raw = cls(path, section, text)
            if not isinstance(section, dict):
                raise raw.error((), "X002", "[tool.interop] is a table")
        for key in raw.data:
            if key not in _TOP:
                raise raw.error((key,), "X003", f"unknown key {key!r} "
                                f"(known: {', '.join(_TOP)})")
        return raw

    def error(self, where: _Where, code: str, message: str) -> LoadError:
        loc = value_loc(self.tree, where) if self.tree is not None \
            else self._toml_loc(where)
        return LoadError(self.path, loc.line or 1, loc.col or 1, code,
                         message)

    def _toml_loc(self, where: _Where) -> Location:
        """TOML readers keep no places: the line that names the last key
        of ``where`` under ``[tool.interop``, else that table's header."""
        header = _TABLE.search(self.text)
        start = header.start() if header else 0
        line = self.text.count("\n", 0, start) + 1
        for key in reversed(where):
            found = re.compile(
                rf"^[ \t]*(?:[\w.\"]*\.)?\"?{re.escape(str(key))}\"?\s*[=.\]]",
                re.M).search(self.text, start)
            if found:
                return Location(self.text.count("\n", 0, found.start()) + 1,
                                found.start() - self.text.rfind(
                                    "\n", 0, found.start()))
        return Location(line, 1)


def _toml_place(message: str) -> tuple[int, int]:
    found = re.search(r"line (\d+), column (\d+)", message)
    return (int(found[1]), int(found[2])) if found else (1, 1)
