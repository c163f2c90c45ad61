"""Reproduce the draw of ``gold/extra/``: corpus articles in four keyword strata, seed 20261202.

    .venv/bin/python gold/extra/sample.py            # prints stratum, id, title of the 62 drawn

Articles already in ``../shared/gold/dev`` or ``../shared/gold/train`` are excluded by id and as
near duplicates (Jaccard over word 5-gram shingles of the first 1,500 characters above 0.3, or
over title words above 0.6), and so are near duplicates of articles drawn before. The strata are
the train set's rough keyword heuristic (sport, markets and lifestyle land in 'international').
The draw was made in two steps, 18/14/4/4 articles and then extended to 30/24/4/4 along the same
shuffled order; the first 40 are a prefix of the second, so one run reproduces all 62.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from peristiwa.config import data_dir

SEED = 20261202
WANT = {"domestic": 30, "international": 24, "economy": 4, "none": 4}
GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold"
DOM = (
    r"\b(kpk|dpr|mk|polisi|polri|polda|polres|tersangka|ditahan|jaksa|kejaksaan|kejagung|hakim|sidang|"
    r"vonis|korupsi|partai|menteri|presiden|prabowo|gibran|jokowi|gubernur|bupati|wali kota|pemilu|kpu|"
    r"bawaslu|demo|tni|pengadilan|gugatan)\b"
)
INT = (
    r"\b(as|amerika|china|tiongkok|rusia|ukraina|israel|iran|gaza|palestina|pbb|nato|asean|trump|putin|"
    r"xi jinping|eropa|jepang|korea|malaysia|singapura|australia|india|duta besar|kedubes|"
    r"kementerian luar negeri|kemlu|bilateral|kunjungan kenegaraan|perang|sanksi|tarif)\b"
)
ECO = (
    r"\b(ekonomi|ihsg|rupiah|inflasi|investasi|ekspor|impor|saham|bank indonesia|apbn|pajak|harga|"
    r"pertumbuhan)\b"
)


def _words(s: str | None) -> list[str]:
    return re.sub(r"[^a-z0-9 ]", " ", (s or "").lower()).split()


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    w = _words(text[:1500])
    return {tuple(w[i : i + n]) for i in range(max(0, len(w) - n + 1))}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / max(1, len(a | b))


def _near(article: dict, pool: list[tuple[set, set]]) -> bool:
    sh, title = _shingles(article["text"]), set(_words(article["title"]))
    return any(_jaccard(sh, s2) > 0.3 or (title and _jaccard(title, t2) > 0.6) for s2, t2 in pool)


def stratum(article: dict) -> str:
    t = (article["title"] + " " + article["text"][:1500]).lower()
    d, i, e = (len(re.findall(p, t)) for p in (DOM, INT, ECO))
    if i >= 3 and i >= d:
        return "international"
    if d >= 3:
        return "domestic"
    return "economy" if e >= 3 else "none"


def draw() -> list[tuple[str, dict]]:
    def read(path: Path) -> list[dict]:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    arts = read(data_dir() / "news" / "articles.jsonl")
    taken = [a for split in ("dev", "train") for a in read(GOLD / split / "articles.jsonl")]
    taken_ids = {a["id"] for a in taken}
    pool = [(_shingles(a["text"]), set(_words(a["title"]))) for a in taken]
    random.seed(SEED)
    order = arts[:]
    random.shuffle(order)
    got: dict[str, list[dict]] = {k: [] for k in WANT}
    for a in order:
        s = stratum(a)
        if a["id"] in taken_ids or len(a["text"]) < 400 or len(got[s]) >= WANT[s] or _near(a, pool):
            continue
        got[s].append(a)
        pool.append((_shingles(a["text"]), set(_words(a["title"]))))
        if all(len(got[k]) >= WANT[k] for k in WANT):
            break
    return [(k, a) for k, v in got.items() for a in v]


if __name__ == "__main__":
    for s, a in draw():
        print(s, a["id"], a["title"][:80])
