"""Modality: cue words in the trigger's clause, their scope and their precedence."""

from __future__ import annotations

import re

import pytest

from peristiwa.coding.modality import classify, cue_words
from peristiwa.model import MODALITIES


def tokens(sentence: str) -> list[str]:
    return re.findall(r"\w+(?:-\w+)*|[^\w\s]", sentence)


def label(sentence: str, trigger: str, code: str = "", occurrence: int = 0) -> str:
    words = tokens(sentence)
    positions = [i for i, w in enumerate(words) if w == trigger]
    return classify(words, positions[occurrence], code)


CASES: list[tuple[str, str, str, str]] = [
    # asserted
    ("Polisi menangkap dua orang di Bekasi.", "menangkap", "173", "asserted"),
    ("Polisi telah menangkap dua orang.", "menangkap", "173", "asserted"),
    ("Tentara sedang menyerang kota itu.", "menyerang", "190", "asserted"),
    ("Menteri sudah bertemu duta besar Jepang.", "bertemu", "040", "asserted"),
    ("Serangan yang menewaskan lima orang itu dikecam.", "Serangan", "190", "asserted"),
    ("Pertemuan yang dijadwalkan pekan lalu telah berlangsung di Bogor.", "Pertemuan", "040", "asserted"),
    # planned
    ("Presiden akan mengunjungi Tokyo pada Mei.", "mengunjungi", "042", "planned"),
    ("Presiden akan melakukan kunjungan ke Tokyo.", "kunjungan", "042", "planned"),
    ("Menlu berencana bertemu mitranya dari Mesir.", "bertemu", "040", "planned"),
    ("Menlu berencana untuk bertemu mitranya.", "bertemu", "040", "planned"),
    ("Kedua menteri dijadwalkan bertemu di Kairo.", "bertemu", "040", "planned"),
    ("Sidang direncanakan digelar Senin.", "Sidang", "091", "planned"),
    ("Rencananya delegasi itu bertemu Presiden.", "bertemu", "040", "planned"),
    ("Kunjungan Raja ke Jakarta akan dilakukan bulan depan.", "Kunjungan", "042", "planned"),
    ("Ia menyinggung perjalanan yang direncanakan Menlu ke Eropa.", "perjalanan", "042", "planned"),
    ("Pasukan itu hendak menyerbu markas pemberontak.", "menyerbu", "190", "planned"),
    ("Pemerintah bakal menjatuhkan sanksi kepada perusahaan itu.", "menjatuhkan", "163", "planned"),
    ("Polisi segera memeriksa saksi.", "memeriksa", "091", "planned"),
    ("Kepolisian menjadwalkan pemeriksaan terhadap tiga saksi.", "pemeriksaan", "091", "planned"),
    ("Kita akan dukung petani sampai panen berhasil.", "dukung", "051", "planned"),
    ("Konferensi itu akan diselenggarakan oleh Norwegia.", "diselenggarakan", "045", "planned"),
    # hypothetical
    ("Jepang mempertimbangkan untuk mengirim bantuan.", "mengirim", "070", "hypothetical"),
    ("Jepang mempertimbangkan untuk mengirim bantuan.", "mempertimbangkan", "070", "hypothetical"),
    ("Israel mungkin menyerang fasilitas itu.", "menyerang", "190", "hypothetical"),
    ("Israel mungkin akan menyerang fasilitas itu.", "menyerang", "190", "hypothetical"),
    ("Kedua negara bisa menandatangani perjanjian itu.", "menandatangani", "057", "hypothetical"),
    ("Kedua negara dapat menandatangani perjanjian itu.", "menandatangani", "057", "hypothetical"),
    ("Konflik itu berpotensi memicu perang baru.", "memicu", "190", "hypothetical"),
    ("Ada kemungkinan Iran membalas serangan itu.", "membalas", "190", "hypothetical"),
    ("AS akan menjatuhkan sanksi jika Iran menolak.", "menjatuhkan", "163", "hypothetical"),
    ("Jika Iran menyerang, Israel akan membalas.", "membalas", "190", "hypothetical"),
    ("Kalau perundingan gagal, tentara bisa masuk.", "masuk", "190", "hypothetical"),
    ("Bukan tidak mungkin Israel menyerang lagi.", "menyerang", "190", "hypothetical"),
    ("Pemerintah tidak menutup kemungkinan mengusir diplomat itu.", "mengusir", "166", "hypothetical"),
    ("Menteri itu terancam dipecat.", "dipecat", "172", "hypothetical"),
    ("Pemerintah akan mempertimbangkan pemutusan hubungan.", "pemutusan", "161", "hypothetical"),
    # negated
    ("Israel tidak akan menyerang Iran.", "menyerang", "190", "negated"),
    ("Polisi belum menangkap pelaku.", "menangkap", "173", "negated"),
    ("Polisi tak pernah menahan wartawan itu.", "menahan", "173", "negated"),
    ("Rusia membantah telah menyerang warga sipil.", "menyerang", "190", "negated"),
    ("Rusia membantah bahwa pasukannya menyerang warga sipil.", "menyerang", "190", "negated"),
    ("Presiden menolak untuk bertemu delegasi itu.", "bertemu", "040", "negated"),
    ("Ia enggan menghadiri rapat itu.", "menghadiri", "043", "negated"),
    ("Kunjungan Perdana Menteri batal dilakukan.", "Kunjungan", "042", "negated"),
    ("Pertemuan kedua pemimpin batal digelar.", "Pertemuan", "040", "negated"),
    ("Perundingan gagal mencapai kesepakatan.", "mencapai", "057", "negated"),
    ("Tak ada penembakan sejak subuh.", "penembakan", "190", "negated"),
    ("Hingga kini belum ada penangkapan.", "penangkapan", "173", "negated"),
    ("Tentara itu pergi tanpa menembak.", "menembak", "190", "negated"),
    ("Presiden berencana tidak menghadiri KTT itu.", "menghadiri", "043", "negated"),
    ("Israel belum bisa melakukan serangan darat.", "serangan", "190", "negated"),
    ("Menteri itu urung mengunjungi Gaza.", "mengunjungi", "042", "negated"),
    # demanded (the content of a call)
    ("Sekjen mendesak Israel menghentikan pengeboman.", "menghentikan", "0256", "demanded"),
    ("Sekjen mendesak Israel segera menghentikan pengeboman.", "menghentikan", "1056", "demanded"),
    ("Massa menuntut polisi membebaskan aktivis itu.", "membebaskan", "1053", "demanded"),
    ("DPR meminta pemerintah menarik duta besarnya.", "menarik", "164", "demanded"),
    ("Mereka meminta agar Israel tidak menyerang Rafah.", "menyerang", "190", "demanded"),
    ("Mereka mengimbau warga agar tidak terprovokasi.", "terprovokasi", "020", "demanded"),
    ("Paus menyerukan kedua pihak untuk berunding.", "berunding", "040", "demanded"),
    ("Presiden harus memecat menteri itu.", "memecat", "172", "demanded"),
    ("Menteri itu seharusnya mundur dari jabatannya.", "mundur", "080", "demanded"),
    ("Jangan ragu membela nelayan kecil.", "membela", "051", "demanded"),
    ("Rakyat berharap pemerintah menindak pelaku korupsi.", "menindak", "173", "demanded"),
    ("Hakim memerintahkan jaksa untuk segera menahan terdakwa.", "menahan", "173", "demanded"),
    ("Israel didesak menghentikan blokade.", "menghentikan", "1056", "demanded"),
    ("Menlu mendorong kedua pihak menahan diri.", "menahan", "0256", "demanded"),
    ("Ia menantang lawannya berdebat terbuka.", "berdebat", "040", "demanded"),
]


@pytest.mark.parametrize(("sentence", "trigger", "code", "expected"), CASES)
def test_cases(sentence: str, trigger: str, code: str, expected: str) -> None:
    assert label(sentence, trigger, code) == expected


# ------------------------------------------------------------------------------ codes decide first

@pytest.mark.parametrize(
    ("sentence", "trigger", "code", "expected"),
    [
        ("Filipina meminta jeda pertempuran segera.", "meminta", "0256", "demanded"),
        ("Kami berharap pemerintah menepati janjinya.", "berharap", "020", "demanded"),
        ("Pesan itu disampaikan langsung kepada panglima.", "disampaikan", "020", "demanded"),
        ("Komitmen pemerintah untuk melucuti milisi itu ditagih.", "melucuti", "100", "demanded"),
        ("Mahasiswa tidak meminta pembebasan tahanan.", "meminta", "1053", "negated"),
        ("Sampai sekarang belum ada permintaan resmi dari Manila.", "permintaan", "0213", "negated"),
        ("Filipina bisa mengajukan permintaan ekstradisi.", "permintaan", "0213", "hypothetical"),
        ("Malaysia akan meminta pemulangan warganya.", "meminta", "0213", "planned"),
        ("Presiden mengancam akan menaikkan pajak jika pemogokan berlanjut.", "mengancam", "130", "asserted"),
        ("Kami tidak akan membiarkan gangguan sekecil apa pun.", "membiarkan", "130", "asserted"),
        ("Iran tidak mengancam negara tetangganya.", "mengancam", "130", "negated"),
        ("Istana menolak berkomentar.", "berkomentar", "011", "asserted"),
        ("Kedutaan itu belum memberi tanggapan.", "memberi", "011", "asserted"),
        ("Wali kota tidak memberikan izin unjuk rasa.", "memberikan", "1211", "asserted"),
        ("Serikat buruh tidak akan menyerah pada tekanan.", "menyerah", "124", "asserted"),
        ("Iran tidak menolak usulan itu.", "menolak", "120", "negated"),
        ("Israel sedang mempertimbangkan opsi militer.", "mempertimbangkan", "014", "asserted"),
        ("Sikap itu jelas tidak dapat diterima.", "diterima", "111", "asserted"),
        ("Indonesia tidak mengecam serangan itu.", "mengecam", "111", "negated"),
    ],
)
def test_code_rules(sentence: str, trigger: str, code: str, expected: str) -> None:
    assert label(sentence, trigger, code) == expected


# ------------------------------------------------------------------------------------------ scope

@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Warga yang tidak puas mengecam keputusan itu.", "mengecam", "asserted"),
        ("Israel tidak puas dan menyerang Gaza.", "menyerang", "asserted"),
        ("Meskipun tidak diundang, Menlu menghadiri rapat itu.", "menghadiri", "asserted"),
        ("Ia tidak hadir, tetapi wakilnya bertemu Presiden.", "bertemu", "asserted"),
        ("Indonesia tidak hanya mengecam serangan itu.", "mengecam", "asserted"),
        ("Serangan terjadi tak lama setelah perintah evakuasi keluar.", "terjadi", "asserted"),
        ("Polisi menangkap pelaku yang akan kabur.", "menangkap", "asserted"),
        ("Uni Eropa menekan Rusia untuk menghentikan serangan udaranya.", "serangan", "asserted"),
        ("Operasi itu tidak lagi menunjukkan arah yang jelas.", "Operasi", "asserted"),
        ("Serangan itu akan meningkatkan ketegangan.", "Serangan", "asserted"),
        ("Kunjungan itu tidak akan dilakukan.", "Kunjungan", "negated"),
        ("Ia berduka atas serangan ke sekolah itu.", "serangan", "asserted"),
        ("Gencatan senjata tanpa syarat disepakati kedua pihak.", "disepakati", "asserted"),
        ("Tentara menembak tanpa peringatan apa pun.", "menembak", "asserted"),
        ("Israel menyerang Gaza dan Hamas akan membalas jika diserang.", "menyerang", "asserted"),
    ],
)
def test_clause_boundaries_and_scope(sentence: str, trigger: str, expected: str) -> None:
    assert label(sentence, trigger, "190") == expected


def test_precedence_negation_beats_plan_and_possibility() -> None:
    assert label("Kami tidak akan pernah melakukan serangan itu.", "serangan") == "negated"
    assert label("Tim itu belum bisa menangkap buronan.", "menangkap") == "negated"
    assert label("Ia mungkin tidak menghadiri sidang.", "menghadiri") == "negated"


def test_precedence_hypothetical_beats_planned() -> None:
    assert label("Jepang akan mempertimbangkan untuk mengirim kapal.", "mengirim") == "hypothetical"
    assert label("Tentara mungkin akan mundur.", "mundur") == "hypothetical"


def test_precedence_outer_negation_of_a_demand() -> None:
    assert label("Presiden tidak meminta menteri itu mundur.", "mundur") == "negated"
    assert label("Presiden meminta menteri itu tidak mundur.", "mundur") == "demanded"


def test_lemmas_let_affixed_cues_count() -> None:
    words = tokens("Pejabat itu dimintai untuk menyerahkan dokumen.")
    lemmas = ["pejabat", "itu", "minta", "untuk", "serah", "dokumen", "."]
    trigger = words.index("menyerahkan")
    assert classify(words, trigger, "") == "asserted"
    assert classify(words, trigger, "", lemmas) == "demanded"
    assert classify(words, trigger, "", lemmas[:-1]) == "asserted"  # misaligned lemmas are ignored


def test_clitic_forms() -> None:
    assert label("Setelah batalnya pelantikan itu, wali kota kembali bekerja.", "pelantikan") == "negated"
    assert label("Rencananya kedua menteri bertemu di Bali.", "bertemu") == "planned"


def test_out_of_range_trigger_and_empty_input() -> None:
    assert classify([], 0) == "asserted"
    assert classify(["Polisi", "menangkap"], 5) == "asserted"
    assert classify(["Polisi", "menangkap"], -1) == "asserted"


def test_case_insensitive() -> None:
    assert label("ISRAEL AKAN MENYERANG.", "MENYERANG") == "planned"


def test_labels_are_the_models() -> None:
    for sentence, trigger, code, _ in CASES:
        assert label(sentence, trigger, code) in MODALITIES


def test_cue_words() -> None:
    cues = cue_words()
    assert set(cues) == {"planned", "hypothetical", "negated", "demanded", "asserted", "boundaries"}
    for word in ("akan", "berencana", "direncanakan", "dijadwalkan", "rencananya", "hendak", "bakal",
                 "segera", "siap"):
        assert word in cues["planned"]
    for word in ("mempertimbangkan", "mungkin", "kemungkinan", "bisa", "dapat", "jika", "kalau", "apabila",
                 "seandainya", "berpotensi"):
        assert word in cues["hypothetical"]
    for word in ("tidak", "tak", "belum", "bukan", "tanpa", "membantah", "menolak", "enggan", "batal",
                 "gagal"):
        assert word in cues["negated"]
    for word in ("mendesak", "menuntut", "meminta", "menyerukan", "mengimbau", "mendorong", "menantang",
                 "agar", "supaya"):
        assert word in cues["demanded"]
    for word in ("telah", "sudah", "sedang"):
        assert word in cues["asserted"]
    assert "," in cues["boundaries"] and "yang" in cues["boundaries"] and "untuk" not in cues["boundaries"]
    assert all(list(v) == sorted(v) for v in cues.values())


# ------------------------------------------------------------------------------------ seed article

SEED_EXPECTED = [
    ("akan melakukan perjalanan ke Cina", "perjalanan", "042", "planned"),
    ("telah mengecam terpilihnya", "mengecam", "111", "asserted"),
    ("memberikan selamat kepada Putin", "memberikan", "051", "asserted"),
    ("Kunjungan Putin ke Cina akan dilakukan", "Kunjungan", "042", "planned"),
    ("perjalanan yang direncanakan Xi", "perjalanan", "042", "planned"),
    ("Kremlin menolak berkomentar", "berkomentar", "011", "asserted"),
    ("Putin akan menjadikan Cina", "menjadikan", "042", "planned"),
    ("kedua negara dikenai sanksi", "dikenai", "163", "asserted"),
    ("Putin dan Xi menyatakan tekad", "menyatakan", "030", "asserted"),
    ("mempertimbangkan untuk mengambil bagian", "mengambil", "036", "hypothetical"),
    ("yang akan diselenggarakan oleh Swiss", "diselenggarakan", "045", "planned"),
]


@pytest.mark.parametrize(("anchor", "trigger", "code", "expected"), SEED_EXPECTED)
def test_seed_article(seed_text: str, anchor: str, trigger: str, code: str, expected: str) -> None:
    at = seed_text.index(anchor)
    start = max(seed_text.rfind(". ", 0, at) + 2, seed_text.rfind("\n", 0, at) + 1)
    end = seed_text.find(".", at + len(anchor))
    words = tokens(seed_text[start:end + 1])
    anchor_words = tokens(anchor)
    first = next(i for i in range(len(words)) if words[i:i + len(anchor_words)] == anchor_words)
    trigger_index = first + anchor_words.index(trigger)
    assert classify(words, trigger_index, code) == expected
