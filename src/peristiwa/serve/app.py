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

Load stance (see ``docs/web.md`` for the measurements): coding (``POST /api/code``, ``/try``,
``POST /api/articles``) runs in a bounded pool of worker processes (``peristiwa.serve.pool``), never
on the event loop; a full pool is 503 with ``Retry-After``, a job past the time limit 503, a text
past :data:`MAX_CODE_CHARS` 413. Reads use a cursor per thread and cached dashboard aggregates
(``peristiwa.serve.data``, ``peristiwa.serve.source``). Every error is an answer with the security
headers: 4xx naming the parameter, 503 when the store file is gone or unreadable, never a bare 500.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Body, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peristiwa.model import MODALITIES, Article
from peristiwa.serve import charts, data, pages, workbench
from peristiwa.serve.cache import ResponseCache
from peristiwa.serve.geomap import add_map_route
from peristiwa.serve.highlight import article_spans, highlight
from peristiwa.serve.pool import (
    DEFAULT_TIME_LIMIT,
    RETRY_AFTER,
    CodingPool,
    CodingResult,
    CodingTimeout,
    PoolFull,
)
from peristiwa.serve.source import SnapshotSource, open_source
from peristiwa.serve.templates import CSS, environment
from peristiwa.store.backend import StoreError
from peristiwa.store.db import Store
from peristiwa.store.query import QueryError, QueryFilters, is_code
from peristiwa.store.stories import date_interval

MAX_BODY = 2 * 1024 * 1024
MAX_CODE_CHARS = 100_000  # characters of text one POST /api/code or /try may ask to code (413 past it)
MAX_ARTICLE_CHARS = 1_000_000  # characters of one article's text in POST /api/articles (413 past it)
MAX_OFFSET = pages.MAX_OFFSET  # paginated endpoints: a larger offset is 422, not a database overflow
PUBLISHED_RANGE = (date(1800, 1, 1), date(2199, 12, 31))  # what 'published' may be: dates resolve near it
DEFAULT_PAGE = 50
MAX_PAGE = 500
NAV = (
    ("/", "Dashboard"),
    ("/events", "Events"),
    ("/articles", "Articles"),
    ("/actors", "Actors"),
    ("/try", "Try it"),
    ("/feedback", "Feedback"),
    ("/docs", "API"),
)
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
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
        if self._declared_too_large(scope):
            await self._refuse(send)
            return
        body = _CountedBody(self, receive, send)
        await self.app(scope, body.receive, body.send)

    def _declared_too_large(self, scope: Scope) -> bool:
        """A Content-Length over the limit (or one that is not a number)."""
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    return True
        return False

    async def _refuse(self, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body too large: the limit is {self.limit // (1024 * 1024)} MB"}, 413
        )
        await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})


class _CountedBody:
    """One request's body counted as it arrives (a chunked body declares no length)."""

    def __init__(self, limit: BodyLimit, receive: Receive, send: Send) -> None:
        self.limit = limit
        self._receive = receive
        self._send = send
        self.seen = 0
        self.started = self.refused = False

    async def receive(self) -> Message:
        # Over the limit: answer 413 now and tell the app the client went away, so whatever the
        # app does with the body (FastAPI turns read errors into 400) never reaches the client.
        if self.refused:
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self.limit.limit:
                self.refused = True
                if not self.started:
                    await self.limit._refuse(self._send)
                return {"type": "http.disconnect"}
        return message

    async def send(self, message: Message) -> None:
        if self.refused:
            return
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


def _default_coder() -> Any:
    from peristiwa.coding.coder import default_coder

    return default_coder()


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
    if quad is not None and not (quad.isascii() and quad.isdigit()):
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
        joint=workbench.parse_bool(get("joint"), "joint"),
        historical=workbench.parse_bool(get("historical"), "historical"),
        action_country=get("action_country"),
        action_adm1=get("action_adm1"),
    )
    f.validate(prefix="")
    return f


def create_app(
    db: str | None = None,
    *,
    store: Store | None = None,
    token: str | None = None,
    cors_origins: list[str] | None = None,
    coder_factory: CoderFactory | None = None,
    code_workers: int | None = None,
    code_pool: str = "process",
    code_queue: int | None = None,
    code_time_limit: float = DEFAULT_TIME_LIMIT,
    create: bool = True,
    warm: bool = False,
) -> FastAPI:
    """The app over the store at ``db`` (or an open ``store``, for tests).

    With a ``token`` the store is opened for writing (DuckDB then allows no other writer process;
    ``create=False`` refuses a file that does not exist); without one a DuckDB file is read through
    a snapshot refreshed when the file changes, so ``peristiwa ingest`` can write it meanwhile
    (``peristiwa.serve.source``), and ``POST /api/articles`` answers 403. ``code_*`` size the coding
    pool (``peristiwa.serve.pool``); ``warm`` loads the coders at start instead of on first use.
    """
    access = _open_access(db, store, token, create)
    pool = CodingPool(
        coder_factory or _default_coder,
        workers=code_workers,
        queue=code_queue,
        kind=code_pool,
        time_limit=code_time_limit,
    )
    env = environment()
    workbench.install_templates(env)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            pool.warm()
        yield
        pool.close()
        if isinstance(access.source, SnapshotSource):  # uvicorn re-raises SIGTERM: no atexit after it
            access.source.close()

    app = FastAPI(
        title="peristiwa API",
        version=_version(),
        description="CAMEO-coded political events from Indonesian news, with their evidence.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.access = access
    app.state.pool = pool
    app.add_middleware(ResponseCache, access=access)  # innermost: CORS and limits act on cached answers too
    add_map_route(app, access)  # /map: serve/geomap.py
    _add_outer_middleware(app, cors_origins)
    render = _renderer(env)
    require_writer = _writer_check(token)
    _add_app_error_handlers(app, render)
    _add_read_api(app, access)
    _add_write_api(app, access, pool, require_writer)
    workbench.register(app, access, require_writer, render, build_filters)
    _add_pages(app, access, render, token)
    _add_try_pages(app, pool, render)
    return app


def _open_access(db: str | None, store: Store | None, token: str | None, create: bool) -> data.StoreAccess:
    """What the requests read through: the store handed in (tests), else the source for ``db``."""
    if store is None:
        if db is None:
            from peristiwa.config import db_url

            db = db_url()
        access = data.StoreAccess(open_source(db, token=bool(token), create=create))
    else:
        access = data.StoreAccess(store, writable=bool(token))
    return access


def _add_outer_middleware(app: FastAPI, cors_origins: list[str] | None) -> None:
    """CORS (only when origins are configured), the body limit, and the security headers."""
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
        try:
            response: Response = await call_next(request)
        except Exception as exc:  # (a bug still gets an answer with the headers)
            response = _unexpected(request, exc)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response


Render = Callable[..., HTMLResponse]


def _renderer(env: Any) -> Render:
    """``render(template, status, active, **context)`` over the app's Jinja environment."""

    def render(name: str, status: int = 200, active: str = "", **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(nav=NAV, active=active, quad_names=charts.QUAD_NAMES, **context)
        return HTMLResponse(html, status)

    return render


def _writer_check(token: str | None) -> Callable[[Request], None]:
    """The check a write route makes: 403 on a read-only server, 401 without the right bearer token."""

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

    return require_writer


def _add_app_error_handlers(app: FastAPI, render: Render) -> None:
    """A bad filter is 422 on the API and a 400 page elsewhere; a store failure is 503."""

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, 422)
        return render("error.html", 400, title="Bad request", message=str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return JSONResponse({"detail": str(exc)}, 503, headers={"Retry-After": str(RETRY_AFTER)})

    _add_error_handlers(app)


def _add_read_api(app: FastAPI, access: data.StoreAccess) -> None:
    """The read endpoints under ``/api``: events here, then articles, actors and stats."""

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
        joint: Annotated[
            str | None, Query(description="true: only joint events (split or reversed); false: none")
        ] = None,
        historical: Annotated[
            str | None, Query(description="true: only historical events; false: none")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page")] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")] = 0,
        action_country: Annotated[
            str | None,
            Query(description="Where it happened: FIPS (ID, as ActionGeo_CountryCode) or CAMEO (IDN)"),
        ] = None,
        action_adm1: Annotated[
            str | None, Query(description="Where it happened: GDELT ADM1 code (ID04, as ActionGeo_ADM1Code)")
        ] = None,
    ) -> dict[str, Any]:
        """The same filters as ``peristiwa query``; newest first."""
        f = build_filters(dict(request.query_params))
        return data.list_events(access, f, limit, offset).as_dict()

    @app.get("/api/events/{story_id}", summary="One event with all its evidence")
    def api_event(
        story_id: Annotated[str, Path(description="The story's id (16 hex digits)")],
    ) -> dict[str, Any]:
        """Mentions with sentences, trigger and actor spans (offsets into the sentence), rules, articles."""
        story = data.get_event(access, story_id)
        if story is None:
            raise HTTPException(404, f"no event {story_id!r}")
        return story

    _add_store_api(app, access)


def _add_store_api(app: FastAPI, access: data.StoreAccess) -> None:
    """``/api/articles``, ``/api/actors`` (lists and one of each) and ``/api/stats``."""

    @app.get("/api/articles", summary="Stored articles, newest first")
    def api_articles(
        q: Annotated[str | None, Query(description="Title contains, or exact article id")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page")] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")] = 0,
    ) -> dict[str, Any]:
        return data.list_articles(access, limit, offset, q).as_dict()

    @app.get("/api/articles/{article_id}", summary="One article: text, sentences, events, facts")
    def api_article(article_id: Annotated[str, Path(description="The article's id")]) -> dict[str, Any]:
        art = data.get_article(access, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return art

    @app.get("/api/actors", summary="Actor codes by number of events")
    def api_actors(
        prefix: Annotated[str | None, Query(description="Code prefix (IDN)")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page")] = DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")] = 0,
    ) -> dict[str, Any]:
        return data.list_actors(access, limit, offset, prefix).as_dict()

    @app.get("/api/actors/{code}", summary="One actor: activity per month, counterparts, event types")
    def api_actor(
        code: Annotated[str, Path(description="An actor code, exactly (IDNGOV)")],
    ) -> dict[str, Any]:
        actor = data.get_actor(access, code)
        if actor is None:
            raise HTTPException(404, f"no events with actor {code!r}")
        return actor

    @app.get("/api/stats", summary="Counts by root code, QuadClass and month; top dyads")
    def api_stats(
        top: Annotated[int, Query(ge=1, le=100, description="How many dyads in top_dyads")] = 10,
    ) -> dict[str, Any]:
        """Each ``by_root`` row carries the CAMEO name and the coder's measured precision for that root."""
        return workbench.add_precision(data.stats(access, top))


def _add_write_api(
    app: FastAPI, access: data.StoreAccess, pool: CodingPool, require_writer: Callable[[Request], None]
) -> None:
    """``POST /api/code`` (coding without storing) and ``POST /api/articles`` (ingest, token only)."""

    @app.post("/api/code", summary="Code a pasted article without storing it")
    async def api_code(
        payload: Annotated[dict[str, Any], Body(examples=[{"text": "Presiden Prabowo bertemu Xi Jinping."}])],
    ) -> dict[str, Any]:
        """Body: ``{"text": ..., "published": "YYYY-MM-DD"?, "title": ...?}``; returns the event records.

        ``text`` may hold up to 100,000 characters (413 past it). Coded in the server's pool: 503
        with ``Retry-After`` when it is full or the text takes longer than the time limit.
        """
        article = _article_from(payload, default_id="pasted", max_chars=MAX_CODE_CHARS)
        coded = await _code_one(pool, article)
        return {
            "language": coded.language,
            "sentences": [{"index": s.index, "start": s.start, "end": s.end} for s in coded.sentences],
            "events": [_event_record(e) for e in coded.events],
            "facts": [x.to_record() for x in coded.facts],
            "warnings": coded.warnings,
        }

    @app.post("/api/articles", summary="Ingest articles (needs the bearer token)", status_code=200)
    async def api_ingest(request: Request, payload: Annotated[Any, Body()]) -> dict[str, Any]:
        """Body: one article object or a list (``id``, ``text``, optional ``title``, ``published``,
        ``url``, ``outlet``). Idempotent, like ``peristiwa ingest``.

        All or nothing: every article is checked and coded before anything is written, and then all
        are written in one transaction. One article that is malformed (422) or that the coder fails
        on (422, ``refused`` lists each with its index and id) means none is stored.
        """
        require_writer(request)
        items = payload if isinstance(payload, list) else [payload]
        if not items or len(items) > 1000:
            raise HTTPException(422, "send between 1 and 1000 articles")
        articles = [_article_from(item, index=i if isinstance(payload, list) else None)
                    for i, item in enumerate(items)]
        result = await _pooled(pool, articles)
        if result.failed:
            refused = [{"index": i, "id": art_id, "error": why} for i, art_id, why in result.failed]
            raise HTTPException(
                422,
                {"message": f"{len(refused)} of {len(articles)} article(s) could not be coded; "
                 "nothing was stored", "refused": refused, "stored": 0},
            )
        summary = await run_in_threadpool(_store_coded, access, articles, result)
        return {
            "new": summary.new,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "events": summary.events,
            "errors": summary.errors,
            "summary": summary.line(),
        }


def _add_pages(app: FastAPI, access: data.StoreAccess, render: Render, token: str | None) -> None:
    """The server-rendered pages: docs, the dashboard and lists (``pages``), events, articles, actors."""

    @app.get("/static/style.css", include_in_schema=False)
    def style() -> Response:
        return Response(CSS, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs_page() -> HTMLResponse:
        return render("docs.html", active="/docs", title="API", spec=app.openapi())

    # The dashboard, /events (+ .csv, .parquet) and /articles: peristiwa.serve.pages.
    pages.register(app, access, render)

    @app.get("/events/{story_id}", include_in_schema=False, response_class=HTMLResponse)
    def event_page(request: Request, story_id: str) -> HTMLResponse:
        story = data.get_event(access, story_id)
        if story is None:
            return render("error.html", 404, title="Not found", message=f"No event {story_id}.")
        for m in story["mentions"]:
            m["highlighted"] = highlight(m["sentence"] or "", m["spans"])
        feedback = workbench.feedback_form(request, writable=bool(token))
        return render("event.html", active="/events", title=f"Event {story_id}", e=story, feedback=feedback)

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

    _add_actor_pages(app, access, render)


def _add_actor_pages(app: FastAPI, access: data.StoreAccess, render: Render) -> None:
    """``/actors`` and one actor's page (its events, time chart, counterparts and map)."""

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
        return render(
            "actor.html",
            active="/actors",
            title=f"Actor {code}",
            a=actor,
            latest=latest,
            time_chart=pages.actor_time_chart(access, code),
            network_chart=charts.network(
                code,
                [(c["other"], c["stories"], float(c["goldstein"] or 0)) for c in actor["counterparts"]],
                f"{code} and its counterparts",
            ),
            map_panel=pages.actor_map(access, code),
        )


def _add_try_pages(app: FastAPI, pool: CodingPool, render: Render) -> None:
    """``/try``: paste a text, see what the coder makes of it (nothing stored)."""

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
            article = _article_from(
                {"text": text, "published": published or None}, default_id="pasted", max_chars=MAX_CODE_CHARS
            )
            coded = await _code_one(pool, article)
        except HTTPException as exc:
            detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
            if exc.status_code == 503:
                context["text"] = text
            page = render("try.html", exc.status_code, active="/try", title="Try it", error=detail, **context)
            page.headers.update(exc.headers or {})  # Retry-After on a busy coder
            return page
        records = [_event_record(e) for e in coded.events]
        context["events"] = records
        context["highlighted"] = highlight(article.text, article_spans(records))
        return render("try.html", active="/try", title="Try it", **context)


def _version() -> str:
    import peristiwa

    return getattr(peristiwa, "__version__", "0")


def _string_problem(value: str) -> str | None:
    """Why a request string cannot be stored or coded (a lone surrogate, a NUL), or None."""
    for i, ch in enumerate(value):
        if "\ud800" <= ch <= "\udfff":
            return f"holds a lone surrogate (U+{ord(ch):04X}) at character {i}: not valid Unicode text"
        if ch == "\x00":
            return f"holds a NUL character at character {i}"
    return None


def _article_from(
    payload: Any,
    default_id: str | None = None,
    *,
    index: int | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> Article:
    """A request body -> Article, with one clear 4xx naming the field for each thing that is wrong.

    ``index``: the article's place in a list body, named in every message (``articles[31].text``).
    """
    where = f"articles[{index}]." if index is not None else ""

    def bad(name: str, message: str, status: int = 422) -> HTTPException:
        return HTTPException(status, f"'{where}{name}' {message}")

    if not isinstance(payload, dict):
        raise HTTPException(422, f"{where or 'an article '}must be a JSON object with at least 'text'")
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad("text", "must be a non-empty string")
    if len(text) > max_chars:
        raise bad("text", f"is {len(text):,} characters long; the limit is {max_chars:,}", 413)
    art_id = payload.get("id", default_id)
    if not isinstance(art_id, str) or not art_id.strip():
        raise bad("id", "must be a non-empty string")
    pub = _published_of(payload.get("published"), bad)
    fields = _optional_strings(payload, bad)
    for name, value in (("text", text), ("id", art_id), *fields.items()):
        problem = _string_problem(value) if isinstance(value, str) else None
        if problem:
            raise bad(name, problem)
    return Article(id=art_id.strip(), text=text, published=pub, source="api", **fields)


def _published_of(published: Any, bad: Callable[[str, str], HTTPException]) -> date | None:
    """An article's ``published``: absent or blank, else an ISO date within :data:`PUBLISHED_RANGE`."""
    if published in (None, ""):
        return None
    try:
        pub = date.fromisoformat(str(published))
    except ValueError:
        raise bad("published", f"must be YYYY-MM-DD, not {str(published)[:40]!r}") from None
    low, high = PUBLISHED_RANGE
    if not low <= pub <= high:
        raise bad("published", f"must be between {low} and {high}, not {pub}")
    return pub


def _optional_strings(payload: dict[str, Any], bad: Callable[[str, str], HTTPException]) -> dict[str, Any]:
    """``title``, ``url`` and ``outlet``: each absent (None) or a string."""
    fields = {}
    for name in ("title", "url", "outlet"):
        value = payload.get(name)
        if value is not None and not isinstance(value, str):
            raise bad(name, "must be a string")
        fields[name] = value
    return fields


async def _pooled(pool: CodingPool, articles: Sequence[Article]) -> CodingResult:
    """Code in the pool; a full pool or a job past the time limit is 503 with Retry-After."""
    try:
        return await pool.code(articles)
    except PoolFull as exc:
        raise HTTPException(
            503, f"the coder is busy ({exc}); try again shortly", headers={"Retry-After": str(RETRY_AFTER)}
        ) from None
    except CodingTimeout as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": str(RETRY_AFTER)}) from None


async def _code_one(pool: CodingPool, article: Article) -> Any:
    result = await _pooled(pool, [article])
    if result.failed or not result.coded:
        why = result.failed[0][2] if result.failed else "no result"
        raise HTTPException(422, f"'text' could not be coded: {why}")
    return result.coded[0]


class _Precoded:
    """Articles the pool already coded, handed to ``ingest`` as if by a coder of that version."""

    def __init__(self, result: CodingResult) -> None:
        self.version = result.version
        self._by_id = {c.article.id: c for c in result.coded}

    def code_articles(self, articles: Any) -> Any:
        for article in articles:
            yield self._by_id[article.id]


def _store_coded(access: data.StoreAccess, articles: list[Article], result: CodingResult) -> Any:
    """Write coded articles in ONE transaction (one batch), so a failure stores none of them."""
    from peristiwa.store.ingest import ingest

    with access.use() as s:
        one_batch = len(articles) + 1
        return ingest(s, articles, _Precoded(result), batch_size=one_batch, batch_seconds=float("inf"))


def _unexpected(request: Request, exc: Exception) -> Response:
    """The answer to an exception nothing else handled: a store failure is 503, anything else 500.

    Either way it is JSON with the security headers (the caller adds them), and it is logged.
    """
    if _is_database_error(exc):
        return JSONResponse(
            {"detail": f"the store cannot be read: {(str(exc).splitlines() or [''])[0][:300]}"},
            503,
            headers={"Retry-After": str(RETRY_AFTER)},
        )
    logging.getLogger("peristiwa.serve").exception("unexpected error on %s", request.url.path)
    return JSONResponse({"detail": f"internal error ({exc.__class__.__name__}); it has been logged"}, 500)


def _is_database_error(exc: Exception) -> bool:
    """The database failed underneath (I/O, a corrupt or truncated file, a lost connection).

    Not a query the server got wrong (a conversion or binder error is a bug: 500, logged).
    """
    try:
        import duckdb

        failures = (
            duckdb.IOException,
            duckdb.InternalException,
            duckdb.FatalException,
            duckdb.SerializationException,
        )
        if isinstance(exc, failures):
            return True
    except ImportError:  # pragma: no cover
        pass
    return type(exc).__name__ in ("OperationalError", "InterfaceError") and "psycopg" in type(exc).__module__


def _add_error_handlers(app: FastAPI) -> None:
    """Request bodies FastAPI cannot parse (deep nesting, huge integers) are 422 naming the body."""
    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, exc: RecursionError) -> Response:
        return JSONResponse({"detail": "request body: nested too deeply"}, 422)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()
        ]
        return JSONResponse({"detail": _safe_json(errors)}, 422)


def _safe_json(value: Any) -> Any:
    """Validation errors may echo input holding lone surrogates: make every string encodable."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, list | tuple):
        return [_safe_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _safe_json(v) for k, v in value.items()}
    return value


def _event_record(ev: Any) -> dict[str, Any]:
    """The coder's record plus the actors' spans (what the highlighter needs)."""
    rec = ev.to_record()
    rec["actor1_start"], rec["actor1_end"] = ev.actor1.start, ev.actor1.end
    a2 = ev.actor2
    rec["actor2_start"], rec["actor2_end"] = (a2.start, a2.end) if a2 else (None, None)
    return rec
