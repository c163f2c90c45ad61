"""Geocoding: the shipped gazetteer, place resolution on sentences of our own, GDELT geo fields."""

from __future__ import annotations

import spacy

from peristiwa.coding import geo


def _mentions(text: str) -> list[tuple[str, str]]:
    doc = spacy.blank("id")(text)
    return [(m.text, m.entry.key) for m in geo.find_mentions(doc) if m.entry]


def test_shipped_gazetteer_is_valid_and_complete() -> None:
    assert geo.validate() == []
    gaz = geo.default_gazetteer()
    provinces = [e for e in gaz.entries.values() if e.kind == "adm1" and e.iso2 == "ID"]
    assert len(provinces) == 38
    assert {"Papua Pegunungan", "Papua Barat Daya", "Jawa Barat", "Aceh"} <= {p.name for p in provinces}
    assert sum(e.kind == "adm2" for e in gaz.entries.values()) >= 400


def test_indonesian_exonyms_reach_geonames_entries() -> None:
    found = dict(_mentions("Menteri terbang ke Kairo, lalu ke Beijing dan ke Belanda."))
    assert found["Kairo"] == "gn:360630"  # Cairo
    assert found["Beijing"] == "gn:1816670"
    assert geo.default_gazetteer().entries[found["Belanda"]].iso2 == "NL"


def test_province_next_to_a_city_and_kota_prefix() -> None:
    found = _mentions("Ratusan warga Kota Serang, Banten, berunjuk rasa pada Senin.")
    assert ("Kota Serang", "gn:1627549") in found  # Serang in Banten, not the village in Jawa Timur
    assert ("Banten", "adm1:ID33") in found


def test_dateline_and_ambiguous_name_left_at_province() -> None:
    found = _mentions("JAMBI, KOMPAS.com - Gubernur Jambi meninjau lokasi banjir.")
    assert found[0] == ("JAMBI", "adm1:ID05")  # city and province share the name: the broader level


def test_bare_small_town_without_cue_is_not_a_place() -> None:
    # "Batu" is a city in Jawa Timur, but here it is a stone; no preposition or locative noun
    assert _mentions("Batu itu dilempar ke arah polisi.") == []


def test_gdelt_fields_by_level() -> None:
    gaz = geo.default_gazetteer()
    city = geo.gdelt_fields(gaz.entries["gn:1636722"])  # Malang
    assert city[:5] == ["4", "Malang, Jawa Timur, Indonesia", "ID", "ID08", ""]
    assert -90 <= float(city[5]) <= 90 and -180 <= float(city[6]) <= 180 and city[7] == "1636722"
    prov = geo.gdelt_fields(gaz.entries["adm1:ID30"])
    assert prov[0] == "5" and prov[3] == "ID30" and prov[7] == "ID30"
    country = geo.gdelt_fields(gaz.country_of_code("CHN"))
    assert country[:4] == ["1", "China", "CH", "CH"]  # FIPS, not ISO
    assert geo.gdelt_fields(None)[0] == "0"
