"""Event patterns: load the Indonesian CAMEO pattern dictionary, validate it, match triggers on a Doc.

Why a small pattern language over roots rather than a list of inflected verbs: Indonesian builds
one event word into many surface forms (``kunjung`` -> ``mengunjungi``, ``dikunjungi``,
``berkunjung``, ``kunjungan``, ``kunjungannya``), and the form decides who is who: the active
subject is the source, the ``di-`` passive subject is the target, the nominal's possessor is the
source. A pattern therefore names a root plus the *class* of form it accepts, and the matcher
reports the voice and the argument slots so the coder can pick the actors. The morphology comes
from :func:`peristiwa.nlp.lemmatizer.analyse`, so patterns and the pipeline never disagree about
what the root of a word is.

The file format and the mini-language are documented in ``docs/dictionaries.md``; in short,
one row per pattern (``id``, ``code``, ``pattern``, ``note``) where ``pattern`` is a sequence of
elements matched left to right on consecutive tokens::

    kunjung:B T:ke                       berkunjung ke X            (ber- form, target after "ke")
    kunjung:A+i T:obj                    mengunjungi X / dikunjungi (voice reported)
    kunjung:N S:poss T:ke                kunjungan Putin ke Cina    (nominal)
    laku:A kunjung:N T:ke                melakukan kunjungan ke X   (head = first element)
    tolak:V "berkomentar" T:none         menolak berkomentar        (beats plain ``tolak``)
    kena:P sanksi:N S:oleh               dikenai sanksi oleh X      (passive: oleh = source)
    tetap:V ...5 "sebagai" tersangka T:obj   menetapkan X sebagai tersangka (gap of <= 5 tokens)

Rows whose code is ``-`` are *stop patterns*: they take part in overlap resolution and are then
dropped, so that ``menduduki jabatan`` (to hold an office) silences ``menduduki`` (to occupy).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from peristiwa.coding.lexicon import DictionaryFormatError, Problem, Row, read_tsv
from peristiwa.coding.places import doc_text, token_offsets
from peristiwa.config import DICTIONARY_DIR, data_dir
from peristiwa.nlp.lemmatizer import analyse

DEFAULT_PATH = DICTIONARY_DIR / "events.tsv"
CAMEO_TABLE = DICTIONARY_DIR / "cameo_codes.tsv"

#: Code of a stop pattern: it wins overlaps like any pattern but produces no match.
STOP_CODE = "-"
#: Gap width when ``...`` carries no number, and the widest gap a pattern may ask for.
DEFAULT_GAP = 3
MAX_GAP = 8
#: Morphological classes a root element may ask for (``root:X``).
TAGS: frozenset[str] = frozenset({"V", "A", "P", "B", "N"})
#: Suffix constraints (``root+kan``); ``0`` means no derivational suffix.
SUFFIX_TAGS: frozenset[str] = frozenset({"kan", "i", "an", "0"})
#: Slot names with a grammatical meaning; any other slot name is a preposition (see PREPOSITIONS).
SLOT_ROLES: frozenset[str] = frozenset({"obj", "subj", "poss", "agent", "gap", "none"})
#: Prepositions a slot may name: the argument is the noun phrase this word introduces.
PREPOSITIONS: frozenset[str] = frozenset(
    {"ke", "kepada", "pada", "terhadap", "dengan", "antara", "atas", "untuk", "bagi", "dari", "di",
     "melawan", "oleh", "menuju", "bersama", "soal", "tentang", "mengenai", "sebagai"}
)
#: Tokens a gap never skips: the end of a clause, where a pattern must not reach across.
_GAP_BARRIERS: frozenset[str] = frozenset({".", "!", "?", ";", "\n"})
_CODE_SYNTAX = re.compile(r"^\d{2,4}$")
_ROOT_SYNTAX = re.compile(r"^[a-z][a-z\-]*$")
_WORD_SYNTAX = re.compile(r"^[a-z0-9][a-z0-9\-]*$")
_GAP_SYNTAX = re.compile(r"^\.\.\.(\d*)$")
_ELEMENT_SYNTAX = re.compile(
    r"^(?P<head>@)?(?:\"(?P<words>[^\"]*)\"|(?P<roots>[^:+\"@]+))(?::(?P<tag>[A-Z]))?(?:\+(?P<suffix>[a-z0-9]+))?$"
)


class PatternSyntaxError(ValueError):
    """A pattern cell cannot be parsed; the message says which item and why."""


# --------------------------------------------------------------------------------------------
# Morphology: which classes of form a token belongs to


@dataclass(frozen=True, slots=True)
class TokenForm:
    """What the matcher needs to know about one token, computed once per token per call."""

    lower: str
    stem: str  # lower-cased, clitic removed
    root: str  # lower-cased root from the lemmatizer
    suffix: str
    classes: frozenset[str]  # subset of TAGS this form satisfies; "*" = matches an untagged root
    passive: bool
    nominal: bool  # has nominal morphology (-an, peN-an, per-an, ke-an), bare forms excluded


_BARE = frozenset({"A", "V", "N", "*"})
_ACTIVE = frozenset({"A", "V", "*"})
_PASSIVE = frozenset({"P", "V", "*"})
_BER = frozenset({"B", "V", "*"})
_NOMINAL = frozenset({"N", "*"})
_OTHER = frozenset({"*"})
_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=200_000)
def _form_classes(first: str, suffix: str) -> frozenset[str]:
    """The form classes of a word by its first prefix and its suffix."""
    if first == "meN":
        return _ACTIVE
    if first in ("di", "ter"):
        return _PASSIVE
    if first == "ber":
        return _BER
    if first in ("peN", "per", "ke"):
        if suffix == "an":
            return _NOMINAL
        if first == "per" and suffix in ("kan", "i"):
            return _ACTIVE  # perkuat, perketat: imperative / headline verbs
        return _NONE if first == "peN" else _OTHER
    if first:
        return _OTHER  # se-
    if suffix == "an":
        return _NOMINAL
    if suffix in ("kan", "i"):
        return _ACTIVE  # serahkan, kunjungi: bare verbs of headlines and imperatives
    return _BARE


def token_form(text: str) -> TokenForm:
    """Classify a word's form. Why classes: a pattern says ``kunjung:B`` (berkunjung ke X) or
    ``kunjung:A`` (mengunjungi X) because the form decides where the target is.

    Agent nouns (``peN-`` without ``-an``: ``penyerang``, ``pengunjung``) belong to no class and
    never match a root element: a person who attacks is not an attack.
    """
    a = analyse(text)
    lower = text.lower()
    prefix, suffix = a.prefix, a.suffix
    first = prefix.split("+", 1)[0] if prefix else ""
    classes = _form_classes(first, suffix)
    nominal = classes is _NOMINAL
    return TokenForm(
        lower=lower,
        stem=a.stem if a.form else lower,
        root=a.root.lower(),
        suffix=suffix,
        classes=classes,
        passive=classes is _PASSIVE,
        nominal=nominal,
    )


# --------------------------------------------------------------------------------------------
# Patterns


@dataclass(frozen=True, slots=True)
class Element:
    """One position of a pattern: a word (exact) or a root (any allowed form of it)."""

    roots: tuple[str, ...] = ()  # root alternatives (``serang|gempur``)
    words: tuple[str, ...] = ()  # exact lower-case words (``"ke|kepada"``)
    tag: str = ""  # V A P B N, or "" for any form
    suffix: str = ""  # kan i an 0, or "" for any
    gap_before: int = 0  # how many tokens may be skipped before this element
    head: bool = False

    def matches(self, form: TokenForm) -> bool:
        """Whether a token fits: the word or root first, then the form class and the suffix,
        which are what separate *menyerah* from *menyerahkan* or *kunjungan* from *berkunjung*."""
        if self.words:
            if form.lower not in self.words and form.stem not in self.words:
                return False
        elif form.root not in self.roots:
            return False
        if self.tag:
            if self.tag not in form.classes:
                return False
        elif "*" not in form.classes and not self.words:
            return False
        if self.suffix:
            want = "" if self.suffix == "0" else self.suffix
            if form.suffix != want:
                return False
        return True

    @property
    def keys(self) -> tuple[str, ...]:
        """What this element can be looked up by: its roots, or its exact words."""
        return self.roots or self.words

    @property
    def constrained(self) -> int:
        """How narrowly the element matches: an exact word (3) beats a tag plus suffix (2)."""
        return (3 if self.words else 0) + int(bool(self.tag)) + int(bool(self.suffix))

    def __str__(self) -> str:
        core = '"' + "|".join(self.words) + '"' if self.words else "|".join(self.roots)
        if self.tag:
            core += ":" + self.tag
        if self.suffix:
            core += "+" + self.suffix
        gap = f"...{self.gap_before} " if self.gap_before else ""
        return gap + ("@" if self.head else "") + core


@dataclass(frozen=True, slots=True)
class Pattern:
    """One dictionary row, parsed."""

    id: str
    code: str
    elements: tuple[Element, ...]
    target_slots: tuple[str, ...]
    source_slots: tuple[str, ...] = ()
    line: int = 0
    text: str = ""
    note: str = ""
    head: int = 0  # index into elements

    @property
    def stop(self) -> bool:
        """A stop pattern only silences shorter patterns in a non-event reading."""
        return self.code == STOP_CODE

    @property
    def specificity(self) -> tuple[int, int]:
        """More elements, then more constrained elements, is more specific."""
        return len(self.elements), sum(e.constrained for e in self.elements)

    @property
    def anchor_root(self) -> str:
        """The root (or word) of the head element, for readable ids and statistics."""
        return self.elements[self.head].keys[0]


def _split_alternatives(text: str, what: str, syntax: re.Pattern[str]) -> tuple[str, ...]:
    parts = tuple(p.strip() for p in text.split("|"))
    for p in parts:
        if not p or not syntax.match(p):
            raise PatternSyntaxError(f"bad {what} {p!r}")
    return parts


def parse_pattern(text: str) -> tuple[tuple[Element, ...], tuple[str, ...], tuple[str, ...], int]:
    """Parse a pattern cell into (elements, target slots, source slots, head index).

    Raises :class:`PatternSyntaxError` with a message meant for the person editing the file.
    """
    if not text.strip():
        raise PatternSyntaxError("empty pattern")
    if text.count('"') % 2:
        raise PatternSyntaxError("unbalanced quotes")
    elements: list[Element] = []
    targets: list[str] = []
    sources: list[str] = []
    pending_gap = 0
    for item in text.split():
        gap = _GAP_SYNTAX.match(item)
        if gap:
            pending_gap = _gap_width(item, gap, elements, pending_gap)
        elif item[:2] in ("T:", "S:"):
            (targets if item[0] == "T" else sources).extend(_slot_names(item))
        else:
            elements.append(_element(item, pending_gap))
            pending_gap = 0
    _check_parsed(elements, targets, pending_gap)
    heads = [i for i, e in enumerate(elements) if e.head]
    return tuple(elements), tuple(t for t in targets if t != "none"), tuple(sources), (heads or [0])[0]


def _gap_width(item: str, gap: re.Match[str], elements: list[Element], pending_gap: int) -> int:
    """The width of a gap element, checked against where it stands."""
    if not elements:
        raise PatternSyntaxError("a pattern cannot start with a gap")
    if pending_gap:
        raise PatternSyntaxError("two gaps in a row")
    width = int(gap.group(1)) if gap.group(1) else DEFAULT_GAP
    if not 1 <= width <= MAX_GAP:
        raise PatternSyntaxError(f"gap {item!r}: width must be 1..{MAX_GAP}")
    return width


def _slot_names(item: str) -> tuple[str, ...]:
    """The slots of a ``T:``/``S:`` item, each a slot role or a preposition."""
    names = tuple(n for n in item[2:].split("|"))
    for n in names:
        if n not in SLOT_ROLES and n not in PREPOSITIONS:
            raise PatternSyntaxError(f"unknown slot {n!r} in {item!r}")
    if item[0] == "S" and "none" in names:
        raise PatternSyntaxError("S:none is not a slot (an event always has a source)")
    return names


def _element(item: str, pending_gap: int) -> Element:
    """One word or root element of a pattern, with its tag, suffix and the gap before it."""
    if item[:1].isupper() and item[1:2] == ":":
        raise PatternSyntaxError(f"unknown slot marker {item!r} (use T: or S:)")
    m = _ELEMENT_SYNTAX.match(item)
    if not m:
        raise PatternSyntaxError(f"cannot read element {item!r}")
    tag = m.group("tag") or ""
    if tag and tag not in TAGS:
        raise PatternSyntaxError(f"unknown tag :{tag} in {item!r} (use {'/'.join(sorted(TAGS))})")
    suffix = m.group("suffix") or ""
    if suffix and suffix not in SUFFIX_TAGS:
        raise PatternSyntaxError(f"unknown suffix +{suffix} in {item!r} (use kan/i/an/0)")
    head = bool(m.group("head"))
    if m.group("words") is not None:
        words = _split_alternatives(m.group("words"), "word", _WORD_SYNTAX)
        return Element(words=words, tag=tag, suffix=suffix, gap_before=pending_gap, head=head)
    roots = _split_alternatives(m.group("roots"), "root", _ROOT_SYNTAX)
    return Element(roots=roots, tag=tag, suffix=suffix, gap_before=pending_gap, head=head)


def _check_parsed(elements: list[Element], targets: list[str], pending_gap: int) -> None:
    """What a whole pattern must have: an element, no trailing gap, a target slot, one head."""
    if not elements:
        raise PatternSyntaxError("no element to match (only slots or gaps)")
    if pending_gap:
        raise PatternSyntaxError("a pattern cannot end with a gap")
    if not targets:
        raise PatternSyntaxError("no target slot: write T:obj, T:<preposition> or T:none")
    if "none" in targets and len(targets) > 1:
        raise PatternSyntaxError("T:none cannot be combined with other target slots")
    if sum(e.head for e in elements) > 1:
        raise PatternSyntaxError("more than one @head element")


# --------------------------------------------------------------------------------------------
# Matches


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """One event trigger found in a Doc, with what the coder needs to find the actors.

    ``target_preps`` / ``source_preps`` list where to look, in order of preference: ``obj`` (the
    noun phrase after the trigger), ``subj`` (the clause subject), ``poss`` (the noun phrase right
    after a nominal trigger: *kunjungan Putin*), ``agent`` (the bare noun phrase right after a
    passive verb: *ditahan Polda Metro Jaya*), ``gap`` (an actor inside the pattern's gap:
    *menyerukan Israel untuk menghentikan serangan*), or a preposition (``ke``, ``dengan``, ``oleh``...):
    the noun phrase it introduces. The voice is already applied: a passive match reports the
    subject as target and ``oleh``/``agent`` as source unless the pattern says otherwise.
    """

    pattern_id: str
    code: str
    tokens: tuple[int, ...]
    head: int
    nominal: bool
    passive: bool
    target_preps: tuple[str, ...]
    source_preps: tuple[str, ...]
    start_char: int
    end_char: int
    text: str


def _slots_for(pattern: Pattern, nominal: bool, passive: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Apply voice and defaults to a pattern's slots (see :class:`TriggerMatch`)."""
    targets = pattern.target_slots
    sources = pattern.source_slots
    if passive:
        targets = tuple(dict.fromkeys("subj" if t == "obj" else t for t in targets))
        if not sources:
            sources = ("oleh", "agent")
    elif not sources:
        sources = tuple(s for s in ("poss", "oleh", "subj") if s not in targets) if nominal else ("subj",)
    return targets, sources


def _doc_forms(doc: Any) -> tuple[list[TokenForm], list[bool], list[bool]]:
    """Per token of a Doc: its form, whether it bars a gap, whether it starts a sentence.
    Computed once per Doc (the coder matches sentence by sentence; building Token objects for
    every sentence again was a tenth of the coder's time)."""
    cached = doc.user_data.get("peristiwa.forms") if hasattr(doc, "user_data") else None
    if cached is None:
        texts = token_offsets(doc)[1] if hasattr(doc, "user_data") else [t.text for t in doc]
        sents = doc.has_annotation("SENT_START")
        cached = (
            [token_form(x) for x in texts],
            [x in _GAP_BARRIERS for x in texts],
            _sent_starts(doc) if sents else [False] * len(texts),
        )
        if hasattr(doc, "user_data"):
            doc.user_data["peristiwa.forms"] = cached
    return cached


def _extend(
    elements: tuple[Element, ...],
    forms: list[TokenForm],
    stop: list[bool],
    starts: list[bool],
    k: int,
    pos: int,
    positions: list[int],
) -> bool:
    """Match ``elements[k:]`` after token ``pos``, appending their positions: depth first, the
    nearest token first (see :meth:`PatternDictionary._match_at`). A module function, not a
    closure: a recursive closure is a reference cycle, and one per anchored try left the cyclic
    garbage collector a million cells and functions per hundred articles to find."""
    if k == len(elements):
        return True
    el, end = elements[k], len(forms)
    for skip in range(el.gap_before + 1):
        j = pos + 1 + skip
        if j >= end or starts[j] or (skip and stop[j - 1]):
            return False
        if el.matches(forms[j]):
            positions.append(j)
            if _extend(elements, forms, stop, starts, k + 1, j, positions):
                return True
            positions.pop()
    return False


def _sent_starts(doc: Any) -> list[bool]:
    """Whether each token starts a sentence, read in one array (not one Token object apiece)."""
    if hasattr(doc, "to_array"):
        return [v == 1 for v in doc.to_array("SENT_START").tolist()]  # 1 starts, -1 (or 0) not
    return [bool(t.is_sent_start) for t in doc]


def _tokens_of(doc_or_span: Any) -> tuple[Any, int, int]:
    """(doc, first token index, end token index) for a Doc or a Span."""
    doc = getattr(doc_or_span, "doc", doc_or_span)
    if doc is doc_or_span:
        return doc, 0, len(doc)
    return doc, doc_or_span.start, doc_or_span.end


# --------------------------------------------------------------------------------------------
# The dictionary


@dataclass
class PatternDictionary:
    """All patterns of one file, indexed by the lookup keys of their first element."""

    patterns: list[Pattern]
    path: str = ""
    _by_root: dict[str, list[Pattern]] = field(default_factory=dict, repr=False)
    _by_word: dict[str, list[Pattern]] = field(default_factory=dict, repr=False)
    _order: dict[str, int] = field(default_factory=dict, repr=False)
    # the patterns to try at a token, by its (root, lower, stem): built once per distinct form
    _tried: dict[tuple[str, str, str], tuple[Pattern, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for n, p in enumerate(self.patterns):
            self._order[p.id] = n
            first = p.elements[0]
            index = self._by_word if first.words else self._by_root
            for key in first.keys:
                index.setdefault(key, []).append(p)

    def __len__(self) -> int:
        return len(self.patterns)

    def __iter__(self) -> Iterator[Pattern]:
        return iter(self.patterns)

    @classmethod
    def load(cls, path: Path | str = DEFAULT_PATH) -> PatternDictionary:
        """Read a pattern file. Raises :class:`DictionaryFormatError` on the first bad row,
        naming the line; :func:`validate` reports every problem instead."""
        patterns: list[Pattern] = []
        for row in read_tsv(Path(path), required=("id", "code", "pattern")):
            try:
                elements, targets, sources, head = parse_pattern(row["pattern"])
            except PatternSyntaxError as exc:
                raise DictionaryFormatError(f"{row.path}:{row.line}: {exc}") from exc
            patterns.append(
                Pattern(row["id"], row["code"], elements, targets, sources, row.line,
                        row["pattern"], row["note"], head)
            )
        return cls(patterns, str(path))

    def get(self, pattern_id: str) -> Pattern | None:
        """The pattern with this id (as listed in an event's ``rules``), or None."""
        n = self._order.get(pattern_id)
        return None if n is None else self.patterns[n]

    # -- matching -----------------------------------------------------------------------------

    def _match_at(self, p: Pattern, forms: list[TokenForm], stop: list[bool], starts: list[bool],
                  i: int) -> tuple[int, ...] | None:
        """Token positions (relative to ``forms``) of ``p`` anchored at ``i``, or None.

        Elements are tried left to right; a gap tries the nearest token first, so the match that
        skips the fewest tokens is found first (deterministic, and the tightest reading). No
        element is matched across a sentence start, and a gap never skips a clause end.
        """
        if not p.elements[0].matches(forms[i]):
            return None
        if len(p.elements) == 1:
            return (i,)
        positions = [i]
        return tuple(positions) if _extend(p.elements, forms, stop, starts, 1, i, positions) else None

    def _patterns_for(self, f: TokenForm) -> tuple[Pattern, ...]:
        """The patterns whose first element may match a token of this form, each once, in the
        order they are tried (by root, then by word, then by the word without its clitic)."""
        key = (f.root, f.lower, f.stem)
        found = self._tried.get(key)
        if found is None:
            tried = [*self._by_root.get(f.root, ()), *self._by_word.get(f.lower, ())]
            if f.stem != f.lower:
                tried.extend(self._by_word.get(f.stem, ()))
            unique: dict[str, Pattern] = {}
            for p in tried:
                unique.setdefault(p.id, p)
            found = self._tried[key] = tuple(unique.values())
        return found

    def match(self, doc_or_span: Any) -> list[TriggerMatch]:
        """Every trigger in a Doc or Span; where matches share tokens the most specific wins.

        Ranking: more elements first; among equally long patterns the leftmost match (so a light
        verb beats the nominal it governs: ``melakukan kunjungan`` over ``kunjungan ke``), then
        more constrained elements (exact words, tags, suffixes), then fewer skipped tokens, then
        file order. So ``menolak berkomentar`` beats ``menolak``. A candidate sharing any token
        with a better one is dropped. Stop patterns (code ``-``) win like any other and are then
        dropped themselves. Results are sorted by head token.
        """
        doc, first, last = _tokens_of(doc_or_span)
        all_forms, all_stop, all_starts = _doc_forms(doc)
        forms, stop = all_forms[first:last], all_stop[first:last]
        starts = [False, *all_starts[first + 1 : last]]
        candidates: list[tuple[tuple[int, int, int, int, int], Pattern, tuple[int, ...]]] = []
        for i, f in enumerate(forms):
            for p in self._patterns_for(f):
                pos = self._match_at(p, forms, stop, starts, i)
                if pos is None:
                    continue
                gaps = pos[-1] - pos[0] + 1 - len(pos)
                n_el, constrained = p.specificity
                candidates.append(((-n_el, pos[0], -constrained, gaps, self._order[p.id]), p, pos))
        candidates.sort(key=lambda c: (c[0], c[2]))
        claimed: set[int] = set()
        chosen: list[tuple[Pattern, tuple[int, ...]]] = []
        for _, p, pos in candidates:
            if claimed.intersection(pos):
                continue
            claimed.update(pos)
            if not p.stop:
                chosen.append((p, pos))
        out: list[TriggerMatch] = []
        for p, pos in chosen:
            head_pos = pos[p.head]
            el = p.elements[p.head]
            form = forms[head_pos]
            nominal = el.tag == "N" or (el.tag == "" and form.nominal)
            passive = not nominal and form.passive
            targets, sources = _slots_for(p, nominal, passive)
            t_first, t_last = doc[first + pos[0]], doc[first + pos[-1]]
            start, end = t_first.idx, t_last.idx + len(t_last.text)
            out.append(
                TriggerMatch(
                    pattern_id=p.id,
                    code=p.code,
                    tokens=tuple(first + q for q in pos),
                    head=first + head_pos,
                    nominal=nominal,
                    passive=passive,
                    target_preps=targets,
                    source_preps=sources,
                    start_char=start,
                    end_char=end,
                    text=doc_text(doc)[start:end],
                )
            )
        out.sort(key=lambda m: (m.head, m.tokens[0], self._order[m.pattern_id]))
        return out

    # -- statistics ---------------------------------------------------------------------------

    def codes(self) -> set[str]:
        """Distinct event codes (stop patterns excluded)."""
        return {p.code for p in self.patterns if not p.stop}

    def counts_by_root(self) -> dict[str, int]:
        """Number of (non-stop) patterns per two-digit CAMEO root, for docs and tests."""
        counts: dict[str, int] = {}
        for p in self.patterns:
            if not p.stop:
                counts[p.code[:2]] = counts.get(p.code[:2], 0) + 1
        return dict(sorted(counts.items()))


@cache
def default_patterns() -> PatternDictionary:
    """The shipped dictionary, loaded once per process."""
    return PatternDictionary.load(DEFAULT_PATH)


def match(doc_or_span: Any) -> list[TriggerMatch]:
    """Match the shipped dictionary (shortcut for ``default_patterns().match``)."""
    return default_patterns().match(doc_or_span)


# --------------------------------------------------------------------------------------------
# CAMEO code table


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What the coder needs to know about an event code (GDELT quad convention, see below)."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str


def quad_class_of(code: str) -> int:
    """GDELT's quad class by root: 01-05 verbal cooperation (1), 06-08 material cooperation (2),
    09-13 verbal conflict (3), 14-20 material conflict (4)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def build_cameo_table(source_dir: Path | str | None = None, out: Path | str = CAMEO_TABLE) -> int:
    """Write the committed code table from ``<data>/cameo/event_codes.tsv``; return the row count.

    Why a committed copy: the coder needs names and Goldstein values at run time, but the shared
    data folder exists only on development machines and CI. The table holds codebook facts only
    (code, a short label, Goldstein value, quad class).
    """
    base = Path(source_dir) if source_dir is not None else data_dir()
    src = base / "cameo" / "event_codes.tsv" if (base / "cameo").is_dir() else base / "event_codes.tsv"
    rows = []
    for row in read_tsv(src, required=("code", "name", "goldstein")):
        code = row["code"]
        rows.append((code, row["name"], row["goldstein"], str(quad_class_of(code))))
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# CAMEO event codes: generated by peristiwa.coding.patterns.build_cameo_table from\n")
        fh.write("# ../shared/data/cameo/event_codes.tsv (CAMEO 1.1b3 names, GDELT Goldstein values;\n")
        fh.write("# see that folder's SOURCE.md). quad_class (GDELT): 01-05=1 06-08=2 09-13=3 14-20=4.\n")
        fh.write("code\tname\tgoldstein\tquad_class\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    return len(rows)


@cache
def _code_table(path: str = str(CAMEO_TABLE)) -> dict[str, CodeInfo]:
    table: dict[str, CodeInfo] = {}
    p = Path(path)
    if not p.exists():
        return table
    for row in read_tsv(p, required=("code", "name", "goldstein", "quad_class")):
        code = row["code"]
        table[code] = CodeInfo(code, row["name"], float(row["goldstein"]), int(row["quad_class"]), code[:2])
    return table


def code_info(code: str) -> CodeInfo:
    """Name, Goldstein value, quad class and root of an event code. Raises KeyError if unknown."""
    return _code_table()[code]


def known_codes() -> frozenset[str]:
    """All event codes of the committed table."""
    return frozenset(_code_table())


# --------------------------------------------------------------------------------------------
# Validation


def _reference_codes() -> tuple[frozenset[str] | None, str]:
    """The valid codes and where they came from: the shared codebook when present, else the
    committed table, else None (syntax check only)."""
    shared = data_dir() / "cameo" / "event_codes.tsv"
    if shared.exists():
        try:
            return frozenset(r["code"] for r in read_tsv(shared, required=("code",))), str(shared)
        except (OSError, DictionaryFormatError):
            pass
    if CAMEO_TABLE.exists():
        return known_codes(), str(CAMEO_TABLE)
    return None, ""


def _root_checker() -> Any:
    """A function telling whether the lemmatizer can produce a root, or None when its lexicon is
    not available (then only the analyse() round trip is checked)."""
    try:
        from peristiwa.nlp.lemmatizer import root_lexicon
    except ImportError:  # pragma: no cover - older lemmatizer
        return None
    lex = root_lexicon()
    return (lambda r: r in lex) if lex else None


def validate(path: Path | str = DEFAULT_PATH) -> list[Problem]:
    """Every problem of a pattern file: errors (bad syntax, duplicate ids or patterns, unknown
    codes) and warnings (a root the lemmatizer would never produce, such as an inflected form
    written where the root belongs). An empty list means the file is clean."""
    path = Path(path)
    where = str(path)
    problems: list[Problem] = []
    codes, codes_from = _reference_codes()
    if codes is None:
        problems.append(Problem(where, 0, "no CAMEO code list found (shared data nor committed "
                                "cameo_codes.tsv): codes were checked for syntax only", "warning"))
    in_lexicon = _root_checker()
    ids: dict[str, int] = {}
    seen: dict[str, tuple[int, str]] = {}
    warned_roots: set[str] = set()
    try:
        rows = list(read_tsv(path, required=("id", "code", "pattern")))
    except (DictionaryFormatError, OSError) as exc:
        return [*problems, Problem(where, 0, str(exc))]
    for row in rows:
        problems.extend(_row_identity(where, row, ids, codes, codes_from))
        try:
            elements = parse_pattern(row["pattern"])[0]
        except PatternSyntaxError as exc:
            problems.append(Problem(where, row.line, f"pattern {row['pattern']!r}: {exc}"))
            continue
        key = " ".join(row["pattern"].split())
        if key in seen:
            first_line, first_code = seen[key]
            same = first_code == row["code"]
            what = "duplicate pattern" if same else f"same pattern with code {first_code}"
            problems.append(Problem(where, row.line, f"{what} (line {first_line}): {key}"))
        else:
            seen[key] = (row.line, row["code"])
        for r in (r for el in elements for r in el.roots if r not in warned_roots):
            problem = _root_problem(where, row.line, r, in_lexicon)
            if problem is not None:
                warned_roots.add(r)
                problems.append(problem)
    return problems


def _row_identity(
    where: str, row: Row, ids: dict[str, int], codes: frozenset[str] | None, codes_from: str
) -> list[Problem]:
    """Problems of a row's id (empty, duplicate) and code (bad syntax, not a CAMEO code)."""
    out = []
    pid, code = row["id"], row["code"]
    if not pid:
        out.append(Problem(where, row.line, "empty id"))
    elif pid in ids:
        out.append(Problem(where, row.line, f"duplicate id {pid!r} (first on line {ids[pid]})"))
    else:
        ids[pid] = row.line
    if code != STOP_CODE:
        if not _CODE_SYNTAX.match(code):
            out.append(Problem(where, row.line, f"bad event code {code!r}"))
        elif codes is not None and code not in codes:
            out.append(Problem(where, row.line, f"unknown CAMEO code {code!r} (not in {codes_from})"))
    return out


def _root_problem(where: str, line: int, r: str, in_lexicon: Callable[[str], bool] | None) -> Problem | None:
    """A warning for a root the lemmatizer never yields, or one outside its root lexicon."""
    got = analyse(r).root.lower()
    if got != r:
        return Problem(where, line, f"root {r!r} is analysed as {got!r}: the "
                       f"lemmatizer never yields {r!r} as a root", "warning")
    if in_lexicon is not None and "-" not in r and not in_lexicon(r):
        return Problem(where, line, f"root {r!r} is not in the lemmatizer's "
                       "root lexicon: only the bare word will match", "warning")
    return None


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that fail ``peristiwa dict check``."""
    return [p for p in problems if p.severity == "error"]
