"""Shared fixtures and helpers for the store tests (test_store*.py, test_query*.py, test_export*.py).

Fixtures are imported under their function names (``backend_url_fixture``) and used under their
fixture names (``backend_url``), so a test's parameter does not shadow an import.

``backend_url`` runs a test once on DuckDB (a temporary file) and once on PostgreSQL, in a fresh
schema of the server named by ``PERISTIWA_TEST_PG`` (``.ci/run`` starts one); without a reachable
server the PostgreSQL run is skipped with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from peristiwa.model import ActorRef, Article, CodedArticle, Event, TimeRef
from peristiwa.store.db import open_store
from peristiwa.store.fake import split_sentences
from peristiwa.store.schema import TABLE_COLUMNS

PG_ENV = "PERISTIWA_TEST_PG"
# wall-clock times: differ between any two runs
VOLATILE_COLUMNS = {"ingested_at", "date_added", "updated_at", "created_at", "exported_at"}

# Three sentences in the manner of the seed article (../shared/seeds/000_*.txt), enough for the
# planned visit mentioned three times, plus an unrelated event.
SEED_LIKE = (
    "Presiden Rusia Vladimir Putin akan melakukan perjalanan ke Cina pada bulan Mei untuk melakukan "
    "pembicaraan dengan Xi Jinping. "
    "Kunjungan Putin ke Cina akan dilakukan dalam paruh kedua bulan Mei, demikian diungkapkan oleh "
    "beberapa sumber. "
    "Rencananya kunjungan itu akan berlangsung sebelum perjalanan Xi ke Eropa. "
    "Pemerintah negara-negara Barat telah mengecam terpilihnya kembali Putin."
)


def test_support_module_loads() -> None:
    """Keeps pytest from reporting this helper module as empty; the seed-like text has four sentences."""
    assert len(split_sentences(SEED_LIKE)) == 4


def pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _pg_schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(name="pg_url")
def pg_url_fixture() -> Iterator[str]:
    """A PostgreSQL URL whose tables land in a fresh schema, dropped afterwards."""
    base = pg_admin_url()
    if base is None:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)")
    try:
        import psycopg

        con = psycopg.connect(base, autocommit=True, connect_timeout=5)
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"PostgreSQL at {base} is not reachable: {str(exc).splitlines()[0]}")
    schema = "t_" + uuid.uuid4().hex[:12]
    con.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_schema_url(base, schema)
    finally:
        con.execute(f"DROP SCHEMA {schema} CASCADE")
        con.close()


@pytest.fixture(name="backend_url", params=["duckdb", "postgresql"])
def backend_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "store.duckdb")
    return request.getfixturevalue("pg_url")


@pytest.fixture(name="duck_url")
def duck_url_fixture(tmp_path: Path) -> str:
    return str(tmp_path / "store.duckdb")


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's content, sorted, without wall-clock columns: equal iff two stores hold the same data."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with open_store(url, read_only=True) as store:
        for table, columns in TABLE_COLUMNS.items():
            names = [n for n, _ in columns if n not in VOLATILE_COLUMNS]
            rows = store.backend.fetchall(f"SELECT {', '.join(names)} FROM {table}")
            out[table] = sorted(tuple(_plain(v) for v in r) for r in rows)
    return out


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# ------------------------------------------------------------------------------------ coders
def make_event(
    article: Article,
    anchor: str,
    actor1: str,
    code: str,
    actor2: str = "",
    modality: str = "asserted",
    when: str = "",
    until: str = "",
    goldstein: float = 1.9,
    quad: int = 1,
    action_country: str = "",
) -> Event:
    """A real Event located at ``anchor`` (a substring of the article) in the sentence that holds it."""
    pos = article.text.index(anchor)
    sent = next(s for s in split_sentences(article.text) if s.start <= pos < s.end)
    a1 = ActorRef(actor1, actor1.lower(), actor1[:3], actor1[3:6], pos, pos + 3, (f"test:{actor1}",))
    a2 = ActorRef(actor2, actor2.lower(), actor2[:3], actor2[3:6], pos + 4, pos + 7) if actor2 else None
    return Event(
        article_id=article.id,
        sentence_index=sent.index,
        sentence_start=sent.start,
        sentence_end=sent.end,
        sentence=sent.text,
        trigger=anchor,
        trigger_start=pos,
        trigger_end=pos + len(anchor),
        actor1=a1,
        actor2=a2,
        event_code=code,
        goldstein=goldstein,
        quad_class=quad,
        modality=modality,
        time=TimeRef(when, until, when),
        action_country=action_country,
        rules=("test:rule",),
        confidence=0.8,
    )


EventSpec = Callable[[Article], list[Event]]


class ScriptedCoder:
    """Codes each article with the events a test wrote for it (by article id); others get none."""

    version = "scripted-1"

    def __init__(self, script: dict[str, EventSpec]) -> None:
        self.script = script
        self.calls: list[str] = []

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in articles:
            self.calls.append(article.id)
            coded = CodedArticle(article=article, sentences=split_sentences(article.text))
            spec = self.script.get(article.id)
            coded.events = spec(article) if spec else []
            yield coded


def seed_like_events(article: Article) -> list[Event]:
    """The planned visit three times (2024-05, 2024-05-16..31, undated) and one denunciation."""
    return [
        make_event(
            article,
            "melakukan perjalanan ke",
            "RUSGOV",
            "042",
            "CHN",
            "planned",
            "2024-05",
            action_country="CHN",
        ),
        make_event(
            article,
            "Kunjungan Putin ke Cina",
            "RUSGOV",
            "042",
            "CHN",
            "planned",
            "2024-05-16",
            "2024-05-31",
            action_country="CHN",
        ),
        make_event(article, "Rencananya kunjungan itu", "RUSGOV", "042", "CHN", "planned"),
        make_event(article, "telah mengecam", "WSTGOV", "111", "RUSGOV", "asserted", goldstein=-2.0, quad=3),
    ]


def seed_like_article(
    article_id: str = "seed-like",
    published: date | None = date(2024, 3, 20),
    outlet: str | None = "JagatBisnis.com",
    url: str | None = "https://jagatbisnis.test/a1",
) -> Article:
    return Article(article_id, SEED_LIKE, title="Putin ke Cina", published=published, url=url, outlet=outlet)
