"""Test results: which tests a run passed, read from what runners write.

The formats, told apart by their content (or named by the caller):
``subunit`` (v2), ``subunit-v1`` and ``stestr`` (a ``.stestr`` repository)
are read by :mod:`interop.refstack.streams`, ``junit`` by
:mod:`interop.refstack.junit`; here:

``json``
    RefStack's results (``{"results": [{"name": ..., "uuid": ...}]}``):
    RefStack keeps only passed tests, so every listed test passed.  An
    entry may also be a bare name, as RefStack's API once returned them.
``list``
    one passed test per line; blank lines and ``#`` comments are ignored.

``xtesting`` (:mod:`interop.refstack.xtesting`) is Xtesting's records of
the cases it ran (JSON with ``project_name`` and ``case_name``).

Reading a file of any of them (and telling them apart) is
:mod:`interop.refstack.reading`'s.

Names are what RefStack compares.  A runner's output (subunit, JUnit, a
list) is what refstack-client turns into an upload, so its names lose
everything from the first ``[`` to the last ``]``, as refstack-client
strips them (``name[id-<uuid>,smoke]`` is ``name``).  RefStack's own JSON
is what its server holds, so its names are kept exactly as they stand.
Ids come from ``id-<uuid>`` attributes and from RefStack's ``uuid`` field,
as bare lower-case UUIDs; they are kept to report a test passed under
another name, and count only with ``--match-ids``.  Whatever cannot be
read is a :class:`~interop.errors.LoadError` coded E150.
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable

from interop.errors import LoadError
from interop.load.jsonsource import load_json
from interop.load.places import JsonPlaces
from interop.model import normal_id
from interop.refstack.outcomes import NotPassed, Outcome

FORMATS = ("subunit", "subunit-v1", "stestr", "json", "junit", "list",
           "xtesting")
CODE = "E150"
_NAME = re.compile(r"^(?P<name>[^\[\]]*)(?:\[(?P<attrs>[^\]]*)\])?\Z")
_V1 = re.compile(r"^(test|testing|success|successful|failure|error|skip|"
                 r"xfail|uxsuccess|tags|time|progress)\b:?")
#: what refstack-client removes from a test id before it uploads it
_ATTRIBUTES = re.compile(r"\[.*\]")
#: a test id in a list: a dotted Python path, attributes aside
_TEST_ID = re.compile(r"^[A-Za-z_][\w-]*(?:\.[\w-]+)+(?:\[.*\])?$")


@dataclasses.dataclass(frozen=True)
class Results:
    """What a test run passed."""

    names: frozenset[str]   # passed tests, as RefStack compares them
    ids: frozenset[str]     # bare lower-case UUIDs of passed tests
    format: str             # one of FORMATS
    tests: int              # distinct tests that ran
    #: passed names by id, to report a test passed under another name
    by_id: dict[str, frozenset[str]] = dataclasses.field(
        default_factory=dict, compare=False)
    #: tests that ran and never passed: name -> ("failed", the failure's
    #: first line) or ("skipped", the reason); details may be None
    outcomes: dict[str, tuple[NotPassed, str | None]] = dataclasses.field(
        default_factory=dict, compare=False)
    #: whether the format records passes only (RefStack's JSON, a list):
    #: a test missing from it may have failed, been skipped or not run
    passes_only: bool = False

    def outcome(self, name: str, aliases: Iterable[str] = ()
                ) -> tuple[Outcome, str | None]:
        """("failed"|"skipped"|"not run", detail) of a test not passed."""
        for each in (name, *aliases):
            if each in self.outcomes:
                return self.outcomes[each]
        return Outcome.NOT_RUN, None

    def passed(self, name: str, aliases: Iterable[str] = (),
               test_id: str | None = None, match_ids: bool = False
               ) -> bool:
        """Whether a test passed under its name or an alias, as RefStack's
        page matches; or under its id, with ``match_ids``."""
        if name in self.names or any(a in self.names for a in aliases):
            return True
        return match_ids and bool(self.under_id(test_id))

    def under_id(self, test_id: str | None) -> frozenset[str]:
        """The passed names that carry an id."""
        found = normal_id(test_id) if test_id else None
        return self.by_id.get(found, frozenset()) if found else frozenset()


def merged(parts: list[Results]) -> Results:
    """Several runs' results as one: a vertical's Tempest run and its
    Xtesting run judged together (a test passed in any of them passed)."""
    if len(parts) == 1:
        return parts[0]
    by_id: dict[str, frozenset[str]] = {}
    for part in parts:
        for key, names in part.by_id.items():
            by_id[key] = by_id.get(key, frozenset()) | names
    passed = frozenset().union(*(p.names for p in parts))
    # what a run says of a test another run passed is not the verdict
    outcomes = {name: said for p in parts for name, said in
                p.outcomes.items() if name not in passed}
    return Results(passed, frozenset().union(*(p.ids for p in parts)),
                   "+".join(p.format for p in parts),
                   sum(p.tests for p in parts), by_id, outcomes,
                   all(p.passes_only for p in parts))


def split_name(text: str) -> tuple[str, str | None]:
    """A test id's name without attributes, and its idempotent id."""
    found = _NAME.match(text.strip())
    if not found:
        return text.strip(), None
    test_id = None
    for attr in (found["attrs"] or "").split(","):
        test_id = test_id or normal_id(attr.strip())
    return found["name"], test_id


def uploaded_name(text: str) -> str:
    """A runner's test id as refstack-client uploads it: everything from
    the first ``[`` to the last ``]`` removed."""
    return _ATTRIBUTES.sub("", text.strip())


class PassedTests:
    """Collects passed names and ids in the order tests are reported.

    ``strip``: names are a runner's test ids, to be cut as refstack-client
    cuts them; otherwise (RefStack's JSON) they are kept as they are.
    """

    def __init__(self, strip: bool = True) -> None:
        self.strip = strip
        self.names: set[str] = set()
        self.by_id: dict[str, set[str]] = {}
        self.seen: set[str] = set()
        self.outcomes: dict[str, tuple[NotPassed, str | None]] = {}

    def add(self, text: str, passed: bool = True,
            uuid: str | None = None,
            outcome: NotPassed = Outcome.FAILED,
            detail: str | None = None) -> None:
        """A test's result; when it did not pass, ``outcome`` (failed or
        skipped) and ``detail`` (first line of the failure, skip reason)
        are kept unless it passed in another run."""
        bare, test_id = split_name(text)
        name = uploaded_name(text) if self.strip else text.strip()
        self.seen.add(name)
        if not passed:
            if name not in self.names and (
                    name not in self.outcomes or outcome == Outcome.FAILED):
                self.outcomes[name] = (outcome, first_line(detail))
            return
        self.outcomes.pop(name, None)
        self.names.add(name)
        for value in (test_id, normal_id(uuid)):
            if value:
                self.by_id.setdefault(value, set()).add(name)

    def results(self, fmt: str) -> Results:
        return Results(frozenset(self.names), frozenset(self.by_id), fmt,
                       len(self.seen),
                       {k: frozenset(v) for k, v in self.by_id.items()},
                       dict(self.outcomes), fmt in ("json", "list"))


def first_line(text: str | None) -> str | None:
    """The line that says what went wrong: in a Python traceback, the
    exception's line (the first unindented line after the frames);
    otherwise the first line that is not blank.  At most 200 characters."""
    if not text:
        return None
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    chosen = lines[0]
    if chosen.startswith("Traceback"):
        chosen = next((line for line in lines[1:]
                       if not line[:1].isspace()), chosen)
    return chosen.strip()[:200]


# -- RefStack JSON ---------------------------------------------------------

def read_json(text: str, path: str) -> Results:
    doc = load_json(text, path)

    def fail(where: tuple[str | int, ...], message: str) -> LoadError:
        loc = JsonPlaces(text).loc(where)
        return LoadError(path, loc.line or 1, loc.col or 1, CODE, message)

    if not isinstance(doc, dict) or not isinstance(doc.get("results"),
                                                    list):
        raise fail((), "not RefStack results: expected an object with a "
                   "'results' list")
    passed = PassedTests(strip=False)
    name: str | None
    uuid: str | None
    for number, item in enumerate(doc["results"]):
        if isinstance(item, str):
            name, uuid = item, None
        elif isinstance(item, dict):
            name, uuid = item.get("name"), item.get("uuid")
        else:
            raise fail(("results", number), f"results[{number}]: expected "
                       "a test (an object with a name), not "
                       f"{json.dumps(item)[:40]}")
        if not isinstance(name, str) or not name.strip():
            raise fail(("results", number),
                       f"results[{number}]: a test needs a name")
        if uuid is not None and not isinstance(uuid, str):
            raise fail(("results", number, "uuid"),
                       f"results[{number}]: uuid must be text")
        passed.add(name, uuid=uuid)
    return passed.results("json")


# -- plain list ------------------------------------------------------------

def read_list(text: str, path: str) -> Results:
    passed = PassedTests()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if len(line.split()) > 1:
            col = raw.index(line[0]) + 1
            hint = " (this looks like subunit v1: name the format with " \
                "--results-format subunit-v1)" if _V1.match(line) else ""
            raise LoadError(path, number, col, CODE,
                            f"not a test name: {line[:60]!r}{hint}")
        if not _TEST_ID.match(line):
            col = raw.index(line[0]) + 1
            raise LoadError(path, number, col, CODE,
                            f"not a test id: {line[:60]!r}; expected a "
                            "test run (subunit, stestr, JUnit, RefStack's "
                            "JSON) or a test list, one dotted test id a "
                            "line (tempest.api.compute....test_name)")
        passed.add(line)
    return passed.results("list")
