"""Soak the web server: 20 clients of mixed reads and codes on 127.0.0.1 for a bounded time.

    .venv/bin/python benchmarks/bench_soak.py --db /tmp/b.duckdb --reuse --seconds 600   # the full soak
    .venv/bin/python benchmarks/bench_soak.py --db /tmp/b.duckdb --reuse --seconds 60    # a short one

The store is ``bench_api.py``'s (100,000 synthetic events; built when missing). The server runs in
its own process as ``peristiwa serve`` builds it (real coder in a process pool, snapshot reads);
``--readers`` clients (default 16) send the benchmark's mix of ``/api/events`` filters and the
dashboard, ``--coders`` (default 4) post articles of the shared corpus, 0.5-8 KB, to
``POST /api/code``. The run is cut into ``--every``-second rounds; after each the resident memory
of the server and its coding workers is sampled. Memory growth is the last sample against the one
after the first round (model loaded, caches warm). Done when: no error, growth <= 20 %. A 503 from
the full coding pool is counted apart ("busy"): it is the bound working, not an error.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load
from bench_api import read_chooser
from bench_store import build_store

from peristiwa.store.db import open_store

GROWTH_BAR = 20.0  # percent


def code_bodies(n: int = 50) -> list[bytes]:
    """Request bodies of real articles cut to 0.5-8 KB (what a user pastes into Try it)."""
    text = load.long_text(200_000)
    rnd = random.Random(5)
    bodies = []
    for _ in range(n):
        size = rnd.randrange(500, 8000)
        start = rnd.randrange(0, len(text) - size)
        bodies.append(json.dumps({"text": text[start : start + size], "published": "2025-06-07"}).encode())
    return bodies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="DuckDB file (default: a temporary one, built)")
    ap.add_argument("--reuse", action="store_true", help="use --db as it is when it holds events")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=600.0, help="how long (bounded; default 10 minutes)")
    ap.add_argument("--every", type=float, default=10.0, help="seconds per round (memory sampled after each)")
    ap.add_argument("--readers", type=int, default=16)
    ap.add_argument("--coders", type=int, default=4)
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    url = args.db or str(Path(tmp.name) / "soak.duckdb")
    with open_store(url) as store:
        if not (args.reuse and store.count("events")):
            build_store(store, args.events)
    bodies = code_bodies()
    groups: list[tuple[int, load.Chooser]] = [
        (args.readers, read_chooser("mixed")),
        (args.coders, lambda rnd: ("POST /api/code", "/api/code", None, rnd.choice(bodies))),
    ]
    totals: dict[str, load.Tally] = {}
    samples: list[float] = []
    with load.server(url, warm=True) as (base, pid):
        print(f"coder ready after {load.wait_for_coder(base):.1f} s; soaking {args.seconds:g} s")
        started = time.monotonic()
        while time.monotonic() - started < args.seconds:
            rnd_seconds = min(args.every, args.seconds - (time.monotonic() - started))
            for name, t in load.drive(base, groups, rnd_seconds).items():
                into = totals.setdefault(name, load.Tally(name))
                into.ms += t.ms
                into.errors += t.errors
                into.busy += t.busy
            samples.append(load.rss_mib(pid))
            print(f"  {time.monotonic() - started:6.0f} s  RSS {samples[-1]:7.1f} MiB", flush=True)
        seconds = time.monotonic() - started
    for t in totals.values():
        print(t.line(seconds))
    errors = sum(t.errors for t in totals.values())
    growth = (samples[-1] - samples[0]) / samples[0] * 100 if samples and samples[0] else 0.0
    first, last = samples[0], samples[-1]
    print(f"memory: {first:.0f} MiB after the first round, {last:.0f} MiB at the end ({growth:+.1f} %)")
    good = errors == 0 and growth <= GROWTH_BAR
    print(f"errors {errors}, growth {growth:+.1f} % (bar {GROWTH_BAR:.0f} %): {'ok' if good else 'FAILED'}")
    tmp.cleanup()
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
