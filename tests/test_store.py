"""The event store: URLs, versioned schema, idempotent batched ingest, atomic replacement, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import typer
from test_store_support import (  # noqa: F401  (fixtures, used by name)
    SEED_LIKE,
    ScriptedCoder,
    backend_url_fixture,
    duck_url_fixture,
    make_event,
    pg_url_fixture,
    seed_like_article,
    seed_like_events,
    snapshot,
)
from typer.testing import CliRunner

from peristiwa.ingest.readers import iter_articles
from peristiwa.model import Article
from peristiwa.store import schema
from peristiwa.store.backend import StoreError, connect, parse_url
from peristiwa.store.commands import register
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder
from peristiwa.store.ingest import coder_version, ingest

runner = CliRunner()


def cli(coder_factory=FakeCoder) -> typer.Typer:  # type: ignore[no-untyped-def]
    app = typer.Typer(pretty_exceptions_enable=False)
    register(app, coder_factory=coder_factory)
    return app


def run_cli(app: typer.Typer, *args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# ---------------------------------------------------------------------------------------- URLs
@pytest.mark.parametrize(
    ("url", "kind", "target"),
    [
        ("peristiwa.duckdb", "duckdb", "peristiwa.duckdb"),
        ("/data/x.duckdb", "duckdb", "/data/x.duckdb"),
        ("duckdb:///data/x.duckdb", "duckdb", "/data/x.duckdb"),
        ("duckdb://rel/x.duckdb", "duckdb", "rel/x.duckdb"),
        ("postgresql://ana@db.example/events", "postgresql", "postgresql://ana@db.example/events"),
        ("postgres://ana@db.example/events", "postgresql", "postgres://ana@db.example/events"),
    ],
)
def test_parse_url(url: str, kind: str, target: str) -> None:
    parsed = parse_url(url)
    assert (parsed.kind, parsed.target) == (kind, target)


def test_parse_url_rejects_other_schemes_and_hides_passwords() -> None:
    with pytest.raises(StoreError, match="unsupported database URL scheme 'mysql'"):
        parse_url("mysql://root@localhost/x")
    assert parse_url("postgresql://ana:s3cret@h/db").display == "postgresql://ana:***@h/db"


# ---------------------------------------------------------------------------------------- schema
def test_new_store_has_latest_schema_with_ordered_steps(backend_url: str) -> None:
    with open_store(backend_url) as store:
        assert store.version == schema.LATEST_VERSION
        versions = [
            r[0] for r in store.backend.fetchall("SELECT version FROM schema_version ORDER BY applied_at")
        ]
        assert versions == [m.version for m in schema.MIGRATIONS]


def test_writer_column_lists_match_the_migrated_tables(backend_url: str) -> None:
    """The bulk writers' column lists and the migrations' DDL cannot drift apart."""
    with open_store(backend_url) as store:
        for table, columns in schema.TABLE_COLUMNS.items():
            names = [
                r[0]
                for r in store.backend.fetchall(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "AND table_schema = current_schema() ORDER BY ordinal_position",
                    [table],
                )
            ]
            assert names == [n for n, _ in columns], table


def test_event_columns_cover_every_field_of_the_record() -> None:
    ev = make_event(seed_like_article(), "telah mengecam", "WSTGOV", "111", "RUSGOV")
    assert [n for n, _ in schema.EVENT_RECORD_COLUMNS] == list(ev.to_record())


def test_old_store_is_upgraded_in_order_and_keeps_its_data(duck_url: str) -> None:
    backend = connect(duck_url)
    assert schema.migrate(backend, target=1) == [1]
    backend.execute(
        "INSERT INTO articles (article_id, content_hash, coder_version, text, n_sentences, n_events, "
        "n_facts, ingested_at) VALUES ('old', 'h', 'c', 'teks', 0, 0, 0, now())"
    )
    backend.close()
    with pytest.raises(StoreError, match=r"schema version 1.*db migrate"):
        open_store(duck_url, read_only=True)
    with open_store(duck_url) as store:
        assert store.version == schema.LATEST_VERSION
        assert store.count("articles") == 1
        assert store.count("stories") == 0


def test_newer_schema_is_refused(duck_url: str) -> None:
    open_store(duck_url).close()
    backend = connect(duck_url)
    backend.execute("INSERT INTO schema_version VALUES (99, 'from the future', now())")
    backend.close()
    with pytest.raises(StoreError, match="newer than this peristiwa"):
        open_store(duck_url)


# ---------------------------------------------------------------------------------------- ingest
def test_ingest_stores_every_field_of_every_event(backend_url: str) -> None:
    article = seed_like_article()
    expected = {e.event_id: e.to_record() for e in seed_like_events(article)}
    with open_store(backend_url) as store:
        summary = ingest(store, [article], ScriptedCoder({article.id: seed_like_events}))
        assert (summary.new, summary.events) == (1, 4)
        names = [n for n, _ in schema.EVENT_RECORD_COLUMNS]
        rows = store.backend.fetchall(f"SELECT {', '.join(names)} FROM events")
        stored = {r[1]: dict(zip(names, r, strict=True)) for r in rows}
        assert stored.keys() == expected.keys()
        for event_id, rec in expected.items():
            got = {k: (list(v) if isinstance(v, tuple) else v) for k, v in stored[event_id].items()}
            assert got == rec
        (published, outlet, url, title, n_sentences) = store.backend.fetchone(
            "SELECT published, outlet, url, title, n_sentences FROM articles"
        )
        assert (published, outlet, url, title, n_sentences) == (
            date(2024, 3, 20),
            "JagatBisnis.com",
            "https://jagatbisnis.test/a1",
            "Putin ke Cina",
            4,
        )
        sentences = store.backend.fetchall(
            "SELECT sentence_index, start_char, end_char, text FROM sentences ORDER BY sentence_index"
        )
        assert [SEED_LIKE[s:e] for _, s, e, _ in sentences] == [t for *_, t in sentences]


def test_facts_and_entities_are_stored(backend_url: str) -> None:
    text = SEED_LIKE + " Perdagangan antara Rusia dan Cina mencapai $218,2 miliar."
    article = Article("money", text, published=date(2024, 3, 20))
    with open_store(backend_url) as store:
        ingest(store, [article], FakeCoder())
        facts = store.backend.fetchall("SELECT kind, text, value, unit, start_char, end_char FROM facts")
        assert len(facts) == 1
        kind, fact_text, value, unit, start, end = facts[0]
        assert (kind, fact_text, unit) == ("money", "$218,2 miliar", "USD")
        assert value == pytest.approx(2.182e11) and text[start:end] == fact_text
        entities = store.backend.fetchall("SELECT text, label, start_char, end_char, code FROM entities")
        assert ("Putin", "PER") in {(t, lab) for t, lab, *_ in entities}
        assert all(text[s:e] == t for t, _, s, e, _ in entities)


def test_same_article_twice_adds_nothing_and_is_not_recoded(backend_url: str) -> None:
    article = seed_like_article()
    coder = ScriptedCoder({article.id: seed_like_events})
    with open_store(backend_url) as store:
        ingest(store, [article], coder)
    before = snapshot(backend_url)
    with open_store(backend_url) as store:
        again = ingest(store, [seed_like_article()], coder)
    assert (again.new, again.updated, again.unchanged, again.events) == (0, 0, 1, 0)
    assert coder.calls == [article.id]  # the second run did not even code it
    assert snapshot(backend_url) == before


def test_changed_text_replaces_that_articles_events(backend_url: str) -> None:
    first = seed_like_article()
    with open_store(backend_url) as store:
        ingest(store, [first], ScriptedCoder({first.id: seed_like_events}))
        changed = Article(
            first.id, "Jepang mengecam Korea Utara.", published=first.published, outlet=first.outlet
        )
        summary = ingest(
            store,
            [changed],
            ScriptedCoder(
                {first.id: lambda a: [make_event(a, "mengecam", "JPN", "111", "PRK", goldstein=-2.0, quad=3)]}
            ),
        )
        assert (summary.new, summary.updated, summary.events) == (0, 1, 1)
        assert store.backend.fetchall("SELECT actor1_code, event_code, actor2_code FROM events") == [
            ("JPN", "111", "PRK")
        ]
        assert [r[0] for r in store.backend.fetchall("SELECT story_key FROM stories")] == ["JPN|111|PRK"]
        assert store.count("stories") == 1 and store.count("sentences") == 1
        assert (
            store.backend.fetchone("SELECT story_id FROM events")[0]
            == store.backend.fetchone("SELECT story_id FROM stories")[0]
        )
        assert store.backend.fetchone("SELECT text FROM articles")[0] == "Jepang mengecam Korea Utara."


def test_a_failed_replacement_leaves_the_old_version_whole(backend_url: str) -> None:
    """Delete old rows, insert new ones, recompute stories: one transaction, all or nothing."""
    first = seed_like_article()
    with open_store(backend_url) as store:
        ingest(store, [first], ScriptedCoder({first.id: seed_like_events}))
    before = snapshot(backend_url)

    def crash() -> None:
        raise RuntimeError("disk full, say")

    changed = Article(first.id, "Jepang mengecam Korea Utara.", published=first.published)
    with open_store(backend_url) as store, pytest.raises(RuntimeError, match="disk full"):
        ingest(
            store,
            [changed],
            ScriptedCoder({first.id: lambda a: [make_event(a, "mengecam", "JPN", "111")]}),
            before_commit=crash,
        )
    assert snapshot(backend_url) == before


def test_new_coder_version_recodes(duck_url: str) -> None:
    article = seed_like_article()
    with open_store(duck_url) as store:
        ingest(store, [article], ScriptedCoder({article.id: seed_like_events}))
        newer = ScriptedCoder({article.id: seed_like_events})
        newer.version = "scripted-2"
        summary = ingest(store, [article], newer)
        assert (summary.updated, summary.unchanged) == (1, 0)
        assert store.backend.fetchone("SELECT coder_version FROM articles")[0] == "scripted-2"


def test_real_coder_version_names_package_and_dictionaries() -> None:
    class NoVersion:
        pass

    version = coder_version(NoVersion())
    assert "NoVersion" in version and version.count("/") == 2
    assert coder_version(FakeCoder()) == "fake-1"


def count_statements(store) -> list[str]:  # type: ignore[no-untyped-def]
    """Record every statement the store sends (execute and bulk insert) from now on."""
    calls: list[str] = []
    backend = store.backend
    real_execute, real_insert = backend.execute, backend.insert_rows

    def execute(sql, params=()):  # type: ignore[no-untyped-def]
        calls.append(sql)
        return real_execute(sql, params)

    def insert_rows(table, columns, rows):  # type: ignore[no-untyped-def]
        calls.append(f"insert {table}")
        return real_insert(table, columns, rows)

    backend.execute = execute
    backend.insert_rows = insert_rows
    return calls


def test_writes_are_batched_not_per_event(duck_url: str) -> None:
    """A batch costs the same number of statements whether it holds 4 events or 400."""

    def many(a: Article) -> list:  # type: ignore[type-arg]
        return [
            make_event(a, "telah mengecam", f"A{i:02d}", "111", "RUSGOV", when=f"2024-0{1 + i % 9}")
            for i in range(100)
        ]

    counts = []
    for n_articles, spec in ((1, seed_like_events), (4, many)):
        with open_store(duck_url) as store:
            calls = count_statements(store)
            arts = [seed_like_article(f"batch{n_articles}-{i}") for i in range(n_articles)]
            summary = ingest(store, arts, ScriptedCoder({a.id: spec for a in arts}), batch_size=10)
            counts.append((summary.events, len(calls)))
    (few_events, few_calls), (many_events, many_calls) = counts
    assert many_events == 400 and few_events == 4
    assert many_calls == few_calls


# ---------------------------------------------------------------------------------------- CLI
def _jsonl(path: Path, records: list[dict | str]) -> Path:  # type: ignore[type-arg]
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def _rec(i: int, text: str | None = None) -> dict:  # type: ignore[type-arg]
    return {
        "id": f"a{i}",
        "text": text or f"Presiden Prabowo bertemu Xi Jinping di Beijing nomor {i}.",
        "published": f"2025-06-0{1 + i % 9}",
        "outlet": "Kompas.com",
        "url": f"https://k.test/{i}",
    }


def test_cli_ingest_reports_a_malformed_line_and_goes_on(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [_rec(1), '{"id": "a2", "text": "tak selesai', _rec(3)])
    db = str(tmp_path / "s.duckdb")
    result = run_cli(cli(), "ingest", str(src), "--db", db)
    assert result.exit_code == 1
    assert f"{src}:2: malformed JSON" in result.output
    assert "1 input(s) failed" in result.output
    assert "2 articles: 2 new, 0 updated, 0 unchanged" in result.output
    with open_store(db, read_only=True) as store:
        assert store.count("articles") == 2


def test_cli_ingest_duplicate_id_with_different_text(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "dup.jsonl", [_rec(1), _rec(1, "Jepang mengecam Korea Utara."), _rec(1)])
    db = str(tmp_path / "s.duckdb")
    result = run_cli(cli(), "ingest", str(src), "--db", db)
    assert result.exit_code == 1
    assert (
        f"{src}:2: duplicate article id 'a1' with a different text than at {src}:1; kept the first"
        in " ".join(result.output.split())
    )
    with open_store(db, read_only=True) as store:
        assert store.backend.fetchone("SELECT text FROM articles")[0].startswith("Presiden Prabowo")


def test_cli_ingest_summary_and_second_run(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [_rec(i) for i in range(5)])
    db = str(tmp_path / "s.duckdb")
    app = cli()
    first = run_cli(app, "ingest", str(src), "--db", db)
    assert first.exit_code == 0, first.output
    assert "5 articles: 5 new, 0 updated, 0 unchanged; 5 events" in " ".join(first.output.split())
    assert "articles/s" in first.output
    second = run_cli(app, "ingest", str(src), "--db", db)
    assert "5 articles: 0 new, 0 updated, 5 unchanged; 0 events" in " ".join(second.output.split())


def test_cli_ingest_text_files_and_directories(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "satu.txt").write_text("Prabowo bertemu Trump di Washington.", encoding="utf-8")
    _jsonl(tmp_path / "in" / "dua.jsonl", [_rec(7)])
    db = str(tmp_path / "s.duckdb")
    result = run_cli(cli(), "ingest", str(tmp_path / "in"), "--db", db, "--published", "2025-07-01")
    assert result.exit_code == 0, result.output
    with open_store(db, read_only=True) as store:
        assert sorted(r[0] for r in store.backend.fetchall("SELECT article_id FROM articles")) == [
            "a7",
            "satu",
        ]


def test_cli_ingest_uses_peristiwa_db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PERISTIWA_DB", str(tmp_path / "env.duckdb"))
    src = _jsonl(tmp_path / "in.jsonl", [_rec(1)])
    assert run_cli(cli(), "ingest", str(src)).exit_code == 0
    assert (tmp_path / "env.duckdb").exists()


def _one_line_error(output: str) -> str:
    lines = [ln for ln in output.splitlines() if ln.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("error:")
    return lines[0]


def test_cli_locked_database_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    src = _jsonl(tmp_path / "in.jsonl", [_rec(1)])
    run_cli(cli(), "ingest", str(src), "--db", str(db))
    before = snapshot(str(db))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        src2 = _jsonl(tmp_path / "in2.jsonl", [_rec(2)])
        result = run_cli(cli(), "ingest", str(src2), "--db", str(db))
        assert result.exit_code == 2
        line = _one_line_error(result.output)
        assert "is locked by another process" in line and f"PID {holder.pid}" in line
    finally:
        holder.kill()
        holder.wait()
    assert snapshot(str(db)) == before


@pytest.mark.parametrize("case", ["missing folder", "a folder", "not a database", "bad scheme"])
def test_cli_unusable_database_is_one_line(tmp_path: Path, case: str) -> None:
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"this is not a database file at all" * 200)
    db = {
        "missing folder": str(tmp_path / "no" / "such" / "x.duckdb"),
        "a folder": str(tmp_path),
        "not a database": str(garbage),
        "bad scheme": "sqlite:///x.db",
    }[case]
    src = _jsonl(tmp_path / "in.jsonl", [_rec(1)])
    result = run_cli(cli(), "ingest", str(src), "--db", db)
    assert result.exit_code == 2
    _one_line_error(result.output)
    assert garbage.read_bytes().startswith(b"this is not a database")


def test_cli_coder_that_cannot_load_is_one_line(tmp_path: Path) -> None:
    def broken() -> None:
        raise OSError("trained pipeline not found in models/id_news (run `make models`)\nmore detail")

    src = _jsonl(tmp_path / "in.jsonl", [_rec(1)])
    result = run_cli(cli(broken), "ingest", str(src), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 2
    assert "cannot load the coder: trained pipeline not found" in _one_line_error(result.output)


def test_cli_coder_crash_keeps_what_was_stored(tmp_path: Path) -> None:
    class Flaky(FakeCoder):
        def code_articles(self, articles):  # type: ignore[no-untyped-def]
            for i, coded in enumerate(super().code_articles(articles)):
                if i == 3:
                    raise ValueError("bug in rule 17")
                yield coded

    src = _jsonl(tmp_path / "in.jsonl", [_rec(i) for i in range(6)])
    db = str(tmp_path / "s.duckdb")
    result = run_cli(cli(Flaky), "ingest", str(src), "--db", db, "--batch-size", "2")
    assert result.exit_code == 1
    assert "the coder failed (ValueError: bug in rule 17)" in _one_line_error(result.output)
    with open_store(db, read_only=True) as store:
        assert store.count("articles") == 3  # the three coded before the crash


def test_cli_db_info_and_migrate(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    app = cli()
    assert "schema already" not in run_cli(app, "db", "migrate", "--db", db).output
    again = run_cli(app, "db", "migrate", "--db", db).output
    assert f"schema already at version {schema.LATEST_VERSION}" in again
    src = _jsonl(tmp_path / "in.jsonl", [_rec(i) for i in range(3)])
    run_cli(app, "ingest", str(src), "--db", db)
    result = run_cli(app, "db", "info", "--db", db)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert f"schema version {schema.LATEST_VERSION}" in text and "articles 3" in text and "events 3" in text
    assert "stories" in text and ("KiB" in text or "MiB" in text)
    missing = run_cli(app, "db", "info", "--db", str(tmp_path / "nope.duckdb"))
    assert missing.exit_code == 2 and "no database at" in missing.output


def test_cli_db_rebuild_stories_is_a_no_op_on_a_consistent_store(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    src = _jsonl(tmp_path / "in.jsonl", [_rec(i) for i in range(4)])
    app = cli()
    run_cli(app, "ingest", str(src), "--db", db)
    before = snapshot(db)
    assert run_cli(app, "db", "rebuild-stories", "--db", db).exit_code == 0
    assert snapshot(db) == before


def test_ingest_from_readers_with_errors_counts_them(duck_url: str, tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [_rec(1), "[1, 2]", _rec(2)])
    with open_store(duck_url) as store:
        errors: list[str] = []
        summary = ingest(
            store,
            iter_articles([str(src), str(tmp_path / "missing.txt")]),
            FakeCoder(),
            on_error=errors.append,
        )
    assert summary.new == 2 and len(summary.errors) == 2 == len(errors)
    assert errors[0].startswith(f"{src}:2:") and "no such file" in errors[1]


def test_cli_duckdb_url_form_is_the_same_file(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [_rec(1), _rec(2)])
    path = tmp_path / "url.duckdb"
    assert run_cli(cli(), "ingest", str(src), "--db", f"duckdb://{path}").exit_code == 0
    with open_store(str(path), read_only=True) as store:
        assert store.count("articles") == 2
