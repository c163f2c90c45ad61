"""Feedback: an analyst flags a story as wrong; the flags become gold-format corrections.

``POST /api/events/{story_id}/feedback`` (token-protected) stores one row in ``feedback``;
``GET /api/feedback`` and ``/feedback`` list them; ``peristiwa feedback export --out DIR`` writes
one gold file per article (``../shared/gold/GUIDELINES.md``'s format, with the article text under
``texts/``), so ``peristiwa eval DIR/*.gold.json`` and the training set can use them.

How a flag becomes gold, per article: the annotated ``scope`` is the span of the flagged mentions'
sentences; inside it every stored mention is an event of the file --

* of a story flagged ``not_an_event``: left out (predicting it again is a false positive);
* flagged ``wrong_code`` / ``wrong_actor`` with a correction: the corrected event, ``required``;
  without one: left out (it is wrong, and the right event is not known);
* not flagged: kept as ``required: false`` (unreviewed coder output neither counts as a miss nor,
  when predicted, as a false positive).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from peristiwa.coding.codebook import cameo_table
from peristiwa.store import schema
from peristiwa.store.db import Store

REASONS = ("wrong_code", "wrong_actor", "not_an_event")
FEEDBACK_NAMES = [n for n, _ in schema.FEEDBACK_COLUMNS]
ACTOR_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3}){0,4}")
MAX_COMMENT = 2000


class FeedbackError(ValueError):
    """A feedback value that cannot be stored (unknown reason, unknown story, malformed code)."""


@dataclass(slots=True)
class Feedback:
    story_id: str
    reason: str
    comment: str = ""
    corrected_code: str = ""
    corrected_actor1: str = ""
    corrected_actor2: str = ""

    def validate(self) -> None:
        if self.reason not in REASONS:
            raise FeedbackError(f"reason must be one of {', '.join(REASONS)}, not {self.reason!r}")
        if self.corrected_code and not (self.corrected_code.isdigit() and 2 <= len(self.corrected_code) <= 4):
            raise FeedbackError(
                f"corrected_code must be a CAMEO code (2-4 digits), not {self.corrected_code!r}"
            )
        if self.corrected_code and self.corrected_code not in cameo_table():
            raise FeedbackError(f"corrected_code {self.corrected_code!r} is not a CAMEO event code")
        for name in ("corrected_actor1", "corrected_actor2"):
            value = getattr(self, name)
            if value and not ACTOR_CODE.fullmatch(value):
                raise FeedbackError(f"{name} must be a CAMEO actor code (IDNGOV), not {value!r}")
        if len(self.comment) > MAX_COMMENT:
            raise FeedbackError(f"comment is longer than {MAX_COMMENT} characters")


def add_feedback(store: Store, fb: Feedback, now: datetime | None = None) -> dict[str, Any]:
    """Store one flag; the story must exist. Returns the stored row."""
    fb.validate()
    b = store.backend
    if b.fetchone("SELECT 1 FROM stories WHERE story_id = ?", [fb.story_id]) is None:
        raise FeedbackError(f"no event {fb.story_id!r}")
    created = (now or datetime.now(UTC)).replace(tzinfo=None)
    key = f"{fb.story_id}|{fb.reason}|{created.isoformat()}|{fb.comment}"
    row = [
        hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        fb.story_id,
        fb.reason,
        fb.comment or None,
        fb.corrected_code or None,
        fb.corrected_actor1 or None,
        fb.corrected_actor2 or None,
        created,
    ]
    with b.transaction():
        b.insert_rows("feedback", schema.FEEDBACK_COLUMNS, [row])
    return dict(zip(FEEDBACK_NAMES, row, strict=True))


def list_feedback(store: Store, limit: int = 500, offset: int = 0) -> list[dict[str, Any]]:
    """Newest first, each with the story's codes so a reader sees what was flagged."""
    cols, rows = store.backend.fetch_columns(
        f"SELECT {', '.join('f.' + n for n in FEEDBACK_NAMES)}, s.actor1_code, s.event_code, s.actor2_code, "
        "s.evidence FROM feedback f LEFT JOIN stories s ON s.story_id = f.story_id "
        "ORDER BY f.created_at DESC, f.feedback_id LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return [dict(zip(cols, r, strict=True)) for r in rows]


def _corrected(m: dict[str, Any], flags: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The gold event for a flagged mention, or None when the flags say it is no (known) event."""
    event = {"actor1": m["actor1_code"], "actor2": m["actor2_code"] or "", "code": m["event_code"]}
    notes = []
    for f in flags:
        if f["reason"] == "not_an_event":
            return None
        if f["reason"] == "wrong_code":
            if not f["corrected_code"]:
                return None
            event["code"] = f["corrected_code"]
        if f["reason"] == "wrong_actor":
            if not (f["corrected_actor1"] or f["corrected_actor2"]):
                return None
            event["actor1"] = f["corrected_actor1"] or event["actor1"]
            event["actor2"] = f["corrected_actor2"] or event["actor2"]
        if f["comment"]:
            notes.append(f["comment"])
    event["note"] = "feedback: " + ("; ".join(notes) if notes else ", ".join(f["reason"] for f in flags))
    return event


def gold_documents(store: Store) -> list[tuple[dict[str, Any], str]]:
    """(gold document, article text) for every article with a flagged mention."""
    flags = list_feedback(store, limit=1_000_000)
    by_story: dict[str, list[dict[str, Any]]] = {}
    for f in flags:
        by_story.setdefault(f["story_id"], []).append(f)
    if not by_story:
        return []
    b = store.backend
    names = [
        "article_id",
        "event_id",
        "story_id",
        "sentence_start",
        "sentence_end",
        "sentence",
        "trigger",
        "actor1_code",
        "actor2_code",
        "event_code",
        "modality",
        "event_date",
        "historical",
    ]
    cols, rows = b.fetch_columns(
        f"SELECT {', '.join('e.' + n for n in names)} FROM events e WHERE e.article_id IN "
        "(SELECT DISTINCT article_id FROM events WHERE story_id IN (SELECT story_id FROM feedback)) "
        "ORDER BY e.article_id, e.sentence_start, e.trigger_start",
        [],
    )
    mentions = [dict(zip(cols, r, strict=True)) for r in rows]
    docs = []
    for article_id in sorted({m["article_id"] for m in mentions}):
        docs.append(
            _gold_for_article(
                store, article_id, [m for m in mentions if m["article_id"] == article_id], by_story
            )
        )
    return docs


def _gold_for_article(
    store: Store, article_id: str, mentions: list[dict[str, Any]], by_story: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, Any], str]:
    flagged = [m for m in mentions if m["story_id"] in by_story]
    start = min(m["sentence_start"] for m in flagged)
    end = max(m["sentence_end"] for m in flagged)
    art = store.backend.fetchone(
        "SELECT text, published, language, outlet, title, url FROM articles WHERE article_id = ?",
        [article_id],
    )
    text, published, language, outlet, title, url = art if art else ("", None, "id", None, None, None)
    events = []
    for m in mentions:
        if not (start <= m["sentence_start"] and m["sentence_end"] <= end):
            continue
        if m["story_id"] in by_story:
            event = _corrected(m, by_story[m["story_id"]])
            if event is None:
                continue
            event["required"] = True
        else:
            event = {
                "actor1": m["actor1_code"],
                "actor2": m["actor2_code"] or "",
                "code": m["event_code"],
                "required": False,
                "note": "unreviewed coder output",
            }
        event = {
            "id": f"e{len(events) + 1}",
            "anchor": m["sentence"].strip(),
            **event,
            "alt_codes": [],
            "modality": m["modality"],
        }
        if m["event_date"]:
            event["event_date"] = m["event_date"]
        if m["historical"]:
            event["historical"] = True
        events.append(event)
    doc = {
        "article_id": article_id,
        "article": f"texts/{article_id}.txt",
        "published": published.isoformat() if published else None,
        "language": language or "id",
        "outlet": outlet,
        "title": title,
        "url": url,
        "scope": {"start": start, "end": end},
        "events": events,
        "source": "peristiwa feedback",
    }
    return doc, text


def export_gold(store: Store, out_dir: Path) -> int:
    """Write ``<article_id>.gold.json`` and ``texts/<article_id>.txt`` per flagged article; returns
    how many articles."""
    docs = gold_documents(store)
    (out_dir / "texts").mkdir(parents=True, exist_ok=True)
    for doc, text in docs:
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", doc["article_id"])
        doc["article"] = f"texts/{safe}.txt"
        (out_dir / "texts" / f"{safe}.txt").write_text(text, encoding="utf-8")
        (out_dir / f"{safe}.gold.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return len(docs)
