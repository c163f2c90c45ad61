"""The vetoes: arguments the pattern's slots found that the frame of the trigger's CAMEO prefix
refuses (coding/frames.py), each a method registered with :func:`peristiwa.coding.rules.rule`,
mixed into the coder through :class:`peristiwa.coding.arguments.ArgumentReader`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from peristiwa.coding.context import Resolved, Slot
from peristiwa.coding.patterns import TriggerMatch
from peristiwa.coding.rules import rule
from peristiwa.coding.words import (
    ASSESSING_VERBS,
    ATTACK_ROOTS,
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



class Vetoes:
    """The veto rules (mixed into :class:`peristiwa.coding.coder.Coder`)."""

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
        last = sent.doc[max(trig.tokens)]
        if poss is None or last.pos_ != "NOUN" or poss.actors[0].start_char < last.idx + len(last.text):
            # an actor inside the pattern's gap is its object ("menuduh Israel terlibat dalam
            # terorisme"), not the possessor of its last noun
            return None
        return poss

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

