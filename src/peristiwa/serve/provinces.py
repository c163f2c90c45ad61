"""Indonesia's province shapes for the map's Indonesia view, read from ``geodata/idn-provinces.json``
(built by :mod:`peristiwa.serve.provinces_build` from Natural Earth) and checked by :func:`validate`.

Each shape is keyed by the GDELT ADM1 code the store's events carry (``ID30`` Jawa Barat), so an
event is drawn in the shape whose code is its ``ActionGeo_ADM1Code``, or the shape a newer province
was carved from (``includes``: Kalimantan Utara in Kalimantan Timur, the 2022 Papua provinces in
Papua and Papua Barat), since Natural Earth draws the 33 provinces of before 2012.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from peristiwa.coding.geo import GeoEntry, GeoGazetteer, default_gazetteer
from peristiwa.coding.lexicon import Problem

PROVINCES_FILE = Path(__file__).resolve().parent / "geodata" / "idn-provinces.json"
#: (lon west, lat south, lon east, lat north): every vertex of a province lies inside.
IDN_BBOX = (94.5, -11.5, 141.5, 6.5)
_CODE = re.compile(r"ID(\d\d|[A-Z]{2})")

Ring = list[tuple[float, float]]


@dataclass(frozen=True, slots=True)
class ProvinceShape:
    """One drawn province: ADM1 code, the gazetteer's name, the newer provinces inside it, rings."""

    code: str
    name: str
    includes: tuple[str, ...]
    polygons: tuple[tuple[Ring, ...], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """Every ADM1 code counted in this shape: its own and those of the provinces carved from it."""
        return (self.code, *self.includes)


def read(path: Path = PROVINCES_FILE) -> tuple[ProvinceShape, ...]:
    """The shapes of a province file (no checks: see :func:`validate`)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for f in data["features"]:
        polys = tuple(
            tuple([(float(x), float(y)) for x, y in ring] for ring in poly)
            for poly in f["geometry"]["coordinates"]
        )
        props = f["properties"]
        out.append(ProvinceShape(str(f["id"]), str(props["name"]), tuple(props.get("includes", ())), polys))
    return tuple(out)


@cache
def shapes() -> tuple[ProvinceShape, ...]:
    """The shipped province shapes, read once per process."""
    return read()


@cache
def shape_of_code() -> dict[str, str]:
    """ADM1 code -> the code of the shape it is drawn in (itself, or the province it was carved from)."""
    return {code: s.code for s in shapes() for code in s.codes}


def adm1_of(entry: GeoEntry | None) -> str | None:
    """The ADM1 code of an Indonesian place below country level (``ID30``); None for a place
    outside Indonesia, the country itself, or a place with no province (an island, a sea)."""
    if entry is None or entry.iso2 != "ID" or entry.kind == "country" or not entry.adm1:
        return None
    return entry.adm1_code


# --------------------------------------------------------------------------- validation
def validate(path: Path = PROVINCES_FILE, gaz: GeoGazetteer | None = None) -> list[Problem]:
    """Problems in a province file: unreadable; an id that is not a gazetteer province or appears
    twice; a gazetteer province neither drawn nor included in exactly one shape; a ring not closed,
    with fewer than four points, without area, crossing itself, or outside Indonesia's box."""
    gaz = gaz or default_gazetteer()
    try:
        drawn = read(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [Problem(str(path), 0, f"unreadable province file: {exc}")]
    problems: list[Problem] = []
    where: dict[str, list[str]] = {}
    for s in drawn:
        if not _CODE.fullmatch(s.code) or f"adm1:{s.code}" not in gaz.entries:
            problems.append(Problem(str(path), 0, f"{s.code}: not a gazetteer province (adm1:{s.code})"))
        for code in s.codes:
            where.setdefault(code, []).append(s.code)
        problems += [Problem(str(path), 0, f"{s.code}: {p}") for p in ring_problems(s)]
    provinces = sorted(e.adm1_code for e in gaz.entries.values() if e.kind == "adm1" and e.iso2 == "ID")
    for code in provinces:
        if len(where.get(code, [])) != 1:
            problems.append(
                Problem(str(path), 0, f"{code}: drawn in {len(where.get(code, []))} shapes, expected 1")
            )
    problems += [
        Problem(str(path), 0, f"{c}: not an Indonesian province") for c in where if c not in provinces
    ]
    return problems


def ring_problems(s: ProvinceShape) -> list[str]:
    """What is wrong with a shape's rings (empty when every ring is a simple closed polygon in the box)."""
    out = []
    west, south, east, north = IDN_BBOX
    if not s.polygons:
        out.append("no polygon")
    for i, poly in enumerate(s.polygons):
        for j, ring in enumerate(poly):
            label = f"polygon {i} ring {j}"
            if len(ring) < 4 or ring[0] != ring[-1]:
                out.append(f"{label}: not closed or fewer than 4 points")
                continue
            if any(not (west <= x <= east and south <= y <= north) for x, y in ring):
                out.append(f"{label}: a point outside Indonesia's box {IDN_BBOX}")
            if abs(area(ring)) == 0:
                out.append(f"{label}: no area")
            if self_intersects(ring):
                out.append(f"{label}: crosses itself")
    return out


def area(ring: Ring) -> float:
    """Signed area (shoelace), square degrees."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2.0


def _cross(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def self_intersects(ring: Ring) -> bool:
    """Whether two non-adjacent edges of a closed ring properly cross (a bounding-box pretest keeps
    it fast enough for rings of a few hundred points)."""
    edges = list(itertools.pairwise(ring))
    boxes = [(min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])) for a, b in edges]
    n = len(edges)
    for i in range(n):
        a, b = edges[i]
        bi = boxes[i]
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue  # the closing edge touches the first
            bj = boxes[j]
            if bi[1] < bj[0] or bj[1] < bi[0] or bi[3] < bj[2] or bj[3] < bi[2]:
                continue
            c, d = edges[j]
            d1, d2, d3, d4 = _cross(a, b, c), _cross(a, b, d), _cross(c, d, a), _cross(c, d, b)
            if d1 * d2 < 0 and d3 * d4 < 0:
                return True
    return False


def contains(s: ProvinceShape, lon: float, lat: float) -> bool:
    """Whether a point lies in the shape (even-odd rule over all its rings)."""
    inside = False
    for poly in s.polygons:
        for ring in poly:
            for (x0, y0), (x1, y1) in itertools.pairwise(ring):
                if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                    inside = not inside
    return inside
