"""Commands for the programs that use a guideline their own way:
``interop export scs`` (the library: :mod:`interop.refstack.runtime`)."""
from __future__ import annotations

import argparse

from interop.cli.base import EXIT_FINDINGS, EXIT_OK, told, warn
from interop.workflow.writing import writing


def cmd_export(args: argparse.Namespace) -> int:
    from interop.refstack import runtime
    from interop.tempest.suite import InstalledSuite
    profile, root, out, files = runtime.export_plan(
        args.profile, args.out, InstalledSuite(), warn)
    if args.check:
        stale = runtime.stale_files(out, files)
        return told("", "".join(f"{path}: out of date: interop export scs "
                                f"{args.profile}\n" for path in stale),
                    EXIT_FINDINGS if stale else EXIT_OK)
    with writing(root):
        runtime.write_export(out, files)
    return told("", f"{out}: {len(files)} files ({profile.id})\n")


def comply_scs(args: argparse.Namespace) -> int:
    """``comply RESULTS --profile P --format scs``: SCS's line on stdout,
    the counts on stderr; ABORT (exit 1) for a run that cannot be read."""
    from interop.refstack.runtime import scs_judgement
    from interop.tempest.suite import InstalledSuite
    line, said = scs_judgement(args.profile, args.results,
                               args.results_format, InstalledSuite(), warn)
    return told(f"{line}\n", f"{said}\n",
                EXIT_OK if line.endswith("PASS") else EXIT_FINDINGS)
