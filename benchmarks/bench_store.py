"""Benchmark the event store: ingest throughput and dyad-query latency on a million events.

    .venv/bin/python benchmarks/bench_store.py                  # DuckDB, fake coder, 1,000,000 events
    .venv/bin/python benchmarks/bench_store.py --events 200000  # smaller
    .venv/bin/python benchmarks/bench_store.py --real-coder 100 # also time the real coder on 100 articles
    .venv/bin/python benchmarks/bench_store.py --db postgresql://user@host/db --events 100000
    .venv/bin/python benchmarks/bench_store.py --growth 10000,100000 --skip-ingest --events 0
                                                   # ingest rate per size band as the store grows
    .venv/bin/python benchmarks/bench_store.py --growth 10000 --full-merge  # the old merge, to compare

1. Ingest: the shared corpus (``$PERISTIWA_DATA/news/articles.jsonl``, else synthetic articles)
   through the full pipeline (readers, coder, batched transactions, story recomputation) with the
   FAKE coder, so the figure is the store's cost, not spaCy's; ``--real-coder N`` adds a run of the
   real coder on N articles for comparison.
   ``--growth N,M``: N (then M) small synthetic articles, a constant 400 a day as a live crawl
   brings them, through the same pipeline; articles/s is printed for each tenth of the run, so a
   merge whose cost grows with the store shows as a falling rate (issue 14: 147 -> 62 articles/s
   over 100,000 articles before the merge became incremental). ``--full-merge`` times the old
   merge (every mention of each touched key recomputed) for comparison.
2. A store of N synthetic events is bulk-loaded through Arrow (articles and events tables), every
   story is computed (``Store.rebuild_stories``), then dyad queries (source and target code,
   story level, newest first, LIMIT 100) are timed: p50 and p95 over random dyads. The bar:
   p95 under 200 ms on DuckDB for 1,000,000 events.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from peristiwa.config import data_dir
from peristiwa.ingest.readers import iter_articles
from peristiwa.model import Article
from peristiwa.store import schema
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder
from peristiwa.store.ingest import ingest
from peristiwa.store.query import QueryFilters, query_mentions, query_stories
from peristiwa.store.stories import date_interval, story_key

COUNTRIES = [
    "IDN",
    "USA",
    "CHN",
    "RUS",
    "JPN",
    "IND",
    "AUS",
    "MYS",
    "SGP",
    "ISR",
    "PSE",
    "IRN",
    "UKR",
    "GBR",
    "FRA",
    "DEU",
    "KOR",
    "PRK",
    "PHL",
    "VNM",
    "THA",
    "SAU",
    "TUR",
    "EGY",
]
ROLES = ["", "GOV", "MIL"]
CODES = [
    ("010", 0.0, 1),
    ("036", 4.0, 1),
    ("042", 1.9, 1),
    ("043", 2.8, 1),
    ("051", 3.4, 1),
    ("057", 8.0, 1),
    ("061", 6.4, 2),
    ("070", 7.0, 2),
    ("111", -2.0, 3),
    ("112", -2.0, 3),
    ("130", -4.4, 3),
    ("163", -8.0, 4),
    ("172", -5.0, 4),
    ("190", -10.0, 4),
    ("193", -10.0, 4),
]
MODALITIES = ["asserted"] * 17 + ["planned", "planned", "negated"]
OUTLETS = ["Kompas.com", "Detik.com", "Liputan6.com", "Tempo.co"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def bench_ingest(url: str, coder: object, label: str, limit: int | None = None) -> None:
    corpus = data_dir() / "news" / "articles.jsonl"
    if corpus.is_file():
        items = list(iter_articles([str(corpus)]))
        source = f"{corpus}"
    else:
        items = [
            Article(
                f"s{i}",
                f"Presiden Prabowo bertemu Xi Jinping di Beijing nomor {i}. Rusia mengecam Ukraina.",
                published=date(2025, 6, 1) + timedelta(days=i % 90),
            )
            for i in range(2000)
        ]
        source = "synthetic articles"
    if limit is not None:
        items = items[:limit]
    with open_store(url) as store:
        first = ingest(store, items, coder)  # type: ignore[arg-type]
        second = ingest(store, items, coder)  # type: ignore[arg-type]
    print(
        f"ingest [{label}] {source}: {first.articles} articles in {first.seconds:.1f} s = "
        f"{first.rate:.0f} articles/s ({first.events} events, {first.facts} facts); "
        f"second run {second.seconds:.2f} s, {second.unchanged} unchanged",
        flush=True,
    )


GROWTH_ACTORS = ["Prabowo", "Putin", "Xi Jinping", "Trump", "Macron", "Rusia", "Cina", "Ukraina", "Iran",
                 "Israel", "Jepang", "India", "Malaysia", "Australia"]  # fmt: skip
GROWTH_TRIGGERS = ["bertemu", "mengecam", "kunjungan ke", "kerja sama dengan", "sanksi terhadap", "mengancam"]
MONTH_NAMES = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
               "Oktober", "November", "Desember"]  # fmt: skip
PER_DAY = 400


def growth_articles(n: int, seed: int = 5) -> Iterator[Article]:
    """Small articles (two or three sentences) the fake coder finds events in, 400 a day."""
    rnd = random.Random(seed)
    start = date(2023, 1, 1)
    for i in range(n):
        published = start + timedelta(days=i // PER_DAY)
        sentences = []
        for _ in range(rnd.randint(2, 3)):
            a, b = rnd.sample(GROWTH_ACTORS, 2)
            when = rnd.random()
            d = published - timedelta(days=rnd.randrange(3))
            tail = (
                f" pada {d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
                if when < 0.4
                else (f" pada bulan {MONTH_NAMES[published.month - 1]}" if when < 0.5 else "")
            )
            cue = "akan " if rnd.random() < 0.15 else ""
            sentences.append(f"{a} {cue}{rnd.choice(GROWTH_TRIGGERS)} {b}{tail}.")
        yield Article(f"g{i:07d}", " ".join(sentences), published=published, outlet=rnd.choice(OUTLETS))


class ReadCounter:
    """Counts the stored mentions the incremental merge reads (``incremental.Reader._mentions``)
    and the batches committed, per band: the work a batch does, which must stop growing once the
    store spans the story windows, whatever the clock says on a shared machine."""

    def __init__(self) -> None:
        from peristiwa.store import incremental

        self.read = 0
        self.batches = 0
        original = incremental.Reader._mentions

        def counted(reader, *args, **kwargs):  # type: ignore[no-untyped-def]
            found = original(reader, *args, **kwargs)
            self.read += len(found)
            return found

        incremental.Reader._mentions = counted  # type: ignore[method-assign]
        self._restore = lambda: setattr(incremental.Reader, "_mentions", original)

    def band(self) -> str:
        """Mentions read per batch since the last band, then reset."""
        per = self.read / self.batches if self.batches else 0.0
        self.read = self.batches = 0
        return f"{per:8.0f} mentions read a batch"

    def close(self) -> None:
        self._restore()


def bench_growth(url: str, n: int, full_merge: bool = False) -> None:
    """Ingest ``n`` articles into an empty store; print articles/s per tenth as the store grows."""
    label = "full merge (old)" if full_merge else "incremental merge"
    bands = 10
    marks: list[tuple[int, float]] = [(0, time.perf_counter())]
    step = max(1, n // bands)
    counter = ReadCounter()

    def on_commit(summary) -> None:  # type: ignore[no-untyped-def]
        counter.batches += 1
        done = summary.new + summary.updated
        if done >= marks[-1][0] + step or done == n:
            now = time.perf_counter()
            lo, t0 = marks[-1]
            print(
                f"  growth [{label}] articles {lo:>9,}-{done:<9,} {(done - lo) / (now - t0):7.1f} articles/s"
                f" {counter.band()}",
                flush=True,
            )
            marks.append((done, now))

    with open_store(url) as store:
        if full_merge:
            store._restory_incremental = lambda fresh, removed, *_: _full_merge(store, fresh, removed)  # type: ignore[method-assign]
        t = time.perf_counter()
        summary = ingest(store, growth_articles(n), FakeCoder(), on_commit=on_commit)
        elapsed = time.perf_counter() - t
        counter.close()
        print(
            f"growth [{label}] {n:,} articles: {summary.events:,} events, "
            f"{store.count('stories'):,} stories, "
            f"{elapsed:.1f} s = {n / elapsed:.1f} articles/s overall",
            flush=True,
        )


def prebuild_growth(store, n: int, chunk: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    """A store holding the first ``n`` growth articles, as ``ingest`` would leave it, built fast.

    Each article is coded by the fake coder and turned into rows exactly as ingest does
    (:func:`peristiwa.store.db.prepare`), but the rows are bulk-inserted ``chunk`` articles per
    transaction with no story merging; then every story is computed from the stored mentions, a few
    hundred keys per transaction (what ``rebuild_stories`` does, in bounded memory). The stories are
    therefore those a full rebuild gives, which an incremental ingest of the same articles equals
    (``tests/test_store_incremental.py``; checked table for table on 3,000 articles).

    Cost: the story step is the full rebuild, O(n log² n) in the mentions of one (key, modality)
    since the greedy cover, attach and links stopped being quadratic; figures in docs/store.md.
    """
    from itertools import islice

    from peristiwa.store.db import prepare
    from peristiwa.store.ingest import coder_version

    coder = FakeCoder()
    version = coder_version(coder)
    t0 = time.perf_counter()
    articles = growth_articles(n)
    done = 0
    while part := list(islice(articles, chunk)):
        tables: dict[str, list[list]] = {t: [] for t in schema.ARTICLE_TABLES}  # type: ignore[type-arg]
        for coded in coder.code_articles(part):
            for table, rows in prepare(coded, version).rows().items():
                tables[table].extend(rows)
        with store.backend.transaction():
            for table, rows in tables.items():
                store.backend.insert_rows(table, schema.TABLE_COLUMNS[table], rows)
        done += len(part)
        print(f"  prebuilt: {done:,} articles loaded ({time.perf_counter() - t0:.0f} s)", flush=True)
    t1 = time.perf_counter()
    keys = [k for (k,) in store.backend.fetchall("SELECT DISTINCT story_key FROM events ORDER BY 1")]
    for i in range(0, len(keys), 100):
        part_keys = keys[i : i + 100]
        with store.backend.transaction():
            stored = store._load_mentions(part_keys)
            assignment, _ = store._restory(part_keys, stored)
            store._update_story_ids(stored, assignment)
        if (i // 100) % 10 == 9:
            print(f"  prebuilt: stories of {i + 100:,} keys ({time.perf_counter() - t1:.0f} s)", flush=True)
    if store.backend.kind == "duckdb":
        store.backend.execute("CHECKPOINT")
    t2 = time.perf_counter()
    print(
        f"prebuilt store: {n:,} articles, {store.count('events'):,} events loaded in {t1 - t0:.0f} s; "
        f"{store.count('stories'):,} stories of {len(keys):,} keys computed in {t2 - t1:.0f} s; "
        f"size {store.backend.size_bytes() / 2**20:.0f} MiB",
        flush=True,
    )


def bench_growth_from(url: str, start: int, n: int) -> None:
    """Ingest growth articles ``start`` .. ``start + n`` into a store that holds the first ``start``."""
    from itertools import islice

    with open_store(url) as store:
        have = store.count("articles")
        if have == 0:
            prebuild_growth(store, start)
        elif have != start:
            sys.exit(f"{url} holds {have:,} articles, not {start:,}: pass a fresh --keep path")
        items = list(islice(growth_articles(start + n), start, None))  # drawn before the clock
        marks: list[tuple[int, float]] = [(0, time.perf_counter())]
        step = max(1, n // 5)
        counter = ReadCounter()

        def on_commit(summary) -> None:  # type: ignore[no-untyped-def]
            counter.batches += 1
            done = summary.new + summary.updated
            if done >= marks[-1][0] + step or done == n:
                now = time.perf_counter()
                lo, t0 = marks[-1]
                print(
                    f"  growth from {start:,}: articles {start + lo:>9,}-{start + done:<9,} "
                    f"{(done - lo) / (now - t0):7.1f} articles/s {counter.band()}",
                    flush=True,
                )
                marks.append((done, now))

        t = time.perf_counter()
        summary = ingest(store, items, FakeCoder(), on_commit=on_commit)
        elapsed = time.perf_counter() - t
        counter.close()
        print(
            f"growth from {start:,} articles: {n:,} more in {elapsed:.1f} s = {n / elapsed:.1f} articles/s "
            f"({summary.events:,} events)",
            flush=True,
        )


def _full_merge(store, fresh, removed):  # type: ignore[no-untyped-def]
    """The merge before issue 14: every stored mention of each key the batch touches, recomputed."""
    keys = sorted({m.key for m in [*fresh, *removed]})
    stored = store._load_mentions(keys)
    assignment, n = store._restory(keys, [*stored, *fresh])
    store._update_story_ids(stored, assignment)
    return assignment, n


# Gazetteer keys for the synthetic events' action places (Jakarta, Bandung, Malang, Jawa Barat,
# Cairo, Moscow, none), so the map and the action-place filters have rows to work on.
BENCH_PLACES = ("gn:1642911", "gn:1650357", "gn:1636722", "adm1:ID30", "gn:360630", "gn:524901", "")


def synthetic_rows(n_events: int, per_article: int, seed: int = 7) -> tuple[list[list], list[list]]:  # type: ignore[type-arg]
    """Articles and events rows in the store's column order; deterministic for a seed."""
    rnd = random.Random(seed)
    actors = [c + r for c in COUNTRIES for r in ROLES]
    start = date(2023, 1, 1)
    now = datetime(2025, 7, 1)
    articles: list[list] = []  # type: ignore[type-arg]
    events: list[list] = []  # type: ignore[type-arg]
    n_articles = (n_events + per_article - 1) // per_article
    for a in range(n_articles):
        aid = f"syn{a:07d}"
        published = start + timedelta(days=rnd.randrange(900))
        outlet = OUTLETS[a % len(OUTLETS)]
        articles.append(
            [
                aid,
                f"h{a}",
                "synthetic",
                f"Artikel {a}",
                published,
                f"https://{outlet.lower()}/{a}",
                outlet,
                "bench",
                "id",
                "teks sintetis",
                per_article,
                0,
                0,
                [],
                now,
            ]
        )
        k = 0
        for i in range(per_article):
            if len(events) >= n_events:
                break
            a1, a2 = rnd.sample(actors, 2)
            code, goldstein, quad = rnd.choice(CODES)
            modality = rnd.choice(MODALITIES)
            kind = rnd.random()
            if kind < 0.4:
                when, until = "", ""
            elif kind < 0.8:
                d = published - timedelta(days=rnd.randrange(3))
                when, until = d.isoformat(), ""
            else:
                when, until = published.isoformat()[:7], ""
            eid = f"{a:07d}{i:03d}"
            rec = [
                aid,
                eid,
                i,
                i * 100,
                i * 100 + 90,
                f"kalimat {i} artikel {a}",
                "trigger",
                i * 100 + 5,
                i * 100 + 12,
                a1,
                a1.lower(),
                a1[:3],
                a1[3:],
                a2,
                a2.lower(),
                a2[:3],
                a2[3:],
                code,
                code[:3],
                code[:2],
                quad,
                goldstein,
                modality,
                when,
                until,
                when,
                False,
                a2[:3] if code == "042" else "",
                "",
                "",
                "",
                False,
                ["bench"],
                [],
                [],
                0.6,
            ]
            iv = date_interval(when, until)
            rec += [
                i * 100,
                i * 100 + 3,
                i * 100 + 20,
                i * 100 + 23,
                story_key(a1, code, a2),
                iv[0] if iv else None,
                iv[1] if iv else None,
                None,
                i % 10 == 0,  # joint (schema 4 appends it after the store's own columns)
                BENCH_PLACES[i % len(BENCH_PLACES)],  # action_geo, actor1_geo, actor2_geo (schema 5)
                "",
                "",
                published,  # article_published (schema 7)
            ]
            events.append(rec)
            k += 1
        articles[-1][11] = k
    return articles, events


def bench_queries(url: str, n_events: int, n_queries: int, reuse: bool = False) -> None:
    with open_store(url) as store:
        if reuse and store.count("events"):
            print(
                f"store: reusing {url} ({store.count('events'):,} events, {store.count('stories'):,} stories)"
            )
        else:
            build_store(store, n_events)
        measure(store, n_queries)


def build_store(store, n_events: int) -> None:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    articles, events = synthetic_rows(n_events, per_article=10)
    t1 = time.perf_counter()
    with store.backend.transaction():
        store.backend.insert_rows("articles", schema.ARTICLE_COLUMNS, articles)
        store.backend.insert_rows("events", schema.EVENT_COLUMNS, events)
    t2 = time.perf_counter()
    n_stories = store.rebuild_stories()
    t3 = time.perf_counter()
    print(
        f"store: {len(events):,} events in {len(articles):,} articles generated in {t1 - t0:.1f} s, "
        f"bulk-loaded (Arrow) in {t2 - t1:.1f} s; {n_stories:,} stories computed in {t3 - t2:.1f} s; "
        f"size {store.backend.size_bytes() / 2**20:.0f} MiB",
        flush=True,
    )
    del articles, events


def measure(store, n_queries: int) -> None:  # type: ignore[no-untyped-def]
    """Random dyads (source and target codes, prefix match), LIMIT 100, newest first."""
    actors = [c + r for c in COUNTRIES for r in ROLES]
    variants = (
        ("story level, table output (peristiwa query)", lambda f: query_stories(store, f, details=False)),
        ("story level with mentions and links (--format jsonl)", lambda f: query_stories(store, f)),
        ("mention level (--level mention)", lambda f: query_mentions(store, f)),
    )
    for label, run in variants:
        rnd = random.Random(11)
        latencies = []
        rows = 0
        for i in range(n_queries + 5):
            a1, a2 = rnd.sample(actors, 2)
            f = QueryFilters(source=a1, target=a2, limit=100)
            t = time.perf_counter()
            got = run(f)
            if i >= 5:  # the first few warm the caches
                latencies.append((time.perf_counter() - t) * 1000)
                rows += len(got)
        print(
            f"dyad query [{label}] over {n_queries} random dyads: "
            f"p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
            f"max {max(latencies):.1f} ms (mean {rows / n_queries:.0f} rows)",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="store URL (default: a temporary DuckDB file)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--real-coder", type=int, default=0, metavar="N", help="also ingest N articles with it"
    )
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument(
        "--growth", default="", metavar="N,M", help="ingest N (then M) synthetic articles, rate per tenth"
    )
    parser.add_argument("--full-merge", action="store_true", help="--growth with the old full merge")
    parser.add_argument(
        "--prebuilt",
        type=int,
        default=0,
        metavar="N",
        help="--growth M starts from a store of the first N growth articles, bulk-loaded (kept with --keep)",
    )
    parser.add_argument("--keep", metavar="PATH", help="build the big store here and reuse it on later runs")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each figure as it comes
    with tempfile.TemporaryDirectory() as tmp:

        def fresh(name: str) -> str:
            if args.db:
                with open_store(
                    args.db
                ) as store:  # start empty: drop the tables, the migrations recreate them
                    for table in [*schema.TABLE_COLUMNS, "schema_version"]:
                        store.backend.execute(f"DROP TABLE IF EXISTS {table}")
                return args.db
            return str(Path(tmp) / f"{name}.duckdb")

        if not args.skip_ingest:
            bench_ingest(fresh("ingest"), FakeCoder(), "fake coder")
            if args.real_coder:
                from peristiwa.coding.coder import default_coder

                bench_ingest(fresh("real"), default_coder(), "real coder", limit=args.real_coder)
        for n in [int(x) for x in args.growth.split(",") if x.strip()]:
            if args.prebuilt:
                bench_growth_from(args.keep or fresh(f"prebuilt{args.prebuilt}"), args.prebuilt, n)
            else:
                bench_growth(fresh(f"growth{n}"), n, full_merge=args.full_merge)
        if args.events <= 0:
            return 0
        if args.keep:
            bench_queries(args.keep, args.events, args.queries, reuse=True)
        else:
            bench_queries(fresh("million"), args.events, args.queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
