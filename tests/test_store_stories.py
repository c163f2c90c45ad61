"""Story-level merging: one row per real-world happening, careful about dates and modality."""

from __future__ import annotations

import random
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_support import (  # noqa: F401  (fixtures, used by name)
    ScriptedCoder,
    backend_url_fixture,
    duck_url_fixture,
    make_event,
    pg_url_fixture,
    seed_like_article,
    seed_like_events,
    snapshot,
)

from peristiwa.model import Article
from peristiwa.store.db import open_store
from peristiwa.store.ingest import ingest
from peristiwa.store.stories import Mention, build_links, build_stories, date_interval


def mention(
    article: str = "a1",
    sentence: int = 0,
    when: str = "",
    until: str = "",
    modality: str = "asserted",
    published: date | None = date(2024, 3, 20),
    outlet: str = "Kompas.com",
    code: str = "042",
    actor1: str = "RUSGOV",
    actor2: str = "CHN",
    event_id: str | None = None,
) -> Mention:
    return Mention(
        article_id=article,
        event_id=event_id or f"{article}-{sentence}-{when}-{modality}",
        sentence_index=sentence,
        trigger_start=sentence * 100,
        sentence=f"kalimat {sentence}",
        actor1_code=actor1,
        actor1_name="Putin",
        actor1_country=actor1[:3],
        actor1_role=actor1[3:],
        actor2_code=actor2,
        actor2_name="Cina",
        actor2_country=actor2[:3],
        actor2_role="",
        event_code=code,
        goldstein=1.9,
        quad_class=1,
        modality=modality,
        event_date=when,
        event_date_end=until,
        action_country="CHN",
        action_place="",
        confidence=0.7,
        published=published,
        outlet=outlet,
        url="",
        ingested_at=datetime(2024, 3, 20, 12),
    )


def groups(stories) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return sorted(sorted(m.event_id for m in s.members) for s in stories)


# ---------------------------------------------------------------------------------------- dates
def test_date_intervals() -> None:
    assert date_interval("2024") == (date(2024, 1, 1), date(2024, 12, 31))
    assert date_interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_interval("2024-05-16", "2024-05-31") == (date(2024, 5, 16), date(2024, 5, 31))
    assert date_interval("2024-05", "2024-06") == (date(2024, 5, 1), date(2024, 6, 30))
    assert (
        date_interval("") is None and date_interval("2024-W20") is None and date_interval("kemarin") is None
    )
    assert date_interval("2024-05-31", "2024-05-01") == (
        date(2024, 5, 31),
        date(2024, 5, 31),
    )  # reversed end ignored


# ---------------------------------------------------------------------------------------- the seed
def test_seed_planned_visit_is_one_story_with_three_mentions(backend_url: str) -> None:
    """RUSGOV 042 CHN planned in three sentences (2024-05, 2024-05-16..31, undated): one happening."""
    article = seed_like_article()
    with open_store(backend_url) as store:
        ingest(store, [article], ScriptedCoder({article.id: seed_like_events}))
        cols = (
            "story_key",
            "modality",
            "num_mentions",
            "num_sources",
            "num_articles",
            "first_seen",
            "last_seen",
            "event_date",
            "event_date_end",
            "date_start",
            "date_end",
            "is_root_event",
            "evidence",
        )
        rows = store.backend.fetchall(f"SELECT {', '.join(cols)} FROM stories ORDER BY story_key")
        visit = dict(zip(cols, rows[0], strict=True))
        assert [r[0] for r in rows] == ["RUSGOV|042|CHN", "WSTGOV|111|RUSGOV"]
        assert (
            visit
            == {
                "story_key": "RUSGOV|042|CHN",
                "modality": "planned",
                "num_mentions": 3,
                "num_sources": 1,
                "num_articles": 1,
                "first_seen": date(2024, 3, 20),
                "last_seen": date(2024, 3, 20),
                "event_date": "2024-05-16",
                "event_date_end": "2024-05-31",  # the most precise mention's date
                "date_start": date(2024, 5, 16),
                "date_end": date(2024, 5, 31),
                "is_root_event": True,
                "evidence": article.text[: article.text.index(".") + 1],
            }
        )
        mentions = store.backend.fetchall(
            "SELECT e.sentence_index FROM events e JOIN stories s USING (story_id) "
            "WHERE s.story_key = 'RUSGOV|042|CHN' ORDER BY 1"
        )
        assert [m[0] for m in mentions] == [0, 1, 2]


def test_planned_and_asserted_stay_apart_but_are_linked(backend_url: str) -> None:
    announced = seed_like_article()
    made = Article(
        "made",
        "Putin tiba di Beijing pada 16 Mei 2024 untuk kunjungan kenegaraan.",
        published=date(2024, 5, 16),
        outlet="Detik.com",
        url="https://detik.test/x",
    )
    script = {
        announced.id: seed_like_events,
        made.id: lambda a: [
            make_event(a, "tiba di Beijing", "RUSGOV", "042", "CHN", "asserted", "2024-05-16")
        ],
    }
    with open_store(backend_url) as store:
        ingest(store, [announced, made], ScriptedCoder(script))
        stories = dict(
            store.backend.fetchall(
                "SELECT modality, story_id FROM stories WHERE story_key = 'RUSGOV|042|CHN'"
            )
        )
        assert set(stories) == {"planned", "asserted"}
        links = store.backend.fetchall("SELECT story_id, linked_story_id, relation FROM story_links")
        assert links == [(stories["planned"], stories["asserted"], "planned->asserted")]


def test_a_visit_in_another_year_is_not_linked() -> None:
    stories = build_stories(
        [mention(when="2024-05", modality="planned"), mention("a2", when="2019-05-16", modality="asserted")]
    )
    assert len(stories) == 2 and build_links(stories) == []


def test_mentions_across_articles_and_outlets_merge() -> None:
    ms = [
        mention("a1", 0, "2024-05"),
        mention("a2", 3, "2024-05-20", outlet="Detik.com"),
        mention("a3", 1, "2024-05-16", "2024-05-31", outlet="kompas.com"),
        mention("a3", 4),
    ]
    [story] = build_stories(ms)
    row = story.to_row()
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (4, 3, 2)  # outlets case-folded
    assert (row["date_start"], row["date_end"], row["event_date"]) == (
        date(2024, 5, 20),
        date(2024, 5, 20),
        "2024-05-20",
    )


def test_dates_never_chain_through_a_coarse_mention() -> None:
    """'May' overlaps 'May 7' and 'May 20', but those two are different days: two stories."""
    ms = [mention("a1", 0, "2024-05-07"), mention("a2", 0, "2024-05-20"), mention("a3", 0, "2024-05")]
    stories = build_stories(ms)
    assert len(stories) == 2
    for s in stories:
        ivs = [m.interval() for m in s.members]
        assert max(iv[0] for iv in ivs) <= min(iv[1] for iv in ivs)  # every pair overlaps


def test_a_coarse_mention_joins_where_most_mentions_are() -> None:
    ms = [
        mention("a1", 0, "2024-05-07"),
        mention("a2", 0, "2024-05-16", "2024-05-31"),
        mention("a3", 0, "2024-05-20"),
        mention("a4", 0, "2024-05"),
    ]
    assert groups(build_stories(ms)) == sorted(
        [sorted([ms[1].event_id, ms[2].event_id, ms[3].event_id]), [ms[0].event_id]]
    )


def test_modalities_never_merge() -> None:
    ms = [mention(modality=m, event_id=m) for m in ("asserted", "planned", "negated", "hypothetical")]
    stories = build_stories(ms)
    assert len(stories) == 4
    relations = sorted(r for *_, r in build_links(stories))
    assert relations == sorted(
        [
            "planned->hypothetical",
            "planned->negated",
            "planned->asserted",
            "hypothetical->negated",
            "hypothetical->asserted",
            "negated->asserted",
        ]
    )


def test_different_base_codes_or_actors_never_merge() -> None:
    ms = [
        mention(code="042"),
        mention(code="0421", event_id="x1"),
        mention(code="043", event_id="x2"),
        mention(actor2="USA", event_id="x3"),
        mention(actor1="CHN", actor2="RUSGOV", event_id="x4"),
    ]
    assert groups(build_stories(ms)) == sorted([sorted([ms[0].event_id, "x1"]), ["x2"], ["x3"], ["x4"]])


def test_undated_mentions_follow_their_article_then_publication_windows() -> None:
    dated = mention("a1", 0, "2024-05-20", modality="planned")
    same_article = mention("a1", 3, modality="planned")  # "the visit will..." later in the article
    in_window = mention("a2", 0, modality="planned", published=date(2024, 4, 1))  # planned: 90 days ahead
    too_early = mention("a3", 0, modality="planned", published=date(2023, 1, 1))
    stories = build_stories([dated, same_article, in_window, too_early])
    assert groups(stories) == sorted(
        [sorted([dated.event_id, same_article.event_id, in_window.event_id]), [too_early.event_id]]
    )


def test_undated_asserted_reports_a_week_apart_are_separate() -> None:
    ms = [
        mention("a1", published=date(2024, 3, 1)),
        mention("a2", published=date(2024, 3, 5)),
        mention("a3", published=date(2024, 3, 20)),
    ]
    assert groups(build_stories(ms)) == sorted([sorted([ms[0].event_id, ms[1].event_id]), [ms[2].event_id]])


# ---------------------------------------------------------------------------------------- determinism
day_strategy = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31))


@st.composite
def mention_sets(draw) -> list[Mention]:  # type: ignore[no-untyped-def]
    out = []
    for i in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["day", "month", "range", "none"]))
        d = draw(day_strategy)
        when, until = {
            "day": (d.isoformat(), ""),
            "month": (d.isoformat()[:7], ""),
            "range": (d.isoformat(), "2024-12-31"),
            "none": ("", ""),
        }[kind]
        out.append(
            mention(
                f"a{draw(st.integers(0, 4))}",
                i,
                when,
                until,
                modality=draw(st.sampled_from(["asserted", "planned"])),
                published=draw(st.none() | day_strategy),
                event_id=f"e{i}",
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(mention_sets(), st.randoms(use_true_random=False))
def test_stories_do_not_depend_on_arrival_order(ms: list[Mention], rnd: random.Random) -> None:
    shuffled = ms[:]
    rnd.shuffle(shuffled)
    a, b = build_stories(ms), build_stories(shuffled)
    assert [(s.story_id, [m.event_id for m in s.members]) for s in a] == [
        (s.story_id, [m.event_id for m in s.members]) for s in b
    ]
    assert build_links(a) == build_links(b)
    assert sorted(m.event_id for s in a for m in s.members) == sorted(m.event_id for m in ms)  # a partition


def test_incremental_recompute_equals_a_full_rebuild(duck_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    articles = [
        seed_like_article(f"s{i}", published=date(2024, 3, 18 + i), outlet=f"O{i % 2}") for i in range(4)
    ]
    coder = ScriptedCoder({a.id: seed_like_events for a in articles})
    with open_store(duck_url) as store:
        for a in reversed(articles):  # one at a time, newest first
            ingest(store, [a], coder)
    incremental = snapshot(duck_url)
    with open_store(duck_url) as store:
        store.rebuild_stories()
    assert snapshot(duck_url) == incremental
    other = str(tmp_path / "other.duckdb")
    with open_store(other) as store:
        ingest(store, articles, ScriptedCoder({a.id: seed_like_events for a in articles}))
    assert snapshot(other) == incremental
    with open_store(other, read_only=True) as store:
        row = store.backend.fetchone(
            "SELECT num_mentions, num_articles, num_sources FROM stories WHERE story_key = 'RUSGOV|042|CHN'"
        )
        assert row == (12, 4, 2)
