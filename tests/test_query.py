"""``peristiwa query``: filters (on both backends), parameterised values, output formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
import typer
from test_store_support import (  # noqa: F401  (fixtures, used by name)
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

from peristiwa.model import Article
from peristiwa.store.commands import register
from peristiwa.store.db import open_store
from peristiwa.store.ingest import ingest
from peristiwa.store.query import QueryError, QueryFilters, query_mentions, query_stories

runner = CliRunner()


def build(url: str) -> None:
    """Three articles: the seed-like one, the visit made (another outlet), an unrelated denunciation."""
    made = Article(
        "made",
        "Putin tiba di Beijing pada 16 Mei 2024 untuk kunjungan kenegaraan.",
        published=date(2024, 5, 16),
        outlet="Detik.com",
        url="https://detik.test/x",
    )
    other = Article(
        "jpn",
        "Pemerintah Jepang mengecam Korea Utara atas uji coba rudal.",
        published=date(2025, 1, 10),
        outlet="Kompas.com",
        url="https://kompas.test/y",
    )
    script = {
        "seed-like": seed_like_events,
        "made": lambda a: [
            make_event(
                a, "tiba di Beijing", "RUSGOV", "042", "CHN", "asserted", "2024-05-16", action_country="CHN"
            )
        ],
        "jpn": lambda a: [make_event(a, "mengecam", "JPNGOV", "111", "PRK", goldstein=-2.0, quad=3)],
    }
    with open_store(url) as store:
        ingest(store, [seed_like_article(), made, other], ScriptedCoder(script))


def keys(records: list[dict]) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return sorted((r["story_key"], r["modality"]) for r in records)


VISIT_PLANNED = ("RUSGOV|042|CHN", "planned")
VISIT_MADE = ("RUSGOV|042|CHN", "asserted")
WEST = ("WSTGOV|111|RUSGOV", "asserted")
JAPAN = ("JPNGOV|111|PRK", "asserted")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (QueryFilters(), [JAPAN, VISIT_MADE, VISIT_PLANNED, WEST]),
        (QueryFilters(actor="RUS"), [VISIT_MADE, VISIT_PLANNED, WEST]),  # code prefix, either side
        (QueryFilters(actor="rusgov"), [VISIT_MADE, VISIT_PLANNED, WEST]),
        (QueryFilters(actor="jpngov"), [JAPAN]),
        (QueryFilters(source="RUSGOV"), [VISIT_MADE, VISIT_PLANNED]),
        (QueryFilters(target="RUSGOV"), [WEST]),
        (QueryFilters(source="WST", target="RUS"), [WEST]),
        (QueryFilters(country="chn"), [VISIT_MADE, VISIT_PLANNED]),
        (QueryFilters(country="PRK"), [JAPAN]),
        (QueryFilters(code="04"), [VISIT_MADE, VISIT_PLANNED]),
        (QueryFilters(code="111"), [JAPAN, WEST]),
        (QueryFilters(root="11"), [JAPAN, WEST]),
        (QueryFilters(quad=3), [JAPAN, WEST]),
        (QueryFilters(modality="planned"), [VISIT_PLANNED]),
        # Event-date overlap; undated stories use publication dates (WEST 2024-03-20, JAPAN 2025-01-10).
        (QueryFilters(since=date(2024, 5, 20)), [JAPAN, VISIT_PLANNED]),
        (QueryFilters(since=date(2024, 5, 1), until=date(2024, 5, 31)), [VISIT_MADE, VISIT_PLANNED]),
        (QueryFilters(until=date(2024, 3, 31)), [WEST]),
        (QueryFilters(since=date(2025, 1, 1)), [JAPAN]),
        (QueryFilters(published_since=date(2024, 5, 1)), [JAPAN, VISIT_MADE]),
        (QueryFilters(text="PARUH KEDUA"), [VISIT_PLANNED]),
        (QueryFilters(text="mengecam"), [JAPAN, WEST]),
        (QueryFilters(actor="RUS", modality="asserted", code="042"), [VISIT_MADE]),
    ],
)
def test_story_filters(duck_url: str, filters: QueryFilters, expected: list[tuple[str, str]]) -> None:
    build(duck_url)
    with open_store(duck_url, read_only=True) as store:
        assert keys(query_stories(store, filters)) == sorted(expected)


def test_filters_mean_the_same_on_both_backends(backend_url: str) -> None:
    build(backend_url)
    cases = [
        QueryFilters(actor="RUS"),
        QueryFilters(since=date(2024, 5, 20)),
        QueryFilters(text="paruh kedua"),
        QueryFilters(country="CHN", modality="planned"),
        QueryFilters(published_since=date(2024, 5, 1)),
        QueryFilters(root="11", quad=3),
        QueryFilters(limit=2),
    ]
    expected = [
        [VISIT_MADE, VISIT_PLANNED, WEST],
        [JAPAN, VISIT_PLANNED],
        [VISIT_PLANNED],
        [VISIT_PLANNED],
        [JAPAN, VISIT_MADE],
        [JAPAN, WEST],
        None,
    ]
    with open_store(backend_url, read_only=True) as store:
        for f, want in zip(cases, expected, strict=True):
            got = query_stories(store, f)
            if want is None:
                assert len(got) == 2
            else:
                assert keys(got) == sorted(want), f


def test_stories_come_newest_first_with_their_mentions_and_links(duck_url: str) -> None:
    build(duck_url)
    with open_store(duck_url, read_only=True) as store:
        stories = query_stories(store, QueryFilters())
    assert [s["story_key"] for s in stories][:1] == ["JPNGOV|111|PRK"]
    planned = next(s for s in stories if (s["story_key"], s["modality"]) == VISIT_PLANNED)
    made = next(s for s in stories if (s["story_key"], s["modality"]) == VISIT_MADE)
    assert planned["linked_story_ids"] == [made["story_id"]] and planned["link_relations"] == [
        "planned->asserted"
    ]
    assert made["linked_story_ids"] == [planned["story_id"]]
    assert [m["sentence_index"] for m in planned["mentions"]] == [0, 1, 2]
    assert all(m["sentence"] and m["trigger"] for m in planned["mentions"])


def test_mention_level_filters(backend_url: str) -> None:
    build(backend_url)
    with open_store(backend_url, read_only=True) as store:
        everything = query_mentions(store, QueryFilters())
        assert len(everything) == 6
        assert all(m["story_id"] for m in everything)
        planned = query_mentions(store, QueryFilters(source="RUSGOV", modality="planned"))
        assert len(planned) == 3 and {m["article_id"] for m in planned} == {"seed-like"}
        # the undated planned mention falls back to its publication date (2024-03-20)
        assert len(query_mentions(store, QueryFilters(source="RUSGOV", until=date(2024, 3, 31)))) == 1
        assert len(query_mentions(store, QueryFilters(text="tiba di"))) == 1
        assert len(query_mentions(store, QueryFilters(published_since=date(2025, 1, 1)))) == 1


HOSTILE = [
    "x' OR '1'='1",
    "'; DROP TABLE events; --",
    "RUS%",
    "RUS_GOV",
    "%",
    "_",
    "\\",
    "Robert'); DROP TABLE articles;--",
    "?",
    "%s",
    "$1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_filter_values_are_parameters_not_sql(duck_url: str, value: str) -> None:
    build(duck_url)
    before = snapshot(duck_url)
    with open_store(duck_url, read_only=True) as store:
        for f in (
            QueryFilters(actor=value),
            QueryFilters(source=value, target=value),
            QueryFilters(text=value),
            QueryFilters(country=value),
        ):
            assert query_stories(store, f) == []
            assert query_mentions(store, f) == []
    assert snapshot(duck_url) == before


def test_hostile_values_on_postgresql_too(backend_url: str) -> None:
    build(backend_url)
    with open_store(backend_url, read_only=True) as store:
        for value in HOSTILE:
            assert query_stories(store, QueryFilters(actor=value, text=value)) == []
            assert query_mentions(store, QueryFilters(text=value)) == []
        assert store.count("events") == 6


def test_literal_wildcards_match_literally(duck_url: str) -> None:
    article = Article("pct", "Partai 50%_Maju mengecam Jepang.", published=date(2024, 1, 2))
    with open_store(duck_url) as store:
        ingest(
            store,
            [article],
            ScriptedCoder({"pct": lambda a: [make_event(a, "mengecam", "IDNPTY", "111", "JPN")]}),
        )
        assert len(query_stories(store, QueryFilters(text="50%_maju"))) == 1
        assert query_stories(store, QueryFilters(text="50%%maju")) == []


def test_bad_filter_values_are_refused() -> None:
    for f in (
        QueryFilters(modality="maybe"),
        QueryFilters(quad=5),
        QueryFilters(code="04a"),
        QueryFilters(since=date(2024, 2, 1), until=date(2024, 1, 1)),
        QueryFilters(limit=-1),
    ):
        with pytest.raises(QueryError):
            f.validate()


# ---------------------------------------------------------------------------------------- CLI
def app() -> typer.Typer:
    a = typer.Typer(pretty_exceptions_enable=False)
    register(a)
    return a


def run(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app(), list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_cli_query_table(duck_url: str) -> None:
    build(duck_url)
    result = run("query", "--db", duck_url, "--actor", "Rusgov")
    assert result.exit_code == 0, result.output
    assert "RUSGOV" in result.output and "planned" in result.output and "3 stories" in result.output
    mentions = run("query", "--db", duck_url, "--level", "mention", "--modality", "planned")
    assert "3 mentions" in mentions.output


def test_cli_query_csv_and_jsonl(duck_url: str) -> None:
    build(duck_url)
    rows = list(csv.DictReader(io.StringIO(run("query", "--db", duck_url, "--format", "csv").output)))
    assert len(rows) == 4 and {"story_id", "num_mentions", "linked_story_ids"} <= rows[0].keys()
    planned = next(r for r in rows if r["modality"] == "planned")
    assert planned["num_mentions"] == "3" and planned["date_start"] == "2024-05-16"
    lines = run("query", "--db", duck_url, "--format", "jsonl", "--since", "2024-05").output.splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["modality"] for r in records} == {"planned", "asserted"}
    assert all("mentions" in r for r in records)
    level = run("query", "--db", duck_url, "--format", "jsonl", "--level", "mention", "--code", "111").output
    assert sorted(json.loads(x)["actor1_code"] for x in level.splitlines()) == ["JPNGOV", "WSTGOV"]


def test_cli_query_parquet_needs_out_and_round_trips(duck_url: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    build(duck_url)
    refused = run("query", "--db", duck_url, "--format", "parquet")
    assert refused.exit_code == 2 and "--out" in refused.output
    out = tmp_path / "q.parquet"
    assert run("query", "--db", duck_url, "--format", "parquet", "--out", str(out)).exit_code == 0
    table = pq.read_table(out).to_pylist()
    planned = next(r for r in table if r["modality"] == "planned")
    assert planned["num_mentions"] == 3 and len(planned["mentions"]) == 3
    assert planned["mentions"][1]["event_date_end"] == "2024-05-31"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--modality", "maybe"), "--modality must be one of"),
        (("--since", "kemarin"), "not an ISO date"),
        (("--format", "xml"), "--format must be"),
        (("--level", "article"), "--level must be"),
        (("--quad", "9"), "--quad must be"),
    ],
)
def test_cli_query_bad_options_are_one_line(duck_url: str, args: tuple[str, ...], needle: str) -> None:
    build(duck_url)
    result = run("query", "--db", duck_url, *args)
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0]


def test_cli_query_missing_store(tmp_path: Path) -> None:
    result = run("query", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2 and "no database at" in result.output
