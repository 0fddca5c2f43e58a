"""The submissions a change holds: one per change (N003).

Kept apart from :mod:`interop.refstack.certify` so that the CLI can name
the code without importing the judging of results."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from interop.errors import Finding, Severity

if TYPE_CHECKING:  # the repository is handed in
    from interop.repository import Repository


#: the finding of a change that holds more than one submission
ONE_PER_CHANGE = "N003"
CODES = (ONE_PER_CHANGE,)


def changed_submissions(repo: Repository, files: list[str]
                        ) -> tuple[list[str], list[Finding]]:
    """The submission folders the files (relative to the repository) lie
    in, and an N003 finding when there is more than one: one submission,
    one product, one guideline per change."""
    # lazily: the CLI imports this module to build its parser
    from interop.load.products import submission_of
    folders: dict[str, str] = {}
    for name in files:
        folder = submission_of(repo.root, name)
        # a submission the change removes is not judged
        if folder is not None and os.path.isdir(folder):
            folders.setdefault(folder, name)
    found = sorted(folders)
    findings = []
    if len(found) > 1:
        shown = ", ".join(repo.rel(f) for f in found)
        findings = [Finding(folders[f], 1, 1, ONE_PER_CHANGE,
                            Severity.ERROR, "a change holds one submission "
                            "(one product, one guideline); this one holds "
                            f"{len(found)}: {shown}") for f in found[1:]]
    return found, findings
