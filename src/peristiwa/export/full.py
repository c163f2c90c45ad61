"""The full peristiwa record, in two files: ``stories.<ext>`` (one row per happening, its links and
its mentions nested) and ``mentions.<ext>`` (every field of each mention's coder record, its article
and its story). Unlike GDELT, nothing is lost: modality, dates as precise as the text, evidence.
"""

from __future__ import annotations

from pathlib import Path

from peristiwa.export.gdelt import GEO_RECORD_COLUMNS, add_geo_fields
from peristiwa.export.records import write_records
from peristiwa.store import schema
from peristiwa.store.db import Store
from peristiwa.store.query import (
    MENTION_OUTPUT,
    WORD_FIELDS,
    QueryFilters,
    add_words,
    mentions_of_stories,
    query_stories,
)

STORY_OUTPUT = [
    *(name for name, _ in schema.STORY_COLUMNS),
    *WORD_FIELDS,
    "linked_story_ids",
    "link_relations",
    "mentions",
    *GEO_RECORD_COLUMNS,
]
MENTION_FILE_OUTPUT = [
    "story_id", *MENTION_OUTPUT, "published", "outlet", "url", "title", *WORD_FIELDS, *GEO_RECORD_COLUMNS
]


def export_full(
    store: Store, out_dir: Path, fmt: str, filters: QueryFilters | None = None
) -> tuple[Path, Path, int, int]:
    """Write ``stories.<fmt>`` and ``mentions.<fmt>`` into ``out_dir``; returns paths and row counts."""
    f = filters or QueryFilters()
    stories = query_stories(store, f, details=True)
    fields = [*MENTION_OUTPUT, "published", "outlet", "url", "title", "ingested_at"]
    mentions = [add_words(m) for m in mentions_of_stories(store, stories, fields)]
    if f.changed_since is not None:  # a delta: the mentions first seen since then
        mentions = [m for m in mentions if m["ingested_at"] and m["ingested_at"] > f.changed_since]
    for m in mentions:
        del m["ingested_at"]
        add_geo_fields(m)
    for s in stories:
        add_geo_fields(s)
    out_dir.mkdir(parents=True, exist_ok=True)
    stories_path = out_dir / f"stories.{fmt}"
    mentions_path = out_dir / f"mentions.{fmt}"
    write_records(stories, fmt, stories_path, columns=STORY_OUTPUT)
    write_records(mentions, fmt, mentions_path, columns=MENTION_FILE_OUTPUT)
    return stories_path, mentions_path, len(stories), len(mentions)
