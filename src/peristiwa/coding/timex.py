"""Indonesian time expressions, resolved against the article's publication date.

An event's date in the output is *the event's own time, only as precise as the text allows*
(GUIDELINES.md): "pada bulan Mei" is ``2024-05``, not a made-up day; "pada tahun 2022" is ``2022``.
So every expression carries an ISO prefix (``2024``, ``2024-05``, ``2024-05-16``) and, for ranges,
an end value. Relative expressions ("kemarin", "pekan lalu", "Kamis") need the publication date;
without one they are still reported (the coder can see that the text *has* a time) but with an
empty value, because guessing a year would put a wrong date into the data.

Two roles are marked through ``kind`` because the coder must not use them as the event's date:

* ``"period"`` — the expression bounds a span instead of dating a moment ("sejak 27 Mei",
  "selama Januari-November", "hingga 2024", "sebelum 7 Mei"). The value is still resolved, so a
  coder that wants "the war broke out *sejak* Kamis (24/7)" can still use it deliberately.
* ``"citation"`` — the date on which a medium was quoted ("dilansir AFP pada Jumat (26/7/2025)"),
  which is when the report was read, not when the event happened (dev README).

Other kinds say how precise the value is: ``"date"``, ``"week"``, ``"month"``, ``"year"``, and
``"range"`` (a part of a month or year, or an explicit span such as "26-28 Oktober 2025").

Choosing the year when the text gives none (``_pick_year``):

* a day/month in a news dateline "(12/3)" takes the year that puts it nearest the publication date
  (datelines sit within days of publication, also across New Year);
* a month, or a day and month ("7 Mei", "pada bulan Mei"), takes the publication year, except that
  an explicit "lalu"/"silam" or a past-tense cue in the sentence (telah, sudah, sempat,
  sebelumnya, ...) moves a month *after* the publication month to the previous year, and
  "mendatang"/"depan" or a future cue (akan, dijadwalkan, rencananya, ...) moves a month at least
  three months *before* the publication month to the next year ("akan digelar Januari" in a
  November article); a month just before publication stays, since news often reports last month's
  schedules ("transit dijadwalkan sampai 10 Oktober" in a November article). The cue nearest to the
  expression wins.

Weekdays: "Kamis (19/6)" takes the dateline's digits; a bare "pada Kamis" is the most recent
Thursday on or before publication (dev README), or the next one on or after it when the sentence
has a future cue ("akan digelar pada Jumat"); "Senin pekan depan" / "Kamis pekan lalu" is that day
of the next / previous ISO week; "pekan lalu" is the previous week's Monday..Sunday.

Parts: awal = days 1-10, pertengahan = 11-20, akhir = 21-end, paruh pertama = 1-15, paruh kedua =
16-end of a month; of a year: awal = Jan-Mar, pertengahan = May-Aug, akhir = Oct-Dec; "akhir
pekan" is Saturday-Sunday.

``historical`` is True when the expression ends more than :data:`HISTORICAL_DAYS` days before
publication. The threshold is 60 days, not the half year one might expect: the dev gold marks a
background conflict that peaked 86 days before publication as historical and events of the
previous month as not, and 60 days sits between the two.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from peristiwa.model import TimeRef

HISTORICAL_DAYS = 60

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agt": 8, "agu": 8,
    "ags": 8, "agust": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
}
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}
SMALL_NUMBERS: dict[str, int] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12, "se": 1,
    # vague amounts: recognised so that "beberapa pekan lalu" is not read as "pekan lalu"
    "beberapa": -1, "belasan": -1, "puluhan": -1, "ratusan": -1,
}

# Words that turn the expression right after them into a bound of a span, not an event date.
PERIOD_MARKERS = frozenset({
    "sejak", "semenjak", "selama", "sepanjang", "hingga", "sampai", "sebelum", "setelah", "sesudah",
    "pasca", "menjelang", "jelang", "antara",
})
# Verbs of quoting a medium: a date after them (same clause) is when the report was read.
CITATION_MARKERS = frozenset({"dilansir", "dikutip", "melansir", "mengutip", "diberitakan", "memberitakan"})
# Words after which a bare year or bare month name is a time, not a number or a person's name.
TIME_PREPOSITIONS = frozenset({
    "pada", "di", "dalam", "tahun", "bulan", "sejak", "semenjak", "selama", "sepanjang", "hingga",
    "sampai", "sebelum", "setelah", "sesudah", "pasca", "menjelang", "jelang", "awal", "akhir",
    "pertengahan", "medio", "penghujung", "antara", "mulai", "per", "tanggal", "periode", "dari",
})
PAST_CUES = frozenset({
    "telah", "sudah", "sempat", "pernah", "sebelumnya", "lalu", "silam", "kemarin", "tadi",
})
FUTURE_CUES = frozenset({
    "akan", "bakal", "hendak", "dijadwalkan", "direncanakan", "rencananya", "berencana",
    "mendatang", "depan", "nanti", "menjadwalkan", "merencanakan",
})

_MONTH_RE = (
    r"(?:Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November"
    r"|Nopember|Desember|Jan|Feb|Peb|Mar|Apr|Jun|Jul|Agt|Agu|Ags|Agust|Sept|Sep|Okt|Nov|Nop|Des)"
)
_FULL_MONTH_RE = (
    r"(?:Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November"
    r"|Nopember|Desember)"
)
_WEEKDAY_RE = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum['’]at|Sabtu|Minggu|Ahad)"
_NUMWORD_RE = (r"(?:\d{1,3}|satu|dua belas|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas"
               r"|beberapa|belasan|puluhan|ratusan)")
_PART_RE = r"(?:awal|pertengahan|medio|akhir|penghujung|paruh\s+pertama|paruh\s+kedua)"
_REL_RE = r"(?:lalu|ini|depan|mendatang|kemarin|silam)"
_DAYPART_RE = (r"(?:\s+(?:kemarin|lalu|dini\s+hari|pagi|siang|sore|malam)"
               r"(?:\s+(?:WIB|WITA|WIT|waktu\s+setempat))?)?")

_I = re.IGNORECASE
# (pattern, handler name). Month names and weekdays are matched case-insensitively here and their
# capitalisation is checked in the handler: "Mei" is a month, "mei" in running text rarely is.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Weekday range with a dateline range: "Minggu-Senin (6-7/7/2025)".
    (re.compile(rf"\b(?:hari\s+)?(?P<wd>{_WEEKDAY_RE})\s*[-–]\s*{_WEEKDAY_RE},?\s*\((?P<d1>\d{{1,2}})\s*[-–]\s*"
                rf"(?P<d2>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\)", _I), "paren_range"),
    # Dateline range without weekdays: "(6-7/7/2025)".
    (re.compile(r"\((?P<d1>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?\)"),
     "paren_range"),
    # Weekday with a dateline: "Selasa (7/11/2023)", "Senin (12/3)", "Rabu kemarin (9/7/2025)",
    # "Senin dini hari WIB (8/1/2024)".
    (re.compile(rf"\b(?:hari\s+)?(?P<wd>{_WEEKDAY_RE}){_DAYPART_RE},?\s*\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})"
                rf"(?:/(?P<y>\d{{2,4}}))?\)", _I), "paren_date"),
    (re.compile(r"\((?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}))?\)"), "paren_date"),
    # Numeric dates: 12/3/2024 (day/month/year) and ISO 2024-03-12.
    (re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])"), "numeric_date"),
    (re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"), "numeric_date"),
    # Day (or day range) + month [+ year], optionally after a weekday: "Minggu, 5 November 2023",
    # "hari Rabu, tanggal 3 Januari 2024", "26--28 Oktober 2025", "7 Mei".
    (re.compile(rf"(?:\b(?:hari\s+)?(?P<wd>{_WEEKDAY_RE}),?\s+)?(?:\btanggal\s+)?\b(?P<d1>\d{{1,2}})"
                rf"(?:\s*[-–]{{1,2}}\s*(?P<d2>\d{{1,2}}))?\s+(?P<mon>{_MONTH_RE})\.?"
                rf"(?:\s+(?P<y>\d{{4}}))?\b", _I),
     "day_month"),
    # Part of a month: "paruh kedua bulan Mei", "akhir Juni ini", "awal Januari 2024".
    (re.compile(rf"\b(?P<part>{_PART_RE})\s+(?:bulan\s+)?(?P<mon>{_FULL_MONTH_RE})"
                rf"(?:\s+(?:tahun\s+)?(?P<y>\d{{4}})|\s+(?P<rel>{_REL_RE}))?\b", _I), "part_month"),
    # Part of a relative month/year/week: "awal bulan ini", "akhir tahun lalu", "akhir pekan lalu".
    (re.compile(rf"\b(?P<part>{_PART_RE})\s+(?P<unit>bulan|tahun|pekan|minggu)\s+(?P<rel>{_REL_RE})\b", _I),
     "part_relative"),
    # Part of a year: "awal tahun 2024", "paruh pertama 2023".
    (re.compile(rf"\b(?P<part>{_PART_RE})\s+(?:tahun\s+)?(?P<y>(?:19|20)\d\d)\b", _I), "part_year"),
    # Quarter or semester: "kuartal pertama 2024", "triwulan III tahun ini".
    (re.compile(r"\b(?P<q>kuartal|triwulan|semester)\s+(?P<n>pertama|kedua|ketiga|keempat|IV|III|II|I|[1-4])"
                r"(?:\s+(?:tahun\s+)?(?:(?P<y>(?:19|20)\d\d)|(?P<rel>ini|lalu|depan)))?\b", _I), "quarter"),
    # Month range [+ year]: "Januari-November", "Mei-Juni 2024".
    (re.compile(rf"\b(?:bulan\s+)?(?P<mon>{_FULL_MONTH_RE})\s*[-–]\s*(?P<mon2>{_FULL_MONTH_RE})"
                rf"(?:\s+(?:tahun\s+)?(?P<y>\d{{4}}))?\b", _I), "month_range"),
    # Month + year: "November 2024", "bulan Mei tahun 2023", "Okt 2023".
    (re.compile(rf"\b(?:bulan\s+)?(?P<mon>{_MONTH_RE})\.?\s+(?:tahun\s+)?(?P<y>\d{{4}})\b", _I),
     "month_year"),
    # Bare month, accepted only with a time word before it or a relative word after it.
    (re.compile(rf"\b(?:(?P<bulan>bulan)\s+)?(?P<mon>{_FULL_MONTH_RE})(?:\s+(?P<rel>{_REL_RE}))?\b", _I),
     "month"),
    # Weekday with a relative week: "Senin pekan depan", "Kamis minggu lalu", "Rabu lalu".
    (re.compile(rf"\b(?:hari\s+)?(?P<wd>{_WEEKDAY_RE})\s+(?:(?P<unit>pekan|minggu)\s+)?"
                rf"(?P<rel>lalu|depan|mendatang|ini|kemarin|sebelumnya|berikutnya)\b", _I), "weekday_rel"),
    # Bare weekday: "pada Kamis", "Senin".
    (re.compile(rf"\b(?:hari\s+)?(?P<wd>{_WEEKDAY_RE})\b", _I), "weekday"),
    # Year ranges and decades: "tahun 2022-2023", "2019/2020", "1990-an".
    (re.compile(r"\b(?:(?P<tahun>tahun)\s+)?(?P<y>(?:19|20)\d\d)\s*[-–/]\s*(?P<y2>(?:19|20)\d\d|\d\d)"
                r"(?!\d|[.,]\d)", _I),
     "year_range"),
    (re.compile(r"\b(?:(?P<tahun>tahun)\s+)?(?P<y>(?:19|20)\d0)-an\b", _I), "decade"),
    # Year: "pada tahun 2022", "tahun 2022", "2019 silam"; a bare year only after a time word.
    (re.compile(r"\b(?:(?P<tahun>tahun)\s+)?(?P<y>(?:19|20)\d\d)(?:\s+(?P<rel>lalu|silam))?"
                r"(?![\d.,]\d|\w)", _I),
     "year"),
    # Relative days: "kemarin", "hari ini", "besok", "lusa", "kemarin lusa", "tadi malam".
    (re.compile(r"\b(?P<word>kemarin\s+lusa|kemarin|hari\s+ini|besok|esok\s+hari|lusa|tadi\s+malam|semalam"
                r"|tadi\s+pagi|pagi\s+ini|siang\s+ini|sore\s+ini|malam\s+ini)\b", _I), "relative_day"),
    # "dua hari lalu", "3 tahun silam", "sepekan lalu", "dua pekan lagi".
    (re.compile(rf"\b(?:(?P<n>{_NUMWORD_RE})\s+|(?P<se>se))(?P<unit>hari|pekan|minggu|bulan|tahun)\s+(?:yang\s+)?"
                rf"(?P<rel>lalu|silam|lagi|mendatang)\b", _I), "relative_n"),
    # "pekan lalu", "bulan depan", "tahun ini", "tahun yang lalu".
    (re.compile(rf"\b(?P<unit>pekan|minggu|bulan|tahun)\s+(?:yang\s+)?(?P<rel>{_REL_RE})\b", _I),
     "relative_unit"),
]


# The words a pattern can start with, by handler: digits, "(", weekday and month names, and keywords.
_DIGIT_START = ("numeric_date", "day_month", "year_range", "decade", "year", "relative_n")
_WEEKDAY_START = ("paren_range", "paren_date", "day_month", "weekday_rel", "weekday")
_MONTH_START = ("month_range", "month_year", "month")
_KEYWORD_STARTS: dict[str, tuple[str, ...]] = {
    "(": ("paren_range", "paren_date"),
    "hari": (*_WEEKDAY_START, "relative_day"),
    "tanggal": ("day_month",),
    "bulan": (*_MONTH_START, "relative_unit"),
    "tahun": ("year_range", "decade", "year", "relative_unit"),
    "pekan": ("relative_unit",),
    "minggu": (*_WEEKDAY_START, "relative_unit"),
    "kuartal": ("quarter",), "triwulan": ("quarter",), "semester": ("quarter",),
    **{w: ("part_month", "part_relative", "part_year")
       for w in ("awal", "pertengahan", "medio", "akhir", "penghujung", "paruh")},
    **{w: ("relative_day",) for w in ("kemarin", "besok", "esok", "lusa", "tadi", "semalam", "pagi",
                                     "siang", "sore", "malam")},
    **{w: ("relative_n",) for w in ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
                                   "sembilan", "sepuluh", "sebelas", "beberapa", "belasan", "puluhan",
                                   "ratusan", "sehari", "sepekan", "seminggu", "sebulan", "setahun")},
}
_ANCHOR = re.compile(r"\d+|[^\W\d_]+|\(")


def _start_table() -> dict[str, tuple[int, ...]]:
    """Lower-cased first word ("0" for any number) -> indexes into :data:`_PATTERNS` to try there."""
    starts: dict[str, tuple[str, ...]] = dict(_KEYWORD_STARTS)
    starts["0"] = _DIGIT_START
    for word in (*WEEKDAYS, "jum"):
        starts[word] = _WEEKDAY_START + (_KEYWORD_STARTS["minggu"] if word == "minggu" else ())
    for word in (*MONTHS, *MONTH_ABBREVIATIONS):
        starts[word] = _MONTH_START
    return {word: tuple(i for i, (_, handler) in enumerate(_PATTERNS) if handler in names)
            for word, names in starts.items()}


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression found in the text, with its resolved value.

    ``start``/``end`` are character offsets (plus the ``offset`` given to :func:`find_times`),
    ``value`` an ISO prefix as precise as the text ("" when it cannot be resolved, e.g. a relative
    expression without a publication date), ``end_value`` the last day/month/year of a range or "".
    """

    start: int
    end: int
    text: str
    value: str
    end_value: str = ""
    historical: bool = False
    kind: str = "date"


@dataclass(frozen=True, slots=True)
class _Resolved:
    value: str
    end_value: str
    kind: str


def find_times(text: str, published: date | None, offset: int = 0) -> list[TimeExpr]:
    """All time expressions in ``text``, left to right, overlapping matches resolved longest-first.

    ``published`` anchors relative expressions; ``offset`` is added to every span so a caller can
    pass one sentence and get article offsets back.
    """
    candidates: list[tuple[int, int, int, re.Match[str], str]] = []
    seen: set[tuple[int, int]] = set()
    # Try each pattern only where one of its possible first words stands (a dozen positions in a
    # typical article instead of every character): the same matches, several times faster.
    for token in _ANCHOR.finditer(text):
        word = token.group(0)
        ranks = _STARTS.get("0" if word[0].isdigit() else word.lower())
        if not ranks:
            continue
        for rank in ranks:
            if (rank, token.start()) in seen:
                continue
            seen.add((rank, token.start()))
            pattern, handler = _PATTERNS[rank]
            m = pattern.match(text, token.start())
            if m:
                candidates.append((m.start(), m.end(), rank, m, handler))
    # Longest first, then the earlier (more specific) pattern; greedy non-overlapping selection.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    found: list[TimeExpr] = []
    for start, end, _rank, m, handler in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        resolved = _HANDLERS[handler](m, text, published)
        if resolved is None:
            continue
        kind = resolved.kind
        role = _role(text, start) or _range_start(text, start, end)
        if role:
            kind = role
        hist = _is_historical(resolved.end_value or resolved.value, published)
        taken.append((start, end))
        found.append(TimeExpr(start + offset, end + offset, text[start:end], resolved.value,
                              resolved.end_value, hist, kind))
    found.sort(key=lambda t: t.start)
    return found


def to_timeref(expr: TimeExpr) -> TimeRef:
    """The model's :class:`TimeRef` for an expression (the coder stores this on the event)."""
    return TimeRef(value=expr.value, end=expr.end_value, text=expr.text, historical=expr.historical)


def infer_published(text: str) -> date | None:
    """The first full dateline date in the text ("Selasa (7/11/2023)", "Minggu, 5 November 2023").

    Some outlets carry no publication date in their metadata (dev README: 5 articles); their
    dateline is the best stand-in, so the coder can resolve relative expressions against it.
    """
    for expr in find_times(text, None):
        if expr.kind in ("date", "citation") and len(expr.value) == 10:
            return date.fromisoformat(expr.value)
    return None


# ------------------------------------------------------------------------------------- handlers

def _paren_date(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    day, month = int(m["d"]), int(m["m"])
    year = _year(m["y"])
    if year is None:
        if pub is None:
            return _Resolved("", "", "date") if _valid(2000, month, day) else None
        year = _nearest_year(month, day, pub)
    if not _valid(year, month, day):
        return None
    return _Resolved(_iso(year, month, day), "", "date")


def _paren_range(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    d1, d2, month = int(m["d1"]), int(m["d2"]), int(m["m"])
    year = _year(m["y"])
    if year is None:
        if pub is None:
            return _Resolved("", "", "range")
        year = _nearest_year(month, d1, pub)
    if d2 < d1 or not (_valid(year, month, d1) and _valid(year, month, d2)):
        return None
    return _Resolved(_iso(year, month, d1), _iso(year, month, d2), "range")


def _numeric_date(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(year, month, day) or not 1900 <= year <= 2100:
        return None
    return _Resolved(_iso(year, month, day), "", "date")


def _day_month(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    month = _month_number(m["mon"], require_case=True)
    if month is None:
        return None
    d1 = int(m["d1"])
    d2 = int(m["d2"]) if m["d2"] else None
    if m["y"]:
        year: int | None = int(m["y"])
    elif pub is None:
        year = None
    else:
        year = _pick_year(month, pub, _tense(text, m.start(), m.end()))
    kind = "range" if d2 else "date"
    if year is None:
        return _Resolved("", "", kind) if 1 <= d1 <= 31 else None
    if not _valid(year, month, d1) or (d2 is not None and (d2 <= d1 or not _valid(year, month, d2))):
        return None
    return _Resolved(_iso(year, month, d1), _iso(year, month, d2) if d2 else "", kind)


def _part_month(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    month = _month_number(m["mon"], require_case=True)
    if month is None:
        return None
    if m["y"]:
        year: int | None = int(m["y"])
    elif pub is None:
        year = None
    else:
        rel = (m["rel"] or "").lower()
        sign = _rel_sign(rel) or _tense(text, m.start(), m.end())
        year = pub.year if rel == "ini" else _pick_year(month, pub, sign, bool(_rel_sign(rel)))
    if year is None:
        return _Resolved("", "", "range")
    first, last = _part_days(m["part"], year, month)
    return _Resolved(_iso(year, month, first), _iso(year, month, last), "range")


def _part_relative(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    if pub is None:
        return _Resolved("", "", "range")
    unit, rel, part = m["unit"].lower(), m["rel"].lower(), _part_key(m["part"])
    step = _rel_sign(rel)
    if unit == "bulan":
        year, month = _add_months(pub.year, pub.month, step)
        first, last = _part_days(m["part"], year, month)
        return _Resolved(_iso(year, month, first), _iso(year, month, last), "range")
    if unit == "tahun":
        year = pub.year + step
        m1, m2 = _part_months(m["part"])
        return _Resolved(f"{year}-{m1:02d}", f"{year}-{m2:02d}", "range")
    monday = _monday(pub) + timedelta(weeks=step)
    if part == "akhir":  # "akhir pekan" is the weekend
        first, last = monday + timedelta(days=5), monday + timedelta(days=6)
    elif part == "awal":
        first, last = monday, monday + timedelta(days=1)
    else:
        first, last = monday + timedelta(days=2), monday + timedelta(days=4)
    return _Resolved(first.isoformat(), last.isoformat(), "range")


def _part_year(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    year = int(m["y"])
    m1, m2 = _part_months(m["part"])
    return _Resolved(f"{year}-{m1:02d}", f"{year}-{m2:02d}", "range")


_ORDINALS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


def _quarter(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    n = int(m["n"]) if m["n"].isdigit() else _ORDINALS[m["n"].lower()]
    semester = m["q"].lower() == "semester"
    if semester and n > 2:
        return None
    if m["y"]:
        year: int | None = int(m["y"])
    elif m["rel"] and pub is not None:
        year = pub.year + _rel_sign(m["rel"])
    elif pub is not None and not m["rel"]:
        year = pub.year
    else:
        year = None
    if year is None:
        return _Resolved("", "", "range")
    size = 6 if semester else 3
    first, last = (n - 1) * size + 1, n * size
    return _Resolved(f"{year}-{first:02d}", f"{year}-{last:02d}", "range")


def _month_range(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    m1 = _month_number(m["mon"], require_case=True)
    m2 = _month_number(m["mon2"], require_case=True)
    if m1 is None or m2 is None:
        return None
    if m["y"]:
        y2 = int(m["y"])
        y1 = y2 if m1 <= m2 else y2 - 1
    elif pub is None:
        return _Resolved("", "", "range")
    else:  # a span with no cue is usually a completed one ("selama Januari-November"): read as past
        y2 = _pick_year(m2, pub, _tense(text, m.start(), m.end()) or -1)
        y1 = y2 if m1 <= m2 else y2 - 1
    return _Resolved(f"{y1}-{m1:02d}", f"{y2}-{m2:02d}", "range")


def _month_year(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    month = _month_number(m["mon"], require_case=True)
    if month is None:
        return None
    return _Resolved(f"{int(m['y'])}-{month:02d}", "", "month")


def _month(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    month = _month_number(m["mon"], require_case=not m["bulan"])
    if month is None:
        return None
    if not (m["bulan"] or m["rel"] or _after_time_word(text, m.start())):
        return None  # "Juni" alone may be a person's name
    rel = (m["rel"] or "").lower()
    if pub is None:
        return _Resolved("", "", "month")
    explicit = bool(_rel_sign(rel))
    sign = _rel_sign(rel) if explicit else _tense(text, m.start(), m.end())
    year = pub.year if rel == "ini" else _pick_year(month, pub, sign, explicit)
    return _Resolved(f"{year}-{month:02d}", "", "month")


def _weekday_rel(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    if not _weekday_case_ok(m["wd"]):
        return None
    rel = m["rel"].lower()
    if _norm_weekday(m["wd"]) == "minggu" and not m["unit"] and rel not in ("sebelumnya", "berikutnya"):
        return None  # "Minggu lalu" / "minggu depan" is a week; the week patterns read it
    if rel in ("sebelumnya", "berikutnya") or pub is None:
        return _Resolved("", "", "date")  # relative to another event or no anchor
    target = WEEKDAYS[_norm_weekday(m["wd"])]
    if m["unit"]:  # "Senin pekan depan": that weekday in the previous/this/next ISO week
        day = _monday(pub) + timedelta(weeks=_rel_sign(rel), days=target)
    elif rel in ("lalu", "kemarin"):
        back = (pub.weekday() - target) % 7 or 7
        day = pub - timedelta(days=back)
    elif rel in ("depan", "mendatang"):
        ahead = (target - pub.weekday()) % 7 or 7
        day = pub + timedelta(days=ahead)
    else:  # "Rabu ini": the day in the current week
        day = _monday(pub) + timedelta(days=target)
    return _Resolved(day.isoformat(), "", "date")


def _weekday(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    word = m["wd"]
    if not _weekday_case_ok(word) and not m.group(0).lower().startswith("hari"):
        return None
    after = text[m.end():m.end() + 12].lower()
    week_words = r"\s*(ini|lalu|depan|mendatang|kemarin|ke-?\d|pertama|kedua|ketiga|terakhir)"
    if word.lower() == "minggu" and re.match(week_words, after):
        return None  # "minggu lalu" is a week, not Sunday
    if pub is None:
        return _Resolved("", "", "date")
    target = WEEKDAYS[_norm_weekday(word)]
    if _tense(text, m.start(), m.end()) > 0:
        day = pub + timedelta(days=(target - pub.weekday()) % 7)
    else:
        day = pub - timedelta(days=(pub.weekday() - target) % 7)
    return _Resolved(day.isoformat(), "", "date")


def _year_range(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    if not (m["tahun"] or _after_time_word(text, m.start())):
        return None
    y1 = int(m["y"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 <= y1 or y2 - y1 > 50:
        return None
    return _Resolved(str(y1), str(y2), "range")


def _decade(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    y = int(m["y"])
    return _Resolved(str(y), str(y + 9), "range")


def _year(y: str | None) -> int | None:
    if not y:
        return None
    n = int(y)
    return 2000 + n if len(y) == 2 else n


def _year_handler(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    if not (m["tahun"] or m["rel"] or _after_time_word(text, m.start())):
        return None
    before = text[max(0, m.start() - 30):m.start()]
    if re.search(r"(?:[$€£]|Rp\.?)\s*$", before):
        return None
    if re.search(r"\b(?:Nomor|No\.?|Nomer)\s*\d+\s*(?:Tahun\s*)?$", before, re.IGNORECASE):
        return None  # a law's number: "Undang-Undang Nomor 7 Tahun 1999"
    return _Resolved(m["y"], "", "year")


def _relative_day(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    if pub is None:
        return _Resolved("", "", "date")
    word = re.sub(r"\s+", " ", m["word"].lower())
    shift = {"kemarin lusa": -2, "kemarin": -1, "besok": 1, "esok hari": 1, "lusa": 2, "tadi malam": -1,
             "semalam": -1}.get(word, 0)
    return _Resolved((pub + timedelta(days=shift)).isoformat(), "", "date")


def _relative_n(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    raw = (m["n"] or "se").lower()
    n = int(raw) if raw.isdigit() else SMALL_NUMBERS.get(raw, 0)
    unit = m["unit"].lower()
    if n == 0:
        return None
    if pub is None or n < 0:  # "beberapa tahun lalu": vague
        return _Resolved("", "", _unit_kind(unit))
    sign = 1 if m["rel"].lower() in ("lagi", "mendatang") else -1
    return _shift_unit(pub, unit, sign * n)


def _relative_unit(m: re.Match[str], text: str, pub: date | None) -> _Resolved | None:
    unit = m["unit"].lower()
    before = _word_before(text, m.start())
    if before.isdigit() or before in SMALL_NUMBERS or before in _SCALE_WORDS:
        return None  # "berusia 20 tahun ini", "20 juta tahun yang lalu": a duration, not "this year"
    if pub is None:
        return _Resolved("", "", _unit_kind(unit))
    return _shift_unit(pub, unit, _rel_sign(m["rel"]))


_STARTS = _start_table()
_HANDLERS = {
    "paren_date": _paren_date,
    "paren_range": _paren_range,
    "numeric_date": _numeric_date,
    "day_month": _day_month,
    "part_month": _part_month,
    "part_relative": _part_relative,
    "part_year": _part_year,
    "quarter": _quarter,
    "month_range": _month_range,
    "month_year": _month_year,
    "month": _month,
    "weekday_rel": _weekday_rel,
    "weekday": _weekday,
    "year_range": _year_range,
    "decade": _decade,
    "year": _year_handler,
    "relative_day": _relative_day,
    "relative_n": _relative_n,
    "relative_unit": _relative_unit,
}


# -------------------------------------------------------------------------------------- helpers

def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _month_number(word: str, require_case: bool) -> int | None:
    """Month number for a name or abbreviation; lower-case names count only when allowed."""
    bare = word.rstrip(".")
    if require_case and not (bare[:1].isupper() and (bare[1:].islower() or bare.isupper())):
        return None
    key = bare.lower()
    return MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)


def _weekday_case_ok(word: str) -> bool:
    return word[:1].isupper()


def _norm_weekday(word: str) -> str:
    return word.lower().replace("’", "'").replace("jum'at", "jumat")


def _nearest_year(month: int, day: int, pub: date) -> int:
    """The year that puts day/month closest to the publication date (datelines, New Year)."""
    best = pub.year
    best_gap: int | None = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        if not _valid(year, month, day):
            continue
        gap = abs((date(year, month, day) - pub).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _pick_year(month: int, pub: date, tense: int, explicit: bool = False) -> int:
    """Publication year, moved back for a past month after publication, forward for a future one.

    ``explicit`` means the text itself says "mendatang"/"depan", so any earlier month is next year's;
    a future cue elsewhere in the sentence moves only months well before publication (see module doc).
    """
    if tense < 0 and month > pub.month:
        return pub.year - 1
    if tense > 0 and pub.month - month >= (1 if explicit else 3):
        return pub.year + 1
    return pub.year


def _rel_sign(rel: str | None) -> int:
    r = (rel or "").lower()
    if r in ("lalu", "kemarin", "silam"):
        return -1
    if r in ("depan", "mendatang", "lagi"):
        return 1
    return 0


def _tense(text: str, start: int, end: int) -> int:
    """-1 past, +1 future, 0 unknown: the tense cue word nearest the expression in its sentence."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), -1) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) if stops else len(text)
    best: tuple[int, int] | None = None
    for w in re.finditer(r"\w+", text[left:right]):
        word = w.group(0).lower()
        pos = left + w.start()
        if start <= pos < end:
            continue
        sign = -1 if word in PAST_CUES else 1 if word in FUTURE_CUES else 0
        if not sign:
            continue
        dist = start - pos if pos < start else pos - end
        if best is None or dist < best[0]:
            best = (dist, sign)
    return best[1] if best else 0


_PRE_SKIP = frozenset({"pada", "tanggal", "bulan", "tahun", "hari", "di", "dari", "yang", "dengan"})
_SCALE_WORDS = frozenset({"puluh", "belas", "ratus", "ribu", "juta", "miliar", "milyar", "triliun"})


def _role(text: str, start: int) -> str:
    """'period' or 'citation' when the words before the expression give it that role, else ''."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+|[.;!?\"“”]", text[max(0, start - 80):start])]
    # Period: the marker right before the expression ("sejak", "selama", "hingga (tanggal)").
    for w in reversed(words[-3:]):
        if w in PERIOD_MARKERS:
            return "period"
        if w not in _PRE_SKIP:
            break
    # Citation: a quoting verb a few words back in the same clause ("dilansir dari AFP pada").
    for w in reversed(words[-7:]):
        if w in ".;!?\"“”":
            break
        if w in CITATION_MARKERS:
            return "citation"
    return ""


def _range_start(text: str, start: int, end: int) -> str:
    """'period' for the first bound of "dari X hingga Y" / "mulai X sampai Y", else ''."""
    if _word_before(text, start) in ("dari", "mulai") and re.match(r"\s*(?:hingga|sampai|s\.?d\.?)\s",
                                                                   text[end:]):
        return "period"
    return ""


def _after_time_word(text: str, start: int) -> bool:
    """A time word right before ``start``, or "dan" after a dated year ("pada 2022 dan 2023")."""
    if _word_before(text, start) in TIME_PREPOSITIONS:
        return True
    return bool(re.search(r"\b(?:tahun|pada|antara|sejak|hingga|di)\s+(?:19|20)\d\d\s*,?\s+dan\s+$",
                          text[max(0, start - 40):start], re.IGNORECASE))


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([\w'-]+)\W*$", text[max(0, start - 40):start])
    return m.group(1).lower() if m else ""


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + n
    return idx // 12, idx % 12 + 1


def _part_key(part: str) -> str:
    p = re.sub(r"\s+", " ", part.lower())
    return {"medio": "pertengahan", "penghujung": "akhir"}.get(p, p)


def _part_days(part: str, year: int, month: int) -> tuple[int, int]:
    """Day range of a part of a month: awal 1-10, pertengahan 11-20, akhir 21-end, paruh 1-15/16-end."""
    last = calendar.monthrange(year, month)[1]
    return {
        "awal": (1, 10), "pertengahan": (11, 20), "akhir": (21, last),
        "paruh pertama": (1, 15), "paruh kedua": (16, last),
    }[_part_key(part)]


def _part_months(part: str) -> tuple[int, int]:
    """Month range of a part of a year: awal Jan-Mar, pertengahan May-Aug, akhir Oct-Dec, paruh halves."""
    return {
        "awal": (1, 3), "pertengahan": (5, 8), "akhir": (10, 12),
        "paruh pertama": (1, 6), "paruh kedua": (7, 12),
    }[_part_key(part)]


def _unit_kind(unit: str) -> str:
    return {"hari": "date", "pekan": "week", "minggu": "week", "bulan": "month", "tahun": "year"}[unit]


def _shift_unit(pub: date, unit: str, n: int) -> _Resolved:
    if unit == "hari":
        return _Resolved((pub + timedelta(days=n)).isoformat(), "", "date")
    if unit in ("pekan", "minggu"):
        monday = _monday(pub) + timedelta(weeks=n)
        return _Resolved(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week")
    if unit == "bulan":
        year, month = _add_months(pub.year, pub.month, n)
        return _Resolved(f"{year}-{month:02d}", "", "month")
    return _Resolved(str(pub.year + n), "", "year")


def _last_day(value: str) -> date | None:
    """The last calendar day an ISO prefix covers ("2024" -> 2024-12-31, "2024-02" -> 2024-02-29)."""
    try:
        if len(value) == 4:
            return date(int(value), 12, 31)
        if len(value) == 7:
            y, mo = int(value[:4]), int(value[5:7])
            return date(y, mo, calendar.monthrange(y, mo)[1])
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        return None
    return None


def _is_historical(value: str, pub: date | None) -> bool:
    if not value or pub is None:
        return False
    last = _last_day(value)
    return last is not None and (pub - last).days > HISTORICAL_DAYS
