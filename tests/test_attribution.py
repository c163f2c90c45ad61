"""Attribution: who a sentence is reported on, and whether that source is named."""

from __future__ import annotations

import re

import pytest

from peristiwa.coding.attribution import find_attribution, find_source, is_anonymous
from peristiwa.model import Attribution


def source_text(sentence: str, nxt: str | None = None, prev: str | None = None) -> tuple[str, bool] | None:
    a = find_attribution(sentence, nxt, prev)
    return (a.text, a.anonymous) if a else None


# ------------------------------------------------------------------------------ reporting verbs

@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ('"Kami menolak keputusan itu," kata Budi kepada wartawan, Senin (3/6/2024).', "Budi"),
        ('"Kami menolak keputusan itu," ujar Menteri Luar Negeri Retno Marsudi.',
         "Menteri Luar Negeri Retno Marsudi"),
        ('"Kami menolak keputusan itu," ungkap Ketua DPR dalam rapat paripurna.', "Ketua DPR"),
        ('"Situasinya terkendali," jelas Kapolda Metro Jaya.', "Kapolda Metro Jaya"),
        ('"Situasinya terkendali," tutur juru bicara Kemlu di Jakarta.', "juru bicara Kemlu"),
        ('"Situasinya terkendali," ucap Lula da Silva seusai rapat.', "Lula da Silva"),
        ('"Situasinya terkendali," tegas Presiden Perancis sambil tersenyum.', "Presiden Perancis"),
        ("Akan tetapi, kata Surya, rencana itu mustahil.", "Surya"),
        ('"Tidak ada pilihan lain," tulis Perdana Menteri itu di akun media sosialnya.',
         "Perdana Menteri itu"),
        ('"Kami siap," kata Duta Besar Kamboja untuk PBB (Perserikatan), Chhea Keo.',
         "Duta Besar Kamboja untuk PBB"),
    ],
)
def test_quote_verbs(sentence: str, text: str) -> None:
    assert source_text(sentence) == (text, False)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ('"Anggaran itu sudah kami kembalikan," tandas Bupati Sleman di pendapa.', "Bupati Sleman"),
        ('"Pintu dialog tetap terbuka," beber Wakil Ketua DPR kepada wartawan.', "Wakil Ketua DPR"),
        ('"Kami belum menerima surat itu," jawab juru bicara Kemlu, Rabu (5/3/2025).', "juru bicara Kemlu"),
        ('"Jangan ada yang ditutupi," demikian kata Gubernur Jawa Tengah.', "Gubernur Jawa Tengah"),
        ('"Semua harus diperiksa," begitu ujar Kapolda Bali.', "Kapolda Bali"),
    ],
)
def test_quote_verbs_the_corpus_uses_beyond_kata(sentence: str, text: str) -> None:
    """The verbs that close a quote in the news corpus besides kata/ujar, and "demikian kata X"."""
    assert source_text(sentence) == (text, False)


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [("Tutup Kantor Desa itu sampai sore, pinta warga.", "Kantor Desa itu"),
     ("Harap Tenang, petugas sedang memeriksa gedung itu.", "Tenang")],
)
def test_a_quote_verb_opening_the_sentence_is_another_word(sentence: str, wrong: str) -> None:
    """"Tutup ..." and "Harap ..." open a command here: what follows them is no speaker."""
    source = source_text(sentence)
    assert source is None or source[0] != wrong


def test_quote_verb_stops_before_media_and_dates() -> None:
    sentence = ('"Penembakan harus berhenti," ujar Menteri Pertahanan Hartono dalam pernyataannya, '
                "Minggu (2/11/2025), dikutip dari kantor berita AFP.")
    assert source_text(sentence) == ("Menteri Pertahanan Hartono", False)


def test_adjective_jelas_is_not_a_reporting_verb() -> None:
    assert find_attribution("Hal itu jelas tidak bisa diterima.") is None
    assert find_attribution("Jelas pemerintah keliru dalam hal ini.") is None


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Menteri Luar Negeri Sugiono mengatakan, Indonesia akan mengirim bantuan.",
         "Menteri Luar Negeri Sugiono"),
        ("Kapolri menyatakan bahwa pelaku sudah ditangkap.", "Kapolri"),
        ("Juru bicara istana menjelaskan bahwa presiden sedang sakit.", "Juru bicara istana"),
        ("Dalam kunjungannya ke Bandung pada Senin, Wapres menegaskan bahwa program itu berlanjut.",
         "Wapres"),
        ("Sementara itu, Menhan mengungkapkan, latihan gabungan akan digelar.", "Menhan"),
        ("Kementerian Kesehatan melaporkan bahwa 40 orang dirawat.", "Kementerian Kesehatan"),
        ("Ketua KPU juga menyampaikan kepada wartawan, tahapan pemilu tidak berubah.", "Ketua KPU"),
        ("JAKARTA, KOMPAS.com - Gubernur Jawa Barat mengatakan, jalan itu ditutup.", "Gubernur Jawa Barat"),
    ],
)
def test_subject_before_a_verb_of_saying(sentence: str, text: str) -> None:
    assert source_text(sentence) == (text, False)


@pytest.mark.parametrize(
    "sentence",
    [
        "Korea Utara menyatakan dukungannya kepada Iran.",
        "Presiden mengumumkan kabinet baru di istana.",
        "Mereka sepakat memperkuat kerja sama maritim.",
        "Polisi menangkap tiga orang di Medan.",
    ],
)
def test_no_attribution(sentence: str) -> None:
    assert find_attribution(sentence) is None


# ------------------------------------------------------------------------------------- menurut

@pytest.mark.parametrize(
    ("sentence", "text", "anonymous"),
    [
        ("Cina akan hadir, menurut pernyataan duta besar Cina untuk Swedia.", "duta besar Cina untuk Swedia",
         False),
        ("Menurut Wakil Presiden, anggaran itu cukup.", "Wakil Presiden", False),
        ("Menurut keterangan Kepolisian Resor Bogor, korban berjumlah lima.", "Kepolisian Resor Bogor",
         False),
        ("Truk itu disita, menurut pejabat setempat pada Kamis (6/2/2025).", "pejabat setempat", True),
        ("Menurut sumber, pertemuan itu batal.", "sumber", True),
        ("Serangan meningkat, menurut data dari Badan Pusat Statistik yang dirilis pekan ini.",
         "Badan Pusat Statistik", False),
        ("Menurut Kedutaan Besar Jepang di Jakarta, visa itu berlaku.", "Kedutaan Besar Jepang di Jakarta",
         False),
        ("Menurut juru bicara Kemlu, Andi Pratama, WNI sudah dievakuasi.",
         "juru bicara Kemlu, Andi Pratama", False),
    ],
)
def test_menurut(sentence: str, text: str, anonymous: bool) -> None:
    assert source_text(sentence) == (text, anonymous)


# ------------------------------------------------------------------------------ passive and media

def test_passive_report() -> None:
    sentence = ("Lawatan itu dilakukan akhir Juni, demikian diungkapkan oleh beberapa pejabat yang "
                "terinformasi.")
    assert source_text(sentence) == ("beberapa pejabat yang terinformasi", True)
    sentence = "Kesepakatan itu segera diteken, seperti disampaikan Menteri Perdagangan."
    assert source_text(sentence) == ("Menteri Perdagangan", False)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Israel menyerang Rafah, seperti dilansir Reuters.", "Reuters"),
        ("Dilansir dari Al Jazeera, serangan itu menewaskan lima orang.", "Al Jazeera"),
        ("Dikutip dari kantor berita Antara, banjir surut.", "kantor berita Antara"),
        ("Melansir AFP pada Selasa (4/3/2025), petani menuntut harga yang adil.", "AFP"),
        ("Hujan turun deras, dikutip dari akun Instagram @bmkg_id.", "akun Instagram @bmkg_id"),
    ],
)
def test_media(sentence: str, text: str) -> None:
    src = find_source(sentence)
    assert src is not None
    assert (src.text, src.kind, src.anonymous) == (text, "media", False)


def test_speaker_beats_the_medium_that_quoted_them() -> None:
    sentence = ('"Kami meminta gencatan senjata," ujar Hun Manet, seperti dilansir dari AFP pada '
                "Jumat (25/7/2025).")
    src = find_source(sentence)
    assert src is not None and (src.text, src.kind) == ("Hun Manet", "speaker")


def test_quoting_an_unnamed_official_is_anonymous() -> None:
    src = find_source("Mengutip pejabat yang mengetahui rencana itu, laporan tersebut menyebut ada ancaman.")
    assert src is not None and src.anonymous and src.kind == "speaker"


# -------------------------------------------------------------------------------------- anonymous

@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Sumber-sumber di Suriah menyebutkan, sembilan orang tewas.", "Sumber-sumber di Suriah"),
        ("Menurut seorang diplomat yang tidak mau disebut namanya, rapat itu ditunda.",
         "seorang diplomat yang tidak mau disebut namanya"),
        ("Pejabat yang enggan disebutkan namanya mengatakan bahwa kapal itu ditahan.",
         "Pejabat yang enggan disebutkan namanya"),
        ("Dua sumber yang memahami perundingan itu mengatakan, draf sudah siap.",
         "Dua sumber yang memahami perundingan itu"),
        ('"Mereka datang tengah malam," kata seorang warga.', "seorang warga"),
    ],
)
def test_anonymous_sources(sentence: str, text: str) -> None:
    assert source_text(sentence) == (text, True)


@pytest.mark.parametrize(
    ("phrase", "anonymous"),
    [
        ("lima sumber yang mengetahui masalah tersebut", True),
        ("beberapa sumber yang terinformasi", True),
        ("Limanya sumber yang mengetahui masalah tersebut", True),
        ("pejabat yang enggan disebutkan namanya", True),
        ("seorang diplomat yang tidak mau disebut namanya", True),
        ("para pejabat AS", True),
        ("seorang pejabat, Budi Santoso", False),
        ("duta besar Cina untuk Bern", False),
        ("Kremlin", False),
        ("Menteri Luar Negeri Sugiono", False),
        ("narasumber anonim", True),
    ],
)
def test_is_anonymous(phrase: str, anonymous: bool) -> None:
    assert is_anonymous(phrase) is anonymous


# --------------------------------------------------------------------- neighbouring sentences

def test_next_sentence_points_back() -> None:
    sentence = "Menteri Pertahanan akan mengunjungi Korea Selatan bulan depan."
    nxt = "Tiga sumber yang mengetahui rencana itu menyampaikan kabar tersebut."
    src = find_source(sentence, nxt)
    assert src is not None
    assert (src.text, src.anonymous, src.where) == ("Tiga sumber yang mengetahui rencana itu", True, "next")
    assert nxt[src.start:src.end] == src.text


def test_next_sentence_passive_points_back() -> None:
    src = find_source("Singapura mendukung gencatan senjata.",
                      "Pernyataan itu disampaikan Perdana Menteri Wong dalam konferensi pers.")
    assert src is not None and (src.text, src.where) == ("Perdana Menteri Wong", "next")


def test_own_attribution_beats_the_next_sentence() -> None:
    sentence = "Menurut Kapolri, pelaku sudah ditangkap."
    nxt = "Dua sumber memberikan informasi ini."
    assert source_text(sentence, nxt) == ("Kapolri", False)


def test_next_sentence_without_reference_is_ignored() -> None:
    assert find_attribution("Polisi menangkap dua orang.", "Keduanya warga Depok.") is None


@pytest.mark.parametrize(
    "sentence",
    ['"Kami akan terus membantu," ujarnya.', "Ia mengatakan, bantuan akan dikirim.",
     '"Itu keliru," kata dia.'],
)
def test_pronouns_take_the_previous_speaker(sentence: str) -> None:
    prev = "Menteri Sosial Gus Ipul mengatakan, bantuan tahap kedua sudah siap."
    src = find_source(sentence, None, prev)
    assert src is not None and (src.text, src.where) == ("Menteri Sosial Gus Ipul", "previous")


def test_unresolved_pronoun_is_kept_as_written() -> None:
    src = find_source('"Kami akan terus membantu," ujarnya.')
    assert src is not None and (src.text, src.kind, src.anonymous) == ("ujarnya", "pronoun", False)


# --------------------------------------------------------------------------- spans and the model

@pytest.mark.parametrize(
    "sentence",
    [
        '"Kami menolak keputusan itu," kata Budi kepada wartawan.',
        "Cina akan hadir, menurut pernyataan duta besar Cina untuk Swedia.",
        "Israel menyerang Rafah, seperti dilansir Reuters.",
        "Kapolri menyatakan bahwa pelaku sudah ditangkap.",
    ],
)
def test_spans_slice_the_sentence(sentence: str) -> None:
    src = find_source(sentence)
    assert src is not None and sentence[src.start:src.end] == src.text


def test_model_attribution_leaves_the_code_to_the_coder() -> None:
    a = find_attribution("Menurut Kremlin, kunjungan itu belum dijadwalkan.")
    assert a == Attribution(text="Kremlin", code="", anonymous=False)


def test_empty_input() -> None:
    assert find_attribution("") is None
    assert find_attribution("", "", "") is None


# ------------------------------------------------------------------------------------ seed article

def _seed_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def test_seed_article(seed_text: str) -> None:
    sentences = _seed_sentences(seed_text)

    def attribution_of(fragment: str) -> Attribution | None:
        i = next(k for k, s in enumerate(sentences) if fragment in s)
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        prev = sentences[i - 1] if i else None
        return find_attribution(sentences[i], nxt, prev)

    first = attribution_of("akan melakukan perjalanan ke Cina pada bulan Mei")
    assert first is not None and first.anonymous and "sumber yang mengetahui masalah tersebut" in first.text
    visit = attribution_of("paruh kedua bulan Mei")
    assert visit == Attribution(text="beberapa sumber yang terinformasi", code="", anonymous=True)
    last = attribution_of("mempertimbangkan untuk mengambil bagian")
    assert last == Attribution(text="duta besar Cina untuk Bern", code="", anonymous=False)
    assert attribution_of("Hubungan antara Rusia dan Cina telah semakin erat") is None


def test_quote_continued_in_the_next_sentence_takes_its_closing_attribution() -> None:
    from peristiwa.coding.attribution import find_source

    src = find_source('"Kami menolak usulan itu.', 'Itu keputusan kami," kata Menlu Sugiono.')
    assert src is not None and (src.text, src.where, src.cue) == ("Menlu Sugiono", "next", "kata")
    # no open quotation: the next sentence's quote verb is about the next sentence only
    assert find_source("Kami menolak usulan itu.", 'Itu keputusan kami," kata Menlu Sugiono.') is None
