"""Place names and place phrases (action_place, action_country)."""

from __future__ import annotations

from pathlib import Path

import spacy

from peristiwa.coding import places
from peristiwa.coding.places import default_places, find_places, is_exact_variant, place_phrase

NLP = spacy.blank("id")


def found(text: str) -> list[tuple[str, str, str]]:
    return [(p.text, p.country, p.kind) for p in find_places(NLP(text))]


def test_shipped_places_have_no_errors() -> None:
    assert [p for p in places.validate() if p.severity == "error"] == []


def test_provinces_cities_regions_and_features() -> None:
    assert found("Banjir melanda Jawa Barat dan Makassar.") == [
        ("Jawa Barat", "IDN", "province"), ("Makassar", "IDN", "city")]
    assert found("Kapal itu melintasi Laut Merah menuju Selat Malaka.") == [
        ("Laut Merah", "MEA", "feature"), ("Selat Malaka", "SEA", "feature")]
    assert found("Pasukan bergerak dari Jalur Gaza ke Tepi Barat.") == [
        ("Jalur Gaza", "PSE", "region"), ("Tepi Barat", "PSE", "region")]
    assert found("Serangan di Krimea dan Donbas meningkat.") == [
        ("Krimea", "UKR", "region"), ("Donbas", "UKR", "region")]


def test_country_names_are_places_too() -> None:
    assert found("Delegasi tiba di Singapura.") == [("Singapura", "SGP", "country")]
    assert found("Kapal berlayar ke Timur Tengah.") == [("Timur Tengah", "MEA", "region")]


def test_discarded_phrase_hides_a_country() -> None:
    assert found("Ia mengajar bahasa Inggris di Medan.") == [("Medan", "IDN", "city")]


def test_place_phrase_prefers_di_and_ke() -> None:
    doc = NLP("Menlu bertemu mitranya di Jenewa setelah pulang dari Tokyo.")
    p = place_phrase(doc, 1)
    assert p is not None
    assert (p.text, p.country, p.preposition) == ("Jenewa", "CHE", "di")


def test_place_phrase_destination_of_a_visit() -> None:
    doc = NLP("Presiden terbang ke Rusia untuk menemui Putin.")
    p = place_phrase(doc, 2)
    assert p is not None and (p.text, p.country, p.preposition) == ("Rusia", "RUS", "ke")


def test_place_phrase_skips_locative_nouns() -> None:
    doc = NLP("Warga berunjuk rasa di depan Polda Maluku Utara.")
    p = place_phrase(doc, 2)
    assert p is not None and (p.text, p.country) == ("Maluku Utara", "IDN")
    doc = NLP("Serangan udara terjadi di kota Rafah.")
    p = place_phrase(doc, 0)
    assert p is not None and p.text == "Rafah"


def test_place_phrase_falls_back_to_dari() -> None:
    doc = NLP("Rombongan itu kembali dari Kairo kemarin.")
    p = place_phrase(doc, 2)
    assert p is not None and (p.text, p.preposition) == ("Kairo", "dari")


def test_bare_place_is_not_a_place_phrase() -> None:
    assert place_phrase(NLP("Israel menggempur Gaza lagi."), 1) is None


def test_place_phrase_takes_the_nearest() -> None:
    doc = NLP("Di Bali ia berpidato, lalu di Medan ia menandatangani perjanjian.")
    sign = next(t.i for t in doc if t.text == "menandatangani")
    p = place_phrase(doc, sign)
    assert p is not None and p.text == "Medan"


def test_place_phrase_in_a_span_counts_from_the_span_start() -> None:
    doc = NLP("Hujan turun di Bogor. Menteri berkunjung ke Kupang.")
    span = doc[5:10]
    assert span[1].text == "berkunjung"
    p = place_phrase(span, 1)
    assert p is not None and (p.text, p.start) == ("Kupang", 8)


def test_matching_rules() -> None:
    assert is_exact_variant("AS") and is_exact_variant("PDI-P") and is_exact_variant("Xi")
    assert not is_exact_variant("Amerika") and not is_exact_variant("ASEAN Plus")
    assert default_places() is default_places()


def test_validator_reports_bad_rows(tmp_path: Path) -> None:
    (tmp_path / "places.tsv").write_text(
        "id\tnames\tcode\tkind\tnote\n"
        "a\tAlfa\tIDN\tcity\t\n"
        "a\tAlfa Dua\tIDN\tcity\t\n"
        "b\tBeta\tXYZ\tcity\t\n"
        "c\tCharlie\tIDN\ttown\t\n"
        "d\t\tIDN\tcity\t\n"
        "e\tAlfa\tMYS\tcity\t\n",
        encoding="utf-8",
    )
    got = [f"{p.severity}: {p.message}" for p in places.validate(tmp_path)]
    assert any("duplicate id 'a'" in m for m in got)
    assert any("unknown country code 'XYZ'" in m for m in got)
    assert any("kind 'town'" in m for m in got)
    assert any("empty names" in m for m in got)
    assert any(m.startswith("warning") and "'Alfa' also names a" in m for m in got)


def test_validator_reports_a_missing_file(tmp_path: Path) -> None:
    assert places.validate(tmp_path)[0].severity == "error"
