"""The rule catalogue and the way to run it over files.

Rules live in one module per family; this registry names the families, and
a test asserts that it and the modules on disk agree.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable

from interop.checks import (  # noqa: F401  (importing registers the rules)
    addons,
    approvals,
    approved,
    conflicts,
    criteria,
    cycle,
    flags,
    growth,
    kinds,
    lifecycle,
    metadata,
    overlays,
    programs,
    reasons,
    references,
    safety,
    scoring,
    sections,
    sheets,
    structure,
    tests,
    waivers,
)
from interop.checks.config import DEFAULT, Config, load_config
from interop.checks.engine import RULES, Document, Rule, dedupe, run
from interop.checks.jobs import jobs_for, run_documents
from interop.checks.workspace import Workspace
from interop.errors import Finding, LoadError
from interop.load.anyform import is_published
from interop.load.jsonsource import load_json
from interop.load.places import JsonPlaces
from interop.load.published import published_guideline
from interop.load.source import read_text
from interop.repository import Repository, load_source

FAMILIES = {
    "S": "structure",
    "R": "references",
    "T": "tests",
    "C": "vertical conflicts",
    "A": "add-ons",
    "F": "flags",
    "M": "metadata",
    "L": "lifecycle",
    "W": "scoring",
    "X": "suppressions",
    "B": "approval chain and schedule",
    "U": "text and reference safety",
    "K": "capability kinds",
    "N": "submissions and waivers",
}

__all__ = ["FAMILIES", "RULES", "Config", "Document", "Rule", "check_files",
           "load_config", "load_document", "run"]


def load_document(path: str, repo: Repository | None = None) -> Document:
    """Read a YAML source or a published JSON file for checking."""
    shown = repo.rel(path) if repo else path
    if is_published(path):
        if repo is not None and repo.inside(path):
            repo.confine(path)  # not read through a link out of the tree
        text = read_text(path)
        tree = load_json(text, path)
        return Document(shown, tree, published_guideline(tree, path),
                        published=True, repo=repo,
                        places=JsonPlaces(text, unique_keys=True))
    # a repository source is read once: the workspace's series reuse it
    source = repo.load(repo.rel(path)) if repo is not None and \
        repo.inside(path) else load_source(path)
    return Document(shown, source.tree, source.guideline, repo=repo,
                    text=read_text(path))


def check_files(paths: Iterable[str], repo: Repository | None = None,
                select: Iterable[str] | None = None,
                baselines: Iterable[str] = (),
                jobs: int | None = 1,
                baseline_repo: Repository | None = None,
                config: Config = DEFAULT,
                place_info: bool = True) -> list[Finding]:
    """Findings for every file; a file that cannot be read is one finding.

    ``baselines`` are earlier versions of the guidelines checked (published
    JSON or sources, of the repository ``baseline_repo`` when given, whose
    criteria sets they name), which the rules of
    :mod:`interop.checks.approved` compare approved guidelines with.
    ``jobs`` is how many processes may run the rules (None: one per core;
    see :mod:`interop.checks.jobs`); the findings do not depend on it.
    ``config`` (:func:`load_config`) leaves out the files and rules it
    ignores and sets the rules' levels.  ``place_info`` False: the
    caller only counts info findings, so those of published files are
    left at line 0 (see :func:`interop.checks.engine.run`); the count is
    the same.
    """
    findings: list[Finding] = []
    earlier = []
    for path in baselines:
        try:
            earlier.append(load_document(path, baseline_repo).guideline)
        except LoadError:
            continue  # an unreadable earlier version compares with nothing
    documents: dict[str, Document] = {}
    if config.ignore:
        paths = [p for p in paths
                 if not config.ignored(repo.rel(p) if repo else p)]
    for path in paths:
        try:
            documents[path] = load_document(path, repo)
        except LoadError as exc:
            shown = repo.rel(path) if repo else path
            findings.append(dataclasses.replace(exc.finding, path=shown))
    if repo is not None:  # once, here, before any rule (or fork) asks
        _load_sheets(repo, documents.values())
    space = Workspace([d.guideline for d in documents.values()], repo,
                      earlier, baseline_repo)
    for doc in documents.values():
        doc.workspace = space
    findings.extend(run_documents(list(documents.values()),
                                  config.select(select, RULES),
                                  jobs_for(jobs, len(documents), sum(
                                      len(d.guideline.capabilities or {})
                                      for d in documents.values())),
                                  frozenset() if place_info else
                                  _info_codes(config)))
    findings = config.apply(findings)
    findings.sort(key=Finding.sort_key)
    return dedupe(findings)


def _info_codes(config: Config) -> frozenset[str]:
    """The codes whose findings are info once ``config`` is applied."""
    return frozenset(
        code for code, r in RULES.items() if r.severity == "info" and (
            code not in config.rules or
            config.rules[code].level in (None, "info")))


def _load_sheets(repo: Repository, documents: Iterable[Document]) -> None:
    """Read the scoring sheet of every source checked through the
    repository, which keeps them: the W rules (and forked children) then
    share one parse of each sheet per run."""
    for doc in documents:
        if doc.published:
            continue
        try:
            repo.sheet_for(doc.guideline)
        except LoadError:
            continue  # W010 and the compiler report it


def repository_files(repo: Repository) -> list[str]:
    """Every source of the repository, and its baselines (checked with
    S006 only)."""
    return [os.path.join(repo.root, p)
            for p in repo.sources() + repo.baselines()]
