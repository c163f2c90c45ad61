"""Candidate events of a trigger: the argument rules' reading and, for the learned selector, every
other (source, target) pair of the sentence and the sources the discourse supplies.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from peristiwa.coding.context import Memory, Resolved, SentenceContext, self_reference
from peristiwa.coding.frames import APPEAL_CODE, DEMAND_CODE, frame
from peristiwa.coding.patterns import TriggerMatch
from peristiwa.coding.places import (
    doc_text,
)
from peristiwa.coding.rules import register
from peristiwa.coding.selection import Candidate, features
from peristiwa.coding.words import (
    ALL_PREPS,
    COMPLEMENT_GLUE,
    HEADING_LEAD,
    HEADING_MAX_TOKENS,
    OBLIGATION_WORDS,
    PERSPECTIVE_PRONOUNS,
    PERSPECTIVE_WORDS,
    RELATED_LINK_CUES,
    SOFT_OBLIGATION_WORDS,
)


def drop_governed(
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
            governs = frame(ta.code).governs
            if governs in ("keeps", "presupposes"):
                if governs == "presupposes" and tb.nominal:
                    # "keprihatinan atas serangan militer Israel": criticism of an act presupposes
                    # it; the attack is reported too
                    continue
                drop.add(b)
            elif governs == "yields":
                drop.add(a)
    return [t for k, t in enumerate(triggers) if k not in drop]


def discourse_sources(
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

def inside_name(sent: Span, trig: TriggerMatch) -> bool:
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

_RELATED_LINK = re.compile(rf"[\[(]?\s*(?:{'|'.join(RELATED_LINK_CUES)})\s*[:|]", re.IGNORECASE)


def is_related_link(sent: Span) -> bool:
    """A line that points to other content ("Baca juga: ...", "Pilihan Editor: ...",
    "[Gambas:Video ...]"): the headline after the label is another article's, not this one's
    reporting."""
    return _RELATED_LINK.match(sent.text.lstrip()) is not None


def is_heading(sent: Span) -> bool:
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

def _coordinated_triggers(sent: Span, first: TriggerMatch | None, second: TriggerMatch) -> bool:
    """Whether two triggers are conjuncts ("serangan udara dan tembakan"): only a coordinating
    word and modifiers of the first stand between them."""
    if first is None:
        return False
    doc = sent.doc
    lo, hi = max(first.tokens) + 1, min(second.tokens)
    between = [doc[k].lower_ for k in range(lo, hi)]
    return 0 < len(between) <= 3 and between[-1] in ("dan", "serta", "atau", ",")


def _obligation_word(sent: Span, trig: TriggerMatch) -> int | None:
    """The obligation word ("harus", "wajib") governing the trigger, at most three adverbs or
    glue words before it; None when there is none."""
    doc = sent.doc
    k = min(trig.tokens) - 1
    while k >= sent.start and k >= min(trig.tokens) - 3 and doc[k].lower_ not in OBLIGATION_WORDS:
        if not (doc[k].pos_ in ("ADV", "AUX", "PART") or doc[k].lower_ in COMPLEMENT_GLUE):
            return None
        k -= 1
    if k < sent.start or doc[k].lower_ not in OBLIGATION_WORDS:
        return None
    return k


def _subjects(pairs: list[tuple[Resolved, Resolved | None, tuple[str, ...]]]) -> list[Resolved]:
    """The trigger's subjects in the rules' readings (a passive's subject is its target)."""
    subjects = [
        (s if any(h.startswith("source:subject") for h in how) else t)
        for s, t, how in pairs
        if any(h.startswith(("source:subject", "target:subject")) for h in how)
    ]
    return [a for a in subjects if a is not None]


def _speaker_before(
    sent: Span, mentions: list[tuple[int, int, Resolved]], obliged: list[Resolved], first: int
) -> Resolved | None:
    """The actor named before the obliged one who is not in a prepositional phrase ("bagi saya,
    Pak Tito harus ...": the one whose view it is counts) and is not the obliged one."""
    doc = sent.doc
    for s, _e, r in mentions:
        if s >= first:
            break
        prev = doc[s - 1].lower_ if s > sent.start else ""
        if (prev in ALL_PREPS and prev not in PERSPECTIVE_WORDS) or all(r.code == a.code for a in obliged):
            continue
        return r
    return None


class CandidateMaker:
    """The coder's candidate events (mixed into :class:`peristiwa.coding.coder.Coder`)."""

    def _rule_candidates(
        self, ctx: SentenceContext, trig: TriggerMatch, mentions: list[tuple[int, int, Resolved]]
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
        demand = self._obligation_demand(sent, trig, pairs, mentions, obliged, ctx)
        if demand:
            # "X menilai Presiden harus memberikan sanksi ...": X demands it of the President;
            # the sanction itself has not happened ("perlu": X advises it, an appeal)
            soft = any(f"demand:{w}" in demand[0][2] for w in SOFT_OBLIGATION_WORDS)
            code, pairs = APPEAL_CODE if soft else DEMAND_CODE, demand
        out: list[Candidate] = []
        for src, tgt, how in pairs:
            key = (src.code, code, tgt.code if tgt else "")
            if key in ctx.seen or (tgt is not None and self_reference(src, tgt)):
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
        ctx: SentenceContext,
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
                if key in ctx.seen or (tgt is not None and self_reference(src, tgt)):
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

    def _obligation_demand(
        self,
        sent: Span,
        trig: TriggerMatch,
        pairs: list[tuple[Resolved, Resolved | None, tuple[str, ...]]],
        mentions: list[tuple[int, int, Resolved]],
        obliged: list[Resolved] | None = None,
        ctx: SentenceContext | None = None,
    ) -> list[tuple[Resolved, Resolved | None, tuple[str, ...]]]:
        """A demand when an obligation word governs the trigger and someone else says so.

        In "Anggota DPR Muslim Ayub menilai Presiden harus memberikan sanksi kepada Mendagri" the
        report is not a sanction but a demand (CAMEO 10) by the one speaking, the actor first in
        the sentence, of the one who must act, the trigger's subject; in a quote ("Pemerintah
        harus ...," kata X) the quote's speaker. With no such speaker the trigger's own event
        stands (its modality is "demanded").
        """
        memory = ctx.memory if ctx is not None else None
        doc = sent.doc
        k = _obligation_word(sent, trig)
        if k is None:
            return []
        if obliged is None:
            obliged = _subjects(pairs)
        first = min((s for s, _e, r in mentions if any(r is a for a in obliged)), default=None)
        if not obliged or first is None:
            return []
        cue = "demand:" + doc[k].lower_
        speaker = _speaker_before(sent, mentions, obliged, first)
        if speaker is None and ctx is not None and ctx.speaker is not None:
            quoted = ctx.speaker
            speaker = quoted if all(quoted.code != a.code for a in obliged) else None
        if speaker is not None:
            how = ("source:speaker", "target:obliged", cue)
            return [(speaker, a, (*how, *speaker.entries, *a.entries)) for a in obliged]
        perspective = any(doc[i].lower_ in PERSPECTIVE_PRONOUNS for i in range(sent.start, first))
        if memory is not None and perspective:
            # "Namun baginya, Mendagri Tito tetap harus diberi peringatan"
            # the person named last, else the last official named by office alone
            pool = [*reversed(memory.persons), *(q for q in reversed(memory.actors) if q.kind == "role")]
            p = next((q for q in pool if len(q.code) > 3 and all(q.code != a.code for a in obliged)), None)
            if p is not None:
                how = ("source:perspective", "target:obliged", cue)
                return [(p, a, (*how, *p.entries, *a.entries)) for a in obliged]
        return []


# The demand reading's target and its cues (one per obligation word), and the discourse sources.
register(
    "target:obliged", "target", "reading",
    "The one an obligation word puts on (\"X harus ...\"): the target of the speaker's demand.",
    "Presiden Filipina menilai Cina harus meminta maaf kepada Vietnam.",
    "Cina meminta maaf kepada Vietnam.",
)
_CUE_SENTENCES = {
    "harus": "Juru bicara Kementerian Luar Negeri Vietnam menyatakan Jepang harus mengecam Korea Utara.",
    "seharusnya": "Ketua Komisi II DPR menyebut Menteri Dalam Negeri seharusnya menegur Gubernur Papua.",
    "semestinya": "Pengamat menilai Presiden Filipina semestinya mengecam Cina atas insiden itu.",
    "wajib": "Ketua Komisi VIII DPR menyatakan Menteri Agama wajib memberikan sanksi kepada Gubernur Bali.",
    "mesti": "Ketua MPR mengatakan Presiden Prabowo mesti mengunjungi Gubernur Aceh.",
    "mestinya": "Mantan Menteri Luar Negeri Jepang menilai Perdana Menteri Jepang mestinya menemui "
    "Presiden Korea Selatan.",
    "hendaknya": "Ketua DPR menyatakan Kapolri hendaknya memeriksa Kapolda Sumatera Utara.",
    "sebaiknya": "Wakil Ketua DPR berpendapat Menteri Pertahanan sebaiknya mengundang Panglima TNI.",
    "perlu": "Ketua Komisi I DPR menilai Menteri Luar Negeri perlu memanggil Duta Besar Australia.",
    "patut": "Pengamat menilai Gubernur Jawa Barat patut menegur Bupati Bekasi.",
    "sepatutnya": "Ketua DPD menyatakan Menteri Kesehatan sepatutnya mengunjungi Gubernur Papua.",
}
for _word in sorted(OBLIGATION_WORDS):
    _fires = _CUE_SENTENCES[_word]
    register(
        f"demand:{_word}", "any", "cue",
        f"\"{_word}\" before the trigger makes it a demand of the one obliged (CAMEO 100; advice words "
        "such as perlu an appeal, 020) by whoever says so (source:speaker, source:perspective).",
        _fires,
        _fires.replace(f" {_word} ", " "),
    )
_DISCOURSE = (
    ("topic", "Whom the sentence before was about: a source the selector may weigh.",
     "Perdana Menteri Jepang Shigeru Ishiba tiba di Hanoi. Presiden Vietnam menyambut kedatangan "
     "delegasi itu di istana kepresidenan.",
     "Presiden Vietnam menyambut kedatangan delegasi itu di istana kepresidenan."),
    ("last", "The last actor named before the sentence (an agentless passive's agent, for the selector).",
     "Menteri Luar Negeri Vietnam tiba di Seoul pada Senin. Kunjungan ke Korea Selatan itu "
     "berlangsung tiga hari.",
     "Kunjungan ke Korea Selatan itu berlangsung tiga hari."),
)
for _why, _doc, _fires, _must_not in _DISCOURSE:
    register(f"ref:discourse-{_why}", "source", "reference", _doc, _fires, _must_not)
