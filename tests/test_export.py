"""``peristiwa export``: GDELT 2.0 Events + Mentions files read back with GDELT's column lists, and the
full record as Parquet, CSV and JSON Lines."""

from __future__ import annotations

import csv
import json
import re
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
)
from typer.testing import CliRunner

from peristiwa.export.gdelt import EVENT_COLUMNS, FIPS_COUNTRIES, MENTION_COLUMNS, fraction_date
from peristiwa.model import Article
from peristiwa.store.commands import register
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder
from peristiwa.store.ingest import ingest
from peristiwa.store.query import QueryFilters, query_stories

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_cd2e7644dbc220f6.txt"
runner = CliRunner()


def app() -> typer.Typer:
    a = typer.Typer(pretty_exceptions_enable=False)
    register(a, coder_factory=FakeCoder)
    return a


def run(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app(), list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def read_gdelt(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """How a GDELT consumer reads the files: tab-separated, no header, the published column list."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(r) == len(columns) for r in rows), {len(r) for r in rows}
    return [dict(zip(columns, r, strict=True)) for r in rows]


def export(db: str, out: Path, *extra: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    result = run("export", "--db", db, "--out", str(out), *extra)
    assert result.exit_code == 0, result.output
    [events_file] = out.glob("*.export.CSV")
    [mentions_file] = out.glob("*.mentions.CSV")
    assert re.fullmatch(r"\d{14}", events_file.name.split(".")[0])
    return read_gdelt(events_file, EVENT_COLUMNS), read_gdelt(mentions_file, MENTION_COLUMNS)


def test_column_lists_match_gdelt_documentation() -> None:
    assert len(EVENT_COLUMNS) == 61 and len(set(EVENT_COLUMNS)) == 61
    assert len(MENTION_COLUMNS) == 16
    tsv = REPO.parent / "shared" / "data" / "gdelt" / "events2_columns.tsv"
    if not tsv.is_file():
        pytest.skip(f"{tsv} not found: cannot compare with the shared GDELT column list")
    rows = [line.split("\t") for line in tsv.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    assert tuple(r[1] for r in rows) == EVENT_COLUMNS
    assert [int(r[0]) for r in rows] == list(range(1, 62))


def test_date_formats() -> None:
    assert fraction_date(date(2015, 2, 18)) == "2015.1342"  # GDELT's own example value
    assert fraction_date(date(2024, 5, 16)) == "2024.3753"
    assert fraction_date(date(2023, 12, 31)) == "2023.9999"


def test_gdelt_export_of_the_seed_like_story(backend_url: str, tmp_path: Path) -> None:
    made = Article(
        "made",
        "Putin tiba di Beijing pada 16 Mei 2024 untuk kunjungan kenegaraan.",
        published=date(2024, 5, 16),
        outlet="Detik.com",
        url="https://www.detik.test/x",
    )
    script = {
        "seed-like": seed_like_events,
        "made": lambda a: [
            make_event(
                a, "tiba di Beijing", "RUSGOV", "042", "CHN", "asserted", "2024-05-16", action_country="CHN"
            )
        ],
    }
    with open_store(backend_url) as store:
        ingest(store, [seed_like_article(), made], ScriptedCoder(script))
        stories = {s["global_event_id"]: s for s in query_stories(store, QueryFilters(), details=True)}
    events, mentions = export(backend_url, tmp_path / "gdelt")
    assert len(events) == 3 and len(mentions) == 5
    visit = next(e for e in events if e["EventCode"] == "042" and e["NumMentions"] == "3")
    assert visit | {"GlobalEventID": "", "DATEADDED": ""} == {
        "GlobalEventID": "",
        "Day": "20240516",
        "MonthYear": "202405",
        "Year": "2024",
        "FractionDate": "2024.3753",
        "Actor1Code": "RUSGOV",
        "Actor1Name": "RUSGOV",
        "Actor1CountryCode": "RUS",
        "Actor1KnownGroupCode": "",
        "Actor1EthnicCode": "",
        "Actor1Religion1Code": "",
        "Actor1Religion2Code": "",
        "Actor1Type1Code": "GOV",
        "Actor1Type2Code": "",
        "Actor1Type3Code": "",
        "Actor2Code": "CHN",
        "Actor2Name": "CHN",
        "Actor2CountryCode": "CHN",
        "Actor2KnownGroupCode": "",
        "Actor2EthnicCode": "",
        "Actor2Religion1Code": "",
        "Actor2Religion2Code": "",
        "Actor2Type1Code": "",
        "Actor2Type2Code": "",
        "Actor2Type3Code": "",
        "IsRootEvent": "1",
        "EventCode": "042",
        "EventBaseCode": "042",
        "EventRootCode": "04",
        "QuadClass": "1",
        "GoldsteinScale": "1.9",
        "NumMentions": "3",
        "NumSources": "1",
        "NumArticles": "1",
        "AvgTone": "0",
        "Actor1Geo_Type": "0",
        "Actor1Geo_FullName": "",
        "Actor1Geo_CountryCode": "",
        "Actor1Geo_ADM1Code": "",
        "Actor1Geo_ADM2Code": "",
        "Actor1Geo_Lat": "",
        "Actor1Geo_Long": "",
        "Actor1Geo_FeatureID": "",
        "Actor2Geo_Type": "0",
        "Actor2Geo_FullName": "",
        "Actor2Geo_CountryCode": "",
        "Actor2Geo_ADM1Code": "",
        "Actor2Geo_ADM2Code": "",
        "Actor2Geo_Lat": "",
        "Actor2Geo_Long": "",
        "Actor2Geo_FeatureID": "",
        "ActionGeo_Type": "1",
        "ActionGeo_FullName": "China",
        "ActionGeo_CountryCode": "CH",
        "ActionGeo_ADM1Code": "CH",
        "ActionGeo_ADM2Code": "",
        "ActionGeo_Lat": "",
        "ActionGeo_Long": "",
        "ActionGeo_FeatureID": "CH",
        "DATEADDED": "",
        "SOURCEURL": "https://jagatbisnis.test/a1",
    }
    assert int(visit["GlobalEventID"]) in stories and re.fullmatch(r"\d{14}", visit["DATEADDED"])
    story = stories[int(visit["GlobalEventID"])]
    assert visit["DATEADDED"] == story["date_added"].strftime("%Y%m%d%H%M%S")
    west = next(e for e in events if e["EventCode"] == "111")
    assert (west["Actor2Code"], west["QuadClass"], west["GoldsteinScale"], west["Day"]) == (
        "RUSGOV",
        "3",
        "-2",
        "20240320",
    )
    assert (west["ActionGeo_Type"], west["ActionGeo_CountryCode"]) == ("0", "")

    visit_mentions = [m for m in mentions if m["GlobalEventID"] == visit["GlobalEventID"]]
    assert [m["SentenceID"] for m in visit_mentions] == ["1", "2", "3"]  # 1-based, in article order
    text = seed_like_article().text
    for m, mention in zip(visit_mentions, story["mentions"], strict=True):
        assert int(m["ActionCharOffset"]) == mention["trigger_start"]
        assert text[int(m["ActionCharOffset"]) :].startswith(mention["trigger"])
        assert (m["MentionType"], m["MentionSourceName"], m["MentionIdentifier"]) == (
            "1",
            "jagatbisnis.test",
            "https://jagatbisnis.test/a1",
        )
        assert (m["InRawText"], m["Confidence"], m["MentionDocLen"]) == ("1", "80", str(len(text)))
        assert m["EventTimeDate"] == visit["DATEADDED"] and re.fullmatch(r"\d{14}", m["MentionTimeDate"])
    made_mention = next(m for m in mentions if m["MentionSourceName"] == "detik.test")
    assert made_mention["MentionIdentifier"] == "https://www.detik.test/x"


def test_gdelt_export_checks_every_column_of_the_seed_articles_events(tmp_path: Path) -> None:
    """The real seed article (coded by the fake coder): every exported column against the stored stories."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    db = str(tmp_path / "seed.duckdb")
    assert run("ingest", str(SEED), "--db", db, "--published", "2024-03-20").exit_code == 0
    events, mentions = export(db, tmp_path / "gdelt")
    with open_store(db, read_only=True) as store:
        stories = {str(s["global_event_id"]): s for s in query_stories(store, QueryFilters(), details=True)}
    assert len(events) == len(stories) >= 4
    for row in events:
        s = stories[row["GlobalEventID"]]
        day = s["date_start"]
        a1, a2 = s["actor1_code"], s["actor2_code"]
        fips = FIPS_COUNTRIES.get(s["action_country"])
        expected = {
            "Day": day.strftime("%Y%m%d"),
            "MonthYear": day.strftime("%Y%m"),
            "Year": str(day.year),
            "FractionDate": fraction_date(day),
            "Actor1Code": a1,
            "Actor1Name": s["actor1_name"].upper(),
            "Actor1CountryCode": a1[:3],
            "Actor1Type1Code": a1[3:6],
            "Actor1Type2Code": a1[6:9],
            "Actor1Type3Code": "",
            "Actor2Code": a2,
            "Actor2Name": (s["actor2_name"] or "").upper(),
            "Actor2CountryCode": a2[:3],
            "Actor2Type1Code": a2[3:6],
            "Actor2Type2Code": a2[6:9],
            "Actor2Type3Code": "",
            "IsRootEvent": "1" if s["is_root_event"] else "0",
            "EventCode": s["event_code"],
            "EventBaseCode": s["event_code"][:3],
            "EventRootCode": s["event_code"][:2],
            "QuadClass": str(s["quad_class"]),
            "GoldsteinScale": f"{s['goldstein']:g}",
            "NumMentions": str(s["num_mentions"]),
            "NumSources": str(s["num_sources"]),
            "NumArticles": str(s["num_articles"]),
            "AvgTone": "0",
            "ActionGeo_Type": "1" if fips else "0",
            "ActionGeo_FullName": fips[1] if fips else "",
            "ActionGeo_CountryCode": fips[0] if fips else "",
            "ActionGeo_ADM1Code": fips[0] if fips else "",
            "ActionGeo_FeatureID": fips[0] if fips else "",
            "DATEADDED": s["date_added"].strftime("%Y%m%d%H%M%S"),
            "SOURCEURL": s["root_article_id"],
        }
        for col in EVENT_COLUMNS:
            if col in expected:
                assert row[col] == expected[col], (col, row)
            elif col != "GlobalEventID":
                assert row[col] in ("", "0"), (col, row)  # what peristiwa does not know stays empty
        assert re.fullmatch(r"\d{8}", row["Day"]) and re.fullmatch(r"\d{4}\.\d{4}", row["FractionDate"])
        assert re.fullmatch(r"\d{2,4}", row["EventCode"]) and row["EventCode"].startswith("0") == (
            s["event_code"][0] == "0"
        )
    visit = next(
        r for r in events if (r["Actor1Code"], r["EventCode"], r["Actor2Code"]) == ("RUSGOV", "042", "CHN")
    )
    assert (visit["NumMentions"], visit["QuadClass"], visit["GoldsteinScale"], visit["MonthYear"]) == (
        "2",
        "1",
        "1.9",
        "202405",
    )
    assert len(mentions) == sum(s["num_mentions"] for s in stories.values())


def test_gdelt_export_filters(duck_url: str, tmp_path: Path) -> None:
    with open_store(duck_url) as store:
        ingest(store, [seed_like_article()], ScriptedCoder({"seed-like": seed_like_events}))
    events, mentions = export(duck_url, tmp_path / "asserted", "--modality", "asserted")
    assert [e["EventCode"] for e in events] == ["111"] and len(mentions) == 1


def test_non_state_actor_codes() -> None:
    from peristiwa.export.gdelt import actor_fields

    assert actor_fields("IGOUNO", "PBB", "") == ["IGOUNO", "PBB", "", "UNO", "", "", "", "IGO", "", ""]
    assert actor_fields("IDNGOVMIL", "tni", "IDN") == [
        "IDNGOVMIL",
        "TNI",
        "IDN",
        "",
        "",
        "",
        "",
        "GOV",
        "MIL",
        "",
    ]
    assert actor_fields("", "", "") == [""] * 10


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_full_record_exports(duck_url: str, tmp_path: Path, fmt: str) -> None:
    with open_store(duck_url) as store:
        ingest(store, [seed_like_article()], ScriptedCoder({"seed-like": seed_like_events}))
    out = tmp_path / fmt
    result = run("export", "--db", duck_url, "--out", str(out), "--format", fmt)
    assert result.exit_code == 0, result.output
    stories_path, mentions_path = out / f"stories.{fmt}", out / f"mentions.{fmt}"
    if fmt == "parquet":
        import pyarrow.parquet as pq

        stories, mentions = pq.read_table(stories_path).to_pylist(), pq.read_table(mentions_path).to_pylist()
    elif fmt == "jsonl":
        stories = [json.loads(x) for x in stories_path.read_text(encoding="utf-8").splitlines()]
        mentions = [json.loads(x) for x in mentions_path.read_text(encoding="utf-8").splitlines()]
    else:
        with open(stories_path, encoding="utf-8", newline="") as fh:
            stories = list(csv.DictReader(fh))
        with open(mentions_path, encoding="utf-8", newline="") as fh:
            mentions = list(csv.DictReader(fh))
    assert len(stories) == 2 and len(mentions) == 4
    planned = next(s for s in stories if s["modality"] == "planned")
    assert str(planned["num_mentions"]) == "3" and planned["story_key"] == "RUSGOV|042|CHN"
    record_fields = set(seed_like_events(seed_like_article())[0].to_record())
    assert record_fields <= set(mentions[0]) and "story_id" in mentions[0]
    assert {m["story_id"] for m in mentions} == {s["story_id"] for s in stories}
    if fmt != "csv":
        assert len(planned["mentions"]) == 3 and planned["mentions"][0]["sentence_index"] == 0
        undated = next(m for m in mentions if m["modality"] == "planned" and not m["event_date"])
        assert undated["rules"] == ["test:rule"]
    else:
        assert json.loads(planned["mentions"])[2]["sentence_index"] == 2
        assert mentions[0]["rules"] == "test:rule"


def test_export_bad_options(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    open_store(db).close()
    bad = run("export", "--db", db, "--out", str(tmp_path / "o"), "--format", "xml")
    assert bad.exit_code == 2 and "--format must be" in bad.output
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    not_dir = run("export", "--db", db, "--out", str(a_file))
    assert not_dir.exit_code == 2 and "not a folder" in not_dir.output


def test_the_export_reads_actor_codes_as_coding_codes_does() -> None:
    """The GDELT export keeps no list of its own of non-state kinds: for every code the coder's
    one reader (coding/codes.py) calls non-state, the export writes no country and the known
    group; for a state code, the country and roles. The export module holds no such list."""
    import ast

    from peristiwa.coding import codes
    from peristiwa.export import gdelt
    from peristiwa.export.gdelt import actor_fields

    samples = [f"{p}XYZ" for p in codes.NON_STATE_PREFIXES] + ["IGOUNO", "IMGISI", "RUSGOV", "IDNJUD", "IDN"]
    for code in samples:
        fields = actor_fields(code, "x", codes.country_of(code))
        assert fields[2] == codes.country_of(code), code
        assert fields[3] == codes.group_of(code), code
        if not codes.is_non_state(code):
            assert fields[7] == codes.role_of(code), code
    tree = ast.parse(Path(gdelt.__file__).read_text(encoding="utf-8"))
    literals = {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    assert not {"NGM", "MNC", "IMG"} & literals, "gdelt.py spells non-state kinds of its own"
