"""The store's commands: ``peristiwa ingest``, ``query``, ``export`` and ``db info|migrate|rebuild-stories``.

They live here rather than in ``cli.py`` so the store can be developed and tested on its own;
``cli.py`` calls :func:`register` to add them to the main app. Like every peristiwa command, a
problem the user can fix is one line on standard error and a non-zero exit code, never a traceback:
1 when some input failed (the rest was stored), 2 when nothing could be done (bad option, database
that cannot be opened or written).
"""

from __future__ import annotations

import contextlib
import gzip
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from peristiwa.ingest.readers import InputError
from peristiwa.model import Article
from peristiwa.store.backend import StoreError
from peristiwa.store.stories import date_interval

CoderFactory = Callable[[], Any]
DEFAULT_LOCK_TIMEOUT = 60.0  # seconds `ingest` waits for a DuckDB file another writer holds

out_console = Console()
err_console = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a DuckDB path, duckdb:///path or "
        "postgresql://user@host/db (default: $PERISTIWA_DB or ./peristiwa.duckdb)",
    ),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


def _db(url: str | None) -> str:
    from peristiwa.config import db_url

    return url or db_url()


def _day(value: str | None, option: str, end: bool = False) -> date | None:
    """An ISO date or a prefix of one (2024, 2024-05): the first day, or the last one for ``end``."""
    if value is None:
        return None
    interval = date_interval(value.strip())
    if interval is None:
        raise _fail(f"{option}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return interval[1] if end else interval[0]


def _db_errors() -> tuple[type[BaseException], ...]:
    """The database libraries' own errors: turned into one line when a write fails mid-run."""
    errors: list[type[BaseException]] = []
    try:
        import duckdb

        errors.append(duckdb.Error)
    except ImportError:  # pragma: no cover
        pass
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


def _default_coder() -> Any:
    from peristiwa.coding.coder import default_coder

    return default_coder()


def _count_inputs(paths: list[str]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know (for a bar with an end)."""
    from peristiwa.ingest.readers import JSONL_SUFFIXES, TEXT_SUFFIXES

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        p = Path(raw)
        files = [f for f in sorted(p.rglob("*")) if f.is_file()] if p.is_dir() else [p]
        for f in files:
            try:
                if f.name.endswith(JSONL_SUFFIXES):
                    opener = gzip.open if f.name.endswith(".gz") else open
                    with opener(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif f.name.endswith(TEXT_SUFFIXES) or not p.is_dir():
                    total += 1
            except (OSError, EOFError, gzip.BadGzipFile):
                total += 1
    return total


# ---------------------------------------------------------------------------------------- ingest
@contextlib.contextmanager
def _sigint_noticed() -> Iterator[threading.Event]:
    """An event set when Ctrl-C is pressed (which still raises KeyboardInterrupt as usual), so
    that an error a database library makes of it is still read as the user's interrupt."""
    noticed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield noticed
        return
    previous = signal.getsignal(signal.SIGINT)

    def on_sigint(signum: int, frame: Any) -> None:
        noticed.set()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_sigint)
    try:
        yield noticed
    finally:
        signal.signal(signal.SIGINT, previous)


def _ingest(
    coder_factory: CoderFactory,
    paths: list[str],
    db: str | None,
    published: str | None,
    batch_size: int,
    quiet: bool,
    lock_timeout: float = 0.0,
    workers: int | None = None,
) -> None:
    from peristiwa.store.db import open_store

    if batch_size < 1:
        raise _fail("--batch-size must be at least 1")
    pub = _day(published, "--published")
    if lock_timeout < 0:
        raise _fail("--lock-timeout must not be negative")

    def waiting(message: str, seconds: float) -> None:
        err_console.print(f"waiting up to {seconds:g} s (--lock-timeout): {message}", soft_wrap=True)

    try:
        store = open_store(_db(db), lock_timeout=lock_timeout, on_wait=waiting)
        started = datetime.now(UTC).replace(tzinfo=None)  # articles stored from now on are this run's
    except StoreError as exc:
        raise _fail(str(exc)) from None
    try:
        coder, items = _ingest_inputs(coder_factory, paths, pub, workers)
        summary = _ingest_with_progress(store, started, coder, items, paths, batch_size, quiet)
        err_console.print(summary.line(), style="dim" if not summary.errors else None)
        if summary.errors:
            raise _fail(f"{len(summary.errors)} input(s) failed; the rest was stored", 1)
    finally:
        store.close()


def _ingest_inputs(
    coder_factory: CoderFactory, paths: list[str], pub: date | None, workers: int | None
) -> tuple[Any, Iterable[Article | InputError]]:
    """The coder and the articles: a dataset written by ``peristiwa code --out-parquet`` (e.g. on a
    Dask cluster) is loaded with its coding as it is, no model needed; anything else is read and
    coded here."""
    from peristiwa.ingest.readers import iter_articles
    from peristiwa.scale.parquet import ParquetDatasetError, PrecodedCoder, is_coded_dataset

    if len(paths) == 1 and is_coded_dataset(paths[0]):
        try:
            coder = PrecodedCoder(paths[0])
        except ParquetDatasetError as exc:
            raise _fail(str(exc)) from None
        return coder, coder.articles()
    try:
        coder = _parallel_coder(workers) if workers not in (None, 1) else coder_factory()
    except Exception as exc:  # a missing model or dictionary: say which, in one line
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise _fail(f"cannot load the coder: {first}") from None
    return coder, iter_articles(paths, pub)


def _ingest_progress(show: bool) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        console=err_console,
        disable=not show,
        transient=True,
    )


def _ingest_with_progress(
    store: Any,
    started: datetime,
    coder: Any,
    items: Iterable[Article | InputError],
    paths: list[str],
    batch_size: int,
    quiet: bool,
) -> Any:
    """Run the ingest under a progress bar; a failure or a Ctrl-C becomes its one-line message."""
    from peristiwa.scale.parquet import PrecodedCoder
    from peristiwa.store.ingest import IngestSummary

    show = not quiet and err_console.is_terminal
    total = _count_inputs(paths) if show and not isinstance(coder, PrecodedCoder) else None
    progress = _ingest_progress(show)
    # the model loads on the first article: say so rather than sit at 0
    loading = "ingest" if isinstance(coder, PrecodedCoder) else "loading model"
    task = progress.add_task(loading, total=total, rate=0.0)
    kept: list[IngestSummary] = []  # the last committed summary: what Ctrl-C reports

    def on_error(message: str) -> None:
        from rich.markup import escape  # ids and file names are data, not markup

        progress.console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True, highlight=False)

    def on_progress(s: IngestSummary) -> None:
        done = s.unchanged + s.coded
        progress.update(task, completed=done, rate=s.rate, description="ingest" if done else loading)

    def on_commit(s: IngestSummary) -> None:
        kept[:] = [s]

    def interrupted() -> typer.Exit:
        progress.stop()
        return _interrupted(kept[0] if kept else None, paths, _stored_since(store, started))

    callbacks = {"on_error": on_error, "on_progress": on_progress, "on_commit": on_commit}
    with progress, _sigint_noticed() as sigint:
        result = _guarded_ingest(store, items, coder, batch_size, callbacks, sigint, interrupted)
    if isinstance(result, str):
        raise _fail(result, 1)
    return result


def _guarded_ingest(
    store: Any,
    items: Iterable[Article | InputError],
    coder: Any,
    batch_size: int,
    callbacks: dict[str, Callable[..., None]],
    sigint: threading.Event,
    interrupted: Callable[[], typer.Exit],
) -> Any:
    """The summary, or the coder's failure message; a Ctrl-C (even one a database library turned into
    its own error) raises ``interrupted()``, a failed write one line."""
    from peristiwa.store.ingest import CoderFailed, ingest

    try:
        return ingest(store, items, coder, batch_size=batch_size, **callbacks)
    except KeyboardInterrupt:
        raise interrupted() from None
    except CoderFailed as exc:
        return str(exc)
    except _db_errors() as exc:
        if sigint.is_set():
            # a Ctrl-C that lands inside a database call comes back as that library's own
            # error ("Query interrupted", an aborted transaction): it is still the Ctrl-C
            raise interrupted() from None
        first = (str(exc).splitlines() or [exc.__class__.__name__])[0]
        raise _fail(
            f"writing to {store.backend.url.display} failed: {first} "
            "(the batch in progress was rolled back; run again to resume)"
        ) from None
    except Exception:
        if not sigint.is_set():
            raise
        raise interrupted() from None  # any other error a Ctrl-C turned into ("Query interrupted")


INTERRUPTED_EXIT = 130  # 128 + SIGINT, what shells report for a command stopped by Ctrl-C


def _stored_since(store: Any, started: datetime) -> int | None:
    """How many articles the store holds that this run stored (None when it cannot be asked):
    the truth after a Ctrl-C, which may land between a batch's commit and its report."""
    try:
        row = store.backend.fetchone("SELECT count(*) FROM articles WHERE ingested_at >= ?", [started])
    except Exception:  # the store may be mid-rollback: fall back to the last reported batch
        return None
    return int(row[0]) if row else None


def _interrupted(kept: Any, paths: list[str], stored_now: int | None = None) -> typer.Exit:
    """Ctrl-C: what was stored (whole batches; the one in progress was rolled back) and how to go on."""
    reported = (kept.new + kept.updated) if kept is not None else 0
    if stored_now is not None and stored_now != reported:
        what = f"{stored_now} article(s) were stored in this run (whole batches)"
    elif kept is None:
        what = "nothing was stored in this run"
    else:
        stored = kept.new + kept.updated
        what = (
            f"{stored} article(s) were stored in this run ({kept.new} new, {kept.updated} updated; "
            f"{kept.unchanged} unchanged skipped)"
        )
    again = "peristiwa ingest " + " ".join(paths)
    err_console.print(
        f"[bold yellow]interrupted:[/] {what}; the batch in progress was rolled back. "
        f"Run the same command again to resume ({again} ...): stored articles are skipped.",
        soft_wrap=True,
    )
    return typer.Exit(INTERRUPTED_EXIT)


def _parallel_coder(workers: int | None) -> Any:
    from peristiwa.scale.commands import ParallelCoder

    return ParallelCoder(workers or 1)


# ---------------------------------------------------------------------------------------- query
def _filters(
    actor: str | None,
    source: str | None,
    target: str | None,
    country: str | None,
    code: str | None,
    root: str | None,
    quad: int | None,
    since: str | None,
    until: str | None,
    published_since: str | None,
    modality: str | None,
    text: str | None,
    limit: int | None,
    joint: bool | None = None,
    historical: bool | None = None,
    action_country: str | None = None,
    action_adm1: str | None = None,
) -> Any:
    from peristiwa.store.query import QueryError, QueryFilters

    f = QueryFilters(
        actor=actor,
        source=source,
        target=target,
        country=country,
        code=code,
        root=root,
        quad=quad,
        since=_day(since, "--since"),
        until=_day(until, "--until", end=True),
        published_since=_day(published_since, "--published-since"),
        modality=modality,
        text=text,
        limit=limit,
        joint=joint,
        historical=historical,
        action_country=action_country,
        action_adm1=action_adm1,
    )
    try:
        f.validate()
    except QueryError as exc:
        raise _fail(str(exc)) from None
    return f


def _date_cell(rec: dict[str, Any]) -> str:
    """The event's own date as precise as known (2024-05-16..31); undated: publication date in brackets."""
    if rec.get("event_date"):
        value, end = rec["event_date"], rec.get("event_date_end") or ""
        if not end:
            return value
        common = 8 if value[:8] == end[:8] and len(end) == 10 else 5 if value[:5] == end[:5] else 0
        return f"{value}..{end[common:]}"
    fallback = rec.get("first_seen") or rec.get("published")
    return f"({fallback.isoformat()})" if fallback else ""


def _actor_cell(code: str, name: str | None) -> str:
    if not code:
        return ""
    return f"{code} ({name})" if name else code


def _short(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _print_table(records: list[dict[str, Any]], level: str, limited: bool) -> None:
    """A table that reads at any width: the evidence wraps; what does not fit goes, least useful first.

    Wide terminals (>= 140 columns) get actor names, the CAMEO name and every count; from 100 the
    CAMEO name and one count; below that (an 80-column terminal) codes, modality and the wrapped
    sentence, without vertical rules, so the sentence keeps at least a third of the width.
    """
    from rich import box

    width = out_console.width
    wide, medium = width >= 140, width >= 100
    table = Table(show_lines=not medium, box=box.SIMPLE_HEAD if not medium else box.HEAVY_HEAD)
    table.add_column("date", no_wrap=True)
    if level == "mention" and medium:
        table.add_column("article", max_width=24 if wide else 12)
    table.add_column("source", max_width=24 if wide else 12)
    table.add_column("code", max_width=28 if wide else 18 if medium else 4)
    table.add_column("target", max_width=24 if wide else 12)
    table.add_column("modality", no_wrap=True)
    if level == "story" and medium:
        for col in ("mentions", "sources", "articles") if wide else ("n",):
            table.add_column(col, no_wrap=True, justify="right")
    table.add_column("evidence", ratio=1, min_width=16)

    def actor(code: str, name: str | None) -> str:
        return code if not wide or not name or not code else f"{code} ({name})"

    for r in records:
        cells = [_date_cell(r)]
        if level == "mention" and medium:
            cells.append(r["article_id"])
        code = r["event_code"]
        if medium and r.get("event_name"):
            code = f"{code} {r['event_name']}"
        cells += [
            actor(r["actor1_code"], r.get("actor1_name")),
            code,
            actor(r["actor2_code"], r.get("actor2_name")),
            r["modality"] + (" (joint)" if r.get("joint") and medium else ""),
        ]
        if level == "story" and medium:
            cells += [str(r["num_mentions"])] + (
                [str(r["num_sources"]), str(r["num_articles"])] if wide else []
            )
        cells.append(_short(r.get("evidence") if level == "story" else r.get("sentence") or "", 240))
        table.add_row(*cells)
    out_console.print(table)
    note = f"{len(records)} {'stories' if level == 'story' else 'mentions'}"
    if limited:
        note += " (limit reached: use --limit to see more)"
    err_console.print(note, style="dim")


def _reader_gone() -> None:
    """Standard output's reader left (``peristiwa query ... | head``): stop quietly, as ``cat`` does.

    What is still buffered for the closed pipe is dropped (stdout pointed at /dev/null), so the
    interpreter's final flush does not print a second error on the way out.
    """
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a file descriptor
        pass
    raise typer.Exit(0)


# ---------------------------------------------------------------------------------------- export
EXPORT_FORMATS = ("gdelt", "parquet", "csv", "jsonl", "plover")


def _export(store: Any, out: Path, format: str, f: Any) -> list[tuple[str, int]]:
    """Run one export; returns (summary line, rows) per file written."""
    from peristiwa.export.full import export_full
    from peristiwa.export.gdelt import export_gdelt
    from peristiwa.export.plover import export_plover

    if format == "plover":
        path, n, skipped = export_plover(store, out, f)
        return [(f"{n} events -> {path} ({skipped} without a PLOVER type left out)", n)]
    if format == "gdelt":
        a, b, n1, n2 = export_gdelt(store, out, f)
    else:
        a, b, n1, n2 = export_full(store, out, format, f)
    return [(f"{n1} events -> {a}", n1), (f"{n2} mentions -> {b}", n2)]


def _delta_start(store: Any, f: Any, changed_since: str | None) -> Any:
    """For a delta export: set ``f.changed_since`` and return this export's start time (else None)."""
    from datetime import UTC, datetime

    if changed_since is None:
        return None
    started = datetime.now(UTC).replace(tzinfo=None)
    if changed_since.strip().lower() == "last":
        row = store.backend.fetchone("SELECT max(exported_at) FROM export_log")
        f.changed_since = row[0] if row and row[0] is not None else None  # first delta: everything
        return started
    try:
        moment = datetime.fromisoformat(changed_since.strip().replace("Z", "+00:00"))
    except ValueError:
        raise _fail(
            f"--changed-since: not an ISO time (2026-12-01T08:00, UTC) or 'last': {changed_since!r}"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    f.changed_since = moment
    return started


def _log_export(store: Any, started: Any, format: str, f: Any, lines: list[tuple[str, int]]) -> None:
    """Remember a delta export, so ``--changed-since last`` continues from its start time (changes made
    while it ran are in the next one)."""
    from peristiwa.store import schema

    counts = [n for _, n in lines] + [0]
    with store.backend.transaction():
        store.backend.insert_rows(
            "export_log",
            schema.EXPORT_LOG_COLUMNS,
            [[started, format, f.changed_since, counts[0], counts[1] if len(lines) > 1 else 0]],
        )


# ---------------------------------------------------------------------------------------- register
def register(app: typer.Typer, coder_factory: CoderFactory | None = None) -> None:
    """Add ``ingest``, ``query``, ``export`` and the ``db`` group to ``app``.

    ``coder_factory`` makes the coder ``ingest`` uses (default: the real one, loaded on first use);
    tests pass a fast fake.
    """
    factory = coder_factory or _default_coder

    @app.command("ingest")
    def ingest_command(
        paths: Annotated[
            list[str], typer.Argument(help="Text files, JSON Lines (.jsonl, .jsonl.gz), directories, or -.")
        ],
        db: DbOption = None,
        published: Annotated[
            str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs without one.")
        ] = None,
        batch_size: Annotated[int, typer.Option("--batch-size", help="Articles per transaction.")] = 50,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
        lock_timeout: Annotated[
            float,
            typer.Option(
                "--lock-timeout",
                help="Seconds to wait for a DuckDB file another process is writing (0: fail at once).",
            ),
        ] = DEFAULT_LOCK_TIMEOUT,
        workers: Annotated[
            int | None,
            typer.Option(help="Code in N processes, fast pipeline, same events (as code --workers)."),
        ] = None,
    ) -> None:
        """Code articles and store their events, facts and entities (unchanged articles are skipped).

        Ctrl-C stops after rolling back the batch in progress, says what was stored and exits with
        status 130; running the same command again resumes.
        """
        if workers is not None and workers < 1:
            raise _fail("--workers must be at least 1")
        _ingest(factory, paths, db, published, batch_size, quiet, lock_timeout, workers)

    app.command("query")(query_command)
    app.command("export")(export_command)
    app.command("series")(series_command)
    feedback_app = typer.Typer(help="Analysts' flags on wrong events.", no_args_is_help=True)
    app.add_typer(feedback_app, name="feedback")
    feedback_app.command("export")(feedback_export)
    db_app = typer.Typer(
        help="The event store: schema version, counts, size; migrations.", no_args_is_help=True
    )
    app.add_typer(db_app, name="db")
    db_app.command("info")(db_info)
    db_app.command("migrate")(db_migrate)
    db_app.command("rebuild-stories")(db_rebuild)


def query_command(
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option(help="Actor code prefix (RUS matches RUSGOV) or name, either side.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source actor (actor1): code prefix or name.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor (actor2): code prefix or name.")] = None,
    country: Annotated[
        str | None, typer.Option(help="Country code of either actor or of the action.")
    ] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO event code prefix (042, 04).")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root code (04).")] = None,
    quad: Annotated[int | None, typer.Option(help="Quad class 1-4.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Event date on or after (undated: publication date).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Event date on or before (undated: publication date).")
    ] = None,
    published_since: Annotated[
        str | None, typer.Option("--published-since", help="Reported on or after.")
    ] = None,
    modality: Annotated[
        str | None, typer.Option(help="asserted, planned, hypothetical, negated, demanded.")
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="Evidence sentence contains this (case-insensitive).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many rows (table default: 100).")] = None,
    joint: Annotated[
        bool | None,
        typer.Option("--joint/--no-joint", help="Only joint events (split or reversed), or none."),
    ] = None,
    historical: Annotated[
        bool | None,
        typer.Option("--historical/--no-historical", help="Only historical events, or none."),
    ] = None,
    level: Annotated[str, typer.Option(help="story (one row per happening) or mention.")] = "story",
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, jsonl or parquet")] = "table",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here (required for parquet).")
    ] = None,
    action_country: Annotated[
        str | None,
        typer.Option("--action-country", help="Where it happened: FIPS (ID) or CAMEO (IDN) country."),
    ] = None,
    action_adm1: Annotated[
        str | None, typer.Option("--action-adm1", help="Where it happened: GDELT ADM1 code (ID04).")
    ] = None,
) -> None:
    """Find story-level events (or their mentions) by actor, code, date, modality or text."""
    from peristiwa.store.db import open_store
    from peristiwa.store.query import query_mentions, query_stories

    limit = _check_query_options(format, level, out, limit)
    f = _filters(
        actor,
        source,
        target,
        country,
        code,
        root,
        quad,
        since,
        until,
        published_since,
        modality,
        text,
        limit,
        joint,
        historical,
        action_country=action_country,
        action_adm1=action_adm1,
    )
    try:
        with open_store(_db(db), read_only=True) as store:
            if level == "story":
                records = query_stories(store, f, details=format != "table")
            else:
                records = query_mentions(store, f)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    _write_query_output(records, format, level, limit, out)


def _check_query_options(format: str, level: str, out: Path | None, limit: int | None) -> int | None:
    """Refuse option combinations ``query`` cannot honour; returns the row limit (table: 100)."""
    from peristiwa.store.query import LEVELS

    if format not in ("table", "csv", "jsonl", "parquet"):
        raise _fail(f"--format must be table, csv, jsonl or parquet, not {format!r}")
    if level not in LEVELS:
        raise _fail(f"--level must be story or mention, not {level!r}")
    if format == "parquet" and out is None:
        raise _fail("--format parquet needs --out FILE")
    if format == "table" and limit is None:
        return 100
    return limit


def _write_query_output(
    records: list[dict[str, Any]], format: str, level: str, limit: int | None, out: Path | None
) -> None:
    """``query``'s records as a table on the terminal, or written as csv, jsonl or parquet."""
    from peristiwa.export.gdelt import add_geo_fields
    from peristiwa.export.records import write_records

    if format == "table":
        try:
            _print_table(records, level, limited=limit is not None and len(records) == limit)
        except BrokenPipeError:
            _reader_gone()
        return

    for rec in records:  # the GDELT geo fields of the stored gazetteer keys
        add_geo_fields(rec)
    try:
        write_records(records, format, out, sys.stdout if out is None else None)
    except BrokenPipeError:
        _reader_gone()
    except OSError as exc:
        raise _fail(f"{out}: cannot write ({exc.strerror or exc})") from None
    if out is not None:
        err_console.print(f"{len(records)} rows -> {out}", style="dim")


def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into (created if missing).")],
    format: Annotated[str, typer.Option("--format", "-f", help="gdelt, parquet, csv or jsonl")] = "gdelt",
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code prefix or name, either side.")] = None,
    country: Annotated[
        str | None, typer.Option(help="Country code of either actor or of the action.")
    ] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO event code prefix.")] = None,
    since: Annotated[str | None, typer.Option(help="Event date on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="Event date on or before.")] = None,
    modality: Annotated[
        str | None, typer.Option(help="Only this modality (GDELT has none: consider asserted).")
    ] = None,
    joint: Annotated[
        bool | None, typer.Option("--joint/--no-joint", help="Only joint events, or none.")
    ] = None,
    historical: Annotated[
        bool | None, typer.Option("--historical/--no-historical", help="Only historical events, or none.")
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            help="Delta: only stories added or changed after this UTC time (2026-12-01T08:00), "
            "or 'last' for since the last delta export (remembered in the store).",
        ),
    ] = None,
) -> None:
    """Export story-level events: GDELT 2.0 Events + Mentions, the full record (parquet/csv/jsonl)
    or PLOVER (plover: one JSON object per story)."""
    from peristiwa.store.db import open_store

    if format not in EXPORT_FORMATS:
        raise _fail(f"--format must be {', '.join(EXPORT_FORMATS[:-1])} or plover, not {format!r}")
    if out.exists() and not out.is_dir():
        raise _fail(f"--out {out}: exists and is not a folder")
    f = _filters(
        actor,
        None,
        None,
        country,
        code,
        None,
        None,
        since,
        until,
        None,
        modality,
        None,
        None,
        joint,
        historical,
    )
    try:
        # a delta export writes its time into the store, so it opens it for writing
        with open_store(_db(db), read_only=changed_since is None) as store:
            started = _delta_start(store, f, changed_since)
            lines = _export(store, out, format, f)
            if started is not None:
                _log_export(store, started, format, f, lines)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{out}: cannot write ({exc.strerror or exc})") from None
    err_console.print("\n".join(line for line, _ in lines), style="dim")


def series_command(
    by: Annotated[str, typer.Option(help="dyad, actor, root or quad.")] = "root",
    every: Annotated[str, typer.Option(help="day, week or month.")] = "month",
    date_basis: Annotated[
        str, typer.Option("--date", help="event (the event's own date) or published (first report).")
    ] = "event",
    historical: Annotated[
        bool, typer.Option("--historical", help="Take historical events in (left out by default).")
    ] = False,
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code prefix or name, either side.")] = None,
    country: Annotated[str | None, typer.Option(help="Country of either actor or the action.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO event code prefix.")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root code.")] = None,
    since: Annotated[str | None, typer.Option(help="Event date on or after.")] = None,
    until: Annotated[str | None, typer.Option(help="Event date on or before.")] = None,
    modality: Annotated[str | None, typer.Option(help="Only this modality.")] = None,
    joint: Annotated[
        bool | None, typer.Option("--joint/--no-joint", help="Only joint events, or none.")
    ] = None,
    top: Annotated[int | None, typer.Option(help="Only the N groups with the most stories overall.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl or parquet")] = "csv",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here (parquet needs it).")] = None,
) -> None:
    """Counts per period and group: stories, mentions, mean Goldstein, QuadClass shares."""
    from peristiwa.export.records import write_records
    from peristiwa.store.db import open_store
    from peristiwa.store.query import QueryError
    from peristiwa.store.series import SeriesRequest, series

    if format not in ("csv", "jsonl", "parquet"):
        raise _fail(f"--format must be csv, jsonl or parquet, not {format!r}")
    if format == "parquet" and out is None:
        raise _fail("--format parquet needs --out FILE")
    f = _filters(
        actor, None, None, country, code, root, None, since, until, None, modality, None, None, joint
    )
    req = SeriesRequest(by=by, every=every, basis=date_basis, historical=historical, filters=f, top=top)
    try:
        req.validate()
        with open_store(_db(db), read_only=True) as store:
            result = series(store, req)
    except QueryError as exc:
        raise _fail(str(exc)) from None
    except StoreError as exc:
        raise _fail(str(exc)) from None
    try:
        write_records(result.rows, format, out, sys.stdout if out is None else None, result.columns())
    except BrokenPipeError:
        _reader_gone()
    except OSError as exc:
        raise _fail(f"{out}: cannot write ({exc.strerror or exc})") from None
    left = ", ".join(f"{n} {why}" for why, n in result.left_out.items() if n)
    err_console.print(f"{len(result.rows)} rows" + (f"; left out: {left}" if left else ""), style="dim")


def feedback_export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the gold files (created).")],
    db: DbOption = None,
) -> None:
    """Write the flags as gold-format JSON (one file per article, texts/ beside) for eval and training."""
    from peristiwa.store.db import open_store
    from peristiwa.store.feedback import export_gold

    if out.exists() and not out.is_dir():
        raise _fail(f"--out {out}: exists and is not a folder")
    try:
        with open_store(_db(db), read_only=True) as store:
            n = export_gold(store, out)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{out}: cannot write ({exc.strerror or exc})") from None
    err_console.print(f"{n} gold file(s) -> {out}", style="dim")


def db_info(db: DbOption = None) -> None:
    """Show the store's schema version, row counts and size."""
    from peristiwa.store.db import open_store

    try:
        with open_store(_db(db), read_only=True, allow_old=True) as store:
            info = store.info()
    except StoreError as exc:
        raise _fail(str(exc)) from None
    table = Table(show_header=False, box=None)
    table.add_column("what", style="bold")
    table.add_column("value")
    table.add_row("database", f"{info['url']} ({info['backend']})")
    version = f"{info['schema_version']}"
    if info["schema_version"] < info["latest_schema_version"]:
        version += f" (this peristiwa: {info['latest_schema_version']}; run `peristiwa db migrate`)"
    table.add_row("schema version", version)
    table.add_row("size", _human(info["size_bytes"]))
    for name, n in info.get("counts", {}).items():
        table.add_row(name, f"{n:,}")
    if info.get("last_ingest"):
        table.add_row("last ingest", f"{info['last_ingest']:%Y-%m-%d %H:%M:%S} UTC")
    for version_name, n in info.get("coder_versions", {}).items():
        table.add_row("coder", f"{version_name}: {n:,} articles")
    out_console.print(table)


def db_migrate(db: DbOption = None) -> None:
    """Create the store, or bring its schema up to this peristiwa's version."""
    from peristiwa.store import schema
    from peristiwa.store.backend import connect

    try:
        backend = connect(_db(db))
        try:
            before = schema.current_version(backend)
            applied = schema.migrate(backend)
        finally:
            backend.close()
    except StoreError as exc:
        raise _fail(str(exc)) from None
    if applied:
        out_console.print(f"schema {before} -> {applied[-1]} (applied {', '.join(map(str, applied))})")
    else:
        out_console.print(f"schema already at version {before}")


def db_rebuild(db: DbOption = None) -> None:
    """Recompute every story-level event from the stored mentions (after the merge rules change)."""
    from peristiwa.store.db import open_store

    try:
        with open_store(_db(db)) as store:
            n = store.rebuild_stories()
    except StoreError as exc:
        raise _fail(str(exc)) from None
    out_console.print(f"{n:,} stories")


def _human(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover
