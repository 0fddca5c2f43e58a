"""JUnit XML results: a ``testcase`` passed when it has no ``failure``,
``error`` or ``skipped`` child.  Documents with a DOCTYPE (and so entity
declarations) are refused unread.
"""
from __future__ import annotations

from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from interop.errors import LoadError
from interop.refstack.outcomes import Outcome
from interop.refstack.results import CODE, Results, PassedTests


class _Refused(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col = line, col


def _screen(text: str) -> list[int]:
    """Refuse DOCTYPE and entity declarations before anything expands
    them; gives the line of every ``testcase`` element, in order."""
    parser = expat.ParserCreate()
    lines: list[int] = []

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def doctype(*_: Any) -> None:
        # expat is past the declaration's name: point at its start
        before = text.encode("utf-8")[:parser.CurrentByteIndex + 1] \
            .decode("utf-8", "replace")
        start = before.rfind("<!DOCTYPE")
        if start < 0:
            line, col = where()
        else:
            line = before.count("\n", 0, start) + 1
            col = start - (before.rfind("\n", 0, start) + 1) + 1
        raise _Refused(line, col, "XML with a DOCTYPE is refused: "
                       "declarations can expand entities without bound")

    def entity(*_: Any) -> None:
        raise _Refused(*where(), "XML entity declarations are refused")

    def start(tag: str, _attrs: Any) -> None:
        if tag == "testcase":
            lines.append(parser.CurrentLineNumber)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.Parse(text, True)
    return lines


def read_junit(text: str, path: str) -> Results:
    try:
        lines = _screen(text)
        root = ElementTree.fromstring(text)
    except _Refused as exc:
        raise LoadError(path, exc.line, exc.col, CODE, str(exc)) from None
    except expat.ExpatError as exc:
        raise LoadError(path, exc.lineno, exc.offset + 1, CODE,
                        f"XML syntax: {expat.errors.messages[exc.code]}"
                        ) from None
    except ElementTree.ParseError as exc:
        line, col = exc.position
        raise LoadError(path, line, col + 1, CODE,
                        f"XML syntax: {exc}") from None
    if root.tag not in ("testsuites", "testsuite"):
        raise LoadError(path, 1, 1, CODE, "not JUnit XML: the root element "
                        f"is <{root.tag}>, not <testsuites> or <testsuite>")
    passed = PassedTests()
    for number, case in enumerate(root.iter("testcase")):
        line = lines[number] if number < len(lines) else 1
        name = (case.get("name") or "").strip()
        if not name:
            raise LoadError(path, line, 1, CODE,
                            "a testcase without a name")
        classname = (case.get("classname") or "").strip()
        if classname and not name.startswith(classname + "."):
            name = f"{classname}.{name}"
        bad = [c for c in case if c.tag in ("failure", "error", "skipped")]
        if not bad:
            passed.add(name)
            continue
        first = bad[0]
        passed.add(name, False, outcome=Outcome.SKIPPED
                   if first.tag == "skipped" else Outcome.FAILED,
                   detail=first.get("message") or first.text)
    return passed.results("junit")


