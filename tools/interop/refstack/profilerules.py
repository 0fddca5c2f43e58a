"""The consumer profiles' rules (J001-J008): declared, documented and
tested like the catalogue's, run by ``interop check`` on every profile
(:mod:`interop.refstack.profiles` reads them).
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeAlias

from interop.dates import parse_date
from interop.errors import Finding, Severity
from interop.load.source import YMap, value_loc
from interop.text import is_safe_url
from interop.refstack.profiles import (
    CREDENTIALS,
    EXCLUSION_KEYS,
    FOLDER,
    KEYS,
    LIFETIMES,
    REQUIRED,
    SCS_KEYS,
    SECTIONS,
    Profile,
    written_exclusions,
)

#: the test names of a guideline's target, or a message why there are none
Lister = Callable[[str, str], "set[str] | str"]
#: what a rule found: a message, and the path in the profile it is about
#: (keys and indexes as the YAML holds them)
Problem: TypeAlias = tuple[str, tuple[Any, ...]]
RuleFunc: TypeAlias = Callable[["Profile", Lister], Iterable[Problem]]


@dataclasses.dataclass(frozen=True)
class ProfileRule:
    code: str
    severity: Severity
    func: RuleFunc

    @property
    def name(self) -> str:
        return self.func.__name__.replace("_", "-")

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        first = self.doc.split("\n\n", 1)[0]
        return " ".join(line.strip() for line in first.splitlines())


RULES: dict[str, ProfileRule] = {}


def rule(code: str, severity: Severity
         ) -> Callable[[RuleFunc], RuleFunc]:
    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule {code} declared twice")
        RULES[code] = ProfileRule(code, severity, func)
        # marks the function as a rule; a function type has no such
        # attribute to declare (unused-ignore: the project's config still
        # turns attr-defined off)
        func.profile_rule = code  # type: ignore[attr-defined,unused-ignore]
        return func
    return register


@rule("J001", Severity.ERROR)
def unknown_key(p: Profile, tests: Lister) -> Iterator[Problem]:
    """A key a profile does not have (as SCS's own loader refuses one).

    Fails::

        profile: demo
        guideline: g.yaml
        target: compute
        exclusions: []

    Passes::

        profile: demo
        guideline: g.yaml
        target: compute
    """
    for key in p.tree:
        if key not in KEYS:
            yield f"unknown key '{key}': use {', '.join(KEYS)}", (key,)
    for i, item in enumerate(written_exclusions(p.tree)):
        for key in item if isinstance(item, dict) else ():
            if key not in EXCLUSION_KEYS:
                yield (f"unknown key '{key}' in an exclusion: use "
                       f"{', '.join(EXCLUSION_KEYS)}", ("exclude", i, key))
    scs = p.tree.get("scs")
    for key in scs if isinstance(scs, dict) else ():
        if key not in SCS_KEYS:
            yield (f"unknown key '{key}' in scs: use "
                   f"{', '.join(SCS_KEYS)}", ("scs", key))


@rule("J002", Severity.ERROR)
def profile_shape(p: Profile, tests: Lister) -> Iterator[Problem]:
    """A required key missing, a value of the wrong type, or a
    credentials filter other than ``any`` and ``non-admin``; the
    ``profile`` names the file.

    Fails::

        profile: demo
        guideline: g.yaml
        target: compute
        credentials: member

    Passes::

        profile: demo
        guideline: g.yaml
        target: compute
        credentials: non-admin
    """
    for key in REQUIRED:
        if key not in p.tree:
            yield f"'{key}' is missing", ()
    for key, kind in KEYS.items():
        if key in p.tree and not isinstance(p.tree[key], kind):
            yield (f"'{key}' must be a {kind.__name__}", (key,))
    if p.tree.get("credentials", "any") not in CREDENTIALS:
        yield (f"credentials must be one of {', '.join(CREDENTIALS)}",
               ("credentials",))
    stem = os.path.splitext(os.path.basename(p.path))[0]
    if p.id and os.path.dirname(p.path).endswith(FOLDER) and p.id != stem:
        yield (f"profile '{p.id}' is written in {stem}.yaml: name the "
               "file for the profile", ("profile",))
    for i, item in enumerate(written_exclusions(p.tree)):
        if not isinstance(item, dict) or \
                not isinstance(item.get("test"), str):
            yield ("an exclusion names its test ('test: NAME')",
                   ("exclude", i))


@rule("J003", Severity.ERROR)
def guideline_target(p: Profile, tests: Lister) -> Iterator[Problem]:
    """The guideline cannot be read, or does not offer the target.

    Fails::

        profile: demo
        guideline: g.yaml
        target: object

    Passes::

        profile: demo
        guideline: g.yaml
        target: compute
    """
    if p.guideline and p.target:
        found = tests(p.guideline, p.target)
        if isinstance(found, str):
            yield found, ("guideline",)


@rule("J004", Severity.ERROR)
def excluded_not_listed(p: Profile, tests: Lister
                        ) -> Iterator[Problem]:
    """An excluded test that is not a required test of the target: a
    misspelt or stale exclusion excludes nothing.

    Fails::

        profile: demo
        guideline: g.yaml
        target: compute
        exclude:
          - test: tempest.api.compute.test_gone.T.test_gone
            reason: Not offered.
            decision: https://example.org/minutes/1

    Passes::

        profile: demo
        guideline: g.yaml
        target: compute
        exclude:
          - test: tempest.api.compute.test_a.T.test_a
            reason: Not offered.
            decision: https://example.org/minutes/1
    """
    if not (p.guideline and p.target and p.exclude):
        return
    found = tests(p.guideline, p.target)
    if isinstance(found, str):
        return  # J003 says why
    for i, item in enumerate(written_exclusions(p.tree)):
        test = item.get("test") if isinstance(item, dict) else None
        if isinstance(test, str) and test not in found:
            yield (f"{test} is not a required test of target '{p.target}' "
                   f"of {p.guideline}", ("exclude", i, "test"))


@rule("J005", Severity.ERROR)
def exclusion_reason(p: Profile, tests: Lister) -> Iterator[Problem]:
    """An exclusion without a reason: every test a consumer leaves out
    says why.

    Fails::

        profile: demo
        guideline: g.yaml
        target: compute
        exclude:
          - test: tempest.api.compute.test_a.T.test_a
            decision: https://example.org/minutes/1

    Passes::

        profile: demo
        guideline: g.yaml
        target: compute
        exclude:
          - test: tempest.api.compute.test_a.T.test_a
            reason: Not offered on every cloud.
            decision: https://example.org/minutes/1
    """
    for i, item in enumerate(written_exclusions(p.tree)):
        if isinstance(item, dict) and not (
                isinstance(item.get("reason"), str)
                and item["reason"].strip()):
            yield "the exclusion gives no reason", ("exclude", i)


@rule("J006", Severity.ERROR)
def decision_url(p: Profile, tests: Lister) -> Iterator[Problem]:
    """An exclusion whose decision reference is missing or not an
    ``http``/``https`` URL (the minutes, the review or the issue where the
    decision was taken); the profile's own ``url`` likewise.

    Fails::

        profile: demo
        guideline: g.yaml
        target: compute
        exclude:
          - test: tempest.api.compute.test_a.T.test_a
            reason: Not offered.
            decision: the meeting of 4 July

    Passes::

        profile: demo
        guideline: g.yaml
        target: compute
        exclude:
          - test: tempest.api.compute.test_a.T.test_a
            reason: Not offered.
            decision: https://example.org/minutes/1
    """
    for i, item in enumerate(written_exclusions(p.tree)):
        if isinstance(item, dict) and not is_safe_url(item.get("decision")):
            yield ("the decision reference must be an http(s) URL",
                   ("exclude", i, "decision") if "decision" in item
                   else ("exclude", i))
    if "url" in p.tree and not is_safe_url(p.tree["url"]):
        yield "url must be an http(s) URL", ("url",)


@rule("J007", Severity.WARNING)
def excluded_twice(p: Profile, tests: Lister) -> Iterator[Problem]:
    """A test excluded twice: one decision per test.

    Fails::

        profile: demo
        guideline: g.yaml
        target: compute
        exclude:
          - {test: tempest.api.compute.test_a.T.test_a, reason: A.,
             decision: "https://example.org/1"}
          - {test: tempest.api.compute.test_a.T.test_a, reason: B.,
             decision: "https://example.org/2"}

    Passes::

        profile: demo
        guideline: g.yaml
        target: compute
        exclude:
          - {test: tempest.api.compute.test_a.T.test_a, reason: A.,
             decision: "https://example.org/1"}
    """
    seen: set[str | None] = set()
    for i, item in enumerate(written_exclusions(p.tree)):
        test = item.get("test") if isinstance(item, dict) else None
        if isinstance(test, str) and test in seen:
            yield f"{test} is excluded twice", ("exclude", i, "test")
        seen.add(test)


@rule("J008", Severity.ERROR)
def scs_section(p: Profile, tests: Lister) -> Iterator[Problem]:
    """The ``scs`` section's values: a ``testcase`` id, a ``lifetime``
    (day, week, month, quarter, year) and a ``section`` (light, medium,
    heavy) as SCS's scope documents allow.

    Fails::

        profile: demo
        guideline: g.yaml
        target: compute
        scs: {testcase: demo-tempest, lifetime: fortnight, section: heavy}

    Passes::

        profile: demo
        guideline: g.yaml
        target: compute
        scs: {testcase: demo-tempest, lifetime: month, section: heavy}
    """
    section = p.tree.get("scs")
    if not isinstance(section, dict):
        return
    for key, kind in SCS_KEYS.items():
        if key in section and not isinstance(section[key], kind):
            yield f"scs {key} must be a {kind.__name__}", ("scs", key)
    if not isinstance(section.get("testcase"), str) or \
            not section["testcase"].strip() or ":" in section["testcase"]:
        yield ("scs needs a testcase id (no colon: SCS splits a result "
               "line at its last colon)", ("scs",))
    if "since" in section and parse_date(section["since"]) is None:
        yield "scs since must be a date, YYYY-MM-DD", ("scs", "since")
    if "page" in section and not is_safe_url(section["page"]):
        yield "scs page must be an http(s) URL", ("scs", "page")
    for key, allowed in (("lifetime", LIFETIMES), ("section", SECTIONS)):
        if section.get(key, allowed[0]) not in allowed:
            yield (f"scs {key} must be one of {', '.join(allowed)}",
                   ("scs", key))


def check(profile: Profile, tests: Lister,
          select: Iterable[str] | None = None) -> list[Finding]:
    """The findings of the profile rules on one profile."""
    chosen = list(select) if select else None
    out = []
    for code, found in RULES.items():
        if chosen is not None and not any(code.startswith(s)
                                          for s in chosen):
            continue
        for message, path in found.func(profile, tests):
            loc = value_loc(profile.tree, path) if isinstance(
                profile.tree, YMap) else None
            out.append(Finding(profile.path, loc.line if loc else 1,
                               loc.col if loc else 1, code,
                               found.severity, message, path))
    return sorted(out, key=Finding.sort_key)
