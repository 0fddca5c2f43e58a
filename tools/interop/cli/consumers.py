"""Commands for the programs that use a guideline their own way: runtime
test lists (``testlist --format load-list``), consumer profiles and
``interop export scs``."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from typing import Any

from interop.cli.base import EXIT_FINDINGS, EXIT_OK, writing
from interop.errors import LoadError

# the profiles' library lives in interop.refstack.consumers; these names
# are still imported from here by the tests and the commands below
from interop.refstack.consumers import (  # noqa: F401
    check_profiles,
    is_profile,
    lister,
    load_profile,
    profile_paths,
)


def cache_of(path: str) -> tuple[str, str]:
    """(cache folder, repository root) for a file of a repository, or of
    the current folder's when the file is in none.  The cache is the
    user's, never the checkout's: a change could commit a forged index
    or listing there (doc/source/security.rst)."""
    from interop.repository import find_root
    from interop.tempest.index import cache_folder
    return cache_folder(), find_root(path)


def _admin_of(index: Any) -> Any:
    def admin_of(name: str) -> bool | None:
        test = index.tests.get(name)
        if test is None or (test.credentials is None and not test.os_admin):
            return None
        return test.needs_admin
    return admin_of


def runtime_lines(doc: dict, others: dict, target: str,
                  types: Iterable[str] | None, flagged: bool,
                  credentials: str, where: str,
                  exclude: Iterable[str] = ()) -> dict[str, str]:
    """Guideline name -> runtime id in the installed suite, of a
    guideline's tests."""
    from interop.refstack import runlist
    from interop.tempest import index, listing
    cache, root = cache_of(where)
    left = set(exclude)
    tests = [t for t in runlist.wanted(doc, target, types, flagged, others)
             if t.name not in left]
    found = runlist.resolve(tests, listing.load(cache), where)
    if credentials == "non-admin":
        kept = runlist.non_admin(
            found, _admin_of(index.load(cache)), where)
        if len(kept) < len(found):
            print(f"{where}: {len(found) - len(kept)} of {len(found)} "
                  "tests need an admin role: left out", file=sys.stderr)
        found = kept
    return found


def profile_lines(profile: Any, doc: dict, others: dict) -> list[str]:
    """A profile's load-list: the target's required, non-flagged tests,
    its exclusions left out, its credentials filter applied."""
    return sorted(set(runtime_lines(
        doc, others, profile.target, ("required",), False,
        profile.credentials, profile.path, profile.excluded).values()))


def export_files(profile: Any, doc: dict, others: dict) -> dict[str, str]:
    """File name -> text of the SCS export of a profile."""
    import yaml

    from interop.dates import parse_date, today
    from interop.refstack import scs
    from interop.refstack.comply import guideline_id
    lines = profile_lines(profile, doc, others)
    found = scs.scope(profile, guideline_id(doc) or profile.guideline,
                      parse_date(profile.scs.get("since")) or today())
    head = (f"# Written by 'interop export scs consumers/{profile.id}"
            ".yaml'; do not edit, export again.\n")
    return {scs.SCOPE: head + yaml.safe_dump(found, sort_keys=False,
                                             width=72),
            scs.LOAD_LIST: "".join(line + "\n" for line in lines),
            scs.SCRIPT: scs.runner(profile)}


def cmd_export(args: argparse.Namespace) -> int:
    from interop.files import confined_if_within, write_all
    from interop.repository import find_root
    profile, doc, others = load_profile(args.profile)
    root = find_root(args.profile)
    out = args.out or os.path.join(root, "consumers", profile.id)
    confined_if_within(out, root)  # no link out of the repository (E160)
    files = export_files(profile, doc, others)
    if args.check:
        stale = [name for name, text in files.items()
                 if _read(os.path.join(out, name)) != text]
        for name in stale:
            print(f"{os.path.join(out, name)}: out of date: interop export "
                  f"scs {args.profile}", file=sys.stderr)
        return EXIT_FINDINGS if stale else EXIT_OK
    with writing(root):
        write_all((os.path.join(out, n), t) for n, t in files.items())
    os.chmod(os.path.join(out, "run-tempest.sh"), 0o755)
    print(f"{out}: {len(files)} files ({profile.id})", file=sys.stderr)
    return EXIT_OK


def _read(path: str) -> str | None:
    """A written file's text, None when there is none; a FIFO or a link
    is refused (E161, E101), never waited on."""
    from interop.load.source import read_text
    if not os.path.lexists(path):
        return None
    return read_text(path)


def comply_scs(args: argparse.Namespace) -> int:
    """``comply RESULTS --profile P --format scs``: SCS's line on stdout,
    the counts on stderr; ABORT (exit 1) for a run that cannot be read."""
    from interop.refstack import scs
    profile, doc, others = load_profile(args.profile)
    testcase = profile.scs.get("testcase") or f"{profile.id}-tempest"
    lines = profile_lines(profile, doc, others)
    try:
        outcome_of = scs.outcomes(args.results, args.results_format)
    except LoadError as exc:
        print(scs.verdict(testcase, None))
        print(exc.finding.format(), file=sys.stderr)
        return EXIT_FINDINGS
    found = scs.counts(lines, outcome_of)
    line = scs.verdict(testcase, found)
    print(line)
    print(f"{profile.id}: {len(lines)} tests: {found.text()}",
          file=sys.stderr)
    return EXIT_OK if line.endswith("PASS") else EXIT_FINDINGS


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="a consumer profile in another "
                       "program's format (scs: Sovereign Cloud Stack's "
                       "certificate scope, load-list and script)")
    p.add_argument("kind", choices=("scs",))
    p.add_argument("profile", metavar="PROFILE",
                   help="a consumer profile (consumers/NAME.yaml)")
    p.add_argument("--out", metavar="DIR", help="where to write (default "
                   "consumers/<profile>/)")
    p.add_argument("--check", action="store_true", help="write nothing; "
                   "exit 1 when the written files are out of date")
    p.set_defaults(run=cmd_export)


__all__ = ["check_profiles", "cmd_export", "comply_scs", "is_profile",
           "profile_paths", "runtime_lines", "register"]
