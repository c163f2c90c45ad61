"""The ``/map`` page: events by country (choropleth) and by place (points sized by events, coloured by
QuadClass), drawn as inline SVG from Natural Earth country shapes shipped with the package.

Geometry: ``geodata/countries-110m.json``, the npm ``world-atlas`` 2.0.2 TopoJSON (Natural Earth
1:110m), vendored unchanged; decoded here (TopoJSON arcs are delta-encoded integer points under one
affine transform) and projected equirectangularly. Nothing is fetched at run time: no CDN, no tiles.
Places come from the stories' ``action_geo`` gazetteer keys (:mod:`peristiwa.coding.geo`).
``?view=id`` zooms to Indonesia: provinces shaded by their events (by the events' ADM1 code; shapes
from Natural Earth admin-1, :mod:`peristiwa.serve.provinces`), places as points on top, and the
events in Indonesia without a province counted apart. ``?actor=IDN`` keeps stories with an actor
code starting so, ``?quad=4`` one QuadClass -- the same filters as the event list.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from peristiwa.coding.geo import GeoEntry, default_gazetteer, fips_of_country
from peristiwa.serve import provinces as prov
from peristiwa.serve.data import StoreAccess

GEOMETRY = Path(__file__).resolve().parent / "geodata" / "countries-110m.json"
WIDTH, HEIGHT = 960.0, 480.0
#: (lon west, lat north, lon east, lat south) of each view.
VIEWS: dict[str, tuple[float, float, float, float]] = {
    "world": (-180.0, 84.0, 180.0, -60.0),
    "id": (94.0, 7.0, 142.0, -11.5),
}
QUAD_COLOURS = {1: "#2b8a3e", 2: "#1c7ed6", 3: "#f08c00", 4: "#c92a2a"}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
INDONESIA = "360"  # ISO 3166 numeric: the world-atlas id of Indonesia
NEIGHBOUR = "#dcdad2"  # the Indonesia view's other countries: greyer than an empty province
SHADES = ("#e7eef7", "#c5d8ee", "#93b8e0", "#5b8fcb", "#2f64a8", "#173f75")


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection onto a WIDTH x HEIGHT canvas."""
    return (lon + 180.0) * WIDTH / 360.0, (90.0 - lat) * HEIGHT / 180.0


@dataclass(frozen=True, slots=True)
class Country:
    """One country shape: ISO 3166 numeric id, name, SVG path."""

    id: str
    name: str
    path: str


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """A polygon ring from arc indexes (a negative index ~i is arc i reversed)."""
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts[1:] if out else pts)
    return out


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous along a ring, so a shape crossing the antimeridian (Russia, Fiji)
    runs off the canvas edge instead of drawing a line across the world."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in ring:
        if out:
            prev = out[-1][0]
            while lon + shift - prev > 180:
                shift -= 360
            while lon + shift - prev < -180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def _path(rings: list[list[tuple[float, float]]], digits: int = 1) -> str:
    parts = []
    for ring in rings:
        xy = [project(lon, lat) for lon, lat in _unwrap(ring)]
        parts.append("M" + "L".join(f"{x:.{digits}f},{y:.{digits}f}" for x, y in xy) + "Z")
    return "".join(parts)


@cache
def world() -> tuple[Country, ...]:
    """The country shapes, decoded and projected once per process."""
    topo = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g.get("arcs", [])
        rings = [_ring(arcs, ring) for poly in polys for ring in poly]
        out.append(Country(str(g.get("id", "")), g["properties"]["name"], _path(rings)))
    return tuple(out)


@dataclass(slots=True)
class MapData:
    """Events per country (ISO numeric id) and per place, with each place's QuadClass counts; in
    Indonesia, events per ADM1 code (``ID30``) and the events there without a province."""

    countries: Counter[str]
    places: dict[str, Counter[int]]
    provinces: Counter[str] = field(default_factory=Counter)
    idn_unplaced: int = 0

    def in_shape(self, shape: prov.ProvinceShape) -> int:
        """Events drawn in a province shape: its own and those of provinces carved from it."""
        return sum(self.provinces.get(code, 0) for code in shape.codes)


def map_data(access: StoreAccess, actor: str | None = None, quad: int | None = None) -> MapData:
    """Count stories by their action place, filtered by actor code prefix and QuadClass (stories with
    no place key count only in Indonesia's "without a province", when their action country is it)."""
    where, params = ["1 = 1"], []
    if actor:
        where.append("(actor1_code LIKE ? OR actor2_code LIKE ?)")
        params += [f"{actor.upper()}%", f"{actor.upper()}%"]
    if quad:
        where.append("quad_class = ?")
        params.append(quad)
    return map_data_where(access, " WHERE " + " AND ".join(where), params)


def map_data_where(access: StoreAccess, where: str, params: list) -> MapData:
    """Count stories by their action place over ``stories s`` with a page's own WHERE (the
    dashboard's :meth:`WebFilters.where`, an actor page's actor test), so its map shows exactly
    the events the rest of that page counts."""
    rows = access.rows(
        f"SELECT s.action_geo, s.action_country, s.quad_class, count(*) AS n FROM stories s{where} "
        "GROUP BY s.action_geo, s.action_country, s.quad_class",
        params,
    )
    gaz = default_gazetteer()
    data = MapData(Counter(), defaultdict(Counter))
    for r in rows:
        entry = gaz.entries.get(r["action_geo"] or "")
        if entry is None:
            # no place key: the GDELT export places it at country level by its action country
            if not r["action_geo"] and fips_of_country(r["action_country"] or "") == "ID":
                data.idn_unplaced += r["n"]
            continue
        country = gaz.by_country.get(entry.iso2)
        if country is not None and country.isonum:
            data.countries[country.isonum] += r["n"]
        if entry.kind != "country" and entry.lat is not None:
            data.places[entry.key][int(r["quad_class"])] += r["n"]
        if entry.iso2 == "ID":
            code = prov.adm1_of(entry)
            if code in prov.shape_of_code():
                data.provinces[code] += r["n"]
            else:
                data.idn_unplaced += r["n"]
    return data


@cache
def shapes_in(view: str) -> tuple[Country, ...]:
    """The shapes that reach into a view's box: the Indonesia view leaves the rest of the world out,
    which makes its SVG a tenth of the world's (it is embedded in pages next to the world map)."""
    if view not in VIEWS or view == "world":
        return world()
    west, north, east, south = VIEWS[view]
    (x0, y0), (x1, y1) = project(west, north), project(east, south)
    out = []
    for c in world():
        nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", c.path)]
        xs, ys = nums[0::2], nums[1::2]
        if xs and min(xs) <= x1 and max(xs) >= x0 and min(ys) <= y1 and max(ys) >= y0:
            out.append(c)
    return tuple(out)


def _shade(n: int, top: int) -> str:
    if n <= 0:
        return "#f4f4f2"
    step = math.log1p(n) / math.log1p(max(top, 1))
    return SHADES[min(len(SHADES) - 1, int(step * (len(SHADES) - 1) + 0.5))]


@cache
def province_paths() -> tuple[tuple[prov.ProvinceShape, str], ...]:
    """Each province shape with its SVG path, projected once per process (two decimals: the
    Indonesia view is a fifth of the canvas wide, so a unit is several pixels)."""
    return tuple((s, _path([ring for poly in s.polygons for ring in poly], digits=2)) for s in prov.shapes())


def _province_title(data: MapData, shape: prov.ProvinceShape) -> str:
    n = data.in_shape(shape)
    if not shape.includes:
        return f"{shape.name}: {n} events"
    gaz = default_gazetteer()
    parts = ", ".join(
        f"{gaz.entries[f'adm1:{c}'].name if f'adm1:{c}' in gaz.entries else c} {data.provinces.get(c, 0)}"
        for c in shape.codes
    )
    return f"{shape.name} as drawn (borders before the split): {n} events ({parts})"


def _province_shapes(data: MapData) -> list[str]:
    """The Indonesia view's land: neighbouring countries plain, provinces shaded by their events
    (none: the empty colour), each with its ADM1 code and count for readers and tests."""
    neighbours = [
        f'<path d="{c.path}" fill="{NEIGHBOUR}" data-id="{c.id}"><title>{escape(c.name)}</title></path>'
        for c in shapes_in("id")
        if c.id != INDONESIA
    ]
    top = max((data.in_shape(s) for s, _ in province_paths()), default=0)
    drawn = []
    for s, d in province_paths():
        n = data.in_shape(s)
        drawn.append(
            f'<path d="{d}" fill="{_shade(n, top)}" data-adm1="{s.code}" data-n="{n}">'
            f"<title>{escape(_province_title(data, s))}</title></path>"
        )
    return neighbours + drawn


def _dots(data: MapData, scale: float) -> list[str]:
    gaz = default_gazetteer()
    dots = []
    for key, quads in sorted(data.places.items(), key=lambda kv: -sum(kv[1].values())):
        e: GeoEntry = gaz.entries[key]
        x, y = project(e.lon or 0.0, e.lat or 0.0)
        n = sum(quads.values())
        quad = quads.most_common(1)[0][0]
        r = (2.0 + 2.2 * math.sqrt(n)) * scale
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.2f}" fill="{QUAD_COLOURS.get(quad, "#555")}" '
            f'fill-opacity="0.75" stroke="#fff" stroke-width="{0.4 * scale:.2f}" data-key="{escape(key)}">'
            f"<title>{escape(e.name)}: {n} events ({QUAD_NAMES.get(quad, '')} most)</title></circle>"
        )
    return dots


def svg(data: MapData, view: str = "world", points: float = 1.0) -> str:
    """The map as one SVG element (responsive: it scales to its container's width); ``points``
    enlarges the points (the embedded world map is drawn at half the width of /map's). The world
    view shades countries; the Indonesia view shades provinces."""
    west, north, east, south = VIEWS.get(view, VIEWS["world"])
    x0, y0 = project(west, north)
    x1, y1 = project(east, south)
    if view == "id":
        shapes = _province_shapes(data)
        label = "Events in Indonesia by province and place"
    else:
        top = max(data.countries.values(), default=0)
        shapes = [
            f'<path d="{c.path}" fill="{_shade(data.countries.get(c.id, 0), top)}" data-id="{c.id}">'
            f"<title>{escape(c.name)}: {data.countries.get(c.id, 0)} events</title></path>"
            for c in shapes_in(view)
        ]
        label = "Events by country and place"
    # the Indonesia view is zoomed in: larger points
    scale = (x1 - x0) / WIDTH * (2.5 if view == "id" else 1.0) * points
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1f} {y0:.1f} {x1 - x0:.1f} {y1 - y0:.1f}" '
        f'role="img" aria-label="{label}" class="map">'
        f'<g stroke="#999" stroke-width="{0.3 * scale:.2f}">{"".join(shapes)}</g>'
        f"<g>{''.join(_dots(data, scale))}</g></svg>"
    )


def indonesia_note(data: MapData) -> str:
    """The Indonesia view's counts in words: events by province, and those without one."""
    placed = sum(data.provinces.values())
    return (
        f"{placed} events in {sum(1 for s in prov.shapes() if data.in_shape(s))} provinces; "
        f"{data.idn_unplaced} events in Indonesia without a province."
    )


def panel(data: MapData, links: list[tuple[str, str]]) -> Markup:
    """The map card of the dashboard and actor pages: a World / Indonesia switch over the world
    (countries shaded, places as points) and Indonesia (provinces shaded, places as points, the
    events without a province counted), a QuadClass legend and links to ``/map``. The switch is two
    radio buttons and stylesheet rules (``.map-tabs``): no script and no inline style, so it passes
    the pages' Content-Security-Policy; without the stylesheet both views show, one above the other."""
    legend = "".join(
        f'<span><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="6" '
        f'fill="{colour}"/></svg> {q} {QUAD_NAMES[q]}</span> '
        for q, colour in QUAD_COLOURS.items()
    )
    more = ", ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for href, text in links)
    return Markup(
        '<section class="card map-card" aria-labelledby="h-map"><h2 id="h-map">Where events happened</h2>'
        '<div class="map-tabs">'
        '<input type="radio" name="map-tab" id="map-tab-world" class="map-tab-world" checked>'
        '<label for="map-tab-world">World</label>'
        '<input type="radio" name="map-tab" id="map-tab-id" class="map-tab-id">'
        '<label for="map-tab-id">Indonesia</label>'
        '<div class="map-views">'
        '<figure class="map-view map-view-world"><figcaption>World: countries shaded by events</figcaption>'
        f"{svg(data, points=1.5)}</figure>"
        '<figure class="map-view map-view-id"><figcaption>Indonesia: provinces shaded by events, '
        f"places as points. {indonesia_note(data)}</figcaption>{svg(data, 'id')}</figure></div></div>"
        f'<p class="legend">{legend}</p>'
        f'<p class="note">{sum(data.countries.values())} of these events located, at {len(data.places)} '
        f"places; a point's size is its number of events, its colour their most frequent QuadClass. "
        f"{PROVINCE_CREDIT} {more}</p></section>"
    )


#: Where the province shapes come from, and what they show of the provinces created since.
PROVINCE_CREDIT = (
    "Province shapes: Natural Earth 1:10m admin-1 (33 provinces); Kalimantan Utara is counted in "
    "Kalimantan Timur, the 2022 Papua provinces in Papua and Papua Barat, the shapes they were carved from."
)


MAP_CSS = """
body{font-family:system-ui,sans-serif;margin:0;padding:12px;color:#222;background:#fafafa}
h1{font-size:1.3rem;margin:0 0 8px} nav a{margin-right:12px}
.map{width:100%;height:auto;background:#dfeaf3;border:1px solid #ccc;border-radius:4px}
form{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0} input,select,button{font-size:1rem}
.legend{display:flex;flex-wrap:wrap;gap:12px;font-size:.9rem;margin-top:8px}
.legend span::before{content:"";display:inline-block;width:12px;height:12px;border-radius:6px;
margin-right:4px;vertical-align:-1px}
.q1::before{background:#2b8a3e}.q2::before{background:#1c7ed6}.q3::before{background:#f08c00}
.q4::before{background:#c92a2a}.shade::before{background:#2f64a8;border-radius:2px!important}
.tabs{display:flex;gap:4px;margin:8px 0 0;flex-wrap:wrap}
.tabs a{padding:6px 14px;border:1px solid #bbb;border-radius:4px 4px 0 0;text-decoration:none;margin:0}
.tabs a[aria-current]{background:#1f5f99;color:#fff;border-color:#1f5f99}
p.note{font-size:.9rem;color:#444;max-width:60em}
"""
#: The page's styles come from /map.css: the app's Content-Security-Policy allows no inline style.
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Map - peristiwa</title><link rel="stylesheet" href="/map.css">
</head><body>
<nav><a href="/">Dashboard</a></nav>
<h1>{title}</h1>
<nav class="tabs" aria-label="Map view">{tabs}</nav>
<form method="get"><input type="hidden" name="view" value="{view}">
<label>Actor <input name="actor" value="{actor}" size="8" placeholder="IDN"></label>
<label>QuadClass <select name="quad">{quad_options}</select></label><button>Filter</button></form>
{svg}
<div class="legend">{legend}<span class="shade">{shade}</span></div>
<p>{n_places} places, {n_events} located events. {note}</p>
<p class="note">{credit}</p>
</body></html>"""


CURRENT = ' aria-current="page"'


def page(data: MapData, view: str, actor: str, quad: int | None) -> str:
    options = "".join(
        f'<option value="{q or ""}"{" selected" if q == quad else ""}>'
        f"{QUAD_NAMES.get(q, 'all') if q else 'all'}</option>"
        for q in (None, 1, 2, 3, 4)
    )
    legend = "".join(f'<span class="q{q}">{QUAD_NAMES[q]}</span>' for q in QUAD_COLOURS)
    kept = "".join(f"&amp;{k}={escape(str(v))}" for k, v in (("actor", actor), ("quad", quad)) if v)
    tabs = "".join(
        f'<a href="/map?view={v}{kept}"{CURRENT if v == view else ""}>{name}</a>'
        for v, name in (("world", "World"), ("id", "Indonesia"))
    )
    credit = "Country shapes: Natural Earth 1:110m (world-atlas)."
    if view == "id":
        credit += " " + PROVINCE_CREDIT
    return PAGE.format(
        title="Events in Indonesia by province" if view == "id" else "Events by place",
        tabs=tabs,
        shade="province shade: events there" if view == "id" else "country shade: events there",
        note=indonesia_note(data) if view == "id" else "",
        credit=credit,
        view=escape(view),
        actor=escape(actor),
        quad_options=options,
        svg=svg(data, view),
        legend=legend,
        n_places=len(data.places),
        n_events=sum(data.countries.values()),
    )


def add_map_route(app: FastAPI, access: StoreAccess) -> None:
    """Register ``GET /map`` on the app (its own route and module: the dashboard is elsewhere)."""

    @app.get("/map.css", include_in_schema=False)
    def map_css() -> Response:
        return Response(MAP_CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/map", include_in_schema=False, response_class=HTMLResponse)
    def map_page(
        view: str = Query("world", pattern="^(world|id)$"),
        actor: str = Query("", max_length=12, pattern="^[A-Za-z]*$"),
        quad: str = Query("", pattern="^[1-4]?$"),
    ) -> HTMLResponse:
        q = int(quad) if quad else None
        return HTMLResponse(page(map_data(access, actor or None, q), view, actor, q))
