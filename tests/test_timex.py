"""Time expressions: resolution against the publication date, precision, periods and citations."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peristiwa.coding.timex import HISTORICAL_DAYS, TimeExpr, find_times, infer_published, to_timeref
from peristiwa.model import TimeRef

PUB = date(2024, 3, 20)  # a Wednesday, the seed article's publication date


def only(text: str, published: date | None = PUB) -> TimeExpr:
    found = find_times(text, published)
    assert len(found) == 1, found
    return found[0]


def values(text: str, published: date | None = PUB) -> list[tuple[str, str, str]]:
    return [(t.text, t.value, t.end_value) for t in find_times(text, published)]


# ------------------------------------------------------------------------------------- months

def test_month_without_year_takes_publication_year() -> None:
    t = only("Menteri itu akan berkunjung pada bulan Mei.")
    assert (t.value, t.end_value, t.kind, t.historical) == ("2024-05", "", "month", False)
    assert t.text == "bulan Mei"


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Kesepakatan itu diteken Desember lalu.", date(2024, 3, 20), "2023-12"),
        ("Pasukan itu telah mundur pada Oktober.", date(2024, 3, 20), "2023-10"),
        ("KTT akan digelar pada Januari.", date(2024, 11, 5), "2025-01"),
        ("Pemilu dijadwalkan pada Oktober.", date(2024, 11, 5), "2024-10"),  # just before: same year
        ("Ia pindah pada Juni lalu.", date(2025, 11, 2), "2025-06"),
        ("Festival itu digelar Februari mendatang.", date(2024, 11, 5), "2025-02"),
        ("Rapat digelar pada Juni ini.", date(2025, 6, 2), "2025-06"),
        ("Pertemuan berikutnya pada bulan Agustus.", date(2024, 3, 20), "2024-08"),
    ],
)
def test_year_choice_for_months(text: str, published: date, value: str) -> None:
    assert only(text, published).value == value


def test_month_year_and_abbreviation() -> None:
    assert only("Kesepakatan tercapai pada November 2024.", date(2025, 11, 3)).value == "2024-11"
    assert only("Laporan terbit 5 Agt 2023.").value == "2023-08-05"
    assert only("Data per Okt 2023 menunjukkan kenaikan.").value == "2023-10"


def test_bare_month_name_needs_a_time_word() -> None:
    assert find_times("Juni datang ke kantor polisi bersama kakaknya.", PUB) == []
    assert find_times("Mei mengaku tidak tahu.", PUB) == []
    assert only("Mereka bertemu di bulan juni.").value == "2024-06"  # lower case after "bulan"


def test_lowercase_month_without_bulan_is_ignored() -> None:
    assert find_times("kata mei kepada wartawan", PUB) == []


# -------------------------------------------------------------------------------- days and parts

@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("Pelantikan digelar pada 7 Mei.", "2024-05-07", ""),
        ("Pelantikan digelar pada 7 Mei 2023.", "2023-05-07", ""),
        ("Rapat digelar tanggal 17 Agustus 2024.", "2024-08-17", ""),
        ("KTT berlangsung 26-28 Oktober 2025.", "2025-10-26", "2025-10-28"),
        ("KTT berlangsung 26--28 Oktober 2025.", "2025-10-26", "2025-10-28"),
        ("Kunjungan itu dalam paruh kedua bulan Mei.", "2024-05-16", "2024-05-31"),
        ("Kunjungan itu dalam paruh pertama bulan Mei.", "2024-05-01", "2024-05-15"),
        ("Panen dimulai awal April.", "2024-04-01", "2024-04-10"),
        ("Sidang ditunda hingga pertengahan Juni 2025.", "2025-06-11", "2025-06-20"),
        ("Tenggatnya akhir Februari 2024.", "2024-02-21", "2024-02-29"),
        ("Tenggatnya akhir Februari 2023.", "2023-02-21", "2023-02-28"),
        ("Proyek rampung awal tahun 2026.", "2026-01", "2026-03"),
        ("Target tercapai akhir 2025.", "2025-10", "2025-12"),
        ("Laba naik pada kuartal pertama 2024.", "2024-01", "2024-03"),
        ("Program berjalan pada semester II tahun 2023.", "2023-07", "2023-12"),
        ("Musik itu populer pada tahun 1990-an.", "1990", "1999"),
        ("Ia menjabat pada tahun 2019-2024.", "2019", "2024"),
    ],
)
def test_days_parts_and_ranges(text: str, value: str, end: str) -> None:
    t = find_times(text, PUB)
    assert t, text
    assert (t[0].value, t[0].end_value) == (value, end)


def test_part_of_relative_month_week_and_year() -> None:
    pub = date(2025, 7, 11)  # Friday
    assert values("Serangan terjadi akhir pekan lalu.", pub) == [
        ("akhir pekan lalu", "2025-07-05", "2025-07-06")]
    assert values("Pelabuhan itu ditutup awal pekan ini.", pub) == [
        ("awal pekan ini", "2025-07-07", "2025-07-08")]
    assert values("Jeda kemanusiaan terjadi awal tahun ini.", pub)[0][1:] == ("2025-01", "2025-03")
    assert values("Harga naik akhir bulan lalu.", pub)[0][1:] == ("2025-06-21", "2025-06-30")


# ------------------------------------------------------------------------------------------ years

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Invasi itu dimulai pada tahun 2022.", "2022"),
        ("Invasi itu dimulai tahun 2022.", "2022"),
        ("Invasi itu dimulai pada 2022.", "2022"),
        ("Target itu berlaku pada tahun 2024.", "2024"),
        ("Peristiwa itu terjadi 2019 silam.", "2019"),
    ],
)
def test_years(text: str, value: str) -> None:
    assert only(text).value == value
    assert only(text).kind in ("year", "period")


@pytest.mark.parametrize(
    "text",
    [
        "Persiapan Pemilu 2024 sudah matang.",
        "Harga tiketnya Rp 2.024 per lembar.",
        "Aturan itu tercantum dalam Undang-Undang Nomor 12 Tahun 2011.",
        "Nomor antreannya 2023 dan 2024 sudah dipanggil kemarin",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert all(t.kind != "year" for t in find_times(text, PUB)), find_times(text, PUB)


def test_money_followed_by_year_is_a_year() -> None:
    t = find_times("Targetnya lebih dari $200 miliar pada tahun 2024.", PUB)
    assert [(x.text, x.value, x.historical) for x in t] == [("tahun 2024", "2024", False)]


# -------------------------------------------------------------------------------------- relative

@pytest.mark.parametrize(
    ("text", "value", "end", "kind"),
    [
        ("Polisi menangkapnya kemarin.", "2024-03-19", "", "date"),
        ("Sidang digelar hari ini.", "2024-03-20", "", "date"),
        ("Sidang dilanjutkan besok.", "2024-03-21", "", "date"),
        ("Sidang dilanjutkan lusa.", "2024-03-22", "", "date"),
        ("Ia tiba kemarin lusa.", "2024-03-18", "", "date"),
        ("Rapat itu digelar pekan lalu.", "2024-03-11", "2024-03-17", "week"),
        ("Rapat itu digelar minggu lalu.", "2024-03-11", "2024-03-17", "week"),
        ("Rapat akan digelar pekan depan.", "2024-03-25", "2024-03-31", "week"),
        ("Rapat digelar pekan ini.", "2024-03-18", "2024-03-24", "week"),
        ("Kontrak diteken bulan lalu.", "2024-02", "", "month"),
        ("Kontrak diteken bulan depan.", "2024-04", "", "month"),
        ("Angkanya turun tahun lalu.", "2023", "", "year"),
        ("Angkanya naik tahun depan.", "2025", "", "year"),
        ("Angkanya naik tahun ini.", "2024", "", "year"),
        ("Ia ditahan dua hari lalu.", "2024-03-18", "", "date"),
        ("Ia ditahan 3 tahun lalu.", "2021", "", "year"),
        ("Mereka bertemu sepekan lalu.", "2024-03-11", "2024-03-17", "week"),
        ("Mereka bertemu dua pekan lagi.", "2024-04-01", "2024-04-07", "week"),
        ("Kantor itu dibuka tiga bulan yang lalu.", "2023-12", "", "month"),
    ],
)
def test_relative_expressions(text: str, value: str, end: str, kind: str) -> None:
    t = only(text)
    assert (t.value, t.end_value, t.kind) == (value, end, kind)


def test_relative_month_across_new_year() -> None:
    assert only("Kontrak diteken bulan lalu.", date(2024, 1, 10)).value == "2023-12"
    assert only("Kontrak diteken bulan depan.", date(2024, 12, 10)).value == "2025-01"


def test_vague_amounts_are_recognised_but_unresolved() -> None:
    t = only("Banjir melanda beberapa pekan lalu.")
    assert (t.text, t.value) == ("beberapa pekan lalu", "")
    assert only("Candi itu dibangun puluhan tahun lalu.").value == ""


def test_durations_are_not_relative_years() -> None:
    assert find_times("Pemain berusia 20 tahun ini mencetak gol.", PUB) == []
    assert find_times("Batuan itu terbentuk 20 juta tahun yang lalu.", PUB) == []


# ------------------------------------------------------------------------------ weekdays, datelines

@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Ia diperiksa Senin (12/3).", date(2024, 3, 13), "2024-03-12"),
        ("Ia diperiksa Selasa (7/11/2023).", None, "2023-11-07"),
        ("Ia diperiksa Selasa (7/11/2023).", date(2025, 1, 1), "2023-11-07"),
        ("Ia tiba Kamis (28/12).", date(2024, 1, 2), "2023-12-28"),  # across New Year
        ("Ia tiba pada Rabu kemarin (9/7/2025).", date(2025, 7, 12), "2025-07-09"),
        ("Pertandingan digelar Selasa dini hari WIB (7/11/2023).", None, "2023-11-07"),
        ("Acara digelar pada Minggu, 5 November 2023.", None, "2023-11-05"),
        ("Dipanggil hari Selasa, tanggal 11 November 2025.", date(2025, 11, 6), "2025-11-11"),
        ("Kejadiannya pada 12/3/2024 malam.", None, "2024-03-12"),
        ("Dokumen bertanggal 2024-03-12 itu bocor.", None, "2024-03-12"),
    ],
)
def test_weekday_datelines_and_numeric_dates(text: str, published: date | None, value: str) -> None:
    t = only(text, published)
    assert (t.value, t.kind) == (value, "date")


def test_dateline_range() -> None:
    t = only("KTT digelar pada Minggu-Senin (6-7/7/2025).", date(2025, 7, 9))
    assert (t.value, t.end_value, t.kind) == ("2025-07-06", "2025-07-07", "range")


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Gereja itu diserang pada Kamis.", date(2025, 7, 20), "2025-07-17"),  # Sunday -> last Thursday
        ("Gereja itu diserang pada Kamis.", date(2025, 7, 17), "2025-07-17"),  # the same day
        ("Pertemuan digelar pada Senin pekan depan.", date(2025, 6, 7), "2025-06-09"),
        ("Pertemuan digelar Kamis pekan lalu.", date(2025, 6, 7), "2025-05-29"),
        ("Ia ditangkap Rabu lalu.", date(2025, 6, 7), "2025-06-04"),
        ("Ia ditangkap Sabtu lalu.", date(2025, 6, 7), "2025-05-31"),  # "lalu" on that weekday: a week back
        ("Sidang akan digelar pada Jumat.", date(2025, 6, 3), "2025-06-06"),  # future cue: forward
        ("Sidang digelar Rabu depan.", date(2025, 6, 4), "2025-06-11"),
        ("Upacara digelar hari Minggu.", date(2025, 6, 4), "2025-06-01"),
    ],
)
def test_bare_weekdays(text: str, published: date, value: str) -> None:
    assert only(text, published).value == value


def test_minggu_as_week_and_as_sunday() -> None:
    pub = date(2025, 7, 20)
    assert values("Minggu lalu ia pergi.", pub) == [("Minggu lalu", "2025-07-07", "2025-07-13")]
    assert values("Ia pulang Minggu (20/7/2025).", pub) == [("Minggu (20/7/2025)", "2025-07-20", "")]


def test_weekday_relative_to_another_event_is_unresolved() -> None:
    t = only("Perintah evakuasi keluar pada Minggu sebelumnya.", date(2025, 7, 20))
    assert t.value == ""


def test_invalid_dates_are_dropped() -> None:
    assert find_times("Nomor perkara 31/2/2024 itu keliru.", PUB) == []
    assert find_times("Skornya (3/15) di babak kedua.", PUB) == []


# --------------------------------------------------------------------------- periods and citations

@pytest.mark.parametrize(
    "text",
    [
        "Bantuan tertahan sejak 27 Mei.",
        "Perdagangan naik selama Januari-November.",
        "Aturan berlaku hingga 2024.",
        "Kemitraan itu terjalin sejak 2008.",
        "Data dicatat sepanjang tahun 2023.",
        "Perang berkecamuk sejak Kamis (24/7/2025).",
        "Kasus itu terjadi sebelum 7 Mei.",
        "Harga naik dari tahun 2018 sampai dengan tahun 2024.",
    ],
)
def test_periods_are_marked(text: str) -> None:
    found = find_times(text, PUB)
    assert found and all(t.kind == "period" for t in found), found
    assert all(t.value for t in found)  # still resolved, the coder decides


def test_dari_hingga_marks_both_bounds() -> None:
    found = find_times("Dari 2020 hingga 2022 harga naik.", PUB)
    assert [(t.value, t.kind) for t in found] == [("2020", "period"), ("2022", "period")]


def test_mulai_is_an_event_date_not_a_period() -> None:
    t = only("Tarif baru berlaku mulai Kamis (5/6/2025).", date(2025, 6, 2))
    assert (t.value, t.kind) == ("2025-06-05", "date")


def test_citation_dates() -> None:
    pub = date(2025, 7, 26)
    found = find_times("Ia meminta jeda perang, seperti dilansir dari Xinhua pada Jumat (25/7/2025).", pub)
    assert [(t.value, t.kind) for t in found] == [("2025-07-25", "citation")]
    text = "Gudang itu terbakar pada Sabtu (19/7/2025), dikutip dari harian lokal pada Minggu (20/7/2025)."
    found = find_times(text, pub)
    assert [t.kind for t in found] == ["date", "citation"]


def test_reported_deaths_are_not_citations() -> None:
    t = only("Lima warga dilaporkan tewas pada Sabtu (8/6/2024).", date(2024, 6, 8))
    assert t.kind == "date"


# ------------------------------------------------------------------------------------- historical

def test_historical_threshold() -> None:
    pub = date(2025, 10, 25)
    old = pub - timedelta(days=HISTORICAL_DAYS + 1)
    recent = pub - timedelta(days=HISTORICAL_DAYS)
    assert only(f"Ia ditangkap pada {old.day}/{old.month}/{old.year}.", pub).historical
    assert not only(f"Ia ditangkap pada {recent.day}/{recent.month}/{recent.year}.", pub).historical


def test_historical_uses_the_end_of_the_period() -> None:
    pub = date(2025, 10, 25)
    assert only("Perang itu memuncak pada Juli 2025.", pub).historical  # ends 31 July, 86 days earlier
    assert not only("Kontrak diteken bulan lalu.", pub).historical
    assert not only("Ia diperiksa pada 2025.", pub).historical  # the year has not ended


def test_future_is_never_historical() -> None:
    assert not only("Kunjungan dijadwalkan pada 7 Mei.").historical


# ---------------------------------------------------------------------------- no publication date

def test_without_publication_date() -> None:
    assert only("Ia tiba pada 5 November 2023.", None).value == "2023-11-05"
    assert only("Ia tiba pada November 2023.", None).value == "2023-11"
    assert only("Ia tiba pada tahun 2023.", None).value == "2023"
    for text in ("Ia tiba kemarin.", "Ia tiba pekan lalu.", "Ia tiba pada Kamis.", "Ia tiba pada bulan Mei.",
                 "Ia tiba pada 7 Mei.", "Ia tiba Senin (12/3)."):
        t = only(text, None)
        assert t.value == "" and not t.historical, text


def test_infer_published_from_dateline() -> None:
    text = "JAKARTA - Ketua MK diberhentikan, Selasa (7/11/2023). Ia akan diperiksa kembali pekan depan."
    assert infer_published(text) == date(2023, 11, 7)
    assert infer_published("Tanpa tanggal sama sekali.") is None


# ------------------------------------------------------------------------------ offsets and output

def test_offsets_and_text_slices() -> None:
    text = "Rapat digelar kemarin dan sidang dilanjutkan pada 7 Mei 2024."
    for t in find_times(text, PUB, offset=100):
        assert text[t.start - 100:t.end - 100] == t.text


def test_longest_match_wins() -> None:
    assert values("Ia tiba pada 7 Mei 2023.") == [("7 Mei 2023", "2023-05-07", "")]


def test_to_timeref() -> None:
    t = only("Kunjungan itu dalam paruh kedua bulan Mei.")
    assert to_timeref(t) == TimeRef(value="2024-05-16", end="2024-05-31", text="paruh kedua bulan Mei",
                                    historical=False)


def test_results_are_sorted_and_non_overlapping() -> None:
    found = find_times("Kemarin, pekan lalu, bulan lalu dan tahun lalu mereka rapat pada 3 Maret 2024.", PUB)
    starts = [t.start for t in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert len(found) == 5


MONTH_NAMES = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
               "Oktober", "November", "Desember"]


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_written_dates_round_trip(day: date) -> None:
    text = f"Peristiwa itu terjadi pada {day.day} {MONTH_NAMES[day.month - 1]} {day.year}."
    assert only(text, PUB).value == day.isoformat()


# ------------------------------------------------------------------------------------ seed article

def test_seed_article(seed_text: str) -> None:
    found = {t.text: t for t in find_times(seed_text, PUB)}
    assert found["bulan Mei"].value == "2024-05"
    assert (found["paruh kedua bulan Mei"].value, found["paruh kedua bulan Mei"].end_value) == (
        "2024-05-16", "2024-05-31")
    assert found["tahun 2022"].value == "2022" and found["tahun 2022"].historical
    assert found["7 Mei"].value == "2024-05-07" and not found["7 Mei"].historical
    assert found["Januari-November"].kind == "period"
    assert found["tahun 2024"].value == "2024" and not found["tahun 2024"].historical
