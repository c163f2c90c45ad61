"""The news tokenizer on the formats Indonesian news writes (sentences are our own writing)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import peristiwa.nlp.components  # noqa: F401  (registers peristiwa.id_tokenizer.v1)

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_cd2e7644dbc220f6.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "peristiwa.id_tokenizer.v1"}}})


def toks(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # currency: symbol apart, number whole (documented decision)
        ("ekspor mencapai $218,2 miliar", ["ekspor", "mencapai", "$", "218,2", "miliar"]),
        ("senilai Rp1,5 triliun", ["senilai", "Rp", "1,5", "triliun"]),
        ("dendanya Rp 500.000 saja", ["dendanya", "Rp", "500.000", "saja"]),
        ("harganya Rp. 25.000", ["harganya", "Rp.", "25.000"]),
        ("kerugian US$3,4 juta", ["kerugian", "US$", "3,4", "juta"]),
        ("sekitar 1.500 orang", ["sekitar", "1.500", "orang"]),
        ("naik 30 persen", ["naik", "30", "persen"]),
        ("inflasi 2,5%", ["inflasi", "2,5", "%"]),
        ("total 1.250.000,75 rupiah", ["total", "1.250.000,75", "rupiah"]),
        ("antara Rp100.000-Rp200.000", ["antara", "Rp", "100.000", "-", "Rp", "200.000"]),
        ("antara Rp100.000--Rp200.000", ["antara", "Rp", "100.000", "--", "Rp", "200.000"]),
        ("sekitar 1.500-2.000 orang", ["sekitar", "1.500", "-", "2.000", "orang"]),
        # dates and times
        ("pada 12/3/2024 malam", ["pada", "12/3/2024", "malam"]),
        ("Senin (12/3) lalu", ["Senin", "(", "12/3", ")", "lalu"]),
        ("Kamis (5/9/2024).", ["Kamis", "(", "5/9/2024", ")", "."]),
        ("pukul 14.30 WIB", ["pukul", "14.30", "WIB"]),
        ("Minggu-Senin (6-7/7/2025)", ["Minggu", "-", "Senin", "(", "6-7/7/2025", ")"]),
        # reduplication is one token, ranges are split
        ("negara-negara Barat", ["negara-negara", "Barat"]),
        ("Pertemuan-pertemuan itu", ["Pertemuan-pertemuan", "itu"]),
        ("harus berhati-hati", ["harus", "berhati-hati"]),
        ("sebaik-baiknya", ["sebaik-baiknya"]),
        ("selama Januari-November", ["selama", "Januari", "-", "November"]),
        ("hubungan Rusia-Cina", ["hubungan", "Rusia", "-", "Cina"]),
        ("usia 10-15 tahun", ["usia", "10", "-", "15", "tahun"]),
        # names with digits, Arabic article, ordinals
        ("pandemi Covid-19", ["pandemi", "Covid-19"]),
        ("jet tempur F-16 milik", ["jet", "tempur", "F-16", "milik"]),
        ("kelompok Al-Qaeda", ["kelompok", "Al-Qaeda"]),
        ("HUT ke-79 RI", ["HUT", "ke-79", "RI"]),
        # outlets, domains, datelines and dashes
        ("JagatBisnis.com – Presiden", ["JagatBisnis.com", "–", "Presiden"]),
        ("JAKARTA, KOMPAS.com - Menteri", ["JAKARTA", ",", "KOMPAS.com", "-", "Menteri"]),
        ("SURABAYA, KOMPAS.com—Wali", ["SURABAYA", ",", "KOMPAS.com", "—", "Wali"]),
        ("Liputan6.com, Jakarta - Polisi", ["Liputan6.com", ",", "Jakarta", "-", "Polisi"]),
        # quotes, straight and curly, and bylines
        ('"Kami menolak," katanya.', ['"', "Kami", "menolak", ",", '"', "katanya", "."]),
        ("“Kami menolak,” ujarnya.", ["“", "Kami", "menolak", ",", "”", "ujarnya", "."]),
        ("kata dia. ‘Tidak’", ["kata", "dia", ".", "‘", "Tidak", "’"]),
        ("(tia)", ["(", "tia", ")"]),
        ("(ant/rid)", ["(", "ant", "/", "rid", ")"]),
        # abbreviations keep their full stop, sentence-final full stops do not
        ("Dr. H. Budi di Jl. Merdeka No. 5", ["Dr.", "H.", "Budi", "di", "Jl.", "Merdeka", "No.", "5"]),
        ("PT Contoh Tbk. melapor", ["PT", "Contoh", "Tbk.", "melapor"]),
        ("Sri, S.H., M.Si. hadir", ["Sri", ",", "S.H.", ",", "M.Si.", "hadir"]),
        ("buku, pena, dll. dibawa", ["buku", ",", "pena", ",", "dll.", "dibawa"]),
        ("Kab. Bogor dan Kec. Cibinong", ["Kab.", "Bogor", "dan", "Kec.", "Cibinong"]),
        ("Joko S. Widodo", ["Joko", "S.", "Widodo"]),
        ("Plt. Gubernur tiba", ["Plt.", "Gubernur", "tiba"]),
        ("selesai. Besok", ["selesai", ".", "Besok"]),
        # clitics stay attached (the lemmatizer splits them)
        ("kunjungannya ke sana", ["kunjungannya", "ke", "sana"]),
    ],
)
def test_news_formats(nlp: Language, text: str, expected: list[str]) -> None:
    assert toks(nlp, text) == expected


def test_offsets_cover_the_text_exactly(nlp: Language) -> None:
    text = "JAKARTA, KOMPAS.com - Harga naik Rp1,5 triliun pada Senin (12/3).\n(tia)"
    doc = nlp(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text


def test_serialises_with_the_pipeline(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    text = "Senin (12/3), negara-negara itu sepakat soal $218,2 miliar di Jl. Merdeka."
    assert toks(loaded, text) == toks(nlp, text)
    assert pickle.loads(pickle.dumps(loaded.tokenizer)) is not None


@pytest.mark.skipif(not SEED.exists(), reason="seed article ../shared/seeds/000_cd2e7644dbc220f6.txt absent")
def test_seed_article(nlp: Language) -> None:
    doc = nlp(SEED.read_text(encoding="utf-8"))
    words = [t.text for t in doc]
    assert words[:3] == ["JagatBisnis.com", "–", "Presiden"]
    assert "negara-negara" in words
    i = words.index("218,2")
    assert words[i - 1 : i + 2] == ["$", "218,2", "miliar"]
    assert words[words.index("200") - 1] == "$"
    j = words.index("Januari")
    assert words[j : j + 3] == ["Januari", "-", "November"]
    assert words[-3:] == ["(", "tia", ")"]
    assert "kekuasaannya" in words  # clitic left attached
