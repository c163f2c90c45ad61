"""The fallbacks: arguments the pattern's slots left empty, supplied for the CAMEO prefixes whose
frame lists them (coding/frames.py): implicit targets, joint acts, authorities, ``-nya``.

Each is a method registered with :func:`peristiwa.coding.rules.rule`, mixed into the coder through
:class:`peristiwa.coding.arguments.ArgumentReader`, with the references they record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span

from peristiwa.coding import codes
from peristiwa.coding.context import Memory, Resolved, Slot
from peristiwa.coding.frames import Frame
from peristiwa.coding.patterns import TriggerMatch
from peristiwa.coding.places import (
    REGION_CODES,
    PlaceMention,
    place_phrase,
)
from peristiwa.coding.rules import register, rule
from peristiwa.coding.words import (
    ACT_AGENT_REACH,
    ALL_PREPS,
    AUTHORITY_ROLES,
    CLAUSE_BREAK_WORDS,
    COMPLEMENTIZERS,
    CONDITION_WORDS,
    MEDIATE_ROOTS,
    MEDIATE_WORDS,
    PAIR_WORDS,
    PUNCT_BREAKS,
    QUANTIFIERS,
    RECIPIENT_PREPS,
    RELATIVE_OBJECT_REACH,
    RULING_VERBS,
    SIDELINE_ROLES,
    VICTIM_VERBS,
)


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




class Fallbacks:
    """The fallback rules (mixed into :class:`peristiwa.coding.coder.Coder`)."""

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

