"""Throughput of the shipped Indonesian pipeline on the development news corpus.

Runs ``peristiwa.nlp.load()`` over the article texts of ``$PERISTIWA_DATA/news/articles.jsonl``
with ``nlp.pipe`` and prints words per second with 1 and with 2 processes, plus peak RSS. Words
are spaCy tokens that are not whitespace (what a "words/s" figure usually counts). The first
batch is a warm-up and not timed, so the figure reflects steady-state speed, not loading.

    python benchmarks/bench_nlp.py [--limit N] [--batch-size B] [--exclude parser ...] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

# One BLAS thread per process: "per core" figures must not borrow a second core.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from peristiwa import config  # noqa: E402


def read_texts(limit: int | None) -> list[str]:
    """Article bodies from the shared news corpus (title + text, as the coder sees them)."""
    path = config.data_dir() / "news" / "articles.jsonl"
    if not path.is_file():
        sys.exit(f"no news corpus at {path} (set PERISTIWA_DATA)")
    texts: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts.append(rec["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def run(texts: list[str], n_process: int, batch_size: int, exclude: list[str]) -> tuple[int, float, float]:
    """Words processed, wall seconds and this process's CPU seconds for ``nlp.pipe``.

    With one process the CPU figure is the honest "per core" speed even on a busy machine; with
    several, the work happens in the children, so only the wall figure means anything.
    """
    from peristiwa.nlp import load

    nlp = load(exclude=exclude)
    for _ in nlp.pipe(texts[:batch_size], batch_size=batch_size):  # warm-up (lazy init, caches)
        pass
    words = 0
    start, cpu0 = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        words += sum(1 for t in doc if not t.is_space)
    return words, time.perf_counter() - start, time.process_time() - cpu0


def profile(texts: list[str], batch_size: int, exclude: list[str]) -> None:
    """Seconds spent in the tokenizer and in each component, one process (where the time goes)."""
    from peristiwa.nlp import load

    nlp = load(exclude=exclude)
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    spent = {"tokenizer": time.perf_counter() - start}
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        spent[name] = time.perf_counter() - start
    total = sum(spent.values())
    words = sum(1 for d in docs for t in d if not t.is_space)
    for name, secs in spent.items():
        print(f"  {name:20s} {secs:7.2f} s  {100 * secs / total:5.1f} %")
    print(f"  {'total':20s} {total:7.2f} s  = {words / total:,.0f} words/s (wall)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--exclude", nargs="*", default=[], help="pipeline components to leave out")
    ap.add_argument("--profile", action="store_true", help="also time each component separately")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each figure as it comes

    texts = read_texts(args.limit)
    print(f"loading the pipeline; then {len(texts):,} articles per run", flush=True)
    from peristiwa.nlp import load

    nlp = load(exclude=args.exclude)
    print(f"pipeline: {nlp.pipe_names}")
    print(f"articles: {len(texts):,}  characters: {sum(map(len, texts)):,}")
    for n in args.processes:
        print(f"n_process={n}: running ...", flush=True)
        words, secs, cpu = run(texts, n, args.batch_size, args.exclude)
        line = f"n_process={n}: {words:,} words in {secs:.1f} s wall = {words / secs:,.0f} words/s"
        if n == 1:
            line += f"; {cpu:.1f} s CPU = {words / cpu:,.0f} words per CPU second"
        print(line)
    print(f"peak RSS: {peak_rss_mb():.0f} MB (largest of the main process and its workers)")
    if args.profile:
        print("time per component (1 process):")
        profile(texts, args.batch_size, args.exclude)


if __name__ == "__main__":
    main()
