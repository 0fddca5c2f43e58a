"""The programs' policy: where tests may come from, which credentials a
required test may need, who approves.  Data, not code.

``criteria/process/programs.yaml`` holds it beside the owners: a
``policy:`` mapping per program kind (``powered``, ``add-on``,
``vertical``), and a program may say more in its own ``policy:``
(what it names replaces its kind's value)::

    policy:
      powered:
        tests_from: [tempest-api]
        admin: false
        second_user: false
        approvers: [working-group, board]
    programs:
      nfv:
        owner: working-group
        policy: {tests_from: [tempest, plugins, xtesting]}

Test sources, by what a test's name says:

* ``tempest-api``  Tempest's API tests (``tempest.api.*``);
* ``tempest``      any Tempest test (scenario tests too);
* ``own-plugin``   the Tempest plugin of the program's own project team
  (its package starts with the team's name: ``designate_tempest_plugin``);
* ``plugins``      any Tempest plugin the guideline's ``test_repositories``
  names;
* ``xtesting``     an adjacent suite's case (``xtesting:<project>/<case>``)
  from a ``test_repositories`` entry of kind ``xtesting``.

Without the file (a rule's documented example, a bare tree), the defaults
below hold: the Working Group's policy as the process documents state it.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Any

from interop.errors import LoadError
from interop.load.source import load_yaml_file, loc_of

PROGRAMS = os.path.join("criteria", "process", "programs.yaml")
SOURCES = ("tempest-api", "tempest", "own-plugin", "plugins", "xtesting")
ROLES = ("project-team", "working-group", "board")
XTESTING = "xtesting:"


@dataclasses.dataclass(frozen=True)
class Policy:
    """One program's policy."""

    tests_from: tuple[str, ...]
    admin: bool          # may a required test need admin credentials
    second_user: bool    # may it need a second user (Tempest's alt)
    approvers: tuple[str, ...]
    #: the program's own project team (from its owner), for own-plugin
    team: str | None = None

    def allows(self, source: str) -> bool:
        if source in self.tests_from:
            return True
        # the wider source covers the narrower one
        return (source == "tempest-api" and "tempest" in self.tests_from) \
            or (source == "own-plugin" and "plugins" in self.tests_from)


#: the process documents' policy, used where the repository says nothing
DEFAULTS = {
    # the TC's 2016 resolution: trademark tests live in Tempest
    "powered": Policy(("tempest-api",), False, False,
                      ("working-group", "board")),
    # an add-on: Tempest and its own team's plugin (ExtensionPrograms)
    "add-on": Policy(("tempest", "own-plugin"), True, True,
                     ("project-team", "working-group", "board")),
    # a vertical: plugins and the adjacent suites it names
    "vertical": Policy(("tempest", "plugins", "xtesting"), True, True,
                       ("working-group", "board")),
}


def source_of(test: str, team: str | None = None) -> str:
    """Which kind of source a test's name says it comes from."""
    if test.startswith(XTESTING):
        return "xtesting"
    if test.startswith("tempest.api."):
        return "tempest-api"
    if test.startswith("tempest."):
        return "tempest"
    package = test.split(".", 1)[0].lower()
    if team and package.startswith(team.lower().replace("-", "_")):
        return "own-plugin"
    return "plugins"


def _bad(path: str, tree: Any, key: Any, message: str) -> LoadError:
    loc = loc_of(tree, key)
    return LoadError(path, loc.line or 1, loc.col or 1, "E174", message)


def _values(path: str, body: Any) -> dict[str, Any]:
    """The policy values a mapping gives, checked."""
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise _bad(path, body, None, "a policy is a mapping")
    unknown = sorted(set(body) - {"tests_from", "admin", "second_user",
                                  "approvers"})
    if unknown:
        raise _bad(path, body, unknown[0], f"unknown policy key "
                   f"'{unknown[0]}' (tests_from, admin, second_user, "
                   "approvers)")
    values: dict[str, Any] = {}
    for key, allowed in (("tests_from", SOURCES), ("approvers", ROLES)):
        if key in body:
            items = body[key]
            if not isinstance(items, list) or not items or any(
                    i not in allowed for i in items):
                raise _bad(path, body, key, f"'{key}' is a list of "
                           f"{', '.join(allowed)}")
            values[key] = tuple(items)
    for key in ("admin", "second_user"):
        if key in body:
            if not isinstance(body[key], bool):
                raise _bad(path, body, key, f"'{key}' is true or false")
            values[key] = body[key]
    return values


@dataclasses.dataclass(frozen=True)
class Policies:
    kinds: dict[str, Policy]
    #: program -> what its own policy says (over its kind's)
    programs: dict[str, dict[str, Any]]
    #: program -> its project team (the owner, for own-plugin)
    teams: dict[str, str]

    def of(self, kind: str, program: str) -> Policy:
        base = self.kinds.get(kind) or DEFAULTS["vertical"]
        return dataclasses.replace(base, team=self.teams.get(program),
                                   **self.programs.get(program, {}))


def default_policies() -> Policies:
    return Policies(dict(DEFAULTS), {}, {})


def load_policies(root: str | None) -> Policies:
    """The policies of the repository at ``root`` (the defaults where it
    has no programs.yaml or says nothing); E174 when one is malformed."""
    path = os.path.join(root, PROGRAMS) if root else None
    if path is None or not os.path.exists(path):
        return default_policies()
    tree = load_yaml_file(path)
    shown = os.path.relpath(path, root)
    if not isinstance(tree, dict):
        return default_policies()
    given = tree.get("policy") or {}
    if not isinstance(given, dict):
        raise _bad(shown, tree, "policy", "'policy' maps program kinds "
                   "to policies")
    kinds = {}
    for kind, body in given.items():
        if kind not in DEFAULTS:
            raise _bad(shown, given, kind, f"'{kind}' is not a program "
                       f"kind ({', '.join(DEFAULTS)})")
        kinds[kind] = dataclasses.replace(DEFAULTS[kind],
                                          **_values(shown, body))
    programs, teams = {}, {}
    listed = tree.get("programs")
    for name, body in (listed if isinstance(listed, dict) else {}).items():
        if not isinstance(body, dict):
            continue  # the ownership loader reports it
        programs[name] = _values(shown, body.get("policy"))
        if isinstance(body.get("team"), str):
            teams[name] = body["team"]
    return Policies({**DEFAULTS, **kinds}, programs, teams)
