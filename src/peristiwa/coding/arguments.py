"""The argument rules: the source and target of each trigger, read from the sentence's tokens.

Each slot of a pattern (subj, obj, poss, agent, a preposition) is looked for in order of
preference with the voice applied; fallbacks (implicit targets, joint acts, authorities) and
vetoes follow the frame of the trigger's CAMEO prefix (coding/frames.py). Every reading records
the rules that found it (``source:subject``, ``target:ke``, ``joint:antara``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from peristiwa.coding.context import Memory, Resolved, Slot
from peristiwa.coding.fallbacks import Fallbacks, _joint
from peristiwa.coding.frames import Frame, frame
from peristiwa.coding.patterns import TriggerMatch
from peristiwa.coding.places import (
    PlaceMention,
    doc_text,
)
from peristiwa.coding.rules import RuleTrial, register, rule
from peristiwa.coding.slots import SLOT_NAMES, SlotReader
from peristiwa.coding.vetoes import Vetoes
from peristiwa.coding.words import (
    KIND_NOUNS,
    RECEIVING_VERBS,
)

__all__ = ["SLOT_NAMES", "ArgumentReader"]


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

def _compound(sent: Span, slot: Slot) -> bool:
    """Two actors written as one hyphenated compound ("perang Thailand-Kamboja"): a joint event."""
    actors = slot.actors
    if len(actors) != 2:
        return False
    text = doc_text(sent.doc)
    between = text[actors[0].end_char : actors[1].start_char]
    return between in ("-", "–")

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



class ArgumentReader(Vetoes, Fallbacks, SlotReader):
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


# the receiver's side of source:giver (ArgumentReader._giver_reading)
register(
    "target:receiver",
    "target",
    "reading",
    "The subject of a verb of receiving before an event noun is whom the act is aimed at "
    "(\"Indonesia mendapat dukungan dari Jepang\"); read with source:giver.",
    "Indonesia mendapat dukungan dari Jepang untuk keanggotaan OECD.",
    "Indonesia memberikan dukungan kepada Jepang untuk keanggotaan OECD.",
)
