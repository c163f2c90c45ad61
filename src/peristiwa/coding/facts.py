"""Money amounts, counts and percentages stated in Indonesian news, normalised to numbers.

Facts let a reader check the magnitudes around an event (trade volume, casualties, tariff rates)
without re-reading the article, so each one keeps its exact span and what the sentence says it
measures. Indonesian number format is "." for thousands and "," for decimals ("1.500" = 1500,
"218,2" = 218.2); scale words multiply (ribu 1e3, juta 1e6, miliar/milyar 1e9, triliun 1e12; "M"
and "T" after "Rp"). A "." before one or two digits followed by a scale word is a decimal point
("4.5 juta"), since no thousands group has fewer than three digits.

What is *not* a fact: years, dates and the day numbers of datelines ("(12/3)") — their spans come
from :func:`peristiwa.coding.timex.find_times` —, clock times ("pukul 22.00"), ordinals ("ke-47"),
article and law numbers ("Pasal 5", "Nomor 12"), ages in parentheses ("(68)"), sports scores
("4-1") and durations ("12 jam", "tiga hari"), which describe a span rather than an amount.
Number words count up to the thousands ("dua tahanan", "lima ratus ribu"); "satu" alone is not
reported (it mostly means "a"), and vague amounts ("puluhan", "ribuan") have no value to report.

Known gap: :class:`peristiwa.model.Fact` has no field for qualifiers ("lebih dari", "sedikitnya",
"hampir"); :func:`find_amounts` returns them for callers that want them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from peristiwa.coding.timex import find_times
from peristiwa.model import Fact

SCALES: dict[str, float] = {
    "ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
    # "Rp 350 jutaan" (some 350 million): the order of magnitude is what the text gives
    "ribuan": 1e3, "jutaan": 1e6, "miliaran": 1e9, "triliunan": 1e12,
}
# Abbreviated scales used only right after a currency sign ("Rp 60 M", "Rp 162 T").
_SIGN_SCALES: dict[str, float] = {"M": 1e9, "T": 1e12}

PREFIX_CURRENCIES: dict[str, str] = {
    "rp": "IDR", "rp.": "IDR", "idr": "IDR", "us$": "USD", "usd": "USD", "$": "USD", "s$": "SGD",
    "sgd": "SGD", "a$": "AUD", "aud": "AUD", "hk$": "HKD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "rm": "MYR", "myr": "MYR", "cny": "CNY", "rmb": "CNY",
}
SUFFIX_CURRENCIES: dict[str, str] = {
    "dolar": "USD", "dollar": "USD", "rupiah": "IDR", "euro": "EUR", "yuan": "CNY", "renminbi": "CNY",
    "ringgit": "MYR", "yen": "JPY", "won": "KRW", "pound": "GBP", "poundsterling": "GBP",
    "pound sterling": "GBP", "rupee": "INR", "rubel": "RUB", "baht": "THB", "riyal": "SAR",
    "dirham": "AED", "shekel": "ILS", "lira": "TRY",
}
DOLLAR_COUNTRIES: dict[str, str] = {
    "as": "USD", "amerika serikat": "USD", "amerika": "USD", "singapura": "SGD", "australia": "AUD",
    "hong kong": "HKD", "kanada": "CAD", "selandia baru": "NZD", "taiwan": "TWD", "brunei": "BND",
}

NUMBER_WORDS: dict[str, int] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000, "sejuta": 1_000_000,
}
_MULTIPLIERS: dict[str, int] = {"puluh": 10, "ratus": 100}
_WORD_SCALES: dict[str, int] = {
    "ribu": 1000, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12,
}

# Nouns after a number that make it a duration, a rank or a non-count, not a quantity.
NON_COUNT_NOUNS: frozenset[str] = frozenset({
    "detik", "menit", "jam", "hari", "malam", "pekan", "minggu", "bulan", "tahun", "dekade", "abad",
    "windu", "kali", "kuartal", "semester", "triwulan", "periode", "tahap", "babak", "gol", "poin",
    "set", "ronde", "persen", "derajat", "besar", "kecil", "terakhir", "pertama", "lalu", "lagi",
    "lainnya", "di", "ke", "dari", "pada", "dan", "atau", "yang", "untuk", "dengan", "dalam", "oleh",
    "sebagai", "hingga", "sampai", "tersebut", "ini", "itu", "adalah", "yakni", "yaitu", "per",
    "sebelumnya", "kemudian", "lebih", "kurang", "saja", "pun", "juga", "sekitar", "terhadap",
    "bagi", "menjadi", "jadi", "secara", "sejak", "selama", "tahunan", "bulanan", "juta", "ribu",
    "miliar", "milyar", "triliun", "ratus", "puluh", "belas", "dolar", "dollar", "rupiah", "euro",
    "wib", "wita", "wit", "sen",
})
# Relational heads whose next word completes the unit ("kepala negara", "warga sipil").
_COMPOUND_HEADS = frozenset({"kepala", "anggota", "warga", "personel", "prajurit", "tentara", "unit",
                             "buah", "ekor", "pasukan", "kapal", "pesawat", "anak"})
_BEFORE_NOT_AMOUNT = frozenset({
    "pukul", "jam", "nomor", "no", "pasal", "ayat", "ke", "kode", "edisi", "seri", "versi", "rt",
    "rw", "tanggal", "halaman", "lantai", "nomer", "tahun", "angka", "level", "tingkat", "gelombang",
    "jilid", "bab", "pp", "uu", "perpres", "perppu", "km",
})
# What a count of people is about when the sentence says it next to the number.
CASUALTY_WORDS: dict[str, str] = {
    "tewas": "tewas", "meninggal": "tewas", "terbunuh": "tewas", "menewaskan": "tewas",
    "membunuh": "tewas", "gugur": "tewas", "terluka": "terluka", "luka-luka": "terluka",
    "luka": "terluka", "cedera": "terluka", "melukai": "terluka", "hilang": "hilang",
    "mengungsi": "mengungsi", "mengungsikan": "mengungsi", "dievakuasi": "dievakuasi",
    "mengevakuasi": "dievakuasi", "ditangkap": "ditangkap", "menangkap": "ditangkap",
    "ditahan": "ditahan", "menahan": "ditahan", "diculik": "diculik", "disandera": "disandera",
    "dibebaskan": "dibebaskan", "membebaskan": "dibebaskan", "dipulangkan": "dipulangkan",
    "terdampak": "terdampak",
    "memulangkan": "dipulangkan", "dideportasi": "dideportasi", "dideportasikan": "dideportasi",
}
# Verbs linking a subject to its amount ("Perdagangan ... mencapai $218,2 miliar").
LINKING_WORDS = frozenset({
    "mencapai", "sebesar", "senilai", "sebanyak", "berjumlah", "menjadi", "jadi", "naik", "turun",
    "meningkat", "menurun", "bertambah", "berkurang", "tercatat", "adalah", "yakni", "yaitu",
    "melonjak", "anjlok", "merosot", "menembus", "bernilai", "seharga", "total", "totalnya",
})
_QUALIFIERS = frozenset({
    "lebih", "dari", "kurang", "sekitar", "hampir", "sedikitnya", "setidaknya", "paling", "sedikit",
    "tidak", "kira-kira", "kurang-lebih", "hingga", "sampai", "nyaris", "mendekati", "minimal",
    "maksimal", "sekurangnya", "sekurang-kurangnya", "sebanyak-banyaknya", "lebih-kurang", "ada",
    "mulai", "hanya", "sebesar-besarnya", "kisaran", "di", "setara", "atau",
})
# Nouns that name something measured in money, rates or counts; without a linking verb, the words
# right before an amount are its measure only when they contain one ("tarif impor 19 persen").
MEASURE_NOUNS = frozenset({
    "tarif", "bea", "pajak", "bunga", "inflasi", "diskon", "potongan", "biaya", "dana", "anggaran",
    "nilai", "harga", "gaji", "upah", "utang", "pinjaman", "investasi", "ekspor", "impor", "subsidi",
    "bantuan", "denda", "kerugian", "keuntungan", "laba", "pendapatan", "penjualan", "produksi",
    "pertumbuhan", "suara", "saham", "dividen", "kontrak", "modal", "belanja", "tebusan", "kompensasi",
    "hibah", "kuota", "target", "defisit", "surplus", "cadangan", "royalti", "premi", "iuran",
    "suap", "transaksi", "perdagangan", "omzet", "aset", "kekayaan", "devisa", "alokasi", "pagu",
    "santunan", "insentif", "tunjangan", "uang", "ganti", "rugi", "elektabilitas", "partisipasi",
    "pengangguran", "kemiskinan", "korban", "kenaikan", "penurunan", "bagian", "porsi", "kontribusi",
})
_AUXILIARIES = frozenset({
    "telah", "sudah", "kini", "hanya", "akan", "diperkirakan", "diprediksi", "masih", "bisa", "dapat",
    "baru", "saat", "ini", "sempat", "pun", "juga", "tahun", "lalu", "bakal",
})
_NP_STOP = frozenset({
    "dan", "atau", "tetapi", "namun", "bahwa", "karena", "ketika", "saat", "setelah", "sebelum",
    "menurut", "kata", "ujar", "sedangkan", "sementara", "jika", "meski", "meskipun", "sehingga",
    "hingga", "sejak",
    "sebanyak", "sebesar", "senilai", "mencapai", "sebelumnya", "kini", "yang", "adalah", "yakni", "yaitu",
    "serta", "juta", "ribu", "miliar", "milyar", "triliun", "persen", "dolar", "dollar", "rupiah",
    *LINKING_WORDS,
})
_PREPOSITIONS = frozenset({
    "ke", "di", "dari", "pada", "untuk", "kepada", "terhadap", "oleh", "dengan", "bagi",
})
_VERB_PREFIXES = ("me", "di", "ber", "ter")
_NOT_VERBS = frozenset({"menteri", "media", "militer", "dialog", "diplomat", "direktur", "berita",
                        "tersangka", "terdakwa", "terbesar", "tertinggi", "terakhir", "bersama"})

# Thousands groups, comma-grouped millions, a decimal dot before a scale word, plain (comma decimal).
_NUM = (r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}"
        r"|\d+\.\d{1,2}(?=\s*(?:triliun|miliar|milyar|juta|ribu))|\d+(?:,\d+)?)")
_DIGIT_WORDS = r"satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|seribu|sejuta"
_NUMWORD = (rf"(?:{_DIGIT_WORDS})\b(?:\s+(?:{_DIGIT_WORDS}|belas|puluh|ratus|ribu|juta|miliar|milyar"
            r"|triliun)\b)*\s+")
_SCALE = r"(?:\s*(?P<scale>triliun|miliar|milyar|juta|ribu|jt|rb)\b)?"
_PREFIX = r"(?P<cur>Rp\.?|IDR|US\$|USD|S\$|SGD|A\$|AUD|HK\$|\$|€|EUR|£|GBP|¥|JPY|RM|MYR|CNY|RMB)"
_SUFFIX = (r"(?P<suf>pound\s+sterling|poundsterling|dolar|dollar|rupiah|euro|yuan|renminbi|ringgit|yen|won"
           r"|pound|rupee|rubel|baht|riyal|dirham|shekel|lira)\b"
           r"(?:\s+(?P<country>Amerika\s+Serikat|AS|Amerika|Singapura|Australia|Hong\s+Kong|Kanada"
           r"|Selandia\s+Baru|Taiwan|Brunei)\b)?")

_MONEY_PREFIX_RE = re.compile(
    rf"(?<![\w$€£¥]){_PREFIX}\s?(?P<num>{_NUM})(?:\s*(?P<scale>triliunan|miliaran|jutaan|ribuan|triliun|miliar"
    rf"|milyar|juta|ribu|jt|rb)\b"
    rf"|\s?(?P<sign_scale>[MT])\b)?"
)
_MONEY_SUFFIX_RE = re.compile(rf"(?<![\w.,/])(?P<num>{_NUM}){_SCALE}\s+{_SUFFIX}", re.I)
_MONEY_WORDS_RE = re.compile(rf"\b(?P<words>{_NUMWORD}){_SUFFIX}", re.I)
_PERCENT_RE = re.compile(rf"(?<![\w.,/-])(?P<num>{_NUM})\s*(?:%|persen\b|per\s+sen\b)", re.I)
_PERCENT_WORDS_RE = re.compile(rf"\b(?P<words>{_NUMWORD})(?:persen|per\s+sen)\b", re.I)
_QUANTITY_RE = re.compile(rf"(?<![\w.,/:-])(?P<num>{_NUM}){_SCALE}\s+(?P<noun>[a-z][a-z-]*)", re.I)
_QUANTITY_WORDS_RE = re.compile(rf"\b(?P<words>{_NUMWORD})(?P<noun>[a-z][a-z-]*)", re.I)


@dataclass(frozen=True, slots=True)
class Amount:
    """One amount with the qualifier before it ("lebih dari", "sedikitnya"), before it becomes a Fact."""

    kind: str
    text: str
    value: float
    unit: str
    start: int
    end: int
    qualifier: str = ""
    measures: str = ""


def parse_number(text: str) -> float | None:
    """An Indonesian-format number ("1.500" -> 1500, "218,2" -> 218.2, "4.5" -> 4.5), else None."""
    s = text.strip()
    if re.match(r"0\d", s):
        return None  # "025": a number broken across a line in the source, not a value
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d+(?:,\d+)?", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    return None


def parse_number_words(text: str) -> int | None:
    """The value of Indonesian number words ("dua ratus lima puluh ribu" -> 250000), else None."""
    words = text.lower().split()
    if not words:
        return None
    total, current, last = 0, 0, 0  # last: the digit word a following belas/puluh/ratus applies to
    for w in words:
        if w in NUMBER_WORDS:
            value = NUMBER_WORDS[w]
            if value >= 1000:  # seribu, sejuta: a scale with "one" built in
                total += value
                current, last = 0, 0
            else:
                current += value
                last = value if value < 10 else 0
        elif w == "belas" or w in _MULTIPLIERS:
            if not last:
                return None
            current += 10 if w == "belas" else last * (_MULTIPLIERS[w] - 1)
            last = 0
        elif w in _WORD_SCALES:
            total += (current or 1) * _WORD_SCALES[w]
            current, last = 0, 0
        else:
            return None
    return total + current


def find_amounts(text: str) -> list[Amount]:
    """All money amounts, percentages and counts in ``text``, left to right, non-overlapping."""
    blocked = [(t.start, t.end) for t in find_times(text, None)]
    found: list[Amount] = []

    def add(amount: Amount | None) -> None:
        # first come, first kept: a span already taken (by a time or an earlier amount) is not one
        if amount is not None and not any(amount.start < e and s < amount.end for s, e in blocked):
            found.append(amount)
            blocked.append((amount.start, amount.end))

    for m in _MONEY_PREFIX_RE.finditer(text):
        add(_prefix_money(text, m))
    word_starts = _number_word_starts(text)
    for pattern in (_MONEY_SUFFIX_RE, _MONEY_WORDS_RE):
        for m in _matches(pattern, text, word_starts):
            add(_suffix_money(text, m))
    for pattern in (_PERCENT_RE, _PERCENT_WORDS_RE):
        for m in _matches(pattern, text, word_starts):
            add(_percent(text, m))
    for pattern in (_QUANTITY_RE, _QUANTITY_WORDS_RE):
        for m in _matches(pattern, text, word_starts):
            add(_quantity(text, m))
    found.sort(key=lambda a: a.start)
    return found


def _prefix_money(text: str, m: re.Match[str]) -> Amount | None:
    """Money written currency first ("Rp 5 triliun", "US$ 2,5 miliar", "Rp5 T")."""
    number = parse_number(m["num"])
    if number is None:
        return None
    scale = SCALES.get((m["scale"] or "").lower(), 1.0)
    if m["sign_scale"]:
        if not m["cur"].lower().startswith("rp"):
            return None
        scale = _SIGN_SCALES[m["sign_scale"]]
    unit = PREFIX_CURRENCIES[m["cur"].lower()]
    value = _scaled(number, scale)
    return Amount("money", m.group(0), value, unit, m.start(), m.end(), _qualifier(text, m.start()))


def _suffix_money(text: str, m: re.Match[str]) -> Amount | None:
    """Money written currency last, in figures or in words ("5 miliar dolar", "lima juta rupiah")."""
    if "words" in m.groupdict():
        words_value = parse_number_words(m["words"])
        value = float(words_value) if words_value else None
    else:
        number = parse_number(m["num"])
        scale = SCALES.get((m["scale"] or "").lower(), 1.0)
        value = None if number is None else _scaled(number, scale)
    if value is None:
        return None
    return Amount("money", m.group(0).rstrip(), value, _suffix_currency(m), m.start(), m.end(),
                  _qualifier(text, m.start()))


def _percent(text: str, m: re.Match[str]) -> Amount | None:
    """A percentage in figures or in words ("19 persen", "sepuluh persen")."""
    if "words" in m.groupdict():
        words_value = parse_number_words(m["words"])
        value = float(words_value) if words_value is not None else None
    else:
        value = parse_number(m["num"])
    if value is None:
        return None
    return Amount("percent", m.group(0), value, "%", m.start(), m.end(), _qualifier(text, m.start()))


def extract_facts(
    text: str, article_id: str, sentences: Sequence[tuple[int, int]] | None = None
) -> list[Fact]:
    """The :class:`~peristiwa.model.Fact` list of an article (or of any text).

    ``sentences`` are (start, end) character spans; when given, each fact gets the index of the
    sentence holding it, and ``measures`` is read inside that sentence only.
    """
    spans = list(sentences) if sentences is not None else _split_sentences(text)
    facts: list[Fact] = []
    amounts = find_amounts(text)
    for k, amount in enumerate(amounts):
        index = next((i for i, (s, e) in enumerate(spans) if s <= amount.start < e), -1)
        s_start, s_end = spans[index] if index >= 0 else (0, len(text))
        # Read the context only up to the neighbouring amounts: "Rp1,5 triliun serta Rp 500.000"
        # must not make "triliun serta" the measure of the second amount.
        if k > 0:
            s_start = max(s_start, amounts[k - 1].end)
        if k + 1 < len(amounts):
            s_end = min(s_end, amounts[k + 1].start)
        measures = _measures(text, s_start, s_end, amount)
        facts.append(
            Fact(
                article_id=article_id,
                kind=amount.kind,  # type: ignore[arg-type]
                text=amount.text,
                value=amount.value,
                unit=amount.unit,
                start=amount.start,
                end=amount.end,
                sentence_index=index if sentences is not None else -1,
                measures=measures,
            )
        )
    return facts


# ------------------------------------------------------------------------------------- internals

def _scaled(number: float, scale: float) -> float:
    """``number * scale`` computed in decimal, so "256,10 triliun" is exactly 256100000000000."""
    return float(Decimal(repr(number)) * Decimal(repr(scale)))


_WORD_PATTERNS = (_MONEY_WORDS_RE, _PERCENT_WORDS_RE, _QUANTITY_WORDS_RE)
_LETTERS = re.compile(r"[^\W\d_]+")
_FIRST_NUMBER_WORDS = frozenset(NUMBER_WORDS)


def _number_word_starts(text: str) -> list[int]:
    """Where a number word begins ("dua", "Lima"): the only places a word-number pattern can match."""
    return [m.start() for m in _LETTERS.finditer(text) if m.group(0).lower() in _FIRST_NUMBER_WORDS]


def _matches(pattern: re.Pattern[str], text: str, word_starts: list[int]) -> list[re.Match[str]]:
    """Non-overlapping matches; word-number patterns are tried only at number words (much faster)."""
    if pattern not in _WORD_PATTERNS:
        return list(pattern.finditer(text))
    found: list[re.Match[str]] = []
    end = -1
    for pos in word_starts:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m:
            found.append(m)
            end = m.end()
    return found


def _suffix_currency(m: re.Match[str]) -> str:
    suffix = re.sub(r"\s+", " ", m["suf"].lower())
    if suffix in ("dolar", "dollar") and m["country"]:
        return DOLLAR_COUNTRIES.get(re.sub(r"\s+", " ", m["country"].lower()), "USD")
    return SUFFIX_CURRENCIES[suffix]


def _qualifier(text: str, start: int) -> str:
    m = re.search(r"(lebih\s+dari|kurang\s+dari|sedikitnya|setidaknya|sekurang-kurangnya|hampir|sekitar|"
                  r"kira-kira|nyaris|mendekati|paling\s+(?:sedikit|banyak|tidak)|lebih\s+kurang)\s*$",
                  text[max(0, start - 30):start], re.I)
    return m.group(1).lower() if m else ""


def _quantity(text: str, m: re.Match[str]) -> Amount | None:
    """A count ("1.500 orang", "dua tahanan") when the number is followed by a counted noun."""
    noun = m["noun"]
    if not noun.islower() or noun.lower() in NON_COUNT_NOUNS or len(noun) < 2:
        return None
    if "words" in m.groupdict():
        words_value = parse_number_words(m["words"])
        if words_value is None or words_value < 2:
            return None  # "satu" mostly means "a"
        value = float(words_value)
    else:
        number = parse_number(m["num"])
        if number is None or re.fullmatch(r"(?:19|20)\d\d", m["num"]):
            return None  # a year
        value = _scaled(number, SCALES.get((m["scale"] or "").lower(), 1.0))
    before = re.search(r"([\w.]+)\s*$", text[max(0, m.start() - 20):m.start()])
    if before and before.group(1).lower().rstrip(".") in _BEFORE_NOT_AMOUNT:
        return None
    unit = noun
    end = m.end("noun")
    rest = text[end:]
    follow = re.match(r"\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)", rest)
    compound = re.match(r"\s+([a-z][a-z-]+)", rest)
    if follow and not re.match(r"\s+(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b", rest):
        unit = f"{noun} {follow.group(1)}"
        end += follow.end()
    elif noun.lower() in _COMPOUND_HEADS and compound and compound.group(1) not in NON_COUNT_NOUNS \
            and compound.group(1) not in CASUALTY_WORDS and not _is_verb(compound.group(1)):
        unit = f"{noun} {compound.group(1)}"
        end += compound.end()
    start = m.start()
    return Amount("quantity", text[start:end], value, unit, start, end, _qualifier(text, start))


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans for texts given without the pipeline's own (dots inside numbers kept)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?](?=\s+[\"“A-Z(])|\n+", text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _words(segment: str) -> list[str]:
    return re.findall(r"[\w$€£¥%-]+(?:[.,]\d+)*|[^\w\s]", segment)


def _is_verb(word: str) -> bool:
    w = word.lower()
    return len(w) > 4 and w.startswith(_VERB_PREFIXES) and w not in _NOT_VERBS and w not in CASUALTY_WORDS


def _measures(text: str, s_start: int, s_end: int, amount: Amount) -> str:
    """What the sentence says the amount measures ("perdagangan antara kedua negara", "tewas"), or ""."""
    before = _words(text[s_start:amount.start])
    while before and before[-1].lower() in _QUALIFIERS:
        before.pop()
    after = _words(text[amount.end:s_end])
    if before and before[-1].lower() in CASUALTY_WORDS:
        return CASUALTY_WORDS[before[-1].lower()]  # "menewaskan sedikitnya 12 orang"
    if before and before[-1].lower() in LINKING_WORDS:
        link = before.pop().lower()
        while before and before[-1].lower() in _AUXILIARIES:
            before.pop()
        phrase = _noun_phrase(before, limit=6)
        if phrase or link not in ("sebesar", "senilai", "sebanyak", "seharga"):
            return phrase
        # "Sebanyak 9 orang dilaporkan tewas": nothing before the link, so read what follows.
    if amount.kind == "quantity":
        return _casualty_after(after)
    words = _noun_phrase(before, limit=3, keep_case=True).split()
    # Without a linking verb only a phrase headed by a measure noun counts ("tarif impor 19 persen",
    # "diskon tarif 20 persen"); a name ("Cina 1 juta yuan") or an adverb ("hanya") is not.
    while words and words[0].lower() not in MEASURE_NOUNS:
        words.pop(0)
    return _lower_first(" ".join(words)) if words else ""


def _casualty_after(after: list[str]) -> str:
    """A casualty word right after a count, past a few glue words ("9 orang dilaporkan tewas")."""
    for w in after[:4]:
        lw = w.lower()
        if lw in CASUALTY_WORDS:
            return CASUALTY_WORDS[lw]
        if lw not in ("lainnya", "dilaporkan", "telah", "yang", "sudah", "dinyatakan", "di", "antaranya"):
            break
    return ""


def _noun_phrase(words: list[str], limit: int, keep_case: bool = False) -> str:
    """The noun phrase ending the word list, stopping at punctuation, verbs and clause words."""
    phrase: list[str] = []
    for w in reversed(words):
        lw = w.lower()
        if not re.fullmatch(r"[\w-]+", w) or lw in _NP_STOP or _is_verb(w) or w.isdigit():
            break
        phrase.append(w)
        if len(phrase) >= limit:
            break
    phrase.reverse()
    while phrase and phrase[-1].lower() in _PREPOSITIONS:
        phrase.pop()
    if not phrase or phrase[0].lower() in _PREPOSITIONS:
        return ""  # the object of a preposition ("ke Brasil jadi 10 persen") is not the measure
    joined = " ".join(phrase)
    return joined if keep_case else _lower_first(joined)


def _lower_first(phrase: str) -> str:
    """Lower-case a sentence-initial capital ("Perdagangan ..."), never an acronym or a name inside."""
    first, _, rest = phrase.partition(" ")
    if first[:1].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first
