"""A guideline's tests as the installed suite runs them: runtime ids for
``testlist --format load-list`` and consumer profiles, and the files of
``interop export scs``.

The installed suite is handed in (:class:`Suite`; the front-ends pass
:class:`interop.tempest.suite.InstalledSuite`), so this stage needs no
Tempest; what is left out for want of an admin role is told to
``warn``.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from interop.errors import LoadError

if TYPE_CHECKING:
    from interop.refstack.profiles import Profile

#: a note for the person running the command (standard error)
Warn = Callable[[str], None]


class Suite(Protocol):
    """The installed suite: its runtime ids, and who needs an admin."""

    def listing(self) -> Any: ...

    def admin_of(self) -> Callable[[str], bool | None]: ...


def runtime_lines(doc: dict[str, Any], others: Mapping[str, Any], target: str,
                  types: Iterable[str] | None, flagged: bool,
                  credentials: str, where: str, suite: Suite,
                  exclude: Iterable[str] = (),
                  warn: Warn | None = None) -> dict[str, str]:
    """Guideline name -> runtime id in the installed suite, of a
    guideline's tests."""
    from interop.refstack import runlist
    left = set(exclude)
    tests = [t for t in runlist.wanted(doc, target, types, flagged, others)
             if t.name not in left]
    found = runlist.resolve(tests, suite.listing(), where)
    if credentials == "non-admin":
        kept = runlist.non_admin(found, suite.admin_of(), where)
        if len(kept) < len(found) and warn is not None:
            warn(f"{where}: {len(found) - len(kept)} of {len(found)} "
                 "tests need an admin role: left out")
        found = kept
    return found


def profile_lines(profile: Profile, doc: dict[str, Any],
                  others: Mapping[str, Any], suite: Suite,
                  warn: Warn | None = None) -> list[str]:
    """A profile's load-list: the target's required, non-flagged tests,
    its exclusions left out, its credentials filter applied."""
    return sorted(set(runtime_lines(
        doc, others, profile.target, ("required",), False,
        profile.credentials, profile.path, suite, profile.excluded,
        warn).values()))


def export_files(profile: Profile, doc: dict[str, Any],
                 others: Mapping[str, Any], suite: Suite,
                 warn: Warn | None = None) -> dict[str, str]:
    """File name -> text of the SCS export of a profile."""
    import yaml

    from interop.dates import parse_date, today
    from interop.refstack import scs
    from interop.refstack.comply import guideline_id
    lines = profile_lines(profile, doc, others, suite, warn)
    found = scs.scope(profile, guideline_id(doc) or profile.guideline,
                      parse_date(profile.scs.get("since")) or today())
    head = (f"# Written by 'interop export scs consumers/{profile.id}"
            ".yaml'; do not edit, export again.\n")
    return {scs.SCOPE: head + yaml.safe_dump(found, sort_keys=False,
                                             width=72),
            scs.LOAD_LIST: "".join(line + "\n" for line in lines),
            scs.SCRIPT: scs.runner(profile)}


def export_plan(path: str, out: str | None, suite: Suite,
                warn: Warn | None = None
                ) -> tuple[Profile, str, str, dict[str, str]]:
    """(profile, repository root, folder, file name -> text) of the
    export of the profile at ``path``; the folder is ``out``, by default
    ``consumers/<profile>/``, and no link out of the repository (E160)."""
    from interop.files import confined_if_within
    from interop.refstack.consumers import load_profile
    from interop.repository import find_root
    profile, doc, others = load_profile(path)
    root = find_root(path)
    folder = out or os.path.join(root, "consumers", profile.id)
    confined_if_within(folder, root)
    return profile, root, folder, export_files(profile, doc, others, suite,
                                               warn)


def stale_files(folder: str, files: dict[str, str]) -> list[str]:
    """The paths of the written files that differ from ``files``."""
    return [os.path.join(folder, name) for name, text in files.items()
            if _read(os.path.join(folder, name)) != text]


def write_export(folder: str, files: dict[str, str]) -> None:
    """Write the export whole (:func:`interop.files.write_all`), its
    script executable."""
    from interop.files import write_all
    from interop.refstack import scs
    write_all((os.path.join(folder, n), t) for n, t in files.items())
    os.chmod(os.path.join(folder, scs.SCRIPT), 0o755)


def _read(path: str) -> str | None:
    """A written file's text, None when there is none; a FIFO or a link
    is refused (E161, E101), never waited on."""
    from interop.load.source import read_text
    if not os.path.lexists(path):
        return None
    return read_text(path)


def scs_judgement(path: str, results: list[str], results_format: str,
                  suite: Suite, warn: Warn | None = None
                  ) -> tuple[str, str]:
    """(SCS's line, the note for standard error) of a run judged against
    the profile at ``path``; ABORT with the reason for a run that cannot
    be read."""
    from interop.refstack import scs
    from interop.refstack.consumers import load_profile
    profile, doc, others = load_profile(path)
    testcase = profile.scs.get("testcase") or f"{profile.id}-tempest"
    lines = profile_lines(profile, doc, others, suite, warn)
    try:
        outcome_of = scs.outcomes(results, results_format)
    except LoadError as exc:
        return scs.verdict(testcase, None), exc.finding.format()
    found = scs.counts(lines, outcome_of)
    return (scs.verdict(testcase, found),
            f"{profile.id}: {len(lines)} tests: {found.text()}")
