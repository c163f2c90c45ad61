"""On whose word an event is reported: a named speaker, an institution, a medium or unnamed sources.

Event data users weigh "the king will visit Japan" differently when it comes from the palace than
from "five sources familiar with the matter", so every event carries the source phrase as
written and whether the source is anonymous. The code stays "" here: resolving "duta besar Cina
untuk Bern" to an actor code is the coder's job, with its dictionaries.

Indonesian news marks sources in a handful of ways, tried in this order (a person beats the medium
that quoted them; the first pattern found wins within a kind):

1. a reporting verb after the quote or clause: "..., kata Budi kepada wartawan", "ujar X",
   "ungkap X", "jelas X", "tutur X" (and the pronoun forms "ujarnya", "kata dia", which take the
   speaker of the previous sentence);
2. a subject before a verb of saying that opens the reported content: "X mengatakan, ...",
   "X menyatakan bahwa ...";
3. "menurut X" (a leading report noun is dropped: "menurut pernyataan duta besar Cina untuk Bern"
   -> "duta besar Cina untuk Bern");
4. a passive report: "demikian diungkapkan oleh X", "seperti disampaikan X";
5. the medium: "seperti dilansir X", "dikutip dari X", "melansir X";
6. the *next* sentence pointing back: "Tiga sumber yang mengetahui rencana itu menyampaikan kabar
   tersebut.", "Hal itu disampaikan X ...".

A source is anonymous when its head is an unnamed person ("sumber", "pejabat", "diplomat",
"saksi", "seorang warga"), or it says so ("yang enggan disebutkan namanya", "anonim"), unless a
name follows in apposition ("seorang pejabat, Budi Santoso,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peristiwa.model import Attribution

QUOTE_VERBS: tuple[str, ...] = (
    "kata", "ujar", "ungkap", "jelas", "tutur", "ucap", "imbuh", "tambah", "lanjut", "terang", "tegas",
    "papar", "sebut", "tulis", "pungkas", "sambung", "timpal", "kilah",
    "katanya", "ujarnya", "ungkapnya", "jelasnya", "tuturnya", "ucapnya", "imbuhnya", "tambahnya",
    "lanjutnya", "terangnya", "tegasnya", "paparnya", "sebutnya", "tulisnya", "pungkasnya",
    "sambungnya", "timpalnya", "kilahnya", "akunya",
    # the other verbs that close a quote in the news corpus (",\" tandas X", ",\" tutupnya"),
    # each seen at least twice there after a closing quote
    *(v + suffix for v in (
        "tandas", "tutup", "jawab", "tanya", "beber", "harap", "cerita", "pesan", "cetus", "sahut",
        "imbau", "kenang", "sanggah", "celetuk", "seru", "tukas", "urai", "saran",
    ) for suffix in ("", "nya")),
)
SAY_VERBS: tuple[str, ...] = (
    "mengatakan", "menyatakan", "menjelaskan", "menyebutkan", "menyebut", "mengungkapkan",
    "menegaskan", "menyampaikan", "menuturkan", "menambahkan", "memaparkan", "menerangkan",
    "mengklaim", "melaporkan", "mengakui", "membenarkan", "mengonfirmasi", "mengkonfirmasi",
    "mengumumkan", "berkata", "bilang", "menilai", "berpendapat", "mengingatkan", "memperingatkan",
    "menekankan", "mengutarakan", "mencatat", "berujar", "bertutur",
)
PASSIVE_SAY_VERBS: tuple[str, ...] = (
    "diungkapkan", "dikatakan", "disampaikan", "dijelaskan", "ditegaskan", "dinyatakan",
    "diutarakan", "diterangkan", "dipaparkan", "disebutkan", "diumumkan", "dilaporkan", "ditulis",
)
MEDIA_CUES: tuple[str, ...] = ("dilansir", "dikutip", "melansir", "mengutip", "diberitakan", "memberitakan")
# Nouns that name an unnamed person: the source is anonymous when one heads the phrase.
ANONYMOUS_HEADS = frozenset({
    "sumber", "narasumber", "pejabat", "diplomat", "saksi", "seseorang", "informan", "warga",
    "petugas", "pegawai", "staf", "karyawan",
})
# Lower-case words that can open a named source phrase ("kata juru bicara Kemlu", "ujar kuasa hukum").
_LOWER_TITLES = frozenset({
    "juru", "jubir", "ketua", "kepala", "menteri", "presiden", "wakil", "direktur", "anggota", "pengamat",
    "analis", "pakar", "ahli", "guru", "dosen", "peneliti", "kuasa", "pengacara", "jaksa", "hakim",
    "duta", "dubes", "perdana", "sekretaris", "gubernur", "bupati", "wali", "kapolri", "kapolda",
    "kapolres", "panglima", "pihak", "pemerintah", "kementerian", "kedutaan", "otoritas", "militer",
    "tentara", "polisi", "kepolisian", "badan", "lembaga", "komisi", "organisasi", "kelompok",
    "pasukan", "kantor", "tim", "koordinator", "komandan", "pimpinan", "pemimpin", "mantan",
    "aktivis", "politikus", "politisi", "ekonom", "rektor", "advokat", "penyidik",
})
ANONYMITY_MARKERS: tuple[str, ...] = (
    "enggan disebut", "tidak mau disebut", "tak mau disebut", "tidak ingin disebut", "tak ingin disebut",
    "tidak bersedia disebut", "minta namanya", "meminta namanya", "tidak disebutkan namanya",
    "anonim", "tanpa nama", "yang mengetahui", "yang terinformasi", "yang memahami", "yang akrab",
    "yang dekat dengan", "yang mengetahui", "yang mengikuti", "yang terlibat", "yang tidak berwenang",
)
PRONOUNS = frozenset({"ia", "dia", "beliau", "mereka", "pihaknya", "dirinya", "kami", "saya", "nya"})
_QUANTIFIERS = frozenset({
    "beberapa", "para", "sejumlah", "seorang", "salah", "satu", "dua", "tiga", "empat", "lima", "enam",
    "tujuh", "delapan", "sembilan", "sepuluh", "banyak", "sebuah", "orang", "kedua", "ketiga", "seluruh",
})
_REPORT_NOUNS = frozenset({
    "pernyataan", "keterangan", "laporan", "data", "informasi", "catatan", "rilis", "siaran", "situs",
    "penjelasan", "pengumuman", "unggahan", "akun", "analisis", "hasil", "survei", "perhitungan",
    "pers", "resmi", "tertulis", "dari",
})
_MEDIA_WORDS = ("kantor berita", "news", "agency", "media", "harian", "surat kabar", "majalah", "situs",
                "laman", "televisi", "stasiun", "radio", "reuters", "afp", "associated press", "bloomberg",
                "cnn", "bbc", "al jazeera", "antara", "xinhua", "tass", "kompas", "tempo", "detik", "akun",
                "instagram", "youtube", ".com")
# Words after which the source phrase has ended ("kata Budi *kepada* wartawan").
_PHRASE_STOP = frozenset({
    "pada", "kepada", "dalam", "saat", "ketika", "seusai", "usai", "setelah", "sebelum", "melalui",
    "lewat", "via", "seperti", "sebagaimana", "dikutip", "dilansir", "sembari", "sambil", "bahwa",
    "sewaktu", "terkait", "mengenai", "soal", "tentang", "atas", "selaku", "sebagai",
    "kemarin", "hari", "tadi", "sekarang", "lalu", "juga", "pun", "lagi", "menurut", "sesuai",
    "tanpa", "dengan", "seraya", "secara", "sebelumnya", "kemudian",
})
_TITLE_WORDS = frozenset({"duta", "dubes", "kedutaan", "konsul", "konsulat", "perwakilan", "kantor", "kbri",
                          "kepala", "besar"})
_WEEKDAYS = frozenset({"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"})
_LEADING_DISCOURSE = re.compile(
    r"^(?:sementara\s+itu|selain\s+itu|namun|tetapi|lebih\s+lanjut|di\s+sisi\s+lain|adapun|kemudian|"
    r"sedangkan|meski\s+demikian|dalam\s+kesempatan\s+itu|terpisah|secara\s+terpisah)\s*,?\s*",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"\b(?:setelah|sesudah|sebelum|karena|ketika|saat|bahwa|sehingga|namun|tetapi)\s+", re.IGNORECASE
)
_TOKEN = re.compile(r"[@\w'’&-]+(?:\.[@\w'’&-]+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Source:
    """A source phrase with where it was found.

    ``start``/``end`` are offsets into the sentence named by ``where`` ("sentence", "next",
    "previous"); ``kind`` is "speaker", "media" or "pronoun" (a pronoun nobody could resolve);
    ``cue`` is the word that marked it ("menurut", "kata", "dilansir", ...).
    """

    text: str
    start: int
    end: int
    anonymous: bool
    kind: str
    where: str
    cue: str

    def to_model(self) -> Attribution:
        return Attribution(text=self.text, code="", anonymous=self.anonymous)


def find_attribution(
    sentence: str, next_sentence: str | None = None, previous_sentence: str | None = None
) -> Attribution | None:
    """The source the sentence is reported on, as the model's :class:`Attribution`, or None."""
    source = find_source(sentence, next_sentence, previous_sentence)
    return source.to_model() if source else None


def find_source(
    sentence: str, next_sentence: str | None = None, previous_sentence: str | None = None
) -> Source | None:
    """The source with its span (see the module doc for the patterns and their order)."""
    found = _in_sentence(sentence)
    if found is not None and found.kind == "pronoun" and previous_sentence:
        earlier = _in_sentence(previous_sentence)
        if earlier is not None and earlier.kind == "speaker":
            return Source(earlier.text, earlier.start, earlier.end, earlier.anonymous, earlier.kind,
                          "previous", earlier.cue)
    if found is not None:
        return found
    if next_sentence:
        if _opens_quote(sentence):
            # a quotation running on into the next sentence is attributed where it closes:
            # '"Jadi, kami membuat kesepakatan. Saya berbicara dengan presidennya," ucap dia.'
            quoted = _quote_verb(next_sentence)
            if quoted is not None:
                return Source(quoted.text, quoted.start, quoted.end, quoted.anonymous, quoted.kind,
                              "next", quoted.cue)
        return _pointing_back(next_sentence)
    return None


def _opens_quote(sentence: str) -> bool:
    """Whether the sentence opens a quotation it does not close."""
    text = sentence.strip()
    straight = text.count('"')
    return (text[:1] in ('"', "“") and straight % 2 == 1) or text.count("“") > text.count("”")


# ------------------------------------------------------------------------------------- patterns

def _in_sentence(sentence: str) -> Source | None:
    media: Source | None = None
    for finder in (_quote_verb, _subject_verb, _menurut, _passive, _media):
        source = finder(sentence)
        if source is None:
            continue
        if source.kind == "media":
            media = media or source
            continue
        return source
    return media


# quote verbs that open a sentence as another word: "Jelas ...", "Tutup ...", "Harap ..."
_NOT_AT_START = frozenset(
    {"jelas", "tegas", "terang", "sebut", "tambah", "lanjut", "aku", "seru", "tutup", "harap", "pesan",
     "cerita", "tanya", "jawab", "saran", "urai"}
)
_QUOTE_CUES = "|".join(sorted(QUOTE_VERBS, key=len, reverse=True))
_QUOTE_RE = re.compile(
    rf"(?:^|[,\"“”'’]\s*|[.!?][\"”’]\s*)(?:(?:demikian|begitu)\s+)?(?P<cue>{_QUOTE_CUES})\b",
    re.IGNORECASE,
)


def _quote_verb(sentence: str) -> Source | None:
    """"..., kata X" / "ujarnya"."""
    for m in _QUOTE_RE.finditer(sentence):
        cue = m["cue"].lower()
        if cue.endswith("nya"):
            return Source(m["cue"], m.start("cue"), m.end("cue"), False, "pronoun", "sentence", cue)
        if m.start() == 0 and cue in _NOT_AT_START:
            continue  # sentence-initial "Jelas ..." is an adjective, not "explained X"
        phrase = _phrase_after(sentence, m.end("cue"))
        if phrase is None:
            continue
        start, end = phrase
        text = sentence[start:end]
        if text.lower() in PRONOUNS:
            return Source(text, start, end, False, "pronoun", "sentence", cue)
        if not _can_open_source(text):
            continue  # "..., jelas tidak ...": an adverb, not a reporting verb
        return _make(text, start, end, "sentence", cue)
    return None


def _can_open_source(text: str) -> bool:
    """A source phrase starts with a name, a pronoun, a title or an unnamed-person noun."""
    words = text.split()
    first = words[0]
    low = first.lower()
    return (first[:1].isupper() or first[:1] == "@" or low in PRONOUNS or low in ANONYMOUS_HEADS
            or low in _QUANTIFIERS or low in _LOWER_TITLES or any(w[:1].isupper() for w in words[1:]))


_SAY_RE = re.compile(
    rf"\b(?P<cue>{'|'.join(SAY_VERBS)})\b(?P<tail>(?:\s+[\w.'’-]+){{0,6}}?)\s*(?:,|:|\bbahwa\b)",
    re.IGNORECASE,
)


def _subject_verb(sentence: str) -> Source | None:
    """"X mengatakan, ..." / "X menyatakan bahwa ..."."""
    for m in _SAY_RE.finditer(sentence):
        tail = m["tail"].lower().split()
        if tail and tail[0] not in ("kepada", "dalam", "di", "saat", "ketika", "pada", "melalui", "lewat",
                                    "secara", "usai", "seusai", "dengan"):
            continue  # "menyatakan dukungannya ...": the verb has an object, not reported content
        subject = _subject_before(sentence, m.start("cue"))
        if subject is None:
            continue
        start, end = subject
        text = sentence[start:end]
        if text.lower() in PRONOUNS:
            return Source(text, start, end, False, "pronoun", "sentence", m["cue"].lower())
        return _make(text, start, end, "sentence", m["cue"].lower())
    return None


_MENURUT_RE = re.compile(r"\bmenurut\b", re.IGNORECASE)


def _menurut(sentence: str) -> Source | None:
    """"menurut X"."""
    for m in _MENURUT_RE.finditer(sentence):
        phrase = _phrase_after(sentence, m.end(), drop_report_nouns=True)
        if phrase is None:
            continue
        start, end = phrase
        text = sentence[start:end]
        if text.lower() in PRONOUNS or text.lower() in ("saya", "kami", "kita"):
            return Source(text, start, end, False, "pronoun", "sentence", "menurut")
        if not _can_open_source(text):
            continue
        return _make(text, start, end, "sentence", "menurut")
    return None


_PASSIVE_RE = re.compile(
    rf"(?:\b(?:demikian|seperti|sebagaimana|hal\s+(?:itu|ini|tersebut))\s+(?:yang\s+)?|,\s*)"
    rf"(?P<cue>{'|'.join(PASSIVE_SAY_VERBS)})\s+(?:oleh\s+)?",
    re.IGNORECASE,
)


def _passive(sentence: str) -> Source | None:
    """"demikian diungkapkan oleh X" / ", disampaikan X"."""
    for m in _PASSIVE_RE.finditer(sentence):
        phrase = _phrase_after(sentence, m.end())
        if phrase is None:
            continue
        start, end = phrase
        if not _can_open_source(sentence[start:end]):
            continue
        return _make(sentence[start:end], start, end, "sentence", m["cue"].lower())
    return None


_MEDIA_RE = re.compile(
    rf"\b(?P<cue>{'|'.join(MEDIA_CUES)})\s+(?:dari\s+)?(?:laman\s+|situs\s+)?",
    re.IGNORECASE,
)


def _media(sentence: str) -> Source | None:
    """"seperti dilansir X" / "dikutip dari X" / "melansir X"."""
    for m in _MEDIA_RE.finditer(sentence):
        phrase = _phrase_after(sentence, m.end())
        if phrase is None:
            continue
        start, end = phrase
        text = sentence[start:end]
        anonymous = is_anonymous(text)  # "mengutip pejabat yang mengetahui rencana itu"
        return Source(text, start, end, anonymous, "speaker" if anonymous else "media", "sentence",
                      m["cue"].lower())
    return None


_POINTING_BACK_RE = re.compile(
    r"^(?P<subject>.{2,120}?)\s+(?:telah\s+|juga\s+)?(?P<cue>memberikan|menyampaikan|mengungkapkan|membenarkan|"
    r"mengonfirmasi|mengkonfirmasi|mengatakan|menyebutkan|membagikan|membocorkan|melaporkan)\s+"
    r"(?:informasi|kabar|keterangan|hal|berita|pernyataan|laporan|rincian|detail)\s+(?:ini|itu|tersebut)\b",
    re.IGNORECASE,
)
_BACK_PASSIVE_RE = re.compile(
    r"^\s*(?:(?:hal|informasi|kabar|keterangan|pernyataan|pesan|penjelasan|pengumuman|ucapan|komentar)\s+"
    r"(?:ini|itu|tersebut)|demikian)\s+(?:di\w+kan|disampaikan|dikatakan|diungkapkan)\s+(?:oleh\s+)?",
    re.IGNORECASE,
)


def _pointing_back(next_sentence: str) -> Source | None:
    """The next sentence attributes this one: "Lima sumber ... memberikan informasi ini."."""
    m = _POINTING_BACK_RE.match(next_sentence)
    if m:
        start, end = _trim(next_sentence, m.start("subject"), m.end("subject"))
        text = next_sentence[start:end]
        if text and len(text.split()) <= 12:
            return _make(text, start, end, "next", m["cue"].lower())
    m = _BACK_PASSIVE_RE.match(next_sentence)
    if m:
        phrase = _phrase_after(next_sentence, m.end())
        if phrase is not None:
            start, end = phrase
            return _make(next_sentence[start:end], start, end, "next", "pointing-back")
    return None


# ------------------------------------------------------------------------------------- phrases

def _make(text: str, start: int, end: int, where: str, cue: str) -> Source:
    kind = "media" if cue in MEDIA_CUES or _looks_like_media(text) else "speaker"
    return Source(text, start, end, is_anonymous(text), kind, where, cue)


def _looks_like_media(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _MEDIA_WORDS) and not is_anonymous(text)


def is_anonymous(phrase: str) -> bool:
    """Whether a source phrase names nobody ("lima sumber yang mengetahui", "pejabat setempat")."""
    low = " ".join(phrase.lower().split())
    if any(marker in low for marker in ANONYMITY_MARKERS):
        return True
    words = re.findall(r"[\w'-]+", low)
    i = 0
    while i < len(words) and _is_quantifier(words[i]):
        i += 1
    if i >= len(words):
        return False
    if _base(words[i]) not in ANONYMOUS_HEADS:
        return False
    # A name in apposition makes it a named source: "seorang pejabat, Budi Santoso".
    return not re.search(r",\s*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+", phrase)


def _phrase_after(sentence: str, pos: int, drop_report_nouns: bool = False) -> tuple[int, int] | None:
    """The span of the source phrase starting at ``pos`` (see :data:`_PHRASE_STOP`)."""
    tokens = _phrase_tokens(sentence, pos, drop_report_nouns)
    kept: list[tuple[str, int, int]] = []
    anonymous_head = False
    title = False
    k = 0
    while k < len(tokens) and len(kept) < 14:
        word = tokens[k][0]
        low = word.lower()
        if not kept and _leading_word(word):
            k += 1
            continue
        if not re.match(r"[@\w]", word) or _is_bracketed_acronym(tokens, k):
            nxt = _past_mark(tokens, k, kept, anonymous_head)
            if nxt is None:
                break
            kept.extend(tokens[k:nxt])
            k = nxt
            continue
        if _phrase_stops(tokens, k, bool(kept), title, anonymous_head):
            break
        # "beberapa sumber": its "yang ..." clause belongs to the phrase
        anonymous_head = anonymous_head or _anonymous_head(low, kept)
        title = title or low in _TITLE_WORDS
        kept.append(tokens[k])
        k += 1
    while kept and kept[-1][0].lower() in ("dan", "yang", "di", "untuk", "dari", "oleh", "para"):
        kept.pop()
    if not kept:
        return None
    return kept[0][1], kept[-1][2]


def _phrase_tokens(sentence: str, pos: int, drop_report_nouns: bool) -> list[tuple[str, int, int]]:
    """The words from ``pos`` on with their offsets, report nouns first dropped when asked."""
    tokens = [(m.group(0), m.start() + pos, m.end() + pos) for m in _TOKEN.finditer(sentence[pos:])]
    if drop_report_nouns:
        while tokens and tokens[0][0].lower() in _REPORT_NOUNS and len(tokens) > 1:
            tokens.pop(0)
    return tokens


def _leading_word(word: str) -> bool:
    """A quote mark or "oleh"/"dari" before the phrase proper."""
    return word in "\"“”'’" or word.lower() in ("oleh", "dari")


def _anonymous_head(low: str, kept: list[tuple[str, int, int]]) -> bool:
    """An anonymous source noun after nothing but quantifiers ("beberapa sumber")."""
    return _base(low) in ANONYMOUS_HEADS and all(_is_quantifier(t[0]) for t in kept)


def _is_bracketed_acronym(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """An acronym in parentheses at ``k``: "(PBB)"."""
    return (
        tokens[k][0] == "("
        and k + 2 < len(tokens)
        and tokens[k + 2][0] == ")"
        and tokens[k + 1][0].isupper()
        and tokens[k + 1][0].isalpha()
    )


def _past_mark(
    tokens: list[tuple[str, int, int]], k: int, kept: list[tuple[str, int, int]], anonymous_head: bool
) -> int | None:
    """Where the phrase goes on past the mark at ``k`` (an acronym in brackets, a comma before an
    appositive name), or None where the mark ends it."""
    if _is_bracketed_acronym(tokens, k):
        return k + 3
    if tokens[k][0] == "," and kept and anonymous_head is False:
        return _appositive(tokens, k)
    return None


def _phrase_stops(
    tokens: list[tuple[str, int, int]], k: int, started: bool, title: bool, anonymous_head: bool
) -> bool:
    """Whether the word at ``k`` ends the source phrase: a number or weekday, a stop word, "di" or
    "untuk" outside a title (titles keep them: "Duta Besar Jepang untuk PBB"), a relative clause
    outside an anonymous head, "dan" before a lower-case word, a verb."""
    word = tokens[k][0]
    low = word.lower()
    if any(ch.isdigit() for ch in word) or low in _WEEKDAYS:
        return True
    if (low in _PHRASE_STOP and started) or (low in ("di", "untuk") and not title):
        return True
    if low == "yang" and not anonymous_head:
        return True
    if low == "dan" and not (k + 1 < len(tokens) and tokens[k + 1][0][:1].isupper()):
        return True
    return started and _is_verb(word) and not anonymous_head


def _base(word: str) -> str:
    """A reduplicated plural's base ("sumber-sumber" -> "sumber"), else the word."""
    first, _, rest = word.partition("-")
    return first if rest == first else word


def _is_quantifier(word: str) -> bool:
    """"beberapa", "lima", also the clitic form "limanya" some writers use."""
    low = word.lower()
    return low in _QUANTIFIERS or low.removesuffix("nya") in _QUANTIFIERS


def _appositive(tokens: list[tuple[str, int, int]], comma: int) -> int | None:
    """Index after ", Name Name" when a capitalised name of 1-4 words follows a comma, else None."""
    k = comma + 1
    names = 0
    while k < len(tokens) and names < 5 and tokens[k][0][:1].isupper() and tokens[k][0].isalpha() \
            and tokens[k][0].lower() not in _WEEKDAYS:
        names += 1
        k += 1
    if names == 0:
        return None
    if k < len(tokens) and tokens[k][0] not in (",", ".", "!", "?", '"', "”"):
        return None
    return k


def _subject_before(sentence: str, verb_start: int) -> tuple[int, int] | None:
    """The subject between the last clause boundary and a verb of saying."""
    left = sentence[:verb_start]
    marks = (",", ";", ":", '"', "“", "”", "(", ")", " - ", " – ", " — ")
    cut = max((left.rfind(ch) for ch in marks), default=-1)
    if cut >= 0:
        sep = next((s for s in (" - ", " – ", " — ") if left.startswith(s, cut)), "")
        cut += len(sep) if sep else 1
    start = max(cut, 0)
    # A subordinate clause before the subject: "... muncul setelah kantor berita X melaporkan".
    clauses = list(_SUBORDINATE.finditer(left[start:]))
    if clauses:
        start += clauses[-1].end()
    segment = left[start:]
    lead = _LEADING_DISCOURSE.match(segment.lstrip())
    start += len(segment) - len(segment.lstrip()) + (lead.end() if lead else 0)
    words = sentence[start:verb_start].split()
    while words and words[-1].lower() in ("juga", "pun", "kemudian", "lantas", "sebelumnya", "telah",
                                          "pernah", "sempat", "kembali", "lalu", "sendiri", "tidak", "tak",
                                          "selalu", "sudah", "terus", "akan", "hanya", "pun", "bahkan"):
        words.pop()
    if not words or len(words) > 12:
        return None
    first = words[0]
    if not (first[:1].isupper() or first.lower() in PRONOUNS or first.lower() in ANONYMOUS_HEADS
            or first.lower() in _QUANTIFIERS):
        return None
    if any(_is_verb(w) for w in words[1:]) and not is_anonymous(" ".join(words)):
        return None  # a clause, not a noun phrase
    text_start = sentence.index(words[0], start)
    last = words[-1]
    text_end = sentence.index(last, text_start) + len(last)
    return _trim(sentence, text_start, text_end)


def _is_verb(word: str) -> bool:
    low = word.lower()
    return word[:1].islower() and len(low) > 4 and low.startswith(("me", "di", "ber")) and low not in (
        "media", "menteri", "mereka", "diplomat", "direktur", "bersama", "berita", "militer", "dirinya")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\"“”'’,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”'’,."):
        end -= 1
    return start, end
