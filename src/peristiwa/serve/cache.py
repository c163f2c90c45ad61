"""A response cache for the read endpoints: a GET is a pure function of its URL and the store's version.

Measured under 20 concurrent clients on two cores (``docs/web.md``), most of a cached-data request's
time was Python: FastAPI's serialisation, Jinja2 and the SVG charts. So a successful GET of a page or
read endpoint is kept, whole (status, headers, body), under its path, its query string and the
source's ``cache_key()``; when the store changes (an ingest through the API, a refreshed snapshot,
a PostgreSQL expiry) the key changes and everything cached before is dropped. The store is still
checked on every request (a vanished file is 503 at once, never a cached 200).
"""

from __future__ import annotations

import threading
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 2048  # cached responses per store version
MAX_BODY = 1024 * 1024  # larger answers are not kept
UNCACHED_PREFIXES = ("/api/code", "/try")  # coding is not a read


class ResponseCache:
    """Pure ASGI middleware (no per-request task or body copy beyond the one it keeps)."""

    def __init__(self, app: ASGIApp, access: Any) -> None:
        self.app = app
        self.access = access
        self._entries: dict[tuple[Any, ...], tuple[int, list[tuple[bytes, bytes]], bytes]] = {}
        self._version: Any = None
        self._lock = threading.Lock()

    def _key(self, scope: Scope) -> tuple[Any, ...] | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        path = scope["path"]
        if path.startswith(UNCACHED_PREFIXES):
            return None
        try:
            self.access.check()
        except Exception:  # the store is gone or unreadable: let the app answer 503
            return None
        version = self.access.source.cache_key()
        with self._lock:
            if version != self._version or len(self._entries) >= MAX_ENTRIES:
                self._entries, self._version = {}, version
        return (version, path, scope.get("query_string", b""))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        hit = self._entries.get(key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        started: dict[str, Any] = {}
        parts: list[bytes] = []

        async def keeping_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(status=message["status"], headers=list(message.get("headers", [])))
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, started, b"".join(parts))
            await send(message)

        await self.app(scope, receive, keeping_send)

    def _keep(self, key: tuple[Any, ...], started: dict[str, Any], body: bytes) -> None:
        if started.get("status") != 200 or len(body) > MAX_BODY:
            return
        with self._lock:
            if key[0] == self._version:
                self._entries[key] = (200, started["headers"], body)
