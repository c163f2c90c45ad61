"""The web application: a REST API under ``/api`` and server-rendered pages over one store.

Built to run where there is no internet: FastAPI's default docs page pulls Swagger UI from a CDN, so
it is switched off and ``/docs`` is a server-rendered page made from the same OpenAPI document
(``/openapi.json``). The pages use no JavaScript; charts are SVG drawn in Python.

Security stance, in one place:

* reads are open; writes (``POST /api/articles``) need ``Authorization: Bearer <token>``; a server
  started without a token is read-only and says so (403); a missing or wrong token is 401;
* request bodies over 2 MB are refused with 413 before they are read whole;
* every value reaches the database as a bound parameter (see ``peristiwa.serve.data``);
* every page autoescapes; the highlighter escapes before it marks; a Content-Security-Policy forbids
  scripts, so even a bug in escaping would leave an article's ``<script>`` inert;
* CORS is off unless ``PERISTIWA_CORS_ORIGINS`` (comma-separated origins) turns it on.
"""

from __future__ import annotations

import hmac
import os
import threading
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peristiwa.model import MODALITIES, Article
from peristiwa.serve import charts, data
from peristiwa.serve.geomap import add_map_route
from peristiwa.serve.highlight import article_spans, highlight
from peristiwa.serve.templates import CSS, environment
from peristiwa.store.backend import StoreError
from peristiwa.store.db import Store, open_store
from peristiwa.store.query import QueryError, QueryFilters, is_code
from peristiwa.store.stories import date_interval

MAX_BODY = 2 * 1024 * 1024
DEFAULT_PAGE = 50
MAX_PAGE = 500
NAV = (("/", "Dashboard"), ("/events", "Events"), ("/actors", "Actors"), ("/try", "Try it"), ("/docs", "API"))
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
FILTER_FIELDS = (
    ("actor", "Actor (either side)", "IDN or Prabowo"),
    ("source", "Source actor", "RUSGOV"),
    ("target", "Target actor", "CHN"),
    ("country", "Country", "IDN"),
    ("code", "CAMEO code prefix", "04"),
    ("root", "Root code", "04"),
    ("since", "Since", "2024-05"),
    ("until", "Until", "2024-12-31"),
    ("text", "Sentence contains", "gencatan senjata"),
)

CoderFactory = Callable[[], Any]


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, declared or streamed.

    A declared Content-Length is checked before anything is read; a chunked body is counted as it
    arrives and cut off at the limit, so a client cannot make the server buffer gigabytes.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    await self._refuse(send)
                    return
        seen = 0
        started = refused = False

        async def counting_receive() -> Message:
            # Over the limit: answer 413 now and tell the app the client went away, so whatever the
            # app does with the body (FastAPI turns read errors into 400) never reaches the client.
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    if not started:
                        await self._refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counting_receive, guarded_send)

    async def _refuse(self, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body too large: the limit is {self.limit // (1024 * 1024)} MB"}, 413
        )
        await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})


def _default_coder() -> Any:
    from peristiwa.coding.coder import default_coder

    return default_coder()


class CoderHolder:
    """The coder, loaded on first use (the NLP model takes seconds) and used by one thread at a time."""

    def __init__(self, factory: CoderFactory) -> None:
        self.factory = factory
        self._coder: Any = None
        self.lock = threading.Lock()

    def get(self) -> Any:
        if self._coder is None:
            self._coder = self.factory()
        return self._coder


def _day(value: str | None, name: str, end: bool = False) -> date | None:
    if value is None or not value.strip():
        return None
    interval = date_interval(value.strip())
    if interval is None:
        raise QueryError(f"{name}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return interval[1] if end else interval[0]


def build_filters(params: dict[str, Any]) -> QueryFilters:
    """Request parameters -> the CLI's QueryFilters; empty strings (blank form fields) mean no filter."""

    def get(name: str) -> str | None:
        value = params.get(name)
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    quad = get("quad")
    if quad is not None and not quad.isdigit():
        raise QueryError(f"quad must be 1, 2, 3 or 4, not {quad!r}")
    f = QueryFilters(
        actor=get("actor"),
        source=get("source"),
        target=get("target"),
        country=get("country"),
        code=get("code"),
        root=get("root"),
        quad=int(quad) if quad is not None else None,
        since=_day(get("since"), "since"),
        until=_day(get("until"), "until", end=True),
        published_since=_day(get("published_since"), "published_since"),
        modality=get("modality"),
        text=get("text"),
    )
    f.validate()
    return f


def _page_args(params: dict[str, Any]) -> tuple[int, int]:
    try:
        limit = int(params.get("limit") or DEFAULT_PAGE)
        offset = int(params.get("offset") or 0)
    except ValueError:
        raise QueryError("limit and offset must be whole numbers") from None
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise QueryError("offset must not be negative")
    return limit, offset


def create_app(
    db: str | None = None,
    *,
    store: Store | None = None,
    token: str | None = None,
    cors_origins: list[str] | None = None,
    coder_factory: CoderFactory | None = None,
) -> FastAPI:
    """The app over the store at ``db`` (or an open ``store``, for tests).

    With a ``token`` the store is opened for writing (DuckDB then allows no other writer process);
    without one it is opened read-only and ``POST /api/articles`` answers 403.
    """
    if store is None:
        if db is None:
            from peristiwa.config import db_url

            db = db_url()
        store = open_store(db, read_only=not token)
    access = data.StoreAccess(store, writable=bool(token))
    coder = CoderHolder(coder_factory or _default_coder)
    env = environment()

    app = FastAPI(
        title="peristiwa API",
        version=_version(),
        description="CAMEO-coded political events from Indonesian news, with their evidence.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.access = access
    app.state.coder = coder
    add_map_route(app, access)  # /map: serve/geomap.py
    if cors_origins is None:
        raw = os.environ.get("PERISTIWA_CORS_ORIGINS", "")
        cors_origins = [o.strip() for o in raw.split(",") if o.strip()]
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, limit=MAX_BODY)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, 422)
        return render("error.html", 400, title="Bad request", message=str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return JSONResponse({"detail": str(exc)}, 503)

    def render(name: str, status: int = 200, active: str = "", **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(nav=NAV, active=active, quad_names=charts.QUAD_NAMES, **context)
        return HTMLResponse(html, status)

    def require_writer(request: Request) -> None:
        if not token:
            raise HTTPException(
                403, "this server is read-only: start it with --token or PERISTIWA_TOKEN to allow writes"
            )
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(
                401,
                "a valid bearer token is required: Authorization: Bearer <PERISTIWA_TOKEN>",
                headers={"WWW-Authenticate": "Bearer"},
            )

    # ------------------------------------------------------------------------------------ API
    @app.get("/api/events", summary="Story-level events, filtered and paginated")
    def api_events(
        request: Request,
        actor: Annotated[str | None, Query(description="Either side: code prefix (RUS) or name")] = None,
        source: Annotated[str | None, Query(description="Actor1: code prefix or name")] = None,
        target: Annotated[str | None, Query(description="Actor2: code prefix or name")] = None,
        country: Annotated[str | None, Query(description="Either actor's or the action's country")] = None,
        code: Annotated[str | None, Query(description="CAMEO event code prefix (04, 042)")] = None,
        root: Annotated[str | None, Query(description="CAMEO root code")] = None,
        quad: Annotated[str | None, Query(description="QuadClass 1-4")] = None,
        since: Annotated[str | None, Query(description="Event dates overlapping from (2024-05)")] = None,
        until: Annotated[str | None, Query(description="Event dates overlapping until")] = None,
        published_since: Annotated[str | None, Query(description="Reported on or after")] = None,
        modality: Annotated[str | None, Query(description=", ".join(MODALITIES))] = None,
        text: Annotated[str | None, Query(description="An evidence sentence contains (substring)")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """The same filters as ``peristiwa query``; newest first."""
        f = build_filters(dict(request.query_params))
        return data.list_events(access, f, limit, offset).as_dict()

    @app.get("/api/events/{story_id}", summary="One event with all its evidence")
    def api_event(story_id: str) -> dict[str, Any]:
        """Mentions with sentences, trigger and actor spans (offsets into the sentence), rules, articles."""
        story = data.get_event(access, story_id)
        if story is None:
            raise HTTPException(404, f"no event {story_id!r}")
        return story

    @app.get("/api/articles", summary="Stored articles, newest first")
    def api_articles(
        q: Annotated[str | None, Query(description="Title contains, or exact article id")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        return data.list_articles(access, limit, offset, q).as_dict()

    @app.get("/api/articles/{article_id}", summary="One article: text, sentences, events, facts")
    def api_article(article_id: str) -> dict[str, Any]:
        art = data.get_article(access, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return art

    @app.get("/api/actors", summary="Actor codes by number of events")
    def api_actors(
        prefix: Annotated[str | None, Query(description="Code prefix (IDN)")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        return data.list_actors(access, limit, offset, prefix).as_dict()

    @app.get("/api/actors/{code}", summary="One actor: activity per month, counterparts, event types")
    def api_actor(code: str) -> dict[str, Any]:
        actor = data.get_actor(access, code)
        if actor is None:
            raise HTTPException(404, f"no events with actor {code!r}")
        return actor

    @app.get("/api/stats", summary="Counts by root code, QuadClass and month; top dyads")
    def api_stats(top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
        return data.stats(access, top)

    @app.post("/api/code", summary="Code a pasted article without storing it")
    def api_code(
        payload: Annotated[dict[str, Any], Body(examples=[{"text": "Presiden Prabowo bertemu Xi Jinping."}])],
    ) -> dict[str, Any]:
        """Body: ``{"text": ..., "published": "YYYY-MM-DD"?, "title": ...?}``; returns the event records."""
        article = _article_from(payload, default_id="pasted")
        coded = _code(coder, article)
        return {
            "language": coded.language,
            "sentences": [{"index": s.index, "start": s.start, "end": s.end} for s in coded.sentences],
            "events": [_event_record(e) for e in coded.events],
            "facts": [x.to_record() for x in coded.facts],
            "warnings": coded.warnings,
        }

    @app.post("/api/articles", summary="Ingest articles (needs the bearer token)", status_code=200)
    def api_ingest(request: Request, payload: Annotated[Any, Body()]) -> dict[str, Any]:
        """Body: one article object or a list (``id``, ``text``, optional ``title``, ``published``,
        ``url``, ``outlet``). Idempotent, like ``peristiwa ingest``."""
        require_writer(request)
        from peristiwa.store.ingest import ingest

        items = payload if isinstance(payload, list) else [payload]
        if not items or len(items) > 1000:
            raise HTTPException(422, "send between 1 and 1000 articles")
        articles = [_article_from(item) for item in items]
        with coder.lock, access.use() as s:
            summary = ingest(s, articles, coder.get())
        return {
            "new": summary.new,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "events": summary.events,
            "errors": summary.errors,
            "summary": summary.line(),
        }

    # ------------------------------------------------------------------------------------ pages
    @app.get("/static/style.css", include_in_schema=False)
    def style() -> Response:
        return Response(CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs_page() -> HTMLResponse:
        return render("docs.html", active="/docs", title="API", spec=app.openapi())

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def dashboard() -> HTMLResponse:
        st = data.stats(access, 10)
        weekly = data.weekly_by_quad(access)
        weeks = sorted({r["week"] for r in weekly})
        at = {w: i for i, w in enumerate(weeks)}
        series = {q: [0] * len(weeks) for q in (1, 2, 3, 4)}
        for r in weekly:
            if r["quad"] in series:
                series[r["quad"]][at[r["week"]]] = r["n"]
        months = st["by_month"][-36:]
        latest = data.list_events(access, QueryFilters(), 15, 0).items
        return render(
            "dashboard.html",
            active="/",
            title="Dashboard",
            totals=st["totals"],
            dyads=st["top_dyads"],
            latest=latest,
            quads=[(q, charts.QUAD_NAMES[q], charts.QUAD_COLOURS[q]) for q in (1, 2, 3, 4)],
            weekly_chart=charts.stacked_bars(weeks, series, "Events per week by QuadClass"),
            goldstein_chart=charts.line(
                [(m["month"], float(m["goldstein"] or 0)) for m in months], "Mean Goldstein per month"
            ),
        )

    @app.get("/events", include_in_schema=False, response_class=HTMLResponse)
    def events_page(request: Request) -> HTMLResponse:
        params = dict(request.query_params)
        values = {name: params.get(name, "") for name, _, _ in FILTER_FIELDS}
        values["quad"] = params.get("quad", "")
        values["modality"] = params.get("modality", "")
        error = None
        try:
            f = build_filters(params)
            limit, offset = _page_args(params)
            page = data.list_events(access, f, limit, offset)
        except QueryError as exc:
            error = str(exc)
            page = data.Page([], 0, DEFAULT_PAGE, 0)
            limit, offset = DEFAULT_PAGE, 0
        kept = {k: v for k, v in params.items() if v and k not in ("offset",)}
        prev_url = next_url = None
        if offset > 0:
            prev_url = "/events?" + urlencode({**kept, "offset": max(offset - limit, 0)})
        if offset + limit < page.total:
            next_url = "/events?" + urlencode({**kept, "offset": offset + limit})
        return render(
            "events.html",
            400 if error else 200,
            active="/events",
            title="Events",
            fields=FILTER_FIELDS,
            values=values,
            modalities=MODALITIES,
            page=page,
            error=error,
            prev_url=prev_url,
            next_url=next_url,
        )

    @app.get("/events/{story_id}", include_in_schema=False, response_class=HTMLResponse)
    def event_page(story_id: str) -> HTMLResponse:
        story = data.get_event(access, story_id)
        if story is None:
            return render("error.html", 404, title="Not found", message=f"No event {story_id}.")
        for m in story["mentions"]:
            m["highlighted"] = highlight(m["sentence"] or "", m["spans"])
        return render("event.html", active="/events", title=f"Event {story_id}", e=story)

    @app.get("/articles/{article_id}", include_in_schema=False, response_class=HTMLResponse)
    def article_page(article_id: str) -> HTMLResponse:
        art = data.get_article(access, article_id)
        if art is None:
            return render("error.html", 404, title="Not found", message=f"No article {article_id}.")
        return render(
            "article.html",
            title=art["title"] or article_id,
            a=art,
            highlighted=highlight(art["text"] or "", article_spans(art["events"])),
        )

    @app.get("/actors", include_in_schema=False, response_class=HTMLResponse)
    def actors_page(prefix: str | None = None) -> HTMLResponse:
        page = data.list_actors(access, 200, 0, prefix or None)
        return render("actors.html", active="/actors", title="Actors", page=page, prefix=prefix)

    @app.get("/actors/{code}", include_in_schema=False, response_class=HTMLResponse)
    def actor_page(code: str) -> HTMLResponse:
        actor = data.get_actor(access, code)
        if actor is None:
            return render("error.html", 404, title="Not found", message=f"No events with actor {code}.")
        latest = data.list_events(access, QueryFilters(actor=code), 20, 0).items if is_code(code) else []
        months = actor["by_month"]
        return render(
            "actor.html",
            active="/actors",
            title=f"Actor {code}",
            a=actor,
            latest=latest,
            time_chart=charts.line(
                [(m["month"], float(m["goldstein"] or 0)) for m in months],
                f"{code}: mean Goldstein of its events per month",
            )
            + charts.stacked_bars(
                [m["month"] for m in months],
                {0: [m["stories"] for m in months]},
                f"{code}: events per month",
                height=160,
            ),
            network_chart=charts.network(
                code,
                [(c["other"], c["stories"], float(c["goldstein"] or 0)) for c in actor["counterparts"]],
                f"{code} and its counterparts",
            ),
        )

    @app.get("/try", include_in_schema=False, response_class=HTMLResponse)
    def try_page() -> HTMLResponse:
        return render("try.html", active="/try", title="Try it", events=None)

    @app.post("/try", include_in_schema=False, response_class=HTMLResponse)
    async def try_submit(request: Request) -> HTMLResponse:
        # The form is parsed here rather than by FastAPI's Form(), which would need python-multipart.
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        text = (form.get("text") or [""])[0]
        published = (form.get("published") or [""])[0]
        context: dict[str, Any] = {"text": text, "published": published, "events": None}
        try:
            article = _article_from({"text": text, "published": published or None}, default_id="pasted")
        except HTTPException as exc:
            return render("try.html", 422, active="/try", title="Try it", error=exc.detail, **context)
        from starlette.concurrency import run_in_threadpool

        coded = await run_in_threadpool(_code, coder, article)
        records = [_event_record(e) for e in coded.events]
        context["events"] = records
        context["highlighted"] = highlight(article.text, article_spans(records))
        return render("try.html", active="/try", title="Try it", **context)

    return app


def _version() -> str:
    import peristiwa

    return getattr(peristiwa, "__version__", "0")


def _article_from(payload: Any, default_id: str | None = None) -> Article:
    """A request body -> Article, with one clear 422 for each thing that is wrong."""
    if not isinstance(payload, dict):
        raise HTTPException(422, "an article is a JSON object with at least 'text'")
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        raise HTTPException(422, "'text' must be a non-empty string")
    art_id = payload.get("id", default_id)
    if not isinstance(art_id, str) or not art_id.strip():
        raise HTTPException(422, "'id' must be a non-empty string")
    published = payload.get("published")
    pub: date | None = None
    if published not in (None, ""):
        try:
            pub = date.fromisoformat(str(published))
        except ValueError:
            raise HTTPException(422, f"'published' must be YYYY-MM-DD, not {published!r}") from None
    fields = {}
    for name in ("title", "url", "outlet"):
        value = payload.get(name)
        if value is not None and not isinstance(value, str):
            raise HTTPException(422, f"{name!r} must be a string")
        fields[name] = value
    return Article(id=art_id.strip(), text=text, published=pub, source="api", **fields)


def _code(holder: CoderHolder, article: Article) -> Any:
    with holder.lock:
        return holder.get().code_article(article)


def _event_record(ev: Any) -> dict[str, Any]:
    """The coder's record plus the actors' spans (what the highlighter needs)."""
    rec = ev.to_record()
    rec["actor1_start"], rec["actor1_end"] = ev.actor1.start, ev.actor1.end
    a2 = ev.actor2
    rec["actor2_start"], rec["actor2_end"] = (a2.start, a2.end) if a2 else (None, None)
    return rec
