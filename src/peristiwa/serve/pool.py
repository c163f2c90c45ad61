"""The server's coding pool: CPU-bound coding off the event loop, bounded, with a time limit.

spaCy holds the GIL for much of its work, so coding in a thread of the server process stalls every
other request's Python (routing, JSON, templates) however many threads there are: measured in
``docs/web.md``, a read's p99 went from tens of milliseconds to seconds while texts were coded in
threads. The default pool is therefore one of worker *processes* (``spawn``: no fork of a process
that runs threads), each with its own coder, loaded on its first job. ``kind="thread"`` keeps one
coder in the server process (tests, and the comparison in the benchmark).

The pool is bounded: ``workers`` jobs run, at most ``queue`` more wait; a job beyond that is refused
at once with :class:`PoolFull` (the app answers 503 with ``Retry-After``) instead of queueing
without limit. A job that runs past ``time_limit`` seconds is :class:`CodingTimeout` (503); in a
process pool its worker processes are killed and replaced, because Python cannot stop a running
function any other way (jobs of other requests in flight then fail with :class:`PoolFull` too).
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from peristiwa.model import Article, CodedArticle

CoderFactory = Callable[[], Any]
DEFAULT_TIME_LIMIT = 60.0  # seconds one coding request may take
RETRY_AFTER = 5  # seconds, in the 503's Retry-After header


class PoolFull(Exception):
    """Every worker is busy and the waiting room is full: try again in a few seconds."""


class CodingTimeout(Exception):
    """One job ran past the time limit and was stopped."""


@dataclass(slots=True)
class CodingResult:
    """What a job gives back: the coder's version, the coded articles, and those that failed.

    ``failed`` holds (index in the request, article id, one-line reason); ``coded`` only the others.
    """

    version: str
    coded: list[CodedArticle] = field(default_factory=list)
    failed: list[tuple[int, str, str]] = field(default_factory=list)


_WORKER_CODERS: dict[CoderFactory, Any] = {}  # per worker process: its coder, made once (model loads)


def _coder_for(factory: CoderFactory) -> Any:
    coder = _WORKER_CODERS.get(factory)
    if coder is None:
        coder = _WORKER_CODERS[factory] = factory()
    return coder


def _reason(exc: BaseException) -> str:
    first = (str(exc).splitlines() or [""])[0][:300]
    return f"{exc.__class__.__name__}: {first}" if first else exc.__class__.__name__


def code_job(factory: CoderFactory, articles: Sequence[Article]) -> CodingResult:
    """Code ``articles`` (batched; one by one to find the culprit when the batch raises)."""
    from peristiwa.store.ingest import coder_version

    coder = _coder_for(factory)
    result = CodingResult(version=coder_version(coder))
    try:
        result.coded = list(coder.code_articles(list(articles)))
        return result
    except Exception:  # (which article? code them one at a time to say)
        pass
    for i, article in enumerate(articles):
        try:
            result.coded.extend(coder.code_articles([article]))
        except Exception as exc:  # (one article's failure is reported, not raised)
            result.failed.append((i, article.id, _reason(exc)))
    return result


_THREAD_CODER_LOCK = threading.Lock()  # thread pools share one coder per process: one job at a time


def locked_code_job(factory: CoderFactory, articles: Sequence[Article]) -> CodingResult:
    """:func:`code_job` for a thread pool (a timed-out job may still run beside the next one)."""
    with _THREAD_CODER_LOCK:
        return code_job(factory, articles)


def warm_job(factory: CoderFactory) -> None:
    """Load the coder (and its model) in a worker before the first real request needs it."""
    coder = _coder_for(factory)
    nlp = getattr(coder, "nlp", None)  # the real coder loads spaCy lazily: touch it
    del nlp


def _watch_parent() -> None:
    """Pool initializer: a worker whose server died (even by SIGKILL) exits instead of lingering."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="peristiwa-parent-watch").start()


def _picklable(value: object) -> bool:
    import pickle

    try:
        pickle.dumps(value)
    except Exception:  # (pickle raises several kinds for functions it cannot name)
        return False
    return True


def default_workers() -> int:
    """One worker per core beyond the first, at least one: a core stays free for reads."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


class CodingPool:
    """A bounded pool of coders (processes by default); see the module docstring."""

    def __init__(
        self,
        factory: CoderFactory,
        workers: int | None = None,
        queue: int | None = None,
        kind: str = "process",
        time_limit: float = DEFAULT_TIME_LIMIT,
    ) -> None:
        if kind not in ("process", "thread"):
            raise ValueError(f"pool kind must be 'process' or 'thread', not {kind!r}")
        self.factory = factory
        if kind == "process" and not _picklable(factory):
            kind = "thread"  # a lambda or local class cannot reach a worker process: code in a thread
        self.kind = kind
        self.workers = 1 if kind == "thread" else workers or default_workers()
        self.capacity = self.workers + (queue if queue is not None else 2 * self.workers)
        self.time_limit = time_limit
        self._lock = threading.Lock()
        self._busy = 0
        self._executor: cf.Executor | None = None
        self._job = code_job if kind == "process" else locked_code_job

    def _pool(self) -> cf.Executor:
        with self._lock:
            if self._executor is None:
                if self.kind == "process":
                    ctx = multiprocessing.get_context("spawn")
                    self._executor = cf.ProcessPoolExecutor(
                        self.workers, mp_context=ctx, initializer=_watch_parent
                    )
                else:
                    self._executor = cf.ThreadPoolExecutor(1, thread_name_prefix="peristiwa-coder")
            return self._executor

    def warm(self) -> None:
        """Start the workers and load their coders in the background (``serve`` does this at start)."""
        pool = self._pool()
        for _ in range(self.workers):
            pool.submit(warm_job, self.factory)

    @property
    def busy(self) -> int:
        return self._busy

    async def code(self, articles: Sequence[Article]) -> CodingResult:
        """Code in the pool without blocking the event loop; PoolFull or CodingTimeout when it cannot."""
        with self._lock:
            if self._busy >= self.capacity:
                raise PoolFull(
                    f"all {self.workers} coding worker(s) are busy and {self.capacity - self.workers} "
                    "request(s) are waiting"
                )
            self._busy += 1
        try:
            future = asyncio.get_running_loop().run_in_executor(
                self._pool(), self._job, self.factory, list(articles)
            )
            try:
                return await asyncio.wait_for(future, self.time_limit)
            except TimeoutError:
                self._restart()
                raise CodingTimeout(
                    f"coding took longer than the limit of {self.time_limit:g} s and was stopped"
                ) from None
            except BrokenProcessPool:
                self._restart()
                raise PoolFull("a coding worker stopped (another request ran past the time limit)") from None
        finally:
            with self._lock:
                self._busy -= 1

    def _restart(self) -> None:
        """Kill the worker processes (the only way to stop a running job) and start afresh next time."""
        with self._lock:
            executor, self._executor = self._executor, None
        if isinstance(executor, cf.ProcessPoolExecutor):
            for proc in list(getattr(executor, "_processes", {}).values()):  # no public way to stop one
                proc.kill()
            executor.shutdown(wait=False, cancel_futures=True)
        elif executor is not None:  # a thread cannot be stopped: let it finish, with a fresh one next
            executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers: idle ones cleanly, busy ones killed (nothing waits for a half-coded text)."""
        if self._busy:
            self._restart()
            return
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
