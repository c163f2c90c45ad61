"""Query the store: story-level events (one row per happening) or the mentions behind them.

Every user value reaches the database as a bound parameter, never as SQL text, and no filter uses
LIKE patterns: codes match with ``starts_with``, names and text with a case-insensitive substring
test, so ``--text "50%_off"`` means exactly those characters. Filters mean the same on DuckDB and
PostgreSQL, so results never depend on which backend a team picked. (LIKE with an ESCAPE clause
would also be safe, but it keeps DuckDB from its fast prefix scan: 130 ms instead of 8 ms for a
dyad over a million stories.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peristiwa.model import MODALITIES
from peristiwa.store import schema
from peristiwa.store.db import CHUNK, Store

LEVELS = ("story", "mention")
MENTION_OUTPUT = [name for name, _ in schema.EVENT_RECORD_COLUMNS]
MENTION_FIELDS = (
    "article_id",
    "event_id",
    "sentence_index",
    "sentence",
    "trigger",
    "trigger_start",
    "trigger_end",
    "actor1_name",
    "actor2_name",
    "event_code",
    "modality",
    "event_date",
    "event_date_end",
    "date_text",
    "attribution",
    "confidence",
    "joint",
    "historical",
    "published",
    "outlet",
    "url",
)
# Words added to every record the query, export and API paths return (see :func:`add_words`).
WORD_FIELDS = ("event_name", "actor1_description", "actor2_description", "plover_type", "plover_mode")


class QueryError(ValueError):
    """A filter value that cannot mean anything (unknown modality, bad quad class)."""


def contains(column: str) -> str:
    """Case-insensitive substring test with no wildcard syntax at all (``%`` and ``_`` are just
    characters), the same on DuckDB and PostgreSQL."""
    return f"strpos(lower({column}), lower(?)) > 0"


@dataclass(slots=True)
class QueryFilters:
    """What ``peristiwa query`` and ``peristiwa export`` filter on; None means "no filter"."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    code: str | None = None
    root: str | None = None
    quad: int | None = None
    since: date | None = None
    until: date | None = None
    published_since: date | None = None
    modality: str | None = None
    text: str | None = None
    limit: int | None = None
    joint: bool | None = None  # True: only joint events; False: none of them
    historical: bool | None = None
    changed_since: datetime | None = None  # stories added or changed after this moment (delta export)
    action_country: str | None = None  # ActionGeo_CountryCode: FIPS (ID) or CAMEO/ISO alpha-3 (IDN)
    action_adm1: str | None = None  # ActionGeo_ADM1Code, FIPS style (ID04 Jakarta)

    def validate(self, prefix: str = "--") -> None:
        """Refuse values that cannot mean anything; ``prefix`` names the options as the caller's
        user spells them (``--modality`` on the command line, ``modality`` in the API)."""
        if self.modality is not None and self.modality not in MODALITIES:
            raise QueryError(
                f"{prefix}modality must be one of {', '.join(MODALITIES)}, not {self.modality!r}"
            )
        if self.quad is not None and self.quad not in (1, 2, 3, 4):
            raise QueryError(f"{prefix}quad must be 1, 2, 3 or 4, not {self.quad}")
        if self.limit is not None and self.limit < 0:
            raise QueryError(f"{prefix}limit must not be negative")
        if self.since and self.until and self.since > self.until:
            raise QueryError(f"{prefix}since is after {prefix}until")
        for name in ("code", "root"):
            value = getattr(self, name)
            if value is not None and not value.isdigit():
                raise QueryError(f"{prefix}{name} must be CAMEO digits (e.g. 042, 04), not {value!r}")
        self.validate_places(prefix)

    def validate_places(self, prefix: str = "--") -> None:
        """The action-place filters name a known country and a well-formed ADM1 code."""
        from peristiwa.coding.geo import fips_of_country

        sep = "-" if prefix == "--" else "_"  # --action-country (command line), action_country (API)
        if self.action_country is not None and fips_of_country(self.action_country) is None:
            raise QueryError(
                f"{prefix}action{sep}country: no country with FIPS or CAMEO code {self.action_country!r}"
                " (FIPS as in ActionGeo_CountryCode: ID, AS; or CAMEO: IDN, AUS)"
            )
        adm1 = self.action_adm1
        if adm1 is not None and not re.fullmatch(r"[A-Za-z]{2}[A-Za-z0-9]{1,3}", adm1):
            raise QueryError(
                f"{prefix}action{sep}adm1 must be a GDELT ADM1 code (FIPS country + admin1, e.g. ID04), "
                f"not {self.action_adm1!r}"
            )


def add_words(rec: dict[str, Any]) -> dict[str, Any]:
    """Put words next to the codes of one record (in place): ``event_name`` ("Make a visit"),
    ``actor1_description`` ("Indonesia, government"), PLOVER's type and mode."""
    from peristiwa.coding.codebook import describe_actor, event_name, plover

    code = rec.get("event_code") or ""
    p = plover(code)
    rec["event_name"] = event_name(code)
    rec["actor1_description"] = describe_actor(rec.get("actor1_code") or "")
    rec["actor2_description"] = describe_actor(rec.get("actor2_code") or "")
    rec["plover_type"] = p.type
    rec["plover_mode"] = p.mode
    return rec


def is_code(value: str) -> bool:
    """CAMEO actor codes are written in capitals (RUS, RUSGOV, IGOUNO); anything else is a name."""
    return re.fullmatch(r"[A-Z0-9]{2,15}", value) is not None


def _side(alias_code: str, alias_name: str, value: str, params: list[Any]) -> str:
    """One actor slot: a code matches as a prefix (RUS matches RUSGOV, so a country takes in its
    government and military); a name matches any spelling the mentions used, case-insensitively.
    Deciding which by the value's form keeps the common code query on a cheap prefix scan."""
    if is_code(value):
        params.append(value)
        return f"starts_with({alias_code}, ?)"
    params.append(value)
    return contains(alias_name)


def _story_where(f: QueryFilters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    # A story keeps every spelling its mentions used (actor1_names), so name search needs no join.
    if f.actor:
        parts = [
            _side("s.actor1_code", "s.actor1_names", f.actor, params),
            _side("s.actor2_code", "s.actor2_names", f.actor, params),
        ]
        clauses.append("(" + " OR ".join(parts) + ")")
    if f.source:
        clauses.append(_side("s.actor1_code", "s.actor1_names", f.source, params))
    if f.target:
        clauses.append(_side("s.actor2_code", "s.actor2_names", f.target, params))
    _common(f, "s", "s.date_start", "s.date_end", clauses, params)
    if f.published_since:
        clauses.append("s.last_seen >= ?")
        params.append(f.published_since)
    if f.changed_since is not None:
        clauses.append("s.updated_at > ?")
        params.append(f.changed_since)
    if f.text:
        clauses.append(f"s.story_id IN (SELECT e.story_id FROM events e WHERE {contains('e.sentence')})")
        params.append(f.text)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _common(f: QueryFilters, alias: str, start: str, end: str, clauses: list[str], params: list[Any]) -> None:
    if f.country:
        c = f.country.upper()
        clauses.append(
            f"({alias}.actor1_country = ? OR {alias}.actor2_country = ? OR {alias}.action_country = ?)"
        )
        params += [c, c, c]
    _places(f, alias, clauses, params)
    if f.code:
        clauses.append(f"starts_with({alias}.event_code, ?)")
        params.append(f.code)
    if f.root:
        clauses.append(f"{alias}.event_root_code = ?")
        params.append(f.root.zfill(2))
    if f.quad is not None:
        clauses.append(f"{alias}.quad_class = ?")
        params.append(f.quad)
    if f.modality:
        clauses.append(f"{alias}.modality = ?")
        params.append(f.modality)
    if f.joint is not None:
        clauses.append(f"coalesce({alias}.joint, false) = ?")
        params.append(f.joint)
    if f.historical is not None:
        clauses.append(f"coalesce({alias}.historical, false) = ?")
        params.append(f.historical)
    # Overlap: an event dated "2024-05" is within --since 2024-05-20; undated ones use publication dates.
    if f.since:
        clauses.append(f"{end} >= ?")
        params.append(f.since)
    if f.until:
        clauses.append(f"{start} <= ?")
        params.append(f.until)


def _places(f: QueryFilters, alias: str, clauses: list[str], params: list[Any]) -> None:
    """The action-place filters, by the exported ActionGeo fields: the gazetteer keys that expand to
    that country or ADM1 code (coding/geo.py), and for a country also the rows with no key whose
    action country is that country (the export's country-level fallback)."""
    from peristiwa.coding.geo import fips_of_country, iso3_of_fips, keys_in

    if f.action_country:
        fips = fips_of_country(f.action_country)  # validate() refuses an unknown one; never "all"
        keys = keys_in(country=fips) if fips else []
        iso3 = iso3_of_fips(fips) if fips else []
        clauses.append(
            f"({_in(f'{alias}.action_geo', keys)} OR (coalesce({alias}.action_geo, '') = '' "
            f"AND {_in(f'{alias}.action_country', iso3)}))"
        )
        params += [*keys, *iso3]
    if f.action_adm1:
        keys = keys_in(adm1=f.action_adm1.upper())
        clauses.append(_in(f"{alias}.action_geo", keys))
        params += keys


def _in(column: str, values: Sequence[str]) -> str:
    """``column IN (?, ...)`` (false for no values): plain placeholders mean the same on both backends."""
    return f"{column} IN ({', '.join('?' * len(values))})" if values else "false"


def _mention_where(f: QueryFilters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.actor:
        parts = [
            _side("e.actor1_code", "e.actor1_name", f.actor, params),
            _side("e.actor2_code", "e.actor2_name", f.actor, params),
        ]
        clauses.append("(" + " OR ".join(parts) + ")")
    if f.source:
        clauses.append(_side("e.actor1_code", "e.actor1_name", f.source, params))
    if f.target:
        clauses.append(_side("e.actor2_code", "e.actor2_name", f.target, params))
    _common(
        f, "e", "coalesce(e.date_start, a.published)", "coalesce(e.date_end, a.published)", clauses, params
    )
    if f.published_since:
        clauses.append("a.published >= ?")
        params.append(f.published_since)
    if f.changed_since is not None:
        clauses.append("a.ingested_at > ?")
        params.append(f.changed_since)
    if f.text:
        clauses.append(contains("e.sentence"))
        params.append(f.text)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _records(columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row, strict=True)) for row in rows]


def query_stories(store: Store, f: QueryFilters, details: bool = True) -> list[dict[str, Any]]:
    """Story-level events, newest first; with ``details``, each carries its links and its mentions."""
    f.validate()
    where, params = _story_where(f)
    names = [name for name, _ in schema.STORY_COLUMNS]
    sql = (
        f"SELECT {', '.join('s.' + n for n in names)} FROM stories s{where} "
        "ORDER BY s.date_start DESC NULLS LAST, s.story_id"
    )
    if f.limit is not None:
        sql += " LIMIT ?"
        params.append(f.limit)
    columns, rows = store.backend.fetch_columns(sql, params)
    stories = [add_words(r) for r in _records(columns, rows)]
    if details and stories:
        _attach_details(store, stories)
    return stories


def _attach_details(store: Store, stories: list[dict[str, Any]]) -> None:
    by_id = {s["story_id"]: s for s in stories}
    for s in stories:
        s["linked_story_ids"] = []
        s["link_relations"] = []
        s["mentions"] = []
    ids = list(by_id)
    b = store.backend
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        marks = ", ".join("?" * len(chunk))
        for sid, other, relation in b.fetchall(
            f"SELECT story_id, linked_story_id, relation FROM story_links WHERE story_id IN ({marks}) "
            "UNION ALL SELECT linked_story_id, story_id, relation FROM story_links "
            f"WHERE linked_story_id IN ({marks}) ORDER BY 1, 2",
            [*chunk, *chunk],
        ):
            by_id[sid]["linked_story_ids"].append(other)
            by_id[sid]["link_relations"].append(relation)
    for rec in mentions_of_stories(store, stories, MENTION_FIELDS):
        by_id[rec.pop("story_id")]["mentions"].append(rec)


# Columns for the canonical mention order (earliest report first), dropped before returning.
HELPERS = (
    "a.published AS _pub, e.article_id AS _aid, e.sentence_index AS _si, e.trigger_start AS _ts, "
    "e.event_id AS _eid"
)


def mentions_of_stories(
    store: Store, stories: Sequence[dict[str, Any]], fields: Sequence[str], extra_sql: str = ""
) -> list[dict[str, Any]]:
    """The mentions of these stories, in story order then canonical mention order.

    One statement whatever the number of stories: the ids go as one array parameter (PostgreSQL
    answers from its index on ``events.story_id``, DuckDB with a hash semi-join over that column).
    ``fields`` name columns of ``events`` (or of ``articles`` for published, outlet, url, title,
    ingested_at); ``extra_sql`` adds more select items (aliases ``e`` and ``a``).
    """
    if not stories:
        return []
    article_fields = {"published", "outlet", "url", "title", "ingested_at"}
    select = ", ".join(("a." if f in article_fields else "e.") + f for f in fields) + extra_sql
    b = store.backend
    wanted = (
        "e.story_id = ANY(?::text[])"
        if b.kind == "postgresql"
        else "e.story_id IN (SELECT unnest(?::VARCHAR[]))"
    )
    cols, got = b.fetch_columns(
        f"SELECT e.story_id, {select}, {HELPERS} "
        f"FROM events e JOIN articles a ON a.article_id = e.article_id WHERE {wanted}",
        [sorted({s["story_id"] for s in stories})],
    )
    rows = _records(cols, got)
    order = {s["story_id"]: i for i, s in enumerate(stories)}
    rows.sort(
        key=lambda r: (order[r["story_id"]], r["_pub"] or date.max, r["_aid"], r["_si"], r["_ts"], r["_eid"])
    )
    for r in rows:
        for helper in ("_pub", "_aid", "_si", "_ts", "_eid"):
            del r[helper]
    return rows


def query_mentions(store: Store, f: QueryFilters) -> list[dict[str, Any]]:
    """Mention-level events: every field of the coder's record plus its article and story.

    On DuckDB the matching rows are found and ordered on narrow columns first (their row ids), then
    only those rows are read whole: reading every column of every candidate row is what makes a
    one-statement version slow on a large store.
    """
    f.validate()
    where, params = _mention_where(f)
    columns_sql = (
        ", ".join(f"e.{n}" for n in MENTION_OUTPUT) + ", a.published, a.outlet, a.url, a.title, e.story_id"
    )
    joins = "FROM events e JOIN articles a ON a.article_id = e.article_id"
    order = "ORDER BY coalesce(e.date_start, a.published) DESC NULLS LAST, e.article_id, e.event_id"
    limit = ""
    if f.limit is not None:
        limit = " LIMIT ?"
        params.append(f.limit)
    b = store.backend
    if b.kind == "postgresql":
        columns, rows = b.fetch_columns(f"SELECT {columns_sql} {joins}{where} {order}{limit}", params)
        return [add_words(r) for r in _records(columns, rows)]
    with b.transaction():  # one snapshot, so the row ids of the first step still hold in the second
        ids = [r[0] for r in b.fetchall(f"SELECT e.rowid {joins}{where} {order}{limit}", params)]
        if not ids:
            return []
        columns, rows = b.fetch_columns(
            f"SELECT {columns_sql}, e.rowid AS _rowid {joins} WHERE e.rowid IN (SELECT unnest(?::BIGINT[]))",
            [ids],
        )
    rank = {rowid: i for i, rowid in enumerate(ids)}
    records = sorted(_records(columns, rows), key=lambda r: rank[r["_rowid"]])  # back in the query's order
    for r in records:
        del r["_rowid"]
        add_words(r)
    return records
