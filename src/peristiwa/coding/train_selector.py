"""Train the candidate selector on gold annotations, with 5-fold cross-validation by article.

    python -m peristiwa.coding.train_selector --gold ../shared/gold/dev ../shared/gold/train

Every gold article is coded with open candidates (coder.Coder.candidates); a candidate is
positive when it matches a required gold event by the shared scorer's root+country rule (same
sentence, same CAMEO root, both actors' countries), left out of training when it matches only an
optional one (the scorer neither rewards nor penalises those), negative otherwise. A logistic
model (L2, Newton's method, numpy) is trained on four folds and applied to the fifth; the pooled
out-of-fold predictions are scored with the shared scorer at every threshold, which gives the
precision-recall curve and the threshold shipped (best F1 with precision >= ``--min-precision``).
The final model is trained on all folds and written to ``coding/models/selector.json`` with
the cross-validated figures in its ``meta``.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from peristiwa.coding.codebook import ROOT_PRECISION
from peristiwa.coding.coder import Coder
from peristiwa.coding.selection import MODEL_PATH, Candidate, Selector
from peristiwa.evaluation import GoldArticle, load_scorer, read_gold

FOLDS = 5
L2 = 1.0
MIN_COUNT = 3  # features seen fewer times than this in training are dropped
GRID = [round(0.1 + 0.05 * i, 2) for i in range(17)]  # thresholds tried, 0.10 .. 0.90


def _fold(article_id: str) -> int:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % FOLDS


def _label(cand: Candidate, gold: GoldArticle, scorer) -> float | None:
    """1 for a required gold match, None for optional-only or out of scope, 0 otherwise."""
    record = cand.event.to_record()
    scope = gold.gold.get("scope") or {}
    lo, hi = scope.get("start", 0), scope.get("end", len(gold.text))
    if not lo <= record["sentence_start"] < hi:
        return None
    optional = False
    for g in gold.gold["events"]:
        pos = gold.text.find(g["anchor"])
        if pos >= 0 and scorer.match(record, g, pos, False):
            if g.get("required", True):
                return 1.0
            optional = True
    return None if optional else 0.0


def _fit(rows: Sequence[dict[str, float]], y: np.ndarray) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression by Newton's method (a few dozen features' worth)."""
    counts: dict[str, int] = {}
    for r in rows:
        for k in r:
            counts[k] = counts.get(k, 0) + 1
    names = sorted(k for k, c in counts.items() if c >= MIN_COUNT)
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for n, r in enumerate(rows):
        for k, v in r.items():
            if k in index:
                x[n, index[k]] = v
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], L2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return {k: float(w[i]) for k, i in index.items()}, float(w[-1])


def _collect(golds: Sequence[GoldArticle], coder: Coder, scorer) -> list[tuple[GoldArticle, list[Candidate]]]:
    return [(g, coder.candidates(g.to_article())) for g in golds]


def _training_rows(data, folds: set[int], scorer) -> tuple[list[dict[str, float]], np.ndarray]:
    rows, ys = [], []
    for gold, cands in data:
        if _fold(gold.article_id) not in folds:
            continue
        for c in cands:
            y = _label(c, gold, scorer)
            if y is not None:
                rows.append(c.features)
                ys.append(y)
    return rows, np.array(ys)


def _score(
    data, selectors: dict[int, Selector], threshold: float, scorer, open_threshold: float | None = None
) -> dict:
    golds, preds = [], {}
    for gold, cands in data:
        sel = selectors[_fold(gold.article_id)]
        events = sel.select(cands, threshold, open_threshold)
        golds.append((gold.article_id, gold.gold, gold.text))
        preds[gold.article_id] = [e.to_record() for e in events]
    return scorer.score(golds, preds, False)


def fold_selectors(data, scorer) -> dict[int, Selector]:
    """One model per fold, trained on the other four."""
    selectors = {}
    for k in range(FOLDS):
        rows, y = _training_rows(data, set(range(FOLDS)) - {k}, scorer)
        w, b = _fit(rows, y)
        selectors[k] = Selector(w, b, 0.5)
    return selectors


def curve_of(data, selectors: dict[int, Selector], scorer) -> list[dict]:
    """Out-of-fold P/R/F1 at each pair of thresholds (rule candidates, open candidates)."""
    curve = []
    for rule_t in GRID:
        for open_t in GRID:
            if open_t < rule_t:
                continue
            s = _score(data, selectors, rule_t, scorer, open_t)
            curve.append(
                {
                    "threshold": rule_t,
                    "open_threshold": open_t,
                    "precision": round(s["precision"], 3),
                    "recall": round(s["recall"], 3),
                    "f1": round(s["f1"], 3),
                    "tp": s["tp"],
                    "fp": s["fp"],
                    "fn": s["fn"],
                }
            )
    return curve


def by_split(data, selectors: dict[int, Selector], point: dict, scorer) -> dict[str, dict]:
    """Out-of-fold figures at the chosen thresholds, per gold folder (dev, train)."""
    out = {}
    for split in sorted({g.path.parent.name for g, _c in data}):
        part = [(g, c) for g, c in data if g.path.parent.name == split]
        s = _score(part, selectors, point["threshold"], scorer, point["open_threshold"])
        out[split] = {
            k: round(s[k], 3) if isinstance(s[k], float) else s[k]
            for k in ("precision", "recall", "f1", "tp", "fp", "fn")
        }
    return out


def _choose(curve: list[dict], min_precision: float) -> dict:
    ok = [c for c in curve if c["precision"] >= min_precision] or curve
    return max(ok, key=lambda c: c["f1"])


def write_root_precision(scored: dict, articles: int, path: Path, folders: Sequence[str]) -> None:
    """The coder's out-of-fold precision per CAMEO root (shipped as ``dictionaries/root_precision.tsv``),
    which the web pages show next to counts: what an analyst should trust per kind of event."""

    counts: dict[str, list[int]] = {}
    for _g, p in scored["matched"]:
        counts.setdefault(str(p["event_code"])[:2], [0, 0, 0])[0] += 1
    for _aid, p in scored["spurious"]:
        counts.setdefault(str(p["event_code"])[:2], [0, 0, 0])[1] += 1
    for _aid, g in scored["misses"]:
        counts.setdefault(str(g["code"])[:2], [0, 0, 0])[2] += 1
    lines = [
        "# The coder's precision per CAMEO root: 5-fold out-of-fold predictions of the selector on",
        f"# {' + '.join(folders)} ({articles} articles, root+country matching), written by",
        "# python -m peristiwa.coding.train_selector (docs/coder.md). A root the coder never predicted",
        "# has precision 0 over 0; small counts: read 1.00 over 3 events as 'few mistakes seen'.",
        "root\ttp\tfp\tfn\tprecision",
    ]
    for root, (tp, fp, fn) in sorted(counts.items()):
        lines.append(f"{root}\t{tp}\t{fp}\t{fn}\t{tp / (tp + fp) if tp + fp else 0.0:.3f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", nargs="+", type=Path, required=True, help="gold folders (dev, train)")
    ap.add_argument("--min-precision", type=float, default=0.75)
    ap.add_argument(
        "--choose-on", default="train", help="gold folder whose out-of-fold figures pick the thresholds"
    )
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = _parse_args(argv)
    scorer = load_scorer()
    golds = [read_gold(p) for d in args.gold for p in sorted(d.glob("*.gold.json"))]
    coder = Coder(selector=None)
    data = _collect(golds, coder, scorer)
    selectors = fold_selectors(data, scorer)
    # the thresholds are chosen on the folder the rules were not written against (train): on dev,
    # the rules' own choices look better than they are
    chooser = [(g, c) for g, c in data if g.path.parent.name == args.choose_on] or data
    best = _choose(curve_of(chooser, selectors, scorer), args.min_precision)
    curve = curve_of(data, selectors, scorer)
    print("rule-t open-t  P      R      F1     (5-fold cross-validated, root+country; open-t >= rule-t)")
    for c in curve:
        if c["open_threshold"] == best["open_threshold"] or c["threshold"] == best["threshold"]:
            print(
                f"{c['threshold']:.2f}   {c['open_threshold']:.2f}    {c['precision']:.3f}  {c['recall']:.3f}"
                f"  {c['f1']:.3f}  tp={c['tp']} fp={c['fp']} fn={c['fn']}"
            )
    splits = by_split(data, selectors, best, scorer)
    pooled = next(
        c
        for c in curve
        if c["threshold"] == best["threshold"] and c["open_threshold"] == best["open_threshold"]
    )
    print(
        f"pooled dev+train at the chosen thresholds: P={pooled['precision']:.3f} R={pooled['recall']:.3f} "
        f"F1={pooled['f1']:.3f}"
    )
    for split, fig in splits.items():
        print(f"{split}: out-of-fold P={fig['precision']:.3f} R={fig['recall']:.3f} F1={fig['f1']:.3f}")
    chosen = _score(data, selectors, best["threshold"], scorer, best["open_threshold"])
    # the shipped table goes with the shipped model; a model written elsewhere (a test, an
    # experiment) gets its table beside it and leaves the package alone
    table = ROOT_PRECISION if args.out == MODEL_PATH else args.out.with_name("root_precision.tsv")
    write_root_precision(chosen, len(data), table, [str(d) for d in args.gold])
    rows, y = _training_rows(data, set(range(FOLDS)), scorer)
    w, b = _fit(rows, y)
    meta = {
        "articles": len(golds),
        "candidates": len(rows),
        "positives": int(y.sum()),
        "cv": pooled,
        "chosen_on": args.choose_on,
        "cv_by_split": splits,
        "curve": curve,
        "l2": L2,
        "folds": FOLDS,
    }
    Selector(w, b, best["threshold"], meta, best["open_threshold"]).save(args.out)
    print(
        f"chosen on {args.choose_on}: rule {best['threshold']:.2f} open {best['open_threshold']:.2f} "
        f"(P={best['precision']:.3f} R={best['recall']:.3f} F1={best['f1']:.3f} there); wrote {args.out}"
    )


if __name__ == "__main__":
    main()
