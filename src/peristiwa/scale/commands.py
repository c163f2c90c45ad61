"""Helpers for the CLI: ``peristiwa code --workers N | --dask ADDRESS|local --out-parquet DIR`` and
``peristiwa ingest DATASET_DIR``.

Kept out of ``cli.py`` so the command module stays a thin layer over typed functions that tests
call directly; the wiring the CLI needs is a few lines (see ``docs/performance.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from peristiwa.model import Article, CodedArticle
from peristiwa.scale import parquet
from peristiwa.scale.parquet import (
    ParquetDatasetError,
    PrecodedCoder,
    is_coded_dataset,
    iter_parquet_coded,
    iter_parquet_events,
)
from peristiwa.scale.workers import RunStats

__all__ = [
    "ParallelCoder",
    "ParquetDatasetError",
    "PrecodedCoder",
    "code_parallel",
    "current_coder_version",
    "is_coded_dataset",
    "iter_parquet_coded",
    "iter_parquet_events",
    "write_parquet_dataset",
]


def code_parallel(
    articles_iter: Iterable[Article],
    workers: int | None,
    dask: str | None,
    *,
    fast: bool = True,
    chunk_size: int = 16,
    stats: RunStats | None = None,
) -> Iterator[CodedArticle]:
    """Code articles in this process, in ``workers`` processes, or on a Dask cluster; in input order.

    ``dask`` wins over ``workers`` (it is an address, or ``local`` for a LocalCluster of
    ``workers`` processes, 2 when not given). ``workers`` of None or 1 codes in this process,
    with the same fast pipeline the workers use. Pass only Articles: read errors are the
    caller's to count and report (the readers interleave them).
    """
    if workers is not None and workers < 1:
        raise ValueError(f"--workers must be at least 1, not {workers}")
    if dask:
        from peristiwa.scale.dask import code_on_dask

        yield from code_on_dask(
            articles_iter, dask, local_workers=workers or 2, chunk_size=chunk_size, fast=fast, stats=stats
        )
        return
    if workers is not None and workers > 1:
        from peristiwa.scale.workers import code_in_processes

        yield from code_in_processes(articles_iter, workers, chunk_size=chunk_size, fast=fast, stats=stats)
        return
    from peristiwa.scale.pipeline import process_coder

    yield from process_coder(fast).code_articles(articles_iter, batch_size=chunk_size)


def current_coder_version() -> str:
    """The version string the store records for the real coder (so a Parquet ingest matches it)."""
    from peristiwa.coding.coder import Coder
    from peristiwa.store.ingest import coder_version

    return coder_version(Coder.__new__(Coder))  # only the type and the data files matter


def write_parquet_dataset(coded_iter: Iterable[CodedArticle], out_dir: str | Path) -> tuple[int, int]:
    """Write a Parquet dataset partitioned by publication date; returns (articles, events)."""
    return parquet.write_parquet_dataset(coded_iter, out_dir, coder_version=current_coder_version())


class ParallelCoder:
    """The coder ``peristiwa ingest --workers N`` hands the store: the fast pipeline in N processes.

    Its ``version`` is the real coder's, so articles coded this way and by the one-process coder
    share content hashes (a rerun with the other skips them) and the events are the same
    (``tests/test_scale_fast.py`` pins the fast pipeline to the shipped one).
    """

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self.version = current_coder_version()

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        yield from code_parallel(articles, self.workers, None)
