"""Shared fixtures for the web app's tests: a small store filled by the FakeCoder, and a client.

The FakeCoder keeps these tests fast (no NLP model); what they check is the web layer: routing,
filters, pagination, escaping, limits and tokens. One article carries markup in its title, text and
outlet, so every page that shows article data is exercised against script injection.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from peristiwa.model import Article
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder
from peristiwa.store.ingest import ingest

EVIL_SCRIPT = "<script>alert('xss')</script>"
EVIL_IMG = '"><img src=x onerror=alert(1)>'

ARTICLES = [
    Article(
        "putin-plan",
        "Presiden Rusia Vladimir Putin akan melakukan perjalanan ke Cina pada bulan Mei untuk "
        "bertemu Xi Jinping. Kunjungan Putin ke Cina akan dilakukan dalam paruh kedua bulan Mei.",
        title="Putin akan ke Cina",
        published=date(2024, 3, 20),
        outlet="JagatBisnis.com",
        url="https://jagatbisnis.test/putin",
    ),
    Article(
        "putin-made",
        "Putin tiba di Beijing, Cina pada 16 Mei 2024 untuk kunjungan kenegaraan.",
        title="Putin tiba di Beijing",
        published=date(2024, 5, 16),
        outlet="Detik.com",
        url="https://detik.test/putin",
    ),
    Article(
        "jokowi-macron",
        "Jokowi bertemu Macron di Paris pada 12 Juni 2024.",
        title="Jokowi dan Macron",
        published=date(2024, 6, 12),
        outlet="Kompas.com",
    ),
    Article(
        "japan",
        "Jepang mengecam Korea Utara atas uji coba rudal pada 10 Januari 2025.",
        title="Jepang mengecam",
        published=date(2025, 1, 10),
        outlet="Kompas.com",
    ),
    Article(
        "evil",
        f"Prabowo mengecam Israel {EVIL_SCRIPT} pada 3 Februari 2025 {EVIL_IMG} kata pejabat.",
        title=f"Judul {EVIL_SCRIPT}{EVIL_IMG}",
        published=date(2025, 2, 3),
        outlet=EVIL_IMG,
        url="javascript:alert(3)",
    ),
]


def build_store(path: Path) -> str:
    """A DuckDB store in ``path`` with :data:`ARTICLES` coded by the FakeCoder; returns its path."""
    return fill_store(str(path / "web.duckdb"))


def fill_store(url: str) -> str:
    """Code :data:`ARTICLES` with the FakeCoder into the store at ``url`` (any backend)."""
    with open_store(url) as store:
        summary = ingest(store, ARTICLES, FakeCoder())
    assert not summary.errors, summary.errors
    return url


def test_support_store_has_events(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    with open_store(url, read_only=True) as store:
        assert store.count("articles") == len(ARTICLES)
        assert store.count("stories") >= 4


# Stories that test the time charts: one dated a year after publication (a planned visit), one
# historical and dated only to a year, and two more in January 2025 so that the weeks of 13 and
# 27 January stay empty (gaps the chart must draw).
TIME_ARTICLES = [
    Article(
        "future-visit",
        "Prabowo akan berkunjung ke Jepang pada 20 Maret 2026.",
        title="Prabowo akan ke Jepang",
        published=date(2025, 2, 5),
        outlet="Tempo.co",
    ),
    Article(
        "history-1963",
        "Dalam sejarah, Indonesia menyerang Malaysia pada tahun 1963.",
        title="Konfrontasi",
        published=date(2025, 1, 20),
        outlet="Tempo.co",
    ),
    Article(
        "jokowi-australia",
        "Jokowi mengkritik Australia pada 6 Januari 2025.",
        title="Jokowi mengkritik Australia",
        published=date(2025, 1, 7),
        outlet="Kompas.com",
    ),
    Article(
        "india-vietnam",
        "India memberikan selamat kepada Vietnam pada 21 Januari 2025.",
        title="India dan Vietnam",
        published=date(2025, 1, 21),
        outlet="Detik.com",
    ),
]


def build_time_store(path: Path) -> str:
    """:data:`ARTICLES` plus :data:`TIME_ARTICLES`: what the dashboard's chart tests need."""
    return fill_time_store(str(path / "web-time.duckdb"))


def fill_time_store(url: str) -> str:
    """:data:`ARTICLES` plus :data:`TIME_ARTICLES` into the store at ``url`` (any backend)."""
    with open_store(url) as store:
        summary = ingest(store, ARTICLES + TIME_ARTICLES, FakeCoder())
    assert not summary.errors, summary.errors
    return url
