"""The one data model passed between stages: ingest -> nlp -> coding -> store -> serve/export.

Every stage takes and returns these dataclasses; nothing downstream reads raw dicts. The field
names of :class:`Event` are the project's output contract (``peristiwa code --format jsonl`` writes
exactly :meth:`Event.to_record`), read by ``../shared/tools/score_events.py`` and by the store.
Character offsets always refer to the article text exactly as given, so evidence can be shown
by slicing the original string.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Modality = Literal["asserted", "planned", "hypothetical", "negated", "demanded"]
MODALITIES: tuple[str, ...] = ("asserted", "planned", "hypothetical", "negated", "demanded")


@dataclass(slots=True)
class Article:
    """One news article as it enters the system. ``text`` is never modified."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = None  # where it was read from (file, file:line), for error messages


@dataclass(slots=True)
class ActorRef:
    """A resolved actor: a CAMEO code plus the text that named it and the entries that fired."""

    code: str
    name: str = ""
    country: str = ""
    role: str = ""
    start: int = -1  # char span of the naming text in the article (-1 when resolved by reference)
    end: int = -1
    entries: tuple[str, ...] = ()  # dictionary entry ids that produced this code


@dataclass(slots=True)
class Attribution:
    """On whose word the event is reported."""

    text: str = ""
    code: str = ""
    anonymous: bool = False


@dataclass(slots=True)
class TimeRef:
    """An event's own time, only as precise as the text allows (ISO prefix: 2024, 2024-05, 2024-05-16)."""

    value: str = ""
    end: str = ""
    text: str = ""
    historical: bool = False


@dataclass(slots=True)
class Event:
    """One coded event mention: who did what to whom, with the sentence and rules that prove it."""

    article_id: str
    sentence_index: int
    sentence_start: int
    sentence_end: int
    sentence: str
    trigger: str
    trigger_start: int
    trigger_end: int
    actor1: ActorRef
    actor2: ActorRef | None
    event_code: str
    goldstein: float
    quad_class: int
    modality: str = "asserted"
    time: TimeRef = field(default_factory=TimeRef)
    action_country: str = ""
    action_place: str = ""
    attribution: Attribution = field(default_factory=Attribution)
    rules: tuple[str, ...] = ()
    confidence: float = 0.5
    # split from a coordination ("A dan B mengecam C") or the reverse of a symmetric act ("A dan B
    # bertemu" -> A->B and B->A): dyad counts can then be taken with or without such events
    joint: bool = False
    # gazetteer keys (coding/dictionaries/gazetteer.tsv): where it happened, where each actor is from
    action_geo: str = ""
    actor1_geo: str = ""
    actor2_geo: str = ""

    @property
    def event_base_code(self) -> str:
        return self.event_code[:3]

    @property
    def event_root_code(self) -> str:
        return self.event_code[:2]

    @property
    def event_id(self) -> str:
        """Stable across runs: depends only on what was coded and where, never on order or time."""
        a2 = self.actor2.code if self.actor2 else ""
        key = "|".join(
            map(
                str,
                (
                    self.article_id,
                    self.sentence_start,
                    self.trigger_start,
                    self.trigger_end,
                    self.actor1.code,
                    self.event_code,
                    a2,
                ),
            )
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_record(self) -> dict[str, Any]:
        """The flat output record (the project's contract), JSON-serialisable."""
        a1, a2 = self.actor1, self.actor2 or ActorRef(code="")
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "sentence_index": self.sentence_index,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "sentence": self.sentence,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "actor1_code": a1.code,
            "actor1_name": a1.name,
            "actor1_country": a1.country,
            "actor1_role": a1.role,
            "actor2_code": a2.code,
            "actor2_name": a2.name,
            "actor2_country": a2.country,
            "actor2_role": a2.role,
            "event_code": self.event_code,
            "event_base_code": self.event_base_code,
            "event_root_code": self.event_root_code,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "modality": self.modality,
            "event_date": self.time.value,
            "event_date_end": self.time.end,
            "date_text": self.time.text,
            "historical": self.time.historical,
            "action_country": self.action_country,
            "action_place": self.action_place,
            "attribution": self.attribution.text,
            "attribution_code": self.attribution.code,
            "anonymous": self.attribution.anonymous,
            "rules": list(self.rules),
            "actor1_entries": list(a1.entries),
            "actor2_entries": list(a2.entries),
            "confidence": round(self.confidence, 3),
            "joint": self.joint,
            "action_geo": self.action_geo,
            "actor1_geo": self.actor1_geo,
            "actor2_geo": self.actor2_geo,
        }


@dataclass(slots=True)
class Fact:
    """A money amount or quantity stated in the text, normalised (``$218,2 miliar`` -> 2.182e11 USD)."""

    article_id: str
    kind: Literal["money", "quantity", "percent"]
    text: str
    value: float
    unit: str
    start: int
    end: int
    sentence_index: int = -1
    measures: str = ""  # what the sentence says it measures, when it says ("perdagangan", "korban tewas")

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Entity:
    """A named entity found by the NER model, with the actor code it resolved to (if any)."""

    text: str
    label: str
    start: int
    end: int
    code: str = ""


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class CodedArticle:
    """Everything the coder learnt from one article."""

    article: Article
    language: str = "id"
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Set when coding this article failed (the coder isolates every article): why, in one line.
    #: A failed article has no sentences, events or facts and is reported, never stored.
    error: str = ""
