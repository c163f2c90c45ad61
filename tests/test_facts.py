"""Facts: money, counts and percentages in Indonesian number format, and what they measure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peristiwa.coding.facts import extract_facts, find_amounts, parse_number, parse_number_words
from peristiwa.model import Fact


def facts(text: str) -> list[Fact]:
    return extract_facts(text, "t")


def one(text: str) -> Fact:
    found = facts(text)
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------------------------------- money

@pytest.mark.parametrize(
    ("text", "amount", "value", "unit"),
    [
        ("Nilai dagang mencapai $218,2 miliar.", "$218,2 miliar", 218_200_000_000, "USD"),
        ("Bank itu menyalurkan US$ 5 juta.", "US$ 5 juta", 5_000_000, "USD"),
        ("Bank itu menyalurkan US$5 juta.", "US$5 juta", 5_000_000, "USD"),
        ("Anggarannya Rp1,5 triliun.", "Rp1,5 triliun", 1.5e12, "IDR"),
        ("Anggarannya Rp 1,5 triliun.", "Rp 1,5 triliun", 1.5e12, "IDR"),
        ("Harga tiketnya Rp 500.000.", "Rp 500.000", 500_000, "IDR"),
        ("Harga tiketnya Rp500 ribu.", "Rp500 ribu", 500_000, "IDR"),
        ("Harga tiketnya Rp. 2.250 per lembar.", "Rp. 2.250", 2250, "IDR"),
        ("Kerugian negara Rp 60 M.", "Rp 60 M", 60e9, "IDR"),
        ("Kerugian negara Rp 120 T.", "Rp 120 T", 120e12, "IDR"),
        ("Saldo rekening Rp7.400.000.000.000.", "Rp7.400.000.000.000", 7.4e12, "IDR"),
        ("Uni Eropa menyiapkan €3 miliar.", "€3 miliar", 3e9, "EUR"),
        ("Investasi itu bernilai 5 miliar dolar AS.", "5 miliar dolar AS", 5e9, "USD"),
        ("Investasi itu bernilai 130 miliar dollar AS.", "130 miliar dollar AS", 130e9, "USD"),
        ("Investasi itu bernilai 48,5 juta dollar Amerika Serikat.", "48,5 juta dollar Amerika Serikat",
         48.5e6, "USD"),
        ("Cina meminjamkan 1 juta yuan.", "1 juta yuan", 1e6, "CNY"),
        ("Denda sebesar 500 dolar Singapura.", "500 dolar Singapura", 500, "SGD"),
        ("Hibah 500 juta dollar Australia diumumkan.", "500 juta dollar Australia", 500e6, "AUD"),
        ("Klub itu membayar 95 juta pound.", "95 juta pound", 95e6, "GBP"),
        ("Tebusannya 12,4 juta poundsterling.", "12,4 juta poundsterling", 12.4e6, "GBP"),
        ("Korea mengucurkan 150 miliar won.", "150 miliar won", 150e9, "KRW"),
        ("Harganya 7.350 yen.", "7.350 yen", 7350, "JPY"),
        ("Tiketnya 280 ringgit.", "280 ringgit", 280, "MYR"),
        ("Bantuan 75 miliar rupiah disalurkan.", "75 miliar rupiah", 75e9, "IDR"),
        ("Pendapatan naik 4.5 juta rupiah.", "4.5 juta rupiah", 4.5e6, "IDR"),
        ("Gaji pokoknya S$ 3.000.", "S$ 3.000", 3000, "SGD"),
        ("Dana lima miliar rupiah dicairkan.", "lima miliar rupiah", 5e9, "IDR"),
        ("Harganya sekitar Rp 450 jutaan.", "Rp 450 jutaan", 450e6, "IDR"),
    ],
)
def test_money(text: str, amount: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.kind, f.text, f.value, f.unit) == ("money", amount, value, unit)
    assert text[f.start:f.end] == f.text


def test_money_values_have_no_float_noise() -> None:
    assert one("Nilainya $218,2 miliar.").value == 218200000000
    assert one("Nilainya Rp 312,10 triliun.").value == 312_100_000_000_000


# ------------------------------------------------------------------------------------ quantities

@pytest.mark.parametrize(
    ("text", "amount", "value", "unit"),
    [
        ("Sebanyak 1.500 orang mengungsi.", "1.500 orang", 1500, "orang"),
        ("Setidaknya 17 warga Palestina tewas.", "17 warga Palestina", 17, "warga Palestina"),
        ("Dua tahanan dipulangkan ke Belanda.", "Dua tahanan", 2, "tahanan"),
        ("Polisi memeriksa tiga saksi.", "tiga saksi", 3, "saksi"),
        ("Hadir pula 30 kepala negara.", "30 kepala negara", 30, "kepala negara"),
        ("Ada dua ratus ribu warga sipil di sana.", "dua ratus ribu warga sipil", 200_000, "warga sipil"),
        ("Sekitar 300.000 warga mengungsi.", "300.000 warga", 300_000, "warga"),
        ("Sebanyak 1,2 juta orang terdampak.", "1,2 juta orang", 1.2e6, "orang"),
        ("Milisi itu melancarkan lebih dari 100 serangan.", "100 serangan", 100, "serangan"),
        ("Jalan itu sepanjang 12 km.", "12 km", 12, "km"),
        ("Kapal itu mengangkut 5.000 ton beras.", "5.000 ton", 5000, "ton"),
        ("Dua belas prajurit gugur.", "Dua belas prajurit", 12, "prajurit"),
        ("Sebanyak dua puluh lima jurnalis ditahan.", "dua puluh lima jurnalis", 25, "jurnalis"),
    ],
)
def test_quantities(text: str, amount: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.kind, f.text, f.value, f.unit) == ("quantity", amount, value, unit)


# ------------------------------------------------------------------------------------ percentages

@pytest.mark.parametrize(
    ("text", "amount", "value"),
    [
        ("Tarif impor 19 persen berlaku Agustus.", "19 persen", 19),
        ("Inflasi naik 30% dalam setahun.", "30%", 30),
        ("Produk itu dikenai tarif 0 persen.", "0 persen", 0),
        ("Suku bunga turun menjadi 5,75 persen.", "5,75 persen", 5.75),
        ("Pajak sebesar tujuh persen dikenakan.", "tujuh persen", 7),
        ("Penjualan turun 12,3 %.", "12,3 %", 12.3),
    ],
)
def test_percentages(text: str, amount: str, value: float) -> None:
    f = one(text)
    assert (f.kind, f.text, f.value, f.unit) == ("percent", amount, value, "%")


# ------------------------------------------------------------------------------ not facts at all

@pytest.mark.parametrize(
    "text",
    [
        "Serangan itu terjadi pada tahun 2022.",
        "Ia diperiksa Senin (12/3) di Jakarta.",
        "Ia diperiksa Selasa (7/11/2023) di Jakarta.",
        "Sidang digelar 7 Mei 2024 di Jakarta.",
        "Pesawat mendarat pukul 22.00 WIB.",
        "KTT ke-12 dibuka di Manila.",
        "Aturan itu tertuang dalam Pasal 5 ayat 2.",
        "Undang-Undang Nomor 12 Tahun 2011 direvisi.",
        "Pak Harun (68) dipulangkan ke kampungnya.",
        "Persib menang 3-1 atas Persija.",
        "Ia dipenjara selama 12 tahun.",
        "Ia diperiksa selama 10 jam oleh penyidik.",
        "Perundingan berlangsung tiga hari.",
        "Salah satu negara menolak hadir.",
        "Timnas U23 dan G7 bertemu.",
        "Mereka menggelar rapat 2x24 jam.",
        "Ratusan warga dan puluhan polisi berjaga.",
    ],
)
def test_not_facts(text: str) -> None:
    assert facts(text) == [], facts(text)


def test_broken_thousands_in_the_source_are_not_values() -> None:
    assert all(f.value != 25 for f in facts("Ia menyimpan uang 2.\n\n025 euro di laci."))


# --------------------------------------------------------------------------------------- measures

@pytest.mark.parametrize(
    ("text", "measures"),
    [
        ("Perdagangan antara kedua negara mencapai $218,2 miliar.", "perdagangan antara kedua negara"),
        ("Tarif impor 19 persen berlaku Agustus.", "tarif impor"),
        ("Produk itu dikenai tarif 0 persen.", "tarif"),
        ("Korban tewas mencapai 1.500 orang.", "korban tewas"),
        ("Jumlah korban tewas telah mencapai 48 orang.", "jumlah korban tewas"),
        ("Dana sebesar Rp 5 miliar cair kemarin.", "dana"),
        ("Ekspor dari Indonesia mencapai 3 miliar dollar AS.", "ekspor dari Indonesia"),
        ("Setidaknya 17 warga Palestina tewas di Gaza.", "tewas"),
        ("Sebanyak 9 orang dilaporkan tewas.", "tewas"),
        ("Lebih dari 25 orang lainnya terluka.", "terluka"),
        ("Pasukan itu menewaskan sedikitnya 14 orang.", "tewas"),
        ("Banjir memaksa sekitar 20.000 warga mengungsi.", "mengungsi"),
        ("Pemangkasan bea yang dikenakan ke Brasil jadi 10 persen.", ""),
        ("Cina menyiapkan 1 juta yuan.", ""),
        ("Pertumbuhan hanya sekitar 5 persen.", "pertumbuhan"),
        ("Harga mulai Rp 215.000 per orang.", "harga"),
        ("Polisi memeriksa tiga saksi.", ""),
    ],
)
def test_measures(text: str, measures: str) -> None:
    assert facts(text)[0].measures == measures


def test_measures_stay_between_neighbouring_amounts() -> None:
    found = facts("Bantuan sebesar US$ 5 juta dan Rp1,5 triliun serta Rp 500.000 disalurkan.")
    assert [f.measures for f in found] == ["bantuan", "", ""]


# ------------------------------------------------------------------------------------- sentences

def test_sentence_index_from_spans() -> None:
    text = "Harga naik 5 persen. Sebanyak 20 orang ditangkap. Tidak ada angka di sini."
    spans = [(0, 20), (21, 49), (50, len(text))]
    found = extract_facts(text, "a1", spans)
    assert [(f.text, f.sentence_index, f.article_id) for f in found] == [("5 persen", 0, "a1"),
                                                                       ("20 orang", 1, "a1")]


def test_sentence_index_without_spans_is_unknown() -> None:
    assert [f.sentence_index for f in facts("Harga naik 5 persen. Ada 20 orang.")] == [-1, -1]


def test_measures_do_not_cross_sentences() -> None:
    text = "Tarif impor naik. 20 persen di antaranya dibatalkan."
    assert extract_facts(text, "a", [(0, 17), (18, len(text))])[0].measures == ""
    assert extract_facts(text, "a")[0].measures == ""


def test_qualifiers_are_kept_on_amounts() -> None:
    found = find_amounts("Lebih dari 9.000 orang dievakuasi, sedikitnya 21 orang tewas, hampir 5 persen.")
    assert [a.qualifier for a in found] == ["lebih dari", "sedikitnya", "hampir"]


def test_records_are_serialisable() -> None:
    record = one("Nilai dagang mencapai $218,2 miliar.").to_record()
    assert record["value"] == 218200000000 and record["unit"] == "USD" and record["kind"] == "money"


# -------------------------------------------------------------------------------- number parsing

@pytest.mark.parametrize(
    ("text", "value"),
    [("1.500", 1500), ("218,2", 218.2), ("1.234.567,89", 1234567.89), ("4.5", 4.5), ("0", 0),
     ("1,000,000", 1_000_000), ("025", None), ("abc", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("dua", 2), ("sepuluh", 10), ("sebelas", 11), ("dua belas", 12), ("dua puluh lima", 25),
     ("seratus dua puluh", 120), ("tiga ratus", 300), ("seribu", 1000), ("dua ratus ribu", 200_000),
     ("satu juta lima ratus ribu", 1_500_000), ("lima belas ribu", 15_000), ("belas", None), ("kucing", None),
     ("", None)],
)
def test_parse_number_words(text: str, value: int | None) -> None:
    assert parse_number_words(text) == value


@given(st.integers(min_value=1000, max_value=10**12))
def test_indonesian_thousands_round_trip(n: int) -> None:
    written = f"{n:,}".replace(",", ".")
    assert one(f"Bantuan Rp {written} disalurkan.").value == n


# ------------------------------------------------------------------------------------ seed article

def test_seed_article(seed_text: str) -> None:
    found = extract_facts(seed_text, "seed")
    money = [f for f in found if f.kind == "money"]
    assert [(f.text, f.value, f.unit) for f in money] == [
        ("$218,2 miliar", 218_200_000_000, "USD"),
        ("$200 miliar", 200_000_000_000, "USD"),
    ]
    assert money[0].measures == "perdagangan antara kedua negara"
    assert money[1].measures == "perdagangan bilateral"
    assert all(f.kind == "money" for f in found)  # the years 2022 and 2024 are not quantities
