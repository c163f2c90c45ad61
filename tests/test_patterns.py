"""Event pattern dictionary: format, validator, matcher (voice, slots, overlaps) and code table.

The sentences are short made-up Indonesian news lines; each names the construction it checks.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import spacy

from peristiwa.coding import patterns as P
from peristiwa.coding.patterns import (
    PatternDictionary,
    PatternSyntaxError,
    TriggerMatch,
    code_info,
    default_patterns,
    parse_pattern,
    validate,
)
from peristiwa.config import data_dir


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """A blank Indonesian pipeline with the project tokenizer when it is there (clitics stay
    attached, reduplications stay one token), spaCy's otherwise."""
    nlp = spacy.blank("id")
    try:
        from peristiwa.nlp.tokenizer import make_tokenizer
    except ImportError:  # pragma: no cover - tokenizer module not built yet
        return nlp
    nlp.tokenizer = make_tokenizer(nlp)
    return nlp


def _matches(nlp: spacy.language.Language, text: str) -> list[TriggerMatch]:
    return default_patterns().match(nlp(text))


def _find(nlp: spacy.language.Language, text: str, word: str) -> TriggerMatch:
    """The match whose text contains ``word`` (fails the test when there is none)."""
    found = [m for m in _matches(nlp, text) if word.lower() in m.text.lower()]
    assert found, f"no match covering {word!r} in {text!r}: {_matches(nlp, text)}"
    return found[0]


# --------------------------------------------------------------------------------------------
# The shipped file


def test_dictionary_size_and_coverage() -> None:
    d = default_patterns()
    events = [p for p in d if not p.stop]
    assert len(events) >= 800
    assert len(d.codes()) >= 150
    roots = d.counts_by_root()
    assert sorted(roots) == [f"{n:02d}" for n in range(1, 21)]
    assert all(n >= 10 for n in roots.values()), roots


def test_documented_counts_match_the_shipped_file() -> None:
    import re

    doc = (Path(__file__).resolve().parents[1] / "docs" / "dictionaries.md").read_text(encoding="utf-8")
    roots = default_patterns().counts_by_root()
    table = {}
    for row in re.findall(r"^\| (\d\d) \| [^|]+\| (\d+) \| (\d\d) \| [^|]+\| (\d+) \|$", doc, re.M):
        table[row[0]], table[row[2]] = int(row[1]), int(row[3])
    assert table == roots
    assert f"{sum(roots.values()):,} event patterns" in doc
    stops = sum(1 for p in default_patterns() if p.stop)
    assert re.search(rf"plus {stops}\s+stop patterns", doc)


def test_shipped_file_validates_without_errors() -> None:
    problems = validate()
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_every_code_is_in_the_committed_table() -> None:
    known = P.known_codes()
    assert known, "cameo_codes.tsv is missing"
    assert default_patterns().codes() <= known


def test_default_patterns_is_cached() -> None:
    assert default_patterns() is default_patterns()


# --------------------------------------------------------------------------------------------
# The examples the dictionary must get right


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Menteri Luar Negeri Jepang mengunjungi Jakarta pekan ini.", "mengunjungi", "042"),
        ("Presiden Brasil berkunjung ke Bogor pada Selasa.", "berkunjung", "042"),
        ("Perdana menteri itu akan melakukan perjalanan ke Seoul bulan depan.", "perjalanan", "042"),
        ("Raja Yordania memberikan selamat kepada presiden terpilih.", "selamat", "051"),
        ("Pemerintah Malaysia mengucapkan selamat atas pelantikan itu.", "selamat", "051"),
        ("Aliansi masyarakat sipil mengecam keputusan pengadilan.", "mengecam", "111"),
        ("Kecaman datang dari berbagai negara Eropa.", "Kecaman", "111"),
        ("Kanada menjatuhkan sanksi terhadap pejabat Myanmar.", "sanksi", "163"),
        ("Istana menolak berkomentar soal rencana itu.", "menolak", "011"),
        ("Wakil presiden bertemu dengan delegasi Uni Eropa.", "bertemu", "040"),
        ("Kedua menteri melakukan pembicaraan dengan mitra mereka.", "pembicaraan", "040"),
        ("Milisi itu menyerang pos perbatasan.", "menyerang", "190"),
        ("Serangan itu menewaskan tiga tentara.", "Serangan", "190"),
        ("Mahasiswa menggelar unjuk rasa di depan kantor gubernur.", "unjuk", "141"),
        ("Ratusan buruh berdemo di Jakarta.", "berdemo", "141"),
        ("Polisi menangkap dua tersangka pengeboman.", "menangkap", "173"),
        ("Bupati itu ditangkap penyidik KPK.", "ditangkap", "173"),
        ("Penangkapan wali kota itu mengejutkan warga.", "Penangkapan", "173"),
        ("Aktivis tersebut ditahan di Polda Jawa Barat.", "ditahan", "173"),
        ("Kejaksaan menetapkan mantan direktur itu sebagai tersangka.", "menetapkan", "173"),
        ("Mantan menteri itu diperiksa oleh penyidik selama delapan jam.", "diperiksa", "091"),
        ("Penyidik memanggil bendahara partai untuk diperiksa.", "memanggil", "091"),
        ("Uni Eropa mendesak Rusia untuk menarik pasukan dari Ukraina.", "mendesak", "1056"),
        ("Warga meminta pemerintah daerah memperbaiki jalan.", "meminta", "02"),
        ("Korea Utara mengancam akan menyerang pangkalan musuh.", "mengancam", "1384"),
        ("Pemerintah mengusir dua diplomat asing.", "mengusir", "161"),
        ("Negara itu memutuskan hubungan diplomatik dengan tetangganya.", "memutuskan", "161"),
        ("Kedua kubu menyepakati gencatan senjata mulai malam ini.", "gencatan", "0871"),
        ("Jepang mengirimkan bantuan kemanusiaan ke Filipina.", "kemanusiaan", "073"),
        ("Kedua negara menandatangani perjanjian perdagangan bebas.", "menandatangani", "057"),
        ("Kesepakatan itu dicapai setelah negosiasi panjang.", "Kesepakatan", "057"),
        ("Partai oposisi mendukung usulan pemerintah.", "mendukung", "051"),
        ("Sekjen PBB memuji langkah kedua negara.", "memuji", "051"),
        ("Kementerian itu menuduh perusahaan asing melakukan penggelapan pajak.", "menuduh", "1121"),
        ("Juru bicara militer membantah tuduhan tersebut.", "membantah", "016"),
        ("Koalisi itu mengkritik kebijakan impor beras.", "mengkritik", "111"),
        ("Parlemen menolak rancangan anggaran.", "menolak", "120"),
        ("Pasukan pemerintah mengepung kota pelabuhan itu.", "mengepung", "191"),
        ("Seorang pria membunuh petugas keamanan.", "membunuh", "1823"),
        ("Washington mengenakan tarif impor pada baja asal Vietnam.", "tarif", "163"),
        ("Pemerintah akan mencabut visa para pelajar asing itu.", "mencabut", "172"),
        ("Partai menonaktifkan anggotanya yang terlibat kasus suap.", "menonaktifkan", "172"),
        ("Rektor itu diberhentikan dari jabatannya.", "diberhentikan", "172"),
        ("Bea cukai menyita kargo senjata dari kapal itu.", "menyita", "1711"),
        ("Invasi Irak ke Kuwait pada 1990 memicu perang.", "Invasi", "190"),
        ("Pengadilan tinggi menolak banding terdakwa.", "menolak", "120"),
        ("Hakim memvonis terdakwa lima tahun penjara.", "memvonis", "116"),
        ("Negara itu memberikan suaka kepada jurnalis tersebut.", "suaka", "075"),
        ("Kelompok bersenjata membebaskan sandera asal Korea.", "membebaskan", "0841"),
        ("Polisi menembakkan gas air mata ke arah demonstran.", "gas", "175"),
        ("Peretas meretas situs kementerian.", "meretas", "176"),
        ("Jet tempur melancarkan serangan udara ke pangkalan itu.", "serangan", "195"),
        ("Militan menculik dua pekerja asing.", "menculik", "181"),
        ("Rezim itu dituduh menggunakan senjata kimia.", "kimia", "2041"),
        ("Pemerintah mengerahkan pasukan ke perbatasan.", "mengerahkan", "154"),
        ("Kedua negara menggelar latihan militer bersama.", "latihan", "062"),
        ("Kementerian itu mempertimbangkan untuk menaikkan tarif.", "mempertimbangkan", "014"),
        ("Presiden menyampaikan belasungkawa kepada keluarga korban.", "belasungkawa", "018"),
        ("Menteri itu meminta maaf kepada publik.", "maaf", "055"),
        ("Turki bersedia menengahi konflik kedua negara.", "menengahi", "039"),
        ("Norwegia menengahi perundingan kedua pihak.", "menengahi", "045"),
        ("Kedua delegasi berunding di Jenewa.", "berunding", "046"),
        ("Menteri Luar Negeri menjamu koleganya di Gedung Pancasila.", "menjamu", "043"),
        ("Kedua presiden berbicara melalui telepon pada Senin.", "telepon", "041"),
        ("Buruh pelabuhan mogok kerja sejak Senin.", "mogok", "143"),
        ("Demonstrasi itu berakhir ricuh.", "ricuh", "145"),
        ("Pemerintah memberlakukan jam malam di ibu kota.", "jam", "1723"),
        ("Negara itu menarik duta besarnya dari Teheran.", "menarik", "161"),
        ("Kementerian menghentikan bantuan militer kepada negara itu.", "bantuan", "1622"),
        ("Kelompok itu melakukan pembantaian di desa tersebut.", "pembantaian", "202"),
        ("Pasukan itu menduduki bandara kota.", "menduduki", "192"),
        ("Milisi melanggar gencatan senjata semalam.", "melanggar", "196"),
    ],
)
def test_examples(nlp: spacy.language.Language, text: str, word: str, code: str) -> None:
    m = _find(nlp, text, word)
    assert m.code.startswith(code), (text, m)


def test_visit_verbal_forms_and_slots(nlp: spacy.language.Language) -> None:
    m = _find(nlp, "Menlu Singapura mengunjungi Hanoi.", "mengunjungi")
    assert (m.code, m.passive, m.nominal, m.target_preps, m.source_preps) == (
        "042", False, False, ("obj",), ("subj",))
    m = _find(nlp, "Presiden Brasil berkunjung ke Bogor.", "berkunjung")
    assert m.target_preps[0] == "ke" and not m.nominal


def test_nominal_visit_takes_possessor_as_source(nlp: spacy.language.Language) -> None:
    m = _find(nlp, "Kunjungan Erdogan ke Jakarta berlangsung dua hari.", "Kunjungan")
    assert m.code == "042" and m.nominal
    assert m.source_preps[0] == "poss" and "ke" in m.target_preps
    # clitic kept on the token by the tokenizer: still the nominal of kunjung
    m = _find(nlp, "Kunjungannya ke Jakarta berlangsung dua hari.", "Kunjungannya")
    assert m.code == "042" and m.nominal


def test_light_verb_beats_the_nominal(nlp: spacy.language.Language) -> None:
    ms = _matches(nlp, "Menteri itu melakukan kunjungan ke Tokyo.")
    assert len(ms) == 1
    m = ms[0]
    assert m.code == "042" and not m.nominal
    assert nlp("Menteri itu melakukan kunjungan ke Tokyo.")[m.head].text == "melakukan"


def test_decline_comment_beats_reject(nlp: spacy.language.Language) -> None:
    ms = _matches(nlp, "Kedutaan menolak berkomentar.")
    assert [m.code for m in ms] == ["011"]
    assert ms[0].target_preps == ()
    assert next(m.code for m in _matches(nlp, "DPR menolak usulan itu.")).startswith("12")


def test_passive_with_oleh_reports_voice(nlp: spacy.language.Language) -> None:
    text = "Kedua negara dikenai sanksi oleh Amerika Serikat."
    m = _find(nlp, text, "dikenai")
    assert m.code == "163" and m.passive and not m.nominal
    assert m.target_preps[0] == "subj"
    assert m.source_preps[:1] == ("oleh",)
    assert nlp(text)[m.head].text == "dikenai"


def test_passive_without_oleh_offers_the_bare_agent(nlp: spacy.language.Language) -> None:
    m = _find(nlp, "Aktivis itu ditahan Polda Metro Jaya.", "ditahan")
    assert m.passive and m.source_preps == ("oleh", "agent")


def test_comitative_meeting(nlp: spacy.language.Language) -> None:
    m = _find(nlp, "Presiden bertemu dengan Perdana Menteri India.", "bertemu")
    # "dengan" first; "bertemu X" with no preposition takes its object
    assert m.code == "040" and m.target_preps == ("dengan", "obj")


def test_gap_and_multi_token_span(nlp: spacy.language.Language) -> None:
    text = "Jaksa menetapkan mantan kepala dinas itu sebagai tersangka."
    doc = nlp(text)
    m = _find(nlp, text, "menetapkan")
    assert m.code == "173"
    assert [doc[i].text for i in m.tokens] == ["menetapkan", "sebagai", "tersangka"]
    assert text[m.start_char:m.end_char] == m.text
    assert m.text.startswith("menetapkan") and m.text.endswith("tersangka")


def test_gap_does_not_cross_a_sentence_end(nlp: spacy.language.Language) -> None:
    ms = _matches(nlp, "Polisi menetapkan aturan baru. Sebagai tersangka, ia diam.")
    assert all(m.code != "173" for m in ms)


def test_stop_pattern_silences_occupy(nlp: spacy.language.Language) -> None:
    assert _matches(nlp, "Ia menduduki jabatan itu sejak 2019.") == []
    assert _find(nlp, "Tentara menduduki kota itu.", "menduduki").code == "192"


def test_agent_noun_is_not_an_event(nlp: spacy.language.Language) -> None:
    assert all(m.code != "190" for m in _matches(nlp, "Penyerang itu melarikan diri."))


def test_span_input_reports_doc_indices(nlp: spacy.language.Language) -> None:
    doc = nlp("Cuaca cerah. Menteri itu mengunjungi Kairo.")
    span = doc[3:]
    ms = default_patterns().match(span)
    assert len(ms) == 1 and doc[ms[0].head].text == "mengunjungi"
    assert ms[0].tokens == (ms[0].head,)


def test_output_is_deterministic_and_sorted(nlp: spacy.language.Language) -> None:
    text = "Israel menyerang Gaza, lalu Mesir mengecam serangan itu dan meminta gencatan senjata."
    a, b = _matches(nlp, text), _matches(nlp, text)
    assert a == b
    assert [m.head for m in a] == sorted(m.head for m in a)
    assert [m.code[:2] for m in a] == ["19", "11", "19", "02"]


def test_speed(nlp: spacy.language.Language) -> None:
    """Well under a millisecond per sentence on a normal machine; the bound is loose for CI."""
    sentences = [
        "Presiden Prabowo bertemu dengan Perdana Menteri Jepang di Istana Merdeka pada Senin sore.",
        "Kepolisian menangkap tiga orang yang diduga terlibat dalam kerusuhan di depan gedung DPRD.",
        "Pemerintah Amerika Serikat mengumumkan tarif tambahan terhadap produk baja asal Tiongkok.",
        "Warga setempat mengeluhkan harga beras yang terus naik selama dua bulan terakhir ini.",
    ] * 50
    docs = [nlp(s) for s in sentences]
    d = default_patterns()
    d.match(docs[0])
    start = time.perf_counter()
    for doc in docs:
        d.match(doc)
    per_sentence = (time.perf_counter() - start) / len(docs)
    assert per_sentence < 0.005, per_sentence


# --------------------------------------------------------------------------------------------
# The mini-language


def test_parse_pattern_reads_every_part() -> None:
    els, targets, sources, head = parse_pattern('"dana" ...2 @kena:P+kan "oleh" T:poss|ke S:oleh')
    assert [e.words or e.roots for e in els] == [("dana",), ("kena",), ("oleh",)]
    assert (els[1].tag, els[1].suffix, els[1].gap_before, head) == ("P", "kan", 2, 1)
    assert targets == ("poss", "ke") and sources == ("oleh",)
    assert parse_pattern("tolak:V T:none")[1] == ()
    exact = parse_pattern('"invasi":N ...3 "ke" T:ke')[0][0]
    assert (exact.words, exact.tag, exact.gap_before) == (("invasi",), "N", 0)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        '"tolak T:obj',
        "kunjung T:kemana",
        "kunjung X:obj",
        "... kunjung T:obj",
        "kunjung ... T:obj",
        "kunjung ...3 ...2 ke T:obj",
        "kunjung",
        "kunjung:Q T:obj",
        "kunjung+nya T:obj",
        "kunjung T:none|obj",
        "@a @b T:obj",
        "kunjung ...12 ke T:ke",
        "T:obj",
    ],
)
def test_parse_pattern_rejects(bad: str) -> None:
    with pytest.raises(PatternSyntaxError):
        parse_pattern(bad)


def test_validate_reports_problems(tmp_path: Path) -> None:
    f = tmp_path / "events.tsv"
    f.write_text(
        "id\tcode\tpattern\tnote\n"
        "a\t042\tkunjung:B T:ke\tok\n"
        "a\t042\tkunjung:A+i T:obj\tduplicate id\n"
        "b\t042\tkunjung:B   T:ke\tduplicate pattern (spacing differs)\n"
        "c\t999\ttemu:B T:dengan\tunknown code\n"
        'd\t040\t"bertemu T:dengan\tbad syntax\n'
        "e\t042\tmengunjungi T:obj\tinflected form instead of the root\n"
        "f\t-\tduduk:A+i jabatan T:none\tstop pattern is fine\n",
        encoding="utf-8",
    )
    problems = validate(f)
    errors = {p.line: p.message for p in problems if p.severity == "error"}
    warnings = {p.line: p.message for p in problems if p.severity == "warning"}
    assert "duplicate id" in errors[3]
    assert "duplicate pattern" in errors[4]
    assert "unknown CAMEO code" in errors[5] or "bad event code" in errors[5]
    assert "unbalanced" in errors[6]
    assert "mengunjungi" in warnings[7]
    assert 8 not in errors


def test_load_raises_on_bad_syntax(tmp_path: Path) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("id\tcode\tpattern\nx\t042\tkunjung:Z T:ke\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2"):
        PatternDictionary.load(f)


def test_custom_dictionary_matches(nlp: spacy.language.Language, tmp_path: Path) -> None:
    f = tmp_path / "mini.tsv"
    f.write_text(
        "# a comment\nid\tcode\tpattern\tnote\n"
        "t1\t111\tkecam T:obj\t\n"
        "t2\t-\tkecam:V \"diri\" T:none\tstop\n",
        encoding="utf-8",
    )
    d = PatternDictionary.load(f)
    assert len(d) == 2 and d.get("t1") is not None
    assert [m.pattern_id for m in d.match(nlp("Ia dikecam keras."))] == ["t1"]
    assert d.match(nlp("Ia mengecam diri sendiri.")) == []


# --------------------------------------------------------------------------------------------
# CAMEO code table


def test_code_info() -> None:
    info = code_info("042")
    assert (info.code, info.quad_class, info.root, info.goldstein) == ("042", 1, "04", 1.9)
    assert code_info("1823").quad_class == 4
    assert code_info("0871").quad_class == 2
    assert code_info("112").quad_class == 3
    with pytest.raises(KeyError):
        code_info("999")


@pytest.mark.data
def test_committed_table_matches_the_codebook(tmp_path: Path) -> None:
    source = data_dir() / "cameo" / "event_codes.tsv"
    if not source.exists():
        pytest.skip("shared data not available")
    out = tmp_path / "cameo_codes.tsv"
    n = P.build_cameo_table(data_dir(), out)
    assert n == 316
    assert out.read_text(encoding="utf-8") == P.CAMEO_TABLE.read_text(encoding="utf-8")


def test_matching_leaves_no_reference_cycles(nlp: spacy.language.Language) -> None:
    """Garbage the cyclic collector must find cost a worker a seventh of its time when each
    anchored try of a multi-element pattern left a function-cell cycle behind."""
    import gc

    text = (
        "Presiden Prabowo melakukan kunjungan kenegaraan ke Jepang dan menolak berkomentar soal "
        "serangan udara Israel ke Gaza, lalu bertemu dengan PM Malaysia."
    )
    docs = [nlp(text) for _ in range(5)]
    d = default_patterns()
    gc.collect()
    gc.disable()
    try:
        found = [d.match(doc) for doc in docs]
        left = gc.collect()
    finally:
        gc.enable()
    assert all(len(f) >= 3 for f in found)  # multi-element patterns were tried and matched
    assert left == 0
