"""GAUL ADM2 codes: the shipped mapping (built by coding/gaul_build.py from pygaul 0.3.4's GAUL 2015
table), the exported ADM2Code field, and the recipe's matching rules on a GAUL table of our own."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from peristiwa.coding import gaul_build
from peristiwa.coding.geo import GAUL_FILE, fields_of_key, gaul_codes
from peristiwa.coding.lexicon import read_tsv


def test_shipped_mapping_is_numeric_and_covers_most_kabupaten() -> None:
    rows = list(read_tsv(GAUL_FILE, required=("key", "gaul_adm2", "gaul_name", "gaul_adm1")))
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"\d{4,6}", r["gaul_adm2"]) for r in rows)
    adm2 = [r for r in rows if r["key"].startswith("adm2:")]
    assert len(adm2) >= 350  # of the gazetteer's 432 kabupaten/kota; the rest are newer than GAUL 2015
    by_code: dict[str, set[str]] = {}
    for r in adm2:
        by_code.setdefault(r["gaul_adm2"], set()).add(r["key"])
    assert all(len(v) == 1 for v in by_code.values())  # one GAUL unit, one kabupaten/kota


@pytest.mark.parametrize(
    ("key", "adm2"),
    [
        ("gn:1650357", "18015"),  # Bandung the city: GAUL's Kota Bandung
        ("adm2:ID-JB:kabupaten_bandung", "73636"),  # Kabupaten Bandung: GAUL's Bandung
        ("adm2:ID-KU:kabupaten_bulungan_bulongan", "73662"),  # Kalimantan Utara: in Kalimantan Timur in GAUL
        ("adm2:ID-PA:kabupaten_asmat", "73634"),  # Papua Selatan since 2022: in Papua in GAUL
        ("gn:1642911", ""),  # Jakarta: the whole province, no single ADM2
        ("adm1:ID30", ""),  # a province: no ADM2
        ("gn:1643084", ""),  # Indonesia
        ("gn:360630", ""),  # Cairo: no GAUL table for Egypt here
    ],
)
def test_exported_adm2_code(key: str, adm2: str) -> None:
    fields = fields_of_key(key)
    assert fields[4] == adm2 and gaul_codes().get(key, "") == adm2


def _gaul_table(tmp_path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    path = tmp_path / "gaul.parquet"
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE g (ADM0_CODE VARCHAR, ADM0_NAME VARCHAR, ADM1_CODE VARCHAR, ADM1_NAME VARCHAR, "
        "ADM2_CODE VARCHAR, ADM2_NAME VARCHAR)"
    )
    con.executemany("INSERT INTO g VALUES ('116', 'Indonesia', ?, ?, ?, ?)", [r[:4] for r in rows])
    con.execute("INSERT INTO g VALUES ('59', 'Egypt', '1', 'Cairo', '99', 'Bandung')")  # not Indonesia
    con.execute(f"COPY g TO '{path}' (FORMAT parquet)")
    return path


def test_recipe_matches_exactly_within_the_province(tmp_path: Path) -> None:
    source = _gaul_table(
        tmp_path,
        [
            ("1", "Jawa Barat", "10", "Bandung", ""),
            ("1", "Jawa Barat", "11", "Kota Bandung", ""),
            ("2", "Kalimantan Timur", "20", "Bulungan", ""),  # Kalimantan Utara's kabupaten, as in GAUL 2015
            ("3", "Nangroe Aceh Darussalam", "30", "Aceh Besar", ""),
            ("4", "Jawa Tengah", "40", "Kota Surakarta", ""),
            ("5", "Jawa Timur", "50", "Malang-", ""),  # folded: case and punctuation ignored
            ("6", "Papua", "60", "Fakfak", ""),  # GAUL and the gazetteer's admin1 (ID36) agree here
        ],
    )
    units = gaul_build.read_source(source)
    assert [u.code for u in units] == ["10", "11", "20", "30", "40", "50", "60"]
    found, missing = gaul_build.match(units)
    codes = {k: u.code for k, u in found.items()}
    assert codes["adm2:ID-JB:kabupaten_bandung"] == "10"
    assert codes["gn:1650357"] == "11"  # the town that is the kota
    assert codes["adm2:ID-KU:kabupaten_bulungan_bulongan"] == "20"  # a newer province: its parent
    assert codes["adm2:ID-AC:kabupaten_aceh_besar"] == "30"  # a GAUL province by its long name
    assert codes["adm2:ID-JT:kota_surakarta_solo"] == "40"  # "Kota Surakarta (Solo)"
    assert codes["adm2:ID-JI:kabupaten_malang"] == "50"
    assert codes["adm2:ID-PB:kabupaten_fakfak"] == "60"
    assert "adm2:ID-JB:kabupaten_bogor" not in codes and any("kabupaten_bogor" in m for m in missing)
    with pytest.raises(SystemExit, match="matches no province"):
        gaul_build.province_codes([gaul_build.GaulUnit("9", "Atlantis", "90", "X")])
