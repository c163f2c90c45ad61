"""The analyst's workbench (issue 12): code tables, joint/historical, series, delta and PLOVER export,
feedback, and words next to codes, through the store, the CLI and the API."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
import typer
from fastapi.testclient import TestClient
from test_store_support import (  # noqa: F401  (fixtures, used by name)
    ScriptedCoder,
    backend_url_fixture,
    duck_url_fixture,
    make_event,
    pg_url_fixture,
)
from typer.testing import CliRunner

from peristiwa.coding.codebook import actor_label, describe_actor, display_name, is_proper_name, plover
from peristiwa.model import Article, Event, TimeRef
from peristiwa.serve.app import create_app
from peristiwa.store import schema
from peristiwa.store.commands import register
from peristiwa.store.db import open_store
from peristiwa.store.feedback import Feedback, FeedbackError, add_feedback, gold_documents
from peristiwa.store.ingest import ingest
from peristiwa.store.query import QueryFilters, query_mentions, query_stories
from peristiwa.store.series import SeriesRequest, series

runner = CliRunner()
TOKEN = "wb-token"

MEET = Article(
    "meet",
    "Prabowo dan Albanese bertemu di Canberra pada 12 Juni 2025. Dia menegaskan kerja sama pertahanan.",
    published=date(2025, 6, 13),
    outlet="Kompas",
    url="https://kompas.test/meet",
)
PAST = Article(
    "past",
    "Pada tahun 1998 mahasiswa menduduki gedung DPR. Kini Presiden Prabowo mengecam korupsi.",
    published=date(2025, 6, 20),
    outlet="Tempo",
)
YEAR = Article("year", "Indonesia akan mengunjungi Jepang tahun 2025.", published=date(2025, 6, 2))


def _meet(a: Article) -> list[Event]:
    there = make_event(a, "bertemu", "IDNGOV", "040", "AUSGOV", "asserted", "2025-06-12")
    back = make_event(a, "bertemu", "AUSGOV", "040", "IDNGOV", "asserted", "2025-06-12")
    there.actor1 = replace(there.actor1, name="Prabowo", entries=("people:prabowo_subianto",))
    back.actor2 = replace(back.actor2, name="Dia") if back.actor2 else None
    return [replace(there, joint=True), replace(back, joint=True)]


def _past(a: Article) -> list[Event]:
    old = make_event(a, "menduduki", "IDNEDU", "180", "IDNLEG", "asserted", "1998", goldstein=-9.0, quad=4)
    old.time = TimeRef("1998", "", "tahun 1998", historical=True)
    now = make_event(
        a, "mengecam", "IDNGOV", "111", "IDNCRM", "asserted", "2025-06-20", goldstein=-2.0, quad=3
    )
    now.actor1 = replace(now.actor1, name="Dia")
    return [old, now]


def _year(a: Article) -> list[Event]:
    return [make_event(a, "mengunjungi", "IDN", "042", "JPN", "planned", "2025")]


SCRIPT = {"meet": _meet, "past": _past, "year": _year}


def build(url: str, articles: tuple[Article, ...] = (MEET, PAST, YEAR)) -> None:
    with open_store(url) as store:
        ingest(store, list(articles), ScriptedCoder(SCRIPT))


def cli() -> typer.Typer:
    app = typer.Typer()
    register(app, coder_factory=lambda: ScriptedCoder(SCRIPT))
    return app


def run(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(cli(), list(args))
    assert "Traceback" not in result.output, result.output
    return result


# ------------------------------------------------------------------------------------ codebook
def test_codes_in_words() -> None:
    assert actor_label("IDNGOV") == "IDNGOV: Indonesia, government"
    assert describe_actor("RUSMIL") == "Russia, military"
    assert describe_actor("") == ""
    assert plover("042").type == "CONSULT" and plover("042").mode == "visit"
    assert plover("010").type == ""  # PLOVER dropped CAMEO's statements
    assert plover("1823").type == "ASSAULT"  # from its parent


@pytest.mark.parametrize("text", ["Dia", "Kami", "kedua pemimpin", "Pemerintah", "para menteri", "Ia"])
def test_pronouns_and_generic_phrases_are_not_names(text: str) -> None:
    assert not is_proper_name(text)


def test_display_name_prefers_the_dictionary_then_the_longest_proper_name() -> None:
    assert display_name(["Dia", "Pak Prabowo"], ["people:prabowo_subianto"]) == "Prabowo Subianto"
    assert display_name(["Dia", "Albanese", "PM Anthony Albanese"], []) == "PM Anthony Albanese"
    assert display_name(["Kami", "Pemerintah"], []) == ""


# ------------------------------------------------------------------------------------ store
def test_code_tables_can_be_joined_in_sql(backend_url: str) -> None:
    build(backend_url)
    with open_store(backend_url) as store:
        rows = store.backend.fetchall(
            "SELECT s.event_code, c.name, c.plover_type, a.description FROM stories s "
            "JOIN cameo_codes c ON c.code = s.event_code JOIN actor_codes a ON a.code = s.actor1_code "
            "WHERE s.event_code = '040' ORDER BY a.description"
        )
    assert rows == [
        ("040", "Consult, not specified below", "CONSULT", "Australia, government"),
        ("040", "Consult, not specified below", "CONSULT", "Indonesia, government"),
    ]


def test_joint_and_historical_on_stories_and_mentions(backend_url: str) -> None:
    build(backend_url)
    with open_store(backend_url) as store:
        joint = query_stories(store, QueryFilters(joint=True), details=False)
        assert sorted(s["actor1_code"] for s in joint) == ["AUSGOV", "IDNGOV"]
        assert all(s["joint"] for s in joint)
        assert {s["event_code"] for s in query_stories(store, QueryFilters(joint=False))} == {
            "180",
            "111",
            "042",
        }
        hist = query_stories(store, QueryFilters(historical=True))
        assert [s["event_code"] for s in hist] == ["180"] and hist[0]["historical"]
        assert len(query_stories(store, QueryFilters(historical=False))) == 4
        mentions = query_mentions(store, QueryFilters(joint=True))
        assert len(mentions) == 2 and all(m["joint"] for m in mentions)
        assert [m["event_code"] for m in query_mentions(store, QueryFilters(historical=True))] == ["180"]


def test_display_names_are_never_pronouns(duck_url: str) -> None:
    build(duck_url)
    with open_store(duck_url, read_only=True) as store:
        by_code = {(s["actor1_code"], s["event_code"]): s for s in query_stories(store, QueryFilters())}
    assert by_code[("IDNGOV", "040")]["actor1_name"] == "Prabowo Subianto"  # the dictionary's name
    assert by_code[("AUSGOV", "040")]["actor2_name"] == ""  # only "Dia": no name rather than a pronoun
    assert by_code[("IDNGOV", "111")]["actor1_name"] == ""
    assert by_code[("IDNGOV", "111")]["actor1_description"] == "Indonesia, government"


def test_records_carry_words_for_their_codes(duck_url: str) -> None:
    build(duck_url)
    with open_store(duck_url, read_only=True) as store:
        (visit,) = query_stories(store, QueryFilters(code="042"))
        (mention,) = query_mentions(store, QueryFilters(code="042"))
    for rec in (visit, mention):
        assert rec["event_name"] == "Make a visit"
        assert rec["actor2_description"] == "Japan"
        assert (rec["plover_type"], rec["plover_mode"]) == ("CONSULT", "visit")


# ------------------------------------------------------------------------------------ series
def test_series_is_honest_about_dates(backend_url: str) -> None:
    build(backend_url)
    with open_store(backend_url) as store:
        weekly = series(store, SeriesRequest(by="root", every="week"))
        # 1998 is historical (left out), "2025" is a year: no week holds it
        assert [(str(r["period"]), r["root"], r["stories"]) for r in weekly.rows] == [
            ("2025-06-09", "04", 2),
            ("2025-06-16", "11", 1),
        ]
        assert weekly.left_out == {"undated": 0, "imprecise": 1, "historical": 1}
        assert [str(p) for p in weekly.periods] == ["2025-06-09", "2025-06-16"]
        with_past = series(store, SeriesRequest(by="quad", every="month", historical=True))
        # taken in, but "1998" is a year: no month holds it either, and it is counted as imprecise
        assert [(str(r["period"]), r["quad"]) for r in with_past.rows] == [
            ("2025-06-01", 1),
            ("2025-06-01", 3),
        ]
        assert with_past.left_out == {"undated": 0, "imprecise": 2}
        published = series(store, SeriesRequest(by="dyad", every="month", basis="published"))
        assert sum(r["stories"] for r in published.rows) == 4  # the planned visit counts when reported
        actor = series(store, SeriesRequest(by="actor", every="month"))
        idn = next(r for r in actor.rows if r["actor"] == "IDNGOV")
        assert idn["stories"] == 3 and idn["quad1_share"] == pytest.approx(2 / 3, abs=1e-3)
        assert idn["goldstein_mean"] == pytest.approx((1.9 + 1.9 - 2.0) / 3, abs=1e-3)


def test_series_command_writes_csv_and_parquet(duck_url: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    build(duck_url)
    result = run("series", "--db", duck_url, "--by", "dyad", "--every", "month")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["actor1_code"], r["actor2_code"]) for r in rows} == {
        ("IDNGOV", "AUSGOV"),
        ("AUSGOV", "IDNGOV"),
        ("IDNGOV", "IDNCRM"),
    }
    out = tmp_path / "s.parquet"
    assert run("series", "--db", duck_url, "--format", "parquet", "--out", str(out)).exit_code == 0
    assert {r["root"] for r in pq.read_table(out).to_pylist()} == {"04", "11"}
    top = list(
        csv.DictReader(io.StringIO(run("series", "--db", duck_url, "--by", "actor", "--top", "1").stdout))
    )
    assert {r["actor"] for r in top} == {"IDNGOV"}  # in 3 stories; the others in 1 or 2
    bad = run("series", "--db", duck_url, "--by", "outlet")
    assert bad.exit_code == 2 and "--by must be one of dyad, actor, root, quad" in bad.output


# ------------------------------------------------------------------------------------ CLI
def test_query_joint_and_historical_options(duck_url: str) -> None:
    build(duck_url)
    rows = list(
        csv.DictReader(io.StringIO(run("query", "--db", duck_url, "--format", "csv", "--no-joint").stdout))
    )
    assert {r["event_code"] for r in rows} == {"180", "111", "042"}
    assert {"event_name", "actor1_description", "plover_type", "joint", "historical"} <= rows[0].keys()
    lines = run("query", "--db", duck_url, "--format", "jsonl", "--historical").stdout.splitlines()
    assert [json.loads(x)["event_code"] for x in lines] == ["180"]


def test_query_table_fits_80_columns(duck_url: str) -> None:
    build(duck_url)
    result = runner.invoke(cli(), ["query", "--db", duck_url], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    # the sentence wraps rather than being cut: every word of it is there
    assert "menegaskan" not in result.stdout  # (that sentence has no event)
    assert "Canberra" in result.stdout and "korupsi." in result.stdout


def test_delta_export_since_last_and_since_a_time(duck_url: str, tmp_path: Path) -> None:
    build(duck_url, (MEET, YEAR))
    first = run(
        "export", "--db", duck_url, "--format", "jsonl", "-o", str(tmp_path / "a"), "--changed-since", "last"
    )
    assert first.exit_code == 0, first.output
    assert len((tmp_path / "a" / "stories.jsonl").read_text().splitlines()) == 3
    again = run(
        "export", "--db", duck_url, "--format", "jsonl", "-o", str(tmp_path / "b"), "--changed-since", "last"
    )
    assert (tmp_path / "b" / "stories.jsonl").read_text() == "" and "0 events" in again.output
    build(duck_url, (PAST,))
    third = run(
        "export", "--db", duck_url, "--format", "jsonl", "-o", str(tmp_path / "c"), "--changed-since", "last"
    )
    assert third.exit_code == 0
    new = [json.loads(x) for x in (tmp_path / "c" / "stories.jsonl").read_text().splitlines()]
    assert sorted(s["event_code"] for s in new) == ["111", "180"]
    mentions = (tmp_path / "c" / "mentions.jsonl").read_text().splitlines()
    assert {json.loads(x)["article_id"] for x in mentions} == {"past"}
    gdelt = run("export", "--db", duck_url, "-o", str(tmp_path / "g"), "--changed-since", "2000-01-01T00:00")
    assert gdelt.exit_code == 0 and "5 events" in gdelt.output
    bad = run("export", "--db", duck_url, "-o", str(tmp_path / "x"), "--changed-since", "yesterday")
    assert bad.exit_code == 2 and "--changed-since" in bad.output
    with open_store(duck_url, read_only=True) as store:
        assert store.count("export_log") == 4  # every delta export is remembered


def test_unchanged_stories_keep_their_time(duck_url: str) -> None:
    build(duck_url, (MEET,))
    with open_store(duck_url, read_only=True) as store:
        before = dict(store.backend.fetchall("SELECT story_id, updated_at FROM stories"))
    build(duck_url, (PAST,))
    with open_store(duck_url, read_only=True) as store:
        after = dict(store.backend.fetchall("SELECT story_id, updated_at FROM stories"))
    assert all(after[sid] == t for sid, t in before.items())


def test_plover_export(duck_url: str, tmp_path: Path) -> None:
    build(duck_url)
    result = run("export", "--db", duck_url, "--format", "plover", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in (tmp_path / "events.plover.jsonl").read_text().splitlines()]
    by_code = {r["cameo_code"]: r for r in rows}
    assert by_code["042"]["event_type"] == "CONSULT" and by_code["042"]["mode"] == "visit"
    assert by_code["180"]["event_type"] == "ASSAULT" and by_code["180"]["historical"] is True
    assert by_code["040"]["joint"] is True and by_code["040"]["cameo_name"].startswith("Consult")


# ------------------------------------------------------------------------------------ feedback
def test_feedback_becomes_gold(duck_url: str, tmp_path: Path) -> None:
    build(duck_url)
    with open_store(duck_url) as store:
        (visit,) = query_stories(store, QueryFilters(code="042"))
        (crit,) = query_stories(store, QueryFilters(code="111"))
        add_feedback(store, Feedback(visit["story_id"], "wrong_code", "a plan to visit", "043"))
        add_feedback(store, Feedback(crit["story_id"], "not_an_event"))
        with pytest.raises(FeedbackError, match="reason must be one of"):
            add_feedback(store, Feedback(visit["story_id"], "boring"))
        with pytest.raises(FeedbackError, match="'999' is not a CAMEO event code"):
            add_feedback(store, Feedback(visit["story_id"], "wrong_code", corrected_code="999"))
        with pytest.raises(FeedbackError, match="corrected_actor1 must be a CAMEO actor code"):
            add_feedback(store, Feedback(visit["story_id"], "wrong_actor", corrected_actor1="idn gov"))
        with pytest.raises(FeedbackError, match="no event"):
            add_feedback(store, Feedback("nope", "not_an_event"))
        docs = {doc["article_id"]: doc for doc, _ in gold_documents(store)}
    assert set(docs) == {"year", "past"}
    (event,) = docs["year"]["events"]
    assert event["code"] == "043" and event["required"] and "a plan to visit" in event["note"]
    # the flagged criticism is gone; the 1998 sentence is outside the flagged sentence's scope
    assert docs["past"]["events"] == []
    out = tmp_path / "gold"
    result = run("feedback", "export", "--db", duck_url, "--out", str(out))
    assert result.exit_code == 0, result.output
    written = json.loads((out / "year.gold.json").read_text(encoding="utf-8"))
    assert (out / written["article"]).read_text(encoding="utf-8") == YEAR.text
    assert written["scope"] == {"start": 0, "end": len(YEAR.text)}


# ------------------------------------------------------------------------------------ API
@pytest.fixture(name="api")
def api_fixture(duck_url: str):  # type: ignore[no-untyped-def]
    build(duck_url)
    app = create_app(duck_url, token=TOKEN, cors_origins=[])
    with TestClient(app) as c:
        yield c
    app.state.access.store.close()


def test_api_joint_historical_and_words(api: TestClient) -> None:
    items = api.get("/api/events", params={"joint": "true"}).json()["items"]
    assert len(items) == 2 and all(i["joint"] for i in items)
    assert {i["actor1_description"] for i in items} == {"Indonesia, government", "Australia, government"}
    assert len(api.get("/api/events", params={"historical": "false"}).json()["items"]) == 4
    bad = api.get("/api/events", params={"joint": "maybe"})
    assert bad.status_code == 422 and bad.json()["detail"] == "joint must be true or false, not 'maybe'"
    story = api.get(f"/api/events/{items[0]['story_id']}").json()
    assert story["event_name"] and all("plover_type" in m for m in story["mentions"])


def test_api_errors_use_api_wording(api: TestClient) -> None:
    detail = api.get("/api/events", params={"modality": "maybe"}).json()["detail"]
    assert detail.startswith("modality must be one of") and "--" not in detail
    detail = api.get("/api/series", params={"every": "year"}).json()["detail"]
    assert detail == "every must be one of day, week, month, not 'year'"


def test_api_series(api: TestClient) -> None:
    body = api.get("/api/series", params={"by": "root", "every": "week"}).json()
    assert [(r["period"], r["root"], r["stories"]) for r in body["items"]] == [
        ("2025-06-09", "04", 2),
        ("2025-06-16", "11", 1),
    ]
    assert body["left_out"]["historical"] == 1 and body["periods"] == ["2025-06-09", "2025-06-16"]
    hist = api.get(
        "/api/series",
        params={"by": "root", "every": "month", "date": "published", "include_historical": "true"},
    ).json()
    assert "18" in {r["root"] for r in hist["items"]}


def test_api_feedback_needs_the_token_and_is_listed(api: TestClient) -> None:
    sid = api.get("/api/events", params={"code": "042"}).json()["items"][0]["story_id"]
    url = f"/api/events/{sid}/feedback"
    assert api.post(url, json={"reason": "wrong_code"}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert api.post(url, json={"reason": "nonsense"}, headers=auth).status_code == 422
    assert (
        api.post("/api/events/nope/feedback", json={"reason": "not_an_event"}, headers=auth).status_code
        == 404
    )
    ok = api.post(
        url, json={"reason": "wrong_actor", "corrected_actor1": "IDNGOV", "comment": "<b>x</b>"}, headers=auth
    )
    assert ok.status_code == 200 and ok.json()["reason"] == "wrong_actor"
    listed = api.get("/api/feedback").json()
    assert listed["total"] == 1 and listed["items"][0]["story_id"] == sid
    page = api.get("/feedback")
    assert page.status_code == 200 and "wrong actor" in page.text and "&lt;b&gt;x&lt;/b&gt;" in page.text


def test_api_precision_next_to_counts(api: TestClient) -> None:
    stats = api.get("/api/stats").json()
    row = next(r for r in stats["by_root"] if r["root"] == "04")
    from peristiwa.coding.codebook import root_precision

    assert row["name"] == "CONSULT" and row["precision"] == pytest.approx(root_precision()["04"]["precision"])
    assert any(p["root"] == "19" for p in api.get("/api/precision").json()["items"])


def test_docs_page_has_no_raw_rst_and_documents_parameters(api: TestClient) -> None:
    page = api.get("/docs").text
    assert "``" not in page and "<code>peristiwa query</code>" in page
    spec = api.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        for op in ops.values():
            for p in op.get("parameters", []):
                assert p.get("description"), f"{path} {p['name']}"


def test_a_version_3_store_with_data_is_upgraded(duck_url: str) -> None:
    """Step 4 on a store that already holds stories: the flags are filled from what is stored."""
    from peristiwa.store.backend import connect

    build(duck_url)
    b = connect(duck_url)
    for index in ("events_story_key", "stories_story_key", "stories_dyad", "events_article_id",
                  "story_links_story_id", "story_links_linked"):
        b.execute(f"DROP INDEX {index}")  # DuckDB alters no table an index depends on
    b.execute("ALTER TABLE events DROP COLUMN article_published")  # step 7 came after too
    for table in ("events", "stories"):  # step 5 (places) came after: undo it first
        for column in ("action_geo", "actor1_geo", "actor2_geo"):
            b.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    for table, column in (("events", "joint"), ("stories", "joint"), ("stories", "historical")):
        b.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    b.execute("ALTER TABLE stories DROP COLUMN updated_at")
    for table in ("cameo_codes", "actor_codes", "feedback", "export_log"):
        b.execute(f"DROP TABLE {table}")
    b.execute("UPDATE events SET rules = ['test:rule', 'joint:subject'] WHERE event_code = '040'")
    b.execute("DELETE FROM schema_version WHERE version >= 4")
    b.close()
    with open_store(duck_url) as store:
        assert store.version == schema.LATEST_VERSION and store.count("cameo_codes") > 300
        rows = store.backend.fetchall(
            "SELECT event_code, joint, historical, updated_at = date_added FROM stories ORDER BY event_code"
        )
    assert rows == [
        ("040", True, False, True),
        ("040", True, False, True),
        ("042", False, False, True),
        ("111", False, False, True),
        ("180", False, True, True),
    ]


# ------------------------------------------------------------------------------------ pages
def _form_post(api: TestClient, sid: str, **fields: str):  # type: ignore[no-untyped-def]
    return api.post(
        f"/events/{sid}/feedback",
        content=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )


def test_event_page_flag_form_needs_the_token(api: TestClient) -> None:
    sid = api.get("/api/events", params={"code": "042"}).json()["items"][0]["story_id"]
    page = api.get(f"/events/{sid}").text
    assert f'action="/events/{sid}/feedback"' in page and 'name="token"' in page
    assert '<a href="/feedback"' in page  # in the navigation
    wrong = _form_post(api, sid, reason="wrong_code", corrected_code="043", token="guess")
    assert wrong.status_code == 401 and "the token is wrong or missing" in wrong.text
    assert _form_post(api, sid, reason="wrong_code").status_code == 401
    assert api.get("/api/feedback").json()["total"] == 0
    bad = _form_post(api, sid, reason="wrong_code", corrected_code="4x", token=TOKEN)
    assert bad.status_code == 422 and "corrected_code must be a CAMEO code" in bad.text
    assert _form_post(api, "nope", reason="not_an_event", token=TOKEN).status_code == 404
    ok = _form_post(api, sid, reason="wrong_code", corrected_code="043", comment="a host", token=TOKEN)
    assert ok.status_code == 303 and ok.headers["location"] == f"/events/{sid}?flagged=1#flag"
    stored = api.get("/api/feedback").json()
    assert stored["total"] == 1
    row = stored["items"][0]
    assert (row["story_id"], row["reason"], row["corrected_code"], row["comment"]) == (
        sid,
        "wrong_code",
        "043",
        "a host",
    )
    assert "your flag is stored" in api.get(ok.headers["location"]).text


def test_read_only_event_page_says_feedback_needs_a_token(duck_url: str) -> None:
    build(duck_url)
    app = create_app(duck_url, cors_origins=[])
    with TestClient(app) as c:
        sid = c.get("/api/events", params={"code": "042"}).json()["items"][0]["story_id"]
        page = c.get(f"/events/{sid}").text
        assert "Feedback needs a server started with <code>--token</code>" in page
        assert 'name="token"' not in page
        refused = _form_post(c, sid, reason="wrong_code", token="anything")
        assert refused.status_code == 403 and "read-only" in refused.text
    app.state.access.store.close()


def test_dashboard_shows_precision_by_root_and_the_series(api: TestClient) -> None:
    html = api.get("/").text
    table = html.split('id="root-precision"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><td><a [^>]*>(\d\d) [^<]*</a></td><td>(\d+)</td>\s*<td>([^<]*)", table)
    measured = {r["root"]: r for r in api.get("/api/precision").json()["items"]}
    # The dashboard leaves the historical 1998 occupation (root 18) out: 04 (two meetings and the
    # planned visit) and 11; 04 carries the coder's measured precision.
    from peristiwa.coding.codebook import root_precision

    p04 = f"{root_precision()['04']['precision']:.2f}"
    assert (rows[0][0], rows[0][1], rows[0][2].strip()) == ("04", "3", p04)
    assert [root for root, _, _ in rows] == ["04", "11"]
    for root, _, shown in rows:
        if root in measured:
            assert shown.strip() == f"{measured[root]['precision']:.2f}"
    assert "measured on the gold sets" in html and "n (gold)" in html
    block = html.split('id="h-series"')[1].split("</section>")[0]
    bars = re.findall(r'<g class="bar" data-start="([\d-]+)" data-n="(\d+)"', block.split("chart-narrow")[0])
    # The series by event date: June 2025 holds the two meetings and the criticism; the "2025"
    # visit and the 1998 occupation are not drawn as months.
    assert bars == [("2025-06-01", "3")]
    assert "1 historical are left out" in block and "1 dated only to a year" in block
    assert "months 2025-06 to 2025-06" in block and "3 stories drawn" in block
