"""Worker processes and a Dask cluster code exactly what one process codes, in input order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peristiwa.config import MODEL_DIR
from peristiwa.model import Article
from peristiwa.scale.commands import code_parallel, iter_parquet_events, write_parquet_dataset
from peristiwa.scale.workers import RunStats, chunked


def _key(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def test_chunked_is_lazy_and_complete() -> None:
    def gen():  # an endless stream must not be read ahead beyond one chunk
        i = 0
        while True:
            yield Article(str(i), "x")
            i += 1

    it = chunked(gen(), 3)
    assert [a.id for a in next(it)] == ["0", "1", "2"]
    assert [[a.id for a in c] for c in chunked([Article(str(i), "x") for i in range(5)], 2)] == [
        ["0", "1"],
        ["2", "3"],
        ["4"],
    ]


def test_bad_worker_count_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(code_parallel([], 0, None))


@pytest.fixture(scope="module")
def sample(shared_data: Path) -> list[Article]:
    from peristiwa.ingest.readers import InputError, iter_articles

    path = shared_data / "news" / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"no corpus at {path}")
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip("trained pipeline not built")
    arts = [a for a in iter_articles([str(path)]) if not isinstance(a, InputError)]
    return arts[7 :: max(1, len(arts) // 30)][:30]


@pytest.fixture(scope="module")
def single(sample: list[Article]) -> list[dict]:
    """The reference: the shipped coder in this process, no shortcuts."""
    from peristiwa.coding.coder import Coder
    from peristiwa.nlp import load

    records = [e.to_record() for c in Coder(nlp=load()).code_articles(sample) for e in c.events]
    assert len(records) >= 5
    return records


@pytest.mark.data
@pytest.mark.slow
def test_two_worker_processes_give_the_single_process_events(
    sample: list[Article], single: list[dict]
) -> None:
    import os

    stats = RunStats()
    env = dict(os.environ)
    coded = list(code_parallel(iter(sample), 2, None, chunk_size=4, stats=stats))
    assert dict(os.environ) == env  # the workers' one-BLAS-thread setting does not leak
    assert [c.article.id for c in coded] == [a.id for a in sample]  # order kept
    assert [e.to_record() for c in coded for e in c.events] == single
    assert 1 <= len(stats.peak_rss) <= 2  # at most two processes, each loaded the model once
    # (memory per worker is a target measured by benchmarks/bench_pipeline.py, not asserted here)


@pytest.mark.data
@pytest.mark.slow
def test_local_dask_cluster_gives_the_single_process_events(
    sample: list[Article], single: list[dict], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    stats = RunStats()
    coded = list(code_parallel(iter(sample), 2, "local", chunk_size=4, stats=stats))
    assert [c.article.id for c in coded] == [a.id for a in sample]  # order kept
    assert [e.to_record() for c in coded for e in c.events] == single
    assert 1 <= len(stats.peak_rss) <= 2  # two worker processes at most, one model each
    n_articles, n_events = write_parquet_dataset(iter(coded), tmp_path / "out")
    assert (n_articles, n_events) == (len(sample), len(single))
    stored = [{k: v for k, v in r.items() if k != "published"} for r in iter_parquet_events(tmp_path / "out")]
    assert sorted(map(_key, stored)) == sorted(map(_key, single))
    by_id = {a.id: a.published for a in sample}
    for r in iter_parquet_events(tmp_path / "out"):
        assert r["published"] == (by_id[r["article_id"]].isoformat() if by_id[r["article_id"]] else "unknown")


def test_a_worker_freezes_what_it_loaded_and_collects_less_often() -> None:
    """settle_heap (run by each worker once its model is loaded) keeps the collector off the
    loaded heap; run in a process of its own, as a worker's is."""
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from peristiwa.scale.workers import WORKER_GC_THRESHOLD, settle_heap\n"
        "loaded = [[n] for n in range(5000)]\n"
        "before = gc.get_freeze_count()\n"
        "settle_heap()\n"
        "print(gc.get_freeze_count() - before >= 5000, gc.get_threshold() == WORKER_GC_THRESHOLD)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]
