"""Locking a program's tests, and finding the tests that changed unseen.

``interop tests lock`` writes each program's lock
(:mod:`interop.load.lock`) from the installed Tempest and plugins:
every test the program's sources list, with its fingerprint
(:mod:`interop.tempest.fingerprint`).  A test already locked keeps what
was locked (so a plugin bump cannot clear a suspect by itself); tests
newly listed are added and tests no longer listed dropped; ``--refresh``
fingerprints every test anew (a new pinned set, reviewed as a whole).
``--accept TEST --reason ...`` records that someone reviewed the test's
changed code: the installed fingerprint is accepted.

Findings (``interop check`` and ``interop tests verify``):

V010 error    a listed test whose installed code no longer matches its
              lock (**suspect**): the capability needs re-review; accept
              the change with ``interop tests lock --accept``
V011 warning  a listed test the program's lock does not hold: run
              ``interop tests lock``
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from interop import model as m
from interop.dates import today
from interop.errors import Finding, LoadError, Severity, UsageError
from interop.load.xtesting import PREFIX, Case, repository_cases
from interop.tempest.fingerprint import Print, of_test
from interop.tempest.index import TestIndex, installed
from interop.load.lock import Acceptance, Lock, LockedTest, read_lock
from interop.tempest.reach import Sources
from interop.tempest.templates import Exercised

if TYPE_CHECKING:  # the catalogue is imported where it runs
    from interop.checks import Document
    from interop.repository import Repository

CODES = {"V010": Severity.ERROR, "V011": Severity.WARNING}


def site_sources() -> Sources | None:
    """The installed packages' sources (Tempest and its plugins)."""
    spec = importlib.util.find_spec("tempest")
    if spec is None or not spec.origin:
        return None
    site = os.path.dirname(os.path.dirname(spec.origin))
    return Sources(site, set(installed()))


def listed(guidelines: Iterable[m.Guideline], program: str
           ) -> dict[str, m.Test]:
    """Every test the program's guidelines list, by name."""
    out: dict[str, m.Test] = {}
    for g in guidelines:
        if g.program.name != program:
            continue
        for cap in g.iter_capabilities():
            for test in cap.iter_tests():
                out.setdefault(test.name, test)
    return out


def _entry(name: str, test: m.Test, found: Print,
           index: TestIndex | None) -> LockedTest:
    indexed = index.tests.get(name) if index else None
    uuid = (indexed.id if indexed else None) or m.normal_id(
        test.idempotent_id)
    credentials = tuple(sorted(indexed.credentials or ())) if indexed \
        else ()
    return LockedTest(uuid, found.file, found.line, credentials,
                      found.fingerprint, found.reads)


def case_print(case: Case) -> Print:
    """An Xtesting case's fingerprint: its entry in the testcases file
    (what runs, and what it must meet)."""
    text = json.dumps(case.body, sort_keys=True, default=str)
    return Print("sha256:" + hashlib.sha256(text.encode()).hexdigest(),
                 (case.file,), case.file, case.line)


def listed_cases(guidelines: Iterable[m.Guideline], root: str,
                 program: str) -> dict[str, Case]:
    """The Xtesting cases the program's guidelines' testcases files list
    (a file that cannot be read lists none: tests verify reports it)."""
    out: dict[str, Case] = {}
    for g in guidelines:
        if g.program.name != program:
            continue
        for repo in (g.test_repositories or {}).values():
            if repo.kind == "xtesting" and isinstance(repo.testcases, str):
                try:
                    out.update(repository_cases(root, repo.testcases))
                except LoadError:
                    continue
    return out


def _print_of(name: str, sources: Sources, cases: dict[str, Case]
              ) -> Print | None:
    if name.startswith(PREFIX):
        return case_print(cases[name]) if name in cases else None
    return _prints(sources).get(name)


class _Prints:
    """The installed tests' fingerprints, kept in the user's cache (beside
    the test index, never in the checkout), under a key of what is
    installed: each distribution's ``RECORD`` digest (as the index's) and
    the size and time of every file of the packages, so that a plugin
    bump and a file patched in place alike are a new key.  A warm
    ``check`` or ``tests verify`` reads them instead of walking the code
    again."""

    #: a cache larger than this is not read (it is rebuilt)
    LIMIT = 64 * 1024 * 1024
    #: bumped when a row's content changes (2: the resource types)
    FORMAT = "prints-2"

    def __init__(self, sources: Sources) -> None:
        from interop.files import read_cache
        from interop.tempest.index import cache_folder, fingerprint
        self.sources = sources
        self.key = ";".join([self.FORMAT, fingerprint(installed()),
                             sources.site, _files_digest(sources)])
        site = hashlib.sha256(sources.site.encode("utf-8",
                                                  "surrogateescape"))
        self.path = os.path.join(cache_folder(),
                                 f"test-prints-{site.hexdigest()[:12]}.json")
        self.known: dict[str, Print | None] = read_cache(
            self.path, self.key, self.LIMIT, _read_prints) or {}
        self.added = False

    def get(self, name: str) -> Print | None:
        if name not in self.known:
            self.known[name] = of_test(self.sources, name)
            self.added = True
        return self.known[name]

    def save(self) -> None:
        """Write what was added (a cache that cannot be written is not
        an error: it is only slower next time)."""
        if not self.added:
            return
        from interop.files import write_atomic
        data = {"fingerprint": self.key, "tests": {
            name: None if p is None else [p.fingerprint, list(p.reads),
                                          p.file, p.line, list(p.types)]
            for name, p in sorted(self.known.items())}}
        try:
            os.makedirs(os.path.dirname(self.path), mode=0o700,
                        exist_ok=True)
            write_atomic(self.path, json.dumps(data, sort_keys=True) + "\n")
            self.added = False
        except (OSError, UsageError, LoadError):
            pass


def _files_digest(sources: Sources) -> str:
    """A digest of the name, size and time of every file of the packages
    whose tests are fingerprinted (a stat each, no file read; the
    folders listed once, by ``os.scandir``, whose entries know which are
    folders)."""
    parts: list[str] = []

    def walk(folder: str, rel: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            try:
                if entry.is_dir():
                    if entry.name != "__pycache__" and not \
                            entry.is_symlink():
                        walk(entry.path, rel + entry.name + "/")
                    continue
                st = entry.stat()
            except OSError:
                continue
            parts.append(f"{rel}{entry.name}:{st.st_size}:"
                         f"{st.st_mtime_ns}\n")

    for package in sorted(sources.packages):
        walk(os.path.join(sources.site, package), package + "/")
    return hashlib.sha256("".join(parts).encode(
        "utf-8", "surrogateescape")).hexdigest()[:32]


def _read_prints(data: Any) -> dict[str, Print | None]:
    return {str(name): None if row is None else Print(
        str(row[0]), tuple(str(r) for r in row[1]), row[2], row[3],
        tuple(str(t) for t in row[4]))
        for name, row in data["tests"].items()}


#: each Sources' fingerprints: a new Sources (code read anew) is a new
#: cache, read from disk under its key
_PRINTS: weakref.WeakKeyDictionary[Sources, _Prints] = \
    weakref.WeakKeyDictionary()


def _prints(sources: Sources) -> _Prints:
    found = _PRINTS.get(sources)
    if found is None:
        found = _PRINTS[sources] = _Prints(sources)
    return found


def exercised_of(sources: Sources, name: str) -> Exercised:
    """What :func:`interop.tempest.templates.exercised` says of an
    installed test, from its fingerprint (kept in the user's cache, under
    the same key): the files it reads, and the resource types they use."""
    found = _prints(sources).get(name)
    if found is None:
        return Exercised()
    return Exercised([os.path.join(sources.site, r) for r in found.reads],
                     set(found.types))


def save_prints(sources: Sources) -> None:
    """Keep the fingerprints worked out so far (see :class:`_Prints`)."""
    _prints(sources).save()


def make_lock(program: str, tests: dict[str, m.Test], sources: Sources,
              index: TestIndex | None = None, old: Lock | None = None,
              refresh: bool = False, cases: dict[str, Case] | None = None
              ) -> Lock:
    """The program's lock: ``old``'s entries kept (unless ``refresh``),
    the tests it lacks added; tests whose code is not installed are left
    out."""
    packages = installed()
    keep = None if refresh else old  # the lock whose entries are kept
    lock = Lock(program, dict(keep.installed) if keep is not None else {})
    for name, test in sorted(tests.items()):
        if keep is not None and name in keep.tests:
            lock.tests[name] = keep.tests[name]
            if name in keep.accepted:
                lock.accepted[name] = keep.accepted[name]
            continue
        found = _print_of(name, sources, cases or {})
        if found is None:
            continue
        lock.tests[name] = _entry(name, test, found, index)
        # tempest too: the plugins' base classes are Tempest's
        for key in ("tempest", name.split(".", 1)[0]):
            if key in packages:
                lock.installed[packages[key].distribution] = \
                    packages[key].version
    _prints(sources).save()
    return lock


def accept(lock: Lock, name: str, sources: Sources, reason: str, by: str,
           cases: dict[str, Case] | None = None) -> Lock:
    """Record a review of ``name``'s changed code."""
    if name not in lock.tests:
        raise UsageError(f"'{name}' is not in the {lock.program} lock: "
                         "run interop tests lock first")
    if not reason.strip():
        raise UsageError("--accept needs a --reason: what the review found")
    found = _print_of(name, sources, cases or {})
    if found is None:
        raise UsageError(f"'{name}' is not installed: cannot fingerprint")
    if found.fingerprint == lock.tests[name].fingerprint:
        raise UsageError(f"'{name}' matches its lock: nothing to accept")
    lock.accepted[name] = Acceptance(found.fingerprint, reason.strip(), by,
                                     today().isoformat())
    return lock


def suspects(doc: Document, sources: Sources, root: str
             ) -> list[Finding]:
    """V010/V011 for one document (a checks.Document), from the lock of
    its program; a lock that cannot be read is its E172/E173."""
    from interop.checks.engine import finding_at
    g = doc.guideline
    try:
        lock = read_lock(root, g.program.name)
    except LoadError as exc:
        return [exc.finding]
    if lock is None:
        return []
    out = []
    cases = listed_cases([g], root, g.program.name)
    for cap in g.iter_capabilities():
        for test in cap.iter_tests():
            if test.name.split(".", 1)[0] not in sources.packages and \
                    test.name not in cases:
                continue
            found = _print_of(test.name, sources, cases)
            # placed only when there is a finding: most tests have none
            if test.name not in lock.tests:
                out.append(finding_at(
                    doc, "V011", Severity.WARNING,
                    f"test '{test.name}' of '{cap.name}' is not in the "
                    f"{lock.program} lock: run interop tests lock",
                    cap.path))
            elif found is not None and lock.suspect(test.name,
                                                    found.fingerprint):
                out.append(finding_at(
                    doc, "V010", Severity.ERROR,
                    f"test '{test.name}' of '{cap.name}' is suspect: its "
                    f"installed code ({found.file}) no longer matches the "
                    f"{lock.program} lock; review the change, then: "
                    f"interop tests lock --accept {test.name} --reason ...",
                    cap.path))
    _prints(sources).save()
    return out


#: what a change can touch that changes the installed tests or the locks
PINS = ("setup.cfg", "tox.ini", "requirements.txt", "criteria/locks/")


def review_suspects(old_repo: Repository, new_repo: Repository,
                    touched: list[str]) -> list[tuple[str, list[Finding]]]:
    """For ``interop review``: the suspect tests (V010) of the changed
    revision, on each source they stand in.  A change to the pins
    (``setup.cfg``, the locks) is judged on every source with a lock;
    another change on the sources it touches."""
    from interop.checks import load_document
    sources = site_sources()
    if sources is None:
        return []
    pins = any(p == pin or p.startswith(pin) for p in touched
               for pin in PINS)
    out = []
    for path in new_repo.sources():
        if not pins and path not in touched:
            continue
        try:
            doc = load_document(os.path.join(new_repo.root, path), new_repo)
        except LoadError:
            continue  # the review reports it already
        found = [f for f in suspects(doc, sources, new_repo.root)
                 if f.code == "V010"]
        out.append((path, found))
    return out


def lock_findings(paths: list[str], repo: Repository,
                  select: Iterable[str] | None) -> list[Finding]:
    """V010/V011 of the sources whose program has a committed test lock
    (suspect tests), when Tempest is installed to compare with."""
    # lazily: the catalogue is needed only when a program has a lock
    from interop.checks import load_document
    from interop.load.lock import LOCKS
    if not os.path.isdir(os.path.join(repo.root, LOCKS)):
        return []
    sources = site_sources()
    wanted = [w.strip() for s in select or [] for w in s.split(",")
              if w.strip()]
    if sources is None or (wanted and not any(
            c.startswith(w) for w in wanted for c in ("V010", "V011"))):
        return []
    baselines = {os.path.join(repo.root, p) for p in repo.baselines()}
    out: list[Finding] = []
    for path in paths:
        full = os.path.abspath(path)
        if not path.endswith(".yaml") or full in baselines:
            continue
        try:
            doc = load_document(path, repo)
        except LoadError:
            continue  # reported by the checks already
        out += [f for f in suspects(doc, sources, repo.root)
                if not wanted or any(f.code.startswith(w) for w in wanted)]
    return out
