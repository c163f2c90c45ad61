"""Place names in Indonesian news: where an event happens (``di Gaza``) or where it goes (``ke Rusia``).

``places.tsv`` lists provinces, cities, regions and geographic features with the country code they
belong to; together with the country names of ``actors/countries.tsv`` it gives the coder an
event's ``action_place`` and ``action_country``, and the NER component uses the same two files as
its GPE gazetteer.

This module also holds :class:`Gazetteer`, the surface-name matcher that the actor dictionaries
share, because both must agree on one set of matching rules (documented in
``docs/dictionaries.md``):

* matching is done on the characters of the Doc, anchored at token starts, so it works the same on
  the project tokenizer (which keeps ``negara-negara`` and ``sekutunya`` whole) and on a blank
  spaCy tokenizer (which may split them);
* a match may end inside a token only before a clitic (``pemerintahnya``) or a hyphen
  (``Thailand-Kamboja`` kept as one token);
* variants written ALL-CAPS with at most five letters (``AS``, ``RI``, ``PBB``) and variants of at
  most three letters (``Xi``) match case-sensitively, so ``as``/``ri`` in running text and the
  numeral ``XI`` never match; other variants that start with a capital need a capital in the
  text (``Istana`` the palace, not ``istana`` any palace), the rest of the word is
  case-insensitive; lowercase variants (role nouns) match in any case.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from peristiwa.coding.lexicon import DictionaryFormatError, Problem, Row, read_tsv, split_names
from peristiwa.config import DICTIONARY_DIR, data_dir

PLACE_KINDS: tuple[str, ...] = ("city", "province", "region", "feature")
#: Enclitics a match may be followed by inside the same token (``Rusianya``, ``polisilah``).
CLITICS: tuple[str, ...] = ("nya", "lah", "kah", "pun", "tah", "ku", "mu")
#: Words that introduce a place phrase; ``dari`` (origin) is used only when nothing better is near.
PLACE_PREPOSITIONS: dict[str, int] = {"di": 0, "ke": 0, "menuju": 0, "dari": 1}
#: Nouns that may stand between the preposition and the name: ``di kota Rafah``, ``di depan Polda``.
LOCATIVE_NOUNS: frozenset[str] = frozenset({
    "kota", "kabupaten", "provinsi", "wilayah", "kawasan", "daerah", "negara", "negeri", "pulau", "kepulauan",
    "desa", "kampung", "kecamatan", "distrik", "ibu", "ibukota", "depan", "dekat", "sekitar", "sekitarnya",
    "luar", "dalam", "perbatasan", "jalur", "utara", "selatan", "barat", "timur", "tengah", "bagian",
    "pesisir", "pinggiran", "lapangan", "gedung", "kantor", "markas", "bandara", "pelabuhan",
})
_MAX_GAP = 3

_DASHES = "-\u2010\u2011\u2013"
_APOSTROPHES = "'\u2019\u2018`"
_WORD = re.compile(r"\w+")
_DASH_IN = re.compile(f"[{_DASHES}]")
_DASH_SPLIT = re.compile(rf"[{_DASHES}](?=\w)")
COMPASS_WORDS: frozenset[str] = frozenset({"barat", "timur", "utara", "selatan", "tengah", "tenggara"})


# --------------------------------------------------------------------------- the shared matcher
def variant_regex(variant: str) -> str:
    """The regular expression for one name variant: any whitespace run between words, optional
    spaces around hyphens, and any apostrophe (``Ma'ruf`` = ``Ma’ruf``)."""
    out: list[str] = []
    prev_space = False
    for ch in variant:
        if ch.isspace():
            if not prev_space:
                out.append(r"\s+")
            prev_space = True
            continue
        prev_space = False
        if ch in _DASHES:
            out.append(rf"\s*[{_DASHES}]\s*")
        elif ch in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def is_exact_variant(variant: str) -> bool:
    """Whether a variant must match case-sensitively: short acronyms (``AS``, ``RI``, ``PBB``,
    ``PDI-P``) and any name of three letters or fewer (``Xi``, ``Abe``)."""
    letters = [c for c in variant if c.isalpha()]
    if len(letters) <= 3:
        return True
    return len(letters) <= 5 and all(c.isupper() for c in letters)


@cache
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


@dataclass(frozen=True, slots=True)
class Variant:
    """One name variant and what it stands for (``payload``, given by the caller).

    The regular expression is compiled on first use: of the ~5,000 variants of the dictionaries
    an article needs a few dozen, and compiling all of them was a fifth of a worker's start-up.
    """

    text: str
    pattern: str
    flags: int
    exact: bool
    capital: bool
    compass: bool
    payload: Any

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.flags)


@dataclass(frozen=True, slots=True)
class RawMatch:
    """A variant found in a Doc: character span, token span (``end`` exclusive), payload."""

    start_char: int
    end_char: int
    start: int
    end: int
    variant: Variant


@dataclass(slots=True)
class Gazetteer:
    """Surface names indexed by their first word, matched over a Doc's characters.

    Indexing by the lowercased first word keeps matching linear in the number of tokens: at
    each token start only the handful of variants that begin with that word are tried.
    """

    by_key: dict[str, list[Variant]] = field(default_factory=dict)
    _seen: dict[str, tuple[Variant, ...]] = field(default_factory=dict, repr=False)

    def add(self, variant: str, payload: Any) -> None:
        """Register one variant; longer variants are tried first."""
        variant = variant.strip()
        m = _WORD.match(variant)
        if not m:
            return
        exact = is_exact_variant(variant)
        flags = 0 if exact else re.IGNORECASE
        words = variant.split()
        v = Variant(
            text=variant,
            pattern=variant_regex(variant),
            flags=flags,
            exact=exact,
            capital=variant[0].isupper(),
            compass=len(words) == 1 and variant.lower() in COMPASS_WORDS,
            payload=payload,
        )
        self._seen.clear()
        bucket = self.by_key.setdefault(m.group().lower(), [])
        bucket.append(v)
        bucket.sort(key=lambda x: -len(x.text))

    def _candidates(self, word: str) -> tuple[Variant, ...]:
        """Variants whose first word is ``word`` or ``word`` without a clitic (``pemerintahnya``
        -> ``pemerintah``), so a one-word name followed by a clitic is found. Memoised per word:
        news repeats its words, and this runs at every token of every sentence."""
        found = self._seen.get(word)
        if found is None:
            out = list(self.by_key.get(word, ()))
            for clitic in CLITICS:
                if word.endswith(clitic) and len(word) > len(clitic) + 1:
                    out.extend(self.by_key.get(word[: -len(clitic)], ()))
            found = self._seen[word] = tuple(out)
        return found

    def __len__(self) -> int:
        return sum(len(b) for b in self.by_key.values())

    def matches(self, span_or_doc: Doc | Span) -> list[RawMatch]:
        """Every variant occurrence inside the Doc or Span (overlapping ones included).

        The whole Doc is scanned once and each Span takes the matches lying wholly inside it:
        the coder asks sentence by sentence, several times per sentence. (Variants are literal
        word sequences, so a match inside a Span is found the same way in the whole Doc.)
        """
        doc, lo, hi = doc_range(span_or_doc)
        if lo >= hi:
            return []
        key = f"peristiwa.gazetteer.{id(self)}"
        found = doc.user_data.get(key)
        if found is None:
            found = self._scan(doc, 0, len(doc))
            doc.user_data[key] = (found, [m.start for m in found])
        else:
            found = found[0]
        if lo == 0 and hi == len(doc):
            return list(found)
        starts = doc.user_data[key][1]
        first = bisect_left(starts, lo)
        out = []
        for m in found[first:]:
            if m.start >= hi:
                break
            if m.end <= hi:
                out.append(m)
        return out

    def _scan(self, doc: Doc, lo: int, hi: int) -> list[RawMatch]:
        """Every variant occurrence in tokens ``lo``..``hi`` of ``doc``, in token order."""
        text = doc_text(doc)
        idx, texts = token_offsets(doc)
        lo_char, hi_char = idx[lo], idx[hi - 1] + len(texts[hi - 1])
        tok_at = _char_to_token(doc, lo, hi)
        out: list[RawMatch] = []
        for i in range(lo, hi):
            tok_idx, tok_text = idx[i], texts[i]
            starts = [tok_idx]
            if _DASH_IN.search(tok_text):
                starts += [tok_idx + m.end() for m in _DASH_SPLIT.finditer(tok_text)]
            for p in starts:
                km = _WORD.match(text, p)
                if not km:
                    continue
                candidates = self._candidates(km.group().lower())
                if candidates:
                    out.extend(_matches_at(doc, text, i, p, candidates, (lo_char, hi_char), tok_at))
        return out


def _add_discards(gaz: Gazetteer, path: Path) -> None:
    """Phrases that hide a place inside them (``bahasa Inggris``), as entries of kind discard."""
    if not path.is_file():
        return
    for row in read_tsv(path, required=("id", "names")):
        p = Place(row["id"], row["id"], "", "discard", f"discards:{row['id']}")
        for v in split_names(row["names"]):
            gaz.add(v, p)


def _add_countries(gaz: Gazetteer, places: dict[str, Place], path: Path) -> None:
    """The countries (and regions) of the actor dictionary as places; alias rows are skipped."""
    for row in read_tsv(path, required=("id", "names", "code")):
        names = split_names(row["names"])
        if not names or row["note"].lower().startswith("alias of"):
            continue
        kind = "region" if row["code"] in REGION_CODES else "country"
        p = Place(row["id"], names[0], row["code"], kind, f"countries:{row['id']}")
        places[p.entry] = p
        for v in names:
            gaz.add(v, p)


def _matches_at(
    doc: Doc, text: str, i: int, p: int, candidates: Sequence, chars: tuple[int, int], tok_at: Sequence[int]
) -> list[RawMatch]:
    """The variants among ``candidates`` that match at character ``p`` (in token ``i``), within the
    scanned characters ``chars``, ending on a token boundary and not excluded by their flags."""
    lo_char, hi_char = chars
    out = []
    for var in candidates:
        if var.capital and not var.exact and not text[p].isupper():
            continue
        m = var.regex.match(text, p, hi_char)
        if not m:
            continue
        e = m.end()
        if not _boundary_ok(doc, text, e, tok_at, lo_char):
            continue
        if var.compass and _after_capitalised_word(doc, i, p, doc[i].idx):
            continue
        if var.exact and len(var.text) <= 3 and _looks_like_initials(doc, text, p, e, i):
            continue
        out.append(RawMatch(p, e, i, tok_at[e - 1 - lo_char] + 1, var))
    return out


def doc_range(span_or_doc: Doc | Span) -> tuple[Doc, int, int]:
    """(doc, first token index, end token index) of a Doc or Span."""
    if isinstance(span_or_doc, Span):
        return span_or_doc.doc, span_or_doc.start, span_or_doc.end
    return span_or_doc, 0, len(span_or_doc)


def doc_text(doc: Doc) -> str:
    """``doc_text(doc)``, computed once per Doc: spaCy rebuilds the string on every access, which
    turned slicing it per mention into quadratic time on long texts."""
    text = doc.user_data.get("peristiwa.text")
    if text is None:  # a Doc's text never changes (retokenizing keeps it), so the cache stays valid
        text = doc.text
        doc.user_data["peristiwa.text"] = text
    return text


def token_offsets(doc: Doc) -> tuple[list[int], list[str]]:
    """Each token's character offset and text, computed once per Doc: reading them through
    ``doc[i]`` builds a Token object per access, which the gazetteers did at every token of
    every sentence several times over."""
    cached = doc.user_data.get("peristiwa.offsets")
    if cached is None:
        cached = ([t.idx for t in doc], [t.text for t in doc])
        doc.user_data["peristiwa.offsets"] = cached
    return cached


def _char_to_token(doc: Doc, lo: int, hi: int) -> list[int]:
    """For each character from the range start, the index of the token that covers it (gaps
    between tokens take the preceding token)."""
    idx, texts = token_offsets(doc)
    start_char = idx[lo]
    end_char = idx[hi - 1] + len(texts[hi - 1])
    out = [lo] * (end_char - start_char)
    for i in range(lo, hi):
        a = idx[i] - start_char
        b = idx[i + 1] - start_char if i + 1 < hi else len(out)
        out[a:b] = [i] * (b - a)
    return out


def _boundary_ok(doc: Doc, text: str, end: int, tok_at: list[int], lo_char: int) -> bool:
    """A match must end at a token end, before a hyphen inside the token, or before a clitic."""
    tok = doc[tok_at[end - 1 - lo_char]]
    tok_end = tok.idx + len(tok.text)
    if end == tok_end:
        return True
    rest = text[end:tok_end]
    if rest[0] in _DASHES:
        return True
    return rest.lower() in CLITICS


def _after_capitalised_word(doc: Doc, i: int, p: int, tok_idx: int) -> bool:
    """Whether a compass word (``Barat``) continues a proper name (``Bandung Barat``) rather than
    naming a region: it does when the word before it is capitalised and not sentence-initial
    punctuation."""
    if p != tok_idx:  # inside a hyphenated token: ``Eropa-Barat`` is not a region name
        return True
    if i == 0:
        return False
    prev = doc[i - 1]
    return prev.text[:1].isupper() and prev.text[:1].isalpha()


#: Words before a person's initials in crime news ("tersangka MA", "berinisial AS").
_INITIALS_CUES: frozenset[str] = frozenset({
    "inisial", "berinisial", "tersangka", "terdakwa", "terpidana", "pelaku", "korban", "saksi", "pria",
    "wanita", "perempuan", "remaja", "bocah", "sopir", "oknum",
})
_AGE = re.compile(r"\s*\(\s*\d")


def _looks_like_initials(doc: Doc, text: str, start: int, end: int, i: int) -> bool:
    """Whether a short capital variant (``MA``, ``AS``, ``UI``) is a person's initials, as crime
    news writes suspects: followed by an age in parentheses or preceded by a cue word."""
    if _AGE.match(text, end):
        return True
    return start == doc[i].idx and i > 0 and doc[i - 1].text.lower() in _INITIALS_CUES


def select_longest(matches: Iterable[RawMatch], priority: Any = None) -> list[RawMatch]:
    """Longest non-overlapping matches, earlier first on ties; ``priority(match)`` (lower wins)
    breaks ties between equally long matches of the same text."""
    def key(m: RawMatch) -> tuple[int, int, int]:
        return (-(m.end_char - m.start_char), m.start_char, priority(m) if priority else 0)

    chosen: list[RawMatch] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=key):
        if any(m.start_char < b and a < m.end_char for a, b in taken):
            continue
        chosen.append(m)
        taken.append((m.start_char, m.end_char))
    return sorted(chosen, key=lambda m: m.start_char)


# --------------------------------------------------------------------------- places
@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text. ``start``/``end`` are Doc token indices (end exclusive),
    ``start_char``/``end_char`` Doc character offsets; ``kind`` is a places.tsv kind or
    ``"country"`` for a country name; ``preposition`` is set by :func:`place_phrase`."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    name: str
    country: str
    kind: str
    entry: str
    preposition: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """One places.tsv row (or a country row when countries are included)."""

    id: str
    name: str
    country: str
    kind: str
    entry: str


@dataclass(slots=True)
class PlaceDictionary:
    """places.tsv plus the country names, ready to match."""

    gazetteer: Gazetteer
    places: dict[str, Place]

    @classmethod
    def load(cls, directory: Path = DICTIONARY_DIR, include_countries: bool = True) -> PlaceDictionary:
        """Read ``places.tsv`` (and ``actors/countries.tsv`` when ``include_countries``)."""
        gaz = Gazetteer()
        places: dict[str, Place] = {}
        for row in read_tsv(directory / "places.tsv", required=("id", "names", "code", "kind")):
            names = split_names(row["names"])
            if not names:
                continue
            p = Place(row["id"], names[0], row["code"], row["kind"], f"places:{row['id']}")
            places[p.entry] = p
            for v in names:
                gaz.add(v, p)
        _add_discards(gaz, directory / "actors" / "discards.tsv")
        if include_countries:
            _add_countries(gaz, places, directory / "actors" / "countries.tsv")
        return cls(gaz, places)

    def find(self, span_or_doc: Doc | Span) -> list[PlaceMention]:
        """Longest non-overlapping place names in a Doc or Span, in text order.

        Phrases of ``actors/discards.tsv`` (``bahasa Inggris``) hide the country inside them;
        places.tsv entries win ties against country names.
        """
        doc, _, _ = doc_range(span_or_doc)
        raw = self.gazetteer.matches(span_or_doc)
        def priority(m: RawMatch) -> int:
            return _PLACE_PRIORITY[m.variant.payload.entry.split(":")[0]]

        chosen = select_longest(raw, priority=priority)
        return [
            PlaceMention(m.start, m.end, m.start_char, m.end_char, doc_text(doc)[m.start_char:m.end_char],
                         m.variant.payload.name, m.variant.payload.country, m.variant.payload.kind,
                         m.variant.payload.entry)
            for m in chosen
            if m.variant.payload.kind != "discard"
        ]

    def phrase(self, span: Doc | Span, near_token: int,
               found: list[PlaceMention] | None = None) -> PlaceMention | None:
        """The place phrase (``di X``, ``ke X``; ``dari X`` only as a fallback) nearest to
        ``span[near_token]`` (an index into the Span, as spaCy indexes Spans; for a Doc the same as
        a Doc index). The returned mention's ``start``/``end`` are Doc indices, like every mention.

        Why a preposition is required: a bare place name is often an actor (``Gaza`` attacked,
        ``Washington`` protested); the place *of* an event is what ``di``/``ke`` introduce.
        Up to three locative nouns or capitalised words may stand between the preposition and
        the name (``di kota Rafah``, ``di depan Polda Maluku Utara``). Ties in distance go to
        the phrase after the token, where Indonesian puts adjuncts. ``found`` passes the result
        of :meth:`find` on the same span when the caller asks about several tokens.
        """
        doc, lo, _ = doc_range(span)
        near = lo + near_token
        best: tuple[tuple[int, int, int], PlaceMention] | None = None
        for pm in self.find(span) if found is None else found:
            prep = _introducing_preposition(doc, pm.start, lo)
            if prep is None:
                continue
            rank = PLACE_PREPOSITIONS[prep]
            if pm.start >= near:
                dist, after = pm.start - near, 0
            else:
                dist, after = near - pm.end + 1, 1
            key = (rank, dist, after)
            if best is None or key < best[0]:
                best = (key, PlaceMention(pm.start, pm.end, pm.start_char, pm.end_char, pm.text,
                                          pm.name, pm.country, pm.kind, pm.entry, prep))
        return best[1] if best else None


def _introducing_preposition(doc: Doc, start: int, lo: int) -> str | None:
    """The preposition before a place name, skipping at most ``_MAX_GAP`` locative nouns or
    capitalised words; None when the name is not in a prepositional phrase."""
    i = start - 1
    gap = 0
    while i >= lo and gap <= _MAX_GAP:
        word = doc[i].text
        low = word.lower()
        if low in PLACE_PREPOSITIONS:
            return low
        if low in LOCATIVE_NOUNS or (word[:1].isupper() and word[:1].isalpha()):
            gap += 1
            i -= 1
            continue
        return None
    return None


_PLACE_PRIORITY: dict[str, int] = {"discards": 0, "places": 1, "countries": 2}


@cache
def default_places() -> PlaceDictionary:
    """The shipped places and country names, loaded once per process."""
    return PlaceDictionary.load()


def find_places(span_or_doc: Doc | Span) -> list[PlaceMention]:
    """Places and country names in a Doc or Span, with the shipped dictionaries."""
    return default_places().find(span_or_doc)


def place_phrase(span: Doc | Span, near_token: int,
                 found: list[PlaceMention] | None = None) -> PlaceMention | None:
    """The place introduced by ``di``/``ke`` (or, failing that, ``dari``) nearest to
    ``span[near_token]`` (an index relative to the Span), with the shipped dictionaries."""
    return default_places().phrase(span, near_token, found)


# --------------------------------------------------------------------------- codes and validation
#: CAMEO region codes (CAMEO manual Table 3.3), used when the shared tables are absent.
REGION_CODES: frozenset[str] = frozenset({
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM", "MEA", "MDT",
    "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
})


def cameo_country_codes() -> frozenset[str] | None:
    """Country and region codes of the shared CAMEO table, or None when it is not available."""
    path = data_dir() / "cameo" / "countries.tsv"
    if not path.is_file():
        return None
    try:
        return frozenset(r["code"] for r in read_tsv(path, required=("code",)) if r["code"])
    except (OSError, DictionaryFormatError):
        return None


def known_country_codes(directory: Path = DICTIONARY_DIR) -> frozenset[str]:
    """The codes a place or actor may use: the CAMEO table when present, else our countries.tsv."""
    cameo = cameo_country_codes()
    if cameo is not None:
        return cameo
    path = directory / "actors" / "countries.tsv"
    try:
        return frozenset(r["code"] for r in read_tsv(path, required=("code",)) if r["code"]) | REGION_CODES
    except (OSError, DictionaryFormatError):
        return REGION_CODES


_ID = re.compile(r"^[A-Za-z0-9_.\-]+$")


def validate(directory: Path = DICTIONARY_DIR) -> list[Problem]:
    """Problems in ``places.tsv``: unreadable file, bad or duplicate ids, empty names, unknown
    country codes, kinds outside :data:`PLACE_KINDS`, and one variant given to places of
    different countries (a warning: ``Georgia`` may be meant, but it should be a decision)."""
    path = directory / "places.tsv"
    problems: list[Problem] = []
    try:
        rows = list(read_tsv(path, required=("id", "names", "code", "kind")))
    except (OSError, DictionaryFormatError) as exc:
        return [Problem(str(path), 0, str(exc))]
    codes = known_country_codes(directory)
    seen: dict[str, int] = {}
    variants: dict[str, tuple[str, str, int]] = {}
    for row in rows:
        rid = row["id"]
        problems.extend(_id_problems(row, seen))
        names = split_names(row["names"])
        if not names:
            problems.append(Problem(row.path, row.line, f"{rid}: empty names"))
        if row["code"] not in codes:
            problems.append(Problem(row.path, row.line, f"{rid}: unknown country code {row['code']!r}"))
        if row["kind"] not in PLACE_KINDS:
            problems.append(Problem(row.path, row.line, f"{rid}: kind {row['kind']!r} not in {PLACE_KINDS}"))
        if len({v if is_exact_variant(v) else v.lower() for v in names}) < len(names):
            problems.append(Problem(row.path, row.line, f"{rid}: a variant is listed twice", "warning"))
        problems.extend(_variant_problems(row, names, variants))
    return problems


def _id_problems(row: Row, seen: dict[str, int]) -> list[Problem]:
    """A bad or repeated id (the first line of each id is remembered in ``seen``)."""
    rid = row["id"]
    if not _ID.match(rid):
        return [Problem(row.path, row.line, f"bad id {rid!r}")]
    if rid in seen:
        return [Problem(row.path, row.line, f"duplicate id {rid!r} (first on line {seen[rid]})")]
    seen[rid] = row.line
    return []


def _variant_problems(row: Row, names: list[str], variants: dict[str, tuple[str, str, int]]) -> list[Problem]:
    """Variants that do not start with a letter, or that name a place of another country too."""
    rid = row["id"]
    out = []
    for v in names:
        if not _WORD.match(v):
            out.append(Problem(row.path, row.line, f"{rid}: variant {v!r} must start with a letter"))
        key = v if is_exact_variant(v) else v.lower()
        prev = variants.get(key)
        if prev and prev[1] != row["code"]:
            message = f"{rid}: variant {v!r} also names {prev[0]} ({prev[1]}, line {prev[2]})"
            out.append(Problem(row.path, row.line, message, "warning"))
        elif not prev:
            variants[key] = (rid, row["code"], row.line)
    return out


def iter_place_rows(directory: Path = DICTIONARY_DIR) -> Iterator[tuple[str, list[str], str, str]]:
    """(id, names, code, kind) of each places.tsv row, for other components (the GPE gazetteer)."""
    for row in read_tsv(directory / "places.tsv", required=("id", "names", "code", "kind")):
        yield row["id"], split_names(row["names"]), row["code"], row["kind"]
