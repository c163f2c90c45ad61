"""Read models for the web app: the store's tables shaped for the API and the pages.

The API and the HTML pages show the same facts, so both read through these functions; nothing here
knows about HTTP. Filtering reuses ``peristiwa.store.query``'s WHERE builder so a filter means
exactly what it means to ``peristiwa query`` (bound parameters, no LIKE patterns), and every value
that comes from a request is passed as a parameter, never formatted into SQL.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from peristiwa.export.gdelt import add_geo_fields
from peristiwa.serve.filters import FACETS, Facet, WebFilters
from peristiwa.serve.search import SentenceIndex, build_index
from peristiwa.serve.source import SharedStore, Source
from peristiwa.store import schema
from peristiwa.store.db import Store
from peristiwa.store.query import QueryFilters, _story_where, add_words

CACHE_ENTRIES = 4096  # cached answers per store version; all are dropped when there are more
STORY_NAMES = [name for name, _ in schema.STORY_COLUMNS]
EVENT_NAMES = [name for name, _ in schema.EVENT_COLUMNS]
LIST_FIELDS = (
    "story_id",
    "modality",
    "actor1_code",
    "actor1_name",
    "actor2_code",
    "actor2_name",
    "event_code",
    "event_root_code",
    "quad_class",
    "goldstein",
    "event_date",
    "event_date_end",
    "date_start",
    "action_country",
    "action_place",
    "num_mentions",
    "num_sources",
    "num_articles",
    "first_seen",
    "last_seen",
    "evidence",
    "joint",
    "historical",
    "action_geo",  # gazetteer keys, expanded into the GDELT geo fields (export.gdelt.add_geo_fields)
    "actor1_geo",
    "actor2_geo",
)


def jsonable(value: Any) -> Any:
    """Dates and timestamps as ISO strings, so one record serves JSON and templates alike."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


class StoreAccess:
    """The store as the request threads see it: reads, one writer at a time, cached aggregates.

    Reads go through the source (``peristiwa.serve.source``): each thread its own DuckDB cursor, so
    concurrent requests run their queries in parallel instead of queueing on one connection.
    Aggregates every dashboard view needs (totals, counts by root, quad, month, top dyads, the
    weekly chart) are cached until the store changes (the source's ``cache_key``); one thread
    computes a missing entry while the others wait for it rather than computing it too.
    """

    def __init__(self, store: Store | Source, writable: bool = False) -> None:
        self.source: Source = SharedStore(store, writable) if isinstance(store, Store) else store
        self.writable = self.source.writable
        self.kind = self.source.kind
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._lasting: dict[tuple[Any, ...], Any] = {}  # per version too, but never dropped for room
        self._building: set[tuple[Any, ...]] = set()  # (version, key) being computed in the background
        self._builder: ThreadPoolExecutor | None = None  # one thread, so one cursor, for all of them
        self._cache_key: tuple[int, int] | None = None
        self._cache_lock = threading.Lock()
        self._key_locks: dict[tuple[Any, ...], threading.Lock] = {}

    @property
    def store(self) -> Any:
        """The open Store (shared source) or the snapshot source: both can be ``close()``d."""
        return self.source.store

    def close(self) -> None:
        if self._builder is not None:
            self._builder.shutdown(wait=False, cancel_futures=True)
        self.source.close()

    def check(self) -> None:
        """Raise StoreError when the store file is gone or unreadable (the app answers 503)."""
        self.source.check()

    @contextmanager
    def reading(self) -> Iterator[ReadOnlyStore]:
        """A read-only stand-in for a Store (``.backend.fetch_columns`` / ``fetchone``) over this
        request's reader, for store-side read models (series, feedback) on any server."""
        with self.source.reader() as r:
            yield ReadOnlyStore(_ReaderBackend(r))

    @contextmanager
    def use(self) -> Iterator[Store]:
        """The store for one write (token servers only)."""
        with self.source.writer() as store:
            yield store

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with self.source.reader() as r:
            cols, rows = r.fetch_columns(sql, list(params))
        return [jsonable(dict(zip(cols, r, strict=True))) for r in rows]

    def one(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> dict[str, Any] | None:
        got = self.rows(sql, params)
        return got[0] if got else None

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any], lasting: bool = False) -> Any:
        """``compute()`` once per store version; deep copies are not made, so callers must not mutate.

        ``lasting``: an entry dear to rebuild (the text index) that is dropped only when the store
        changes, never to make room for the many cheap ones.
        """
        self.source.check()
        version = self.source.cache_key()
        with self._cache_lock:
            if version != self._cache_key:
                self._cache, self._lasting, self._cache_key = {}, {}, version
                self._key_locks = {}
            elif len(self._cache) >= CACHE_ENTRIES:
                self._cache, self._key_locks = {}, {}
            entries = self._lasting if lasting else self._cache
            if key in entries:
                return entries[key]
            lock = self._key_locks.setdefault(key, threading.Lock())
        with lock:
            with self._cache_lock:
                entries = self._lasting if lasting else self._cache
                if self._cache_key == version and key in entries:
                    return entries[key]
            value = compute()
            with self._cache_lock:
                if self._cache_key == version:
                    (self._lasting if lasting else self._cache)[key] = value
        return value

    def in_background(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> tuple[bool, Any]:
        """``(True, value)`` once ``compute()`` is done for this store version (kept as
        ``cached(key, compute, lasting=True)``); until then ``(False, None)`` at once, while one
        thread (the same one each time, so one cursor) computes it: no request waits for a value
        dear to build (the text index).
        A computation that fails keeps None for this version (logged), so it is not retried each time.
        """
        self.source.check()
        version = self.source.cache_key()
        with self._cache_lock:
            if version == self._cache_key and key in self._lasting:
                return True, self._lasting[key]
            if (version, key) in self._building:
                return False, None
            self._building.add((version, key))
            if self._builder is None:
                self._builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="peristiwa-build")
            builder = self._builder

        def run() -> None:
            try:
                self.cached(key, compute, lasting=True)
            except Exception:  # a store gone or closed meanwhile: the SQL path answers instead
                logging.getLogger("peristiwa.serve").exception("computing %s failed", key)
                with self._cache_lock:
                    if self._cache_key == version:
                        self._lasting[key] = None
            finally:
                with self._cache_lock:
                    self._building.discard((version, key))

        try:
            builder.submit(run)
        except RuntimeError:  # closed: nothing more is built
            with self._cache_lock:
                self._building.discard((version, key))
        return False, None

    def mean2(self, column: str) -> str:
        """The mean of a DOUBLE column rounded to 2 places (PostgreSQL rounds only NUMERIC)."""
        if self.kind == "postgresql":
            return f"CAST(round(CAST(avg({column}) AS NUMERIC), 2) AS DOUBLE PRECISION)"
        return f"round(avg({column}), 2)"

    def month(self, column: str) -> str:
        """``YYYY-MM`` of a DATE column, in this backend's dialect."""
        if self.kind == "postgresql":
            return f"to_char({column}, 'YYYY-MM')"
        return f"strftime({column}, '%Y-%m')"


@dataclass(slots=True)
class Page:
    """One page of results plus what a pager needs."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


class _ReaderBackend:
    """The read calls of a store backend, over one reader."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def fetch_columns(
        self, sql: str, params: list[Any] | tuple[Any, ...] = ()
    ) -> tuple[list[str], list[Any]]:
        return self._reader.fetch_columns(sql, list(params))

    def fetchone(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        _cols, rows = self._reader.fetch_columns(sql, list(params))
        return tuple(rows[0]) if rows else None

    def fetchall(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._reader.fetch_columns(sql, list(params))[1]]


@dataclass(slots=True)
class ReadOnlyStore:
    """What read-only store functions use of a Store: its backend's read calls."""

    backend: _ReaderBackend


def list_events(db: StoreAccess, f: QueryFilters, limit: int, offset: int) -> Page:
    """Story-level events matching ``f``, newest first (the CLI's order), one page of them.

    Pages and their totals are cached per store version (the same filters asked twice, the
    dashboard's latest events, paging through one result): measured, the count and the page query
    are most of a request's cost under concurrent clients (``docs/web.md``).
    """
    f.validate()
    where, params = _story_where(f)
    key = (where, tuple(params))
    if f.text:  # a substring test of every sentence: from the index, else one scan for page and total
        text_key = ("events-text", *key, limit, offset)
        page = db.cached(
            text_key,
            lambda: _indexed_text_page(db, f, limit, offset) or _text_page(db, where, params, limit, offset),
        )
        return Page(list(page.items), page.total, limit, offset)
    count_sql = f"SELECT count(*) AS n FROM stories s{where}"
    total = db.cached(("events-total", *key), lambda: _count(db, count_sql, params))
    cols = ", ".join("s." + n for n in LIST_FIELDS)
    items = db.cached(
        ("events-page", *key, limit, offset),
        lambda: [
            add_geo_fields(add_words(item))
            for item in db.rows(
                f"SELECT {cols} FROM stories s{where} ORDER BY s.date_start DESC NULLS LAST, s.story_id "
                "LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ],
    )
    return Page(list(items), total, limit, offset)


def _text_page(db: StoreAccess, where: str, params: list[Any], limit: int, offset: int) -> Page:
    """One query for the page and the total (a window count), where the WHERE is expensive."""
    cols = ", ".join("s." + n for n in LIST_FIELDS)
    rows = db.rows(
        f"SELECT {cols}, count(*) OVER () AS total_matching FROM stories s{where} "
        "ORDER BY s.date_start DESC NULLS LAST, s.story_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if rows:
        total = int(rows[0]["total_matching"])
        for r in rows:
            del r["total_matching"]
    else:
        total = _count(db, f"SELECT count(*) AS n FROM stories s{where}", params)
    return Page([add_geo_fields(add_words(r)) for r in rows], total, limit, offset)


def text_index(db: StoreAccess, wait: bool = False) -> SentenceIndex | None:
    """The store's sentence index (``peristiwa.serve.search``), built once per store version;
    None on PostgreSQL, past the index's size bound, or (unless ``wait``) while it is being built
    in the background after a change of the store: the SQL scan answers meanwhile."""
    if db.kind != "duckdb":
        return None

    def build() -> SentenceIndex | None:
        with db.source.reader() as r:
            return build_index(r, db.kind)

    if wait:
        return db.cached(("text-index",), build, lasting=True)  # type: ignore[no-any-return]
    _done, index = db.in_background(("text-index",), build)
    return index  # type: ignore[no-any-return]


def _indexed_text_page(db: StoreAccess, f: QueryFilters, limit: int, offset: int) -> Page | None:
    """The text filter's page from the index: the same stories as the SQL substring test (see
    ``peristiwa.serve.search``), without reading every sentence. None: let SQL answer."""
    index = text_index(db)
    if index is None or not f.text:
        return None
    row = db.one("SELECT lower(?) AS v", [f.text])  # the database's own lower(), as in the SQL test
    found = index.positions(str(row["v"])) if row else None
    if found is None:
        return None
    where, params = _story_where(replace(f, text=None))
    if where:  # other filters too: the SQL of the rest, over the stories the index found
        ids = [index.story_ids[p] for p in found]
        where += " AND s.story_id IN (SELECT unnest(?::VARCHAR[]))"
        return _text_page(db, where, [*params, ids], limit, offset)
    chosen = found[offset : offset + limit]
    return Page(_stories_at(db, index, chosen), len(found), limit, offset)


def _stories_at(db: StoreAccess, index: SentenceIndex, positions: list[int]) -> list[dict[str, Any]]:
    """The list records of the stories at these index positions, in that order.

    Fetched by row id (the index's snapshot) and checked by story id; should a row id not name the
    story any more (a write since), by story id instead.
    """
    if not positions:
        return []
    ids = [index.story_ids[p] for p in positions]
    cols = ", ".join("s." + n for n in LIST_FIELDS)
    rows: list[dict[str, Any]] = []
    if index.rowids is not None:
        rows = db.rows(
            f"SELECT {cols} FROM stories s WHERE s.rowid IN (SELECT unnest(?::BIGINT[]))",
            [[index.rowids[p] for p in positions]],
        )
    if sorted(r["story_id"] for r in rows) != sorted(ids):
        rows = db.rows(
            f"SELECT {cols} FROM stories s WHERE s.story_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
    order = {story_id: i for i, story_id in enumerate(ids)}
    rows.sort(key=lambda r: order.get(r["story_id"], len(order)))
    return [add_geo_fields(add_words(r)) for r in rows]


def _count(db: StoreAccess, sql: str, params: list[Any]) -> int:
    row = db.one(sql, params)
    return int(row["n"]) if row else 0


def get_event(db: StoreAccess, story_id: str) -> dict[str, Any] | None:
    """A story with all its evidence: mentions (spans, rules, attribution), articles and links."""
    story = db.one(f"SELECT {', '.join(STORY_NAMES)} FROM stories WHERE story_id = ?", [story_id])
    if story is None:
        return None
    mentions = db.rows(
        f"SELECT {', '.join('e.' + n for n in EVENT_NAMES)}, a.title, a.published, a.outlet, a.url "
        "FROM events e JOIN articles a ON a.article_id = e.article_id WHERE e.story_id = ? "
        "ORDER BY a.published NULLS LAST, e.article_id, e.sentence_index, e.trigger_start",
        [story_id],
    )
    for m in mentions:
        m["spans"] = mention_spans(m)
        add_geo_fields(add_words(m))
    add_geo_fields(add_words(story))
    story["mentions"] = mentions
    seen: dict[str, dict[str, Any]] = {}
    for m in mentions:
        seen.setdefault(
            m["article_id"],
            {k: m[k] for k in ("article_id", "title", "published", "outlet", "url")},
        )
    story["articles"] = list(seen.values())
    story["links"] = db.rows(
        "SELECT linked_story_id AS story_id, relation, 'out' AS direction FROM story_links "
        "WHERE story_id = ? UNION ALL SELECT story_id, relation, 'in' FROM story_links "
        "WHERE linked_story_id = ? ORDER BY 1",
        [story_id, story_id],
    )
    return story


def mention_spans(m: dict[str, Any]) -> list[dict[str, Any]]:
    """Trigger and actor spans relative to the mention's sentence (what the evidence view highlights).

    Actors resolved by reference have no span (-1) and are left out rather than guessed.
    """
    base = m["sentence_start"]
    length = len(m["sentence"] or "")
    out = []
    for kind, start, end in (
        ("trigger", m.get("trigger_start"), m.get("trigger_end")),
        ("actor1", m.get("actor1_start"), m.get("actor1_end")),
        ("actor2", m.get("actor2_start"), m.get("actor2_end")),
    ):
        if start is None or end is None or start < 0 or end <= start:
            continue
        s, e = start - base, end - base
        if 0 <= s < e <= length:
            out.append({"kind": kind, "start": s, "end": e})
    return out


def list_articles(db: StoreAccess, limit: int, offset: int, text: str | None = None) -> Page:
    """Articles, newest first; ``text`` matches a title substring or an exact id."""
    where, params = "", []
    if text:
        where = " WHERE strpos(lower(coalesce(title, '')), lower(?)) > 0 OR article_id = ?"
        params = [text, text]
    total = db.one(f"SELECT count(*) AS n FROM articles{where}", params)
    items = db.rows(
        "SELECT article_id, title, published, outlet, url, n_sentences, n_events, n_facts, ingested_at "
        f"FROM articles{where} ORDER BY published DESC NULLS LAST, article_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(items, int(total["n"]) if total else 0, limit, offset)


def get_article(db: StoreAccess, article_id: str) -> dict[str, Any] | None:
    art = db.one(
        "SELECT article_id, title, published, url, outlet, language, text, n_sentences, n_events, "
        "n_facts, coder_version, ingested_at FROM articles WHERE article_id = ?",
        [article_id],
    )
    if art is None:
        return None
    art["sentences"] = db.rows(
        "SELECT sentence_index, start_char, end_char, text FROM sentences WHERE article_id = ? "
        "ORDER BY sentence_index",
        [article_id],
    )
    art["events"] = db.rows(
        f"SELECT {', '.join(EVENT_NAMES)} FROM events WHERE article_id = ? "
        "ORDER BY sentence_index, trigger_start",
        [article_id],
    )
    art["facts"] = db.rows(
        "SELECT kind, text, value, unit, start_char, end_char, sentence_index, measures FROM facts "
        "WHERE article_id = ? ORDER BY fact_index",
        [article_id],
    )
    return art


ACTOR_UNION = (
    "SELECT actor1_code AS code, actor1_name AS name, num_mentions FROM stories "
    "UNION ALL SELECT actor2_code, actor2_name, num_mentions FROM stories WHERE actor2_code <> ''"
)


def list_actors(db: StoreAccess, limit: int, offset: int, prefix: str | None = None) -> Page:
    """Actor codes with how many stories involve them (either side), busiest first."""
    where, params = "", []
    if prefix:
        where = " WHERE starts_with(code, ?)"
        params = [prefix.upper()]
    total = db.one(f"SELECT count(DISTINCT code) AS n FROM ({ACTOR_UNION}) u{where}", params)
    items = db.rows(
        "SELECT code, min(name) AS name, count(*) AS stories, sum(num_mentions) AS mentions "
        f"FROM ({ACTOR_UNION}) u{where} GROUP BY code ORDER BY stories DESC, code LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(items, int(total["n"]) if total else 0, limit, offset)


def get_actor(db: StoreAccess, code: str) -> dict[str, Any] | None:
    """One actor code exactly: interactions per month, counterparts, most frequent event types."""
    side = "(actor1_code = ? OR actor2_code = ?)"
    head = db.one(
        f"SELECT count(*) AS stories, coalesce(sum(num_mentions), 0) AS mentions FROM stories WHERE {side}",
        [code, code],
    )
    if not head or not head["stories"]:
        return None
    names = db.rows(
        "SELECT name, count(*) AS n FROM (SELECT actor1_name AS name FROM stories WHERE actor1_code = ? "
        "UNION ALL SELECT actor2_name FROM stories WHERE actor2_code = ?) u WHERE name <> '' "
        "GROUP BY name ORDER BY n DESC, name LIMIT 10",
        [code, code],
    )
    month = db.month("date_start")
    by_month = db.rows(
        f"SELECT {month} AS month, count(*) AS stories, {db.mean2('goldstein')} AS goldstein "
        f"FROM stories WHERE {side} AND date_start IS NOT NULL GROUP BY 1 ORDER BY 1",
        [code, code],
    )
    counterparts = db.rows(
        f"SELECT other, count(*) AS stories, {db.mean2('goldstein')} AS goldstein FROM ("
        "SELECT actor2_code AS other, goldstein FROM stories WHERE actor1_code = ? AND actor2_code <> '' "
        "UNION ALL SELECT actor1_code, goldstein FROM stories WHERE actor2_code = ?) u "
        "WHERE other <> ? GROUP BY other ORDER BY stories DESC, other LIMIT 20",
        [code, code, code],
    )
    event_types = db.rows(
        f"SELECT event_code, count(*) AS stories FROM stories WHERE {side} "
        "GROUP BY event_code ORDER BY stories DESC, event_code LIMIT 10",
        [code, code],
    )
    return {
        "code": code,
        "names": names,
        "stories": head["stories"],
        "mentions": head["mentions"],
        "by_month": by_month,
        "counterparts": counterparts,
        "event_types": event_types,
    }


def stats(db: StoreAccess, top: int = 10) -> dict[str, Any]:
    """Counts by CAMEO root, QuadClass and month, and the busiest dyads (cached per store version)."""
    return dict(db.cached(("stats", top), lambda: _stats(db, top)))


def _stats(db: StoreAccess, top: int) -> dict[str, Any]:
    totals = db.one(
        "SELECT (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM events) AS mentions, "
        "(SELECT count(*) FROM articles) AS articles"
    )
    month = db.month("date_start")
    return {
        "totals": totals,
        "by_root": db.rows(
            "SELECT event_root_code AS root, count(*) AS stories FROM stories GROUP BY 1 ORDER BY 1"
        ),
        "by_quad": db.rows(
            "SELECT quad_class AS quad, count(*) AS stories FROM stories GROUP BY 1 ORDER BY 1"
        ),
        "by_month": monthly(db, month),
        "top_dyads": top_dyads(db, top),
    }


def monthly(db: StoreAccess, month: str | None = None) -> list[dict[str, Any]]:
    """Stories and mean Goldstein per month of event date (undated stories left out)."""
    month = month or db.month("date_start")
    return db.rows(
        f"SELECT {month} AS month, count(*) AS stories, {db.mean2('goldstein')} AS goldstein "
        "FROM stories WHERE date_start IS NOT NULL GROUP BY 1 ORDER BY 1"
    )


def top_dyads(db: StoreAccess, top: int) -> list[dict[str, Any]]:
    return db.rows(
        "SELECT actor1_code, actor2_code, count(*) AS stories, sum(num_mentions) AS mentions, "
        f"{db.mean2('goldstein')} AS goldstein FROM stories WHERE actor2_code <> '' "
        "GROUP BY actor1_code, actor2_code ORDER BY stories DESC, mentions DESC, actor1_code, actor2_code "
        "LIMIT ?",
        [top],
    )


# ------------------------------------------------------------------------------------ web filters
# The pages' read models over a WebFilters selection (see peristiwa.serve.filters). Kept apart from
# the API's functions above so the API's documented behaviour does not change underneath it.

# A story counts in a weekly chart only when its dates fit in a week, in a monthly one when they
# fit in a month: a story dated "2024" is not an event of the first week of January.
WEEK_PRECISE = "s.date_end - s.date_start < 7"
MONTH_PRECISE = "s.date_end - s.date_start < 31"
DOWNLOAD_FIELDS = (*LIST_FIELDS, "actor1_country", "actor2_country", "event_base_code", "story_key")
MAX_DOWNLOAD = 1_000_000


def _and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f" WHERE {clause}"


def filtered_events(db: StoreAccess, wf: WebFilters, limit: int, offset: int) -> Page:
    """Stories of the selection, sorted as asked, one page of them."""
    where, params = wf.where()
    total = db.one(f"SELECT count(*) AS n FROM stories s{where}", params)
    cols = ", ".join("s." + n for n in LIST_FIELDS)
    items = db.rows(
        f"SELECT {cols} FROM stories s{where}{wf.order_by()} LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return Page(items, int(total["n"]) if total else 0, limit, offset)


def facet_counts(
    db: StoreAccess, wf: WebFilters, top: int = 8, joins: bool = True
) -> list[tuple[Facet, list[dict[str, Any]]]]:
    """For each facet, its most frequent values within the selection (stories per value).

    The facets over the stories table are counted in one scan with GROUPING SETS (a row belongs
    to the one facet whose column is not NULL; NULL and empty values are not offered); the outlet
    facet needs the mentions' articles and has its own query, the dearest (a join over every
    mention), so ``joins=False`` leaves it out (the dashboard, which already draws its charts).
    """
    where, params = wf.where()
    simple = [f for f in FACETS if not f.needs_join]
    found: dict[str, list[dict[str, Any]]] = {f.param: [] for f in FACETS}
    if simple:
        cols = ", ".join(f"{f.value_sql} AS f{i}" for i, f in enumerate(simple))
        sets = ", ".join(f"({f.value_sql})" for f in simple)
        for r in db.rows(
            f"SELECT {cols}, count(*) AS n FROM stories s{where} GROUP BY GROUPING SETS ({sets})", params
        ):
            for i, f in enumerate(simple):
                if r[f"f{i}"] not in (None, ""):
                    found[f.param].append({"value": str(r[f"f{i}"]), "n": r["n"]})
                    break
    for f in FACETS:
        if f.needs_join and joins:
            # With no selection every story counts: no need to join the stories back in.
            within = f"e.story_id IN (SELECT s.story_id FROM stories s{where}) AND " if where else ""
            found[f.param] = db.rows(
                f"SELECT {f.value_sql} AS value, count(DISTINCT e.story_id) AS n FROM events e "
                f"JOIN articles a ON a.article_id = e.article_id WHERE {within}{f.value_sql} <> '' "
                "GROUP BY 1 ORDER BY n DESC, value LIMIT ?",
                [*params, top],
            )
    shown = [f for f in FACETS if joins or not f.needs_join]
    return [(f, sorted(found[f.param], key=lambda r: (-r["n"], str(r["value"])))[:top]) for f in shown]


def totals(db: StoreAccess) -> dict[str, Any]:
    """Stories, mentions and articles in the whole store (the dashboard's first line)."""
    got = db.one(
        "SELECT (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM events) AS mentions, "
        "(SELECT count(*) FROM articles) AS articles"
    )
    return got or {"stories": 0, "mentions": 0, "articles": 0}


def download_rows(db: StoreAccess, wf: WebFilters) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every story of the selection (up to :data:`MAX_DOWNLOAD`), in the page's order."""
    where, params = wf.where()
    cols = ", ".join("s." + n for n in DOWNLOAD_FIELDS)
    with db.source.reader() as r:
        names, rows = r.fetch_columns(
            f"SELECT {cols} FROM stories s{where}{wf.order_by()} LIMIT ?", [*params, MAX_DOWNLOAD]
        )
    return with_geo_fields(list(names), list(rows))


def with_geo_fields(names: list[str], rows: list[tuple[Any, ...]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The GDELT geo fields of each row's gazetteer keys appended (export.gdelt.add_geo_fields), so a
    download says what the API and the GDELT export say."""
    from peristiwa.export.gdelt import GEO_RECORD_COLUMNS

    keys = ("action_geo", "actor1_geo", "actor2_geo", "action_country")
    at = [names.index(n) for n in keys]

    def geo(row: tuple[Any, ...]) -> tuple[Any, ...]:
        rec = add_geo_fields({k: row[i] for k, i in zip(keys, at, strict=True)})
        return tuple(rec[c] for c in GEO_RECORD_COLUMNS)

    return [*names, *GEO_RECORD_COLUMNS], [(*row, *geo(row)) for row in rows]


@dataclass(slots=True)
class Trends:
    """What the dashboard's time charts draw, and what they leave out (said under the charts)."""

    week_start: date
    week_end: date
    weekly: dict[date, dict[int, int]]
    month_start: date
    month_end: date
    monthly: list[tuple[date, float]]
    later: int = 0
    coarse: int = 0
    historical: int = 0


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def trend_window(db: StoreAccess, wf: WebFilters, weeks: int = 26) -> tuple[date, date]:
    """The weekly chart's window, [start, end): the chosen event-date range when there is one, else
    the ``weeks`` weeks up to the latest publication date. Anchoring on publication, not on the
    latest event date, keeps one story dated a year ahead from pushing the real weeks off the chart.
    """
    q = wf.query
    if q.since or q.until:
        end = _monday(q.until) + timedelta(days=7) if q.until else None
        start = _monday(q.since) if q.since else None
        if end is None:
            end = start + timedelta(days=7 * weeks)  # type: ignore[operator]
        if start is None:
            start = end - timedelta(days=7 * weeks)
        return start, end
    row = db.one("SELECT max(published) AS d FROM articles")
    anchor = wf.published_until or _as_date(row["d"] if row else None) or date.today()
    end = _monday(anchor) + timedelta(days=7)
    return end - timedelta(days=7 * weeks), end


def _as_date(value: Any) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def trends(db: StoreAccess, wf: WebFilters, weeks: int = 26, months: int = 36) -> Trends:
    """Weekly stories by QuadClass and monthly mean Goldstein over the selection's window."""
    where, params = wf.where()
    start, end = trend_window(db, wf, weeks)
    in_window = _and(where, f"s.date_start >= ? AND s.date_start < ? AND {WEEK_PRECISE}")
    weekly: dict[date, dict[int, int]] = {}
    for r in db.rows(
        "SELECT CAST(date_trunc('week', s.date_start) AS DATE) AS week, s.quad_class AS quad, "
        f"count(*) AS n FROM stories s{in_window} GROUP BY 1, 2 ORDER BY 1, 2",
        [*params, start, end],
    ):
        weekly.setdefault(_as_date(r["week"]), {})[int(r["quad"])] = int(r["n"])  # type: ignore[index]
    left = db.one(
        "SELECT count(*) FILTER (WHERE s.date_start >= ?) AS later, "
        f"count(*) FILTER (WHERE s.date_start < ? AND s.date_end >= ? AND NOT ({WEEK_PRECISE})) AS coarse "
        f"FROM stories s{where}",
        [end, end, start, *params],
    )
    m_start, m_end, monthly = _monthly(db, wf, end, months)
    hist = 0
    if wf.historical is False:
        hwhere, hparams = WebFilters(wf.query, wf.published_until, wf.outlet, True).where()
        got = db.one(f"SELECT count(*) AS n FROM stories s{hwhere}", hparams)
        hist = int(got["n"]) if got else 0
    return Trends(
        start,
        end,
        weekly,
        m_start,
        m_end,
        monthly,  # type: ignore[arg-type]
        later=int(left["later"] or 0) if left else 0,
        coarse=int(left["coarse"] or 0) if left else 0,
        historical=hist,
    )


def _monthly(
    db: StoreAccess, wf: WebFilters, end: date, months: int
) -> tuple[date, date, list[tuple[date, float]]]:
    """Mean Goldstein per month of event date over the ``months`` months up to ``end``'s month."""
    where, params = wf.where()
    m_end = end if end.day == 1 else _next_month(end)
    m_start = _months_before(m_end, months)
    if wf.query.since:
        m_start = max(m_start, date(wf.query.since.year, wf.query.since.month, 1))
    clause = f"s.date_start >= ? AND s.date_start < ? AND {MONTH_PRECISE}"
    rows = db.rows(
        f"SELECT CAST(date_trunc('month', s.date_start) AS DATE) AS month, {db.mean2('s.goldstein')} "
        f"AS goldstein FROM stories s{_and(where, clause)} GROUP BY 1 ORDER BY 1",
        [*params, m_start, m_end],
    )
    return m_start, m_end, [(_as_date(r["month"]), float(r["goldstein"])) for r in rows]  # type: ignore[misc]


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _months_before(d: date, n: int) -> date:
    m = d.year * 12 + d.month - 1 - n
    return date(m // 12, m % 12 + 1, 1)


def top_dyads_of(db: StoreAccess, wf: WebFilters, top: int = 10) -> list[dict[str, Any]]:
    """The busiest actor pairs within the selection."""
    where, params = wf.where()
    where = _and(where, "s.actor2_code <> ''")
    return db.rows(
        "SELECT s.actor1_code, s.actor2_code, count(*) AS stories, sum(s.num_mentions) AS mentions, "
        f"{db.mean2('s.goldstein')} AS goldstein FROM stories s{where} "
        "GROUP BY 1, 2 ORDER BY stories DESC, mentions DESC, 1, 2 LIMIT ?",
        [*params, top],
    )


def search_articles(db: StoreAccess, q: str | None, outlet: str | None, limit: int, offset: int) -> Page:
    """Articles whose title, text or outlet contains ``q`` (or whose id is ``q``), newest first."""
    clauses, params = [], []
    if q:
        clauses.append(
            "(strpos(lower(coalesce(title, '')), lower(?)) > 0 OR strpos(lower(text), lower(?)) > 0 "
            "OR strpos(lower(coalesce(outlet, '')), lower(?)) > 0 OR article_id = ?)"
        )
        params += [q, q, q, q]
    if outlet:
        clauses.append("outlet = ?")
        params.append(outlet)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = db.one(f"SELECT count(*) AS n FROM articles{where}", params)
    items = db.rows(
        "SELECT article_id, title, published, outlet, url, n_sentences, n_events, n_facts "
        f"FROM articles{where} ORDER BY published DESC NULLS LAST, article_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(items, int(total["n"]) if total else 0, limit, offset)


def outlets(db: StoreAccess, top: int = 30) -> list[dict[str, Any]]:
    """Outlets by number of articles (the /articles page's outlet choice)."""
    return db.rows(
        "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL AND outlet <> '' "
        "GROUP BY 1 ORDER BY n DESC, outlet LIMIT ?",
        [top],
    )


def actor_months(db: StoreAccess, code: str) -> list[dict[str, Any]]:
    """Stories and mean Goldstein per month for one actor code, historical events and events dated
    only to a year left out (they would stretch the axis over decades and sit in January)."""
    side = "(s.actor1_code = ? OR s.actor2_code = ?)"
    wf = WebFilters(historical=False)
    where, params = wf.where()
    clause = f"{side} AND s.date_start IS NOT NULL AND {MONTH_PRECISE}"
    return db.rows(
        f"SELECT CAST(date_trunc('month', s.date_start) AS DATE) AS month, count(*) AS stories, "
        f"{db.mean2('s.goldstein')} AS goldstein FROM stories s{_and(where, clause)} GROUP BY 1 ORDER BY 1",
        [*params, code, code],
    )
