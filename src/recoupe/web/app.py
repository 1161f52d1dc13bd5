"""The FastAPI app: pages and their JSON twins over one SQLite store.

Reads use one read-only connection per worker thread (WAL: readers never block the
writer; memory-mapped, so page reads are not system calls); review writes go through one
writable `Store` behind a lock. Answered GETs are kept in a response cache until the store
changes (web/cache.py). Every response carries a strict Content-Security-Policy (no inline
script, no framing) and nosniff. Review writes need the token when one is configured, and are
refused cross-origin.
"""

from __future__ import annotations

import hmac
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import anyio.to_thread
import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from recoupe.errors import StoreError
from recoupe.settings import Settings, load_settings
from recoupe.store import Store, open_store
from recoupe.store import web_queries as wq
from recoupe.web.cache import SECURITY_HEADERS, CacheMiddleware, ResponseCache, SecurityHeadersMiddleware
from recoupe.web.story_rows import STATUS_ICONS, story_rows_html

__all__ = ["WebConfig", "Web", "create_app", "pick_lang", "CSP", "LANGUAGES", "READER_MMAP_BYTES", "READER_CACHE_KIB"]

CSP = dict(SECURITY_HEADERS)[b"content-security-policy"].decode()
LANGUAGES = ("en", "fr")
# Readers map the file (shared OS pages, not one private page cache per thread's connection) up to
# SQLite's default ceiling (SQLITE_MAX_MMAP_SIZE, 2 GiB - 64 KiB): a page past the mapped part is
# read() into the connection's cache (with 1 GiB, the stories search over the 1.2 GB bench store
# cost 11 % more CPU).
READER_MMAP_BYTES = 0x7FFF0000
READER_CACHE_KIB = 8192  # the page cache for what is not mapped: WAL pages, stores over 2 GiB
_PACKAGE = resources.files("recoupe.web")


@dataclass(frozen=True)
class WebConfig:
    db: Path
    settings: Settings
    token: str = ""  # "" = review writes need no token (loopback only; `serve` enforces it)


class Web:
    """What routes share: config, stores, templates, interface text."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.web = config.settings.web
        timeout = config.settings.store.busy_timeout_ms
        self._writer = open_store(config.db, busy_timeout_ms=timeout)  # creates or migrates the schema
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._readers: list[Store] = []
        self._readers_lock = threading.Lock()
        self._outlets: tuple[float, tuple[str, ...]] | None = None
        self._writes = 0  # review writes by this process: part of the store version
        self._version_conn: Store | None = None
        self._version_lock = threading.Lock()
        self.cache = ResponseCache(self.web.cache_entries, self.web.cache_mb << 20)
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_PACKAGE.joinpath("templates"))),
                                 autoescape=True, undefined=jinja2.StrictUndefined)
        self.templates = Jinja2Templates(env=env)
        self.templates.env.filters["seg"] = lambda value: quote(str(value), safe="")  # one URL path segment
        self.templates.env.globals["story_rows"] = story_rows_html
        self.templates.env.globals["STATUS_ICONS"] = STATUS_ICONS
        self.text = {lang: json.loads(_PACKAGE.joinpath("static", f"i18n-{lang}.json").read_text("utf-8"))
                     for lang in LANGUAGES}

    def outlet_names(self) -> tuple[str, ...]:
        """The outlets for the filter list, recomputed at most every 60 s (a GROUP BY over all articles)."""
        now = time.monotonic()
        if self._outlets is None or now - self._outlets[0] > 60:
            self._outlets = (now, tuple(name for name, _ in wq.outlets(self.reader(), limit=200)))
        return self._outlets[1]

    def reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.config.db, readonly=True,
                               busy_timeout_ms=self.config.settings.store.busy_timeout_ms)
            store.conn.execute(f"PRAGMA mmap_size = {READER_MMAP_BYTES}")
            store.conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
            store.conn.execute("PRAGMA query_only = 1")
            self._local.store = store
            with self._readers_lock:
                self._readers.append(store)
        return store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        try:
            with self._write_lock, self._writer.transaction():
                yield self._writer
        finally:
            self._writes += 1

    def store_version(self) -> tuple[int, int]:
        """Changes whenever any connection commits to the store (the key of cached responses).

        `PRAGMA data_version` is only comparable on one connection: this reads it on one
        connection kept for that, behind a lock (the call takes microseconds)."""
        with self._version_lock:
            if self._version_conn is None:
                self._version_conn = open_store(self.config.db, readonly=True)
            version = self._version_conn.conn.execute("PRAGMA data_version").fetchone()[0]
        return version, self._writes

    def close(self) -> None:
        with self._readers_lock:
            for store in self._readers:
                store.close()
            self._readers.clear()
        with self._version_lock:
            if self._version_conn is not None:
                self._version_conn.close()
                self._version_conn = None
        self._writer.close()

    # -------------------------------------------------------------- requests

    def lang(self, request: Request) -> str:
        return pick_lang(request.query_params.get("lang", ""), request.headers.get("accept-language", ""))

    def token_ok(self, given: str | None) -> bool:
        if not self.config.token:
            return True
        return hmac.compare_digest((given or "").encode(), self.config.token.encode())

    def render(self, request: Request, template: str, page: Any, *, status_code: int = 200) -> HTMLResponse:
        lang = self.lang(request)
        explicit = request.query_params.get("lang") in LANGUAGES

        def url(path: str, **params: Any) -> str:
            kept = {k: v for k, v in params.items() if v not in (None, "", False)}
            if explicit:
                kept["lang"] = lang
            return path + ("?" + urlencode(kept) if kept else "")

        text = self.text[lang]
        context = {"page": page, "t": text, "lang": lang, "url": url, "status_word": _status_word(text),
                   "path": request.url.path,
                   "lang_param": lang if explicit else ""}
        return self.templates.TemplateResponse(request, template, context, status_code=status_code)


def pick_lang(asked: str, accept_language: str) -> str:
    """The interface language: ?lang= when known, else the first known one the browser accepts."""
    if asked in LANGUAGES:
        return asked
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def _status_word(text: dict[str, str]) -> Any:
    def word(status: str) -> str:
        return text.get(f"status_{status}", status)
    return word


def create_app(db: str | Path, settings: Settings | None = None, *, token: str | None = None) -> FastAPI:
    """The web app over the store at `db`; `token` (else settings.web.token) guards review writes."""
    settings = settings or load_settings()
    config = WebConfig(Path(db), settings, token if token is not None else settings.web.token)
    web = Web(config)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.web.threads > 0:
            anyio.to_thread.current_default_thread_limiter().total_tokens = settings.web.threads
        yield
        web.close()

    app = FastAPI(lifespan=lifespan, title="recoupe", version="0.1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Stories, dossiers, articles, facts and reviews of a recoupe store. Every page has a "
                              "JSON twin under /api/; lists page with a `cursor`.")
    app.state.web = web

    app.add_middleware(CacheMiddleware, cache=web.cache, version=web.store_version, pick_lang=pick_lang)
    app.add_middleware(SecurityHeadersMiddleware)  # added last = outermost: cached answers get the headers too

    @app.exception_handler(StoreError)
    async def not_found(request: Request, exc: StoreError) -> Any:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return web.render(request, "error.html", {"message": str(exc)}, status_code=404)

    app.mount("/static", StaticFiles(directory=str(_PACKAGE.joinpath("static"))), name="static")
    from recoupe.web import routes_article, routes_dossier, routes_entities, routes_stories

    for module in (routes_stories, routes_dossier, routes_article, routes_entities):
        app.include_router(module.router)
    return app
