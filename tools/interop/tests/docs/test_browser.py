"""The rendered documents in a real browser (headless Chromium).

Serves the sample repository's built site on localhost, loads a guideline
page and its Board packet, and checks that the tables are there, that no
script ran or logged an error, and that injected text stayed text.  A
screenshot of each page is saved in ``build/screenshots/``.  Skips, saying
so, where Chromium is not installed (``tools/run.py test`` installs it from
Debian's packages when it can).
"""
import functools
import http.server
import os
import shutil
import subprocess
import threading

import pytest

from interop.tests.conftest import ROOT
from interop.tests.docs.sample import build, make_sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install "
    "chromium; tools/run.py test does it when run as root)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-quic", "--enable-logging=stderr",
         "--v=0"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_sample(tmp_path_factory.mktemp("sample"))
    html = build(root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def chromium(tmp_path, *args):
    run = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120)
    return run.stdout, run.stderr


@pytest.mark.parametrize("page", ["powered-next", "powered-next-packet"])
def test_page_in_the_browser(site, tmp_path, page):
    url = f"{site}/generated/{page}.html"
    dom, log = chromium(tmp_path, "--dump-dom", url)
    assert "<table" in dom or page.endswith("packet")
    assert 'class="field-list' in dom or "interop-metadata" in dom
    errors = [line for line in log.splitlines() if "CONSOLE" in line
              and ("Uncaught" in line or "rror" in line)]
    assert errors == []
    if page == "powered-next":
        assert "interop-required" in dom
        # the injected script is text on the page, not a script element
        assert "&lt;script&gt;alert('x')&lt;/script&gt;" in dom
        assert "<script>alert" not in dom
    shots = os.path.join(ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    shot = os.path.join(shots, f"{page}.png")
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1600",
             "--hide-scrollbars", url)
    with open(shot, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
