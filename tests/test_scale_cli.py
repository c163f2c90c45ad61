"""The CLI wiring of the scale options: --workers, --out-parquet, and ingesting such a dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from peristiwa.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles.jsonl"
pytestmark = [pytest.mark.usefixtures("nlp"), pytest.mark.slow]


def test_workers_give_the_same_events_and_parquet_ingests_like_direct_coding(tmp_path: Path) -> None:
    runner = CliRunner()
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(app, ["code", str(EXAMPLES), "-f", "jsonl", "-o", str(one)]).exit_code == 0
    result = runner.invoke(app, ["code", str(EXAMPLES), "--workers", "2", "-f", "jsonl", "-o", str(two)])
    assert result.exit_code == 0, result.output
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8") != ""

    dataset = tmp_path / "dataset"
    assert runner.invoke(app, ["code", str(EXAMPLES), "--out-parquet", str(dataset)]).exit_code == 0
    assert sorted(p.name for p in (dataset / "events").iterdir())[0].startswith("published=")
    direct, loaded = tmp_path / "direct.duckdb", tmp_path / "loaded.duckdb"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(direct)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(dataset), "--db", str(loaded)]).exit_code == 0

    import duckdb

    def counts(db: Path) -> tuple[int, ...]:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return tuple(
                con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("articles", "events", "facts")
            )
        finally:
            con.close()

    assert counts(direct) == counts(loaded) and counts(direct)[1] > 0
    assert runner.invoke(app, ["code", str(EXAMPLES), "--workers", "0"]).exit_code == 2


def test_ingest_workers_stores_the_events_of_a_one_process_ingest(tmp_path: Path) -> None:
    """``ingest --workers 2`` (fast pipeline, two processes) and the plain ingest: the same tables,
    and the same content hashes, so a rerun with either skips every article."""
    from test_store_support import snapshot

    runner = CliRunner()
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(one)]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(two), "--workers", "2"])
    assert result.exit_code == 0, result.output
    a, b = snapshot(str(one)), snapshot(str(two))
    assert a["events"] and a == b
    again = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(one), "--workers", "2"])
    assert again.exit_code == 0 and " 0 new" in again.output and "unchanged" in again.output
    assert runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(one), "--workers", "0"]).exit_code == 2
