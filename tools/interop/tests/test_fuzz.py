"""Fuzzing: broken and hostile input through the whole pipeline.

Whatever a guideline source or a published file holds, the tools either
refuse it with a :class:`~interop.errors.LoadError` (located and coded) or
give a result whose findings are located and coded.  Any other exception
is a bug.  The inputs are mutations of real guidelines (the repository's
sources, the rule tests' ``BASE``, the reference corpus) and documents
hypothesis builds.

Profiles: ``ci`` (the default, bounded for the test suite) and ``long``
(many more examples; ``HYPOTHESIS_PROFILE=long``, as ``tox -e bench``
runs it).
"""
import contextlib
import copy
import difflib
import json
import os
import re
import shutil
import tempfile

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from interop.checks import check_files
from interop.errors import SEVERITIES, LoadError, UsageError
from interop.load.published import read_published
from interop.publish.compiler import compile_guideline, dumps
from interop.publish.outputs import compile_text
from interop.repository import Repository
from interop.tests.checks.helpers import BASE, OLDER, PREVIOUS
from interop.tests.conftest import CORPUS, ROOT, corpus_files
from interop.workflow.importing import import_files

try:  # the Board pages need docutils (the docs extra)
    from interop.docs import board
except ImportError:  # pragma: no cover - depends on the environment
    board = None

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large,
          HealthCheck.filter_too_much,
          HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=200, deadline=None,
                          suppress_health_check=_QUIET)
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=_QUIET)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LOAD_CODE = re.compile(r"^E\d{3}$")
RULE_CODE = re.compile(r"^[A-Z]\d{3}$")


def _located(finding, load=False):
    """A finding names its file, its code and its place: a line, or in a
    published file whose places are not known (1.x, read in its 2.0 form)
    a JSON pointer, the empty pointer standing for the whole document."""
    assert finding.path, finding
    assert (LOAD_CODE if load else RULE_CODE).match(finding.code), finding
    assert finding.severity in SEVERITIES, finding
    pointer_only = not load and finding.path.endswith(".json")
    assert finding.line >= 1 or (pointer_only and finding.line == 0), \
        finding
    assert finding.col >= 0, finding
    assert isinstance(finding.message, str) and finding.message, finding


def _strict_json(text):
    """Published text is JSON as RFC 8259 has it: no NaN or Infinity."""
    def refuse(name):
        raise AssertionError(f"published output holds {name}, not JSON")
    return json.loads(text, parse_constant=refuse)


# ------------------------------------------------------------ a repository

def _read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as handle:
        return handle.read()


def _head(text, lines):
    return "".join(text.splitlines(keepends=True)[:lines])


#: name -> (where the file goes, its text): the seeds of the mutations
SEEDS = {
    "BASE": ("guidelines/next.yaml", BASE),
    "PREVIOUS": ("guidelines/2026.06.yaml", PREVIOUS),
    "guidelines/next.yaml (first 260 lines)": (
        "guidelines/next.yaml", _head(_read("guidelines/next.yaml"), 260)),
}
for _rel in ("add-ons/dns/next.yaml", "add-ons/key-manager/next.yaml",
             "add-ons/orchestration/next.yaml", "verticals/nfv/next.yaml"):
    SEEDS[_rel] = (_rel, _read(_rel))


@contextlib.contextmanager
def _repository(rel, data):
    """A scratch repository: the project's criteria and scoring sheets,
    BASE with the two approved guidelines before it, and ``data`` (bytes)
    at ``rel``."""
    root = tempfile.mkdtemp(prefix="interop-fuzz-")
    try:
        shutil.copytree(os.path.join(ROOT, "criteria"),
                        os.path.join(root, "criteria"))
        files = {"guidelines/next.yaml": BASE.encode(),
                 "guidelines/2026.06.yaml": PREVIOUS.encode(),
                 "guidelines/2025.12.yaml": OLDER.encode(), rel: data}
        for name, body in files.items():
            path = os.path.join(root, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(body)
        yield root
    finally:
        shutil.rmtree(root)


def _pipeline(root, rel):
    """What the CLI and the docs run on a source: compile (load, compile,
    the published text), check, and the Board page."""
    path = os.path.join(root, rel)
    loaded = True
    try:
        _strict_json(compile_text(path, Repository(root)))
    except LoadError as exc:
        _located(exc.finding, load=True)
        loaded = exc.finding.code == "E130"  # read, but names no set
    repo = Repository(root)
    for finding in check_files([path], repo):
        _located(finding)
    if loaded and board is not None:
        try:
            board.guideline_page(Repository(root), rel)
        except LoadError as exc:
            _located(exc.finding, load=True)


# ------------------------------------------------------- text mutations

#: what reorders or hides text (Trojan Source)
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
#: every character Unicode (and Python's splitlines) breaks a line at
LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d",
               "\x1e", "\x85", "\u2028", "\u2029"]
HOSTILE_URLS = ['https://example.org/a"b', 'https://example.org/"><img '
                'src="/etc/hostname"/>', "https://example.org/<b>",
                "javascript:alert(1)"]
#: the alphabets of issue 23, for generated text
UNSAFE_TEXT = st.text(alphabet=st.sampled_from(
    BIDI + ZERO_WIDTH + [b for b in LINE_BREAKS if len(b) == 1]
    + list("aé<>\"' ")), max_size=12)

#: fragments that stress a YAML reader
NASTY = [
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system",
    "!custom x", "!!binary aGk=", "!!set {a, b}", "!!omap [a: 1]",
    "!!float x", "!!int 0x", "!!timestamp 2019-13-45", "!!str", "!!map {}",
    "&a", "&a [1, 2]", "*a", "*nope", "&a [1, *a]", "<<: *a", "<<: {b: 1}",
    "? [a, b]\n  : c", "? a\n: b", "1e999999", "1.0e999999", ".inf",
    "-.inf", ".nan", "9" * 400, "0x" + "f" * 200, "0o777", "0b101", "1_000",
    "null", "~", "true", "no", "2019-02-30", "2019-06-01T00:00:00Z",
    "[", "]", "{", "}", "'", '"', "|", ">-", "- ", ": ", " #", "---", "...",
    "%YAML 1.1\n---", "%TAG ! tag:x,2000:", "\ufeff", "\u2028", "\x85",
    # issue 23: bidi and zero-width characters, every line break, URLs
    # holding quotes and angle brackets, tags on text they cannot hold
    *BIDI, *ZERO_WIDTH, *LINE_BREAKS, *HOSTILE_URLS,
    "!!bool maybe", '!!int ""', '!!int "-"', '!!float ""', '!!int "_"',
    "\x00", "\x07", "\r\n", "\r", "\t", "{a: 1, a: 2}", "[" * 100,
    "[" * 70 + "]" * 70, "{a: " * 70 + "}" * 70, "- " * 80 + "x",
    "'unterminated", '"\\x"', '"\\ud800"', "@", "`", "a: b: c",
    "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\na1: &a1 [*a0, *a0, *a0, *a0, "
    "*a0, *a0, *a0, *a0, *a0, *a0]\na2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, "
    "*a1, *a1, *a1, *a1]\na3: [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, "
    "*a2, *a2]",
]
BAD_BYTES = [b"\xff", b"\xfe\xff", b"\xc3", b"\xe9", b"\xed\xa0\x80",
             b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80", b"\xef\xbb"]

_pos = st.integers(0, 1 << 20)
_fragment = st.one_of(st.sampled_from(NASTY), st.text(max_size=6),
                      # integers up to 10^5 digits, past Python's 4,300
                      st.builds(lambda n, sign: sign + "9" * n,
                                st.integers(15, 100_000),
                                st.sampled_from(["", "-"])),
                      st.builds(lambda n: "[" * n + "]" * n,
                                st.integers(60, 5000)),
                      st.builds(lambda n: "[" * n, st.integers(1, 3000)))
_raw = st.one_of(_fragment.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.sampled_from(BAD_BYTES), st.binary(max_size=4))

MUTATIONS = st.one_of(
    st.tuples(st.just("delete"), _pos, st.integers(1, 40)),
    st.tuples(st.just("insert"), _pos, _raw),
    st.tuples(st.just("replace"), _pos, _raw),
    st.tuples(st.just("delete line"), _pos),
    st.tuples(st.just("insert line"), _pos, _raw),
    st.tuples(st.just("replace line"), _pos, _raw),
    st.tuples(st.just("duplicate line"), _pos),
    st.tuples(st.just("swap lines"), _pos, _pos),
    st.tuples(st.just("indent"), _pos, st.integers(-6, 6)),
    st.tuples(st.just("tab"), _pos),
    st.tuples(st.just("value"), _pos, _raw),
    st.tuples(st.just("truncate"), _pos),
    st.tuples(st.just("crlf")),
)


def _show(before, after):
    """Note the mutated lines, so that a failure shows its input."""
    diff = difflib.unified_diff(
        before.decode("utf-8", "backslashreplace").splitlines(),
        after.decode("utf-8", "backslashreplace").splitlines(),
        "seed", "mutated", n=1, lineterm="")
    lines = [line if len(line) < 300 else line[:300] + "..."
             for line in diff]
    note("\n".join(lines[:60] + (["..."] if len(lines) > 60 else [])))


def mutate(data, mutation):
    """Apply one mutation to bytes."""
    op, *args = mutation
    lines = data.split(b"\n")
    line = args[0] % len(lines) if args else 0
    if op == "delete":
        at = args[0] % (len(data) + 1)
        return data[:at] + data[at + args[1]:]
    if op in ("insert", "replace"):
        at = args[0] % (len(data) + 1)
        end = at + len(args[1]) if op == "replace" else at
        return data[:at] + args[1] + data[end:]
    if op == "delete line":
        del lines[line]
    elif op == "insert line":
        lines.insert(line, args[1])
    elif op == "replace line":
        lines[line] = args[1]
    elif op == "duplicate line":
        lines.insert(line, lines[line])
    elif op == "swap lines":
        other = args[1] % len(lines)
        lines[line], lines[other] = lines[other], lines[line]
    elif op == "indent":
        text = lines[line]
        lines[line] = b" " * args[1] + text if args[1] > 0 else \
            text[min(-args[1], len(text) - len(text.lstrip(b" "))):]
    elif op == "tab":
        text = lines[line]
        indent = len(text) - len(text.lstrip(b" "))
        lines[line] = text[:indent] + b"\t" + text[indent:]
    elif op == "value":  # the value of a ``key: value`` line
        at = lines[line].find(b": ")
        lines[line] = (lines[line][:at + 2] if at >= 0
                       else lines[line] + b": ") + args[1]
    elif op == "truncate":
        return data[:args[0] % (len(data) + 1)]
    elif op == "crlf":
        return data.replace(b"\n", b"\r\n")
    return b"\n".join(lines)


@PROFILE
@given(seed=st.sampled_from(sorted(SEEDS)),
       mutations=st.lists(MUTATIONS, min_size=1, max_size=4))
def test_mutated_sources_are_refused_or_checked(seed, mutations):
    rel, text = SEEDS[seed]
    data = text.encode("utf-8")
    for mutation in mutations:
        data = mutate(data, mutation)
    _show(text.encode("utf-8"), data)
    with _repository(rel, data) as root:
        _pipeline(root, rel)


# ------------------------------------------------------- tree mutations

#: keys the formats know, so that mutations reach the code behind them
KEYS = sorted({
    "metadata", "id", "schema", "reference", "source", "scoring",
    "cutoff_score", "criteria", "name", "description", "weight",
    "os_trademark_approval", "target_approval", "replaces", "releases",
    "status", "platforms", "add-ons", "components", "capabilities",
    "required_platform_components", "optional_platform_components",
    "designated_sections", "required", "advisory", "deprecated", "removed",
    "informational", "achievements", "admin", "project", "required_since",
    "tests", "idempotent_id", "aliases", "flagged", "reason", "action",
    "date", "guidance", "comment", "sections", "designated",
    "test_repositories", "repository", "program", "kind", "builds_on",
    "proposed_by", "derive", "imported", "platform", "required-since",
    "designated-sections", "test-repositories", "git-sha", "url",
    "Description", "guidelines", "file", "dropped"})

_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.integers(-(10 ** 400), 10 ** 400), st.text(max_size=12),
    # written out as digits by _write_json: json.dumps cannot (4,300)
    st.integers(4000, 100_000).map(lambda n: f"@@digits{n}@@"),
    st.sampled_from(["", "next", "2019.06", "2026.06", "dns.2019.06",
                     "1.2", "1.5", "2.0", "draft", "approved", "required",
                     "add-on", "vertical", "powered", "core", "add-on",
                     "D401 a bug", "[D400] x", "2019-06-01", "2019-13-45",
                     "id-9a438d88-10c6-4bcd-8b5b-5b6e25e1346f",
                     "9a438d88-10c6-4bcd-8b5b-5b6e25e1346f",
                     "os_powered_compute", "compute-servers-create",
                     "../../etc", "a/b", "nova", "tempest"]))
_key = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))
VALUES = st.recursive(
    _scalar, lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(_key, inner, max_size=4)),
    max_leaves=12)


def _paths(tree, prefix=()):
    """Every path into a tree of dicts and lists."""
    yield prefix
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _paths(value, prefix + (index,))


TREE_MUTATIONS = st.one_of(
    st.tuples(st.just("set"), _pos, VALUES),
    st.tuples(st.just("delete"), _pos),
    st.tuples(st.just("rename"), _pos, _key),
    st.tuples(st.just("add"), _pos, _key, VALUES),
    st.tuples(st.just("copy"), _pos, _pos),
)


def mutate_tree(tree, mutation):
    """Apply one mutation to a tree of plain values; returns the tree."""
    op, *args = mutation
    paths = list(_paths(tree))
    path = paths[args[0] % len(paths)]
    if not path and op in ("set", "delete", "rename"):
        return args[1] if op == "set" else tree
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    if op == "set":
        parent[path[-1]] = args[1]
    elif op == "delete":
        del parent[path[-1]]
    elif op == "rename" and isinstance(parent, dict) and \
            args[1] not in parent:
        parent[args[1]] = parent.pop(path[-1])
    elif op == "add":
        node = tree
        for step in path:
            node = node[step]
        if isinstance(node, dict):
            node[args[1]] = args[2]
        elif isinstance(node, list):
            node.append(args[2])
    elif op == "copy":  # a value from elsewhere in the document
        source = paths[args[1] % len(paths)]
        node = tree
        for step in source:
            node = node[step]
        if path and not _within(path, source):
            parent[path[-1]] = copy.deepcopy(node)
    return tree


def _digits(text):
    """A dumped document with each ``@@digitsN@@`` text an integer of N
    digits (json and yaml cannot write one over 4,300 digits)."""
    return re.sub(r"""["']@@digits(\d+)@@["']""",
                  lambda m: "7" * int(m[1]), text)


def _within(path, other):
    return path[:len(other)] == other or other[:len(path)] == path


def _plain(text):
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


@PROFILE
@given(seed=st.sampled_from(sorted(SEEDS)),
       mutations=st.lists(TREE_MUTATIONS, min_size=1, max_size=3))
def test_sources_of_any_shape_are_checked(seed, mutations):
    """Well-formed YAML with keys and values of any kind in any place."""
    rel, text = SEEDS[seed]
    tree = _plain(text)
    for mutation in mutations:
        tree = mutate_tree(tree, mutation)
    data = _digits(yaml.safe_dump(tree, sort_keys=False, allow_unicode=True))
    _show(yaml.safe_dump(_plain(text), sort_keys=False,
                         allow_unicode=True).encode(), data.encode())
    with _repository(rel, data.encode("utf-8")) as root:
        _pipeline(root, rel)


# ---------------------------------------------------- published JSON

def _import_pipeline(path):
    """What ``interop check FILE.json`` and ``interop import`` run on a
    published file, and compiling the source the import wrote."""
    folder = os.path.dirname(path)
    try:
        g = read_published(path)
    except LoadError as exc:
        _located(exc.finding, load=True)
    else:  # a published guideline names no criteria set: it compiles
        _strict_json(dumps(compile_guideline(g)))
    for finding in check_files([path], Repository(folder)):
        _located(finding)
    out = os.path.join(folder, "imported")
    try:
        written = import_files([path], out)
    except LoadError as exc:
        _located(exc.finding, load=True)
        return
    except UsageError as exc:  # a program name that cannot name a folder
        assert "cannot name a folder" in str(exc)
        return
    repo = Repository(out)
    for source, _ in written:  # the source the import wrote compiles,
        try:  # or names what the repository lacks (E130), located
            _strict_json(compile_text(source, repo))
        except LoadError as exc:
            _located(exc.finding, load=True)
            assert exc.finding.code == "E130", exc.finding


def _write_json(doc, name="2019.06.json"):
    folder = tempfile.mkdtemp(prefix="interop-fuzz-")
    path = os.path.join(folder, name)
    text = _digits(json.dumps(doc))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return folder, path


_V1_KEYS = ["id", "schema", "reference", "source", "status", "replaces",
            "releases", "platform", "components", "capabilities",
            "designated-sections", "criteria", "cutoff_score",
            "target_approval", "test-repositories"]
_V2_KEYS = ["platforms", "add-ons", "components", "capabilities",
            "designated_sections", "test_repositories"]
_V2_META = ["id", "reference", "source", "scoring",
            "os_trademark_approval"]

DOCUMENTS = st.one_of(
    VALUES,
    st.fixed_dictionaries(
        {"schema": st.sampled_from(["1.2", "1.3", "1.4", "1.5", "1.6",
                                    "1.", "1.x"])},
        optional={k: VALUES for k in _V1_KEYS if k != "schema"}),
    st.fixed_dictionaries(
        {"metadata": st.fixed_dictionaries(
            {"schema": st.just("2.0")},
            optional={k: VALUES for k in _V2_META})},
        optional={k: VALUES for k in _V2_KEYS}),
)


@PROFILE
@given(doc=DOCUMENTS, name=st.sampled_from(
    ["2019.06.json", "next.json", "dns.2019.06.json", "nfv.next.json",
     "x.json"]))
def test_any_json_document_is_refused_or_checked(doc, name):
    folder, path = _write_json(doc, name)
    note(json.dumps(doc))
    try:
        _import_pipeline(path)
    finally:
        shutil.rmtree(folder)


CORPUS_FILES = corpus_files()


def _corpus_doc(path, keep):
    """A corpus file with only its first ``keep`` capabilities (and
    their first three tests), so that an example stays quick."""
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    caps = doc.get("capabilities")
    if isinstance(caps, dict):
        small = {}
        for name in list(caps)[:keep]:
            cap = caps[name]
            tests = cap.get("tests") if isinstance(cap, dict) else None
            if isinstance(tests, dict):
                cap = dict(cap, tests=dict(list(tests.items())[:3]))
            elif isinstance(tests, list):
                cap = dict(cap, tests=tests[:3])
            small[name] = cap
        doc["capabilities"] = small
    return doc


@PROFILE
@given(index=st.integers(0, 1000), keep=st.integers(1, 6),
       mutations=st.lists(TREE_MUTATIONS, max_size=3),
       text_mutations=st.lists(MUTATIONS, max_size=2))
def test_mutated_corpus_files_are_refused_or_checked(
        corpus, index, keep, mutations, text_mutations):
    path = CORPUS_FILES[index % len(CORPUS_FILES)]
    tree = _corpus_doc(path, keep)
    for mutation in mutations:
        tree = mutate_tree(tree, mutation)
    data = json.dumps(tree, indent=2).encode("utf-8")
    for mutation in text_mutations:
        data = mutate(data, mutation)
    note(f"corpus file {os.path.relpath(path, CORPUS)}")
    _show(json.dumps(_corpus_doc(path, keep), indent=2).encode(), data)
    folder = tempfile.mkdtemp(prefix="interop-fuzz-")
    try:
        target = os.path.join(folder, os.path.basename(path))
        with open(target, "wb") as handle:
            handle.write(data)
        _import_pipeline(target)
    finally:
        shutil.rmtree(folder)


def test_the_profiles_are_registered():
    assert settings.get_profile("ci").max_examples <= 300
    assert settings.get_profile("long").max_examples >= 10 * \
        settings.get_profile("ci").max_examples


@pytest.mark.parametrize("mutation", [
    ("insert", 0, b"\xff"), ("tab", 3), ("value", 1, b"!!python/name:os"),
    ("value", 1, b"[" * 3000 + b"]" * 3000), ("value", 1, b"*nope"),
])
def test_known_refusals_stay_located(mutation):
    """A few mutations whose refusal is known, so that the fuzzing helpers
    themselves are seen to reach the reader."""
    data = mutate(BASE.encode(), mutation)
    with _repository("guidelines/next.yaml", data) as root:
        path = os.path.join(root, "guidelines", "next.yaml")
        with pytest.raises(LoadError) as info:
            compile_text(path, Repository(root))
        _located(info.value.finding, load=True)
        assert info.value.finding.code in ("E102", "E104", "E105", "E107",
                                           "E109")


# ---------------------------------------------------- long integers

_WORKSHEET = ("compute-a: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [{}]\n")
_RESULTS = '{{"duration": {}, "results": ["a.B.test_one", {{"name": "x", ' \
    '"uuid": null}}]}}'


@PROFILE
@given(digits=st.integers(1, 100_000), sign=st.sampled_from(["", "-"]),
       reader=st.sampled_from(["yaml", "json", "results", "worksheet"]))
def test_integers_of_any_length_in_every_reader(digits, sign, reader):
    """Up to 10^5 digits, past Python's 4,300-digit conversion limit:
    read, or refused with a located error, never a ValueError."""
    from interop.load.jsonsource import load_json
    from interop.load.source import MAX_INT, load_yaml
    from interop.refstack.reading import load as load_results
    from interop.scoring.worksheet import read_worksheet
    number = sign + "8" * digits
    fits = abs(int(number)) <= MAX_INT if digits < 30 else False
    folder = tempfile.mkdtemp(prefix="interop-fuzz-")
    try:
        if reader in ("yaml", "json"):
            read = load_yaml if reader == "yaml" else load_json
            text = f"{{\"a\": [1, {number}]}}"
            try:
                assert read(text)["a"][1] == int(number) and fits
            except LoadError as exc:
                _located(exc.finding, load=True)
                assert exc.finding.code == "E116" and not fits
        elif reader == "results":
            path = os.path.join(folder, "results.json")
            with open(path, "w") as handle:
                handle.write(_RESULTS.format(number))
            try:
                assert load_results(path).names and fits
            except LoadError as exc:
                _located(exc.finding, load=True)
                assert not fits and "beyond" in exc.finding.message
        else:
            path = os.path.join(folder, "w.txt")
            with open(path, "w") as handle:
                handle.write(_WORKSHEET.format(number.lstrip("-")))
            core = Repository(ROOT).criteria_set("core")
            imported = read_worksheet(path, core, "powered")
            for finding in imported.findings:
                _located(finding)
            assert bool(imported.errors) == (not fits)
    finally:
        shutil.rmtree(folder)


# ------------------------------------------- import keeps its promise

_SEED_JSON = os.path.join(ROOT, "guidelines", "next.json")


def _text_fields(doc, path=()):
    """Paths of the text values an editor writes (descriptions, notes)."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key in ("description", "guidance", "note", "reason",
                       "comment") and isinstance(value, str):
                yield path + (key,)
            else:
                yield from _text_fields(value, path + (key,))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from _text_fields(value, path + (index,))


@settings(PROFILE, max_examples=PROFILE.max_examples // 5)  # an import each
@given(text=UNSAFE_TEXT, brk=st.sampled_from(LINE_BREAKS),
       where=st.integers(0, 1000))
def test_imported_text_compiles_to_what_was_published(text, brk, where):
    """Issue 23, item 10: any line break (U+0085 NEL, U+2028, ...) in any
    text field reads back as it was written: the imported source compiles
    to the published file, byte for byte."""
    with open(_SEED_JSON, encoding="utf-8") as handle:
        doc = json.load(handle)
    fields = list(_text_fields(doc))
    assert fields
    value = text[:len(text) // 2] + brk + text[len(text) // 2:] + "."
    for path in [fields[where % len(fields)], fields[0]]:
        node = doc
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    folder = tempfile.mkdtemp(prefix="interop-fuzz-")
    try:
        published = os.path.join(folder, "next.json")
        with open(published, "w", encoding="utf-8") as handle:
            handle.write(dumps(doc))
        out = os.path.join(folder, "imported")
        (source, _), = import_files([published], out)
        compiled = compile_text(source, Repository(out))
        assert compiled == dumps(doc), note(repr(value))
    finally:
        shutil.rmtree(folder)
