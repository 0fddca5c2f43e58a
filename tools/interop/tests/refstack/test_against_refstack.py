"""``interop testlist`` held to RefStack's own code.

RefStack 2.1.0 (the ``refstack`` extra) is imported and its
``refstack.api.guidelines.Guidelines`` asked, as its API controller asks
it, for the test list of every published guideline of this repository and
of the corpus, for every target RefStack accepts, every set of types
(none included: RefStack's default), with and without aliases and flagged
tests.  ``interop testlist`` must give exactly RefStack's list, in
RefStack's order, and refuse exactly where RefStack answers "Invalid
target".
"""
import glob
import http.server
import itertools
import json
import os
import threading
import urllib.parse

import pytest

from interop import cli
from interop.errors import UsageError
from interop.refstack import testlist
from interop.refstack.testlist import TYPES
from interop.tests.conftest import CORPUS, ROOT

guidelines = pytest.importorskip(
    "refstack.api.guidelines",
    reason="RefStack 2.1.0 is not installed (pip install -e .[refstack])")

#: every target RefStack's code knows, and one it does not
TARGETS = ("platform", "compute", "object", "dns", "orchestration",
           "shared_file_system", "load_balancer", "key_manager", "nosuch")
TYPE_SETS = (None, ("required",), ("advisory",), ("deprecated",),
             ("removed",), ("required", "advisory"), TYPES)
INVALID = "Invalid target"
CORPORA = (CORPUS, os.path.join(os.path.dirname(CORPUS),
                                "openstack-interop-2020.06"))


def published(root: str) -> list[str]:
    found = []
    for pattern in ("*.json", "add-ons/*.json", "verticals/*.json",
                    "guidelines/*.json", "add-ons/guidelines/*.json",
                    "verticals/guidelines/*.json"):
        found += glob.glob(os.path.join(root, pattern))
    return sorted(p for p in found if "schema" not in os.path.basename(p))


REPOSITORY = published(ROOT)
CORPUS_FILES = [p for c in CORPORA for p in published(c)]


@pytest.fixture(scope="module")
def refstack():
    import refstack.api.app  # noqa: F401  registers RefStack's options
    from oslo_config import cfg
    try:
        cfg.CONF([], project="refstack")
    except cfg.Error:
        pass  # parsed by an earlier test module
    return guidelines.Guidelines()


def refstack_list(g, doc, target, types, alias, flag):
    """What RefStack's ``/v1/guidelines/<v>/tests`` controller answers."""
    try:
        caps = g.get_target_capabilities(doc, types, target)
        return g.get_test_list(doc, caps, alias, flag)
    except KeyError:
        return INVALID


def ours(doc, target, types, alias, flag):
    try:
        return testlist.test_list(doc, target, types, alias, flag)
    except UsageError:
        return INVALID


def _with_empty_flag_lists(doc):
    """A 1.2 document whose capabilities all carry a ``flagged`` list."""
    copy = json.loads(json.dumps(doc))
    for cap in copy["capabilities"].values():
        cap.setdefault("flagged", [])
    return copy


def compare(g, path):
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    compared = 0
    for target, types, alias, flag in itertools.product(
            TARGETS, TYPE_SETS, (True, False), (True, False)):
        theirs = refstack_list(g, doc, target, types, alias, flag)
        mine = ours(doc, target, types, alias, flag)
        if theirs == INVALID and mine != INVALID and not flag and \
                doc.get("schema") == "1.2":
            # RefStack's code reads cap['flagged'] for a 1.2 capability
            # that has none and answers "Invalid target"; the capability
            # simply has no flagged test (documented in refstack.rst)
            theirs = refstack_list(g, _with_empty_flag_lists(doc), target,
                                   types, alias, flag)
        assert mine == theirs, (os.path.basename(path), target, types,
                                alias, flag)
        compared += theirs != INVALID
    return compared


@pytest.mark.parametrize("path", REPOSITORY, ids=os.path.basename)
def test_the_repository_lists_as_refstack_does(refstack, path):
    answered = compare(refstack, path)
    # RefStack has no target for a vertical: every one is refused there,
    # and so here (its own target, nfv, is ours alone: see refstack.rst)
    vertical = os.sep + "verticals" + os.sep in path
    assert (answered == 0) == vertical


@pytest.mark.parametrize("path", CORPUS_FILES,
                         ids=lambda p: os.path.relpath(
                             p, os.path.dirname(CORPUS)))
def test_the_corpus_lists_as_refstack_does(refstack, corpus, path):
    compare(refstack, path)


def test_the_corpus_is_all_there(corpus):
    # both folders: 2015.03 to 2019.06 with add-ons and NFV, then 2019.11
    # and 2020.06 with their add-ons
    by_folder = {c: [p for p in CORPUS_FILES if p.startswith(c + os.sep)]
                 for c in CORPORA}
    assert all(len(found) >= 6 for found in by_folder.values())


def _cli_list(capsys, path, *args):
    assert cli.main(["testlist", path, *args]) == 0
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("path", REPOSITORY, ids=os.path.basename)
def test_cli_defaults_are_refstacks(refstack, capsys, path):
    """No --type is every status, as RefStack's default; the default
    target is platform, which an add-on or a vertical does not offer."""
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    for target in TARGETS:
        theirs = refstack_list(refstack, doc, target, None, True, True)
        if theirs == INVALID:
            continue
        assert _cli_list(capsys, path, "--target", target) == theirs
        assert _cli_list(capsys, path, "--target", target,
                         "--type", "") == theirs
    if refstack_list(refstack, doc, "platform", None, True,
                     True) == INVALID:
        assert cli.main(["testlist", path]) == 2
        assert "offers" in capsys.readouterr().err


def test_an_add_on_judged_against_platform_is_refused(tmp_path, capsys):
    """RefStack answers "Invalid target"; a PASS 0/0 would be a false
    pass."""
    [dns] = [p for p in REPOSITORY if os.path.basename(p).startswith("dns.")]
    results = tmp_path / "passed.txt"
    results.write_text("tempest.api.identity.v3.test_tokens.Test.test_x\n")
    assert cli.main(["comply", str(results), "--guideline", dns,
                     "--target", "platform"]) == 2
    assert "unknown target 'platform': this guideline offers dns" in \
        capsys.readouterr().err


# -- a RefStack server reading this repository ------------------------------

class _Forge(http.server.SimpleHTTPRequestHandler):
    """The two kinds of URL RefStack reads from a git forge, for this
    repository's tree: ``/api/contents/<folder>`` (a JSON listing of a
    folder, as Gitea's and GitHub's contents APIs give it) and
    ``/raw/<path>`` (a file)."""

    root = ROOT

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path.startswith("/api/contents/"):
            folder = path[len("/api/contents/"):].strip("/")
            full = os.path.join(self.root, folder)
            if not os.path.isdir(full):
                return self.send_error(404)
            listing = [{"name": n, "path": f"{folder}/{n}",
                        "type": "dir" if os.path.isdir(
                            os.path.join(full, n)) else "file"}
                       for n in sorted(os.listdir(full))]
            return self._send(json.dumps(listing).encode(),
                              "application/json")
        if path.startswith("/raw/"):
            full = os.path.join(self.root, path[len("/raw/"):])
            if not os.path.isfile(full):
                return self.send_error(404)
            with open(full, "rb") as handle:
                return self._send(handle.read(), "text/plain")
        return self.send_error(404)

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def forge():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Forge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_refstack_server_lists_and_reads_every_published_guideline(
        refstack, forge):
    """RefStack configured with this repository's URLs (its API listing
    of guidelines/ and add-ons/guidelines/, its raw base) lists every
    Powered and add-on guideline and reads each one back whole."""
    import requests_cache
    requests_cache.clear()
    g = guidelines.Guidelines(
        repo_url=f"{forge}/api/contents/guidelines",
        raw_url=f"{forge}/raw/",
        additional_capability_urls=f"{forge}/api/contents/add-ons/guidelines")
    listed = g.get_guideline_list()
    powered = sorted(p for p in REPOSITORY if os.path.dirname(p) ==
                     os.path.join(ROOT, "guidelines"))
    add_ons = sorted(p for p in REPOSITORY if os.sep + "add-ons" + os.sep
                     in p)
    assert powered and add_ons
    assert sorted(e["file"] for e in listed["powered"]) == \
        [os.path.basename(p) for p in powered]
    assert sorted(f["file"] for k, v in listed.items() if k != "powered"
                  for f in v) == [os.path.basename(p) for p in add_ons]
    for path in powered + add_ons:
        with open(path, encoding="utf-8") as handle:
            assert g.get_guideline_contents(os.path.basename(path)) == \
                json.load(handle)
