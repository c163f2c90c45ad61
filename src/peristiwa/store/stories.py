"""Story-level events: many mentions of one real-world happening become one row.

News repeats itself: one planned visit is announced in the lead, restated three paragraphs down and
reported again by two other outlets. Counting each mention as an event inflates every series, so
the store groups mentions into *stories*, the way GDELT's NumMentions/NumSources/NumArticles do.

The rules, all deterministic and independent of the order articles arrive in (so an interrupted
ingest that is resumed ends in exactly the same stories as an uninterrupted one):

1. Only mentions with the same **key** (actor1 code, CAMEO base code, actor2 code) and the same
   **modality** can merge. A visit announced is not a visit made: planned and asserted stories of
   one key stay apart, and are *linked* instead (``story_links``) when their dates are compatible.
2. Dates are intervals (``2024-05`` is May 1..31, ``2024-05-16``..``2024-05-31`` the second half).
   Every pair of mentions in one story must have overlapping dates, so "May" never chains
   "May 7" to "May 20". Dated mentions are partitioned greedily: take the day covered by the most
   remaining intervals (earliest on a tie), make everything covering it one story, repeat.
3. A mention without its own date joins a dated story of the same article first (it is the same
   happening mentioned again: "the visit will take place..."), else a dated story whose dates meet
   a window around its publication date (a week before it for asserted events, ninety days after it
   for planned, demanded or hypothetical ones), else it groups with other undated mentions whose
   windows meet, by the same greedy rule.

Everything here is pure Python over :class:`Mention` rows; :mod:`peristiwa.store.db` reads the
mentions of the affected keys and writes the result back in the ingest transaction.
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

ASSERTED_WINDOW_BACK_DAYS = 7
FORWARD_WINDOW_DAYS = 90
FORWARD_MODALITIES = frozenset({"planned", "demanded", "hypothetical"})
# Link direction: the weaker claim points at the stronger one (planned -> asserted).
MODALITY_ORDER = {"planned": 0, "demanded": 1, "hypothetical": 2, "negated": 3, "asserted": 4}
UNIVERSAL = (date.min, date.max)


def story_key(actor1_code: str, event_code: str, actor2_code: str) -> str:
    """The merge key: who did which kind of thing (CAMEO base code) to whom."""
    return f"{actor1_code}|{event_code[:3]}|{actor2_code}"


def _bound(value: str, end: bool) -> date | None:
    parts = value.strip().split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            year = int(parts[0])
            return date(year, 12, 31) if end else date(year, 1, 1)
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            year, month = int(parts[0]), int(parts[1])
            return date(year, month, calendar.monthrange(year, month)[1]) if end else date(year, month, 1)
        if len(parts) == 3 and len(parts[0]) == 4:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return None


def date_interval(value: str | None, end: str | None = None) -> tuple[date, date] | None:
    """An ISO prefix (``2024``, ``2024-05``, ``2024-05-16``) with an optional end, as a closed day range.

    Anything else (empty, a week number, garbage) is None: better undated than wrongly dated.
    """
    if not value:
        return None
    start = _bound(value, end=False)
    if start is None:
        return None
    stop = _bound(end, end=True) if end else None
    if stop is None or stop < start:
        stop = _bound(value, end=True)
    if stop is None:
        return None
    return start, stop


@dataclass(slots=True)
class Mention:
    """One coded event as the merger needs it (a row of ``events`` joined with its article)."""

    article_id: str
    event_id: str
    sentence_index: int
    trigger_start: int
    sentence: str
    actor1_code: str
    actor1_name: str
    actor1_country: str
    actor1_role: str
    actor2_code: str
    actor2_name: str
    actor2_country: str
    actor2_role: str
    event_code: str
    goldstein: float
    quad_class: int
    modality: str
    event_date: str
    event_date_end: str
    action_country: str
    action_place: str
    confidence: float
    published: date | None
    outlet: str
    url: str
    ingested_at: datetime | None
    story_id: str | None = None  # the story it is stored under now (None: not yet assigned)
    joint: bool = False
    historical: bool = False
    actor1_entries: tuple[str, ...] = ()
    actor2_entries: tuple[str, ...] = ()
    action_geo: str = ""  # gazetteer keys (coding/geo.py)
    actor1_geo: str = ""
    actor2_geo: str = ""

    @property
    def key(self) -> str:
        return story_key(self.actor1_code, self.event_code, self.actor2_code)

    def sort_key(self) -> tuple[Any, ...]:
        """Canonical order: earliest report first; ties broken by ids, never by arrival order."""
        return (
            self.published or date.max,
            self.article_id,
            self.sentence_index,
            self.trigger_start,
            self.event_id,
        )

    def interval(self) -> tuple[date, date] | None:
        return date_interval(self.event_date, self.event_date_end)

    def window(self) -> tuple[date, date]:
        """Where an undated mention's happening can lie, judged from its publication date."""
        if self.published is None:
            return UNIVERSAL
        if self.modality in FORWARD_MODALITIES:
            return self.published, _add_days(self.published, FORWARD_WINDOW_DAYS)
        return _add_days(self.published, -ASSERTED_WINDOW_BACK_DAYS), self.published

    def source_name(self) -> str:
        """The outlet; failing that the URL's host; failing that one shared 'unknown' source."""
        if self.outlet:
            return self.outlet.strip().lower()
        if self.url:
            host = urlsplit(self.url).hostname or ""
            if host:
                return host.removeprefix("www.")
        return "(unknown)"


def mention_from_row(row: Sequence[Any]) -> Mention:
    """A Mention from a row of the store's mention SELECT (``store.db.MENTION_SELECT``), in field
    order; array columns come back as lists and become tuples."""
    values = list(row)
    for name in ("actor1_entries", "actor2_entries"):
        at = _MENTION_FIELDS.index(name)
        values[at] = tuple(values[at] or ())
    return Mention(*values)


_MENTION_FIELDS = [f.name for f in dataclasses.fields(Mention)]


def _add_days(day: date, n: int) -> date:
    try:
        return day + timedelta(days=n)
    except OverflowError:
        return date.max if n > 0 else date.min


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _greedy_cover(items: Sequence[tuple[date, date, int]]) -> list[list[int]]:
    """Partition intervals into groups that share a day, most-covered day first (earliest on ties).

    Each group is a clique of pairwise-overlapping intervals; the result depends only on the set.
    The greedy runs per overlap component (a day's coverage never reaches into another component)
    and the picks are merged back in the order one greedy over all would take them: by count, then
    day (a component's counts only fall as its groups are taken, and on a tie its later pick has
    the later day). So a key with thousands of mentions spread over years costs the sum of its
    small components, not the square of the whole.
    """
    picks: list[tuple[int, date, list[int]]] = []
    for component in _components(sorted(items)):
        picks.extend(_greedy_component(component))
    picks.sort(key=lambda p: (p[0], p[1]))
    return [group for _count, _day, group in picks]


def _components(items: list[tuple[date, date, int]]) -> list[list[tuple[date, date, int]]]:
    """Sorted intervals split where no interval reaches the next one's first day."""
    out: list[list[tuple[date, date, int]]] = []
    end: date | None = None
    for item in items:
        if end is None or item[0] > end:
            out.append([])
            end = item[1]
        out[-1].append(item)
        end = max(end, item[1])
    return out


def _greedy_component(remaining: list[tuple[date, date, int]]) -> list[tuple[int, date, list[int]]]:
    """The greedy cover of one component (sorted), each group with (minus) its count and its day.

    Coverage per candidate day (every start day) is kept in a max tree with range updates, and the
    intervals still left in a tree of their end days, so each step finds its day and its intervals
    in logarithmic time: O(n log n) for the component instead of a recount of all per group.
    """
    days = sorted({s for s, _e, _i in remaining})
    cover = _CoverTree(len(days))
    spans = [(bisect_left(days, s), bisect_right(days, e) - 1) for s, e, _i in remaining]
    for lo, hi in spans:
        cover.add(lo, hi, 1)
    ends = _EndTree([e.toordinal() for _s, e, _i in remaining])
    starts = [s for s, _e, _i in remaining]
    picks: list[tuple[int, date, list[int]]] = []
    left = len(remaining)
    while left:
        count, pos = cover.best()
        day = days[pos]
        taken = ends.take(bisect_right(starts, day), day.toordinal())
        for k in taken:
            cover.add(*spans[k], -1)
        left -= len(taken)
        picks.append((-count, day, [remaining[k][2] for k in taken]))
    return picks


class _CoverTree:
    """Range add, and the leftmost position of the maximum (a lazy segment tree)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.top = [0] * (4 * n)
        self.lazy = [0] * (4 * n)

    def add(self, lo: int, hi: int, v: int, node: int = 1, a: int = 0, b: int | None = None) -> None:
        b = self.n - 1 if b is None else b
        if hi < a or b < lo:
            return
        if lo <= a and b <= hi:
            self.top[node] += v
            self.lazy[node] += v
            return
        mid = (a + b) // 2
        self.add(lo, hi, v, 2 * node, a, mid)
        self.add(lo, hi, v, 2 * node + 1, mid + 1, b)
        self.top[node] = max(self.top[2 * node], self.top[2 * node + 1]) + self.lazy[node]

    def best(self) -> tuple[int, int]:
        """(maximum, its leftmost position)."""
        node, a, b, extra = 1, 0, self.n - 1, 0
        while a < b:
            extra += self.lazy[node]
            mid = (a + b) // 2
            if self.top[2 * node] >= self.top[2 * node + 1]:
                node, b = 2 * node, mid
            else:
                node, a = 2 * node + 1, mid + 1
        return self.top[node] + extra, a


class _EndTree:
    """The intervals still left, by position, with the latest end in each range: takes every one
    of a prefix that reaches a day, in position order."""

    GONE = -(1 << 60)

    def __init__(self, ends: list[int]) -> None:
        self.n = len(ends)
        self.top = [self.GONE] * (4 * self.n)
        self._build(ends, 1, 0, self.n - 1)

    def _build(self, ends: list[int], node: int, a: int, b: int) -> None:
        if a == b:
            self.top[node] = ends[a]
            return
        mid = (a + b) // 2
        self._build(ends, 2 * node, a, mid)
        self._build(ends, 2 * node + 1, mid + 1, b)
        self.top[node] = max(self.top[2 * node], self.top[2 * node + 1])

    def take(self, prefix: int, day: int) -> list[int]:
        out: list[int] = []
        self._take(prefix, day, 1, 0, self.n - 1, out)
        return out

    def _take(self, prefix: int, day: int, node: int, a: int, b: int, out: list[int]) -> None:
        if a >= prefix or self.top[node] < day:
            return
        if a == b:
            out.append(a)
            self.top[node] = self.GONE
            return
        mid = (a + b) // 2
        self._take(prefix, day, 2 * node, a, mid, out)
        self._take(prefix, day, 2 * node + 1, mid + 1, b, out)
        self.top[node] = max(self.top[2 * node], self.top[2 * node + 1])


def _distinct(values: Iterable[str]) -> str:
    """Every spelling the mentions used, ``|``-separated in order of appearance: what name search scans."""
    return "|".join(dict.fromkeys(v for v in values if v))


def _most_common(values: Iterable[str]) -> str:
    """The most frequent non-empty value; on a tie, the one seen first (values come in canonical order)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, v in enumerate(values):
        if v:
            counts[v] += 1
            first.setdefault(v, i)
    if not counts:
        return ""
    return max(counts, key=lambda v: (counts[v], -first[v]))


@dataclass(slots=True)
class Story:
    """One happening: its members (canonical order) and the interval they all share (None if undated)."""

    key: str
    modality: str
    members: list[Mention]
    interval: tuple[date, date] | None

    @property
    def root(self) -> Mention:
        return self.members[0]

    @property
    def story_id(self) -> str:
        r = self.root
        return hashlib.sha1(f"{self.key}|{self.modality}|{r.article_id}|{r.event_id}".encode()).hexdigest()[
            :16
        ]

    def window(self) -> tuple[date, date]:
        """Dates the happening can lie in: its shared interval, or the union of its members' windows."""
        if self.interval is not None:
            return self.interval
        windows = [m.window() for m in self.members]
        return min(w[0] for w in windows), max(w[1] for w in windows)

    def to_row(self) -> dict[str, Any]:
        """The ``stories`` row (see :data:`peristiwa.store.schema.STORY_COLUMNS`)."""
        members = self.members
        root = self.root
        sid = self.story_id
        code = _most_common(m.event_code for m in members)
        coded = next(m for m in members if m.event_code == code)
        if self.interval is not None:
            precise = min(
                (m for m in members if m.interval() is not None),
                key=lambda m: (_width(m.interval()), m.sort_key()),
            )
            event_date, event_date_end = precise.event_date, precise.event_date_end
            date_start, date_end = self.interval
        else:
            event_date = event_date_end = ""
            date_start, date_end = None, None
        published = sorted(m.published for m in members if m.published is not None)
        first_seen = published[0] if published else None
        last_seen = published[-1] if published else None
        if self.interval is None:
            date_start, date_end = first_seen, last_seen
        added = [m.ingested_at for m in members if m.ingested_at is not None]
        return {
            "story_id": sid,
            "global_event_id": global_event_id(sid),
            "story_key": self.key,
            "modality": self.modality,
            "actor1_code": root.actor1_code,
            "actor1_name": _display(members, 1),
            "actor1_names": _distinct(m.actor1_name for m in members),
            "actor1_country": _most_common(m.actor1_country for m in members),
            "actor1_role": _most_common(m.actor1_role for m in members),
            "actor2_code": root.actor2_code,
            "actor2_name": _display(members, 2),
            "actor2_names": _distinct(m.actor2_name for m in members),
            "actor2_country": _most_common(m.actor2_country for m in members),
            "actor2_role": _most_common(m.actor2_role for m in members),
            "event_code": code,
            "event_base_code": code[:3],
            "event_root_code": code[:2],
            "quad_class": coded.quad_class,
            "goldstein": coded.goldstein,
            "event_date": event_date,
            "event_date_end": event_date_end,
            "date_start": date_start,
            "date_end": date_end,
            "dated": self.interval is not None,
            "action_country": _most_common(m.action_country for m in members),
            "action_place": _most_common(m.action_place for m in members),
            "num_mentions": len(members),
            "num_sources": len({m.source_name() for m in members}),
            "num_articles": len({m.article_id for m in members}),
            "first_seen": first_seen,
            "last_seen": last_seen,
            "root_article_id": root.article_id,
            "root_event_id": root.event_id,
            "is_root_event": any(m.sentence_index == 0 for m in members),
            "confidence": max(m.confidence for m in members),
            "evidence": root.sentence,
            "source_url": root.url or None,
            "date_added": min(added) if added else None,
            # joint only when every mention is (one outlet saying "A met B" makes A->B a claim of
            # its own); historical likewise: the happening lies in the past for every report of it
            "joint": all(m.joint for m in members),
            "historical": all(m.historical for m in members),
            "updated_at": None,  # set by the store: when this row last changed
            "action_geo": _most_common(m.action_geo for m in members),
            "actor1_geo": _most_common(m.actor1_geo for m in members),
            "actor2_geo": _most_common(m.actor2_geo for m in members),
        }


def _display(members: Sequence[Mention], side: int) -> str:
    """The actor's display name: the dictionary's name, else the longest proper-name mention, never a
    pronoun or generic phrase ("Dia", "kedua pemimpin"); the most common spelling when none is proper."""
    from peristiwa.coding.codebook import display_name

    names = [m.actor1_name if side == 1 else m.actor2_name for m in members]
    entries = [e for m in members for e in (m.actor1_entries if side == 1 else m.actor2_entries)]
    return display_name(names, entries) or ""


def global_event_id(story_id: str) -> int:
    """GDELT's integer GlobalEventID from the story id: 53 bits, exact in JSON and JavaScript readers
    (two of a million stories share one with odds of about 1 in 10,000; ``story_id`` is the key)."""
    return int(story_id[:14], 16) >> 3


def _width(interval: tuple[date, date] | None) -> int:
    return (interval[1] - interval[0]).days if interval else 1 << 30


def dated_stories(key: str, modality: str, dated: Sequence[Mention]) -> list[Story]:
    """The dated stories of one (key, modality) from its dated mentions (every one of a whole
    overlap component: the greedy cover decomposes by component), in attach order."""
    mentions = sorted(dated, key=Mention.sort_key)
    items = [(iv[0], iv[1], i) for i, m in enumerate(mentions) if (iv := m.interval()) is not None]
    stories: list[Story] = []
    for group in _greedy_cover(items):
        members = [mentions[i] for i in sorted(group)]
        intervals = [m.interval() for m in members]
        shared = (max(iv[0] for iv in intervals if iv), min(iv[1] for iv in intervals if iv))
        stories.append(Story(key, modality, members, shared))
    return sort_for_attach(stories)


def sort_for_attach(stories: list[Story]) -> list[Story]:
    """The order :func:`attach` breaks ties in: shared interval, then the earliest dated member."""
    stories.sort(key=lambda s: (s.interval, s.members[0].sort_key()))  # type: ignore[arg-type,return-value]
    return stories


def pool_stories(key: str, modality: str, pool: Sequence[Mention]) -> list[Story]:
    """Undated mentions that joined no dated story, grouped by overlapping publication windows."""
    pool = sorted(pool, key=Mention.sort_key)
    windows = [(*m.window(), i) for i, m in enumerate(pool)]
    return [
        Story(key, modality, sorted((pool[i] for i in group), key=Mention.sort_key), None)
        for group in _greedy_cover(windows)
    ]


def _group_one(key: str, modality: str, mentions: list[Mention]) -> list[Story]:
    """The stories of one (key, modality): dated ones by shared days, then the undated attached."""
    mentions = sorted(mentions, key=Mention.sort_key)
    stories = dated_stories(key, modality, [m for m in mentions if m.interval() is not None])
    pool: list[Mention] = []
    joins: dict[int, list[Mention]] = {}
    attacher = Attacher(stories)
    for m in mentions:
        if m.interval() is not None:
            continue
        target = attacher.find(m)
        if target is None:
            pool.append(m)
        else:
            joins.setdefault(target, []).append(m)
    for idx, extra in joins.items():
        story = stories[idx]
        story.members = sorted([*story.members, *extra], key=Mention.sort_key)
    stories.extend(pool_stories(key, modality, pool))
    return stories


def attach(m: Mention, stories: Sequence[Story]) -> int | None:
    """Which dated story an undated mention belongs to, if any (indexes into ``stories``, which hold
    their dated members only, in :func:`sort_for_attach` order).

    The rule, stated once: the story holding a dated mention of the same article at the nearest
    sentence (lowest index on a tie); else, of the stories whose shared interval meets the mention's
    window, the one with most members (lowest index on a tie). :class:`Attacher` answers the same
    question for many mentions without scanning every story each time.
    """
    return Attacher(stories).find(m)


class Attacher:
    """:func:`attach` for many undated mentions of one group: same-article stories through a map of
    articles, window matches through a merge-sort tree over the stories' start days.

    Stories come sorted by interval (so those starting on or before a day form a prefix); each tree
    node keeps its stories by end day, latest first, with the running best (most members, lowest
    index), so a query costs O(log² n) instead of a pass over every story of the key.
    """

    def __init__(self, stories: Sequence[Story]) -> None:
        self.by_article: dict[str, list[tuple[int, int]]] = {}  # article -> (sentence, story index)
        for idx, story in enumerate(stories):
            for x in story.members:
                self.by_article.setdefault(x.article_id, []).append((x.sentence_index, idx))
        dated = [(s.interval, idx, len(s.members)) for idx, s in enumerate(stories) if s.interval is not None]
        self.starts = [iv[0] for iv, _i, _n in dated]
        self.size = max(1, len(dated))
        self.nodes: list[tuple[list[date], list[tuple[int, int]]]] = [([], [])] * (2 * self.size)
        leaves = [[(iv[1], idx, n)] for iv, idx, n in dated]
        self._build(leaves)

    def _build(self, leaves: list[list[tuple[date, int, int]]]) -> None:
        """Bottom-up: node i covers leaves of its subtree (padded to a power-of-two-free layout)."""
        items: list[list[tuple[date, int, int]]] = [[] for _ in range(2 * self.size)]
        for i, leaf in enumerate(leaves):
            items[self.size + i] = leaf
        for i in range(self.size - 1, 0, -1):
            items[i] = items[2 * i] + items[2 * i + 1]
        for i in range(1, 2 * self.size):
            ordered = sorted(items[i], key=lambda t: (-t[0].toordinal(), t[1]))
            ends = [-t[0].toordinal() for t in ordered]  # ascending, for bisect
            best: list[tuple[int, int]] = []
            for _end, idx, n in ordered:
                cand = (-n, idx)
                best.append(cand if not best or cand < best[-1] else best[-1])
            self.nodes[i] = (ends, best)  # type: ignore[assignment]

    def find(self, m: Mention) -> int | None:
        """The index of the story ``m`` joins, or None (the same answer as :func:`attach`)."""
        near = self.by_article.get(m.article_id)
        if near:
            return min((abs(s - m.sentence_index), idx) for s, idx in near)[1]
        lo, hi = m.window()
        return self._best(bisect_right(self.starts, hi), lo)

    def _best(self, prefix: int, lo: date) -> int | None:
        """Among stories [0, prefix) whose interval ends on or after ``lo``: most members, lowest index."""
        best: tuple[int, int] | None = None
        left, right = self.size, self.size + prefix
        key = -lo.toordinal()
        while left < right:
            if left & 1:
                best = self._node_best(left, key, best)
                left += 1
            if right & 1:
                right -= 1
                best = self._node_best(right, key, best)
            left //= 2
            right //= 2
        return None if best is None else best[1]

    def _node_best(self, node: int, key: int, best: tuple[int, int] | None) -> tuple[int, int] | None:
        ends, bests = self.nodes[node]
        k = bisect_right(ends, key)  # entries ending on or after the day
        if k == 0:
            return best
        cand = bests[k - 1]
        return cand if best is None or cand < best else best


def build_stories(mentions: Iterable[Mention]) -> list[Story]:
    """All stories of the given mentions (which should be *every* mention of their keys)."""
    by_group: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        by_group.setdefault((m.key, m.modality), []).append(m)
    stories: list[Story] = []
    for key, modality in sorted(by_group):
        stories.extend(_group_one(key, modality, by_group[(key, modality)]))
    return stories


def link_row(key: str, a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str, str, str]:
    """The ``story_links`` row of two stories of one key, given as (story_id, modality), different
    modalities: the weaker claim points at the stronger (``planned->asserted``)."""
    order = lambda s: (MODALITY_ORDER.get(s[1], 9), s[1], s[0])  # noqa: E731
    first, second = sorted((a, b), key=order)
    return (key, first[0], second[0], f"{first[1]}->{second[1]}")


def undated_window(
    modality: str, first_seen: date | None, last_seen: date | None, any_undated_report: bool
) -> tuple[date, date]:
    """An undated story's window from its ``stories`` row: the union of its members' windows."""
    if any_undated_report or first_seen is None or last_seen is None:
        return UNIVERSAL
    if modality in FORWARD_MODALITIES:
        return first_seen, _add_days(last_seen, FORWARD_WINDOW_DAYS)
    return _add_days(first_seen, -ASSERTED_WINDOW_BACK_DAYS), last_seen


def overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Whether two closed day ranges share a day."""
    return _overlap(a, b)


def build_links(stories: Sequence[Story]) -> list[tuple[str, str, str, str]]:
    """(story_key, from_id, to_id, relation) for stories of one key, different modality, dates that meet.

    The weaker claim points at the stronger (``planned->asserted``): the announced visit and the
    visit made are two rows, joined here so a reader can follow one to the other. Per key the
    stories are swept in order of their windows' first day, so a key with thousands of stories costs
    the pairs whose windows meet, not every pair.
    """
    by_key: dict[str, list[Story]] = {}
    for s in stories:
        by_key.setdefault(s.key, []).append(s)
    links: list[tuple[str, str, str, str]] = []
    for key, group in by_key.items():
        windows = sorted(((s.window(), s.story_id, s.modality) for s in group), key=lambda w: w[0])
        for i, (window, sid, mod) in enumerate(windows):
            for other, oid, omod in windows[i + 1 :]:
                if other[0] > window[1]:
                    break
                if omod != mod:
                    links.append(link_row(key, (sid, mod), (oid, omod)))
    return sorted(links)
