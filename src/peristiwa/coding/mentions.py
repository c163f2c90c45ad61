"""Actor mentions of a sentence with their references resolved (kedua negara, ia, kami, -nya,
bare role nouns), and what the article remembers of them for the sentences after.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Span

from peristiwa.coding import attribution as attribution_mod
from peristiwa.coding import codes
from peristiwa.coding.context import Memory, Resolved, doc_words
from peristiwa.coding.open_actors import open_actors
from peristiwa.coding.places import (
    doc_text,
)
from peristiwa.coding.rules import register
from peristiwa.coding.words import (
    ADJECTIVAL_ROLE_WORDS,
    ALL_PREPS,
    FIRST_PERSON,
    GENERIC_ROLES,
    GROUP_NOUN_KIND,
    NAMED_OFFICIAL_REACH,
    OWN_STATE_WORDS,
    PAIR_WORDS,
    PERSON_PRONOUNS,
    PLACE_PREPS,
    REFERRING_WORDS,
)
from peristiwa.model import (
    Sentence,
)


def _actor_key(actor: Resolved, by_country: bool) -> str:
    if by_country:
        return actor.code[:3]
    person = next((e for e in actor.entries if e.startswith("people:")), "")
    return person or actor.code

def _pair_referent(kind: str, earlier: Sequence[Resolved], memory: Memory) -> list[Resolved]:
    """What "kedua negara" / "kedua pemimpin" / "kedua belah pihak" / "keduanya" points to; for
    "pihak" (sides) two countries are preferred over two actors of one country."""
    if kind == "any":
        sides = _pair_of(kind, earlier, memory, by_country=True)
        if len(sides) == 2:
            return sides
    return _pair_of(kind, earlier, memory, by_country=kind == "country")

def _pair_of(kind: str, earlier: Sequence[Resolved], memory: Memory, by_country: bool) -> list[Resolved]:
    """What "kedua negara" / "kedua pemimpin" / "keduanya" points to.

    Two actors of the right kind named earlier in the same sentence win ("hubungan antara Rusia
    dan Cina ... setelah kedua negara"); otherwise the two the article has named most often,
    ties going to the more recent: "kedua negara" in a story about Russia and China means them
    even right after a sentence about American sanctions.
    """

    def fits(r: Resolved) -> bool:
        if by_country:
            return bool(codes.state_of(r.code))
        return kind == "any" or r.kind == kind

    local: list[Resolved] = []
    for r in reversed(earlier):
        if fits(r) and all(_actor_key(r, by_country) != _actor_key(x, by_country) for x in local):
            local.append(r)
    if len(local) >= 2:
        pair = list(reversed(local[:2]))
    else:
        pool = [r for r in memory.actors if fits(r)]
        counts = Counter(_actor_key(r, by_country) for r in pool)
        last_seen = {_actor_key(r, by_country): n for n, r in enumerate(pool)}
        latest = {_actor_key(r, by_country): r for r in pool}
        ranked = sorted(counts, key=lambda k: (-counts[k], -last_seen[k]))[:2]
        pair = sorted((latest[k] for k in ranked), key=lambda r: last_seen[_actor_key(r, by_country)])
    return [replace(r, code=r.code[:3]) if kind == "country" else r for r in pair]

def _named_before(name: str, memory: Memory, here: Sequence[tuple[str, Resolved]] = ()) -> str | None:
    """The code the text gave this name: an office written before it in this sentence or an
    earlier one, or the person named in full whose short name it is."""
    words = name.split()
    for run, office in here:
        if run == name or run.endswith(" " + name):
            return office.code
    office = memory.office_by_name(words)
    if office is not None:
        return office.code
    person = memory.person_by_short_name(name) if len(words) == 1 else None
    return person.code if person is not None else None

def _open_mentions(
    sent: Span, known: list[tuple[int, int, Resolved]], memory: Memory
) -> list[tuple[int, int, Resolved]]:
    """NER people and organisations no dictionary names, as actors (coding/open_actors.py)."""
    doc = sent.doc
    here = _named_officials(sent, known)
    found = open_actors(
        sent,
        [(s, e, r.code, r.kind) for s, e, r in known],
        lambda start: _role_country([k for k in known if k[1] <= start], memory),
        lambda name: _named_before(name, memory, here),
    )
    out = []
    for a in found:
        span = doc[a.start : a.end]
        actor = Resolved(a.code, span.text, span.start_char, span.end_char, a.entries, a.kind)
        out.append((a.start, a.end, actor))
    return out

def _role_country(earlier: list[tuple[int, int, Resolved]], memory: Memory) -> str:
    """The country of a bare role noun: the actor it belongs to ("militernya": the subject's), the
    last country named earlier in the sentence ("Menlu AS, Marco Rubio, mengumumkan bahwa
    pemerintah ..."), else the article's country in focus."""
    named = [r for _s, _e, r in earlier if codes.state_of(r.code)]
    if named:
        return named[-1].code[:3]
    return memory.focus_country()

#: An ordinal between a title and its holder's name ("Presiden ke-7 Joko Widodo").
ORDINAL = re.compile(r"ke-?\d+")

#: The actor kinds a preposition or a "Town, Country" comma makes a location, not a participant
#: (a capital standing for its government, "di Seoul", included).
LOCATION_KINDS = frozenset({"country", "region", "place", "metonym"})


def close_sentence(sent: Span, mentions: list[tuple[int, int, Resolved]], memory: Memory) -> None:
    """What a sentence leaves for the ones after it: its actors, the offices it names with an
    unknown name, and whom it is about."""
    doc = sent.doc
    for s, _e, r in mentions:
        before = doc[s - 1].lower_ if s > sent.start else ""
        place = r.kind in LOCATION_KINDS and (
            before in PLACE_PREPS
            or (before == "," and s - 2 >= sent.start and doc[s - 2].ent_type_ in ("GPE", "LOC"))
        )
        # "tiba di Brussels, Belgia": a place says what country the story is in, but it is not
        # one of the actors "kedua belah pihak" can mean; a person or body after a comma is an
        # apposition ("Presiden Kolombia, Gustavo Petro"), whom a later "Petro" means
        memory.remember(r, place=place)
    memory.offices.extend(_named_officials(sent, mentions))
    memory.topic = _topic_person(sent, mentions, memory)

def _topic_person(
    sent: Span, mentions: list[tuple[int, int, Resolved]], memory: Memory
) -> Resolved | None:
    """The first person of a sentence who is not inside a prepositional phrase: whom the sentence
    is about, and so whom a pronoun in the next one most likely means. A sentence opening with
    the short name of someone named before ("Lee, sekutu AS yang ...") is about that person."""
    doc = sent.doc
    first = next((t for t in sent if not t.is_space), None)
    if first is not None and first.text[:1].isupper() and all(s > first.i for s, _e, _r in mentions):
        known = memory.person_by_short_name(first.text)
        if known is not None:
            return known
    for s, _e, r in mentions:
        if r.kind != "person":
            continue
        if s > sent.start and doc[s - 1].lower_ in ALL_PREPS:
            continue
        return r
    return None

def _named_officials(sent: Span, mentions: list[tuple[int, int, Resolved]]) -> list[tuple[str, Resolved]]:
    """Offices followed by a name the dictionary does not know: "Anggota DPR RI dari Daerah
    Pemilihan Aceh I Muslim Ayub menilai ...". Returns (the capitalised words after the office,
    the office), so that a later "kata Muslim Ayub" or "Muslim menuturkan" can be matched against
    the words' tail (the NER cannot tell where the constituency ends and the name begins)."""
    doc = sent.doc
    # a place inside the run is part of it ("dari Daerah Pemilihan Aceh I"); another actor ends it
    starts = {
        s for s, _e, r in mentions
        if r.kind not in ("place", "region", "country") and not any(x.startswith("open:") for x in r.entries)
    }
    out: list[tuple[str, Resolved]] = []
    for _s, e, r in mentions:
        if r.kind not in ("role", "org") or len(r.code) <= 3 or any(x.startswith("ref:") for x in r.entries):
            continue
        k = e
        words: list[str] = []
        while k < sent.end and len(words) < NAMED_OFFICIAL_REACH and k not in starts:
            t = doc[k]
            if t.lower_ in ("dari", "asal", "fraksi") and not words:
                k += 1
                continue
            if not (t.is_alpha and t.text[:1].isupper()) and not (t.like_num and words):
                break
            words.append(t.text)
            k += 1
        if words and (k >= sent.end or not doc[k].text[:1].isupper()):
            out.append((" ".join(words), r))
    return out


def _names_next(sent: Span, found: Sequence, n: int) -> bool:
    """Whether the role noun ``found[n]`` is the title of the person named right after it
    ("Menteri Keamanan Nasional Itamar Ben-Gvir", "Presiden ke-7 Joko Widodo")."""
    m = found[n]
    return any(
        o.kind == "person"
        and 0 <= o.start - m.end <= 3
        and all(t.text[:1].isupper() or ORDINAL.fullmatch(t.text) for t in sent.doc[m.end : o.start])
        for o in found[n + 1 : n + 2]
    )


def _bare_role(
    sent: Span, found: Sequence, n: int, out: list[tuple[int, int, Resolved]], memory: Memory
) -> tuple[str, str] | None:
    """The code of a bare role noun ("polisi", "pemerintah") and how its country was found: the
    place after it ("gereja Katolik di Gaza", "polisi di Tepi Barat"), else the country in focus.
    None for a generic noun ("masyarakat", "warga"), a title whose name follows ("Menteri Keamanan
    Nasional Itamar Ben-Gvir" is the minister, not a second actor) or an adjective ("operasi
    militer")."""
    m = found[n]
    title = _names_next(sent, found, n)
    before = sent.doc[m.start - 1] if m.start > sent.start else None
    adjective = (
        m.end - m.start == 1
        and sent.doc[m.start].lower_ in ADJECTIVAL_ROLE_WORDS
        and before is not None
        and before.is_lower
        and before.pos_ == "NOUN"
    )
    if m.role in GENERIC_ROLES or title or adjective:
        return None
    named = _titled_short_name(sent, m.end, memory)
    if named is not None:
        return named.code, "ref:titled-name"
    located = next(
        (
            o.country
            for o in found[n + 1 : n + 2]
            if o.kind in ("country", "region", "place")
            and codes.is_country(o.country)
            and 1 <= o.start - m.end <= 3
            and sent.doc[o.start - 1].lower_ == "di"
        ),
        "",
    )
    code = (located or _role_country(out, memory)) + m.role
    return code, "ref:located" if located else "ref:focus-country"


def _titled_short_name(sent: Span, end: int, memory: Memory) -> Resolved | None:
    """The person a title followed by their short name means ("Presiden Petro", "PM Wong"): the
    one capitalised word after the title names someone the article named in full before."""
    if end >= sent.end:
        return None
    word = sent.doc[end]
    nxt = sent.doc[end + 1] if end + 1 < sent.end else None
    if not (word.is_alpha and word.text[:1].isupper()) or (nxt is not None and nxt.text[:1].isupper()):
        return None
    return memory.person_by_short_name(word.text)


def _reference(
    sent: Span,
    i: int,
    low: str,
    out: list[tuple[int, int, Resolved]],
    memory: Memory,
    speaker: Resolved | None,
) -> list[tuple[int, int, Resolved]]:
    """What the referring word at ``i`` points to (nothing when it cannot be resolved)."""
    tok = sent.doc[i]
    if low in FIRST_PERSON:
        if speaker is None:
            return []
        return [(i, i + 1, replace(speaker, name=tok.text, start_char=tok.idx, end_char=tok.idx + len(tok)))]
    if low in PERSON_PRONOUNS:
        # a person named earlier in this sentence ("Trump mengaku, dirinya ..."), else whom the
        # sentence before was about (Memory.salient_person)
        here = [r for s_, _e, r in out if r.kind == "person" and s_ < i] or [
            p for p in [memory.salient_person()] if p is not None
        ]
        if not here:
            return []
        p = here[-1]
        entries = (*p.entries, "ref:pronoun")
        return [(i, i + 1, Resolved(p.code, tok.text, tok.idx, tok.idx + len(tok), entries, "person"))]
    if low in OWN_STATE_WORDS:
        return _own_state(sent, i, out, memory)
    if low in PAIR_WORDS:
        return _pair_mention(sent, i, low, out, memory)
    return []


def _own_state(
    sent: Span, i: int, out: list[tuple[int, int, Resolved]], memory: Memory
) -> list[tuple[int, int, Resolved]]:
    """"negaranya", "pemerintahnya": the state of the actor speaking in the sentence (not after a
    noun: "warga negaranya" are its citizens)."""
    doc = sent.doc
    tok = doc[i]
    before = doc[i - 1] if i > sent.start else None
    if before is not None and before.pos_ == "NOUN" and before.is_lower:
        return []
    owner = next((r for _s, _e, r in out if codes.is_country(r.code[:3])), None)
    if owner is None and memory.persons:
        owner = memory.persons[-1]
    if owner is None or not codes.is_country(owner.code[:3]):
        return []
    entries = (*owner.entries, "ref:own-state")
    state = Resolved(owner.code[:3] + "GOV", tok.text, tok.idx, tok.idx + len(tok), entries, "role")
    return [(i, i + 1, state)]


def _pair_mention(
    sent: Span, i: int, low: str, out: list[tuple[int, int, Resolved]], memory: Memory
) -> list[tuple[int, int, Resolved]]:
    """kedua negara / kedua pemimpin / keduanya: the last two actors of that kind."""
    doc = sent.doc
    tok = doc[i]
    noun = doc[i + 1].lower_ if i + 1 < sent.end and low == "kedua" else ""
    if low == "kedua" and noun not in GROUP_NOUN_KIND:
        return []
    kind = GROUP_NOUN_KIND.get(noun, "any")
    earlier = [r for s_, _e, r in out if s_ < i]
    pair = _pair_referent(kind, earlier, memory)
    if len(pair) != 2:
        return []
    end = i + 2 if noun else i + 1
    span_end = doc[end - 1].idx + len(doc[end - 1])
    text = doc_text(doc)[tok.idx : span_end]
    return [
        (i, end, Resolved(r.code, text, tok.idx, span_end, (*r.entries, "ref:kedua"), r.kind)) for r in pair
    ]


class MentionReader:
    """The coder's reading of actor mentions (mixed into :class:`peristiwa.coding.coder.Coder`,
    which holds the dictionaries)."""

    # ------------------------------------------------------------------------------ actors
    def _speaker(
        self,
        sent: Span,
        sentence: Sentence,
        nxt: Sentence | None,
        prev: Sentence | None,
        when: date | None,
        memory: Memory,
        cues: frozenset[str] = FIRST_PERSON,
    ) -> Resolved | None:
        """Who "kami"/"saya" is: the named speaker of the quote ("..., kata Netanyahu"), if any,
        also one the sentence before introduced ("Rubio menyatakan bahwa ... . "Kami akan ...,"
        tegasnya"). Looked for only when the sentence holds one of ``cues`` (the first person;
        the coder also asks with the obligation words: whose demand "X harus ..." is)."""
        if cues.isdisjoint(doc_words(sent.doc)[1][sent.start : sent.end]):
            return None
        src = attribution_mod.find_source(
            sentence.text, nxt.text if nxt else None, prev.text if prev else None
        )
        if src is None or src.anonymous:
            return None
        base = (
            sentence.start
            if src.where == "sentence"
            else nxt.start
            if (nxt and src.where == "next")
            else prev.start
            if (prev and src.where == "previous")
            else None
        )
        if base is None:
            return None
        doc = sent.doc
        span = doc.char_span(base + src.start, base + src.end, alignment_mode="expand")
        if span is None:
            return None
        found = [m for m in self.actors.find(span, when) if m.country or len(m.code) > 3]
        if found:
            m = found[0]
            return Resolved(m.code, m.text, m.start_char, m.end_char, (*m.entries, "ref:speaker"), m.kind)
        if (src.kind == "pronoun" or span.text.lower() in PERSON_PRONOUNS) and memory.persons:
            # "..., ujar dia" / "tegasnya": as for "dia", whom the sentence before was about, else
            # the person the article named last
            p = memory.salient_person() or memory.persons[-1]
            return replace(p, entries=(*p.entries, "ref:speaker"))
        words = span.text.split()
        # "kata Sergei", "ujar PM Wong": a title and the short name of someone named in full before
        named = memory.person_by_short_name(words[-1]) if 0 < len(words) <= 3 else None
        if named is not None:
            return replace(named, entries=(*named.entries, "ref:speaker"))
        office = memory.office_by_name(words) if 0 < len(words) <= 3 else None
        if office is not None:
            # "kata Muslim Ayub": the member of parliament introduced with that name
            person = Resolved(office.code, span.text, span.start_char, span.end_char,
                              (*office.entries, "ref:named-office", "ref:speaker"), "person")
            memory.persons.append(person)
            return person
        return None

    def _mentions(
        self, sent: Span, when: date | None, memory: Memory, speaker: Resolved | None = None
    ) -> list[tuple[int, int, Resolved]]:
        """Actor mentions in the sentence as (start token, end token, actor), references resolved
        (each reference may use the ones resolved before it in the sentence)."""
        out = self._dictionary_mentions(sent, when, memory)
        out.extend(_open_mentions(sent, out, memory))
        out.sort(key=lambda x: (x[0], x[1]))
        taken = {i for s, e, _ in out for i in range(s, e)}
        lowers = doc_words(sent.doc)[1]
        for i in range(sent.start, sent.end):
            if i not in taken and lowers[i] in REFERRING_WORDS:
                out.extend(_reference(sent, i, lowers[i], out, memory, speaker))
        out.sort(key=lambda x: (x[0], x[1]))
        return out

    def _dictionary_mentions(
        self, sent: Span, when: date | None, memory: Memory
    ) -> list[tuple[int, int, Resolved]]:
        """The dictionary's mentions, a bare role noun given the country it belongs to."""
        out: list[tuple[int, int, Resolved]] = []
        found = self.actors.find(sent, when)
        titled_from: int | None = None  # a title's first token, for the name it introduces
        for n, m in enumerate(found):
            code = m.code
            entries = tuple(m.entries)
            if len(code) == 3 and not code[:1].isalpha():
                continue
            start, titled_from = (m.start if titled_from is None else titled_from), None
            if not m.country and m.role and len(code) == 3 and code == m.role:
                if _names_next(sent, found, n):
                    # "Presiden ke-7 Joko Widodo": the title is part of the name's mention, so a
                    # list reads "A dan Presiden ke-7 B" as A and B
                    titled_from = m.start
                    continue
                completed = _bare_role(sent, found, n, out, memory)
                if completed is None:
                    continue
                code, entries = completed[0], (*entries, completed[1])
            out.append((start, m.end, Resolved(code, m.text, m.start_char, m.end_char, entries, m.kind)))
        return out

    def _generic_mentions(
        self, sent: Span, when: date | None, mentions: list[tuple[int, int, Resolved]], memory: Memory
    ) -> list[tuple[int, int, Resolved]]:
        """Bare civilian, business and media nouns ("warga", "tersangka", "pengusaha"): never an
        argument the rules choose, but a candidate target the selector may keep."""
        taken = {i for s, e, _r in mentions for i in range(s, e)}
        out = []
        for m in self.actors.find(sent, when):
            if m.country or m.role not in GENERIC_ROLES or any(i in taken for i in range(m.start, m.end)):
                continue
            code = _role_country(mentions, memory) + m.role
            entries = (*m.entries, "ref:generic")
            out.append((m.start, m.end, Resolved(code, m.text, m.start_char, m.end_char, entries, "generic")))
        return out


# The references this module resolves: each is recorded in the entries of the actor it yields.
_REFERENCES = (
    ("ref:pronoun", "\"ia\", \"dia\", \"beliau\", \"dirinya\": the person named earlier in the sentence, "
     "else whom the sentence before was about.",
     "Perdana Menteri Jepang Shigeru Ishiba tiba di Hanoi. Ia bertemu Presiden Vietnam di istana "
     "kepresidenan.",
     "Perdana Menteri Jepang Shigeru Ishiba tiba di Hanoi. Presiden Vietnam menyambut delegasi itu "
     "di istana."),
    ("ref:speaker", "\"kami\", \"saya\": the named speaker of the quote, in this sentence or the next or "
     "the one before.",
     "\"Kami mengecam keras Korea Utara,\" kata Menteri Pertahanan Jepang.",
     "\"Jepang mengecam keras Korea Utara,\" kata Menteri Pertahanan Jepang."),
    ("ref:named-office", "A quote's speaker named by a name the dictionary does not know, which an "
     "earlier sentence wrote after an office (\"Anggota DPR ... X\" then \"kata X\"): that office.",
     "Anggota DPR RI dari Daerah Pemilihan Papua Lukas Wenda menilai menteri itu lalai. \"Saya mendesak "
     "Presiden menegur Menteri Kesehatan,\" kata Wenda.",
     "Anggota DPR RI dari Daerah Pemilihan Papua Lukas Wenda menilai menteri itu lalai. \"Presiden "
     "sudah menegur Menteri Kesehatan,\" kata Wenda."),
    ("ref:kedua", "\"kedua negara\", \"kedua pemimpin\", \"keduanya\": the last two actors of that kind.",
     "Menteri Luar Negeri Jepang bertemu Menteri Luar Negeri Vietnam di Hanoi. Kedua negara sepakat "
     "memperluas kerja sama perdagangan.",
     "Menteri Luar Negeri Jepang bertemu Menteri Luar Negeri Vietnam di Hanoi. Jepang dan Vietnam sepakat "
     "memperluas kerja sama perdagangan."),
    ("ref:own-state", "\"negaranya\", \"pemerintahnya\": the government of the actor speaking in "
     "the sentence.",
     "Duta Besar Jepang untuk PBB mengatakan negaranya mengecam uji coba rudal Korea Utara.",
     "Duta Besar Jepang untuk PBB mengatakan Tokyo mengecam uji coba rudal Korea Utara."),
    ("ref:titled-name", "A bare title followed by the short name of someone the article named in full "
     "before (\"Presiden Petro\" after \"Presiden Kolombia, Gustavo Petro\"): that person.",
     "Presiden Kolombia, Gustavo Petro, berpidato di Bogota. Menteri Luar Negeri Amerika Serikat "
     "mengkritik Presiden Petro.",
     "Presiden Kolombia, Gustavo Petro, berpidato di Bogota. Menteri Luar Negeri Amerika Serikat "
     "mengkritik Presiden Meksiko."),
    ("ref:located", "A bare role noun takes the country of the place written after it (\"polisi di X\").",
     "Polisi di Malaysia menangkap dua diplomat Jepang.",
     "Polisi Malaysia menangkap dua diplomat Jepang."),
    ("ref:focus-country", "A bare role noun, or an open actor with no country, belongs to the country "
     "the article is about (Indonesia by default).",
     "Polisi menangkap Duta Besar Jepang di Jakarta.",
     "Polisi Malaysia menangkap Duta Besar Jepang di Kuala Lumpur."),
    ("ref:generic", "A bare civilian, business or media noun (\"warga\", \"pengusaha\"): never the rules' "
     "argument, but a candidate target for the selector.",
     "Polisi Malaysia menangkap seorang pengusaha di Kuala Lumpur.",
     "Polisi Malaysia menangkap Duta Besar Jepang di Kuala Lumpur."),
)
for _name, _doc, _fires, _must_not in _REFERENCES:
    register(_name, "any", "reference", _doc, _fires, _must_not)
