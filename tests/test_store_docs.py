"""docs/store.md is a public interface: its SQL runs as written, and its schema names every column."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from test_store_support import (  # noqa: F401  (fixtures, used by name)
    ScriptedCoder,
    duck_url_fixture,
    make_event,
    seed_like_article,
    seed_like_events,
)

from peristiwa.model import Article
from peristiwa.store.db import open_store
from peristiwa.store.ingest import ingest
from peristiwa.store.schema import LATEST_VERSION, TABLE_COLUMNS

DOC = Path(__file__).resolve().parent.parent / "docs" / "store.md"
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_page_has_the_promised_examples() -> None:
    assert len(SQL_BLOCKS) >= 5
    text = DOC.read_text(encoding="utf-8")
    for needle in ("duckdb -readonly", ".df()", ".pl()", "pl.read_database", f"Version {LATEST_VERSION}"):
        assert needle in text


def test_every_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for table, columns in TABLE_COLUMNS.items():
        assert f"**`{table}`**" in text, table
        for name, _ in columns:
            assert f"`{name}`" in text, f"{table}.{name}"


@pytest.fixture(name="doc_store")
def doc_store_fixture(duck_url: str) -> str:
    """Something for every documented query to find: a dyad timeline, a link, money, a merged story."""
    money = Article(
        "uang",
        "Perdagangan Rusia dan Cina mencapai $218,2 miliar. Rusia mengecam Cina.",
        published=date(2024, 4, 2),
        outlet="Detik.com",
    )
    made = Article(
        "made", "Putin tiba di Beijing pada 16 Mei 2024.", published=date(2024, 5, 16), outlet="Tempo"
    )
    jakarta = Article(
        "idn", "Prabowo bertemu Xi Jinping di Beijing.", published=date(2025, 6, 3), outlet="Kompas"
    )
    script = {
        "seed-like": seed_like_events,
        "made": lambda a: [
            make_event(a, "tiba di Beijing", "RUSGOV", "042", "CHN", "asserted", "2024-05-16")
        ],
        "uang": lambda a: [make_event(a, "mengecam", "RUS", "111", "CHN", goldstein=-2.0, quad=3)],
        "idn": lambda a: [make_event(a, "bertemu", "IDNGOV", "040", "CHNGOV", "asserted", "2025-06-02")],
    }
    with open_store(duck_url) as store:
        ingest(store, [seed_like_article(), made, money, jakarta], ScriptedCoder(script))
        store.backend.execute(
            "INSERT INTO facts VALUES ('uang', 0, 'money', '$218,2 miliar', 2.182e11, 'USD', 35, 48, 0, "
            "'perdagangan')"
        )
    return duck_url


@pytest.mark.parametrize("sql", SQL_BLOCKS, ids=[f"sql{i}" for i in range(len(SQL_BLOCKS))])
def test_documented_sql_runs_and_finds_something(doc_store: str, sql: str) -> None:
    con = duckdb.connect(doc_store, read_only=True)
    try:
        assert con.execute(sql).fetchall()
    finally:
        con.close()
