"""The process conformance table: every normative rule of the Working
Group's process documents, and what upholds it here.

The table is data (``doc/source/process-rules.yaml``, in the project's own
words); ``.. interop-process-rules::`` renders it, and a test checks that
it and the rule catalogue agree.  A row names the codes that enforce the
rule, the record or command that supports it, or leaves it to the Working
Group's judgement, and never nothing.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from interop.errors import LoadError
from interop.load.source import loc_of, load_yaml_file

JUDGEMENT = "judgement of the Working Group"


@dataclasses.dataclass(frozen=True)
class ProcessRule:
    source: str               # document and section: "2017A A4.5"
    rule: str                 # the rule, one line, in our words
    codes: tuple[str, ...] = ()
    record: str = ""
    judgement: bool = False
    line: int = 0             # where the row starts in the data file

    @property
    def upheld_by(self) -> list[str]:
        """What upholds the rule, as shown in the table's last column."""
        out = [", ".join(self.codes)] if self.codes else []
        if self.record:
            out.append(self.record)
        if self.judgement:
            out.append(JUDGEMENT)
        return out


def load(path: str) -> list[ProcessRule]:
    """The table's rows; a row that is not a mapping with text where text
    belongs is a LoadError at its line."""
    tree = load_yaml_file(path)
    rows = tree.get("rules") if isinstance(tree, dict) else None
    if not isinstance(rows, list):
        raise LoadError(path, 1, 1, "E171", "the table needs a 'rules' list")
    out = []
    for index, row in enumerate(rows):
        line = loc_of(rows, index).line
        if not isinstance(row, dict) or not all(
                isinstance(value := row.get(k), str) and value.strip()
                for k in ("source", "rule")):
            raise LoadError(path, line, 1, "E171", "a rule needs a source "
                            "and its text")
        codes = row.get("codes") or []
        if not isinstance(codes, list) or not all(isinstance(c, str)
                                                  for c in codes):
            raise LoadError(path, line, 1, "E171", "codes must be a list "
                            "of rule codes")
        record = row.get("record") or ""
        out.append(ProcessRule(row["source"].strip(), row["rule"].strip(),
                               tuple(codes), str(record).strip(),
                               row.get("judgement") is True, line))
    return out


def problems(rows: list[ProcessRule], known: Iterable[str],
             catalogue: Iterable[str]) -> list[str]:
    """What keeps the table from agreeing with the code: a blank row, a
    code that does not exist, a catalogue rule the table never names."""
    known = set(known)
    out = []
    for row in rows:
        if not row.upheld_by:
            out.append(f"line {row.line}: '{row.source}' names no code, "
                       "record or judgement")
        for code in row.codes:
            if code not in known:
                out.append(f"line {row.line}: '{row.source}' names "
                           f"{code}, which does not exist")
    named = {c for row in rows for c in row.codes}
    for code in sorted(set(catalogue) - named):
        out.append(f"rule {code} upholds no rule of the process table")
    return out
