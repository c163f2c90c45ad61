"""The greedy cover of story intervals, computed per overlap component, equals the greedy over all
intervals at once (the definition, kept here as the reference)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from peristiwa.store.stories import _greedy_cover


def reference_cover(items):  # type: ignore[no-untyped-def]
    """The greedy as first written: re-count every remaining interval for each group taken."""
    remaining = sorted(items)
    groups = []
    while remaining:
        starts = sorted(s for s, _, _ in remaining)
        ends = sorted(e for _, e, _ in remaining)
        best_day, best_count = starts[0], -1
        for day in sorted(set(starts)):
            count = bisect_right(starts, day) - bisect_left(ends, day)
            if count > best_count:
                best_day, best_count = day, count
        groups.append([i for s, e, i in remaining if s <= best_day <= e])
        remaining = [(s, e, i) for s, e, i in remaining if not s <= best_day <= e]
    return groups


DAY0 = date(2024, 1, 1)
intervals = st.lists(st.tuples(st.integers(0, 120), st.sampled_from([0, 0, 1, 3, 9, 30, 60])), max_size=60)


@settings(max_examples=300, deadline=None)
@given(intervals)
def test_component_greedy_equals_the_whole_greedy(spans: list[tuple[int, int]]) -> None:
    items = [(DAY0 + timedelta(days=a), DAY0 + timedelta(days=a + w), i) for i, (a, w) in enumerate(spans)]
    assert _greedy_cover(items) == reference_cover(items)


def test_separate_stretches_are_separate_groups_in_count_order() -> None:
    d = lambda n: DAY0 + timedelta(days=n)  # noqa: E731
    items = [(d(0), d(1), 0), (d(1), d(2), 1), (d(30), d(31), 2), (d(30), d(30), 3), (d(31), d(31), 4)]
    # two groups of two: the earlier day first; within a group, in the order of the sorted intervals
    assert _greedy_cover(items) == reference_cover(items) == [[0, 1], [3, 2], [4]]
