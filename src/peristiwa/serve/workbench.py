"""The analyst's workbench in the web app: series, feedback and the coder's measured precision.

:func:`register` adds these routes to the app ``create_app`` builds (kept here so the app module
stays one place for the core pages):

* ``GET /api/series``: the series of ``peristiwa series`` (same parameters, same meaning);
* ``POST /api/events/{story_id}/feedback`` (bearer token, like every write): flag a story as wrong;
* ``GET /api/feedback`` and the page ``/feedback``: the flags, newest first;
* ``GET /api/precision``: the coder's precision per CAMEO root on the dev gold set, which
  ``/api/stats`` also puts next to its counts per root.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Body, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import DictLoader

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
TEMPLATES = {"feedback.html": FEEDBACK_PAGE}
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
        """Measured on the 40 dev gold articles (root+country matching); small counts are noisy."""
        return {"items": precision_by_root()}

    @app.get("/feedback", include_in_schema=False, response_class=HTMLResponse)
    def feedback_page() -> HTMLResponse:
        with access.reading() as store:
            items = jsonable(list_feedback(store, 500, 0))  # type: ignore[arg-type]
        return render("feedback.html", title="Feedback", items=items)


def install_templates(env: Any) -> None:
    """Serve this module's templates from the app's Jinja environment too."""
    from jinja2 import ChoiceLoader

    env.loader = ChoiceLoader([env.loader, DictLoader(TEMPLATES)])
