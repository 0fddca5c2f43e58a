"""The rendered documents in a real browser: Debian's Chromium, driven by
chromium-driver through Selenium.

Two sites are served on localhost: the sample repository's (an approved
guideline, a draft with hostile text, an add-on draft in ``review``) and
this project's own documentation, the pages the Board reads.  At 1280 and
1024 pixels wide, the index, the guideline pages and the packets must fit
the window (no horizontal scrolling), each packet's chart must be there and
visible, the review draft's packet must be reachable from the index, and
no injected script may run.  A screenshot of each page is saved in
``doc/build/screenshots/`` for reviewers.  Skips, saying so, where Chromium,
its driver or Selenium is missing (``tools/run.py test`` installs Debian's
``chromium`` and ``chromium-driver`` when it runs as root with apt).
"""
import functools
import http.server
import os
import shutil
import threading

import pytest


from interop.tests.conftest import DOCS_EXTRA

pytest.importorskip("sphinx", reason=DOCS_EXTRA)

from interop.tests.conftest import ROOT
from interop.tests.docs.sample import build, make_sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver")
    else None)
webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium (test extra) not installed")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                       "(apt-get install chromium; tools/run.py test does "
                       "it when run as root)"),
    pytest.mark.skipif(DRIVER is None, reason="chromium-driver is not "
                       "installed (apt-get install chromium-driver; "
                       "tools/run.py test does it when run as root)"),
]
pytest.importorskip("matplotlib", reason="matplotlib (docs extra) not "
                    "installed")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-quic", "--hide-scrollbars"]
SHOTS = os.path.join(ROOT, "doc", "build", "screenshots")
WIDTHS = (1280, 1024)
#: the project's own pages the Board reads
PROJECT_PAGES = ["generated/index", "generated/powered-next",
                 "generated/powered-next-packet", "generated/dns-next",
                 "generated/dns-next-packet", "review"]
SAMPLE_PAGES = ["generated/index", "generated/powered-next",
                "generated/powered-2026.06", "generated/powered-next-packet",
                "generated/dns-next-packet"]


def serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    root = make_sample(tmp_path_factory.mktemp("sample"))
    server, url = serve(build(root))
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def project_site(tmp_path_factory):
    """This project's documentation, built as ``tools/run.py build``
    builds it (warnings are errors)."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace
    out = tmp_path_factory.mktemp("project")
    src = os.path.join(ROOT, "doc", "source")
    with docutils_namespace():
        app = Sphinx(src, src, str(out / "html"), str(out / "doctrees"),
                     "html", status=None, warningiserror=True)
        app.build()
    assert app.statuscode == 0
    server, url = serve(out / "html")
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir="
                         f"{tmp_path_factory.mktemp('profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def look(driver, url, width, shot):
    """Load a page at a width; return (scrollWidth, innerWidth) and save
    a screenshot of the whole page."""
    driver.set_window_size(width, 900)
    driver.get(url)
    sizes = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth,"
        " document.documentElement.scrollHeight]")
    os.makedirs(SHOTS, exist_ok=True)
    driver.set_window_size(width, min(sizes[2], 6000))
    driver.save_screenshot(os.path.join(SHOTS, f"{shot}-{width}.png"))
    driver.set_window_size(width, 900)
    return sizes[0], driver.execute_script("return window.innerWidth")


def errors(driver):
    """Severe console messages (a script error, a missing resource); the
    browser's own request for /favicon.ico, which no page asks for, is
    not one."""
    return [e for e in driver.get_log("browser")
            if e.get("level") == "SEVERE"
            and "/favicon.ico" not in e.get("message", "")]


def chart_shown(driver):
    """The packet's chart: there, decoded, with a size, inside the window
    and not hidden."""
    return driver.execute_script("""
        const img = document.querySelector('img.interop-chart');
        if (!img) return 'no chart';
        const box = img.getBoundingClientRect();
        const style = getComputedStyle(img);
        if (!img.complete || img.naturalWidth === 0) return 'not decoded';
        if (box.width < 200 || box.height < 50) return 'too small';
        if (box.right > window.innerWidth + 1) return 'past the edge';
        if (style.visibility !== 'visible' || style.display === 'none')
            return 'hidden';
        if (!img.alt.startsWith('Bar chart')) return 'no alt text';
        return 'ok';""")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PROJECT_PAGES)
def test_project_pages_fit_the_window(project_site, browser, page, width):
    scroll, inner = look(browser, f"{project_site}/{page}.html", width,
                         "project-" + page.replace("/", "-"))
    assert scroll <= inner, f"{page} is {scroll}px wide in {inner}px"
    if page.endswith("-packet"):
        assert chart_shown(browser) == "ok"
    assert errors(browser) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", SAMPLE_PAGES)
def test_sample_pages_fit_and_run_no_script(sample_site, browser, page,
                                            width):
    scroll, inner = look(browser, f"{sample_site}/{page}.html", width,
                         "sample-" + page.replace("/", "-"))
    assert scroll <= inner, f"{page} is {scroll}px wide in {inner}px"
    # the hostile description is text on the page, not a script element
    assert browser.execute_script(
        "return document.querySelectorAll('article script').length") == 0
    if page == "generated/powered-next":
        assert "<script>alert('x')</script>" in browser.find_element(
            "css selector", "article").text
    if page.endswith("-packet"):
        assert chart_shown(browser) == "ok"
    assert errors(browser) == []


def test_the_review_packet_is_reached_from_the_index(sample_site, browser):
    browser.set_window_size(1280, 900)
    browser.get(f"{sample_site}/generated/index.html")
    link = browser.find_element("css selector",
                                'article a[href="dns-next-packet.html"]')
    link.click()
    assert browser.current_url.endswith("/generated/dns-next-packet.html")
    heading = browser.find_element("css selector", "article h1").text
    assert heading.startswith("Board packet: DNS add-on — review next")
    assert chart_shown(browser) == "ok"
    pdf = browser.find_element(
        "css selector", 'article a[href="../packets/dns-next-packet.pdf"]')
    assert pdf.text == "this packet as PDF"


def test_the_powered_packet_prints_within_its_budget(project_site,
                                                    browser):
    """The browser's print of the Powered packet (A4, the print
    stylesheet: no navigation) keeps to the PDF's page budget."""
    from interop.tests.docs.test_packet import PAGES
    import base64
    import io

    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    from selenium.webdriver.common.print_page_options import PrintOptions
    browser.set_window_size(1280, 900)
    browser.get(f"{project_site}/generated/powered-next-packet.html")
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    printed = pypdf.PdfReader(io.BytesIO(base64.b64decode(
        browser.print_page(options))))
    assert 1 < len(printed.pages) <= PAGES
    # the chart is drawn in print too (as vectors, so look at the page)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"media": "print"})
    try:
        assert chart_shown(browser) == "ok"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


#: a phone's width: headless Chromium will not make its window narrower
#: than 500 px, so the width is emulated through the DevTools protocol
PHONE = 390


def look_emulated(driver, url, width, shot):
    """Load a page at an emulated device width (any width, phones
    included); return (scrollWidth, innerWidth) and save a screenshot of
    the first screens."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 844, "deviceScaleFactor": 1,
        "mobile": width < 600})
    try:
        driver.get(url)
        scroll, inner, height = driver.execute_script(
            "return [document.documentElement.scrollWidth, "
            "window.innerWidth, document.documentElement.scrollHeight]")
        os.makedirs(SHOTS, exist_ok=True)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": min(height, 6000),
            "deviceScaleFactor": 1, "mobile": width < 600})
        driver.save_screenshot(os.path.join(SHOTS, f"{shot}-{width}.png"))
        return scroll, inner
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def phone_parts(driver):
    """The packet's parts on a phone: the summary, each chart's box and
    the capability table inside the window; the stacked table's rows no
    wider than the window; the chart's names at a readable size."""
    return driver.execute_script("""
        const w = window.innerWidth, out = [];
        const within = (el, what) => {
            if (!el) { out.push('no ' + what); return; }
            const box = el.getBoundingClientRect();
            if (box.left < -1 || box.right > w + 1)
                out.push(what + ' spans ' + box.left + '..' + box.right);
        };
        // the folded parts, open: what a reader sees on opening them
        document.querySelectorAll('details.interop-fold').forEach(
            (d) => { d.open = true; });
        within(document.querySelector('.interop-summary'), 'summary');
        document.querySelectorAll('.interop-chart-box').forEach(
            (el) => within(el, 'chart box'));
        const table = document.querySelector(
            'table.interop-packet-capabilities');
        within(table, 'capability table');
        if (table) table.querySelectorAll('tbody tr').forEach(
            (row, n) => { if (n < 5) within(row, 'capability row'); });
        const img = document.querySelector('img.interop-chart');
        if (img && img.getBoundingClientRect().width < 600)
            out.push('chart drawn ' + img.getBoundingClientRect().width +
                     ' px wide: its names would be too small to read');
        return out;""")


@pytest.mark.parametrize("width", (PHONE, 1024, 1280))
@pytest.mark.parametrize("page", ["generated/powered-next-packet",
                                  "generated/dns-next-packet",
                                  "generated/index"])
def test_project_pages_read_on_a_phone_and_wide(project_site, browser,
                                                page, width):
    scroll, inner = look_emulated(browser, f"{project_site}/{page}.html",
                                  width, "emulated-" + page.replace("/",
                                                                    "-"))
    assert inner == width
    assert scroll <= inner, f"{page} is {scroll}px wide in {inner}px"
    if page.endswith("-packet") and width == PHONE:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": 844, "deviceScaleFactor": 1,
            "mobile": True})
        try:
            browser.get(f"{project_site}/{page}.html")
            assert phone_parts(browser) == []
        finally:
            browser.execute_cdp_cmd(
                "Emulation.clearDeviceMetricsOverride", {})
    assert errors(browser) == []


#: the Powered packet's height at 390 px with its long parts folded
#: (interop.docs.fold): about 9,800 px; it was about 40,000 unfolded
PHONE_HEIGHT = 15000


def test_the_powered_packet_is_short_on_a_phone_and_loses_nothing(
        project_site, browser):
    """At 390 px the packet reads in a few screens: the capability table,
    the changes' lists and the appendix are folded under a line saying
    what is inside.  Opened, every capability and every appendix id is
    there, and the page is as long as before."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE, "height": 844, "deviceScaleFactor": 1,
        "mobile": True})
    try:
        browser.get(f"{project_site}/generated/powered-next-packet.html")
        folded, folds = browser.execute_script(
            "return [document.documentElement.scrollHeight, "
            "document.querySelectorAll('details.interop-fold').length]")
        assert folded <= PHONE_HEIGHT and folds >= 3
        opened, names, ids = browser.execute_script("""
            document.querySelectorAll('details.interop-fold').forEach(
                (d) => { d.open = true; });
            const t = document.querySelector(
                'table.interop-packet-capabilities');
            return [document.documentElement.scrollHeight,
                    t.querySelectorAll('tbody tr').length,
                    document.querySelectorAll(
                        '.interop-test-ids .line').length];""")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    from interop.load.anyform import read_any_guideline
    g = read_any_guideline(os.path.join(ROOT, "guidelines", "next.yaml"))
    assert names == len(list(g.iter_capabilities()))
    assert opened > 2 * folded and ids > 100


def test_print_shows_the_folded_parts(project_site, browser):
    """Print opens every fold, as the PDF has every part."""
    import base64
    import io

    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) not "
                                "installed")
    from selenium.webdriver.common.print_page_options import PrintOptions
    browser.set_window_size(1280, 900)
    browser.get(f"{project_site}/generated/powered-next-packet.html")
    test_id = browser.execute_script(
        "return document.querySelector('details.interop-fold "
        ".interop-test-ids .line').textContent.trim()")
    printed = pypdf.PdfReader(io.BytesIO(base64.b64decode(
        browser.print_page(PrintOptions()))))
    text = "".join(page.extract_text() for page in printed.pages)
    assert test_id and test_id.replace(" ", "") in text.replace(
        "\n", "").replace(" ", "")
