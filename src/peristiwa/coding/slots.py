"""The slot readings: the actors in one argument position a pattern names (subj, obj, poss,
agent, a preposition), read from the sentence's tokens, and their registration.

:class:`SlotReader` is mixed into :class:`peristiwa.coding.coder.Coder` through
:class:`peristiwa.coding.arguments.ArgumentReader`; each reading records the rule that found it
(``source:subject``, ``target:ke``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from peristiwa.coding.attribution import QUOTE_VERBS
from peristiwa.coding.clauses import OWN_SUBJECT_OPENERS
from peristiwa.coding.context import Resolved, Slot
from peristiwa.coding.frames import frame
from peristiwa.coding.patterns import TriggerMatch
from peristiwa.coding.places import (
    REGION_CODES,
)
from peristiwa.coding.rules import register
from peristiwa.coding.words import (
    ALL_PREPS,
    APPOSITIVE_WORDS,
    CLASSIFIER_NOUNS,
    CLAUSE_BREAK_WORDS,
    COMPLEMENT_GLUE,
    CONTROL_WORDS,
    COORD_WORDS,
    HONORIFICS,
    KIN_NOUNS,
    LEFT_STOP_PREPS,
    LOCATIVE_PREPS,
    MAX_ARG_DISTANCE,
    NOMINAL_PREP_REACH,
    PREDICATE_VERBS,
    PUNCT_BREAKS,
    QUANTIFIERS,
    RELATIVE_CLAUSE_REACH,
    SUBORDINATORS,
)

# How a pattern's slot names read as rule names ("subj" finds "source:subject").
SLOT_NAMES = {"subj": "subject", "obj": "obj", "poss": "possessor", "agent": "agent", "gap": "gap"}


def _inside_phrase(doc: Doc, sent: Span, s0: int, relative: bool) -> bool:
    """Whether an actor starting at ``s0`` is inside a prepositional phrase or a noun phrase
    ("sistem akademik AS"), so not a subject; unless a relative clause hangs from the actor itself
    ("keputusan Australia dan Kanada yang juga menjatuhkan sanksi")."""
    before = doc[s0 - 1]
    b = s0 - 1
    while b > sent.start and (doc[b].pos_ in ("NUM", "DET") or doc[b].lower_ in QUANTIFIERS):
        b -= 1  # "terhadap enam ilmuwan Iran", "kepada para menteri"
    return (
        before.lower_ in ALL_PREPS
        or doc[b].lower_ in ALL_PREPS
        or (
            not relative
            and before.pos_ in ("NOUN", "ADJ")
            and before.is_lower
            and before.lower_ not in CLASSIFIER_NOUNS
            and before.lower_ not in COMPLEMENT_GLUE
        )
    )


def _right_stop(
    doc: Doc, sent: Span, i: int, allow_rel: bool, stop_words: frozenset[str], how: str, thing: bool
) -> bool:
    """Whether the word at ``i`` ends the search for an actor after the trigger: a clause break,
    a stop word, a relative clause where none may stand, or a second verb phrase with its own
    object ("menyambut baik keputusan itu dan meminta negara-negara Barat ..."; but "mengecam dan
    mengutuk Israel" shares it)."""
    tok = doc[i]
    low = tok.lower_
    if (tok.is_punct and tok.text in PUNCT_BREAKS) or low in CLAUSE_BREAK_WORDS or low in stop_words:
        return True
    if low == "yang" and not allow_rel:
        return True
    return (
        how == "target:obj"
        and thing
        and low in ("dan", "serta")
        and i + 1 < sent.end
        and doc[i + 1]._.prefix[:3] in ("meN", "ber")
    )


def _by_position(
    mentions: list[tuple[int, int, Resolved]], side: int
) -> dict[int, list[tuple[int, int, Resolved]]]:
    """Mentions keyed by their start (``side`` 0) or end (``side`` 1) token: several actors can
    share one span ("kedua negara" resolves to two)."""
    out: dict[int, list[tuple[int, int, Resolved]]] = {}
    for m in mentions:
        out.setdefault(m[side], []).append(m)
    return out

def _is_compound_hyphen(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a hyphen written tight between two words ("Thailand-Kamboja")."""
    return doc[i].text in ("-", "–") and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_



class SlotReader:
    """The slot readings (mixed into :class:`peristiwa.coding.coder.Coder`)."""

    def _slot(
        self,
        sent: Span,
        trig: TriggerMatch,
        slot: str,
        mentions: list[tuple[int, int, Resolved]],
        stop_preps: frozenset[str],
    ) -> Slot | None:
        """The actors in one argument position of a trigger, or None."""
        doc = sent.doc
        skip = frozenset(trig.tokens)
        after = trig.head + 1
        if slot == "subj":
            return self._left_actor(doc, sent, min(trig.tokens), mentions)
        if slot == "obj":
            last = max(trig.tokens)
            gapped = last - min(trig.tokens) + 1 > len(trig.tokens) and trig.head < last
            beyond = gapped and frame(trig.code).allows("veto:beyond-gap")
            if beyond and self._beyond_gap(sent, trig, mentions):
                mentions = [m for m in mentions if m[0] < last]
            return self._right_actor(
                doc, sent, after, mentions, MAX_ARG_DISTANCE, True, frozenset(), "target:obj", skip
            )
        if slot == "gap":
            # "menyerukan Israel untuk menghentikan serangan": whom the appeal addresses stands in
            # the pattern's gap; an actor after its words is what it is for, not who is called on
            last = max(trig.tokens)
            inside = [m for m in mentions if m[0] > trig.head and m[1] <= last]
            return self._right_actor(
                doc, sent, after, inside, MAX_ARG_DISTANCE, True, frozenset(), "target:gap", skip
            )
        if slot == "poss":
            # a possessor follows its noun before any preposition, even one the pattern holds
            # ("keprihatinan atas serangan militer Israel": Israel is not the one concerned)
            skip_words = frozenset(i for i in skip if doc[i].lower_ not in ALL_PREPS)
            return self._right_actor(
                doc, sent, after, mentions, 3, True, ALL_PREPS | stop_preps, "source:possessor", skip_words
            )
        if slot == "agent":
            return self._right_actor(
                doc, sent, max(trig.tokens) + 1, mentions, 0, False, ALL_PREPS, "source:agent"
            )
        # an event noun's own phrase follows it closely ("kesepakatan ini merupakan bukti hubungan
        # antara X dan Y": the antara phrase belongs to hubungan, not to kesepakatan)
        reach = NOMINAL_PREP_REACH if trig.nominal else MAX_ARG_DISTANCE
        verbs_break = skip if trig.nominal else None
        return self._prep_actor(doc, sent, after, (slot,), mentions, reach, verbs_break)

    def _left_actor(
        self, doc: Doc, sent: Span, first: int, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
        """The subject: the nearest actor before the trigger inside the same clause.

        A locative phrase between them is passed over ("Kelompok Houthi di Yaman kembali
        melancarkan"); a verb heading a purpose or manner clause ("untuk menemui", "dengan
        menuding") takes the subject of the main clause. Each step either decides (the subject,
        or none) or says where to look next (:meth:`_left_at_actor`, :meth:`_left_at_word`).
        """
        if doc[first].lower_ in CONTROL_WORDS:  # the pattern itself begins "untuk menemui"
            return self._main_subject(doc, sent, first, mentions)
        ends = {e: (s, e, r) for s, e, r in mentions}
        relative = False  # passed a "yang": the actor before it is the relative clause's subject
        i = first - 1
        while i >= sent.start:
            if i + 1 in ends:
                done, found, i = self._left_at_actor(doc, sent, first, i, ends, mentions, relative)
            else:
                if doc[i].lower_ == "yang" and i + 1 <= first and self._only_adverbs(doc, i + 1, first):
                    relative = True
                done, found, i = self._left_at_word(doc, sent, first, i, ends, mentions)
            if done:
                return found
        return None

    def _left_at_actor(
        self,
        doc: Doc,
        sent: Span,
        first: int,
        i: int,
        ends: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
        relative: bool,
    ) -> tuple[bool, Slot | None, int]:
        """An actor ends at ``i``: it is the subject (with its conjuncts), or a place passed over,
        or the agent of a relative clause passed over, or inside a phrase (no subject)."""
        group, s0 = self._coordinated_left(doc, sent, ends[i + 1], mentions)
        if s0 <= sent.start:
            return True, Slot(group, "source:subject"), i
        before = doc[s0 - 1]
        verb_like = doc[first].pos_ == "VERB" or doc[first]._.prefix[:3] in ("meN", "ber", "di")
        if before.lower_ in OWN_SUBJECT_OPENERS and verb_like and self._only_adverbs(doc, i + 1, first):
            return True, Slot(group, "source:subject"), i  # "sejak Israel melancarkan perang"
        if before.lower_ in LOCATIVE_PREPS:
            return False, None, s0 - 2  # "... di Yaman": a place on the way, keep looking
        if before._.prefix == "di" and s0 - 2 >= sent.start and doc[s0 - 2].lower_ == "yang":
            # "milisi yang didukung Rusia menyerang": Rusia is the agent of the relative clause,
            # the one attacking is the noun before it
            return False, None, s0 - 3
        if _inside_phrase(doc, sent, s0, relative):
            return True, None, i
        return True, Slot(group, "source:subject"), i

    def _left_at_word(
        self,
        doc: Doc,
        sent: Span,
        first: int,
        i: int,
        ends: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
    ) -> tuple[bool, Slot | None, int]:
        """A word at ``i`` that ends no actor: a clause whose subject is the main clause's, a
        punctuation mark passed over, a preposition or a clause break that ends the search."""
        tok = doc[i]
        low = tok.lower_
        if low in CONTROL_WORDS and self._only_adverbs(doc, i + 1, first):
            return True, self._main_subject(doc, sent, i, mentions), i
        if low in SUBORDINATORS and any(
            doc[v]._.prefix[:3] in ("meN", "ber") and self._only_adverbs(doc, i + 1, v)
            for v in (first, first - 1)
            if v > i
        ):
            # "Trump menyampaikan pengumuman itu setelah melakukan percakapan": a subordinate
            # clause with no subject of its own shares the main clause's (the verb may be the
            # trigger or the light verb before an event noun)
            return True, self._main_subject(doc, sent, i, mentions), i
        if tok.text in (",", ")"):
            k = self._past_punctuation(doc, sent, first, i, ends)
            if k is not None:
                return False, None, k
        if low in LEFT_STOP_PREPS:
            return True, self._relative_with_phrase(doc, sent, first, i, ends, mentions), i
        if low in CLAUSE_BREAK_WORDS or (tok.is_punct and tok.text in PUNCT_BREAKS):
            return True, None, i
        return False, None, i - 1

    def _past_punctuation(
        self, doc: Doc, sent: Span, first: int, i: int, ends: dict[int, tuple[int, int, Resolved]]
    ) -> int | None:
        """Where to look next past a comma or bracket that does not end the clause, or None."""
        if doc[i].text == ")":
            return i - 1 if i in ends else None  # "(Dewan Keamanan) menyerukan": inside the brackets
        adverbs = self._only_adverbs(doc, i + 1, first)
        if i in ends and adverbs:
            s1 = ends[i][0]
            k = s1 - 1
            while k > s1 - 3 and k > sent.start and doc[k].lower_.rstrip(".") in HONORIFICS:
                k -= 1  # an honorific the dictionary does not hold ("Sir", "Monsieur")
            if k > sent.start and doc[k].text == "," and k in ends:
                return i - 1  # "Perdana Menteri Inggris, Sir Keir Starmer, telah menyampaikan"
        if i not in ends and adverbs:
            # "Juru Bicara Anies Baswedan, Surya Tjandra, mengatakan": a name the dictionary
            # does not know, set off by commas after the actor it belongs to
            k = i - 1
            while k > sent.start and i - k <= 4 and doc[k].text[:1].isupper() and doc[k].is_alpha:
                k -= 1
            if k < i - 1 and doc[k].text == "," and k in ends:
                return k - 1  # the actor's last token
        aside = self._attribution_aside(doc, sent, i)
        if aside is not None and self._only_adverbs(doc, i + 1, first):
            return aside  # "Pemerintah, kata dia, tengah menjajaki": the attribution is an aside
        if i + 1 < first and doc[i + 1].lower_ == "yang" and i in ends:
            return i - 1  # "Inggris, Perancis, dan Kanada, yang juga mempertimbangkan": a relative clause
        return None

    def _relative_with_phrase(
        self,
        doc: Doc,
        sent: Span,
        first: int,
        i: int,
        ends: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
    ) -> Slot | None:
        """At a preposition: the subject of a relative clause that holds it ("warga Israel yang
        tinggal di dekat perbatasan terpaksa mengungsi"), else no subject."""
        k = i - 1
        while k > sent.start and i - k <= RELATIVE_CLAUSE_REACH and doc[k].lower_ != "yang":
            if doc[k].is_punct or doc[k].lower_ in CLAUSE_BREAK_WORDS:
                break
            k -= 1
        inner = any(doc[m].lower_ == "yang" for m in range(i + 1, first))  # the verb's own clause
        if not inner and k > sent.start and doc[k].lower_ == "yang" and k in ends:
            group, _s0 = self._coordinated_left(doc, sent, ends[k], mentions)
            return Slot(group, "source:subject")
        return None

    @staticmethod
    def _attribution_aside(doc: Doc, sent: Span, i: int) -> int | None:
        """At a comma closing ", kata dia," or ", ujar Budi,": where the clause resumes before the
        aside's opening comma, or None."""
        k = i - 1
        while k > sent.start and i - k <= 5 and doc[k].text != ",":
            k -= 1
        if k <= sent.start or doc[k].text != "," or k + 1 >= i or doc[k + 1].lower_ not in QUOTE_VERBS:
            return None
        return k - 1

    @staticmethod
    def _only_adverbs(doc: Doc, lo: int, hi: int) -> bool:
        """Only adverbs, auxiliaries, particles and glue words stand in ``lo..hi`` ("telah secara
        pribadi": "secara" makes an adverb of the word after it)."""
        k = lo
        while k < hi:
            if doc[k].lower_ == "secara" and k + 1 < hi:
                k += 2
                continue
            if not (doc[k].pos_ in ("ADV", "AUX", "PART") or doc[k].lower_ in COMPLEMENT_GLUE):
                return False
            k += 1
        return True

    def _main_subject(
        self, doc: Doc, sent: Span, before: int, mentions: list[tuple[int, int, Resolved]]
    ) -> Slot | None:
        """The subject of the clause a purpose/manner clause hangs from: the first actor of the
        sentence that stands in subject position (not inside a prepositional phrase)."""
        for s, _e, _r in sorted(mentions, key=lambda m: (m[0], m[1])):
            if s >= before:
                return None
            prev = doc[s - 1].lower_ if s > sent.start else ""
            if prev in ALL_PREPS or any(doc[k].lower_ in CLAUSE_BREAK_WORDS for k in range(s, before)):
                continue
            if prev in KIN_NOUNS:
                # "putri Presiden Soekarno ini ... saat mengungkapkan": the subject is his daughter
                # (but "upaya Presiden Trump untuk memaksa ...": his effort, so he acts)
                return None
            group, _end = self._coordinated_right(doc, sent, (s, _e, _r), mentions)
            return Slot(group, "source:main-subject")
        return None

    def _coordinated_left(
        self,
        doc: Doc,
        sent: Span,
        mention: tuple[int, int, Resolved],
        mentions: list[tuple[int, int, Resolved]],
    ) -> tuple[list[Resolved], int]:
        """ "Cina, India, dan Korea Utara" -> all three, walking left over commas and dan/serta.

        A comma alone joins conjuncts only inside a list that ends with "dan"/"serta": in "Usai
        bertemu Presiden Prabowo, Perdana Menteri Jepang mengecam ..." the comma closes a fronted
        phrase, and Prabowo is not a second subject."""
        ends = _by_position(mentions, 1)
        same = [m for m in mentions if m[0] == mention[0] and m[1] == mention[1]]
        group = [m[2] for m in same]
        s = mention[0]
        listed = False  # a dan/serta/atau was passed: commas further left separate the list
        while True:
            j = s - 1
            seps = 0
            while j >= sent.start and doc[j].lower_ in COORD_WORDS and seps < 2:
                listed = listed or doc[j].text != ","
                j -= 1
                seps += 1
            if seps == 0 or (j + 1) not in ends or not listed:
                break
            prev = ends[j + 1]
            if prev[0][0] > sent.start and doc[prev[0][0] - 1].lower_ in ALL_PREPS:
                break  # "antara kedua pemimpin, Putin dan Xi": the prepositional phrase is not a conjunct
            group = [m[2] for m in prev] + group
            s = prev[0][0]
        return group, s

    def _coordinated_right(
        self,
        doc: Doc,
        sent: Span,
        mention: tuple[int, int, Resolved],
        mentions: list[tuple[int, int, Resolved]],
    ) -> tuple[list[Resolved], int]:
        """Walk right over "dan", commas and tight hyphens: "Vietnam, Indonesia, dan Singapura"."""
        starts = _by_position(mentions, 0)
        group = [m[2] for m in starts.get(mention[0], [mention])]
        e = mention[1]
        closed = False  # a "dan" was crossed: the list's last member follows it
        while True:
            j = e
            seps = 0
            if j + 1 < sent.end and _is_compound_hyphen(doc, j):
                j += 1  # "perang Thailand-Kamboja", "hubungan Indonesia-Rusia"
                seps = 1
            conj = False
            while j < sent.end and doc[j].lower_ in COORD_WORDS and seps < 2:
                conj = conj or doc[j].lower_ in ("dan", "serta")
                j += 1
                seps += 1
            if seps == 0 or j not in starts or (closed and conj):
                break  # a second "dan" starts another phrase ("antara Ukraina dan Rusia dan Gaza")
            closed = closed or conj
            nxt = starts[j]
            group += [m[2] for m in nxt]
            e = nxt[0][1]
        return group, e

    def _right_actor(
        self,
        doc: Doc,
        sent: Span,
        start: int,
        mentions: list[tuple[int, int, Resolved]],
        max_gap: int,
        allow_rel: bool,
        stop_words: frozenset[str],
        how: str,
        skip: frozenset[int] = frozenset(),
    ) -> Slot | None:
        """The first actor after ``start`` within ``max_gap`` tokens (trigger tokens in ``skip`` are
        not counted), passing over locative phrases ("konflik di Ukraina" is a place, not a target)."""
        starts: dict[int, tuple[int, int, Resolved]] = {}
        for m in mentions:
            starts.setdefault(m[0], m)
        i = start
        gap = 0
        thing = False  # a common noun came first: the verb already has its object
        while i < sent.end and gap <= max_gap:
            if i in starts:
                done, found, i = self._right_at_actor(doc, sent, i, starts, mentions, how)
                if done:
                    return found
                continue
            tok = doc[i]
            if tok.text == "," and i + 1 < sent.end and doc[i + 1].lower_ in APPOSITIVE_WORDS:
                i += 2  # "tiga negara di ASEAN, yakni Vietnam, Indonesia, dan Singapura"
                continue
            if i not in skip:
                if _right_stop(doc, sent, i, allow_rel, stop_words, how, thing):
                    return None
                thing = thing or (tok.pos_ == "NOUN" and tok.is_lower)
                gap += 1
            i += 1
        return None

    def _right_at_actor(
        self,
        doc: Doc,
        sent: Span,
        i: int,
        starts: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
        how: str,
    ) -> tuple[bool, Slot | None, int]:
        """An actor starts at ``i``: the argument (with its conjuncts), or a place or an inferred
        group passed over."""
        prev = doc[i - 1].lower_ if i - 1 >= sent.start else ""
        if prev in LOCATIVE_PREPS:
            return False, None, starts[i][1]
        group, end = self._coordinated_right(doc, sent, starts[i], mentions)
        inferred = all("ref:focus-country" in a.entries for a in group)
        listed = end + 1 < sent.end and doc[end].text == "," and doc[end + 1].lower_ in APPOSITIVE_WORDS
        if inferred and listed:
            return False, None, end + 2  # "para kepala negara, termasuk Presiden AS": the named list
        return True, Slot(group, how), i

    def _prep_actor(
        self,
        doc: Doc,
        sent: Span,
        start: int,
        preps: tuple[str, ...],
        mentions: list[tuple[int, int, Resolved]],
        reach: int = MAX_ARG_DISTANCE,
        verbs_break: frozenset[int] | None = None,
    ) -> Slot | None:
        """The actor introduced by one of ``preps`` within ``reach`` tokens after the trigger, in
        the same clause. With ``verbs_break`` (an event noun's own tokens) a linking verb outside
        them ends the search: "kesepakatan ini merupakan bukti hubungan antara X dan Y" - the antara
        phrase belongs to the predicate's noun, not to the event noun. (Any verb was too much:
        "kesepakatan itu dicapai dalam pertemuan antara X dan Y" is still their agreement.)"""
        starts: dict[int, tuple[int, int, Resolved]] = {}
        for m in mentions:
            starts.setdefault(m[0], m)
        i = start
        spent = 0  # tokens passed that are not part of a named actor ("kunjungan Presiden ... ke")
        while i < sent.end and spent <= reach:
            tok = doc[i]
            low = tok.lower_
            if i in starts and low not in preps:
                i = starts[i][1]
                continue
            spent += 1
            if verbs_break is not None and low in PREDICATE_VERBS and i not in verbs_break:
                return None
            if low in preps:
                done, found = self._prep_object(doc, sent, i, starts, mentions)
                if done:
                    return found
            if (tok.is_punct and tok.text in PUNCT_BREAKS) or low in CLAUSE_BREAK_WORDS:
                return None
            i += 1
        return None

    def _prep_object(
        self,
        doc: Doc,
        sent: Span,
        i: int,
        starts: dict[int, tuple[int, int, Resolved]],
        mentions: list[tuple[int, int, Resolved]],
    ) -> tuple[bool, Slot | None]:
        """The actor the preposition at ``i`` introduces: (True, it), (True, None) for a region
        after a locative, (False, None) when no actor follows it closely."""
        low = doc[i].lower_
        j = i + 1
        # a determiner or title may stand between ("kepada para", "ke pihak")
        while (
            j < sent.end
            and j - i <= 3
            and j not in starts
            and (
                doc[j].lower_ in ("para", "pihak", "sang", "negara", "seluruh", "semua")
                or (doc[j].pos_ in ("NOUN", "ADJ") and doc[j].is_lower)
            )
        ):
            j += 1  # "oleh jajaran pejabat tinggi Indonesia", "antara delegasi kedua negara"
        if j > i + 1 and j + 1 in starts and doc[j].lower_ in ("dari", "oleh"):
            j += 1  # "atas dukungan dari UNESCO": thanks for what UNESCO did go to UNESCO
        if j not in starts:
            return False, None
        if low in LOCATIVE_PREPS and starts[j][2].code in REGION_CODES:
            return True, None  # "serangan terhadap kapal di Laut Merah": a region is where, not whom
        group, _end = self._coordinated_right(doc, sent, starts[j], mentions)
        facing = low == "di" and any(doc[k].lower_ == "depan" for k in range(i + 1, j))
        if low in LOCATIVE_PREPS | {"ke"} and not facing:
            # "tiba di Kairo", "terbang ke Moskow": a capital here is a place, so the country;
            # but a crowd "di depan Gedung DPR" faces the seat of the body it addresses
            group = [replace(a, code=a.code[:3]) if a.kind == "metonym" else a for a in group]

        return True, Slot(group, f"target:{low}")



# The slot readings: one function (``_slot``) serves them, so they register here, with their docs.
_READINGS = (
    ("source:subject", "source", "The nearest actor before the trigger in its clause, with its conjuncts.",
     "Pemerintah Jepang mengecam Korea Utara atas uji coba rudal terbaru.",
     "Korea Utara dikecam oleh Pemerintah Jepang atas uji coba rudal terbaru."),
    ("target:gap", "target", "An actor inside the gap of a pattern of several words (whom it addresses).",
     "Sekjen PBB menyerukan Israel untuk menghentikan serangan di Gaza.",
     "Sekjen PBB menyerukan perdamaian bagi Palestina."),
    ("target:obj", "target", "The first actor after the trigger within its clause, past locative phrases.",
     "Pemerintah Jepang mengecam Korea Utara atas uji coba rudal terbaru.",
     "Pemerintah Jepang mengecam uji coba rudal itu."),
    ("source:agent", "source", "The bare noun phrase right after a passive verb (\"ditangkap KPK\").",
     "Gubernur Papua ditangkap KPK di Jakarta.",
     "KPK menangkap Gubernur Papua di Jakarta."),
    ("target:subject", "target", "The subject of a passive verb is the one it is done to.",
     "Gubernur Papua ditangkap KPK di Jakarta.",
     "KPK menangkap Gubernur Papua di Jakarta."),
    ("source:possessor", "source", "The actor right after an event noun (\"kunjungan Putin\").",
     "Kunjungan Presiden Rusia Vladimir Putin ke Cina berlangsung dua hari.",
     "Presiden Rusia Vladimir Putin berkunjung ke Cina selama dua hari."),
    ("joint:subject", "joint", "Coordinated subjects of a joint act with no other target act together.",
     "Indonesia dan Malaysia menandatangani perjanjian perbatasan di Jakarta.",
     "Indonesia menandatangani perjanjian perbatasan dengan Malaysia di Jakarta."),
    ("joint:antara", "joint", "A joint act \"antara X dan Y\" with no source of its own is between them.",
     "Kesepakatan dagang yang dicapai antara Jepang dan Vietnam berlaku bulan depan.",
     "Kesepakatan itu merupakan tanda hubungan baik antara Jepang dan Vietnam."),
    ("source:main-subject", "source",
     "A purpose or subordinate clause with no subject of its own takes the main clause's.",
     "Menlu Sugiono tiba di Tokyo sehari setelah mengunjungi Korea Selatan.",
     "Menlu Sugiono mengunjungi Korea Selatan."),
    ("source:oleh", "source", "The actor after \"oleh\" is a passive's agent.",
     "Iran dikenai sanksi oleh Uni Eropa pekan lalu.",
     "Uni Eropa menjatuhkan sanksi terhadap Iran pekan lalu."),
    ("target:dengan", "target", "The actor after \"dengan\": whom one meets, talks or agrees with.",
     "Presiden Vietnam bertemu dengan Presiden Filipina.",
     "Presiden Vietnam bertemu Presiden Filipina di Hanoi."),
    ("target:kepada", "target", "The actor after \"kepada\": whom something is addressed or given to.",
     "Perdana Menteri Malaysia menyampaikan duka cita kepada Turki atas gempa bumi.",
     "Perdana Menteri Malaysia menyampaikan duka cita atas gempa bumi."),
    ("target:terhadap", "target", "The actor after \"terhadap\": whom an act is aimed at.",
     "Uni Eropa menjatuhkan sanksi terhadap Iran pekan lalu.",
     "Iran dikenai sanksi oleh Uni Eropa pekan lalu."),
    ("target:ke", "target", "The place or actor after \"ke\": where a visit goes (a capital is its country).",
     "Presiden Prabowo berangkat ke Moskow pada Senin.",
     "Presiden Prabowo berangkat dari Jakarta pada Senin."),
    ("source:speaker", "source",
     "Whoever says another must act demands it (CAMEO 100) of the one obliged (\"target:obliged\").",
     "Ketua Komisi I DPR menilai Presiden Prabowo harus memberikan sanksi kepada Menteri Dalam Negeri.",
     "Presiden Prabowo harus memberikan sanksi kepada Menteri Luar Negeri Jepang."),
    ("source:perspective", "source",
     "\"baginya, X harus ...\": the demand is the view of the person named last.",
     "\"Pemerintah sudah lalai,\" kata Menteri Luar Negeri Jepang. Namun baginya, Menteri "
     "Pertahanan Korea Selatan tetap harus diberi teguran.",
     "\"Pemerintah sudah lalai,\" kata Menteri Luar Negeri Jepang. Menteri Pertahanan Korea "
     "Selatan memberi teguran kepada Korea Utara."),
    ("ref:condition", "target", "A threat with no named target is aimed at the actor of its condition.",
     "Korea Selatan memperingatkan akan bertindak tegas jika Korea Utara kembali meluncurkan rudal.",
     "Korea Selatan memperingatkan akan bertindak tegas."),
)
for _name, _slot_name, _doc, _fires, _must_not in _READINGS:
    _kind = "fallback" if _name == "ref:condition" else "reading"
    register(_name, _slot_name, _kind, _doc, _fires, _must_not)

# The preposition slots the patterns name (``T:atas``, ``S:dari``, dictionaries/events.tsv) and
# the possessor as a target: each records ``target:<preposition>`` (``source:<preposition>``).
_PREP_READINGS = (
    ("target:atas", "target", "The actor after \"atas\": what condolence, concern or thanks is about.",
     "Menteri Luar Negeri Jepang menyampaikan keprihatinan atas Korea Utara.",
     "Menteri Luar Negeri Jepang menyampaikan keprihatinan yang mendalam."),
    ("target:bagi", "target", "The actor after \"bagi\": whom aid or a benefit is for.",
     "Pemerintah Jepang memberikan bantuan bagi Filipina setelah banjir besar.",
     "Pemerintah Jepang memberikan bantuan kepada Filipina setelah banjir besar."),
    ("target:untuk", "target", "The actor after \"untuk\": whom a measure (a tariff, aid) is meant for.",
     "Presiden Amerika Serikat menetapkan tarif baru untuk Vietnam.",
     "Presiden Amerika Serikat menetapkan tarif baru pekan lalu."),
    ("target:antara", "target",
     "The actors after \"antara\" when the act has a source of its own (a negotiation it starts).",
     "Presiden Vietnam memulai negosiasi antara Vietnam dan Jepang soal tarif.",
     "Vietnam memulai negosiasi dengan Jepang soal tarif."),
    ("target:di", "target", "The actor after \"di\": the embassy searched, the country attacked in.",
     "Kepolisian Vietnam melakukan penggeledahan di Kedutaan Besar Jepang.",
     "Kepolisian Vietnam melakukan penggeledahan di rumah seorang pengusaha."),
    ("target:dari", "target", "The actor after \"dari\": whose accusation is denied, whom one buys from.",
     "Presiden Filipina menolak tuduhan dari Cina soal pulau sengketa.",
     "Presiden Filipina menolak tuduhan itu."),
    ("target:pada", "target", "The actor after \"pada\": whom thanks or congratulations go to.",
     "Wakil Presiden Korea Selatan mengucapkan terima kasih pada Jepang.",
     "Wakil Presiden Korea Selatan mengucapkan terima kasih."),
    ("target:oleh", "target", "The actor after \"oleh\" when it is the counterpart (\"bersedia "
     "dimediasi oleh X\").",
     "Perdana Menteri Jepang bersedia dimediasi oleh Presiden Vietnam.",
     "Perdana Menteri Jepang bersedia berunding dengan Presiden Vietnam."),
    ("target:melawan", "target", "The actor after \"melawan\": whom one fights.",
     "Tentara Thailand bertempur melawan pasukan Kamboja di perbatasan.",
     "Tentara Thailand bertempur dengan gagah di perbatasan."),
    ("target:bersama", "target", "The actor after \"bersama\": whom something is discussed with.",
     "Presiden Vietnam membahas perdagangan bersama Perdana Menteri Jepang.",
     "Presiden Vietnam membahas perdagangan di Hanoi."),
    ("target:tentang", "target", "The actor after \"tentang\": whom a complaint is about.",
     "Petani Jepang menyampaikan keluhan tentang Pemerintah Korea Selatan.",
     "Petani Jepang menyampaikan keluhan di Tokyo."),
    ("source:dari", "source", "The actor after \"dari\" is the source where the pattern says so (who hosts).",
     "Presiden Korea Selatan menerima sambutan kenegaraan dari Kaisar Jepang di Tokyo.",
     "Presiden Korea Selatan menerima sambutan kenegaraan di Tokyo."),
    ("target:possessor", "target",
     "The actor right after an event noun is its target where the pattern says so (\"undangan X\").",
     "Presiden Vietnam memenuhi undangan Perdana Menteri Jepang ke Tokyo.",
     "Presiden Vietnam memenuhi undangan itu."),
)
for _name, _slot_name, _doc, _fires, _must_not in _PREP_READINGS:
    register(_name, _slot_name, "reading", _doc, _fires, _must_not)

