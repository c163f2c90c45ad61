"""Time the story step's greedy cover for one key: per overlap component (shipped) against the
greedy over all of a key's mentions at once (its reference in tests/test_store_cover.py).

    .venv/bin/python benchmarks/bench_cover.py [--sizes 100,1000,5000] [--days-per-mention 0.5]

Mentions of one story key, as a long-running key gathers them: a start day spread over the
period, most one day wide, one in ten a month wide (a date such as "Mei 2024"). Prints the
seconds per key for each size and checks that both give the same groups.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from peristiwa.store.stories import _greedy_cover
from tests.test_store_cover import reference_cover


def mentions(n: int, days_per_mention: float, seed: int = 3) -> list[tuple[date, date, int]]:
    rng = random.Random(seed)
    span = max(1, int(n * days_per_mention))
    day0 = date(2020, 1, 1)
    out = []
    for i in range(n):
        start = day0 + timedelta(days=rng.randrange(span))
        width = 30 if rng.random() < 0.1 else 0
        out.append((start, start + timedelta(days=width), i))
    return out


def timed(fn, items) -> tuple[float, list[list[int]]]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    groups = fn(items)
    return time.perf_counter() - t0, groups


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,5000")
    ap.add_argument("--days-per-mention", type=float, default=0.5)
    args = ap.parse_args(argv)
    for n in [int(x) for x in args.sizes.split(",")]:
        items = mentions(n, args.days_per_mention)
        new, g1 = timed(_greedy_cover, items)
        old, g2 = timed(reference_cover, items)
        print(f"{n:>6} mentions: per component {new * 1000:9.1f} ms, whole key {old * 1000:9.1f} ms, "
              f"{len(g1)} stories, same groups: {g1 == g2}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
