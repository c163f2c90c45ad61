"""Write records (dicts) as JSON Lines, CSV or Parquet: the full peristiwa record, nothing dropped.

One writer for ``peristiwa query`` and ``peristiwa export`` so a column looks the same whichever
command wrote it. JSON Lines and Parquet keep nesting (a story's list of mentions); CSV, which has
no nesting, joins lists of strings with ``|`` and writes lists of objects as JSON text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

FORMATS = ("jsonl", "csv", "parquet")


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=_json_default)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return "|".join(value)
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def write_jsonl(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    for rec in records:
        out.write(to_json_line(rec) + "\n")


def write_csv(records: Sequence[dict[str, Any]], out: TextIO, columns: Sequence[str] | None = None) -> None:
    fieldnames = list(columns or (records[0].keys() if records else []))
    writer = csv.DictWriter(out, fieldnames=fieldnames, extrasaction="ignore")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: _csv_cell(rec.get(k)) for k in fieldnames})


def write_parquet(
    records: Sequence[dict[str, Any]], path: Path, columns: Sequence[str] | None = None
) -> None:
    """Parquet via Arrow; an empty result still gets its columns (as strings) so readers see the schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if records:
        table = pa.Table.from_pylist(list(records))
    else:
        names = list(columns or [])
        table = pa.table({n: pa.array([], type=pa.string()) for n in names})
    pq.write_table(table, path)


def write_records(
    records: Sequence[dict[str, Any]],
    fmt: str,
    path: Path | None,
    stream: TextIO | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """Write ``records`` in ``fmt`` to ``path`` (or ``stream`` for the text formats)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet needs a file (--out)")
        write_parquet(records, path, columns)
        return
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            write_records(records, fmt, None, fh, columns)
        return
    assert stream is not None
    if fmt == "jsonl":
        write_jsonl(records, stream)
    else:
        write_csv(records, stream, columns)
