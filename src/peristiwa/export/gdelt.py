"""GDELT 2.0 export: the Events table (one row per story) and the Mentions table (one row per mention).

Files are what GDELT publishes: tab-separated, no header, 61 Event columns and 16 Mention columns
in GDELT's order, dates as GDELT writes them, CAMEO codes as strings with their leading zeros.
Anything built to read GDELT (its BigQuery schema, gdeltr, pandas with GDELT's column list) reads
peristiwa's output with no adapter.

What peristiwa does not know is left as GDELT leaves it: AvgTone and MentionDocTone are 0
(no tone model), ethnic and religion codes are empty. Geography (Actor1Geo, Actor2Geo, ActionGeo)
comes from the gazetteer keys the coder stored (:mod:`peristiwa.coding.geo`): cities (Type 4),
provinces (Type 5) or countries (Type 1) with FIPS 10-4 codes, coordinates and GeoNames feature ids.
Stories stored before geocoding fall back on a country-level ActionGeo from :data:`FIPS_COUNTRIES`;
a country missing there gets no geography rather than a wrong one. GDELT has
no modality: a planned visit exports as a 042 row like a visit made, so filter ``--modality
asserted`` when the consumer assumes events happened (the full record formats keep modality).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from peristiwa.coding import codes
from peristiwa.coding.geo import fields_of_key
from peristiwa.store.db import Store
from peristiwa.store.query import QueryFilters, mentions_of_stories, query_stories

# GDELT 2.0 Events, in file order (61 fields; matches ../shared/data/gdelt/events2_columns.tsv).
EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
# GDELT 2.0 Mentions, in file order (16 fields).
MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)
MENTION_TYPE_WEB = 1
MENTION_TYPE_CITATION = 2  # no URL: GDELT's "citation only"

# CAMEO (ISO 3166 alpha-3) country code -> (FIPS 10-4 code, English name) for the geo fields.
FIPS_COUNTRIES: dict[str, tuple[str, str]] = {
    "AFG": ("AF", "Afghanistan"),
    "AGO": ("AO", "Angola"),
    "ARE": ("AE", "United Arab Emirates"),
    "ARG": ("AR", "Argentina"),
    "ARM": ("AM", "Armenia"),
    "AUS": ("AS", "Australia"),
    "AUT": ("AU", "Austria"),
    "AZE": ("AJ", "Azerbaijan"),
    "BEL": ("BE", "Belgium"),
    "BGD": ("BG", "Bangladesh"),
    "BGR": ("BU", "Bulgaria"),
    "BHR": ("BA", "Bahrain"),
    "BLR": ("BO", "Belarus"),
    "BRA": ("BR", "Brazil"),
    "BRN": ("BX", "Brunei"),
    "BTN": ("BT", "Bhutan"),
    "CAN": ("CA", "Canada"),
    "CHE": ("SZ", "Switzerland"),
    "CHL": ("CI", "Chile"),
    "CHN": ("CH", "China"),
    "COD": ("CG", "Democratic Republic of the Congo"),
    "COL": ("CO", "Colombia"),
    "CUB": ("CU", "Cuba"),
    "CZE": ("EZ", "Czech Republic"),
    "DEU": ("GM", "Germany"),
    "DNK": ("DA", "Denmark"),
    "DZA": ("AG", "Algeria"),
    "EGY": ("EG", "Egypt"),
    "ESP": ("SP", "Spain"),
    "EST": ("EN", "Estonia"),
    "ETH": ("ET", "Ethiopia"),
    "FIN": ("FI", "Finland"),
    "FJI": ("FJ", "Fiji"),
    "FRA": ("FR", "France"),
    "GBR": ("UK", "United Kingdom"),
    "GEO": ("GG", "Georgia"),
    "GHA": ("GH", "Ghana"),
    "GRC": ("GR", "Greece"),
    "HKG": ("HK", "Hong Kong"),
    "HRV": ("HR", "Croatia"),
    "HUN": ("HU", "Hungary"),
    "IDN": ("ID", "Indonesia"),
    "IND": ("IN", "India"),
    "IRL": ("EI", "Ireland"),
    "IRN": ("IR", "Iran"),
    "IRQ": ("IZ", "Iraq"),
    "ISR": ("IS", "Israel"),
    "ITA": ("IT", "Italy"),
    "JOR": ("JO", "Jordan"),
    "JPN": ("JA", "Japan"),
    "KAZ": ("KZ", "Kazakhstan"),
    "KEN": ("KE", "Kenya"),
    "KHM": ("CB", "Cambodia"),
    "KOR": ("KS", "South Korea"),
    "KWT": ("KU", "Kuwait"),
    "LAO": ("LA", "Laos"),
    "LBN": ("LE", "Lebanon"),
    "LBY": ("LY", "Libya"),
    "LKA": ("CE", "Sri Lanka"),
    "LTU": ("LH", "Lithuania"),
    "LVA": ("LG", "Latvia"),
    "MAR": ("MO", "Morocco"),
    "MDA": ("MD", "Moldova"),
    "MDV": ("MV", "Maldives"),
    "MEX": ("MX", "Mexico"),
    "MMR": ("BM", "Myanmar"),
    "MNG": ("MG", "Mongolia"),
    "MOZ": ("MZ", "Mozambique"),
    "MYS": ("MY", "Malaysia"),
    "NGA": ("NI", "Nigeria"),
    "NLD": ("NL", "Netherlands"),
    "NOR": ("NO", "Norway"),
    "NPL": ("NP", "Nepal"),
    "NZL": ("NZ", "New Zealand"),
    "OMN": ("MU", "Oman"),
    "PAK": ("PK", "Pakistan"),
    "PER": ("PE", "Peru"),
    "PHL": ("RP", "Philippines"),
    "PNG": ("PP", "Papua New Guinea"),
    "POL": ("PL", "Poland"),
    "PRK": ("KN", "North Korea"),
    "PRT": ("PO", "Portugal"),
    "QAT": ("QA", "Qatar"),
    "ROU": ("RO", "Romania"),
    "RUS": ("RS", "Russia"),
    "SAU": ("SA", "Saudi Arabia"),
    "SDN": ("SU", "Sudan"),
    "SGP": ("SN", "Singapore"),
    "SOM": ("SO", "Somalia"),
    "SRB": ("RI", "Serbia"),
    "SSD": ("OD", "South Sudan"),
    "SVK": ("LO", "Slovakia"),
    "SVN": ("SI", "Slovenia"),
    "SWE": ("SW", "Sweden"),
    "SYR": ("SY", "Syria"),
    "THA": ("TH", "Thailand"),
    "TLS": ("TT", "Timor-Leste"),
    "TUN": ("TS", "Tunisia"),
    "TUR": ("TU", "Turkey"),
    "TWN": ("TW", "Taiwan"),
    "TZA": ("TZ", "Tanzania"),
    "UGA": ("UG", "Uganda"),
    "UKR": ("UP", "Ukraine"),
    "USA": ("US", "United States"),
    "UZB": ("UZ", "Uzbekistan"),
    "VEN": ("VE", "Venezuela"),
    "VNM": ("VM", "Vietnam"),
    "YEM": ("YM", "Yemen"),
    "ZAF": ("SF", "South Africa"),
    "ZWE": ("ZI", "Zimbabwe"),
}


# ------------------------------------------------------------------------------------ formats
def sqldate(day: date) -> str:
    return day.strftime("%Y%m%d")


def month_year(day: date) -> str:
    return day.strftime("%Y%m")


def fraction_date(day: date) -> str:
    """GDELT's YYYY.FFFF: the year plus the share of it completed by that day (Feb 18 2015 -> 2015.1342)."""
    frac = min(day.timetuple().tm_yday / 365, 0.9999)
    return f"{day.year + frac:.4f}"


def dateadded(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


def _num(value: float) -> str:
    """1.9 -> '1.9', -10.0 -> '-10': GDELT's own spelling of Goldstein values."""
    return f"{value:g}"


def _clean(value: object) -> str:
    """A field cannot hold the file's separators."""
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def actor_fields(code: str, name: str, country: str) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1, Religion2, Type1..Type3."""
    if not code:
        return [""] * 10
    known = ""
    if codes.is_non_state(code):  # the one reading of CAMEO actor codes (coding/codes.py)
        country, known, rest = "", codes.group_of(code), [code[:3]]
    else:
        country = country or (code[:3] if code[:3].isalpha() else "")
        rest = [code[i : i + 3] for i in range(3, len(code), 3)]
    types = [*rest, "", "", ""][:3]
    return [code, (name or "").upper(), country, known, "", "", "", *types]


def action_geo(country: str) -> list[str]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID (country level)."""
    fips = FIPS_COUNTRIES.get(country or "")
    if fips is None:
        return ["0", "", "", "", "", "", "", ""]
    code, name = fips
    return ["1", name, code, code, "", "", "", code]


def place_geo(key: str) -> list[str]:
    """The eight geo fields of a stored gazetteer key, by GDELT's conventions (coding/geo.py):
    Type 1 country, 4 world city, 5 world ADM1; FIPS 10-4 country and ADM1 codes; Type 0 and empty
    fields for no key."""
    return fields_of_key(key)


def story_geo(story: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(GDELT prefix, eight geo fields) of Actor1Geo, Actor2Geo and ActionGeo for one story or mention
    record: its gazetteer keys expanded, ActionGeo at country level when it has no key. The one
    expansion behind the GDELT export and the geo fields of records (:func:`add_geo_fields`)."""
    action = story.get("action_geo") or ""
    return [
        ("Actor1Geo", place_geo(story.get("actor1_geo") or "")),
        ("Actor2Geo", place_geo(story.get("actor2_geo") or "")),
        ("ActionGeo", place_geo(action) if action else action_geo(story.get("action_country") or "")),
    ]


#: The GDELT geo fields put on records, as the GDELT export writes them.
RECORD_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GEO_RECORD_COLUMNS = tuple(
    f"{prefix}_{name}" for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo") for name in RECORD_GEO_FIELDS
)


def add_geo_fields(rec: dict[str, Any]) -> dict[str, Any]:
    """Put the GDELT geo fields of a record's gazetteer keys on it (in place), typed for JSON and
    Parquet: ``*_Type`` an int (0 none, 1 country, 4 city, 5 ADM1), ``*_Lat``/``*_Long`` floats or
    None, the codes and names strings or None when empty."""
    for prefix, (gtype, name, country, adm1, adm2, lat, lon, feature) in story_geo(rec):
        rec[f"{prefix}_Type"] = int(gtype or 0)
        rec[f"{prefix}_FullName"] = name or None
        rec[f"{prefix}_CountryCode"] = country or None
        rec[f"{prefix}_ADM1Code"] = adm1 or None
        rec[f"{prefix}_ADM2Code"] = adm2 or None  # FAO GAUL 2015, kabupaten/kota and kota towns
        rec[f"{prefix}_Lat"] = float(lat) if lat else None
        rec[f"{prefix}_Long"] = float(lon) if lon else None
        rec[f"{prefix}_FeatureID"] = feature or None
    return rec


def no_geo() -> list[str]:
    return ["0", "", "", "", "", "", "", ""]


def event_row(story: dict[str, Any], exported_at: datetime) -> list[str]:
    """One GDELT Events row for one story."""
    added = story.get("date_added") or exported_at
    day = story.get("date_start") or added.date()
    row: list[Any] = [
        story["global_event_id"],
        sqldate(day),
        month_year(day),
        day.year,
        fraction_date(day),
        *actor_fields(
            story["actor1_code"], story.get("actor1_name") or "", story.get("actor1_country") or ""
        ),
        *actor_fields(
            story["actor2_code"], story.get("actor2_name") or "", story.get("actor2_country") or ""
        ),
        1 if story["is_root_event"] else 0,
        story["event_code"],
        story["event_base_code"],
        story["event_root_code"],
        story["quad_class"],
        _num(story["goldstein"]),
        story["num_mentions"],
        story["num_sources"],
        story["num_articles"],
        0,
        *(field for _, fields in story_geo(story) for field in fields),
        dateadded(added),
        story.get("source_url") or story.get("root_article_id"),
    ]
    assert len(row) == len(EVENT_COLUMNS)
    return [_clean(v) for v in row]


def _source_name(url: str | None, outlet: str | None) -> str:
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return outlet or ""


def mention_row(m: dict[str, Any], story: dict[str, Any], exported_at: datetime) -> list[str]:
    """One GDELT Mentions row: where in which document the event was found."""
    event_added = story.get("date_added") or exported_at
    seen = m.get("ingested_at") or exported_at
    referenced = any(
        e.startswith("ref:") for e in [*(m.get("actor1_entries") or []), *(m.get("actor2_entries") or [])]
    )
    a1 = m.get("actor1_start")
    a2 = m.get("actor2_start")
    in_raw = not referenced and a1 is not None and a1 >= 0
    row: list[Any] = [
        story["global_event_id"],
        dateadded(event_added),
        dateadded(seen),
        MENTION_TYPE_WEB if m.get("url") else MENTION_TYPE_CITATION,
        _source_name(m.get("url"), m.get("outlet")),
        m.get("url") or m.get("outlet") or m["article_id"],
        m["sentence_index"] + 1,
        a1 if a1 is not None and a1 >= 0 else -1,
        a2 if a2 is not None and a2 >= 0 else -1,
        m["trigger_start"],
        1 if in_raw else 0,
        round((m.get("confidence") or 0) * 100),
        m.get("doc_len") or 0,
        0,
        "",
        "",
    ]
    assert len(row) == len(MENTION_COLUMNS)
    return [_clean(v) for v in row]


GDELT_MENTION_FIELDS = (
    "article_id",
    "event_id",
    "sentence_index",
    "trigger_start",
    "actor1_start",
    "actor2_start",
    "actor1_entries",
    "actor2_entries",
    "confidence",
    "url",
    "outlet",
    "ingested_at",
)


def _mentions_for(store: Store, stories: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {s["story_id"]: [] for s in stories}
    for rec in mentions_of_stories(store, stories, GDELT_MENTION_FIELDS, ", length(a.text) AS doc_len"):
        out[rec.pop("story_id")].append(rec)
    return out


def export_gdelt(
    store: Store, out_dir: Path, filters: QueryFilters | None = None, now: datetime | None = None
) -> tuple[Path, Path, int, int]:
    """Write ``<stamp>.export.CSV`` and ``<stamp>.mentions.CSV`` (GDELT's names) into ``out_dir``.

    Returns both paths and the event and mention row counts.
    """
    exported_at = (now or datetime.now(UTC)).replace(tzinfo=None)
    stories = query_stories(store, filters or QueryFilters(), details=False)
    stories.sort(key=lambda s: s["global_event_id"])
    mentions = _mentions_for(store, stories)
    since = (filters or QueryFilters()).changed_since
    if since is not None:  # a delta, as GDELT's 15-minute files: only mentions first seen since then
        for sid, ms in mentions.items():
            mentions[sid] = [m for m in ms if m.get("ingested_at") and m["ingested_at"] > since]
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dateadded(exported_at)
    events_path = out_dir / f"{stamp}.export.CSV"
    mentions_path = out_dir / f"{stamp}.mentions.CSV"
    n_mentions = 0
    with (
        open(events_path, "w", encoding="utf-8", newline="") as ev_fh,
        open(mentions_path, "w", encoding="utf-8", newline="") as m_fh,
    ):
        for story in stories:
            ev_fh.write("\t".join(event_row(story, exported_at)) + "\n")
            for m in mentions[story["story_id"]]:
                m_fh.write("\t".join(mention_row(m, story, exported_at)) + "\n")
                n_mentions += 1
    return events_path, mentions_path, len(stories), n_mentions
