"""The Board's workflow: release an approved draft, start the next draft,
scaffold a new add-on or vertical program.

Every operation plans all its file changes in memory first, then tries
them in a temporary copy of the repository (the sources, the criteria and
the published files), where it compiles every source and runs the rule
catalogue, and only then writes the files that change, each atomically.
An operation that is refused raises :class:`Refused` (a
:class:`~interop.errors.UsageError`: the command exits 2) before anything
is written, so the tree stays byte for byte as it was.

Sources and scoring sheets are changed with :mod:`interop.edit`: a copy
keeps every comment and line of the file it comes from, and only the
values that must change are rewritten.

``release`` and ``start_next`` work on a clean git working tree only: the
state before the operation is then the last commit, which ``git diff``
shows the operation against and ``git checkout`` restores.
"""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
import textwrap
from typing import Any

from interop import model as m
from interop.compiler import write_atomic
from interop.edit import EditError, scalar_text
from interop.edit import edit as _edit_text
from interop.errors import Finding, LoadError, UsageError
from interop.repository import Repository
from interop.scoring import SHEET_DIR, load_sheet, sheet_path
from interop.series import expected_id, order_key, version_of
from interop.source import load_yaml, read_text

VERSION = re.compile(r"^\d{4}\.(0[1-9]|1[0-2])$")
NAME = re.compile(r"^[a-z][a-z0-9-]*$")
KINDS = {"add-on": "add-ons", "vertical": "verticals"}
#: what the trial copy of a repository holds
_COPIED = ("criteria", "guidelines", "add-ons", "verticals")
_SHOWN_FINDINGS = 10


class Refused(UsageError):
    """An operation that was refused; nothing was written."""


@dataclasses.dataclass
class Outcome:
    """What an operation did."""

    #: files written, relative to the repository root, sorted
    written: list[str]
    #: the commit made (``release --commit``), else None
    commit: str | None = None
    #: things the editor should know (one sentence each)
    notes: list[str] = dataclasses.field(default_factory=list)


# -- release -----------------------------------------------------------------

def release(repo: Repository, program: str, version: str,
            commit: bool = False) -> Outcome:
    """The Board approved ``program``'s draft: release it as ``version``.

    Creates the dated source from the program's ``next`` source
    (``guidelines/next.yaml`` becomes ``guidelines/2027.06.yaml``,
    ``add-ons/dns/next.yaml`` becomes ``add-ons/dns/2027.06.yaml``) with
    the id of that version, status ``approved``, ``target_approval`` the
    version, ``replaces`` the program's most recent approved guideline
    (left as written when there is none) and ``metadata.source`` naming
    the new published file; copies the scoring sheet
    ``criteria/scoring/P/next.yaml`` to ``P/<version>.yaml`` with
    ``guideline`` set to the version; marks ``superseded`` every approved
    guideline of the program older than the two most recent (counting the
    new one); and regenerates the published JSON of every source.

    The draft ``next`` stays until :func:`start_next` replaces it; its
    ``replaces`` is set to the new guideline, as the rule catalogue
    requires of the draft that follows it (M004).

    With ``commit``, the result is committed in one git commit.

    Refused, with nothing written, when: ``version`` is not ``YYYY.MM``
    or not later than the program's latest approved guideline; the dated
    source (or sheet) already exists; the program has no ``next`` source;
    the git working tree has uncommitted changes or untracked files; or
    ``interop check`` reports errors before or after the change.
    """
    program = program or "powered"
    if not isinstance(version, str) or not VERSION.match(version):
        raise Refused(f"version {version!r} is not YYYY.MM (a year and a "
                      "month, 01 to 12)")
    git = _clean_git(repo, commit)
    _clean_check(repo)
    items = _program_sources(repo, program)
    draft = _by_version(items, "next")
    if draft is None:
        raise Refused(f"program {program!r} has no next source to release "
                      f"(looked at {_shown_paths(items)})")
    path, g = draft
    folder = os.path.dirname(path)
    dated = os.path.join(folder, f"{version}.yaml")
    if os.path.lexists(os.path.join(repo.root, dated)):
        raise Refused(f"{dated} already exists: {expected_id(g, version)} "
                      "has been released")
    approved = [(p, x) for p, x in items if version_of(x) != "next"
                and x.status in ("approved", "superseded")]
    if approved and order_key(version) <= order_key(
            version_of(approved[-1][1])):
        latest = version_of(approved[-1][1])
        raise Refused(f"{version} is not later than {program}'s latest "
                      f"approved guideline {expected_id(g, latest)}")

    plan: dict[str, str] = {}
    notes: list[str] = []
    new_id = expected_id(g, version)
    meta = ("metadata",)
    approval = meta + ("os_trademark_approval",)
    sets: list[tuple[tuple, Any]] = [
        (meta + ("id",), new_id),
        (approval + ("status",), "approved"),
        (approval + ("target_approval",), version),
    ]
    still_approved = [(p, x) for p, x in approved
                      if x.status == "approved"]
    previous = approved[-1][1] if approved else None
    if previous is not None:
        sets.append((approval + ("replaces",),
                     expected_id(g, version_of(previous))))
    source_url = g.metadata.source if g.metadata else None
    if isinstance(source_url, str) and "/" in source_url:
        sets.append((meta + ("source",),
                     _renamed_url(repo, source_url, dated)))
    text = read_text(os.path.join(repo.root, path))
    plan[dated] = edit(text, sets=sets, name=dated)
    # the draft now follows the new guideline
    plan[path] = edit(text, sets=[(approval + ("replaces",), new_id)],
                      name=path)
    notes.append(f"{path}: replaces now names {new_id}; run 'interop next "
                 f"{program}' to start the next draft from it")

    sheet_from = _rel(repo, sheet_path(repo.root, g.program.name, "next"))
    sheet_to = _rel(repo, sheet_path(repo.root, g.program.name, version))
    if os.path.lexists(os.path.join(repo.root, sheet_to)):
        raise Refused(f"{sheet_to} already exists: move it away first")
    if os.path.exists(os.path.join(repo.root, sheet_from)):
        sheet_text = read_text(os.path.join(repo.root, sheet_from))
        plan[sheet_to] = edit(sheet_text, sets=[(("guideline",), version)],
                              name=sheet_to)
    else:
        notes.append(f"{sheet_from} does not exist: no scoring sheet "
                     "copied")

    # vendors may use the two most recent approved guidelines
    for old_path, old in still_approved[:-1]:
        plan[old_path] = edit(read_text(os.path.join(repo.root, old_path)),
                              sets=[(approval + ("status",), "superseded")],
                              name=old_path)
        notes.append(f"{old_path}: {old.id} is now superseded")

    written = _carry_out(repo, plan)
    outcome = Outcome(written, notes=notes)
    if commit:
        outcome.commit = _commit(git, repo, written, _release_message(
            g, new_id, dated, written, notes))
    return outcome


def _release_message(g: m.Guideline, new_id: str, dated: str,
                     written: list[str], notes: list[str]) -> str:
    lines = [f"Release {new_id} of {_program_title(g)}", ""]
    lines.extend(textwrap.wrap(
        f"The Board approved the draft {expected_id(g, 'next')}; it is "
        f"released as {new_id} ({dated}).", 72))
    lines.append("")
    for note in notes:
        lines.extend(textwrap.wrap(note, 72, initial_indent="- ",
                                   subsequent_indent="  ",
                                   break_on_hyphens=False))
    lines.extend(["", "Files written by 'interop release':"])
    lines.extend(f"- {rel}" for rel in written)
    return "\n".join(lines) + "\n"


# -- next --------------------------------------------------------------------

def start_next(repo: Repository, program: str,
               target: str | None = None) -> Outcome:
    """Start ``program``'s next draft from its most recent approved
    guideline.

    The next source becomes a copy of that guideline with the id ``next``
    (``dns.next``), status ``draft``, ``replaces`` naming the approved
    guideline, ``target_approval`` ``target`` (by default six months
    after the approved one: 2027.06 gives 2027.12), ``metadata.source``
    naming the next published file, and no flags (a new draft carries
    none).  The approved guideline's scoring sheet is copied to
    ``next.yaml`` with ``guideline: next`` and ``sticky`` (Core in Last
    Release) marked 1 for every capability the approved guideline
    required.  The published JSON of every source is regenerated.

    An existing next source and sheet are overwritten: that is safe only
    because the operation is refused unless the git working tree is clean,
    so git keeps the old draft.  Refused too when the program has no
    approved guideline, when ``target`` is not a ``YYYY.MM`` later than
    it, or when ``interop check`` reports errors before or after.
    """
    if target is not None and (not isinstance(target, str)
                               or not VERSION.match(target)):
        raise Refused(f"target {target!r} is not YYYY.MM")
    _clean_git(repo, False)
    _clean_check(repo)
    items = _program_sources(repo, program)
    approved = [(p, x) for p, x in items if version_of(x) != "next"
                and x.status == "approved"]
    if not approved:
        raise Refused(f"program {program!r} has no approved guideline to "
                      "start the next draft from")
    path, g = approved[-1]
    version = version_of(g) or ""
    target = target or _months_later(version, 6)
    if order_key(target) <= order_key(version):
        raise Refused(f"target {target} is not later than {g.id}")
    folder = os.path.dirname(path)
    draft = os.path.join(folder, "next.yaml")
    meta = ("metadata",)
    approval = meta + ("os_trademark_approval",)
    sets: list[tuple[tuple, Any]] = [
        (meta + ("id",), expected_id(g, "next")),
        (approval + ("status",), "draft"),
        (approval + ("replaces",), expected_id(g, version)),
        (approval + ("target_approval",), target),
    ]
    source_url = g.metadata.source if g.metadata else None
    if isinstance(source_url, str) and "/" in source_url:
        sets.append((meta + ("source",), _renamed_url(repo, source_url,
                                                      draft)))
    text = read_text(os.path.join(repo.root, path))
    tree = load_yaml(text, path)
    flags = _flag_paths(tree)
    plan = {draft: edit(text, sets=sets, deletes=flags, name=draft)}
    notes = []
    if flags:
        notes.append(f"{draft}: {len(flags)} flags of {g.id} left out (a "
                     "new draft carries none)")

    sheet_from = sheet_path(repo.root, g.program.name, version)
    sheet_to = _rel(repo, sheet_path(repo.root, g.program.name, "next"))
    if os.path.exists(sheet_from):
        plan[sheet_to], marked = _next_sheet(repo, g, sheet_from, sheet_to)
        if marked:
            notes.append(f"{sheet_to}: sticky marked 1 for {marked} "
                         f"capabilities required in {g.id}")
    else:
        notes.append(f"{_rel(repo, sheet_from)} does not exist: no scoring "
                     "sheet copied")
    return Outcome(_carry_out(repo, plan), notes=notes)


def edit(text: str, sets: Any = (), deletes: Any = (), name: str = ""
         ) -> str:
    """:func:`interop.edit.edit`, refusing the operation when an edit
    cannot be made in place."""
    try:
        return _edit_text(text, sets=sets, deletes=deletes, name=name)
    except EditError as exc:
        raise Refused(f"{exc}; nothing written") from None


def _flag_paths(tree: Any) -> list[tuple]:
    out = []
    capabilities = tree.get("capabilities") if isinstance(tree, dict) \
        else None
    for cap, body in (capabilities or {}).items():
        tests = body.get("tests") if isinstance(body, dict) else None
        if not isinstance(tests, dict):
            continue
        for test, value in tests.items():
            if isinstance(value, dict) and "flagged" in value:
                out.append(("capabilities", cap, "tests", test, "flagged"))
    return out


def _next_sheet(repo: Repository, g: m.Guideline, sheet_from: str,
                sheet_to: str) -> tuple[str, int]:
    sheet = load_sheet(sheet_from, repo.criteria_sets)
    text = read_text(sheet_from)
    sets: list[tuple[tuple, Any]] = [(("guideline",), "next")]
    marked = 0
    if "sticky" in sheet.criteria:
        required = sorted(name for name, listed in
                          g.capability_statuses().items()
                          if any(status == "required"
                                 for _, status in listed))
        for name in required:
            score = sheet.scores.get(name)
            if score is None or not isinstance(
                    (score.tree or {}).get("marks"), dict):
                continue
            if score.marks.get("sticky") != 1 or \
                    type(score.marks.get("sticky")) is not int:
                sets.append((("capabilities", name, "marks", "sticky"), 1))
                marked += 1
    return edit(text, sets=sets, name=sheet_to), marked


# -- new add-on, new vertical ------------------------------------------------

def scaffold(repo: Repository, kind: str, name: str) -> Outcome:
    """Create the files of a new add-on or vertical program ``name``.

    ``add-ons/NAME/next.yaml`` (or ``verticals/NAME/next.yaml``), its
    scoring sheet ``criteria/scoring/NAME/next.yaml``, its published JSON,
    and ``doc/source/proposal-NAME.rst``, a page the proposing team fills
    in.  The draft builds on the Powered draft (``next``), has no
    capabilities yet (commented-out examples show how to add one) and
    passes ``interop check`` as it is.

    Refused when ``kind`` is not ``add-on`` or ``vertical``, ``name`` is
    not lower-case letters, digits and hyphens (starting with a letter),
    a program of that name exists, or there is no Powered draft
    (``guidelines/next.yaml``) to build on.
    """
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
    powered = _by_version(_program_sources(repo, "powered"), "next")
    if powered is None:
        raise Refused("there is no Powered draft (guidelines/next.yaml) "
                      "for the new program to build on")
    ppath, pg = powered
    source = os.path.join(KINDS[kind], name, "next.yaml")
    sheet = _rel(repo, sheet_path(repo.root, name, "next"))
    page = os.path.join("doc", "source", f"proposal-{name}.rst")
    facts = _powered_facts(repo, ppath, pg)
    facts.update(name=name, title=_title(name), kind=kind,
                 component="os_powered_" + name.replace("-", "_"),
                 module=name.replace("-", "_"),
                 source=source, sheet=sheet, page=page,
                 published=repo.published_path(source),
                 criteria="add-on" if kind == "add-on" else "core")
    facts["url"] = f"{facts['base']}/{facts['published']}"
    criteria = repo.criteria_sets.get(facts["criteria"])
    if criteria is None:
        raise Refused(f"criteria set {facts['criteria']!r} is not defined "
                      "in criteria/")
    marks = ", ".join(f'{key}:\0"?"' for key in sorted(criteria.criteria))
    facts["marks"] = "\n".join(textwrap.wrap(
        "{" + marks + "}", 79, initial_indent="#     marks: ",
        subsequent_indent="#             ")).replace("\0", " ")
    template = _ADD_ON if kind == "add-on" else _VERTICAL
    plan = {
        source: _comment(_INTRO.format(**facts)) + "\n"
        + template.format(**facts),
        sheet: _comment(_SHEET_INTRO.format(**facts))
        + _SHEET.format(**facts),
        page: _page(repo, facts),
    }
    for rel, text in plan.items():  # a template mistake is ours: say so
        if rel.endswith(".yaml"):
            load_yaml(text, rel)
    written = _carry_out(repo, plan, regenerate={source}, new_files=plan)
    return Outcome(written, notes=[
        f"fill in {page}, add capabilities to {source} and score them in "
        f"{sheet}"])


def _powered_facts(repo: Repository, path: str,
                   pg: m.Guideline) -> dict[str, str]:
    meta = pg.metadata
    approval = meta.approval if meta else None
    source = meta.source if meta and isinstance(meta.source, str) else ""
    base = source.rsplit("/", 1)[0] if "/" in source else \
        "https://opendev.org/openstack/interop/raw/branch/master"
    reference = meta.reference if meta and isinstance(meta.reference,
                                                      str) else \
        f"{base}/schemas/guideline-2.0.json"
    target = approval.target_approval if approval else None
    releases = approval.releases if approval else None
    if not isinstance(target, str) or not VERSION.match(target):
        target = _months_later(_today_version(), 6)
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
  proposed_by: The proposing project team (replace with its name)

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


# -- carrying out a plan -----------------------------------------------------

def _carry_out(repo: Repository, plan: dict[str, str],
               regenerate: set[str] | None = None,
               new_files: dict[str, str] | None = None) -> list[str]:
    """Try the planned texts in a copy of the repository, compile, check,
    then write what changes; returns the files written (root-relative).

    ``regenerate`` limits which sources' published files are written
    (default: all).  Without ``new_files``, any error finding after the
    change refuses it; with them, only errors in those files (and in
    their published files) do, since a new program cannot fix the rest.
    """
    from interop.checks import check_files, repository_files
    from interop.publish import compile_sources

    with tempfile.TemporaryDirectory(prefix="interop-") as tmp:
        trial_root = os.path.join(tmp, "repo")
        _copy_repository(repo.root, trial_root)
        for rel, text in plan.items():
            target = os.path.join(trial_root, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        trial = Repository(trial_root)
        try:
            if regenerate is None:
                outcomes = compile_sources(trial)
            else:
                outcomes = compile_sources(trial, [
                    os.path.join(trial_root, p) for p in sorted(regenerate)])
        except LoadError as exc:
            raise Refused(f"the change would not compile: "
                          f"{exc.finding.format()}; nothing written") \
                from None
        findings = check_files(repository_files(trial), trial)
        errors = _errors(findings)
        if new_files is not None:
            mine = set(new_files) | {o.published for o in outcomes}
            errors = [f for f in errors if f.path in mine]
        if errors:
            raise Refused("interop check would report errors after the "
                          "change; nothing written:\n"
                          + _listed(errors))
        changed: dict[str, bytes] = {}
        for rel in sorted(set(plan) | {o.published for o in outcomes}):
            with open(os.path.join(trial_root, rel), "rb") as handle:
                data = handle.read()
            try:
                with open(os.path.join(repo.root, rel), "rb") as handle:
                    if handle.read() == data:
                        continue
            except FileNotFoundError:
                pass
            changed[rel] = data
    for rel, data in changed.items():
        write_atomic(os.path.join(repo.root, rel), data.decode("utf-8"))
    return sorted(changed)


def _copy_repository(root: str, to: str) -> None:
    """The parts of the repository that compiling and checking read."""
    os.makedirs(to)
    for folder in _COPIED:
        here = os.path.join(root, folder)
        if os.path.isdir(here):
            shutil.copytree(here, os.path.join(to, folder), symlinks=True)
    for entry in os.listdir(root):
        if entry.endswith(".json") and os.path.isfile(
                os.path.join(root, entry)):
            shutil.copy2(os.path.join(root, entry), os.path.join(to, entry),
                         follow_symlinks=False)


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"
            and f.suppressed is None]


def _listed(findings: list[Finding]) -> str:
    lines = [f"  {f.format()}" for f in findings[:_SHOWN_FINDINGS]]
    if len(findings) > _SHOWN_FINDINGS:
        lines.append(f"  ... and {len(findings) - _SHOWN_FINDINGS} more")
    return "\n".join(lines)


def _clean_check(repo: Repository) -> None:
    from interop.checks import check_files, repository_files
    errors = _errors(check_files(repository_files(repo), repo))
    if errors:
        raise Refused("interop check reports errors before the change; fix "
                      "them first (nothing written):\n" + _listed(errors))


# -- git ---------------------------------------------------------------------

def _clean_git(repo: Repository, commit: bool) -> Any:
    """The git repository holding ``repo``, refusing when its working tree
    is not clean (or, for a commit, when git knows no committer)."""
    import git
    try:
        found = git.Repo(repo.root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise Refused(f"{repo.root} is not in a git working tree: the "
                      "operation needs git to keep what it replaces") \
            from None
    if found.bare:  # pragma: no cover - a bare repository has no tree
        raise Refused(f"{repo.root}: the git repository is bare")
    status = found.git.status("--porcelain", "--untracked-files=all")
    dirty = [line for line in status.splitlines() if line.strip()]
    if dirty:
        shown = "\n".join(f"  {line}" for line in dirty[:_SHOWN_FINDINGS])
        more = f"\n  ... and {len(dirty) - _SHOWN_FINDINGS} more" \
            if len(dirty) > _SHOWN_FINDINGS else ""
        raise Refused("the git working tree has uncommitted changes or "
                      "untracked files; commit or stash them first "
                      f"(nothing written):\n{shown}{more}")
    if commit:
        try:
            found.git.var("GIT_COMMITTER_IDENT")
            found.git.var("GIT_AUTHOR_IDENT")
        except git.GitCommandError:
            raise Refused("git does not know who commits (set user.name "
                          "and user.email); nothing written") from None
    return found


def _commit(found: Any, repo: Repository, written: list[str],
            message: str) -> str:
    import git
    paths = [os.path.join(repo.root, rel) for rel in written]
    try:
        found.git.add("--", *paths)
        found.git.commit("-q", "-m", message)
    except git.GitCommandError as exc:
        raise UsageError(f"the files were written but not committed: "
                         f"{exc.stderr.strip() or exc}") from None
    return found.head.commit.hexsha


# -- the program's files -----------------------------------------------------

def _program_sources(repo: Repository, program: str
                     ) -> list[tuple[str, m.Guideline]]:
    """The program's sources (root-relative) with their guidelines, oldest
    first; a source that cannot be read is refused."""
    if not isinstance(program, str) or not (program == "powered"
                                            or NAME.match(program)):
        raise Refused(f"program {program!r} is not a program name")
    out = []
    for path in repo.sources():
        try:
            g = repo.load(path).guideline
        except LoadError as exc:
            raise Refused(f"cannot read {exc.finding.format()}") from None
        if g.program.name == program and (
                (g.program.kind == "powered") == (program == "powered")):
            out.append((path, g))
    out.sort(key=lambda item: order_key(version_of(item[1])))
    if not out:
        raise Refused(f"no program {program!r} in {repo.root}")
    return out


def _by_version(items: list[tuple[str, m.Guideline]], version: str
                ) -> tuple[str, m.Guideline] | None:
    for path, g in items:
        if version_of(g) == version and os.path.basename(path) == \
                f"{version}.yaml":
            return path, g
    return None


def _shown_paths(items: list[tuple[str, m.Guideline]]) -> str:
    return ", ".join(p for p, _ in items) or "nothing"


def _rel(repo: Repository, path: str) -> str:
    return os.path.relpath(path, repo.root)


def _renamed_url(repo: Repository, url: str, source: str) -> str:
    """``url`` with its file name replaced by ``source``'s published
    file name (the same base)."""
    return url.rsplit("/", 1)[0] + "/" + os.path.basename(
        repo.published_path(source))


def _program_title(g: m.Guideline) -> str:
    if g.program.kind == "powered":
        return "OpenStack Powered"
    return f"the {g.program.name} {g.program.kind}"


def _months_later(version: str, months: int) -> str:
    year, month = int(version[:4]), int(version[5:7])
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}.{index % 12 + 1:02d}"


def _today_version() -> str:
    import datetime
    today = datetime.date.today()
    return f"{today.year:04d}.{today.month:02d}"
