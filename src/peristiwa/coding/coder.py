"""The event coder: an Article and its spaCy Doc in, typed Events and Facts out.

It ties the single-purpose modules together, sentence by sentence:

1. find actor mentions (dictionaries) and resolve references (kedua negara, ia, pemerintah);
2. find event triggers (pattern dictionary);
3. give each trigger its source and target from the sentence structure: the subject before an
   active verb, the object or prepositional phrase after it; the ``oleh`` agent and the subject
   swapped for passives; the possessor after a nominal event ("kunjungan Putin ke Cina");
   coordination splits into one event per actor pair; joint actions are coded both ways;
4. add modality, the event's own date, place and attribution;
5. keep the evidence: the sentence, the trigger span and every dictionary entry that fired.

Rules are linear over tokens with clause boundaries rather than a pure walk over the parse: with
a parser at ~78 LAS a wrong attachment silently drops or flips events, while the linear rules are
predictable, explainable and tested phrase by phrase. The parse is used where it is reliable
(sentence boundaries, the root verb of a clause).
"""

from __future__ import annotations

import functools
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from peristiwa.coding import attribution as attribution_mod
from peristiwa.coding import facts as facts_mod
from peristiwa.coding import geo, timex
from peristiwa.coding import modality as modality_mod
from peristiwa.coding.actors import ActorDictionary, default_actors
from peristiwa.coding.language import detect
from peristiwa.coding.open_actors import open_actors
from peristiwa.coding.patterns import PatternDictionary, TriggerMatch, code_info, default_patterns
from peristiwa.coding.places import (
    REGION_CODES,
    PlaceMention,
    doc_text,
    find_places,
    place_phrase,
    token_offsets,
)
from peristiwa.coding.selection import Candidate, Selector, SentenceParser, default_selector, features
from peristiwa.ingest.validate import PUBLISHED_MAX, PUBLISHED_MIN, clean_text
from peristiwa.model import (
    ActorRef,
    Article,
    Attribution,
    CodedArticle,
    Entity,
    Event,
    Sentence,
    TimeRef,
)

# Tokens that end the search for an event's arguments: a subject is never found across them.
CLAUSE_BREAK_WORDS = frozenset(
    [
        "tetapi",
        "namun",
        "sedangkan",
        "meskipun",
        "walaupun",
        "walau",
        "kendati",
        "karena",
        "sebab",
        "sehingga",
        "setelah",
        "sesudah",
        "sebelum",
        "ketika",
        "saat",
        "sementara",
        "bahwa",
        "agar",
        "supaya",
        "jika",
        "kalau",
        "apabila",
        "sejak",
        "hingga",
        "sampai",
        "usai",
        "seusai",
        "serta-merta",
        "sambil",
        "seraya",
        "tatkala",
    ]
)
LEFT_STOP_PREPS = frozenset(
    [
        "di",
        "ke",
        "dari",
        "dalam",
        "pada",
        "kepada",
        "terhadap",
        "oleh",
        "antara",
        "dengan",
        "bagi",
        "tentang",
        "soal",
        "atas",
    ]
)
PUNCT_BREAKS = frozenset(",;:()[]\"“”'‘’–—-?!")
# An actor after these is where something happens, not who it happens to ("konflik di Ukraina").
LOCATIVE_PREPS = frozenset({"di", "dari", "pada", "dalam", "sejak"})
PLACE_PREPS = frozenset({"di", "ke", "menuju"})
ALL_PREPS = LEFT_STOP_PREPS | {"untuk", "bersama", "melawan", "menuju"}
COORD_WORDS = frozenset({"dan", "serta", ",", "maupun", "juga"})
# Codes whose events between coordinated subjects with no separate target are joint (both ways):
# meeting, negotiating, agreeing, cooperating, fighting. Not visits, hosting or mediation.
JOINT_PREFIXES = ("03", "040", "041", "046", "050", "057", "06", "190", "193", "194", "195")
# CAMEO events are dyadic; only these are coded with no target ("Kremlin menolak berkomentar",
# attacks on targets with no identifiable country). A missing target elsewhere means we missed it.
UNARY_CODES = frozenset({"011", "190"})
DECLINE_CODE = "011"
MEDIATE_PREFIX = "045"  # CAMEO: mediate
CONDOLENCE_CODE = "018"
# Protest, criticism and rejection of an act ("protes terhadap penetapan ... oleh Polda") aim at
# the act's agent, found within this many tokens after the act.
OBJECTION_ROOTS = frozenset({"11", "12", "14"})
ACT_AGENT_REACH = 12
DISAPPROVE_ROOT = "11"
FIGHT_ROOT = "19"
# Verbs whose object event noun is judged or reported, not done, by their subject.
ASSESSING_VERBS = frozenset(
    {
        "menilai", "menganggap", "menyebut", "menyebutkan", "mengatakan", "menyatakan", "mengecam",
        "mengutuk", "mengkritik", "menyesalkan", "menyoroti", "mempertanyakan", "membantah", "melaporkan",
        "menolak", "menentang", "memprotes", "menyampaikan", "mengungkapkan", "menjelaskan", "menegaskan",
    }
)
KIND_NOUNS = frozenset({"segala", "bentuk", "jenis", "macam"})  # "segala bentuk pengusiran"
QUANTIFIERS = frozenset({"para", "sejumlah", "beberapa", "puluhan", "ratusan", "ribuan", "seluruh", "semua"})
RELATIVE_OBJECT_REACH = 4  # tokens of object noun phrase between a trigger and its "yang" clause
RECIPIENT_PREPS = ("ke", "kepada", "terhadap", "bagi")
# Verbs of a ruling body whose complement clause states the ruling ("memutuskan X terbukti ...").
RULING_VERBS = frozenset({"memutuskan", "menyatakan", "menetapkan", "memvonis"})
ATTACK_ROOTS = frozenset({"serang", "tembak", "bom", "gempur", "invasi", "agresi", "bombardir"})
# Verbs of a relative clause on an attack that name whom it hit ("perang, yang menewaskan X").
VICTIM_VERBS = frozenset(
    {"menewaskan", "melukai", "membunuh", "menghancurkan", "merusak", "menargetkan", "menyasar", "menimpa"}
)
# Verbs whose object event the subject brokered between others ("menengahi perjanjian").
MEDIATE_ROOTS = frozenset({"tengah", "mediasi", "fasilitasi", "perantara"})
MEDIATE_WORDS = frozenset({"menengahi", "memediasi", "memfasilitasi", "memperantarai"})
# What can be brokered between two sides: talks, agreements, ceasefires, cooperation.
MEDIATED_ROOTS = frozenset({"03", "04", "05", "06", "08"})
THREAT_ROOT = "13"
CONSULT_ROOT = "04"
CONDITION_WORDS = frozenset({"jika", "kalau", "apabila", "bila", "seandainya", "andaikan"})
# Arrest, detain, name as suspect (17x) and summon or question (09x): done by these roles.
AUTHORITY_CODES = ("17", "09")
AUTHORITY_ROLES = frozenset({"COP", "JUD"})
# Roles that report on or watch a story rather than take a side in it.
SIDELINE_ROLES = frozenset({"MED", "SPY"})
# A demand, criticism, rejection or threat governs its content: "mendesak Israel menghentikan
# serangan" is one event (the demand), not also a halt of attacks.
GOVERNOR_KEEPS_ROOTS = frozenset({"02", "10", "11", "12", "13"})
# Considering an option yields to the option considered, coded hypothetical (GUIDELINES).
GOVERNOR_YIELDS_CODES = frozenset({"014"})
COMPLEMENT_GLUE = frozenset(
    [
        "untuk",
        "agar",
        "supaya",
        "akan",
        "segera",
        "dapat",
        "bisa",
        "tidak",
        "tak",
        "mau",
        "ingin",
        "demi",
        "guna",
        "bahwa",
        "kembali",
        "terus",
    ]
)
# Head nouns that stand in apposition before an actor's name ("kelompok Houthi", "pihak Israel").
CLASSIFIER_NOUNS = frozenset(
    [
        "kelompok",
        "pihak",
        "kubu",
        "otoritas",
        "negara",
        "organisasi",
        "gerakan",
        "milisi",
        "faksi",
        "rezim",
        "pemerintahan",
        "kantor",
        "kementerian",
        "lembaga",
        "badan",
        "pasukan",
        "tentara",
        "militer",
        "warga",
        "delegasi",
        "aliansi",
        "koalisi",
    ]
)
SPORTS_CUES = frozenset(
    [
        "timnas",
        "gol",
        "laga",
        "pertandingan",
        "skor",
        "babak",
        "klub",
        "liga",
        "turnamen",
        "pelatih",
        "striker",
        "kiper",
        "bek",
        "gelandang",
        "juara",
        "final",
        "semifinal",
        "penalti",
        "stadion",
        "piala",
        "pebulu",
        "tangkis",
        "bulu",
        "tangkis",
    ]
)
PAIR_WORDS = {"kedua", "keduanya"}
# A sentence that opens with one of these and ends in "?" asks a question: no event is reported.
QUESTION_WORDS = frozenset(
    {"mengapa", "kenapa", "apakah", "apa", "bagaimana", "siapa", "kapan", "dimana", "akankah"}
)
# Conjunctions that open a subordinate clause; one with no subject of its own shares the main one's.
SUBORDINATORS = frozenset(
    {"setelah", "sesudah", "sebelum", "usai", "seusai", "saat", "ketika", "sambil", "seraya"}
)
# Relatives: "putri Presiden Soekarno" is someone else than the president.
KIN_NOUNS = frozenset(
    {"putri", "putra", "anak", "istri", "suami", "ayah", "ibu", "adik", "kakak", "cucu", "menantu"}
)
# Honorifics before a name in an apposition ("Perdana Menteri Inggris, Sir Keir Starmer, ...").
HONORIFICS = frozenset(
    {"sir", "dame", "lord", "tuan", "nyonya", "monsieur", "madame", "syekh", "sheikh", "dr", "prof"}
)
# Subordinators that open a time clause with its own subject ("sejak Israel melancarkan perang").
TIME_SUBORDINATORS = frozenset({"sejak"})
PERSON_PRONOUNS = frozenset({"ia", "dia", "beliau", "dirinya"})
# "baginya, X harus ...": the view of the person named last, who demands it
PERSPECTIVE_PRONOUNS = frozenset({"baginya", "menurutnya"})
# "Kami menghargai putusan itu," kata Surya: the first person is the quoted speaker.
FIRST_PERSON = frozenset({"kami", "saya", "aku", "kita"})
# Words _mentions resolves to actors named elsewhere.
# "negaranya menyampaikan keprihatinan": the state of the one speaking
OWN_STATE_WORDS = frozenset({"negaranya", "pemerintahnya"})
REFERRING_WORDS = FIRST_PERSON | PERSON_PRONOUNS | PAIR_WORDS | OWN_STATE_WORDS
GROUP_NOUN_KIND = {
    "negara": "country",
    "pihak": "any",
    "belah": "any",
    "pemimpin": "person",
    "pemerintah": "country",
    "menteri": "person",
    "presiden": "person",
    "kepala": "person",
    "tokoh": "person",
}
# A verb right after these heads a purpose or manner clause whose subject is the main clause's.
CONTROL_WORDS = frozenset({"untuk", "dengan", "sambil", "seraya", "guna", "demi"})
# Words that open a list naming what the noun before them stands for.
APPOSITIVE_WORDS = frozenset({"yakni", "yaitu", "termasuk", "seperti", "misalnya", "antaranya"})
TIME_BREAK_PUNCT = frozenset({";", '"', "“", "”", "?", "!"})
# Words that put an obligation on the subject of the verb after them ("Presiden harus ...").
OBLIGATION_WORDS = frozenset(
    {"harus", "seharusnya", "semestinya", "wajib", "mesti", "mestinya", "hendaknya", "sebaiknya"}
)
DEMAND_CODE = "100"  # CAMEO: demand, not specified below
PERSPECTIVE_WORDS = frozenset({"bagi", "menurut"})  # "bagi saya, X harus ...": whose view
# Role words that after a common noun describe it ("operasi militer", "pangkalan militer"):
# military things, not the military as an actor.
ADJECTIVAL_ROLE_WORDS = frozenset({"militer"})
# Role nouns too generic to stand for the country in focus when no country is named.
GENERIC_ROLES = frozenset({"CVL", "BUS", "MED"})
# Roots whose events are aimed at a place: an attack, threat, show of force or protest "di X".
MATERIAL_CONFLICT_ROOTS = frozenset({"13", "14", "15", "18", "19", "20"})
HEADING_MAX_TOKENS = 6
ANAPHORIC_DETERMINERS = frozenset({"tersebut", "itu", "ini"})
LEDE_REFERENCE_REACH = 4  # words of the lede's next sentence in which it must refer back
NAMED_OFFICIAL_REACH = 8  # capitalised words after an office that may end in a name
RELATIVE_CLAUSE_REACH = 6  # tokens between a "yang" and a preposition inside its clause
HEADING_LEAD = re.compile(r"\s*(?:\d{1,2}[.)]|[-\u2022*])?\s*")
NOMINAL_PREP_REACH = 5  # tokens between an event noun and the preposition of its target
# Linking verbs after an event noun: what follows describes it and its phrases are not the noun's.
PREDICATE_VERBS = frozenset(
    {"merupakan", "adalah", "ialah", "menunjukkan", "membuktikan", "mencerminkan", "menandai"}
)
MAX_WINDOW = 150  # tokens; longer "sentences" are coded in windows (see _windows)
MAX_ARG_DISTANCE = 16  # tokens between a trigger and a target it governs; beyond, a guess is worse than none


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
        return ActorRef(
            code=self.code,
            name=self.name,
            country=self.code[:3] if not self.code.startswith(("IGO", "NGO", "IMG", "NGM", "MNC")) else "",
            role=self.code[3:6] if len(self.code) >= 6 and not self.code.startswith(("IGO", "NGO")) else "",
            start=self.start_char,
            end=self.end_char,
            entries=self.entries,
        )


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
            if _is_country(actor.code[:3]) and not actor.code.startswith(("IGO", "NGO")):
                self.country_counts[actor.code[:3]] += 1
            return
        self.actors.append(actor)
        if actor.kind == "person":
            self.persons.append(actor)
        if len(actor.code) >= 3 and actor.code[:3].isalpha() and not actor.code.startswith(("IGO", "NGO")):
            self.country_counts[actor.code[:3]] += 1

    def person_by_short_name(self, text: str) -> Resolved | None:
        """The person named earlier in full whom a later one-word mention means ("Surya Paloh
        ... kata Surya"): the most recent one with that word in their name, if only one has."""
        word = text.strip()
        if not word[:1].isupper() or " " in word or len(word) < 3:
            return None
        hits = {}
        for p in reversed(self.persons):
            if word in p.name.split() and p.code:
                hits.setdefault(next((e for e in p.entries if e.startswith("people:")), p.code), p)
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


class _SentenceContext:
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
    ) -> None:
        self.sent, self.index, self.sentence = sent, index, sentence
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
        words = _doc_words(sent.doc)[0][sent.start : sent.end]
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
            action_country=action_country if _is_country(action_country) else "",
            action_place=place.name if place else "",
            attribution=self.attribution(),
            rules=(f"pattern:{trig.pattern_id}", *how, *time_rule),
            confidence=_confidence(trig, src, tgt, how),
            joint=joint or any(h.startswith("joint:") for h in how),
            action_geo=where.entry.key if where and where.entry else "",
            actor1_geo=self.actor_geo(src),
            actor2_geo=self.actor_geo(tgt) if tgt else "",
        )


class Coder:
    """Codes articles; holds the pipeline and dictionaries so they load once per process."""

    def __init__(
        self,
        nlp: Language | None = None,
        actors: ActorDictionary | None = None,
        patterns: PatternDictionary | None = None,
        selector: Selector | str | None = "default",
    ) -> None:
        self._nlp = nlp
        self.actors = actors or default_actors()
        self.patterns = patterns or default_patterns()
        # the learned selector judges every candidate; without one, the rules' choices stand
        self.selector = default_selector() if selector == "default" else selector
        self.open_candidates = self.selector is not None
        self.prune_open = True  # build only the open candidates that can be selected (not for candidates())
        self._sentence_parser: SentenceParser | None = None

    def _match(self, sent: Span) -> list[TriggerMatch]:
        """The patterns matching a sentence (found once per sentence, also by the parse pre-pass)."""
        cache = sent.doc.user_data.setdefault("peristiwa.triggers", {})
        key = (sent.start, sent.end)
        if key not in cache:
            cache[key] = self.patterns.match(sent)
        return cache[key]

    def _parse_trigger_sentences(self, sents: Sequence[Span]) -> None:
        """Parse, in one batch, every sentence (window) that holds a trigger: the selector reads
        their parse, and batching costs a fraction of parsing them one by one."""
        if not self.open_candidates:
            return
        if self._sentence_parser is None:
            self._sentence_parser = SentenceParser(self.nlp)
        self._sentence_parser.parse_many([p for s in sents for p in _windows(s) if self._match(p)])

    def _parse(self, sent: Span):  # type: ignore[no-untyped-def]
        """The sentence's dependency parse for the selector's features; None when no selector
        judges (the rules alone never read the parse)."""
        if not self.open_candidates:
            return None
        if self._sentence_parser is None:
            self._sentence_parser = SentenceParser(self.nlp)
        return self._sentence_parser.parse(sent)

    def candidates(self, article: Article) -> list[Candidate]:
        """Every candidate event of an article with its features, before selection: what the
        selector's training recipe learns from (coding/train_selector.py)."""
        saved, self.open_candidates = self.open_candidates, True
        self.prune_open = False
        try:
            return self._fill(CodedArticle(article=article), self.nlp(article.text))
        finally:
            self.open_candidates, self.prune_open = saved, True

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use (the spaCy component path never needs it)."""
        if self._nlp is None:
            from peristiwa import nlp as nlp_mod

            self._nlp = nlp_mod.load()
        return self._nlp

    # ------------------------------------------------------------------------------ public API
    def code_article(self, article: Article) -> CodedArticle:
        return next(self.code_articles([article]))

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[CodedArticle]:
        """Code many articles, batching the NLP pipeline (the expensive part) with ``nlp.pipe``.

        Every article is isolated: whatever goes wrong while coding one comes back as that
        article's ``error`` (no events) and the others are coded as usual, in input order.
        An article longer than :data:`MAX_DOC_CHARS` is coded in sentence-bounded chunks.
        """
        pending: list[CodedArticle] = []
        for article in articles:
            coded, go = self._admit(article)
            if not go:
                yield coded
            elif len(coded.article.text) > MAX_DOC_CHARS:
                yield from self._flush(pending)
                pending = []
                yield self._guarded(coded, self._fill_long)
            else:
                pending.append(coded)
                if len(pending) >= batch_size:
                    yield from self._flush(pending)
                    pending = []
        yield from self._flush(pending)

    def _admit(self, article: Article) -> tuple[CodedArticle, bool]:
        """The article made safe to code (:mod:`peristiwa.ingest.validate`) and whether the language
        gate lets it through."""
        coded = CodedArticle(article=article)
        try:
            text, replaced = clean_text(article.text)
            pub = article.published
            if pub is not None and not PUBLISHED_MIN <= pub <= PUBLISHED_MAX:
                coded.warnings.append(
                    f"publication date {pub.isoformat()} outside {PUBLISHED_MIN.year}..{PUBLISHED_MAX.year}; "
                    "relative dates not resolved"
                )
                pub = None
            if replaced or pub != article.published:
                coded.article = replace(article, text=text, published=pub)
            if replaced:
                coded.warnings.append(f"{replaced} lone surrogate(s) or control character(s) replaced")
            guess = detect(text)
        except Exception as exc:  # isolation: see code_articles
            return _failed(coded, exc), False
        coded.language = guess.lang
        if not guess.is_indonesian:
            coded.warnings.append(
                f"text is not Indonesian (detected {guess.lang!r}, confidence {guess.confidence:.2f}); "
                "no events coded"
            )
        return coded, guess.is_indonesian

    def _guarded(self, coded: CodedArticle, fill: Callable[[CodedArticle], None]) -> CodedArticle:
        try:
            fill(coded)
        except Exception as exc:  # isolation: see code_articles
            return _failed(coded, exc)
        return coded

    def _fill_long(self, coded: CodedArticle) -> None:
        """Code an over-long article chunk by chunk (sentence-bounded), offsets into the whole text."""
        text = coded.article.text
        bounds = chunk_bounds(text, MAX_DOC_CHARS)
        parts = [replace(coded.article, text=text[lo:hi]) for lo, hi in bounds]
        for (lo, _hi), part, doc in zip(bounds, parts, self.nlp.pipe(p.text for p in parts), strict=True):
            piece = CodedArticle(article=part)
            self._fill(piece, doc)
            _append_shifted(coded, piece, lo)
        coded.warnings.append(f"{len(text):,} characters: coded in {len(bounds)} sentence-bounded chunks")

    def code_doc(self, doc: Doc, article: Article) -> CodedArticle:
        """Code an already-parsed Doc (the spaCy component path)."""
        coded = CodedArticle(article=article)
        self._fill(coded, doc)
        return coded

    # ------------------------------------------------------------------------------ internals
    def _flush(self, pending: list[CodedArticle]) -> Iterator[CodedArticle]:
        """Code a batch with one ``nlp.pipe``; when the batch fails, each article on its own."""
        if not pending:
            return
        try:
            docs: list[Doc | None] = list(self.nlp.pipe(c.article.text for c in pending))
        except Exception:
            docs = [None] * len(pending)
        for coded, doc in zip(pending, docs, strict=True):
            yield self._guarded(coded, functools.partial(self._fill_alone, doc=doc))

    def _fill_alone(self, coded: CodedArticle, doc: Doc | None) -> None:
        self._fill(coded, doc if doc is not None else self.nlp(coded.article.text))

    def _fill(self, coded: CodedArticle, doc: Doc) -> list[Candidate]:
        article = coded.article
        text = doc_text(doc)
        sents = [s for s in doc.sents if text[s.start_char : s.end_char].strip()]
        spans: list[tuple[int, int]] = []
        for i, sent in enumerate(sents):
            start, end = _trim(doc_text(doc), sent.start_char, sent.end_char)
            coded.sentences.append(Sentence(i, start, end, doc_text(doc)[start:end]))
            spans.append((start, end))
        coded.entities = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
        coded.facts = facts_mod.extract_facts(doc_text(doc), article.id, spans)
        memory = Memory()
        candidates: list[Candidate] = []
        texts = [s.text for s in coded.sentences]
        self._parse_trigger_sentences(sents)
        for i, sent in enumerate(sents):
            prev_text = texts[i - 1] if i else None
            next_text = texts[i + 1] if i + 1 < len(texts) else None
            nxt = coded.sentences[i + 1] if i + 1 < len(coded.sentences) else None
            for part in _windows(sent):
                prev = coded.sentences[i - 1] if i else None
                speaker = self._speaker(part, coded.sentences[i], nxt, prev, article.published, memory)
                candidates.extend(
                    self._code_sentence(
                        part, i, coded.sentences[i], article, memory, prev_text, next_text, speaker
                    )
                )
        if self.selector is not None:
            coded.events.extend(self.selector.select(candidates))
        else:
            coded.events.extend(c.event for c in candidates if c.rule)
        return candidates

    def _code_sentence(
        self,
        sent: Span,
        index: int,
        sentence: Sentence,
        article: Article,
        memory: Memory,
        prev_text: str | None,
        next_text: str | None,
        speaker: Resolved | None = None,
    ) -> list[Candidate]:
        """Every candidate event of one sentence: those the argument rules chose (``rule``), and,
        when the coder proposes open candidates, every other actor pair around each trigger for
        the learned selector to judge (coding/selection.py)."""
        _all_words, all_lower = _doc_words(sent.doc)
        lower = all_lower[sent.start : sent.end]
        mentions = self._mentions(sent, article.published, memory, speaker)
        question = bool(lower) and lower[0] in QUESTION_WORDS and sentence.text.rstrip("\"”’' ").endswith("?")
        triggers = _drop_governed(self._match(sent), mentions, sent) if lower else []
        triggers = [t for t in triggers if not _inside_name(sent, t)]
        heading = bool(triggers) and all(t.nominal for t in triggers) and _heading(sent)
        if question or heading or any(w in SPORTS_CUES for w in lower):
            # sport is not politics; "Mengapa Houthi melancarkan serangan lagi?" asks, it reports
            # nothing; a subheading of event nouns ("Perang Thailand-Kamboja") labels what the
            # paragraphs under it report (a headline with a verb, "DPR Minta Prabowo ...", reports)
            _close_sentence(sent, mentions, memory)
            return []
        ctx = _SentenceContext(sent, index, sentence, article, memory, prev_text, next_text)
        by_trigger = [(trig, self._rule_candidates(ctx, trig, mentions)) for trig in triggers]
        out: list[Candidate] = [c for _t, cands in by_trigger for c in cands]
        if self.open_candidates and triggers:
            pool = [*mentions, *self._generic_mentions(sent, article.published, mentions, memory)]
            sources = _discourse_sources(memory, speaker, pool)
            for trig, rule in by_trigger:
                out.extend(self._open_candidates(ctx, trig, pool, sources, rule))
        _close_sentence(sent, mentions, memory)
        dated = [
            c.event.time
            for c in out
            if c.rule and c.event.time.value and "date:previous-sentence" not in c.event.rules
        ]
        if dated:
            memory.last_time, memory.last_time_end = dated[0], sentence.end
        return out

    def _rule_candidates(
        self, ctx: _SentenceContext, trig: TriggerMatch, mentions: list[tuple[int, int, Resolved]]
    ) -> list[Candidate]:
        """The events the argument rules code for one trigger (the rule coder's own output)."""
        sent = ctx.sent
        pairs = self._arguments(sent, trig, mentions, ctx.memory, ctx.places())
        obliged: list[Resolved] | None = None
        if not pairs and trig.passive:
            # "Mendagri Tito harus diberi peringatan": an agentless passive under an obligation
            # still says who must undergo it, which is what a demand needs
            found = self._slot(sent, trig, "subj", mentions, frozenset())
            obliged = found.actors if found is not None else None
        if not pairs and not obliged:
            return []
        code = trig.code
        demand = self._obligation_demand(sent, trig, pairs, mentions, obliged, ctx.memory)
        if demand:
            # "X menilai Presiden harus memberikan sanksi ...": X demands it of the President;
            # the sanction itself has not happened
            code, pairs = DEMAND_CODE, demand
        out: list[Candidate] = []
        for src, tgt, how in pairs:
            key = (src.code, code, tgt.code if tgt else "")
            if key in ctx.seen or (tgt is not None and _self_reference(src, tgt)):
                continue
            root_key = (src.code, code[:2], tgt.code if tgt else "")
            if _coordinated_triggers(sent, ctx.coordinated.get(root_key), trig):
                # "serangan udara dan tembakan pasukan Israel": one attack told in two nouns
                continue
            ctx.coordinated[root_key] = trig
            ctx.seen.add(key)
            event = ctx.event(trig, code, src, tgt, how, joint=len(pairs) > 1)
            feats = features(sent, trig, src, tgt, mentions, rule=True, parse=self._parse(sent))
            out.append(Candidate(event, feats, rule=True))
        return out

    def _open_candidates(
        self,
        ctx: _SentenceContext,
        trig: TriggerMatch,
        pool: list[tuple[int, int, Resolved]],
        sources: list[Resolved],
        rule: list[Candidate],
    ) -> list[Candidate]:
        """Every other (source, target) pair around a trigger, for the selector: the source any
        actor of the sentence or one the discourse supplies (whom the sentence before was about,
        the quote's speaker), the target any other actor of the sentence or none."""
        out: list[tuple[Resolved, Resolved | None, dict[str, float]]] = []
        actors = [r for _s, _e, r in pool]
        rule_src = {c.event.actor1.code for c in rule}
        rule_tgt = {c.event.actor2.code if c.event.actor2 else "" for c in rule}
        cache: dict = {}  # the trigger's and each actor's features, the same in every pair
        for src in [*actors, *sources]:
            for tgt in [None, *actors]:
                if tgt is src:
                    continue
                key = (src.code, trig.code, tgt.code if tgt else "")
                if key in ctx.seen or (tgt is not None and _self_reference(src, tgt)):
                    continue
                ctx.seen.add(key)
                parse = self._parse(ctx.sent)
                feats = features(ctx.sent, trig, src, tgt, pool, rule=False, parse=parse, cache=cache)
                if src.code in rule_src:
                    feats["agree:src"] = 1.0
                if (tgt.code if tgt else "") in rule_tgt:
                    feats["agree:tgt"] = 1.0
                if rule:
                    feats["rule-elsewhere"] = 1.0
                out.append((src, tgt, feats))
        if self.prune_open and self.selector is not None:  # coding: only what can change the selection
            out = [out[n] for n in self.selector.open_to_build(rule, trig.code, [f for _s, _t, f in out])]
        return [
            Candidate(ctx.event(trig, trig.code, src, tgt, ("candidate:open",)), feats, rule=False)
            for src, tgt, feats in out
        ]

    def _generic_mentions(
        self, sent: Span, when: date | None, mentions: list[tuple[int, int, Resolved]], memory: Memory
    ) -> list[tuple[int, int, Resolved]]:
        """Bare civilian, business and media nouns ("warga", "tersangka", "pengusaha"): never an
        argument the rules choose, but a candidate target the selector may keep."""
        taken = {i for s, e, _r in mentions for i in range(s, e)}
        out = []
        for m in self.actors.find(sent, when):
            if m.country or m.role not in GENERIC_ROLES or any(i in taken for i in range(m.start, m.end)):
                continue
            code = _role_country(mentions, memory) + m.role
            entries = (*m.entries, "ref:generic")
            out.append((m.start, m.end, Resolved(code, m.text, m.start_char, m.end_char, entries, "generic")))
        return out

    def _obligation_demand(
        self,
        sent: Span,
        trig: TriggerMatch,
        pairs: list[tuple[Resolved, Resolved | None, tuple[str, ...]]],
        mentions: list[tuple[int, int, Resolved]],
        obliged: list[Resolved] | None = None,
        memory: Memory | None = None,
    ) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
        """A demand when an obligation word governs the trigger and someone else says so.

        In "Anggota DPR Muslim Ayub menilai Presiden harus memberikan sanksi kepada Mendagri" the
        report is not a sanction but a demand (CAMEO 10) by the one speaking, the actor first in
        the sentence, of the one who must act, the trigger's subject. With no such speaker in the
        sentence the trigger's own event stands (its modality is "demanded").
        """
        doc = sent.doc
        k = min(trig.tokens) - 1
        while k >= sent.start and k >= min(trig.tokens) - 3 and doc[k].lower_ not in OBLIGATION_WORDS:
            if not (doc[k].pos_ in ("ADV", "AUX", "PART") or doc[k].lower_ in COMPLEMENT_GLUE):
                return []
            k -= 1
        if k < sent.start or doc[k].lower_ not in OBLIGATION_WORDS:
            return []
        if obliged is None:
            subjects = [
                (s if any(h.startswith("source:subject") for h in how) else t)
                for s, t, how in pairs
                if any(h.startswith(("source:subject", "target:subject")) for h in how)
            ]
            obliged = [a for a in subjects if a is not None]
        if not obliged:
            return []
        first = min((s for s, _e, r in mentions if any(r is a for a in obliged)), default=None)
        if first is None:
            return []
        for s, _e, r in mentions:
            if s >= first:
                break
            prev = doc[s - 1].lower_ if s > sent.start else ""
            if (prev in ALL_PREPS and prev not in PERSPECTIVE_WORDS) or all(
                r.code == a.code for a in obliged
            ):
                continue  # "bagi saya, Pak Tito harus ...": the one whose view it is demands
            cue = "demand:" + doc[k].lower_
            how = ("source:speaker", "target:obliged", cue)
            return [(r, a, (*how, *r.entries, *a.entries)) for a in obliged]
        if memory is not None and any(
            doc[i].lower_ in PERSPECTIVE_PRONOUNS for i in range(sent.start, first)
        ):
            # "Namun baginya, Mendagri Tito tetap harus diberi peringatan"
            # the person named last, else the last official named by office alone
            pool = [*reversed(memory.persons), *(q for q in reversed(memory.actors) if q.kind == "role")]
            p = next((q for q in pool if len(q.code) > 3 and all(q.code != a.code for a in obliged)), None)
            if p is not None:
                how = ("source:perspective", "target:obliged", "demand:" + doc[k].lower_)
                return [(p, a, (*how, *p.entries, *a.entries)) for a in obliged]
        return []

    # ------------------------------------------------------------------------------ actors
    def _speaker(
        self,
        sent: Span,
        sentence: Sentence,
        nxt: Sentence | None,
        prev: Sentence | None,
        when: date | None,
        memory: Memory,
    ) -> Resolved | None:
        """Who "kami"/"saya" is: the named speaker of the quote ("..., kata Netanyahu"), if any,
        also one the sentence before introduced ("Rubio menyatakan bahwa ... . "Kami akan ...,"
        tegasnya")."""
        if FIRST_PERSON.isdisjoint(_doc_words(sent.doc)[1][sent.start : sent.end]):
            return None
        src = attribution_mod.find_source(
            sentence.text, nxt.text if nxt else None, prev.text if prev else None
        )
        if src is None or src.anonymous:
            return None
        base = (
            sentence.start
            if src.where == "sentence"
            else nxt.start
            if (nxt and src.where == "next")
            else prev.start
            if (prev and src.where == "previous")
            else None
        )
        if base is None:
            return None
        doc = sent.doc
        span = doc.char_span(base + src.start, base + src.end, alignment_mode="expand")
        if span is None:
            return None
        found = [m for m in self.actors.find(span, when) if m.country or len(m.code) > 3]
        if found:
            m = found[0]
            return Resolved(m.code, m.text, m.start_char, m.end_char, (*m.entries, "ref:speaker"), m.kind)
        if (src.kind == "pronoun" or span.text.lower() in PERSON_PRONOUNS) and memory.persons:
            # "..., ujar dia" / "tegasnya": as for "dia", whom the sentence before was about, else
            # the person the article named last
            p = memory.salient_person() or memory.persons[-1]
            return replace(p, entries=(*p.entries, "ref:speaker"))
        words = span.text.split()
        # "kata Sergei", "ujar PM Wong": a title and the short name of someone named in full before
        named = memory.person_by_short_name(words[-1]) if 0 < len(words) <= 3 else None
        if named is not None:
            return replace(named, entries=(*named.entries, "ref:speaker"))
        office = memory.office_by_name(words) if 0 < len(words) <= 3 else None
        if office is not None:
            # "kata Muslim Ayub": the member of parliament introduced with that name
            person = Resolved(office.code, span.text, span.start_char, span.end_char,
                              (*office.entries, "ref:named-office", "ref:speaker"), "person")
            memory.persons.append(person)
            return person
        return None

    def _mentions(
        self, sent: Span, when: date | None, memory: Memory, speaker: Resolved | None = None
    ) -> list[tuple[int, int, Resolved]]:
        """Actor mentions in the sentence as (start token, end token, actor), references resolved."""
        out: list[tuple[int, int, Resolved]] = []
        found = self.actors.find(sent, when)
        for n, m in enumerate(found):
            code = m.code
            entries = tuple(m.entries)
            if len(code) == 3 and not code[:1].isalpha():
                continue
            if not m.country and m.role and len(code) == 3 and code == m.role:
                # a bare role noun ("polisi", "pemerintah"): the country in focus; but not a
                # generic noun ("masyarakat", "warga") nor a title whose name follows
                # ("Menteri Keamanan Nasional Itamar Ben-Gvir" is the minister, not a second actor)
                title = any(
                    o.kind == "person"
                    and 0 <= o.start - m.end <= 3
                    and all(t.text[:1].isupper() for t in sent.doc[m.end : o.start])
                    for o in found[n + 1 : n + 2]
                )
                before = sent.doc[m.start - 1] if m.start > sent.start else None
                adjective = (
                    m.end - m.start == 1
                    and sent.doc[m.start].lower_ in ADJECTIVAL_ROLE_WORDS
                    and before is not None
                    and before.is_lower
                    and before.pos_ == "NOUN"
                )
                if m.role in GENERIC_ROLES or title or adjective:
                    continue
                # "gereja Katolik di Gaza", "polisi di Tepi Barat": the place says whose they are
                located = next(
                    (
                        o.country
                        for o in found[n + 1 : n + 2]
                        if o.kind in ("country", "region", "place")
                        and _is_country(o.country)
                        and 1 <= o.start - m.end <= 3
                        and sent.doc[o.start - 1].lower_ == "di"
                    ),
                    "",
                )
                code = (located or _role_country(out, memory)) + m.role
                entries = (*entries, "ref:located" if located else "ref:focus-country")
            out.append((m.start, m.end, Resolved(code, m.text, m.start_char, m.end_char, entries, m.kind)))
        out.extend(_open_mentions(sent, out, memory))
        out.sort(key=lambda x: (x[0], x[1]))
        taken = {i for s, e, _ in out for i in range(s, e)}
        doc = sent.doc
        lowers = _doc_words(doc)[1]
        for i in range(sent.start, sent.end):
            low = lowers[i]
            if i in taken or low not in REFERRING_WORDS:
                continue
            tok = doc[i]
            if low in FIRST_PERSON and speaker is not None:
                out.append(
                    (
                        i,
                        i + 1,
                        replace(speaker, name=tok.text, start_char=tok.idx, end_char=tok.idx + len(tok)),
                    )
                )
            elif low in PERSON_PRONOUNS and (
                # a person named earlier in this sentence ("Trump mengaku, dirinya ..."), else whom
                # the sentence before was about (Memory.salient_person)
                here := [r for s_, _e, r in out if r.kind == "person" and s_ < i]
                or [p for p in [memory.salient_person()] if p is not None]
            ):
                p = here[-1]
                out.append(
                    (
                        i,
                        i + 1,
                        Resolved(
                            p.code,
                            tok.text,
                            tok.idx,
                            tok.idx + len(tok),
                            (*p.entries, "ref:pronoun"),
                            "person",
                        ),
                    )
                )
            elif low in OWN_STATE_WORDS:
                before = doc[i - 1] if i > sent.start else None
                if before is not None and before.pos_ == "NOUN" and before.is_lower:
                    continue  # "warga negaranya": its citizens, not the state
                owner = next((r for _s, _e, r in out if _is_country(r.code[:3])), None)
                if owner is None and memory.persons:
                    owner = memory.persons[-1]
                if owner is None or not _is_country(owner.code[:3]):
                    continue
                out.append(
                    (
                        i,
                        i + 1,
                        Resolved(
                            owner.code[:3] + "GOV",
                            tok.text,
                            tok.idx,
                            tok.idx + len(tok),
                            (*owner.entries, "ref:own-state"),
                            "role",
                        ),
                    )
                )
            elif low in PAIR_WORDS:
                # kedua negara / kedua pemimpin / keduanya -> the last two actors of that kind
                noun = doc[i + 1].lower_ if i + 1 < sent.end and low == "kedua" else ""
                if low == "kedua" and noun not in GROUP_NOUN_KIND:
                    continue
                kind = GROUP_NOUN_KIND.get(noun, "any")
                earlier = [r for s_, _e, r in out if s_ < i]
                pair = _pair_referent(kind, earlier, memory)
                if len(pair) == 2:
                    end = i + 2 if noun else i + 1
                    span_end = doc[end - 1].idx + len(doc[end - 1])
                    for r in pair:
                        out.append(
                            (
                                i,
                                end,
                                Resolved(
                                    r.code,
                                    doc_text(doc)[tok.idx : span_end],
                                    tok.idx,
                                    span_end,
                                    (*r.entries, "ref:kedua"),
                                    r.kind,
                                ),
                            )
                        )
        out.sort(key=lambda x: (x[0], x[1]))
        return out

    def _arguments(
        self,
        sent: Span,
        trig: TriggerMatch,
        mentions: list[tuple[int, int, Resolved]],
        memory: Memory,
        places: list[PlaceMention],
    ) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
        """Source/target pairs for one trigger, one per actor pair (coordination splits).

        The pattern says where each argument may be (``subj``, ``obj``, ``poss``, ``agent`` or a
        preposition), in order of preference, with the voice already applied; the first slot that
        holds an actor wins. Trigger tokens are transparent, so a pattern with a gap
        ("menjadikan X sebagai perhentian", "perjalanan yang direncanakan Xi ke") still finds X.
        """
        in_trigger = set(trig.tokens)
        # an actor wholly inside the trigger is part of its wording; one that only shares a word with
        # it ("mencabut visa mahasiswa Cina") is still an argument
        mentions = [m for m in mentions if not set(range(m[0], m[1])) <= in_trigger]
        targets = tuple(t for t in trig.target_preps if t != "none")
        stop_preps = frozenset(t for t in targets if t not in ("obj", "subj", "poss", "agent"))
        src: Slot | None = None
        for slot in trig.source_preps:
            src = _as_role(self._slot(sent, trig, slot, mentions, stop_preps), "source")
            if src is not None:
                break
        if (
            src is not None
            and src.how == "source:subject"
            and "poss" not in trig.source_preps
            and all("ref:pronoun" in a.entries for a in src.actors)
            and len(trig.tokens) > 1
        ):
            # "Ia menegaskan dukungan Singapura terhadap ...": the event noun's own possessor is
            # written evidence; whom "ia" means is a guess
            poss = self._slot(sent, trig, "poss", mentions, stop_preps)
            if poss is not None and sent.doc[max(trig.tokens)].pos_ == "NOUN":
                src = _as_role(poss, "source")
        if (
            src is not None
            and src.how == "source:subject"
            and trig.nominal
            and not sent.doc[min(trig.tokens)]._.prefix.startswith(("meN", "ber", "di"))  # no light verb
        ):
            k = min(trig.tokens) - 1
            while k > sent.start and (
                sent.doc[k].pos_ in ("ADV", "AUX", "PART", "DET", "ADJ") or sent.doc[k].lower_ in KIND_NOUNS
            ):
                k -= 1  # "menolak keras segala bentuk pengusiran paksa"
            before = sent.doc[k] if k >= sent.start else None
            judged = before is not None and before.lower_ in ASSESSING_VERBS
            if before is not None and (
                before._.prefix.startswith("di") or (judged and trig.code[:2] in MATERIAL_CONFLICT_ROOTS)
            ):
                # "AS akan diberikan akses": the subject receives it; "Ia menilai serangan udara
                # di Gaza ...": the one judging is not the one attacking (but "menyatakan
                # keprihatinan": an attitude noun is the speaker's own)
                src = None
        if src is None and trig.nominal and sent.doc[trig.head].lower_.endswith("nya") and memory.actors:
            # "kunjungannya ke Cina": the possessor clitic points back to the last person named
            # (people travel and talk), or the last actor when no person was named
            last = memory.persons[-1] if memory.persons else memory.actors[-1]
            src = Slot([replace(last, entries=(*last.entries, "ref:-nya"))], "source:-nya")
        tgt: Slot | None = None
        for slot in targets:
            tgt = _as_role(self._slot(sent, trig, slot, mentions, frozenset()), "target")
            if tgt is not None and src is not None:
                tgt = Slot([a for a in tgt.actors if all(a is not b for b in src.actors)], tgt.how)
                tgt = tgt if tgt.actors else None
            if tgt is not None and trig.code.startswith(CONDOLENCE_CODE) and self._attacker(sent, trig, tgt):
                tgt = None  # "duka atas serangan Israel": sympathy goes to the victims, not the attacker
            if (
                tgt is not None
                and tgt.how == "target:obj"
                and trig.code[:2] in OBJECTION_ROOTS
                and _patient_of_act(sent, trig, tgt)
            ):
                tgt = None  # "menolak pengusiran paksa terhadap warga Palestina": not aimed at them
            if tgt is not None:
                break
        joint = (
            src is not None
            and (
                src.how in ("source:subject", "source:main-subject")
                or (src.how == "source:possessor" and _compound(sent, src))
            )
            and len(src.actors) >= 2
            and trig.code.startswith(JOINT_PREFIXES)
        )
        if src is None and tgt is not None and (trig.passive or trig.nominal):
            src = _implied_authority(trig, tgt, mentions, memory)
        if src is None and tgt is not None and not sent.doc[trig.head]._.prefix.startswith("meN"):
            src = self._decider(sent, tgt, mentions)
        if src is not None and trig.nominal and trig.code[:2] in MEDIATED_ROOTS and _mediated(sent, trig):
            # "Malaysia, China, dan AS menengahi perjanjian gencatan senjata": the mediators
            # brokered it; the parties are the two sides the story is about
            later = [r for s_, _e, r in mentions if s_ > max(trig.tokens)]
            earlier = [r for s_, _e, r in mentions if s_ < min(trig.tokens)]
            sides = _story_sides(src.actors, later, Memory()) or _story_sides(src.actors, earlier, memory)
            pl = place_phrase(sent, trig.head - sent.start, places)
            if pl and _is_country(pl.country) and pl.country not in {r.code[:3] for r in sides}:
                return []  # "menengahi gencatan senjata di Gaza": another conflict than the story's
            return _joint(sides, ("joint:mediated",)) if len(sides) == 2 else []
        if src is None and tgt is None and trig.nominal and _says_bilateral(sent, trig):
            # "pembicaraan bilateral yang berlangsung bulan lalu": two parties by definition, the
            # two the story is about. Only talks and meetings (04): "memperkuat kerja sama
            # bilateral" describes a relationship, not an event (GUIDELINES)
            earlier = [r for s_, _e, r in mentions if s_ < min(trig.tokens)]
            sides = _story_sides((), earlier, memory)
            if len(sides) == 2 and trig.code.startswith(CONSULT_ROOT):
                return _joint(sides, ("joint:bilateral",))
        if src is None and tgt is None and trig.nominal and trig.code.startswith(FIGHT_ROOT):
            # "bentrokan bersenjata, yang berlangsung di perbatasan kedua negara": the clash is
            # between the two the pair reference names
            pair = [r for s_, _e, r in mentions if s_ > max(trig.tokens) and "ref:kedua" in r.entries]
            if len(pair) == 2 and pair[0].code != pair[1].code:
                return _joint(pair, ("joint:kedua",))
        if src is None:
            if (
                tgt is not None
                and tgt.how == "target:antara"
                and len(tgt.actors) >= 2
                and trig.code.startswith(JOINT_PREFIXES)
            ):
                return _joint(tgt.actors, ("joint:antara",))
            return []
        if tgt is None and joint:
            return _joint(src.actors, ("joint:subject",))
        if tgt is None and trig.code[:2] in MATERIAL_CONFLICT_ROOTS:
            # "serangan Israel di Gaza": an attack's place is what it targets
            pl = place_phrase(sent, trig.head - sent.start, places)
            if (
                pl
                and pl.kind in ("city", "province", "country")
                and _is_country(pl.country)
                and all(a.code[:3] != pl.country for a in src.actors)
            ):
                where = Resolved(pl.country, pl.text, pl.start_char, pl.end_char, (pl.entry,), "place")
                tgt = Slot([where], "target:place")
        if tgt is None and trig.code[:2] in OBJECTION_ROOTS:
            tgt = self._act_agent(sent, trig, mentions)
        if tgt is None and trig.code[:2] in MATERIAL_CONFLICT_ROOTS:
            tgt = self._relative_victims(sent, trig, mentions)
        if tgt is None and src is not None and targets:
            tgt = self._relative_recipient(sent, trig, mentions)
            if tgt is not None:
                tgt = Slot([a for a in tgt.actors if all(a.code != b.code for b in src.actors)], tgt.how)
                tgt = tgt if tgt.actors else None
        if tgt is None and trig.code.startswith(MEDIATE_PREFIX):
            # "Malaysia menengahi perjanjian gencatan senjata": a mediator stands between the two
            # sides the story is about, named in the sentences before
            later = [r for s_, _e, r in mentions if s_ > max(trig.tokens)]
            earlier = [r for s_, _e, r in mentions if s_ < min(trig.tokens)]
            # the sides named after the verb ("... kesepakatan damai Thailand-Kamboja") come first
            sides = _story_sides(src.actors, later, Memory()) or _story_sides(src.actors, earlier, memory)
            pl = place_phrase(sent, trig.head - sent.start, places)
            elsewhere = pl and _is_country(pl.country) and pl.country not in {r.code[:3] for r in sides}
            if sides and not elsewhere:
                tgt = Slot(sides, "target:sides")
        active = sent.doc[trig.head]._.prefix.startswith("meN")
        # declining to comment is one-sided in any voice ("enggan berbicara"); an attack with no
        # target only when the attacker acts (meN-), not in a passive that hides the target
        unary = not trig.nominal and trig.code in UNARY_CODES and (active or trig.code == DECLINE_CODE)
        if tgt is None:
            other = (
                _counterpart(sent, trig, src.actors, mentions)
                if trig.code[:2] in MATERIAL_CONFLICT_ROOTS
                else None
            )
            if other is not None:
                tgt = Slot([other], "target:counterpart")
            elif not unary:
                return []  # dyadic code with no target found: too weak to code
        return _pairs(src, tgt, src.how)

    def _decider(self, sent: Span, tgt: Slot, mentions: list[tuple[int, int, Resolved]]) -> Slot | None:
        """Who ruled, when the ruling's content names no agent: "MKMK memutuskan Ketua MK Anwar
        Usman terbukti melakukan pelanggaran berat dan diberhentikan" - the council found him
        guilty and removed him. The subject of a verb of ruling right before the target."""
        doc = sent.doc
        first_char = min(a.start_char for a in tgt.actors)
        k = next((t.i for t in sent if t.idx >= first_char), sent.end) - 1
        while k >= sent.start and doc[k].lower_ in ("bahwa", ","):
            k -= 1
        if k < sent.start or doc[k].lower_ not in RULING_VERBS:
            return None
        found = self._left_actor(doc, sent, k, mentions)
        return Slot(found.actors, "source:ruling") if found is not None else None

    @staticmethod
    def _attacker(sent: Span, trig: TriggerMatch, tgt: Slot) -> bool:
        """Whether a target was found as the one who attacked: an attack noun stands between the
        trigger and it ("atas serangan Israel")."""
        doc = sent.doc
        first = min(a.start_char for a in tgt.actors)
        return any(
            doc[k].lemma_ in ATTACK_ROOTS and doc[k].idx < first
            for k in range(max(trig.tokens) + 1, sent.end)
        )

    def _act_agent(
        self, sent: Span, trig: TriggerMatch, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
        """Whom a protest or criticism of an act is aimed at: the act's agent. "melakukan aksi
        protes terhadap penetapan 11 warga adat oleh Polda Maluku Utara": the police."""
        doc = sent.doc
        k = max(trig.tokens) + 1
        if k + 1 >= sent.end or doc[k].lower_ not in ("terhadap", "atas"):
            return None
        act = doc[k + 1]
        if not (act.pos_ == "NOUN" and act._.prefix in ("peN", "per") and act._.suffix == "an"):
            return None
        for j in range(k + 2, min(sent.end, k + 2 + ACT_AGENT_REACH)):
            if doc[j].is_punct and doc[j].text in PUNCT_BREAKS:
                return None
            if doc[j].lower_ == "oleh":
                return self._right_actor(doc, sent, j + 1, mentions, 0, False, ALL_PREPS, "target:act-agent")
        return None

    def _relative_recipient(
        self, sent: Span, trig: TriggerMatch, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
        """Whom the object was meant for, from a passive relative clause on it: "pemangkasan tarif
        impor yang dikenakan ke Indonesia", "menyita kargo senjata yang dikirim dari Swiss ke
        Israel". The object noun comes right after the trigger; the clause names the recipient."""
        doc = sent.doc
        k = max(trig.tokens) + 1
        limit = min(sent.end, k + RELATIVE_OBJECT_REACH)
        while k < limit and doc[k].lower_ != "yang":
            if doc[k].pos_ not in ("NOUN", "ADJ", "DET", "NUM") or not doc[k].is_lower:
                return None  # only the object noun phrase may stand between
            k += 1
        if k >= limit or k + 1 >= sent.end:
            return None
        verb = k + 1
        while verb < sent.end and doc[verb].pos_ in ("ADV", "AUX", "PART"):
            verb += 1
        if verb >= sent.end or not doc[verb]._.prefix.startswith("di"):
            return None
        found = self._prep_actor(doc, sent, verb + 1, RECIPIENT_PREPS, mentions, 4)
        return Slot(found.actors, "target:relative") if found is not None else None

    def _relative_victims(
        self, sent: Span, trig: TriggerMatch, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
        """Whom an attack hit, from a relative clause on it: "melancarkan perang, yang telah
        menewaskan 54.700 warga Palestina", "serangan itu, yang melukai tentara Lebanon"."""
        doc = sent.doc
        k = max(trig.tokens) + 1
        if k < sent.end and doc[k].text == ",":
            k += 1
        if k >= sent.end or doc[k].lower_ != "yang":
            return None
        k += 1
        while k < sent.end and doc[k].pos_ in ("ADV", "AUX", "PART"):
            k += 1
        if k >= sent.end or doc[k].lower_ not in VICTIM_VERBS:
            return None
        return self._right_actor(doc, sent, k + 1, mentions, 4, True, ALL_PREPS, "target:relative")

    def _slot(
        self,
        sent: Span,
        trig: TriggerMatch,
        slot: str,
        mentions: list[tuple[int, int, Resolved]],
        stop_preps: frozenset[str],
    ) -> Slot | None:
        """The actors in one argument position of a trigger, or None."""
        doc = sent.doc
        skip = frozenset(trig.tokens)
        after = trig.head + 1
        if slot == "subj":
            return self._left_actor(doc, sent, min(trig.tokens), mentions)
        if slot == "obj":
            last = max(trig.tokens)
            gapped = last - min(trig.tokens) + 1 > len(trig.tokens) and trig.head < last
            if gapped and trig.code.startswith(DISAPPROVE_ROOT):
                # an assessment holds what it judges in its gap ("menilai X ... tidak dapat
                # dibenarkan", "menyebut X sebagai teroris"): an actor after it belongs elsewhere
                # (not so for "mengamankan 10 orang, termasuk Gubernur X")
                mentions = [m for m in mentions if m[0] < last]
            return self._right_actor(
                doc, sent, after, mentions, MAX_ARG_DISTANCE, True, frozenset(), "target:obj", skip
            )
        if slot == "poss":
            # a possessor follows its noun before any preposition, even one the pattern holds
            # ("keprihatinan atas serangan militer Israel": Israel is not the one concerned)
            skip_words = frozenset(i for i in skip if doc[i].lower_ not in ALL_PREPS)
            return self._right_actor(
                doc, sent, after, mentions, 3, True, ALL_PREPS | stop_preps, "source:possessor", skip_words
            )
        if slot == "agent":
            return self._right_actor(
                doc, sent, max(trig.tokens) + 1, mentions, 0, False, ALL_PREPS, "source:agent"
            )
        # an event noun's own phrase follows it closely ("kesepakatan ini merupakan bukti hubungan
        # antara X dan Y": the antara phrase belongs to hubungan, not to kesepakatan)
        reach = NOMINAL_PREP_REACH if trig.nominal else MAX_ARG_DISTANCE
        verbs_break = skip if trig.nominal else None
        return self._prep_actor(doc, sent, after, (slot,), mentions, reach, verbs_break)

    def _left_actor(
        self, doc: Doc, sent: Span, first: int, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
        """The subject: the nearest actor before the trigger inside the same clause.

        A locative phrase between them is passed over ("Kelompok Houthi di Yaman kembali
        melancarkan"); a verb heading a purpose or manner clause ("untuk menemui", "dengan
        menuding") takes the subject of the main clause.
        """
        if doc[first].lower_ in CONTROL_WORDS:  # the pattern itself begins "untuk menemui"
            return self._main_subject(doc, sent, first, mentions)
        ends = {e: (s, e, r) for s, e, r in mentions}
        relative = False  # passed a "yang": the actor before it is the relative clause's subject
        i = first - 1
        while i >= sent.start:
            if i + 1 in ends:
                group, s0 = self._coordinated_left(doc, sent, ends[i + 1], mentions)
                if s0 > sent.start:
                    before = doc[s0 - 1]
                    if (
                        before.lower_ in TIME_SUBORDINATORS
                        and (doc[first].pos_ == "VERB" or doc[first]._.prefix[:3] in ("meN", "ber", "di"))
                        and self._only_adverbs(doc, i + 1, first)
                    ):
                        # "sejak Israel melancarkan perang": the subject of a time clause
                        return Slot(group, "source:subject")
                    if before.lower_ in LOCATIVE_PREPS:
                        i = s0 - 2  # "... di Yaman": a place on the way, keep looking
                        continue
                    if (
                        before._.prefix == "di"
                        and s0 - 2 >= sent.start
                        and doc[s0 - 2].lower_ == "yang"
                    ):
                        # "milisi yang didukung Rusia menyerang": Rusia is the agent of the
                        # relative clause, the one attacking is the noun before it
                        i = s0 - 3
                        continue
                    # inside a prepositional phrase or a noun phrase ("sistem akademik AS"): not a
                    # subject, unless a relative clause hangs from the actor itself ("keputusan
                    # Australia dan Kanada yang juga menjatuhkan sanksi")
                    b = s0 - 1
                    while b > sent.start and (doc[b].pos_ in ("NUM", "DET") or doc[b].lower_ in QUANTIFIERS):
                        b -= 1  # "terhadap enam ilmuwan Iran", "kepada para menteri"
                    if before.lower_ in ALL_PREPS or doc[b].lower_ in ALL_PREPS or (
                        not relative
                        and before.pos_ in ("NOUN", "ADJ")
                        and before.is_lower
                        and before.lower_ not in CLASSIFIER_NOUNS
                        and before.lower_ not in COMPLEMENT_GLUE
                    ):
                        return None
                return Slot(group, "source:subject")
            tok = doc[i]
            low = tok.lower_
            if low in CONTROL_WORDS and self._only_adverbs(doc, i + 1, first):
                return self._main_subject(doc, sent, i, mentions)
            if low in SUBORDINATORS and any(
                doc[v]._.prefix[:3] in ("meN", "ber") and self._only_adverbs(doc, i + 1, v)
                for v in (first, first - 1)
                if v > i
            ):
                # "Trump menyampaikan pengumuman itu setelah melakukan percakapan": a subordinate
                # clause with no subject of its own shares the main clause's (the verb may be the
                # trigger or the light verb before an event noun)
                return self._main_subject(doc, sent, i, mentions)
            if low == "yang" and i + 1 <= first and self._only_adverbs(doc, i + 1, first):
                relative = True
            if tok.text == "," and i in ends and self._only_adverbs(doc, i + 1, first):
                s1 = ends[i][0]
                k = s1 - 1
                while k > s1 - 3 and k > sent.start and doc[k].lower_.rstrip(".") in HONORIFICS:
                    k -= 1  # an honorific the dictionary does not hold ("Sir", "Monsieur")
                if k > sent.start and doc[k].text == "," and k in ends:
                    # "Perdana Menteri Inggris, Sir Keir Starmer, telah menyampaikan": apposition
                    i -= 1
                    continue
            if tok.text == "," and i not in ends and self._only_adverbs(doc, i + 1, first):
                # "Juru Bicara Anies Baswedan, Surya Tjandra, mengatakan": a name the dictionary
                # does not know, set off by commas after the actor it belongs to
                k = i - 1
                while k > sent.start and i - k <= 4 and doc[k].text[:1].isupper() and doc[k].is_alpha:
                    k -= 1
                if k < i - 1 and doc[k].text == "," and k in ends:
                    i = k - 1  # the actor's last token
                    continue
            if tok.text == ")" and i in ends:
                i -= 1  # "(Dewan Keamanan) menyerukan": the actor is inside the brackets
                continue
            if tok.text == "," and i + 1 < first and doc[i + 1].lower_ == "yang" and i in ends:
                i -= 1  # "Inggris, Perancis, dan Kanada, yang juga mempertimbangkan": a relative clause
                continue
            if low in LEFT_STOP_PREPS:
                # "warga Israel yang tinggal di dekat perbatasan terpaksa mengungsi": a relative
                # clause with a prepositional phrase stands between the subject and its verb
                k = i - 1
                while k > sent.start and i - k <= RELATIVE_CLAUSE_REACH and doc[k].lower_ != "yang":
                    if doc[k].is_punct or doc[k].lower_ in CLAUSE_BREAK_WORDS:
                        break
                    k -= 1
                inner = any(doc[m].lower_ == "yang" for m in range(i + 1, first))  # the verb's own clause
                if not inner and k > sent.start and doc[k].lower_ == "yang" and k in ends:
                    group, _s0 = self._coordinated_left(doc, sent, ends[k], mentions)
                    return Slot(group, "source:subject")
                return None
            if low in CLAUSE_BREAK_WORDS or (tok.is_punct and tok.text in PUNCT_BREAKS):
                return None
            i -= 1
        return None

    @staticmethod
    def _only_adverbs(doc: Doc, lo: int, hi: int) -> bool:
        return all(
            doc[k].pos_ in ("ADV", "AUX", "PART") or doc[k].lower_ in COMPLEMENT_GLUE for k in range(lo, hi)
        )

    def _main_subject(
        self, doc: Doc, sent: Span, before: int, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
        """The subject of the clause a purpose/manner clause hangs from: the first actor of the
        sentence that stands in subject position (not inside a prepositional phrase)."""
        for s, _e, _r in sorted(mentions, key=lambda m: (m[0], m[1])):
            if s >= before:
                return None
            prev = doc[s - 1].lower_ if s > sent.start else ""
            if prev in ALL_PREPS or any(doc[k].lower_ in CLAUSE_BREAK_WORDS for k in range(s, before)):
                continue
            if prev in KIN_NOUNS:
                # "putri Presiden Soekarno ini ... saat mengungkapkan": the subject is his daughter
                # (but "upaya Presiden Trump untuk memaksa ...": his effort, so he acts)
                return None
            group, _end = self._coordinated_right(doc, sent, (s, _e, _r), mentions)
            return Slot(group, "source:main-subject")
        return None

    def _coordinated_left(
        self,
        doc: Doc,
        sent: Span,
        mention: tuple[int, int, Resolved],
        mentions: list[tuple[int, int, Resolved]],
    ) -> tuple[list[Resolved], int]:
        """ "Cina, India, dan Korea Utara" -> all three, walking left over commas and dan/serta."""
        ends = _by_position(mentions, 1)
        same = [m for m in mentions if m[0] == mention[0] and m[1] == mention[1]]
        group = [m[2] for m in same]
        s = mention[0]
        while True:
            j = s - 1
            seps = 0
            while j >= sent.start and doc[j].lower_ in COORD_WORDS and seps < 2:
                j -= 1
                seps += 1
            if seps == 0 or (j + 1) not in ends:
                break
            prev = ends[j + 1]
            if prev[0][0] > sent.start and doc[prev[0][0] - 1].lower_ in ALL_PREPS:
                break  # "antara kedua pemimpin, Putin dan Xi": the prepositional phrase is not a conjunct
            group = [m[2] for m in prev] + group
            s = prev[0][0]
        return group, s

    def _coordinated_right(
        self,
        doc: Doc,
        sent: Span,
        mention: tuple[int, int, Resolved],
        mentions: list[tuple[int, int, Resolved]],
    ) -> tuple[list[Resolved], int]:
        """Walk right over "dan", commas and tight hyphens: "Vietnam, Indonesia, dan Singapura"."""
        starts = _by_position(mentions, 0)
        group = [m[2] for m in starts.get(mention[0], [mention])]
        e = mention[1]
        while True:
            j = e
            seps = 0
            if j + 1 < sent.end and _is_compound_hyphen(doc, j):
                j += 1  # "perang Thailand-Kamboja", "hubungan Indonesia-Rusia"
                seps = 1
            while j < sent.end and doc[j].lower_ in COORD_WORDS and seps < 2:
                j += 1
                seps += 1
            if seps == 0 or j not in starts:
                break
            nxt = starts[j]
            group += [m[2] for m in nxt]
            e = nxt[0][1]
        return group, e

    def _right_actor(
        self,
        doc: Doc,
        sent: Span,
        start: int,
        mentions: list[tuple[int, int, Resolved]],
        max_gap: int,
        allow_rel: bool,
        stop_words: frozenset[str],
        how: str,
        skip: frozenset[int] = frozenset(),
    ) -> Slot | None:
        """The first actor after ``start`` within ``max_gap`` tokens (trigger tokens in ``skip`` are
        not counted), passing over locative phrases ("konflik di Ukraina" is a place, not a target)."""
        starts: dict[int, tuple[int, int, Resolved]] = {}
        for m in mentions:
            starts.setdefault(m[0], m)
        i = start
        gap = 0
        thing = False  # a common noun came first: the verb already has its object
        while i < sent.end and gap <= max_gap:
            if i in starts:
                prev = doc[i - 1].lower_ if i - 1 >= sent.start else ""
                if prev in LOCATIVE_PREPS:
                    i = starts[i][1]
                    continue
                group, end = self._coordinated_right(doc, sent, starts[i], mentions)
                inferred = all("ref:focus-country" in a.entries for a in group)
                if (
                    inferred
                    and end + 1 < sent.end
                    and doc[end].text == ","
                    and doc[end + 1].lower_ in APPOSITIVE_WORDS
                ):
                    i = end + 2  # "para kepala negara, termasuk Presiden AS": the named list is the target
                    continue
                return Slot(group, how)
            tok = doc[i]
            low = tok.lower_
            if tok.text == "," and i + 1 < sent.end and doc[i + 1].lower_ in APPOSITIVE_WORDS:
                i += 2  # "tiga negara di ASEAN, yakni Vietnam, Indonesia, dan Singapura"
                continue
            if i not in skip:
                if (
                    (tok.is_punct and tok.text in PUNCT_BREAKS)
                    or low in CLAUSE_BREAK_WORDS
                    or low in stop_words
                ):
                    return None
                if low == "yang" and not allow_rel:
                    return None
                if (
                    how == "target:obj"
                    and thing
                    and low in ("dan", "serta")
                    and i + 1 < sent.end
                    and doc[i + 1]._.prefix[:3] in ("meN", "ber")
                ):
                    # "menyambut baik keputusan itu dan meminta negara-negara Barat ...": a second
                    # verb phrase with its own object (but "mengecam dan mengutuk Israel" shares it)
                    return None
                thing = thing or (tok.pos_ == "NOUN" and tok.is_lower)
                gap += 1
            i += 1
        return None

    def _prep_actor(
        self,
        doc: Doc,
        sent: Span,
        start: int,
        preps: tuple[str, ...],
        mentions: list[tuple[int, int, Resolved]],
        reach: int = MAX_ARG_DISTANCE,
        verbs_break: frozenset[int] | None = None,
    ) -> Slot | None:
        """The actor introduced by one of ``preps`` within ``reach`` tokens after the trigger, in
        the same clause. With ``verbs_break`` (an event noun's own tokens) a linking verb outside
        them ends the search: "kesepakatan ini merupakan bukti hubungan antara X dan Y" - the antara
        phrase belongs to the predicate's noun, not to the event noun. (Any verb was too much:
        "kesepakatan itu dicapai dalam pertemuan antara X dan Y" is still their agreement.)"""
        starts: dict[int, tuple[int, int, Resolved]] = {}
        for m in mentions:
            starts.setdefault(m[0], m)
        i = start
        spent = 0  # tokens passed that are not part of a named actor ("kunjungan Presiden ... ke")
        while i < sent.end and spent <= reach:
            tok = doc[i]
            low = tok.lower_
            if i in starts and low not in preps:
                i = starts[i][1]
                continue
            spent += 1
            if verbs_break is not None and low in PREDICATE_VERBS and i not in verbs_break:
                return None
            if low in preps:
                j = i + 1
                # a determiner or title may stand between ("kepada para", "ke pihak")
                while (
                    j < sent.end
                    and j - i <= 3
                    and j not in starts
                    and (
                        doc[j].lower_ in ("para", "pihak", "sang", "negara", "seluruh", "semua")
                        or (doc[j].pos_ in ("NOUN", "ADJ") and doc[j].is_lower)
                    )
                ):
                    j += 1  # "oleh jajaran pejabat tinggi Indonesia", "antara delegasi kedua negara"
                if j in starts and low in LOCATIVE_PREPS and starts[j][2].code in REGION_CODES:
                    return None  # "serangan terhadap kapal di Laut Merah": a region is where, not whom
                if j in starts:
                    group, _end = self._coordinated_right(doc, sent, starts[j], mentions)
                    if low in LOCATIVE_PREPS | {"ke"}:
                        # "tiba di Kairo", "terbang ke Moskow": a capital here is a place, so the country
                        group = [replace(a, code=a.code[:3]) if a.kind == "metonym" else a for a in group]
                    return Slot(group, f"target:{low}")
            if (tok.is_punct and tok.text in PUNCT_BREAKS) or low in CLAUSE_BREAK_WORDS:
                return None
            i += 1
        return None


def _as_role(slot: Slot | None, role: str) -> Slot | None:
    """Label a found slot by the role it fills: a passive's subject is "target:subject", its
    ``oleh`` phrase "source:oleh", so the evidence says how each actor was found."""
    if slot is None:
        return None
    return Slot(slot.actors, f"{role}:{slot.how.split(':', 1)[-1]}")


def _doc_words(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's text and lower-cased text, computed once per Doc (the coder reads them for
    each sentence, and going through Token objects each time was a tenth of its time)."""
    cached = doc.user_data.get("peristiwa.words")
    if cached is None:
        texts = token_offsets(doc)[1]
        cached = (texts, [t.lower() for t in texts])
        doc.user_data["peristiwa.words"] = cached
    return cached


def _by_position(
    mentions: list[tuple[int, int, Resolved]], side: int
) -> dict[int, list[tuple[int, int, Resolved]]]:
    """Mentions keyed by their start (``side`` 0) or end (``side`` 1) token: several actors can
    share one span ("kedua negara" resolves to two)."""
    out: dict[int, list[tuple[int, int, Resolved]]] = {}
    for m in mentions:
        out.setdefault(m[side], []).append(m)
    return out


def _compound(sent: Span, slot: Slot) -> bool:
    """Two actors written as one hyphenated compound ("perang Thailand-Kamboja"): a joint event."""
    actors = slot.actors
    if len(actors) != 2:
        return False
    text = doc_text(sent.doc)
    between = text[actors[0].end_char : actors[1].start_char]
    return between in ("-", "–")


def _is_compound_hyphen(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a hyphen written tight between two words ("Thailand-Kamboja")."""
    return doc[i].text in ("-", "–") and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _windows(sent: Span) -> Iterator[Span]:
    """A sentence, or consecutive windows of it when it is far longer than any real sentence.

    Arguments are looked for within a few tokens of their trigger, so cutting a 5,000-token
    run-on text (a table, a list, text with no full stops) into windows loses nothing real and
    keeps the work linear in its length.
    """
    if len(sent) <= MAX_WINDOW:
        yield sent
        return
    doc = sent.doc
    for start in range(sent.start, sent.end, MAX_WINDOW):
        yield doc[start : min(start + MAX_WINDOW, sent.end)]


def _drop_governed(
    triggers: list[TriggerMatch], mentions: list[tuple[int, int, Resolved]], sent: Span
) -> list[TriggerMatch]:
    """Resolve trigger pairs where one governs the other ("mendesak X untuk menghentikan Y").

    Demands, criticism, rejections and threats keep the governed act as their content; "consider"
    gives way to the act considered (which the modality module marks hypothetical).
    """
    if len(triggers) < 2:
        return triggers
    doc = sent.doc
    actor_tokens = {i for s, e, _ in mentions for i in range(s, e)}
    drop: set[int] = set()
    ordered = sorted(range(len(triggers)), key=lambda k: min(triggers[k].tokens))
    for a_pos, a in enumerate(ordered):
        ta = triggers[a]
        for b in ordered[a_pos + 1 :]:
            tb = triggers[b]
            lo, hi = max(ta.tokens) + 1, min(tb.tokens)
            if hi < lo or hi - lo > 8:
                continue
            glue = all(i in actor_tokens or doc[i].lower_ in COMPLEMENT_GLUE for i in range(lo, hi))
            if not glue:
                continue
            if ta.code[:2] in GOVERNOR_KEEPS_ROOTS:
                if ta.code.startswith(DISAPPROVE_ROOT) and tb.nominal:
                    # "keprihatinan atas serangan militer Israel": criticism of an act presupposes
                    # it; the attack is reported too
                    continue
                drop.add(b)
            elif ta.code in GOVERNOR_YIELDS_CODES:
                drop.add(a)
    return [t for k, t in enumerate(triggers) if k not in drop]


def _actor_key(actor: Resolved, by_country: bool) -> str:
    if by_country:
        return actor.code[:3]
    person = next((e for e in actor.entries if e.startswith("people:")), "")
    return person or actor.code


def _pair_referent(kind: str, earlier: Sequence[Resolved], memory: Memory) -> list[Resolved]:
    """What "kedua negara" / "kedua pemimpin" / "kedua belah pihak" / "keduanya" points to; for
    "pihak" (sides) two countries are preferred over two actors of one country."""
    if kind == "any":
        sides = _pair_of(kind, earlier, memory, by_country=True)
        if len(sides) == 2:
            return sides
    return _pair_of(kind, earlier, memory, by_country=kind == "country")


def _pair_of(kind: str, earlier: Sequence[Resolved], memory: Memory, by_country: bool) -> list[Resolved]:
    """What "kedua negara" / "kedua pemimpin" / "keduanya" points to.

    Two actors of the right kind named earlier in the same sentence win ("hubungan antara Rusia
    dan Cina ... setelah kedua negara"); otherwise the two the article has named most often,
    ties going to the more recent: "kedua negara" in a story about Russia and China means them
    even right after a sentence about American sanctions.
    """

    def fits(r: Resolved) -> bool:
        if by_country:
            return len(r.code) >= 3 and r.code[:3].isalpha() and not r.code.startswith(("IGO", "NGO"))
        return kind == "any" or r.kind == kind

    local: list[Resolved] = []
    for r in reversed(earlier):
        if fits(r) and all(_actor_key(r, by_country) != _actor_key(x, by_country) for x in local):
            local.append(r)
    if len(local) >= 2:
        pair = list(reversed(local[:2]))
    else:
        pool = [r for r in memory.actors if fits(r)]
        counts = Counter(_actor_key(r, by_country) for r in pool)
        last_seen = {_actor_key(r, by_country): n for n, r in enumerate(pool)}
        latest = {_actor_key(r, by_country): r for r in pool}
        ranked = sorted(counts, key=lambda k: (-counts[k], -last_seen[k]))[:2]
        pair = sorted((latest[k] for k in ranked), key=lambda r: last_seen[_actor_key(r, by_country)])
    return [replace(r, code=r.code[:3]) if kind == "country" else r for r in pair]


def _pairs(
    src: Slot, tgt: Slot | None, how_src: str
) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
    out: list[tuple[Resolved, Resolved | None, tuple[str, ...]]] = []
    for s in src.actors:
        if tgt is None:
            out.append(
                (
                    s,
                    None,
                    tuple(x for x in (how_src or src.how, *s.entries) if x and not x.startswith("span:")),
                )
            )
            continue
        for t in tgt.actors:
            how = (how_src or src.how, tgt.how, *s.entries, *t.entries)
            out.append((s, t, tuple(x for x in how if x and not x.startswith("span:"))))
    return out


def _joint(
    actors: Sequence[Resolved], how: tuple[str, ...]
) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
    out = []
    for a in actors:
        for b in actors:
            if a is not b and a.code != b.code:
                out.append((a, b, (*how, *a.entries, *b.entries)))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
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


def _named_before(name: str, memory: Memory, here: Sequence[tuple[str, Resolved]] = ()) -> str | None:
    """The code the text gave this name: an office written before it in this sentence or an
    earlier one, or the person named in full whose short name it is."""
    words = name.split()
    for run, office in here:
        if run == name or run.endswith(" " + name):
            return office.code
    office = memory.office_by_name(words)
    if office is not None:
        return office.code
    person = memory.person_by_short_name(name) if len(words) == 1 else None
    return person.code if person is not None else None


def _discourse_sources(
    memory: Memory, speaker: Resolved | None, pool: list[tuple[int, int, Resolved]]
) -> list[Resolved]:
    """Sources the sentence does not name but its discourse does: the quote's speaker, whom the
    sentence before was about, the last actor named before it (an agentless passive's agent)."""
    here = {r.code for _s, _e, r in pool}
    out: list[Resolved] = []
    last = memory.actors[-1] if memory.actors else None
    for r, why in ((speaker, "speaker"), (memory.topic, "topic"), (last, "last")):
        if r is None or r.code in here or any(o.code == r.code for o in out):
            continue
        out.append(replace(r, entries=(*r.entries, f"ref:discourse-{why}"), kind="discourse"))
    return out


def _open_mentions(
    sent: Span, known: list[tuple[int, int, Resolved]], memory: Memory
) -> list[tuple[int, int, Resolved]]:
    """NER people and organisations no dictionary names, as actors (coding/open_actors.py)."""
    doc = sent.doc
    here = _named_officials(sent, known)
    found = open_actors(
        sent,
        [(s, e, r.code, r.kind) for s, e, r in known],
        lambda: _role_country(known, memory),
        lambda name: _named_before(name, memory, here),
    )
    out = []
    for a in found:
        span = doc[a.start : a.end]
        actor = Resolved(a.code, span.text, span.start_char, span.end_char, a.entries, a.kind)
        out.append((a.start, a.end, actor))
    return out


def _role_country(earlier: list[tuple[int, int, Resolved]], memory: Memory) -> str:
    """The country of a bare role noun: the actor it belongs to ("militernya": the subject's), the
    last country named earlier in the sentence ("Menlu AS, Marco Rubio, mengumumkan bahwa
    pemerintah ..."), else the article's country in focus."""
    named = [r for _s, _e, r in earlier if _is_country(r.code[:3]) and not r.code.startswith(("IGO", "NGO"))]
    if named:
        return named[-1].code[:3]
    return memory.focus_country()


def _self_reference(src: Resolved, tgt: Resolved) -> bool:
    """An actor acting on itself, or on a bare role noun that took its own country ("Malaysia akan
    menjamu ... kepala negara": the heads of state are guests, not Malaysia's government)."""
    if tgt.code == src.code:
        # the same code is still two actors when the text names two different ones: the ethics
        # council (IDNJUD) removing the court's chief justice (IDNJUD), a party suspending its member
        return not (_identity(src) and _identity(tgt) and _identity(src) != _identity(tgt))
    # a country and one of its own parts ("kami", resolved to Indonesia's president, making a deal
    # "dengan Indonesia"): the same side, not a dyad
    if _is_country(src.code) and tgt.code[:3] == src.code:
        return True
    if _is_country(tgt.code) and src.code[:3] == tgt.code:
        return True
    inferred = "ref:focus-country" in src.entries or "ref:focus-country" in tgt.entries
    same_side = len(src.code) == 3 or len(tgt.code) == 3 or src.code[3:6] == tgt.code[3:6]
    return inferred and src.code[:3] == tgt.code[:3] and same_side


def _implied_authority(
    trig: TriggerMatch, tgt: Slot, mentions: list[tuple[int, int, Resolved]], memory: Memory
) -> Slot | None:
    """Who arrested or questioned someone when the passive or the noun does not say.

    Law-and-order news names the investigating body once ("KPK menangkap Gubernur Riau ...") and
    then writes "Abdul Wahid ditetapkan sebagai tersangka dan ditahan" or "Penangkapan Gubernur
    Abdul Wahid berlangsung di sebuah kafe". For arrests, detentions and suspects (17x) and
    summonses and questioning (09x), the agent is the police, prosecutor or court of the target's
    country named last before the trigger, in the sentence or earlier.
    """
    if not trig.code.startswith(AUTHORITY_CODES):
        return None
    countries = {a.code[:3] for a in tgt.actors}
    first = min(trig.tokens)
    pool = [*memory.actors, *(r for s, _e, r in mentions if s < first)]
    for r in reversed(pool):
        own = r.code[3:6] in AUTHORITY_ROLES and r.code[:3] in countries
        if own and all(r.code != a.code for a in tgt.actors):
            return Slot([replace(r, entries=(*r.entries, "ref:authority"))], "source:authority")
    return None


def _says_bilateral(sent: Span, trig: TriggerMatch) -> bool:
    """Whether the event noun is called bilateral ("pembicaraan bilateral", "kerja sama
    bilateral"), within the trigger or right after it."""
    doc = sent.doc
    last = min(max(trig.tokens) + 2, sent.end)
    return any(doc[i].lower_ == "bilateral" for i in range(min(trig.tokens), last))


def _close_sentence(sent: Span, mentions: list[tuple[int, int, Resolved]], memory: Memory) -> None:
    """What a sentence leaves for the ones after it: its actors, the offices it names with an
    unknown name, and whom it is about."""
    doc = sent.doc
    for s, _e, r in mentions:
        before = doc[s - 1].lower_ if s > sent.start else ""
        place = before in PLACE_PREPS or (
            before == "," and s - 2 >= sent.start and doc[s - 2].ent_type_ in ("GPE", "LOC")
        )
        # "tiba di Brussels, Belgia": a place says what country the story is in, but it is not
        # one of the actors "kedua belah pihak" can mean
        memory.remember(r, place=place)
    memory.offices.extend(_named_officials(sent, mentions))
    memory.topic = _topic_person(sent, mentions, memory)


def _topic_person(
    sent: Span, mentions: list[tuple[int, int, Resolved]], memory: Memory
) -> Resolved | None:
    """The first person of a sentence who is not inside a prepositional phrase: whom the sentence
    is about, and so whom a pronoun in the next one most likely means. A sentence opening with
    the short name of someone named before ("Lee, sekutu AS yang ...") is about that person."""
    doc = sent.doc
    first = next((t for t in sent if not t.is_space), None)
    if first is not None and first.text[:1].isupper() and all(s > first.i for s, _e, _r in mentions):
        known = memory.person_by_short_name(first.text)
        if known is not None:
            return known
    for s, _e, r in mentions:
        if r.kind != "person":
            continue
        if s > sent.start and doc[s - 1].lower_ in ALL_PREPS:
            continue
        return r
    return None


def _named_officials(sent: Span, mentions: list[tuple[int, int, Resolved]]) -> list[tuple[str, Resolved]]:
    """Offices followed by a name the dictionary does not know: "Anggota DPR RI dari Daerah
    Pemilihan Aceh I Muslim Ayub menilai ...". Returns (the capitalised words after the office,
    the office), so that a later "kata Muslim Ayub" or "Muslim menuturkan" can be matched against
    the words' tail (the NER cannot tell where the constituency ends and the name begins)."""
    doc = sent.doc
    # a place inside the run is part of it ("dari Daerah Pemilihan Aceh I"); another actor ends it
    starts = {
        s for s, _e, r in mentions
        if r.kind not in ("place", "region", "country") and not any(x.startswith("open:") for x in r.entries)
    }
    out: list[tuple[str, Resolved]] = []
    for _s, e, r in mentions:
        if r.kind not in ("role", "org") or len(r.code) <= 3 or any(x.startswith("ref:") for x in r.entries):
            continue
        k = e
        words: list[str] = []
        while k < sent.end and len(words) < NAMED_OFFICIAL_REACH and k not in starts:
            t = doc[k]
            if t.lower_ in ("dari", "asal", "fraksi") and not words:
                k += 1
                continue
            if not (t.is_alpha and t.text[:1].isupper()) and not (t.like_num and words):
                break
            words.append(t.text)
            k += 1
        if words and (k >= sent.end or not doc[k].text[:1].isupper()):
            out.append((" ".join(words), r))
    return out


def _inside_name(sent: Span, trig: TriggerMatch) -> bool:
    """A trigger word capitalised inside a name in running text ("Gerakan Mahasiswa Perangi
    Kemunafikan", "Direktur Penyidikan Kejaksaan Agung"): part of the name, not an event.
    Headlines, where every word is capitalised and no full stop ends the line ("Israel Serang
    Iran"), keep theirs."""
    doc = sent.doc
    head = doc[trig.head]
    if not head.text[:1].isupper() or head.i <= sent.start or head.i + 1 >= sent.end:
        return False
    prev, nxt = doc[head.i - 1], doc[head.i + 1]
    if not (prev.is_alpha and prev.text[:1].isupper() and nxt.is_alpha and nxt.text[:1].isupper()):
        return False
    # running text ends like a sentence; a headline does not
    return sent.text.rstrip().endswith((".", "!", "?", '"', "\u201d", ","))


def _heading(sent: Span) -> bool:
    """A subheading inside the text: a short line of its own, with no verb and no closing
    punctuation ("Perang Thailand-Kamboja")."""
    doc = sent.doc
    text = doc_text(doc)
    start, end = sent.start_char, sent.start_char + len(sent.text.rstrip())
    lead = text[text.rfind("\n", 0, start) + 1 : start]  # "1. " before a numbered subheading
    alone = HEADING_LEAD.fullmatch(lead) is not None and (end == len(text) or text[end : end + 1] == "\n")
    return (
        alone
        and sum(not t.is_space for t in sent) <= HEADING_MAX_TOKENS
        and not sent.text.rstrip().endswith((".", "!", "?", '"', "”"))
        and not any(t.pos_ in ("VERB", "AUX") or t._.prefix[:3] in ("meN", "di", "ber") for t in sent)
    )


def _patient_of_act(sent: Span, trig: TriggerMatch, tgt: Slot) -> bool:
    """Whether an object found after an objection is the one an act in between was done to:
    "menolak keras segala bentuk pengusiran paksa terhadap warga Palestina"."""
    doc = sent.doc
    first = min(a.start_char for a in tgt.actors)
    between = [t for t in doc[max(trig.tokens) + 1 : sent.end] if t.idx < first]
    return any(
        t.pos_ == "NOUN" and t._.prefix in ("peN", "per") and t._.suffix == "an"
        and any(u.lower_ in ("terhadap", "kepada", "atas") for u in between if u.i > t.i)
        for t in between
    )


def _coordinated_triggers(sent: Span, first: TriggerMatch | None, second: TriggerMatch) -> bool:
    """Whether two triggers are conjuncts ("serangan udara dan tembakan"): only a coordinating
    word and modifiers of the first stand between them."""
    if first is None:
        return False
    doc = sent.doc
    lo, hi = max(first.tokens) + 1, min(second.tokens)
    between = [doc[k].lower_ for k in range(lo, hi)]
    return 0 < len(between) <= 3 and between[-1] in ("dan", "serta", "atau", ",")


def _mediated(sent: Span, trig: TriggerMatch) -> bool:
    """Whether an event noun is the object of a mediating verb ("menengahi perjanjian",
    "memediasi pembicaraan"), a determiner or numeral apart at most."""
    doc = sent.doc
    k = min(trig.tokens) - 1
    while k > sent.start and doc[k].pos_ in ("DET", "NUM"):
        k -= 1
    if k < sent.start:
        return False
    tok = doc[k]
    return (tok.lemma_ in MEDIATE_ROOTS and tok._.prefix.startswith("meN")) or tok.lower_ in MEDIATE_WORDS


def _story_sides(
    sources: Sequence[Resolved], earlier: Sequence[Resolved], memory: Memory
) -> list[Resolved]:
    """The two countries the article has named most (ties to the more recent), other than the
    sources' own; none when fewer than two."""
    own = {a.code[:3] for a in sources}
    pool = [
        r
        for r in [*memory.actors, *earlier]
        if _is_country(r.code[:3]) and r.code[:3] not in own and not r.code.startswith(("IGO", "NGO"))
        and r.code[:3] not in REGION_CODES
    ]
    counts = Counter(r.code[:3] for r in pool)
    last_seen = {r.code[:3]: n for n, r in enumerate(pool)}
    ranked = sorted(counts, key=lambda c: (-counts[c], -last_seen[c]))[:2]
    if len(ranked) < 2:
        return []
    chosen = [pool[last_seen[c]] for c in ranked]
    return [replace(r, entries=(*r.entries, "ref:story-side")) for r in chosen]


def _counterpart(
    sent: Span, trig: TriggerMatch, sources: Sequence[Resolved], mentions: list[tuple[int, int, Resolved]]
) -> Resolved | None:
    """The other side of a dyadic event whose target the clause leaves implicit.

    "Israel tengah mempertimbangkan serangan terhadap fasilitas nuklir utama Iran": the object is a
    facility, its owner is the country hit. The target is the first actor of another country named
    after the trigger in the same clause. Only for material conflict (attacks, threats, force
    postures, protests), where the one acted upon is the point of the report; for statements or
    criticism an unnamed addressee is not guessed (measured on the dev set: guessing it there, or
    taking the story's other side from earlier sentences, added more wrong events than right ones).
    """
    own = {a.code[:3] for a in sources}

    def other(r: Resolved) -> bool:
        return (
            _is_country(r.code[:3])
            and r.code[:3] not in own
            and r.code[:3] not in REGION_CODES  # "kapal-kapal di Laut Merah": where, not whom
            and not r.code.startswith(("IGO", "NGO"))
        )

    last = max(trig.tokens)
    doc = sent.doc
    named = {i for s, e, _r in mentions for i in range(s, e)}
    for s, _e, r in mentions:
        if s <= last:
            continue
        between = doc[last + 1 : s]
        if (
            trig.code.startswith(THREAT_ROOT)
            and doc[s - 1].lower_ in CONDITION_WORDS
            and not any(t.is_punct and t.text in PUNCT_BREAKS for t in between)
            and other(r)
        ):
            # "Israel tidak akan ragu bertindak jika Hizbullah ...": a threat is aimed at the one
            # whose act would trigger it
            return replace(r, entries=(*r.entries, "ref:condition"))
        listed = any(t.lower_ in ("dan", "serta", "atau") for t in between) and all(
            t.is_lower or t.text == "," or t.i in named for t in between
        )  # "terhadap situs sipil, nuklir, dan energi Iran": commas of a list
        breaks = [
            t
            for t in between
            if (t.is_punct and t.text in PUNCT_BREAKS and not (listed and t.text == ","))
            or t.lower_ in CLAUSE_BREAK_WORDS
        ]
        if breaks:
            return None  # "..., kata pejabat Jepang": another clause, not the one hit
        if other(r) and r.code[3:6] not in SIDELINE_ROLES:
            return replace(r, entries=(*r.entries, "ref:counterpart"))
    return None


def _identity(actor: Resolved) -> str:
    """Who an actor is by name: the person named, else the first organisation ("MKD DPR" is the
    ethics council, not the house; "anggota DPR Nafa Urbach" is Nafa Urbach); "" for references
    and bare roles, which name nobody."""
    if any(e.startswith("ref:") for e in actor.entries):
        return ""
    people = [e for e in actor.entries if e.startswith("people:")]
    orgs = [e for e in actor.entries if e.startswith("orgs:")]
    return (people or orgs or [""])[0]


def _is_country(code: str) -> bool:
    return len(code) == 3 and code.isalpha()


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


#: Longer articles are coded in sentence-bounded chunks of at most this many characters (spaCy's
#: own limit is 1,000,000, and its memory grows with the length of one Doc).
MAX_DOC_CHARS = 100_000
#: A sentence end the senter also takes as one: a full stop (quotes, brackets) and a space before a
#: capital, digit or opening quote, or a line break.
_SENTENCE_END = re.compile(r"(?:[.!?…][\"'”’)\]]*\s+(?=[A-Z0-9\"“‘(])|\n\s*)")


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive chunks of at most ``size`` characters covering ``text``,
    each ending after a sentence end (else after a space, else at ``size``)."""
    bounds: list[tuple[int, int]] = []
    lo = 0
    while len(text) - lo > size:
        window = text[lo : lo + size]
        cut = max((m.end() for m in _SENTENCE_END.finditer(window, size // 2)), default=0)
        if cut == 0:
            cut = window.rfind(" ", size // 2) + 1 or size
        bounds.append((lo, lo + cut))
        lo += cut
    bounds.append((lo, len(text)))
    return bounds


def _shift_actor(actor: ActorRef | None, by: int) -> ActorRef | None:
    if actor is None or actor.start < 0:
        return actor
    return replace(actor, start=actor.start + by, end=actor.end + by)


def _append_shifted(whole: CodedArticle, piece: CodedArticle, by: int) -> None:
    """Add ``piece``'s results to ``whole``, offsets moved by ``by`` and sentences renumbered."""
    first = len(whole.sentences)
    whole.sentences.extend(replace(s, index=s.index + first, start=s.start + by, end=s.end + by)
                           for s in piece.sentences)  # fmt: skip
    whole.entities.extend(replace(e, start=e.start + by, end=e.end + by) for e in piece.entities)
    whole.facts.extend(
        replace(f, article_id=whole.article.id, start=f.start + by, end=f.end + by,
                sentence_index=f.sentence_index + first if f.sentence_index >= 0 else -1)
        for f in piece.facts
    )  # fmt: skip
    for ev in piece.events:
        whole.events.append(
            replace(ev, sentence_index=ev.sentence_index + first, sentence_start=ev.sentence_start + by,
                    sentence_end=ev.sentence_end + by, trigger_start=ev.trigger_start + by,
                    trigger_end=ev.trigger_end + by, actor1=_shift_actor(ev.actor1, by),
                    actor2=_shift_actor(ev.actor2, by))
        )  # fmt: skip
    whole.warnings.extend(piece.warnings)


def _failed(coded: CodedArticle, exc: BaseException) -> CodedArticle:
    """The article as a failure: nothing coded, one line saying why (never a traceback)."""
    first = (str(exc).splitlines() or [""])[0][:200]
    return CodedArticle(
        article=coded.article,
        language=coded.language,
        warnings=coded.warnings,
        error=f"coding failed ({exc.__class__.__name__}{': ' + first if first else ''})",
    )


@functools.cache
def default_coder() -> Coder:
    """The process-wide coder (pipeline and dictionaries loaded once)."""
    return Coder()


def code(
    text: str, published: str | date | None = None, article_id: str | None = None, _stacklevel: int = 2
) -> list[Event]:
    """Code one article's text; the simplest way in. ``published`` resolves relative dates.

    Never raises on the text: a failure is a RuntimeWarning (issue 14, never silent either), and
    the article's notices (not Indonesian, characters replaced, a date dropped) are warnings of
    peristiwa's own categories."""
    from peristiwa.errors import NotIndonesianWarning, PeristiwaWarning

    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = Article(id=article_id or "article", text=text, published=published)
    coded = default_coder().code_article(article)
    if coded.error:
        warnings.warn(f"article {article.id!r}: {coded.error}", RuntimeWarning, stacklevel=_stacklevel)
    for message in coded.warnings:
        category = NotIndonesianWarning if "not Indonesian" in message else PeristiwaWarning
        warnings.warn(message, category, stacklevel=_stacklevel)
    return coded.events
