"""Static word vectors learnt here from raw Indonesian text (no download, no extra dependency).

The treebank has under 100k words, so most news words are rare or unseen in it; vectors learnt
from a larger raw corpus tell the tagger, parser and NER which unseen words behave alike. We
use the classic count-based recipe (positive PMI over a +-4 word window with context
smoothing 0.75, then a truncated SVD), which needs only numpy and takes a minute or two on the
~1.5M words we have. Vectors are learnt on lower-cased words; every surface form seen in the
text points at its lower-cased row, because spaCy looks static vectors up by exact ``ORTH``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.vectors import Vectors

from .convert import GSD_LEGACY, NER_FILES, read_bio, read_conllu


def raw_texts(data: Path) -> Iterator[str]:
    """Unlabelled text: news articles plus the *training/dev* sides of treebank and NER data.

    Test splits are left out so that no evaluation sentence is seen even without its labels.
    """
    news = data / "news" / "articles.jsonl"
    if news.is_file():
        with news.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                yield f"{rec.get('title') or ''}\n{rec['text']}"
    for split in ("train", "dev"):
        path = data / GSD_LEGACY / f"id-ud-{split}.conllu"
        if path.is_file():
            yield "\n".join(" ".join(w.form for w in s.words) for s in read_conllu(path))
    for files in NER_FILES.values():
        for split in ("train", "dev"):
            path = data / files[split] if split in files else None
            if path is not None and path.is_file():
                yield "\n".join(" ".join(w for w, _ in s) for s in read_bio(path))


def _tokens(nlp: Language, texts: Iterable[str]) -> tuple[list[str], Counter[str]]:
    """Tokenise with the pipeline's own tokenizer; returns the token stream and surface counts."""
    stream: list[str] = []
    surface: Counter[str] = Counter()
    for doc in nlp.tokenizer.pipe(texts, batch_size=64):
        for t in doc:
            if t.is_space:
                continue
            surface[t.text] += 1
            stream.append(t.text.lower())
        stream.append("\n")  # document boundary: no co-occurrence across it
    return stream, surface


def ppmi_svd(stream: list[str], n_words: int, n_contexts: int, dim: int, window: int = 4,
             seed: int = 0) -> tuple[list[str], np.ndarray]:
    """Vectors for the ``n_words`` most frequent words from a PPMI matrix over the top contexts."""
    counts = Counter(w for w in stream if w != "\n")
    vocab = [w for w, c in counts.most_common(n_words) if c >= 3]
    index = {w: i for i, w in enumerate(vocab)}
    ids = np.array([index.get(w, -1) if w != "\n" else -2 for w in stream], dtype=np.int64)
    n_v, n_c = len(vocab), min(n_contexts, len(vocab))
    flat = np.zeros(n_v * n_c, dtype=np.float64)
    for d in range(1, window + 1):
        a, b = ids[:-d], ids[d:]
        # no pair may cross a document boundary (a -2 anywhere between them)
        boundary = np.convolve((ids == -2).astype(np.int64), np.ones(d + 1, dtype=np.int64), "valid") > 0
        for t, c in ((a, b), (b, a)):
            ok = (t >= 0) & (c >= 0) & (c < n_c) & ~boundary
            flat += np.bincount(t[ok] * n_c + c[ok], minlength=n_v * n_c) / d
    m = flat.reshape(n_v, n_c)
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True) / total
    pc = m.sum(axis=0) ** 0.75
    pc = (pc / pc.sum())[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw * pc))
    pmi = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0).astype(np.float32)
    # randomised truncated SVD (Halko et al.): two power iterations are plenty here
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(pmi @ rng.standard_normal((n_c, dim + 20)).astype(np.float32))
    for _ in range(2):
        q, _ = np.linalg.qr(pmi @ (pmi.T @ q))
    u_small, s, _ = np.linalg.svd(q.T @ pmi, full_matrices=False)
    vecs = (q @ u_small[:, :dim]) * np.sqrt(s[:dim])[None, :]
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-8
    return vocab, vecs.astype(np.float32)


def build_vectors(data: Path, out: Path, n_words: int = 30000, n_contexts: int = 5000,
                  dim: int = 64) -> int:
    """Learn vectors and save an ``id`` pipeline holding them (``[initialize] vectors`` path)."""
    import spacy

    from ..pipeline import import_components, tokenizer_config

    import_components()
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": tokenizer_config()}})
    stream, surface = _tokens(nlp, raw_texts(data))
    vocab, vecs = ppmi_svd(stream, n_words, n_contexts, dim)
    # saved with spaCy's stock tokenizer config: the file only carries the vectors, and must load
    # in a plain `spacy train` process where our tokenizer is not registered
    holder = spacy.blank("id")
    table = Vectors(strings=holder.vocab.strings, shape=vecs.shape, data=vecs, mode="default")
    row = {w: i for i, w in enumerate(vocab)}
    n_keys = 0
    for form in surface:
        i = row.get(form.lower())
        if i is not None:
            table.add(holder.vocab.strings.add(form), row=i)
            n_keys += 1
    holder.vocab.vectors = table
    holder.to_disk(out)
    print(f"  vectors: {len(vocab):,} rows x {dim} dims, {n_keys:,} surface keys, "
          f"{len(stream):,} tokens of text")
    return n_keys
