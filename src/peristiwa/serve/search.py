"""The ``text`` filter of ``/api/events`` answered from memory instead of a scan of every sentence.

``text=V`` means: some mention's sentence contains V, case-insensitively, as plain characters
(:func:`peristiwa.store.query.contains`: ``strpos(lower(sentence), lower(V)) > 0``). In SQL that
is a scan of every sentence on every request (~12 ms for 100,000 events on one quiet core, and the
slowest read under concurrent clients: ``docs/web.md``). Here, once per store version, every
mention's sentence is read *lowered by the database's own* ``lower()`` and kept as one string,
sentences separated by NUL; a request lowers V with the same ``lower()`` and looks for it with
``str.find``. So the stories found are exactly those of the SQL test: both sides go through the same
function, and no match can span two sentences, because a value holding the separator is left to SQL.

Bounds: the index is built only for stores whose sentences total at most :data:`MAX_INDEX_CHARS`
characters (larger ones keep the SQL scan), and a value found in more than :data:`MAX_HITS`
sentences falls back to SQL too (there the scan beats a Python loop over the hits). Only DuckDB
stores get one by default: a PostgreSQL server's cache expires every few seconds (other processes
write unseen), and rebuilding an index that often would cost more than it saves.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

SEP = "\x00"  # between two sentences in the index; a search value holding it goes to SQL
MAX_INDEX_CHARS = 64_000_000  # characters of all sentences together (1, 2 or 4 bytes each in memory)
MAX_HITS = 20_000  # sentences a value may be found in before SQL answers instead
PAGE_ORDER = "s.date_start DESC NULLS LAST, s.story_id"  # list_events' order: ranks follow it


class Rows(Protocol):
    """What building an index needs: one query, column names and rows (a serve reader)."""

    def fetch_columns(self, sql: str, params: list[Any]) -> tuple[list[str], list[tuple[Any, ...]]]: ...


@dataclass(frozen=True, slots=True)
class SentenceIndex:
    """Every mention's lowered sentence, with the story it belongs to in page order.

    ``text`` holds the sentences joined by :data:`SEP`; sentence ``k`` starts at ``starts[k]``
    (one more entry closes the last); ``story[k]`` is the position of its story in ``story_ids``,
    which lists the stories in ``/api/events`` order (newest first), so sorting positions sorts
    stories the way a page shows them. ``rowids`` (DuckDB) are the stories' row ids in the same
    snapshot, for fetching one page of them without a scan of every story.
    """

    text: str
    starts: array[int]
    story: array[int]
    story_ids: tuple[str, ...]
    rowids: tuple[int, ...] | None

    def positions(self, lowered: str, most: int = MAX_HITS) -> list[int] | None:
        """Positions (page order) of the stories with a sentence containing ``lowered``, ascending;
        None when the value holds the separator or is in more than ``most`` sentences."""
        if SEP in lowered or not lowered:
            return None
        text, starts, story = self.text, self.starts, self.story
        found: set[int] = set()
        hits = 0
        at = text.find(lowered)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            found.add(story[k])
            hits += 1
            if hits > most:
                return None
            at = text.find(lowered, starts[k + 1])  # the rest of sentence k cannot add a story
        return sorted(found)

    @property
    def sentences(self) -> int:
        return len(self.story)


def index_size(rows: Rows) -> tuple[int, int]:
    """(mentions, characters of their sentences): what an index of this store would hold."""
    _cols, got = rows.fetch_columns(
        "SELECT count(*), coalesce(sum(length(sentence)), 0) FROM events WHERE story_id IS NOT NULL", []
    )
    return int(got[0][0]), int(got[0][1])


def build_index(rows: Rows, kind: str, max_chars: int | None = None) -> SentenceIndex | None:
    """Read every mention's sentence lowered by the database, in one statement (one snapshot).

    None when the sentences hold more than ``max_chars`` (default :data:`MAX_INDEX_CHARS`)
    characters: the SQL scan stays. A sentence repeated within one story is kept once.
    """
    if index_size(rows)[1] > (MAX_INDEX_CHARS if max_chars is None else max_chars):
        return None
    rowid = "s.rowid" if kind == "duckdb" else "NULL"
    _cols, got = rows.fetch_columns(
        "SELECT DISTINCT r.pos, r.story_id, r.rid, lower(e.sentence) FROM events e JOIN ("
        f"SELECT s.story_id, {rowid} AS rid, row_number() OVER (ORDER BY {PAGE_ORDER}) AS pos "
        "FROM stories s) r ON r.story_id = e.story_id ORDER BY 1, 4",
        [],
    )
    return _assemble(got, with_rowids=kind == "duckdb")


def _assemble(got: Sequence[tuple[Any, ...]], with_rowids: bool) -> SentenceIndex:
    """The index from (page position, story id, row id, lowered sentence) rows in page order."""
    story_ids: list[str] = []
    rowids: list[int] = []
    story = array("l")
    starts = array("q")
    parts: list[str] = []
    offset = 0
    last = None
    for pos, story_id, rid, sentence in got:
        if pos != last:
            story_ids.append(story_id)
            rowids.append(rid)
            last = pos
        story.append(len(story_ids) - 1)
        starts.append(offset)
        parts.append(sentence)
        offset += len(sentence) + 1
    starts.append(offset)
    return SentenceIndex(
        SEP.join(parts), starts, story, tuple(story_ids), tuple(rowids) if with_rowids else None
    )
