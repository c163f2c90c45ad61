"""Trigger lexicon for everyday reporting (issue 11, point 4): the pattern families added for
domestic news and predicate judgements, each with a sentence that fires and one that must not.

The sentences are our own short news lines; each case names the pattern id it must fire, so a
test fails when the family stops matching or when it starts matching a reading it must not.
"""

from __future__ import annotations

import pytest
import spacy

from peristiwa.coding.patterns import TriggerMatch, default_patterns


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """A blank Indonesian pipeline with the project tokenizer (clitics and reduplications whole)."""
    from peristiwa.nlp.tokenizer import make_tokenizer

    nlp = spacy.blank("id")
    nlp.tokenizer = make_tokenizer(nlp)
    return nlp


def _matches(nlp: spacy.language.Language, text: str) -> list[TriggerMatch]:
    return default_patterns().match(nlp(text))


# (pattern id, sentence where it must fire)
FIRES = [
    # law and order: every voice, nominals, gaps long enough for coordinated objects
    (
        "173-penetapan-3",
        "Mahasiswa memprotes penetapan tujuh orang petani desa Sukamaju oleh Polres Garut sebagai tersangka.",
    ),
    ("173-penetapan", "Warga menolak penetapan tujuh orang petani dari desa Sukamaju itu sebagai tersangka."),
    (
        "173-tetap-4",
        "Kejaksaan menetapkan mantan kepala dinas pendidikan kabupaten itu dan dua rekanan proyek sekolah"
        " sebagai tersangka.",
    ),
    ("116-bukti-2", "Hakim menyatakan kedua terdakwa terbukti secara sah dan meyakinkan menerima suap."),
    ("114-lapor", "Relawan melaporkan bupati itu dan dua stafnya ke Polda Jawa Tengah."),
    ("114-lapor-2", "Warga melaporkan kepala desa itu ke pihak berwajib."),
    ("114-lapor-3", "Seorang pengusaha melaporkan mantan rekannya atas dugaan penggelapan."),
    ("114-layang-2", "Kuasa hukum itu melayangkan laporan terhadap komisioner KPU."),
    ("114-laporan", "Ia membuat laporan resmi terhadap dua orang pria kepada polisi."),
    # new lemmas and constructions, chosen by their frequency in the news corpus
    ("040-koordinasi", "Dinas kesehatan berkoordinasi dengan kepolisian setempat."),
    ("040-koordinasi-2", "Polres melakukan koordinasi intensif dengan kejaksaan."),
    ("111-tuai", "Rencana pemerintah itu menuai kritik dari para pengamat."),
    ("111-sorot", "Pengamat menyoroti keputusan hakim dalam perkara itu."),
    ("020-harap-3", "Warga berharap pemerintah memperbaiki jalan desa itu."),
    ("020-ingin", "Kami ingin agar polisi mengusut kasus itu sampai tuntas."),
    ("036-jajak-4", "Pemerintah menjajaki kerja sama dengan Jepang."),
    # predicate judgements: one list of condemning predicates for every judging verb
    ("111-nilai-neg", "Pengamat menilai kebijakan itu bertentangan dengan konstitusi."),
    ("111-anggap-neg-2", "Ia menganggap penyidik kasus itu tidak netral."),
    ("111-nyata-neg", "Mahkamah menyatakan undang-undang itu bertentangan dengan UUD."),
    ("111-nyata-neg-2", "Hakim menyatakan penangkapan aktivis itu tidak sah."),
    ("111-nyata-lampau", "Pengadilan menyatakan presiden telah melampaui kewenangannya."),
    ("051-nilai-pos", "Pengamat menilai langkah gubernur itu tepat."),
    # the remaining voices of lexicon roots, by their frequency in the corpus
    ("020-saran-2", "Warga disarankan dinas kesehatan untuk memakai masker."),
    ("100-perintah-3", "Para kepala desa diperintahkan bupati untuk mendata warga miskin."),
    ("090-telusur-2", "Aliran dana itu ditelusuri oleh penyidik kejaksaan."),
    ("173-adil-2", "Mantan bupati itu diadili di Pengadilan Tipikor Bandung."),
    # gaps long enough for an apposition or coordinated objects
    ("0256-ingat", "Menlu memperingatkan pemimpin milisi itu, Ahmad Yusuf, agar tidak menyerang kamp."),
    ("112-sebut", "Jaksa menyebut bupati dan dua kepala dinasnya melakukan penggelapan."),
    ("116-putusan", "Hakim membacakan putusan pidana yang menyatakan kedua terdakwa bersalah."),
    # intent to help with the helped as object ("berjanji membantu X")
    ("033-janji-3", "Pemerintah Korea Selatan berjanji membantu Indonesia membangun bendungan."),
    ("070-bantu-v", "Korea Selatan membantu Filipina dengan dua kapal patroli."),
    ("070-bantu-v", "Filipina dibantu Korea Selatan dengan dua kapal patroli."),
    ("033-komitmen", "Pemerintah Korea Selatan berkomitmen membantu Indonesia membangun bendungan."),
]

# (sentence, pattern id prefix that must not fire there): the reading each family must leave alone
DOES_NOT_FIRE = [
    ("Penetapan anggaran oleh dewan sebagai prioritas daerah berjalan lancar.", "173-penetapan"),
    ("Pemerintah menetapkan tarif air dan listrik sebagai prioritas tahun ini.", "173-tetap"),
    ("Manfaat program itu terbukti secara ilmiah oleh para peneliti.", "116-bukti"),
    ("Warga melaporkan hasil panen ke pihak koperasi.", "114-lapor"),
    ("Media melaporkan kenaikan harga beras di pasar induk.", "114-lapor"),
    ("Panitia melayangkan undangan kepada para peserta.", "114-layang"),
    ("Koordinasi lapangan berjalan baik sejak pagi.", "040-koordinasi"),
    ("Petani menuai hasil panen yang melimpah tahun ini.", "111-tuai"),
    ("Peneliti itu menyoroti pentingnya gizi anak.", "111-sorot"),
    ("Harapan warga terhadap pemerintah masih tinggi.", "020-harap-3"),
    ("Kami ingin pulang lebih cepat hari ini.", "020-ingin"),
    ("Tim itu menjajaki lokasi baru untuk kantor.", "036-jajak"),
    ("Pengamat menilai kebijakan itu sejalan dengan konstitusi.", "111-nilai-neg"),
    ("Mahkamah menyatakan sidang dibuka untuk umum.", "111-nyata"),
    ("Perusahaan menyatakan penjualan melampaui target.", "111-nyata"),
    ("Pengamat menilai langkah gubernur itu tidak tepat.", "051-nilai-pos"),
    ("Saran para ahli itu belum diikuti.", "020-saran-2"),
    ("Perintah itu datang dari pusat.", "100-perintah-3"),
    ("Penelusuran aliran dana memakan waktu lama.", "090-telusur-2"),
    ("Keadilan bagi korban harus ditegakkan.", "173-adil"),
    ("Ia mengingatkan warga agar tidak membuang sampah ke sungai.", "0256-ingat"),
    ("Putusan itu dibacakan pada sidang terbuka untuk umum hari Senin lalu.", "116-putusan"),
]


@pytest.mark.parametrize(("pattern_id", "text"), FIRES)
def test_family_fires(nlp: spacy.language.Language, pattern_id: str, text: str) -> None:
    ids = [m.pattern_id for m in _matches(nlp, text)]
    assert pattern_id in ids, (text, ids)


@pytest.mark.parametrize(("text", "prefix"), DOES_NOT_FIRE)
def test_family_does_not_fire(nlp: spacy.language.Language, text: str, prefix: str) -> None:
    ids = [m.pattern_id for m in _matches(nlp, text)]
    assert not [i for i in ids if i.startswith(prefix)], (text, ids)
