"""A change's certification labels carried into its Gerrit review.

``interop review --format gerrit`` adds, for every submission the change
touches, the labels ``interop certify`` gave it to the review's message,
and votes accordingly: Verified -1 when a submission is not verified (or
the change holds more than one, N003), whatever the guideline review
said.  Plain data in (the certifications as ``Certification.as_dict``
gives them), so that this stage needs nothing of the judging.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from interop.text import terminal

VERIFIED_PREFIX = "tests-verified-"


def verified(cert: dict[str, Any]) -> bool:
    return any(label.startswith(VERIFIED_PREFIX)
               for label in cert.get("labels") or ())


def message(certs: list[dict[str, Any]], findings: list[str]) -> str:
    """The lines the review's message gains."""
    if not certs and not findings:
        return ""
    lines = ["", "Certification:"]
    for cert in certs:
        lines.append(f"  {cert['submission']}: "
                     f"{' '.join(cert['labels'])}")
        if cert.get("reason"):
            lines.append(f"    {cert['reason']}")
        lines += [f"    missing: {name}" for name in cert.get("missing", ())]
        lines += [f"    waived: {name}" for name in cert.get("waived", ())]
    lines += [f"  ! {text}" for text in findings]
    return "".join(terminal(line) + "\n" for line in lines)


def with_labels(review_input: dict[str, Any], certs: list[dict[str, Any]],
                findings: Sequence[str] = ()) -> dict[str, Any]:
    """A copy of a Gerrit ReviewInput with the labels in its message and
    its Verified vote lowered to -1 when a submission fails."""
    out = copy.deepcopy(review_input)
    out["message"] = out.get("message", "") + message(certs, list(findings))
    if findings or not all(verified(c) for c in certs):
        out.setdefault("labels", {})["Verified"] = -1
    return out
