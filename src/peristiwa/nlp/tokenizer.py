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
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
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


def make_tokenizer(nlp: Language) -> Tokenizer:
    """Build the news tokenizer over ``nlp``'s vocab (the ``peristiwa.id_tokenizer.v1`` function)."""
    defaults = Indonesian.Defaults
    prefixes = list(defaults.prefixes or ())
    suffixes = list(defaults.suffixes or ())
    infixes = [*_RANGE_INFIXES, *list(defaults.infixes or ()), _DASH_INFIX]
    return Tokenizer(
        nlp.vocab,
        rules=_special_cases(),
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=TOKEN_MATCH.match,
        url_match=defaults.url_match,
    )


def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """The registered factory (``@tokenizers = "peristiwa.id_tokenizer.v1"``) returns this builder."""
    return make_tokenizer
