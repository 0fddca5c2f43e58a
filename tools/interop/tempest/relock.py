"""``interop tests lock``: each program's test lock written, refreshed, or
a reviewed change of a suspect test accepted in it."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from interop.errors import Finding, UsageError


def lock_programs(repo: Any, programs: list[str], accept: str | None,
                  reason: str, by: str, refresh: bool,
                  cache: Callable[[], str]) -> Iterator[str]:
    """Lock ``programs`` (default: every program of ``repo``), or accept
    the installed code of the suspect test ``accept``; one line per
    program, as each lock is written.  ``cache()`` is the index's folder
    (not asked for when accepting)."""
    from interop.files import locked
    from interop.tempest import index as tempest
    from interop.tempest import locking
    from interop.load.lock import read_lock, write_lock
    from interop.text import terminal
    sources = locking.site_sources()
    if sources is None:
        raise UsageError("Tempest is not installed: pip install -e "
                         "'.[tempest]' (the pinned Tempest and plugins)")
    guidelines = repo.guidelines()
    programs = programs or sorted({g.program.name for g in guidelines})
    if accept and len(programs) != 1:
        programs = [g.program.name for g in guidelines if any(
            accept in (c.tests or {}) for c in g.iter_capabilities())
                    ][:1] or programs
    index = None if accept else tempest.load(cache())
    with locked(repo.root):
        for program in programs:
            old = read_lock(repo.root, program)
            cases = locking.listed_cases(guidelines, repo.root, program)
            if accept:
                if old is None:
                    raise UsageError(f"{program} has no lock: run interop "
                                     "tests lock first")
                lock = locking.accept(old, accept, sources, reason, by,
                                      cases)
            else:
                tests = locking.listed(guidelines, program)
                lock = locking.make_lock(program, tests, sources, index,
                                         old, refresh, cases)
            changed = write_lock(repo.root, lock)
            yield terminal(f"{program}: {len(lock.tests)} tests locked, "
                           f"{len(lock.accepted)} accepted"
                           + ("" if changed else " (unchanged)"))


def lock_check(paths: list[str], repo: Any, select: list[str] | None
               ) -> list[Finding]:
    """V010/V011 for ``interop check``: none unless the repository holds
    locks and a source is checked.  The fingerprinting (and the YAML
    reader it needs) is imported only then, so that a check of published
    files stays at the floor."""
    from interop.load.lock import LOCKS
    if not (os.path.isdir(os.path.join(repo.root, LOCKS)) and
            any(p.endswith(".yaml") for p in paths)):
        return []
    from interop.tempest.locking import lock_findings
    return lock_findings(paths, repo, select)
