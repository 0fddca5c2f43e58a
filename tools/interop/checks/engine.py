"""How rules are declared, run and silenced.

A rule is a small generator function declared with :func:`rule`: it yields
:class:`Problem` values (a message and where), and the engine stamps the
rule's code and severity on them, places them in the file and applies the
suppressions written in the source.  This follows yamllint and flake8.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeVar, cast

from interop import model as m
from interop.checks.workspace import Workspace
from interop.errors import SEVERITIES, Finding, Location, Severity
from interop.load.places import JsonPlaces
from interop.load.source import in_scalar, value_loc
from interop.repository import Repository
from interop.series import is_baseline

#: the rules a baseline is checked with (it is history, not a source;
#: the waivers of its submissions are not)
BASELINE_RULES = ("S006", "N001", "N002", "N004")


@dataclasses.dataclass(frozen=True)
class Problem:
    """What a rule yields: a message and where (a document path or a
    location; the engine finds the location of a path)."""

    message: str
    path: tuple[Any, ...] = ()
    loc: Location | None = None
    key: bool = True  # place at the key (True) or at its value
    file: str | None = None  # another file than the document's (a sheet)


_T = TypeVar("_T")


@dataclasses.dataclass
class Document:
    """One guideline under check, with what rules may need around it."""

    path: str                    # as shown in findings
    tree: Any                    # the loaded YAML (with places) or JSON
    guideline: m.Guideline
    published: bool = False      # a published JSON file, not a source
    repo: Repository | None = None
    text: str = ""               # source text, for suppressions
    #: the other guidelines of the run and the repository
    #: (interop.checks.workspace.Workspace); the test helper gives none
    workspace: Workspace | None = None
    #: what several rules compute once (schema errors, the series, ...)
    cache: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: a JSON file's places (interop.load.places.JsonPlaces); a YAML tree
    #: carries its own
    places: JsonPlaces | None = None

    def loc(self, path: tuple[Any, ...], key: bool = True) -> Location:
        """Where ``path`` stands in the file (see ``value_loc``)."""
        if self.places is not None:
            return self.places.loc(path, key)
        return value_loc(self.tree, path, key)

    def memo(self, key: str, compute: Callable[[], _T]) -> _T:
        if key not in self.cache:
            self.cache[key] = compute()
        # what compute gave: a key is always computed to one type
        return cast(_T, self.cache[key])


def finding_at(doc: Document, code: str, severity: Severity, message: str,
               path: tuple[Any, ...]) -> Finding:
    """A finding about ``path``, placed in ``doc``'s file (for the checks
    that run beside the catalogue: the test index's, the locks')."""
    loc = doc.loc(path)
    return Finding(doc.path, loc.line, loc.col, code, severity, message,
                   path)


#: a rule of the catalogue: what it finds in one document
RuleFunc = Callable[[Document], Iterable[Problem]]


@dataclasses.dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    name: str
    func: RuleFunc

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        """The docstring's first paragraph, whole (it may span lines)."""
        if not self.doc:
            return self.name
        first = self.doc.split("\n\n", 1)[0]
        return " ".join(line.strip() for line in first.splitlines())


RULES: dict[str, Rule] = {}


#: a rule's severity as its declaration writes it (a Severity's value)
Level = Literal["error", "warning", "info"]


def rule(code: str, severity: Level, name: str
         ) -> Callable[[RuleFunc], RuleFunc]:
    """Declare a rule: ``@rule("S001", "error", "unknown-key")``."""
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: unknown severity {severity}")

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule {code} declared twice")
        RULES[code] = Rule(code, Severity(severity), name, func)
        # a mark the catalogue's test reads on each module's rules (an
        # attribute of the function, which Callable does not declare)
        vars(func)["rule_code"] = code
        return func
    return register


_NOQA_AT = re.compile(r"#\s*noqa\b")
_NOQA = re.compile(r"#\s*noqa\b:?\s*"
                   r"(?P<codes>[A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)?"
                   r"\s*(?:--|:)?\s*(?P<reason>.*)$")


@dataclasses.dataclass(frozen=True)
class Suppression:
    line: int
    col: int
    codes: frozenset[str]
    reason: str
    alone: bool  # the comment stands on a line of its own


def suppressions(text: str, tree: Any = None) -> list[Suppression]:
    """The ``# noqa: CODE reason`` comments of a source text.  A ``#
    noqa`` inside a value of the loaded ``tree`` (a quoted or block
    scalar) is text, not a comment."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "noqa" not in line:
            continue
        for match in _NOQA_AT.finditer(line):
            if tree is not None and in_scalar(
                    tree, Location(number, match.start() + 1)):
                continue
            found = _NOQA.match(line, match.start())
            assert found is not None  # all but the marker itself is optional
            codes = frozenset(c.strip() for c in (found["codes"] or "")
                              .split(",") if c.strip())
            out.append(Suppression(number, match.start() + 1, codes,
                                   found["reason"].strip(),
                                   not line[:match.start()].strip()))
            break
    return out


def _silencers(text: str, tree: Any = None) -> dict[int, Suppression]:
    """Line -> the valid suppression that applies to it.  A comment alone
    on its line applies to the next line, since guideline lines are often
    too long for a comment at their end."""
    out: dict[int, Suppression] = {}
    for s in suppressions(text, tree):
        if s.codes and s.reason:
            out[s.line] = s
            if s.alone:
                out.setdefault(s.line + 1, s)
    return out


#: how many findings of each code were placed by a document path in
#: this process: the work a run does, which the tests count
PLACED: Counter[str] = Counter()


def _place(doc: Document, problem: Problem, code: str) -> Location:
    if problem.loc is not None:
        return problem.loc
    PLACED[code] += 1
    return doc.loc(problem.path, problem.key)


#: findings of one rule in one file shown before the rest are summed up
#: in one finding: a broken list of a million items says so once, not a
#: million times (or in ten minutes and gigabytes)
MAX_PER_RULE = 100


def run(doc: Document, select: Iterable[str] | None = None,
        unplaced: frozenset[str] = frozenset()) -> list[Finding]:
    """All findings of the selected rules (all by default) on a document,
    at most :data:`MAX_PER_RULE` of a rule in a file, then one finding
    (with ``omitted``) saying how many more there are.

    Findings of the codes in ``unplaced`` (info rules whose findings the
    caller only counts) are left at line 0 in a published file, where
    placing is what costs and nothing can silence them; see
    :func:`_unplaced`."""
    chosen = [RULES[c] for c in sorted(RULES)
              if select is None or any(c.startswith(s) for s in select)]
    if is_baseline(doc.guideline):  # history: checked as data only
        chosen = [r for r in chosen if r.code in BASELINE_RULES]
    quiet = _silencers(doc.text, doc.tree) if doc.text else {}
    if quiet or doc.places is None:
        unplaced = frozenset()
    findings: list[Finding] = []
    pending: list[tuple[Finding, Problem]] = []
    for item in chosen:
        findings.extend(_of_rule(doc, item, quiet, unplaced, pending))
    findings.extend(_unplaced(doc, findings, pending))
    findings.sort(key=Finding.sort_key)
    return dedupe(findings)


def _of_rule(doc: Document, item: Rule, quiet: dict[int, Suppression],
             unplaced: frozenset[str],
             pending: list[tuple[Finding, Problem]]) -> list[Finding]:
    """One rule's findings on ``doc``; those left unplaced go to
    ``pending`` instead, with their problem."""
    findings: list[Finding] = []
    shown: dict[str, int] = {}
    more: dict[str, list[Any]] = {}  # file -> [count, first problem]
    for problem in item.func(doc):
        file = problem.file or doc.path
        if shown.get(file, 0) >= MAX_PER_RULE:
            # counted, not placed (placing is what costs), unless the
            # file silences findings: a silenced one is not counted
            if quiet:
                found = quiet.get(_place(doc, problem, item.code).line)
                if found and item.code in found.codes:
                    continue
            extra = more.setdefault(file, [0, problem])
            extra[0] += 1
            continue
        shown[file] = shown.get(file, 0) + 1
        if item.code in unplaced and problem.loc is None and \
                problem.file is None:
            pending.append((Finding(doc.path, 0, 0, item.code,
                                    item.severity, problem.message,
                                    problem.path), problem))
            continue
        loc = _place(doc, problem, item.code)
        finding = Finding(problem.file or doc.path, loc.line, loc.col,
                          item.code, item.severity, problem.message,
                          problem.path)
        found = quiet.get(loc.line)
        if found and item.code in found.codes:
            finding = dataclasses.replace(finding, suppressed=found.reason)
        findings.append(finding)
    for file, (count, first) in more.items():
        loc = _place(doc, first, item.code)
        findings.append(Finding(
            file, loc.line, loc.col, item.code, item.severity,
            f"{count:,} more {item.code} findings in this file from "
            f"here on, not shown (at most {MAX_PER_RULE} of a rule in "
            "a file)", first.path, omitted=count))
    return findings


def _unplaced(doc: Document, placed: list[Finding],
              pending: list[tuple[Finding, Problem]]) -> list[Finding]:
    """The pending findings, placed only where placing could change what
    is counted: when another finding of the file shares the code and
    message, the two may be one (deduped) or apart only by their place.
    Any other is unique whatever its place, so it is counted the same."""
    if not pending:
        return []
    codes = {f.code for f, _ in pending}
    seen: dict[tuple[str, str], int] = {}
    for f in placed + [f for f, _ in pending]:
        if f.code in codes and f.path == doc.path:
            seen[f.code, f.message] = seen.get((f.code, f.message), 0) + 1
    out = []
    for finding, problem in pending:
        if seen[finding.code, finding.message] > 1:
            loc = _place(doc, problem, finding.code)
            finding = dataclasses.replace(finding, line=loc.line,
                                          col=loc.col)
        out.append(finding)
    return out


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Sorted findings without repeats (a criteria set that several
    guidelines name is reported once)."""
    out: list[Finding] = []
    for f in findings:
        if not out or out[-1] != f:
            out.append(f)
    return out
