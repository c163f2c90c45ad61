"""Geocoding: place mentions resolved to gazetteer entries, and the places of events.

The gazetteer (``dictionaries/gazetteer.tsv``, built by :mod:`peristiwa.coding.gazetteer_build`
from GeoNames and the Indonesian regional lists) holds countries, the 38 provinces (ADM1),
kabupaten/kota (ADM2), towns and world cities. This module

* finds the place mentions of an article with the shared :class:`~peristiwa.coding.places.Gazetteer`
  matcher, keeping a name only when the text says it is a place (a preposition ``di``/``ke``, a
  locative noun ``kota``/``provinsi``, a dateline, a province or country next to it) or the entry is
  a country, province or large city;
* resolves each to one entry by context: the province or country named next to it (``Kota Serang,
  Banten``), the article's country in focus, and population as the prior; a name that stays
  ambiguous (``Jambi`` the city or the province) is left at the broader level;
* picks the action place of an event (the ``di``/``ke`` phrase of its own clause, the dateline only
  when nothing closer exists; a statement about a war is not located in the war's country) and the
  places of its actors (``warga Kota Malang``; otherwise the actor's country);
* gives the GDELT 2.0 geo fields of an entry by GDELT's conventions (:func:`gdelt_fields`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span

from peristiwa.coding.lexicon import DictionaryFormatError, Problem, read_tsv, split_names
from peristiwa.coding.places import LOCATIVE_NOUNS, Gazetteer, doc_text, select_longest
from peristiwa.config import DICTIONARY_DIR

GAZETTEER_FILE = DICTIONARY_DIR / "gazetteer.tsv"
#: FAO GAUL 2015 ADM2 codes of kabupaten/kota (and towns that are a kota), built by ``gaul_build``.
GAUL_FILE = DICTIONARY_DIR / "gaul_adm2.tsv"
#: Provinces created since 2012: (ADM1 code, ADM1 code of the province it was carved from, the
#: law). Natural Earth's province shapes and GAUL 2015 still have them inside that province.
PROVINCE_SPLITS: tuple[tuple[str, str, str], ...] = (
    ("ID42", "ID14", "UU 20/2012: Kalimantan Utara from Kalimantan Timur"),
    ("IDPS", "ID36", "UU 14/2022: Papua Selatan from Papua"),
    ("IDPT", "ID36", "UU 15/2022: Papua Tengah from Papua"),
    ("IDPE", "ID36", "UU 16/2022: Papua Pegunungan from Papua"),
    ("IDPD", "ID39", "UU 29/2022: Papua Barat Daya from Papua Barat"),
)
GEO_KINDS: tuple[str, ...] = ("country", "adm1", "adm2", "city", "feature")
#: Cities this large are places wherever they are named; smaller ones need a cue in the text.
LARGE_CITY = 1_000_000
#: Words right before a name that make it a place (prepositions and locative nouns).
PLACE_CUES: frozenset[str] = (
    frozenset(
        {
            "di",
            "ke",
            "dari",
            "menuju",
            "asal",
            "sekitar",
            "wilayah",
            "warga",
            "polres",
            "polresta",
            "polda",
            "polsek",
            "pemkot",
            "pemkab",
            "pemprov",
            "kejari",
            "bupati",
            "gubernur",
            "dprd",
            "negeri",
        }
    )
    | LOCATIVE_NOUNS
)
#: Nouns a ``di X`` phrase may describe instead of the event: "perang di Ukraina" is about a war
#: there; a statement about it is not made there.
TOPIC_NOUNS: frozenset[str] = frozenset(
    {
        "perang",
        "konflik",
        "krisis",
        "situasi",
        "kondisi",
        "serangan",
        "genosida",
        "pertempuran",
        "kekerasan",
        "agresi",
        "invasi",
        "bencana",
        "tragedi",
        "pembantaian",
        "pendudukan",
        "kerusuhan",
        "bentrokan",
        "gempa",
        "banjir",
        "korban",
        "warga",
        "rakyat",
        "pengungsi",
        "kemanusiaan",
        "pemilu",
        "pemilihan",
        "rezim",
    }
)
#: CAMEO roots whose events are said rather than done where the topic is (01-05, 10-13).
VERBAL_ROOTS: frozenset[str] = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})
#: A dateline: an upper-case place, a comma, the outlet, a dash ("JAKARTA, KOMPAS.com -").
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'\-]{2,40}?)\s*(?:\([^)]*\))?\s*,"
    r"\s*[A-Za-z][\w.]*(?:\.com|\.id|\.co\.id)?\s*[-\u2013\u2014]"
)


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer row: a GeoNames feature (or an Indonesian division) with its codes."""

    key: str
    name: str
    kind: str
    iso2: str
    fips: str
    adm1: str
    lat: float | None
    lon: float | None
    population: int
    iso3: str = ""
    isonum: str = ""  # ISO 3166 numeric (countries), the id of the map's country shapes

    @property
    def adm1_code(self) -> str:
        """GDELT's ADM1 code: FIPS country code plus the admin1 code (``ID30``)."""
        return f"{self.fips}{self.adm1}" if self.adm1 else ""


@dataclass(frozen=True, slots=True)
class GeoMention:
    """A place named in the text, resolved (``entry``) or left unresolved (``entry`` None)."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    entry: GeoEntry | None
    cue: str = ""  # the word that made it a place ("di", "kota", "dateline", "next-to")


@dataclass(slots=True)
class GeoGazetteer:
    """The shipped gazetteer, indexed for matching and lookup."""

    entries: dict[str, GeoEntry]
    matcher: Gazetteer
    by_country: dict[str, GeoEntry]  # ISO2 -> the country entry
    by_adm1: dict[tuple[str, str], GeoEntry]  # (ISO2, admin1) -> province entry (Indonesia)
    iso3: dict[str, str]  # ISO3 (CAMEO country code) -> ISO2

    @classmethod
    def load(cls, path: Path = GAZETTEER_FILE) -> GeoGazetteer:
        """Read the gazetteer TSV; names shorter than three letters are not matched (``DI``)."""
        entries: dict[str, GeoEntry] = {}
        matcher = Gazetteer()
        for row in read_tsv(path, required=("key", "name", "kind", "iso2", "fips", "names")):
            e = _entry(row)
            entries[e.key] = e
            for v in split_names(row["names"]):
                if len(v) >= 3 or v.isupper():
                    matcher.add(v, e)
        by_country = {e.iso2: e for e in entries.values() if e.kind == "country"}
        by_adm1 = {(e.iso2, e.adm1): e for e in entries.values() if e.kind == "adm1"}
        iso3 = {e.iso3: e.iso2 for e in entries.values() if e.iso3}
        return cls(entries, matcher, by_country, by_adm1, iso3)

    def country_of_code(self, cameo: str) -> GeoEntry | None:
        """The country entry of a CAMEO (ISO3) country code, or None (regions, unknown codes)."""
        iso2 = self.iso3.get(cameo[:3])
        return self.by_country.get(iso2) if iso2 else None


def _entry(row: dict[str, str] | object) -> GeoEntry:
    def num(cell: str) -> float | None:
        return float(cell) if cell else None

    r = row  # a lexicon Row: indexable by column
    return GeoEntry(
        r["key"],
        r["name"],
        r["kind"],
        r["iso2"],
        r["fips"],
        r["adm1"],
        num(r["lat"]),
        num(r["lon"]),
        int(r["population"] or 0),
        r["iso3"],
        r["isonum"],
    )  # type: ignore[index]


@cache
def default_gazetteer() -> GeoGazetteer:
    """The shipped gazetteer, loaded once per process."""
    return GeoGazetteer.load()


# --------------------------------------------------------------------------- finding and resolving
def find_mentions(doc: Doc, gaz: GeoGazetteer | None = None) -> list[GeoMention]:
    """The resolved place mentions of a Doc, in text order (cached on the Doc)."""
    key = "peristiwa.geo"
    cached = doc.user_data.get(key)
    if cached is not None:
        return cached
    gaz = gaz or default_gazetteer()
    text = doc_text(doc)
    raw = gaz.matcher.matches(doc)
    spans: dict[tuple[int, int], list[GeoEntry]] = {}
    for m in raw:
        spans.setdefault((m.start_char, m.end_char), []).append(m.variant.payload)
    longest = select_longest(raw)
    out: list[GeoMention] = []
    dateline = _dateline_span(text)
    teams = _team_names(text)
    for m in longest:
        cands = spans[(m.start_char, m.end_char)]
        cue = _cue(doc, m.start, m.start_char, dateline)
        team_ok = teams if not any(e.kind == "country" for e in cands) else frozenset()  # national teams
        if _not_a_place(doc, m.start, m.end, m.end_char, cue, team_ok) or _inside_organisation(doc, m.start):
            continue
        if not cue and not any(_self_evident(e) for e in cands):
            continue
        out.append(
            GeoMention(m.start, m.end, m.start_char, m.end_char, text[m.start_char : m.end_char], None, cue)
        )
    resolved = _resolve_all(doc, out, spans, gaz)
    doc.user_data[key] = resolved
    return resolved


#: One-word names that are also common Indonesian words ("Kota" is a city in India, "Surat" one in
#: Gujarat): places only after a preposition.
COMMON_WORDS: frozenset[str] = LOCATIVE_NOUNS | frozenset(
    {
        "surat",
        "batu",
        "kali",
        "bukit",
        "raya",
        "baru",
        "jaya",
        "sungai",
        "tanjung",
        "teluk",
        "muara",
        "pati",
        "kudus",
    }
)
#: Levels below the gazetteer's: a name after these is a sub-district or village, not the same-named
#: town elsewhere ("Kecamatan Besuki" in Tulungagung is not Besuki in Situbondo).
SUB_DISTRICT: frozenset[str] = frozenset(
    {
        "kecamatan",
        "kelurahan",
        "desa",
        "dusun",
        "kampung",
        "distrik",
        "jalan",
        "jl",
        "jl.",
        "gang",
        "perumahan",
        "kompleks",
        "pelabuhan",
        "bandara",
        "gedung",
        "markas",
        "lapangan",
        "stadion",
        "tol",
        "rutan",
        "lapas",
        "hotel",
    }
)
#: Words that make the following city name a sports club or brand ("Real Madrid", "AC Milan").
CLUB_WORDS: frozenset[str] = frozenset(
    {"real", "atletico", "ac", "inter", "fc", "sporting", "dynamo", "olympique"}
)
#: Words after a name that make it another, regional name ("Amerika Latin", "Gaza utara").
REGION_SUFFIXES: frozenset[str] = frozenset({"utara", "selatan", "barat", "timur", "tengah", "latin", "raya"})
_VS = re.compile(r"([A-Z]\w+(?: [A-Z]\w+)?)\s+(?i:vs\.?|versus|kontra)\s+([A-Z]\w+(?: [A-Z]\w+)?)")


def _team_names(text: str) -> frozenset[str]:
    """Names that stand on either side of "vs" in the article: teams, there, even when they are
    city names (Barcelona, Milan), so they are places only after a preposition."""
    names = [n.lower() for m in _VS.finditer(text) for n in m.groups()]
    # "Liga Champions Milan Vs PSG": the team is either word of a two-word run
    return frozenset(names + [w for n in names for w in n.split()])


def _not_a_place(doc: Doc, start: int, end: int, end_char: int, cue: str, teams: frozenset[str]) -> bool:
    """Reasons a gazetteer name is not a place here, whatever its entry says."""
    text = doc_text(doc)
    low = text[doc[start].idx : end_char].lower()
    prep = cue in ("di", "ke", "dari", "menuju")
    if low in COMMON_WORDS and not prep:
        return True
    if start > 0 and doc[start - 1].text.lower() in SUB_DISTRICT | CLUB_WORDS:
        return True
    if low in teams and not prep:
        return True
    if end < len(doc) and doc[end].text.lower() in REGION_SUFFIXES and len(doc[end].text) > 3:
        return True  # "Amerika Latin", "Gaza utara": a region the gazetteer does not have
    nxt = _WORD_AFTER_HYPHEN.match(text, end_char)
    return nxt is not None and nxt.group(1)[:1].isalpha() and not _is_place_word(nxt.group(1))


_WORD_AFTER_HYPHEN = re.compile(r"-(\w+)")


def _is_place_word(word: str) -> bool:
    """Whether "X-Y" continues with a place or an actor (Rusia-Indonesia, Israel-Hamas) rather than
    a brand (Swiss-Belexpress)."""
    from peristiwa.coding.actors import default_actors

    low = word.lower()
    return bool(default_gazetteer().matcher.by_key.get(low) or default_actors().gazetteer.by_key.get(low))


#: First words of organisations that are the government of the place they name ("Pemprov Riau",
#: "Polda Metro Jaya", "DPR RI"): the place inside them counts; in other organisations ("Partai
#: Solidaritas Indonesia", "Moonton Indonesia") it is part of a name.
GOVERNMENT_HEADS: frozenset[str] = frozenset(
    {
        "pemprov",
        "pemkot",
        "pemkab",
        "pemerintah",
        "polda",
        "polres",
        "polresta",
        "polsek",
        "dpr",
        "dprd",
        "pengadilan",
        "kejaksaan",
        "kejari",
        "kejati",
        "dinas",
        "badan",
        "kementerian",
        "kantor",
        "gubernur",
        "bupati",
        "presiden",
        "provinsi",
        "kota",
        "kabupaten",
        "timnas",
        "tim",
        "kedutaan",
        "kbri",
        "konsulat",
        "bpbd",
        "satuan",
        "pasukan",
        "militer",
        "tentara",
        "komisi",
        "majelis",
        "istana",
    }
)


def _inside_organisation(doc: Doc, start: int) -> bool:
    """Whether the name is inside an ORG entity of the NER model that is not a government body: no
    word before it in the entity is a government head or an agency acronym (DLH, PN, BPBD)."""
    if doc[start].ent_iob_ != "I" or doc[start].ent_type_ != "ORG":
        return False
    i = start - 1
    while i >= 0 and doc[i].ent_type_ == "ORG":
        word = doc[i].text
        if word.lower() in GOVERNMENT_HEADS or (word.isupper() and len(word) <= 5):
            return False
        if doc[i].ent_iob_ == "B":
            break
        i -= 1
    return True


def _self_evident(e: GeoEntry) -> bool:
    """Entries that are places wherever named: countries, provinces, curated features, big cities."""
    return e.kind in ("country", "adm1", "feature") or e.population >= LARGE_CITY


def _dateline_span(text: str) -> tuple[int, int] | None:
    """Character span of the dateline place ("JAKARTA, KOMPAS.com -"), if the text opens with one."""
    m = _DATELINE.match(text)
    return (m.start(1), m.end(1)) if m else None


def _cue(doc: Doc, start: int, start_char: int, dateline: tuple[int, int] | None) -> str:
    """The word that makes a name a place: a preposition or locative noun right before it (one
    capitalised word may stand between), the dateline, or nothing."""
    if dateline and dateline[0] <= start_char < dateline[1]:
        return "dateline"
    if doc[start].text.lower() in ("kota", "kabupaten", "provinsi", "kab."):
        return "name"  # "Kota Serang": the name says it is a place
    for i in (start - 1, start - 2):
        if i < 0:
            break
        low = doc[i].text.lower()
        if low in PLACE_CUES:
            return low
        if not doc[i].text[:1].isupper():
            break
    if start > 0 and doc[start - 1].text == "," and start > 1:
        return "after-comma"  # "Kota Serang, Banten": checked against its neighbour when resolving
    return ""


def _resolve_all(
    doc: Doc, mentions: list[GeoMention], spans: dict[tuple[int, int], list[GeoEntry]], gaz: GeoGazetteer
) -> list[GeoMention]:
    """Resolve each mention; the article's country in focus is the most named country, Indonesia
    when none is (the corpus is Indonesian news)."""
    countries = Counter(
        e.iso2 for m in mentions for e in spans[(m.start_char, m.end_char)] if e.kind == "country"
    )
    focus = "ID"
    if (
        countries
        and countries.most_common(1)[0][1] >= 3
        and countries.most_common(1)[0][0] != "ID"
        and countries["ID"] == 0
    ):
        focus = countries.most_common(1)[0][0]
    out: list[GeoMention] = []
    for i, m in enumerate(mentions):
        cands = spans[(m.start_char, m.end_char)]
        nxt = _neighbour(doc, mentions, i, spans)
        entry = choose(cands, doc_text(doc)[max(0, m.start_char - 12) : m.start_char].lower(), nxt, focus)
        if entry is None:
            continue
        if (
            m.cue == "after-comma"
            and not _self_evident(entry)
            and not _contains(out[-1].entry if out else None, entry)
        ):
            continue  # a bare name after a comma with nothing to tie it to
        out.append(GeoMention(m.start, m.end, m.start_char, m.end_char, m.text, entry, m.cue))
    return out


def _neighbour(
    doc: Doc, mentions: list[GeoMention], i: int, spans: dict[tuple[int, int], list[GeoEntry]]
) -> list[GeoEntry]:
    """Candidates of the mention right after this one across a comma ("Serang, Banten")."""
    if i + 1 >= len(mentions):
        return []
    m, n = mentions[i], mentions[i + 1]
    between = doc_text(doc)[m.end_char : n.start_char]
    if between.strip() not in (",", "", "Provinsi", ", Provinsi", ", provinsi"):
        return []
    return spans[(n.start_char, n.end_char)]


def _contains(outer: GeoEntry | None, inner: GeoEntry) -> bool:
    if outer is None:
        return False
    return outer.iso2 == inner.iso2 and (outer.kind == "country" or (outer.adm1 and outer.adm1 == inner.adm1))


def choose(cands: list[GeoEntry], before: str, neighbour: list[GeoEntry], focus: str) -> GeoEntry | None:
    """The entry a name stands for. Why these weights: the words before the name decide the level
    (``kota``/``kabupaten``/``provinsi``); a province or country next to it decides the place among
    same-named ones; then the country in focus, then population. Equal names of a province and its
    capital (``Jambi``) go to the province: the broader level the text supports."""
    if not cands:
        return None
    words = before.split()
    prev = words[-1] if words else ""

    def score(e: GeoEntry) -> float:
        s = math.log10(e.population + 10)
        if (
            (prev == "kota" and e.kind == "city")
            or (prev == "kabupaten" and e.kind == "adm2")
            or (prev == "provinsi" and e.kind == "adm1")
        ):
            s += 6
        elif e.kind in ("country", "adm1"):
            s += 12 if e.kind == "country" else 11
        elif e.kind == "feature":
            s += 8
        if any(_contains(n, e) for n in neighbour):
            s += 10
        if e.iso2 == focus:
            s += 3
        return s

    return max(cands, key=score)


# --------------------------------------------------------------------------- places of events
def mentions_in(mentions: list[GeoMention], lo_char: int, hi_char: int) -> list[GeoMention]:
    return [m for m in mentions if lo_char <= m.start_char and m.end_char <= hi_char]


def action_place(sent: Span, trigger_token: int, event_code: str) -> GeoMention | None:
    """Where the event of the trigger at ``sent.doc[trigger_token]`` happened.

    The ``di``/``ke``/``menuju`` phrase of the sentence nearest the trigger (after it on ties), then
    the dateline when the sentence names no place of its own. For verbal events (statements,
    appeals, demands, criticism) a phrase that describes a topic noun ("perang di Ukraina",
    "warga di Gaza") is not where it was said.
    """
    doc = sent.doc
    mentions = find_mentions(doc)
    best: tuple[tuple[int, int], GeoMention] | None = None
    verbal = event_code[:2] in VERBAL_ROOTS and event_code[:3] not in ("042", "043", "044")
    for m in mentions_in(mentions, sent.start_char, sent.end_char):
        prep, prep_at = _preposition(doc, m.start, sent.start)
        if prep is None:
            continue
        if prep == "ke" and event_code[:3] not in ("042", "043", "044") and event_code[:2] != "03":
            pass  # "ke X" for other events: still a place the event goes to
        if verbal and _describes_topic(doc, prep_at, sent.start):
            continue
        dist = abs(m.start - trigger_token)
        key = (dist, 0 if m.start >= trigger_token else 1)
        if best is None or key < best[0]:
            best = (key, m)
    if best is not None:
        return best[1]
    dateline = next((m for m in mentions if m.cue == "dateline"), None)
    return dateline


def _preposition(doc: Doc, start: int, lo: int) -> tuple[str | None, int]:
    """The place preposition before a name (locative nouns and capitalised words may stand
    between, up to three), with its token index."""
    i, gap = start - 1, 0
    while i >= lo and gap <= 3:
        low = doc[i].text.lower()
        if low in ("di", "ke", "menuju"):
            return low, i
        if low in LOCATIVE_NOUNS or doc[i].text[:1].isupper():
            gap, i = gap + 1, i - 1
            continue
        break
    return None, -1


def actor_place(doc: Doc, start_char: int, end_char: int, code: str) -> GeoEntry | None:
    """Where an actor is from: a place named inside or right after its name ("warga Kota Malang",
    "Pemprov Jawa Barat"), else the country of its code."""
    gaz = default_gazetteer()
    if start_char >= 0:
        for m in find_mentions(doc):
            if start_char <= m.start_char <= end_char + 1 and m.entry is not None:
                return m.entry  # inside the actor's name, or starting right after it
    return gaz.country_of_code(code) if code else None


# --------------------------------------------------------------------------- GDELT fields
def gdelt_fields(entry: GeoEntry | None, gaz: GeoGazetteer | None = None) -> list[str]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID by GDELT 2.0 rules.

    Type 1 country, 4 world city, 5 world ADM1 (2/3 are US states and cities; a US state of the
    gazetteer is a feature without coordinates and exports as its country). FullName is
    "Place, Province, Country"; CountryCode is FIPS 10-4; ADM1Code is FIPS country + admin1;
    ADM2Code is the FAO GAUL 2015 code of a kabupaten/kota, or of a town that is a kota
    (:func:`gaul_codes`), and empty for other places, provinces and countries; FeatureID is the
    GeoNames id for places and the ADM1 or country code for divisions and countries, as GDELT does.
    """
    if entry is None:
        return ["0", "", "", "", "", "", "", ""]
    gaz = gaz or default_gazetteer()
    country = gaz.by_country.get(entry.iso2)
    cname = country.name if country else ""
    province = gaz.by_adm1.get((entry.iso2, entry.adm1))
    if entry.lat is None and entry.kind != "adm1" and province is not None:
        entry = province  # a kabupaten with no coordinates: at the province level, which they support
    if entry.kind == "country" or entry.lat is None:
        if country is None:
            return ["0", "", "", "", "", "", "", ""]
        lat, lon = _country_point(country, gaz)
        return ["1", cname, country.fips, country.fips, "", lat, lon, country.fips]
    adm1 = gaz.by_adm1.get((entry.iso2, entry.adm1))
    if entry.kind == "adm1":
        return [
            "5",
            f"{entry.name}, {cname}",
            entry.fips,
            entry.adm1_code,
            "",
            f"{entry.lat:.4f}",
            f"{entry.lon:.4f}",
            entry.adm1_code,
        ]
    parts = [entry.name, adm1.name if adm1 else "", cname]
    feature = entry.key.split(":", 1)[1] if entry.key.startswith("gn:") else entry.key
    return [
        "4",
        ", ".join(p for p in parts if p),
        entry.fips,
        entry.adm1_code,
        gaul_codes().get(entry.key, ""),
        f"{entry.lat:.4f}",
        f"{entry.lon:.4f}",
        feature,
    ]


def _country_point(country: GeoEntry, gaz: GeoGazetteer) -> tuple[str, str]:
    """A country's point: its largest city in the gazetteer (GDELT uses a centroid; GeoNames'
    country table has none, and the largest city is inside the country, unlike some centroids)."""
    cities = [
        e for e in gaz.entries.values() if e.iso2 == country.iso2 and e.kind == "city" and e.lat is not None
    ]
    if not cities:
        return "", ""
    big = max(cities, key=lambda e: e.population)
    return f"{big.lat:.4f}", f"{big.lon:.4f}"


@cache
def gaul_codes() -> dict[str, str]:
    """Gazetteer key -> GAUL ADM2 code (empty when the file is missing: ADM2Code then stays empty)."""
    if not GAUL_FILE.is_file():
        return {}
    return {r["key"]: r["gaul_adm2"] for r in read_tsv(GAUL_FILE, required=("key", "gaul_adm2"))}


def fields_of_key(key: str) -> list[str]:
    """GDELT geo fields of a stored gazetteer key ("" -> empty, Type 0)."""
    gaz = default_gazetteer()
    return gdelt_fields(gaz.entries.get(key) if key else None, gaz)


# --------------------------------------------------------------------------- validation
def validate(path: Path = GAZETTEER_FILE) -> list[Problem]:
    """Problems in the gazetteer: unreadable file, duplicate keys, unknown kinds, coordinates out of
    range, a FIPS code that is not two letters, every Indonesian province and at least 400
    kabupaten/kota present."""
    try:
        rows = list(read_tsv(path, required=("key", "name", "kind", "iso2", "fips", "names")))
    except (OSError, DictionaryFormatError) as exc:
        return [Problem(str(path), 0, str(exc))]
    problems: list[Problem] = []
    seen: set[str] = set()
    kinds: Counter[str] = Counter()
    for row in rows:
        if row["key"] in seen:
            problems.append(Problem(row.path, row.line, f"duplicate key {row['key']!r}"))
        seen.add(row["key"])
        kinds[(row["kind"], row["iso2"] == "ID")] += 1  # type: ignore[index]
        if row["kind"] not in GEO_KINDS:
            problems.append(
                Problem(row.path, row.line, f"{row['key']}: kind {row['kind']!r} not in {GEO_KINDS}")
            )
        if not re.fullmatch(r"[A-Z]{2}", row["fips"]):
            problems.append(
                Problem(row.path, row.line, f"{row['key']}: FIPS code {row['fips']!r} is not 2 letters")
            )
        problems += _coordinate_problems(row)
        if row["kind"] == "adm2" and not row["adm1"]:
            problems.append(Problem(row.path, row.line, f"{row['key']}: a kabupaten/kota needs its province"))
    if kinds[("adm1", True)] != 38:
        problems.append(Problem(str(path), 0, f"{kinds[('adm1', True)]} Indonesian provinces, expected 38"))
    if kinds[("adm2", True)] + 0 < 400:
        problems.append(Problem(str(path), 0, f"only {kinds[('adm2', True)]} kabupaten/kota entries"))
    return problems


def _coordinate_problems(row: object) -> list[Problem]:
    r = row
    out = []
    lat, lon = r["lat"], r["lon"]  # type: ignore[index]
    if r["kind"] in ("city", "adm1") and not lat:  # type: ignore[index]
        out.append(Problem(r.path, r.line, f"{r['key']}: a {r['kind']} needs coordinates"))  # type: ignore[attr-defined,index]
    if (lat and not -90 <= float(lat) <= 90) or (lon and not -180 <= float(lon) <= 180):
        out.append(Problem(r.path, r.line, f"{r['key']}: coordinates {lat},{lon} out of range"))  # type: ignore[attr-defined,index]
    return out


# --------------------------------------------------------------------------- hooks for the coder
def topic_phrase(doc: Doc, start: int, event_code: str) -> bool:
    """Whether the place phrase whose name starts at token ``start`` describes a topic noun
    ("perang di Ukraina", "warga di Gaza") of a verbal event rather than the event: a condemnation
    of a war is not made in the war's country."""
    if event_code[:2] not in VERBAL_ROOTS or event_code[:3] in ("042", "043", "044"):
        return False
    prep, at = _preposition(doc, start, max(0, start - 5))
    return prep is not None and _describes_topic(doc, at, 0)


def _describes_topic(doc: Doc, prep_at: int, lo: int) -> bool:
    """Whether the preposition at ``prep_at`` continues a topic noun phrase: the noun right before
    it, or before the names of its actor ("invasi Rusia ke Ukraina", "serangan Israel di Gaza")."""
    i = prep_at - 1
    while i >= lo and i >= prep_at - 4:
        word = doc[i].text
        if word.lower() in TOPIC_NOUNS:
            return True
        if not word[:1].isupper():
            return False
        i -= 1
    return False


def country_code(mention: GeoMention | None) -> str:
    """The CAMEO (ISO3) country code of a resolved place, "" when unknown."""
    if mention is None or mention.entry is None:
        return ""
    country = default_gazetteer().by_country.get(mention.entry.iso2)
    return country.iso3 if country else ""


def stated_country(mention: GeoMention | None) -> str:
    """The CAMEO country of an action place the sentence states (the dateline is where the story
    was filed, which GDELT's ActionGeo takes but ``action_country`` -- "when the text says" -- not)."""
    return country_code(mention) if mention is not None and mention.cue != "dateline" else ""


def actor_key(doc: Doc, start_char: int, end_char: int, code: str) -> str:
    """Gazetteer key of an actor's place (see :func:`actor_place`), "" when none."""
    entry = actor_place(doc, start_char, end_char, code)
    return entry.key if entry else ""


# --------------------------------------------------------------------------- filtering by place
@cache
def keys_in(country: str | None = None, adm1: str | None = None) -> tuple[str, ...]:
    """Gazetteer keys whose GDELT fields (:func:`gdelt_fields`) have this FIPS ``CountryCode`` and/or
    this ``ADM1Code`` (``ID04``): what a filter on the exported ActionGeo fields selects, so
    ``query --action-adm1 ID04`` keeps exactly the rows whose ``ActionGeo_ADM1Code`` is ``ID04``.
    Cached like the gazetteer it reads (25 ms for Indonesia's keys, paid once per process)."""
    gaz = default_gazetteer()
    keys = []
    for key, entry in gaz.entries.items():
        fields = gdelt_fields(entry, gaz)
        if country and fields[2] != country:
            continue
        if adm1 and fields[3] != adm1:
            continue
        keys.append(key)
    return tuple(sorted(keys))


def fips_of_country(code: str) -> str | None:
    """The FIPS 10-4 code of a country given by FIPS (``ID``, two letters, as GDELT's CountryCode) or
    CAMEO/ISO alpha-3 (``IDN``); None when the gazetteer knows no such country. Two letters are
    always read as FIPS, never ISO alpha-2: ``AU`` is Austria, as in GDELT."""
    gaz = default_gazetteer()
    up = code.upper()
    if len(up) == 3:
        iso2 = gaz.iso3.get(up)
        country = gaz.by_country.get(iso2) if iso2 else None
        return country.fips if country else None
    return up if up in {e.fips for e in gaz.by_country.values()} else None


def iso3_of_fips(fips: str) -> list[str]:
    """CAMEO/ISO alpha-3 codes of the countries with this FIPS code (for stories with no place key)."""
    return sorted(e.iso3 for e in default_gazetteer().by_country.values() if e.fips == fips and e.iso3)
