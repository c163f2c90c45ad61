"""Why the coder coded what it coded, and why not the rest: ``peristiwa explain TEXT``.

For every sentence: the actors as the coder resolved them (dictionary, open and referring
mentions, each with its code and the open/reference rules that gave it), the event patterns that
matched, every fallback and veto rule tried on each trigger and whether it fired or vetoed (the
rule registry, coding/rules.py), every candidate (source, code, target) with the rules that
proposed it, the selector's
probability and the features that weighed most, and whether it was kept or why it was dropped.
A sentence with no event says which step came up empty: no pattern matched, or no actor stood
around the pattern, or every candidate scored below its threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peristiwa.coding.coder import Coder, default_coder
from peristiwa.coding.context import Resolved
from peristiwa.coding.rules import RuleTrial
from peristiwa.coding.selection import Decision, default_selector
from peristiwa.model import Article


@dataclass(slots=True)
class SentenceExplanation:
    """What the coder saw and decided in one sentence."""

    index: int
    text: str
    actors: list[tuple[str, str]] = field(default_factory=list)  # (mention, code)
    triggers: list[tuple[str, str, str]] = field(default_factory=list)  # (text, code, pattern id)
    decisions: list[Decision] = field(default_factory=list)
    features: dict[int, list[tuple[str, float]]] = field(default_factory=dict)  # by decision index
    rules: list[RuleTrial] = field(default_factory=list)  # fallbacks and vetoes tried, in order

    def rules_by_trigger(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The rules tried per trigger, in order: (trigger, [(rule, fired / vetoed / no)])."""
        out: dict[tuple[int, str], list[tuple[str, str]]] = {}
        for t in self.rules:
            out.setdefault((t.trigger_start, t.trigger), []).append((t.rule, t.outcome))
        return [(trigger, tried) for (_start, trigger), tried in sorted(out.items())]

    @property
    def verdict(self) -> str:
        """One line: what came of this sentence."""
        kept = sum(d.kept for d in self.decisions)
        if kept:
            return f"{kept} event(s) coded"
        if not self.triggers:
            return "no event: no event pattern matches this sentence"
        if not self.decisions:
            return (
                "no event: a pattern matched but no actor stands around it (or the sentence is a "
                "question, a subheading, a link to another article or sport)"
            )
        return "no event: every candidate was dropped by the selector (reasons below)"


def _actor_label(actor: Resolved) -> str:
    """The code, and how an actor no dictionary names got it ("COLGOV; open:PER, open:named-before")."""
    how = [e for e in actor.entries if e.startswith(("open:", "ref:"))]
    return actor.code + ("; " + ", ".join(how) if how else "")


def explain(
    text: str, published: date | None = None, coder: Coder | None = None
) -> list[SentenceExplanation]:
    """Explain how ``text`` is coded, sentence by sentence."""
    coder = coder or default_coder()
    selector = coder.selector or default_selector()
    article = Article(id="explain", text=text, published=published)
    saved, coder.trace = coder.trace, []
    saved_actors, coder.actor_trace = coder.actor_trace, []
    try:
        candidates = coder.candidates(article)
        trials = list(coder.trace)
        resolved = list(coder.actor_trace)
    finally:
        coder.trace, coder.actor_trace = saved, saved_actors
    decisions = selector.decide(candidates) if selector else []
    doc = coder.nlp(text)
    sents = [s for s in doc.sents if text[s.start_char : s.end_char].strip()]
    out = []
    for i, sent in enumerate(sents):
        ex = SentenceExplanation(i, sent.text.strip())
        ex.actors = [
            (r.name, _actor_label(r))
            for start, actors in resolved
            if sent.start_char <= start < sent.end_char
            for r in actors
        ]
        ex.triggers = [(t.text, t.code, t.pattern_id) for t in coder.patterns.match(sent)]
        ex.decisions = [d for d in decisions if d.candidate.event.sentence_index == i]
        ex.rules = [t for t in trials if sent.start_char <= t.sentence_start < sent.end_char]
        ex.decisions.sort(key=lambda d: (not d.kept, -d.p))
        if selector:
            ex.features = {
                n: selector.contributions(d.candidate.features)[:5] for n, d in enumerate(ex.decisions)
            }
        out.append(ex)
    return out
