"""The store's schema: ordered, numbered migrations and the column lists the writers use.

A store records its version in ``schema_version`` (one row per applied step). Opening a store for
writing applies the missing steps in order, each in its own transaction together with its version
row, so a crash between steps leaves a store at a well-defined older version that the next open
finishes. Steps are history: never edit one that has shipped, add the next. DDL uses logical types
(``{text}``, ``{double}``...) filled in per dialect, so DuckDB and PostgreSQL get the same schema.
"""

from __future__ import annotations

from dataclasses import dataclass

from peristiwa.store.backend import Backend, StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    """One step. ``only`` holds statements for one dialect (an index one backend needs and the other
    is better without)."""

    version: int
    description: str
    statements: tuple[str, ...]
    only: tuple[tuple[str, str], ...] = ()

    def for_backend(self, kind: str) -> list[str]:
        return [*self.statements, *(sql for dialect, sql in self.only if dialect == kind)]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, sentences, events, facts, entities",
        (
            """CREATE TABLE articles (
            article_id {text} PRIMARY KEY,
            content_hash {text} NOT NULL,
            coder_version {text} NOT NULL,
            title {text},
            published {date},
            url {text},
            outlet {text},
            source {text},
            language {text},
            text {text} NOT NULL,
            n_sentences {int} NOT NULL,
            n_events {int} NOT NULL,
            n_facts {int} NOT NULL,
            warnings {text[]},
            ingested_at {timestamp} NOT NULL
        )""",
            """CREATE TABLE sentences (
            article_id {text} NOT NULL,
            sentence_index {int} NOT NULL,
            start_char {int} NOT NULL,
            end_char {int} NOT NULL,
            text {text} NOT NULL,
            PRIMARY KEY (article_id, sentence_index)
        )""",
            """CREATE TABLE events (
            article_id {text} NOT NULL,
            event_id {text} NOT NULL,
            sentence_index {int} NOT NULL,
            sentence_start {int} NOT NULL,
            sentence_end {int} NOT NULL,
            sentence {text} NOT NULL,
            trigger {text} NOT NULL,
            trigger_start {int} NOT NULL,
            trigger_end {int} NOT NULL,
            actor1_code {text} NOT NULL,
            actor1_name {text},
            actor1_country {text},
            actor1_role {text},
            actor2_code {text} NOT NULL,
            actor2_name {text},
            actor2_country {text},
            actor2_role {text},
            event_code {text} NOT NULL,
            event_base_code {text} NOT NULL,
            event_root_code {text} NOT NULL,
            quad_class {int} NOT NULL,
            goldstein {double} NOT NULL,
            modality {text} NOT NULL,
            event_date {text},
            event_date_end {text},
            date_text {text},
            historical {bool},
            action_country {text},
            action_place {text},
            attribution {text},
            attribution_code {text},
            anonymous {bool},
            rules {text[]},
            actor1_entries {text[]},
            actor2_entries {text[]},
            confidence {double},
            actor1_start {int},
            actor1_end {int},
            actor2_start {int},
            actor2_end {int},
            story_key {text} NOT NULL,
            date_start {date},
            date_end {date},
            PRIMARY KEY (article_id, event_id)
        )""",
            """CREATE TABLE facts (
            article_id {text} NOT NULL,
            fact_index {int} NOT NULL,
            kind {text} NOT NULL,
            text {text} NOT NULL,
            value {double},
            unit {text},
            start_char {int},
            end_char {int},
            sentence_index {int},
            measures {text},
            PRIMARY KEY (article_id, fact_index)
        )""",
            """CREATE TABLE entities (
            article_id {text} NOT NULL,
            entity_index {int} NOT NULL,
            text {text} NOT NULL,
            label {text} NOT NULL,
            start_char {int},
            end_char {int},
            code {text},
            PRIMARY KEY (article_id, entity_index)
        )""",
        ),
    ),
    Migration(
        2,
        "story-level events: events.story_id, stories, story_links",
        (
            "ALTER TABLE events ADD COLUMN story_id {text}",
            """CREATE TABLE stories (
            story_id {text} PRIMARY KEY,
            global_event_id {bigint} NOT NULL,
            story_key {text} NOT NULL,
            modality {text} NOT NULL,
            actor1_code {text} NOT NULL,
            actor1_name {text},
            actor1_names {text},
            actor1_country {text},
            actor1_role {text},
            actor2_code {text} NOT NULL,
            actor2_name {text},
            actor2_names {text},
            actor2_country {text},
            actor2_role {text},
            event_code {text} NOT NULL,
            event_base_code {text} NOT NULL,
            event_root_code {text} NOT NULL,
            quad_class {int} NOT NULL,
            goldstein {double} NOT NULL,
            event_date {text},
            event_date_end {text},
            date_start {date},
            date_end {date},
            dated {bool} NOT NULL,
            action_country {text},
            action_place {text},
            num_mentions {int} NOT NULL,
            num_sources {int} NOT NULL,
            num_articles {int} NOT NULL,
            first_seen {date},
            last_seen {date},
            root_article_id {text} NOT NULL,
            root_event_id {text} NOT NULL,
            is_root_event {bool} NOT NULL,
            confidence {double},
            evidence {text},
            source_url {text},
            date_added {timestamp}
        )""",
            """CREATE TABLE story_links (
            story_key {text} NOT NULL,
            story_id {text} NOT NULL,
            linked_story_id {text} NOT NULL,
            relation {text} NOT NULL,
            PRIMARY KEY (story_id, linked_story_id)
        )""",
        ),
    ),
    Migration(
        3,
        "indexes for story recomputation and dyad queries",
        (
            "CREATE INDEX events_story_key ON events (story_key)",
            "CREATE INDEX stories_story_key ON stories (story_key)",
            "CREATE INDEX stories_dyad ON stories (actor1_code, actor2_code)",
            "CREATE INDEX story_links_story_key ON story_links (story_key)",
        ),
        only=(
            # PostgreSQL looks mentions up by story; DuckDB scans a column faster than it maintains an
            # index that every story recomputation rewrites.
            ("postgresql", "CREATE INDEX events_story_id ON events (story_id)"),
            ("postgresql", "CREATE INDEX story_links_linked ON story_links (linked_story_id)"),
        ),
    ),
    Migration(
        4,
        "the analyst's workbench: joint/historical/updated_at, code tables, feedback, export log",
        (
            "ALTER TABLE events ADD COLUMN joint {bool}",
            "ALTER TABLE stories ADD COLUMN joint {bool}",
            "ALTER TABLE stories ADD COLUMN historical {bool}",
            "ALTER TABLE stories ADD COLUMN updated_at {timestamp}",
            # Stored events keep what can be known without recoding: a joint rule in their evidence.
            # (A recode, which any new coder version triggers, sets the flag exactly.)
            "UPDATE events SET joint = coalesce(strpos(array_to_string(rules, '|'), 'joint:') > 0, false)",
            "UPDATE stories SET updated_at = date_added, "
            "joint = coalesce((SELECT bool_and(e.joint) FROM events e WHERE e.story_id = stories.story_id), "
            "false), historical = coalesce((SELECT bool_and(coalesce(e.historical, false)) FROM events e "
            "WHERE e.story_id = stories.story_id), false)",
            """CREATE TABLE cameo_codes (
            code {text} PRIMARY KEY,
            name {text} NOT NULL,
            quad_class {int} NOT NULL,
            goldstein {double} NOT NULL,
            plover_type {text},
            plover_mode {text}
        )""",
            """CREATE TABLE actor_codes (
            code {text} PRIMARY KEY,
            description {text} NOT NULL
        )""",
            """CREATE TABLE feedback (
            feedback_id {text} PRIMARY KEY,
            story_id {text} NOT NULL,
            reason {text} NOT NULL,
            comment {text},
            corrected_code {text},
            corrected_actor1 {text},
            corrected_actor2 {text},
            created_at {timestamp} NOT NULL
        )""",
            """CREATE TABLE export_log (
            exported_at {timestamp} NOT NULL,
            format {text} NOT NULL,
            changed_since {timestamp},
            n_events {int} NOT NULL,
            n_mentions {int} NOT NULL
        )""",
        ),
        only=(
            # delta exports select on updated_at; DuckDB's min/max per row group serves them without an
            # index (and refuses one in a transaction that has just updated the table)
            ("postgresql", "CREATE INDEX stories_updated_at ON stories (updated_at)"),
        ),
    ),
    Migration(
        5,
        "geography: gazetteer keys of the action place and the actors' places",
        tuple(
            f"ALTER TABLE {table} ADD COLUMN {column} {{text}}"
            for table in ("events", "stories")
            for column in ("action_geo", "actor1_geo", "actor2_geo")
        ),
    ),
    Migration(
        6,
        "incremental story merging reads a batch's mentions by article",
        (),
        only=(
            # DuckDB: the merge reads stored mentions by article id; without this index each read
            # scans every wide events column (PostgreSQL's primary key starts with article_id).
            ("duckdb", "CREATE INDEX events_article_id ON events (article_id)"),
        ),
    ),
    Migration(
        7,
        "events carry their article's publication date, so the merge reads a window, not the table",
        (
            "ALTER TABLE events ADD COLUMN article_published {date}",
            # Rows are appended in ingest order, which follows publication closely: with the date on
            # the event row a filter on a publication window skips every stretch of the table (by
            # its min/max per block) outside it, where a join to ``articles`` has to read them all.
            "UPDATE events SET article_published = "
            "(SELECT a.published FROM articles a WHERE a.article_id = events.article_id)",
        ),
        only=(
            # DuckDB: a story's links are deleted by either end; its index on the composite primary
            # key serves neither alone (PostgreSQL's serves the first, step 3 indexes the second).
            ("duckdb", "CREATE INDEX story_links_story_id ON story_links (story_id)"),
            ("duckdb", "CREATE INDEX story_links_linked ON story_links (linked_story_id)"),
        ),
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version

VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version {int} PRIMARY KEY, description {text} NOT NULL, applied_at {timestamp} NOT NULL)"
)

# Column lists (name, logical type) for the bulk writers, in table order. A test checks they match
# the tables the migrations create, so the two cannot drift apart.
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "text"),
    ("content_hash", "text"),
    ("coder_version", "text"),
    ("title", "text"),
    ("published", "date"),
    ("url", "text"),
    ("outlet", "text"),
    ("source", "text"),
    ("language", "text"),
    ("text", "text"),
    ("n_sentences", "int"),
    ("n_events", "int"),
    ("n_facts", "int"),
    ("warnings", "text[]"),
    ("ingested_at", "timestamp"),
)
SENTENCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "text"),
    ("sentence_index", "int"),
    ("start_char", "int"),
    ("end_char", "int"),
    ("text", "text"),
)
# Every key of Event.to_record(), in its order, then what the store adds.
EVENT_RECORD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "text"),
    ("event_id", "text"),
    ("sentence_index", "int"),
    ("sentence_start", "int"),
    ("sentence_end", "int"),
    ("sentence", "text"),
    ("trigger", "text"),
    ("trigger_start", "int"),
    ("trigger_end", "int"),
    ("actor1_code", "text"),
    ("actor1_name", "text"),
    ("actor1_country", "text"),
    ("actor1_role", "text"),
    ("actor2_code", "text"),
    ("actor2_name", "text"),
    ("actor2_country", "text"),
    ("actor2_role", "text"),
    ("event_code", "text"),
    ("event_base_code", "text"),
    ("event_root_code", "text"),
    ("quad_class", "int"),
    ("goldstein", "double"),
    ("modality", "text"),
    ("event_date", "text"),
    ("event_date_end", "text"),
    ("date_text", "text"),
    ("historical", "bool"),
    ("action_country", "text"),
    ("action_place", "text"),
    ("attribution", "text"),
    ("attribution_code", "text"),
    ("anonymous", "bool"),
    ("rules", "text[]"),
    ("actor1_entries", "text[]"),
    ("actor2_entries", "text[]"),
    ("confidence", "double"),
    ("joint", "bool"),
)
# Record fields added after the store's own columns existed (ALTER TABLE appends them at the end).
EVENT_ADDED_COLUMNS: tuple[tuple[str, str], ...] = (("joint", "bool"),)
EVENT_EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("actor1_start", "int"),
    ("actor1_end", "int"),
    ("actor2_start", "int"),
    ("actor2_end", "int"),
    ("story_key", "text"),
    ("date_start", "date"),
    ("date_end", "date"),
    ("story_id", "text"),
)
# Gazetteer keys of the places of an event (migration 5 adds them; the record ends with them).
EVENT_GEO_COLUMNS: tuple[tuple[str, str], ...] = (
    ("action_geo", "text"),
    ("actor1_geo", "text"),
    ("actor2_geo", "text"),
)
EVENT_RECORD_COLUMNS = EVENT_RECORD_COLUMNS + EVENT_GEO_COLUMNS
EVENT_ADDED_COLUMNS = EVENT_ADDED_COLUMNS + EVENT_GEO_COLUMNS
# The store's own columns added by later steps (after the record's added fields, in step order).
EVENT_STORE_ADDED_COLUMNS: tuple[tuple[str, str], ...] = (("article_published", "date"),)
EVENT_COLUMNS = (
    tuple(c for c in EVENT_RECORD_COLUMNS if c not in EVENT_ADDED_COLUMNS)
    + EVENT_EXTRA_COLUMNS
    + EVENT_ADDED_COLUMNS
    + EVENT_STORE_ADDED_COLUMNS
)
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "text"),
    ("fact_index", "int"),
    ("kind", "text"),
    ("text", "text"),
    ("value", "double"),
    ("unit", "text"),
    ("start_char", "int"),
    ("end_char", "int"),
    ("sentence_index", "int"),
    ("measures", "text"),
)
ENTITY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "text"),
    ("entity_index", "int"),
    ("text", "text"),
    ("label", "text"),
    ("start_char", "int"),
    ("end_char", "int"),
    ("code", "text"),
)
STORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("story_id", "text"),
    ("global_event_id", "bigint"),
    ("story_key", "text"),
    ("modality", "text"),
    ("actor1_code", "text"),
    ("actor1_name", "text"),
    ("actor1_names", "text"),
    ("actor1_country", "text"),
    ("actor1_role", "text"),
    ("actor2_code", "text"),
    ("actor2_name", "text"),
    ("actor2_names", "text"),
    ("actor2_country", "text"),
    ("actor2_role", "text"),
    ("event_code", "text"),
    ("event_base_code", "text"),
    ("event_root_code", "text"),
    ("quad_class", "int"),
    ("goldstein", "double"),
    ("event_date", "text"),
    ("event_date_end", "text"),
    ("date_start", "date"),
    ("date_end", "date"),
    ("dated", "bool"),
    ("action_country", "text"),
    ("action_place", "text"),
    ("num_mentions", "int"),
    ("num_sources", "int"),
    ("num_articles", "int"),
    ("first_seen", "date"),
    ("last_seen", "date"),
    ("root_article_id", "text"),
    ("root_event_id", "text"),
    ("is_root_event", "bool"),
    ("confidence", "double"),
    ("evidence", "text"),
    ("source_url", "text"),
    ("date_added", "timestamp"),
    ("joint", "bool"),
    ("historical", "bool"),
    ("updated_at", "timestamp"),
    *EVENT_GEO_COLUMNS,
)
STORY_LINK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("story_key", "text"),
    ("story_id", "text"),
    ("linked_story_id", "text"),
    ("relation", "text"),
)
CAMEO_CODE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "text"),
    ("name", "text"),
    ("quad_class", "int"),
    ("goldstein", "double"),
    ("plover_type", "text"),
    ("plover_mode", "text"),
)
ACTOR_CODE_COLUMNS: tuple[tuple[str, str], ...] = (("code", "text"), ("description", "text"))
FEEDBACK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("feedback_id", "text"),
    ("story_id", "text"),
    ("reason", "text"),
    ("comment", "text"),
    ("corrected_code", "text"),
    ("corrected_actor1", "text"),
    ("corrected_actor2", "text"),
    ("created_at", "timestamp"),
)
EXPORT_LOG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("exported_at", "timestamp"),
    ("format", "text"),
    ("changed_since", "timestamp"),
    ("n_events", "int"),
    ("n_mentions", "int"),
)
TABLE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": ARTICLE_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
    "events": EVENT_COLUMNS,
    "facts": FACT_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "stories": STORY_COLUMNS,
    "story_links": STORY_LINK_COLUMNS,
    "cameo_codes": CAMEO_CODE_COLUMNS,
    "actor_codes": ACTOR_CODE_COLUMNS,
    "feedback": FEEDBACK_COLUMNS,
    "export_log": EXPORT_LOG_COLUMNS,
}
# Tables whose rows belong to one article (deleted and rewritten together when it changes).
ARTICLE_TABLES = ("sentences", "events", "facts", "entities", "articles")


def _fill(sql: str, backend: Backend) -> str:
    # str.format cannot take "text[]" as a field name: spell it out first.
    return sql.replace("{text[]}", backend.types["text[]"]).format(
        **{k: v for k, v in backend.types.items() if "[" not in k}
    )


def current_version(backend: Backend) -> int:
    """0 for an empty database; otherwise the highest applied step."""
    if not backend.table_exists("schema_version"):
        return 0
    row = backend.fetchone("SELECT max(version) FROM schema_version")
    return int(row[0]) if row and row[0] is not None else 0


def migrate(backend: Backend, target: int = LATEST_VERSION) -> list[int]:
    """Apply the missing steps up to ``target`` in order; returns the versions applied."""
    from datetime import UTC, datetime

    version = current_version(backend)
    if version > LATEST_VERSION:
        raise StoreError(
            f"database schema version {version} is newer than this peristiwa knows ({LATEST_VERSION}); "
            "upgrade peristiwa"
        )
    applied: list[int] = []
    if version >= target:
        return applied
    with backend.transaction():
        backend.execute(_fill(VERSION_TABLE, backend))
    for step in MIGRATIONS:
        if step.version > target:
            break
        with backend.transaction():
            # Re-read inside the transaction: another writer may have migrated meanwhile.
            if step.version <= current_version(backend):
                continue
            for statement in step.for_backend(backend.kind):
                backend.execute(_fill(statement, backend))
            backend.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                [step.version, step.description, datetime.now(UTC).replace(tzinfo=None)],
            )
        applied.append(step.version)
    if applied and backend.kind == "duckdb":
        # An UPDATE leaves the min/max DuckDB keeps per block stale until the next checkpoint, and
        # reads by date window depend on them (step 7).
        backend.execute("CHECKPOINT")
    return applied
