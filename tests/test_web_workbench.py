"""The analyst's pages without a browser: time scales, facets, sorting, downloads, /articles, words.

The store is test_web_support's time store: the five articles of the web tests plus a story dated a
year after the newest article, a historical one dated only "1963" and two January 2025 stories.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from test_store_support import backend_url_fixture, pg_url_fixture  # noqa: F401  (fixtures, used by name)
from test_web_support import build_time_store, fill_time_store

from peristiwa.serve import charts
from peristiwa.serve.app import create_app
from peristiwa.serve.words import default_words
from peristiwa.store.fake import FakeCoder


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = build_time_store(tmp_path_factory.mktemp("workbench"))
    app = create_app(url, coder_factory=FakeCoder, cors_origins=[])
    with TestClient(app) as c:
        yield c
    app.state.access.store.close()


def test_time_scale_is_linear_and_ticks_fall_on_calendar_boundaries() -> None:
    scale = charts.TimeScale(date(2024, 1, 1), date(2025, 1, 1), 0, 366)
    assert scale.x(date(2024, 7, 1)) == pytest.approx(182)  # 2024 is a leap year: day 182
    ticks = scale.ticks()
    assert [d.day for d, _ in ticks] == [1] * len(ticks) and ticks[0] == (date(2024, 1, 1), "2024")
    weeks = charts.TimeScale(date(2025, 1, 1), date(2025, 3, 1), 0, 100).ticks()
    assert all(d.weekday() == 0 for d, _ in weeks)  # weekly ticks on Mondays
    decades = charts.TimeScale(date(1979, 1, 1), date(2026, 6, 1), 0, 100).ticks()
    assert [label for _, label in decades] == ["1980", "1990", "2000", "2010", "2020"]


def test_time_bars_leave_empty_weeks_as_gaps() -> None:
    counts = {date(2025, 1, 6): {3: 2}, date(2025, 1, 20): {1: 1}}
    svg = str(charts.time_bars(counts, date(2025, 1, 6), date(2025, 2, 3), "week", "t", width=452))
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', svg)]
    # 28 days over 400 px: the second bar starts 14 days (200 px) after the first.
    assert xs[1] - xs[0] == pytest.approx(200, abs=0.2)
    assert 'data-n="2"' in svg and "<text" in svg


def test_time_line_breaks_at_missing_months() -> None:
    points = [(date(2024, 1, 1), 1.0), (date(2024, 2, 1), 2.0), (date(2024, 5, 1), -1.0)]
    svg = str(charts.time_line(points, date(2024, 1, 1), date(2024, 7, 1), "t"))
    assert svg.count('class="segment"') == 2


def test_nice_axis_steps_are_whole_numbers() -> None:
    assert charts.nice_top(7) == (8.0, 2.0)
    assert charts.nice_top(1) == (1.0, 1.0)
    assert charts.nice_top(48) == (50.0, 10.0)


def test_dashboard_window_ends_at_the_newest_publication(client: TestClient) -> None:
    html = client.get("/").text
    wide = html.split('class="chart chart-wide"')[1].split("</svg>")[0]
    starts = re.findall(r'<g class="bar" data-start="([\d-]+)" data-n="(\d+)"', wide)
    assert starts == [("2025-01-06", "2"), ("2025-01-20", "1"), ("2025-02-03", "1")]
    assert "<strong>1</strong> event(s) dated after this window" in html
    assert "1 historical event(s) are left out" in html
    chosen = client.get("/", params={"since": "2026-03", "until": "2026-03"}).text
    assert 'data-start="2026-03-16"' in chosen and "the chosen range" in chosen


def test_year_only_dates_stay_out_of_weeks_and_months(client: TestClient) -> None:
    html = client.get("/", params={"historical": "true", "since": "1963", "until": "1963"}).text
    assert "No dated events in this window" in html  # the 1963 story is not put in January
    assert "1 event(s) dated only to a month or a year are not drawn as weeks" in html


def test_events_filters_sort_and_facets(client: TestClient) -> None:
    html = client.get("/events", params={"outlet": "Tempo.co"}).text
    assert "2 matching events" in html
    assert client.get("/events", params={"historical": "false"}).text.count("<tr>") == 8 + 1
    page = client.get("/events", params={"sort": "goldstein", "order": "asc"}).text
    gold = [float(g) for g in re.findall(r'<td data-label="Goldstein">(-?[\d.]+)</td>', page)]
    assert gold == sorted(gold) and len(gold) == 9
    assert 'aria-sort="ascending"' in page and "sort=goldstein&amp;order=desc" in page
    outlet = re.search(r'data-facet="outlet".*?</div>', html, re.S)
    assert outlet and "Tempo.co" in outlet.group(0)
    assert client.get("/events", params={"sort": "drop table"}).status_code == 400
    assert "joint" in client.get("/events", params={"joint": "true"}).text  # the hook says why


def test_placeholders_are_examples_not_values(client: TestClient) -> None:
    html = client.get("/events").text
    assert 'value="" placeholder="e.g. RUSGOV"' in html
    assert "::placeholder" in client.get("/static/style.css").text


def test_downloads_match_the_page(client: TestClient) -> None:
    params = {"outlet": "Tempo.co", "sort": "date", "order": "asc"}
    r = client.get("/events.csv", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["event_date"] for row in rows] == ["1963", "2026-03-20"]
    assert rows[0]["event_name"] == "Use conventional military force, not specified below"
    assert (rows[0]["actor1_description"], rows[0]["actor2_description"]) == ("Indonesia", "Malaysia")
    assert rows[1]["actor1_description"] == "Indonesia, government"
    p = client.get("/events.parquet", params=params)
    table = pq.read_table(io.BytesIO(p.content))
    assert table.num_rows == 2 and table.column("event_date").to_pylist() == ["1963", "2026-03-20"]
    assert table.column("event_name").to_pylist()[1] == "Make a visit"
    assert client.get("/events.csv", params={"quad": "9"}).status_code == 400
    html = client.get("/events", params=params).text
    assert 'href="/events.csv?outlet=Tempo.co&amp;sort=date&amp;order=asc"' in html


def test_articles_page_searches_and_paginates(client: TestClient) -> None:
    html = client.get("/articles").text
    assert "9 article(s)" in html and 'href="/articles/putin-plan"' in html
    assert "2 article(s)" in client.get("/articles", params={"q": "jepang"}).text  # title or text
    assert "3 article(s)" in client.get("/articles", params={"q": "kompas"}).text  # outlet
    assert "2 article(s)" in client.get("/articles", params={"outlet": "Tempo.co"}).text
    first = client.get("/articles", params={"limit": "4"}).text
    assert "showing 1–4" in first and 'rel="next"' in first
    assert client.get("/articles", params={"limit": "0"}).status_code == 400


def test_codes_come_with_words(client: TestClient) -> None:
    words = default_words()
    assert words.event("042") == "Make a visit"
    assert words.actor("IDNGOV") == "Indonesia, government"
    assert words.actor("XYZ") == "" and words.event("999") == ""
    html = client.get("/events").text
    assert "Make a visit" in html and "Indonesia, government" in html
    assert "Make a visit" in client.get("/actors/RUSGOV").text


def test_same_pages_on_duckdb_and_postgresql(backend_url: str) -> None:
    """The window, gaps, facets, sorting and downloads mean the same on both backends."""
    app = create_app(fill_time_store(backend_url), coder_factory=FakeCoder, cors_origins=[])
    with TestClient(app) as c:
        wide = c.get("/").text.split('class="chart chart-wide"')[1].split("</svg>")[0]
        assert re.findall(r'data-start="([\d-]+)" data-n="(\d+)"', wide) == [
            ("2025-01-06", "2"),
            ("2025-01-20", "1"),
            ("2025-02-03", "1"),
        ]
        html = c.get("/events", params={"historical": "false", "sort": "goldstein", "order": "asc"}).text
        assert "8 matching events" in html
        outlet = re.search(r'data-facet="outlet".*?</div>', html, re.S)
        assert outlet and "Kompas.com" in outlet.group(0)
        rows = list(csv.DictReader(io.StringIO(c.get("/events.csv", params={"outlet": "Tempo.co"}).text)))
        assert sorted(r["event_date"] for r in rows) == ["1963", "2026-03-20"]
        assert "2 article(s)" in c.get("/articles", params={"q": "jepang"}).text
    app.state.access.store.close()
