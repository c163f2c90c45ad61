"""Score the assembled pipeline on held-out treebanks and NER sets, with gold tokenisation.

Our own scorer rather than ``spacy evaluate`` because the numbers must be comparable with the
UD literature: UPOS accuracy and UAS/LAS are counted over *all* tokens, punctuation included,
with the full relation label (subtypes such as ``nsubj:pass`` must match), the way the
CoNLL 2018 script counts them. spaCy's trainer excludes punctuation, so we also report that
variant (``*_nopunct``), which is the one the training logs and the spaCy reference figures use.

Each treebank sentence is fed as its own Doc of gold tokens, so sentence boundaries are gold
too; the rule senter is not run (it could only split a gold sentence). For NER every component
after the senter runs, then GPE is mapped back to LOC because the test sets know only LOC.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .. import pipeline as P


@dataclass(slots=True)
class UDScore:
    """Counts behind UPOS / UAS / LAS, with and without punctuation."""

    tokens: int = 0
    upos: int = 0
    uas: int = 0
    las: int = 0
    tokens_np: int = 0
    uas_np: int = 0
    las_np: int = 0
    sentences: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, float]:
        def pct(a: int, b: int) -> float:
            return round(100.0 * a / b, 2) if b else 0.0

        return {
            "upos": pct(self.upos, self.tokens), "uas": pct(self.uas, self.tokens),
            "las": pct(self.las, self.tokens), "uas_nopunct": pct(self.uas_np, self.tokens_np),
            "las_nopunct": pct(self.las_np, self.tokens_np), "tokens": self.tokens,
            "sentences": self.sentences,
            "words_per_s": round(self.tokens / self.seconds) if self.seconds else 0,
        }


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f": round(100 * f, 2),
                "support": self.tp + self.fn}


@dataclass(slots=True)
class NERScore:
    per_type: dict[str, PRF] = field(default_factory=dict)

    def as_dict(self) -> dict[str, dict[str, float]]:
        total = PRF()
        out: dict[str, dict[str, float]] = {}
        for label in sorted(self.per_type):
            s = self.per_type[label]
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
            out[label] = s.scores()
        out["ALL"] = total.scores()
        return out


def _procs(nlp: Language, names: Iterable[str]) -> list:
    wanted = set(names)
    return [proc for name, proc in nlp.pipeline if name in wanted]


def _gold_tokens_doc(nlp: Language, gold: Doc) -> Doc:
    return Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])


def score_ud(nlp: Language, docbin: Path) -> UDScore:
    """UPOS, UAS and LAS of ``nlp`` on a DocBin of one-sentence gold Docs."""
    procs = _procs(nlp, ("tok2vec", "morphologizer", "tagger", "parser", "upos"))
    golds = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
    score = UDScore(sentences=len(golds))
    start = time.perf_counter()
    preds = []
    for gold in golds:
        doc = _gold_tokens_doc(nlp, gold)
        for proc in procs:
            doc = proc(doc)
        preds.append(doc)
    score.seconds = time.perf_counter() - start
    for gold, pred in zip(golds, preds, strict=True):
        for g, p in zip(gold, pred, strict=True):
            score.tokens += 1
            score.upos += g.pos_ == (p.pos_ or p.tag_)
            head_ok = g.head.i == p.head.i
            label_ok = head_ok and g.dep_.lower() == p.dep_.lower()
            score.uas += head_ok
            score.las += label_ok
            if g.dep_ != "punct":
                score.tokens_np += 1
                score.uas_np += head_ok
                score.las_np += label_ok
    return score


def score_ner(nlp: Language, docbin: Path) -> NERScore:
    """Exact-span precision/recall/F1 per type; GPE predictions count as LOC."""
    names = [n for n in nlp.pipe_names if n != P.SENTER]
    procs = _procs(nlp, names)
    golds = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
    score = NERScore()
    for gold in golds:
        doc = _gold_tokens_doc(nlp, gold)
        for proc in procs:
            doc = proc(doc)
        g = {(e.start, e.end, e.label_) for e in gold.ents}
        p = {(e.start, e.end, "LOC" if e.label_ == "GPE" else e.label_) for e in doc.ents}
        for label in {lab for *_, lab in g | p}:
            s = score.per_type.setdefault(label, PRF())
            gl = {x for x in g if x[2] == label}
            pl = {x for x in p if x[2] == label}
            s.tp += len(gl & pl)
            s.fp += len(pl - gl)
            s.fn += len(gl - pl)
    return score


#: docbin name -> (what it is, split and annotation version) for the report.
UD_SETS: dict[str, str] = {
    "gsd_legacy_test": "UD Indonesian-GSD **legacy r2.1** test (557 sent.; same scheme as training)",
    "csui_test_surface": "UD Indonesian-CSUI **r2.18** test, surface tokens (374 sent.)",
    "csui_test_words": "UD Indonesian-CSUI **r2.18** test, syntactic words (374 sent.)",
    "pud_test_surface": "UD Indonesian-PUD **r2.17** test, surface tokens (1,000 sent.)",
    "pud_test_words": "UD Indonesian-PUD **r2.17** test, syntactic words (1,000 sent.)",
}
NER_SETS: dict[str, str] = {
    "idner_test": "idner-news-2k test (509 sent.)",
    "nergrit_dev": "NERGrit (IndoNLU) valid (209 sent.)",
    "nerp_dev": "NERP (IndoNLU) valid (840 sent., lower-cased text)",
}


def evaluate(nlp: Language, corpus: Path) -> dict[str, dict]:
    """All scores of the report, keyed by data set name."""
    results: dict[str, dict] = {"ud": {}, "ner": {}}
    for name in UD_SETS:
        results["ud"][name] = score_ud(nlp, corpus / f"{name}.spacy").as_dict()
    for name in NER_SETS:
        results["ner"][name] = score_ner(nlp, corpus / f"{name}.spacy").as_dict()
    return results


def format_tables(results: dict[str, dict]) -> str:
    """Markdown tables of :func:`evaluate` results (also printed by the CLI)."""
    lines = ["| data set | tokens | UPOS | UAS | LAS | UAS w/o punct | LAS w/o punct |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, desc in UD_SETS.items():
        r = results["ud"].get(name)
        if r:
            lines.append(f"| {desc} | {r['tokens']:,} | {r['upos']:.2f} | {r['uas']:.2f} | {r['las']:.2f} | "
                         f"{r['uas_nopunct']:.2f} | {r['las_nopunct']:.2f} |")
    lines += ["", "| data set | type | support | P | R | F1 |", "|---|---|---:|---:|---:|---:|"]
    for name, desc in NER_SETS.items():
        r = results["ner"].get(name)
        if not r:
            continue
        for label in ("PER", "ORG", "LOC", "ALL"):
            if label in r:
                s = r[label]
                shown = f"**{label}**" if label == "ALL" else label
                lines.append(f"| {desc} | {shown} | {s['support']:,} | "
                             f"{s['p']:.2f} | {s['r']:.2f} | {s['f']:.2f} |")
    return "\n".join(lines)
