"""Incremental story merging equals a full recomputation, whatever the batches and their order."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_store_support import (  # noqa: F401  (fixtures, used by name)
    ScriptedCoder,
    backend_url_fixture,
    make_event,
    pg_url_fixture,
    snapshot,
)

from peristiwa.model import Article, Event
from peristiwa.store.db import open_store
from peristiwa.store.incremental import merge_ranges
from peristiwa.store.ingest import ingest

START = date(2024, 5, 1)
DAYS = 60  # few days and few keys: mentions collide, stories merge and split
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


def _when(rnd: random.Random) -> tuple[str, str]:
    """An event date as the coder writes them: none, a day, a month, a range, rarely a year."""
    kind = rnd.random()
    day = START + timedelta(days=rnd.randrange(DAYS))
    if kind < 0.45:
        return "", ""
    if kind < 0.85:
        return day.isoformat(), ""
    if kind < 0.9:
        return day.isoformat()[:7], ""
    if kind < 0.98:
        return day.isoformat(), (day + timedelta(days=rnd.randrange(1, 6))).isoformat()
    return "2024", ""


def random_version(rnd: random.Random, article_id: str, version: int) -> tuple[Article, list[dict]]:  # type: ignore[type-arg]
    """An article of a few sentences and the events a coder would find in it (few keys: they collide)."""
    n = rnd.randint(1, 5)
    text = " ".join(f"Kalimat {WORDS[i]} versi {version} artikel {article_id}." for i in range(n))
    published = None if rnd.random() < 0.06 else START + timedelta(days=rnd.randrange(DAYS))
    article = Article(article_id, text, published=published, outlet=rnd.choice(["A", "B", "C", ""]))
    events = []
    for i in range(n):
        for _ in range(rnd.choice([0, 1, 1, 2])):
            when, until = _when(rnd)
            events.append(
                {
                    "anchor": f"Kalimat {WORDS[i]}",
                    "actor1": rnd.choice(["RUSGOV", "RUSGOV", "IDNGOV"]),
                    "code": rnd.choice(["042", "042", "111"]),
                    "actor2": rnd.choice(["CHN", "CHN", "CHN", "CHN", ""]),
                    "modality": rnd.choice(["asserted", "asserted", "planned", "negated"]),
                    "when": when,
                    "until": until,
                }
            )
    return article, events


def _spec(events: list[dict]):  # type: ignore[no-untyped-def,type-arg]
    def spec(article: Article) -> list[Event]:
        return [make_event(article, **e) for e in events]

    return spec


Version = tuple[Article, list[dict]]  # type: ignore[type-arg]


def scenario(seed: int) -> tuple[list[list[Version]], dict[str, Version]]:
    """Batches of new and changed articles, and each article's final version."""
    rnd = random.Random(seed)
    final: dict[str, Version] = {}
    batches: list[list[Version]] = []
    version = 0
    for _ in range(rnd.randint(6, 12)):
        batch: dict[str, Version] = {}
        for _ in range(rnd.randint(1, 10)):
            version += 1
            # a quarter are changed texts: the old events go, new ones come
            aid = rnd.choice(sorted(final)) if final and rnd.random() < 0.25 else f"a{len(final):03d}"
            article, events = random_version(rnd, aid, version)
            final[aid] = (article, events)
            batch[aid] = (article, events)
        batches.append(list(batch.values()))
    return batches, final


def test_merge_ranges_joins_only_ranges_that_share_a_day() -> None:
    d = date(2024, 1, 1)
    ranges = [
        (d, d + timedelta(2)),
        (d + timedelta(2), d + timedelta(4)),
        (d + timedelta(5), d + timedelta(6)),
    ]
    assert merge_ranges(ranges) == [(d, d + timedelta(4)), (d + timedelta(5), d + timedelta(6))]


def _coder(versions: list[Version]) -> ScriptedCoder:
    coder = ScriptedCoder({a.id: _spec(events) for a, events in versions})
    coder.version = "v"  # type: ignore[misc]
    return coder


@pytest.mark.parametrize("seed", range(30))
def test_batches_equal_one_ingest_of_everything(seed: int, tmp_path: Path) -> None:
    """New and changed articles in several batches, on DuckDB: the same tables as one ingest of the
    final versions, and as a full rebuild of the stories."""
    batches, final = scenario(seed)
    batched = str(tmp_path / "batched.duckdb")
    with open_store(batched) as store:
        for batch in batches:
            ingest(store, [a for a, _ in batch], _coder(batch))
    whole = str(tmp_path / "whole.duckdb")
    with open_store(whole) as store:
        ingest(store, [a for a, _ in final.values()], _coder(list(final.values())), batch_size=10_000)
    got, want = snapshot(batched), snapshot(whole)
    assert want["stories"] and want["events"]
    for table in want:
        assert got[table] == want[table], table
    with open_store(batched) as store:
        store.rebuild_stories()
    assert snapshot(batched) == want


@pytest.mark.parametrize("seed", [3, 11])
def test_batches_equal_one_ingest_on_both_backends(seed: int, backend_url: str, tmp_path: Path) -> None:
    """The same on PostgreSQL (PERISTIWA_TEST_PG), against a full rebuild in the same store."""
    batches, _final = scenario(seed)
    with open_store(backend_url) as store:
        for batch in batches:
            ingest(store, [a for a, _ in batch], _coder(batch))
    incremental = snapshot(backend_url)
    with open_store(backend_url) as store:
        store.rebuild_stories()
    assert snapshot(backend_url) == incremental


@pytest.mark.parametrize("seed", range(12))
def test_batches_equal_one_ingest_when_mentions_are_read_by_index(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large DuckDB store reads mentions by id through indexes (each once per batch) instead of in
    each lookup's join: forced here on a small one, the tables are still those of a full rebuild."""
    from peristiwa.store import incremental

    monkeypatch.setattr(incremental, "INDEX_READS_FROM", 0)
    batches, _final = scenario(seed)
    url = str(tmp_path / "indexed.duckdb")
    with open_store(url) as store:
        assert incremental.reads_by_index(store.backend)
        for batch in batches:
            ingest(store, [a for a, _ in batch], _coder(batch))
    got = snapshot(url)
    assert got["stories"] and got["events"]
    with open_store(url) as store:
        store.rebuild_stories()
    assert snapshot(url) == got
