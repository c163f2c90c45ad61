"""Code articles in N worker processes, in input order.

Each worker process loads the pipeline once (in the pool initializer) and codes chunks of
articles with ``nlp.pipe``; the parent keeps a bounded window of chunks in flight and yields the
results strictly in input order, so ``--workers 4`` writes the same file as ``--workers 1`` and a
stream of any length never piles up in memory.

Processes are started with ``spawn``: a forked copy of a parent that already loaded spaCy (and
maybe its thread pools) is a classic source of deadlocks, and spawn behaves the same on Linux,
macOS and Windows. The cost is a few seconds per worker at start-up, paid once per run.

Each worker's BLAS runs one thread (unless the user set ``OPENBLAS_NUM_THREADS`` and friends):
N workers already keep N cores busy, and OpenBLAS's own threads on top made the NER 12 % slower
per article on this machine (``docs/performance.md``).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import resource
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice

from peristiwa.model import Article, CodedArticle

DEFAULT_CHUNK = 16  # articles per task: one nlp.pipe batch; small enough to keep order cheap
WINDOW_PER_WORKER = 3  # chunks in flight per worker: enough to never starve one, bounded memory


@dataclass(slots=True)
class ChunkResult:
    """What one worker sends back for one chunk: the coded articles plus its own vital signs."""

    coded: list[CodedArticle]
    worker: str
    peak_rss: int  # bytes, the worker process's peak resident set so far
    seconds: float


@dataclass(slots=True)
class RunStats:
    """Per-worker figures gathered while coding (for the benchmark and for progress reports)."""

    peak_rss: dict[str, int] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)
    busy_seconds: dict[str, float] = field(default_factory=dict)

    def add(self, res: ChunkResult) -> None:
        self.peak_rss[res.worker] = max(self.peak_rss.get(res.worker, 0), res.peak_rss)
        self.articles[res.worker] = self.articles.get(res.worker, 0) + len(res.coded)
        self.busy_seconds[res.worker] = self.busy_seconds.get(res.worker, 0.0) + res.seconds


def peak_rss_bytes() -> int:
    """This process's peak resident set size in bytes (ru_maxrss is kB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of ``size`` items, read lazily (the input may be a huge stream)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def code_chunk(chunk: list[Article], fast: bool = True) -> ChunkResult:
    """Code one chunk with this process's coder (loaded once per process, on first use)."""
    from peristiwa.scale.pipeline import process_coder

    started = time.perf_counter()
    coded = list(process_coder(fast).code_articles(chunk, batch_size=max(1, len(chunk))))
    return ChunkResult(coded, f"pid-{os.getpid()}", peak_rss_bytes(), time.perf_counter() - started)


def _init_worker(fast: bool) -> None:
    """Pool initializer: load the pipeline before the first task, once per worker process."""
    from peristiwa.scale.pipeline import process_coder

    process_coder(fast).nlp  # noqa: B018 - the property loads the model
    settle_heap()


#: Allocations between two young-generation collections in a worker (Python's default is 700).
WORKER_GC_THRESHOLD = (5000, 20, 10)


def settle_heap() -> None:
    """Keep the cyclic garbage collector off what a worker loaded once and keeps for good.

    After start-up a worker holds ~165,000 container objects (the model, the dictionaries, the
    gazetteers) that live as long as it does; every full collection walked them all again, and
    with Python's default thresholds a worker collected the young generation every few hundred
    allocations. Freezing the loaded heap and collecting less often cut the collector's share of
    a worker's CPU time from 15 % to 2 % (``docs/performance.md``), with the same peak memory: the
    only cyclic garbage left per article is its Doc, still collected within a few articles.
    Only workers do this: the process is theirs, while ``peristiwa code`` without workers runs
    in the caller's own process.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLD)


def ordered_results(submit: Iterator[Future], window: int, stats: RunStats | None) -> Iterator[CodedArticle]:
    """Yield the results of ``submit``'s futures in submission order, ``window`` in flight at most."""
    pending: deque[Future] = deque()
    for fut in submit:
        pending.append(fut)
        while len(pending) >= window:
            yield from _take(pending.popleft(), stats)
    while pending:
        yield from _take(pending.popleft(), stats)


def _take(fut: Future, stats: RunStats | None) -> list[CodedArticle]:
    try:
        res: ChunkResult = fut.result()
    except Exception as exc:  # the chunk as a whole failed (a worker died): report its articles
        return failed_chunk(getattr(fut, "chunk", []), exc)
    if stats is not None:
        stats.add(res)
    return res.coded


def failed_chunk(chunk: list[Article], exc: BaseException) -> list[CodedArticle]:
    """Every article of a chunk that came back as an exception, each marked failed (not lost)."""
    why = f"coding failed in a worker ({exc.__class__.__name__}: {str(exc)[:200]})"
    return [CodedArticle(article=a, error=why) for a in chunk]


def code_in_processes(
    articles: Iterable[Article],
    workers: int,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    fast: bool = True,
    stats: RunStats | None = None,
    start_method: str = "spawn",
) -> Iterator[CodedArticle]:
    """Code ``articles`` in ``workers`` processes; yields CodedArticles in input order."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    ctx = mp.get_context(start_method)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(fast,))

    pool = new_pool()
    saved = _single_threaded_blas()  # inherited by the workers, which start on the first submit

    def submit(chunk: list[Article]) -> Future:
        nonlocal pool
        try:
            fut = pool.submit(code_chunk, chunk, fast)
        except BrokenProcessPool:  # a worker died on an earlier chunk: go on with a fresh pool
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()
            fut = pool.submit(code_chunk, chunk, fast)
        fut.chunk = chunk  # type: ignore[attr-defined]  # what to report if the chunk fails
        return fut

    try:
        futures = (submit(chunk) for chunk in chunked(articles, chunk_size))
        yield from ordered_results(futures, workers * WINDOW_PER_WORKER, stats)
    finally:
        # a consumer that stops early (an error downstream, Ctrl-C) must not wait for the backlog
        pool.shutdown(wait=True, cancel_futures=True)
        os.environ.clear()
        os.environ.update(saved)


#: Environment variables that set the BLAS thread count of a process when it starts.
BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _single_threaded_blas() -> dict[str, str]:
    """One BLAS thread for the processes started from now on, unless the user chose; returns
    the environment as it was, to restore when the pool is gone."""
    saved = dict(os.environ)
    for var in BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")
    return saved
