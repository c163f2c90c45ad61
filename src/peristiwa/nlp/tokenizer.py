"""The news tokenizer: spaCy's Indonesian rules plus the formats Indonesian news writes daily.

spaCy's ``id`` defaults already keep ``1.500``, ``218,2``, ``12.30`` and ``KOMPAS.com`` whole and
split quotes and brackets off. What they get wrong for event coding, and what this module adds:

* dates ``12/3/2024`` and the bracketed ``Senin (12/3)`` stay one token (``(``, ``12/3``, ``)``),
  so the time resolver sees a date, not a division;
* every reduplication stays one token (``pertemuan-pertemuan``, ``Negara-negara``,
  ``berhati-hati``) because the lemmatizer reads the plural off the whole word; the defaults only
  know the ones in their exception list;
* names with a hyphen and digits (``Covid-19``, ``F-16``, ``Su-35``), Arabic article names
  (``Al-Qaeda``) and ordinals (``ke-2``) stay whole, which NER and the parser need;
* abbreviations and titles keep their full stop (``Jl.``, ``Tbk.``, ``Kab.``, ``Ph.D.``,
  ``Rp.``), so the sentence splitter never mistakes that full stop for a sentence end.

Decisions (see ``docs/nlp.md``): a currency symbol is its own token and the number stays whole
(``$218,2`` -> ``$`` ``218,2``; ``Rp1,5`` -> ``Rp`` ``1,5``), exactly as the defaults do, so one
money rule (currency token + number + scale word) covers ``Rp 500.000`` and ``Rp500.000`` alike.
Ranges of words are split (``Januari-November`` -> ``Januari`` ``-`` ``November``) and so are
ranges of numbers (``10-15``). Enclitics (``-nya``, ``-lah``) are left attached: the lemmatizer
separates them, and keeping them keeps the token count equal to the word count the treebanks
train on for everything but their multiword tokens.

Bounded work (issue 14): spaCy's tokenizer peels affixes off a space-less run one at a time and
searches the *whole* remaining run at every step (a ``$``-anchored suffix regex is tried at every
start position), so a run of n dashes cost O(n^2) (``"-" * 4000``: 15.8 s). :class:`NewsTokenizer`
makes it linear: prefix and suffix searches look only at the first/last :data:`AFFIX_WINDOW`
characters (no real affix is longer), ``token_match``/``url_match`` are not tried on strings
longer than any token they can keep whole, and a space-less run over :data:`MAX_RUN` characters
is tokenized in :data:`MAX_RUN`-character pieces (a token never spans two pieces). Ordinary text,
URLs included, tokenizes exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

#: Abbreviations written with a full stop that may stand before a name or a number, never at the
#: end of a sentence (titles, honorifics, ranks, address and administrative parts).
TITLE_ABBREVIATIONS: tuple[str, ...] = (
    "Plt.", "Plh.", "Pj.", "Dr.", "dr.", "drg.", "Drs.", "Dra.", "Prof.", "Ir.", "H.", "Hj.", "K.H.",
    "KH.", "Ny.", "Nn.",
    "Tn.", "Sdr.", "Sdri.", "Bpk.", "Bp.", "Yth.", "yth.", "Pdt.", "Ust.", "Moh.", "Muh.", "Mr.",
    "Mrs.", "Ms.", "St.", "Jend.", "Letjen.", "Mayjen.", "Brigjen.", "Kol.", "Letkol.",
    "Kapt.", "Lettu.", "Kompol.", "Pol.", "Jl.", "Jln.", "Gg.", "No.", "no.", "Kab.", "Kec.",
    "Kel.", "Ds.", "Prov.", "RT.", "RW.", "Rp.", "Tel.", "Telp.", "telp.", "Hlm.", "hlm.",
    "Vol.", "vol.", "a.n.", "u.p.", "c.q.", "s.d.", "a.l.", "Sp.",
)
#: Abbreviations that often end a sentence too (post-nominal degrees, "etc.", company forms).
FINAL_ABBREVIATIONS: tuple[str, ...] = (
    "dll.", "dsb.", "dst.", "dkk.", "tsb.", "Tbk.", "Inc.", "Ltd.", "Corp.", "Co.", "Bhd.",
    "S.H.", "M.H.", "S.E.", "M.E.", "S.T.", "M.T.", "S.Pd.", "M.Pd.", "S.Sos.", "M.Si.", "S.Si.",
    "S.Kom.", "M.Kom.", "S.Ag.", "M.Ag.", "S.IP.", "S.Ip.", "M.A.", "M.Sc.", "B.Sc.", "Ph.D.",
    "S.Psi.", "M.Psi.", "S.Ked.", "M.Kes.", "M.Hum.", "S.Hum.", "Sp.PD.", "S.Farm.", "Apt.",
    "M.M.", "S.Kep.", "M.B.A.", "Lc.", "Jr.", "Sr.", "Pty.",
)
ABBREVIATIONS: frozenset[str] = frozenset(TITLE_ABBREVIATIONS + FINAL_ABBREVIATIONS)

#: One-token patterns, checked after each prefix/suffix is peeled off (so ``(12/3)`` works).
TOKEN_PATTERNS: tuple[str, ...] = (
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?",  # 12/3, 12/3/2024, 1/10/24
    r"\d{1,2}-\d{1,2}/\d{1,2}(?:/\d{2,4})?",  # date ranges: (6-7/7/2025), 12-13/3
    r"(?i:(?P<r>[a-z]{2,})-(?P=r)(?:nya|lah|pun|kah|ku|mu|an|kan|i)?)",  # negara-negara(nya)
    r"(?i:(?:ber|se|ter|di|ke|me|mem|men|meng|meny|pe|per)(?P<a>[a-z]{2,})-(?P=a)(?:nya|an|kan|i)*)",
    r"[A-Z][A-Za-z]{0,5}-\d{1,4}[A-Za-z]?",  # Covid-19, F-16, Su-35, MH-17, G-20
    r"(?:Al|al|As|Asy|Ad|An|Ar|Az|El|el|Ash)-[A-Z][a-z]+",  # Al-Qaeda, Al-Aqsa, Asy-Syifa
    r"[Kk]e-\d{1,4}",  # ke-2, ke-79
)
TOKEN_MATCH = re.compile(r"^(?:" + "|".join(TOKEN_PATTERNS) + r")$")

#: Dashes set off as their own token wherever they join two words ("KOMPAS.com–Presiden").
_DASH_INFIX = r"(?<=[A-Za-z0-9.])[–—](?=[A-Za-z0-9\"“'‘])"
_MONEY = r"(?:Rp|US\$|S\$|\$|€|£|¥)"
#: Money ranges "Rp100.000--Rp200.000": the dash and the second currency become tokens too (an
#: infix split is final, so the currency would otherwise stay glued to the second amount).
_RANGE_INFIXES = (
    rf"(?<=[0-9])(?:--|-|–|—)(?={_MONEY}\s?[0-9])",
    rf"(?<=[-–—]){_MONEY}(?=[0-9])",
)


def _special_cases() -> dict[str, list[dict[int, str]]]:
    """spaCy's Indonesian exceptions plus ours, minus those that only keep a word whole that
    :data:`TOKEN_MATCH` keeps whole anyway (11,000 reduplications such as ``abah-abah``): the
    cut is the same, and each special case costs start-up time in every process."""
    cases = {
        text: pieces
        for text, pieces in Indonesian.Defaults.tokenizer_exceptions.items()
        if not (pieces == [{ORTH: text}] and TOKEN_MATCH.match(text))
    }
    for abbr in ABBREVIATIONS:
        cases[abbr] = [{ORTH: abbr}]
    cases["Rp."] = [{ORTH: "Rp.", NORM: "Rp"}]
    # a lone capital and full stop is an initial ("Joko S. Widodo"), never split
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        cases.setdefault(f"{c}.", [{ORTH: f"{c}."}])
    return cases


#: The longest prefix or suffix looked for: real ones are a few characters ("...", "km", "”").
AFFIX_WINDOW = 16
#: token_match keeps dates, reduplications and names whole: none is longer than this.
MAX_TOKEN_MATCH = 100
#: URLs longer than this are tokenized like any other text (their text is of course kept).
MAX_URL = 1000
#: A space-less run longer than this is tokenized in pieces of this size (linear time).
MAX_RUN = 1000
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}")


class PrefixWindow:
    """``prefix_search`` over the first :data:`AFFIX_WINDOW` characters only.

    Keeps the compiled pattern as ``.pattern`` so spaCy serialises the tokenizer unchanged
    (it reads ``search.__self__.pattern``).
    """

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern

    def search(self, string: str) -> re.Match[str] | None:
        # every alternative is ^-anchored (compile_prefix_regex), so trying position 0 is enough
        return self.regex.match(string, 0, AFFIX_WINDOW)


class SuffixWindow(PrefixWindow):
    """``suffix_search`` over the last :data:`AFFIX_WINDOW` characters (lookbehinds still see
    the character before the window: ``pos`` does not cut the string)."""

    def search(self, string: str) -> re.Match[str] | None:
        return self.regex.search(string, max(0, len(string) - AFFIX_WINDOW))


class BoundedMatch(PrefixWindow):
    """``token_match``/``url_match`` that do not try strings longer than ``limit``."""

    def __init__(self, regex: re.Pattern[str], limit: int) -> None:
        super().__init__(regex)
        self.limit = limit

    def match(self, string: str) -> re.Match[str] | None:
        return self.regex.match(string) if len(string) <= self.limit else None


class NewsTokenizer(Tokenizer):
    """spaCy's Tokenizer with linear work on any input (see the module docstring)."""

    def __call__(self, string: str) -> Doc:
        if len(string) <= MAX_RUN or _LONG_RUN.search(string) is None:
            return super().__call__(string)
        return Doc.from_docs([super(NewsTokenizer, self).__call__(p) for p in _pieces(string)],
                             ensure_whitespace=False)  # fmt: skip

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> NewsTokenizer:
        """Read the tokenizer back; the patterns come back as plain regexes, so bound them again."""
        super().from_bytes(bytes_data, exclude=exclude)
        bound(self)
        return self


def _pieces(text: str) -> list[str]:
    """``text`` cut so that no piece holds a space-less run over :data:`MAX_RUN` characters."""
    pieces: list[str] = []
    last = 0
    for m in _LONG_RUN.finditer(text):
        if m.start() > last:
            pieces.append(text[last : m.start()])
        pieces.extend(text[i : min(i + MAX_RUN, m.end())] for i in range(m.start(), m.end(), MAX_RUN))
        last = m.end()
    if last < len(text):
        pieces.append(text[last:])
    return pieces


def _regex(func: Callable | None) -> re.Pattern[str] | None:
    owner = getattr(func, "__self__", None)
    if isinstance(owner, PrefixWindow):
        return owner.regex
    return owner if isinstance(owner, re.Pattern) else None


def bound(tok: Tokenizer) -> Tokenizer:
    """Put the affix windows and match limits on ``tok``'s searches (idempotent)."""
    if (rx := _regex(tok.prefix_search)) is not None:
        tok.prefix_search = PrefixWindow(rx).search
    if (rx := _regex(tok.suffix_search)) is not None:
        tok.suffix_search = SuffixWindow(rx).search
    if (rx := _regex(tok.token_match)) is not None:
        tok.token_match = BoundedMatch(rx, MAX_TOKEN_MATCH).match
    if (rx := _regex(tok.url_match)) is not None:
        tok.url_match = BoundedMatch(rx, MAX_URL).match
    return tok


def make_tokenizer(nlp: Language) -> Tokenizer:
    """Build the news tokenizer over ``nlp``'s vocab (the ``peristiwa.id_tokenizer.v1`` function)."""
    defaults = Indonesian.Defaults
    prefixes = list(defaults.prefixes or ())
    suffixes = list(defaults.suffixes or ())
    infixes = [*_RANGE_INFIXES, *list(defaults.infixes or ()), _DASH_INFIX]
    # the bounded searches go in the constructor: spaCy re-adds every special case each time one
    # of them is set afterwards, and setting the four one by one (``bound``) took two thirds of
    # the time to load the pipeline; the tokenizer is the same (``tests/test_nlp_model.py``)
    url = _regex(defaults.url_match)
    return NewsTokenizer(
        nlp.vocab,
        rules=_special_cases(),
        prefix_search=PrefixWindow(compile_prefix_regex(prefixes)).search,
        suffix_search=SuffixWindow(compile_suffix_regex(suffixes)).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=BoundedMatch(TOKEN_MATCH, MAX_TOKEN_MATCH).match,
        url_match=BoundedMatch(url, MAX_URL).match if url is not None else defaults.url_match,
    )


def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """The registered factory (``@tokenizers = "peristiwa.id_tokenizer.v1"``) returns this builder."""
    return make_tokenizer
