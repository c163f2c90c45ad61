"""The server under hostile requests and a changing store: every error an answer, no partial write.

Hostile but well-formed requests get a 4xx naming the parameter, with the security headers; a full
coding pool is 503 with Retry-After; a store file that vanishes or is corrupted under the server is
503; 40 articles with one the coder fails on store nothing; ``serve`` checks its port and refuses a
missing store; DuckDB's lock is waited for; and ``peristiwa ingest`` writes a file a read-only
server is showing, the server showing the new events afterwards (real processes, loopback only).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
import typer
from fastapi.testclient import TestClient
from test_web_support import build_store
from typer.testing import CliRunner

from peristiwa.model import Article, CodedArticle
from peristiwa.serve.app import MAX_CODE_CHARS, MAX_OFFSET, create_app
from peristiwa.serve.commands import EXIT_PORT_IN_USE, port_problem
from peristiwa.serve.commands import register as register_serve
from peristiwa.store.backend import StoreError
from peristiwa.store.commands import register as register_store
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder

TOKEN = "t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
POISON = "RACUN-UNTUK-CODER"


class PoisonCoder(FakeCoder):
    """The FakeCoder, except that it raises on any article holding :data:`POISON`."""

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        for article in articles:
            if POISON in article.text:
                raise ValueError("poisoned article")
            yield from super().code_articles([article])


GATE = threading.Event()  # BlockingCoder waits on it: a coding job that holds the pool


class BlockingCoder(FakeCoder):
    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        GATE.wait(30)
        yield from super().code_articles(articles)


@pytest.fixture()
def token_app(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    url = build_store(tmp_path)
    app = create_app(url, token=TOKEN, coder_factory=PoisonCoder, cors_origins=[], code_pool="thread")
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c, url
    app.state.access.close()


def stored(c: TestClient) -> int:
    """Articles in the store, as the server counts them (the test cannot open the file beside it)."""
    return int(c.get("/api/articles", params={"limit": 1}).json()["total"])


def assert_headed(r: httpx.Response) -> None:
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("path", "body", "status", "names"),
    [
        ("/api/code", '{"text": "Putin \\ud800 tiba di Beijing"}', 422, "'text' holds a lone surrogate"),
        ("/api/articles", '{"id": "a\\udc00", "text": "Putin tiba"}', 422, "'id' holds a lone surrogate"),
        ("/api/articles", '{"id": "a", "text": "Putin tiba", "title": "\\ud800"}', 422, "'title'"),
        ("/api/code", '{"text": "Putin tiba besok", "published": "9999-12-31"}', 422, "'published'"),
        ("/api/articles", '{"id": "a", "text": "Putin tiba", "published": "0001-01-01"}', 422, "'published'"),
        ("/api/code", json.dumps({"text": "a" * (MAX_CODE_CHARS + 1)}), 413, "'text' is 100,001 characters"),
        ("/api/articles", json.dumps({"id": "a", "text": "b" * 1_000_001}), 413, "'text' is 1,000,001"),
        ("/api/code", '{"text": ' + "1" * 100_000 + "}", 400, "body"),
        ("/api/code", "[" * 60_000 + "]" * 60_000, 400, "body"),
    ],
)
def test_hostile_bodies_are_4xx_naming_the_field(
    token_app: tuple[TestClient, str], path: str, body: str, status: int, names: str
) -> None:
    c, _ = token_app
    r = c.post(path, content=body.encode("utf-8", "surrogatepass"), headers=AUTH)
    assert r.status_code == status, r.text
    assert names in r.text
    assert_headed(r)
    assert stored(c) == 5  # nothing of it was stored


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/api/events?quad=%C2%B2", "quad"),
        ("/events?quad=%C2%B2", "quad"),
        ("/api/events?offset=9223372036854775808", "offset"),
        ("/api/articles?offset=9223372036854775808", "offset"),
        ("/api/actors?offset=9223372036854775808", "offset"),
        ("/events?offset=9223372036854775808", "offset"),
        ("/api/events?since=0000-01-01", "since"),
        ("/api/stats?top=99999999999999999999", "top"),
    ],
)
def test_hostile_parameters_are_4xx_naming_the_parameter(
    token_app: tuple[TestClient, str], path: str, names: str
) -> None:
    r = token_app[0].get(path)
    assert 400 <= r.status_code < 500, r.text
    assert names in r.text
    assert_headed(r)


def test_offset_at_the_limit_is_an_empty_page(token_app: tuple[TestClient, str]) -> None:
    body = token_app[0].get("/api/events", params={"offset": MAX_OFFSET}).json()
    assert body["items"] == [] and body["total"] == 5


def test_edge_of_calendar_filters_are_answers(token_app: tuple[TestClient, str]) -> None:
    c = token_app[0]
    assert c.get("/api/events", params={"since": "9999-12-31", "until": "9999-12-31"}).json()["total"] == 0
    assert c.get("/api/events", params={"until": "9999-12"}).json()["total"] == 5


def test_forty_articles_with_one_poisoned_store_nothing(token_app: tuple[TestClient, str]) -> None:
    c, _ = token_app
    batch = [{"id": f"b{i}", "text": f"Prabowo berkunjung ke Malaysia ({i})."} for i in range(40)]
    batch[31]["text"] = f"Prabowo berkunjung ke Malaysia. {POISON}"
    r = c.post("/api/articles", json=batch, headers=AUTH)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert detail["stored"] == 0 and "nothing was stored" in detail["message"]
    assert [(x["index"], x["id"]) for x in detail["refused"]] == [(31, "b31")]
    assert "poisoned article" in detail["refused"][0]["error"]
    assert stored(c) == 5
    del batch[31]
    ok = c.post("/api/articles", json=batch, headers=AUTH)
    assert ok.status_code == 200 and ok.json()["new"] == 39


def test_a_malformed_article_in_a_list_is_named_and_nothing_stored(token_app: tuple[TestClient, str]) -> None:
    c, _ = token_app
    batch = [{"id": f"m{i}", "text": "Jokowi bertemu Macron."} for i in range(40)]
    batch[31]["title"] = {"not": "a string"}
    r = c.post("/api/articles", json=batch, headers=AUTH)
    assert r.status_code == 422 and "'articles[31].title' must be a string" in r.text
    assert stored(c) == 5


def test_dashboard_cache_follows_writes(token_app: tuple[TestClient, str]) -> None:
    c = token_app[0]
    before = c.get("/api/stats").json()["totals"]["articles"]
    assert c.get("/api/stats").json()["totals"]["articles"] == before  # cached, same answer
    r = c.post("/api/articles", json={"id": "baru", "text": "Jokowi bertemu Macron di Paris."}, headers=AUTH)
    assert r.status_code == 200
    assert c.get("/api/stats").json()["totals"]["articles"] == before + 1


def test_deleted_store_file_refuses_writes(token_app: tuple[TestClient, str]) -> None:
    c, url = token_app
    assert c.get("/api/events").status_code == 200  # now in the response cache
    os.unlink(url)
    r = c.post("/api/articles", json={"id": "late", "text": "Jokowi bertemu Macron."}, headers=AUTH)
    assert r.status_code == 503 and "was deleted" in r.text
    assert_headed(r)
    assert c.get("/api/events").status_code == 503


def test_full_pool_is_503_with_retry_after(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    app = create_app(url, coder_factory=BlockingCoder, cors_origins=[], code_pool="thread", code_queue=0)
    GATE.clear()

    async def two() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            first = asyncio.create_task(http.post("/api/code", json={"text": "Jokowi bertemu Macron."}))
            while app.state.pool.busy == 0:
                await asyncio.sleep(0.01)
            second = await http.post("/api/code", json={"text": "Jokowi bertemu Macron."})
            reads = await http.get("/api/events")  # reads go on while the coder is busy
            GATE.set()
            return [await first, second, reads]

    try:
        first, second, reads = asyncio.run(two())
    finally:
        GATE.set()
        app.state.pool.close()
        app.state.access.close()
    assert first.status_code == 200 and first.json()["events"]
    assert second.status_code == 503 and second.headers["retry-after"] == "5" and "busy" in second.text
    assert reads.status_code == 200


def test_coding_past_the_time_limit_is_503(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    app = create_app(
        url, coder_factory=BlockingCoder, cors_origins=[], code_pool="thread", code_time_limit=0.2
    )
    GATE.clear()
    try:
        with TestClient(app) as c:
            r = c.post("/api/code", json={"text": "Jokowi bertemu Macron."})
    finally:
        GATE.set()
        app.state.access.close()
    assert r.status_code == 503 and "longer than the limit of 0.2 s" in r.text
    assert "retry-after" in r.headers


def test_try_page_refuses_an_overlong_text_with_413(token_app: tuple[TestClient, str]) -> None:
    r = token_app[0].post(
        "/try",
        content="text=" + "a" * (MAX_CODE_CHARS + 1),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413 and "100,000" in r.text
    assert_headed(r)


def test_process_pool_codes_off_the_server_process(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    app = create_app(url, coder_factory=FakeCoder, cors_origins=[], code_pool="process", code_workers=1)
    with TestClient(app) as c:
        r = c.post("/api/code", json={"text": "Putin tiba di Beijing, Cina pada 16 Mei 2024."})
    app.state.access.close()
    assert r.status_code == 200
    assert [(e["actor1_code"], e["event_code"]) for e in r.json()["events"]] == [("RUSGOV", "042")]


def test_corrupt_store_under_a_reading_server_is_503(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    app = create_app(url, coder_factory=FakeCoder, cors_origins=[], code_pool="thread")
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get("/api/events").status_code == 200
        size = os.path.getsize(url)
        with open(url, "r+b") as fh:
            fh.truncate(size // 3)
        time.sleep(0.3)  # the server looks at the file at most every 0.2 s
        r = c.get("/api/events")
        assert r.status_code == 503 and "cannot be read" in r.text
        assert_headed(r)
        os.unlink(url)
        time.sleep(0.3)
        gone = c.get("/")
        assert gone.status_code == 503 and "is gone" in gone.text
    app.state.access.close()


def test_serve_refuses_a_missing_store_even_with_a_token(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    with pytest.raises(StoreError, match="pass --create"):
        create_app(str(missing), token=TOKEN, create=False)
    assert not missing.exists()
    app = typer.Typer()
    register_serve(app)
    app.command("noop")(lambda: None)
    result = CliRunner().invoke(app, ["serve", "--db", str(missing), "--token", TOKEN, "--port", "0"])
    assert result.exit_code == 2 and "no database" in result.output
    assert not missing.exists()


def test_serve_on_a_port_in_use_says_so_first(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert "in use" in (port_problem("127.0.0.1", port) or "")
        app = typer.Typer()
        register_serve(app)
        app.command("noop")(lambda: None)
        result = CliRunner().invoke(app, ["serve", "--db", url, "--port", str(port)])
    assert result.exit_code == EXIT_PORT_IN_USE
    assert "port is in use" in result.output and "http://" not in result.output
    assert port_problem("127.0.0.1", port) is None


HOLD = """
import duckdb, sys, time
c = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_lock(path: str, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, path, str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_writer_waits_for_the_lock(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    proc = hold_lock(url, 1.5)
    told: list[str] = []
    try:
        with pytest.raises(StoreError, match=r"locked by another process .*waited 0.2 s"):
            open_store(url, lock_timeout=0.2)
        with open_store(url, lock_timeout=30, on_wait=lambda m, s: told.append(m)) as store:
            assert store.count("articles") == 5
    finally:
        proc.wait(10)
    assert len(told) == 1 and f"PID {proc.pid}" in told[0]


def test_ingest_command_waits_for_the_lock_with_a_message(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "w1", "text": "Jokowi bertemu Macron di Paris."}) + "\n")
    app = typer.Typer()
    register_store(app, coder_factory=FakeCoder)
    proc = hold_lock(url, 1.0)
    try:
        result = CliRunner().invoke(app, ["ingest", str(src), "--db", url, "--lock-timeout", "30"])
    finally:
        proc.wait(10)
    assert result.exit_code == 0, result.output
    assert (
        "waiting up to 30 s (--lock-timeout)" in result.output
        and "locked by another process" in result.output
    )
    with open_store(url, read_only=True) as store:
        assert store.count("articles") == 6


SERVER = """
import sys, uvicorn
from peristiwa.serve.app import create_app
from peristiwa.store.fake import FakeCoder
uvicorn.run(create_app(sys.argv[1], coder_factory=FakeCoder, cors_origins=[], code_pool="thread"),
            host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""
INGEST = """
import sys, typer
from peristiwa.store.commands import register
from peristiwa.store.fake import FakeCoder
app = typer.Typer()
register(app, coder_factory=FakeCoder)
app(sys.argv[1:])
"""


def get_json(url: str) -> dict:  # type: ignore[type-arg]
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read())  # type: ignore[no-any-return]


def test_live_ingest_beside_a_running_server(tmp_path: Path) -> None:
    """A real server process shows the file while a real ``ingest`` process writes it, then the new events."""
    url = build_store(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                assert get_json(base + "/api/events")["total"] == 5
                break
            except OSError:
                assert server.poll() is None, "the server exited"
                time.sleep(0.1)
        assert get_json(base + "/api/events?source=IDNGOV&target=SGP")["total"] == 0  # now cached
        src = tmp_path / "baru.jsonl"
        src.write_text(
            json.dumps({"id": "live", "text": "Prabowo berkunjung ke Singapura pada 5 Maret 2025."}) + "\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", INGEST, "ingest", str(src), "--db", url, "--lock-timeout", "20"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "locked" not in done.stderr
        seen = None
        for _ in range(100):
            seen = get_json(base + "/api/events?source=IDNGOV&target=SGP")
            if seen["total"]:
                break
            time.sleep(0.1)
        assert seen is not None and seen["total"] == 1 and seen["items"][0]["event_code"] == "042"
        assert get_json(base + "/api/stats")["totals"]["articles"] == 6
    finally:
        server.terminate()
        server.wait(10)


def test_reading_server_removes_its_snapshot_at_shutdown_and_can_restart(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    app = create_app(url, coder_factory=FakeCoder, cors_origins=[], code_pool="thread")
    folder = app.state.access.source._dir  # the private copy's folder
    with TestClient(app) as c:
        assert c.get("/api/events").json()["total"] == 5
        assert list(folder.glob("snapshot-*.duckdb"))
    assert not folder.exists()
    with TestClient(app) as c:  # a second start makes a new copy
        assert c.get("/api/articles").json()["total"] == 5
    assert not folder.exists()


def test_a_factory_that_cannot_be_pickled_codes_in_a_thread(tmp_path: Path) -> None:
    url = build_store(tmp_path)
    app = create_app(url, coder_factory=lambda: FakeCoder(), cors_origins=[], code_pool="process")
    assert app.state.pool.kind == "thread"
    with TestClient(app) as c:
        r = c.post("/api/code", json={"text": "Jokowi bertemu Macron di Paris."})
    app.state.access.close()
    assert r.status_code == 200 and r.json()["events"]
