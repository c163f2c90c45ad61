"""Turn the shared treebanks and NER corpora into spaCy ``DocBin`` files.

Everything the trainer and the evaluator read goes through here, so the decisions about the
data live in one place:

* CoNLL-U: UPOS is stored both as ``pos`` and as ``tag`` (the legacy GSD release has no XPOS, so
  the tagger learns UPOS directly and the assembled pipeline copies it to ``token.pos_``).
  Multiword tokens (enclitics split off in the modern releases) can be read two ways:
  ``"words"`` keeps the syntactic words as tokens, ``"surface"`` merges them back into the
  surface token (the way our tokenizer and the legacy treebank see ``penduduknya``), keeping the
  word whose head lies outside the range as the token's head, label and UPOS.
* NER: three corpora with different tag sets are mapped onto PER / ORG / LOC (table in
  :data:`NER_MAPS`); NERP's non-IOB2 ``I-`` tags start new entities, as its SOURCE.md says.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

# --------------------------------------------------------------------------------------------
# CoNLL-U


@dataclass(slots=True)
class Word:
    """One syntactic word of a CoNLL-U sentence (1-based ``id`` and ``head``, 0 = root)."""

    id: int
    form: str
    upos: str
    head: int
    deprel: str
    space_after: bool = True


@dataclass(slots=True)
class Sentence:
    """A CoNLL-U sentence: its words plus the multiword-token ranges over them."""

    sent_id: str
    words: list[Word] = field(default_factory=list)
    # (first word id, last word id, surface form, space_after) for each multiword token
    mwts: list[tuple[int, int, str, bool]] = field(default_factory=list)


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file; empty nodes (``8.1``) are skipped."""
    sent = Sentence(sent_id="")
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            if not line:
                if sent.words:
                    yield sent
                sent = Sentence(sent_id="")
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    sent.sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}: bad CoNLL-U line {line!r}")
            tid = cols[0]
            if "." in tid:
                continue
            if "-" in tid:
                a, b = tid.split("-")
                sent.mwts.append((int(a), int(b), cols[1], _space_after(cols[9])))
                continue
            sent.words.append(
                Word(int(tid), cols[1], cols[3], int(cols[6]), cols[7], _space_after(cols[9]))
            )
    if sent.words:
        yield sent


def _surface(sent: Sentence) -> list[Word]:
    """Merge each multiword token into one word, re-pointing heads at the merged tokens.

    The word kept for a range is the one whose head is outside the range (for ``membelinya``:
    ``membeli``, not the clitic ``nya``); the clitic's own arc is dropped, which is exactly what
    a parser that never splits clitics can be expected to produce.
    """
    if not sent.mwts:
        return sent.words
    owner: dict[int, int] = {}  # word id -> id of the word that represents its surface token
    spans: dict[int, tuple[int, int, str, bool]] = {}
    for a, b, form, sa in sent.mwts:
        inside = range(a, b + 1)
        keep = next((w for w in inside if sent.words[w - 1].head not in inside), a)
        for w in inside:
            owner[w] = keep
        spans[keep] = (a, b, form, sa)
    merged: list[Word] = []
    for w in sent.words:
        rep = owner.get(w.id, w.id)
        if rep != w.id:
            continue
        form, sa = w.form, w.space_after
        if w.id in spans:
            _, _, form, sa = spans[w.id]
        head = owner.get(w.head, w.head)
        merged.append(Word(w.id, form, w.upos, head, w.deprel, sa))
    new_index = {w.id: i + 1 for i, w in enumerate(merged)}
    return [
        Word(new_index[w.id], w.form, w.upos, new_index.get(w.head, 0) if w.head else 0, w.deprel,
             w.space_after)
        for w in merged
    ]


def sentence_words(sent: Sentence, tokens: str = "surface") -> list[Word]:
    """The sentence as the tokens to score: ``"surface"`` tokens or syntactic ``"words"``."""
    if tokens == "words":
        return sent.words
    if tokens == "surface":
        return _surface(sent)
    raise ValueError(f"tokens must be 'surface' or 'words', not {tokens!r}")


def sentences_to_doc(vocab: Vocab, sents: list[Sentence], tokens: str = "surface") -> Doc:
    """Build one Doc holding several sentences with gold tags, heads and labels."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    starts: list[bool] = []
    for sent in sents:
        ws = sentence_words(sent, tokens)
        offset = len(words)
        for i, w in enumerate(ws):
            words.append(w.form)
            spaces.append(w.space_after)
            tags.append(w.upos)
            heads.append(offset + (w.head - 1 if w.head else i))
            deps.append("ROOT" if w.head == 0 else w.deprel)
            starts.append(i == 0)
        if spaces:
            spaces[-1] = True
    if spaces:
        spaces[-1] = False
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=tags, heads=heads, deps=deps,
               sent_starts=starts)


def conllu_to_docbin(paths: Iterable[Path], out: Path, n_sents: int = 1,
                     tokens: str = "surface") -> int:
    """Write a DocBin of ``n_sents`` sentences per Doc; returns the number of sentences."""
    vocab = Vocab()
    db = DocBin(store_user_data=False)
    count = 0
    for path in paths:
        group: list[Sentence] = []
        for sent in read_conllu(path):
            group.append(sent)
            count += 1
            if len(group) == n_sents:
                db.add(sentences_to_doc(vocab, group, tokens))
                group = []
        if group:
            db.add(sentences_to_doc(vocab, group, tokens))
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return count


# --------------------------------------------------------------------------------------------
# NER

#: Source tag -> our label (None = not an entity for us). Anything unlisted raises.
NER_MAPS: dict[str, dict[str, str | None]] = {
    "idner": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
    "nergrit": {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"},
    "nerp": {"PPL": "PER", "IND": "ORG", "PLC": "LOC", "EVT": None, "FNB": None},
}

#: Where each corpus split lives under the data dir, and how its columns are laid out.
NER_FILES: dict[str, dict[str, str]] = {
    "idner": {"train": "ner/idner_news_2k/train.txt", "dev": "ner/idner_news_2k/dev.txt",
              "test": "ner/idner_news_2k/test.txt"},
    "nergrit": {"train": "ner/nergrit/train_preprocess.txt", "dev": "ner/nergrit/valid_preprocess.txt"},
    "nerp": {"train": "ner/nerp/train_preprocess.txt", "dev": "ner/nerp/valid_preprocess.txt"},
}


def read_bio(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Yield sentences as (token, tag) pairs; the tag is the last column (space or tab separated).

    idner has ``token POS TAG`` with CRLF endings, the IndoNLU files ``token<TAB>tag``.
    """
    sent: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            sent.append((cols[0], cols[-1]))
    if sent:
        yield sent


def bio_to_spans(tags: list[str], mapping: dict[str, str | None]) -> list[tuple[int, int, str]]:
    """Token spans (start, end, label) from BIO tags, lenient about non-IOB2 input.

    An ``I-X`` that does not continue an ``X`` entity starts a new one (NERP has about a hundred
    of those). Types mapped to ``None`` become ``O``.
    """
    spans: list[tuple[int, int, str]] = []
    cur: tuple[int, str] | None = None  # (start, source type)
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and cur is not None and cur[1] == typ
        if cur is not None and not continues:
            label = mapping[cur[1]]
            if label:
                spans.append((cur[0], i, label))
            cur = None
        if prefix in ("B", "I") and not continues:
            if typ not in mapping:
                raise ValueError(f"unknown NER type {typ!r}")
            cur = (i, typ)
        elif prefix not in ("B", "I", "O"):
            raise ValueError(f"bad BIO tag {tag!r}")
    return spans


def bio_to_doc(vocab: Vocab, sent: list[tuple[str, str]], mapping: dict[str, str | None]) -> Doc:
    """One sentence of pre-tokenised NER data as a Doc (tokens joined by single spaces)."""
    words = [w for w, _ in sent]
    doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in bio_to_spans([t for _, t in sent], mapping)]
    return doc


def ner_to_docbin(data: Path, parts: list[tuple[str, str]], out: Path) -> dict[str, int]:
    """Write the given (corpus, split) parts into one DocBin; returns entity counts per label."""
    vocab = Vocab()
    db = DocBin(store_user_data=False)
    counts: dict[str, int] = {}
    for corpus, split in parts:
        mapping = NER_MAPS[corpus]
        for sent in read_bio(data / NER_FILES[corpus][split]):
            doc = bio_to_doc(vocab, sent, mapping)
            for ent in doc.ents:
                counts[ent.label_] = counts.get(ent.label_, 0) + 1
            db.add(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return counts


# --------------------------------------------------------------------------------------------
# Everything the recipe needs

GSD_LEGACY = "ud/id_gsd/legacy_r2.1"

#: name -> (relative CoNLL-U path, tokens) for the evaluation treebanks.
UD_EVAL: dict[str, tuple[str, str]] = {
    "gsd_legacy_test": (f"{GSD_LEGACY}/id-ud-test.conllu", "surface"),
    "csui_test_surface": ("ud/id_csui/id_csui-ud-test.conllu", "surface"),
    "csui_test_words": ("ud/id_csui/id_csui-ud-test.conllu", "words"),
    "pud_test_surface": ("ud/id_pud/id_pud-ud-test.conllu", "surface"),
    "pud_test_words": ("ud/id_pud/id_pud-ud-test.conllu", "words"),
}


def convert_all(data: Path, out: Path, log: bool = True) -> None:
    """Write every corpus file the recipe uses under ``out`` (``training/corpus``)."""
    ud = data / GSD_LEGACY
    jobs: list[tuple[str, int | dict[str, int]]] = []
    jobs.append(("gsd_train", conllu_to_docbin([ud / "id-ud-train.conllu"], out / "gsd_train.spacy", 10)))
    jobs.append(("gsd_dev", conllu_to_docbin([ud / "id-ud-dev.conllu"], out / "gsd_dev.spacy", 1)))
    jobs.append(("gsd_csui_train", conllu_to_docbin(
        [ud / "id-ud-train.conllu", data / "ud/id_csui/id_csui-ud-train.conllu"],
        out / "gsd_csui_train.spacy", 10)))
    for name, (rel, tokens) in UD_EVAL.items():
        jobs.append((name, conllu_to_docbin([data / rel], out / f"{name}.spacy", 1, tokens)))
    ner_sets: dict[str, list[tuple[str, str]]] = {
        "idner_train": [("idner", "train")],
        "idner_dev": [("idner", "dev")],
        "idner_test": [("idner", "test")],
        "nergrit_train": [("nergrit", "train")],
        "nergrit_dev": [("nergrit", "dev")],
        "nerp_train": [("nerp", "train")],
        "nerp_dev": [("nerp", "dev")],
        "idner_nergrit_train": [("idner", "train"), ("nergrit", "train")],
        "idner_nerp_train": [("idner", "train"), ("nerp", "train")],
        "idner_nergrit_nerp_train": [("idner", "train"), ("nergrit", "train"), ("nerp", "train")],
    }
    for name, parts in ner_sets.items():
        jobs.append((name, ner_to_docbin(data, parts, out / f"{name}.spacy")))
    if log:
        for name, n in jobs:
            print(f"  {name:28s} {n}")
