"""The analyst's workbench in the web app: series, feedback and the coder's measured precision.

:func:`register` adds these routes to the app ``create_app`` builds (kept here so the app module
stays one place for the core pages):

* ``GET /api/series``: the series of ``peristiwa series`` (same parameters, same meaning);
* ``POST /api/events/{story_id}/feedback`` (bearer token, like every write): flag a story as wrong;
* ``GET /api/feedback`` and the page ``/feedback``: the flags, newest first;
* ``GET /api/precision``: the coder's precision per CAMEO root on the gold sets (out of fold), which
  ``/api/stats`` also puts next to its counts per root.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

from fastapi import Body, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import DictLoader
from starlette.concurrency import run_in_threadpool

from peristiwa.serve import charts
from peristiwa.serve.data import StoreAccess, jsonable
from peristiwa.store.feedback import REASONS, Feedback, FeedbackError, add_feedback, list_feedback
from peristiwa.store.query import QueryError
from peristiwa.store.series import BASES, BY, EVERY, SeriesRequest, series

FEEDBACK_PAGE = """{% extends "base.html" %}
{% block content %}
<h1>Feedback</h1>
<p class="muted">Events analysts flagged as wrong ({{ items|length }}). Export them as gold files with
<code>peristiwa feedback export --out DIR</code>.</p>
{% if items %}<div class="table-wrap"><table><thead><tr><th scope="col">When (UTC)</th>
<th scope="col">Event</th><th scope="col">Reason</th><th scope="col">Correction</th>
<th scope="col">Comment</th></tr></thead><tbody>
{% for f in items %}<tr><td>{{ f.created_at[:19] }}</td>
<td><a href="/events/{{ f.story_id }}">{{ f.actor1_code or "?" }} {{ f.event_code or "" }}
{{ f.actor2_code or "" }}</a>
<div class="muted">{{ f.evidence or "" }}</div></td>
<td>{{ f.reason|replace("_", " ") }}</td>
<td>{% if f.corrected_code %}code {{ f.corrected_code }} {% endif %}
{% if f.corrected_actor1 %}actor1 {{ f.corrected_actor1 }} {% endif %}
{% if f.corrected_actor2 %}actor2 {{ f.corrected_actor2 }}{% endif %}</td>
<td>{{ f.comment or "" }}</td></tr>{% endfor %}
</tbody></table></div>{% else %}<p>No feedback yet.</p>{% endif %}
{% endblock %}
"""
# The "flag as wrong" form at the foot of an event page (included by event.html). A plain HTML form
# POST: the CSP allows no scripts, and the form's own token field stands in for the Authorization
# header a browser cannot send from a form (it also keeps other sites from posting flags: they do
# not know the token).
FEEDBACK_FORM = """<section class="card" id="flag" aria-labelledby="h-flag">
<h2 id="h-flag">Flag as wrong</h2>
{% if feedback and feedback.stored %}<p role="status"><strong>Thank you: your flag is stored</strong>
(see <a href="/feedback">Feedback</a>).</p>{% endif %}
{% if feedback and feedback.writable %}
<form class="filters flag-form" method="post" action="/events/{{ e.story_id|urlencode }}/feedback">
<div><label for="fb-reason">Reason</label>
<select id="fb-reason" name="reason" required>{% for value, label in feedback.reasons %}
<option value="{{ value }}">{{ label }}</option>{% endfor %}</select></div>
<div><label for="fb-code">Corrected CAMEO code (optional)</label>
<input id="fb-code" name="corrected_code" inputmode="numeric" pattern="[0-9]{2,4}"
placeholder="e.g. 043"></div>
<div><label for="fb-a1">Corrected source actor (optional)</label>
<input id="fb-a1" name="corrected_actor1" placeholder="e.g. IDNGOV"></div>
<div><label for="fb-a2">Corrected target actor (optional)</label>
<input id="fb-a2" name="corrected_actor2" placeholder="e.g. USAGOV"></div>
<div class="full"><label for="fb-comment">Comment (optional)</label>
<textarea id="fb-comment" name="comment" rows="3" maxlength="2000"></textarea></div>
<div><label for="fb-token">Server token</label>
<input id="fb-token" name="token" type="password" autocomplete="off" required></div>
<div><button type="submit">Flag this event</button></div>
</form>
{% else %}<p class="muted">Feedback needs a server started with <code>--token</code> (or
<code>PERISTIWA_TOKEN</code>): this one is read-only.</p>{% endif %}
</section>
"""
FEEDBACK_REFUSED = """{% extends "base.html" %}
{% block content %}<h1>{{ title }}</h1><p class="error" role="alert">{{ message }}</p>
<p><a href="/events/{{ story_id|urlencode }}#flag">← Back to the event</a></p>{% endblock %}
"""
# The dashboard's workbench block (included by dashboard.html after its charts): the series chart
# and the counts by CAMEO root with the coder's measured precision beside them.
DASHBOARD_BLOCK = """<div class="charts workbench">
<section class="card" aria-labelledby="h-series">
<h2 id="h-series">Stories per month by QuadClass</h2>
{{ series.chart }}
<p class="legend">{% for q, name, colour in quads %}<span><svg width="12" height="12" aria-hidden="true">
<rect width="12" height="12" fill="{{ colour }}"/></svg> {{ q }} {{ name }}</span>{% endfor %}</p>
<p class="note" id="series-note">From the series of <code>peristiwa series --by quad --every month</code>
(<a href="/api/series?by=quad&amp;every=month">/api/series</a>): all stored stories, not the filters above;
{% if series.start %}months {{ series.start.isoformat()[:7] }} to {{ series.last.isoformat()[:7] }},
{% endif %}by event date,
{{ series.total }} stories drawn.
{% if series.earlier %}{{ series.earlier }} earlier stories are not drawn. {% endif %}
{% if series.left_out.imprecise %}{{ series.left_out.imprecise }} dated only to a year (or a span over
months) are left out. {% endif %}
{% if series.left_out.undated %}{{ series.left_out.undated }} undated are left out. {% endif %}
{% if series.left_out.historical %}{{ series.left_out.historical }} historical are left out.{% endif %}</p>
</section>
<section class="card" aria-labelledby="h-roots">
<h2 id="h-roots">Events by CAMEO root, with the coder's precision</h2>
<div class="table-wrap"><table id="root-precision">
<thead><tr><th scope="col">CAMEO root</th><th scope="col">Events</th>
<th scope="col">Measured precision</th><th scope="col">n (gold)</th></tr></thead>
<tbody>{% for r in root_precision %}<tr><td><a href="{{ r.href }}">{{ r.label }}</a></td><td>{{ r.n }}</td>
<td>{% if r.precision is not none %}{{ "%.2f"|format(r.precision) }}{% else %}
<span class="muted">not measured</span>{% endif %}</td>
<td>{{ r.support }}</td></tr>
{% else %}<tr><td colspan="4">No events yet.</td></tr>{% endfor %}</tbody></table></div>
<p class="note">Precision of the coder measured on the gold sets
(<a href="/api/precision">/api/precision</a>; dev + train, 138 articles, 5-fold out of fold,
root+country matching): of n events it coded with that root there, the share that were right.
Small n is noisy. Counts are of this selection, top roots only.</p>
</section>
</div>
"""
TEMPLATES = {
    "dashboard_workbench.html": DASHBOARD_BLOCK,
    "feedback.html": FEEDBACK_PAGE,
    "feedback_form.html": FEEDBACK_FORM,
    "feedback_refused.html": FEEDBACK_REFUSED,
}
REASON_LABELS = {"wrong_code": "wrong code", "wrong_actor": "wrong actor", "not_an_event": "not an event"}
FORM_FIELDS = ("reason", "comment", "corrected_code", "corrected_actor1", "corrected_actor2")

SERIES_TOP = 50  # groups per series by default: a chart's legend, and a reply that stays small


def precision_by_root() -> list[dict[str, Any]]:
    """Root, name, tp, fp, precision: what a page shows next to counts ("04 Consult: P 0.97 of 33")."""
    from peristiwa.coding.codebook import event_name, root_precision

    return [
        {"root": root, "name": event_name(root), **figures}
        for root, figures in sorted(root_precision().items())
    ]


def add_precision(stats: dict[str, Any]) -> dict[str, Any]:
    """Put the CAMEO name and the measured precision on each ``by_root`` row of ``/api/stats``."""
    from peristiwa.coding.codebook import event_name, root_precision

    measured = root_precision()
    for row in stats.get("by_root", []):
        figures = measured.get(row["root"])
        row["name"] = event_name(row["root"] or "")
        row["precision"] = figures["precision"] if figures else None
        row["precision_support"] = (int(figures["tp"]) + int(figures["fp"])) if figures else 0
    stats["precision_source"] = "coder on ../shared/gold/dev (40 articles), root+country matching"
    return stats


SERIES_MONTHS = 24  # the dashboard's series chart: the last two years of months that have stories


def roots_with_precision(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dashboard's counts by CAMEO root (the root facet's entries) with the coder's measured
    precision beside each: P and the n it rests on (tp + fp on the gold sets, out of fold), None where the
    coder never predicted that root there. Same figures as ``/api/precision``."""
    measured = {r["root"]: r for r in precision_by_root()}
    out = []
    for entry in entries:
        figures = measured.get(entry["value"])
        support = int(figures["tp"]) + int(figures["fp"]) if figures else 0
        out.append({**entry, "precision": figures["precision"] if figures else None, "support": support})
    return out


def dashboard_series(access: StoreAccess) -> dict[str, Any]:
    """The dashboard's series chart: stories per month by QuadClass from :func:`series` (whole
    store, by event date, historical events left out), the last :data:`SERIES_MONTHS` months drawn
    to scale with empty months as gaps; what the series leaves out is counted for the note."""

    def compute() -> dict[str, Any]:
        with access.reading() as store:
            got = series(store, SeriesRequest(by="quad", every="month"))  # type: ignore[arg-type]
        view: dict[str, Any] = {"start": None, "end": None, "last": None, "earlier": 0, "total": 0}
        view["left_out"] = got.left_out
        counts: dict[Any, dict[int, int]] = {}
        if got.periods:
            view["last"] = got.periods[-1]
            view["end"] = charts.bucket_end(got.periods[-1], "month")
            view["start"] = max(got.periods[0], charts.add_months(view["end"], -SERIES_MONTHS))
        for r in got.rows:
            if r["period"] < view["start"]:
                view["earlier"] += r["stories"]
            else:
                counts.setdefault(r["period"], {})[int(r["quad"])] = r["stories"]
                view["total"] += r["stories"]
        view["chart"] = charts.both_widths(
            charts.time_bars, counts, view["start"], view["end"], "month", SERIES_TITLE
        )
        return view

    return access.cached(("dashboard_series", SERIES_MONTHS), compute)  # type: ignore[no-any-return]


SERIES_TITLE = "Stories per month by QuadClass (series)"


def feedback_form(request: Request, writable: bool) -> dict[str, Any]:
    """What the event page's "flag as wrong" form needs: whether writes are possible at all, the
    reasons, and whether the redirect after a stored flag brought the user back here."""
    return {
        "writable": writable,
        "stored": request.query_params.get("flagged") == "1",
        "reasons": [(r, REASON_LABELS.get(r, r)) for r in REASONS],
    }


def _with_bearer(request: Request, token: str) -> Request:
    """The same request carrying the form's token as ``Authorization: Bearer``, so the form is
    checked by the very function that guards every API write (read-only 403, wrong token 401)."""
    headers = [(k, v) for k, v in request.scope["headers"] if k != b"authorization"]
    headers.append((b"authorization", f"Bearer {token}".encode("latin-1", "replace")))
    return Request({**request.scope, "headers": headers})


def _form_fields(body: bytes) -> tuple[str, dict[str, str]]:
    """(token, feedback fields) from an urlencoded form; parsed here, as /try does, so no
    python-multipart is needed."""
    form = parse_qs(body.decode("utf-8", "replace"))
    fields = {name: (form.get(name) or [""])[0].strip() for name in FORM_FIELDS}
    return (form.get("token") or [""])[0].strip(), fields


def parse_bool(value: str | None, name: str) -> bool | None:
    """A query parameter meant as a yes/no filter: true/false, 1/0, yes/no; blank means no filter."""
    if value is None or not value.strip():
        return None
    low = value.strip().lower()
    if low in ("true", "1", "yes"):
        return True
    if low in ("false", "0", "no"):
        return False
    raise QueryError(f"{name} must be true or false, not {value!r}")


def register(
    app: FastAPI,
    access: StoreAccess,
    require_writer: Callable[[Request], None],
    render: Callable[..., HTMLResponse],
    build_filters: Callable[[dict[str, Any]], Any],
) -> None:
    """Add the workbench routes (see the module docstring)."""

    @app.get("/api/series", summary="Counts per period and group: stories, mentions, Goldstein, QuadClass")
    def api_series(
        request: Request,
        by: Annotated[str, Query(description=f"What a row is about: {', '.join(BY)}")] = "root",
        every: Annotated[str, Query(description=f"Period length: {', '.join(EVERY)}")] = "month",
        date: Annotated[
            str,
            Query(
                description="event: the event's own date (whole interval inside a period); "
                "published: the first report's date"
            ),
        ] = "event",
        include_historical: Annotated[
            bool, Query(description="Take historical events in (left out by default)")
        ] = False,
        actor: Annotated[str | None, Query(description="Either side: code prefix or name")] = None,
        country: Annotated[str | None, Query(description="Either actor's or the action's country")] = None,
        code: Annotated[str | None, Query(description="CAMEO event code prefix")] = None,
        root: Annotated[str | None, Query(description="CAMEO root code")] = None,
        since: Annotated[str | None, Query(description="Event dates overlapping from")] = None,
        until: Annotated[str | None, Query(description="Event dates overlapping until")] = None,
        modality: Annotated[str | None, Query(description="Only this modality")] = None,
        joint: Annotated[str | None, Query(description="true: only joint events; false: none")] = None,
        historical: Annotated[
            str | None, Query(description="true: only historical events; false: none")
        ] = None,
        top: Annotated[
            int, Query(ge=1, le=10_000, description="Only the groups with the most stories overall")
        ] = SERIES_TOP,
    ) -> dict[str, Any]:
        """One row per (period, group) with stories; ``periods`` lists every period from the first to
        the last so empty ones can be drawn as gaps; ``left_out`` says how many stories had no place."""
        params = {k: v for k, v in request.query_params.items() if k not in ("by", "every", "date", "top")}
        f = build_filters(params)
        if date not in BASES:
            raise QueryError(f"date must be one of {', '.join(BASES)}, not {date!r}")
        req = SeriesRequest(by=by, every=every, basis=date, historical=include_historical, filters=f, top=top)
        req.validate(prefix="")
        with access.reading() as store:
            return series(store, req).as_dict()  # type: ignore[arg-type]

    _add_feedback_routes(app, access, require_writer, render)


def _add_feedback_routes(
    app: FastAPI,
    access: StoreAccess,
    require_writer: Callable[[Request], None],
    render: Callable[..., HTMLResponse],
) -> None:
    """Flags on wrong events: posted through the API, the event page's form, listed, and the
    measured precision they are read against (in that order of routes)."""

    @app.post("/api/events/{story_id}/feedback", summary="Flag an event as wrong (needs the bearer token)")
    def api_feedback_post(
        request: Request,
        story_id: Annotated[str, Path(description="The story's id")],
        payload: Annotated[
            dict[str, Any],
            Body(
                examples=[{"reason": "wrong_code", "corrected_code": "043", "comment": "a host, not a visit"}]
            ),
        ],
    ) -> dict[str, Any]:
        """Body: ``reason`` (one of wrong_code, wrong_actor, not_an_event), optional ``comment``,
        ``corrected_code``, ``corrected_actor1``, ``corrected_actor2``."""
        require_writer(request)
        fields = {}
        for name in ("reason", "comment", "corrected_code", "corrected_actor1", "corrected_actor2"):
            value = payload.get(name)
            if value is not None and not isinstance(value, str):
                raise HTTPException(422, f"{name!r} must be a string")
            fields[name] = (value or "").strip()
        if not fields["reason"]:
            raise HTTPException(422, f"'reason' is required: one of {', '.join(REASONS)}")
        try:
            with access.use() as store:
                row = add_feedback(store, Feedback(story_id=story_id, **fields))
        except FeedbackError as exc:
            status = 404 if str(exc).startswith("no event") else 422
            raise HTTPException(status, str(exc)) from None
        return jsonable(row)

    _add_feedback_form(app, access, require_writer, render)
    _add_feedback_lists(app, access, render)


def _add_feedback_form(
    app: FastAPI,
    access: StoreAccess,
    require_writer: Callable[[Request], None],
    render: Callable[..., HTMLResponse],
) -> None:
    """The event page's flag form (a bearer token typed into the form stands in for the header)."""

    @app.post("/events/{story_id}/feedback", include_in_schema=False, response_model=None)
    async def feedback_form_post(request: Request, story_id: str) -> Response:
        """The event page's form: store the flag and go back to the event (303), or say why not."""
        token, fields = _form_fields(await request.body())

        def refused(status: int, message: str) -> HTMLResponse:
            return render(
                "feedback_refused.html",
                status,
                title="Feedback not stored",
                message=message,
                story_id=story_id,
            )

        try:
            require_writer(_with_bearer(request, token))
        except HTTPException as exc:
            message = "the token is wrong or missing" if exc.status_code == 401 else str(exc.detail)
            return refused(exc.status_code, message)

        def store_flag() -> None:
            with access.use() as store:
                add_feedback(store, Feedback(story_id=story_id, **fields))

        try:
            await run_in_threadpool(store_flag)  # a write: off the event loop, like the API's sync route
        except FeedbackError as exc:
            return refused(404 if str(exc).startswith("no event") else 422, str(exc))
        return RedirectResponse(f"/events/{quote(story_id, safe='')}?flagged=1#flag", status_code=303)


def _add_feedback_lists(app: FastAPI, access: StoreAccess, render: Callable[..., HTMLResponse]) -> None:
    """The flags, newest first (API and page), and the precision per root they are read against."""

    @app.get("/api/feedback", summary="Flags on wrong events, newest first")
    def api_feedback(
        limit: Annotated[int, Query(ge=1, le=500, description="Rows per page")] = 50,
        offset: Annotated[int, Query(ge=0, description="Rows to skip")] = 0,
    ) -> dict[str, Any]:
        with access.reading() as store:
            items = list_feedback(store, limit, offset)  # type: ignore[arg-type]
            total = store.backend.fetchone("SELECT count(*) FROM feedback")
        return {
            "total": int(total[0]) if total else 0,
            "limit": limit,
            "offset": offset,
            "items": jsonable(items),
        }

    @app.get("/api/precision", summary="The coder's measured precision per CAMEO root")
    def api_precision() -> dict[str, Any]:
        """Measured out of fold on the 138 dev + train gold articles (root+country matching); small
        counts are noisy."""
        return {"items": precision_by_root()}

    @app.get("/feedback", include_in_schema=False, response_class=HTMLResponse)
    def feedback_page() -> HTMLResponse:
        with access.reading() as store:
            items = jsonable(list_feedback(store, 500, 0))  # type: ignore[arg-type]
        return render("feedback.html", active="/feedback", title="Feedback", items=items)


def install_templates(env: Any) -> None:
    """Serve this module's templates from the app's Jinja environment too."""
    from jinja2 import ChoiceLoader

    env.loader = ChoiceLoader([env.loader, DictLoader(TEMPLATES)])
