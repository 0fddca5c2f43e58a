"""What a draft costs vendors: the required tests of each target against
the guideline it replaces (W019), and the tests added to capabilities that
were required already, which become required at once (W020).

The counts come from :func:`interop.publish.testlist.required_tests`, the
function ``interop testlist`` runs, on the published form of both
guidelines: distinct tests, flagged ones left out, aliases not counted.
The share W019 allows is ``required_tests_growth`` in
``criteria/process/growth.yaml`` (a quarter when the file is absent).
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from typing import Any

from interop import model as m
from interop.checks.engine import Document, Problem, rule
from interop.errors import LoadError, UsageError
from interop.load.source import load_yaml_file
from interop.publish.compiler import compile_guideline
from interop.publish.testlist import required_tests, targets
from interop.repository import Repository

GROWTH = os.path.join("criteria", "process", "growth.yaml")
#: the share W019 allows when criteria/process/growth.yaml is absent
DEFAULT_GROWTH = 0.25


@dataclasses.dataclass
class TargetCost:
    """One target's required tests and capabilities, before and after."""

    target: str
    before: set[str]
    after: set[str]
    capabilities_before: int
    capabilities_after: int

    @property
    def growth(self) -> float:
        return (len(self.after) - len(self.before)) / len(self.before) \
            if self.before else 0.0


def _required_caps(doc: dict[str, Any], target: str) -> int:
    from interop.publish.testlist import capabilities
    return len(capabilities(doc, target, ["required"]))


def published(g: m.Guideline, repo: Repository | None
              ) -> dict[str, Any] | None:
    """A guideline's published form, or None when it cannot be compiled
    (other rules say why)."""
    try:
        doc = compile_guideline(g, repo)
    except (LoadError, UsageError, KeyError, TypeError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def costs(g: m.Guideline, previous: m.Guideline,
          repo: Repository | None = None
          ) -> list[TargetCost]:
    """Per target both guidelines offer: the distinct required tests and
    the required capabilities, before (``previous``) and after (``g``)."""
    after_doc, before_doc = published(g, repo), published(previous, repo)
    if after_doc is None or before_doc is None:
        return []
    out = []
    try:
        offered = [t for t in targets(after_doc) if t in targets(before_doc)]
    except (TypeError, AttributeError, KeyError, ValueError):
        return []  # a source of the wrong shape: other rules report it
    for target in offered:
        try:
            out.append(TargetCost(
                target, required_tests(before_doc, target),
                required_tests(after_doc, target),
                _required_caps(before_doc, target),
                _required_caps(after_doc, target)))
        except (UsageError, TypeError, AttributeError, KeyError,
                ValueError):
            # a component from elsewhere, or a source of the wrong shape
            # (other rules say what is wrong with it): not counted
            continue
    return out


def tests_added_to_required(g: m.Guideline, previous: m.Guideline
                            ) -> dict[str, list[str]]:
    """Capability -> the tests it gains, for capabilities required in both
    guidelines: what vendors must pass at once."""
    out: dict[str, list[str]] = {}
    for cap in g.iter_capabilities():
        if g.status_of(cap.name) != "required" or \
                previous.status_of(cap.name) != "required":
            continue
        old = (previous.capabilities or {}).get(cap.name)
        had = {t.name for t in old.iter_tests()} if old else set()
        added = sorted(t.name for t in cap.iter_tests()
                       if t.name not in had and isinstance(t.name, str))
        if added:
            out[cap.name] = added
    return out


def threshold(root: str | None) -> float | None:
    """The share of growth W019 allows (criteria/process/growth.yaml);
    None when the file holds no share W019 can use."""
    path = os.path.join(root, GROWTH) if root else None
    if path is None or not os.path.exists(path):
        return DEFAULT_GROWTH
    try:
        tree = load_yaml_file(path)
    except LoadError:
        return None
    value = tree.get("required_tests_growth") if isinstance(tree, dict) \
        else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            value < 0:
        return None
    return float(value)


def replaced(doc: Document) -> m.Guideline | None:
    """The released guideline a draft (or one in review) replaces; None
    for any other guideline, or when the series has none."""
    g = doc.guideline
    if doc.workspace is None or g.status not in ("draft", "review"):
        return None
    prev = doc.workspace.series(g).previous(g)
    return prev if prev is not None and prev.status in (
        "approved", "superseded") else None


def _repo(doc: Document) -> Repository | None:
    if doc.repo is not None:
        return doc.repo
    return doc.workspace.repo if doc.workspace is not None else None


@rule("W019", "warning", "required-tests-growth")
def required_tests_growth(doc: Document) -> Iterator[Problem]:
    """A draft raises the distinct tests a product of some target must
    pass by more than the share ``criteria/process/growth.yaml`` allows
    (``required_tests_growth``), against the approved guideline it
    replaces: the Board should see that cost, and why it is worth it.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.A.test_a: id-11111111-1111-4111-8111-111111111111
              b.B.test_b: id-22222222-2222-4222-8222-222222222222

    Passes::

        metadata:
          id: next
    """
    prev = replaced(doc)
    if prev is None:
        return
    repo = _repo(doc)
    allowed = threshold(getattr(repo, "root", None))
    if allowed is None:
        yield Problem(f"{GROWTH} holds no required_tests_growth share "
                      "(0.25 for a quarter): growth is not checked",
                      ("metadata",))
        return
    for c in costs(doc.guideline, prev, repo):
        if c.growth > allowed:
            yield Problem(
                f"target '{c.target}': a product must pass "
                f"{len(c.after)} distinct required tests, "
                f"{len(c.before)} under {prev.id} (up "
                f"{round(c.growth * 100)}%, more than the "
                f"{round(allowed * 100)}% criteria/process/growth.yaml "
                "allows)", ("metadata",))


@rule("W020", "info", "tests-added-to-required")
def tests_added_to_required_rule(doc: Document) -> Iterator[Problem]:
    """A capability the replaced guideline required gains tests: they are
    required at once, with no advisory notice; the finding names them so
    that the review and the Board see what vendors must pass.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.A.test_a: id-11111111-1111-4111-8111-111111111111
              b.B.test_b: id-22222222-2222-4222-8222-222222222222

    Passes::

        metadata:
          id: next
    """
    prev = replaced(doc)
    if prev is None:
        return
    for name, added in tests_added_to_required(doc.guideline, prev).items():
        shown = ", ".join(added[:5]) + (
            f" and {len(added) - 5} more" if len(added) > 5 else "")
        yield Problem(f"capability '{name}' was required in {prev.id} and "
                      f"gains {len(added)} test(s), required at once: "
                      f"{shown}", ("capabilities", name, "tests"))
