"""Parquet datasets: partitioned by publication date, lossless, and loadable into the store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from test_store_support import snapshot

from peristiwa.model import Article
from peristiwa.scale.commands import (
    ParquetDatasetError,
    PrecodedCoder,
    is_coded_dataset,
    iter_parquet_coded,
    iter_parquet_events,
    write_parquet_dataset,
)
from peristiwa.scale.parquet import write_parquet_dataset as write_raw
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder
from peristiwa.store.ingest import ingest

TEXTS = [
    ("a1", "Rusia mengecam Amerika Serikat. Perdagangan mencapai $218,2 miliar.", date(2024, 3, 20)),
    ("a2", "Jepang mengecam Korea Utara pada Senin.", date(2024, 3, 21)),
    ("a3", "Cina mengecam Jepang. Rusia mengecam Ukraina.", date(2024, 3, 20)),
    ("a4", "Tidak ada peristiwa di sini sama sekali.", None),
]


def articles() -> list[Article]:
    return [Article(i, t, published=p, outlet="Warta", url=f"https://w.example/{i}") for i, t, p in TEXTS]


def test_dataset_is_partitioned_by_date_and_round_trips(tmp_path: Path) -> None:
    coded = list(FakeCoder().code_articles(articles()))
    assert sum(len(c.events) for c in coded) >= 3  # the fake coder found something to write
    out = tmp_path / "ds"
    n_articles, n_events = write_parquet_dataset(iter(coded), out)
    assert (n_articles, n_events) == (4, sum(len(c.events) for c in coded))
    assert is_coded_dataset(out) and not is_coded_dataset(tmp_path)
    parts = sorted(p.name for p in (out / "events").iterdir())
    assert parts == ["published=2024-03-20", "published=2024-03-21"]
    assert (out / "articles" / "published=unknown").is_dir()
    # whole coded articles come back equal, field for field
    back = sorted(iter_parquet_coded(out), key=lambda c: c.article.id)
    assert back == sorted(coded, key=lambda c: c.article.id)
    # the flat events are exactly the JSONL contract plus the partition column
    expected = {e.event_id: {**e.to_record(), "published": c.article.published.isoformat()}
                for c in coded for e in c.events}  # fmt: skip
    got = {r["event_id"]: r for r in iter_parquet_events(out)}
    assert got == expected
    meta = json.loads((out / "_peristiwa.json").read_text())
    assert meta["coder_version"] and meta["events"] == n_events


def test_many_batches_keep_every_article(tmp_path: Path) -> None:
    many = [Article(f"x{i}", "Rusia mengecam Jepang.", published=date(2024, 1, 1 + i % 3)) for i in range(7)]
    write_raw(FakeCoder().code_articles(many), tmp_path / "ds", coder_version="v", batch_articles=2)
    assert sorted(c.article.id for c in iter_parquet_coded(tmp_path / "ds")) == sorted(a.id for a in many)
    assert len(list(iter_parquet_events(tmp_path / "ds"))) == 7


def test_refuses_to_mix_runs_and_rejects_foreign_directories(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    write_parquet_dataset(FakeCoder().code_articles(articles()[:1]), out)
    with pytest.raises(ParquetDatasetError, match="not an empty directory"):
        write_parquet_dataset(FakeCoder().code_articles(articles()[:1]), out)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "_peristiwa.json").write_text('{"format": "something-else"}')
    with pytest.raises(ParquetDatasetError, match="not one"):
        list(iter_parquet_events(tmp_path / "other"))


def test_store_ingest_of_a_dataset_equals_coding_in_place(tmp_path: Path) -> None:
    fake = FakeCoder()
    direct, via = str(tmp_path / "direct.duckdb"), str(tmp_path / "via.duckdb")
    with open_store(direct) as store:
        ingest(store, articles(), fake)
    write_raw(fake.code_articles(articles()), tmp_path / "ds", coder_version=fake.version)
    pre = PrecodedCoder(tmp_path / "ds")
    with open_store(via) as store:
        summary = ingest(store, pre.articles(), pre)
    assert (summary.new, summary.errors) == (4, [])
    assert snapshot(via) == snapshot(direct)
    with open_store(via) as store:  # the same dataset again: nothing to do
        again = ingest(store, pre.articles(), PrecodedCoder(tmp_path / "ds"))
    assert (again.new, again.unchanged) == (0, 4)
