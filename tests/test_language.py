"""Language gate: Indonesian news passes, other languages are named, short or empty text never blocks."""

from __future__ import annotations

import time

import pytest

from peristiwa.coding import language
from peristiwa.coding.language import LANGUAGES, LanguageGuess, detect

INDONESIAN = [
    "Presiden Prabowo bertemu Perdana Menteri Jepang di Istana Merdeka untuk membahas kerja sama maritim.",
    "Polisi menangkap dua orang yang diduga terlibat pembakaran gudang di Bekasi, Senin malam.",
    "Harga beras naik karena pasokan dari daerah berkurang, kata pedagang di Pasar Induk.",
    "Komisi Pemberantasan Korupsi menetapkan bupati itu sebagai tersangka kasus suap proyek jalan.",
    "Pemerintah akan menaikkan tarif listrik mulai bulan depan, namun subsidi untuk warga miskin tetap ada.",
    "Timnas Indonesia kalah tipis dari Thailand dalam laga semifinal yang berlangsung ketat.",
    "Menteri Luar Negeri menyampaikan bahwa Indonesia mendukung kemerdekaan Palestina sepenuhnya.",
    "Warga mengungsi setelah banjir merendam ratusan rumah di tepi sungai sejak Sabtu pagi.",
    "Dia bilang nggak mau ikut rapat karena sudah capek banget, jadi pulang aja.",
    "Kementerian Kesehatan melaporkan lonjakan kasus demam berdarah di lima provinsi.",
]


@pytest.mark.parametrize("text", INDONESIAN)
def test_indonesian(text: str) -> None:
    guess = detect(text)
    assert (guess.lang, guess.is_indonesian) == ("id", True), guess
    assert 0.5 <= guess.confidence <= 1.0


def test_indonesian_with_many_foreign_names() -> None:
    text = ("Donald Trump, Xi Jinping dan Vladimir Putin dijadwalkan hadir dalam KTT G20 yang akan digelar "
            "di Johannesburg pada bulan depan.")
    assert detect(text).lang == "id"


def test_indonesian_text_about_malay_topics_stays_indonesian() -> None:
    text = ("Kerajaan Melaka pernah menjadi pusat perdagangan di Selat Malaka. Para pedagang dari "
            "berbagai negeri datang untuk menjual rempah-rempah, dan kerajaan itu tumbuh pesat.")
    assert detect(text).lang == "id"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said on Tuesday that the talks with Japan would resume next week.", "en"),
        ("Der Minister sagte am Dienstag, dass die Gespräche nächste Woche weitergehen.", "de"),
        ("Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine.", "fr"),
        ("El ministro dijo el martes que las conversaciones se reanudarán la próxima semana.", "es"),
        ("De minister zei dinsdag dat de gesprekken volgende week worden hervat.", "nl"),
    ],
)
def test_other_languages_close_the_gate(text: str, lang: str) -> None:
    guess = detect(text)
    assert (guess.lang, guess.is_indonesian) == (lang, False), guess


@pytest.mark.parametrize(
    "text",
    [
        "Kerajaan akan membincangkan isu ini dengan pihak polis minggu depan kerana ia penting.",
        "Setiausaha agung parti itu berkata bahawa wang tersebut sahaja tidak mencukupi.",
    ],
)
def test_malay(text: str) -> None:
    guess = detect(text)
    assert (guess.lang, guess.is_indonesian) == ("ms", False), guess


def test_javanese() -> None:
    guess = detect("Aku arep lunga menyang pasar karo ibu sing wis tuwa lan adhiku sing isih cilik.")
    assert (guess.lang, guess.is_indonesian) == ("jv", False), guess


@pytest.mark.parametrize("text", ["", "   ", "Halo", "Prabowo dan Putin", "Jakarta, 5/6"])
def test_short_text_is_undecided_and_does_not_block(text: str) -> None:
    guess = detect(text)
    assert guess == LanguageGuess("und", 0.0, True, guess.reason)


@pytest.mark.parametrize(
    "text",
    [
        "12345 67890 11111 22222 33333 44444 55555 66666 77777 88888 99999 00000 a b c d",
        "#### $$$$ %%%% &&&& **** ++++ ==== ~~~~ aa bb cc dd ee",
        # no letter at all: not "too short to judge" (issue 14: dashes reached the tokenizer)
        "12345",
        "!!! ???",
        "-" * 4000,
        "Halo " + "-" * 4000,
    ],
)
def test_symbols_and_digits_block(text: str) -> None:
    guess = detect(text)
    assert (guess.lang, guess.is_indonesian) == ("und", False), guess


def test_keyboard_noise_blocks() -> None:
    guess = detect("xq zzkk ptr vvb wqq jjjx lkjh qwrt zxcvb mnbv")
    assert (guess.lang, guess.is_indonesian) == ("und", False), guess


def test_names_only_do_not_block() -> None:
    guess = detect("Putin Xi Jinping Beijing Moskwa Kremlin")
    assert guess.is_indonesian


def test_upper_case_headline() -> None:
    assert detect("POLISI TANGKAP DUA PELAKU PERAMPOKAN DI BANK SWASTA").lang == "id"


def test_long_text_is_cut_and_fast() -> None:
    text = " ".join(INDONESIAN) * 200
    detect(text)  # model loaded
    start = time.perf_counter()
    for _ in range(20):
        assert detect(text).lang == "id"
    assert time.perf_counter() - start < 2.0


def test_model_loaded_once() -> None:
    assert language._identifier() is language._identifier()


def test_language_set() -> None:
    assert {"id", "ms", "jv", "en", "zxx"} <= set(LANGUAGES)


def test_seed_article(seed_text: str) -> None:
    guess = detect(seed_text)
    assert (guess.lang, guess.is_indonesian) == ("id", True)
    for paragraph in seed_text.split("\n"):
        assert detect(paragraph).is_indonesian, paragraph
