"""Text from data made inert for where it is shown.

Guideline files are written by anyone who can propose a change, so a name,
a description or a test id may hold a terminal escape, markdown or a
``javascript:`` link.  Every output that shows such text passes it through
one of these first: terminals, markdown (Gerrit, GitHub) and links.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# C0 controls, DEL and C1 controls, and the Unicode line and paragraph
# separators and bidirectional controls that reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                      "\u2066-\u2069]")
# Characters markdown (CommonMark, GitHub, Gerrit) gives meaning to.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:])")
_SCHEMES = ("http", "https")


def _visible(found: re.Match) -> str:
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
            any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.netloc)
