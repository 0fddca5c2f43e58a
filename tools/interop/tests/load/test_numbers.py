"""Numbers and sizes every reader bounds (issue 14): integers beyond what
a guideline can mean (E116), numbers too large to be finite (E114) and
documents of too many values (E117) are located errors, refused before
Python's own limits (4,300 digits) can raise."""
import json
import os

import pytest

from interop import cli
from interop.errors import LoadError
from interop.load import jsonsource, source
from interop.load.jsonsource import load_json
from interop.load.source import MAX_INT, load_yaml
from interop.refstack.reading import load as load_results
from interop.tests.conftest import corpus_files

HUGE = "9" * 5000
VAST = "1" + "0" * 100_000


def refused(read, text):
    with pytest.raises(LoadError) as caught:
        read(text)
    f = caught.value.finding
    return f.line, f.col, f.code


@pytest.mark.parametrize("number", [HUGE, VAST, "-" + HUGE,
                                    str(MAX_INT + 1), str(-MAX_INT - 1)])
def test_an_integer_beyond_the_bound_is_refused_where_it_stands(number):
    assert refused(load_yaml, f"a: 1\nb:\n  - {number}\n") == \
        (3, 5, "E116")
    assert refused(load_json, f'{{"a": "{number}",\n "b": [{number}]}}') \
        == (2, 8, "E116")


def test_a_long_integer_is_refused_without_converting_it():
    message = str(pytest.raises(LoadError, load_json, f"[{VAST}]").value)
    assert "(100001 characters)" in message and len(message) < 200


def test_integers_up_to_the_bound_are_read():
    assert load_yaml(f"a: {MAX_INT}\nb: -{MAX_INT}\nc: 0x10\n") == \
        {"a": MAX_INT, "b": -MAX_INT, "c": 16}
    assert load_json(f"[{MAX_INT}, -{MAX_INT}, 2.5]") == \
        [MAX_INT, -MAX_INT, 2.5]


def test_other_yaml_spellings_of_a_large_integer():
    assert refused(load_yaml, "a: 0x" + "f" * 40) == (1, 4, "E116")
    assert refused(load_yaml, "a: 0b" + "1" * 200) == (1, 4, "E116")
    assert refused(load_yaml, "a: 1" + "_000" * 30) == (1, 4, "E116")


def test_a_number_too_large_to_be_finite_is_refused():
    assert refused(load_json, '{"text": "1e400",\n "cutoff_score": 1e400}'
                   ) == (2, 18, "E114")
    assert refused(load_json, "[-1e999]") == (1, 2, "E114")
    assert refused(load_yaml, "a: 1.0e+400") == (1, 4, "E114")


@pytest.fixture
def few_values(monkeypatch):
    monkeypatch.setattr(source, "MAX_VALUES", 1000)
    monkeypatch.setattr(jsonsource, "MAX_VALUES", 1000)


def test_too_many_values_are_refused_at_the_list(few_values):
    items = ", ".join(["1"] * 2000)
    assert refused(load_yaml, f"a: 1\nb: [{items}]\n")[0::2] == (2, "E117")
    assert refused(load_json, f'{{"a": 1,\n "b": [{items}]}}') == \
        (2, 7, "E117")
    assert load_yaml("a: [" + ", ".join(["1"] * 900) + "]")


def test_the_bound_on_values_is_far_above_real_guidelines():
    # the largest published guideline holds under 6,000 values
    assert source.MAX_VALUES >= 100 * 6000


def _corpus_with(tmp_path, old, new, name="2019.06.json"):
    path = [p for p in corpus_files() if p.endswith("/" + name)][0]
    with open(path) as handle:
        text = handle.read()
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, 1))
    return str(target)


def test_cutoff_score_1e400_is_not_imported_as_infinity(corpus, tmp_path,
                                                        capsys):
    bad = _corpus_with(tmp_path, '"cutoff_score": 74', '"cutoff_score": 1e400')
    out = tmp_path / "repo"
    assert cli.main(["import", bad, "--out", str(out)]) == 2
    assert "E114" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("command", [
    ["check", "{bad}"], ["import", "{bad}", "--out", "{out}"],
    ["diff", "{bad}", "{bad}"], ["testlist", "{bad}"],
    ["comply", "{results}", "--guideline", "{bad}"]])
def test_every_command_refuses_a_huge_integer(corpus, tmp_path, capsys,
                                              command):
    bad = _corpus_with(tmp_path, '"cutoff_score": 74',
                       f'"cutoff_score": {HUGE}')
    results = tmp_path / "results.txt"
    results.write_text("tempest.api.compute.test_x.T.test_y\n")
    argv = [a.format(bad=bad, out=tmp_path / "repo", results=results)
            for a in command]
    # check reports what it cannot read as a finding (exit 1), the others
    # refuse to run (exit 2); either way located, never a traceback
    assert cli.main(argv) == (1 if command[0] == "check" else 2)
    out = "".join(capsys.readouterr())
    with open(bad) as handle:
        text = handle.read()
    at = text.index(HUGE)
    line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert f"{bad}:{line}:{col}: E116" in out, out


def test_results_json_refuses_a_huge_integer(tmp_path):
    path = tmp_path / "results.json"
    path.write_text('{"duration": ' + HUGE + ',\n "results": []}')
    with pytest.raises(LoadError) as caught:
        load_results(str(path))
    f = caught.value.finding
    assert (f.line, f.col, f.code) == (1, 14, "E150")
    assert "beyond" in f.message


def test_a_worksheet_total_beyond_the_bound_is_a_located_error(corpus,
                                                               tmp_path):
    from interop.load.published import read_published
    from interop.scoring.worksheet import read_worksheet
    g = read_published(os.path.join(corpus, "2019.06.json"))
    path = tmp_path / "w.txt"
    path.write_text("compute-a: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] "
                    f"[{HUGE}]\n")
    imported = read_worksheet(str(path), g.metadata.scoring, "powered")
    assert [(f.line, f.code) for f in imported.errors] == [(1, "E140")]
    assert json.dumps([f.as_dict() for f in imported.errors])
