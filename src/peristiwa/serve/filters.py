"""The pages' filters: the CLI's :class:`QueryFilters` plus what only the web layer offers.

The dashboard, the events page and the downloads (``/events.csv``, ``/events.parquet``) read the
same request parameters through :func:`parse`, so a link copied from one opens the same selection
in another. What ``QueryFilters`` already knows is passed through to its WHERE builder; the rest
(publication date up to, outlet, historical, sorting) is added here as bound-parameter SQL.

Facets are data: :data:`FACETS` lists each one's parameter, label and the SQL that groups by it,
so a new store column (the ``joint`` flag, once the store has it) is one more row, not new markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peristiwa.model import MODALITIES
from peristiwa.store.query import QueryError, QueryFilters, _story_where
from peristiwa.store.stories import date_interval

# A story is historical when all its mentions are (the coder's rule, peristiwa.coding.timex: the
# event ended more than HISTORICAL_DAYS before the article was published); the stories table keeps
# the flag, so every chart and facet of a page tests a column, not a subquery over the mentions.
HISTORICAL_SQL = "coalesce(s.historical, false)"
# A story is joint when all its mentions were split from "A dan B ..." or are the reverse of a
# joint act (the coder's ``joint`` flag).
JOINT_SQL: str | None = "coalesce(s.joint, false)"
OUTLET_SQL = (
    "s.story_id IN (SELECT e.story_id FROM events e JOIN articles a ON a.article_id = e.article_id "
    "WHERE a.outlet = ?)"
)
SORTS = {
    "date": "s.date_start",
    "published": "s.first_seen",
    "source": "s.actor1_code",
    "target": "s.actor2_code",
    "code": "s.event_code",
    "quad": "s.quad_class",
    "goldstein": "s.goldstein",
    "modality": "s.modality",
    "mentions": "s.num_mentions",
}
# (parameter, label, placeholder) of the free-text fields; a placeholder is an example, shown
# greyed and prefixed "e.g." so it cannot be read as a value already filled in.
TEXT_FIELDS = (
    ("actor", "Actor (either side)", "IDN or Prabowo"),
    ("source", "Source actor", "RUSGOV"),
    ("target", "Target actor", "CHN"),
    ("country", "Country", "IDN"),
    ("code", "CAMEO code prefix", "04"),
    ("root", "Root code", "04"),
    ("outlet", "Outlet (exact)", "Kompas.com"),
    ("since", "Event date from", "2024-05"),
    ("until", "Event date until", "2024-12-31"),
    ("published_since", "Published from", "2024-05-01"),
    ("published_until", "Published until", "2024-12"),
    ("text", "Sentence contains", "gencatan senjata"),
    ("action_country", "Where: country (FIPS or CAMEO)", "ID or IDN"),
    ("action_adm1", "Where: province (ADM1 code)", "ID04"),
)
PARAMS = (*(name for name, _, _ in TEXT_FIELDS), "quad", "modality", "historical", "joint", "sort", "order")


@dataclass(frozen=True, slots=True)
class Facet:
    """One facet: the parameter it sets, its label, and the SQL of its value per story."""

    param: str
    label: str
    value_sql: str
    needs_join: bool = False


FACETS: tuple[Facet, ...] = (
    Facet("quad", "QuadClass", "s.quad_class"),
    Facet("root", "CAMEO root", "s.event_root_code"),
    Facet("modality", "Modality", "s.modality"),
    Facet("source", "Source actor", "s.actor1_code"),
    Facet("target", "Target actor", "s.actor2_code"),
    Facet("country", "Country (action)", "s.action_country"),
    Facet("outlet", "Outlet", "a.outlet", needs_join=True),
    Facet("historical", "Historical", f"CASE WHEN {HISTORICAL_SQL} THEN 'true' ELSE 'false' END"),
)


@dataclass(slots=True)
class WebFilters:
    """A request's selection. ``historical`` None means both, True only historical, False none."""

    query: QueryFilters = field(default_factory=QueryFilters)
    published_until: date | None = None
    outlet: str | None = None
    historical: bool | None = None
    joint: bool | None = None
    sort: str = "date"
    descending: bool = True
    values: dict[str, str] = field(default_factory=dict)

    def where(self) -> tuple[str, list[Any]]:
        """``WHERE ...`` over ``stories s`` (or ""), with its parameters."""
        where, params = _story_where(self.query)
        clauses = [where[len(" WHERE ") :]] if where else []
        if self.published_until:
            clauses.append("s.first_seen <= ?")
            params.append(self.published_until)
        if self.outlet:
            clauses.append(OUTLET_SQL)
            params.append(self.outlet)
        if self.historical is not None:
            clauses.append(HISTORICAL_SQL if self.historical else f"NOT ({HISTORICAL_SQL})")
        if self.joint is not None and JOINT_SQL:
            clauses.append(JOINT_SQL if self.joint else f"NOT ({JOINT_SQL})")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def order_by(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        return f" ORDER BY {SORTS[self.sort]} {direction} NULLS LAST, s.story_id"

    def active(self) -> dict[str, str]:
        """The parameters that were set (for links that keep the selection)."""
        return {k: v for k, v in self.values.items() if v}


def _text(params: dict[str, Any], name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _day(value: str | None, name: str, end: bool = False) -> date | None:
    if value is None:
        return None
    interval = date_interval(value)
    if interval is None:
        raise QueryError(f"{name}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return interval[1] if end else interval[0]


def flag(value: str | None, name: str) -> bool | None:
    """``true``/``false`` (also 1/0, yes/no); empty or ``any`` means no filter."""
    if value is None or value.lower() == "any":
        return None
    low = value.lower()
    if low in ("true", "1", "yes", "only"):
        return True
    if low in ("false", "0", "no"):
        return False
    raise QueryError(f"{name} must be true, false or any, not {value!r}")


def parse(params: dict[str, Any], historical_default: bool | None = None) -> WebFilters:
    """Request parameters -> WebFilters; blank fields mean no filter; bad values raise QueryError.

    ``historical_default`` applies when the request does not say: the trend charts leave
    historical events out (False) unless asked, lists show everything (None).
    """
    get = _text
    quad = get(params, "quad")
    if quad is not None and quad not in ("1", "2", "3", "4"):
        raise QueryError(f"quad must be 1, 2, 3 or 4, not {quad!r}")
    modality = get(params, "modality")
    if modality is not None and modality not in MODALITIES:
        raise QueryError(f"modality must be one of {', '.join(MODALITIES)}, not {modality!r}")
    q = QueryFilters(
        actor=get(params, "actor"),
        source=get(params, "source"),
        target=get(params, "target"),
        country=get(params, "country"),
        code=get(params, "code"),
        root=get(params, "root"),
        quad=int(quad) if quad is not None else None,
        since=_day(get(params, "since"), "since"),
        until=_day(get(params, "until"), "until", end=True),
        published_since=_day(get(params, "published_since"), "published_since"),
        modality=modality,
        text=get(params, "text"),
        action_country=get(params, "action_country"),
        action_adm1=get(params, "action_adm1"),
    )
    q.validate_places(prefix="")
    for name in ("code", "root"):
        value = getattr(q, name)
        if value is not None and not (value.isascii() and value.isdigit()):
            raise QueryError(f"{name} must be CAMEO digits (e.g. 042, 04), not {value!r}")
    if q.quad is not None and q.quad not in (1, 2, 3, 4):
        raise QueryError(f"quad must be 1, 2, 3 or 4, not {q.quad}")
    if q.since and q.until and q.since > q.until:
        raise QueryError("since (event date from) is after until")
    hist_raw = get(params, "historical")
    joint = flag(get(params, "joint"), "joint")
    if joint is not None and JOINT_SQL is None:
        raise QueryError("joint: this store has no joint flag yet")
    sort = get(params, "sort") or "date"
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    order = get(params, "order") or "desc"
    if order not in ("asc", "desc"):
        raise QueryError(f"order must be asc or desc, not {order!r}")
    return WebFilters(
        query=q,
        published_until=_day(get(params, "published_until"), "published_until", end=True),
        outlet=get(params, "outlet"),
        historical=flag(hist_raw, "historical") if hist_raw is not None else historical_default,
        joint=joint,
        sort=sort,
        descending=order == "desc",
        values={name: str(params.get(name, "") or "").strip() for name in PARAMS},
    )
