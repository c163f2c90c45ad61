"""Time one key's story step past the greedy cover: attaching its undated mentions to dated stories
and linking its stories across modalities, shipped (Attacher, a sweep) against the definitions
(a scan of every story per mention, every pair; the references in tests/test_store_attach.py).

    .venv/bin/python benchmarks/bench_attach.py [--sizes 100,1000,5000]

Mentions of one key, half planned and half asserted, as a long-running key gathers them: one every
half day, 40 % with a date of their own (most a day wide, one in ten a month), the rest undated
with a publication date. Prints milliseconds per key for each size and checks both give the same.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_store_attach import reference_attach, reference_links
from test_store_stories import mention

from peristiwa.store.stories import Attacher, Mention, build_links, build_stories, dated_stories


def key_mentions(n: int, seed: int = 3) -> list[Mention]:
    rng = Random(seed)
    day0 = date(2020, 1, 1)
    out = []
    for i in range(n):
        published = day0 + timedelta(days=i // 2)
        start = published - timedelta(days=rng.randrange(3))
        dated = rng.random() < 0.4
        width = 30 if rng.random() < 0.1 else 0
        out.append(
            mention(
                f"a{i}", 0, start.isoformat() if dated else "",
                (start + timedelta(days=width)).isoformat() if dated and width else "",
                modality=rng.choice(["asserted", "planned"]), published=published, event_id=f"e{i}",
            )
        )  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,5000")
    args = ap.parse_args(argv)
    for n in [int(x) for x in args.sizes.split(",")]:
        ms = key_mentions(n)
        asserted = [m for m in ms if m.modality == "asserted"]
        stories = dated_stories("k", "asserted", [m for m in asserted if m.interval() is not None])
        undated = [m for m in asserted if m.interval() is None]
        t0 = time.perf_counter()
        attacher = Attacher(stories)
        new = [attacher.find(m) for m in undated]
        t1 = time.perf_counter()
        old = [reference_attach(m, stories) for m in undated]
        t2 = time.perf_counter()
        every = build_stories(ms)
        t3 = time.perf_counter()
        links = build_links(every)
        t4 = time.perf_counter()
        same_links = links == reference_links(every)
        t5 = time.perf_counter()
        print(
            f"{n:>6} mentions: attach {len(undated)} to {len(stories)} stories {(t1 - t0) * 1e3:8.1f} ms "
            f"(scan {(t2 - t1) * 1e3:8.1f} ms, same: {new == old}); links of {len(every)} stories "
            f"{(t4 - t3) * 1e3:7.1f} ms (every pair {(t5 - t4) * 1e3:8.1f} ms, same: {same_links})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
