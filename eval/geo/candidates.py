"""Candidate place mentions for the geocoding gold set (``eval/geo/README.md`` gives the method).

Candidates come from three resolver-independent sources -- the NER model's LOC spans, capitalised
word runs after a place cue (di, ke, dari, kota, kabupaten, provinsi ...), the dateline -- and the
geocoder's own mentions (so every mention it outputs gets judged). The annotator then writes, for each
candidate, what the text means; the resolver's answer is not shown in the file.

Run: ``python eval/geo/candidates.py OUT.tsv [--heldout]`` (reads ../shared/gold/train and
../shared/data/news).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from peristiwa.coding import geo
from peristiwa.config import data_dir
from peristiwa.nlp import load

CUES = {
    "di",
    "ke",
    "dari",
    "menuju",
    "asal",
    "kota",
    "kabupaten",
    "provinsi",
    "negara",
    "wilayah",
    "pulau",
    "kecamatan",
    "desa",
    "kawasan",
    "daerah",
}
CHARS = 1500  # the first characters of each article: the lede and the paragraphs after it
TRAIN_ARTICLES = 30
NEWS_ARTICLES = 22
NEWS_SKIP = 1000  # news articles taken from here on, away from the gold sets' draws


#: The held-out set, annotated after the resolver's rules were fixed: other train and news articles.
HELDOUT_TRAIN = (30, 42)
HELDOUT_NEWS = (1500, 1510)


def _articles(heldout: bool = False) -> list[dict]:
    root = data_dir().parent
    train = [json.loads(x) for x in (root / "gold" / "train" / "articles.jsonl").read_text().splitlines()]
    news = (root / "data" / "news" / "articles.jsonl").read_text().splitlines()
    if heldout:
        picked = [json.loads(x) for x in news[HELDOUT_NEWS[0] : HELDOUT_NEWS[1]]]
        return train[HELDOUT_TRAIN[0] : HELDOUT_TRAIN[1]] + picked
    picked = [json.loads(x) for x in news[NEWS_SKIP : NEWS_SKIP + NEWS_ARTICLES]]
    return train[:TRAIN_ARTICLES] + picked


def _cue_runs(doc) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    out = []
    for t in doc:
        if t.text.lower() in CUES and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper():
            j = t.i + 1
            while j < len(doc) and j - t.i <= 4 and doc[j].text[:1].isupper():
                j += 1
            out.append((doc[t.i + 1].idx, doc[j - 1].idx + len(doc[j - 1])))
    return out


def candidates(doc) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    spans: dict[tuple[int, int], set[str]] = {}
    for e in doc.ents:
        if e.label_ == "LOC":
            spans.setdefault((e.start_char, e.end_char), set()).add("ner")
    for s in _cue_runs(doc):
        spans.setdefault(s, set()).add("cue")
    m = re.match(r"^\s*([A-Z][A-Z .'\-]{2,40}?)\s*,", doc.text)
    if m:
        spans.setdefault((m.start(1), m.end(1)), set()).add("dateline")
    for gm in geo.find_mentions(doc):
        spans.setdefault((gm.start_char, gm.end_char), set()).add("system")
    merged: list[tuple[int, int, set[str]]] = []
    for (a, b), src in sorted(spans.items(), key=lambda x: (x[0][0], -x[0][1])):
        if merged and a < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], b), last[2] | src)
        else:
            merged.append((a, b, set(src)))
    return [(a, b, ",".join(sorted(src))) for a, b, src in merged]


def main(out: str, heldout: bool = False) -> None:
    nlp = load()
    rows = ["article_id\tstart\tend\tmention\tsources\tcontext"]
    for art in _articles(heldout):
        text = art["text"][:CHARS]
        doc = nlp(text)
        for a, b, src in candidates(doc):
            ctx = text[max(0, a - 50) : b + 40].replace("\n", " ").replace("\t", " ")
            rows.append(f"{art['id']}\t{a}\t{b}\t{text[a:b]}\t{src}\t{ctx}")
    Path(out).write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows) - 1} candidates -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], "--heldout" in sys.argv)
