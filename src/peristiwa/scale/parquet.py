"""Coded articles as a Parquet dataset partitioned by publication date, and back.

Layout of a dataset directory (hive partitioning, readable by DuckDB, pandas, Spark, Polars)::

    OUT/_peristiwa.json                                   format, version, coder version
    OUT/events/published=2024-05-16/part-00000-0.parquet  one row per event: Event.to_record()
    OUT/articles/published=2024-05-16/part-00000-0.parquet one row per article, lossless

``events`` is the analysis table: exactly the ``peristiwa code --format jsonl`` records plus the
``published`` partition column. ``articles`` keeps each whole :class:`CodedArticle` (text,
sentences, facts, entities, warnings, events with actor offsets) as JSON, because the store needs
all of it and the event records alone drop what the store shows as evidence. Articles without a
publication date go to ``published=unknown``.

Files are written in batches as coding goes, so a run over millions of articles never holds them
all; a batch number in each file name keeps the input order recoverable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from peristiwa.model import (
    ActorRef,
    Article,
    Attribution,
    CodedArticle,
    Entity,
    Event,
    Fact,
    Sentence,
    TimeRef,
)

FORMAT = "peristiwa-coded-parquet"
FORMAT_VERSION = 1
META_FILE = "_peristiwa.json"
UNKNOWN_DATE = "unknown"
BATCH_ARTICLES = 500  # articles per written batch: bounded memory, not too many small files

_LIST_FIELDS = ("rules", "actor1_entries", "actor2_entries")


class ParquetDatasetError(Exception):
    """The directory is not a dataset this version can read, or cannot be written to."""


def _partition(published: date | None) -> str:
    return published.isoformat() if published else UNKNOWN_DATE


def _event_schema(record: dict[str, Any]) -> Any:
    """An Arrow schema for event records, derived from one record so new contract fields just work.

    Fixed rather than inferred per batch: a batch where every ``rules`` list is empty would
    otherwise get a null type and clash with the next batch.
    """
    import pyarrow as pa

    fields = []
    for key, value in record.items():
        if isinstance(value, bool):
            typ = pa.bool_()
        elif isinstance(value, int) and key not in ("goldstein", "confidence"):
            typ = pa.int64()
        elif isinstance(value, float | int):
            typ = pa.float64()
        elif isinstance(value, list):
            typ = pa.list_(pa.string())
        else:
            typ = pa.string()
        fields.append(pa.field(key, typ))
    fields.append(pa.field("published", pa.string()))
    return pa.schema(fields)


ARTICLE_COLUMNS = ("article_id", "title", "url", "outlet", "source", "language", "n_events", "coded")


def _article_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("article_id", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("outlet", pa.string()),
            ("source", pa.string()),
            ("language", pa.string()),
            ("n_events", pa.int64()),
            ("coded", pa.string()),
            ("published", pa.string()),
        ]
    )


def coded_to_json(coded: CodedArticle) -> str:
    """The whole coded article as JSON (dates as ISO strings): lossless, see :func:`coded_from_json`."""
    return json.dumps(asdict(coded), ensure_ascii=False, default=_json_default)


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _actor(d: dict[str, Any] | None) -> ActorRef | None:
    return None if d is None else ActorRef(**{**d, "entries": tuple(d.get("entries", ()))})


def coded_from_json(text: str) -> CodedArticle:
    """Rebuild the CodedArticle written by :func:`coded_to_json` (tuples and dates restored)."""
    d = json.loads(text)
    a = d["article"]
    article = Article(**{**a, "published": date.fromisoformat(a["published"]) if a["published"] else None})
    events = []
    for e in d["events"]:
        actor1 = _actor(e["actor1"])
        assert actor1 is not None
        events.append(
            Event(
                **{
                    **e,
                    "actor1": actor1,
                    "actor2": _actor(e["actor2"]),
                    "time": TimeRef(**e["time"]),
                    "attribution": Attribution(**e["attribution"]),
                    "rules": tuple(e["rules"]),
                }
            )
        )
    return CodedArticle(
        article=article,
        language=d["language"],
        sentences=[Sentence(**s) for s in d["sentences"]],
        events=events,
        facts=[Fact(**f) for f in d["facts"]],
        entities=[Entity(**x) for x in d["entities"]],
        warnings=list(d["warnings"]),
    )


def write_parquet_dataset(
    coded_iter: Iterable[CodedArticle],
    out_dir: str | Path,
    *,
    coder_version: str | None = None,
    batch_articles: int = BATCH_ARTICLES,
) -> tuple[int, int]:
    """Write coded articles to ``out_dir`` (see the module docstring); returns (articles, events).

    Refuses a directory that already holds files: appending a second run would duplicate every
    event, and silently deleting someone's data is worse.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds

    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ParquetDatasetError(f"{out}: exists and is not an empty directory; choose a new one")
    out.mkdir(parents=True, exist_ok=True)
    partitioning = ds.partitioning(pa.schema([("published", pa.string())]), flavor="hive")
    event_schema = None
    n_articles = n_events = 0
    batch_no = 0
    events: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal batch_no, events, articles
        template = f"part-{batch_no:05d}-{{i}}.parquet"
        if events and event_schema is not None:
            table = pa.Table.from_pylist(events, schema=event_schema)
            ds.write_dataset(
                table, out / "events", format="parquet", partitioning=partitioning,
                basename_template=template, existing_data_behavior="overwrite_or_ignore",
            )  # fmt: skip
        if articles:
            table = pa.Table.from_pylist(articles, schema=_article_schema())
            ds.write_dataset(
                table, out / "articles", format="parquet", partitioning=partitioning,
                basename_template=template, existing_data_behavior="overwrite_or_ignore",
            )  # fmt: skip
        batch_no += 1
        events, articles = [], []

    for coded in coded_iter:
        art = coded.article
        part = _partition(art.published)
        for ev in coded.events:
            rec = ev.to_record()
            if event_schema is None:
                event_schema = _event_schema(rec)
            rec["published"] = part
            events.append(rec)
        articles.append(
            {
                "article_id": art.id,
                "title": art.title,
                "url": art.url,
                "outlet": art.outlet,
                "source": art.source,
                "language": coded.language,
                "n_events": len(coded.events),
                "coded": coded_to_json(coded),
                "published": part,
            }
        )
        n_articles += 1
        n_events += len(coded.events)
        if len(articles) >= batch_articles:
            flush()
    flush()
    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "coder_version": coder_version or "",
        "articles": n_articles,
        "events": n_events,
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return n_articles, n_events


def is_coded_dataset(path: str | Path) -> bool:
    """Whether ``path`` is a directory written by :func:`write_parquet_dataset`."""
    return (Path(path) / META_FILE).is_file()


def read_meta(path: str | Path) -> dict[str, Any]:
    p = Path(path) / META_FILE
    try:
        meta = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ParquetDatasetError(f"{path}: not a peristiwa Parquet dataset ({exc})") from None
    if meta.get("format") != FORMAT or int(meta.get("version", 0)) > FORMAT_VERSION:
        raise ParquetDatasetError(
            f"{path}: dataset format {meta.get('format')!r} version {meta.get('version')} is not one "
            f"this peristiwa reads ({FORMAT} <= {FORMAT_VERSION})"
        )
    return meta


def _files(root: Path) -> list[Path]:
    """Data files in write order: by batch number, then partition (dates sort as ISO strings)."""

    def key(p: Path) -> tuple[int, str, str]:
        parts = p.stem.split("-")
        batch = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        return batch, p.parent.name, p.name

    return sorted(root.glob("published=*/*.parquet"), key=key)


def _rows(root: Path, columns: list[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    import pyarrow.parquet as pq

    for f in _files(root):
        part = f.parent.name.split("=", 1)[1]
        pf = pq.ParquetFile(f)
        for batch in pf.iter_batches(batch_size=1000, columns=columns):
            for row in batch.to_pylist():
                yield part, row


def iter_parquet_events(path: str | Path) -> Iterator[dict[str, Any]]:
    """Every event record of the dataset (``Event.to_record()`` plus ``published``), batch by batch."""
    root = Path(path)
    read_meta(root)
    for part, row in _rows(root / "events"):
        for key in _LIST_FIELDS:
            if key in row and row[key] is None:
                row[key] = []
        row["published"] = part
        yield row


def iter_parquet_coded(path: str | Path) -> Iterator[CodedArticle]:
    """Every coded article of the dataset, whole, in the order it was written within each batch."""
    root = Path(path)
    read_meta(root)
    for _part, row in _rows(root / "articles", ["coded"]):
        yield coded_from_json(row["coded"])


class PrecodedCoder:
    """A "coder" for :func:`peristiwa.store.ingest.ingest` that hands back articles coded earlier.

    ``ingest`` asks for a coder and the articles separately (it skips articles the store already
    holds before coding); this one streams the dataset once, in the order :meth:`articles`
    yields, and returns each requested article's stored coding, so memory stays flat. Its
    ``version`` is the coder version recorded when the dataset was written, so the store's
    "unchanged" check treats these articles exactly as if they had been coded in place.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        meta = read_meta(self.path)
        self.version = meta.get("coder_version") or f"{FORMAT}/{self.path.name}"
        self._stream: Iterator[CodedArticle] | None = None

    def articles(self) -> Iterator[Article]:
        """The dataset's articles, in the order :meth:`code_articles` expects them."""
        for coded in iter_parquet_coded(self.path):
            yield coded.article

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        stream = iter_parquet_coded(self.path)
        for article in articles:
            for coded in stream:
                if coded.article.id == article.id:
                    yield coded
                    break
            else:
                raise ParquetDatasetError(f"{self.path}: article {article.id!r} is not in the dataset")
