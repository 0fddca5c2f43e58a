"""Linear on any input (issue 23, item 6): each reader's work is counted
(never timed) at n and 10n, on long inputs built by repeating small
seeds (hypothesis cannot generate megabytes)."""
import io
import os
import re
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interop.errors import LoadError
from interop.refstack import streams
from interop.scoring import worksheet

try:  # Python 3.11+: the parser of regular expressions
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse


def _greedy_unbounded(pattern):
    """The greedy repeats without an upper bound in a compiled pattern
    (each one can make the engine try every split of a run)."""
    found = []

    def walk(items):
        for op, arg in items:
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                low, high, sub = arg
                if high == sre_constants.MAXREPEAT:
                    found.append((op, low))
                walk(sub)
            elif op in (sre_constants.SUBPATTERN,):
                walk(arg[-1])
            elif op == sre_constants.BRANCH:
                for sub in arg[1]:
                    walk(sub)
            elif op == getattr(sre_constants, "POSSESSIVE_REPEAT", None):
                walk(arg[2])
    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return found


@pytest.mark.parametrize("pattern", [worksheet._LINE,
                                     worksheet._LOOKS_LIKE,
                                     worksheet._UNDERLINE])
def test_worksheet_patterns_cannot_backtrack(pattern):
    # every unbounded repeat is possessive: matching is one pass
    assert _greedy_unbounded(pattern) == []


def test_a_worksheet_line_over_the_bound_is_refused_unmatched(
        tmp_path, monkeypatch):
    calls = []
    real = worksheet._LINE

    class Counting:
        def match(self, text):
            calls.append(len(text))
            return real.match(text)
    monkeypatch.setattr(worksheet, "_LINE", Counting())
    line = "a: [" + " " * (10 * 1024 * 1024) + "0,0,0]\n"
    path = tmp_path / "scoring.txt"
    path.write_text("compute-a: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] []\n"
                    + line)
    from interop.model import Scoring
    got = worksheet.read_worksheet(str(path), Scoring(), "powered")
    assert [f.line for f in got.errors] == [2]
    assert "over the limit" in got.errors[0].message
    assert calls == [len("compute-a: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] "
                         "[]")]


def test_a_score_line_still_reads():
    found = worksheet._LINE.match(
        "compute-a :  [ 1, 0 ,?] [1,1,1] [1,1,1][1,*,1] [1] [ 12 ] *")
    assert found and found["total"] == "12" and found["star"] == "*"


# ------------------------------------------------------------ subunit v1

def _v1(details_lines):
    body = "".join(f"  traceback line {i}\n" for i in range(details_lines))
    return (f"test: a.B.test_one\nfailure: a.B.test_one [\n{body}]\n"
            "test: a.B.test_two\nsuccess: a.B.test_two\n").encode()


@pytest.mark.parametrize("n", [1000])
def test_v1_details_do_not_reach_the_parser(n):
    handed = {}
    for size in (n, 10 * n):
        lines = streams._V1Lines(io.BytesIO(_v1(size)), "x")
        handed[size] = len(list(lines))
        assert lines.dropped == size
    # what the parser is given does not grow with the details
    assert handed[n] == handed[10 * n] == 5


def test_v1_long_details_read_with_the_right_outcome(tmp_path):
    path = tmp_path / "run.subunit"
    path.write_bytes(_v1(200_000))  # about 5 MB of details
    results = streams.read_subunit_v1(str(path))
    assert results.names == {"a.B.test_two"} and results.tests == 2


def test_v1_line_over_the_bound_is_located(tmp_path):
    path = tmp_path / "run.subunit"
    path.write_bytes(b"test: a\n" + b"x" * (streams.MAX_V1_LINE + 10)
                     + b"\nsuccess: a\n")
    with pytest.raises(LoadError) as caught:
        streams.read_subunit_v1(str(path))
    assert caught.value.finding.line == 2


# ------------------------------------------------------------ subunit v2

def _packet(test_id, status=1):
    """A v2 packet: test id and status (1 exists ... 3 success)."""
    ident = test_id.encode()
    flags = 0x2000 | 0x0800 | status   # version 2, test id present
    body = struct.pack(">H", flags)
    body += bytes([len(ident)]) + ident
    length = 2 + 1 + len(body) + 4
    head = b"\xb3" + body[:2] + bytes([length]) + body[2:]
    return head + struct.pack(">I", zlib.crc32(head) & 0xFFFFFFFF)


class _Counting(streams._Packets):
    """Counts the bytes the reader copies and decodes."""

    work = 0

    def _fill(self, size):
        done = super()._fill(size)
        _Counting.work += len(self.buffer)
        return done


@pytest.mark.parametrize("seed", ["é³", "\u4e2d\u6587\u00b3", "a b\n"])
def test_v2_text_between_packets_is_linear(seed):
    work = {}
    for n in (20_000, 200_000):
        text = (seed * n).encode()
        _Counting.work = 0
        reader = _Counting(io.BytesIO(text + _packet("a.B.test")))
        while reader.read(4096):
            pass
        work[n] = _Counting.work
    # ten times the text, about ten times the work (not a hundred)
    assert work[200_000] <= 12 * work[20_000]


def _reference_packets(data):
    """The packets a byte-at-a-time reader finds: a 0xb3 starts one when
    the UTF-8 decoder of the text before it is between characters."""
    import codecs
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    out, at = [], 0
    while at < len(data):
        if data[at] == 0xb3 and not decoder.getstate()[0]:
            length = max(streams._length(data[at:at + 7]), 1)
            out.append(data[at:at + length])
            at += length
            decoder.reset()
            continue
        decoder.decode(data[at:at + 1])
        at += 1
    return out


_TEXT = st.lists(st.one_of(
    st.text(alphabet="aé³\u4e73\u4eb3\U0001f0b3\n", max_size=8).map(
        str.encode),
    st.sampled_from([b"\xb3", b"\xc2", b"\xe4\xb9", b"\xed\xb3",
                     b"\xf4\xb3", b"\xe0\x80\xb3", b"\xff"])), max_size=12)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(_TEXT, st.sampled_from(["a.B.c", "x"])),
                      max_size=5))
def test_v2_packets_are_found_where_a_byte_reader_finds_them(parts):
    data = b"".join(b"".join(text) + _packet(name) for text, name in parts)
    reader = streams._Packets(io.BytesIO(data))
    reader.BLOCK = 7  # many block edges
    found = []
    while True:
        chunk = reader.read()
        if not chunk:
            break
        found.append(chunk)
    assert found == _reference_packets(data)


# --------------------------------------------- long inputs, every reader

#: how long a long input is: 10 MB in the fuzz job (HYPOTHESIS_PROFILE=
#: long), 256 KB in CI; built by repeating a small generated seed, since
#: hypothesis cannot generate that much
LONG = 10 * 1024 * 1024 if os.environ.get("HYPOTHESIS_PROFILE") == "long" \
    else 256 * 1024
_PROFILE = settings(max_examples=12 if LONG > 1 << 20 else 8,
                    deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def _worksheet(path):
    from interop.model import Scoring
    return worksheet.read_worksheet(path, Scoring(), "powered")


def _yaml(path):
    from interop.load.source import load_yaml_file
    return load_yaml_file(path)


def _json(path):
    from interop.load.jsonsource import load_json_file
    return load_json_file(path)


def _results(fmt):
    from interop.refstack import reading
    return lambda path: reading.load(path, fmt)


READERS = {"worksheet": _worksheet, "yaml": _yaml, "json": _json,
           "subunit": streams.read_subunit,
           "subunit-v1": streams.read_subunit_v1,
           "results": _results("auto")}
SEEDS = st.one_of(
    st.sampled_from([
        "compute-a: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [",
        "a: [" + " " * 40, "test: a.B.c\nfailure: a.B.c [\n", "  x\n",
        "é³", "\u4e73", "[" * 20, "{a: ", "- ", "\u202e", "\x85", "\"",
        "tempest.api.compute.Test.test_x[id-", "\xb3"]),
    st.text(max_size=12))


@_PROFILE
@given(seed=SEEDS, reader=st.sampled_from(sorted(READERS)))
def test_long_inputs_are_read_or_refused_located(tmp_path_factory, seed,
                                                 reader):
    data = (seed or "x").encode("utf-8", "surrogatepass")
    data = data * (LONG // len(data) + 1)
    folder = tmp_path_factory.mktemp("long")
    path = folder / "input"
    path.write_bytes(data[:LONG])
    try:
        READERS[reader](str(path))
    except LoadError as exc:
        f = exc.finding
        assert re.fullmatch(r"E\d{3}", f.code) and f.line >= 1, f
