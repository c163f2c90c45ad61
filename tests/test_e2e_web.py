"""End-to-end: the real server (uvicorn, own process) driven by a real headless browser.

Debian's chromium through Playwright for Python, never a downloaded browser (`playwright install`
needs the internet). The browser is also cut off from everything but the test server, so a page that
tried to load anything from a CDN would show up as a failed request. Screenshots go to
``test-artifacts/`` for a human to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_web_support import EVIL_SCRIPT, build_store

from peristiwa.config import MODEL_DIR

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")

SERVER = """
import sys, uvicorn
from peristiwa.serve.app import create_app
factory = None
if sys.argv[3] == "fake":
    from peristiwa.store.fake import FakeCoder as factory
uvicorn.run(create_app(sys.argv[1], coder_factory=factory, cors_origins=[]), host="127.0.0.1",
            port=int(sys.argv[2]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = build_store(tmp_path_factory.mktemp("e2e"))
    port = free_port()
    coder = "real" if (MODEL_DIR / "config.cfg").is_file() else "fake"
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, url, str(port), coder],
        env={**os.environ, "PERISTIWA_CORS_ORIGINS": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/stats", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("the server exited at start")
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer within 10 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: sync_api.Browser, base_url: str) -> Iterator[sync_api.Page]:
    """A phone-sized page whose only reachable host is the test server."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    outside: list[str] = []

    def route(r: sync_api.Route) -> None:
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    dialogs: list[str] = []
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    assert outside == [], f"the page tried to reach {outside}"
    assert dialogs == [], f"a script ran: {dialogs}"
    context.close()


def shot(page: sync_api.Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_dashboard_and_phone_width(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("svg.chart").count() >= 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the dashboard scrolls sideways on a phone"
    shot(page, "dashboard")


def test_keyboard_skip_link(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_events_filters_and_evidence(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.get_by_label("Source actor").fill("RUS")
    page.get_by_label("Modality").select_option("planned")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/events?*")
    assert "1 matching events" in page.content()
    shot(page, "events-filtered")
    page.locator("tbody a[href^='/events/']").first.click()
    page.wait_for_url("**/events/*")
    assert page.locator(".sentence mark.hl-trigger").count() >= 1
    assert page.locator(".sentence mark.hl-actor1").first.inner_text() == "Vladimir Putin"
    shot(page, "event")


def test_actor_page(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/actors/RUSGOV")
    assert page.locator("svg[aria-label='RUSGOV and its counterparts'] a").count() == 1
    shot(page, "actor")


def test_hostile_article_is_inert_in_the_browser(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/articles/evil")
    assert EVIL_SCRIPT in page.locator(".article-text").inner_text()
    assert page.locator("main img, main script").count() == 0
    shot(page, "article-hostile")


def test_try_it_codes_the_seed(page: sync_api.Page, base_url: str, seed_text: str) -> None:
    page.goto(base_url + "/try")
    page.get_by_label("Article text").fill(seed_text)
    page.get_by_label("Publication date (for relative dates)").fill("2024-03-20")
    page.get_by_role("button", name="Code it").click()
    page.wait_for_selector("#try-events", timeout=120_000)
    rows = page.locator("tr.try-event").all_inner_texts()
    visit = [r for r in rows if "RUSGOV" in r and "042" in r and "CHN" in r]
    assert visit, rows
    assert page.locator(".article-text mark.hl-trigger").count() >= 1
    shot(page, "try-seed")
