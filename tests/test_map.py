"""The /map page: countries shaded by their events, places as points coloured by QuadClass, from the
vendored Natural Earth shapes; filters by actor and QuadClass; the Indonesia view."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from test_store_support import ScriptedCoder, make_event

from peristiwa.model import Article
from peristiwa.serve.app import create_app
from peristiwa.serve.geomap import world
from peristiwa.store.db import open_store
from peristiwa.store.ingest import ingest

TEXT = "Presiden tiba di Kairo. Polisi menangkap demonstran di Malang. Gubernur bertemu warga di Bandung."


def _events(a: Article):  # type: ignore[no-untyped-def]
    visit = make_event(a, "tiba di Kairo", "IDNGOV", "042", "EGY", quad=1)
    visit.action_geo = "gn:360630"
    arrest = make_event(a, "menangkap demonstran", "IDNCOP", "173", "IDNCVL", quad=4)
    arrest.action_geo = "gn:1636722"
    meet = make_event(a, "bertemu warga", "IDNGOV", "040", "IDNCVL", quad=1)
    meet.action_geo = "gn:1650357"
    return [visit, arrest, meet]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = str(tmp_path_factory.mktemp("map") / "map.duckdb")
    with open_store(url) as store:
        ingest(store, [Article("m1", TEXT, published=date(2025, 5, 1))], ScriptedCoder({"m1": _events}))
    with TestClient(create_app(url, cors_origins=[])) as c:
        yield c


def test_world_shapes_decode_to_the_canvas() -> None:
    shapes = {c.id: c for c in world()}
    assert len(shapes) > 150 and "360" in shapes and "818" in shapes  # Indonesia, Egypt
    xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+),", shapes["360"].path)]
    assert 730 < min(xs) < max(xs) < 860  # Indonesia lies between 95 and 141 E (x = (lon + 180) * 960 / 360)


def test_map_shades_countries_and_draws_points(client: TestClient) -> None:
    html = client.get("/map").text
    assert "<svg" in html and "<script" not in html and "https://" not in html and 'href="/map.css"' in html
    assert client.get("/map.css").headers["content-type"].startswith("text/css")
    fills = {cid: fill for fill, cid in re.findall(r'fill="(#\w+)" data-id="(\d+)"', html)}
    assert fills["360"] != "#f4f4f2" and fills["818"] != "#f4f4f2"  # Indonesia, Egypt: shaded
    assert fills["250"] == "#f4f4f2"  # France: no events
    assert fills["360"] != fills["818"]  # two events in Indonesia, one in Egypt
    assert html.count("<circle") == 3
    assert re.search(r'fill="#c92a2a"[^>]*data-key="gn:1636722"', html)  # the arrest: material conflict
    assert re.search(r'fill="#2b8a3e"[^>]*data-key="gn:360630"', html)  # the visit: verbal cooperation


def test_map_filters_and_indonesia_view(client: TestClient) -> None:
    conflict = client.get("/map", params={"quad": "4"}).text
    assert conflict.count("<circle") == 1 and "gn:1636722" in conflict
    egypt_only = client.get("/map", params={"actor": "EGY"}).text
    assert egypt_only.count("<circle") == 1 and "gn:360630" in egypt_only
    indonesia = client.get("/map", params={"view": "id"}).text
    assert "Events in Indonesia" in indonesia and 'viewBox="730.7' in indonesia
    assert client.get("/map", params={"view": "mars"}).status_code == 422


def _drawn_places(html: str) -> set[str]:
    return set(re.findall(r'<circle [^>]*data-key="([^"]+)"', html))


def test_dashboard_holds_the_map_filtered_like_the_page(client: TestClient) -> None:
    r = client.get("/")
    html = r.text
    assert r.status_code == 200 and 'id="h-map"' in html
    assert html.count('class="map"') == 2  # the world and the Indonesia view
    assert _drawn_places(html) == {"gn:360630", "gn:1636722", "gn:1650357"}
    assert re.search(r'fill="#\w+" data-id="360"', html)  # country shapes drawn
    assert " style=" not in html and "<script" not in html  # the CSP: no inline style or script
    assert "'unsafe-inline'" not in r.headers["content-security-policy"]
    conflict = client.get("/", params={"quad": "4"}).text
    assert _drawn_places(conflict) == {"gn:1636722"}  # the arrest in Malang only, as the page's lists
    assert _drawn_places(client.get("/", params={"source": "IDNCOP"}).text) == {"gn:1636722"}


def test_actor_page_holds_the_map_of_its_events(client: TestClient) -> None:
    html = client.get("/actors/EGY").text
    assert 'id="h-map"' in html and html.count('class="map"') == 2
    assert _drawn_places(html) == {"gn:360630"}  # only the visit to Cairo has EGY as an actor
    assert 'href="/map?actor=EGY"' in html and " style=" not in html
    assert _drawn_places(client.get("/actors/IDNCVL").text) == {"gn:1636722", "gn:1650357"}
