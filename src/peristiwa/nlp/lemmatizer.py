"""Indonesian roots through the affixes, checked against a root lexicon.

Why not spaCy's lookup table or an off-the-shelf stemmer: the lookup table only knows the forms it
was built from (it misses most ``di-`` passives, which news is full of), and aggressive stemmers
cut words that merely *look* affixed (``pemerintah`` -> ``intah``, ``kedua`` -> ``dua``). Event
patterns and dictionaries match on roots (``kecam`` covers ``mengecam``, ``dikecam``, ``kecaman``),
so a wrong root silently loses or invents events. This module therefore proposes every
morphologically possible split (clitic, suffix, up to two prefixes with the nasal rules of
``meN-``/``peN-``) and accepts a root only when the root lexicon knows it; a word with no
accepted split is returned unchanged, which keeps names and loanwords intact.

The lexicon (``data/roots.txt``) is derived from the LEMMA columns of the Indonesian UD treebanks
by :func:`peristiwa.nlp.build_lexicon.build_lexicon`; ``data/roots_extra.txt`` (roots the
treebanks lack), ``data/not_roots.txt`` (derived words the treebanks list as lemmas) and
``data/keep.txt`` (words never split) are hand-written.

``analyse(word)`` works on a bare string, so dictionaries can be matched without the trained model;
the ``peristiwa_lemmatizer`` component in :mod:`peristiwa.nlp.components` applies it to tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Enclitics the tokenizer leaves attached; longest first so ``-nya`` is not read as ``-a``.
CLITICS: tuple[str, ...] = ("nya", "lah", "pun", "kah", "tah", "ku", "mu")
#: Derivational suffixes, ``-kan`` before ``-an`` so ``memberikan`` is not ``berik`` + ``-an``.
SUFFIXES: tuple[str, ...] = ("kan", "an", "i")
#: Prefix + suffix pairs Indonesian does not form (a split producing one is rejected).
_SUFFIX_ORDER: tuple[str, ...] = ("kan", "an", "", "i")
_BAD_CONFIX: frozenset[tuple[str, str]] = frozenset(
    {("peN", "kan"), ("ber", "i"), ("di", "an"), ("ke", "i"), ("ke", "kan"), ("meN", "an"), ("se", "i"),
     ("se", "kan"), ("ter", "an"), ("ter", "i")}
)
#: Which prefix may follow which (``memper-``, ``diper-``, ``keber-``, ``pember-`` ...).
_SECOND_PREFIX: dict[str, frozenset[str]] = {
    "meN": frozenset({"per", "ber", "ke"}),
    "di": frozenset({"per", "ber", "ke", "se"}),
    "peN": frozenset({"ber", "se"}),
    "ke": frozenset({"ber", "ter", "se"}),
    "ber": frozenset({"ke", "se", "per"}),
    "ter": frozenset({"per", "se"}),
    "per": frozenset({"se", "ke"}),
    "se": frozenset(),
}
_VOWELS = frozenset("aeiou")
_NOMINAL_PREFIXES = frozenset({"per", "peN", "pe", "ke"})
_MIN_ROOT = 3
_WORD = re.compile(r"^[a-z]+$")
_VOWEL_GROUPS = re.compile(r"[aeiou]+")


@dataclass(frozen=True, slots=True)
class Analysis:
    """One word split into its parts.

    ``prefix`` is the canonical prefix chain joined by ``+`` (``meN``, ``di``, ``meN+per``,
    ``ke+ber``), ``suffix`` is ``kan``/``an``/``i`` or ``""``, ``clitic`` is the enclitic
    (``nya``, ``lah``, ``pun``, ``kah``, ``tah``, ``ku``, ``mu``) or ``""``. ``form`` is the word
    as given. ``root`` is lower-cased when the word was recognised, the form unchanged otherwise.
    """

    root: str
    prefix: str = ""
    suffix: str = ""
    clitic: str = ""
    form: str = ""

    @property
    def stem(self) -> str:
        """The word without its clitic (``kunjungannya`` -> ``kunjungan``), lower-cased."""
        low = self.form.lower()
        return low[: len(low) - len(self.clitic)] if self.clitic else low


def _read_list(name: str) -> frozenset[str]:
    path = DATA_DIR / name
    if not path.exists():
        return frozenset()
    words: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word = line.split("#", 1)[0].strip().lower()
            if word:
                words.add(word)
    return frozenset(words)


@cache
def keep_words() -> frozenset[str]:
    """Words returned as their own root even though they look affixed (``kedua``, ``pemerintah``)."""
    return _read_list("keep.txt")


@cache
def root_lexicon() -> frozenset[str]:
    """Every string accepted as a root: derived + hand-added roots + keep words, minus non-roots."""
    derived = _read_list("roots.txt") | _read_list("roots_news.txt")
    return (derived | _read_list("roots_extra.txt") | keep_words()) - _read_list("not_roots.txt")


@cache
def root_frequency() -> dict[str, int]:
    """How often each root stands alone in the news corpus (``data/root_freq.tsv``), for ties."""
    path = DATA_DIR / "root_freq.tsv"
    freq: dict[str, int] = {}
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or "\t" not in line:
                    continue
                word, n = line.rstrip("\n").split("\t", 1)
                freq[word] = int(n)
    return freq


@cache
def proper_names() -> frozenset[str]:
    """Lower-cased names that look affixed (``Kediri``, ``Setiawan``): capitalised, never split.

    From the derived ``names.txt``, the hand list ``names_extra.txt`` and the single-word names of
    the place and country dictionaries (when present), so a place added there is protected here.
    """
    names = set(_read_list("names.txt") | _read_list("names_extra.txt"))
    try:
        from peristiwa.nlp.gazetteer import Gazetteer

        names.update(k for k in Gazetteer.from_files().entries if k.isalpha())
    except Exception:  # a broken dictionary must not stop lemmatization; dict check reports it
        pass
    return frozenset(names)


def _nasal(rest: str, vowel_restore: str) -> list[str]:
    """Roots behind ``meN-``/``peN-`` once the ``me``/``pe`` is gone (``rest`` starts at the nasal)."""
    out = _assimilated_nasal(rest, vowel_restore)
    if rest[:1] in ("l", "r", "w", "y", "m", "n") and not rest.startswith("ng") and rest not in out:
        out.append(rest)  # melihat, merasa, mewakili, menanti, menyanyi (me- + such a root)
    if rest.startswith("nge") and len(_VOWEL_GROUPS.findall(rest[3:])) == 1:
        out.append(rest[3:])  # menge-/penge- before one-syllable roots: mengebom, pengecekan
    return out


def _assimilated_nasal(rest: str, vowel_restore: str) -> list[str]:
    """Roots when the nasal took the place of the root's first consonant (or sits before it):
    each nasal ``ng``/``ny``/``n``/``m`` has its own set of consonants it replaces or keeps."""
    if rest.startswith("ng"):
        return _after_ng(rest[2:])
    if rest.startswith("ny"):
        r = rest[2:]
        return ["s" + r] if r[:1] in _VOWELS else []  # menyerang -> serang
    if rest.startswith("n"):
        return _after_n(rest[1:])
    if rest.startswith("m"):
        return _after_m(rest, vowel_restore)
    return []


def _after_ng(r: str) -> list[str]:
    """``meng-``: a vowel root may have lost a k (mengecam -> kecam); g, h, k stay."""
    if r[:1] in _VOWELS:
        return [r, "k" + r]  # mengambil -> ambil; mengecam -> kecam
    if r[:1] in ("g", "h", "k"):
        return [r]  # menggugat, menghadapi, mengkritik
    return []


def _after_n(r: str) -> list[str]:
    """``men-``: before a vowel the root lost its t (menuntut -> tuntut); c, d, j, z, t, s stay."""
    if r[:1] in _VOWELS:
        return ["t" + r]  # menuntut -> tuntut
    if r[:1] in ("c", "d", "j", "z", "t", "s"):
        return [r]  # mencari, mendapat, menjual, mentransfer, mensinyalir
    return []


def _after_m(rest: str, vowel_restore: str) -> list[str]:
    """``mem-``: before a vowel the root starts with m or lost its p; b, f, v, p stay."""
    r = rest[1:]
    if r[:1] in _VOWELS:
        # meminta is minta, memakan makan: the m-initial reading first, since strings like
        # pinta or pakan are roots too; memukul still finds pukul (no mukul)
        return [rest, vowel_restore + r]
    if r[:1] in ("b", "f", "v", "p"):
        return [r]  # membeli, memfasilitasi, memproses, memperkuat
    return []


def _strip_one_prefix(w: str) -> Iterator[tuple[str, str]]:
    """Every (canonical prefix, remainder) reading of the start of ``w``."""
    yield from _regular_prefixes(w)
    yield from _irregular_prefixes(w)


def _regular_prefixes(w: str) -> Iterator[tuple[str, str]]:
    """The prefixes as written: ``meN-``/``peN-`` with their nasal rules, ``di-``, ``ke-``,
    ``se-``, and ``ber-``/``ter-``/``per-`` (also with the root's r merged into the prefix's)."""
    if w.startswith("me"):
        for r in _nasal(w[2:], "p"):
            yield "meN", r
    if w.startswith("pe"):
        for r in _nasal(w[2:], "p"):
            yield "peN", r
    for p in ("di", "ke", "se"):
        if w.startswith(p):
            yield p, w[2:]
    for p in ("ber", "ter", "per"):
        if w.startswith(p):
            yield p, w[3:]  # bertemu -> temu
            yield p, w[2:]  # berencana -> rencana (the root's r merges with the prefix's)


def _irregular_prefixes(w: str) -> Iterator[tuple[str, str]]:
    """The shortened forms: ``pe-`` and ``be-`` for ``per-``/``ber-`` before some roots, and
    the one ``bel-``/``pel-`` root; tried after the regular readings."""
    if w.startswith("pe") and w[2:3] not in _VOWELS and w[2:3] not in "mnrlwy" and len(w) >= 7:
        yield "per", w[2:]  # pe- (per- before some roots): petani, petugas, pekerja, petunjuk
    if w.startswith("be") and w[2:3] not in _VOWELS and w[2:3] != "r" and w[3:5] == "er":
        yield "ber", w[2:]  # bekerja, beserta, beternak: be- before a first syllable in -er
    if w.startswith(("belajar", "pelajar")):
        yield ("ber" if w[0] == "b" else "per"), w[3:]  # the one bel-/pel- root


def _prefix_chains(w: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """Up to two prefixes, in order of fewer prefixes first."""
    yield (), w
    firsts = list(_strip_one_prefix(w))
    for p1, r1 in firsts:
        yield (p1,), r1
    for p1, r1 in firsts:
        for p2, r2 in _strip_one_prefix(r1):
            if p2 in _SECOND_PREFIX.get(p1, frozenset()):
                yield (p1, p2), r2


def _split(w: str) -> tuple[str, tuple[str, ...], str] | None:
    """The best (root, prefixes, suffix) for a clitic-free lower-case word, or None.

    Fewer prefixes are preferred, and for the same prefixes a stripped ``-kan``/``-an`` before
    none (``-i`` after none), which mirrors the usual dictionary-checked order (suffix off, then
    prefixes one by one) while still trying every reading: ``pemerintahan`` stops at
    ``pemerintah`` + ``-an``, ``menjadi`` is ``meN`` + ``jadi`` because ``jad`` is no root.
    """
    lex = root_lexicon()
    keep = keep_words()
    if w in lex:
        return w, (), ""
    suffix_options = _suffix_options(w)
    for suffix, body in suffix_options:
        if suffix and body in keep:
            return body, (), suffix
    by_depth: dict[int, list[tuple[str, tuple[str, ...], str]]] = {0: [], 1: [], 2: []}
    for suffix, body in suffix_options:
        for prefixes, root in _prefix_chains(body):
            if _acceptable(prefixes, root, suffix, lex):
                by_depth[len(prefixes)].append((root, prefixes, suffix))
    for depth in (0, 1, 2):
        if by_depth[depth]:
            return _best_reading(by_depth[depth])
    return None


def _suffix_options(w: str) -> list[tuple[str, str]]:
    """(suffix, body) pairs in the order tried, ``""`` being no suffix.

    -kan/-an off first (perjalanan is jalan, not jalanan), but -i only after the bare reading:
    a root ending in i is common (disini is sini, dimulai is mulai) and -i rarely hides one.
    """
    return [
        (s, w[: len(w) - len(s)]) for s in _SUFFIX_ORDER
        if not s or (w.endswith(s) and len(w) - len(s) >= _MIN_ROOT)
    ]


def _acceptable(prefixes: tuple[str, ...], root: str, suffix: str, lex: frozenset[str]) -> bool:
    """Whether one reading is a real split: an affix taken off, a known root of at least
    ``_MIN_ROOT`` letters, and no prefix + suffix pair Indonesian does not form."""
    if len(root) < _MIN_ROOT or not (prefixes or suffix):
        return False
    if prefixes and suffix and (prefixes[0], suffix) in _BAD_CONFIX:
        return False
    if suffix == "i" and not prefixes:
        return False  # a bare root + -i is an imperative, rare in news; member is no memb + -i
    return root in lex


def _best_reading(found: list[tuple[str, tuple[str, ...], str]]) -> tuple[str, tuple[str, ...], str]:
    """The reading to keep among those with the fewest prefixes: the first, unless a ``-kan``
    reading is better read as ``-an`` after a root in k, or a bare reading loses to ``-i``."""
    best = found[0]
    if best[2] == "kan" and (not best[1] or best[1][0] in _NOMINAL_PREFIXES):
        # desakan: desak + -an (a noun), not desa + -kan; a bare or pe(r)- word with -kan
        # is rare, the -an noun of a root ending in k is common (perusakan, tarikan)
        for cand in found[1:]:
            if cand[2] == "an" and cand[1] == best[1] and cand[0] == best[0] + "k":
                return cand
    if best[2] == "":
        # bare reading vs an -i reading (mengalami: alami or alam + -i; dimulai: mulai or
        # mula + -i): the root news writes more often on its own wins, bare on a tie
        freq = root_frequency()
        for cand in found[1:]:
            if cand[2] == "i" and cand[1] == best[1] and freq.get(cand[0], 0) > freq.get(best[0], 0):
                return cand
    return best


@lru_cache(maxsize=200_000)
def analyse(word: str) -> Analysis:
    """Split ``word`` into root, prefix chain, suffix and clitic.

    >>> analyse("kunjungannya")
    Analysis(root='kunjung', prefix='', suffix='an', clitic='nya', form='kunjungannya')
    """
    form = word
    if "-" in word:
        parts = word.split("-")
        # reduplication: negara-negara, pertemuan-pertemuan, negara-negaranya
        if len(parts) == 2 and parts[0] and parts[1]:
            head = analyse(parts[0])
            tail = analyse(parts[1])
            if head.stem == tail.stem or parts[0].lower() == tail.stem:
                return Analysis(tail.root, tail.prefix, tail.suffix, tail.clitic, form)
        return Analysis(word, form=form)
    low = word.lower()
    if not _WORD.match(low):
        return Analysis(word, form=form)
    capital = word[:1].isupper()
    if capital and (low in proper_names() or (word.isupper() and len(word) <= 5)):
        return Analysis(word, form=form)
    for clitic in ("", *CLITICS):
        if clitic and not (low.endswith(clitic) and len(low) - len(clitic) >= _MIN_ROOT):
            continue
        body = low[: len(low) - len(clitic)]
        found = (body, (), "") if body in keep_words() else _split(body)
        if found is None:
            continue
        root_, prefixes, suffix = found
        if capital and not (prefixes or suffix or clitic):
            # a capitalised word that splits into nothing may be a name ("Indonesia" is also a
            # common-noun lemma in the treebanks): leave it as written
            return Analysis(word, form=form)
        return Analysis(root_, "+".join(prefixes), suffix, clitic, form)
    return Analysis(word, form=form)


def root(word: str) -> str:
    """The root of ``word`` (the word itself when no affix split is recognised)."""
    return analyse(word).root
