"""The submissions ``interop certify`` is asked about, and its report of
their certifications (text or JSON)."""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from interop.errors import Finding, UsageError
from interop.text import terminal


def named_submissions(repo: Any, paths: Sequence[str]
                      ) -> tuple[list[str], list[Finding]]:
    """The submissions among ``paths`` (folders, or files in them), and
    the findings on them (N003); refused when a path is outside the
    repository or none is a submission."""
    from interop.refstack.changes import changed_submissions
    rels = []
    for path in paths:
        full = os.path.abspath(path)
        if not repo.inside(full):
            raise UsageError(f"{path} is not inside the repository "
                             f"{repo.root}")
        rel = repo.rel(full)
        if os.path.isdir(full) and os.path.isfile(
                os.path.join(full, "product.yaml")):
            rel = os.path.join(rel, "product.yaml")
        rels.append(rel)
    found, findings = changed_submissions(repo, rels)
    if not found and not findings:
        raise UsageError("no submission among the paths: a submission "
                         "is products/<program>/<guideline>/"
                         "<vendor>-<product>/")
    return found, findings


def certify_report(verdicts: Sequence[Any], findings: Sequence[Finding],
                   format: str) -> str:
    """The certifications and the findings, ``text`` or ``json``."""
    from interop.refstack import certify
    if format == "json":
        return json.dumps({"certifications": [v.as_dict()
                                              for v in verdicts],
                           "findings": [f.as_dict() for f in findings]},
                          indent=2) + "\n"
    text = "".join(terminal(f"{f.path}:{f.line}:{f.col}: {f.code} "
                            f"{f.severity}: {f.message}") + "\n"
                   for f in findings)
    return text + ("".join(certify.text(v) for v in verdicts) or
                   "no submission to certify\n")
