"""Whole GET responses kept in memory while the store does not change, and the security
headers every response carries; both as plain ASGI middleware (no per-request task or
thread like Starlette's BaseHTTPMiddleware).

A cached response is keyed by (store version, path, query string, interface language). The
store version is `PRAGMA data_version` read on one connection (it changes whenever another
connection commits, the pipeline's or the app's review writer) plus the app's own count of
review writes; an entry made under an older version is never served again, and falls out of
the LRU. Only 200 answers to cacheable paths are kept (exports stream and are never kept).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["CachedResponse", "ResponseCache", "CacheMiddleware", "SecurityHeadersMiddleware", "cacheable",
           "SECURITY_HEADERS"]

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]

SECURITY_HEADERS = (
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
     b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make browsers send "Origin: null"
)
_NOT_CACHED_ENDINGS = (".jsonl", ".csv")


def cacheable(path: str) -> bool:
    """Pages and JSON records; not static files (the browser caches those) nor streamed exports."""
    return not path.startswith("/static/") and not path.endswith(_NOT_CACHED_ENDINGS)


@dataclass(frozen=True)
class CachedResponse:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class ResponseCache:
    """A thread-safe LRU of responses bounded by count and by total body bytes."""

    def __init__(self, max_entries: int, max_bytes: int, max_entry_bytes: int = 1 << 20) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self._entries: OrderedDict[tuple[Any, ...], CachedResponse] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_entries > 0 and self.max_bytes > 0

    def get(self, key: tuple[Any, ...]) -> CachedResponse | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: tuple[Any, ...], entry: CachedResponse) -> None:
        if not self.enabled or len(entry.body) > self.max_entry_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = entry
            self._bytes += len(entry.body)
            while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._entries)


def _query_lang(query_string: bytes) -> str:
    for name, value in parse_qsl(query_string.decode("latin-1")):
        if name == "lang":
            return value
    return ""


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or ():
        if key == name:
            return value.decode("latin-1")
    return ""


class CacheMiddleware:
    """Serves a kept response for a GET the app already answered under the same store version.

    `version()` gives the store version; `pick_lang(query_lang, accept_language)` the interface
    language the app would choose (part of the key: the HTML differs by language)."""

    def __init__(self, app: Any, cache: ResponseCache, version: Callable[[], Any],
                 pick_lang: Callable[[str, str], str]) -> None:
        self.app = app
        self.cache = cache
        self.version = version
        self.pick_lang = pick_lang

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET" or not self.cache.enabled
                or not cacheable(scope["path"])):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        lang = self.pick_lang(_query_lang(query), _header(scope, b"accept-language"))
        key = (self.version(), scope["path"], query, lang)
        hit = self.cache.get(key)
        if hit is not None:
            await send({"type": "http.response.start", "status": hit.status, "headers": list(hit.headers)})
            await send({"type": "http.response.body", "body": hit.body})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    headers = tuple((bytes(k), bytes(v)) for k, v in start.get("headers", ()))
                    self.cache.put(key, CachedResponse(200, headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, keep)


def _same_origin(scope: Scope) -> bool:
    origin = _header(scope, b"origin")
    if not origin or origin == "null":
        return not any(k == b"origin" for k, _ in scope.get("headers") or ())
    return urlsplit(origin).netloc == _header(scope, b"host")


class SecurityHeadersMiddleware:
    """Adds the CSP and friends to every response; refuses cross-origin writes."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not _same_origin(scope):
            body = b'{"detail":"cross-origin write refused"}'
            await send({"type": "http.response.start", "status": 403, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": body})
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", ()) if bytes(k).lower() not in names]
                message = {**message, "headers": [*kept, *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)
