"""The catalogue itself: registry, documentation, and honest examples."""
import importlib
import pkgutil
import re

import pytest

import interop.checks
from interop.checks import FAMILIES, RULES
from interop.tests.checks.helpers import BASE, PREVIOUS, findings


def test_every_rule_module_is_registered_and_every_rule_belongs():
    modules = {m.name for m in pkgutil.iter_modules(interop.checks.__path__)}
    for name in modules - {"engine"}:
        importlib.import_module(f"interop.checks.{name}")
    declared = {f.rule_code for m in modules - {"engine"}
                for f in vars(importlib.import_module(
                    f"interop.checks.{m}")).values()
                if hasattr(f, "rule_code")}
    assert declared == set(RULES)
    assert {code[0] for code in RULES} <= set(FAMILIES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    assert re.fullmatch(r"[A-Z]\d{3}", code)
    assert rule.severity in ("error", "warning", "info")
    assert rule.summary and "Fails::" in rule.doc and "Passes::" in rule.doc


def _examples(doc):
    """(label, text) of each 'Fails::' / 'Passes::' example."""
    out = []
    for match in re.finditer(r"(Fails|Passes)::\n\n((?:    .*\n|\n)+)",
                             doc + "\n"):
        lines = [line[4:] for line in match.group(2).splitlines()]
        out.append((match.group(1), "\n".join(lines).strip("\n") + "\n"))
    return out


@pytest.mark.parametrize("code", sorted(RULES))
def test_documented_examples_pass_and_fail_as_labelled(code):
    import inspect
    examples = _examples(inspect.cleandoc(RULES[code].doc))
    assert {label for label, _ in examples} == {"Fails", "Passes"}
    for label, text in examples:
        path = re.match(r"# file: (\S+)", text)
        path = path[1] if path else "guidelines/next.yaml"
        over = BASE
        if text.startswith("# over: PREVIOUS"):
            over, path = PREVIOUS, "guidelines/2026.06.yaml"
        if re.search(r"^# over: NOTHING$", text, re.M):
            over = "{}\n"
        fired = [f for f in findings(text, [code], path=path, over=over)
                 if f.code == code]
        assert bool(fired) == (label == "Fails"), (label, text, fired)


def test_the_base_guideline_is_clean():
    assert findings(BASE) == []


def test_the_levels_a_rule_declares_are_the_severities():
    """``engine.Level``, which the type checker holds each ``@rule`` to,
    names every Severity and nothing else."""
    import typing

    from interop.checks.engine import Level
    from interop.errors import SEVERITIES
    assert typing.get_args(Level) == SEVERITIES
