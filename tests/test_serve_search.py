"""The in-memory sentence index behind ``/api/events?text=``: always the SQL substring test's answer.

The index (``peristiwa.serve.search``) must find exactly the stories that
``strpos(lower(sentence), lower(?)) > 0`` finds, page for page, on tricky input: case in several
scripts, LIKE wildcards, a value spanning two sentences, NUL, a value found too often; and it must
follow the store when it changes.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_store_support import backend_url_fixture, pg_url_fixture  # noqa: F401  (fixtures, used by name)

from peristiwa.model import Article
from peristiwa.serve import data, search
from peristiwa.serve.app import create_app
from peristiwa.serve.source import open_source
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder
from peristiwa.store.ingest import ingest
from peristiwa.store.query import QueryFilters, _story_where

# Each sentence names two actors and a trigger, so the FakeCoder makes an event of each.
ARTICLES = [
    Article(
        "wild",
        "Prabowo bertemu Macron di ISTANBUL soal diskon 50%_off. "
        "Jokowi mengecam Israel atas Straße ÄÖÜ di İzmir.",
        published=date(2024, 4, 2),
        outlet="Kompas.com",
    ),
    Article(
        "greek",
        "Putin bertemu Xi Jinping soal ΣΟΦΙΑΣ dan a_b. Trump mengecam Iran soal 100 persen.",
        published=date(2024, 5, 7),
        outlet="Detik.com",
    ),
    Article(
        "plain",
        "Presiden Rusia Vladimir Putin akan berkunjung ke Cina. Kunjungan Putin ke Cina pada Mei.",
        published=date(2024, 3, 20),
        outlet="Tempo.co",
    ),
    Article(
        "many",
        "Jepang mengecam Korea Utara. Jepang mengecam Korea Utara lagi soal rudal Cina.",
        published=date(2025, 1, 10),
        outlet="Kompas.com",
    ),
]
NEEDLES = [
    "istanbul",
    "IsTaNbUl",
    "50%_off",
    "%",
    "_",
    "a_b",
    "straße",
    "STRASSE",  # not the same characters: lower() keeps ß, so no match on either path
    "äöü",
    "ÄÖÜ",
    "izmir",
    "İzmir",
    "σοφιας",  # final sigma: found or not as the backend's lower() decides, the same on both paths
    "ΣΟΦΙΑΣ",
    "σ",
    "cina. kunjungan",  # spans two sentences: the SQL test is per sentence, so is the index
    "cina",
    "korea utara",
    "putin",
    " ",
    "tidak ada di mana pun",
]


@pytest.fixture(name="access")
def access_fixture(tmp_path: Path) -> data.StoreAccess:
    url = str(tmp_path / "search.duckdb")
    with open_store(url) as store:
        assert not ingest(store, ARTICLES, FakeCoder()).errors
    access = data.StoreAccess(open_source(url, token=False))
    assert data.text_index(access, wait=True) is not None
    yield access  # type: ignore[misc]
    access.close()


def by_sql(access: data.StoreAccess, f: QueryFilters, limit: int = 50, offset: int = 0) -> data.Page:
    where, params = _story_where(f)
    return data._text_page(access, where, params, limit, offset)


def by_index(access: data.StoreAccess, f: QueryFilters, limit: int = 50, offset: int = 0) -> data.Page:
    page = data._indexed_text_page(access, f, limit, offset)
    assert page is not None, f"the index did not answer {f.text!r}"
    return page


def test_the_store_has_an_event_per_sentence(access: data.StoreAccess) -> None:
    index = data.text_index(access)
    assert index is not None and index.sentences == 8


@pytest.mark.parametrize("needle", NEEDLES)
def test_index_finds_what_the_sql_substring_test_finds(access: data.StoreAccess, needle: str) -> None:
    f = QueryFilters(text=needle)
    want, got = by_sql(access, f), by_index(access, f)
    assert got.total == want.total
    assert got.items == want.items


def test_the_needles_are_not_all_trivial(access: data.StoreAccess) -> None:
    totals = {n: by_sql(access, QueryFilters(text=n)).total for n in NEEDLES}
    assert totals["istanbul"] == 1 and totals["50%_off"] == 1 and totals["%"] == 1
    assert totals["a_b"] == 1 and totals["_"] == 2 and totals["tidak ada di mana pun"] == 0
    assert totals["cina. kunjungan"] == 0 and totals["cina"] >= 2
    assert totals["ΣΟΦΙΑΣ"] == 1 and totals["σ"] == 1


@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (1, 1), (2, 1), (50, 3), (5, 100)])
def test_pages_of_the_index_are_the_sql_pages(access: data.StoreAccess, limit: int, offset: int) -> None:
    f = QueryFilters(text="e")
    want, got = by_sql(access, f, limit, offset), by_index(access, f, limit, offset)
    assert want.total >= 4
    assert (got.total, got.items) == (want.total, want.items)


@pytest.mark.parametrize(
    "filters",
    [
        {"source": "IDNGOV"},
        {"actor": "putin"},
        {"quad": 3},
        {"since": date(2024, 5, 1)},
        {"modality": "planned"},
        {"source": "ZZZ"},
    ],
)
def test_text_with_other_filters(access: data.StoreAccess, filters: dict[str, object]) -> None:
    f = QueryFilters(text="a", **filters)  # type: ignore[arg-type]
    want, got = by_sql(access, f), by_index(access, f)
    assert (got.total, got.items) == (want.total, want.items)


def test_values_the_index_leaves_to_sql(access: data.StoreAccess) -> None:
    index = data.text_index(access)
    assert index is not None
    assert index.positions("cina\x00kunjungan") is None  # holds the separator
    assert index.positions("cina", most=1) is None  # too many sentences
    assert index.positions("cina", most=10) is not None
    f = QueryFilters(text="cina\x00kunjungan")
    assert data._indexed_text_page(access, f, 50, 0) is None
    assert data.list_events(access, f, 50, 0).total == by_sql(access, f).total == 0


def test_a_stale_row_id_is_caught(access: data.StoreAccess) -> None:
    index = data.text_index(access)
    assert index is not None and index.rowids is not None
    wrong = replace(index, rowids=tuple(reversed(index.rowids)))
    found = wrong.positions("putin")
    assert found and len(found) >= 2
    got = [r["story_id"] for r in data._stories_at(access, wrong, found)]
    assert got == [index.story_ids[p] for p in found]


def test_the_index_follows_the_store(tmp_path: Path) -> None:
    url = str(tmp_path / "live.duckdb")
    with open_store(url) as store:
        assert not ingest(store, ARTICLES[:1], FakeCoder()).errors
    store = open_store(url)
    access = data.StoreAccess(store, writable=True)
    try:
        assert data.list_events(access, QueryFilters(text="ΣΟΦΙΑΣ"), 50, 0).total == 0
        with access.use() as s:
            ingest(s, ARTICLES[1:2], FakeCoder())
        assert data.list_events(access, QueryFilters(text="ΣΟΦΙΑΣ"), 50, 0).total == 1  # SQL or index
        index = data.text_index(access, wait=True)
        assert index is not None and index.sentences == 4
        assert data.list_events(access, QueryFilters(text="ΣΟΦΙΑΣ"), 10, 0).total == 1  # by the index
    finally:
        store.close()


def test_api_answers_are_the_same_with_and_without_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = str(tmp_path / "api.duckdb")
    with open_store(url) as store:
        assert not ingest(store, ARTICLES, FakeCoder()).errors
    answers = []
    for bound in (search.MAX_INDEX_CHARS, 0):  # 0: no index, every text request is the SQL scan
        monkeypatch.setattr(search, "MAX_INDEX_CHARS", bound)
        app = create_app(url, coder_factory=FakeCoder, cors_origins=[])
        with TestClient(app) as c:
            assert (data.text_index(app.state.access, wait=True) is None) == (bound == 0)
            got = [
                c.get("/api/events", params={"text": n, "limit": 2, "offset": k}).json()
                for n in NEEDLES
                for k in (0, 1)
            ]
        app.state.access.store.close()
        answers.append(got)
    assert answers[0] == answers[1]


def test_no_request_waits_for_the_index(tmp_path: Path) -> None:
    """After a change of the store the index is rebuilt in the background; SQL answers meanwhile."""
    url = str(tmp_path / "bg.duckdb")
    with open_store(url) as store:
        assert not ingest(store, ARTICLES, FakeCoder()).errors
    access = data.StoreAccess(open_source(url, token=False))
    try:
        f = QueryFilters(text="putin")
        assert data.text_index(access) is None  # not built yet: this call starts the build
        assert data.list_events(access, f, 50, 0).total == by_sql(access, f).total >= 2
        index = built(access)
        assert index is not None and index.sentences == 8
    finally:
        access.close()


def built(access: data.StoreAccess) -> search.SentenceIndex | None:
    """The index once the builder thread has made it (a bounded wait, not a timing assertion)."""
    for _ in range(600):
        index = data.text_index(access)
        if index is not None:
            return index
        threading.Event().wait(0.05)
    return None


def test_background_builds_share_one_thread_and_cursor(tmp_path: Path) -> None:
    """A writable server rebuilds after every write: always on the same thread, through one cursor."""
    url = str(tmp_path / "rebuilt.duckdb")
    with open_store(url) as store:
        assert not ingest(store, ARTICLES[:1], FakeCoder()).errors
    store = open_store(url)
    access = data.StoreAccess(store, writable=True)
    others = {t.ident for t in threading.enumerate()}  # builders of stores opened earlier in this process
    try:
        threads: set[int] = set()
        for n, article in enumerate(ARTICLES[1:], start=1):
            index = built(access)
            assert index is not None and index.sentences == 2 * n
            threads |= {
                t.ident or 0
                for t in threading.enumerate()
                if t.name.startswith("peristiwa-build") and t.ident not in others
            }
            with access.use() as s:
                assert not ingest(s, [article], FakeCoder()).errors
        index = built(access)
        assert index is not None and index.sentences == 2 * len(ARTICLES)
        assert len(threads) == 1
        assert len(access.source._cursors._all) == 1  # type: ignore[union-attr]
    finally:
        access.close()


def test_build_index_on_each_backend(backend_url: str) -> None:
    """The index builder reads any backend the same way (PostgreSQL when PERISTIWA_TEST_PG is set)."""
    with open_store(backend_url) as store:
        assert not ingest(store, ARTICLES, FakeCoder()).errors
        access = data.StoreAccess(store)
        with access.source.reader() as r:
            index = search.build_index(r, access.kind)
        assert index is not None
        for needle in NEEDLES:
            with access.source.reader() as r:
                lowered = r.fetch_columns("SELECT lower(?)", [needle])[1][0][0]
            found = index.positions(lowered)
            assert found is not None
            ids = sorted(index.story_ids[p] for p in found)
            want = sorted(i["story_id"] for i in by_sql(access, QueryFilters(text=needle), 500).items)
            assert ids == want, needle
