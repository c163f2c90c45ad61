"""spaCy registrations for the rule-based parts of the pipeline; importing this module registers them.

Registered names (used in the model's ``config.cfg``, so they must never be renamed silently):

* tokenizer ``peristiwa.id_tokenizer.v1`` (registry ``tokenizers``)
* factory ``peristiwa_senter``: rule sentence boundaries, before the parser
  (:mod:`peristiwa.nlp.senter`)
* factory ``peristiwa_lemmatizer``: roots through affixes; sets ``token.lemma_`` and the
  extensions ``token._.prefix``, ``token._.suffix``, ``token._.clitic`` (:mod:`~.lemmatizer`)
* factory ``peristiwa_gpe``: LOC (and country ORG) entities -> GPE from the dictionaries
  (:mod:`~.gazetteer`)

None of the components keeps state in the model folder: the rules are code and the gazetteer is
read from the dictionaries at load time, so editing a dictionary needs no retraining.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from peristiwa.nlp.gazetteer import Gazetteer
from peristiwa.nlp.lemmatizer import analyse, root_lexicon
from peristiwa.nlp.senter import RuleSentencizer
from peristiwa.nlp.tokenizer import create_tokenizer


def _affix_getter(part: str) -> Callable[[Token], str]:
    """``token._.prefix`` / ``suffix`` / ``clitic``: the affixes of the analysis that gave the
    token its lemma, or "" where the lemmatizer kept the word whole (names, numbers, punctuation).

    A getter instead of stored values: writing three extension attributes per token cost more
    than the analysis itself, and the coder reads them for a handful of tokens per article.
    """

    def get(tok: Token) -> str:
        a = analyse(tok.text)
        return getattr(a, part) if tok.lemma_ == a.root and a.root != tok.text else ""

    return get


for _ext in ("prefix", "suffix", "clitic"):
    if not Token.has_extension(_ext):
        Token.set_extension(_ext, getter=_affix_getter(_ext))

#: Entity labels whose tokens are names: their lemma is their text.
_NAME_LABELS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "NORP", "FAC"})


@spacy.registry.misc("peristiwa.known_names_filter.v1")
def make_known_names_filter() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    """The ``ents_filter`` of the ``people`` span ruler (names from the actor dictionary).

    A known person's name written exactly as an entity the NER found takes the label PER (the NER
    called "Vladimir Putin" a place once in a while; the dictionary knows better); a known name
    (person or seat of power) where the NER found nothing becomes an entity; a known name inside
    or across a longer entity leaves that entity alone ("Risma" inside "Risma Anjiningrum" is not
    the minister Risma, "Soekarno" inside "Bandara Soekarno-Hatta" is an airport).
    """

    def known_names(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
        ents = list(entities)
        exact = {(s.start, s.end): s for s in spans}
        # only a person's label is overruled: whether a seat of power ("Istana Bogor") is a
        # place or an institution is a matter of convention, so the NER's call stands
        out = []
        for e in ents:
            known = exact.get((e.start, e.end))
            out.append(known if known is not None and known.label_ == "PER" else e)
        taken = {i for e in ents for i in range(e.start, e.end)}
        found = {(e.start, e.end) for e in ents}  # once, not per span: linear in repeated names
        for span in sorted(exact.values(), key=lambda x: (x.start - x.end, x.start)):
            if (span.start, span.end) in found:
                continue
            if taken.isdisjoint(range(span.start, span.end)):
                out.append(span)
                taken.update(range(span.start, span.end))
        return out

    return known_names


@spacy.registry.tokenizers("peristiwa.id_tokenizer.v1")
def id_tokenizer() -> Callable[[Language], Tokenizer]:
    """``[nlp.tokenizer] @tokenizers = "peristiwa.id_tokenizer.v1"``."""
    return create_tokenizer()


@Language.factory(
    "peristiwa_senter",
    default_config={"newline_breaks": True},
    assigns=["token.is_sent_start"],
)
def make_senter(nlp: Language, name: str, newline_breaks: bool) -> RuleSentencizer:
    """Rule sentence boundaries; ``newline_breaks`` makes every line break end a sentence."""
    return RuleSentencizer(nlp, name, newline_breaks)


class _Stateless:
    """to_disk/from_disk that write and read nothing, so ``spacy.load`` round-trips the component."""

    def to_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> None:
        """No state."""

    def from_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> _Stateless:
        return self

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> _Stateless:
        return self


class AffixLemmatizer(_Stateless):
    """Sets ``lemma_`` to the root and the affix extensions, using :func:`.lemmatizer.analyse`.

    Names keep their text as lemma (tokens inside a named entity, or tagged PROPN anywhere but at
    a sentence start, where a capital says nothing), so ``Kediri`` never becomes ``diri``. A
    capitalised word the analysis leaves whole is lower-cased only at a sentence start and only
    when it is a known root (``Mereka`` -> ``mereka``); elsewhere a capital marks a name or title.
    """

    def __init__(self, name: str = "peristiwa_lemmatizer", keep_names: bool = True) -> None:
        self.name = name
        self.keep_names = keep_names

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if tok.is_space or tok.is_punct or tok.like_num or not any(c.isalpha() for c in tok.text):
                tok.lemma_ = tok.text
                continue
            if self.keep_names and (
                tok.ent_type_ in _NAME_LABELS or (tok.pos_ == "PROPN" and not tok.is_sent_start)
            ):
                tok.lemma_ = tok.text
                continue
            a = analyse(tok.text)
            lemma = a.root
            if lemma == tok.text and tok.is_sent_start and tok.text[:1].isupper():
                low = tok.text.lower()
                if low in root_lexicon():
                    lemma = low  # "Mereka" opening a sentence is the common word
            tok.lemma_ = lemma  # the affix extensions are read back from the same analysis
        return doc


@Language.factory(
    "peristiwa_lemmatizer",
    default_config={"keep_names": True},
    assigns=["token.lemma", "token._.prefix", "token._.suffix", "token._.clitic"],
)
def make_lemmatizer(nlp: Language, name: str, keep_names: bool) -> AffixLemmatizer:
    """Affix-aware lemmatizer; ``keep_names`` leaves entity and PROPN tokens as written."""
    return AffixLemmatizer(name, keep_names)


class GpeRelabeler(_Stateless):
    """Relabels LOC entities (and ORG ones that name a country) as GPE when the gazetteer agrees.

    Cities and provinces are relabelled only where the NER found them: an unlabelled "Jakarta"
    stays unlabelled, since a bare string match would tag "Bali" in "Bali Nine" too. Country names
    are different: written capitalised and four letters or longer ("Korea Utara", "Swiss") they
    are unambiguous, and the NER (trained on 1,464 sentences) misses about half of them in the
    news corpus, so with ``add_countries`` they become GPE entities where no entity covers them.
    The matched entry id is stored as the span's ``kb_id_`` so the actor coder can reuse it.
    """

    def __init__(self, gazetteer: Gazetteer, name: str = "peristiwa_gpe", add_countries: bool = True) -> None:
        self.name = name
        self.gazetteer = gazetteer
        self.add_countries = add_countries

    def __call__(self, doc: Doc) -> Doc:
        if not len(self.gazetteer):
            return doc
        new: list[Span] = []
        changed = False
        for ent in doc.ents:
            if ent.label_ in ("LOC", "ORG"):
                place = self.gazetteer.lookup(ent.text)
                if place is not None and place.is_gpe and (ent.label_ == "LOC" or place.kind == "country"):
                    new.append(Span(doc, ent.start, ent.end, label="GPE", kb_id=place.id))
                    changed = True
                    continue
            new.append(ent)
        if self.add_countries:
            taken = {i for e in new for i in range(e.start, e.end)}
            for start, end, place in self.gazetteer.find_countries([t.text for t in doc]):
                if taken.isdisjoint(range(start, end)):
                    new.append(Span(doc, start, end, label="GPE", kb_id=place.id))
                    changed = True
        if changed:
            doc.ents = sorted(new)
        return doc


@Language.factory(
    "peristiwa_gpe",
    default_config={"countries_path": "", "places_path": "", "add_countries": True},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_gpe(
    nlp: Language, name: str, countries_path: str, places_path: str, add_countries: bool
) -> GpeRelabeler:
    """GPE relabeller; empty paths mean the package dictionaries (read when the pipeline loads)."""
    gaz = Gazetteer.from_files(
        Path(countries_path) if countries_path else None, Path(places_path) if places_path else None
    )
    return GpeRelabeler(gaz, name, add_countries)
