"""The submissions ``interop certify`` is asked about, and its reports of
their certifications and of every product (text or JSON)."""
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


def certified(repo: Any, paths: Sequence[str], changed: list[str] | None,
              format: str) -> tuple[str, bool]:
    """(the report, whether every submission is verified and none has a
    finding) of ``interop certify``: the submissions the files
    ``changed`` by a change touch (one at most), else those among
    ``paths``, else every one."""
    from interop.refstack import certify
    from interop.refstack.changes import changed_submissions
    if changed is not None:
        folders, findings = changed_submissions(repo, changed)
    elif paths:
        folders, findings = named_submissions(repo, paths)
    else:
        from interop.load.products import submissions
        folders, findings = submissions(repo.root), []
    verdicts = [certify.certify(repo, folder) for folder in folders]
    return (certify_report(verdicts, findings, format),
            not findings and all(v.verified for v in verdicts))


def listed(repo: Any, format: str) -> str:
    """``interop certify --report``: every product, ``text`` or ``json``."""
    from interop.refstack import listing
    rows = listing.report(repo)
    return json.dumps(rows, indent=2) + "\n" if format == "json" \
        else listing.report_text(rows)
