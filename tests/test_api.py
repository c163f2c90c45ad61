"""The REST API over a small FakeCoder store: filters, pagination, evidence, limits and tokens."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from test_store_support import backend_url_fixture, pg_url_fixture  # noqa: F401  (fixtures, used by name)
from test_web_support import EVIL_IMG, EVIL_SCRIPT, build_store, fill_store
from typer.testing import CliRunner

from peristiwa.serve.app import MAX_BODY, create_app
from peristiwa.serve.commands import register
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(store_url: str) -> Iterator[TestClient]:
    app = create_app(store_url, coder_factory=FakeCoder, cors_origins=[])
    with TestClient(app) as c:
        yield c
    app.state.access.store.close()


def triples(body: dict) -> list[tuple[str, str, str, str]]:  # type: ignore[type-arg]
    return sorted((e["actor1_code"], e["event_code"], e["actor2_code"], e["modality"]) for e in body["items"])


def test_events_lists_all_stories_newest_first(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 5
    assert ("RUSGOV", "042", "CHN", "planned") in triples(body)
    assert ("RUSGOV", "042", "CHN", "asserted") in triples(body)
    dates = [e["date_start"] for e in body["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"source": "RUS", "target": "CHN"},
            {("RUSGOV", "042", "CHN", "asserted"), ("RUSGOV", "042", "CHN", "planned")},
        ),
        ({"actor": "Putin", "modality": "planned"}, {("RUSGOV", "042", "CHN", "planned")}),
        (
            {"quad": "3", "since": "2025-01"},
            {("JPN", "111", "PRK", "asserted"), ("IDNGOV", "111", "ISR", "asserted")},
        ),
        (
            {"root": "04", "until": "2024-05"},
            {("RUSGOV", "042", "CHN", "asserted"), ("RUSGOV", "042", "CHN", "planned")},
        ),
        ({"country": "FRA"}, {("IDNGOV", "040", "FRAGOV", "asserted")}),
        ({"text": "uji coba rudal"}, {("JPN", "111", "PRK", "asserted")}),
        ({"code": "111", "actor": "IDN"}, {("IDNGOV", "111", "ISR", "asserted")}),
    ],
)
def test_events_filters_match_the_cli(
    client: TestClient, params: dict[str, str], expected: set[tuple[str, str, str, str]]
) -> None:
    body = client.get("/api/events", params=params).json()
    assert set(triples(body)) == expected
    assert body["total"] == len(expected)


def test_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    rest = client.get("/api/events", params={"limit": 2, "offset": 4}).json()
    ids = [e["story_id"] for page in (first, second, rest) for e in page["items"]]
    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    assert len(set(ids)) == 5 and first["total"] == 5
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 501}).status_code == 422


@pytest.mark.parametrize(
    "params",
    [{"modality": "maybe"}, {"quad": "7"}, {"since": "yesterday"}, {"code": "abc"}],
)
def test_bad_filters_are_422_with_a_message(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert r.json()["detail"]


@pytest.mark.parametrize(
    "value",
    [
        "'; DROP TABLE events; --",
        "x' OR '1'='1",
        '" OR 1=1 --',
        "50%_off",
        "Robert'); DELETE FROM stories;--",
    ],
)
def test_filter_values_with_quotes_and_sql_are_just_text(client: TestClient, value: str) -> None:
    for name in ("actor", "source", "target", "text", "country"):
        r = client.get("/api/events", params={name: value})
        assert r.status_code == 200, (name, r.text)
        assert r.json()["total"] == 0
    assert client.get("/api/articles", params={"q": value}).json()["total"] == 0
    assert client.get(f"/api/actors/{value}").status_code == 404
    assert client.get("/api/events").json()["total"] == 5  # nothing was dropped


def test_event_detail_has_the_evidence(client: TestClient) -> None:
    items = client.get("/api/events", params={"source": "RUSGOV", "modality": "planned"}).json()["items"]
    story = client.get(f"/api/events/{items[0]['story_id']}").json()
    assert story["num_mentions"] == len(story["mentions"]) == 2
    m = story["mentions"][0]
    assert m["article_id"] == "putin-plan" and m["outlet"] == "JagatBisnis.com"
    assert m["rules"] and m["rules"][0].startswith("fake:")
    assert m["actor1_entries"] == ["fake:Vladimir Putin"]
    spans = {s["kind"]: m["sentence"][s["start"] : s["end"]] for s in m["spans"]}
    assert spans == {"trigger": m["trigger"], "actor1": "Vladimir Putin", "actor2": "Cina"}
    assert story["articles"][0]["article_id"] == "putin-plan"
    assert story["links"] and story["links"][0]["relation"] == "planned->asserted"
    assert client.get("/api/events/nope").status_code == 404


def test_articles_list_and_detail(client: TestClient) -> None:
    body = client.get("/api/articles", params={"limit": 2}).json()
    assert body["total"] == 5 and len(body["items"]) == 2
    assert (
        client.get("/api/articles", params={"q": "macron"}).json()["items"][0]["article_id"]
        == "jokowi-macron"
    )
    art = client.get("/api/articles/putin-plan").json()
    assert art["text"].startswith("Presiden Rusia") and len(art["sentences"]) == 2
    assert {e["event_code"] for e in art["events"]} == {"042"}
    assert client.get("/api/articles/missing").status_code == 404


def test_actors(client: TestClient) -> None:
    body = client.get("/api/actors").json()
    codes = {a["code"]: a["stories"] for a in body["items"]}
    assert codes["RUSGOV"] == 2 and codes["CHN"] == 2
    assert {a["code"] for a in client.get("/api/actors", params={"prefix": "rus"}).json()["items"]} == {
        "RUSGOV"
    }
    actor = client.get("/api/actors/RUSGOV").json()
    assert actor["stories"] == 2
    assert actor["counterparts"] == [{"other": "CHN", "stories": 2, "goldstein": 1.9}]
    assert actor["event_types"] == [{"event_code": "042", "stories": 2}]
    assert [m["month"] for m in actor["by_month"]] == ["2024-05"]
    assert client.get("/api/actors/ZZZ").status_code == 404


def test_stats(client: TestClient) -> None:
    st = client.get("/api/stats").json()
    assert st["totals"] == {"stories": 5, "mentions": 6, "articles": 5}
    assert {r["root"]: r["stories"] for r in st["by_root"]} == {"04": 3, "11": 2}
    assert {r["quad"]: r["stories"] for r in st["by_quad"]} == {1: 3, 3: 2}
    assert [r["month"] for r in st["by_month"]] == ["2024-05", "2024-06", "2025-01", "2025-02"]
    assert st["top_dyads"][0] == {
        "actor1_code": "RUSGOV",
        "actor2_code": "CHN",
        "stories": 2,
        "mentions": 3,
        "goldstein": 1.9,
    }


def test_code_does_not_store(client: TestClient) -> None:
    r = client.post(
        "/api/code", json={"text": "Putin bertemu Xi Jinping di Beijing.", "published": "2024-05-16"}
    )
    assert r.status_code == 200
    events = r.json()["events"]
    assert [(e["actor1_code"], e["event_code"], e["actor2_code"]) for e in events] == [
        ("RUSGOV", "040", "CHNGOV")
    ]
    assert client.get("/api/articles").json()["total"] == 5
    assert client.post("/api/code", json={"text": "  "}).status_code == 422
    assert client.post("/api/code", json={"text": "x", "published": "soon"}).status_code == 422


def test_writes_without_a_configured_token_are_refused(client: TestClient) -> None:
    r = client.post("/api/articles", json={"id": "n", "text": "Putin bertemu Xi."})
    assert r.status_code == 403
    assert "read-only" in r.json()["detail"]


def test_body_over_2mb_is_413(client: TestClient) -> None:
    big = json.dumps({"text": "a" * (MAX_BODY + 10)})
    r = client.post("/api/code", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "too large" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"text": "'
        for _ in range(3):
            yield b"a" * (1024 * 1024)
        yield b'"}'

    r = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_no_cors_unless_configured(client: TestClient, store_url: str) -> None:
    r = client.get("/api/stats", headers={"Origin": "https://evil.test"})
    assert "access-control-allow-origin" not in r.headers
    app = create_app(store_url, coder_factory=FakeCoder, cors_origins=["https://ok.test"])
    with TestClient(app) as c:
        ok = c.get("/api/stats", headers={"Origin": "https://ok.test"})
        assert ok.headers["access-control-allow-origin"] == "https://ok.test"
        bad = c.get("/api/stats", headers={"Origin": "https://evil.test"})
        assert "access-control-allow-origin" not in bad.headers
    app.state.access.store.close()


def test_api_returns_markup_as_data_not_html(client: TestClient) -> None:
    r = client.get("/api/articles/evil")
    assert r.headers["content-type"].startswith("application/json")
    assert EVIL_SCRIPT in r.json()["text"] and EVIL_IMG in r.json()["outlet"]
    assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none' covers scripts
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_openapi_and_local_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{story_id}", "/api/articles", "/api/code", "/api/stats"} <= set(
        spec["paths"]
    )
    html = client.get("/docs").text
    assert "/api/events/{story_id}" in html
    assert "cdn" not in html.lower() and "<script" not in html.lower()
    assert client.get("/redoc").status_code == 404


def test_ingest_with_token(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    app = create_app(url, token=TOKEN, coder_factory=FakeCoder, cors_origins=[])
    article = {
        "id": "new",
        "text": "Prabowo berkunjung ke Malaysia pada 5 Maret 2025.",
        "published": "2025-03-05",
    }
    with TestClient(app) as c:
        assert c.post("/api/articles", json=article).status_code == 401
        r = c.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/api/articles", json=[article], headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        assert (r.json()["new"], r.json()["events"]) == (1, 1)
        again = c.post("/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert (again["new"], again["unchanged"]) == (0, 1)
        found = c.get("/api/events", params={"source": "IDNGOV", "target": "MYS"}).json()
        assert found["total"] == 1 and found["items"][0]["event_code"] == "042"
        bad = c.post("/api/articles", json={"id": "x"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert bad.status_code == 422
    app.state.access.store.close()
    with open_store(url, read_only=True) as store:
        assert store.count("articles") == 6


def test_serve_command_is_registered(tmp_path: Path) -> None:
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def noop() -> None:  # a second command, so typer keeps "serve" as a subcommand name
        pass

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token"):
        assert option in result.output
    missing = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2
    assert "no database" in missing.output


def test_real_coder_on_the_seed(seed_text: str, tmp_path: Path) -> None:
    """The real coder behind /api/code and ingest: the seed's planned Putin visit, with its evidence."""
    pytest.importorskip("spacy")
    from peristiwa.config import MODEL_DIR

    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip(f"trained pipeline not found in {MODEL_DIR}")
    url = str(tmp_path / "real.duckdb")
    open_store(url).close()
    app = create_app(url, token=TOKEN, cors_origins=[])
    with TestClient(app) as c:
        coded = c.post("/api/code", json={"text": seed_text, "published": "2024-03-20"}).json()
        found = {
            (e["actor1_code"], e["event_code"], e["actor2_code"], e["modality"]) for e in coded["events"]
        }
        assert ("RUSGOV", "042", "CHN", "planned") in found
        r = c.post(
            "/api/articles",
            json={"id": "seed", "text": seed_text, "published": "2024-03-20"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 200 and r.json()["new"] == 1
        items = c.get("/api/events", params={"source": "RUSGOV", "target": "CHN", "code": "042"}).json()[
            "items"
        ]
        planned = [e for e in items if e["modality"] == "planned"]
        assert planned and planned[0]["num_mentions"] >= 2
        story = c.get(f"/api/events/{planned[0]['story_id']}").json()
        assert all(m["rules"] for m in story["mentions"])
        assert any(s["kind"] == "trigger" for m in story["mentions"] for s in m["spans"])
    app.state.access.store.close()


def test_same_answers_on_duckdb_and_postgresql(backend_url: str) -> None:
    """Every read endpoint and page over both backends (PostgreSQL when PERISTIWA_TEST_PG is set)."""
    app = create_app(fill_store(backend_url), coder_factory=FakeCoder, cors_origins=[])
    with TestClient(app) as c:
        body = c.get("/api/events", params={"source": "RUS", "target": "CHN", "limit": 1, "offset": 1}).json()
        assert body["total"] == 2 and len(body["items"]) == 1
        assert c.get("/api/events", params={"text": "'; DROP TABLE events; --"}).json()["total"] == 0
        planned = c.get("/api/events", params={"actor": "putin", "modality": "planned"}).json()["items"]
        story = c.get(f"/api/events/{planned[0]['story_id']}").json()
        assert story["num_mentions"] == 2 and story["links"][0]["relation"] == "planned->asserted"
        st = c.get("/api/stats").json()
        assert [r["month"] for r in st["by_month"]] == ["2024-05", "2024-06", "2025-01", "2025-02"]
        assert st["top_dyads"][0]["goldstein"] == 1.9
        actor = c.get("/api/actors/RUSGOV").json()
        assert actor["counterparts"] == [{"other": "CHN", "stories": 2, "goldstein": 1.9}]
        assert c.get("/api/actors", params={"prefix": "IDN"}).json()["total"] == 1
        assert c.get("/api/articles/evil").json()["events"][0]["event_code"] == "111"
        for path in (
            "/",
            "/events?quad=3",
            f"/events/{planned[0]['story_id']}",
            "/actors/RUSGOV",
            "/articles/evil",
            "/?historical=any&outlet=Kompas.com",
            "/events?historical=false&outlet=Kompas.com&sort=goldstein&order=asc",
            "/events.csv?quad=3",
            "/events.parquet?since=2024",
            "/articles?q=putin",
        ):
            r = c.get(path)
            assert r.status_code == 200, (path, r.text[:300])
        assert ": 1 verbal conflict</title></rect>" in c.get("/").text  # a bar of the weekly chart
    app.state.access.store.close()
