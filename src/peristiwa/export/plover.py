"""PLOVER export: story-level events in the ontology POLECAT uses (event type and mode), one JSON
object per line, for users who left CAMEO behind.

The type and mode come from the CAMEO code through PLOVER's own crosswalk (``CAMEO2PLOVER-2021``,
shipped as ``coding/dictionaries/plover.tsv``); CAMEO roots 01 and 02 (statements, appeals) have
no PLOVER type, and their stories are left out and counted. The CAMEO code, modality and evidence
stay on each record, so nothing the crosswalk cannot say is lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peristiwa.export.records import write_records
from peristiwa.store.db import Store
from peristiwa.store.query import QueryFilters, query_stories

PLOVER_COLUMNS = (
    "id",
    "global_event_id",
    "event_type",
    "mode",
    "event_date",
    "date_start",
    "date_end",
    "actor",
    "actor_name",
    "actor_description",
    "actor_country",
    "recipient",
    "recipient_name",
    "recipient_description",
    "recipient_country",
    "cameo_code",
    "cameo_name",
    "quad_class",
    "goldstein",
    "modality",
    "joint",
    "historical",
    "location_country",
    "num_mentions",
    "num_sources",
    "source_url",
    "evidence",
)


def plover_record(s: dict[str, Any]) -> dict[str, Any]:
    """One story as a PLOVER record (``s`` carries the words :func:`query.add_words` adds)."""
    return {
        "id": s["story_id"],
        "global_event_id": s["global_event_id"],
        "event_type": s["plover_type"],
        "mode": s["plover_mode"],
        "event_date": s["event_date"] or "",
        "date_start": s["date_start"],
        "date_end": s["date_end"],
        "actor": s["actor1_code"],
        "actor_name": s["actor1_name"] or "",
        "actor_description": s["actor1_description"],
        "actor_country": s["actor1_country"] or "",
        "recipient": s["actor2_code"],
        "recipient_name": s["actor2_name"] or "",
        "recipient_description": s["actor2_description"],
        "recipient_country": s["actor2_country"] or "",
        "cameo_code": s["event_code"],
        "cameo_name": s["event_name"],
        "quad_class": s["quad_class"],
        "goldstein": s["goldstein"],
        "modality": s["modality"],
        "joint": bool(s.get("joint")),
        "historical": bool(s.get("historical")),
        "location_country": s["action_country"] or "",
        "num_mentions": s["num_mentions"],
        "num_sources": s["num_sources"],
        "source_url": s["source_url"] or "",
        "evidence": s["evidence"] or "",
    }


def export_plover(
    store: Store, out_dir: Path, filters: QueryFilters | None = None, fmt: str = "jsonl"
) -> tuple[Path, int, int]:
    """Write ``events.plover.<fmt>``; returns the path, the rows written and the stories left out."""
    stories = query_stories(store, filters or QueryFilters(), details=False)
    records = [plover_record(s) for s in stories if s["plover_type"]]
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"events.plover.{fmt}"
    write_records(records, fmt, path, columns=PLOVER_COLUMNS)
    return path, len(records), len(stories) - len(records)
