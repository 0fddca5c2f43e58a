"""A repository's consumer profiles (``consumers/*.yaml``): finding them,
reading one with its guideline's published form, and running the
profile rules over them with the guidelines they draw from."""
from __future__ import annotations

import dataclasses
import glob
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from interop.errors import Finding, LoadError, UsageError

if TYPE_CHECKING:  # profiles is imported where it is used
    from interop.refstack.profilerules import Lister
    from interop.refstack.profiles import Profile


def load_profile(path: str) -> tuple[Profile, dict[str, Any],
                                     dict[str, dict[str, Any]]]:
    """(profile, its guideline's published form, the files beside it); a
    profile with an error finding is refused, naming the findings."""
    from interop.files import confined_if_within
    from interop.refstack import profilerules, profiles
    from interop.repository import find_root
    root = find_root(path)
    profile = profiles.load(confined_if_within(path, root))
    errors = [f for f in profilerules.check(profile, lister(root))
              if f.severity == "error"]
    if errors:
        raise LoadError(path, errors[0].line, errors[0].col,
                        errors[0].code, errors[0].message
                        + (f" (and {len(errors) - 1} more: interop check)"
                           if len(errors) > 1 else ""))
    from interop.publish.layout import published_document
    doc, others = published_document(os.path.join(root, profile.guideline))
    return profile, doc, others


def lister(root: str) -> Lister:
    """The profile rules' view of guidelines: the required test names of
    a target, or why there are none (compiled once per guideline)."""
    from interop.files import is_confined
    from interop.publish.layout import published_document
    from interop.refstack.runlist import wanted
    seen: dict[tuple[str, str], set[str] | str] = {}

    def tests(guideline: str, target: str) -> set[str] | str:
        if (guideline, target) not in seen:
            path = os.path.join(root, guideline)
            if os.path.isabs(guideline) or not is_confined(path, root):
                return (f"{guideline}: not a file of the repository (name "
                        "it relative to the repository's top)")
            try:
                doc, others = published_document(path)
                seen[guideline, target] = {
                    t.name for t in wanted(doc, target, ("required",),
                                           True, others)}
            except (LoadError, UsageError, OSError) as exc:
                why = exc.finding.message if isinstance(exc, LoadError) \
                    else str(exc)
                seen[guideline, target] = f"{guideline}: {why}"
        return seen[guideline, target]
    return tests


def is_profile(path: str) -> bool:
    """Whether a path names a consumer profile (``consumers/*.yaml``)."""
    from interop.refstack.profiles import FOLDER
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    return folder == FOLDER and path.endswith(".yaml")


def profile_paths(root: str) -> list[str]:
    """The repository's consumer profiles, ``consumers/*.yaml``."""
    from interop.refstack.profiles import FOLDER
    return sorted(glob.glob(os.path.join(root, FOLDER, "*.yaml")))


def check_profiles(root: str, paths: Iterable[str] | None = None,
                   select: Iterable[str] | None = None) -> list[Finding]:
    """Findings of the profile rules on ``consumers/*.yaml`` (or the
    paths given); a profile that cannot be read is one finding."""
    from interop.files import confined_if_within
    from interop.refstack import profilerules, profiles
    if paths is None:
        paths = profile_paths(root)
    tests = lister(root)
    out: list[Finding] = []
    for path in paths:
        shown = os.path.relpath(os.path.abspath(path), root)
        try:
            confined_if_within(path, root, shown)  # no link out (E160)
            out += profilerules.check(profiles.load(path, shown), tests,
                                      select)
        except LoadError as exc:
            out.append(dataclasses.replace(exc.finding, path=shown))
    return out
