"""M: a guideline's metadata, and its place among its program's guidelines.

Most of these mistakes come from copying ``next`` to a dated guideline by
hand: the id, the source and ``replaces`` are left as they were.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.checks.workspace import builds_on
from interop.errors import LoadError, UsageError
from interop.repository import published_rel
from interop.series import expected_id, split_id, version_of


def _file_version(doc: Document) -> str | None:
    """The version the file's name gives, when it gives one."""
    stem = os.path.basename(doc.path).rsplit(".", 1)[0]
    return split_id(stem)[1]


def _approval(g: m.Guideline) -> m.Approval | None:
    return g.metadata.approval if g.metadata else None


@rule("M001", "error", "id-not-file-name")
def id_not_file_name(doc: Document) -> Iterator[Problem]:
    """The guideline's id does not match its file name (``2026.06.yaml``
    holds ``2026.06``; ``add-ons/dns/2026.06.yaml`` holds ``dns.2026.06``).

    Fails::

        metadata:
          id: "2026.06"

    Passes::

        metadata:
          id: next
    """
    version = _file_version(doc)
    g = doc.guideline
    if version is None or g.metadata is None:
        return
    want = expected_id(g, version)
    if g.id != want:
        yield Problem(f"id is {g.id!r} but the file holds guideline "
                      f"'{want}'", ("metadata", "id"), key=False)


@rule("M002", "error", "source-names-another-file")
def source_names_another_file(doc: Document) -> Iterator[Problem]:
    """``metadata.source`` names a published file other than this
    guideline's own.

    Fails::

        metadata:
          source: https://example.org/2026.06.json

    Passes::

        metadata:
          source: https://example.org/next.json
    """
    g = doc.guideline
    version = _file_version(doc)
    source = g.metadata.source if g.metadata else None
    if version is None or not isinstance(source, str) or \
            not source.endswith(".json"):
        return
    want = expected_id(g, version) + ".json"
    if source.rsplit("/", 1)[-1] != want:
        yield Problem(f"source names {source.rsplit('/', 1)[-1]}, not this "
                      f"guideline's {want}", ("metadata", "source"),
                      key=False)


@rule("M003", "warning", "reference-not-schema")
def reference_not_schema(doc: Document) -> Iterator[Problem]:
    """``metadata.reference`` does not name the schema of the guideline's
    format (a file ending in ``2.0.json``).

    Fails::

        metadata:
          reference: https://example.org/schema/1.6.json

    Passes::

        metadata:
          reference: https://example.org/schema/2.0.json
    """
    meta = doc.guideline.metadata
    if meta and isinstance(meta.reference, str) and \
            not meta.reference.endswith("2.0.json"):
        yield Problem(f"reference {meta.reference} does not name the 2.0 "
                      "schema", ("metadata", "reference"), key=False)


@rule("M004", "error", "replaces-not-previous")
def replaces_not_previous(doc: Document) -> Iterator[Problem]:
    """``replaces`` is missing, or does not name the program's most recent
    approved guideline before this one.

    Fails::

        metadata:
          os_trademark_approval:
            replaces: "2025.12"

    Passes::

        metadata:
          os_trademark_approval:
            replaces: "2026.06"
    """
    g = doc.guideline
    approval = _approval(g)
    if doc.workspace is None or approval is None:
        return
    earlier = doc.workspace.series(g).approved_before(g)
    if not earlier:
        return
    want = version_of(earlier[-1])
    path = ("metadata", "os_trademark_approval")
    if approval.replaces is None:
        # str(): a version-less guideline is shown "None", as before
        yield Problem(f"replaces is missing: the previous approved "
                      f"guideline is {expected_id(g, str(want))}", path)
    elif split_id(approval.replaces)[1] != want:
        yield Problem(f"replaces {approval.replaces!r}, but the previous "
                      f"approved guideline is {expected_id(g, str(want))}",
                      path + ("replaces",), key=False)


@rule("M005", "error", "approved-too-old")
def approved_too_old(doc: Document) -> Iterator[Problem]:
    """A guideline is still ``approved`` though two newer guidelines of its
    program are approved: vendors may use only the two most recent, so it
    is ``superseded``.

    Fails::

        # file: guidelines/2025.06.yaml
        metadata:
          id: "2025.06"
          os_trademark_approval:
            status: approved

    Passes::

        # file: guidelines/2025.06.yaml
        metadata:
          id: "2025.06"
          os_trademark_approval:
            status: superseded
    """
    g = doc.guideline
    if doc.workspace is None or g.status != "approved":
        return
    series = doc.workspace.series(g)
    newer = [x for x in series if x.status == "approved"
             and x is not g and series.items.index(x) > series.items.index(g)]
    if len(newer) >= 2:
        names = ", ".join(str(x.id) for x in newer[:2])
        yield Problem(f"approved, but {names} are newer approved "
                      "guidelines: mark it superseded",
                      ("metadata", "os_trademark_approval", "status"),
                      key=False)


@rule("M006", "error", "target-approval-not-id")
def target_approval_not_id(doc: Document) -> Iterator[Problem]:
    """A dated guideline's ``target_approval`` is not its own date.

    Fails::

        metadata:
          id: "2026.06"
          source: https://example.org/2026.06.json
          os_trademark_approval:
            target_approval: "2026.12"

    Passes::

        metadata:
          id: "2026.06"
          source: https://example.org/2026.06.json
          os_trademark_approval:
            target_approval: "2026.06"
    """
    g = doc.guideline
    approval = _approval(g)
    version = split_id(g.id)[1]
    if approval is None or version in (None, "next"):
        return
    target = split_id(approval.target_approval)[1]
    if target is not None and target != version:
        yield Problem(f"target_approval {approval.target_approval!r} is not "
                      f"this guideline's date {version}",
                      ("metadata", "os_trademark_approval",
                       "target_approval"), key=False)


@rule("M007", "warning", "approved-builds-on-draft")
def approved_builds_on_draft(doc: Document) -> Iterator[Problem]:
    """An add-on or vertical that has left draft still builds on the
    Powered draft (``next``): what it requires of Powered would change
    under it.  Name an approved Powered guideline.

    Fails::

        program: {kind: add-on, name: dns, builds_on: next}
        metadata:
          os_trademark_approval:
            status: approved

    Passes::

        program: {kind: add-on, name: dns, builds_on: "2026.06"}
        metadata:
          os_trademark_approval:
            status: approved
    """
    g = doc.guideline
    if g.program.kind == "powered" or g.status in (None, "draft"):
        return
    if builds_on(g) == "next":
        yield Problem(f"{g.id} is {g.status} but builds on the Powered "
                      "draft 'next'", ("program",))


def _target_day(g: m.Guideline) -> str | None:
    """``YYYY-MM-DD`` of the guideline's target approval: the day written
    (``2015-07-28``), else the first of the month written (``2027.06``,
    ``dns.2027.06``) or of the guideline's own version.  A release of that
    month may come after the Board's vote, so it is not counted."""
    approval = _approval(g)
    for value in (approval.target_approval if approval else None, g.id):
        if not isinstance(value, str):
            continue
        found = re.search(r"(\d{4})[.-](\d{2})(?:-(\d{2}))?$", value)
        if found:
            return f"{found[1]}-{found[2]}-{found[3] or '01'}"
    return None


def _releases_table(doc: Document) -> list[Any] | None:
    repo = doc.repo if doc.repo is not None else (
        doc.workspace.repo if doc.workspace is not None else None)
    if repo is None:
        return None
    try:
        return repo.releases
    except LoadError:
        return None  # yamllint and the review show the broken table


@rule("M008", "warning", "releases-coverage")
def releases_coverage(doc: Document) -> Iterator[Problem]:
    """The releases a guideline names are not the three most recent
    OpenStack releases at its target approval (HACKING D305): one of those
    three is missing, or an older release is named, or a name is not in
    the repository's table of releases (``criteria/releases.yaml``, kept
    by hand).  A release still to come may be named.  (The Working Group
    may decide otherwise; record its reason with ``# noqa: M008``.)

    Fails::

        metadata:
          os_trademark_approval:
            target_approval: "2026.06"
            releases: ["2025.1", "2025.2"]

    Passes::

        metadata:
          os_trademark_approval:
            target_approval: "2026.06"
            releases: ["2025.1", "2025.2", "2026.1"]
    """
    approval = _approval(doc.guideline)
    table = _releases_table(doc)
    day = _target_day(doc.guideline)
    if approval is None or not isinstance(approval.releases, list) or \
            not table or day is None:
        return
    names = {n.lower(): r for r in table for n in (r.name,) + r.also}
    out = [r for r in table if r.date <= day]
    recent = out[-3:]
    where = ("metadata", "os_trademark_approval", "releases")
    named = set()
    for index, value in enumerate(approval.releases):
        release = names.get(value.lower()) if isinstance(value, str) \
            else None
        if release is None:
            yield Problem(f"release {value!r} is not in "
                          "criteria/releases.yaml", where + (index,),
                          key=False)
            continue
        named.add(release)
        if recent and release.date < recent[0].date:
            yield Problem(f"release '{value}' is older than the three most "
                          f"recent at the target approval {day} "
                          f"({', '.join(r.name for r in recent)})",
                          where + (index,), key=False)
    missing = [r.name for r in recent if r not in named]
    if missing:
        yield Problem(f"the releases leave out {', '.join(missing)}: a "
                      "guideline covers the three most recent releases at "
                      f"its target approval {day}", where)


#: the folders of the published layout (interop.repository.published_rel)
_LAYOUT = frozenset({"guidelines", "add-ons", "verticals"})


def misplaced(url: str, published: str) -> str | None:
    """Why ``url`` does not name the published file at root-relative
    ``published`` (``add-ons/guidelines/dns.next.json``), or None.

    The URL must end with the file's name; the folders before it are the
    published folders, after a base that is no layout folder (a doubled
    ``guidelines/`` is what a base taken from another file's folder
    gives).  A URL naming the file at the top of a base with no layout
    folder at all (``https://example.org/next.json``) is the older
    published layout and passes."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    segments = path.split("://", 1)[-1].split("/")[1:]  # host aside
    want = published.split("/")
    if not segments or segments[-1] != want[-1]:
        return None  # another file: M002 says so
    folders, expected = segments[:-1], want[:-1]
    if folders[len(folders) - len(expected):] == expected:
        before = folders[:len(folders) - len(expected)]
        if before and before[-1] in _LAYOUT:
            return (f"doubles the folder '{before[-1]}': the published "
                    f"file is <base>/{published}")
        return None
    tail = folders[-max(len(expected), 1):]
    if any(f in _LAYOUT for f in tail):
        return f"names another folder: the published file is " \
            f"<base>/{published}"
    return None


def _rel(doc: Document) -> str | None:
    path = doc.guideline.file or doc.path
    rel = doc.repo.rel(path) if doc.repo is not None else path
    try:
        return published_rel(rel)
    except UsageError:
        return None


@rule("M009", "error", "source-not-published-path")
def source_not_published_path(doc: Document) -> Iterator[Problem]:
    """``metadata.source`` does not name where the guideline is
    published (``add-ons/guidelines/dns.next.json`` for
    ``add-ons/dns/next.yaml``).

    Fails::

        # file: add-ons/dns/next.yaml
        metadata:
          id: dns.next
          source: https://example.org/guidelines/add-ons/guidelines/dns.next.json

    Passes::

        # file: add-ons/dns/next.yaml
        metadata:
          id: dns.next
          source: https://example.org/add-ons/guidelines/dns.next.json
    """
    meta = doc.guideline.metadata
    # an imported guideline's source is the record of where it was
    # published then (the corpus's add-ons/dns.2020.06.json)
    published = None if doc.published or doc.guideline.imported \
        is not None else _rel(doc)
    if meta is None or published is None or \
            not isinstance(meta.source, str):
        return
    why = misplaced(meta.source, published)
    if why:
        yield Problem(f"source {meta.source} {why}",
                      ("metadata", "source"), key=False)


@rule("M010", "error", "powered-reference-not-published-path")
def powered_reference_not_published_path(doc: Document
                                         ) -> Iterator[Problem]:
    """A Powered component an add-on or a vertical names (``source`` of a
    component reference) is not where the Powered guideline is published
    (``guidelines/next.json``).

    Fails::

        # file: add-ons/dns/next.yaml
        add-ons:
          DNS:
            components: [os_powered_dns]
            required_platform_components:
              - name: os_powered_compute
                source: https://example.org/guidelines/guidelines/next.json

    Passes::

        # file: add-ons/dns/next.yaml
        add-ons:
          DNS:
            components: [os_powered_dns]
            required_platform_components:
              - name: os_powered_compute
                source: https://example.org/guidelines/next.json
    """
    g = doc.guideline
    if g.program.kind == "powered" or g.imported is not None or \
            doc.published:
        return
    for kind, items in (("platforms", g.platforms), ("add-ons", g.add_ons)):
        for pname, p in (items or {}).items():
            for field in ("components", "required_platform_components",
                          "optional_platform_components"):
                for n, ref in enumerate(getattr(p, field) or []):
                    src = ref.source
                    if not isinstance(src, str):
                        continue
                    name = src.split("?", 1)[0].rsplit("/", 1)[-1]
                    why = misplaced(src, f"guidelines/{name}")
                    if why:
                        yield Problem(f"{pname}: {ref.name} source {src} "
                                      f"{why}", (kind, pname, field, n,
                                                 "source"), key=False)
