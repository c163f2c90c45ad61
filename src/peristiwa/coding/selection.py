"""Learned selection: which of the candidate events a sentence proposes are real.

The argument rules (coder.py) choose one reading per trigger; they were written against a few
dozen articles and miss most events elsewhere. Here every trigger proposes, besides the rules'
choice, every other (source, target) pair of the sentence's actors, and a logistic model scores
each candidate from features anyone can read: which rule chose it (if any), the dependency
relation linking each actor to the trigger, the preposition before it, distances, entity kinds,
whether the actor came from the dictionary, the NER or a reference, the CAMEO root, the sentence's
position. Candidates above the model's threshold are kept; the probability becomes the event's
``confidence``, and ``peristiwa explain`` prints each feature's contribution.

The model is a small JSON file (``models/selector.json``: weights, bias, threshold and the
cross-validated figures it was chosen by), trained on the gold dev + train sets by
``python -m peristiwa.coding.train_selector``; inference is a dot product (no extra dependency).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Span

from peristiwa.coding.places import token_offsets
from peristiwa.model import Event

MODEL_PATH = Path(__file__).parent / "models" / "selector.json"
DEPS = frozenset(
    {
        "nsubj",
        "nsubj:pass",
        "obj",
        "iobj",
        "obl",
        "obl:agent",
        "nmod",
        "conj",
        "appos",
        "compound",
        "flat",
        "flat:name",
        "root",
        "xcomp",
        "ccomp",
        "advcl",
        "acl",
        "amod",
    }
)
PREPS = frozenset(
    {
        "ke",
        "kepada",
        "terhadap",
        "dengan",
        "oleh",
        "atas",
        "untuk",
        "dari",
        "antara",
        "bagi",
        "di",
        "bersama",
        "pada",
        "melawan",
        "tentang",
        "soal",
    }
)


@dataclass(slots=True)
class Candidate:
    """One possible event and the features the selector judges it by."""

    event: Event
    features: dict[str, float] = field(default_factory=dict)
    rule: bool = False


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _span_of(r: object, mentions: Sequence[tuple[int, int, object]]) -> tuple[int, int] | None:
    return next(((s, e) for s, e, m in mentions if m is r), None)


@dataclass(frozen=True, slots=True)
class Parse:
    """The dependency parse of one sentence, by Doc token index: relation and head of each token."""

    start: int
    deps: tuple[str, ...]
    heads: tuple[int, ...]

    def dep(self, i: int) -> str:
        return self.deps[i - self.start]

    def head(self, i: int) -> int:
        return self.heads[i - self.start]


class SentenceParser:
    """Parses one sentence at a time with the pipeline's own tok2vec and parser, on a fresh Doc of
    its words: only sentences that hold a trigger are parsed (the fast pipeline does not parse
    whole articles), and the shipped and fast pipelines read the very same parse."""

    def __init__(self, nlp: object) -> None:
        names = set(getattr(nlp, "component_names", ()))
        self.pipes = [nlp.get_pipe(n) for n in ("tok2vec", "parser") if n in names]  # type: ignore[attr-defined]
        self.ready = any(getattr(p, "name", "") == "parser" for p in self.pipes)

    def parse(self, sent: Span) -> Parse | None:
        """The sentence's parse (parsed now unless :meth:`parse_many` did it already)."""
        if not self.ready:
            return None
        key = (sent.start, sent.end)
        cache = sent.doc.user_data.get("peristiwa.parse")
        if cache is None or key not in cache:
            self.parse_many([sent])
            cache = sent.doc.user_data["peristiwa.parse"]
        return cache[key]

    def parse_many(self, sents: Sequence[Span]) -> None:
        """Parse these sentences in one batch, each on a fresh Doc of its words (the result does
        not depend on which other sentences are in the batch)."""
        if not self.ready or not sents:
            return
        from spacy.tokens import Doc

        cache = sents[0].doc.user_data.setdefault("peristiwa.parse", {})
        todo = [s for s in sents if (s.start, s.end) not in cache]
        texts = token_offsets(sents[0].doc)[1]  # the Doc's token texts, read once per Doc
        spaces = sents[0].doc.to_array("SPACY").tolist()
        docs = [
            Doc(s.doc.vocab, words=texts[s.start : s.end], spaces=[bool(x) for x in spaces[s.start : s.end]])
            for s in todo
        ]
        for pipe in self.pipes:
            docs = list(pipe.pipe(docs))
        for s, doc in zip(todo, docs, strict=True):
            heads = tuple(t.head.i + s.start for t in doc)
            cache[(s.start, s.end)] = Parse(s.start, tuple(t.dep_ for t in doc), heads)


def _root_token(parse: Parse, s: int, e: int) -> int:
    """The token of a mention whose head lies outside it (its syntactic head)."""
    for i in range(s, e):
        h = parse.head(i)
        if h < s or h >= e or h == i:
            return i
    return s


def _actor_features(
    prefix: str,
    sent: Span,
    trig: object,
    r: object | None,
    mentions: Sequence[tuple[int, int, object]],
    parse: Parse | None,
) -> dict[str, float]:
    """Features of one argument: where it is, how the parse links it to the trigger, what it is."""
    if r is None:
        return {f"{prefix}:none": 1.0}
    f: dict[str, float] = {f"{prefix}:kind={getattr(r, 'kind', '') or 'other'}": 1.0}
    entries = getattr(r, "entries", ())
    if any(x.startswith("open:") for x in entries):
        f[f"{prefix}:open"] = 1.0
    if any(x.startswith("ref:") for x in entries):
        f[f"{prefix}:ref"] = 1.0
    span = _span_of(r, mentions)
    if span is None:
        f[f"{prefix}:outside"] = 1.0
        return f
    s, e = span
    tokens = trig.tokens  # type: ignore[attr-defined]
    first, last = min(tokens), max(tokens)
    before = e <= first
    f[f"{prefix}:{'before' if before else 'after'}"] = 1.0
    gap = first - e if before else s - last - 1
    f[f"{prefix}:gap={_bucket(gap)}"] = 1.0
    if parse is not None:
        f.update(_parse_features(prefix, parse, (s, e), tokens))
    f.update(_context_features(prefix, sent, (s, e), (first, last), mentions))
    return f


def _parse_features(
    prefix: str, parse: Parse, span: tuple[int, int], tokens: Sequence[int]
) -> dict[str, float]:
    """How the parse links an argument to the trigger: its relation, and whether its head is the
    trigger (or the trigger's dependent)."""
    f: dict[str, float] = {}
    root = _root_token(parse, *span)
    dep = parse.dep(root) if parse.dep(root) in DEPS else "other"
    f[f"{prefix}:dep={dep}"] = 1.0
    head = parse.head(root)
    if head in tokens:
        f[f"{prefix}:head=trigger"] = 1.0
        f[f"{prefix}:dep={dep}:head=trigger"] = 1.0
    elif parse.head(head) in tokens:
        f[f"{prefix}:grandhead=trigger"] = 1.0
    return f


def _context_features(
    prefix: str,
    sent: Span,
    span: tuple[int, int],
    trigger: tuple[int, int],
    mentions: Sequence[tuple[int, int, object]],
) -> dict[str, float]:
    """What stands around an argument: the preposition before it, commas and quotes between it
    and the trigger, and how many other actors are nearer the trigger than it is."""
    doc = sent.doc
    (s, e), (first, last) = span, trigger
    before = e <= first
    f: dict[str, float] = {}
    prev = doc[s - 1].lower_ if s > sent.start else ""
    f[f"{prefix}:prep={prev if prev in PREPS else 'none'}"] = 1.0
    lo, hi = (e, first) if before else (last + 1, s)
    between = [t.text for t in doc[lo:hi]]
    if "," in between:
        f[f"{prefix}:comma-between"] = 1.0
    if any(w in between for w in ('"', "“", "”")):
        f[f"{prefix}:quote-between"] = 1.0
    if s == min((m[0] for m in mentions), default=s):
        f[f"{prefix}:first-in-sentence"] = 1.0
    # how many other actors stand between it and the trigger: the nearest one is the usual reading
    if before:
        rank = sum(1 for ms, me, _m in mentions if e <= ms and me <= first and (ms, me) != (s, e))
    else:
        rank = sum(1 for ms, me, _m in mentions if last < ms and me <= s and (ms, me) != (s, e))
    f[f"{prefix}:{'left' if before else 'right'}-rank={min(rank, 3)}"] = 1.0
    return f


def features(
    sent: Span,
    trig: object,
    src: object,
    tgt: object | None,
    mentions: Sequence[tuple[int, int, object]],
    rule: bool,
    parse: Parse | None = None,
    cache: dict | None = None,
) -> dict[str, float]:
    """The candidate's features (names are readable: ``src:dep=nsubj``, ``root=04``, ``rule``);
    without a parse, the relation features are left out.

    ``cache`` (one dict per trigger, same ``sent``, ``mentions`` and ``parse``) keeps the
    trigger's own features and each actor's: a trigger with n actors proposes n² pairs, and the
    features of a source do not depend on the target. The dict returned is the same, key for key
    and in the same order, with or without it.
    """
    return _features(sent, trig, src, tgt, mentions, rule, parse, {} if cache is None else cache)


def _cached_actor(
    cache: dict,
    prefix: str,
    sent: Span,
    trig: object,
    r: object | None,
    mentions: Sequence[tuple[int, int, object]],
    parse: Parse | None,
) -> dict[str, float]:
    key = (prefix, id(r))
    if key not in cache:
        cache[key] = (_actor_features(prefix, sent, trig, r, mentions, parse), r)  # r: keeps id(r) unique
    return cache[key][0]


def _trigger_features(
    sent: Span, trig: object, mentions: Sequence[tuple[int, int, object]], rule: bool
) -> dict[str, float]:
    """What a candidate's features say about its trigger alone."""
    code = trig.code  # type: ignore[attr-defined]
    f: dict[str, float] = {"rule" if rule else "open": 1.0, f"root={code[:2]}": 1.0}
    if rule:
        f[f"rule:root={code[:2]}"] = 1.0
    # f[f"pattern={trig.pattern_id}"] = 1.0
    f[f"lemma={sent.doc[trig.head].lemma_.lower()}"] = 1.0  # type: ignore[attr-defined]
    if trig.nominal:  # type: ignore[attr-defined]
        f["trigger:nominal"] = 1.0
    if trig.passive:  # type: ignore[attr-defined]
        f["trigger:passive"] = 1.0
    if len(trig.tokens) > 1:  # type: ignore[attr-defined]
        f["trigger:multiword"] = 1.0
    f[f"actors={_bucket(len(mentions))}"] = 1.0
    return f


def _features(
    sent: Span,
    trig: object,
    src: object,
    tgt: object | None,
    mentions: Sequence[tuple[int, int, object]],
    rule: bool,
    parse: Parse | None,
    cache: dict,
) -> dict[str, float]:
    code = trig.code  # type: ignore[attr-defined]
    base = cache.get(("trigger", rule))
    if base is None:
        base = cache[("trigger", rule)] = _trigger_features(sent, trig, mentions, rule)
    f = dict(base)
    f.update(_cached_actor(cache, "src", sent, trig, src, mentions, parse))
    f.update(_cached_actor(cache, "tgt", sent, trig, tgt, mentions, parse))
    if tgt is not None and getattr(src, "code", "")[:3] == getattr(tgt, "code", "")[:3]:
        f["same-country"] = 1.0
    # whether a root takes a target at all, and from which side, differs by root (a statement
    # needs none, an attack does): crosses of the root with the target's presence and side
    side = "none" if tgt is None else ("after" if f.get("tgt:after") else "before")
    f[f"root={code[:2]}:tgt={side}"] = 1.0
    f[f"root={code[:2]}:src={'before' if f.get('src:before') else 'after'}"] = 1.0
    return f


@dataclass(frozen=True)
class Selector:
    """A logistic model over candidate features, with the threshold it was validated at."""

    weights: dict[str, float]
    bias: float
    threshold: float  # for candidates the rules proposed
    meta: dict = field(default_factory=dict)
    open_threshold: float | None = None  # for the other candidates (default: ``threshold``)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Selector:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            data["weights"], data["bias"], data["threshold"], data.get("meta", {}), data.get("open_threshold")
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "bias": self.bias,
            "threshold": self.threshold,
            "open_threshold": self.open_threshold,
            "meta": self.meta,
            "weights": dict(sorted(self.weights.items())),
        }
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    def score(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def contributions(self, feats: dict[str, float]) -> list[tuple[str, float]]:
        """Each feature's share of the score, largest first: why a candidate was kept or not."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in feats.items()]
        return sorted(parts, key=lambda kv: -abs(kv[1]))

    def cuts(
        self, threshold: float | None = None, open_threshold: float | None = None
    ) -> tuple[float, float]:
        """The thresholds :meth:`decide` applies: (rule candidates, open candidates)."""
        rule_cut = self.threshold if threshold is None else threshold
        open_cut = open_threshold if open_threshold is not None else self.open_threshold or rule_cut
        return rule_cut, open_cut

    def open_to_build(
        self, rule: Sequence[Candidate], code: str, open_features: Sequence[dict[str, float]]
    ) -> list[int]:
        """Which of a trigger's open candidates (their features, in order) can change what
        :meth:`select` keeps at its own thresholds, given the rules' candidates of the trigger:
        the coder builds the Event record of those only (a trigger proposes dozens of pairs,
        and building each one's record was a tenth of the coder's time).

        :meth:`decide` judges the candidates of one (trigger, code) together: of those that reach
        their own threshold, the best is kept (the first best: the rules' come first), and one
        below its threshold changes nothing. So, of the open candidates, only the first best can
        matter; it does when it reaches the open threshold and beats every rule reading that
        reaches the rule threshold. Same events, same order, same confidences
        (``tests/test_selection.py``).
        """
        if not open_features:
            return []
        ps = [self.score(f) for f in open_features]
        top = max(range(len(ps)), key=ps.__getitem__)  # the first best, as max() in decide
        rule_cut, open_cut = self.cuts()
        if ps[top] < open_cut:
            return []  # below its threshold it can neither be kept nor drop anything
        rule_ps = [self.score(c.features) for c in rule if c.event.event_code == code]
        rule_ps = [p for p in rule_ps if p >= rule_cut]
        if rule_ps and max(rule_ps) >= ps[top]:
            return []  # a reading of the rules is the group's best: no open candidate can be kept
        return [top]

    def decide(
        self,
        candidates: Sequence[Candidate],
        threshold: float | None = None,
        open_threshold: float | None = None,
    ) -> list[Decision]:
        """Every candidate with its probability, whether it is kept, and why (or why not).

        Per trigger, the best-scoring of its readings that reach their threshold (one for what
        the rules proposed, one for the other candidates) is kept, and so are the rules' own
        readings (coordination, joint acts) that reach theirs when the rules also proposed it.
        Then one event per (sentence, source, root, target): the best-scoring.
        """
        rule_cut, open_cut = self.cuts(threshold, open_threshold)
        groups: dict[tuple[int, int, str], list[Decision]] = {}
        for c in candidates:
            key = (c.event.sentence_index, c.event.trigger_start, c.event.event_code)
            groups.setdefault(key, []).append(Decision(c, self.score(c.features)))
        best: dict[tuple, Decision] = {}
        for group in groups.values():
            # the best reading among those that pass their own threshold: an open reading the
            # selector doubts does not silence a rule reading it trusts
            passing = [d for d in group if d.p >= (rule_cut if d.candidate.rule else open_cut)]
            top = max(passing or group, key=lambda d: d.p)
            for d in group:
                cut = rule_cut if d.candidate.rule else open_cut
                if d.p < cut:
                    d.reason = f"p={d.p:.2f} below the threshold {cut:.2f}"
                elif d is not top and not (d.candidate.rule and top.candidate.rule):
                    d.reason = f"another reading of the same trigger scored higher ({top.p:.2f})"
                else:
                    ev = d.candidate.event
                    key = (
                        ev.sentence_index,
                        ev.actor1.code,
                        ev.event_code[:2],
                        ev.actor2.code if ev.actor2 else "",
                    )
                    if key in best and best[key].p >= d.p:
                        d.reason = "the same event was coded from another trigger of the sentence"
                        continue
                    if key in best:
                        best[key].kept, best[key].reason = (
                            False,
                            "the same event scored higher from another trigger",
                        )
                    d.kept, d.reason, best[key] = True, f"p={d.p:.2f} at least {cut:.2f}", d
        return [d for g in groups.values() for d in g]

    def select(
        self,
        candidates: Sequence[Candidate],
        threshold: float | None = None,
        open_threshold: float | None = None,
    ) -> list[Event]:
        """The kept events (see :meth:`decide`), with their probability as ``confidence``."""
        kept = [
            replace(d.candidate.event, confidence=round(d.p, 3), rules=(*d.candidate.event.rules, "selector"))
            for d in self.decide(candidates, threshold, open_threshold)
            if d.kept
        ]
        return sorted(kept, key=lambda e: (e.sentence_start, e.trigger_start))


@dataclass(slots=True)
class Decision:
    """The selector's verdict on one candidate: its probability, kept or not, and why."""

    candidate: Candidate
    p: float
    kept: bool = False
    reason: str = ""


@functools.cache
def default_selector() -> Selector | None:
    """The shipped selector, or None when none is shipped (the rules' choices then stand)."""
    return Selector.load() if MODEL_PATH.is_file() else None
