"""Incremental story merging: recompute only the stories a batch can change, exactly as a full rebuild.

:func:`peristiwa.store.stories.build_stories` is a pure function of all mentions of a (key,
modality) group; recomputing a whole group for every batch that touches it made ingest slow down as
the store grew (each batch re-read every mention of its keys). The rules decompose, which is what
lets a batch recompute a small, *closed* part of a group and leave the rest alone:

1. **Dated stories** are a greedy cover that decomposes by overlap component: the most-covered day
   of one component never depends on another component. So only the components that hold (or held)
   a mention of the batch are recomputed: expand from the batch's date intervals over the stored
   dated mentions whose interval overlaps, until the day ranges stop growing.
2. **An undated mention's target** depends only on the dated stories (never on other undated
   mentions): on the stories holding a dated mention of its article, else on those whose days meet
   its window. Only undated mentions that are new, sat in a recomputed story, share an article with
   a recomputed mention, or whose window meets the recomputed day ranges can move; the unchanged
   dated stories they could choose instead are read back from the store as context.
3. **Undated stories** (the pool) are again a greedy cover over windows: expanded like 1. from every
   mention that entered or left the pool.
4. **Links** are redone for every story written, against the stored stories of its key whose
   windows meet it.

Everything else is untouched, so a batch costs what it changes, not what the store holds.
``tests/test_store_incremental.py`` checks the result against a full rebuild over many random batch
sequences (new articles, changed ones, articles without publication date).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from peristiwa.store import schema
from peristiwa.store.backend import Backend
from peristiwa.store.stories import (
    ASSERTED_WINDOW_BACK_DAYS,
    FORWARD_MODALITIES,
    FORWARD_WINDOW_DAYS,
    Attacher,
    Mention,
    Story,
    dated_stories,
    link_row,
    mention_from_row,
    overlap,
    pool_stories,
    sort_for_attach,
    undated_window,
)

Group = tuple[str, str]  # (story_key, modality)
Range = tuple[date, date]
MentionId = tuple[str, str]
ROWS_PER_QUERY = 200  # VALUES rows per statement (4 parameters each)


def _mid(m: Mention) -> MentionId:
    return (m.article_id, m.event_id)


def _span(m: Mention) -> Range:
    """What a mention can reach: its own dates, or the window of an undated one."""
    return m.interval() or m.window()


def merge_ranges(ranges: Iterable[Range]) -> list[Range]:
    """Overlapping day ranges joined (ranges that share a day; merely adjacent ones stay apart)."""
    out: list[list[date]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _shift(day: date, n: int) -> date:
    try:
        return day + timedelta(days=n)
    except OverflowError:
        return date.max if n > 0 else date.min


def published_bounds(modality: str, r: Range) -> Range:
    """Publication dates whose window (for this modality) meets the day range ``r``."""
    if modality in FORWARD_MODALITIES:
        return _shift(r[0], -FORWARD_WINDOW_DAYS), r[1]
    return r[0], _shift(r[1], ASSERTED_WINDOW_BACK_DAYS)


# ---------------------------------------------------------------------------------------- reading
# On a large DuckDB store a stored mention is read in two parts, each through an index: the event
# row by its article (``events_article_id``) and the article's columns by its primary key. Joining
# the two in SQL scans every article and every wide event column, a cost that grows with the store;
# an index read costs the same per row whatever the store holds, but more than a scan of a small one.
EVENT_PART = """SELECT e.article_id, e.event_id, e.sentence_index, e.trigger_start, e.sentence,
       e.actor1_code, coalesce(e.actor1_name, ''), coalesce(e.actor1_country, ''),
       coalesce(e.actor1_role, ''), e.actor2_code, coalesce(e.actor2_name, ''),
       coalesce(e.actor2_country, ''), coalesce(e.actor2_role, ''),
       e.event_code, e.goldstein, e.quad_class, e.modality,
       coalesce(e.event_date, ''), coalesce(e.event_date_end, ''),
       coalesce(e.action_country, ''), coalesce(e.action_place, ''), coalesce(e.confidence, 0),
       e.story_id, coalesce(e.joint, false), coalesce(e.historical, false), e.actor1_entries,
       e.actor2_entries, coalesce(e.action_geo, ''), coalesce(e.actor1_geo, ''), coalesce(e.actor2_geo, '')
FROM events e WHERE e.article_id IN """
ARTICLE_PART = (
    "SELECT article_id, published, coalesce(outlet, ''), coalesce(url, ''), ingested_at FROM articles "
    "WHERE article_id IN "
)
ARTICLE_AT = 22  # where the article's columns sit in a mention row (store.db.MENTION_SELECT's order)
ARTICLES_PER_QUERY = 200  # a few hundred event rows: DuckDB takes the index up to 2,048
# From this many stored events on, DuckDB reads mentions through the index (measured crossover on
# the growth benchmark, docs/store.md); below it one scan per lookup is cheaper.
INDEX_READS_FROM = 250_000


def published_within(lo: date | None, hi: date | None) -> str:
    """A filter on ``e.article_published`` with its bounds written into the SQL, so DuckDB skips
    every block of the events table published outside them (a bound passed as a parameter or
    joined in does not). The bounds are dates, never text from the input."""
    if lo is None or hi is None:
        return "e.article_published IS NULL"
    return (
        f"(e.article_published IS NULL OR e.article_published BETWEEN DATE '{lo.isoformat()}' "
        f"AND DATE '{hi.isoformat()}')"
    )


def _in_list(n: int) -> str:
    return "(" + ", ".join("?" * n) + ")"


def reads_by_index(backend: Backend) -> bool:
    """Whether this store is large enough that the merge should read mentions by index (DuckDB)."""
    if backend.kind != "duckdb":
        return False  # PostgreSQL joins through its indexes by itself
    row = backend.fetchone("SELECT count(*) FROM events")
    return bool(row and row[0] >= INDEX_READS_FROM)


class Reader:
    """The few queries the merge needs, each for many groups at once, for one batch's transaction.

    With ``by_index``, lookups select only ids over the narrow columns they filter on (key,
    modality, dates) and the mentions are then read by article through indexes, each once per
    batch (``cache``); otherwise each lookup reads its mentions in one join.
    """

    def __init__(self, backend: Backend, mention_select: str, by_index: bool = False) -> None:
        self.b = backend
        self.select = mention_select
        self.by_index = by_index
        self.cache: dict[MentionId, Mention] = {}
        self.loaded: set[str] = set()  # articles whose stored mentions are all in the cache

    def _with_rows(
        self, columns: str, rows: Sequence[Sequence[Any]], types: Sequence[str], body: str
    ) -> list[tuple[Any, ...]]:
        if not rows:
            return []
        if self.b.kind == "duckdb":
            return self._with_arrow(columns, rows, types, body)
        out: list[tuple[Any, ...]] = []
        one = "(" + ", ".join(f"CAST(? AS {t})" for t in types) + ")"
        for i in range(0, len(rows), ROWS_PER_QUERY):
            chunk = rows[i : i + ROWS_PER_QUERY]
            values = ", ".join([one] * len(chunk))
            params = [v for r in chunk for v in r]
            out.extend(self.b.fetchall(f"WITH r({columns}) AS (VALUES {values}) {body}", params))
        return out

    def _with_arrow(
        self, columns: str, rows: Sequence[Sequence[Any]], types: Sequence[str], body: str
    ) -> list[tuple[Any, ...]]:
        """DuckDB: the rows as a registered Arrow table (binding hundreds of parameters costs more
        than the query)."""
        from peristiwa.store.backend import to_arrow

        names = [c.strip() for c in columns.split(",")]
        kinds = ["date" if t == "DATE" else "text" for t in types]
        con = self.b.con  # type: ignore[attr-defined]
        con.register("_peristiwa_r", to_arrow(list(zip(names, kinds, strict=True)), rows))
        try:
            return con.execute(f"WITH r AS (SELECT * FROM _peristiwa_r) {body}").fetchall()
        finally:
            con.unregister("_peristiwa_r")

    def of_article_ids(self, article_ids: Iterable[str]) -> list[Mention]:
        """Every stored mention of these articles."""
        ids = set(article_ids)
        todo = sorted(ids - self.loaded)
        for i in range(0, len(todo), ARTICLES_PER_QUERY):
            chunk = todo[i : i + ARTICLES_PER_QUERY]
            for m in self._read_articles(chunk):
                self.cache[_mid(m)] = m
        self.loaded.update(todo)
        return [m for m in self.cache.values() if m.article_id in ids]

    def _read_articles(self, chunk: Sequence[str]) -> list[Mention]:
        if not self.by_index:
            rows = self.b.fetchall(self.select + f"WHERE e.article_id IN {_in_list(len(chunk))}", chunk)
            return [mention_from_row(r) for r in rows]
        events = self.b.fetchall(EVENT_PART + _in_list(len(chunk)), chunk)
        if not events:
            return []
        aids = sorted({r[0] for r in events})
        articles = {r[0]: r[1:] for r in self.b.fetchall(ARTICLE_PART + _in_list(len(aids)), aids)}
        return [mention_from_row([*r[:ARTICLE_AT], *articles[r[0]], *r[ARTICLE_AT:]]) for r in events]

    def _mentions(
        self, columns: str, rows: Sequence[Sequence[Any]], types: Sequence[str], join: str
    ) -> list[Mention]:
        """The mentions ``... FROM events e {join}`` finds: read in the same query, or by index
        after a query that selects only their ids."""
        if not self.by_index:
            seen: dict[MentionId, Mention] = {}
            for r in self._with_rows(columns, rows, types, self.select + join):
                m = mention_from_row(r)
                seen.setdefault(_mid(m), m)
            return list(seen.values())
        found = {(a, e) for a, e in self._with_rows(columns, rows, types, _IDS + join)}
        self.of_article_ids({a for a, _ in found})
        return [self.cache[i] for i in sorted(found) if i in self.cache]

    def dated_overlapping(self, ranges: Sequence[tuple[str, str, date, date]]) -> list[Mention]:
        return self._mentions(
            "k, m, lo, hi", ranges, ("VARCHAR", "VARCHAR", "DATE", "DATE"),
            "JOIN r ON e.story_key = r.k AND e.modality = r.m "
            "AND e.date_start <= r.hi AND e.date_end >= r.lo",
        )  # fmt: skip

    def undated_in_windows(
        self, ranges: Sequence[tuple[str, str, date, date]], pool_only: bool = False
    ) -> list[Mention]:
        """Undated mentions of these groups published inside the bounds (or not dated at all)."""
        if not ranges:
            return []
        pool = " JOIN stories s ON s.story_id = e.story_id AND NOT s.dated" if pool_only else ""
        lo, hi = min(r[2] for r in ranges), max(r[3] for r in ranges)
        return self._mentions(
            "k, m, lo, hi", ranges, ("VARCHAR", "VARCHAR", "DATE", "DATE"),
            f"JOIN r ON e.story_key = r.k AND e.modality = r.m{pool} WHERE e.date_start IS NULL "
            f"AND {published_within(lo, hi)} "
            "AND (e.article_published IS NULL OR "
            "(e.article_published >= r.lo AND e.article_published <= r.hi))",
        )  # fmt: skip

    def of_articles(self, pairs: Sequence[tuple[str, str, str]]) -> list[Mention]:
        """Every mention of these (key, modality, article) triples."""
        if not self.by_index:
            return self._mentions(
                "k, m, aid", pairs, ("VARCHAR", "VARCHAR", "VARCHAR"),
                "JOIN r ON e.story_key = r.k AND e.modality = r.m AND e.article_id = r.aid",
            )  # fmt: skip
        wanted = set(pairs)
        mentions = self.of_article_ids({a for _, _, a in pairs})
        return [m for m in mentions if (m.key, m.modality, m.article_id) in wanted]

    def of_stories(self, ids: Iterable[str]) -> list[Mention]:
        """Every stored mention of these stories: read inside the span of their publication dates
        (a story's ``first_seen`` .. ``last_seen`` span the publication dates of all its reports;
        a report without one passes the NULL branch)."""
        rows = [(i,) for i in sorted(set(ids))]
        if not rows:
            return []
        ((n, lo, hi),) = self._with_rows(
            "sid", rows, ("VARCHAR",),
            "SELECT count(*), min(s.first_seen), max(s.last_seen) "
            "FROM stories s JOIN r ON s.story_id = r.sid",
        )  # fmt: skip
        where = ""
        if n == len(rows):  # else some are not stored stories yet: read without the bound
            where = " WHERE " + published_within(lo, hi)
        return self._mentions("sid", rows, ("VARCHAR",), "JOIN r ON e.story_id = r.sid" + where)

    def dated_story_ids(self, ranges: Sequence[tuple[str, str, date, date]]) -> set[str]:
        got = self._with_rows(
            "k, m, lo, hi", ranges, ("VARCHAR", "VARCHAR", "DATE", "DATE"),
            "SELECT s.story_id FROM stories s JOIN r ON s.story_key = r.k AND s.modality = r.m "
            "AND s.dated AND s.date_start <= r.hi AND s.date_end >= r.lo",
        )  # fmt: skip
        return {sid for (sid,) in got}

    def link_candidates(self, ranges: Sequence[tuple[str, date, date]]) -> list[tuple[str, str, str, Range]]:
        """(key, story_id, modality, window) of stored stories of these keys whose window may meet."""
        types = ("VARCHAR", "DATE", "DATE")
        dated = self._with_rows(
            "k, lo, hi", ranges, types,
            "SELECT s.story_key, s.story_id, s.modality, s.date_start, s.date_end FROM stories s "
            "JOIN r ON s.story_key = r.k AND s.dated AND s.date_start <= r.hi AND s.date_end >= r.lo",
        )  # fmt: skip
        wide = [
            (k, _shift(lo, -FORWARD_WINDOW_DAYS), _shift(hi, ASSERTED_WINDOW_BACK_DAYS))
            for k, lo, hi in ranges
        ]
        undated = self._with_rows(
            "k, lo, hi", wide, types,
            "SELECT s.story_key, s.story_id, s.modality, s.first_seen, s.last_seen FROM stories s "
            "JOIN r ON s.story_key = r.k AND NOT s.dated "
            "AND (s.first_seen IS NULL OR (s.first_seen <= r.hi AND s.last_seen >= r.lo))",
        )  # fmt: skip
        no_date = self._no_date_stories(sorted({k for k, _, _ in ranges}))
        if no_date:
            undated += self._with_rows(
                "sid", [(i,) for i in sorted(no_date)], ("VARCHAR",),
                "SELECT s.story_key, s.story_id, s.modality, s.first_seen, s.last_seen FROM stories s "
                "JOIN r ON s.story_id = r.sid AND NOT s.dated",
            )  # fmt: skip
        out = {(k, sid): (k, sid, mod, (lo, hi)) for k, sid, mod, lo, hi in dated}
        for k, sid, mod, first, last in undated:
            out[(k, sid)] = (k, sid, mod, undated_window(mod, first, last, sid in no_date))
        return list(out.values())

    def _no_date_stories(self, keys: Sequence[str]) -> set[str]:
        """Stories of these keys holding an undated mention of an article without a publication date.

        Such articles are rare: their ids come first (a scan that skips every stretch of the table
        where all articles have a date), and only then, if any, their events."""
        if not keys or self.b.fetchone("SELECT 1 FROM articles WHERE published IS NULL LIMIT 1") is None:
            return set()
        got = self._with_rows(
            "k", [(k,) for k in keys], ("VARCHAR",),
            "SELECT DISTINCT e.story_id FROM events e JOIN articles a ON a.article_id = e.article_id "
            "JOIN r ON e.story_key = r.k WHERE a.published IS NULL AND e.date_start IS NULL",
        )  # fmt: skip
        return {sid for (sid,) in got}


_IDS = "SELECT e.article_id, e.event_id FROM events e "


# ---------------------------------------------------------------------------------------- merging
@dataclass(slots=True)
class GroupWork:
    """What one (key, modality) group of a batch recomputes."""

    key: str
    modality: str
    fresh: list[Mention] = field(default_factory=list)
    removed: list[Mention] = field(default_factory=list)
    dated: dict[MentionId, Mention] = field(default_factory=dict)  # of the recomputed components
    ranges: list[Range] = field(default_factory=list)
    undated: dict[MentionId, Mention] = field(default_factory=dict)  # whose target is recomputed

    @property
    def group(self) -> Group:
        return (self.key, self.modality)

    def seeds(self) -> list[Range]:
        return [iv for m in [*self.fresh, *self.removed] if (iv := m.interval()) is not None]


@dataclass(slots=True)
class Result:
    stories: list[Story]  # every story (re)written
    deleted: set[str]  # story ids whose rows go (some come back with the same id)
    stored: list[Mention]  # stored mentions whose story may have changed


def _expand_dated(reader: Reader, work: dict[Group, GroupWork]) -> None:
    """Step 1: grow each group's day ranges over overlapping stored dated mentions to a fixed point."""
    for w in work.values():
        w.ranges = merge_ranges(w.seeds())
        w.dated = {_mid(m): m for m in w.fresh if m.interval() is not None}
    pending = [w for w in work.values() if w.ranges]
    while pending:
        rows = [(w.key, w.modality, lo, hi) for w in pending for lo, hi in w.ranges]
        for m in reader.dated_overlapping(rows):
            work[(m.key, m.modality)].dated.setdefault(_mid(m), m)
        grown = []
        for w in pending:
            ranges = merge_ranges([*w.seeds(), *(_span(m) for m in w.dated.values())])
            if ranges != w.ranges:
                w.ranges = ranges
                grown.append(w)
        pending = grown


def _affected_undated(reader: Reader, work: dict[Group, GroupWork], recomputed: set[str]) -> None:
    """Step 2: the undated mentions whose target may change."""
    rows = []
    pairs = []
    for w in work.values():
        w.undated = {_mid(m): m for m in w.fresh if m.interval() is None}
        rows += [(w.key, w.modality, *published_bounds(w.modality, r)) for r in w.ranges]
        # the batch's own articles hold no stored mention any more: nothing to look up for them
        fresh = {m.article_id for m in w.fresh}
        articles = {m.article_id for m in w.dated.values()} - fresh
        pairs += [(w.key, w.modality, a) for a in sorted(articles)]
    found = [*reader.undated_in_windows(rows), *reader.of_articles(pairs), *reader.of_stories(recomputed)]
    for m in found:
        w = work.get((m.key, m.modality))
        if w is not None and m.interval() is None:
            w.undated.setdefault(_mid(m), m)


def _context(reader: Reader, work: dict[Group, GroupWork], recomputed: set[str]) -> dict[str, list[Mention]]:
    """Unchanged dated stories an affected undated mention could join, with all their stored members."""
    rows = []
    pairs = []
    for w in work.values():
        windows = merge_ranges(m.window() for m in w.undated.values())
        rows += [(w.key, w.modality, lo, hi) for lo, hi in windows]
        articles = {m.article_id for m in w.undated.values()} - {m.article_id for m in w.fresh}
        pairs += [(w.key, w.modality, a) for a in sorted(articles)]
    ids = reader.dated_story_ids(rows)
    ids |= {m.story_id for m in reader.of_articles(pairs) if m.interval() is not None and m.story_id}
    ids -= recomputed
    return _by_story(reader.of_stories(ids))


def _by_story(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.story_id:
            out.setdefault(m.story_id, []).append(m)
    return out


def _kept_dated(key: str, modality: str, members: list[Mention]) -> Story:
    """A stored dated story whose dated members do not change (its joiners are redone)."""
    dated = sorted((m for m in members if m.interval() is not None), key=Mention.sort_key)
    ivs = [m.interval() for m in dated]
    shared = (max(iv[0] for iv in ivs if iv), min(iv[1] for iv in ivs if iv))
    return Story(key, modality, dated, shared)


def recompute(reader: Reader, fresh: Sequence[Mention], removed: Sequence[Mention]) -> Result:
    """The stories a batch changes: ``fresh`` are its mentions (not stored yet), ``removed`` the old
    mentions of its articles (already deleted). Runs inside the batch's transaction."""
    work: dict[Group, GroupWork] = {}
    for m in fresh:
        work.setdefault((m.key, m.modality), GroupWork(m.key, m.modality)).fresh.append(m)
    for m in removed:
        work.setdefault((m.key, m.modality), GroupWork(m.key, m.modality)).removed.append(m)
    _expand_dated(reader, work)
    recomputed = {m.story_id for w in work.values() for m in w.dated.values() if m.story_id} | {
        m.story_id for w in work.values() for m in w.removed if m.story_id and m.interval() is not None
    }
    _affected_undated(reader, work, recomputed)
    context = _context(reader, work, recomputed)
    # old stories of moving undated mentions and of removed ones not loaded yet (pool stories, or
    # dated ones that just lose a joiner)
    old = {m.story_id for w in work.values() for m in [*w.undated.values(), *w.removed] if m.story_id}
    loaded = {**context, **_by_story(reader.of_stories(old - recomputed - set(context)))}
    stories: list[Story] = []
    entering: dict[Group, list[Mention]] = {}
    for w in work.values():
        stories += _redate(w, loaded, entering.setdefault(w.group, []))
    pooled, pool_deleted = _repool(reader, work, entering)
    stories += pooled
    fresh_ids = {_mid(m) for m in fresh}
    stored = [m for s in stories for m in s.members if _mid(m) not in fresh_ids]
    return Result(stories, recomputed | set(loaded) | old | pool_deleted, stored)


def _redate(w: GroupWork, loaded: dict[str, list[Mention]], entering: list[Mention]) -> list[Story]:
    """One group's dated stories after the batch: recomputed components, and the unchanged stories
    an affected undated mention could join (rewritten with their joiners redone)."""
    moving = set(w.undated)
    new = dated_stories(w.key, w.modality, list(w.dated.values()))
    staying: dict[int, list[Mention]] = {}
    kept: list[Story] = []
    for ms in loaded.values():
        if (ms[0].key, ms[0].modality) != w.group or all(m.interval() is None for m in ms):
            continue
        story = _kept_dated(w.key, w.modality, ms)
        staying[id(story)] = [m for m in ms if m.interval() is None and _mid(m) not in moving]
        kept.append(story)
    candidates = sort_for_attach([*new, *kept])
    joins: dict[int, list[Mention]] = {}
    attacher = Attacher(candidates)
    for u in sorted(w.undated.values(), key=Mention.sort_key):
        target = attacher.find(u)
        if target is None:
            entering.append(u)
        else:
            joins.setdefault(target, []).append(u)
    for idx, story in enumerate(candidates):
        extra = [*staying.get(id(story), []), *joins.get(idx, [])]
        story.members = sorted([*story.members, *extra], key=Mention.sort_key)
    return candidates


def _repool(
    reader: Reader,
    work: dict[Group, GroupWork],
    entering: dict[Group, list[Mention]],
) -> tuple[list[Story], set[str]]:
    """Step 3: regroup the undated stories around every mention that entered or left the pool."""
    pools: dict[Group, dict[MentionId, Mention]] = {g: {_mid(m): m for m in ms} for g, ms in entering.items()}
    seeds: dict[Group, list[Range]] = {}
    for w in work.values():
        leaving = [m for m in [*w.undated.values(), *w.removed] if m.interval() is None]
        seeds[w.group] = [m.window() for m in [*entering.get(w.group, []), *leaving]]
    ranges = {g: merge_ranges(s) for g, s in seeds.items()}
    pending = [g for g, r in ranges.items() if r]
    deleted: set[str] = set()
    while pending:
        rows = [(k, mod, *published_bounds(mod, r)) for k, mod in pending for r in ranges[(k, mod)]]
        for m in reader.undated_in_windows(rows, pool_only=True):
            g = (m.key, m.modality)
            if g not in work or _mid(m) in work[g].undated or _mid(m) in pools.setdefault(g, {}):
                continue
            pools[g][_mid(m)] = m
            if m.story_id:
                deleted.add(m.story_id)
        grown = []
        for g in pending:
            r = merge_ranges([*seeds[g], *(m.window() for m in pools.get(g, {}).values())])
            if r != ranges[g]:
                ranges[g] = r
                grown.append(g)
        pending = grown
    # an old pool story of a leaving mention: its other members share a day with it, so they are
    # found above and regrouped; its row is among the deleted already
    out: list[Story] = []
    for (key, modality), members in pools.items():
        out += pool_stories(key, modality, list(members.values()))
    return out, deleted


# ---------------------------------------------------------------------------------------- links
def links_for(reader: Reader, written: Sequence[Story]) -> list[list[str]]:
    """Links of every written story with any other story of its key (written or stored unchanged)."""
    by_key: dict[str, list[Story]] = {}
    for s in written:
        by_key.setdefault(s.key, []).append(s)
    rows = []
    for key, ss in by_key.items():
        rows += [(key, lo, hi) for lo, hi in merge_ranges(s.window() for s in ss)]
    written_ids = {s.story_id for s in written}
    others: dict[str, list[tuple[str, str, Range]]] = {}
    for key, sid, mod, window in reader.link_candidates(rows):
        if sid not in written_ids:
            others.setdefault(key, []).append((sid, mod, window))
    links: set[tuple[str, str, str, str]] = set()
    for key, ss in by_key.items():
        mine = [(s.story_id, s.modality, s.window()) for s in ss]
        pool = [*mine, *others.get(key, [])]
        for sid, mod, window in mine:
            for oid, omod, owin in pool:
                if omod != mod and overlap(window, owin):
                    links.add(link_row(key, (sid, mod), (oid, omod)))
    return [list(link) for link in sorted(links)]


def story_rows(stories: Sequence[Story]) -> list[list[Any]]:
    rows = []
    for s in stories:
        row = s.to_row()
        rows.append([row[name] for name, _ in schema.STORY_COLUMNS])
    return rows
