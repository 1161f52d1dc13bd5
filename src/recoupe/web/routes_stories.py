"""The stories list (/), search, and their JSON twins and exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from recoupe.store import web_queries as wq
from recoupe.web.app import Web
from recoupe.web.contexts import StoryFilters, api_response, stories_context

__all__ = ["router", "csv_cell"]

router = APIRouter()


def web_of(request: Request) -> Web:
    return request.app.state.web  # type: ignore[no-any-return]


def story_filters(
    q: Annotated[str, Query(max_length=500, description="words searched in articles, quotes and facts")] = "",
    entity: Annotated[str, Query(max_length=200)] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    lang: Annotated[str, Query(max_length=8, alias="language")] = "",
    date_from: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")] = "",
    date_to: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")] = "",
    has_contradictions: bool = False,
) -> StoryFilters:
    return StoryFilters(q, entity, outlet, lang, date_from, date_to, has_contradictions)


Filters = Annotated[StoryFilters, Depends(story_filters)]
Cursor = Annotated[str | None, Query(max_length=120, description="next_cursor of the previous page")]
Limit = Annotated[int | None, Query(ge=1, le=500)]


@router.get("/", response_class=HTMLResponse, summary="Stories page")
def stories_page(request: Request, filters: Filters, cursor: Cursor = None, limit: Limit = None) -> Any:
    web = web_of(request)
    page = stories_context(web.reader(), filters, cursor, limit=limit or web.web.page_size,
                           search_limit=web.web.search_limit, outlets=web.outlet_names(),
                           match_cap=web.web.search_match_cap)
    return web.render(request, "stories.html", page)


@router.get("/api/stories", summary="Stories, newest first, filtered; keyset pages via next_cursor")
def stories_api(request: Request, filters: Filters, cursor: Cursor = None, limit: Limit = None) -> Any:
    web = web_of(request)
    page = stories_context(web.reader(), filters, cursor, limit=limit or web.web.page_size,
                           search_limit=web.web.search_limit, outlets=web.outlet_names(),
                           match_cap=web.web.search_match_cap)
    return api_response(page)


@router.get("/api/search", summary="Best matches among articles, quotes and fact labels")
def search_api(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> Any:
    return api_response(wq.search(web_of(request).reader(), q, limit=limit))


def _story_dicts(web: Web, filters: StoryFilters) -> Iterator[dict[str, Any]]:
    store, cursor, sent = web.reader(), None, 0
    while sent < web.web.export_max_rows:
        page = wq.page_stories(
            store, limit=500, cursor=wq.StoryCursor.decode(cursor), query=filters.q or None,
            entity=filters.entity or None, outlet=filters.outlet or None, lang=filters.lang or None,
            date_from=filters.date_from or None, date_to=filters.date_to or None,
            has_contradictions=filters.has_contradictions, match_cap=web.web.search_match_cap)
        for row in page.rows:
            yield {"id": row.id, "label": row.label, "first_seen": row.first_seen, "last_seen": row.last_seen,
                   "n_articles": row.n_articles, "outlets": list(row.outlets), "languages": list(row.languages),
                   "status_counts": row.status_counts}
            sent += 1
        if not page.next_cursor:
            return
        cursor = page.next_cursor


def csv_cell(value: Any) -> str:
    """A CSV cell: lists joined with '|', dicts as JSON; a leading = + - @ is quoted off
    so a spreadsheet never runs it as a formula."""
    if isinstance(value, (list, tuple)):
        value = "|".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def jsonl_response(rows: Iterator[dict[str, Any]], name: str) -> StreamingResponse:
    lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return StreamingResponse(lines, media_type="application/x-ndjson",
                             headers={"Content-Disposition": f'attachment; filename="{name}.jsonl"'})


def csv_response(rows: Iterator[dict[str, Any]], name: str) -> StreamingResponse:
    def lines() -> Iterator[str]:
        header: list[str] | None = None
        for row in rows:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            if header is None:
                header = list(row)
                writer.writerow(header)
            writer.writerow([csv_cell(row.get(k)) for k in header])
            yield buffer.getvalue()
    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@router.get("/api/stories.jsonl", summary="Export the filtered stories as JSON Lines")
def stories_jsonl(request: Request, filters: Filters) -> Any:
    return jsonl_response(_story_dicts(web_of(request), filters), "stories")


@router.get("/api/stories.csv", summary="Export the filtered stories as CSV")
def stories_csv(request: Request, filters: Filters) -> Any:
    return csv_response(_story_dicts(web_of(request), filters), "stories")
