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

from spacy.tokens import Doc, Span

from peristiwa.coding import codes
from peristiwa.coding.clauses import TIME_SUBORDINATORS
from peristiwa.coding.context import Memory, Resolved, Slot
from peristiwa.coding.frames import (
    AUTHORITY_CODES,
    CONDOLENCE_CODE,
    CONSULT_ROOT,
    DECLINE_CODE,
    DISAPPROVE_ROOT,
    FIGHT_ROOT,
    JOINT_PREFIXES,
    MATERIAL_CONFLICT_ROOTS,
    MEDIATE_PREFIX,
    MEDIATED_ROOTS,
    OBJECTION_ROOTS,
    THREAT_ROOT,
    UNARY_CODES,
)
from peristiwa.coding.patterns import TriggerMatch
from peristiwa.coding.places import (
    REGION_CODES,
    PlaceMention,
    doc_text,
    place_phrase,
)
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
    PREDICATE_VERBS,
    PUNCT_BREAKS,
    QUANTIFIERS,
    RECIPIENT_PREPS,
    RELATIVE_CLAUSE_REACH,
    RELATIVE_OBJECT_REACH,
    RULING_VERBS,
    SIDELINE_ROLES,
    SUBORDINATORS,
    VICTIM_VERBS,
)


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
            if pl and codes.is_country(pl.country) and pl.country not in {r.code[:3] for r in sides}:
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
                and codes.is_country(pl.country)
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
            elsewhere = pl and codes.is_country(pl.country) and pl.country not in {r.code[:3] for r in sides}
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
