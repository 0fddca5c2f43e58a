"""``checks.catalogue.listing``: what ``interop rules`` prints."""
import json
from types import SimpleNamespace

from interop.checks.catalogue import listing


def _rule(code, severity, name, doc):
    return SimpleNamespace(code=code, severity=severity, name=name, doc=doc,
                           summary=doc.split("\n\n")[0])


RULES = {"Z002": _rule("Z002", "warning", "later", "Second.\n\nMore."),
         "Z001": _rule("Z001", "error", "first", "First.")}


def test_text_is_one_line_a_rule_by_code():
    assert listing(RULES).splitlines() == [
        "Z001  error    first                     First.",
        "Z002  warning  later                     Second."]


def test_json_keeps_the_order_and_the_whole_docstring():
    rows = json.loads(listing(RULES, "json"))
    assert [r["code"] for r in rows] == ["Z002", "Z001"]
    assert rows[0]["doc"] == "Second.\n\nMore."
