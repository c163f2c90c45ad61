"""Evaluate the coder against hand-annotated gold files with the project's shared scorer.

The scoring rules live in one place, ``../shared/tools/score_events.py``; this module loads that
script as a module and calls its ``score`` function, so ``peristiwa eval`` can never drift from
the figure everyone else quotes. It adds what the bare script does not print: figures per CAMEO
root and per modality, and every miss and false positive with its sentence.
"""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from peristiwa.config import data_dir
from peristiwa.model import Article


class EvaluationError(RuntimeError):
    """A gold file or the scorer cannot be used; the message names it."""


def default_scorer_path() -> Path:
    return data_dir().parent / "tools" / "score_events.py"


def load_scorer(path: Path | None = None) -> ModuleType:
    path = path or default_scorer_path()
    if not path.is_file():
        raise EvaluationError(f"{path}: scorer not found (set PERISTIWA_DATA or pass --scorer)")
    spec = importlib.util.spec_from_file_location("peristiwa_score_events", path)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a loader
        raise EvaluationError(f"{path}: cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class GoldArticle:
    article_id: str
    gold: dict[str, Any]
    text: str
    path: Path

    def to_article(self) -> Article:
        pub = self.gold.get("published")
        return Article(
            id=self.article_id,
            text=self.text,
            title=self.gold.get("title"),
            published=date.fromisoformat(pub) if pub else None,
            url=self.gold.get("url"),
            outlet=self.gold.get("outlet"),
            source=str(self.path),
        )


def read_gold(path: Path) -> GoldArticle:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: not a readable gold JSON file ({exc})") from None
    if not isinstance(gold, dict) or "article" not in gold or "events" not in gold:
        raise EvaluationError(f"{path}: not a gold file (needs 'article' and 'events')")
    if str(gold["article"]).startswith(DATA_REF):
        article_id, text = _text_from_corpus(path, gold)
        return GoldArticle(article_id, gold, text, path)
    article_id = gold.get("article_id") or Path(gold["article"]).stem
    text_path = (path.parent / gold["article"]).resolve()
    try:
        text = text_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(f"{path}: article text {text_path} unreadable ({exc.strerror})") from None
    return GoldArticle(article_id, gold, text, path)


#: prefix of an ``article`` reference into the shared data instead of a text file next to the gold
#: file: ``$PERISTIWA_DATA/news/articles.jsonl#<id>``. Gold sets kept in this repository use it, since
#: the corpus may not be redistributed: the repo holds the annotations, the data folder the text.
DATA_REF = "$PERISTIWA_DATA/"


def _text_from_corpus(path: Path, gold: dict[str, Any]) -> tuple[str, str]:
    """The article text a ``$PERISTIWA_DATA/<file>.jsonl#<id>`` reference points to."""
    ref = str(gold["article"])[len(DATA_REF) :]
    rel, _, ref_id = ref.partition("#")
    article_id = gold.get("article_id") or ref_id
    if not rel or not ref_id:
        raise EvaluationError(f"{path}: article reference {gold['article']!r} needs '<file>.jsonl#<id>'")
    if ref_id != article_id:
        raise EvaluationError(f"{path}: article reference names {ref_id!r} but article_id is {article_id!r}")
    corpus = data_dir() / rel
    try:
        stat = corpus.stat()
    except OSError as exc:
        raise EvaluationError(
            f"{path}: its article text lives in {corpus}, which is unreadable ({exc.strerror}); "
            "set PERISTIWA_DATA to the shared data folder"
        ) from None
    text = _corpus_texts(str(corpus.resolve()), stat.st_mtime_ns, stat.st_size).get(ref_id)
    if text is None:
        raise EvaluationError(f"{path}: article {ref_id!r} not found in {corpus}")
    return article_id, text


@lru_cache(maxsize=2)
def _corpus_texts(corpus: str, _mtime_ns: int, _size: int) -> dict[str, str]:
    """id -> text of a JSON Lines corpus, read once per file version (a gold folder of 50 files
    points into the same 8 MB corpus; the mtime and size in the key notice a changed file)."""
    texts: dict[str, str] = {}
    try:
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    texts[str(rec["id"])] = str(rec["text"])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise EvaluationError(f"{corpus}: not a readable articles JSON Lines file ({exc})") from None
    return texts


def materialise_texts(golds: list[GoldArticle], folder: Path) -> list[Path]:
    """Write each gold article's text to ``folder/<article_id>.txt``, byte for byte, so that the
    shared scorer's ``--texts folder`` can score gold files whose text lives in the corpus."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for g in golds:
        target = folder / f"{g.article_id}.txt"
        target.write_text(g.text, encoding="utf-8", newline="")
        out.append(target)
    return out


@dataclass
class Report:
    loose: dict[str, Any]
    strict: dict[str, Any]
    by_root: dict[str, dict[str, int]] = field(default_factory=dict)
    by_modality: dict[str, dict[str, int]] = field(default_factory=dict)
    modality_ok: int = 0
    modality_n: int = 0
    date_ok: int = 0
    date_n: int = 0
    misses: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    false_positives: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def evaluate(
    gold_paths: list[Path],
    predictions: list[dict[str, Any]],
    scorer: ModuleType,
    golds: list[GoldArticle] | None = None,
) -> Report:
    """Score predictions (records of ``Event.to_record``) against gold files."""
    golds = golds or [read_gold(p) for p in gold_paths]
    triples = [(g.article_id, g.gold, g.text) for g in golds]
    preds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in predictions:
        preds[p["article_id"]].append(p)
    loose = scorer.score(triples, preds, strict=False)
    strict = scorer.score(triples, preds, strict=True)
    rep = Report(loose=loose, strict=strict)
    texts = {g.article_id: g.text for g in golds}
    per_root: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    per_mod: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fn": 0, "right": 0})
    for g, p in loose["matched"]:
        per_root[g["code"][:2]]["tp"] += 1
        per_mod[g.get("modality", "?")]["tp"] += 1
        if g.get("modality"):
            rep.modality_n += 1
            if p.get("modality") == g["modality"]:
                rep.modality_ok += 1
                per_mod[g["modality"]]["right"] += 1
        if g.get("event_date"):
            rep.date_n += 1
            rep.date_ok += str(p.get("event_date") or "").startswith(g["event_date"])
    for article_id, g in loose["misses"]:
        per_root[g["code"][:2]]["fn"] += 1
        per_mod[g.get("modality", "?")]["fn"] += 1
        text = texts[article_id]
        pos = text.find(g["anchor"])
        rep.misses.append((article_id, g, _sentence_around(text, pos)))
    for article_id, p in loose["spurious"]:
        per_root[str(p.get("event_code", ""))[:2]]["fp"] += 1
        rep.false_positives.append((article_id, p))
    rep.by_root = dict(sorted(per_root.items()))
    rep.by_modality = dict(sorted(per_mod.items()))
    return rep


def _sentence_around(text: str, pos: int) -> str:
    if pos < 0:
        return ""
    dot = text.rfind(". ", 0, pos)
    start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, pos) + 1)
    ends = [e for e in (text.find(". ", pos), text.find("\n", pos)) if e >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()
