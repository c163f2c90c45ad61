"""Modality of an event mention: asserted, planned, hypothetical, negated or demanded.

The guidelines score modality separately from the code, so "Raja *akan* berkunjung" and "Raja
berkunjung" are the same event with different modality. Indonesian marks modality with free words
before the verb (akan, mungkin, tidak, harus) and with control verbs that embed it (berencana
untuk, mempertimbangkan untuk, menolak untuk, mendesak X untuk), so the classifier reads the
trigger's own clause: backwards from the trigger to the nearest clause boundary and, for a nominal
trigger ("Kunjungan Raja ke Jepang *akan* dilakukan"), forwards to its predicate.

Clause boundaries (see :data:`BOUNDARIES` and :data:`SUBORDINATORS`): punctuation , ; : . ! ? ( )
and quotes; contrastive and adverbial subordinators (tetapi, namun, sedangkan, meskipun, karena,
ketika, setelah, ...) and the relativiser "yang", because a cue there belongs to another verb
("Warga *yang tidak* puas mengecam ..."). "untuk" is *not* a boundary: it links a control verb to
the event ("menolak untuk bertemu"). "agar"/"supaya" and the conditionals (jika, kalau, apabila,
...) end the scan after being counted, since they introduce the trigger's own clause. "bahwa" ends
it too, but a denial verb right before it ("membantah bahwa ...") negates the reported content.

Negators must sit next to the trigger, with only auxiliaries or light verbs between ("tidak akan
pernah melakukan serangan"): "tidak puas dan mengecam" does not negate the criticism. The other
cues scope over the whole clause ("akan melakukan perjalanan", "mendesak Israel segera menghentikan").

Precedence when several cues apply (documented because the scorer compares the label):

1. Codes 02x (appeal) and 10x (demand) are ``demanded``: the call itself is the event (guidelines).
   Threats 13x are ``asserted``: the threat was made, even when it says "akan"/"jika" (dev README).
   Only a negator right before such a trigger ("tidak meminta") makes them ``negated``.
2. A demand cue governing the trigger gives ``demanded``, unless a negator stands outside it
   ("tidak mendesak Israel menyerang" -> negated; "meminta agar Israel tidak menyerang" -> demanded).
3. Negation beats plans and possibilities: "tidak akan", "belum bisa", "berencana tidak" -> negated.
4. Hypothetical beats planned: "mungkin akan", "akan mempertimbangkan" -> hypothetical.
5. Planned; otherwise asserted. "telah", "sudah", "sedang" mark asserted; they matter where a
   nominal trigger's predicate overrides a relative clause ("Pertemuan yang dijadwalkan pekan lalu
   telah berlangsung" -> asserted).

A cue that *is* the coded act does not count against it: "Istana menolak berkomentar" coded 011
(decline comment), 016 (deny) or 12x (reject) stays asserted; "mempertimbangkan" coded 014
(consider policy option) stays asserted.
"""

from __future__ import annotations

from collections.abc import Sequence

from peristiwa.coding.clauses import CLAUSE_WORDS, PUNCTUATION_BOUNDARIES, RELATIVISER

PLANNED: frozenset[str] = frozenset({
    "akan", "bakal", "hendak", "berencana", "merencanakan", "direncanakan", "rencana", "rencananya",
    "dijadwalkan", "menjadwalkan", "terjadwal", "segera", "siap", "bersiap", "berjanji", "berniat",
    "bertekad", "diharapkan",
})
HYPOTHETICAL: frozenset[str] = frozenset({
    "mempertimbangkan", "dipertimbangkan", "mungkin", "kemungkinan", "dimungkinkan", "bisa", "dapat",
    "jika", "jikalau", "kalau", "apabila", "bila", "seandainya", "andaikan", "andai", "berpotensi",
    "berpeluang", "diperkirakan", "diprediksi", "terancam", "mewacanakan", "diwacanakan", "wacana",
})
NEGATED: frozenset[str] = frozenset({
    "tidak", "tak", "tiada", "bukan", "belum", "tanpa", "enggan", "ogah", "menolak", "membantah",
    "menyangkal", "menepis", "batal", "dibatalkan", "membatalkan", "gagal", "urung", "mengurungkan",
})
DEMANDED: frozenset[str] = frozenset({
    "mendesak", "didesak", "desak", "desakan", "menuntut", "tuntut", "tuntutan", "meminta", "diminta",
    "minta", "permintaan", "memohon", "dimohon", "menyerukan", "serukan", "seruan", "mengimbau",
    "menghimbau", "diimbau", "imbauan", "himbauan", "mendorong", "didorong", "menantang", "ditantang",
    "agar", "supaya", "harus", "wajib", "mesti", "seharusnya", "semestinya", "sebaiknya", "hendaknya",
    "jangan", "berharap", "mengharapkan", "menginginkan", "memerintahkan", "diperintahkan",
    "menginstruksikan", "diinstruksikan", "menganjurkan", "anjuran", "menyarankan", "mengusulkan",
    "usul", "usulan", "mengajak", "ajakan", "menekan",
})
ASSERTED: frozenset[str] = frozenset({"telah", "sudah", "sedang", "tengah", "sempat", "pernah", "masih"})

# Roots (from the lemmatizer) that carry the same cue in any affixed form.
_LEMMA_CUES: dict[str, str] = {
    "rencana": "planned", "jadwal": "planned",
    "timbang": "hypothetical",
    "bantah": "negated", "sangkal": "negated", "tepis": "negated", "batal": "negated",
    "desak": "demanded", "tuntut": "demanded", "minta": "demanded", "seru": "demanded",
    "imbau": "demanded", "himbau": "demanded", "mohon": "demanded", "perintah": "demanded",
    "anjur": "demanded", "instruksi": "demanded",
}

# Clause boundaries: one list shared with the argument rules (coding/clauses.py).
BOUNDARIES: frozenset[str] = PUNCTUATION_BOUNDARIES
SUBORDINATORS: frozenset[str] = CLAUSE_WORDS | {RELATIVISER}
_CONDITIONALS = frozenset({"jika", "jikalau", "kalau", "apabila", "bila", "seandainya", "andaikan", "andai"})
_DENIAL_VERBS = frozenset({"membantah", "menyangkal", "menepis", "membantahnya"})
_COORDINATORS = frozenset({"dan", "serta", "atau", "kemudian"})  # not "lalu": "pekan lalu"
# Words that may stand between a negator and the trigger without breaking its scope.
_TRANSPARENT: frozenset[str] = frozenset({
    "akan", "bakal", "bisa", "dapat", "mampu", "sempat", "pernah", "lagi", "jadi", "mau", "ingin",
    "boleh", "perlu", "harus", "segera", "juga", "pun", "hanya", "sudah", "telah", "sedang", "tengah",
    "masih", "untuk", "pula", "langsung", "kembali", "terus", "sama", "sekali", "ada", "berhasil",
    "benar-benar", "secara", "resmi", "melakukan", "mengadakan", "menggelar", "memberikan", "memberi",
    "menjadi", "mengambil", "menyampaikan", "mengeluarkan", "menjatuhkan", "dilakukan", "digelar",
    "diberikan", "berencana", "bersedia", "saja", "melancarkan", "mengenakan", "menerapkan",
    "memberlakukan", "mengajukan", "mengirim", "mengirimkan", "diadakan", "dilaksanakan",
})
# Negator + next word that is not a negation of the event.
_NOT_NEGATION: frozenset[tuple[str, str]] = frozenset({
    ("tidak", "hanya"), ("tak", "hanya"), ("bukan", "hanya"), ("bukan", "saja"), ("tidak", "saja"),
    ("tak", "lama"), ("tidak", "lama"), ("tidak", "sedikit"), ("tak", "sedikit"), ("tidak", "kurang"),
    ("tak", "kurang"), ("bukan", "tidak"), ("tidak", "menutup"), ("tak", "menutup"), ("tidak", "mustahil"),
    ("tak", "mustahil"), ("tanpa", "syarat"),
})
# Negator + next word that reads as a possibility instead ("bukan tidak mungkin", "tidak menutup
# kemungkinan").
_POSSIBILITY: frozenset[tuple[str, str]] = frozenset({
    ("bukan", "tidak"), ("tidak", "menutup"), ("tak", "menutup"), ("tidak", "mustahil"), ("tak", "mustahil"),
})
# Common words that start like a prefixed verb (me-, di-, ber-, ter-) but are not predicates.
_NOT_VERBS: frozenset[str] = frozenset({
    "menteri", "media", "mereka", "dialog", "diplomat", "diplomasi", "direktur", "diskusi", "berita",
    "teroris", "terminal", "tersangka", "terdakwa", "terhadap", "tersebut", "terakhir", "terbaru",
    "terbesar", "tertinggi", "terkait", "bersama", "beberapa", "mengenai", "menjelang", "menuju",
    "melalui", "menurut", "meskipun", "dirinya", "delegasi", "demokrat", "digital", "militer",
    "berbagai", "termasuk", "terutama", "terus", "bersejarah", "perdana", "pertama", "terpilih",
    "mendatang", "dikelola",
})
# Predicates that only say the event takes place, so a modal before them is the event's own.
_OCCURRENCE: frozenset[str] = frozenset({
    "berlangsung", "terjadi", "dimulai", "dilanjutkan", "berlanjut", "diteruskan", "tercapai", "terlaksana",
    "dilaksanakan", "diselenggarakan", "diadakan", "dilangsungkan", "berjalan", "digelar", "dilakukan",
    "diberlakukan", "diterapkan", "dijatuhkan", "dikenakan", "dilancarkan", "rampung", "selesai", "terwujud",
})
_VERB_PREFIXES = ("me", "di", "ber", "ter")  # not "per": pertemuan, perjalanan are nouns

_ACT_CODES_NEGATION = ("011", "016", "12")  # decline comment, deny, reject: the refusal is the act
_ACT_CODES_CONSIDER = ("014",)  # consider a policy option: the considering is the act


def cue_words() -> dict[str, tuple[str, ...]]:
    """The cue lists by label, sorted, so documentation and `peristiwa` help can show them."""
    return {
        "planned": tuple(sorted(PLANNED)),
        "hypothetical": tuple(sorted(HYPOTHETICAL)),
        "negated": tuple(sorted(NEGATED)),
        "demanded": tuple(sorted(DEMANDED)),
        "asserted": tuple(sorted(ASSERTED)),
        "boundaries": tuple(sorted(BOUNDARIES | SUBORDINATORS)),
    }


def classify(words: Sequence[str], trigger: int, code: str = "", lemmas: Sequence[str] | None = None) -> str:
    """The modality of the event whose trigger is ``words[trigger]`` (see the module doc for rules).

    ``words`` are the sentence's token texts; ``code`` the CAMEO code being assigned (it decides
    the 02x/10x/13x cases); ``lemmas``, when given and aligned with ``words``, let affixed forms
    of the cue roots count ("didesak", "permintaannya").
    """
    n = len(words)
    if not 0 <= trigger < n:
        return "asserted"
    low = [_norm(w) for w in words]
    lem = [_norm(x) for x in lemmas] if lemmas is not None and len(lemmas) == n else None

    if code.startswith("13"):  # the threat was made; only "tidak mengancam" negates it
        threat_verb = "ancam" in low[trigger]
        return "negated" if threat_verb and _direct_negation(low, trigger) else "asserted"

    nominal = _is_nominal(words[trigger], low[trigger])
    cues = _backward(low, lem, trigger, nominal)  # outermost first
    own = _category(low[trigger], lem[trigger] if lem else None)
    if own and own != "asserted":
        cues.append(own)
    if nominal:
        cues += _forward(low, lem, trigger)
    if _conditional_after(low, trigger) or _conditional_sentence(low, trigger):
        cues.append("hypothetical")
    cues = _cues_for_code(cues, code, own, low, trigger)
    return _label([c.split("-")[0] for c in cues], code)


def _cues_for_code(cues: list[str], code: str, own: str, low: list[str], trigger: int) -> list[str]:
    """Drop the cues that are the coded act itself (a refusal, a consideration) or belong to what
    a statement says."""
    if code.startswith(_ACT_CODES_NEGATION):
        # The refusal is the act: "menolak berkomentar", "belum memberi tanggapan", "tidak memberikan
        # izin". Only a negated refusal verb ("tidak menolak") stays negated.
        # Cues inside the refusal go with it ("tidak *akan* menyerah" is a refusal, not a plan).
        refusal_negated = own == "negated-verb" and _direct_negation(low, trigger)
        first_negation = next((k for k, c in enumerate(cues) if c.startswith("negated")), len(cues))
        cues = cues[:first_negation] + (["negated"] if refusal_negated else [])
    elif code.startswith(("01", "11")) and not low[trigger].startswith(("me", "ber")):
        # In statements and criticism a negator usually belongs to what was said ("tidak dapat
        # diterima", "tidak tepat"); only a negated active verb ("tidak mengecam") negates the act.
        # The same holds for a hedge on such a word ("dapat diterima").
        cues = [c for c in cues if c not in ("negated", "hypothetical")]
    if code.startswith(_ACT_CODES_CONSIDER):
        cues = [c for c in cues if c != "hypothetical-verb"]
    return cues


def _label(labels: list[str], code: str) -> str:
    """The modality the cues (outermost first) give, by the precedence in the module doc."""
    if code.startswith(("02", "10")):
        # The call is the event: demanded, unless the call itself is negated, hedged or planned
        # ("belum ada permintaan", "bisa mengajukan permintaan", "akan meminta").
        outer = labels[:labels.index("demanded")] if "demanded" in labels else labels
        return next((label for label in ("negated", "hypothetical", "planned") if label in outer), "demanded")
    if "demanded" in labels:
        first = labels.index("demanded")
        return "negated" if "negated" in labels[:first] else "demanded"
    return next((label for label in ("negated", "hypothetical", "planned") if label in labels), "asserted")


# ------------------------------------------------------------------------------------- internals

def _norm(word: str) -> str:
    w = word.lower().strip()
    return w.replace("’", "'")


def _category(word: str, lemma: str | None) -> str:
    """The cue label of one word ("negated-verb" marks negation verbs such as "menolak")."""
    # "-nya" hides a cue ("batalnya", "permintaannya"), except in fixed words: "rencananya" is its own
    # cue, "ada tidaknya" means "whether", "bukannya" means "instead of".
    clitic = word.endswith("nya") and len(word) > 5 and word not in ("rencananya", "tidaknya", "bukannya")
    for w in (word, word[:-3] if clitic else ""):
        if not w:
            continue
        if w in NEGATED:
            return "negated" if w in ("tidak", "tak", "tiada", "bukan", "belum", "tanpa") else "negated-verb"
        if w in DEMANDED:
            return "demanded"
        if w in HYPOTHETICAL:
            return "hypothetical-verb" if w in ("mempertimbangkan", "dipertimbangkan") else "hypothetical"
        if w in PLANNED:
            return "planned"
        if w in ASSERTED:
            return "asserted"
    if lemma and lemma != word and lemma in _LEMMA_CUES:
        label = _LEMMA_CUES[lemma]
        if label == "negated":
            return "negated-verb"
        return "hypothetical-verb" if label == "hypothetical" else label
    return ""


def _is_verb_like(word: str) -> bool:
    return len(word) > 4 and word.startswith(_VERB_PREFIXES) and word not in _NOT_VERBS


def _is_nominal(original: str, word: str) -> bool:
    """A trigger that names the event as a noun ("kunjungan", "serangan", "sanksi")."""
    if original[:1].isupper() and original[1:2].isupper():
        return True  # acronyms: "KTT"
    return not _is_verb_like(word)


def _backward(low: list[str], lem: list[str] | None, trigger: int, nominal: bool = False) -> list[str]:
    """Cues in the trigger's clause before it, outermost first.

    For a nominal trigger the scan also stops at the verb that governs it, unless that is a light
    verb: "akan *melakukan* perjalanan" is a planned trip, but in "mendesak Israel *menghentikan*
    serangan" the demand is about stopping, and the attack itself is asserted.
    """
    found: list[str] = []
    adjacent = True  # only transparent words so far between the scan position and the trigger
    i = trigger - 1
    while i >= 0:
        w = low[i]
        if w in BOUNDARIES or w in SUBORDINATORS:
            found.append(_subordinator_cue(low, i))
            break
        if w in _COORDINATORS and i + 1 < trigger and _is_verb_like(low[i + 1]):
            adjacent = False  # coordinated predicates: a negator beyond here negates the other verb
            i -= 1
            continue
        cat = _category(w, lem[i] if lem else None)
        if nominal and not cat and w not in _TRANSPARENT and _is_verb_like(w):
            break
        found.append(_cue_at(low, i, trigger, cat, adjacent))
        if cat and cat != "negated":
            adjacent = True  # a negator right before a cue verb negates it: "tidak *meminta* X mundur"
        elif not (cat or w in _TRANSPARENT):
            adjacent = False
        i -= 1
    found.reverse()
    return [c for c in found if c]


def _subordinator_cue(low: list[str], i: int) -> str:
    """The cue a clause boundary itself carries ("agar", "jika", "membantah bahwa"), or ""."""
    w = low[i]
    if w in BOUNDARIES:
        return ""
    if w in ("agar", "supaya"):
        return "demanded"
    if w in _CONDITIONALS:
        return "hypothetical"
    if w == "bahwa" and i > 0 and low[i - 1] in _DENIAL_VERBS:
        return "negated-verb"
    return ""


def _cue_at(low: list[str], i: int, trigger: int, cat: str, adjacent: bool) -> str:
    """The cue word ``low[i]`` gives the trigger: its category, a possibility ("bukan tidak
    mungkin"), or "" for a negator that does not reach the trigger."""
    w = low[i]
    nxt = low[i + 1] if i + 1 < len(low) else ""
    prev = low[i - 1] if i > 0 else ""
    if cat == "negated" and (w, nxt) in _POSSIBILITY:
        return "hypothetical"
    ignored = cat == "negated" and (
        (w, nxt) in _NOT_NEGATION or (prev, w) in _POSSIBILITY or not adjacent
        or (w == "tanpa" and trigger - i > 2))
    return cat if cat and not ignored else ""


def _forward(low: list[str], lem: list[str] | None, trigger: int) -> list[str]:
    """Cues on a nominal trigger's predicate: the last group of adjacent cues before the verb.

    A group counts when it is itself a predicate ("yang *direncanakan*", "*batal* digelar"), ends
    the clause, or stands before a verb that only says the event takes place ("*akan* dilakukan",
    "*telah* berlangsung"). Before a content verb it modifies that verb instead: "Serangan itu
    *tidak* menunjukkan ..." does not negate the attack.
    """
    groups: list[list[str]] = []
    current: list[str] = []
    current_is_verb = False
    j = trigger + 1
    while j < len(low) and j - trigger <= 10:
        w = low[j]
        if w in BOUNDARIES or (w in SUBORDINATORS and w != "yang"):
            break
        if w in _COORDINATORS and j + 1 < len(low) and (
            _is_verb_like(low[j + 1]) or _category(low[j + 1], None)
        ):
            break
        cat = _category(w, lem[j] if lem else None)
        nxt = low[j + 1] if j + 1 < len(low) else ""
        if cat == "negated" and (w, nxt) in _NOT_NEGATION:
            cat = "hypothetical" if (w, nxt) in _POSSIBILITY else ""
        if cat:
            current.append(cat)
            current_is_verb = current_is_verb or _is_verb_like(w) or w.startswith("batal")
        elif w not in _TRANSPARENT:
            predicate = _is_verb_like(w)
            if current and (current_is_verb or not predicate or w in _OCCURRENCE):
                groups.append(current)
            current, current_is_verb = [], False
            if predicate:
                break  # reached the predicate
        j += 1
    if current:
        groups.append(current)
    return groups[-1] if groups else []


def _direct_negation(low: list[str], trigger: int) -> bool:
    """A plain negator right before the trigger, with only transparent words between."""
    i = trigger - 1
    while i >= 0 and low[i] in _TRANSPARENT:
        i -= 1
    return i >= 0 and low[i] in ("tidak", "tak", "belum", "bukan") and (
        low[i], low[i + 1] if i + 1 < len(low) else "") not in _NOT_NEGATION


def _conditional_after(low: list[str], trigger: int) -> bool:
    """A conditional clause right after the trigger's clause ("akan membalas jika diserang")."""
    for w in low[trigger + 1:]:
        if w in BOUNDARIES or w in ("tetapi", "tapi", "namun", "sedangkan", "sementara", "dan"):
            return False
        if w in _CONDITIONALS:
            return True
    return False


def _conditional_sentence(low: list[str], trigger: int) -> bool:
    """The sentence opens with a conditional clause that the trigger's clause answers.

    "Jika Iran menyerang, AS akan membalas": the comma stops the backward scan, so the opening
    conditional is checked separately (quotes and sentence punctuation before it are skipped).
    """
    k = 0
    while k < trigger and low[k] in BOUNDARIES:
        k += 1
    if k >= trigger or low[k] not in _CONDITIONALS:
        return False
    return all(w not in (".", ";", "!", "?") for w in low[k:trigger])
