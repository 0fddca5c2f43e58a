"""A test run judged against a guideline, as RefStack judges it.

RefStack's report page holds the rule: for each target (``platform``,
``compute``, ``object``, an add-on's target, as
:func:`interop.refstack.testlist.targets` offers them) the required tests
are the tests of its required capabilities, flagged tests left out; a
required test passed when the run passed it under its name or under one of
its aliases; a capability passes when all its non-flagged tests passed,
and the target passes when every required capability does.

Two places where RefStack's page and RefStack's API read a guideline
differently, and which one this follows:

- a test whose ``flagged`` is present but ``null``: the page counts it as
  flagged (it asks whether the key is there), the API's test list does not
  (it asks whether the value is true).  The verdict is the page's, so
  ``comply`` follows the page; ``testlist`` follows the API;
- ids: the API hands the page names only, so the page never matches an
  id.  A required test passed only under another name with the same id is
  reported (``passed_elsewhere``) and not counted, unless ``match_ids``.

Counting follows RefStack's report page: a test listed in two required
capabilities of a target counts in each, so the numbers match what
RefStack shows; the list of missing tests names each test once.  The
percentage has one decimal, rounded half up as RefStack's page rounds it.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from typing import Any

from interop.errors import LoadError, UsageError
from interop.model import Guideline, normal_id
from interop.refstack import testlist as refstack
from interop.refstack.outcomes import Outcome
from interop.refstack.results import Results
from interop.refstack.verdict import (PASSED, Requirement, Standing,
                                      TestOutcome, Verdict)
from interop.text import terminal

#: a published guideline's standing, from its JSON (see :func:`standings`)
StandingOf = Callable[[dict[str, Any]], Standing]

@dataclasses.dataclass(frozen=True)
class RequiredTest:
    """A required test of a guideline, as the guideline names it."""

    name: str
    id: str | None                # bare lower-case UUID (none in 1.2)
    aliases: tuple[str, ...] = ()

    @property
    def listed(self) -> str:
        """The test-list form: ``name[id-<uuid>]``, or the bare name."""
        return f"{self.name}[id-{self.id}]" if self.id else self.name

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "id": self.id}


@dataclasses.dataclass
class CapabilityVerdict:
    name: str
    required: int = 0                # required, non-flagged tests
    passed_tests: int = 0
    missing: list[RequiredTest] = dataclasses.field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "required": self.required,
                "passed_tests": self.passed_tests,
                "missing": [t.as_dict() for t in self.missing]}


@dataclasses.dataclass
class TargetVerdict:
    target: str
    required: int = 0                # required, non-flagged tests
    passed_tests: int = 0
    flagged: int = 0                 # required tests left out as flagged
    #: every required test the run did not pass, once, sorted by name
    missing: list[RequiredTest] = dataclasses.field(default_factory=list)
    #: the capabilities with a missing test, sorted by name
    capabilities: list[CapabilityVerdict] = dataclasses.field(
        default_factory=list)
    #: missing tests the run passed under another name with the same id:
    #: (test, the names it passed under), sorted by name
    passed_elsewhere: list[tuple[RequiredTest, tuple[str, ...]]] = \
        dataclasses.field(default_factory=list)
    #: every required, non-flagged test once with what the run did with
    #: it, sorted by name (the vendor's verdict reads these)
    outcomes: list[TestOutcome] = dataclasses.field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing

    @property
    def percent(self) -> float | None:
        """Passed required tests in percent, one decimal (None: none)."""
        if not self.required:
            return None
        tenths = (2000 * self.passed_tests + self.required) \
            // (2 * self.required)
        return tenths / 10

    def as_dict(self) -> dict[str, Any]:
        return {"target": self.target, "passed": self.passed,
                "required": self.required,
                "passed_tests": self.passed_tests,
                "percent": self.percent, "flagged": self.flagged,
                "missing": [t.as_dict() for t in self.missing],
                "capabilities": [c.as_dict() for c in self.capabilities],
                "passed_elsewhere": [dict(t.as_dict(), passed_as=list(n))
                                     for t, n in self.passed_elsewhere]}

    def text(self) -> str:
        """A line, and for a failed target what is missing, by capability;
        names from the guideline or the results with their control
        characters shown as escapes, so none can forge a line."""
        shown = "no required tests" if self.percent is None \
            else f"{self.percent:.1f}%"
        lines = [f"{self.target}: {'PASS' if self.passed else 'FAIL'} "
                 f"{self.passed_tests}/{self.required} required tests "
                 f"({shown})"]
        for cap in self.capabilities:
            lines.append(f"  {cap.name}: {cap.passed_tests}/{cap.required} "
                         f"passed, missing:")
            lines.extend(f"    {t.listed}" for t in cap.missing)
        if self.passed_elsewhere:
            lines.append("  passed only under another name with the same "
                         "id (RefStack does not count these; --match-ids "
                         "does):")
            lines.extend(f"    {t.listed} as {', '.join(names)}"
                         for t, names in self.passed_elsewhere)
        return "".join(terminal(line) + "\n" for line in lines)


def required_tests(doc: dict[str, Any], target: str,
                   others: Mapping[str, dict[str, Any]] | None = None
                   ) -> list[tuple[str, list[RequiredTest], int]]:
    """(capability, required non-flagged tests, flagged count) of a
    target's required capabilities, sorted by capability."""
    out: list[tuple[str, list[RequiredTest], int]] = []
    for owner, cap in refstack.capabilities(doc, target, ("required",),
                                            others):
        details = (owner.get("capabilities") or {}).get(cap)
        if not isinstance(details, dict):
            out.append((cap, [], 0))
            continue
        tests = details.get("tests") or {}
        chosen: list[RequiredTest] = []
        flagged = 0
        if isinstance(tests, list):  # schema 1.2: names, flags aside
            skip = set(details.get("flagged") or [])
            for name in tests:
                if name in skip:
                    flagged += 1
                else:
                    chosen.append(RequiredTest(name, None))
        else:
            for name, test in tests.items():
                test = test if isinstance(test, dict) else {}
                if "flagged" in test:  # the page's test: see above
                    flagged += 1
                    continue
                chosen.append(RequiredTest(
                    name, normal_id(test.get("idempotent_id")),
                    tuple(test.get("aliases") or ())))
        out.append((cap, chosen, flagged))
    return sorted(out, key=lambda item: item[0])


def judge(doc: dict[str, Any], results: Results, target: str,
          others: Mapping[str, dict[str, Any]] | None = None,
          match_ids: bool = False) -> TargetVerdict:
    """The verdict on one target."""
    verdict = TargetVerdict(target)
    missing: dict[str, RequiredTest] = {}
    outcomes: dict[str, TestOutcome] = {}
    for cap, tests, flagged in required_tests(doc, target, others):
        judged = CapabilityVerdict(cap, len(tests))
        for test in tests:
            ok = results.passed(test.name, test.aliases, test.id, match_ids)
            outcome, detail = (PASSED, None) if ok else \
                results.outcome(test.name, test.aliases)
            outcomes.setdefault(test.name, TestOutcome(
                test.name, test.id, cap, outcome, detail))
            if ok:
                judged.passed_tests += 1
            else:
                judged.missing.append(test)
                missing.setdefault(test.name, test)
        judged.missing.sort(key=lambda t: t.name)
        verdict.required += judged.required
        verdict.passed_tests += judged.passed_tests
        verdict.flagged += flagged
        if judged.missing:
            verdict.capabilities.append(judged)
    verdict.missing = sorted(missing.values(), key=lambda t: t.name)
    verdict.outcomes = sorted(outcomes.values(), key=lambda t: t.name)
    verdict.passed_elsewhere = [
        (t, tuple(sorted(results.under_id(t.id)))) for t in verdict.missing
        if results.under_id(t.id)]
    return verdict


def verdict(doc: dict[str, Any], results: Results,
            target: str | None = None,
            others: Mapping[str, dict[str, Any]] | None = None,
            match_ids: bool = False) -> list[TargetVerdict]:
    """The verdict on a target, or on every target the guideline offers.

    An unknown target is a :class:`~interop.errors.UsageError`.
    """
    if not isinstance(doc.get("capabilities"), dict):
        raise UsageError("not a published guideline: it has no "
                         "capabilities")
    chosen = [target] if target is not None else refstack.targets(doc)
    if not chosen:
        raise UsageError("the guideline offers no target to judge")
    return [judge(doc, results, t, others, match_ids) for t in chosen]


def guideline_id(doc: dict[str, Any]) -> str | None:
    meta = doc.get("metadata")
    found = meta.get("id") if isinstance(meta, dict) else doc.get("id")
    return str(found) if found is not None else None


def report(doc: dict[str, Any], results: Results,
           verdicts: list[TargetVerdict]) -> dict[str, Any]:
    """The JSON form of the verdicts on a run."""
    return {"guideline": guideline_id(doc),
            "passed": all(v.passed for v in verdicts),
            "results": {"format": results.format, "tests": results.tests,
                        "passed": len(results.names)},
            "targets": [v.as_dict() for v in verdicts]}


def flagged_tests(doc: dict[str, Any], target: str,
                  others: Mapping[str, dict[str, Any]] | None = None
                  ) -> list[TestOutcome]:
    """The required tests a target leaves out as flagged, with the flag's
    reason, sorted by name (each once)."""
    found: dict[str, TestOutcome] = {}
    for owner, cap in refstack.capabilities(doc, target, ("required",),
                                            others):
        details = (owner.get("capabilities") or {}).get(cap)
        tests = details.get("tests") if isinstance(details, dict) else None
        # schema 1.2 (the second test, always true when the
        # first is, tells the type checker that details is a dict)
        if isinstance(tests, list) and isinstance(details, dict):
            for name in details.get("flagged") or []:
                found.setdefault(name, TestOutcome(
                    name, None, cap, Outcome.NOT_RUN, None, True))
            continue
        for name, test in (tests or {}).items():
            if not isinstance(test, dict) or "flagged" not in test:
                continue
            flag = test.get("flagged")
            reason = flag.get("reason") if isinstance(flag, dict) else None
            found.setdefault(name, TestOutcome(
                name, normal_id(test.get("idempotent_id")), cap,
                Outcome.NOT_RUN,
                reason if isinstance(reason, str) else None,
                True))
    return sorted(found.values(), key=lambda t: t.name)


def required_components(doc: dict[str, Any], target: str
                        ) -> list[tuple[str, Any]]:
    """(component, source URL) of the Powered components the add-on
    offering ``target`` requires (``required_platform_components``)."""
    wanted = refstack.PREFIX + target
    out = []
    for body in (doc.get("add-ons") or {}).values():
        if not isinstance(body, dict):
            continue
        names = [r.get("name") for r in body.get("components") or []
                 if isinstance(r, dict)]
        if wanted not in names:
            continue
        for ref in body.get("required_platform_components") or []:
            if isinstance(ref, dict) and isinstance(ref.get("name"), str):
                out.append((ref["name"], ref.get("source")))
    return out


def assess(doc: dict[str, Any], results: Results, target: str | None = None,
           others: Mapping[str, dict[str, Any]] | None = None,
           match_ids: bool = False, standing: Standing | None = None,
           standing_of: StandingOf | None = None) -> list[Verdict]:
    """The vendor's verdicts (:class:`~interop.refstack.verdict.Verdict`)
    on a target or every target: RefStack's judgement (:func:`verdict`)
    with each test's outcome, the flagged tests, the guideline's
    standing, and the Powered components an add-on requires judged on
    the same run.  ``standing_of(doc)`` gives a required guideline's
    standing."""
    standing = standing or Standing(guideline_id(doc), _status(doc), None,
                                    None)
    out = []
    for judged in verdict(doc, results, target, others, match_ids):
        found = Verdict(judged.target, standing, judged.outcomes,
                        flagged_tests(doc, judged.target, others),
                        judged.required, judged.passed_tests,
                        outcomes_known=not results.passes_only)
        found.passed_elsewhere = [
            (next(o for o in judged.outcomes if o.name == t.name), names)
            for t, names in judged.passed_elsewhere]
        for component, source in required_components(doc, judged.target):
            found.requires.append(_requirement(
                component, source, results, others or {}, match_ids,
                standing_of))
        out.append(found)
    return out


def _status(doc: dict[str, Any]) -> str | None:
    meta = doc.get("metadata")
    meta = meta if isinstance(meta, dict) else doc
    approval = meta.get("os_trademark_approval")
    status = approval.get("status") if isinstance(approval, dict) \
        else doc.get("status")
    return status if isinstance(status, str) else None


def _requirement(component: str, source: Any, results: Results,
                 others: Mapping[str, dict[str, Any]], match_ids: bool,
                 standing_of: StandingOf | None) -> Requirement:
    target = refstack.LEGACY_COMPONENTS.get(component) or \
        component.removeprefix(refstack.PREFIX)
    name = source.rsplit("/", 1)[-1] if isinstance(source, str) else None
    doc = others.get(name) if name else None
    found = Requirement(component, target,
                        source if isinstance(source, str) else None,
                        guideline_id(doc) if doc else None)
    if doc is None:
        found.reason = (f"the Powered guideline {name or '(no source)'} "
                        "is not beside this one: cannot judge "
                        f"{component}")
        return found
    try:
        standing = standing_of(doc) if standing_of else None
        [found.verdict] = assess(doc, results, target, others, match_ids,
                                 standing)
    except UsageError as exc:
        found.reason = f"cannot judge {component}: {exc}"
    return found


def render_text(verdicts: list[Verdict]) -> str:
    """The text form of the vendor's verdicts: headline, standing, then
    failed (first line), skipped (reason), not run, flagged (reason), and
    each required component; control characters shown as escapes."""
    lines: list[str] = []
    for v in verdicts:
        lines += _text_lines(v, "")
    return "".join(terminal(line) + "\n" for line in lines)


def _text_lines(v: Verdict, indent: str) -> list[str]:
    lines = [indent + v.headline, f"{indent}  {v.standing.text()}"]
    parts = [("failed", v.failed), ("skipped", v.skipped),
             ("not run" if v.outcomes_known else
              "not passed (this format records passes only)", v.not_run),
             ("flagged (not counted)", v.flagged)]
    for title, tests in parts:
        if not tests:
            continue
        lines.append(f"{indent}  {title}: {len(tests)}")
        lines.extend(f"{indent}    {t.listed}"
                     + (f": {t.detail}" if t.detail else "")
                     for t in tests)
    if v.passed_elsewhere:
        lines.append(f"{indent}  passed only under another name with the "
                     "same id (RefStack does not count these; --match-ids "
                     "does):")
        lines.extend(f"{indent}    {t.listed} as {', '.join(names)}"
                     for t, names in v.passed_elsewhere)
    for req in v.requires:
        lines.append(f"{indent}  requires {req.component} "
                     f"({req.guideline or req.source or '?'}): "
                     + ("passed" if req.passed else "NOT passed"))
        if req.reason:
            lines.append(f"{indent}    {req.reason}")
        if req.verdict is not None and not req.passed:
            # its own comply run lists the tests: here, how far it got
            lines.append(f"{indent}    {req.verdict.headline}")
    return lines


def standings(path: str, others: Mapping[str, dict[str, Any]]
              ) -> StandingOf:
    """``standing(doc)`` of a published guideline by its id, from the
    repository the guideline is in (status, Board date, may be used now);
    outside a repository, from the published files beside it."""
    # here, not at the top: ``standing`` names a parameter above, and
    # only this function reads a repository
    from interop.refstack.verdict import published_standing, standing
    from interop.repository import Repository, find_root
    from interop.series import program_of
    known: dict[str, Guideline] = {}
    try:
        repo = Repository(find_root(os.path.dirname(os.path.abspath(path))))
        # the series of the repository the guideline is in, not of the
        # folder the command runs in
        if repo.inside(os.path.abspath(path)):
            known = {str(g.id): g for g in repo.guidelines(history=True)}
    except (UsageError, LoadError, OSError):
        known = {}

    def of(doc: dict[str, Any]) -> Standing:
        gid = guideline_id(doc)
        g = known.get(gid) if gid else None
        if g is None and others:  # the published files beside it
            return published_standing(doc, others)
        if g is None:
            return Standing(gid, _status(doc), None, None)
        series = [o for o in known.values()
                  if program_of(o) == program_of(g)]
        return standing(g, series)
    return of
