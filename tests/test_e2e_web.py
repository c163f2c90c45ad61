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
from datetime import date
from pathlib import Path

import pytest
from test_web_support import EVIL_SCRIPT, build_time_store

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
token = sys.argv[4] if len(sys.argv) > 4 else None
uvicorn.run(create_app(sys.argv[1], coder_factory=factory, cors_origins=[], token=token), host="127.0.0.1",
            port=int(sys.argv[2]), log_level="warning")
"""
TOKEN = "e2e-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _server(tmp_path_factory, "e2e")


@pytest.fixture(scope="module")
def writer_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second server, over its own store, started with a token: the one that takes feedback."""
    yield from _server(tmp_path_factory, "e2e-writer", TOKEN)


def _server(tmp_path_factory: pytest.TempPathFactory, name: str, *token: str) -> Iterator[str]:
    url = build_time_store(tmp_path_factory.mktemp(name))
    place_stories(url)
    port = free_port()
    coder = "real" if (MODEL_DIR / "config.cfg").is_file() else "fake"
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, url, str(port), coder, *token],
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


# Places for the map: the FakeCoder does not geocode, so the stories get gazetteer keys here, in turn
# (Jakarta, Bandung, Malang, Jawa Barat, Cairo, Moscow, Beijing, Canberra).
PLACES = (
    "gn:1642911",
    "gn:1650357",
    "gn:1636722",
    "adm1:ID30",
    "gn:360630",
    "gn:524901",
    "gn:1816670",
    "gn:2172517",
)


def place_stories(url: str) -> None:
    from peristiwa.store.db import open_store

    with open_store(url) as store:
        b = store.backend
        ids = [r[0] for r in b.fetchall("SELECT story_id FROM stories ORDER BY story_id")]
        for i, sid in enumerate(ids):
            key = PLACES[i % len(PLACES)]
            b.execute("UPDATE stories SET action_geo = ? WHERE story_id = ?", [key, sid])


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: sync_api.Browser, base_url: str) -> Iterator[sync_api.Page]:
    """A phone-sized page whose only reachable host is the test server."""
    yield from _page(browser, base_url, 390, 844)


@pytest.fixture()
def desktop(browser: sync_api.Browser, base_url: str) -> Iterator[sync_api.Page]:
    """A desktop-sized page (1280 px), cut off like :func:`page`."""
    yield from _page(browser, base_url, 1280, 900)


def _page(browser: sync_api.Browser, base_url: str, width: int, height: int) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
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


def open_filters(page: sync_api.Page) -> None:
    """The filter form folds away when no filter is set (it is long on a phone): unfold it."""
    box = page.locator("details.filter-box")
    if box.get_attribute("open") is None:
        page.locator("details.filter-box summary").click()


def shot(page: sync_api.Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_dashboard_and_phone_width(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("svg.chart").count() >= 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the dashboard scrolls sideways on a phone"
    # The phone gets the drawing made for its width (legible ticks), not the desktop one shrunk.
    assert page.locator("svg.chart-narrow").first.is_visible()
    assert not page.locator("svg.chart-wide").first.is_visible()
    shot(page, "dashboard")


@pytest.mark.parametrize("width", [1280, 390])
def test_dashboard_map_at_desktop_and_phone_width(
    browser: sync_api.Browser, base_url: str, width: int
) -> None:
    """The dashboard's map card: the world shown, the "Indonesia" switch (radio buttons styled as
    tabs, no script) shows the provinces instead, each within the page's width with points on it; the
    actor page has its own. Screenshots of the card: test-artifacts/page-dashboard-map-<width>.png
    (world) and page-dashboard-map-id-<width>.png (Indonesia by province)."""
    for pg in _page(browser, base_url, width, 900):
        pg.goto(base_url + "/")
        maps = pg.locator("svg.map")
        world, indonesia = maps.nth(0), maps.nth(1)
        assert maps.count() == 2 and world.is_visible() and not indonesia.is_visible()
        _within(world, width)
        assert pg.locator("svg.map circle[data-key]").count() >= 8
        card = pg.locator("section.map-card")
        card.screenshot(path=str(ARTIFACTS / f"page-dashboard-map-{width}.png"))
        pg.locator("label[for=map-tab-id]").click()
        assert indonesia.is_visible() and not world.is_visible()
        _within(indonesia, width)
        provinces = indonesia.locator("path[data-adm1]")
        assert provinces.count() == 33
        shaded = indonesia.locator('path[data-adm1]:not([fill="#f4f4f2"])')
        assert shaded.count() >= 3  # Jakarta, Jawa Barat, Jawa Timur have events in the e2e store
        assert indonesia.locator("circle[data-key]").count() >= 4
        assert "without a province" in card.inner_text()
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        card.screenshot(path=str(ARTIFACTS / f"page-dashboard-map-id-{width}.png"))
        pg.goto(base_url + "/actors/IDNGOV")
        assert pg.locator("section.map-card svg.map").count() == 2


def _within(svg: sync_api.Locator, width: int) -> None:
    box = svg.bounding_box()
    assert box is not None and box["width"] > 150 and box["x"] + box["width"] <= width


@pytest.mark.parametrize(("width", "name"), [(1280, "desktop"), (390, "phone")])
def test_map_page_indonesia_by_province(
    browser: sync_api.Browser, base_url: str, width: int, name: str
) -> None:
    """/map: the world, then its "Indonesia" tab, provinces shaded and points on top, within the
    page's width, nothing fetched from outside (the page fixture's route fails the test otherwise).
    Screenshots: test-artifacts/map-<desktop|phone>.png and map-indonesia-<desktop|phone>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    for pg in _page(browser, base_url, width, 900):
        pg.goto(base_url + "/map")
        _within(pg.locator("svg.map"), width)
        pg.screenshot(path=str(ARTIFACTS / f"map-{name}.png"), full_page=True)
        pg.get_by_role("link", name="Indonesia").click()
        pg.wait_for_url("**/map?view=id")
        svg = pg.locator("svg.map")
        _within(svg, width)
        assert svg.locator("path[data-adm1]").count() == 33
        counts = svg.locator("path[data-adm1]").evaluate_all("els => els.map(e => +e.dataset.n)")
        assert sum(counts) > 0 and counts.count(0) > 0  # provinces with events shaded, the rest empty
        assert svg.locator("circle[data-key]").count() >= 4
        assert "without a province" in pg.locator("body").inner_text()
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        pg.screenshot(path=str(ARTIFACTS / f"map-indonesia-{name}.png"), full_page=True)


def test_keyboard_skip_link(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_events_filters_and_evidence(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/events")
    open_filters(page)
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


# ------------------------------------------------------------------------------------ the workbench
# The fixture store (test_web_support.build_time_store) holds a story dated a year after the
# newest article (20 March 2026) and a historical one dated only "1963"; January 2025 has stories
# in the weeks of 6 (two) and 20 January (one) and none in the weeks of 13 and 27 January.


def _ticks(page: sync_api.Page, chart: str) -> list[tuple[date, float]]:
    ticks = page.locator(f"svg.chart-wide[aria-label='{chart}'] line.tick").evaluate_all(
        "els => els.map(e => [e.dataset.date, e.getBoundingClientRect().x])"
    )
    return [(date.fromisoformat(d), float(x)) for d, x in ticks]


def _assert_to_scale(points: list[tuple[date, float]]) -> float:
    """Every pair of points is as far apart on screen as in days; returns pixels per day."""
    assert len(points) >= 3, points
    (d0, x0), (d1, x1) = points[0], points[-1]
    per_day = (x1 - x0) / (d1 - d0).days
    for d, x in points:
        assert abs(x0 + (d - d0).days * per_day - x) < 1.0, (d, x, points)
    return per_day


def test_weekly_chart_is_to_scale_and_shows_gaps(desktop: sync_api.Page, base_url: str) -> None:
    desktop.goto(base_url + "/")
    chart = "Events per week by QuadClass"
    per_day = _assert_to_scale(_ticks(desktop, chart))
    bars = desktop.locator(f"svg.chart-wide[aria-label='{chart}'] g.bar").evaluate_all(
        "els => els.map(e => [e.dataset.start, +e.dataset.n,"
        " e.querySelector('rect').getBoundingClientRect().x])"
    )
    starts = {d: (n, x) for d, n, x in bars}
    # The window ends at the newest publication (5 Feb 2025), not at the story dated March 2026.
    assert set(starts) == {"2025-01-06", "2025-01-20", "2025-02-03"}, starts
    assert starts["2025-01-06"][0] == 2
    # Two weeks apart on the calendar, two weeks apart on screen: the empty week is a gap.
    gap = starts["2025-01-20"][1] - starts["2025-01-06"][1]
    assert abs(gap - 14 * per_day) < 1.0
    note = desktop.locator("#weekly-note").inner_text()
    assert "1 event(s) dated after this window" in note
    assert "1 historical event(s) are left out" in note
    shot(desktop, "dashboard-1280")


def test_goldstein_chart_is_to_scale_with_gaps(desktop: sync_api.Page, base_url: str) -> None:
    desktop.goto(base_url + "/")
    chart = "Mean Goldstein per month"
    _assert_to_scale(_ticks(desktop, chart))
    months = desktop.locator(f"svg.chart-wide[aria-label='{chart}'] circle.point").evaluate_all(
        "els => els.map(e => e.dataset.month)"
    )
    # Months with events only; 1963 (historical, year-only) and March 2026 (outside) are not drawn.
    assert months == ["2024-05", "2024-06", "2025-01", "2025-02"]
    segments = desktop.locator(f"svg.chart-wide[aria-label='{chart}'] polyline.segment").count()
    assert segments == 2  # June 2024 and January 2025 are not joined across the empty months


def test_historical_events_only_when_asked(desktop: sync_api.Page, base_url: str) -> None:
    desktop.goto(base_url + "/?historical=true")
    assert "IDN" in desktop.locator("h2#h-latest + div table").inner_text()
    assert desktop.locator("table.events tbody tr").count() == 1
    assert desktop.locator("table.events td.date").first.inner_text() == "1963"  # a year, not 1963-01-01
    desktop.goto(base_url + "/events")
    open_filters(desktop)
    desktop.get_by_label("Historical events").select_option("false")
    desktop.get_by_role("button", name="Filter").click()
    desktop.wait_for_url("**/events?*")
    assert "8 matching events" in desktop.content()


def test_facets_sorting_and_words(desktop: sync_api.Page, base_url: str) -> None:
    desktop.goto(base_url + "/events")
    assert "9 matching events" in desktop.content()
    desktop.locator(".facet[data-facet='outlet'] a", has_text="Tempo.co").click()
    desktop.wait_for_url("**/events?outlet=Tempo.co")
    assert "2 matching events" in desktop.content()
    desktop.locator(".facet[data-facet='quad'] a", has_text="4 material conflict").click()
    assert "1 matching events" in desktop.content()
    assert desktop.locator(".facet[data-facet='quad'] a.selected").count() == 1
    desktop.goto(base_url + "/events")
    desktop.locator("th a", has_text="Goldstein").click()  # first click: highest first
    values = [float(v) for v in desktop.locator("table.events tbody tr td:nth-child(5)").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    desktop.locator("th a", has_text="Goldstein").click()  # again: lowest first
    values = [float(v) for v in desktop.locator("table.events tbody tr td:nth-child(5)").all_inner_texts()]
    assert values == sorted(values)
    assert desktop.locator("th[aria-sort='ascending']").inner_text().startswith("Goldstein")
    text = desktop.locator("table.events").inner_text()
    assert "Make a visit" in text and "Indonesia, government" in text
    shot(desktop, "events-sorted-1280")


def test_downloads_hold_the_filtered_view(desktop: sync_api.Page, base_url: str, tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    desktop.goto(base_url + "/events?outlet=Tempo.co&sort=date&order=asc")
    with desktop.expect_download() as got:
        desktop.get_by_role("link", name="CSV").click()
    path = tmp_path / "events.csv"
    got.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["event_date"] for r in rows] == ["1963", "2026-03-20"]
    assert rows[1]["event_name"] == "Make a visit"
    with desktop.expect_download() as got:
        desktop.get_by_role("link", name="Parquet").click()
    ppath = tmp_path / "events.parquet"
    got.value.save_as(ppath)
    table = pq.read_table(ppath)
    assert table.num_rows == 2 and table.column("event_code").to_pylist() == ["190", "042"]


def test_articles_list_searches_and_links(page: sync_api.Page, base_url: str) -> None:
    page.goto(base_url + "/articles")
    assert page.locator("table.articles tbody tr").count() == 9
    page.get_by_label("Title, text or outlet contains").fill("Jepang")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/articles?*")
    titles = page.locator("table.articles tbody a").all_inner_texts()
    assert sorted(titles) == ["Jepang mengecam", "Prabowo akan ke Jepang"]
    shot(page, "articles-search-390")
    page.get_by_role("link", name="Jepang mengecam").click()
    page.wait_for_url("**/articles/japan")
    assert page.locator("h1").inner_text() == "Jepang mengecam"


def test_placeholders_do_not_look_filled(desktop: sync_api.Page, base_url: str) -> None:
    desktop.goto(base_url + "/events")
    open_filters(desktop)
    box = desktop.get_by_label("Source actor")
    assert box.input_value() == ""
    assert box.get_attribute("placeholder") == "e.g. RUSGOV"
    style = box.evaluate(
        "e => { const p = getComputedStyle(e, '::placeholder'), v = getComputedStyle(e);"
        " return [p.color, p.fontStyle, v.color]; }"
    )
    assert style[1] == "italic" and style[0] != style[2]


PAGES = [
    ("dashboard", "/"),
    ("events", "/events"),
    ("event", "EVENT"),
    ("articles", "/articles"),
    ("article", "/articles/putin-plan"),
    ("actors", "/actors"),
    ("actor", "/actors/IDNGOV"),
    ("try", "/try"),
    ("feedback", "/feedback"),
    ("docs", "/docs"),
]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_at_desktop_and_phone_width(browser: sync_api.Browser, base_url: str, width: int) -> None:
    for pg in _page(browser, base_url, width, 900):
        for name, path in PAGES:
            if path == "EVENT":
                pg.goto(base_url + "/events?source=RUS&modality=planned")
                path = pg.locator("tbody a[href^='/events/']").first.get_attribute("href") or ""
            pg.goto(base_url + path)
            assert pg.locator("h1").count() == 1
            scroll = pg.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{path} scrolls sideways at {width} px ({scroll})"
            shot(pg, f"page-{name}-{width}")


def test_dashboard_facets_refine_the_dashboard(desktop: sync_api.Page, base_url: str) -> None:
    desktop.goto(base_url + "/")
    desktop.locator(".facet[data-facet='quad'] a", has_text="3 verbal conflict").click()
    desktop.wait_for_url("**/?quad=3")
    bars = desktop.locator("svg.chart-wide[aria-label='Events per week by QuadClass'] g.bar").evaluate_all(
        "els => els.map(e => [e.dataset.start, +e.dataset.n])"
    )
    assert bars == [["2025-01-06", 2], ["2025-02-03", 1]]  # the 20 January story is cooperation
    desktop.get_by_role("link", name="All events of this selection").click()
    desktop.wait_for_url("**/events?*")
    assert "3 matching events" in desktop.content()
    shot(desktop, "dashboard-quad3-events-1280")


def test_event_page_flag_form(browser: sync_api.Browser, writer_url: str, base_url: str) -> None:
    """The "flag as wrong" form: filled in and sent with the token, the flag lands on /feedback;
    on the read-only server the form is not offered and the page says why."""
    for pg in _page(browser, writer_url, 1280, 900):
        pg.goto(writer_url + "/events?source=RUS")
        pg.locator("tbody a[href^='/events/']").first.click()
        pg.wait_for_url("**/events/*")
        pg.get_by_label("Reason").select_option("wrong_code")
        pg.get_by_label("Corrected CAMEO code (optional)").fill("043")
        pg.get_by_label("Comment (optional)").fill("a host, not a visit")
        pg.get_by_label("Server token").fill(TOKEN)
        pg.locator("#flag").scroll_into_view_if_needed()
        shot(pg, "page-event-flag-form-1280")
        pg.get_by_role("button", name="Flag this event").click()
        pg.wait_for_url("**flagged=1*")
        assert "your flag is stored" in pg.locator("#flag").inner_text()
        shot(pg, "page-event-flag-stored-1280")
        pg.get_by_role("link", name="Feedback", exact=True).first.click()
        pg.wait_for_url("**/feedback")
        assert "a host, not a visit" in pg.content() and "043" in pg.content()
        shot(pg, "page-feedback-1280")
    for pg in _page(browser, writer_url, 390, 844):
        pg.goto(writer_url + "/events?source=RUS")
        pg.locator("tbody a[href^='/events/']").first.click()
        pg.wait_for_url("**/events/*")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390  # the form fits a phone
        pg.locator("#flag").scroll_into_view_if_needed()
        shot(pg, "page-event-flag-form-390")
    for pg in _page(browser, base_url, 390, 844):
        pg.goto(base_url + "/events?source=RUS")
        pg.locator("tbody a[href^='/events/']").first.click()
        pg.wait_for_url("**/events/*")
        assert "needs a server started with --token" in pg.locator("#flag").inner_text()
        assert pg.locator("#flag form").count() == 0
