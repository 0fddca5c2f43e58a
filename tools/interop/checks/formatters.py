"""The formats findings are printed in: small objects chosen by name.

Each follows flake8's life cycle (``start``, ``handle`` per finding,
``summary``, ``stop``), so a command feeds it findings as they come and
the format decides what to write, where, and when.  They live in the
checks stage, below the CLI, because the library and the tests print
findings with them too."""
from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar, TextIO

from interop.errors import Finding
from interop.text import terminal


class Formatter:
    """Writes findings to ``output`` (standard output by default).

    ``show_suppressed`` asks for silenced findings too, where the format
    leaves them out otherwise."""

    #: the name ``--format`` chooses it by
    name: ClassVar[str] = ""
    #: info findings are only counted, on the summary line, unless asked
    #: for: eleven candidates on a sheet should not bury one warning
    counts_info: ClassVar[bool] = False

    def __init__(self, show_suppressed: bool = False,
                 output: TextIO | None = None,
                 output_file: str | None = None) -> None:
        self.show_suppressed = show_suppressed
        self.output_file = output_file
        # a report for a file is gathered and written whole at the stop,
        # so that a reader never sees half of one (as flake8's
        # --output-file, but atomic)
        self.output = io.StringIO() if output_file else \
            sys.stdout if output is None else output

    def start(self) -> None:
        """Before the first finding."""

    def handle(self, finding: Finding) -> None:
        """One finding, in order."""
        line = self.format(finding)
        if line is not None:
            self.output.write(line + "\n")

    def format(self, finding: Finding) -> str | None:
        """A finding's line, or None to leave it out."""
        raise NotImplementedError

    def summary(self, files: int, findings: Sequence[Finding],
                hidden: Sequence[Finding]) -> None:
        """After the last finding: ``findings`` are all of them, silenced
        ones included, ``hidden`` the info findings only counted."""

    def stop(self) -> None:
        """The end of the output: write the file, if one was named."""
        if self.output_file and isinstance(self.output, io.StringIO):
            from interop.files import write_atomic
            # E162 (exit 2) when it cannot be written
            write_atomic(self.output_file, self.output.getvalue())

    @classmethod
    def render(cls, findings: Iterable[Finding],
               show_suppressed: bool) -> str:
        """The whole output for ``findings``, as text."""
        out = io.StringIO()
        formatter = cls(show_suppressed, out)
        formatter.start()
        for finding in findings:
            formatter.handle(finding)
        formatter.stop()
        return out.getvalue()


FORMATS: dict[str, type[Formatter]] = {}


def registered(cls: type[Formatter]) -> type[Formatter]:
    """Register a format under its ``name``."""
    FORMATS[cls.name] = cls
    return cls


@registered
class Text(Formatter):
    """``path:line:col: CODE severity: message``, one finding a line."""

    name = "text"
    counts_info = True

    def format(self, finding: Finding) -> str | None:
        f = finding
        if f.suppressed is not None and not self.show_suppressed:
            return None
        where = f.pointer if not f.line and f.doc_path else ""
        # the severity in words: an info line must not read as a warning
        line = (f"{f.path}:{f.line}:{f.col}: {f.code} {f.severity}: "
                f"{f.message}") + (f" [{where}]" if where else "")
        if f.suppressed is not None:
            line += f" (silenced: {f.suppressed})"
        return terminal(line)

    def summary(self, files: int, findings: Sequence[Finding],
                hidden: Sequence[Finding]) -> None:
        # on standard error, so that the findings can be piped alone
        live = [f for f in findings if f.suppressed is None]
        quiet = sum(1 for f in hidden if f.suppressed is None)
        summed = [f for f in live if f.omitted]
        more = f", {sum(f.omitted for f in summed):,} more summed up in " \
            f"{len(summed)}" if summed else ""
        print(f"{files} files checked: {len(live)} findings "
              f"({len(findings) - len(live)} silenced{more}"
              + (f", {quiet} info not shown: --show-info" if quiet else "")
              + ")", file=sys.stderr)


@registered
class Json(Formatter):
    """One JSON list of every finding, silenced ones included."""

    name = "json"

    def start(self) -> None:
        self.findings: list[Finding] = []

    def handle(self, finding: Finding) -> None:
        # the list is written whole at the end: JSON has no partial form
        self.findings.append(finding)

    def stop(self) -> None:
        self.output.write(json.dumps([f.as_dict() for f in self.findings],
                                     indent=2) + "\n")
        super().stop()


def _gh_data(text: object) -> str:
    """A workflow command's message, escaped as @actions/core escapes it
    (toolkit/packages/core/src/command.ts, escapeData); other control
    characters are shown as escapes, since the log is a terminal."""
    return terminal(str(text).replace("%", "%25").replace("\r", "%0D")
                    .replace("\n", "%0A"))


def _gh_property(text: object) -> str:
    """A workflow command's property value (escapeProperty): ``:`` and
    ``,`` would end the value."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


@registered
class GitHub(Formatter):
    """GitHub Actions workflow annotations; silenced findings never."""

    name = "github"
    _LEVEL: ClassVar[dict[str, str]] = {
        "error": "error", "warning": "warning", "info": "notice"}

    def format(self, finding: Finding) -> str | None:
        f = finding
        if f.suppressed is not None:
            return None
        props = {"file": f.path, "line": str(f.line or 1),
                 "col": str(f.col or 1), "title": f.code}
        joined = ",".join(f"{k}={_gh_property(v)}" for k, v in props.items())
        return f"::{self._LEVEL[f.severity]} {joined}::{_gh_data(f.message)}"


#: name -> a function of (findings, show_suppressed) giving the whole
#: output as text: what commands that print a finished list, and the
#: tests, call
FORMATTERS: dict[str, Callable[[list[Finding], bool], str]] = {
    name: cls.render for name, cls in FORMATS.items()}


def report(findings: list[Finding], format: str, files: int, *,
           show_suppressed: bool = False, show_info: bool = False,
           fail_on: str = "error", output_file: str | None = None) -> None:
    """Feed ``findings`` (of ``files`` files checked) to the format named
    ``format``, through its life cycle.  Info findings are only counted
    by a format that counts them, unless asked for or failed on."""
    kind = FORMATS[format]
    hide = not shows_info(format, show_info, fail_on)
    shown = [f for f in findings if f.severity != "info"] if hide \
        else findings
    hidden = [f for f in findings if f.severity == "info"] if hide else []
    formatter = kind(show_suppressed, output_file=output_file)
    formatter.start()
    for finding in shown:
        formatter.handle(finding)
    formatter.summary(files, findings, hidden)
    formatter.stop()


def shows_info(format: str, show_info: bool = False,
               fail_on: str = "error") -> bool:
    """Whether :func:`report` shows info findings (rather than only
    counting them): a caller that knows it will not need their places."""
    return not FORMATS[format].counts_info or show_info or \
        fail_on == "info"


#: severities in order: ``--fail-on`` names the lowest that fails
RANK = {"info": 0, "warning": 1, "error": 2}


def failing(findings: Iterable[Finding], fail_on: str = "error"
            ) -> list[Finding]:
    """The live findings of ``fail_on``'s severity or above."""
    return [f for f in findings if f.suppressed is None and
            RANK[f.severity] >= RANK[fail_on]]
