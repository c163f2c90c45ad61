"""Rule sentence boundaries (peristiwa_senter) and split_sentences; sentences are our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import peristiwa.nlp.components  # noqa: F401  (registers the factories)
from peristiwa.nlp.senter import split_sentences

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_cd2e7644dbc220f6.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "peristiwa.id_tokenizer.v1"}}})
    nlp.add_pipe("peristiwa_senter")
    return nlp


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_every_token_is_flagged(nlp: Language) -> None:
    doc = nlp("Menteri itu datang. Ia berbicara.\n\nWarga menyambut.")
    assert all(t.is_sent_start in (True, False) for t in doc)
    assert doc[0].is_sent_start is True
    assert [s.text.strip() for s in doc.sents] == ["Menteri itu datang.", "Ia berbicara.", "Warga menyambut."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles and honorifics before names never end a sentence
        ("Rapat dipimpin Dr. Ani Lestari dan Prof. Bambang. Hasilnya diumumkan.",
         ["Rapat dipimpin Dr. Ani Lestari dan Prof. Bambang.", "Hasilnya diumumkan."]),
        ("Jemaah dipimpin H. Abdul Rahman dan Hj. Siti Aminah di masjid itu.",
         ["Jemaah dipimpin H. Abdul Rahman dan Hj. Siti Aminah di masjid itu."]),
        ("Ceramah disampaikan K.H. Ahmad Dahlan muda.",
         ["Ceramah disampaikan K.H. Ahmad Dahlan muda."]),
        # addresses
        ("Kantornya di Jl. Diponegoro No. 12, Kab. Sleman. Polisi datang.",
         ["Kantornya di Jl. Diponegoro No. 12, Kab. Sleman.", "Polisi datang."]),
        # degrees after names
        ("Kuasa hukumnya, Rina Wati, S.H., M.Si. mengatakan banding diajukan.",
         ["Kuasa hukumnya, Rina Wati, S.H., M.Si. mengatakan banding diajukan."]),
        ("Ketua panitia, Ir. Dedi Santoso, M.T. menolak berkomentar.",
         ["Ketua panitia, Ir. Dedi Santoso, M.T. menolak berkomentar."]),
        # list abbreviations end a sentence only before a capital
        ("Mereka membawa beras, minyak, dll. yang dibagikan gratis.",
         ["Mereka membawa beras, minyak, dll. yang dibagikan gratis."]),
        ("Mereka membawa beras, minyak, dsb. Bantuan tiba sore.",
         ["Mereka membawa beras, minyak, dsb.", "Bantuan tiba sore."]),
        ("Saham PT Maju Jaya Tbk. (MAJU) turun tajam.", ["Saham PT Maju Jaya Tbk. (MAJU) turun tajam."]),
        ("Dana dikirim a.n. Yayasan Harapan kemarin.", ["Dana dikirim a.n. Yayasan Harapan kemarin."]),
        ("Pendaftaran dibuka 1 s.d. 5 Juni. Peserta wajib hadir.",
         ["Pendaftaran dibuka 1 s.d. 5 Juni.", "Peserta wajib hadir."]),
        # initials
        ("Pernyataan Susilo B. Yudhoyono dikutip luas.", ["Pernyataan Susilo B. Yudhoyono dikutip luas."]),
        # datelines stay with their first sentence
        ("JAKARTA, KOMPAS.com - Presiden meresmikan bendungan. Warga bersyukur.",
         ["JAKARTA, KOMPAS.com - Presiden meresmikan bendungan.", "Warga bersyukur."]),
        ("MEDAN, KOMPAS.com – Banjir merendam dua desa.", ["MEDAN, KOMPAS.com – Banjir merendam dua desa."]),
        ("Liputan6.com, Jakarta - Polisi menangkap dua orang. Keduanya ditahan.",
         ["Liputan6.com, Jakarta - Polisi menangkap dua orang.", "Keduanya ditahan."]),
        # line breaks end sentences, even without a full stop
        ("Baca juga: Harga beras naik\nPemerintah menyiapkan operasi pasar.",
         ["Baca juga: Harga beras naik", "Pemerintah menyiapkan operasi pasar."]),
        # closing quotes after a full stop stay with their sentence
        ('"Kami menolak rencana itu." Dia lalu pergi.', ['"Kami menolak rencana itu."', "Dia lalu pergi."]),
        ("“Kami menolak rencana itu.” Dia lalu pergi.", ["“Kami menolak rencana itu.”", "Dia lalu pergi."]),
        ('Ia bertanya, "Siapa yang datang?" kepada penjaga.',
         ['Ia bertanya, "Siapa yang datang?" kepada penjaga.']),
        ('Kata dia: "Kami siap." "Kapan?" tanya wartawan.',
         ['Kata dia: "Kami siap."', '"Kapan?" tanya wartawan.']),
        # question and exclamation marks, ellipses
        ("Apakah ini adil? Tidak ada yang tahu! Sidang ditunda.",
         ["Apakah ini adil?", "Tidak ada yang tahu!", "Sidang ditunda."]),
        ("Ia ragu... lalu pergi. Semua diam.", ["Ia ragu... lalu pergi.", "Semua diam."]),
        # a sentence may start with a number
        ("Gempa terjadi pagi tadi. 12 rumah rusak.", ["Gempa terjadi pagi tadi.", "12 rumah rusak."]),
        # decimals and times are not sentence ends
        ("Bunga 5,75 persen berlaku pukul 10.00 WIB.", ["Bunga 5,75 persen berlaku pukul 10.00 WIB."]),
        # bylines
        ("Kapal itu tenggelam. (ant)", ["Kapal itu tenggelam.", "(ant)"]),
        ("Kapal itu tenggelam.\n(ant/rid)", ["Kapal itu tenggelam.", "(ant/rid)"]),
        ("Kapal itu (yang baru) tenggelam.", ["Kapal itu (yang baru) tenggelam."]),
    ],
)
def test_rules(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_country_list_is_never_split(nlp: Language) -> None:
    text = "Cina, India, dan Korea Utara memberikan selamat kepada Putin karena menang pemilu."
    doc = nlp(text)
    assert len(list(doc.sents)) == 1
    assert all(t.is_sent_start is False for t in doc[1:])


def test_split_sentences_matches_component(nlp: Language) -> None:
    text = "Menteri tiba di Jl. Sudirman. Ia disambut warga.\n(tia)"
    doc = nlp(text)
    from_doc = [(s.start_char, s.end_char) for s in doc.sents]
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [text[s:e].strip() for s, e in from_doc]


def test_leading_whitespace_and_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n\n  Hujan turun.  ") == [(4, 16)]


def test_serialises_with_spacy_load(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    assert loaded.pipe_names == ["peristiwa_senter"]
    text = "Dr. Ani hadir. Ia berbicara."
    assert [s.text for s in loaded(text).sents] == [s.text for s in nlp(text).sents]


@pytest.mark.skipif(not SEED.exists(), reason="seed article ../shared/seeds/000_cd2e7644dbc220f6.txt absent")
def test_seed_article(nlp: Language) -> None:
    """The seed has 8 paragraphs holding 12 sentences, then the byline ``(tia)`` on its own."""
    text = SEED.read_text(encoding="utf-8")
    found = sents(text)
    assert len(found) == 13
    assert found[-1] == "(tia)"
    assert found[0].startswith("JagatBisnis.com – Presiden Rusia Vladimir Putin")
    assert found[0].endswith("pemimpin Kremlin.")
    assert any(s.startswith("Meskipun pemerintah negara-negara Barat") and "Cina, India, dan Korea Utara" in s
               for s in found)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    assert len(paragraphs) == 9  # 8 paragraphs + byline
    # no sentence crosses a paragraph break, and every paragraph starts a sentence
    assert all("\n" not in s for s in found)
    assert {p.strip()[:30] for p in paragraphs} <= {s[:30] for s in found}
    doc = nlp(text)
    assert all(t.is_sent_start in (True, False) for t in doc)
