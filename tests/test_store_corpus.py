"""The store on real inputs: the shared news corpus ingested twice, and the real coder end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import typer
from test_store_support import (  # noqa: F401  (fixtures, used by name)
    backend_url_fixture,
    pg_url_fixture,
    snapshot,
)
from typer.testing import CliRunner

from peristiwa.config import MODEL_DIR, data_dir
from peristiwa.model import Article
from peristiwa.store.commands import register
from peristiwa.store.db import open_store
from peristiwa.store.fake import FakeCoder
from peristiwa.store.ingest import CoderFailed, ingest
from peristiwa.store.query import QueryFilters, query_mentions, query_stories

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_cd2e7644dbc220f6.txt"
N_CORPUS = 2140


@pytest.mark.slow
@pytest.mark.data
def test_shared_corpus_twice_gives_identical_counts(backend_url: str) -> None:
    """articles.jsonl (2,140 articles) through the CLI twice, with the fake coder (the real one is
    minutes per corpus; its run is documented in docs/store.md)."""
    corpus = data_dir() / "news" / "articles.jsonl"
    if not corpus.is_file():
        pytest.skip(f"{corpus} not found (set PERISTIWA_DATA)")
    app = typer.Typer(pretty_exceptions_enable=False)
    register(app, coder_factory=FakeCoder)
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", backend_url])
    assert first.exit_code == 0, first.output
    assert f"{N_CORPUS} articles: {N_CORPUS} new, 0 updated, 0 unchanged" in " ".join(first.output.split())
    with open_store(backend_url, read_only=True) as store:
        counts = store.counts()
    state = snapshot(backend_url)
    second = runner.invoke(app, ["ingest", str(corpus), "--db", backend_url])
    assert second.exit_code == 0, second.output
    assert f"{N_CORPUS} articles: 0 new, 0 updated, {N_CORPUS} unchanged; 0 events" in " ".join(
        second.output.split()
    )
    with open_store(backend_url, read_only=True) as store:
        assert store.counts() == counts
    assert counts["articles"] == N_CORPUS and counts["events"] > 100 and counts["stories"] > 50
    with open_store(backend_url, read_only=True) as store:
        assert store.backend.fetchone("SELECT count(*) FROM events WHERE story_id IS NULL")[0] == 0
        assert store.backend.fetchone("SELECT sum(num_mentions) FROM stories")[0] == counts["events"]
    assert snapshot(backend_url) == state


def _real_coder():  # type: ignore[no-untyped-def]
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip(f"trained pipeline not found in {MODEL_DIR} (run `make models`)")
    try:
        from peristiwa.coding.coder import default_coder

        return default_coder()
    except (ImportError, OSError, RuntimeError) as exc:
        pytest.skip(f"the real coder cannot load yet: {exc.__class__.__name__}: {str(exc).splitlines()[0]}")


@pytest.fixture(scope="module")
def real_seed_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed article coded by the real coder (model + dictionaries), stored once for the tests below."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    coder = _real_coder()
    article = Article(
        "000_cd2e7644dbc220f6",
        SEED.read_text(encoding="utf-8"),
        published=date(2024, 3, 20),
        outlet="JagatBisnis.com",
    )
    db = str(tmp_path_factory.mktemp("real") / "real.duckdb")
    with open_store(db) as store:
        try:
            summary = ingest(store, [article], coder)
        except CoderFailed as exc:  # the coder's own tests own that failure; this test is about the store
            pytest.skip(f"the real coder fails on the seed: {exc.__cause__!r}")
        assert summary.new == 1 and not summary.errors
        again = ingest(store, [article], coder)
        assert (again.unchanged, again.events) == (1, 0)  # not recoded, nothing added
    return db


def test_real_coder_on_the_seed_end_to_end(real_seed_store: str) -> None:
    """Whatever the coder finds is stored whole: sentences slice the text, every event is in one story."""
    text = SEED.read_text(encoding="utf-8")
    with open_store(real_seed_store, read_only=True) as store:
        b = store.backend
        sentences = b.fetchall("SELECT start_char, end_char, text FROM sentences ORDER BY sentence_index")
        assert len(sentences) >= 8 and all(text[s:e] == t for s, e, t in sentences)
        facts = b.fetchall("SELECT text, start_char, end_char FROM facts")
        assert all(text[s:e] == t for t, s, e in facts)
        events = b.fetchall(
            "SELECT sentence, sentence_start, sentence_end, trigger, trigger_start, trigger_end FROM events"
        )
        for sentence, ss, se, trigger, ts, te in events:
            assert text[ss:se] == sentence and text[ts:te] == trigger
        assert b.fetchone("SELECT count(*) FROM events WHERE story_id IS NULL")[0] == 0
        assert b.fetchone("SELECT coalesce(sum(num_mentions), 0) FROM stories")[0] == store.count("events")


def test_real_coder_seed_planned_visit_is_one_story(real_seed_store: str) -> None:
    with open_store(real_seed_store, read_only=True) as store:
        mentions = query_mentions(
            store, QueryFilters(source="RUSGOV", target="CHN", code="042", modality="planned")
        )
        stories = query_stories(
            store, QueryFilters(source="RUSGOV", target="CHN", code="042", modality="planned")
        )
    if len(mentions) < 2:
        pytest.skip(
            f"the real coder codes {len(mentions)} mention(s) of the planned visit RUSGOV 042 CHN in the "
            "seed (the gold has 2 required + 2 optional): nothing to merge yet"
        )
    visits = [s for s in stories if s["actor2_code"] == "CHN"]
    assert len(visits) == 1, [(s["event_date"], s["event_date_end"], s["num_mentions"]) for s in visits]
    assert visits[0]["num_mentions"] == len(mentions) and visits[0]["num_articles"] == 1
    assert visits[0]["event_date"].startswith("2024-05")
