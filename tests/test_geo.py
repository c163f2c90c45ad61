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


def test_kabupaten_and_their_seats_lie_in_the_province_kemendagri_names() -> None:
    """GeoNames files some seats under the province they were split from, and a seat's name can
    pick a namesake in another province: the recipe takes the province from Kemendagri's list."""
    from collections import Counter, defaultdict

    gaz = geo.default_gazetteer()
    by_iso: dict[str, Counter[str]] = defaultdict(Counter)
    for e in gaz.entries.values():
        if e.kind == "adm2":
            by_iso[e.key.split(":")[1]][e.adm1] += 1
    mixed = {iso: dict(c) for iso, c in by_iso.items() if len([a for a in c if a.isdigit()]) > 1}
    assert mixed == {}
    assert gaz.entries["gn:6295587"].adm1_code == "ID40"  # Batam: Kepulauan Riau, not Riau
    assert gaz.entries["gn:1644833"].adm1_code == "ID39"  # Fakfak: Papua Barat, not Papua
    lebak = gaz.entries["adm2:ID-BT:kabupaten_lebak"]  # Banten, not a namesake in Jawa Timur
    assert lebak.adm1_code == "ID33" and 105.0 < (lebak.lon or 0) < 107.0
    north_lombok = gaz.entries["adm2:ID-NB:kabupaten_lombok_utara"]  # NTB, not Tanjung in Kalsel
    assert north_lombok.adm1_code == "ID17" and -9.0 < (north_lombok.lat or 0) < -8.0
    assert gaz.entries["gn:1627459"].adm1_code == "ID33"  # Serpong: a town of Banten's Tangerang
    assert gaz.entries["gn:1632276"].adm1_code == "ID30"  # Parung, across the border: Jawa Barat


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
    assert city[:5] == ["4", "Malang, Jawa Timur, Indonesia", "ID", "ID08", "18076"]  # GAUL: Kota Malang
    assert -90 <= float(city[5]) <= 90 and -180 <= float(city[6]) <= 180 and city[7] == "1636722"
    prov = geo.gdelt_fields(gaz.entries["adm1:ID30"])
    assert prov[0] == "5" and prov[3] == "ID30" and prov[7] == "ID30"
    country = geo.gdelt_fields(gaz.country_of_code("CHN"))
    assert country[:4] == ["1", "China", "CH", "CH"]  # FIPS, not ISO
    assert geo.gdelt_fields(None)[0] == "0"


def _sent(text: str):  # type: ignore[no-untyped-def]
    doc = spacy.blank("id")(text)
    return doc[:], doc


def _token(doc, word: str) -> int:  # type: ignore[no-untyped-def]
    return next(t.i for t in doc if t.text == word)


def test_action_place_is_the_clause_phrase_not_the_dateline() -> None:
    sent, doc = _sent("JAKARTA, KOMPAS.com - Presiden tiba di Kairo pada Senin.")
    where = geo.action_place(sent, _token(doc, "tiba"), "042")
    assert where is not None and where.entry is not None and where.entry.key == "gn:360630"
    assert geo.stated_country(where) == "EGY"


def test_dateline_only_when_nothing_closer() -> None:
    sent, doc = _sent("SURABAYA, KOMPAS.com - Gubernur mengimbau warga tetap tenang.")
    where = geo.action_place(sent, _token(doc, "mengimbau"), "023")
    assert where is not None and where.cue == "dateline" and where.entry.name == "Surabaya"
    assert geo.stated_country(where) == ""  # the dateline is where it was filed, not what the text says


def test_statement_about_a_war_is_not_located_in_the_war() -> None:
    sent, doc = _sent("Menteri Luar Negeri mengecam perang di Ukraina yang menewaskan warga sipil.")
    ukraina = _token(doc, "Ukraina")
    assert geo.topic_phrase(doc, ukraina, "111")  # a condemnation: said elsewhere
    assert not geo.topic_phrase(doc, ukraina, "190")  # fighting in Ukraine is in Ukraine
    assert geo.action_place(sent, _token(doc, "mengecam"), "111") is None


def test_actor_place_named_with_the_actor() -> None:
    _, doc = _sent("Ratusan warga Kota Malang berunjuk rasa.")
    start = doc.text.index("warga")
    entry = geo.actor_place(doc, start, start + len("warga"), "IDNCVL")
    assert entry is not None and entry.key == "gn:1636722"  # Malang, not just Indonesia
    _, doc2 = _sent("Warga berunjuk rasa.")
    assert geo.actor_place(doc2, 0, 5, "IDNCVL").kind == "country"


def test_kabupaten_without_a_geonames_seat_exports_at_its_province() -> None:
    gaz = geo.default_gazetteer()
    aceh_besar = gaz.entries["adm2:ID-AC:kabupaten_aceh_besar"]
    assert aceh_besar.lat is None and aceh_besar.adm1 == "01"
    assert geo.gdelt_fields(aceh_besar)[:4] == ["5", "Aceh, Indonesia", "ID", "ID01"]


def test_validator_reports_a_broken_gazetteer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "gazetteer.tsv"
    bad.write_text(
        "key\tname\tkind\tiso2\tiso3\tfips\tadm1\tlat\tlon\tpopulation\tnames\n"
        "gn:1\tX\tcity\tID\t\tIDN\t30\t95.0\t10.0\t5\tX\n"
        "gn:1\tY\ttown\tID\t\tID\t30\t1.0\t1.0\t5\tY\n",
        encoding="utf-8",
    )
    messages = " ".join(p.message for p in geo.validate(bad))
    assert "out of range" in messages and "duplicate key" in messages and "not in" in messages
    assert "FIPS code 'IDN'" in messages and "38" in messages


def test_statement_next_to_an_invasion_is_not_placed_in_the_invaded_country() -> None:
    sent, doc = _sent("Negara-negara Barat mengecam pemilu itu sejak invasi Rusia ke Ukraina pada 2022.")
    assert geo.topic_phrase(doc, _token(doc, "Ukraina"), "111")
    assert geo.action_place(sent, _token(doc, "mengecam"), "111") is None


def test_city_names_used_as_teams_are_not_places_unless_introduced() -> None:
    found = _mentions("Jadwal Liga Champions Milan Vs PSG. Milan menang. Laga digelar di Milan, Italia.")
    assert [t for t, _ in found].count("Milan") == 1  # only "di Milan"
    assert ("Italia", geo.default_gazetteer().by_country["IT"].key) in found
