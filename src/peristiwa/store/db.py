"""The event store: articles with their sentences, events, facts and entities, and the stories over them.

:class:`Store` is the only code that writes these tables. Its one write operation,
:meth:`Store.write_articles`, replaces a batch of articles in ONE transaction: the old rows of those
articles go, the new ones come, and the stories of every key the batch touched (before or after) are
recomputed from all of that key's mentions. A process killed at any point therefore leaves either
the whole batch or none of it, and stories that are a pure function of the events present.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from peristiwa.model import CodedArticle, Event
from peristiwa.store import schema
from peristiwa.store.backend import Backend, LockWait, StoreError, connect
from peristiwa.store.stories import (
    Mention,
    build_links,
    build_stories,
    date_interval,
    mention_from_row,
    story_key,
)

CHUNK = 500  # ids per IN (...) list: keeps statements small on both backends

MENTION_SELECT = """
SELECT e.article_id, e.event_id, e.sentence_index, e.trigger_start, e.sentence,
       e.actor1_code, coalesce(e.actor1_name, ''), coalesce(e.actor1_country, ''),
       coalesce(e.actor1_role, ''), e.actor2_code, coalesce(e.actor2_name, ''),
       coalesce(e.actor2_country, ''), coalesce(e.actor2_role, ''),
       e.event_code, e.goldstein, e.quad_class, e.modality,
       coalesce(e.event_date, ''), coalesce(e.event_date_end, ''),
       coalesce(e.action_country, ''), coalesce(e.action_place, ''), coalesce(e.confidence, 0),
       a.published, coalesce(a.outlet, ''), coalesce(a.url, ''), a.ingested_at, e.story_id,
       coalesce(e.joint, false), coalesce(e.historical, false), e.actor1_entries, e.actor2_entries,
       coalesce(e.action_geo, ''), coalesce(e.actor1_geo, ''), coalesce(e.actor2_geo, '')
FROM events e JOIN articles a ON a.article_id = e.article_id
"""
EVENT_NAMES = [name for name, _ in schema.EVENT_COLUMNS]
KEY_AT = EVENT_NAMES.index("story_key")
STORY_ID_AT = EVENT_NAMES.index("story_id")


def _chunks(items: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def content_hash(coded_or_article: Any, coder_version: str) -> str:
    """What decides "unchanged": the article's text and metadata plus the coder that coded it.

    The publication date is in because relative dates ("bulan Mei") resolve against it; the coder
    version because new dictionaries or a new model must recode old articles.
    """
    a = coded_or_article.article if isinstance(coded_or_article, CodedArticle) else coded_or_article
    parts = [
        a.text,
        a.title or "",
        a.published.isoformat() if a.published else "",
        a.url or "",
        a.outlet or "",
        coder_version,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def event_row(ev: Event, published: date | None) -> list[Any]:
    """One ``events`` row: every field of :meth:`Event.to_record`, then the store's own columns
    (``published``: the article's publication date, which the row carries for windowed reads)."""
    rec = ev.to_record()
    added = {name for name, _ in schema.EVENT_ADDED_COLUMNS}
    row = [rec[name] for name, _ in schema.EVENT_RECORD_COLUMNS if name not in added]
    interval = date_interval(rec["event_date"], rec["event_date_end"])
    a2 = ev.actor2
    row += [
        ev.actor1.start,
        ev.actor1.end,
        a2.start if a2 else None,
        a2.end if a2 else None,
        story_key(rec["actor1_code"], rec["event_code"], rec["actor2_code"]),
        interval[0] if interval else None,
        interval[1] if interval else None,
        None,  # story_id: set when the stories are computed, in the same transaction
    ]
    row += [rec[name] for name, _ in schema.EVENT_ADDED_COLUMNS]
    row.append(published)  # article_published (schema 7)
    return row


def new_mention(row: Sequence[Any], prepared: PreparedArticle) -> Mention:
    """A not-yet-stored event as the merger sees it: the same values a read-back would give."""
    r = dict(zip(EVENT_NAMES, row, strict=True))
    a = prepared.coded.article
    return Mention(
        r["article_id"],
        r["event_id"],
        r["sentence_index"],
        r["trigger_start"],
        r["sentence"],
        r["actor1_code"],
        r["actor1_name"] or "",
        r["actor1_country"] or "",
        r["actor1_role"] or "",
        r["actor2_code"],
        r["actor2_name"] or "",
        r["actor2_country"] or "",
        r["actor2_role"] or "",
        r["event_code"],
        r["goldstein"],
        r["quad_class"],
        r["modality"],
        r["event_date"] or "",
        r["event_date_end"] or "",
        r["action_country"] or "",
        r["action_place"] or "",
        r["confidence"] or 0,
        a.published,
        a.outlet or "",
        a.url or "",
        prepared.ingested_at,
        None,
        bool(r["joint"]),
        bool(r["historical"]),
        tuple(r["actor1_entries"] or ()),
        tuple(r["actor2_entries"] or ()),
        r["action_geo"] or "",
        r["actor1_geo"] or "",
        r["actor2_geo"] or "",
    )


@dataclass(slots=True)
class PreparedArticle:
    """A coded article turned into rows, ready for one transaction."""

    coded: CodedArticle
    content_hash: str
    coder_version: str
    ingested_at: datetime

    @property
    def article_id(self) -> str:
        return self.coded.article.id

    def rows(self) -> dict[str, list[list[Any]]]:
        coded, a = self.coded, self.coded.article
        events: list[list[Any]] = []
        seen: set[str] = set()
        for ev in coded.events:
            if ev.event_id in seen:  # the same trigger, actors and code twice: one mention, not two
                continue
            seen.add(ev.event_id)
            events.append(event_row(ev, a.published))
        return {
            "articles": [
                [
                    a.id,
                    self.content_hash,
                    self.coder_version,
                    a.title,
                    a.published,
                    a.url,
                    a.outlet,
                    a.source,
                    coded.language,
                    a.text,
                    len(coded.sentences),
                    len(events),
                    len(coded.facts),
                    list(coded.warnings),
                    self.ingested_at,
                ]
            ],
            "sentences": [[a.id, s.index, s.start, s.end, s.text] for s in coded.sentences],
            "events": events,
            "facts": [
                [a.id, i, f.kind, f.text, f.value, f.unit, f.start, f.end, f.sentence_index, f.measures]
                for i, f in enumerate(coded.facts)
            ],
            "entities": [
                [a.id, i, e.text, e.label, e.start, e.end, e.code] for i, e in enumerate(coded.entities)
            ],
        }


@dataclass(slots=True)
class WriteResult:
    articles: int
    events: int
    facts: int
    stories_recomputed: int


class Store:
    """An open event store (DuckDB file or PostgreSQL database) at the current schema version."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return schema.current_version(self.backend)

    # ------------------------------------------------------------------ reading
    def article_hashes(self) -> dict[str, str]:
        """article id -> content hash for every stored article (one query: the ingest's skip list)."""
        return dict(self.backend.fetchall("SELECT article_id, content_hash FROM articles"))

    def count(self, table: str) -> int:
        if table not in schema.TABLE_COLUMNS:
            raise ValueError(f"unknown table {table!r}")
        row = self.backend.fetchone(f"SELECT count(*) FROM {table}")
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        return {t: self.count(t) for t in schema.TABLE_COLUMNS}

    def info(self) -> dict[str, Any]:
        """What ``peristiwa db info`` shows."""
        version = self.version
        out: dict[str, Any] = {
            "url": self.backend.url.display,
            "backend": self.backend.kind,
            "schema_version": version,
            "latest_schema_version": schema.LATEST_VERSION,
            "size_bytes": self.backend.size_bytes(),
        }
        if version >= schema.LATEST_VERSION:
            out["counts"] = self.counts()
            row = self.backend.fetchone("SELECT max(ingested_at) FROM articles")
            out["last_ingest"] = row[0] if row else None
            out["coder_versions"] = dict(
                self.backend.fetchall(
                    "SELECT coder_version, count(*) FROM articles GROUP BY coder_version ORDER BY 1"
                )
            )
        return out

    # ------------------------------------------------------------------ writing
    def write_articles(
        self, batch: Sequence[PreparedArticle], before_commit: Callable[[], None] | None = None
    ) -> WriteResult:
        """Replace these articles (insert or overwrite) and recompute the affected stories, atomically.

        The batch's events are merged in memory with the stored mentions of every key they touch
        (and of every key the articles' old events had), so each event is written once, with its
        story, and stored events are rewritten only when their story changed.
        """
        if not batch:
            return WriteResult(0, 0, 0, 0)
        ids = [p.article_id for p in batch]
        if len(set(ids)) != len(ids):
            raise ValueError("one batch must not hold the same article twice")
        tables: dict[str, list[list[Any]]] = {t: [] for t in schema.ARTICLE_TABLES}
        fresh: list[Mention] = []
        for p in batch:
            for table, rows in p.rows().items():
                tables[table].extend(rows)
                if table == "events":
                    fresh.extend(new_mention(r, p) for r in rows)
        b = self.backend
        with b.transaction():
            removed = self._remove_articles(ids)
            now = max(p.ingested_at for p in batch)
            assignment, n_stories = self._restory_incremental(fresh, removed, now)
            for row in tables["events"]:
                row[STORY_ID_AT] = assignment[(row[0], row[1])]
            for table in ("articles", "sentences", "events", "facts", "entities"):
                b.insert_rows(table, schema.TABLE_COLUMNS[table], tables[table])
            if before_commit is not None:
                before_commit()
        return WriteResult(len(batch), len(tables["events"]), len(tables["facts"]), n_stories)

    def _remove_articles(self, ids: Sequence[str]) -> list[Mention]:
        """Delete the stored rows of those of these articles that are stored; returns their old
        mentions (whose stories change). New articles cost one primary-key lookup, no scan."""
        from peristiwa.store.incremental import Reader

        b = self.backend
        stored: list[str] = []
        for chunk in _chunks(ids):
            stored += [
                a
                for (a,) in b.fetchall(
                    f"SELECT article_id FROM articles WHERE article_id IN ({_marks(len(chunk))})", chunk
                )
            ]
        if not stored:
            return []
        removed = Reader(b, MENTION_SELECT, by_index=b.kind == "duckdb").of_article_ids(stored)
        for table in schema.ARTICLE_TABLES:
            for chunk in _chunks(sorted(stored)):
                b.execute(f"DELETE FROM {table} WHERE article_id IN ({_marks(len(chunk))})", chunk)
        return removed

    def _restory_incremental(
        self, fresh: Sequence[Mention], removed: Sequence[Mention], now: datetime | None = None
    ) -> tuple[dict[tuple[str, str], str], int]:
        """Rewrite only the stories this batch changes (see :mod:`peristiwa.store.incremental`);
        returns the story of every written mention. The caller holds the transaction. A rewritten
        story equal to its stored row keeps its ``updated_at``; a changed or new one gets ``now``."""
        from peristiwa.store import incremental

        b = self.backend
        now = now or datetime.now(UTC).replace(tzinfo=None)
        reader = incremental.Reader(b, MENTION_SELECT, incremental.reads_by_index(b))
        result = incremental.recompute(reader, fresh, removed)
        written = {s.story_id for s in result.stories}
        gone = sorted(result.deleted | written)
        old_times = self._old_story_times_by_id(gone)
        for chunk in _chunks(gone):
            marks = _marks(len(chunk))
            b.execute(f"DELETE FROM stories WHERE story_id IN ({marks})", chunk)
            for end in ("story_id", "linked_story_id"):  # one indexed lookup each; an OR scans
                b.execute(f"DELETE FROM story_links WHERE {end} IN ({marks})", chunk)
        links = incremental.links_for(reader, result.stories)
        at = [n for n, _ in schema.STORY_COLUMNS].index("updated_at")
        rows = incremental.story_rows(result.stories)
        for row in rows:
            row[at] = old_times.get(tuple(row[:at] + row[at + 1 :])) or now
        b.insert_rows("stories", schema.STORY_COLUMNS, rows)
        b.insert_rows("story_links", schema.STORY_LINK_COLUMNS, links)
        assignment = {(m.article_id, m.event_id): s.story_id for s in result.stories for m in s.members}
        self._update_story_ids(result.stored, assignment)
        return assignment, len(result.stories)

    def _load_mentions(self, keys: Sequence[str] | None) -> list[Mention]:
        b = self.backend
        rows: list[tuple[Any, ...]] = []
        if keys is None:
            rows = b.fetchall(MENTION_SELECT)
        else:
            for chunk in _chunks(list(keys)):
                rows.extend(
                    b.fetchall(MENTION_SELECT + f"WHERE e.story_key IN ({_marks(len(chunk))})", chunk)
                )
        return [mention_from_row(r) for r in rows]

    def _old_story_times_by_id(self, ids: Sequence[str]) -> dict[tuple[Any, ...], Any]:
        """As :meth:`_old_story_times`, for the stories with these ids."""
        names = [n for n, _ in schema.STORY_COLUMNS if n != "updated_at"]
        sql = f"SELECT {', '.join(names)}, updated_at FROM stories"
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(list(ids)):
            rows.extend(self.backend.fetchall(sql + f" WHERE story_id IN ({_marks(len(chunk))})", chunk))
        return {tuple(r[:-1]): r[-1] for r in rows}

    def _old_story_times(self, keys: Sequence[str] | None) -> dict[tuple[Any, ...], Any]:
        """The stored stories of these keys as (every column but ``updated_at``) -> ``updated_at``:
        a recomputed story equal to its stored row keeps its time, so delta exports skip it."""
        names = [n for n, _ in schema.STORY_COLUMNS if n != "updated_at"]
        sql = f"SELECT {', '.join(names)}, updated_at FROM stories"
        rows: list[tuple[Any, ...]] = []
        if keys is None:
            rows = self.backend.fetchall(sql)
        else:
            for chunk in _chunks(list(keys)):
                rows.extend(self.backend.fetchall(sql + f" WHERE story_key IN ({_marks(len(chunk))})", chunk))
        return {tuple(r[:-1]): r[-1] for r in rows}

    def _restory(
        self, keys: Sequence[str] | None, mentions: Sequence[Mention], now: datetime | None = None
    ) -> tuple[dict[tuple[str, str], str], int]:
        """Replace the stories and links of these keys (all when None) by those of ``mentions``.

        Returns which story each mention now belongs to. The caller holds the transaction. A story
        whose row changed (or is new) gets ``updated_at = now``; an unchanged one keeps its time.
        """
        b = self.backend
        now = now or datetime.now(UTC).replace(tzinfo=None)
        old_times = self._old_story_times(keys)
        stories = build_stories(mentions)
        links = build_links(stories)
        for table in ("story_links", "stories"):
            if keys is None:
                b.execute(f"DELETE FROM {table}")
            else:
                for chunk in _chunks(list(keys)):
                    b.execute(f"DELETE FROM {table} WHERE story_key IN ({_marks(len(chunk))})", chunk)
        assignment: dict[tuple[str, str], str] = {}
        story_rows = []
        for s in stories:
            row = s.to_row()
            values = [row[name] for name, _ in schema.STORY_COLUMNS if name != "updated_at"]
            row["updated_at"] = old_times.get(tuple(values)) or now
            story_rows.append([row[name] for name, _ in schema.STORY_COLUMNS])
            for m in s.members:
                assignment[(m.article_id, m.event_id)] = row["story_id"]
        b.insert_rows("stories", schema.STORY_COLUMNS, story_rows)
        b.insert_rows("story_links", schema.STORY_LINK_COLUMNS, [list(link) for link in links])
        return assignment, len(stories)

    def _update_story_ids(self, stored: Sequence[Mention], assignment: dict[tuple[str, str], str]) -> None:
        changed = [
            (m.article_id, m.event_id, assignment[(m.article_id, m.event_id)])
            for m in stored
            if m.story_id != assignment[(m.article_id, m.event_id)]
        ]
        self.backend.update_column("events", ("article_id", "event_id"), "story_id", changed)

    def rebuild_stories(self) -> int:
        """Recompute every story from scratch (after the merge rules change); one transaction."""
        with self.backend.transaction():
            stored = self._load_mentions(None)
            assignment, n = self._restory(None, stored)
            self._update_story_ids(stored, assignment)
            return n


def prepare(coded: CodedArticle, coder_version: str, now: datetime | None = None) -> PreparedArticle:
    """A coded article with its content hash and ingestion time (UTC, naive: both backends store it so)."""
    return PreparedArticle(
        coded=coded,
        content_hash=content_hash(coded, coder_version),
        coder_version=coder_version,
        ingested_at=(now or datetime.now(UTC)).replace(tzinfo=None),
    )


def open_store(
    url: str,
    read_only: bool = False,
    allow_old: bool = False,
    *,
    create: bool = True,
    lock_timeout: float = 0.0,
    on_wait: LockWait | None = None,
) -> Store:
    """Open (creating and migrating when writable) the store at ``url``.

    Read-only opens never change the file; they refuse a store whose schema is older than this
    code expects rather than misread it (``peristiwa db migrate`` or any ingest upgrades it).
    ``create=False`` refuses a DuckDB file that does not exist yet even for writing (``serve``: a
    mistyped ``--db`` must not serve a fresh empty store). ``lock_timeout`` seconds are waited for a
    DuckDB file another process holds (``on_wait`` is told once).
    """
    from pathlib import Path

    from peristiwa.store.backend import parse_url

    parsed = parse_url(url)
    if (
        (read_only or not create)
        and parsed.kind == "duckdb"
        and parsed.target != ":memory:"
        and not Path(parsed.target).exists()
    ):
        hint = "" if read_only else " (or pass --create to start an empty one)"
        raise StoreError(f"no database at {parsed.target}: run `peristiwa ingest` first or pass --db{hint}")
    backend = connect(url, read_only=read_only, lock_timeout=lock_timeout, on_wait=on_wait)
    try:
        if not read_only:
            from peristiwa.store.codes import sync_code_tables

            schema.migrate(backend)
            sync_code_tables(backend)
        else:
            version = schema.current_version(backend)
            if version > schema.LATEST_VERSION:
                raise StoreError(
                    f"database schema version {version} is newer than this peristiwa knows "
                    f"({schema.LATEST_VERSION}); upgrade peristiwa"
                )
            if not allow_old and version < schema.LATEST_VERSION:
                what = "is empty" if version == 0 else f"has schema version {version}"
                raise StoreError(
                    f"database {parsed.display} {what}; this peristiwa needs version "
                    f"{schema.LATEST_VERSION}: run `peristiwa db migrate --db ...` or ingest first"
                )
    except BaseException:
        backend.close()
        raise
    return Store(backend)
