"""End-to-end throughput of ``peristiwa code`` on the news corpus, with 1 and 2 worker processes.

Reads ``../shared/data/news/articles.jsonl`` (2,140 articles), codes it with the fast pipeline
(:mod:`peristiwa.scale.pipeline`) through the process pool (:mod:`peristiwa.scale.workers`), and
prints articles/s, words/s and each worker's peak RSS. It also checks that the shortcuts change
nothing: the events of every run must equal each other, and on a sample the fast pipeline must
give exactly the shipped pipeline's events. The figures are written into docs/performance.md
between the BENCH markers (``--no-docs`` to skip).

    python benchmarks/bench_pipeline.py [--workers 1,2] [--limit N] [--check 100] [--profile]

By default the package is first copied to a temporary directory and imported from there (workers
inherit the path), so edits others make to the tree while it runs cannot give the runs different
coders (``--no-snapshot`` to use the tree as it is).

Timings include starting the workers and loading the model in each (a few seconds), because that
is what a user of ``--workers`` waits for; the steady rate (after the first chunk came back) is
printed next to it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news" / "articles.jsonl"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- BENCH:START -->", "<!-- BENCH:END -->"


def load_articles(path: Path, limit: int | None) -> list:
    from peristiwa.ingest.readers import InputError, iter_articles

    arts = [a for a in iter_articles([str(path)]) if not isinstance(a, InputError)]
    return arts[:limit] if limit else arts


def records(coded: list) -> list[dict]:
    return [ev.to_record() for c in coded for ev in c.events]


def run(arts: list, workers: int) -> dict:
    from peristiwa.scale.workers import RunStats, code_in_processes

    stats = RunStats()
    t0 = time.perf_counter()
    first_at, first_n, out = None, 0, []
    for coded in code_in_processes(arts, workers, stats=stats):
        out.append(coded)
        if first_at is None:
            first_at = time.perf_counter()
        if first_at is not None and not first_n and len(out) >= 16:
            first_n = len(out)
    wall = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in arts)
    steady = (len(arts) - first_n) / (t0 + wall - first_at) if first_at and first_n else 0.0
    return {
        "workers": workers,
        "articles": len(arts),
        "events": sum(len(c.events) for c in out),
        "wall_s": wall,
        "articles_per_s": len(arts) / wall,
        "steady_articles_per_s": steady,
        "words_per_s": words / wall,
        "peak_rss_mib": sorted(v / 2**20 for v in stats.peak_rss.values()),
        "records": records(out),
    }


def check_fast(arts: list) -> tuple[int, bool, float, float]:
    """Fast vs shipped pipeline on ``arts``, in this process, each timed after a warm-up article.

    Returns (events, identical records?, shipped articles/s, fast articles/s).
    """
    from peristiwa.scale.pipeline import make_coder

    out = []
    for fast in (False, True):
        coder = make_coder(fast=fast)
        list(coder.code_articles(arts[:1]))  # loads the model: not what is being compared
        t0 = time.perf_counter()
        out.append((records(list(coder.code_articles(arts))), len(arts) / (time.perf_counter() - t0)))
    (slow, slow_rate), (quick, fast_rate) = out
    return len(slow), slow == quick, slow_rate, fast_rate


def profile(arts: list) -> str:
    import cProfile
    import io
    import pstats

    from peristiwa.scale.pipeline import make_coder

    coder = make_coder(fast=True)
    list(coder.code_articles(arts[:5]))
    prof = cProfile.Profile()
    prof.enable()
    list(coder.code_articles(arts))
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
    return buf.getvalue()


def write_doc(
    results: list[dict], check: tuple[int, bool, float, float] | None, n_check: int, same: bool
) -> None:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    lines = [
        START,
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()} with {os.cpu_count()} "
        f"CPUs (1-minute load average {load[0]:.2f} at the end, this benchmark's own workers included), "
        f"Python {platform.python_version()}, `python benchmarks/bench_pipeline.py`.",
        "",
        "| workers | articles | events | wall s | articles/s | steady articles/s | words/s | "
        "peak RSS per worker (MiB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rss = ", ".join(f"{v:.0f}" for v in r["peak_rss_mib"])
        lines.append(
            f"| {r['workers']} | {r['articles']} | {r['events']} | {r['wall_s']:.1f} | "
            f"{r['articles_per_s']:.1f} | {r['steady_articles_per_s']:.1f} | {r['words_per_s']:.0f} | {rss} |"
        )
    lines.append("")
    lines.append(f"Events identical across worker counts: **{'yes' if same else 'NO'}**.")
    if check is not None:
        lines.append(
            f"Fast pipeline vs shipped pipeline on the first {n_check} articles: "
            f"**{'identical' if check[1] else 'DIFFERENT'}** event records ({check[0]} events); "
            f"in one process the shipped pipeline coded {check[2]:.1f} articles/s, the fast one "
            f"{check[3]:.1f} articles/s."
        )
    lines.append(END)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), "\n".join(lines), text, flags=re.S)
    DOC.write_text(text, encoding="utf-8")


def snapshot_package() -> Path:
    """Import peristiwa from a private copy of ``src/peristiwa`` (spawned workers inherit sys.path)."""
    import shutil
    import tempfile

    dest = Path(tempfile.mkdtemp(prefix="peristiwa-bench-"))
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "src" / "peristiwa", dest / "peristiwa", ignore=skip)
    sys.path.insert(0, str(dest))
    os.environ["PYTHONPATH"] = os.pathsep.join([str(dest), os.environ.get("PYTHONPATH", "")])
    return dest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--check", type=int, default=100, help="articles for the fast-vs-shipped check (0: skip)")
    ap.add_argument("--profile", type=int, default=0, help="profile N articles in-process and print the top")
    ap.add_argument("--no-docs", action="store_true", help="do not update docs/performance.md")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    ap.add_argument("--no-snapshot", action="store_true", help="import the package from the tree as is")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each figure as it comes
    if not args.no_snapshot:
        where = snapshot_package()
        import peristiwa

        assert Path(peristiwa.__file__).is_relative_to(where), peristiwa.__file__
        print(f"coding with a snapshot of the package in {where}", flush=True)
    if not args.data.is_file():
        print(f"no corpus at {args.data}", file=sys.stderr)
        return 2
    arts = load_articles(args.data, args.limit)
    print(f"{len(arts)} articles, {sum(len(a.text.split()) for a in arts):,} words", flush=True)
    if args.profile:
        print(profile(arts[: args.profile]), flush=True)
    results = []
    for n in (int(x) for x in args.workers.split(",")):
        r = run(arts, n)
        results.append(r)
        print(
            f"workers={n}: {r['articles_per_s']:.1f} articles/s ({r['steady_articles_per_s']:.1f} steady), "
            f"{r['words_per_s']:.0f} words/s, {r['events']} events, {r['wall_s']:.1f} s, "
            f"peak RSS per worker {', '.join(f'{v:.0f}' for v in r['peak_rss_mib'])} MiB",
            flush=True,
        )
    same = all(r["records"] == results[0]["records"] for r in results)
    print(f"events identical across worker counts: {same}", flush=True)
    check = check_fast(arts[: args.check]) if args.check else None
    if check is not None:
        print(
            f"fast vs shipped pipeline on {args.check} articles: identical={check[1]} ({check[0]} events); "
            f"shipped {check[2]:.1f} articles/s, fast {check[3]:.1f} articles/s in one process"
        )
    if not args.no_docs:
        write_doc(results, check, min(args.check, len(arts)), same)
    if args.json:
        slim = [{k: v for k, v in r.items() if k != "records"} for r in results]
        args.json.write_text(json.dumps({"runs": slim, "check": check, "same": same}, indent=2))
    return 0 if same and (check is None or check[1]) else 1


if __name__ == "__main__":
    sys.exit(main())
