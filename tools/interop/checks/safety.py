"""U: text and reference safety -- what a reader sees is what the data says.

A name or a text may hold characters that reorder or hide what is shown
(Trojan Source), letters of two scripts that look alike, a URL that would
break out of the markup it is written into, or a sheet row a spreadsheet
reads as a formula.  These rules report each where it stands.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from interop.checks.engine import Document, Problem, rule
from interop.checks.scoring import repo_of, sheet_of
from interop.text import FORMULA_STARTS, has_scheme, hidden, is_safe_url

#: keys whose values are references or links
_LINKISH = re.compile(r"(reference|url|source|link|homepage|original)s?\Z")


#: a path, a text and whether it is a key, as the U rules read them
Text = tuple[tuple[Any, ...], str, bool]


def _plain(text: str) -> bool:
    """ASCII without a colon: no U rule can find anything in it (a hidden
    character or a second script is not ASCII; a URL has a colon)."""
    return text.isascii() and ":" not in text


def _strings(node: Any, path: tuple[Any, ...] = ()) -> list[Text]:
    """(path, text, is_key) of every key and string value of a tree that
    is not :func:`_plain`, in the document's order."""
    out: list[Text] = []
    _collect(node, path, out)
    return out


def _collect(node: Any, path: tuple[Any, ...], out: list[Text]) -> None:
    # appending to one list: a generator per level costs a call per
    # level for every string yielded, and a document holds thousands;
    # a plain text makes no tuple
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and not _plain(key):
                out.append((path + (key,), key, True))
            if isinstance(value, str):
                if not _plain(value):
                    out.append((path + (key,), value, False))
            elif isinstance(value, (dict, list)):
                _collect(value, path + (key,), out)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                if not _plain(value):
                    out.append((path + (index,), value, False))
            elif isinstance(value, (dict, list)):
                _collect(value, path + (index,), out)
    elif isinstance(node, str) and not _plain(node):
        out.append((path, node, False))


def _texts(doc: Document) -> list[Text]:
    """The document's keys and strings that a U rule can find something
    in, listed once for them."""
    found: list[Text] = doc.memo("safety texts",
                                 lambda: _strings(doc.tree))
    return found


def _unusual(doc: Document) -> list[Text]:
    """Those of them that are not plain ASCII: only such a text can hide
    a character or mix scripts."""
    found: list[Text] = doc.memo("safety unusual", lambda: [
        t for t in _texts(doc) if not t[1].isascii()])
    return found


#: a URL's start, whatever the field
_SCHEME = re.compile(r"[A-Za-z][\w+.-]*://")


@rule("U001", "error", "hidden-characters")
def hidden_characters(doc: Document) -> Iterator[Problem]:
    """A name or text holds a bidirectional control (U+202A-U+202E,
    U+2066-U+2069) or a zero-width character: the Board's pages would show
    something else than the data says (``DERIUQER TON`` reversed into
    ``NOT REQUIRED``).

    Fails::

        capabilities:
          compute-servers-create:
            description: "Create a server. \u202e"

    Passes::

        capabilities:
          compute-servers-create:
            description: Create a server.
    """
    for path, text, is_key in _unusual(doc):
        found = hidden(text)
        if found:
            what = "name" if is_key else "text"
            codes = ", ".join(sorted({code for _, code in found}))
            yield Problem(f"the {what} at {_shown(path)} holds characters "
                          f"a reader does not see ({codes})", path,
                          key=is_key)


def _shown(path: tuple[Any, ...]) -> str:
    return ".".join(str(step) for step in path) or "the top"


def _identifiers(doc: Document
                 ) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """(kind, path, name) of every name the published format uses as an
    identifier: capability names and test ids."""
    for cap in doc.guideline.iter_capabilities():
        yield "capability name", cap.path, cap.name
        for test in cap.iter_tests():
            yield "test id", test.path, test.name


@rule("U002", "error", "identifier-not-ascii")
def identifier_not_ascii(doc: Document) -> Iterator[Problem]:
    """A capability name or test id is not plain ASCII in NFC: RefStack
    and the vendors' tools compare these identifiers byte for byte, so a
    look-alike letter makes a name that matches nothing.

    Fails::

        capabilities:
          compute-servers-create:
            tests:
              a.ServersTest.tеst_list: id-5de47127-9977-400a-936f-abcfbec1218f

    Passes::

        capabilities:
          compute-servers-create:
            description: Create a server.
    """
    for kind, path, name in _identifiers(doc):
        if not isinstance(name, str):
            continue
        if not name.isascii() or unicodedata.normalize("NFC", name) != name:
            odd = sorted({f"U+{ord(c):04X}" for c in name if ord(c) > 127})
            yield Problem(f"the {kind} '{_ascii(name)}' is not plain ASCII "
                          f"({', '.join(odd)})", path)


def _ascii(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("ascii")


def _scripts(text: str) -> set[str]:
    """The scripts of the letters in ``text`` (the first word of each
    letter's Unicode name: LATIN, CYRILLIC, GREEK, ...)."""
    out = set()
    for char in text:
        if char.isalpha():
            out.add(unicodedata.name(char, "UNKNOWN ").split(" ")[0])
    return out


@rule("U003", "warning", "mixed-script-name")
def mixed_script_name(doc: Document) -> Iterator[Problem]:
    """A name mixes the letters of two scripts (a Cyrillic ``а`` among
    Latin letters): it looks like another name that it is not.

    Fails::

        components:
          os_powered_compute:
            capabilities:
              required: [compute-servers-create]
        capabilities:
          compute-servers-create:
            project: nоva

    Passes::

        capabilities:
          compute-servers-create:
            project: nova
    """
    for path, text, is_key in _unusual(doc):
        if text.isascii() or (not is_key and " " in text.strip()):
            continue  # prose may quote any script; names may not mix
        scripts = _scripts(text)
        if len(scripts) > 1:
            yield Problem(f"the name '{_ascii(text)}' at {_shown(path)} "
                          f"mixes scripts ({', '.join(sorted(scripts))})",
                          path, key=is_key)


@rule("U004", "error", "unsafe-url")
def unsafe_url(doc: Document) -> Iterator[Problem]:
    """A reference or link is not a plain ``http``/``https`` URL: it has
    another scheme, or holds quotes, angle brackets, spaces or control
    characters that would end the markup it is written into (the Board's
    PDF and pages).  A reference that is not a URL (one line of text) is
    fine.

    Fails::

        metadata:
          source: 'https://example.org/"><img src="/etc/passwd">'

    Passes::

        metadata:
          source: https://example.org/next.json
    """
    for path, text, is_key in _texts(doc):
        if is_key or not path or not isinstance(path[-1], str) and \
                not (len(path) > 1 and isinstance(path[-2], str)):
            continue
        field = path[-1] if isinstance(path[-1], str) else path[-2]
        linkish = _LINKISH.search(str(field).lower()) is not None
        if (linkish and has_scheme(text.strip())) or \
                _SCHEME.match(text):
            if not is_safe_url(text):
                yield Problem(f"'{_ascii(text)[:80]}' at {_shown(path)} is "
                              "not a safe http(s) URL (no quotes, angle "
                              "brackets, spaces or control characters)",
                              path, key=False)


@rule("U005", "error", "formula-in-sheet")
def formula_in_sheet(doc: Document) -> Iterator[Problem]:
    """A scoring sheet names a row with text a spreadsheet reads as a
    formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return): ``score --format csv`` neutralises it, but a name like this
    is never a capability.

    Fails::

        # file: guidelines/2024.06.yaml
        metadata:
          id: "2024.06"

    Passes::

        metadata:
          id: next
    """
    sheet = sheet_of(doc)
    if sheet is None:
        return
    repo = repo_of(doc)
    shown = repo.rel(sheet.file) if repo is not None else sheet.file
    for name, row in sheet.scores.items():
        if isinstance(name, str) and name.startswith(FORMULA_STARTS):
            yield Problem(f"the sheet's row '{_ascii(name)[:80]}' would be "
                          "read as a formula by a spreadsheet", loc=row.loc,
                          file=shown)
