"""Benchmark the web app: latency of /api/events with filters and of the pages, on 100,000 events.

    .venv/bin/python benchmarks/bench_api.py                    # 100,000 synthetic events, DuckDB
    .venv/bin/python benchmarks/bench_api.py --events 20000 --requests 50
    .venv/bin/python benchmarks/bench_api.py --db /tmp/big.duckdb --reuse
    .venv/bin/python benchmarks/bench_api.py --http                 # through uvicorn and a socket
    .venv/bin/python benchmarks/bench_api.py --db /tmp/b.duckdb --reuse --clients 20 --read events
    .venv/bin/python benchmarks/bench_api.py --db /tmp/b.duckdb --reuse --clients 20 --read dashboard
    .venv/bin/python benchmarks/bench_api.py --db /tmp/b.duckdb --reuse --clients 5 --coders 10

With ``--clients N`` (concurrent mode) the server runs in its own process on 127.0.0.1 (the app as
``peristiwa serve`` builds it: coding pool of worker processes, snapshot reads) and N closed-loop
clients send ``--read`` requests for ``--seconds``; ``--coders M`` adds M clients posting 60 KB
texts to ``POST /api/code`` (the real coder) at the same time. It prints p50/p95/p99 and errors per
kind of request. Targets: 20 clients, ``/api/events`` p95 <= 150 ms, dashboard p95 <= 300 ms, no
errors; with 10 coders, a read's p99 <= 500 ms.

The store is filled the way ``bench_store.py`` fills it (its synthetic rows, bulk-loaded, stories
recomputed), so both benchmarks measure the same data. Requests go through the whole ASGI app
in-process (routing, middleware, SQL, JSON or Jinja2 rendering) with Starlette's TestClient: the
figure is the server's own cost, without a network or a browser; ``--http`` sends the same requests
to a real uvicorn server on a localhost port instead. The bar: p95 under 150 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load
from bench_store import COUNTRIES, ROLES, build_store
from fastapi.testclient import TestClient

from peristiwa.serve.app import create_app
from peristiwa.store.db import open_store

BAR_MS = 150.0
SERIES_BAR_MS = 300.0  # /api/series aggregates the whole store


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(
    name: str, n: int, request: Callable[[int], object], bar: float = BAR_MS
) -> tuple[str, float, float]:
    request(-1)  # warm: first use compiles templates and fills DuckDB's caches
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        request(i)
        samples.append((time.perf_counter() - t0) * 1000)
    p50, p95 = statistics.median(samples), percentile(samples, 95)
    verdict = "ok" if p95 < bar else "OVER"
    print(f"{name:<52} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {verdict}")
    return name, p50, p95


@contextmanager
def _client(app: object, http: bool) -> Iterator[Any]:
    """The in-process TestClient, or an HTTP client talking to uvicorn in a thread."""
    if not http:
        with TestClient(app) as client:  # type: ignore[arg-type]
            yield client
        return
    import socket
    import threading

    import httpx
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(10)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=100, help="requests per endpoint")
    ap.add_argument("--db", help="DuckDB file to build (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true", help="use --db as it is when it holds events")
    ap.add_argument("--http", action="store_true", help="through uvicorn on localhost, not in-process")
    ap.add_argument("--clients", type=int, default=0, help="concurrent mode: this many reading clients")
    ap.add_argument("--seconds", type=float, default=15.0, help="concurrent mode: how long")
    ap.add_argument("--read", choices=("events", "text", "dashboard", "mixed"), default="mixed")
    ap.add_argument("--coders", type=int, default=0, help="concurrent mode: clients posting 60 KB texts")
    ap.add_argument("--pool", choices=("process", "thread"), default="process", help="the coding pool")
    ap.add_argument("--code-workers", type=int, default=0, help="coding processes (0: the default)")
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    url = args.db or str(Path(tmp.name) / "bench_api.duckdb")
    with open_store(url) as store:
        if not (args.reuse and store.count("events")):
            build_store(store, args.events)
        print(f"store: {store.count('events'):,} events, {store.count('stories'):,} stories")
    if args.clients or args.coders:
        return concurrent(url, args)
    rnd = random.Random(11)
    actors = [c + r for c in COUNTRIES for r in ROLES]
    app = create_app(url, cors_origins=[])
    results = []
    with _client(app, args.http) as client:

        def get(path: str, **params: object) -> None:
            r = client.get(path, params=params)
            if r.status_code != 200:
                raise SystemExit(f"{path} {params}: HTTP {r.status_code} {r.text[:200]}")

        ids = [e["story_id"] for e in client.get("/api/events", params={"limit": 500}).json()["items"]]
        n = args.requests
        results.append(timed("/api/events (no filter, 50 newest)", n, lambda i: get("/api/events")))
        results.append(
            timed(
                "/api/events?source=X&target=Y (dyad, code prefixes)",
                n,
                lambda i: get("/api/events", source=rnd.choice(COUNTRIES), target=rnd.choice(COUNTRIES)),
            )
        )
        results.append(
            timed(
                "/api/events?actor=X&since&until&modality",
                n,
                lambda i: get(
                    "/api/events",
                    actor=rnd.choice(actors),
                    since=f"2024-{rnd.randrange(1, 7):02d}",
                    until="2024-12",
                    modality="asserted",
                ),
            )
        )
        results.append(
            timed(
                "/api/events?root&quad&offset=200 (page 5)",
                n,
                lambda i: get("/api/events", root="04", quad=1, offset=200),
            )
        )
        results.append(
            timed(
                "/api/events?text=... (substring scan)",
                n,
                lambda i: get("/api/events", text=f"artikel {rnd.randrange(10_000)}"),
            )
        )
        results.append(
            timed("/api/events/{id} (evidence)", n, lambda i: get(f"/api/events/{rnd.choice(ids)}"))
        )
        results.append(timed("/api/stats", n, lambda i: get("/api/stats")))
        results.append(timed("/ (dashboard page)", n, lambda i: get("/")))
        results.append(
            timed(  # 944 gazetteer keys as bound parameters; a new page each time (no cached answer)
                "/api/events?action_country=ID (action place)",
                n,
                lambda i: get("/api/events", action_country="ID", offset=max(i, 0)),
            )
        )
        results.append(
            timed(  # a new selection each time: the map card's GROUP BY and drawing are not cached
                "/?source=X&quad=Q (dashboard with its map, uncached)",
                n,
                lambda i: get(
                    "/", source=rnd.choice(COUNTRIES), quad=1 + abs(i) % 4, since=f"20{10 + abs(i) % 15}"
                ),
            )
        )
        results.append(
            timed("/events?source=X (events page)", n, lambda i: get("/events", source=rnd.choice(COUNTRIES)))
        )
        results.append(
            timed(
                "/events?actor&since&until&modality&sort (page + facets)",
                n,
                lambda i: get(
                    "/events",
                    actor=rnd.choice(actors),
                    since=f"2024-{rnd.randrange(1, 7):02d}",
                    until="2024-12",
                    modality="asserted",
                    sort="goldstein",
                ),
            )
        )
        results.append(
            timed(
                "/events?historical=false (~all stories, page + facets)",
                n,
                lambda i: get("/events", historical="false"),
            )
        )
        results.append(
            timed(
                "/articles?q=... (article search)",
                n,
                lambda i: get("/articles", q=f"artikel {rnd.randrange(100)}"),
            )
        )
        results.append(
            timed("/actors/{code} (actor page)", n, lambda i: get(f"/actors/{rnd.choice(actors)}"))
        )
        series_results = [
            timed(
                f"/api/series?by={by}&every={every}&date={basis}",
                max(10, n // 5),
                lambda i, by=by, every=every, basis=basis: get("/api/series", by=by, every=every, date=basis),
                bar=SERIES_BAR_MS,
            )
            for by, every, basis in (
                ("root", "week", "event"),
                ("dyad", "month", "event"),
                ("actor", "week", "published"),
                ("quad", "day", "published"),
            )
        ]
    app.state.access.store.close()
    worst = max(p95 for _, _, p95 in results)
    print(f"worst p95 {worst:.1f} ms: {'under' if worst < BAR_MS else 'OVER'} the {BAR_MS:.0f} ms bar")
    worst_series = max(p95 for _, _, p95 in series_results)
    verdict = "under" if worst_series < SERIES_BAR_MS else "OVER"
    print(f"series: worst p95 {worst_series:.1f} ms: {verdict} the {SERIES_BAR_MS:.0f} ms bar")
    tmp.cleanup()
    return 0 if worst < BAR_MS and worst_series < SERIES_BAR_MS else 1


def read_chooser(kind: str) -> load.Chooser:
    """The read requests of concurrent mode: /api/events with the sequential mode's filters (``text``:
    only its substring search), or /."""
    actors = [c + r for c in COUNTRIES for r in ROLES]

    def events(rnd: random.Random) -> load.Request:
        pick = rnd.randrange(5)
        if pick == 0:
            return "/api/events", "/api/events", None, None
        if pick == 1:
            dyad = {"source": rnd.choice(COUNTRIES), "target": rnd.choice(COUNTRIES)}
            return "/api/events", "/api/events", dyad, None
        if pick == 2:
            since = f"2024-{rnd.randrange(1, 7):02d}"
            params = {"actor": rnd.choice(actors), "since": since, "until": "2024-12", "modality": "asserted"}
            return "/api/events", "/api/events", params, None
        if pick == 3:
            return "/api/events", "/api/events", {"root": "04", "quad": "1", "offset": "200"}, None
        return text(rnd)

    def text(rnd: random.Random) -> load.Request:
        return "/api/events?text (scan)", "/api/events", {"text": f"artikel {rnd.randrange(10_000)}"}, None

    def dashboard(rnd: random.Random) -> load.Request:
        return "/ (dashboard)", "/", None, None

    def mixed(rnd: random.Random) -> load.Request:
        return dashboard(rnd) if rnd.random() < 0.3 else events(rnd)

    return {"events": events, "text": text, "dashboard": dashboard}.get(kind, mixed)


def concurrent(url: str, args: argparse.Namespace) -> int:
    """N closed-loop clients against a server process on 127.0.0.1; p50/p95/p99, errors, verdicts."""
    text = json.dumps({"text": load.long_text(60_000), "published": "2025-06-07"}).encode()
    groups: list[tuple[int, load.Chooser]] = [(args.clients, read_chooser(args.read))]
    if args.coders:
        groups.append((args.coders, lambda rnd: ("POST /api/code (60 KB)", "/api/code", None, text)))
    with load.server(url, pool=args.pool, workers=args.code_workers, warm=bool(args.coders)) as (base, pid):
        if args.coders:
            print(f"coder ready after {load.wait_for_coder(base):.1f} s ({args.pool} pool)")
        load.drive(base, [(1, read_chooser(args.read))], 2.0)  # warm: templates, caches
        print(
            f"{args.clients} reading clients ({args.read}), {args.coders} coding clients, "
            f"{args.seconds:g} s, server RSS {load.rss_mib(pid):.0f} MiB"
        )
        cpu0 = load.cpu_seconds(pid)
        tallies = load.drive(base, groups, args.seconds)
        cpu = load.cpu_seconds(pid) - cpu0
    served = sum(len(t.ms) for t in tallies.values())
    print(
        f"server CPU {cpu:.1f} s for {served:,} answers: {1000 * cpu / max(served, 1):.2f} ms per answer "
        f"(load average {Path('/proc/loadavg').read_text().split()[0]})"
    )
    ok = True
    for t in tallies.values():
        print(t.line(args.seconds))
        ok = ok and t.errors == 0
    reads = [ms for t in tallies.values() if not t.name.startswith("POST") for ms in t.ms]
    verdicts = []
    if args.coders:
        p99 = load.percentile(reads, 99)
        verdicts.append(("read p99 while coding", p99, 500.0))
    else:
        for t in tallies.values():
            if not t.name.startswith("/ "):
                continue
            verdicts.append((f"{t.name} p95", load.percentile(t.ms, 95), 300.0))
        events = [ms for t in tallies.values() if t.name.startswith("/api/events") for ms in t.ms]
        if events:
            verdicts.append(("/api/events (all filters) p95", load.percentile(events, 95), 150.0))
    for name, value, bar in verdicts:
        good = value <= bar
        ok = ok and good
        print(f"{name}: {value:.1f} ms, target <= {bar:.0f} ms: {'ok' if good else 'OVER'}")
    print("errors: none" if all(t.errors == 0 for t in tallies.values()) else "errors: SOME (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
