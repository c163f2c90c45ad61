"""Rebuild the lemmatizer's derived word lists from the shared data (``make models`` calls this).

Four files come out, all small enough to ship in the package:

* ``roots.txt``: every lemma the Indonesian UD treebanks give to a content or function word
  (GSD r2.17 dev/test, CSUI train, PUD test). Treebank lemmas are roots (``dikecam`` -> ``kecam``),
  so the set tells the lemmatizer which splits end in a real root. Lemmas that are proper nouns,
  numbers, punctuation or contain anything but letters are left out.
* ``roots_news.txt``: roots the treebanks lack, read off the news corpus. A string counts as a
  root when at least two different affix patterns produce it (``dikecam``, ``kecaman``,
  ``mengecam`` -> ``kecam``) and one of them reads it unambiguously: the bare word, ``di-`` or a
  suffix alone. ``meN-``/``peN-`` allow two readings (nasal rules), ``ber-``/``ter-``/``per-`` two
  (the merged r) and ``ke-``/``se-`` start too many plain words (``keluarga``) to count alone.
  Strings that are a known root plus a leftover suffix (``pastikan``) or that split into a prefix
  and another root (``melapor`` is ``meN`` + ``lapor``) are dropped.
* ``root_freq.tsv``: how often each root stands alone in the news corpus; the lemmatizer uses it
  only to choose between a root ending in -i and the same root read with the suffix -i
  (``mengalami`` is ``alam`` + ``-i``, ``dimulai`` is ``mulai``).
* ``names.txt``: capitalised words that would otherwise be split (``Kediri`` is not ``ke`` +
  ``diri``). A word qualifies when the treebanks tag it PROPN or the news corpus writes it
  capitalised in mid-sentence at least three times, and it never appears in lower case anywhere.
  Only names the lemmatizer would actually split are written, which keeps the file short.

Why derived and not downloaded: the project reads only ``../shared/data``; the lists are
reproducible from it and the hand-written lists (``roots_extra.txt``, ``not_roots.txt``,
``keep.txt``) correct what the data gets wrong.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peristiwa.config import data_dir

#: Treebank files with a LEMMA column (relative to the data folder).
UD_FILES: tuple[str, ...] = (
    "ud/id_gsd/id_gsd-ud-dev.conllu",
    "ud/id_gsd/id_gsd-ud-test.conllu",
    "ud/id_csui/id_csui-ud-train.conllu",
    "ud/id_pud/id_pud-ud-test.conllu",
)
_SKIP_UPOS = frozenset({"PROPN", "PUNCT", "NUM", "SYM", "X"})
_LETTERS = re.compile(r"^[a-z]{2,}$")
_TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_HEADER = "# derived by peristiwa.nlp.build_lexicon from {src}; do not edit, edit the hand lists\n"


def _conllu_words(path: Path) -> Iterator[tuple[str, str, str]]:
    """(form, lemma, upos) of every syntactic word (multiword-token range lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            yield cols[1], cols[2], cols[3]


def _news_case_counts(path: Path) -> tuple[Counter[str], set[str]]:
    """Mid-sentence capitalised counts and the set of words ever written in lower case."""
    capital_mid: Counter[str] = Counter()
    lower_seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            prev = ""
            for m in _TOKEN.finditer(text):
                tok = m.group(0)
                if tok.islower():
                    lower_seen.add(tok)
                elif tok[:1].isupper() and tok[1:].islower() and prev.islower():
                    capital_mid[tok.lower()] += 1
                prev = tok
    return capital_mid, lower_seen




def _news_word_counts(path: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            counts.update(m.group(0) for m in _TOKEN.finditer(text) if m.group(0).islower())
    return counts


def _denasalised(word: str) -> list[str]:
    """The roots a colloquial nasal-initial form stands for (``nunggu`` -> ``tunggu``)."""
    if word.startswith("ng") and word[2:3] in "aeiou":
        return [word[2:], "k" + word[2:]]
    if word.startswith("ny") and word[2:3] in "aeiou":
        return ["s" + word[2:], "c" + word[2:]]
    if word.startswith("n") and word[1:2] in "aeiou":
        return ["t" + word[1:]]
    if word.startswith("m") and word[1:2] in "aeiou":
        return ["p" + word[1:]]
    return []


def _news_roots(counts: Counter[str], known: set[str]) -> set[str]:
    """Roots attested by two affix patterns in the corpus (see the module docstring)."""
    from peristiwa.nlp import lemmatizer

    patterns = _affix_patterns(counts)
    candidates = {
        r for r, kinds in patterns.items()
        if r.isalpha() and len(kinds) >= 2
        and any(k == "bare" or k.split("-")[0] in ("", "di") for k in kinds)
    }
    pool = candidates | known
    out = {r for r in candidates - known if not _spurious_root(r, patterns[r], pool, known)}
    return out - lemmatizer._read_list("not_roots.txt")


def _affix_patterns(counts: Counter[str]) -> dict[str, set[str]]:
    """For every string a corpus word can be split into, the affix patterns that produce it
    (``"bare"``, or ``prefixes-suffix`` such as ``"di-"``, ``"-an"``, ``"meN+per-kan"``)."""
    from peristiwa.nlp import lemmatizer

    patterns: dict[str, set[str]] = {}
    for word, n in counts.items():
        if "-" in word or len(word) < 4:
            continue
        bodies = [word] + [word[: -len(c)] for c in lemmatizer.CLITICS if word.endswith(c)]
        for body in bodies:
            if n >= 2:
                patterns.setdefault(body, set()).add("bare")
            for r, kind in _affixed_readings(body):
                patterns.setdefault(r, set()).add(kind)
    return patterns


def _affixed_readings(body: str) -> Iterator[tuple[str, str]]:
    """(root, pattern) for every split of a clitic-free word that takes an affix off and leaves
    at least four letters (shorter strings are too often accidental)."""
    from peristiwa.nlp import lemmatizer

    for suffix in (*lemmatizer.SUFFIXES, ""):
        if suffix and not body.endswith(suffix):
            continue
        stem = body[: -len(suffix)] if suffix else body
        for prefixes, r in lemmatizer._prefix_chains(stem):
            if len(r) < 4 or not (prefixes or suffix):
                continue
            yield r, "+".join(prefixes) + "-" + suffix


def _spurious_root(r: str, kinds: set[str], pool: set[str], known: set[str]) -> bool:
    """Whether a candidate root is an artefact of splitting rather than a root: a known root with
    an affix left on or cut short, a colloquial nasal form, or itself a prefix + known root."""
    from peristiwa.nlp import lemmatizer

    if any(r.endswith(s) and r[: -len(s)] in pool for s in (*lemmatizer.SUFFIXES, *lemmatizer.CLITICS)):
        return True  # pastikan, akhiri, nyataan: a suffix the split left on
    if r.endswith("k") and r[:-1] in pool:
        return True  # abaik from diabaikan read as -an
    if "bare" not in kinds and (len(r) < 5 or all(k.endswith("-i") for k in kinds)):
        return True  # short strings need the bare word; akuisis from diakuisisi read as -i
    if r + "an" in known or r + "k" in known:
        return True  # korb from korban, tunju from tunjuk: a root cut short by a suffix reading
    if r.startswith("nge") or any(plain in pool for plain in _denasalised(r)):
        return True  # milih, nunggu, ngecek: colloquial nasal forms of pilih, tunggu, cek
    # melapor is meN + lapor
    return any(prefixes and root in pool and root != r for prefixes, root in lemmatizer._prefix_chains(r))


@dataclass
class _TreebankWords:
    """What the treebanks contribute: lemma roots, PROPN forms, forms seen in lower case, and the
    files actually read (named in the headers of the derived lists)."""

    roots: set[str] = field(default_factory=set)
    propn: set[str] = field(default_factory=set)
    lower_seen: set[str] = field(default_factory=set)
    used: list[str] = field(default_factory=list)


def _treebank_words(data: Path) -> _TreebankWords:
    """Read every file of :data:`UD_FILES` that exists under ``data`` (a missing one is skipped)."""
    tb = _TreebankWords()
    for rel in UD_FILES:
        path = data / rel
        if not path.exists():
            continue
        tb.used.append(rel)
        for form, lemma, upos in _conllu_words(path):
            if form.islower():
                tb.lower_seen.add(form)
            if upos == "PROPN":
                if form[:1].isupper():
                    tb.propn.add(form.lower())
                continue
            low = lemma.lower()
            if upos not in _SKIP_UPOS and _LETTERS.match(low):
                tb.roots.add(low)
    return tb


def _write_list(path: Path, src: str, lines: Iterable[str]) -> None:
    """One derived file: the do-not-edit header naming its sources, then one entry a line."""
    path.write_text(_HEADER.format(src=src) + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def _split_names(candidates: set[str]) -> list[str]:
    """The candidate names the lemmatizer would split (the only ones worth protecting), sorted."""
    from peristiwa.nlp import lemmatizer

    return sorted(
        w for w in candidates
        if _LETTERS.match(w) and w not in lemmatizer.keep_words() and lemmatizer._split(w) not in (None,)
        and lemmatizer._split(w)[0] != w  # type: ignore[index]
    )


def build_lexicon(data: Path | None = None, out_dir: Path | None = None) -> dict[str, int]:
    """Write ``roots.txt`` and ``names.txt`` into ``out_dir`` (default: the package data folder).

    Returns the number of entries written per file. Missing input files are skipped (the lists
    then come out smaller), so the function never fails half-way on a partial data folder.
    """
    from peristiwa.nlp import lemmatizer

    data = Path(data) if data is not None else data_dir()
    out_dir = Path(out_dir) if out_dir is not None else lemmatizer.DATA_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    tb = _treebank_words(data)
    roots, lower_seen, used = tb.roots, tb.lower_seen, tb.used
    news = data / "news" / "articles.jsonl"
    capital_mid: Counter[str] = Counter()
    _write_list(out_dir / "roots.txt", ", ".join(used), sorted(roots))
    news_roots: set[str] = set()
    if news.exists():
        used.append("news/articles.jsonl")
        capital_mid, news_lower = _news_case_counts(news)
        lower_seen |= news_lower
        known = roots | set(lemmatizer._read_list("roots_extra.txt")) | set(lemmatizer.keep_words())
        news_roots = _news_roots(_news_word_counts(news), known)
    _write_list(out_dir / "roots_news.txt", "news/articles.jsonl", sorted(news_roots))
    # names: judged against the new roots, so write roots first and clear the caches
    lemmatizer.root_lexicon.cache_clear()
    lemmatizer.analyse.cache_clear()
    freq: dict[str, int] = {}
    if news.exists():
        counts = _news_word_counts(news)
        freq = {r: counts[r] for r in lemmatizer.root_lexicon() if counts.get(r)}
    freq_lines = (f"{r}\t{n}" for r, n in sorted(freq.items()))
    _write_list(out_dir / "root_freq.tsv", "news/articles.jsonl", freq_lines)
    lemmatizer.root_frequency.cache_clear()
    names = _split_names((tb.propn | {w for w, n in capital_mid.items() if n >= 3}) - lower_seen)
    _write_list(out_dir / "names.txt", ", ".join(used), names)
    lemmatizer.proper_names.cache_clear()
    lemmatizer.analyse.cache_clear()
    return {
        "roots.txt": len(roots), "roots_news.txt": len(news_roots), "root_freq.tsv": len(freq),
        "names.txt": len(names),
    }


def main(argv: list[str] | None = None) -> None:
    """``python -m peristiwa.nlp.build_lexicon [--data DIR] [--out DIR]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="shared data folder (default PERISTIWA_DATA)")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: the package's)")
    args = ap.parse_args(argv)
    for name, n in build_lexicon(args.data, args.out).items():
        print(f"{name}: {n}")


if __name__ == "__main__":
    main()
