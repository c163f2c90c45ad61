"""What the coder knows while it reads an article: actors taking part, the article's memory,
argument slots, and the facts one sentence's events share (modality, time, place, attribution).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from peristiwa.coding import attribution as attribution_mod
from peristiwa.coding import codes, geo, timex
from peristiwa.coding import modality as modality_mod
from peristiwa.coding.patterns import TriggerMatch, code_info
from peristiwa.coding.places import (
    doc_text,
    find_places,
    place_phrase,
    token_offsets,
)
from peristiwa.coding.words import (
    ANAPHORIC_DETERMINERS,
    CLAUSE_BREAK_WORDS,
    LEDE_REFERENCE_REACH,
    TIME_BREAK_PUNCT,
)
from peristiwa.model import (
    ActorRef,
    Article,
    Attribution,
    Event,
    Sentence,
    TimeRef,
)


@dataclass(slots=True)
class Resolved:
    """An actor taking part in an event, with the mention that named it (or the reference resolved)."""

    code: str
    name: str
    start_char: int
    end_char: int
    entries: tuple[str, ...]
    kind: str = ""

    def to_ref(self) -> ActorRef:
        return codes.actor_ref(self.code, self.name, self.start_char, self.end_char, self.entries)

@dataclass(slots=True)
class Memory:
    """What the article has said so far: for references that point back (kedua negara, ia, -nya)."""

    persons: list[Resolved] = field(default_factory=list)
    actors: list[Resolved] = field(default_factory=list)
    country_counts: Counter = field(default_factory=Counter)
    last_time: TimeRef | None = None  # the date of the last dated event, for the sentences after it
    last_time_end: int = 0
    # (capitalised words after an office, the office): names the dictionary does not hold
    offices: list[tuple[str, Resolved]] = field(default_factory=list)
    # the person the sentence before was about (its first person not inside a prepositional phrase)
    topic: Resolved | None = None

    def salient_person(self) -> Resolved | None:
        """Whom "ia"/"dia" means across sentences: the person the sentence before was about,
        which beats a person only mentioned in it ("Trump mengaku sudah bicara dengan Prabowo. Ia
        menyebut ..."), else the last person named."""
        return self.topic or (self.persons[-1] if self.persons else None)

    def office_by_name(self, words: Sequence[str]) -> Resolved | None:
        """The office named just before an unknown name ("Anggota DPR ... Muslim Ayub"), for a
        later "kata Muslim Ayub" or "Muslim": the latest run of words ending with the full name,
        or holding the one word; None when several offices would fit."""
        if not words or not all(w[:1].isupper() for w in words):
            return None
        name = " ".join(words)
        hits = {
            r.code: r
            for run, r in reversed(self.offices)
            if (len(words) > 1 and (run == name or run.endswith(" " + name)))
            or (len(words) == 1 and len(name) >= 3 and name in run.split()[1:])
        }
        return next(iter(hits.values())) if len(hits) == 1 else None

    def remember(self, actor: Resolved, place: bool = False) -> None:
        if "ref:kedua" in actor.entries:
            return  # a pair reference restates actors already counted; counting it again skews focus
        if place:
            if codes.state_of(actor.code):
                self.country_counts[actor.code[:3]] += 1
            return
        self.actors.append(actor)
        if actor.kind == "person":
            self.persons.append(actor)
        if codes.state_of(actor.code):
            self.country_counts[actor.code[:3]] += 1

    def person_by_short_name(self, text: str) -> Resolved | None:
        """The person named earlier in full whom a later one-word mention means ("Surya Paloh
        ... kata Surya"): the most recent one with that word in their name, if all who have it
        carry one code (the full name and its earlier short mentions are one person; two people
        coded alike give the same event either way)."""
        word = text.strip()
        if not word[:1].isupper() or " " in word or len(word) < 3:
            return None
        hits = {}
        for p in reversed(self.persons):
            if word in p.name.split() and p.code:
                hits.setdefault(p.code, p)
        return next(iter(hits.values())) if len(hits) == 1 else None

    def focus_country(self) -> str:
        """The country the article is about so far; Indonesian news defaults to Indonesia."""
        if not self.country_counts:
            return "IDN"
        return self.country_counts.most_common(1)[0][0]

@dataclass(slots=True)
class Slot:
    """One argument position of a trigger: the actors it holds and the rules that found them."""

    actors: list[Resolved]
    how: str

class SentenceContext:
    """What every event of one sentence shares, computed once and only when an event needs it:
    its attribution, time expressions and places, and the triples already coded in it."""

    def __init__(
        self,
        sent: Span,
        index: int,
        sentence: Sentence,
        article: Article,
        memory: Memory,
        prev_text: str | None,
        next_text: str | None,
        speaker: Resolved | None = None,
    ) -> None:
        self.sent, self.index, self.sentence = sent, index, sentence
        self.speaker = speaker  # whom the sentence quotes, resolved to an actor (or None)
        self.article, self.memory = article, memory
        self.prev_text, self.next_text = prev_text, next_text
        self.seen: set[tuple[str, str, str]] = set()
        self.coordinated: dict[tuple[str, str, str], TriggerMatch] = {}
        self._attribution: Attribution | None = None
        self._times: list[timex.TimeExpr] | None = None
        self._places: list | None = None
        self._per_trigger: dict[tuple[int, str], tuple] = {}
        self._actor_geo: dict[tuple[int, int, str], str] = {}

    def places(self) -> list:
        if self._places is None:
            self._places = find_places(self.sent)
        return self._places

    def attribution(self) -> Attribution:
        if self._attribution is None:
            self._attribution = (
                attribution_mod.find_attribution(self.sentence.text, self.next_text, self.prev_text)
                or Attribution()
            )
        return self._attribution

    def times(self) -> list[timex.TimeExpr]:
        if self._times is None:
            found = timex.find_times(self.sentence.text, self.article.published, self.sentence.start)
            self._times = [t for t in found if t.kind != "period"]
        return self._times

    def _trigger_facts(self, trig: TriggerMatch, code: str) -> tuple:
        """Modality, time (with the rule that dated it), place phrase and gazetteer place of a
        trigger's events."""
        key = (trig.head, code)
        if key in self._per_trigger:
            return self._per_trigger[key]
        sent, memory, times = self.sent, self.memory, self.times()
        words = doc_words(sent.doc)[0][sent.start : sent.end]
        rel = trig.head - sent.start
        modality = modality_mod.classify(words, rel, code, [t.lemma_ for t in sent])
        time = _clause_time(times, sent, trig)
        time_rule: tuple[str, ...] = ()
        if (
            not time.value
            and not times
            and memory.last_time is not None
            and "\n" not in doc_text(sent.doc)[memory.last_time_end : self.sentence.start]
        ):
            # a sentence with no time of its own continues the story of the one before it
            time, time_rule = memory.last_time, ("date:previous-sentence",)
        if not time.value and not times and self.index == 0 and self.next_text:
            # a lede with no date whose next sentence dates it by referring back ("Permintaan
            # tersebut disampaikan ... pada Jumat (25/7/2025)")
            lede = _lede_time(self.next_text, self.article.published)
            if lede is not None:
                time, time_rule = lede, ("date:next-sentence",)
        place = place_phrase(sent, rel, self.places())
        if place is not None and geo.topic_phrase(sent.doc, place.start, code):
            place = None  # "mengecam perang di Ukraina": not said in Ukraine
        facts = (modality, time, time_rule, place, geo.action_place(sent, trig.head, code))
        self._per_trigger[key] = facts
        return facts

    def actor_geo(self, actor: Resolved) -> str:
        """Gazetteer key of an actor's place (coding/geo.py), once per mention."""
        key = (actor.start_char, actor.end_char, actor.code)
        if key not in self._actor_geo:
            self._actor_geo[key] = geo.actor_key(self.sent.doc, actor.start_char, actor.end_char, actor.code)
        return self._actor_geo[key]

    def event(
        self,
        trig: TriggerMatch,
        code: str,
        src: Resolved,
        tgt: Resolved | None,
        how: tuple[str, ...],
        joint: bool = False,
    ) -> Event:
        """The Event record of one (source, code, target) told by a trigger of this sentence;
        ``joint`` when it was split from coordinated actors or is the reverse of a joint act."""
        modality, time, time_rule, place, where = self._trigger_facts(trig, code)
        info = code_info(code)
        action_country = place.country if place else geo.stated_country(where)
        if not action_country and code[:3] in ("042", "043", "044") and tgt is not None:
            action_country = tgt.code[:3] if code[:3] == "042" else src.code[:3]
        sentence = self.sentence
        return Event(
            article_id=self.article.id,
            sentence_index=self.index,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            sentence=sentence.text,
            trigger=trig.text,
            trigger_start=trig.start_char,
            trigger_end=trig.end_char,
            actor1=src.to_ref(),
            actor2=tgt.to_ref() if tgt else None,
            event_code=code,
            goldstein=info.goldstein,
            quad_class=info.quad_class,
            modality=modality,
            time=time,
            action_country=action_country if codes.is_country(action_country) else "",
            action_place=place.name if place else "",
            attribution=self.attribution(),
            rules=(f"pattern:{trig.pattern_id}", *how, *time_rule),
            confidence=_confidence(trig, src, tgt, how),
            joint=joint or any(h.startswith("joint:") for h in how),
            action_geo=where.entry.key if where and where.entry else "",
            actor1_geo=self.actor_geo(src),
            actor2_geo=self.actor_geo(tgt) if tgt else "",
        )

def doc_words(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's text and lower-cased text, computed once per Doc (the coder reads them for
    each sentence, and going through Token objects each time was a tenth of its time)."""
    cached = doc.user_data.get("peristiwa.words")
    if cached is None:
        texts = token_offsets(doc)[1]
        cached = (texts, [t.lower() for t in texts])
        doc.user_data["peristiwa.words"] = cached
    return cached

def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

def _clause_time(times: Sequence[timex.TimeExpr], sent: Span, trig: TriggerMatch) -> TimeRef:
    """The time expression nearest the trigger within its clause, or none.

    A date across a clause boundary belongs to another event: in "Meskipun Kremlin menolak
    berkomentar, ... setelah pelantikan pada 7 Mei" the refusal is not dated 7 May.
    """
    doc = sent.doc
    first, last = min(trig.tokens), max(trig.tokens)
    best: tuple[int, timex.TimeExpr] | None = None
    for t in times:
        if not t.value or t.kind in ("period", "citation"):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        lo, hi = (last + 1, span.start) if span.start > last else (span.end, first)
        between = doc[lo:hi] if lo < hi else doc[0:0]
        # a comma does not cut a time adjunct off its event ("tiba di Jakarta, pada Selasa (27/5)")
        if any(
            (tok.is_punct and tok.text in TIME_BREAK_PUNCT)
            or (tok.lower_ in CLAUSE_BREAK_WORDS and not _effective_from(doc, tok.i))
            for tok in between
        ):
            continue
        if span.start > last and any(t.text == "," for t in between) and _in_subordinate(doc, sent, first):
            continue  # "Meskipun X menolak berkomentar, ... pada 7 Mei": the comma closed X's clause
        dist = len(between)
        if best is None or dist < best[0]:
            best = (dist, t)
    return timex.to_timeref(best[1]) if best else TimeRef()

def _lede_time(next_text: str, published: date | None) -> TimeRef | None:
    """The date a lede's next sentence gives it, when that sentence opens by referring back to
    the lede's event ("Permintaan tersebut disampaikan ... pada Jumat (25/7/2025)")."""
    opening = [w.strip(",.").lower() for w in next_text.split()[:LEDE_REFERENCE_REACH]]
    if not any(w in ANAPHORIC_DETERMINERS for w in opening):
        return None
    found = [
        t for t in timex.find_times(next_text, published) if t.value and t.kind not in ("period", "citation")
    ]
    return timex.to_timeref(found[0]) if found else None

def _effective_from(doc: Doc, i: int) -> bool:
    """ "terhitung sejak" / "berlaku sejak": the date an act takes effect, its own date, not
    another clause's."""
    return doc[i].lower_ == "sejak" and i > 0 and doc[i - 1].lower_ in ("terhitung", "berlaku")

def _in_subordinate(doc: Doc, sent: Span, first: int) -> bool:
    """Does the clause holding token ``first`` open with a subordinator (meskipun, setelah, ...)?"""
    i = first - 1
    while i >= sent.start and doc[i].text != ",":
        if doc[i].lower_ in CLAUSE_BREAK_WORDS:
            return True
        i -= 1
    return False

def self_reference(src: Resolved, tgt: Resolved) -> bool:
    """An actor acting on itself, or on a bare role noun that took its own country ("Malaysia akan
    menjamu ... kepala negara": the heads of state are guests, not Malaysia's government)."""
    if tgt.code == src.code:
        # the same code is still two actors when the text names two different ones: the ethics
        # council (IDNJUD) removing the court's chief justice (IDNJUD), a party suspending its member
        return not (_identity(src) and _identity(tgt) and _identity(src) != _identity(tgt))
    # a country and one of its own parts ("kami", resolved to Indonesia's president, making a deal
    # "dengan Indonesia"): the same side, not a dyad; but a person or body coded only by their
    # nationality ("Sudi" = IDN) is not the state, and may well face its government
    if _national(src) or _national(tgt):
        return False
    if codes.is_country(src.code) and tgt.code[:3] == src.code:
        return True
    if codes.is_country(tgt.code) and src.code[:3] == tgt.code:
        return True
    inferred = "ref:focus-country" in src.entries or "ref:focus-country" in tgt.entries
    same_side = len(src.code) == 3 or len(tgt.code) == 3 or src.code[3:6] == tgt.code[3:6]
    return inferred and src.code[:3] == tgt.code[:3] and same_side

def _national(actor: Resolved) -> bool:
    """A person or organisation no office or role codes, only a country (an open actor "Sudi" is
    ``IDN``): one national, not the state."""
    return len(actor.code) == 3 and actor.kind in ("person", "org") and any(
        e.startswith("open:") for e in actor.entries
    )


def _identity(actor: Resolved) -> str:
    """Who an actor is by name: the person named, else the first organisation ("MKD DPR" is the
    ethics council, not the house; "anggota DPR Nafa Urbach" is Nafa Urbach); "" for references
    and bare roles, which name nobody."""
    if any(e.startswith("ref:") for e in actor.entries):
        return ""
    people = [e for e in actor.entries if e.startswith("people:")]
    orgs = [e for e in actor.entries if e.startswith("orgs:")]
    return (people or orgs or [""])[0]

def _confidence(trig: TriggerMatch, src: Resolved, tgt: Resolved | None, how: tuple[str, ...]) -> float:
    """A transparent score, not a probability: specific patterns and named actors earn trust."""
    score = 0.5
    if len(trig.tokens) > 1:
        score += 0.15
    if tgt is not None:
        score += 0.1
    if not any(h.startswith("ref:") for h in (*src.entries, *(tgt.entries if tgt else ()))):
        score += 0.1
    if any(h.startswith("joint:") for h in how):
        score -= 0.05
    return max(0.05, min(0.95, score))
