"""A profile as Sovereign Cloud Stack's certificate scope, and a run's
verdict as SCS's scripts report it.

SCS's scope documents (``Tests/scs-compatible-iaas.yaml``) have exactly
these keys, and its loader (``scs_cert_lib.load_spec``) refuses any
other: ``uuid, name, url, variables, scripts [executable, args, env,
section, testcases [id, description, url, lifetime]], modules [id, name,
url, parameters, targets {main|recommended|preview: [testcase ids]}],
versions [version, stabilized_at, include], timeline [date, versions {vX:
effective|warn|draft|deprecated}]``; the ``section`` (light, medium,
heavy) is the script's, the ``lifetime`` (day to year) the testcase's.
:func:`scope` writes one for a profile: a module for the profile whose
main target is the profile's one testcase, a script that runs the
load-list through Tempest and reports that testcase, one version
including the module, and a timeline entry making it a draft.

SCS's scripts print ``<testcase-id>: PASS|FAIL|ABORT``, one line per
testcase; SCS splits the line at its last colon.  :func:`verdict` gives
the line for a run judged against the profile's load-list: ABORT when
the run cannot be read or lacks a listed test (incomplete), FAIL when a
listed test failed, PASS otherwise.  A skipped test does not fail the
testcase: SCS-0128 requires that no test fails, and allows skips
(SovereignCloudStack/standards#1253); the skips are counted and shown.
"""
from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Callable, Iterable
from typing import Any, Literal

from interop.refstack.outcomes import Outcome
from interop.refstack.profiles import Profile

VERSION = "v1"
#: the script the scope runs (written beside the scope and the load-list)
SCRIPT = "run-tempest.sh"
LOAD_LIST = "tempest-tests.lst"
SCOPE = "scope.yaml"


def scope(profile: Profile, guideline_id: str, day: datetime.date
          ) -> dict[str, Any]:
    """The certificate-scope document for a profile (plain data, in the
    key order SCS's own files use; the date a date, as SCS's YAML holds
    it unquoted)."""
    testcase = profile.scs.get("testcase") or f"{profile.id}-tempest"
    page = profile.scs.get("page") or profile.url or ""
    name = profile.name or profile.id
    case = {"id": testcase,
            "description": profile.scs.get("description") or
            f"Tempest runs the required {profile.credentials} tests of "
            f"guideline {guideline_id}, target {profile.target} "
            f"({len(profile.exclude)} excluded by decision); none fails",
            "url": page,
            "lifetime": profile.scs.get("lifetime", "month")}
    module_id = f"{profile.id}-{VERSION}"
    return {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, page or profile.id)),
        "name": name,
        "url": page,
        "variables": ["tempest_workspace"],
        "scripts": [{"executable": f"./{SCRIPT}",
                     "args": f"{{tempest_workspace}} {LOAD_LIST}",
                     "section": profile.scs.get("section", "heavy"),
                     "testcases": [case]}],
        "modules": [{"id": module_id, "name": name, "url": page,
                     "parameters": {},
                     "targets": {"main": [testcase]}}],
        "versions": [{"version": VERSION, "include": [module_id]}],
        "timeline": [{"date": day, "versions": {VERSION: "draft"}}],
    }


#: the script: runs the load-list in a Tempest workspace and prints the
#: testcase's line (the profile's verdict, by 'interop comply')
RUNNER = """#!/bin/sh
# Written by 'interop export scs': runs the load-list beside this file in
# the Tempest workspace given first, then prints '<testcase>: PASS|FAIL|
# ABORT' as SCS's scripts do.  Needs tempest and interop installed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
workspace=$1
list=${2:-%(list)s}
stream=$(mktemp)
trap 'rm -f "$stream"' EXIT
(cd "$workspace" && tempest run --load-list "$here/$list" --subunit) \\
    >"$stream" || true
interop comply "$stream" --profile "$here/../%(profile)s.yaml" \\
    --format scs
"""


def runner(profile: Profile) -> str:
    return RUNNER % {"list": LOAD_LIST, "profile": profile.id}


@dataclasses.dataclass(frozen=True)
class Counts:
    """What SCS asked for beside the verdict."""

    passed: int = 0
    failed: int = 0
    skipped: int = 0
    missing: int = 0

    def text(self) -> str:
        return (f"{self.passed} passed, {self.failed} failed, "
                f"{self.skipped} skipped, {self.missing} missing")


#: what became of a load-list's test, as SCS counts it
ScsOutcome = Literal["passed", "failed", "skipped", "missing"]


def counts(lines: Iterable[str],
           outcome_of: Callable[[str], ScsOutcome]) -> Counts:
    """Counts of the load-list's tests; ``outcome_of(runtime id)`` is
    ``passed``, ``failed``, ``skipped`` or ``missing``."""
    tally: dict[ScsOutcome, int] = {"passed": 0, "failed": 0,
                                    "skipped": 0, "missing": 0}
    for line in lines:
        tally[outcome_of(line)] += 1
    return Counts(**tally)


def verdict(testcase: str, found: Counts | None) -> str:
    """SCS's line for the testcase (None: the run could not be read)."""
    if found is None or found.missing:
        word = "ABORT"
    elif found.failed:
        word = "FAIL"
    else:
        word = "PASS"
    return f"{testcase}: {word}"


def outcomes(paths: str | list[str], fmt: str = "auto"
             ) -> Callable[[str], ScsOutcome]:
    """``outcome_of(runtime id)`` for a run (its results files judged as
    one run, as ``comply`` does); a run that cannot be read is
    a :class:`~interop.errors.LoadError`.

    The run's results say what became of each test (issue 24's outcomes:
    passed, failed, skipped, not run); a test the run never reported, or
    one a passes-only format (RefStack's JSON, a list) does not name, is
    missing."""
    from interop.refstack.reading import load
    from interop.refstack.results import merged, uploaded_name
    found = merged([load(p, fmt) for p in
                    ([paths] if isinstance(paths, str) else paths)])

    def outcome_of(line: str) -> ScsOutcome:
        name = uploaded_name(line)
        if name in found.names:
            return "passed"
        outcome = found.outcome(name)[0]
        if outcome == Outcome.FAILED:
            return "failed"
        return "skipped" if outcome == Outcome.SKIPPED else "missing"
    return outcome_of
