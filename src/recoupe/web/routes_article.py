"""The article page (highlighted cleaned text) and its raw text with cleaning marks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from recoupe.model import to_dict
from recoupe.web.contexts import api_data, article_context, raw_article_context
from recoupe.web.routes_stories import csv_response, jsonl_response, web_of

__all__ = ["router"]

router = APIRouter()

Highlight = Annotated[str | None, Query(max_length=24, pattern=r"^\d+-\d+$", description="START-END to highlight")]


@router.get("/articles/{article_id}", response_class=HTMLResponse, summary="Article page")
def article_page(request: Request, article_id: str, hl: Highlight = None) -> Any:
    web = web_of(request)
    page = article_context(web.reader(), article_id, hl=hl, limit=web.web.max_display_chars)
    return web.render(request, "article.html", page)


@router.get("/articles/{article_id}/raw", response_class=HTMLResponse, summary="Raw text with cleaning marks")
def raw_page(request: Request, article_id: str) -> Any:
    web = web_of(request)
    return web.render(request, "raw.html", raw_article_context(web.reader(), article_id,
                                                               limit=web.web.max_display_chars))


@router.get("/api/articles/{article_id}", summary="Article record, analysis, story and copy group")
def article_api(request: Request, article_id: str) -> Any:
    store = web_of(request).reader()
    article = store.article(article_id)
    group = store.group_of(article_id)
    analysis = store.analysis(article_id)
    return {"article": to_dict(article), "analysis": to_dict(analysis) if analysis else None,
            "story_id": store.story_of(article_id), "group": to_dict(group) if group else None}


def _article_rows(request: Request, outlet: str, language: str, story_id: str) -> Any:
    web = web_of(request)
    store, offset = web.reader(), 0
    while offset < web.web.export_max_rows:
        rows = store.list_articles(limit=500, offset=offset, outlet=outlet or None, lang=language or None,
                                   story_id=story_id or None)
        yield from (api_data(row) for row in rows)
        if len(rows) < 500:
            return
        offset += 500


Str = Annotated[str, Query(max_length=200)]


@router.get("/api/articles", summary="Articles, newest first (outlet, language, story filters)")
def articles_api(request: Request, outlet: Str = "", language: Str = "", story_id: Str = "",
                 limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0)] = 0) -> Any:
    rows = web_of(request).reader().list_articles(limit=limit, offset=offset, outlet=outlet or None,
                                                  lang=language or None, story_id=story_id or None)
    return {"articles": api_data(rows), "next_offset": offset + limit if len(rows) == limit else None}


@router.get("/api/articles.jsonl", summary="Export articles as JSON Lines")
def articles_jsonl(request: Request, outlet: Str = "", language: Str = "", story_id: Str = "") -> Any:
    return jsonl_response(_article_rows(request, outlet, language, story_id), "articles")


@router.get("/api/articles.csv", summary="Export articles as CSV")
def articles_csv(request: Request, outlet: Str = "", language: Str = "", story_id: Str = "") -> Any:
    return csv_response(_article_rows(request, outlet, language, story_id), "articles")
