"""Indonesia by province: the shipped province shapes (built by serve/provinces_build.py from Natural
Earth), their codes against the store's ADM1 codes, the recipe on a source of our own, and the
Indonesia view's counts per province on a small store built here."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_store_support import ScriptedCoder, make_event

from peristiwa.coding.geo import default_gazetteer, fields_of_key
from peristiwa.model import Article
from peristiwa.serve import provinces as prov
from peristiwa.serve import provinces_build as build
from peristiwa.serve.app import create_app
from peristiwa.store.db import open_store
from peristiwa.store.ingest import ingest


def _shape(code: str) -> prov.ProvinceShape:
    return next(s for s in prov.shapes() if s.code == code)


def test_shipped_provinces_are_valid_complete_and_small() -> None:
    assert prov.validate() == []
    drawn = prov.shapes()
    assert len(drawn) == 33 and len({s.code for s in drawn}) == 33
    gaz = default_gazetteer()
    every = {e.adm1_code for e in gaz.entries.values() if e.kind == "adm1" and e.iso2 == "ID"}
    assert len(every) == 38 and set(prov.shape_of_code()) == every  # each drawn or inside one shape
    assert prov.PROVINCES_FILE.stat().st_size < 300_000
    for s in drawn:
        xs = [x for poly in s.polygons for ring in poly for x, _ in ring]
        ys = [y for poly in s.polygons for ring in poly for _, y in ring]
        assert min(xs) >= 94.5 and max(xs) <= 141.5 and min(ys) >= -11.5 and max(ys) <= 6.5, s.code
        assert abs(prov.area(s.polygons[0][0])) > 0.001, s.code


@pytest.mark.parametrize(
    ("key", "code", "name"),
    [
        ("gn:1650357", "ID30", "Jawa Barat"),  # Bandung
        ("gn:2082600", "ID36", "Papua"),  # Jayapura
        ("gn:1215502", "ID01", "Aceh"),  # Banda Aceh
        ("gn:1642911", "ID04", "Jakarta Raya"),  # Jakarta
        ("gn:1636722", "ID08", "Jawa Timur"),  # Malang
    ],
)
def test_shape_codes_are_the_exported_adm1_codes(key: str, code: str, name: str) -> None:
    """The town's ActionGeo_ADM1Code, as the GDELT export writes it, is the id of the shape that
    contains the town."""
    assert fields_of_key(key)[3] == code
    entry = default_gazetteer().entries[key]
    shape = _shape(code)
    assert shape.name == name and prov.contains(shape, entry.lon, entry.lat)
    others = [s.code for s in prov.shapes() if s.code != code and prov.contains(s, entry.lon, entry.lat)]
    assert others == []


@pytest.mark.parametrize(("new", "parent"), [(n, p) for n, p, _ in build.SPLITS])
def test_newer_provinces_lie_in_the_shape_they_were_carved_from(new: str, parent: str) -> None:
    """The split table is checked against the data: the kabupaten/kota seats the gazetteer puts in a
    newer province lie in its parent's shape (or on a coast the simplified shape misses), never in
    another province."""
    gaz = default_gazetteer()
    seats = [e for e in gaz.entries.values() if e.kind == "adm2" and e.adm1_code == new and e.lat is not None]
    assert seats
    inside = [e for e in seats if prov.contains(_shape(parent), e.lon, e.lat)]
    assert len(inside) >= max(1, len(seats) // 2)
    for e in seats:
        assert [s.code for s in prov.shapes() if s.code != parent and prov.contains(s, e.lon, e.lat)] == []
    assert prov.shape_of_code()[new] == parent


def test_validator_names_what_is_wrong(tmp_path: Path) -> None:
    data = json.loads(prov.PROVINCES_FILE.read_text(encoding="utf-8"))
    feats = data["features"]
    feats[0]["geometry"]["coordinates"][0][0] = [[100, 0], [101, 1], [101, 0], [100, 1], [100, 0]]  # a bowtie
    feats[1]["id"] = "ID99"  # was ID02 Bali (the features are in code order)
    feats[2]["geometry"]["coordinates"][0][0][1] = [150.0, 0.0]  # out of the box
    del feats[3]  # ID04 Jakarta Raya
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = " | ".join(p.message for p in prov.validate(path))
    assert f"{feats[0]['id']}: polygon 0 ring 0: crosses itself" in problems
    assert "ID99: not a gazetteer province" in problems
    assert f"{feats[2]['id']}: polygon 0 ring 0: a point outside Indonesia's box" in problems
    assert "ID02: drawn in 0 shapes, expected 1" in problems and "ID04: drawn in 0 shapes" in problems
    assert "ID99: not an Indonesian province" in problems
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert "unreadable province file" in prov.validate(tmp_path / "bad.json")[0].message


# --------------------------------------------------------------------------- the recipe
def _square(x0: float, y0: float, x1: float, y1: float, steps: int = 20) -> list[list[float]]:
    """A closed square ring with many collinear points on each side (for the simplifier to drop)."""
    pts: list[list[float]] = []
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    for (ax, ay), (bx, by) in itertools.pairwise(corners):
        pts += [[ax + (bx - ax) * i / steps, ay + (by - ay) * i / steps] for i in range(steps)]
    return [*pts, pts[0]]


def _feature(fips: str, adm0: str, polys: list) -> dict:
    return {
        "type": "Feature",
        "properties": {"adm0_a3": adm0, "fips": fips, "name": fips, "iso_3166_2": "ID-XX"},
        "geometry": {"type": "MultiPolygon", "coordinates": polys},
    }


def test_recipe_keeps_shared_borders_identical_and_drops_small_islands() -> None:
    west = [_square(106.0, -7.0, 107.0, -6.0)]
    # east shares the x=107 border; a wiggle on the border (both sides have it) must be kept by both
    east_ring = _square(107.0, -7.0, 108.0, -6.0)
    east = [east_ring]
    island = [_square(108.5, -6.5, 108.52, -6.48)]  # 0.0004 square degrees: dropped
    feats = [
        _feature("ID30", "IDN", [west, [_square(105.0, -6.0, 105.5, -5.5)]]),
        _feature("ID07", "IDN", [east, island]),
        _feature("MY01", "MYS", [[_square(110.0, 1.0, 111.0, 2.0)]]),  # not Indonesia: skipped
    ]
    provinces = build.indonesian_provinces(feats)
    assert [p.code for p in provinces] == ["ID07", "ID30"]
    assert [p.name for p in provinces] == ["Jawa Tengah", "Jawa Barat"]  # the gazetteer's names
    build.simplified(provinces, tol=0.01, min_island=0.005)
    collection = build.to_geojson(provinces)
    by_id = {f["id"]: f for f in collection["features"]}
    w_ring = by_id["ID30"]["geometry"]["coordinates"][0][0]
    e_ring = by_id["ID07"]["geometry"]["coordinates"][0][0]
    assert len(w_ring) <= 7 and len(e_ring) <= 7  # collinear points gone: a square and its cut points
    border_w = {tuple(p) for p in w_ring if p[0] == 107.0}
    border_e = {tuple(p) for p in e_ring if p[0] == 107.0}
    assert border_w == border_e and {(107.0, -7.0), (107.0, -6.0)} <= border_w
    assert len(by_id["ID07"]["geometry"]["coordinates"]) == 1  # the islet dropped
    assert len(by_id["ID30"]["geometry"]["coordinates"]) == 2  # a 0.25 square degree island kept
    assert by_id["ID30"]["properties"]["includes"] == []
    with pytest.raises(SystemExit, match="not a gazetteer province"):
        build.indonesian_provinces([_feature("ID99", "IDN", [west])])
    with pytest.raises(SystemExit, match="appears twice"):
        build.indonesian_provinces([_feature("ID30", "IDN", [west]), _feature("ID30", "IDN", [east])])


def test_douglas_peucker_keeps_what_deviates() -> None:
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]
    assert build.douglas_peucker(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]


# --------------------------------------------------------------------------- the view
TEXT = (
    "Polisi menangkap demonstran di Bandung. Gubernur Jawa Barat meresmikan jembatan. "
    "Warga Malang memprotes pajak. Bentrokan terjadi di Timika. Presiden berpidato tentang Indonesia. "
    "Menteri memuji petani. Presiden tiba di Kairo."
)


def _events(a: Article):  # type: ignore[no-untyped-def]
    plan = [
        ("menangkap demonstran", "IDNCOP", "173", "IDNCVL", 4, "gn:1650357", ""),  # Bandung, Jawa Barat
        ("meresmikan jembatan", "IDNGOV", "050", "IDNCVL", 1, "adm1:ID30", ""),  # the province itself
        ("memprotes pajak", "IDNCVL", "141", "IDNGOV", 3, "gn:1636722", ""),  # Malang, Jawa Timur
        ("Bentrokan terjadi", "IDNREB", "190", "IDNMIL", 4, "gn:1623834", ""),  # Timika, Papua Tengah
        ("berpidato tentang", "IDNGOV", "010", "", 1, "gn:1643084", ""),  # Indonesia, no province
        ("memuji petani", "IDNGOV", "051", "IDNAGR", 1, "", "IDN"),  # no key, country stated
        ("tiba di Kairo", "IDNGOV", "042", "EGY", 1, "gn:360630", ""),  # Cairo: not in Indonesia
    ]
    out = []
    for anchor, a1, code, a2, quad, key, country in plan:
        e = make_event(a, anchor, a1, code, a2, quad=quad, action_country=country)
        e.action_geo = key or None
        out.append(e)
    return out


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = str(tmp_path_factory.mktemp("prov") / "prov.duckdb")
    with open_store(url) as store:
        ingest(store, [Article("p1", TEXT, published=date(2025, 5, 1))], ScriptedCoder({"p1": _events}))
    with TestClient(create_app(url, cors_origins=[])) as c:
        yield c


def _provinces(html: str) -> dict[str, tuple[str, int]]:
    """ADM1 code -> (fill, events) of each province drawn."""
    found = re.findall(r'fill="(#\w+)" data-adm1="(\w+)" data-n="(\d+)"', html)
    return {code: (fill, int(n)) for fill, code, n in found}


def test_indonesia_view_counts_events_per_province(client: TestClient) -> None:
    html = client.get("/map", params={"view": "id"}).text
    drawn = _provinces(html)
    assert len(drawn) == 33
    assert drawn["ID30"][1] == 2 and drawn["ID08"][1] == 1  # Bandung + the province; Malang
    assert drawn["ID36"][1] == 1  # Timika is in Papua Tengah, drawn inside the Papua shape
    assert drawn["ID01"] == ("#f4f4f2", 0)  # no events: drawn empty
    assert sum(n for _, n in drawn.values()) == 4
    assert drawn["ID30"][0] != drawn["ID08"][0] != "#f4f4f2"  # two events are darker than one
    assert "4 events in 3 provinces; 2 events in Indonesia without a province." in html
    assert re.search(
        r"Papua as drawn \(borders before the split\): 1 events \(Papua 0, Papua Selatan 0, "
        r"Papua Tengah 1, Papua Pegunungan 0\)",
        html,
    )
    assert 'data-adm1="ID36"' in html and "<script" not in html and " style=" not in html
    points = set(re.findall(r'<circle [^>]*data-key="([^"]+)"', html))
    assert {"gn:1650357", "gn:1636722", "gn:1623834", "adm1:ID30"} <= points  # QuadClass points on top
    assert re.search(r'fill="#c92a2a"[^>]*data-key="gn:1623834"', html)  # the clash: material conflict
    assert 'aria-current="page">Indonesia</a>' in html and 'href="/map?view=world"' in html


def test_indonesia_view_follows_the_page_filters(client: TestClient) -> None:
    conflict = client.get("/map", params={"view": "id", "quad": "4"}).text
    drawn = _provinces(conflict)
    assert drawn["ID30"][1] == 1 and drawn["ID36"][1] == 1 and drawn["ID08"][1] == 0
    assert "0 events in Indonesia without a province" in conflict
    assert 'href="/map?view=world&amp;quad=4"' in conflict  # the switch keeps the filters
    rebels = client.get("/map", params={"view": "id", "actor": "IDNREB"}).text
    assert {c: n for c, (_, n) in _provinces(rebels).items() if n} == {"ID36": 1}


def test_dashboard_card_switches_between_world_and_indonesia(client: TestClient) -> None:
    r = client.get("/")
    html = r.text
    assert 'id="map-tab-world" class="map-tab-world" checked' in html and 'for="map-tab-id">Indonesia' in html
    assert html.count('class="map"') == 2 and len(_provinces(html)) == 33
    assert "2 events in Indonesia without a province" in html
    assert " style=" not in html and "<script" not in html
    css = client.get("/static/style.css").text
    assert ".map-tab-id:checked ~ .map-views .map-view-world" in css
    filtered = client.get("/", params={"quad": "3"}).text  # the dashboard's own filter
    assert {c: n for c, (_, n) in _provinces(filtered).items() if n} == {"ID08": 1}
