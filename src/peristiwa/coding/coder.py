"""The event coder: an Article and its spaCy Doc in, typed Events and Facts out.

This module is the orchestrator: it batches the NLP pipeline, isolates each article's failures,
and walks the sentences, handing each stage to the module that does that job (imports flow one
way, top to bottom):

* ``candidates.py`` (:class:`CandidateMaker`): the rules' reading of each trigger and, for the
  learned selector, every other actor pair and the sources the discourse supplies;
* ``arguments.py`` (:class:`ArgumentReader`): the argument rules in order, mixing in
  ``vetoes.py`` (vetoes per CAMEO prefix from ``frames.py``), ``fallbacks.py`` (implicit
  targets, joint acts, authorities) and ``slots.py`` (subject, object, possessor, agent,
  prepositions);
* ``mentions.py`` (:class:`MentionReader`): actor mentions with references resolved;
* ``context.py``: the actor, the article's memory, the facts one sentence's events share;
* ``words.py``, ``frames.py``, ``clauses.py``, ``codes.py``: word lists, per-prefix frames, the
  clause-boundary words shared with modality, the one reader of CAMEO actor codes.

The learned selector (``selection.py``) then keeps the candidates worth coding.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from peristiwa.coding import facts as facts_mod
from peristiwa.coding.actors import ActorDictionary, default_actors
from peristiwa.coding.arguments import ArgumentReader
from peristiwa.coding.candidates import (
    CandidateMaker,
    discourse_sources,
    drop_governed,
    inside_name,
    is_heading,
    is_related_link,
)
from peristiwa.coding.context import Memory, Resolved, SentenceContext, doc_words, trim_span
from peristiwa.coding.language import detect
from peristiwa.coding.mentions import MentionReader, close_sentence
from peristiwa.coding.patterns import PatternDictionary, TriggerMatch, default_patterns
from peristiwa.coding.places import (
    doc_text,
)
from peristiwa.coding.rules import RuleTrial
from peristiwa.coding.selection import Candidate, Selector, SentenceParser, default_selector
from peristiwa.coding.words import MAX_WINDOW, OBLIGATION_WORDS, QUESTION_WORDS, SPORTS_CUES
from peristiwa.ingest.validate import PUBLISHED_MAX, PUBLISHED_MIN, clean_text
from peristiwa.model import (
    ActorRef,
    Article,
    CodedArticle,
    Entity,
    Event,
    Sentence,
)


class Coder(CandidateMaker, ArgumentReader, MentionReader):
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
        # every registered rule tried, when a caller asks (peristiwa explain, tests/test_rules.py)
        self.trace: list[RuleTrial] | None = None
        # each sentence's actors as the coder resolved them (sentence start, actors), for explain
        self.actor_trace: list[tuple[int, list[Resolved]]] | None = None

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
            start, end = trim_span(doc_text(doc), sent.start_char, sent.end_char)
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
                quoted = speaker or self._speaker(
                    part, coded.sentences[i], nxt, prev, article.published, memory, OBLIGATION_WORDS
                )
                candidates.extend(
                    self._code_sentence(
                        part, i, coded.sentences[i], article, memory, prev_text, next_text, speaker, quoted
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
        quoted: Resolved | None = None,
    ) -> list[Candidate]:
        """Every candidate event of one sentence: those the argument rules chose (``rule``), and,
        when the coder proposes open candidates, every other actor pair around each trigger for
        the learned selector to judge (coding/selection.py). ``speaker`` is whom "kami"/"saya"
        means; ``quoted`` whom the sentence quotes, when it holds a first person or an obligation
        word (whose demand "Pemerintah harus ...," kata X is)."""
        _all_words, all_lower = doc_words(sent.doc)
        lower = all_lower[sent.start : sent.end]
        mentions = self._mentions(sent, article.published, memory, speaker)
        if self.actor_trace is not None:
            self.actor_trace.append((sent.start_char, [r for _s, _e, r in mentions]))
        question = bool(lower) and lower[0] in QUESTION_WORDS and sentence.text.rstrip("\"”’' ").endswith("?")
        triggers = drop_governed(self._match(sent), mentions, sent) if lower else []
        triggers = [t for t in triggers if not inside_name(sent, t)]
        heading = bool(triggers) and all(t.nominal for t in triggers) and is_heading(sent)
        link = bool(triggers) and is_related_link(sent)
        if question or heading or link or any(w in SPORTS_CUES for w in lower):
            # sport is not politics; "Mengapa Houthi melancarkan serangan lagi?" asks, it reports
            # nothing; "Baca juga: ..." is another article's headline; a subheading of event nouns
            # ("Perang Thailand-Kamboja") labels what the paragraphs under it report (a headline
            # with a verb, "DPR Minta Prabowo ...", reports)
            close_sentence(sent, mentions, memory)
            return []
        ctx = SentenceContext(sent, index, sentence, article, memory, prev_text, next_text, quoted)
        generic = self._generic_mentions(sent, article.published, mentions, memory) if triggers else []
        pool = sorted([*mentions, *generic], key=lambda m: m[0])
        by_trigger = [(trig, self._rule_candidates(ctx, trig, pool)) for trig in triggers]
        out: list[Candidate] = [c for _t, cands in by_trigger for c in cands]
        if self.open_candidates and triggers:
            sources = discourse_sources(memory, speaker, pool)
            for trig, rule in by_trigger:
                out.extend(self._open_candidates(ctx, trig, pool, sources, rule))
        close_sentence(sent, mentions, memory)
        dated = [
            c.event.time
            for c in out
            if c.rule and c.event.time.value and "date:previous-sentence" not in c.event.rules
        ]
        if dated:
            memory.last_time, memory.last_time_end = dated[0], sentence.end
        return out


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
