"""GDELT geo fields of the export, from the real coder on an article of our own, checked against the
column definitions of ../shared/data/gdelt (types, FIPS country codes, coordinates in range)."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from peristiwa.coding.coder import Coder
from peristiwa.coding.geo import default_gazetteer
from peristiwa.export.gdelt import EVENT_COLUMNS, export_gdelt
from peristiwa.model import Article
from peristiwa.nlp import load
from peristiwa.store.db import open_store
from peristiwa.store.ingest import ingest

COLUMNS_TSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "gdelt" / "events2_columns.tsv"
TEXT = (
    "JAKARTA, KOMPAS.com - Presiden Prabowo Subianto tiba di Kairo, Mesir, pada Senin (12/5/2025) untuk "
    "bertemu Presiden Mesir Abdel Fattah al-Sisi.\n\n"
    "Menteri Luar Negeri Sugiono mengecam perang di Ukraina yang menewaskan ribuan warga sipil."
)
GEO_TYPES = {"0", "1", "2", "3", "4", "5"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("geo")
    db = str(tmp / "geo.duckdb")
    with open_store(db) as store:
        ingest(store, [Article("geo-1", TEXT, published=date(2025, 5, 14))], Coder(nlp=load()))
        export_gdelt(store, tmp / "gdelt", now=datetime(2025, 5, 15, tzinfo=UTC))
    files = sorted((tmp / "gdelt").glob("*export*"))
    assert files, list((tmp / "gdelt").iterdir())
    with open(files[0], encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows]


def test_geo_columns_are_gdelts() -> None:
    if not COLUMNS_TSV.is_file():
        pytest.skip(f"GDELT column list not found at {COLUMNS_TSV}")
    with open(COLUMNS_TSV, encoding="utf-8") as fh:
        published = [line.split("\t")[1] for line in fh.read().splitlines()[1:] if line.strip()]
    assert list(EVENT_COLUMNS) == published


def test_every_geo_field_is_well_formed(exported: list[dict[str, str]]) -> None:
    fips = {e.fips for e in default_gazetteer().entries.values()}
    assert exported
    for row in exported:
        for side in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
            kind = row[f"{side}_Type"]
            assert kind in GEO_TYPES
            if kind == "0":
                assert all(row[f"{side}_{f}"] == "" for f in ("FullName", "CountryCode", "Lat", "Long"))
                continue
            assert row[f"{side}_CountryCode"] in fips
            assert row[f"{side}_ADM1Code"].startswith(row[f"{side}_CountryCode"])
            assert -90 <= float(row[f"{side}_Lat"]) <= 90 and -180 <= float(row[f"{side}_Long"]) <= 180
            assert row[f"{side}_FullName"] and row[f"{side}_FeatureID"]


def test_visit_is_placed_in_cairo_and_the_visitor_in_indonesia(exported: list[dict[str, str]]) -> None:
    visit = next(r for r in exported if r["EventCode"] == "042")
    assert visit["ActionGeo_Type"] == "4"
    assert visit["ActionGeo_FullName"].startswith("Cairo") and visit["ActionGeo_FullName"].endswith("Egypt")
    assert visit["ActionGeo_CountryCode"] == "EG" and visit["ActionGeo_FeatureID"] == "360630"
    assert 29 < float(visit["ActionGeo_Lat"]) < 31 and 30 < float(visit["ActionGeo_Long"]) < 32
    assert visit["Actor1Geo_Type"] == "1" and visit["Actor1Geo_CountryCode"] == "ID"  # FIPS for Indonesia
