"""Rule-based sentence boundaries for Indonesian news, decided before the parser runs.

Why rules and not the parser's own boundaries: a parser trained on treebank sentences has never
seen a paragraph break, a dateline or a byline, and it splits lists of country names when it
loses track ("Cina , | India, dan Korea Utara ..."). An event's evidence is its sentence, so a
wrong split cuts an actor off from its verb. These rules mark every token as a sentence start or
not (``True``/``False``, never unset), and the parser keeps them.

A sentence starts at the first token of the text, after a line break, and after a sentence-final
mark (``.``, ``!``, ``?``, ``…``; plus any closing quotes or brackets attached to it) when the
next word looks like a sentence start (a capital, a digit, an opening quote or bracket before
one, or a byline such as ``(tia)``). A full stop that belongs to a title or address abbreviation
(``Dr.``, ``H.``, ``Jl.``, ``No.``, an initial ``S.``) never ends a sentence; one that belongs to
a post-nominal or list abbreviation (``dll.``, ``Tbk.``, ``M.Si.``) ends it only before a
capitalised word. Datelines (``JAKARTA, KOMPAS.com - ...``) hold no sentence-final mark, so they
stay with their first sentence.

:func:`split_sentences` runs the same rules on plain text through a blank pipeline, so code
without the trained model (tests, the language check, quick scripts) splits exactly as the
model does.
"""

from __future__ import annotations

import re
from functools import cache

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from peristiwa.nlp.tokenizer import FINAL_ABBREVIATIONS, TITLE_ABBREVIATIONS

_FINAL = re.compile(r"^(?:[.!?…]+|\.{2,})$")
_OPENERS = frozenset({'"', "“", "'", "‘", "(", "[", "«", "„"})
_CLOSERS_ANY = frozenset({"”", "’", ")", "]", "»"})
_CLOSERS_ATTACHED = frozenset({'"', "'"})
_BYLINE = re.compile(r"^\((?:[a-z]{2,6})(?:/[a-z]{2,6})*\)$")
_TITLES = frozenset(TITLE_ABBREVIATIONS)
_FINALS = frozenset(FINAL_ABBREVIATIONS)
_INITIAL = re.compile(r"^[A-Z]\.$")

# boundary strength after a token
_NONE, _WEAK, _STRONG = 0, 1, 2


def _end_strength(doc: Doc, i: int) -> int:
    """How strongly token ``i`` ends a sentence: not at all, only before a capital, or fully."""
    tok = doc[i]
    text = tok.text
    if _FINAL.match(text):
        if text == "." and i > 0 and not doc[i - 1].whitespace_:
            glued = doc[i - 1].text + "."
            if glued in _TITLES or _INITIAL.match(glued):
                return _NONE  # "Jl" "." split by another tokenizer: still an abbreviation
            if glued in _FINALS:
                return _WEAK
        return _STRONG
    if text.endswith(".") and len(text) > 1:
        if text in _TITLES or _INITIAL.match(text):
            return _NONE
        if text in _FINALS:
            return _WEAK  # dll., Tbk., M.Si., Ph.D.: a sentence end only before a capital
        if "." in text[:-1]:
            return _NONE  # an unlisted dotted abbreviation (M.Trop.) is most often a degree
        return _WEAK
    return _NONE


def _next_word(doc: Doc, i: int) -> Token | None:
    for tok in doc[i + 1 :]:
        if not tok.is_space:
            return tok
    return None


def _byline_at(doc: Doc, i: int) -> bool:
    """``( tia )`` or ``( tia / ant )`` starting at token ``i`` and ending its line or the text."""
    if doc[i].text != "(":
        return False
    for j in range(i + 1, min(i + 8, len(doc))):
        if doc[j].text == ")":
            span = doc[i : j + 1].text.replace(" ", "")
            after = doc[j + 1] if j + 1 < len(doc) else None
            return bool(_BYLINE.match(span)) and (after is None or "\n" in after.text)
    return False


def _looks_like_start(doc: Doc, i: int, strength: int) -> bool:
    tok = doc[i]
    first = tok.text[:1]
    if strength == _WEAK:
        return tok.is_alpha and first.isupper()
    if first.isupper() or first.isdigit():
        return True
    if tok.text in _OPENERS:
        if _byline_at(doc, i):
            return True
        nxt = _next_word(doc, i)
        return nxt is not None and (nxt.text[:1].isupper() or nxt.text[:1].isdigit())
    return tok.text[:1] in ("-", "•", "*") and tok.whitespace_ != ""


def sentence_starts(doc: Doc, newline_breaks: bool = True) -> list[bool]:
    """One flag per token: does a sentence start here? (The single implementation of the rules.)"""
    n = len(doc)
    starts = [False] * n
    if n == 0:
        return starts
    starts[0] = True
    pending = _NONE
    newline = False
    seen_word = False
    for i, tok in enumerate(doc):
        if tok.is_space:
            if "\n" in tok.text:
                newline = True
            continue
        if not seen_word:
            seen_word = True
            starts[i] = True  # leading whitespace tokens: the first word starts the first sentence
        elif newline_breaks and newline:
            starts[i] = True
        elif pending != _NONE:
            attached = not doc[i - 1].whitespace_ and not doc[i - 1].is_space
            if tok.text in _CLOSERS_ANY or (tok.text in _CLOSERS_ATTACHED and attached):
                continue  # closing quote/bracket stays with the sentence it closes; keep pending
            starts[i] = _looks_like_start(doc, i, pending)
        newline = False
        pending = _end_strength(doc, i)
    return starts


class RuleSentencizer:
    """The ``peristiwa_senter`` component: sets ``is_sent_start`` on every token. Has no state."""

    def __init__(self, nlp: Language, name: str = "peristiwa_senter", newline_breaks: bool = True) -> None:
        self.name = name
        self.newline_breaks = newline_breaks

    def __call__(self, doc: Doc) -> Doc:
        flags = sentence_starts(doc, self.newline_breaks)
        if not flags:
            return doc
        # one array write: setting Token.is_sent_start token by token rescans the Doc each time,
        # which made this component quadratic in the article's length
        starts = numpy.array([1 if f else -1 for f in flags], dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], starts)
        return doc

    # nothing to save: the rules live in code; these make nlp.to_disk/from_disk work
    def to_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> None:
        """No state to write."""

    def from_disk(self, path: object, *, exclude: tuple[str, ...] = ()) -> RuleSentencizer:
        """No state to read."""
        return self

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> RuleSentencizer:
        return self


@cache
def _blank_pipeline() -> Language:
    import spacy

    from peristiwa.nlp import components  # noqa: F401  (registers the factories)
    from peristiwa.nlp.tokenizer import make_tokenizer

    nlp = spacy.blank("id")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("peristiwa_senter")
    return nlp


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, without surrounding whitespace.

    Uses the news tokenizer and the same rules as the pipeline component, so offsets agree with
    the model's sentences (up to the trailing whitespace the Doc keeps inside a sentence).
    """
    doc = _blank_pipeline()(text)
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
