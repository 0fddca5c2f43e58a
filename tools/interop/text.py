"""Text from data made inert for where it is shown.

Guideline files are written by anyone who can propose a change, so a name,
a description or a test id may hold a terminal escape, markdown or a
``javascript:`` link.  Every output that shows such text passes it through
one of these first: terminals, markdown (Gerrit, GitHub) and links.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

# C0 controls, DEL and C1 controls, and the Unicode line and paragraph
# separators and bidirectional controls that reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                      "\u2066-\u2069\u200b-\u200f\u2060-\u2064\ufeff"
                      "\u061c]")
# Characters markdown (CommonMark, GitHub, Gerrit) gives meaning to.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:])")
_SCHEMES = ("http", "https")
#: characters that change what a reader sees without being seen: the
#: bidirectional embeddings, overrides and isolates (Trojan Source,
#: CVE-2021-42574), marks, and the zero-width characters and joiners
HIDDEN = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                    "\u2066-\u2069\ufeff]")
#: what a URL may not hold: it would end an attribute or a tag in the
#: markup a link is written into (HTML, reportlab's paragraphs)
_UNQUOTABLE = frozenset('"\'<>`\\')
#: the first characters that make a spreadsheet read a cell as a formula
#: (OWASP's CSV injection rule)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _visible(found: re.Match[str]) -> str:
    code = ord(found[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(value: object) -> str:
    """The text with every control character shown as an escape
    (``\\x1b``, ``\\x0a``), so it can neither move the cursor, change the
    window title nor forge another line."""
    return _CONTROL.sub(_visible, str(value))


def markdown(value: object) -> str:
    """The text as literal markdown: HTML special characters as entities,
    markdown punctuation backslash-escaped, controls shown as escapes."""
    text = terminal(value)
    text = (text.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))
    return _MARKDOWN.sub(r"\\\1", text)


def is_safe_url(value: object) -> bool:
    """Whether a value may become a link: an absolute ``http`` or
    ``https`` URL with a host, and nothing a reader could not see."""
    if not isinstance(value, str) or _CONTROL.search(value) or \
            HIDDEN.search(value) or any(c.isspace() for c in value) or \
            _UNQUOTABLE.intersection(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.netloc)


def has_scheme(value: str) -> bool:
    """Whether text looks like a URL (``word:`` then ``//`` or no space),
    so that it must be a safe one to be accepted at all."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*:(?://|\S*\Z)", value) is not None


def cell(value: object) -> object:
    """A spreadsheet cell that cannot be read as a formula: text starting
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading apostrophe (OWASP); numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def hidden(value: str) -> list[tuple[int, str]]:
    """(offset, U+XXXX) of every character in ``value`` that a reader
    would not see but that changes what is shown."""
    return [(found.start(), f"U+{ord(found[0]):04X}")
            for found in HIDDEN.finditer(value)]


def visible(value: object) -> str:
    """The text with every character that reorders or hides what is shown
    (bidirectional controls, zero-width characters) written as an escape
    (``\\u202e``): a page or a PDF shows what the data says."""
    return HIDDEN.sub(_visible, str(value))


def as_text(value: object, *, empty: str = "none", yes: str = "true",
            no: str = "false",
            show: Callable[[object], str] = str) -> str:
    """A value as a reader writes it: lists joined with commas, booleans as
    ``yes``/``no`` and nothing (None, an empty list or string) as
    ``empty``; anything else through ``show``.

    One function for the diff's sentences (true/false, "none") and the
    pages' cells (yes/no, blank, :func:`visible`): they differ only in
    these words, so the logic lives once."""
    if value is None or value == [] or value == "":
        return empty
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, list):
        return ", ".join(as_text(v, empty=empty, yes=yes, no=no, show=show)
                         for v in value)
    return show(value)
