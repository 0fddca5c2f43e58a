"""The published files beside a guideline: the Powered guidelines an
add-on's components name, by their file name, as ``interop comply`` reads
them beside a published file.  In a repository they are its published
files, and the Powered guidelines only a baseline holds, compiled; each
is read when a verdict or a test list first asks for it.
"""
from __future__ import annotations

import glob
import os
import weakref
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from interop.errors import LoadError
from interop.files import stamp
from interop.series import version_of

if TYPE_CHECKING:
    from interop import model as m


class Beside(Mapping[str, dict[str, Any]]):
    """File name -> published document of the files beside a guideline,
    each read when first asked for and then kept: a product's verdict
    needs the one Powered guideline its add-on names, not the 50 files of
    25 years (some 20 MiB, when the docs build judged every product with
    every file read).  A name stands for a published file, else for the
    Powered guideline only a baseline holds, compiled; one that cannot be
    read is not in it, as if absent.  Iterating reads them all."""

    def __init__(self, repo: weakref.ref[Any], entries: dict[str, list[Any]],
                 read: dict[Any, dict[str, Any] | None]) -> None:
        # name -> its candidates in turn: a published file's path, or the
        # baseline guideline it is compiled from; ``read`` (by candidate)
        # is shared with the views ``without`` makes.  The repository is
        # held weakly: _BESIDE keeps this per repository, and a strong
        # hold would keep every repository (and all it read) alive
        self.repo, self.entries, self.read = repo, entries, read

    def __getitem__(self, name: str) -> dict[str, Any]:
        for candidate in self.entries.get(name, ()):
            key = candidate if isinstance(candidate, str) else id(candidate)
            if key not in self.read:
                self.read[key] = self._read(candidate)
            found = self.read[key]
            if found is not None:
                return found
        raise KeyError(name)

    def _read(self, candidate: Any) -> dict[str, Any] | None:
        from interop.load.jsonsource import load_json, load_json_file
        from interop.publish.outputs import compile_text
        repo = self.repo()
        if repo is None:  # its repository is gone: nothing to read by
            return None
        try:
            doc = load_json_file(repo.confine(candidate)) \
                if isinstance(candidate, str) else \
                load_json(compile_text(candidate.file, repo),
                          candidate.file)
        except LoadError:
            return None
        return doc if isinstance(doc, dict) else None

    def __iter__(self) -> Iterator[str]:
        return (name for name in list(self.entries) if name in self)

    def __contains__(self, name: object) -> bool:
        try:
            self[name]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def without(self, g: m.Guideline) -> Beside:
        """The files beside ``g``: a Powered guideline only a baseline
        holds stands beside the others, never beside itself."""
        entries = {name: [c for c in found if c is not g]
                   for name, found in self.entries.items()}
        return Beside(self.repo, {n: c for n, c in entries.items() if c},
                      self.read)


def beside_of(g: m.Guideline, beside: Beside) -> Beside:
    """The files of :func:`published_beside` that stand beside ``g``."""
    return beside.without(g)


#: published_beside's answer per repository object, with the files it
#: was made from (name, size, time) and the sources then: a docs build
#: judges every product and writes every guideline's lists, and each
#: asked for the same files
_BESIDE: weakref.WeakKeyDictionary[Any, tuple[tuple[Any, ...], Beside]] = \
    weakref.WeakKeyDictionary()


def published_beside(repo: Any) -> Beside:
    """File name -> published document (:class:`Beside`, read as asked),
    shared while the files and the repository's sources stay the
    same."""
    files = sorted(glob.glob(os.path.join(repo.root, "guidelines",
                                          "*.json")))
    key = (tuple(tuple(stamp(f)) for f in files), tuple(repo.sources()),
           tuple(repo.baselines()))
    hit = _BESIDE.get(repo)
    if hit is None or hit[0] != key:
        hit = _BESIDE[repo] = (key, _beside(repo, files))
    return hit[1]


def _beside(repo: Any, files: list[str]) -> Beside:
    entries: dict[str, list[Any]] = {
        os.path.basename(f): [f] for f in files}
    # the Powered guidelines only a baseline holds (an add-on's required
    # components name them by their published file): where no published
    # file of that name can be read
    for g in repo.guidelines(history=True):
        if g.program.name == "powered":
            entries.setdefault(f"{version_of(g)}.json", []).append(g)
    return Beside(weakref.ref(repo), entries, {})
