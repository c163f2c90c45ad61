"""Where the web server's reads come from, and how they share a DuckDB file with ``peristiwa ingest``.

DuckDB locks its file per process: a read-only connection takes a shared lock, a writer an exclusive
one, so a server that kept the store open read-only would lock every ``peristiwa ingest`` out for
as long as it runs. Two sources, chosen by :func:`open_source`:

* :class:`SnapshotSource` (a read-only server on a DuckDB file, the default): the server reads a
  private copy of the file. It takes the file's shared lock only for the copy (tens of milliseconds
  for 100,000 events) and never holds it between requests, so an ingest can open the file at any
  time, waiting at most for one copy. When the file changes (its size, mtime, inode or WAL) and no
  writer holds it, the next request makes a fresh copy and later requests read that: the pages
  show an ingest's events once it has committed and closed the file. While a writer holds it, the
  previous copy keeps answering. A file that vanishes or cannot be read any more is a
  :class:`~peristiwa.store.backend.StoreError` (503), never a stale answer dressed as current.
* :class:`SharedStore` (a token server, PostgreSQL, or a store handed in by a test): one open
  :class:`~peristiwa.store.db.Store`; each worker thread reads through its own DuckDB cursor (a
  connection object is not safe across threads, cursors are), PostgreSQL through one connection
  under a lock. A DuckDB file opened for writing is checked before and after every write: if it was
  deleted or replaced the write is refused (503) instead of answering 200 into a file nobody sees.

Both count a ``generation`` that changes whenever the data may have, which keys the dashboard's
cached aggregates (``peristiwa.serve.data``).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from peristiwa.store.backend import StoreError, parse_url
from peristiwa.store.db import Store, open_store

REFRESH_EVERY = 0.2  # seconds between two looks at the store file (a stat each)
QUERY_THREADS = 1  # DuckDB threads per query on a snapshot
POSTGRES_CACHE_SECONDS = 5.0  # other processes write a PostgreSQL store unseen: cached aggregates expire


class Reader:
    """What a read needs: run one query and get column names and rows."""

    def __init__(self, con: Any, kind: str) -> None:
        self.con = con
        self.kind = kind

    def fetch_columns(self, sql: str, params: list[Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.con.execute(sql, params)
        rows = cur.fetchall()
        return [d[0] for d in cur.description or []], rows


def _file_identity(path: str) -> tuple[int, int, int, int] | None:
    """(device, inode, size, mtime) of the file and its WAL; None when the file is gone."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    try:
        wal = os.stat(path + ".wal")
        wal_key = wal.st_size * 1_000_003 + wal.st_mtime_ns
    except FileNotFoundError:
        wal_key = 0
    return st.st_dev, st.st_ino, st.st_size + wal_key, st.st_mtime_ns


class _Cursors:
    """One DuckDB cursor per thread over one connection (cursor creation itself under a lock)."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Any] = []

    def get(self) -> Any:
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            with self._lock:
                cur = self.con.cursor()
                self._all.append(cur)
            self._local.cursor = cur
        return cur

    def close(self) -> None:
        with self._lock:
            for cur in self._all:
                with contextlib.suppress(Exception):  # closing what may already be closed
                    cur.close()
            self._all.clear()


class SharedStore:
    """An open store used by all request threads: per-thread cursors on DuckDB, a lock on PostgreSQL."""

    def __init__(self, store: Store, writable: bool) -> None:
        self.store = store
        self.writable = writable
        self.kind = store.backend.kind
        self.generation = 0
        self._write_lock = threading.Lock()
        self._pg_lock = threading.Lock()
        self._cursors = _Cursors(store.backend.con) if self.kind == "duckdb" else None
        path = getattr(store.backend, "path", ":memory:")
        self.path = path if self.kind == "duckdb" and path != ":memory:" else None
        self._identity = _file_identity(self.path)[:2] if self.path else None  # type: ignore[index]

    def cache_key(self) -> tuple[int, int]:
        if self.kind == "postgresql":
            return self.generation, int(time.monotonic() // POSTGRES_CACHE_SECONDS)
        return self.generation, 0

    def check(self) -> None:
        """Refuse to go on when the DuckDB file this server has open was deleted or replaced."""
        if self.path is None:
            return
        now = _file_identity(self.path)
        if now is None or now[:2] != self._identity:
            what = "deleted" if now is None else "replaced by another file"
            raise StoreError(
                f"the store file {self.path} was {what} while the server had it open; "
                "nothing more is written to it: restart the server on the right --db"
            )

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        self.check()
        if self._cursors is not None:
            yield Reader(self._cursors.get(), self.kind)
            return
        with self._pg_lock:
            yield Reader(_PgCon(self.store), self.kind)

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The store for one write, serialised, with the file checked before and after.

        On PostgreSQL the readers' lock is held too: they share the one connection.
        """
        with self._write_lock:
            self.check()
            if self.kind == "postgresql":
                self._pg_lock.acquire()
            try:
                yield self.store
            finally:
                self.generation += 1
                if self.kind == "postgresql":
                    self._pg_lock.release()
            self.check()

    def close(self) -> None:
        if self._cursors is not None:
            self._cursors.close()
        self.store.close()


class _PgCon:
    """PostgreSQL through the store's backend (its ``?`` placeholders and one-line errors)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def execute(self, sql: str, params: list[Any]) -> Any:
        cols, rows = self.store.backend.fetch_columns(sql, params)
        return _Done(cols, rows)


class _Done:
    def __init__(self, cols: list[str], rows: list[tuple[Any, ...]]) -> None:
        self.description = [(c,) for c in cols]
        self._rows = rows

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._rows


class _Snapshot:
    """One private copy of the store file, open read-only, with the readers currently using it."""

    def __init__(self, path: Path, identity: tuple[int, int, int, int]) -> None:
        self.path = path
        self.identity = identity
        self.store = open_store(str(path), read_only=True)
        # One thread per query: a request's query is small, and under concurrent clients DuckDB's
        # parallel plans only fight each other for the cores (measured in docs/web.md).
        self.store.backend.execute(f"SET threads TO {QUERY_THREADS}")
        self.cursors = _Cursors(self.store.backend.con)  # type: ignore[attr-defined]
        self.users = 0
        self.retired = False

    def close(self) -> None:
        self.cursors.close()
        self.store.close()
        for p in (self.path, Path(str(self.path) + ".wal")):
            p.unlink(missing_ok=True)


class SnapshotSource:
    """Reads from a private copy of a DuckDB file, refreshed when the file changes (see module doc)."""

    writable = False
    kind = "duckdb"

    def __init__(self, path: str, lock_timeout: float = 10.0) -> None:
        self.path = path
        if not Path(path).exists():
            raise StoreError(f"no database at {path}: run `peristiwa ingest` first or pass --db")
        self._dir = Path(tempfile.mkdtemp(prefix="peristiwa-serve-"))
        atexit.register(shutil.rmtree, self._dir, True)  # the copy goes even if close() is never called
        self._n = 0
        self._lock = threading.Lock()  # guards _current and the users counts
        self._refreshing = threading.Lock()
        self._current: _Snapshot | None = None
        self._error: str | None = None
        self._failed: tuple[int, int, int, int] | None = None  # a file version that could not be opened
        self._looked = 0.0
        self.generation = 0
        deadline = time.monotonic() + lock_timeout
        while self._current is None:
            if self._refresh() or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        if self._current is None:
            self.close()
            raise StoreError(self._error or f"database {path} is locked by a writer; try again later")

    @property
    def store(self) -> SnapshotSource:
        """What ``app.state.access.store`` gives: something to ``close()`` (tests and benchmarks)."""
        return self

    def cache_key(self) -> tuple[int, int]:
        return self.generation, 0

    def check(self) -> None:
        now = time.monotonic()
        if now - self._looked >= REFRESH_EVERY:
            self._looked = now
            identity = _file_identity(self.path)
            if identity is None:
                self._error = (
                    f"the store file {self.path} is gone (deleted or moved while the server ran); "
                    "restore it or restart the server on the right --db"
                )
            elif self._stale(identity) and self._refreshing.acquire(blocking=False):
                try:
                    self._refresh()
                finally:
                    self._refreshing.release()
        if self._error:
            raise StoreError(self._error)

    def _stale(self, identity: tuple[int, int, int, int]) -> bool:
        """The file differs from our copy, and is not a version already found unreadable."""
        return identity != self._failed and (self._current is None or identity != self._current.identity)

    def _refresh(self) -> bool:
        """Copy the file under its shared lock and switch to the copy; False when a writer holds it."""
        identity = _file_identity(self.path)
        if identity is None:
            return False
        self._n += 1
        self._dir.mkdir(parents=True, exist_ok=True)  # again after close(): an app may be restarted
        target = self._dir / f"snapshot-{self._n}.duckdb"
        try:
            with open(self.path, "rb") as fh:
                try:
                    fcntl.lockf(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except OSError:
                    return False  # an ingest is writing: keep answering from the copy we have
                identity = _file_identity(self.path) or identity
                shutil.copyfile(self.path, target)
                if os.path.exists(self.path + ".wal"):
                    shutil.copyfile(self.path + ".wal", str(target) + ".wal")
        except OSError as exc:
            self._error = f"cannot read the store file {self.path}: {exc.strerror or exc}"
            return False
        try:
            snap = _Snapshot(target, identity)
        except StoreError as exc:
            target.unlink(missing_ok=True)
            Path(str(target) + ".wal").unlink(missing_ok=True)
            self._error = f"the store file {self.path} cannot be read: {exc}"
            self._failed = identity
            return False
        self._swap(snap)
        return True

    def _swap(self, snap: _Snapshot) -> None:
        with self._lock:
            old, self._current = self._current, snap
            self._error = None
            self.generation += 1
            if old is not None:
                old.retired = True
                if old.users == 0:
                    old.close()

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        self.check()
        with self._lock:
            snap = self._current
            if snap is None:
                raise StoreError(self._error or f"the store file {self.path} cannot be read")
            snap.users += 1
        try:
            yield Reader(snap.cursors.get(), "duckdb")
        finally:
            with self._lock:
                snap.users -= 1
                done = snap.retired and snap.users == 0
            if done:
                snap.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        raise StoreError("this server reads a snapshot of the store and cannot write")
        yield  # pragma: no cover

    def close(self) -> None:
        """Drop the copy and its folder; a later read makes a new copy (an app restarted in tests)."""
        with self._lock:
            snap, self._current = self._current, None
            self._looked, self._failed = 0.0, None
        if snap is not None:
            snap.close()
        shutil.rmtree(self._dir, ignore_errors=True)


Source = SharedStore | SnapshotSource


def open_source(db: str, token: bool, create: bool = False) -> Source:
    """The source a server over ``db`` reads from: a snapshot for a read-only DuckDB file, else shared."""
    parsed = parse_url(db)
    if parsed.kind == "duckdb" and parsed.target != ":memory:" and not token:
        return SnapshotSource(parsed.target)
    store = open_store(db, read_only=not token, create=create)
    return SharedStore(store, writable=token)
