"""Code articles on a Dask distributed cluster: a local one (``local``) or any running scheduler.

The client cuts the article stream into chunks and submits each as one task; every worker process
loads the pipeline once (on its first chunk, cached per process) and codes its chunks with
``nlp.pipe``. Results come back in input order through a bounded window, exactly like the process
pool in :mod:`peristiwa.scale.workers`, so the events are the same as a single-process run.

Nothing here knows what kind of cluster it talks to: a scheduler started by ``dask-kubernetes``,
``dask-jobqueue`` (SLURM, PBS, SGE), ``dask-mpi`` or by hand is just an address
(``tcp://host:8786``). The workers need peristiwa installed (same version), nothing else: the
model ships inside the package. See ``docs/performance.md``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

from peristiwa.model import Article, CodedArticle
from peristiwa.scale.workers import DEFAULT_CHUNK, WINDOW_PER_WORKER, ChunkResult, RunStats, chunked

LOCAL = "local"
# A worker with several threads would otherwise load the model once per thread and run two
# pipelines over one spaCy Language at once; one lock per worker process keeps it to one of each.
_LOCK = threading.Lock()


def dask_code_chunk(chunk: list[Article], fast: bool = True) -> ChunkResult:
    """The task run on a Dask worker: code one chunk with the worker process's coder."""
    from peristiwa.scale.workers import code_chunk

    with _LOCK:
        return code_chunk(chunk, fast)


def connect(address: str, local_workers: int = 2) -> tuple[Any, Any]:
    """A Client for ``address`` (or for a new LocalCluster when it is ``local``) and the cluster to close.

    The local cluster uses processes with one thread each: spaCy releases the GIL too little for
    threads to help, and one model per process is what the memory budget assumes.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise RuntimeError("Dask is not installed: pip install 'peristiwa[dask]'") from exc
    if address == LOCAL:
        cluster = LocalCluster(
            n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster), cluster
    return Client(address), None


def code_on_dask(
    articles: Iterable[Article],
    address: str,
    *,
    local_workers: int = 2,
    chunk_size: int = DEFAULT_CHUNK,
    fast: bool = True,
    stats: RunStats | None = None,
) -> Iterator[CodedArticle]:
    """Code ``articles`` on the cluster at ``address`` (or ``local``); yields in input order."""
    client, cluster = connect(address, local_workers)
    try:
        slots = sum(client.nthreads().values()) or 1
        window = slots * WINDOW_PER_WORKER
        pending = []
        for chunk in chunked(articles, chunk_size):
            # pure=False: two identical chunks are still two tasks (results are per article anyway)
            # with its chunk: what to report if the task fails
            pending.append((client.submit(dask_code_chunk, chunk, fast, pure=False), chunk))
            while len(pending) >= window:
                yield from _take(*pending.pop(0), stats)
        while pending:
            yield from _take(*pending.pop(0), stats)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _take(fut: Any, chunk: list[Article], stats: RunStats | None) -> list[CodedArticle]:
    try:
        res: ChunkResult = fut.result()
    except Exception as exc:  # the task as a whole failed (a worker died): report its articles
        from peristiwa.scale.workers import failed_chunk

        return failed_chunk(chunk, exc)
    fut.release()
    if stats is not None:
        stats.add(res)
    return res.coded
