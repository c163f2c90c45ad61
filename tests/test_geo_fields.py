"""The GDELT geo fields of the stored gazetteer keys in the API records, ``peristiwa query`` and the
Parquet export, and the filters by action country and ADM1 (issue 13)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import typer
from fastapi.testclient import TestClient
from test_store_support import ScriptedCoder, make_event
from typer.testing import CliRunner

from peristiwa.coding.geo import default_gazetteer
from peristiwa.export.full import export_full
from peristiwa.export.gdelt import GEO_RECORD_COLUMNS
from peristiwa.model import Article
from peristiwa.serve.app import create_app
from peristiwa.store.commands import register
from peristiwa.store.db import open_store
from peristiwa.store.ingest import ingest

TEXT = (
    "Presiden tiba di Kairo. Polisi menangkap demonstran di Malang. Gubernur bertemu warga di Bandung. "
    "Menteri memuji Canberra."
)
SIDES = ("Actor1Geo", "Actor2Geo", "ActionGeo")


def _events(a: Article):  # type: ignore[no-untyped-def]
    indonesia = default_gazetteer().by_country["ID"].key
    visit = make_event(a, "tiba di Kairo", "IDNGOV", "042", "EGY", quad=1)
    visit.action_geo, visit.actor1_geo = "gn:360630", indonesia  # Cairo; the visitor from Indonesia
    arrest = make_event(a, "menangkap demonstran", "IDNCOP", "173", "IDNCVL", quad=4)
    arrest.action_geo = "gn:1636722"  # Malang, Jawa Timur (ID08)
    meet = make_event(a, "bertemu warga", "IDNGOV", "040", "IDNCVL", quad=1)
    meet.action_geo = "adm1:ID30"  # Jawa Barat
    praise = make_event(a, "memuji Canberra", "IDNGOV", "051", "AUS", quad=1, action_country="AUS")
    return [visit, arrest, meet, praise]  # praise: no key, a country-level ActionGeo from action_country


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = str(tmp_path_factory.mktemp("geofields") / "g.duckdb")
    with open_store(url) as store:
        ingest(store, [Article("g1", TEXT, published=date(2025, 5, 1))], ScriptedCoder({"g1": _events}))
    return url


@pytest.fixture(scope="module")
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url, cors_origins=[])) as c:
        yield c


def check_geo(rec: dict[str, Any]) -> None:
    """Every geo field of one record well-formed: types, FIPS codes, coordinates in range."""
    fips = {e.fips for e in default_gazetteer().entries.values()}
    for side in SIDES:
        kind = rec[f"{side}_Type"]
        assert isinstance(kind, int) and kind in (0, 1, 4, 5)
        if kind == 0:
            assert all(rec[f"{side}_{f}"] is None for f in ("FullName", "CountryCode", "Lat", "Long"))
            continue
        assert rec[f"{side}_CountryCode"] in fips
        assert rec[f"{side}_ADM1Code"].startswith(rec[f"{side}_CountryCode"])
        assert isinstance(rec[f"{side}_FullName"], str) and rec[f"{side}_FeatureID"]
        if rec[f"{side}_Lat"] is not None:
            assert -90 <= rec[f"{side}_Lat"] <= 90 and -180 <= rec[f"{side}_Long"] <= 180


def by_code(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["event_code"]: r for r in records}


def test_api_records_carry_the_geo_fields(client: TestClient) -> None:
    items = client.get("/api/events").json()["items"]
    assert len(items) == 4
    for rec in items:
        check_geo(rec)
    got = by_code(items)
    visit = got["042"]
    assert visit["ActionGeo_Type"] == 4 and visit["ActionGeo_CountryCode"] == "EG"
    assert visit["ActionGeo_FeatureID"] == "360630" and 29 < visit["ActionGeo_Lat"] < 31
    assert visit["Actor1Geo_Type"] == 1 and visit["Actor1Geo_CountryCode"] == "ID"
    assert visit["Actor2Geo_Type"] == 0
    assert got["173"]["ActionGeo_ADM1Code"] == "ID08"
    assert got["173"]["ActionGeo_FullName"].startswith("Malang")
    assert got["173"]["ActionGeo_ADM2Code"] == "18076"  # GAUL 2015's Kota Malang, as the export writes
    assert got["040"]["ActionGeo_Type"] == 5 and got["040"]["ActionGeo_ADM1Code"] == "ID30"
    assert got["040"]["ActionGeo_ADM2Code"] is None  # a province has no ADM2
    praise = got["051"]  # no gazetteer key: the export's country-level fallback, FIPS AS for Australia
    assert praise["ActionGeo_Type"] == 1 and praise["ActionGeo_CountryCode"] == "AS"


def test_api_event_and_its_mentions_carry_the_geo_fields(client: TestClient) -> None:
    sid = by_code(client.get("/api/events").json()["items"])["173"]["story_id"]
    story = client.get(f"/api/events/{sid}").json()
    check_geo(story)
    assert story["ActionGeo_ADM1Code"] == "ID08"
    assert story["mentions"] and story["mentions"][0]["ActionGeo_ADM1Code"] == "ID08"


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"action_country": "EG"}, {"042"}),
        ({"action_country": "egy"}, {"042"}),  # CAMEO code, any case
        ({"action_country": "ID"}, {"173", "040"}),
        ({"action_country": "AS"}, {"051"}),  # FIPS Australia, from action_country (no key)
        ({"action_adm1": "ID30"}, {"040"}),
        ({"action_adm1": "ID08"}, {"173"}),
        ({"action_country": "ID", "action_adm1": "ID08"}, {"173"}),
        ({"action_adm1": "ID04"}, set()),  # Jakarta: nothing happened there
    ],
)
def test_api_filters_by_action_place(client: TestClient, params: dict[str, str], codes: set[str]) -> None:
    body = client.get("/api/events", params=params).json()
    assert {r["event_code"] for r in body["items"]} == codes
    assert body["total"] == len(codes)


@pytest.mark.parametrize(
    ("params", "word"),
    [({"action_country": "XQZ"}, "action_country"), ({"action_adm1": "ID-04; drop"}, "action_adm1")],
)
def test_api_refuses_unknown_places(client: TestClient, params: dict[str, str], word: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422 and word in r.json()["detail"]


def cli(*args: str) -> Any:
    a = typer.Typer(pretty_exceptions_enable=False)
    register(a)
    return CliRunner().invoke(a, list(args))


def test_cli_query_jsonl_and_csv_carry_the_geo_fields_and_filter(db_url: str) -> None:
    result = cli("query", "--db", db_url, "-f", "jsonl", "--action-country", "ID")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["event_code"] for r in records} == {"173", "040"}
    for rec in records:
        check_geo(rec)
    result = cli("query", "--db", db_url, "-f", "csv", "--action-adm1", "ID08", "--level", "mention")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1 and rows[0]["ActionGeo_ADM1Code"] == "ID08" and rows[0]["ActionGeo_Type"] == "4"
    assert rows[0]["ActionGeo_ADM2Code"] == "18076"
    assert -8.5 < float(rows[0]["ActionGeo_Lat"]) < -7.5 and 112 < float(rows[0]["ActionGeo_Long"]) < 113


def test_cli_refuses_an_unknown_action_country(db_url: str) -> None:
    result = cli("query", "--db", db_url, "--action-country", "XQZ")
    assert result.exit_code != 0 and "--action-country" in result.output


def test_parquet_export_carries_typed_geo_fields(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url, read_only=True) as store:
        stories_path, mentions_path, n_stories, n_mentions = export_full(store, tmp_path, "parquet")
    assert n_stories == 4 and n_mentions == 4
    for path in (stories_path, mentions_path):
        table = pq.read_table(path)
        assert set(GEO_RECORD_COLUMNS) <= set(table.column_names)
        assert str(table.schema.field("ActionGeo_Lat").type) == "double"
        assert str(table.schema.field("ActionGeo_Type").type) == "int64"
        assert "18076" in table.column("ActionGeo_ADM2Code").to_pylist()
        for rec in table.to_pylist():
            check_geo(rec)
        assert {r["ActionGeo_CountryCode"] for r in table.to_pylist()} == {"EG", "ID", "AS"}


def test_page_downloads_carry_the_geo_fields(client: TestClient) -> None:
    table = pq.read_table(io.BytesIO(client.get("/events.parquet").content))
    assert set(GEO_RECORD_COLUMNS) <= set(table.column_names)
    assert str(table.schema.field("ActionGeo_Long").type) == "double"
    for rec in table.to_pylist():
        check_geo(rec)
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv", params={"action_adm1": "ID30"}).text)))
    assert len(rows) == 1 and rows[0]["ActionGeo_Type"] == "5" and rows[0]["ActionGeo_FullName"]


def test_pages_filter_by_action_place(client: TestClient) -> None:
    html = client.get("/events", params={"action_country": "EG"}).text
    assert 'name="action_country"' in html and 'value="EG"' in html
    assert "/events/" in html and html.count('data-label="Source"') == 1  # the visit to Cairo only
    bad = client.get("/events", params={"action_country": "XQZ"})
    assert bad.status_code == 400 and "action_country" in bad.text
