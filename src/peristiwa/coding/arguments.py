"""The argument rules: the source and target of each trigger, read from the sentence's tokens.

Each slot of a pattern (subj, obj, poss, agent, a preposition) is looked for in order of
preference with the voice applied; fallbacks (implicit targets, joint acts, authorities) and
vetoes follow the frame of the trigger's CAMEO prefix (coding/frames.py). Every reading records
the rules that found it (``source:subject``, ``target:ke``, ``joint:antara``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from peristiwa.coding import codes
from peristiwa.coding.clauses import TIME_SUBORDINATORS
from peristiwa.coding.context import Memory, Resolved, Slot
from peristiwa.coding.frames import Frame, frame
from peristiwa.coding.patterns import TriggerMatch
from peristiwa.coding.places import (
    REGION_CODES,
    PlaceMention,
    doc_text,
    place_phrase,
)
from peristiwa.coding.rules import RuleTrial, register, rule
from peristiwa.coding.words import (
    ACT_AGENT_REACH,
    ALL_PREPS,
    APPOSITIVE_WORDS,
    ASSESSING_VERBS,
    ATTACK_ROOTS,
    AUTHORITY_ROLES,
    CLASSIFIER_NOUNS,
    CLAUSE_BREAK_WORDS,
    COMPLEMENT_GLUE,
    COMPLEMENTIZERS,
    CONDITION_WORDS,
    CONTROL_WORDS,
    COORD_WORDS,
    HONORIFICS,
    KIN_NOUNS,
    KIND_NOUNS,
    LEFT_STOP_PREPS,
    LOCATIVE_PREPS,
    MAX_ARG_DISTANCE,
    MEDIATE_ROOTS,
    MEDIATE_WORDS,
    NOMINAL_PREP_REACH,
    PAIR_WORDS,
    PREDICATE_VERBS,
    PUNCT_BREAKS,
    QUANTIFIERS,
    RECEIVING_VERBS,
    RECIPIENT_PREPS,
    RELATIVE_CLAUSE_REACH,
    RELATIVE_OBJECT_REACH,
    RULING_VERBS,
    SIDELINE_ROLES,
    SUBORDINATORS,
    VICTIM_VERBS,
)

# How a pattern's slot names read as rule names ("subj" finds "source:subject").
SLOT_NAMES = {"subj": "subject", "obj": "obj", "poss": "possessor", "agent": "agent", "gap": "gap"}


def _inside_phrase(doc: Doc, sent: Span, s0: int, relative: bool) -> bool:
    """Whether an actor starting at ``s0`` is inside a prepositional phrase or a noun phrase
    ("sistem akademik AS"), so not a subject; unless a relative clause hangs from the actor itself
    ("keputusan Australia dan Kanada yang juga menjatuhkan sanksi")."""
    before = doc[s0 - 1]
    b = s0 - 1
    while b > sent.start and (doc[b].pos_ in ("NUM", "DET") or doc[b].lower_ in QUANTIFIERS):
        b -= 1  # "terhadap enam ilmuwan Iran", "kepada para menteri"
    return (
        before.lower_ in ALL_PREPS
        or doc[b].lower_ in ALL_PREPS
        or (
            not relative
            and before.pos_ in ("NOUN", "ADJ")
            and before.is_lower
            and before.lower_ not in CLASSIFIER_NOUNS
            and before.lower_ not in COMPLEMENT_GLUE
        )
    )


def _right_stop(
    doc: Doc, sent: Span, i: int, allow_rel: bool, stop_words: frozenset[str], how: str, thing: bool
) -> bool:
    """Whether the word at ``i`` ends the search for an actor after the trigger: a clause break,
    a stop word, a relative clause where none may stand, or a second verb phrase with its own
    object ("menyambut baik keputusan itu dan meminta negara-negara Barat ..."; but "mengecam dan
    mengutuk Israel" shares it)."""
    tok = doc[i]
    low = tok.lower_
    if (tok.is_punct and tok.text in PUNCT_BREAKS) or low in CLAUSE_BREAK_WORDS or low in stop_words:
        return True
    if low == "yang" and not allow_rel:
        return True
    return (
        how == "target:obj"
        and thing
        and low in ("dan", "serta")
        and i + 1 < sent.end
        and doc[i + 1]._.prefix[:3] in ("meN", "ber")
    )


def _joint_subject(sent: Span, src: Slot) -> bool:
    """Whether coordinated sources were found where a joint act's parties stand: the subject, or
    a compound possessor ("kerja sama Indonesia-Malaysia")."""
    return src.how in ("source:subject", "source:main-subject") or (
        src.how == "source:possessor" and _compound(sent, src)
    )


def _word_before_noun(sent: Span, trig: TriggerMatch) -> Token | None:
    """The word before an event noun that has no light verb of its own, past adverbs and kind
    nouns ("menolak keras segala bentuk pengusiran paksa"): the verb the noun is the object of."""
    if sent.doc[min(trig.tokens)]._.prefix.startswith(("meN", "ber", "di")):
        return None
    k = min(trig.tokens) - 1
    while k > sent.start and (
        sent.doc[k].pos_ in ("ADV", "AUX", "PART", "DET", "ADJ") or sent.doc[k].lower_ in KIND_NOUNS
    ):
        k -= 1
    return sent.doc[k] if k >= sent.start else None


def _as_role(slot: Slot | None, role: str) -> Slot | None:
    """Label a found slot by the role it fills: a passive's subject is "target:subject", its
    ``oleh`` phrase "source:oleh", so the evidence says how each actor was found."""
    if slot is None:
        return None
    return Slot(slot.actors, f"{role}:{slot.how.split(':', 1)[-1]}")

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
        if codes.state_of(r.code) and r.code[:3] not in own and r.code[:3] not in REGION_CODES
    ]
    counts = Counter(r.code[:3] for r in pool)
    last_seen = {r.code[:3]: n for n, r in enumerate(pool)}
    ranked = sorted(counts, key=lambda c: (-counts[c], -last_seen[c]))[:2]
    if len(ranked) < 2:
        return []
    chosen = [pool[last_seen[c]] for c in ranked]
    return [replace(r, entries=(*r.entries, "ref:story-side")) for r in chosen]

def _counterpart(
    sent: Span,
    trig: TriggerMatch,
    sources: Sequence[Resolved],
    mentions: list[tuple[int, int, Resolved]],
    conditional: bool = False,
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
            codes.state_of(r.code) != ""
            and r.code[:3] not in own
            and r.code[:3] not in REGION_CODES  # "kapal-kapal di Laut Merah": where, not whom
        )

    last = max(trig.tokens)
    doc = sent.doc
    named = {i for s, e, _r in mentions for i in range(s, e)}
    for s, _e, r in mentions:
        if s <= last:
            continue
        between = doc[last + 1 : s]
        if (
            conditional
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


class ArgumentReader:
    """The argument rules (mixed into :class:`peristiwa.coding.coder.Coder`)."""

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
        Then the fallbacks and vetoes the frame of the trigger's CAMEO prefix allows
        (coding/frames.py), each a registered rule (coding/rules.py).
        """
        in_trigger = set(trig.tokens)
        # an actor wholly inside the trigger is part of its wording; one that only shares a word with
        # it ("mencabut visa mahasiswa Cina") is still an argument
        mentions = [m for m in mentions if not set(range(m[0], m[1])) <= in_trigger]
        fr = frame(trig.code)
        targets = tuple(t for t in trig.target_preps if t != "none")
        stop_preps = frozenset(t for t in targets if t not in ("obj", "subj", "poss", "agent", "gap"))
        # a bare civilian noun ("warga", "tersangka") may be what an act is done to, never who does it
        named = [m for m in mentions if m[2].kind != "generic"]
        src = self._source(sent, trig, named, memory, stop_preps, fr)
        if src is not None and src.how == "source:subject" and self._received(sent, trig):
            return self._giver_reading(sent, trig, src, mentions, stop_preps)
        tgt = self._target(sent, trig, mentions, src, targets, fr)
        joint = src is not None and fr.joint and len(src.actors) >= 2 and _joint_subject(sent, src)
        if src is None and tgt is not None:
            src = self._fallback_source(sent, trig, tgt, mentions, memory, fr)
        reading = self._joint_reading(sent, trig, src, tgt, mentions, memory, places, fr)
        if reading is not None:
            return reading
        if src is None:
            return []
        if tgt is None and joint:
            return _joint(src.actors, ("joint:subject",))
        if tgt is None:
            tgt = self._fallback_target(sent, trig, src, mentions, memory, places, targets, fr)
        active = sent.doc[trig.head]._.prefix.startswith("meN")
        # declining to comment is one-sided in any voice ("enggan berbicara"); an attack with no
        # target only when the attacker acts (meN-), not in a passive that hides the target
        if tgt is None and (trig.nominal or not fr.one_sided_for(active)):
            return []  # dyadic code with no target found: too weak to code
        return _pairs(src, tgt, src.how)

    def _source(
        self,
        sent: Span,
        trig: TriggerMatch,
        mentions: list[tuple[int, int, Resolved]],
        memory: Memory,
        stop_preps: frozenset[str],
        fr: Frame,
    ) -> Slot | None:
        """The source the pattern's slots find, with the vetoes on it and the ``-nya`` fallback."""
        src: Slot | None = None
        for slot in trig.source_preps:
            src = _as_role(self._slot(sent, trig, slot, mentions, stop_preps), "source")
            self._tried_slot(sent, trig, "source", slot, src)
            if src is not None:
                break
        if src is not None and src.how == "source:subject":
            poss = self._possessor_not_pronoun(sent, trig, src, mentions, stop_preps)
            src = _as_role(poss, "source") if poss is not None else src
        if src is not None and src.how == "source:subject" and trig.nominal:
            before = _word_before_noun(sent, trig)
            if self._passive_light_verb(sent, trig, before) or (
                fr.allows("veto:judged-source") and self._judged_not_done(sent, trig, before)
            ):
                src = None
        if src is None and trig.nominal:
            src = self._possessive_clitic(sent, trig, memory)
        return src

    def _tried_slot(self, sent: Span, trig: TriggerMatch, role: str, slot: str, found: Slot | None) -> None:
        """Record a pattern slot tried, for ``peristiwa explain`` (only when a trace is kept)."""
        trace = getattr(self, "trace", None)
        if trace is not None:
            name = found.how if found is not None else f"{role}:{SLOT_NAMES.get(slot, slot)}"
            outcome = "fired" if found else "no"
            trace.append(RuleTrial(sent.start_char, trig.text, trig.start_char, name, outcome))

    @rule(
        "veto:pronoun-subject",
        "source",
        "veto",
        fires=(
            "Perdana Menteri Singapura Lawrence Wong tiba di Jakarta. Ia menyatakan dukungan "
            "Singapura kepada Palestina."
        ),
        must_not=(
            "Perdana Menteri Singapura Lawrence Wong tiba di Jakarta. Ia menyatakan dukungan "
            "kepada Palestina."
        ),
    )
    def _possessor_not_pronoun(
        self,
        sent: Span,
        trig: TriggerMatch,
        src: Slot,
        mentions: list[tuple[int, int, Resolved]],
        stop_preps: frozenset[str],
    ) -> Slot | None:
        """A subject that is only a pronoun yields to the event noun's written possessor ("Ia
        menegaskan dukungan Singapura terhadap ...": whom "ia" means is a guess, Singapore is
        written); returns that possessor."""
        if (
            "poss" in trig.source_preps
            or not all("ref:pronoun" in a.entries for a in src.actors)
            or len(trig.tokens) <= 1
        ):
            return None
        poss = self._slot(sent, trig, "poss", mentions, stop_preps)
        return poss if poss is not None and sent.doc[max(trig.tokens)].pos_ == "NOUN" else None

    def _received(self, sent: Span, trig: TriggerMatch) -> bool:
        """Whether an event noun is the object of a verb of receiving ("mendapat kritik",
        "menerima dukungan", "menuai reaksi keras"): its subject is whom the act is aimed at."""
        before = _word_before_noun(sent, trig)  # None when the trigger has a verb's prefix
        return before is not None and before.lower_ in RECEIVING_VERBS

    @rule(
        "source:giver",
        "joint",
        "reading",
        fires="Presiden Prabowo mendapat kritik keras dari Partai Demokrat Malaysia.",
        must_not="Presiden Prabowo menyampaikan kritik keras kepada Perdana Menteri Malaysia.",
    )
    def _giver_reading(
        self,
        sent: Span,
        trig: TriggerMatch,
        receiver: Slot,
        mentions: list[tuple[int, int, Resolved]],
        stop_preps: frozenset[str],
    ) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
        """An event noun received by the subject ("Indonesia mendapat dukungan dari Jepang") is
        the act of whom ``dari``/``oleh`` names, or the noun's possessor ("menerima kunjungan
        Perdana Menteri Jepang"), aimed at the subject; with no giver written there is no source
        (the receiver did not do it), so nothing is coded."""
        giver = None
        for slot in ("dari", "oleh", "poss"):
            giver = self._slot(sent, trig, slot, mentions, stop_preps)
            if giver is not None:
                break
        if giver is None:
            return []
        return _pairs(Slot(giver.actors, "source:giver"), Slot(receiver.actors, "target:receiver"), "")

    register(
        "target:receiver",
        "target",
        "reading",
        "The subject of a verb of receiving before an event noun is whom the act is aimed at "
        "(\"Indonesia mendapat dukungan dari Jepang\"); read with source:giver.",
        "Indonesia mendapat dukungan dari Jepang untuk keanggotaan OECD.",
        "Indonesia memberikan dukungan kepada Jepang untuk keanggotaan OECD.",
    )

    @rule(
        "veto:passive-light-verb",
        "source",
        "veto",
        fires="Jepang akan diberikan akses penuh ke Vietnam.",
        must_not="Jepang akan memberikan akses penuh ke Vietnam.",
    )
    def _passive_light_verb(self, sent: Span, trig: TriggerMatch, before: Token | None) -> bool:
        """The subject of a passive light verb before an event noun receives it, it does not do
        it ("AS akan diberikan akses": not AS's act)."""
        return before is not None and before._.prefix.startswith("di")

    @rule(
        "veto:judged-source",
        "source",
        "veto",
        fires="Menteri Luar Negeri Norwegia menilai serangan udara di Gaza tidak dapat dibenarkan.",
        must_not="Menteri Luar Negeri Norwegia menyatakan keprihatinan atas serangan udara di Gaza.",
    )
    def _judged_not_done(self, sent: Span, trig: TriggerMatch, before: Token | None) -> bool:
        """The subject of a judging verb before an attack noun is not its agent ("Ia menilai
        serangan udara di Gaza ...": the one judging is not the one attacking; an attitude noun,
        "menyatakan keprihatinan", stays the speaker's own)."""
        return before is not None and before.lower_ in ASSESSING_VERBS

    @rule(
        "source:-nya",
        "source",
        "fallback",
        fires="Presiden Prabowo Subianto tiba di Beijing. Kunjungannya ke Cina berlangsung dua hari.",
        must_not="Presiden Prabowo Subianto tiba di Beijing. Kunjungan itu berlangsung dua hari.",
    )
    def _possessive_clitic(self, sent: Span, trig: TriggerMatch, memory: Memory) -> Slot | None:
        """An event noun's possessor clitic with no named possessor ("kunjungannya ke Cina") points
        back to the last person named (people travel and talk), else to the last actor."""
        if not sent.doc[trig.head].lower_.endswith("nya") or not memory.actors:
            return None
        last = memory.persons[-1] if memory.persons else memory.actors[-1]
        return Slot([replace(last, entries=(*last.entries, "ref:-nya"))], "source:-nya")

    def _target(
        self,
        sent: Span,
        trig: TriggerMatch,
        mentions: list[tuple[int, int, Resolved]],
        src: Slot | None,
        targets: tuple[str, ...],
        fr: Frame,
    ) -> Slot | None:
        """The target the pattern's slots find (never one of the source's actors), with the vetoes
        the frame allows."""
        for slot in targets:
            tgt = _as_role(self._slot(sent, trig, slot, mentions, frozenset()), "target")
            self._tried_slot(sent, trig, "target", slot, tgt)
            if tgt is not None and src is not None:
                tgt = Slot([a for a in tgt.actors if all(a is not b for b in src.actors)], tgt.how)
                tgt = tgt if tgt.actors else None
            if tgt is not None and fr.allows("veto:attacker") and self._attacker(sent, trig, tgt):
                tgt = None  # "duka atas serangan Israel": sympathy goes to the victims, not the attacker
            if (
                tgt is not None
                and tgt.how == "target:obj"
                and fr.allows("veto:patient-of-act")
                and self._patient(sent, trig, tgt)
            ):
                tgt = None  # "menolak pengusiran paksa terhadap warga Palestina": not aimed at them
            if tgt is not None:
                return tgt
        return None

    @rule(
        "veto:patient-of-act",
        "target",
        "veto",
        fires="Indonesia menolak pengusiran paksa terhadap warga Palestina.",
        must_not="Indonesia menolak usulan Israel.",
    )
    def _patient(self, sent: Span, trig: TriggerMatch, tgt: Slot) -> bool:
        """Objecting to an act is not aimed at those the act was done to ("menolak segala bentuk
        pengusiran paksa terhadap warga Palestina")."""
        return _patient_of_act(sent, trig, tgt)

    def _fallback_source(
        self,
        sent: Span,
        trig: TriggerMatch,
        tgt: Slot,
        mentions: list[tuple[int, int, Resolved]],
        memory: Memory,
        fr: Frame,
    ) -> Slot | None:
        """A source the slots left empty: the authority of an agentless arrest, the body whose
        ruling it is."""
        src = None
        if (trig.passive or trig.nominal) and fr.allows("source:authority"):
            src = self._authority(sent, trig, tgt, mentions, memory)
        if src is None and not sent.doc[trig.head]._.prefix.startswith("meN"):
            src = self._decider(sent, trig, tgt, mentions)
        return src

    @rule(
        "source:authority",
        "source",
        "fallback",
        fires="Polda Riau memeriksa Bupati Siak. Bupati Siak kemudian ditahan.",
        must_not="Polda Riau memeriksa Bupati Siak. Bupati Siak kemudian dipuji.",
    )
    def _authority(
        self,
        sent: Span,
        trig: TriggerMatch,
        tgt: Slot,
        mentions: list[tuple[int, int, Resolved]],
        memory: Memory,
    ) -> Slot | None:
        """Who arrested, detained or questioned someone when the passive or the noun does not say:
        the police, prosecutor or court of the target's country named last before it."""
        return _implied_authority(trig, tgt, mentions, memory)

    def _joint_reading(
        self,
        sent: Span,
        trig: TriggerMatch,
        src: Slot | None,
        tgt: Slot | None,
        mentions: list[tuple[int, int, Resolved]],
        memory: Memory,
        places: list[PlaceMention],
        fr: Frame,
    ) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]] | None:
        """A reading between two parties that replaces the slots' (None when there is none)."""
        if src is not None and trig.nominal and fr.allows("joint:mediated") and _mediated(sent, trig):
            return self._mediated_sides(sent, trig, src, mentions, memory, places)
        if src is None and tgt is None and trig.nominal:
            if fr.allows("joint:bilateral") and _says_bilateral(sent, trig):
                pair = self._bilateral(sent, trig, mentions, memory)
                if pair:
                    return pair
            if fr.allows("joint:kedua"):
                pair = self._pair_clash(sent, trig, mentions)
                if pair:
                    return pair
        antara = tgt is not None and tgt.how == "target:antara" and len(tgt.actors) >= 2
        if src is None and antara and fr.joint and tgt is not None:
            return _joint(tgt.actors, ("joint:antara",))
        return None

    @rule(
        "joint:mediated",
        "joint",
        "fallback",
        fires=(
            "Thailand dan Kamboja bertempur di perbatasan. Malaysia menengahi perjanjian gencatan "
            "senjata antara Thailand dan Kamboja."
        ),
        must_not=(
            "Thailand dan Kamboja bertempur di perbatasan. Malaysia menandatangani perjanjian "
            "gencatan senjata dengan Thailand."
        ),
    )
    def _mediated_sides(
        self,
        sent: Span,
        trig: TriggerMatch,
        src: Slot,
        mentions: list[tuple[int, int, Resolved]],
        memory: Memory,
        places: list[PlaceMention],
    ) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
        """An agreement or ceasefire mediators brokered ("Malaysia, China, dan AS menengahi
        perjanjian gencatan senjata") is between the story's two sides, not the mediators; none
        when the place after it is another conflict's ("menengahi gencatan senjata di Gaza")."""
        later = [r for s_, _e, r in mentions if s_ > max(trig.tokens)]
        earlier = [r for s_, _e, r in mentions if s_ < min(trig.tokens)]
        sides = _story_sides(src.actors, later, Memory()) or _story_sides(src.actors, earlier, memory)
        pl = place_phrase(sent, trig.head - sent.start, places)
        if pl and codes.is_country(pl.country) and pl.country not in {r.code[:3] for r in sides}:
            return []
        return _joint(sides, ("joint:mediated",)) if len(sides) == 2 else []

    @rule(
        "joint:bilateral",
        "joint",
        "fallback",
        fires=(
            "Presiden Prabowo bertemu Perdana Menteri Jepang Shigeru Ishiba. Pembicaraan bilateral "
            "itu berlangsung di Tokyo."
        ),
        must_not=(
            "Presiden Prabowo bertemu Perdana Menteri Jepang Shigeru Ishiba. Pembicaraan itu "
            "berlangsung di Tokyo."
        ),
    )
    def _bilateral(
        self, sent: Span, trig: TriggerMatch, mentions: list[tuple[int, int, Resolved]], memory: Memory
    ) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
        """Bilateral talks with no party named ("pembicaraan bilateral yang berlangsung bulan lalu")
        are between the story's two sides; only talks and meetings ("memperkuat kerja sama
        bilateral" describes a relationship, GUIDELINES)."""
        earlier = [r for s_, _e, r in mentions if s_ < min(trig.tokens)]
        sides = _story_sides((), earlier, memory)
        return _joint(sides, ("joint:bilateral",)) if len(sides) == 2 else []

    @rule(
        "joint:kedua",
        "joint",
        "fallback",
        fires=(
            "Thailand menuduh Kamboja. Bentrokan bersenjata itu berlangsung di perbatasan kedua "
            "negara."
        ),
        must_not="Thailand menuduh Kamboja. Bentrokan bersenjata itu berlangsung di perbatasan.",
    )
    def _pair_clash(
        self, sent: Span, trig: TriggerMatch, mentions: list[tuple[int, int, Resolved]]
    ) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
        """A clash with no party of its own is between the two a "kedua negara" after it names
        ("bentrokan bersenjata, yang berlangsung di perbatasan kedua negara")."""
        pair = [r for s_, _e, r in mentions if s_ > max(trig.tokens) and "ref:kedua" in r.entries]
        if len(pair) == 2 and pair[0].code != pair[1].code:
            return _joint(pair, ("joint:kedua",))
        return []

    def _fallback_target(
        self,
        sent: Span,
        trig: TriggerMatch,
        src: Slot,
        mentions: list[tuple[int, int, Resolved]],
        memory: Memory,
        places: list[PlaceMention],
        targets: tuple[str, ...],
        fr: Frame,
    ) -> Slot | None:
        """A target the slots left empty, from the fallbacks the frame allows, in this order."""
        tgt = None
        if fr.allows("target:place"):
            tgt = self._attacked_place(sent, trig, src, places)
        if tgt is None and fr.allows("target:act-agent"):
            tgt = self._act_agent(sent, trig, mentions)
        if tgt is None and fr.allows("target:relative"):
            tgt = self._relative_victims(sent, trig, mentions)
        if tgt is None and targets:
            tgt = self._relative_recipient(sent, trig, mentions)
            if tgt is not None:
                tgt = Slot([a for a in tgt.actors if all(a.code != b.code for b in src.actors)], tgt.how)
                tgt = tgt if tgt.actors else None
        if tgt is None and fr.allows("target:sides"):
            tgt = self._mediator_sides(sent, trig, src, mentions, memory, places)
        if tgt is None and fr.allows("target:counterpart"):
            tgt = self._counterpart_target(sent, trig, src, mentions, fr)
        if tgt is None and fr.allows("target:agar"):
            tgt = self._complement_subject(sent, trig, src, mentions)
        return tgt

    @rule(
        "target:agar",
        "target",
        "fallback",
        fires="Presiden Prabowo meminta agar Jepang meningkatkan investasi di Sulawesi.",
        must_not="Presiden Prabowo meminta maaf agar suasana di Sulawesi kembali tenang.",
    )
    def _complement_subject(
        self, sent: Span, trig: TriggerMatch, src: Slot, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
        """Of whom an appeal or demand is made when it is phrased as a clause: the subject of the
        agar/supaya clause right after the verb ("meminta agar Jepang meningkatkan investasi",
        "menyerukan supaya kedua negara menahan diri"), past adverbs ("meminta juga agar")."""
        doc = sent.doc
        k = trig.head + 1
        while k < min(sent.end, trig.head + 4) and doc[k].lower_ not in COMPLEMENTIZERS:
            if doc[k].pos_ not in ("ADV", "PART") and doc[k].text != ",":
                return None
            k += 1
        if k >= sent.end or doc[k].lower_ not in COMPLEMENTIZERS:
            return None
        starts = {m[0]: m for m in mentions}
        j = k + 1
        while j < min(sent.end, k + 4) and j not in starts and doc[j].lower_ in QUANTIFIERS | PAIR_WORDS:
            j += 1  # "agar seluruh pejabat", "supaya kedua negara"
        if j not in starts:
            return None
        group, _end = self._coordinated_right(doc, sent, starts[j], mentions)
        return Slot(group, "target:agar")

    @rule(
        "target:place",
        "target",
        "fallback",
        fires="Rusia menggelar latihan militer di Kharkiv pada Senin.",
        must_not="Rusia menggelar latihan militer di Moskwa pada Senin.",
    )
    def _attacked_place(
        self, sent: Span, trig: TriggerMatch, src: Slot, places: list[PlaceMention]
    ) -> Slot | None:
        """An attack's place is what it targets ("serangan Israel di Gaza"): a city, province or
        country of another country than the attacker's."""
        pl = place_phrase(sent, trig.head - sent.start, places)
        if (
            pl
            and pl.kind in ("city", "province", "country")
            and codes.is_country(pl.country)
            and all(a.code[:3] != pl.country for a in src.actors)
        ):
            where = Resolved(pl.country, pl.text, pl.start_char, pl.end_char, (pl.entry,), "place")
            return Slot([where], "target:place")
        return None

    @rule(
        "target:sides",
        "target",
        "fallback",
        fires="Thailand dan Kamboja bertempur di perbatasan. Malaysia menengahi perundingan damai.",
        must_not=(
            "Thailand dan Kamboja bertempur di perbatasan. Malaysia menengahi perundingan damai di Gaza."
        ),
    )
    def _mediator_sides(
        self,
        sent: Span,
        trig: TriggerMatch,
        src: Slot,
        mentions: list[tuple[int, int, Resolved]],
        memory: Memory,
        places: list[PlaceMention],
    ) -> Slot | None:
        """A mediator stands between the two sides the story is about, those named after the verb
        first ("... kesepakatan damai Thailand-Kamboja"), else those named before; not when the
        place after it is another conflict's."""
        later = [r for s_, _e, r in mentions if s_ > max(trig.tokens)]
        earlier = [r for s_, _e, r in mentions if s_ < min(trig.tokens)]
        sides = _story_sides(src.actors, later, Memory()) or _story_sides(src.actors, earlier, memory)
        pl = place_phrase(sent, trig.head - sent.start, places)
        elsewhere = pl and codes.is_country(pl.country) and pl.country not in {r.code[:3] for r in sides}
        return Slot(sides, "target:sides") if sides and not elsewhere else None

    @rule(
        "target:counterpart",
        "target",
        "fallback",
        fires="Korea Utara menyiapkan rudal yang mampu menjangkau seluruh Jepang.",
        must_not="Korea Utara menyiapkan rudal yang mampu menjangkau seluruh wilayahnya.",
    )
    def _counterpart_target(
        self, sent: Span, trig: TriggerMatch, src: Slot, mentions: list[tuple[int, int, Resolved]], fr: Frame
    ) -> Slot | None:
        """The first actor of another country named after the trigger in the same clause is the
        one an attack, threat, show of force or protest is aimed at (the owner of the facility
        hit); a threat's target may be the actor of its condition (``ref:condition``)."""
        other = _counterpart(sent, trig, src.actors, mentions, fr.allows("ref:condition"))
        return Slot([other], "target:counterpart") if other is not None else None

    @rule(
        "veto:beyond-gap",
        "target",
        "veto",
        fires="Presiden Brasil menilai blokade itu tak dapat dibenarkan dan tak sejalan dengan Kuba.",
        must_not="Presiden Brasil menilai langkah Argentina tidak dapat dibenarkan.",
    )
    def _beyond_gap(self, sent: Span, trig: TriggerMatch, mentions: list[tuple[int, int, Resolved]]) -> bool:
        """An assessment holds what it judges in its gap ("menilai X ... tidak dapat dibenarkan",
        "menyebut X sebagai teroris"): an actor after it belongs elsewhere (not so for other
        gapped patterns: "mengamankan 10 orang, termasuk Gubernur X")."""
        last = max(trig.tokens)
        return any(m[0] >= last for m in mentions)

    @rule(
        "source:ruling",
        "source",
        "fallback",
        fires="MKMK memutuskan Ketua MK Anwar Usman terbukti melanggar etik dan diberhentikan.",
        must_not="Ketua MK Anwar Usman diberhentikan.",
    )
    def _decider(
        self, sent: Span, trig: TriggerMatch, tgt: Slot, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
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

    @rule(
        "veto:attacker",
        "target",
        "veto",
        fires="Indonesia menyampaikan duka atas serangan Israel di Gaza.",
        must_not="Indonesia menyampaikan duka kepada Palestina.",
    )
    def _attacker(self, sent: Span, trig: TriggerMatch, tgt: Slot) -> bool:
        """Whether a target was found as the one who attacked: an attack noun stands between the
        trigger and it ("atas serangan Israel")."""
        doc = sent.doc
        first = min(a.start_char for a in tgt.actors)
        return any(
            doc[k].lemma_ in ATTACK_ROOTS and doc[k].idx < first
            for k in range(max(trig.tokens) + 1, sent.end)
        )

    @rule(
        "target:act-agent",
        "target",
        "fallback",
        fires="Mahasiswa melakukan aksi protes terhadap penetapan 11 warga adat oleh Polda Maluku Utara.",
        must_not="Mahasiswa melakukan aksi protes terhadap penetapan 11 warga adat di Ternate.",
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

    @rule(
        "target:relative-recipient",
        "target",
        "fallback",
        fires="Amerika Serikat mengumumkan pemangkasan tarif impor yang dikenakan ke Indonesia.",
        must_not="Amerika Serikat mengumumkan pemangkasan tarif impor.",
    )
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

    @rule(
        "target:relative",
        "target",
        "fallback",
        fires="Israel melancarkan perang, yang telah menewaskan ribuan warga Palestina.",
        must_not="Israel melancarkan perang yang panjang.",
    )
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
            beyond = gapped and frame(trig.code).allows("veto:beyond-gap")
            if beyond and self._beyond_gap(sent, trig, mentions):
                mentions = [m for m in mentions if m[0] < last]
            return self._right_actor(
                doc, sent, after, mentions, MAX_ARG_DISTANCE, True, frozenset(), "target:obj", skip
            )
        if slot == "gap":
            # "menyerukan Israel untuk menghentikan serangan": whom the appeal addresses stands in
            # the pattern's gap; an actor after its words is what it is for, not who is called on
            last = max(trig.tokens)
            inside = [m for m in mentions if m[0] > trig.head and m[1] <= last]
            return self._right_actor(
                doc, sent, after, inside, MAX_ARG_DISTANCE, True, frozenset(), "target:gap", skip
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
        menuding") takes the subject of the main clause. Each step either decides (the subject,
        or none) or says where to look next (:meth:`_left_at_actor`, :meth:`_left_at_word`).
        """
        if doc[first].lower_ in CONTROL_WORDS:  # the pattern itself begins "untuk menemui"
            return self._main_subject(doc, sent, first, mentions)
        ends = {e: (s, e, r) for s, e, r in mentions}
        relative = False  # passed a "yang": the actor before it is the relative clause's subject
        i = first - 1
        while i >= sent.start:
            if i + 1 in ends:
                done, found, i = self._left_at_actor(doc, sent, first, i, ends, mentions, relative)
            else:
                if doc[i].lower_ == "yang" and i + 1 <= first and self._only_adverbs(doc, i + 1, first):
                    relative = True
                done, found, i = self._left_at_word(doc, sent, first, i, ends, mentions)
            if done:
                return found
        return None

    def _left_at_actor(
        self,
        doc: Doc,
        sent: Span,
        first: int,
        i: int,
        ends: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
        relative: bool,
    ) -> tuple[bool, Slot | None, int]:
        """An actor ends at ``i``: it is the subject (with its conjuncts), or a place passed over,
        or the agent of a relative clause passed over, or inside a phrase (no subject)."""
        group, s0 = self._coordinated_left(doc, sent, ends[i + 1], mentions)
        if s0 <= sent.start:
            return True, Slot(group, "source:subject"), i
        before = doc[s0 - 1]
        verb_like = doc[first].pos_ == "VERB" or doc[first]._.prefix[:3] in ("meN", "ber", "di")
        if before.lower_ in TIME_SUBORDINATORS and verb_like and self._only_adverbs(doc, i + 1, first):
            return True, Slot(group, "source:subject"), i  # "sejak Israel melancarkan perang"
        if before.lower_ in LOCATIVE_PREPS:
            return False, None, s0 - 2  # "... di Yaman": a place on the way, keep looking
        if before._.prefix == "di" and s0 - 2 >= sent.start and doc[s0 - 2].lower_ == "yang":
            # "milisi yang didukung Rusia menyerang": Rusia is the agent of the relative clause,
            # the one attacking is the noun before it
            return False, None, s0 - 3
        if _inside_phrase(doc, sent, s0, relative):
            return True, None, i
        return True, Slot(group, "source:subject"), i

    def _left_at_word(
        self,
        doc: Doc,
        sent: Span,
        first: int,
        i: int,
        ends: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
    ) -> tuple[bool, Slot | None, int]:
        """A word at ``i`` that ends no actor: a clause whose subject is the main clause's, a
        punctuation mark passed over, a preposition or a clause break that ends the search."""
        tok = doc[i]
        low = tok.lower_
        if low in CONTROL_WORDS and self._only_adverbs(doc, i + 1, first):
            return True, self._main_subject(doc, sent, i, mentions), i
        if low in SUBORDINATORS and any(
            doc[v]._.prefix[:3] in ("meN", "ber") and self._only_adverbs(doc, i + 1, v)
            for v in (first, first - 1)
            if v > i
        ):
            # "Trump menyampaikan pengumuman itu setelah melakukan percakapan": a subordinate
            # clause with no subject of its own shares the main clause's (the verb may be the
            # trigger or the light verb before an event noun)
            return True, self._main_subject(doc, sent, i, mentions), i
        if tok.text in (",", ")"):
            k = self._past_punctuation(doc, sent, first, i, ends)
            if k is not None:
                return False, None, k
        if low in LEFT_STOP_PREPS:
            return True, self._relative_with_phrase(doc, sent, first, i, ends, mentions), i
        if low in CLAUSE_BREAK_WORDS or (tok.is_punct and tok.text in PUNCT_BREAKS):
            return True, None, i
        return False, None, i - 1

    def _past_punctuation(
        self, doc: Doc, sent: Span, first: int, i: int, ends: dict[int, tuple[int, int, Resolved]]
    ) -> int | None:
        """Where to look next past a comma or bracket that does not end the clause, or None."""
        if doc[i].text == ")":
            return i - 1 if i in ends else None  # "(Dewan Keamanan) menyerukan": inside the brackets
        adverbs = self._only_adverbs(doc, i + 1, first)
        if i in ends and adverbs:
            s1 = ends[i][0]
            k = s1 - 1
            while k > s1 - 3 and k > sent.start and doc[k].lower_.rstrip(".") in HONORIFICS:
                k -= 1  # an honorific the dictionary does not hold ("Sir", "Monsieur")
            if k > sent.start and doc[k].text == "," and k in ends:
                return i - 1  # "Perdana Menteri Inggris, Sir Keir Starmer, telah menyampaikan"
        if i not in ends and adverbs:
            # "Juru Bicara Anies Baswedan, Surya Tjandra, mengatakan": a name the dictionary
            # does not know, set off by commas after the actor it belongs to
            k = i - 1
            while k > sent.start and i - k <= 4 and doc[k].text[:1].isupper() and doc[k].is_alpha:
                k -= 1
            if k < i - 1 and doc[k].text == "," and k in ends:
                return k - 1  # the actor's last token
        if i + 1 < first and doc[i + 1].lower_ == "yang" and i in ends:
            return i - 1  # "Inggris, Perancis, dan Kanada, yang juga mempertimbangkan": a relative clause
        return None

    def _relative_with_phrase(
        self,
        doc: Doc,
        sent: Span,
        first: int,
        i: int,
        ends: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
    ) -> Slot | None:
        """At a preposition: the subject of a relative clause that holds it ("warga Israel yang
        tinggal di dekat perbatasan terpaksa mengungsi"), else no subject."""
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
        """ "Cina, India, dan Korea Utara" -> all three, walking left over commas and dan/serta.

        A comma alone joins conjuncts only inside a list that ends with "dan"/"serta": in "Usai
        bertemu Presiden Prabowo, Perdana Menteri Jepang mengecam ..." the comma closes a fronted
        phrase, and Prabowo is not a second subject."""
        ends = _by_position(mentions, 1)
        same = [m for m in mentions if m[0] == mention[0] and m[1] == mention[1]]
        group = [m[2] for m in same]
        s = mention[0]
        listed = False  # a dan/serta/atau was passed: commas further left separate the list
        while True:
            j = s - 1
            seps = 0
            while j >= sent.start and doc[j].lower_ in COORD_WORDS and seps < 2:
                listed = listed or doc[j].text != ","
                j -= 1
                seps += 1
            if seps == 0 or (j + 1) not in ends or not listed:
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
                done, found, i = self._right_at_actor(doc, sent, i, starts, mentions, how)
                if done:
                    return found
                continue
            tok = doc[i]
            if tok.text == "," and i + 1 < sent.end and doc[i + 1].lower_ in APPOSITIVE_WORDS:
                i += 2  # "tiga negara di ASEAN, yakni Vietnam, Indonesia, dan Singapura"
                continue
            if i not in skip:
                if _right_stop(doc, sent, i, allow_rel, stop_words, how, thing):
                    return None
                thing = thing or (tok.pos_ == "NOUN" and tok.is_lower)
                gap += 1
            i += 1
        return None

    def _right_at_actor(
        self,
        doc: Doc,
        sent: Span,
        i: int,
        starts: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
        how: str,
    ) -> tuple[bool, Slot | None, int]:
        """An actor starts at ``i``: the argument (with its conjuncts), or a place or an inferred
        group passed over."""
        prev = doc[i - 1].lower_ if i - 1 >= sent.start else ""
        if prev in LOCATIVE_PREPS:
            return False, None, starts[i][1]
        group, end = self._coordinated_right(doc, sent, starts[i], mentions)
        inferred = all("ref:focus-country" in a.entries for a in group)
        listed = end + 1 < sent.end and doc[end].text == "," and doc[end + 1].lower_ in APPOSITIVE_WORDS
        if inferred and listed:
            return False, None, end + 2  # "para kepala negara, termasuk Presiden AS": the named list
        return True, Slot(group, how), i

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
                done, found = self._prep_object(doc, sent, i, starts, mentions)
                if done:
                    return found
            if (tok.is_punct and tok.text in PUNCT_BREAKS) or low in CLAUSE_BREAK_WORDS:
                return None
            i += 1
        return None

    def _prep_object(
        self,
        doc: Doc,
        sent: Span,
        i: int,
        starts: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
    ) -> tuple[bool, Slot | None]:
        """The actor the preposition at ``i`` introduces: (True, it), (True, None) for a region
        after a locative, (False, None) when no actor follows it closely."""
        low = doc[i].lower_
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
        if j not in starts:
            return False, None
        if low in LOCATIVE_PREPS and starts[j][2].code in REGION_CODES:
            return True, None  # "serangan terhadap kapal di Laut Merah": a region is where, not whom
        group, _end = self._coordinated_right(doc, sent, starts[j], mentions)
        facing = low == "di" and any(doc[k].lower_ == "depan" for k in range(i + 1, j))
        if low in LOCATIVE_PREPS | {"ke"} and not facing:
            # "tiba di Kairo", "terbang ke Moskow": a capital here is a place, so the country;
            # but a crowd "di depan Gedung DPR" faces the seat of the body it addresses
            group = [replace(a, code=a.code[:3]) if a.kind == "metonym" else a for a in group]
        return True, Slot(group, f"target:{low}")


# The slot readings: one function (``_slot``) serves them, so they register here, with their docs.
_READINGS = (
    ("source:subject", "source", "The nearest actor before the trigger in its clause, with its conjuncts.",
     "Pemerintah Jepang mengecam Korea Utara atas uji coba rudal terbaru.",
     "Korea Utara dikecam oleh Pemerintah Jepang atas uji coba rudal terbaru."),
    ("target:gap", "target", "An actor inside the gap of a pattern of several words (whom it addresses).",
     "Sekjen PBB menyerukan Israel untuk menghentikan serangan di Gaza.",
     "Sekjen PBB menyerukan perdamaian bagi Palestina."),
    ("target:obj", "target", "The first actor after the trigger within its clause, past locative phrases.",
     "Pemerintah Jepang mengecam Korea Utara atas uji coba rudal terbaru.",
     "Pemerintah Jepang mengecam uji coba rudal itu."),
    ("source:agent", "source", "The bare noun phrase right after a passive verb (\"ditangkap KPK\").",
     "Gubernur Papua ditangkap KPK di Jakarta.",
     "KPK menangkap Gubernur Papua di Jakarta."),
    ("target:subject", "target", "The subject of a passive verb is the one it is done to.",
     "Gubernur Papua ditangkap KPK di Jakarta.",
     "KPK menangkap Gubernur Papua di Jakarta."),
    ("source:possessor", "source", "The actor right after an event noun (\"kunjungan Putin\").",
     "Kunjungan Presiden Rusia Vladimir Putin ke Cina berlangsung dua hari.",
     "Presiden Rusia Vladimir Putin berkunjung ke Cina selama dua hari."),
    ("joint:subject", "joint", "Coordinated subjects of a joint act with no other target act together.",
     "Indonesia dan Malaysia menandatangani perjanjian perbatasan di Jakarta.",
     "Indonesia menandatangani perjanjian perbatasan dengan Malaysia di Jakarta."),
    ("joint:antara", "joint", "A joint act \"antara X dan Y\" with no source of its own is between them.",
     "Kesepakatan dagang yang dicapai antara Jepang dan Vietnam berlaku bulan depan.",
     "Kesepakatan itu merupakan tanda hubungan baik antara Jepang dan Vietnam."),
    ("source:main-subject", "source",
     "A purpose or subordinate clause with no subject of its own takes the main clause's.",
     "Menlu Sugiono tiba di Tokyo sehari setelah mengunjungi Korea Selatan.",
     "Menlu Sugiono mengunjungi Korea Selatan."),
    ("source:oleh", "source", "The actor after \"oleh\" is a passive's agent.",
     "Iran dikenai sanksi oleh Uni Eropa pekan lalu.",
     "Uni Eropa menjatuhkan sanksi terhadap Iran pekan lalu."),
    ("target:dengan", "target", "The actor after \"dengan\": whom one meets, talks or agrees with.",
     "Presiden Vietnam bertemu dengan Presiden Filipina.",
     "Presiden Vietnam bertemu Presiden Filipina di Hanoi."),
    ("target:kepada", "target", "The actor after \"kepada\": whom something is addressed or given to.",
     "Perdana Menteri Malaysia menyampaikan duka cita kepada Turki atas gempa bumi.",
     "Perdana Menteri Malaysia menyampaikan duka cita atas gempa bumi."),
    ("target:terhadap", "target", "The actor after \"terhadap\": whom an act is aimed at.",
     "Uni Eropa menjatuhkan sanksi terhadap Iran pekan lalu.",
     "Iran dikenai sanksi oleh Uni Eropa pekan lalu."),
    ("target:ke", "target", "The place or actor after \"ke\": where a visit goes (a capital is its country).",
     "Presiden Prabowo berangkat ke Moskow pada Senin.",
     "Presiden Prabowo berangkat dari Jakarta pada Senin."),
    ("source:speaker", "source",
     "Whoever says another must act demands it (CAMEO 100) of the one obliged (\"target:obliged\").",
     "Ketua Komisi I DPR menilai Presiden Prabowo harus memberikan sanksi kepada Menteri Dalam Negeri.",
     "Presiden Prabowo harus memberikan sanksi kepada Menteri Luar Negeri Jepang."),
    ("source:perspective", "source",
     "\"baginya, X harus ...\": the demand is the view of the person named last.",
     "\"Pemerintah sudah lalai,\" kata Menteri Luar Negeri Jepang. Namun baginya, Menteri "
     "Pertahanan Korea Selatan tetap harus diberi teguran.",
     "\"Pemerintah sudah lalai,\" kata Menteri Luar Negeri Jepang. Menteri Pertahanan Korea "
     "Selatan memberi teguran kepada Korea Utara."),
    ("ref:condition", "target", "A threat with no named target is aimed at the actor of its condition.",
     "Korea Selatan memperingatkan akan bertindak tegas jika Korea Utara kembali meluncurkan rudal.",
     "Korea Selatan memperingatkan akan bertindak tegas."),
)
for _name, _slot_name, _doc, _fires, _must_not in _READINGS:
    _kind = "fallback" if _name == "ref:condition" else "reading"
    register(_name, _slot_name, _kind, _doc, _fires, _must_not)

# The preposition slots the patterns name (``T:atas``, ``S:dari``, dictionaries/events.tsv) and
# the possessor as a target: each records ``target:<preposition>`` (``source:<preposition>``).
_PREP_READINGS = (
    ("target:atas", "target", "The actor after \"atas\": what condolence, concern or thanks is about.",
     "Menteri Luar Negeri Jepang menyampaikan keprihatinan atas Korea Utara.",
     "Menteri Luar Negeri Jepang menyampaikan keprihatinan yang mendalam."),
    ("target:bagi", "target", "The actor after \"bagi\": whom aid or a benefit is for.",
     "Pemerintah Jepang memberikan bantuan bagi Filipina setelah banjir besar.",
     "Pemerintah Jepang memberikan bantuan kepada Filipina setelah banjir besar."),
    ("target:untuk", "target", "The actor after \"untuk\": whom a measure (a tariff, aid) is meant for.",
     "Presiden Amerika Serikat menetapkan tarif baru untuk Vietnam.",
     "Presiden Amerika Serikat menetapkan tarif baru pekan lalu."),
    ("target:antara", "target",
     "The actors after \"antara\" when the act has a source of its own (a negotiation it starts).",
     "Presiden Vietnam memulai negosiasi antara Vietnam dan Jepang soal tarif.",
     "Vietnam memulai negosiasi dengan Jepang soal tarif."),
    ("target:di", "target", "The actor after \"di\": the embassy searched, the country attacked in.",
     "Kepolisian Vietnam melakukan penggeledahan di Kedutaan Besar Jepang.",
     "Kepolisian Vietnam melakukan penggeledahan di rumah seorang pengusaha."),
    ("target:dari", "target", "The actor after \"dari\": whose accusation is denied, whom one buys from.",
     "Presiden Filipina menolak tuduhan dari Cina soal pulau sengketa.",
     "Presiden Filipina menolak tuduhan itu."),
    ("target:pada", "target", "The actor after \"pada\": whom thanks or congratulations go to.",
     "Wakil Presiden Korea Selatan mengucapkan terima kasih pada Jepang.",
     "Wakil Presiden Korea Selatan mengucapkan terima kasih."),
    ("target:oleh", "target", "The actor after \"oleh\" when it is the counterpart (\"bersedia "
     "dimediasi oleh X\").",
     "Perdana Menteri Jepang bersedia dimediasi oleh Presiden Vietnam.",
     "Perdana Menteri Jepang bersedia berunding dengan Presiden Vietnam."),
    ("target:melawan", "target", "The actor after \"melawan\": whom one fights.",
     "Tentara Thailand bertempur melawan pasukan Kamboja di perbatasan.",
     "Tentara Thailand bertempur dengan gagah di perbatasan."),
    ("target:bersama", "target", "The actor after \"bersama\": whom something is discussed with.",
     "Presiden Vietnam membahas perdagangan bersama Perdana Menteri Jepang.",
     "Presiden Vietnam membahas perdagangan di Hanoi."),
    ("target:tentang", "target", "The actor after \"tentang\": whom a complaint is about.",
     "Petani Jepang menyampaikan keluhan tentang Pemerintah Korea Selatan.",
     "Petani Jepang menyampaikan keluhan di Tokyo."),
    ("source:dari", "source", "The actor after \"dari\" is the source where the pattern says so (who hosts).",
     "Presiden Korea Selatan menerima sambutan kenegaraan dari Kaisar Jepang di Tokyo.",
     "Presiden Korea Selatan menerima sambutan kenegaraan di Tokyo."),
    ("target:possessor", "target",
     "The actor right after an event noun is its target where the pattern says so (\"undangan X\").",
     "Presiden Vietnam memenuhi undangan Perdana Menteri Jepang ke Tokyo.",
     "Presiden Vietnam memenuhi undangan itu."),
)
for _name, _slot_name, _doc, _fires, _must_not in _PREP_READINGS:
    register(_name, _slot_name, "reading", _doc, _fires, _must_not)

# The references the fallbacks above record on the actor they supply.
_FALLBACK_REFERENCES = (
    ("ref:authority", "source",
     "The authority source:authority supplies: the police, prosecutor or court named last.",
     "Kejaksaan Agung Vietnam memeriksa Gubernur Hanoi pekan lalu. Gubernur Hanoi kemudian ditahan "
     "pada Jumat.",
     "Kejaksaan Agung Vietnam menahan Gubernur Hanoi pada Jumat."),
    ("ref:counterpart", "target",
     "The other country target:counterpart supplies: the owner of what an attack is aimed at.",
     "Iran mengerahkan kapal perang yang mampu menyerang pangkalan Amerika Serikat.",
     "Iran mengerahkan kapal perang yang mampu menyerang pangkalan di wilayahnya."),
    ("ref:story-side", "target",
     "One of the two countries the story is about, whom a mediator stands between.",
     "Israel dan Hamas saling menyerang di Gaza selama berminggu-minggu. Qatar memediasi "
     "pembicaraan gencatan senjata.",
     "Israel dan Hamas saling menyerang di Gaza selama berminggu-minggu. Qatar mengecam serangan itu."),
    ("ref:-nya", "source",
     "The person an event noun's clitic \"-nya\" points back to (source:-nya).",
     "Menteri Luar Negeri Vietnam tiba di Seoul pada Senin. Kunjungannya ke Korea Selatan "
     "berlangsung tiga hari.",
     "Menteri Luar Negeri Vietnam tiba di Seoul pada Senin. Kunjungan ke Korea Selatan itu "
     "berlangsung tiga hari."),
)
for _name, _slot_name, _doc, _fires, _must_not in _FALLBACK_REFERENCES:
    register(_name, _slot_name, "reference", _doc, _fires, _must_not)
