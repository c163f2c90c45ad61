"""Attaching undated mentions and linking stories, done through indexes, equal the definitions
(kept here as the reference: a pass over every story for each mention, every pair of stories)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_stories import mention, mention_sets

from peristiwa.store.stories import (
    Attacher,
    Mention,
    Story,
    build_links,
    build_stories,
    dated_stories,
    link_row,
    overlap,
)


def reference_attach(m: Mention, stories: list[Story]) -> int | None:
    """The rule as first written: scan every story."""
    same_article = []
    for idx, story in enumerate(stories):
        near = [
            abs(x.sentence_index - m.sentence_index) for x in story.members if x.article_id == m.article_id
        ]
        if near:
            same_article.append((min(near), idx))
    if same_article:
        return min(same_article)[1]
    window = m.window()
    candidates = [
        (-len(s.members), s.interval, idx)
        for idx, s in enumerate(stories)
        if s.interval is not None and overlap(s.interval, window)
    ]
    return min(candidates)[2] if candidates else None  # type: ignore[type-var,return-value]


def reference_links(stories: list[Story]) -> list[tuple[str, str, str, str]]:
    """Every pair of one key's stories, different modality, windows that meet."""
    out = set()
    for i, a in enumerate(stories):
        for b in stories[i + 1 :]:
            if a.key == b.key and a.modality != b.modality and overlap(a.window(), b.window()):
                out.add(link_row(a.key, (a.story_id, a.modality), (b.story_id, b.modality)))
    return sorted(out)


DAY0 = date(2024, 1, 1)


@st.composite
def groups_with_probes(draw):  # type: ignore[no-untyped-def]
    """Dated mentions of one group (many overlapping, as a busy key has) and undated probes."""
    dated = []
    for i in range(draw(st.integers(0, 40))):
        start = DAY0 + timedelta(days=draw(st.integers(0, 90)))
        width = draw(st.sampled_from([0, 0, 0, 2, 6, 29]))
        dated.append(
            mention(
                f"a{draw(st.integers(0, 12))}", draw(st.integers(0, 6)), start.isoformat(),
                (start + timedelta(days=width)).isoformat() if width else "", event_id=f"d{i}",
            )
        )  # fmt: skip
    probes = [
        mention(
            f"a{draw(st.integers(0, 20))}",
            draw(st.integers(0, 6)),
            modality="asserted",
            published=draw(st.none() | st.dates(DAY0, DAY0 + timedelta(days=100))),
            event_id=f"u{i}",
        )
        for i in range(draw(st.integers(1, 15)))
    ]
    return dated, probes


@settings(max_examples=300, deadline=None)
@given(groups_with_probes())
def test_attacher_equals_the_scan(case) -> None:  # type: ignore[no-untyped-def]
    dated, probes = case
    stories = dated_stories("k", "asserted", dated)
    attacher = Attacher(stories)
    for m in probes:
        assert attacher.find(m) == reference_attach(m, stories)


def test_attacher_prefers_the_article_then_the_biggest_story_then_the_first() -> None:
    stories = dated_stories(
        "k", "asserted",
        [mention("a1", 0, "2024-03-18"), mention("a2", 0, "2024-03-19"), mention("a3", 0, "2024-03-19"),
         mention("a4", 5, "2024-03-10")],
    )  # fmt: skip
    attacher = Attacher(stories)
    assert [len(s.members) for s in stories] == [1, 1, 2]  # by interval: the 10th, the 18th, the 19th
    assert attacher.find(mention("a4", 2)) == 0  # same article beats the window
    assert attacher.find(mention("a9", 0, published=date(2024, 3, 20))) == 2  # the story of two
    assert attacher.find(mention("a9", 0, published=date(2024, 3, 18))) == 1  # meets the 18th only
    assert attacher.find(mention("a9", 0, published=date(2024, 5, 1))) is None  # nothing a week before


@settings(max_examples=100, deadline=None)
@given(mention_sets())
def test_links_equal_every_pair(ms: list[Mention]) -> None:
    stories = build_stories(ms)
    assert build_links(stories) == reference_links(stories)
