"""Scaffolding a new add-on or vertical program: its draft, its scoring
sheet and a proposal page, passing the checks from the start."""
from __future__ import annotations

import os
import textwrap
from typing import Any

from interop import model as m
from interop.load.source import load_yaml
from interop.repository import Repository
from interop.scoring.sheets import SHEET_DIR, sheet_path
from interop.workflow.edit import scalar_text
from interop.workflow.programs import (
    by_version,
    months_later,
    program_sources,
    repo_rel,
    today_version,
)
from interop.workflow.plan import (
    KINDS,
    NAME,
    VERSION,
    Outcome,
    Refused,
    carry_out,
)

#: where the published files live when the Powered draft does not say
DEFAULT_BASE = "https://opendev.org/openstack/interop/raw/branch/master"

# -- new add-on, new vertical ------------------------------------------------

def scaffold(repo: Repository, kind: str, name: str,
             team: str | None = None, group: str | None = None) -> Outcome:
    """Create the files of a new add-on or vertical program ``name``.

    ``add-ons/NAME/next.yaml`` (or ``verticals/NAME/next.yaml``), its
    scoring sheet ``criteria/scoring/NAME/next.yaml``, its published JSON,
    and ``doc/source/proposal-NAME.rst``, a page the proposing team fills
    in.  The draft builds on the Powered draft (``next``), has no
    capabilities yet (commented-out examples show how to add one) and
    passes ``interop check`` as it is.

    The program's owner is registered in
    ``criteria/process/programs.yaml``: an add-on is its project team's
    (``team``, and ``group``, the Gerrit group that votes for it, both
    required), a vertical the Working Group's.

    Refused when ``kind`` is not ``add-on`` or ``vertical``, ``name`` is
    not lower-case letters, digits and hyphens (starting with a letter),
    a program of that name exists, or there is no Powered draft
    (``guidelines/next.yaml``) to build on.
    """
    _new_name(repo, kind, name)
    owners = _owner_entry(repo, kind, name, team, group)
    powered = by_version(program_sources(repo, "powered"), "next")
    if powered is None:
        raise Refused("there is no Powered draft (guidelines/next.yaml) "
                      "for the new program to build on")
    facts = _facts(repo, kind, name, team, powered)
    source, sheet, page = facts["source"], facts["sheet"], facts["page"]
    template = _ADD_ON if kind == "add-on" else _VERTICAL
    plan = {
        source: _comment(_INTRO.format(**facts)) + "\n"
        + template.format(**facts),
        sheet: _comment(_SHEET_INTRO.format(**facts))
        + _SHEET.format(**facts),
        page: _page(repo, facts),
        **owners,
    }
    for rel, text in plan.items():  # a template mistake is ours: say so
        if rel.endswith(".yaml"):
            load_yaml(text, rel)
    written = carry_out(repo, plan, regenerate={source}, new_files=plan)
    return Outcome(written, notes=[
        f"fill in {page}, add capabilities to {source} and score them in "
        f"{sheet}",
        "next step: the proposing team fills these in, runs 'interop "
        "check' and 'interop tests verify', then 'interop approve "
        f"{source} --by project-team --date YYYY-MM-DD --reference URL' "
        "and proposes the change for review"])


def _new_name(repo: Repository, kind: str, name: str) -> None:
    """Refused unless ``kind`` is a program kind and ``name`` a free,
    well-formed program name."""
    if kind not in KINDS:
        raise Refused(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(name, str) or not NAME.match(name):
        raise Refused(f"program name {name!r} is not lower-case letters, "
                      "digits and hyphens starting with a letter "
                      "(key-manager)")
    taken = [os.path.join(folder, name) for folder in KINDS.values()] + \
        [os.path.join(SHEET_DIR, name),
         os.path.join("doc", "source", f"proposal-{name}.rst")]
    existing = [p for p in taken
                if os.path.lexists(os.path.join(repo.root, p))]
    if name == "powered" or existing:
        raise Refused(f"program {name!r} exists "
                      f"({', '.join(existing) or 'OpenStack Powered'})")


def _facts(repo: Repository, kind: str, name: str, team: str | None,
           powered: tuple[str, Any]) -> dict[str, Any]:
    """What the templates fill in for the new program, built on the
    Powered draft ``powered`` (its path and guideline)."""
    source = os.path.join(KINDS[kind], name, "next.yaml")
    facts = _powered_facts(repo, *powered)
    facts.update(name=name, title=_title(name), kind=kind,
                 component="os_powered_" + name.replace("-", "_"),
                 module=name.replace("-", "_"), source=source,
                 sheet=repo_rel(repo, sheet_path(repo.root, name, "next")),
                 page=os.path.join("doc", "source", f"proposal-{name}.rst"),
                 published=repo.published_path(source),
                 criteria="add-on" if kind == "add-on" else "core")
    facts["url"] = f"{facts['base']}/{facts['published']}"
    facts["proposed_by"] = f"The {team} project team" if team else \
        "The proposing project team (replace with its name)"
    criteria = repo.criteria_sets.get(facts["criteria"])
    if criteria is None:
        raise Refused(f"criteria set {facts['criteria']!r} is not defined "
                      "in criteria/")
    marks = ", ".join(f'{key}:\0"?"' for key in sorted(criteria.criteria))
    facts["marks"] = "\n".join(textwrap.wrap(
        "{" + marks + "}", 79, initial_indent="#     marks: ",
        subsequent_indent="#             ")).replace("\0", " ")
    return facts


PROGRAMS = os.path.join("criteria", "process", "programs.yaml")


def _owner_entry(repo: Repository, kind: str, name: str,
                 team: str | None, group: str | None) -> dict[str, str]:
    """The new text of programs.yaml naming the program's owner (an empty
    plan when the repository keeps no such file)."""
    path = os.path.join(repo.root, PROGRAMS)
    if kind == "add-on" and not (team and group):
        raise Refused("an add-on is its project team's to propose: give "
                      "--team (the team, as 'manila') and --group (its "
                      "Gerrit group, as 'manila-core'); they are "
                      f"registered as the owner in {PROGRAMS}")
    for value, what in ((team, "--team"), (group, "--group")):
        if value is not None and not NAME.match(value.replace("_", "-")):
            raise Refused(f"{what} {value!r} is not lower-case letters, "
                          "digits, hyphens and underscores")
    if not os.path.isfile(path):
        return {}
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    known = (load_yaml(text, PROGRAMS) or {}).get("programs") or {}
    if name in known:
        raise Refused(f"{PROGRAMS} already names an owner of {name!r}")
    if not text.rstrip("\n").splitlines()[-1].startswith("    "):
        raise Refused(f"{PROGRAMS} does not end with its programs: add "
                      f"{name}'s owner by hand")
    if kind == "add-on":
        entry = (f"  {name}:\n    owner: project-team\n    team: {team}\n"
                 f"    gerrit_group: {group}\n")
    else:
        entry = f"  {name}:\n    owner: working-group\n"
        if team or group:
            raise Refused("a vertical is the Working Group's: --team and "
                          "--group are for add-ons")
    return {PROGRAMS: text.rstrip("\n") + "\n" + entry}


def _powered_facts(repo: Repository, path: str,
                   pg: m.Guideline) -> dict[str, str]:
    meta = pg.metadata
    approval = meta.approval if meta else None
    source = meta.source if meta and isinstance(meta.source, str) else ""
    # the base is the Powered source's URL less its published path (not
    # its folder: that doubled guidelines/ in every URL written, M009)
    published = "/" + repo.published_path(path).replace(os.sep, "/")
    folder = source.rsplit("/", 1)[0] if "/" in source else ""
    if source.endswith(published):
        base = source[:-len(published)]
    elif "://" in folder and folder.rsplit("/", 1)[-1] not in (
            "guidelines", "add-ons", "verticals"):
        base = folder  # the older layout: files at the top of the base
    else:
        base = DEFAULT_BASE
    reference = meta.reference if meta and isinstance(meta.reference,
                                                      str) else \
        f"{base}/schemas/guideline-2.0.json"
    target = approval.target_approval if approval else None
    releases = approval.releases if approval else None
    if not isinstance(target, str) or not VERSION.match(target):
        target = months_later(today_version(), 6)
    if not isinstance(releases, list) or not releases or \
            not all(isinstance(r, str) for r in releases):
        releases = None
    return {
        "base": base,
        "reference": reference,
        "powered_url": f"{base}/{repo.published_path(path)}",
        "target": scalar_text(target),
        "releases": "[" + ", ".join(scalar_text(r) for r in releases) + "]"
        if releases else '["2026.1"]',
    }


def _comment(text: str) -> str:
    """Paragraphs as a YAML comment block, wrapped at 79 columns."""
    out = []
    for paragraph in text.split("\n\n"):
        out.extend(textwrap.wrap(paragraph, 77, break_on_hyphens=False,
                                 break_long_words=False) or [""])
        out.append("")
    return "".join(f"# {line}".rstrip() + "\n" for line in out[:-1])


_INTRO = """\
{title}: the next guideline of the {name} {kind} (DRAFT).

Scaffolded by 'interop new {kind} {name}'.  Replace proposed_by below \
with the project team that proposes the program, fill in {page}, then \
add capabilities: the commented-out examples show where each part goes, \
and doc/source/proposing.rst gives the steps.  Nothing here binds anyone \
until the Board approves it under a dated name (YYYY.MM); until then it \
is published as {published}.

The tools supply what is left out: metadata.schema (the compiler writes \
"2.0"), achievements (compiled from {sheet}) and required_since \
(derived from the program's series of guidelines).  There is no \
replaces: this is the program's first guideline."""

_HEAD = """\
program:
  kind: {kind}
  name: {name}
  builds_on: next
  proposed_by: {proposed_by}

metadata:
  id: {name}.next
  reference: {reference}
  source: {url}
  scoring: {criteria}
  os_trademark_approval:
    status: draft
    target_approval: {target}
    releases: {releases}
"""

_BODY = """
components:
  {component}:
    capabilities:
      required: []
      # List a capability under one status:
      # advisory:
      #   - {name}-example-crud
      advisory: []
      deprecated: []
      removed: []

# A capability, with the tests that check it:
#
# capabilities:
#   {name}-example-crud:
#     project: {name}
#     admin: false
#     description: >-
#       What an ordinary user of a project can do, in a sentence or two.
#     tests:
#       {module}_tempest_plugin.tests.api.test_example.ExampleTest.test_a:
#         idempotent_id: id-00000000-0000-4000-8000-000000000000
capabilities: {{}}

# The project's designated sections (required ones once a capability of
# the project is required):
#
# designated_sections:
#   {name}:
#     advisory:
#       guidance: The API service is designated.
#       sections:
#         api:
#           description: The {name} API service.
#           designated: true
designated_sections: {{}}

# The Tempest plugin the tests come from, at the release they are taken
# from:
#
# test_repositories:
#   {name}-tempest-plugin:
#     repository: https://opendev.org/openstack/{name}-tempest-plugin/
#     reference: "1.0.0"
#     description: The {name} project's Tempest plugin.
test_repositories: {{}}
"""

_ADD_ON = _HEAD + """
add-ons:
  {title}:
    description: >-
      An OpenStack Powered Compute product whose users can also use the
      service's API (describe what a product carrying the add-on offers).
    components:
      - {component}
    required_platform_components:
      - name: os_powered_compute
        source: {powered_url}
""" + _BODY

_VERTICAL = _HEAD + """
platforms:
  OpenStack Powered {title}:
    description: >-
      An OpenStack Powered Compute product fit for the vertical (describe
      what a product carrying it offers).
    components:
      - {component}
      - name: os_powered_compute
        source: {powered_url}
""" + _BODY

_SHEET_INTRO = """\
Scoring sheet of the {name} {kind}'s draft guideline ({source}).

One row per capability, marked against the criteria of the \
'{criteria}' set (criteria/{criteria}.yaml): 1 meets the criterion, 0 \
does not, "?" not scored yet.  The compiler writes each capability's \
achievements from these marks; 'interop score {sheet}' shows the \
totals.  See doc/source/criteria.rst."""

_SHEET = """\
program: {name}
guideline: next
criteria: {criteria}
# A row per capability:
#
# capabilities:
#   {name}-example-crud:
#     section: Examples
#     admin: false
{marks}
#     comments: {{sticky: No earlier guideline of the program.}}
capabilities: {{}}
"""


def _page(repo: Repository, facts: dict[str, str]) -> str:
    title = f"Proposal: the {facts['title']} {facts['kind']}"
    see = ":doc:`proposing`" if os.path.exists(os.path.join(
        repo.root, "doc", "source", "proposing.rst")) else \
        "doc/source/proposing.rst"
    return f""":orphan:

{"=" * len(title)}
{title}
{"=" * len(title)}

.. This page was scaffolded by 'interop new {facts['kind']} {facts['name']}'.
   Fill in each section, replace the text in italics, and link the page
   from the documentation's index when the proposal is under review.

The proposal
============

*What the {facts['name']} {facts['kind']} is for: what a product carrying
it offers its users, and why clouds and their users need it.*

The files of the program:

- ``{facts['source']}``, the draft guideline;
- ``{facts['sheet']}``, its scoring sheet;
- ``{facts['published']}``, the published JSON
  (``interop compile`` writes it).

See {see} for the steps of a proposal.

Who proposes it
===============

*The project team (or group) that proposes the program and will keep its
tests working.*

Contacts
========

*Who to ask about the proposal: names, e-mail addresses, IRC or Matrix
handles.*
"""


def _title(name: str) -> str:
    return " ".join(part.capitalize() for part in name.split("-"))


