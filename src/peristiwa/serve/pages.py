"""The analyst's pages: dashboard and events with facets, sorting and downloads; the article list.

Registered on the app by :func:`register` so ``app.py`` keeps only the wiring. Every page reads
its selection through :func:`peristiwa.serve.filters.parse`, so the dashboard, ``/events``,
``/events.csv`` and ``/events.parquet`` agree on what a set of parameters means. Downloads hold
every matching story (up to :data:`peristiwa.serve.data.MAX_DOWNLOAD`), not one page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from peristiwa.model import MODALITIES
from peristiwa.serve import charts, data, workbench
from peristiwa.serve.filters import FACETS, SORTS, TEXT_FIELDS, WebFilters, parse
from peristiwa.serve.words import default_words
from peristiwa.store.query import QueryError

DEFAULT_PAGE = 50
MAX_PAGE = 500
# Table columns that sort, in the order shown: (sort key, header).
SORT_COLUMNS = (
    ("date", "Date"),
    ("source", "Source"),
    ("code", "Event"),
    ("target", "Target"),
    ("goldstein", "Goldstein"),
    ("modality", "Modality"),
    ("mentions", "Mentions"),
)
Render = Callable[..., HTMLResponse]
MAX_OFFSET = 1_000_000_000  # paginated pages: a larger offset is a clear error, not a database overflow


def page_args(params: dict[str, Any]) -> tuple[int, int]:
    try:
        limit = int(params.get("limit") or DEFAULT_PAGE)
        offset = int(params.get("offset") or 0)
    except ValueError:
        raise QueryError("limit and offset must be whole numbers") from None
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise QueryError("offset must not be negative")
    if offset > MAX_OFFSET:
        raise QueryError(f"offset must be at most {MAX_OFFSET}")
    return limit, offset


def url(path: str, kept: dict[str, str], **changes: Any) -> str:
    """``path`` with the selection ``kept``, changed by ``changes`` (None removes a parameter)."""
    merged = dict(kept)
    for k, v in changes.items():
        if v is None or v == "":
            merged.pop(k, None)
        else:
            merged[k] = str(v)
    return path + ("?" + urlencode(merged) if merged else "")


def sort_links(path: str, wf: WebFilters) -> dict[str, tuple[str, str]]:
    """Per sortable column: the link that sorts by it (flipping the order when it is already the
    sort) and its ``aria-sort`` state."""
    kept = {k: v for k, v in wf.active().items() if k != "offset"}
    out = {}
    for key, _ in SORT_COLUMNS:
        if key == wf.sort:
            state = "descending" if wf.descending else "ascending"
            link = url(path, kept, sort=key, order="asc" if wf.descending else "desc")
        else:
            state, link = "none", url(path, kept, sort=key, order="desc")
        out[key] = (link, state)
    return out


def facet_view(path: str, wf: WebFilters, counts: list[Any]) -> list[dict[str, Any]]:
    """Facets as the template draws them: each value a link that adds it (or removes it when set)."""
    words = default_words()
    kept = {k: v for k, v in wf.active().items() if k != "offset"}
    view = []
    for facet, rows in counts:
        chosen = kept.get(facet.param, "")
        values = []
        for r in rows:
            value = str(r["value"])
            values.append(
                {
                    "value": value,
                    "label": _facet_label(facet.param, value, words),
                    "n": r["n"],
                    "selected": value == chosen,
                    "href": url(path, kept, **{facet.param: None if value == chosen else value}),
                }
            )
        view.append(
            {
                "param": facet.param,
                "label": facet.label,
                "entries": values,
                "chosen": chosen,
                "clear": url(path, kept, **{facet.param: None}),
            }
        )
    return view


def _facet_label(param: str, value: str, words: Any) -> str:
    if param == "quad" and value.isdigit():
        return f"{value} {charts.QUAD_NAMES.get(int(value), '')}"
    if param == "root":
        return f"{value} {words.event(value)}".strip()
    if param in ("source", "target", "country"):
        desc = words.actor(value)
        return f"{value} {desc}" if desc else value
    if param == "historical":
        return "historical" if value == "true" else "current"
    return value


def _selection(request: Request, historical_default: bool | None) -> tuple[WebFilters | None, str | None]:
    try:
        return parse(dict(request.query_params), historical_default), None
    except QueryError as exc:
        return None, str(exc)


def register(app: FastAPI, access: data.StoreAccess, render: Render) -> None:
    """Add the dashboard, ``/events`` (+ ``.csv``/``.parquet``) and ``/articles`` to ``app``."""

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def dashboard(request: Request) -> HTMLResponse:
        wf, error = _selection(request, historical_default=False)
        if wf is None:
            return render("error.html", 400, title="Bad request", message=error)
        tr = data.trends(access, wf)
        facets = facet_view("/", wf, data.facet_counts(access, wf, joins=False))
        roots = next((f["entries"] for f in facets if f["param"] == "root"), [])
        return render(
            "dashboard.html",
            active="/",
            title="Dashboard",
            totals=data.totals(access),
            wf=wf,
            form=form_context(wf, "/"),
            facets=facets,
            root_precision=workbench.roots_with_precision(roots),
            series=workbench.dashboard_series(access),
            dyads=data.top_dyads_of(access, wf, 10),
            latest=data.filtered_events(access, wf, 15, 0).items,
            tr=tr,
            # The dashboard leaves historical events out unless asked; its events link says so too.
            events_url=url("/events", wf.active(), historical=wf.values.get("historical") or "false"),
            include_historical_url=url("/", wf.active(), historical="any"),
            week_last=tr.week_end - timedelta(days=1),
            quads=[(q, charts.QUAD_NAMES[q], charts.QUAD_COLOURS[q]) for q in (1, 2, 3, 4)],
            weekly_chart=charts.both_widths(
                charts.time_bars,
                tr.weekly,
                tr.week_start,
                tr.week_end,
                "week",
                "Events per week by QuadClass",
            ),
            goldstein_chart=charts.both_widths(
                charts.time_line, tr.monthly, tr.month_start, tr.month_end, "Mean Goldstein per month"
            ),
            map_panel=dashboard_map(access, wf),
        )

    _add_event_list(app, access, render)
    _add_articles_page(app, access, render)


def _add_event_list(app: FastAPI, access: data.StoreAccess, render: Render) -> None:
    """``/events`` (the page with its facets) and its downloads, ``/events.csv`` and ``.parquet``."""

    @app.get("/events", include_in_schema=False, response_class=HTMLResponse)
    def events_page(request: Request) -> HTMLResponse:
        wf, error = _selection(request, historical_default=None)
        limit, offset = DEFAULT_PAGE, 0
        page = data.Page([], 0, limit, offset)
        if wf is not None:
            try:
                limit, offset = page_args(dict(request.query_params))
                page = data.filtered_events(access, wf, limit, offset)
            except QueryError as exc:
                error = str(exc)
        shown = wf or WebFilters(values={k: str(v) for k, v in request.query_params.items()})
        kept = {k: v for k, v in shown.active().items()}
        if "limit" in request.query_params and not error:
            kept["limit"] = str(limit)
        prev_url = url("/events", kept, offset=max(offset - limit, 0) or None) if offset > 0 else None
        next_url = url("/events", kept, offset=offset + limit) if offset + limit < page.total else None
        return render(
            "events.html",
            400 if error else 200,
            active="/events",
            title="Events",
            form=form_context(shown, "/events"),
            facets=facet_view("/events", wf, data.facet_counts(access, wf)) if wf else [],
            sorts=sort_links("/events", shown) if wf else None,
            page=page,
            error=error,
            prev_url=prev_url,
            next_url=next_url,
            csv_url=url("/events.csv", shown.active()),
            parquet_url=url("/events.parquet", shown.active()),
        )

    @app.get("/events.csv", include_in_schema=False)
    def events_csv(request: Request) -> Response:
        wf = parse(dict(request.query_params))
        names, rows = data.download_rows(access, wf)
        return Response(
            to_csv(names, rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="events.csv"'},
        )

    @app.get("/events.parquet", include_in_schema=False)
    def events_parquet(request: Request) -> Response:
        wf = parse(dict(request.query_params))
        names, rows = data.download_rows(access, wf)
        return Response(
            to_parquet(names, rows),
            media_type="application/vnd.apache.parquet",
            headers={"Content-Disposition": 'attachment; filename="events.parquet"'},
        )


def _add_articles_page(app: FastAPI, access: data.StoreAccess, render: Render) -> None:
    """``/articles``: search of titles, texts and outlets."""

    @app.get("/articles", include_in_schema=False, response_class=HTMLResponse)
    def articles_page(request: Request) -> HTMLResponse:
        params = dict(request.query_params)
        q = (params.get("q") or "").strip() or None
        outlet = (params.get("outlet") or "").strip() or None
        try:
            limit, offset = page_args(params)
        except QueryError as exc:
            return render("error.html", 400, title="Bad request", message=str(exc))
        page = data.search_articles(access, q, outlet, limit, offset)
        kept = {k: v for k, v in (("q", q), ("outlet", outlet)) if v}
        return render(
            "articles.html",
            active="/articles",
            title="Articles",
            page=page,
            q=q or "",
            outlet=outlet or "",
            outlets=data.outlets(access),
            prev_url=url("/articles", kept, offset=max(offset - limit, 0) or None) if offset > 0 else None,
            next_url=url("/articles", kept, offset=offset + limit) if offset + limit < page.total else None,
        )


def form_context(wf: WebFilters, action: str) -> dict[str, Any]:
    """What the filter form needs: fields with their values, the choices, the hook for ``joint``."""
    from peristiwa.serve.filters import JOINT_SQL

    return {
        "action": action,
        "fields": TEXT_FIELDS,
        "vals": wf.values,
        "modalities": MODALITIES,
        "sorts": tuple(SORTS),
        "joint": JOINT_SQL is not None,
        "historical_default": "false" if action == "/" else "",
        "facet_params": [f.param for f in FACETS],
    }


WORD_COLUMNS = ("event_name", "actor1_description", "actor2_description")


def _words_of(names: list[str], rows: list[tuple[Any, ...]]) -> list[list[str]]:
    """Per row: the CAMEO name of its event code and the descriptions of its two actor codes."""
    words = default_words()
    code, a1, a2 = names.index("event_code"), names.index("actor1_code"), names.index("actor2_code")
    return [[words.event(r[code]), words.actor(r[a1]), words.actor(r[a2])] for r in rows]


def to_csv(names: list[str], rows: list[tuple[Any, ...]]) -> str:
    """RFC 4180 CSV with a header row, the words beside the codes (what an analyst reads)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([*names, *WORD_COLUMNS])
    for r, extra in zip(rows, _words_of(names, rows), strict=True):
        w.writerow(["" if v is None else v for v in r] + extra)
    return out.getvalue()


def to_parquet(names: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    """The same table as Parquet (pyarrow infers the types from the store's values)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {n: [r[i] for r in rows] for i, n in enumerate(names)}
    extra = _words_of(names, rows)
    for j, n in enumerate(WORD_COLUMNS):
        columns[n] = [e[j] for e in extra]
    table = pa.table(columns) if rows else pa.table({n: pa.array([], pa.string()) for n in columns})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def actor_time_chart(access: data.StoreAccess, code: str) -> Any:
    """The actor page's two time charts (mean Goldstein, stories per month) on one true time axis."""
    from datetime import date

    rows = data.actor_months(access, code)
    if not rows:
        return charts.time_line([], date.today(), date.today(), f"{code}: no dated, current events")
    months = [date.fromisoformat(str(r["month"])[:10]) for r in rows]
    start = months[0]
    end = charts.add_months(months[-1], 1)
    if (end - start).days < 180:  # a short record still gets half a year of context
        start = charts.add_months(end, -6)
    line = charts.both_widths(
        charts.time_line,
        [(m, float(r["goldstein"] or 0)) for m, r in zip(months, rows, strict=True)],
        start,
        end,
        f"{code}: mean Goldstein of its events per month",
    )
    bars = charts.both_widths(
        charts.time_bars,
        {m: {0: int(r["stories"])} for m, r in zip(months, rows, strict=True)},
        start,
        end,
        "month",
        f"{code}: events per month",
    )
    return line + bars


def dashboard_map(access: data.StoreAccess, wf: WebFilters) -> Any:
    """The dashboard's map card, over the dashboard's own selection (cached per store version)."""
    from peristiwa.serve import geomap

    where, params = wf.where()
    links = [("/map", "the full map"), ("/map?view=id", "Indonesia")]
    return access.cached(  # the drawing too: 150 KB of SVG text, the same for the same selection
        ("map", where, tuple(params)),
        lambda: geomap.panel(geomap.map_data_where(access, where, params), links),
    )


def actor_map(access: data.StoreAccess, code: str) -> Any:
    """An actor page's map card: the stories with this actor on either side (as the page counts)."""
    from peristiwa.serve import geomap

    where = " WHERE (s.actor1_code = ? OR s.actor2_code = ?)"
    links = [(f"/map?actor={code}", f"{code} on the full map")] if code.isalpha() and len(code) <= 12 else []
    return access.cached(
        ("actor-map", code), lambda: geomap.panel(geomap.map_data_where(access, where, [code, code]), links)
    )
