"""Actor mentions: the names, institutions and role nouns in a sentence, with their CAMEO codes.

The dictionaries live in ``dictionaries/actors/`` (format and rules: ``docs/dictionaries.md``):

* ``countries.tsv``: every CAMEO country and region code with its Indonesian names;
* ``metonyms.tsv``: seats of power that stand for a government (``Kremlin``, ``Istana``);
* ``people.tsv``: named people, coded per date range (Prabowo is ``IDNGOV`` as defence minister
  and as president, Jokowi ``IDNELI`` after 2024-10-20);
* ``orgs.tsv``: organisations, optionally dated (parties move in and out of government);
* ``roles.tsv``: role nouns (``polisi`` -> ``COP``), title words (``ketua``) and ``mantan``;
* ``discards.tsv``: phrases that contain a country name but name no actor (``bahasa Inggris``).

Why composition instead of listing every "role + country": Indonesian puts the head noun first
("pemerintah Rusia", "Presiden Rusia Vladimir Putin", "Menteri Luar Negeri Indonesia Sugiono"), so
a role noun, an institution, a country or place and a person that follow each other directly are
read as one actor. That keeps the dictionaries small and covers combinations nobody listed
("warga Gaza", "Polda Metro Jaya", "Kementerian Luar Negeri China"). Every mention carries the
ids of the entries that produced it, so a wrong code can be traced to a line of a TSV file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from peristiwa.coding.codes import INTERNATIONAL_TYPES, split_code
from peristiwa.coding.lexicon import DictionaryFormatError, Problem, Row, read_tsv, split_names
from peristiwa.coding.places import (
    REGION_CODES,
    Gazetteer,
    RawMatch,
    doc_range,
    doc_text,
    is_exact_variant,
    known_country_codes,
    select_longest,
)
from peristiwa.config import DICTIONARY_DIR, data_dir

#: CAMEO type codes that open an international actor code (IGOUNO, NGOHLHIRC, IMGALQ ...).
#: Role codes used when ``actor_types.tsv`` of the shared CAMEO tables is not available.
BUILTIN_ROLE_CODES: frozenset[str] = frozenset({
    "GOV", "MIL", "COP", "JUD", "OPP", "REB", "INS", "SEP", "SPY", "UAF", "PTY", "AGR", "BUS", "CRM", "CVL",
    "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "REL", "MOS", "MUS",
    "CHR", "JEW", "HIN", "BUD", "CTH", "PRO",
})
#: roles.tsv code for a title word that only joins a chain (``ketua``, ``Pak``), never an actor alone.
TITLE_CODE = "-"
#: CAMEO role of former officials and elites.
FORMER_CODE = "ELI"
#: roles.tsv ``kind`` of a word that turns the chain it opens into a former official
#: (``mantan Presiden``); its code must be ELI.
FORMER_KIND = "former"
#: roles.tsv ``kind`` of a word for someone who speaks or acts for the actor after it (``juru
#: bicara Anies``): the chain keeps that actor's code, and the word is not read as that actor's title.
AGENT_KIND = "agent"
ROLE_KINDS: tuple[str, ...] = ("", FORMER_KIND, AGENT_KIND)

ACTOR_FILES: dict[str, tuple[str, ...]] = {
    "countries": ("id", "names", "code"),
    "metonyms": ("id", "names", "code"),
    "people": ("id", "names", "code", "start", "end"),
    "orgs": ("id", "names", "code"),
    "roles": ("id", "names", "code"),
    "discards": ("id", "names"),
}
#: Which source wins when two entries match exactly the same text (lower wins).
_PRIORITY: dict[str, int] = {"discards": 0, "people": 1, "orgs": 2, "metonyms": 3, "countries": 4,
                             "places": 5, "roles": 6}
_LOCATIONS = ("country", "region", "place")
_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_ID = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass(frozen=True, slots=True)
class Period:
    """One dated row of an entry: ``start`` inclusive, ``end`` exclusive, None = open."""

    start: date | None
    end: date | None
    code: str
    title: str = ""

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """A dictionary entry: one id of one file, with all its (dated) rows."""

    source: str
    id: str
    name: str
    kind: str  # country region metonym person org role title mod place discard
    periods: tuple[Period, ...]
    names: tuple[str, ...] = ()
    takes_country: bool = False
    posting: tuple[str, ...] = ()
    agent: bool = False

    @property
    def key(self) -> str:
        """The id reported in ``ActorMention.entries`` (``people:vladimir_putin``)."""
        return f"{self.source}:{self.id}"

    def covers(self, when: date | None) -> bool:
        return when is None or any(p.covers(when) for p in self.periods)

    def code_at(self, when: date | None) -> str:
        """The code on a date.

        Without a date, the latest row (what the dictionary last knew). On a date no row covers:
        after the last ended row, that row's country + ``ELI`` (a former official, as CAMEO codes
        them); before the first row, the bare country, since the role is unknown.
        """
        periods = self.periods
        if len(periods) == 1 and periods[0].start is None and periods[0].end is None:
            return periods[0].code
        if when is None:
            return max(periods, key=lambda p: p.start or date.min).code
        covering = [p for p in periods if p.covers(when)]
        if covering:
            return max(covering, key=lambda p: p.start or date.min).code
        ended = [p for p in periods if p.end is not None and p.end <= when]
        if ended:
            last = max(ended, key=lambda p: p.end or date.min)
            return _former(last.code)
        first = min(periods, key=lambda p: p.start or date.min)
        return first.code if first.code[:3] in INTERNATIONAL_TYPES else first.code[:3]


def _former(code: str) -> str:
    """``IDNGOV`` -> ``IDNELI``; international codes stay as they are."""
    if code[:3] in INTERNATIONAL_TYPES or len(code) < 3:
        return code
    return code[:3] + FORMER_CODE


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in the text.

    ``start``/``end`` are Doc token indices (end exclusive) and ``start_char``/``end_char`` Doc
    character offsets, also when a Span was searched. ``country`` and ``role`` split ``code``
    for national actors (``RUSGOV`` -> ``RUS``, ``GOV``); a bare role noun has ``country == ""``
    and ``code == role`` for the coder to complete from context; international codes
    (``IGOUNO``) leave both empty.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    code: str
    country: str
    role: str
    kind: str  # country region place person org metonym role
    entries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Piece:
    """A matched dictionary name before composition."""

    start: int
    end: int
    start_char: int
    end_char: int
    kind: str
    entry: Entry
    code: str

    @property
    def country(self) -> str:
        return self.code[:3]


@dataclass(slots=True)
class ActorDictionary:
    """The actor dictionaries (and places, for composition) compiled into one matcher."""

    gazetteer: Gazetteer
    entries: dict[str, Entry]

    @classmethod
    def load(cls, directory: Path = DICTIONARY_DIR) -> ActorDictionary:
        """Read ``directory/actors/*.tsv`` and ``directory/places.tsv``."""
        entries = _load_entries(directory)
        staged: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries.values():
            for v in entry.names:
                key = (entry.source, v if is_exact_variant(v) else v.lower())
                staged.setdefault(key, [])
                if entry not in staged[key]:
                    staged[key].append(entry)
        gaz = Gazetteer()
        seen: set[tuple[str, str]] = set()
        for entry in entries.values():
            for v in entry.names:
                key = (entry.source, v if is_exact_variant(v) else v.lower())
                if (key, v) in seen:
                    continue
                seen.add((key, v))
                gaz.add(v, tuple(staged[key]))
        return cls(gaz, entries)

    def find(self, span_or_doc: Doc | Span, when: date | None = None) -> list[ActorMention]:
        """Actor mentions in a Doc or Span, longest non-overlapping names first, composed.

        ``when`` (usually the publication date) selects the dated rows of people and
        organisations; without it the latest row is used.
        """
        doc, lo, hi = doc_range(span_or_doc)
        raw = self.gazetteer.matches(span_or_doc)
        chosen = select_longest(raw, priority=lambda m: _PRIORITY[m.variant.payload[0].source])
        dateline = _dateline_end(doc, lo, hi)
        pieces = [p for p in (_piece(m, when) for m in chosen)
                  if p.kind != "discard" and p.start_char >= dateline and not _namesake(doc, p)]
        mentions: list[ActorMention] = []
        i = 0
        while i < len(pieces):
            chain, aliases = [pieces[i]], []
            end_char = pieces[i].end_char
            j = i + 1
            while j < len(pieces):
                nxt = pieces[j]
                alias_end = _alias_end(doc, chain[-1], end_char, nxt)
                if alias_end is not None:
                    aliases.append(nxt)
                    end_char = alias_end
                elif _adjacent(doc, end_char, nxt) and _can_extend(chain, nxt):
                    chain.append(nxt)
                    end_char = nxt.end_char
                else:
                    break
                j += 1
            if j < len(pieces) and _posting(doc, chain, end_char, pieces[j]):
                end_char = pieces[j].end_char
                j += 1
            mention = _compose(doc, chain, aliases, end_char, when)
            if mention is not None:
                mentions.append(mention)
            i = j
        return mentions

    def lookup(self, name: str, when: date | None = None) -> str:
        """The code of a whole name (``"Kremlin"`` -> ``RUSGOV``), or "" when it is not one actor.

        Useful for NER entities and for tests; tokenises with a blank Indonesian pipeline.
        """
        found = self.find(_blank()(name), when)
        whole = [m for m in found if m.start_char == 0 and m.end_char == len(name)]
        return whole[0].code if whole else ""


@cache
def _blank() -> Language:
    """A blank Indonesian tokenizer, for :meth:`ActorDictionary.lookup` on bare strings."""
    import spacy

    return spacy.blank("id")


def _piece(m: RawMatch, when: date | None) -> _Piece:
    candidates: tuple[Entry, ...] = m.variant.payload
    entry = next((e for e in candidates if e.covers(when)), candidates[0])
    return _Piece(m.start, m.end, m.start_char, m.end_char, entry.kind, entry, entry.code_at(when))


def _namesake(doc: Doc, p: _Piece) -> bool:
    """A known person's one-word name inside a longer name the NER found that is not theirs:
    "Koordinator aksi, Yusril Buang, ..." is not Yusril Ihza Mahendra."""
    if p.kind != "person" or p.end - p.start != 1 or p.end >= len(doc):
        return False
    nxt = doc[p.end]
    if nxt.ent_type_ != "PER" or nxt.ent_iob_ != "I" or not nxt.is_alpha:
        return False
    own = {w.lower() for name in p.entry.names for w in name.replace("-", " ").split()}
    return nxt.lower_ not in own


_BRANCH = re.compile(r"\s+(?:Cabang|Wilayah|Komisariat|Perwakilan)\s+")


def _adjacent(doc: Doc, end_char: int, b: _Piece) -> bool:
    """Only whitespace between the chain so far and the next piece (a comma or hyphen separates
    actors), or a branch word before a place ("HMI Cabang Ternate" is HMI's Ternate branch)."""
    between = doc_text(doc)[end_char:b.start_char]
    if b.kind in _LOCATIONS and _BRANCH.fullmatch(between):
        return True
    return b.start_char >= end_char and (between == "" or between.isspace())


def _alias_end(doc: Doc, last: _Piece, end_char: int, nxt: _Piece) -> int | None:
    """Where ``(alias)`` ends when the next piece repeats the last one's code in parentheses
    (``Sekretaris Kabinet (Seskab) Teddy``, ``Amerika Serikat (AS)``), so the chain runs on."""
    if nxt.code != last.code or nxt.kind != last.kind:
        return None
    if not re.fullmatch(r"\s*\(\s*", doc_text(doc)[end_char:nxt.start_char]):
        return None
    close = re.match(r"\s*\)", doc_text(doc)[nxt.end_char:])
    return nxt.end_char + close.end() if close else None


_DATELINE = re.compile(r"(?P<head>[^\n]{1,80}?)(?P<gap>\s*)[-\u2013\u2014]+\s")


def _dateline_end(doc: Doc, lo: int, hi: int) -> int:
    """Character offset where a dateline (``BEIRUT, KOMPAS.com -``, ``JAKARTA -``) ends, or -1.

    A dateline names where the story was filed and who filed it, not an actor of the first
    sentence: capitalised words and outlet names up to a dash, with a comma, an outlet name or
    capitals only, so that "Thailand - Kamboja berdamai" is not taken for one."""
    if lo >= hi:
        return -1
    start = doc[lo].idx
    m = _DATELINE.match(doc_text(doc), start, doc[hi - 1].idx + len(doc[hi - 1].text))
    if not m:
        return -1
    head = m.group("head")
    words = [w.strip(",") for w in head.split()]
    outlet = ".co" in head.lower()
    if not m.group("gap") and not words[-1].lower().endswith((".com", ".co", ".id", ".co.id")):
        return -1
    if not all(_dateline_word(w) for w in words if w):
        return -1
    if "," in head or outlet or head.isupper():
        return m.end()
    return -1


def _dateline_word(text: str) -> bool:
    """Punctuation, a capitalised word or an outlet name (``KOMPAS.com``, ``Liputan6.com``)."""
    return not text[:1].isalpha() or text[:1].isupper() or ".co" in text.lower()


def _can_extend(chain: list[_Piece], p: _Piece) -> bool:
    """The chain grammar: [mantan] (title|role)* [org [org]|metonym] [country|region|place] [person].

    Role nouns may be followed by anything; an institution only by a person, or by a country or
    place when it ``takes_country`` (``DPR AS``, ``Polda Jawa Barat``) or shares its country
    (``Hizbullah Lebanon``), so ``Hamas Israel`` stays two actors, or by the body it belongs to
    when that has the same code (``MKD DPR``); a country or place only by a
    person, and only when a title or role came first (``Presiden Rusia Vladimir Putin``).
    """
    last = chain[-1]
    if any(c.kind == "person" for c in chain):
        return False
    if p.kind == "discard":
        return False
    has_lead = any(c.kind in ("role", "title", "mod", "org") for c in chain)
    if last.kind in ("role", "title", "mod"):
        return True
    if last.kind == "org":
        if p.kind == "person":
            return True
        if p.kind in _LOCATIONS:
            return last.entry.takes_country or (last.country == p.country and _is_national(last.code))
        # a body followed by the institution it belongs to ("MKD DPR", "Bareskrim Polri")
        return p.kind == "org" and p.code == last.code and not any(c.kind == "org" for c in chain[:-1])
    if last.kind in _LOCATIONS:
        return p.kind == "person" and has_lead
    return False


def _posting(doc: Doc, chain: list[_Piece], end_char: int, nxt: _Piece) -> bool:
    """Whether ``nxt`` is an envoy's posting (``Duta Besar Jerman untuk Indonesia``, ``Kedutaan
    Besar China di Washington``), which belongs to the envoy mention and is not an actor."""
    words = {w for c in chain for w in c.entry.posting}
    if not words or chain[-1].kind == "person" or nxt.kind not in (*_LOCATIONS, "metonym", "org"):
        return False
    m = re.fullmatch(r"\s+(\w+)\s+", doc_text(doc)[end_char:nxt.start_char])
    return bool(m and m.group(1).lower() in words)


def _is_national(code: str) -> bool:
    return len(code) >= 3 and code[:3] not in INTERNATIONAL_TYPES


def _chain_code(persons: list[_Piece], orgs: list[_Piece], locs: list[_Piece], roles: list[_Piece],
                former: bool, when: date | None) -> tuple[str, str] | None:
    """The code and kind a chain's pieces give, before the country and former-office touches."""
    if persons:
        return _person_code(persons[-1], roles, orgs, former, when), "person"
    if orgs and orgs[-1].kind == "metonym" and roles and roles[-1].code != "GOV":
        # "warga Ramallah", "wartawan Gedung Putih": the seat of power only locates the role
        return orgs[-1].country + roles[-1].code, "role"
    if orgs:
        org = orgs[-1]
        code = org.code
        if locs and org.entry.takes_country and _is_national(code):
            code = locs[-1].country + code[3:]
        return code, org.kind
    if roles:
        return (locs[-1].country if locs else "") + roles[-1].code, "role"
    if locs:
        return locs[-1].code, locs[-1].kind
    if former:
        return FORMER_CODE, "role"
    return None


def _compose(doc: Doc, chain: list[_Piece], aliases: list[_Piece], end_char: int,
             when: date | None) -> ActorMention | None:
    """One mention from a chain: a person's dated code wins, then an institution's (with a
    following country when it takes one), then the last role noun with the country or place."""
    persons = [c for c in chain if c.kind == "person"]
    orgs = [c for c in chain if c.kind in ("org", "metonym")]
    locs = [c for c in chain if c.kind in _LOCATIONS]
    roles = [c for c in chain if c.kind == "role"]
    former = any(c.kind == "mod" for c in chain)
    chosen = _chain_code(persons, orgs, locs, roles, former, when)
    if chosen is None:
        return None  # a title word alone
    code, kind = chosen
    if kind == "role":
        country = locs[-1].country if locs else (orgs[-1].country if orgs else "")
        role = FORMER_CODE if former else code[len(country):]
        code = country + role
    else:
        if former and _is_national(code) and len(code) > 3:
            code = _former(code)
        country, role = split_code(code)
    first = chain[0]
    end_tok = chain[-1].end
    while end_tok < len(doc) and doc[end_tok].idx < end_char:
        end_tok += 1
    entries = tuple(dict.fromkeys(c.entry.key for c in sorted(chain + aliases, key=lambda c: c.start_char)))
    text = doc_text(doc)[first.start_char:end_char]
    return ActorMention(first.start, end_tok, first.start_char, end_char, text,
                        code, country, role, kind, entries)


def _person_code(person: _Piece, roles: list[_Piece], orgs: list[_Piece], former: bool,
                 when: date | None) -> str:
    """A person's code in a chain. Without a date, a title in front picks the matching row:
    ``Presiden Jokowi`` is IDNGOV although his latest row is IDNELI."""
    roles = [r for r in roles if not r.entry.agent]
    if when is not None or former or not (roles or orgs):
        return person.code
    lead = orgs[-1] if orgs else roles[-1]
    want = lead.code[3:6] if lead.kind in ("org", "metonym") else lead.code
    matching = [p for p in person.entry.periods if p.code[3:6] == want]
    if matching:
        return max(matching, key=lambda p: p.start or date.min).code
    return person.code


# --------------------------------------------------------------------------- loading
def _parse_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _is_alias(row: Row) -> bool:
    """A countries.tsv row kept only so that every CAMEO code is listed (``ROU`` beside ``ROM``):
    its names belong to the row it is an alias of and are not matched twice."""
    return row["note"].lower().startswith("alias of")


def _kind(source: str, code: str) -> str:
    if source == "countries":
        return "region" if code in REGION_CODES else "country"
    if source == "roles":
        return "title" if code == TITLE_CODE else "role"
    return {"metonyms": "metonym", "people": "person", "orgs": "org", "places": "place",
            "discards": "discard"}[source]


def _load_entries(directory: Path) -> dict[str, Entry]:
    """All entries of the actor files and places.tsv, keyed by ``source:id``; dated rows that
    share an id become the periods of one entry."""
    rows_by_key: dict[str, list[Row]] = {}
    sources: dict[str, str] = {}
    for source, required in ACTOR_FILES.items():
        path = directory / "actors" / f"{source}.tsv"
        if not path.is_file():
            continue
        for row in read_tsv(path, required=required):
            if source == "countries" and _is_alias(row):
                continue
            key = f"{source}:{row['id']}"
            rows_by_key.setdefault(key, []).append(row)
            sources[key] = source
    places = directory / "places.tsv"
    if places.is_file():
        for row in read_tsv(places, required=("id", "names", "code", "kind")):
            key = f"places:{row['id']}"
            rows_by_key.setdefault(key, []).append(row)
            sources[key] = "places"
    entries: dict[str, Entry] = {}
    for key, rows in rows_by_key.items():
        source = sources[key]
        first = rows[0]
        names = _union_names(rows)
        periods = tuple(sorted(
            (Period(_parse_date(r["start"]), _parse_date(r["end"]), r["code"], r["title"]) for r in rows),
            key=lambda p: p.start or date.min,
        ))
        code = first["code"] if source != "discards" else ""
        kind = "mod" if source == "roles" and first["kind"] == FORMER_KIND else _kind(source, code)
        entries[key] = Entry(
            source=source, id=first["id"], name=names[0] if names else first["id"], kind=kind,
            periods=periods, names=_union_names(rows),
            takes_country=first["takes_country"].lower() in ("y", "yes"), agent=first["kind"] == AGENT_KIND,
            posting=tuple(w.lower() for w in split_names(first["posting"])),
        )
    return entries


def _union_names(rows: list[Row]) -> tuple[str, ...]:
    """All name variants of an id, over its dated rows, first occurrence first."""
    names: list[str] = []
    for r in rows:
        names += [v for v in split_names(r["names"]) if v not in names]
    return tuple(names)


@cache
def default_actors() -> ActorDictionary:
    """The shipped actor dictionaries, loaded once per process."""
    return ActorDictionary.load()


def find(span_or_doc: Doc | Span, when: date | None = None) -> list[ActorMention]:
    """Actor mentions in a Doc or Span with the shipped dictionaries (see :meth:`ActorDictionary.find`)."""
    return default_actors().find(span_or_doc, when)


# --------------------------------------------------------------------------- validation
def role_codes() -> frozenset[str]:
    """Role codes from the shared ``actor_types.tsv`` when present, else the built-in list."""
    path = data_dir() / "cameo" / "actor_types.tsv"
    if path.is_file():
        try:
            codes = {
                r["code"] for r in read_tsv(path, required=("code", "category"))
                if not r["category"].startswith("international") and r["category"] != "other"
            }
            if codes:
                return frozenset(codes)
        except (OSError, DictionaryFormatError):
            pass
    return BUILTIN_ROLE_CODES


def check_code(code: str, countries: frozenset[str], roles: frozenset[str]) -> str | None:
    """Why an actor code is malformed, or None: 3-letter groups; a country or region followed by
    known role codes, or an international type followed by any groups (region, role, group)."""
    if not _CODE.match(code):
        return f"malformed code {code!r} (3-letter upper-case groups expected)"
    head, rest = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    if head in INTERNATIONAL_TYPES:
        return None
    if head not in countries:
        return f"unknown country code {head!r} in {code!r}"
    unknown = [r for r in rest if r not in roles]
    if unknown:
        return f"unknown role code(s) {', '.join(unknown)} in {code!r}"
    return None


def validate(directory: Path = DICTIONARY_DIR) -> list[Problem]:
    """Problems in the actor dictionaries; an empty list (or only warnings) means they load cleanly.

    Errors: unreadable files, bad or duplicate ids (people and orgs may repeat an id across date
    ranges), empty names, variants that do not start with a letter or digit, malformed codes,
    unknown country codes (checked against the shared CAMEO table when present, else our
    countries.tsv), unknown role codes, bad dates, ``start >= end``, overlapping ranges of one
    id, alias rows pointing nowhere. Warnings: one variant given to different codes in one file
    (two people for people.tsv), CAMEO codes missing from countries.tsv.
    """
    problems: list[Problem] = []
    countries = known_country_codes(directory)
    roles = role_codes()
    for source, required in ACTOR_FILES.items():
        path = directory / "actors" / f"{source}.tsv"
        if not path.is_file():
            if source != "discards":
                problems.append(Problem(str(path), 0, "file missing"))
            continue
        try:
            rows = list(read_tsv(path, required=required))
        except (OSError, DictionaryFormatError) as exc:
            problems.append(Problem(str(path), 0, str(exc)))
            continue
        problems += _validate_rows(source, rows, countries, roles)
        if source == "countries":
            problems += _validate_countries(path, rows)
    return problems


def _validate_rows(source: str, rows: list[Row], countries: frozenset[str],
                   roles: frozenset[str]) -> list[Problem]:
    problems: list[Problem] = []
    dated = source in ("people", "orgs")
    by_id: dict[str, list[Row]] = {}
    variants: dict[str, tuple[str, str, int]] = {}
    for row in rows:
        rid = row["id"]
        if not _ID.match(rid):
            problems.append(Problem(row.path, row.line, f"bad id {rid!r}"))
            continue
        if rid in by_id and not dated:
            first_line = by_id[rid][0].line
            problems.append(Problem(row.path, row.line, f"duplicate id {rid!r} (first on line {first_line})"))
        by_id.setdefault(rid, []).append(row)
        names = split_names(row["names"])
        problems += _validate_names(row, names)
        problems += _validate_code(source, row, countries, roles)
        if dated:
            problems += _validate_dates(row)
        for key_field in ("takes_country",):
            if row[key_field] and row[key_field].lower() not in ("y", "yes"):
                problems.append(Problem(row.path, row.line, f"{rid}: {key_field} must be 'y' or empty"))
        if not (source == "countries" and _is_alias(row)):
            problems += _shared_variants(source, row, names, variants)
    if dated:
        for rid, group in by_id.items():
            problems += _validate_overlaps(rid, group)
    return problems


def _validate_names(row: Row, names: list[str]) -> list[Problem]:
    """Empty names, a variant listed twice, a variant that does not start with a letter or digit."""
    rid = row["id"]
    out = []
    if not names:
        out.append(Problem(row.path, row.line, f"{rid}: empty names"))
    if len({v if is_exact_variant(v) else v.lower() for v in names}) < len(names):
        out.append(Problem(row.path, row.line, f"{rid}: a variant is listed twice", "warning"))
    for v in names:
        if not re.match(r"\w", v):
            out.append(Problem(row.path, row.line, f"{rid}: variant {v!r} must start with a letter or digit"))
    return out


def _shared_variants(
    source: str, row: Row, names: list[str], variants: dict[str, tuple[str, str, int]]
) -> list[Problem]:
    """A variant another row already gives (another person; another code elsewhere): a warning.
    ``variants`` remembers the first row of each variant."""
    rid = row["id"]
    out = []
    for v in names:
        key = v if is_exact_variant(v) else v.lower()
        prev = variants.get(key)
        if prev is None:
            variants[key] = (rid, row["code"], row.line)
            continue
        if prev[0] == rid:
            continue
        if source == "people" or (source != "discards" and prev[1] != row["code"]):
            what = f"{prev[0]} ({prev[1]})" if source != "people" else prev[0]
            message = f"{rid}: variant {v!r} also names {what} on line {prev[2]}"
            out.append(Problem(row.path, row.line, message, "warning"))
    return out


def _validate_code(source: str, row: Row, countries: frozenset[str], roles: frozenset[str]) -> list[Problem]:
    rid, code = row["id"], row["code"]
    if source == "discards":
        return []
    if source == "roles":
        problems = []
        if row["kind"] not in ROLE_KINDS:
            problems.append(Problem(row.path, row.line, f"{rid}: kind must be one of {ROLE_KINDS}"))
        elif row["kind"] == FORMER_KIND and code != FORMER_CODE:
            message = f"{rid}: a {FORMER_KIND!r} row takes code {FORMER_CODE}"
            problems.append(Problem(row.path, row.line, message))
        if code != TITLE_CODE and code not in roles:
            problems.append(Problem(row.path, row.line, f"{rid}: unknown role code {code!r}"))
        return problems
    if not code:
        return [Problem(row.path, row.line, f"{rid}: empty code")]
    why = check_code(code, countries, roles)
    if why:
        return [Problem(row.path, row.line, f"{rid}: {why}")]
    if source == "countries" and len(code) != 3:
        return [Problem(row.path, row.line, f"{rid}: a country row takes a bare 3-letter code, not {code!r}")]
    return []


def _validate_dates(row: Row) -> list[Problem]:
    rid = row["id"]
    try:
        start, end = _parse_date(row["start"]), _parse_date(row["end"])
    except ValueError as exc:
        return [Problem(row.path, row.line, f"{rid}: bad date ({exc}); use YYYY-MM-DD")]
    if start and end and start >= end:
        return [Problem(row.path, row.line, f"{rid}: start {start} is not before end {end}")]
    return []


def _validate_overlaps(rid: str, rows: list[Row]) -> list[Problem]:
    """Rows sharing an id must not overlap in time (``end`` is exclusive, so ``end == start`` is fine)."""
    spans: list[tuple[date, date, Row]] = []
    for r in rows:
        try:
            start, end = _parse_date(r["start"]) or date.min, _parse_date(r["end"]) or date.max
        except ValueError:
            continue
        spans.append((start, end, r))
    spans.sort(key=lambda s: s[0])
    problems = []
    for (_, e1, r1), (s2, _, r2) in pairwise(spans):
        if s2 < e1:
            problems.append(Problem(r2.path, r2.line, f"{rid}: date range overlaps line {r1.line}"))
    return problems


def _validate_countries(path: Path, rows: list[Row]) -> list[Problem]:
    """Alias rows must point at an existing row, and every CAMEO code should be listed."""
    problems: list[Problem] = []
    codes = {r["code"] for r in rows}
    for r in rows:
        if _is_alias(r):
            target = r["note"].split()[2:3]
            if not target or target[0].strip(".,;") not in codes:
                message = f"{r['id']}: alias target not found in {r['note']!r}"
                problems.append(Problem(r.path, r.line, message))
    cameo = cameo_codes_listed()
    if cameo:
        missing = sorted(cameo - codes)
        if missing:
            message = f"CAMEO codes without a row: {' '.join(missing)}"
            problems.append(Problem(str(path), 0, message, "warning"))
    return problems


def cameo_codes_listed() -> frozenset[str]:
    """Codes of the shared CAMEO countries table ("" when absent)."""
    from peristiwa.coding.places import cameo_country_codes

    return cameo_country_codes() or frozenset()


def count_entries(directory: Path = DICTIONARY_DIR) -> Counter[str]:
    """Distinct ids per actor file, for reports and tests."""
    counts: Counter[str] = Counter()
    for source in ACTOR_FILES:
        path = directory / "actors" / f"{source}.tsv"
        if path.is_file():
            counts[source] = len({r["id"] for r in read_tsv(path)})
    return counts
