"""What reaches reportlab's paragraph markup is inert, and a PDF that could
not be made is an error.

rst2pdf writes a link's URL into reportlab's paragraph markup
(``<a href="...">``) as it is: a quote or an angle bracket from data would
end the attribute, then the tag, and either stop the layout (rst2pdf then
leaves an empty file and says nothing to its caller) or add an image read
from the build machine's disk.  Before the doctree reaches rst2pdf, every
link is checked again (only plain http(s) URLs stay links, the rest become
their text), its characters that mean something in markup are escaped, and
every image must be one the packet made itself.  After it, the file must
be a whole PDF before it replaces anything.
"""
from __future__ import annotations

import os

from docutils import nodes

from interop.errors import UsageError
from interop.text import is_safe_url

#: characters that end an attribute or a tag in reportlab's markup, and
#: their percent-encodings (a safe URL holds none; this is the last guard)
_ESCAPES = {'"': "%22", "'": "%27", "<": "%3C", ">": "%3E", " ": "%20"}


def inert(tree: nodes.Node, work: str) -> None:
    """Make every link and image of ``tree`` safe for reportlab's markup:
    links only to http(s) URLs (escaped), images only from ``work``."""
    for ref in list(tree.findall(nodes.reference)):
        uri = ref.get("refuri")
        if uri is None:
            continue
        if not is_safe_url(uri) and not (ref.get("internal") and
                                         uri.startswith("#")):
            ref.replace_self(nodes.Text(ref.astext()))
            continue
        ref["refuri"] = "".join(_ESCAPES.get(c, c) for c in uri)
    root = os.path.realpath(work) + os.sep
    for image in list(tree.findall(nodes.image)):
        uri = image.get("uri", "")
        if not os.path.realpath(os.path.join(work, uri)).startswith(root):
            image.parent.remove(image)


def check_written(tmp: str, path: str) -> None:
    """Refuse a PDF rst2pdf left empty or cut short (it logs its error and
    returns): it must not replace the last good one."""
    try:
        with open(tmp, "rb") as handle:
            head = handle.read(5)
            handle.seek(max(0, os.fstat(handle.fileno()).st_size - 1024))
            tail = handle.read()
    except OSError as exc:
        raise UsageError(f"{path}: the PDF packet could not be written: "
                         f"{exc.strerror or exc}") from None
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise UsageError(f"{path}: the PDF packet could not be made (the "
                         "PDF writer stopped); the last one is kept")
