"""Database connections for the store: DuckDB (one file, the default) and PostgreSQL (for teams).

The rest of the store writes SQL once, with ``?`` placeholders, and calls this module's small
interface (execute, fetch, insert_rows, transaction). The two backends differ only where they
must: placeholder style, column types, bulk loading (Arrow for DuckDB, pipelined executemany for
PostgreSQL) and how a database is locked. Every failure to open or write becomes a
:class:`StoreError` whose message fits on one line, because the CLI shows it as-is.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

POSTGRES_PREFIXES = ("postgresql://", "postgres://")
DUCKDB_PREFIX = "duckdb://"

# Logical column types, mapped per dialect (DDL) and to Arrow (bulk loads).
DUCKDB_TYPES = {
    "text": "VARCHAR",
    "int": "INTEGER",
    "bigint": "BIGINT",
    "double": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "text[]": "VARCHAR[]",
}
POSTGRES_TYPES = {
    "text": "TEXT",
    "int": "INTEGER",
    "bigint": "BIGINT",
    "double": "DOUBLE PRECISION",
    "bool": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "text[]": "TEXT[]",
}


class StoreError(Exception):
    """A problem the user can act on (cannot open, locked, newer schema, bad URL): one line."""


@dataclass(frozen=True, slots=True)
class StoreURL:
    """A parsed ``--db`` value: which backend, and where."""

    kind: str  # "duckdb" or "postgresql"
    target: str  # file path (or ":memory:") for DuckDB, the libpq URL for PostgreSQL
    raw: str

    @property
    def display(self) -> str:
        """The URL without a password, safe to print in messages and ``db info``."""
        return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", self.raw)


def parse_url(url: str) -> StoreURL:
    """``path``, ``duckdb:///abs/path``, ``duckdb://rel/path`` or ``postgresql://user@host/db``."""
    url = url.strip()
    if not url:
        raise StoreError("empty database URL")
    if url.startswith(POSTGRES_PREFIXES):
        return StoreURL("postgresql", url, url)
    if url.startswith(DUCKDB_PREFIX):
        target = url[len(DUCKDB_PREFIX) :]
        if not target:
            raise StoreError(f"{url}: no path after duckdb://")
        return StoreURL("duckdb", target, url)
    if url.startswith("duckdb:"):
        return StoreURL("duckdb", url[len("duckdb:") :], url)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url):
        scheme = url.split("://", 1)[0]
        raise StoreError(
            f"unsupported database URL scheme {scheme!r}: use a file path, duckdb:///path "
            "or postgresql://user@host/db"
        )
    return StoreURL("duckdb", url, url)


class Backend:
    """The small surface the store needs from a database connection."""

    kind: str = ""
    types: dict[str, str]
    url: StoreURL

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def fetch_columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows: query output needs the names the SQL gave."""
        raise NotImplementedError

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def insert_rows(
        self, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Insert many rows in one statement (no per-row round trips)."""
        raise NotImplementedError

    def update_column(
        self, table: str, keys: Sequence[str], column: str, rows: Sequence[Sequence[Any]]
    ) -> None:
        """Set ``column`` on many rows found by ``keys``, in one statement (row: key values, then value)."""
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

    def table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def size_bytes(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


# ---------------------------------------------------------------------------------------- DuckDB
def _duckdb_error_message(path: str, exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    if "Could not set lock" in text or "Conflicting lock" in text:
        pid = re.search(r"PID (\d+)", text)
        who = f" (PID {pid.group(1)})" if pid else ""
        return f"database {path} is locked by another process{who}; wait for it to finish or use another --db"
    if "Permission denied" in text or "Read-only" in text or "read-only" in text:
        return f"cannot write database {path}: permission denied"
    if "No such file or directory" in text or "not exist" in text:
        return f"cannot create database {path}: its folder does not exist"
    if "not a valid DuckDB database" in text or "Invalid Input Error" in text:
        return f"{path} is not a DuckDB database file ({text})"
    return f"cannot open database {path}: {text}"


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


LockWait = Callable[[str, float], None]  # (the one-line "locked by ..." message, seconds allowed)


class DuckDBBackend(Backend):
    """One DuckDB file. DuckDB lets one process write at a time.

    A second process that finds the file locked waits up to ``lock_timeout`` seconds for it (retrying
    with a growing pause, telling ``on_wait`` once) and then gets a clear error naming the holder.
    """

    kind = "duckdb"
    types = DUCKDB_TYPES

    def __init__(
        self,
        url: StoreURL,
        read_only: bool = False,
        lock_timeout: float = 0.0,
        on_wait: LockWait | None = None,
    ) -> None:
        import duckdb

        self.url = url
        self.path = url.target
        self._duckdb = duckdb
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot create database {self.path}: folder {parent} does not exist")
            if not read_only and not os.access(parent, os.W_OK):
                raise StoreError(f"cannot write database {self.path}: folder {parent} is not writable")
            if not read_only and Path(self.path).exists() and not os.access(self.path, os.W_OK):
                raise StoreError(f"cannot write database {self.path}: permission denied")
        # Never reach for the network: extensions that are not built in stay off.
        self.con = self._connect(read_only, lock_timeout, on_wait)
        self._temp_n = 0

    def _connect(self, read_only: bool, lock_timeout: float, on_wait: LockWait | None) -> Any:
        config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
        deadline = time.monotonic() + max(lock_timeout, 0.0)
        pause, told = 0.05, False
        while True:
            try:
                return self._duckdb.connect(self.path, read_only=read_only, config=config)
            except self._duckdb.Error as exc:
                if not _is_lock_error(exc) or time.monotonic() + pause > deadline:
                    message = _duckdb_error_message(self.path, exc)
                    if _is_lock_error(exc) and lock_timeout > 0:
                        message += f" (waited {lock_timeout:g} s)"
                    raise StoreError(message) from None
                if not told and on_wait is not None:
                    on_wait(_duckdb_error_message(self.path, exc), lock_timeout)
                    told = True
                time.sleep(pause)
                pause = min(pause * 2, 1.0)

    def cursor(self) -> Any:
        """A connection of its own to the same database, for one thread (DuckDB's ``cursor()``)."""
        return self.con.cursor()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(sql, list(params))

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    def fetch_columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.con.execute(sql, list(params))
        rows = cur.fetchall()
        return [d[0] for d in cur.description or []], rows

    def insert_rows(
        self, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Bulk insert through an Arrow table: one statement whatever the row count."""
        if not rows:
            return
        table_arrow = to_arrow(columns, rows)
        self._temp_n += 1
        view = f"_peristiwa_rows_{self._temp_n}"
        names = ", ".join(name for name, _ in columns)
        self.con.register(view, table_arrow)
        try:
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}")
        finally:
            self.con.unregister(view)

    def update_column(
        self, table: str, keys: Sequence[str], column: str, rows: Sequence[Sequence[Any]]
    ) -> None:
        if not rows:
            return
        self._temp_n += 1
        view = f"_peristiwa_upd_{self._temp_n}"
        self.con.register(view, to_arrow([(k, "text") for k in keys] + [(column, "text")], rows))
        try:
            match = " AND ".join(f"{table}.{k} = v.{k}" for k in keys)
            self.con.execute(f"UPDATE {table} SET {column} = v.{column} FROM {view} v WHERE {match}")
        finally:
            self.con.unregister(view)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def table_exists(self, name: str) -> bool:
        row = self.fetchone(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = ? AND table_schema = current_schema()",
            [name],
        )
        return bool(row and row[0])

    def size_bytes(self) -> int:
        if self.path == ":memory:":
            return 0
        total = 0
        for p in (Path(self.path), Path(self.path + ".wal")):
            if p.exists():
                total += p.stat().st_size
        return total

    def close(self) -> None:
        self.con.close()


# ---------------------------------------------------------------------------------------- PostgreSQL
def _pg_sql(sql: str) -> str:
    """``?`` placeholders -> psycopg's ``%s`` (literal ``%`` doubled first); our SQL has no literal ``?``."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresBackend(Backend):
    """A PostgreSQL database. Writers serialise on an advisory lock so story merging never races."""

    kind = "postgresql"
    types = POSTGRES_TYPES
    WRITE_LOCK_KEY = 0x7065726973  # "peris": one advisory lock for all peristiwa writers

    def __init__(self, url: StoreURL, read_only: bool = False) -> None:
        import psycopg

        self.url = url
        self._psycopg = psycopg
        try:
            self.con = psycopg.connect(url.target, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
            raise StoreError(f"cannot connect to {url.display}: {first}") from None
        self.read_only = read_only

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(_pg_sql(sql), list(params) or None)

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(_pg_sql(sql), list(params) or None).fetchall()

    def fetch_columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.con.execute(_pg_sql(sql), list(params) or None)
        rows = cur.fetchall()
        return [d.name for d in cur.description or []], rows

    def insert_rows(
        self, table: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
    ) -> None:
        """executemany runs in pipeline mode in psycopg 3: one network round trip per batch, not per row."""
        if not rows:
            return
        names = ", ".join(name for name, _ in columns)
        marks = ", ".join(f"%s::{POSTGRES_TYPES[kind]}" for _, kind in columns)
        with self.con.cursor() as cur:
            cur.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [list(r) for r in rows])

    def update_column(
        self, table: str, keys: Sequence[str], column: str, rows: Sequence[Sequence[Any]]
    ) -> None:
        """One UPDATE joined to unnested arrays: the whole set in one statement."""
        if not rows:
            return
        names = [*keys, column]
        arrays = [[r[i] for r in rows] for i in range(len(names))]
        unnest = ", ".join("%s::text[]" for _ in names)
        match = " AND ".join(f"t.{k} = v.{k}" for k in keys)
        self.con.execute(
            f"UPDATE {table} AS t SET {column} = v.{column} FROM unnest({unnest}) AS v({', '.join(names)}) "
            f"WHERE {match}",
            arrays,
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.con.transaction():
            if not self.read_only:
                self.con.execute("SELECT pg_advisory_xact_lock(%s)", [self.WRITE_LOCK_KEY])
            yield

    def table_exists(self, name: str) -> bool:
        row = self.fetchone("SELECT to_regclass(?) IS NOT NULL", [name])
        return bool(row and row[0])

    def size_bytes(self) -> int:
        """The size of peristiwa's own tables (the database may hold other things)."""
        row = self.fetchone(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = current_schema()"
        )
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.con.close()


def connect(
    url: str, read_only: bool = False, lock_timeout: float = 0.0, on_wait: LockWait | None = None
) -> Backend:
    """Open the database named by ``url`` (see :func:`parse_url`).

    ``lock_timeout``: how long to wait for a DuckDB file another process holds (PostgreSQL writers
    queue on their advisory lock anyway).
    """
    parsed = parse_url(url)
    if parsed.kind == "postgresql":
        return PostgresBackend(parsed, read_only=read_only)
    return DuckDBBackend(parsed, read_only=read_only, lock_timeout=lock_timeout, on_wait=on_wait)


def to_arrow(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]):  # type: ignore[no-untyped-def]
    """Rows -> a typed Arrow table; explicit types so an all-empty column still has the right type."""
    import pyarrow as pa

    arrow_types = {
        "text": pa.string(),
        "int": pa.int32(),
        "bigint": pa.int64(),
        "double": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("us"),
        "text[]": pa.list_(pa.string()),
    }
    arrays = []
    for i, (_name, kind) in enumerate(columns):
        arrays.append(pa.array([r[i] for r in rows], type=arrow_types[kind]))
    return pa.Table.from_arrays(arrays, names=[name for name, _ in columns])
