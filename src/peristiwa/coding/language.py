"""Is this text Indonesian? The coder's gate before any event is coded.

The dictionaries and the trained pipeline are Indonesian, so an English or Malay article would be
coded into nonsense events; the coder skips texts that are not Indonesian and says why. The
statistical guess comes from py3langid, restricted to the languages an Indonesian news feed
actually carries (:data:`LANGUAGES`) so that short headlines are not scattered over 97 labels.
langid often confuses Indonesian with Malay (and sometimes Javanese or Acehnese) because the
languages share most of their vocabulary; a count of words that differ between them
(:data:`INDONESIAN_MARKERS` vs :data:`MALAY_MARKERS`, e.g. "karena"/"kerana", "uang"/"wang",
"polisi"/"polis", "pemerintah"/"kerajaan") and of common Indonesian function words decides.

Very short texts (fewer than :data:`MIN_WORDS` words) cannot be judged: they come back as "und"
with confidence 0 and ``is_indonesian=True``, so a one-line item is coded instead of dropped.
Text with no language content (digits, symbols, keyboard noise) comes back as "und" and is not
Indonesian; so does text without a single letter however short ("!!! ???", ``"-" * 4000``: pure
punctuation is not "too short to judge"), and text of few words drowned in symbols (over
:data:`SHORT_CHARS` visible characters, under 30 % letters).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any

LANGUAGES: tuple[str, ...] = (
    "id", "ms", "jv", "ace", "en", "nl", "de", "fr", "es", "pt", "it", "tl", "ar", "zh", "ja", "ko",
    "ru", "th", "vi", "hi", "zxx",
)
MIN_WORDS = 4
SHORT_CHARS = 40  # a text of fewer words may still be judged as "mostly symbols" past this length
LOW_CONFIDENCE = 0.6  # below this a non-Indonesian langid guess does not close the gate
MAX_CHARS = 4000  # the first few paragraphs decide; longer input only costs time

# Frequent Indonesian (and shared Malay) function words: a text dense in them is Malay-family.
FUNCTION_WORDS = frozenset({
    "yang", "dan", "di", "ke", "dari", "dengan", "untuk", "pada", "ini", "itu", "tidak", "akan",
    "juga", "dalam", "telah", "sudah", "bahwa", "oleh", "karena", "tersebut", "adalah", "kepada",
    "bisa", "saat", "para", "secara", "namun", "serta", "menjadi", "hanya", "lebih", "belum",
    "sebagai", "atau", "tetapi", "kami", "kita", "mereka", "ia", "dia", "sejak", "hingga", "agar",
    "sebuah", "seorang", "masih", "setelah", "ada", "menurut", "antara", "terhadap",
})
# Words written differently in Indonesian and Malay (Indonesian side).
INDONESIAN_MARKERS = frozenset({
    "karena", "uang", "polisi", "pemerintah", "bisa", "saja", "mau", "kantor", "rumah sakit",
    "kabupaten", "provinsi", "dpr", "tni", "polri", "rp", "kpk", "jakarta", "indonesia", "nggak",
    "gak", "aja", "banget", "bilang", "kok", "dong", "sih", "pekan", "karyawan", "kendaraan", "senin",
    "kamis", "jumat", "ujar", "coba", "gratis", "perusahaan", "jabatan", "ketua", "sekretaris",
})
# The Malay side: spellings and words an Indonesian newspaper would not use.
MALAY_MARKERS = frozenset({
    "kerana", "wang", "polis", "sahaja", "mahu", "bahawa", "sebarang", "akhbar", "teksi",
    "encik", "iaitu", "isnin", "khamis", "jumaat", "hospital", "menteri besar", "pihak berkuasa",
    "cuba", "percuma", "kakitangan", "syarikat", "jawatan", "pengerusi", "setiausaha",
    "parlimen", "dewan rakyat", "belia", "membincangkan",
})
# Javanese function words that Indonesian does not use.
JAVANESE_MARKERS = frozenset({
    "lan", "ing", "sing", "ora", "iki", "kuwi", "karo", "marang", "saka", "wis", "arep", "uga",
    "kanggo", "nanging", "yaiku", "dening", "mung", "wong", "kang", "iku", "dadi", "ana", "menyang",
})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The detected language (ISO 639-1/3 or "und"), a confidence in [0, 1], and the coder's gate.

    ``is_indonesian`` is True for Indonesian and for texts too short to judge ("und", confidence
    0), so the gate only closes on texts that are clearly something else.
    """

    lang: str
    confidence: float
    is_indonesian: bool
    reason: str = ""


@functools.cache
def _identifier() -> Any:
    """py3langid's model restricted to :data:`LANGUAGES`, loaded once (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect(text: str) -> LanguageGuess:
    """Guess the language of ``text`` (see the module doc for the decision rules)."""
    sample = text[:MAX_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    early = _before_langid(sample, words)
    if early is not None:
        return early
    ranked = _identifier().rank(sample)
    scores = dict(ranked)
    lang, confidence = ranked[0]
    function_share = sum(w in FUNCTION_WORDS for w in words) / len(words)
    if lang == "zxx":
        return LanguageGuess("und", float(confidence), False, "no language content")
    if lang in ("id", "ms", "jv", "ace") or function_share >= 0.12:
        return _malay_family(words, scores, lang, float(confidence), function_share)
    if confidence < LOW_CONFIDENCE:
        # Names and loanwords mislead langid on short Indonesian text ("Visual Communication Design
        # and campus names in English): any Indonesian function word settles it, else undecided.
        if function_share > 0:
            id_score = round(float(scores.get("id", 0.0)), 3)
            return LanguageGuess("id", id_score, True, "Indonesian function words")
        return LanguageGuess("und", round(float(confidence), 3), True, "low confidence")
    return LanguageGuess(lang, round(float(confidence), 3), False, "langid")


def _before_langid(sample: str, words: list[str]) -> LanguageGuess | None:
    """The verdict on a text too short, or too poor in letters, for the identifier; None when the
    identifier should judge."""
    letters = sum(map(str.isalpha, sample))  # a generator here was 2 % of coding an article
    visible = len("".join(sample.split()))
    if visible and not letters:
        # pure punctuation or digits is no language at all, however short ("!!!", "-" * 4000)
        return LanguageGuess("und", 0.0, False, "no letters")
    if len(words) < MIN_WORDS and visible <= SHORT_CHARS:
        return LanguageGuess("und", 0.0, True, "too short to judge")
    if letters < 0.3 * visible:
        return LanguageGuess("und", 0.0, False, "mostly digits and symbols")
    if len(words) < MIN_WORDS:
        return LanguageGuess("und", 0.0, True, "too short to judge")
    return None


def _malay_family(
    words: list[str], scores: dict[str, float], lang: str, confidence: float, function_share: float
) -> LanguageGuess:
    """Indonesian, Malay or Javanese, by their marker words, when the identifier or the function
    words point to the family."""
    n = len(words)
    indonesian = _count(words, INDONESIAN_MARKERS)
    malay = _count(words, MALAY_MARKERS)
    javanese = sum(w in JAVANESE_MARKERS for w in words) / n
    malay_family = scores.get("id", 0.0) + scores.get("ms", 0.0)
    if javanese >= 0.15 and javanese > function_share:
        jv = round(max(float(scores.get("jv", 0.0)), javanese), 3)
        return LanguageGuess("jv", jv, False, "Javanese words")
    if malay > indonesian and (malay >= 2 or (lang == "ms" and confidence >= 0.9)):
        return LanguageGuess("ms", round(max(float(scores.get("ms", 0.0)), 0.5), 3), False, "Malay spellings")
    if lang in ("id", "ms") or indonesian > malay or function_share >= 0.12:
        conf = max(float(scores.get("id", 0.0)), min(1.0, malay_family))
        return LanguageGuess("id", round(conf, 3), True, "Indonesian")
    # langid says Javanese or Acehnese but nothing in the text is: names only, undecidable
    return LanguageGuess("und", 0.0, True, "names or symbols only")


def _count(words: list[str], markers: frozenset[str]) -> int:
    """Distinct markers present, two-word ones included ("rumah sakit", "menteri besar").

    Distinct, not occurrences: one topic word repeated ("hospital" in a story about a hospital)
    must not outvote a text full of ordinary Indonesian.
    """
    found = {w for w in words if w in markers}
    found |= {f"{a} {b}" for a, b in itertools.pairwise(words) if f"{a} {b}" in markers}
    return len(found)
